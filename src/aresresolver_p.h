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

#include <deque>
#include <memory>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

namespace QAresPrivate {

/*! Carries the result to a receiver/functor of the QHostInfo-style API. */
class HostInfoEmitter : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void resultsReady(const AresHostInfo &info);
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
    quint32 submittedUs = 0;    // monotonic us (wraps after 71 min) at submit(), when the window adapts
    QString unicodeName;
    std::optional<QHostAddress> address; // reverse lookups (a default QHostAddress allocates)
    qint64 deadlineAt = 0; // m_clock ms, 0 = none
    AresHostInfo result;   // record queries: the error travels here
    AresRecordSet records; // record queries

    // Exactly one sink.
    // QFuture::cancel() is noticed by sweepCanceled() and pump(), not by a
    // QFutureWatcher per lookup (a QObject, a connect and posted events each).
    AresReply *reply = nullptr; // cleared by ~AresReply()
    HostInfoEmitter *emitter = nullptr;
    std::optional<QPromise<AresHostInfo>> promise;
    std::optional<QPromise<AresRecordSet>> recordPromise;

    bool isRecordQuery() const { return kind == Kind::Query || kind == Kind::Search; }
    bool isCanceled() const
    {
        return (promise && promise->isCanceled()) || (recordPromise && recordPromise->isCanceled());
    }
};

/*!
    A Lookup stored in its hash node: one allocation per lookup instead of
    two. Nodes never move, so Lookup pointers stay valid; get() and -> read
    as with the unique_ptr this replaces.
*/
struct LookupSlot
{
    Lookup lookup;
    Lookup *get() { return &lookup; }
    Lookup *operator->() { return &lookup; }
    const Lookup *operator->() const { return &lookup; }
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
    std::unordered_map<int, QAresPrivate::LookupSlot> m_lookups;
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
    QElapsedTimer m_clock;
    int m_queriesInFlight = 0;
    QAresPrivate::InFlightWindow m_window; // the cap pump() keeps to, see AresOptions::adaptiveQueryWindow()
    bool m_submitting = false; // in a c-ares submit call: an answer now is no round-trip sample
    int m_undelivered = 0;
    int m_lastId = 0;
    bool m_idsWrapped = false;
    AresReply *m_replies = nullptr; // live replies, owned (deleted in shutdown())
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
    void deliverCompleted();
    void deliver(Lookup *lookup);
    void release(Lookup *lookup);
    void clearQueue();
    void armDeadline(Lookup *lookup);
    void onDeadlineTimer();
    qint64 nextDeadline() const; // m_clock ms of the earliest deadline, -1 if none
    void armCancelSweep(std::chrono::milliseconds interval);
    void sweepCanceled();
    void dropIdleChannels();
    void recordQueryDone(Lookup *lookup, QAresPrivate::ChannelResult &&result);
    AresRecordSet takeRecordSet(Lookup *lookup);
};

#endif // ARESRESOLVER_P_H
