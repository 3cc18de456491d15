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

class AresReply;
class AresResolver;

class AresReplyPrivate
{
public:
    AresResolver *resolver = nullptr; // null once detached; a reply never outlives it
    AresHostInfo info;
    AresRecordSet records;
    AresNameInfo nameInfo; // name-info lookups
    int id = 0;
    bool finished = false;
    // The resolver's list of live replies (O(1) unlink; see AresReply).
    AresReply *prev = nullptr;
    AresReply *next = nullptr;
};

#endif // QARES_ENGINE_ARESREPLY_P_H
