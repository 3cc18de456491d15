// SPDX-License-Identifier: MIT
#ifndef ARESRESOLVER_P_H
#define ARESRESOLVER_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "aresinflightwindow_p.h"
#include "aresrecord.h"
#include "aresresolver.h"
#include "cares/areschannel_p.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qpointer.h>
#include <QtCore/qpromise.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

class AresHostInfoPrivate;

namespace QAresPrivate {

/*! Carries the result to a receiver/functor of the QHostInfo-style API. */
class HostInfoEmitter : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void resultsReady(const AresHostInfo &info);
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
    enum class Kind : quint8 { Host, Address, Query, Search };

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
    bool absolute = false;      // host lookup or search() of a name with a trailing dot: no search domains
    bool toSignal = false;      // submit…(): delivered through the resolver's hostLookupFinished()/queryFinished()
    bool aceIsHostName = false; // host lookup: CheckedName::aceIsHostName (the name needs no hostNameFromAce())
    int batchIndex = 0;         // with batch: its result's index
    quint32 submittedUs = 0;    // monotonic us (wraps after 71 min) at submit(), when the window adapts
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

    bool isRecordQuery() const { return kind == Kind::Query || kind == Kind::Search; }
    bool isCanceled() const
    {
        return (promise && promise->isCanceled()) || (recordPromise && recordPromise->isCanceled())
                || (batch && batch->isCanceled());
    }
};

/*!
    The live lookups, by id. Ids are handed out consecutively, so a lookup
    is found at m_ring[id - m_base]: no hashing and no node per entry.
    Released entries become null and the nulls at the front are trimmed. A
    lookup that outlives many after it (a long deadline, a dead server)
    would keep the ring as long as the ids handed out since; once the ring
    is several times longer than the lookups in it, the oldest are moved to
    m_longLived (a hash) and the ring shrinks to the live span. Lookups are
    never moved in memory (c-ares and the queue hold pointers). They live
    in chunks of ChunkSize (below); a freed slot is reused by the next
    lookup, so memory follows the peak of live lookups, and a lookup that
    lives long pins only its slot. (A plain free list of Lookup memory was
    measured first and dropped: in a burst it kept memory that malloc would
    have reused for other objects, +0.2-0.4k instructions per lookup.)
*/
class LookupTable
{
public:
    LookupTable() = default;
    ~LookupTable();
    Q_DISABLE_COPY_MOVE(LookupTable)

    /*! A new default Lookup under \a id, which must not be in the table. */
    Lookup *insert(int id);
    Lookup *find(int id) const;
    /*! Removes \a lookup (which must be in the table) and destroys it. */
    void erase(Lookup *lookup);
    bool empty() const { return m_count == 0; }
    /*! Calls \a f(Lookup *) for every lookup; \a f must not insert or erase. */
    template <typename F>
    void forEach(F &&f) const
    {
        for (Lookup *lookup : m_ring) {
            if (lookup)
                f(lookup);
        }
        for (const auto &entry : m_longLived)
            f(entry.second);
    }

private:
    // Lookups are allocated in chunks (a slab): one malloc per
    // ChunkSize lookups instead of one each. A chunk's freed slots are
    // reused; a chunk with free slots that is not the current one waits in
    // m_partial; an empty one is freed (one is kept as a spare).
    static constexpr int ChunkSize = 64;
    struct FreeSlot;
    struct Chunk;
    Lookup *allocate();
    void deallocate(Lookup *lookup);
    static Chunk *newChunk();
    static void freeChunk(Chunk *chunk);
    void moveToLongLived(size_t keep);
    void trimFront();

    Chunk *m_current = nullptr;
    Chunk *m_partial = nullptr; // doubly linked through Chunk::prev/next
    Chunk *m_spare = nullptr;

    std::deque<Lookup *> m_ring;
    int m_base = 0;          // id of m_ring.front()
    size_t m_inRing = 0;     // non-null entries of m_ring
    size_t m_count = 0;      // m_inRing + m_longLived.size()
    std::unordered_map<int, Lookup *> m_longLived;
};

} // namespace QAresPrivate

