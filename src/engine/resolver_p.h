// SPDX-License-Identifier: MIT
#ifndef QARES_ENGINE_RESOLVER_P_H
#define QARES_ENGINE_RESOLVER_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "aresrecord.h"
#include "aresresolver.h"
#include "cache/dnscache_p.h"
#include "cares/areschannel_p.h"
#include "engine/aresreply_p.h"
#include "engine/batchfeed_p.h"
#include "engine/inflightwindow_p.h"
#include "engine/lookup_p.h"
#include "engine/lookuptable_p.h"
#include "engine/systemconfig_p.h"

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

#include <QtCore/qloggingcategory.h>

class AresHostInfoPrivate;

Q_DECLARE_LOGGING_CATEGORY(lcAres)

class AresResolverPrivate final : public QAresPrivate::ChannelListener
{
public:
    using Lookup = QAresPrivate::Lookup;

    explicit AresResolverPrivate(AresResolver *q);

    bool applyOptions(const AresOptions &options);
    // Follows resolv.conf and the hosts file the channel read (AresOptions::
    // watchSystemConfiguration()): a change makes a fresh channel of the same
    // options, lookups in c-ares finish on the old one.
    void watchSystemFiles();
    void setWatchedFiles(const QStringList &files);
    void systemFileChanged(const QString &path);
    bool reloadSystemConfiguration(const char *reason);
    /*!
        A new lookup of \a kind whose result goes to \a sink (at \a index:
        batches), or nowhere if null (see Sink). Counts a future's sink for
        the cancel sweep; \a counted: a new lookup (pendingLookups()), one
        made from a BatchFeed was counted by its call.
    */
    Lookup *createLookup(Lookup::Kind kind, QAresPrivate::Sink *sink, int index = 0,
                         bool counted = true);
    // A lookup's start is in two steps: setUp…() takes the request as given
    // (the name unchecked, kept as is), start…() also queues it. Its name is
    // checked when it enters the query window (admit()).
    void setUpHost(Lookup *lookup, const QString &name, AresResolver::Family family);
    void startHost(Lookup *lookup, const QString &name, AresResolver::Family family);
    void setUpHostRequest(Lookup *lookup, const QString &name, const AresHostRequest &request);
    void startHostRequest(Lookup *lookup, const QString &name, const AresHostRequest &request);
    void startAddress(Lookup *lookup, const QHostAddress &address);
    // Finishes \a lookup if it cannot start: the resolver is being destroyed,
    // or \a address is neither IPv4 nor IPv6 (\a invalidText, a
    // QT_TRANSLATE_NOOP of the context "AresResolver"). True if it did.
    bool rejectAddress(Lookup *lookup, const QHostAddress &address, const char *invalidText);
    void setUpRecordQuery(Lookup *lookup, const QString &name, AresRecord::Type type);
    void startRecordQuery(Lookup *lookup, const QString &name, AresRecord::Type type);
    void startNameInfo(Lookup *lookup, const QHostAddress &address, quint16 port,
                       AresNameInfo::Flags flags);
    void promiseAttached();
    void attachBatch(QAresPrivate::BatchSink *batch, int lookups);
    // A batch's result collected (BatchSink::collected()): true for its last.
    bool batchCollected(QAresPrivate::BatchSink *batch);
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
        auto run = [this, kind, start](QPromise<T> &&promise) {
            start(createLookup(kind, new QAresPrivate::FutureSink<T>(std::move(promise))));
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
        One lookup per name of \a names, all reporting to one future: the
        result of names[i] at index i. On the resolver's thread (at once when
        called there, otherwise queued to it) the names join the queue as one
        BatchFeed; each name's lookup is made, and set up by
        \a setUp(lookup, name), when it reaches the head of the queue.
    */
    template <typename T, typename SetUp>
    QFuture<T> startBatch(Lookup::Kind kind, const QStringList &names, SetUp setUp)
    {
        auto batch = std::make_unique<QAresPrivate::BatchSinkOf<T>>();
        batch->promise.start();
        batch->state.setProgressRange(0, int(names.size()));
        QFuture<T> future = batch->promise.future();
        if (names.isEmpty()) {
            batch->promise.finish();
            return future;
        }
        // Without the resolver's thread running it (the resolver was
        // destroyed first), the batch's promise is destroyed unfinished:
        // the future finishes canceled.
        auto run = [this, kind, names, setUp](QAresPrivate::BatchSink *sink) {
            attachBatch(sink, int(names.size()));
            enqueueFeed(kind, names, sink, setUp);
        };
        if (QThread::currentThread() == q->thread()) {
            run(batch.release());
        } else {
            auto held = std::make_shared<std::unique_ptr<QAresPrivate::BatchSinkOf<T>>>(
                    std::move(batch));
            QMetaObject::invokeMethod(
                    q, [run, held] { run(held->release()); }, Qt::QueuedConnection);
        }
        return future;
    }
    /*!
        A lookup of \a kind delivered to \a sink, started by \a start(lookup)
        on the calling thread (the resolver's); returns its id (read first:
        \a start may finish it).
    */
    template <typename Start>
    int startWithSink(Lookup::Kind kind, QAresPrivate::Sink *sink, Start start)
    {
        Lookup *lookup = createLookup(kind, sink);
        const int id = lookup->id;
        start(lookup);
        return id;
    }
    /*! submit…(): startWithSink() to the resolver's signals. */
    template <typename Start>
    int submitToSignal(Lookup::Kind kind, Start start)
    {
        return startWithSink(kind, &m_signalSink, start);
    }
    /*! start…(): a lookup delivered to the AresReply returned, started by \a start(lookup). */
    template <typename Start>
    AresReply *startWithReply(Lookup::Kind kind, Start start)
    {
        Lookup *lookup = createLookup(kind, nullptr);
        AresReply *reply = attachReply(lookup);
        start(lookup);
        return reply;
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
    std::unique_ptr<QAresPrivate::Cache::DnsCache> m_cache; // null when off; outlives the channels
    void configureCache(const AresOptions &options); // engine/resolvercache.cpp
    std::unique_ptr<QAresPrivate::Channel> m_channel;
    std::vector<std::unique_ptr<QAresPrivate::Channel>> m_retiredChannels; // draining old configurations
    std::shared_ptr<QAresPrivate::SystemConfigWatcher> m_systemWatch; // the thread's, while watching
    QStringList m_watchedFiles;
    QAresPrivate::LookupTable m_lookups;
    // Pointers, not ids (no hash lookups): a Lookup is freed only when it is
    // delivered, out of c-ares and out of m_queue (see release()); it is in
    // m_completed exactly once, until delivered.
    // An entry of m_queue: a lookup, or the names of a lookupHosts()/queryNames()
    // call not yet made into lookups (exactly one of the two is set).
    struct Queued
    {
        Lookup *lookup = nullptr;
        QAresPrivate::BatchFeed *feed = nullptr;
    };
    std::deque<Queued> m_queue;       // waiting for room under the query window
    std::vector<QAresPrivate::BatchFeed *> m_feeds; // those in m_queue (owned), for their deadlines
    std::deque<Lookup *> m_completed; // finished, waiting for delivery
    using Deadline = std::pair<qint64, int>;
    // Deadlines are due in submission order while the deadline option stays
    // the same: a FIFO (O(1), no heap). One due earlier than the FIFO's last
    // (the option was shortened) goes to the heap.
    std::deque<Deadline> m_deadlineFifo;
    std::priority_queue<Deadline, std::vector<Deadline>, std::greater<Deadline>> m_deadlines;
    QTimer m_deadlineTimer;
    qint64 m_deadlineTimerDue = 0; // monotonic ms m_deadlineTimer was started for
    qint64 m_deadlineTimerSlack = 0; // how late (ms) it may fire without the thread being blocked
    bool m_deadlineGrace = false; // it runs for the grace after a blocked thread, see onDeadlineTimer()
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
    std::vector<QAresPrivate::BatchSink *> m_batchesToFlush;
    std::vector<QAresPrivate::BatchSink *> m_batches; // unfinished, each one of m_promisesPending
    QAresPrivate::SignalSink m_signalSink { q }; // submit…()'s, shared by their lookups
    bool m_deliveryScheduled = false;
    bool m_destroying = false;

private:
    void enqueue(Lookup *lookup);
    void enqueueFeed(Lookup::Kind kind, const QStringList &names, QAresPrivate::BatchSink *sink,
                     std::function<void(Lookup *, const QString &)> setUp);
    Lookup *makeFeedLookup(QAresPrivate::BatchFeed *feed);
    void dropFeed(QAresPrivate::BatchFeed *feed);
    void endFeeds(AresError error, const QString &errorString, qint64 dueBy);
    bool admit(Lookup *lookup);
    void pump();
    void submit(Lookup *lookup);
    void sampleRoundTrip(Lookup *lookup, const QAresPrivate::ChannelResult &result);
    void finish(Lookup *lookup, AresError error, const QString &errorString, int status = 0);
    void markFinished(Lookup *lookup);
    void stampTimes(Lookup *lookup);
    AresHostInfo &resultOf(Lookup *lookup);
    AresHostInfoPrivate *resultPrivate(Lookup *lookup); // resultOf(), unshared, to fill in
    void deliverCompleted();
    void deliver(Lookup *lookup);
    void flushBatches();
    void release(Lookup *lookup);
    void clearQueue(bool feedsToo = true);
    void armDeadline(Lookup *lookup);
    void armDeadlineAt(qint64 due, int id); // id 0: a BatchFeed's
    qint64 deadlineFromNow() const; // the deadline of a lookup started now, monotonic ms; 0 = none
    void onDeadlineTimer();
    void startDeadlineTimer(qint64 now, qint64 ms);
    qint64 nextDeadline() const; // monotonic ms of the earliest deadline, -1 if none
    void armCancelSweep(std::chrono::milliseconds interval);
    void sweepCanceled();
    void dropIdleChannels();
    void recordQueryDone(Lookup *lookup, QAresPrivate::ChannelResult &&result);
    void nameInfoDone(Lookup *lookup, const QAresPrivate::ChannelResult &result);
    AresRecordSet &recordSetOf(Lookup *lookup); // made from the question if not yet filled in
};

#endif // QARES_ENGINE_RESOLVER_P_H
