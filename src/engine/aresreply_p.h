// SPDX-License-Identifier: MIT
#ifndef QARES_ENGINE_ARESREPLY_P_H
#define QARES_ENGINE_ARESREPLY_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "areshostinfo.h"
#include "aresnameinfo.h"
#include "aresrecord.h"
#include "engine/sink_p.h"

class AresReply;
class AresResolver;

/*!
    An AresReply's state, and the sink of its lookup (no object of its own
    per reply): deliver() fills in the results and emits finished(). A
    reply deleted before it finished is detached from its lookup first.
*/
class AresReplyPrivate final : public QAresPrivate::Sink
{
public:
    explicit AresReplyPrivate(AresReply *q) : q(q) { }
    Shape shape() const override { return Shape::Reply; }
    void deliver(QAresPrivate::Result &&result, int index) override;

    AresReply *const q;
    AresResolver *resolver = nullptr; // null once detached; a reply never outlives it
    AresHostInfo info; // host lookups; the name (or address) and the error for the other kinds
    AresRecordSet records;
    AresNameInfo nameInfo; // name-info lookups
    int id = 0;
    bool finished = false;
    // The resolver's list of live replies (O(1) unlink; see AresReply).
    AresReply *prev = nullptr;
    AresReply *next = nullptr;
};

#endif // QARES_ENGINE_ARESREPLY_P_H