class AresReplyPrivate
{
public:
    AresResolver *resolver = nullptr; // null once detached; a reply never outlives it
    AresHostInfo info;
    AresRecordSet records;
    int id = 0;
    bool finished = false;
    // The resolver's list of live replies (O(1) unlink; see AresReply).
    AresReply *prev = nullptr;
    AresReply *next = nullptr;
};

class AresResolverPrivate final : public QAresPrivate::ChannelListener
{
public:
    using Lookup = QAresPrivate::Lookup;

    explicit AresResolverPrivate(AresResolver *q);

    bool applyOptions(const AresOptions &options);
    Lookup *createLookup(Lookup::Kind kind);
    void startHost(Lookup *lookup, const QString &name, AresResolver::Family family);
    void startAddress(Lookup *lookup, const QHostAddress &address);
    void attachPromise(Lookup *lookup, QPromise<AresHostInfo> &&promise);
    void startRecordQuery(Lookup *lookup, const QString &name, AresRecord::Type type);
    void attachPromise(Lookup *lookup, QPromise<AresRecordSet> &&promise);
    void promiseAttached();
    QFuture<AresRecordSet> recordQuery(Lookup::Kind kind, const QString &name, AresRecord::Type type);
    /*!
        A lookup of \a kind whose result goes to the returned future, started
        by \a start(lookup) on the resolver's thread: at once when called
        there, otherwise queued to it.
    */
    template <typename T, typename Start>
    QFuture<T> startWithFuture(Lookup::Kind kind, Start start)
    {
        QPromise<T> promise;
        promise.start();
        QFuture<T> future = promise.future();
        auto run = [this, kind, start](QPromise<T> &&sink) {
            Lookup *lookup = createLookup(kind);
            attachPromise(lookup, std::move(sink));
            start(lookup);
        };
        if (QThread::currentThread() == q->thread()) {
            run(std::move(promise));
        } else {
            auto shared = std::make_shared<QPromise<T>>(std::move(promise));
            QMetaObject::invokeMethod(q, [run, shared] { run(std::move(*shared)); }, Qt::QueuedConnection);
        }
        return future;
    }
    /*!
        One lookup per name of \a names, started by \a start(lookup, name) on
        the resolver's thread (at once when called there, otherwise queued to
        it), all reporting to one future: the result of names[i] at index i.
    */
    template <typename T, typename Start>
    QFuture<T> startBatch(Lookup::Kind kind, const QStringList &names, Start start)
    {
        auto batch = std::make_unique<QAresPrivate::LookupBatchOf<T>>();
        batch->promise.start();
        QFuture<T> future = batch->promise.future();
        if (names.isEmpty()) {
            batch->promise.finish();
            return future;
        }
        // Without the resolver's thread running it (the resolver was
        // destroyed first), the batch's promise is destroyed unfinished:
        // the future finishes canceled.
        auto run = [this, kind, names, start](QAresPrivate::LookupBatch *sink) {
            sink->left = int(names.size());
            sink->liveIndex = m_batches.size();
            m_batches.push_back(sink);
            promiseAttached();
            for (int i = 0; i < int(names.size()); ++i) {
                Lookup *lookup = createLookup(kind);
                lookup->batch = sink;
                lookup->batchIndex = i;
                start(lookup, names.at(i));
            }
        };
        if (QThread::currentThread() == q->thread()) {
            run(batch.release());
        } else {
            auto held = std::make_shared<std::unique_ptr<QAresPrivate::LookupBatchOf<T>>>(std::move(batch));
            QMetaObject::invokeMethod(q, [run, held] { run(held->release()); }, Qt::QueuedConnection);
        }
        return future;
    }
    /*!
        A lookup of \a kind delivered through the resolver's signals
        (submit…()), started by \a start(lookup); returns its id (read
        first: \a start may finish it).
    */
    template <typename Start>
    int submitToSignal(Lookup::Kind kind, Start start)
    {
        Lookup *lookup = createLookup(kind);
        lookup->toSignal = true;
        const int id = lookup->id;
        start(lookup);
        return id;
    }
    AresReply *attachReply(Lookup *lookup);
    void detachReply(AresReply *reply);
    void cancel(int id);
    void abortAll();
    void shutdown();

