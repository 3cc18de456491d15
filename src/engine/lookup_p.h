// SPDX-License-Identifier: MIT
#ifndef QARES_ENGINE_LOOKUP_P_H
#define QARES_ENGINE_LOOKUP_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//
// A lookup: what the engine keeps per lookup from its start until c-ares is
// done with it and its result was delivered to its sink.
//

#include "cares/areschannel_p.h"
#include "engine/sink_p.h"

#include <optional>
#include <variant>

namespace QAresPrivate {

/*!
    One lookup. Lives in AresResolverPrivate::m_lookups until it has been
    delivered and c-ares has called back for it (c-ares holds a pointer to it
    as its callback argument until then).
*/
struct Lookup : ChannelRequest
{
    enum class Kind : quint8 { Host, Address, Query, Search, NameInfo };

    // Ordered for size (up to 50,000 of these wait in the queue in a burst).
    int id = 0;
    int weight = 1; // DNS queries it keeps in flight
    Kind kind = Kind::Host;
    Channel::Family family = Channel::Family::Any;
    quint16 queryType = 0; // record queries
    bool inCares = false;  // submitted, callback not yet received
    bool queued = false;   // in m_queue (which holds pointers: freed only once out of it)
    bool finished = false; // result decided, waiting for or past delivery
    bool delivered = false;
    bool resultStarted = false; // see AresResolverPrivate::resultOf()
    bool aceIsUnicode = false;  // ASCII name: ChannelRequest::name is made from unicodeName at submit()
    bool recordsSet = false;    // recordSet() filled in (reply, error); else made from the question
    bool nameChecked = false;   // admitted: its name was checked (AresResolverPrivate::admit())
    bool aceIsHostName = false; // host lookup: CheckedName::aceIsHostName (the name needs no hostNameFromAce())
    bool submitted = false;     // handed to c-ares (at submittedUs)
    quint8 transport = 0;       // DiagnosticsAccess::transportByte() of c-ares's answer
    int sinkIndex = 0;          // the index sink->deliver() gets (a batch's result index)
    quint32 submittedUs = 0;    // monotonic us (wraps after 71 min) at submit()
    quint32 startedUs = 0;      // monotonic us at createLookup() (was padding: no larger)
    QString unicodeName;
    std::optional<QHostAddress> address; // reverse lookups (a default QHostAddress allocates)
    qint64 deadlineAt = 0; // monotonic ms (CLOCK_MONOTONIC, > 0), 0 = none
    void *chunk = nullptr;  // LookupTable's slab chunk holding this Lookup
    // The result, filled in as it is decided (an AresHostInfo, AresRecordSet
    // or AresNameInfo by kind: see LookupTable::insert()); each holds its error.
    Result result;
    // Where the result goes (see Sink); null: nowhere (the reply was
    // deleted, the receiver aborted). Cleared when delivered.
    // QFuture::cancel() is noticed by sweepCanceled() and pump(), not by a
    // QFutureWatcher per lookup (a QObject, a connect and posted events each).
    Sink *sink = nullptr;

    AresHostInfo &hostInfo() { return *std::get_if<AresHostInfo>(&result); }
    AresRecordSet &recordSet() { return *std::get_if<AresRecordSet>(&result); }
    AresNameInfo &nameInfo() { return *std::get_if<AresNameInfo>(&result); }
    bool isRecordQuery() const { return kind == Kind::Query || kind == Kind::Search; }
    bool isCanceled() const { return sink && sink->isCanceled(); }
};

} // namespace QAresPrivate

#endif // QARES_ENGINE_LOOKUP_P_H
