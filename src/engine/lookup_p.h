// SPDX-License-Identifier: MIT
#ifndef QARES_ENGINE_LOOKUP_P_H
#define QARES_ENGINE_LOOKUP_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//
// A lookup and its sinks: what the engine keeps per lookup from its start
// until c-ares is done with it and its result was delivered.
//

#include "aresrecord.h"
#include "areshostinfo.h"
#include "aresnameinfo.h"
#include "cares/areschannel_p.h"

#include <QtCore/qfutureinterface.h>
#include <QtCore/qobject.h>
#include <QtCore/qpromise.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

class AresReply;

namespace QAresPrivate {

/*! Carries the result to a receiver/functor of the QHostInfo-style API. */
class HostInfoEmitter : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void resultsReady(const AresHostInfo &info);
};

/*! Carries the result to the functor of a name-info lookup with a context object. */
class NameInfoEmitter : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void resultsReady(const AresNameInfo &info);
};

/*!
    What a name-info lookup keeps besides a Lookup's fields: allocated only
    for those (a host lookup's Lookup pays one null pointer for it). The
    host name and the service travel in the result (AresNameInfo) itself.
*/
struct NameInfoState
{
    AresNameInfo result; // address, port and flags from the start; names when found
    std::optional<QPromise<AresNameInfo>> promise;
    NameInfoEmitter *emitter = nullptr; // owned until delivered
    ~NameInfoState() { delete emitter; }
};

/*!
    The sink shared by the lookups of one lookupHosts() or queryNames() call:
    one future for all of them (result i at index i) and the count of
    lookups not yet delivered. Allocated once per call; deleted by the
    delivery of its last lookup, after its future finished. A lookup's
    pointer to it is cleared when the lookup is delivered.

    The results of one delivery pass are collected (add()) and reported
    together at its end (flush()), sorted, as runs of consecutive indexes:
    one QFutureInterface::reportResults() per run instead of one
    addResult() per lookup (each of which takes the future's mutex and adds
    a node to Qt's result map). A watcher still sees resultReadyAt() for
    each index.
*/
struct LookupBatch
{
    virtual ~LookupBatch() = default;
    virtual bool isCanceled() const = 0;
    //! Reports the results collected since the last flush.
    virtual void flush() = 0;
    //! Flushes and finishes the future (may run continuations).
    virtual void finish() = 0;

    int left = 0;             // lookups of the batch not yet delivered
    int flushIndex = -1;      // its place in AresResolverPrivate::m_batchesToFlush, -1 if not there
    size_t liveIndex = 0;     // its place in AresResolverPrivate::m_batches (O(1) removal)
    bool recordSets = false;  // a LookupBatchOf<AresRecordSet> (queryNames())
};

template <typename T>
struct LookupBatchOf final : LookupBatch
{
    // QPromise has no addResults() in Qt 6.4: results are reported through
    // the interface it shares; the promise gives the destructor's
    // semantics (destroyed unfinished, the future finishes canceled).
    QFutureInterface<T> state;
    QPromise<T> promise { state };
    std::vector<std::pair<int, T>> pending; // collected, not yet reported (capacity kept)
    int reported = 0;                       // results reported: the future's progress value

    LookupBatchOf() { recordSets = std::is_same_v<T, AresRecordSet>; }

    bool isCanceled() const override { return state.isCanceled(); }
    void add(int index, const T &result) { pending.emplace_back(index, result); }
    void flush() override
    {
        if (pending.empty())
            return;
        std::sort(pending.begin(), pending.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t i = 0; i < pending.size();) {
            size_t end = i + 1;
            while (end < pending.size() && pending[end].first == pending[end - 1].first + 1)
                ++end;
            if (end - i == 1) {
                // By const reference: Qt 6.4's rvalue reportResult() announces a
                // result only once every result before its index is in
                // (resultReadyAt() would not stream in completion order).
                state.reportResult(std::as_const(pending[i].second), pending[i].first);
            } else {
                QList<T> run;
                run.reserve(qsizetype(end - i));
                for (size_t k = i; k < end; ++k)
                    run.append(std::move(pending[k].second));
                state.reportResults(run, pending[i].first);
            }
            i = end;
        }
        reported += int(pending.size());
        state.setProgressValue(reported); // of 0..N, set at the start: a progress bar follows
        pending.clear();
    }
    void finish() override
    {
        flush();
        promise.finish();
    }
};

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
    bool recordsSet = false;    // records filled in (from the reply); otherwise made from the question
    bool nameChecked = false;   // admitted: its name was checked (AresResolverPrivate::admit())
    bool toSignal = false;      // submit…(): delivered through the resolver's hostLookupFinished()/queryFinished()
    bool aceIsHostName = false; // host lookup: CheckedName::aceIsHostName (the name needs no hostNameFromAce())
    bool submitted = false;     // handed to c-ares (at submittedUs)
    int batchIndex = 0;         // with batch: its result's index
    quint32 submittedUs = 0;    // monotonic us (wraps after 71 min) at submit()
    quint32 startedUs = 0;      // monotonic us at createLookup() (was padding: no larger)
    QString unicodeName;
    std::optional<QHostAddress> address; // reverse lookups (a default QHostAddress allocates)
    qint64 deadlineAt = 0; // monotonic ms (CLOCK_MONOTONIC, > 0), 0 = none
    void *chunk = nullptr;  // LookupTable's slab chunk holding this Lookup
    AresHostInfo result;   // record queries: the error travels here
    AresRecordSet records; // record queries

    // Exactly one sink (or none but toSignal).
    // QFuture::cancel() is noticed by sweepCanceled() and pump(), not by a
    // QFutureWatcher per lookup (a QObject, a connect and posted events each).
    AresReply *reply = nullptr; // cleared by ~AresReply()
    HostInfoEmitter *emitter = nullptr;
    std::optional<QPromise<AresHostInfo>> promise;
    std::optional<QPromise<AresRecordSet>> recordPromise;
    LookupBatch *batch = nullptr; // shared with the other lookups of its lookupHosts()/queryNames()
    std::unique_ptr<NameInfoState> nameInfo; // Kind::NameInfo only (its sinks but reply and toSignal)

    bool isRecordQuery() const { return kind == Kind::Query || kind == Kind::Search; }
    bool isCanceled() const
    {
        return (promise && promise->isCanceled()) || (recordPromise && recordPromise->isCanceled())
                || (batch && batch->isCanceled())
                || (nameInfo && nameInfo->promise && nameInfo->promise->isCanceled());
    }
};

} // namespace QAresPrivate

#endif // QARES_ENGINE_LOOKUP_P_H