    void requestDone(QAresPrivate::ChannelRequest *request, QAresPrivate::ChannelResult &&result) override;
    void scheduleDelivery();

    AresResolver *const q;
    AresOptions m_options;
    QString m_errorString;
    std::unique_ptr<QAresPrivate::Channel> m_channel;
    std::vector<std::unique_ptr<QAresPrivate::Channel>> m_retiredChannels; // draining old configurations
    QAresPrivate::LookupTable m_lookups;
    // Pointers, not ids (no hash lookups): a Lookup is freed only when it is
    // delivered, out of c-ares and out of m_queue (see release()); it is in
    // m_completed exactly once, until delivered.
    std::deque<Lookup *> m_queue;     // waiting for room under maxQueriesInFlight
    std::deque<Lookup *> m_completed; // finished, waiting for delivery
    using Deadline = std::pair<qint64, int>;
    // Deadlines are due in submission order while the deadline option stays
    // the same: a FIFO (O(1), no heap). One due earlier than the FIFO's last
    // (the option was shortened) goes to the heap.
    std::deque<Deadline> m_deadlineFifo;
    std::priority_queue<Deadline, std::vector<Deadline>, std::greater<Deadline>> m_deadlines;
    QTimer m_deadlineTimer;
    QTimer m_cancelSweepTimer; // runs while futures are pending, see sweepCanceled()
    int m_promisesPending = 0;
    int m_queriesInFlight = 0;
    QAresPrivate::InFlightWindow m_window; // the cap pump() keeps to, see AresOptions::adaptiveQueryWindow()
    bool m_submitting = false; // in a c-ares submit call: an answer now is no round-trip sample
    int m_undelivered = 0;
    int m_lastId = 0;
    bool m_idsWrapped = false;
    AresReply *m_replies = nullptr; // live replies, owned (deleted in shutdown())
    // Batches with results collected in this delivery pass, reported at its
    // end (null: finished meanwhile, flushed then).
    std::vector<QAresPrivate::LookupBatch *> m_batchesToFlush;
    std::vector<QAresPrivate::LookupBatch *> m_batches; // not yet finished (each one of m_promisesPending)
    bool m_deliveryScheduled = false;
    bool m_destroying = false;

private:
    void enqueue(Lookup *lookup);
    void pump();
    void submit(Lookup *lookup);
    void sampleRoundTrip(Lookup *lookup, const QAresPrivate::ChannelResult &result);
    void finish(Lookup *lookup, AresError error, const QString &errorString, int status = 0);
    void markFinished(Lookup *lookup);
    AresHostInfo &resultOf(Lookup *lookup);
    AresHostInfoPrivate *resultPrivate(Lookup *lookup); // resultOf(), unshared, to fill in
    void deliverCompleted();
    void deliver(Lookup *lookup);
    static void deliverToBatch(QAresPrivate::LookupBatch *batch, int index, bool last,
                               const AresHostInfo &info, const AresRecordSet &records);
    void flushBatches();
    void release(Lookup *lookup);
    void clearQueue();
    void armDeadline(Lookup *lookup);
    void onDeadlineTimer();
    qint64 nextDeadline() const; // monotonic ms of the earliest deadline, -1 if none
    void armCancelSweep(std::chrono::milliseconds interval);
    void sweepCanceled();
    void dropIdleChannels();
    void recordQueryDone(Lookup *lookup, QAresPrivate::ChannelResult &&result);
    AresRecordSet takeRecordSet(Lookup *lookup);
};

#endif // ARESRESOLVER_P_H
