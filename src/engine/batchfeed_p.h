// SPDX-License-Identifier: MIT
#ifndef QARES_ENGINE_BATCHFEED_P_H
#define QARES_ENGINE_BATCHFEED_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "lookup_p.h"

#include <QtCore/qstringlist.h>

#include <functional>

namespace QAresPrivate {

/*!
    The names of one lookupHosts() or queryNames() call that have not yet
    left the queue. The call only makes this (the list is shared, not
    copied) and puts it in the queue; the scheduler makes the Lookup of
    each name as it reaches the head of the queue, and checks its name as
    it enters the query window, so the call costs the same for 10 names
    and for 50,000. The lookups it makes take their place in the queue:
    others started after the call wait behind all of them.

    A name's lookup counts as started (pendingLookups(), its queued time
    in AresDiagnostics, its deadline) from the call; it gets its id when
    it is made.
*/
struct BatchFeed
{
    Lookup::Kind kind = Lookup::Kind::Host;
    QStringList names;
    int next = 0;                // the index of the next name to make a lookup of
    BatchSink *sink = nullptr; // the call's future
    quint32 startedUs = 0;       // monotonic us at the call
    qint64 deadlineAt = 0;       // monotonic ms, 0 = none (each lookup's, from the call)
    // The call's deadline passed, or abortAll(): the lookups made from now
    // on finish at once, with endError.
    bool ended = false;
    AresError endError = AresError::NoError;
    QString endErrorString;
    // Prepares the lookup of one name (family, flags, the name as given);
    // does not queue it.
    std::function<void(Lookup *, const QString &)> setUp;

    bool done() const { return next >= names.size(); }
    int left() const { return int(names.size()) - next; }
};

} // namespace QAresPrivate

#endif // QARES_ENGINE_BATCHFEED_P_H
