// SPDX-License-Identifier: MIT
#include "aresresolver.h"

#include "areshostinfo_p.h"
#include "aresname_p.h"
#include "aresresolver_p.h"
#include "cares/aresstatus_p.h"

#include <QtCore/qloggingcategory.h>
#include <QtCore/qurl.h>

#include <chrono>

Q_LOGGING_CATEGORY(lcAres, "qares.resolver", QtWarningMsg)

using QAresPrivate::Channel;
using QAresPrivate::ChannelResult;
using QAresPrivate::Lookup;
using QAresPrivate::monotonicMs;
using QAresPrivate::monotonicNs;

static Channel::Family toChannelFamily(AresResolver::Family family)
{
    switch (family) {
    case AresResolver::IPv4Family:
        return Channel::Family::IPv4;
    case AresResolver::IPv6Family:
        return Channel::Family::IPv6;
    case AresResolver::AnyFamily:
        break;
    }
    return Channel::Family::Any;
}

// How often canceled futures are looked for, at least; the sweep backs off
// so that it never takes more than ~1/CancelSweepCostFactor of the time.
static constexpr std::chrono::milliseconds CancelSweepInterval(16);
static constexpr int CancelSweepCostFactor = 32;

AresResolverPrivate::AresResolverPrivate(AresResolver *q)
    : q(q), m_deadlineTimer(q), m_cancelSweepTimer(q)
{
    qRegisterMetaType<AresHostInfo>();
    m_deadlineTimer.setSingleShot(true);
    QObject::connect(&m_deadlineTimer, &QTimer::timeout, q, [this] { onDeadlineTimer(); });
    m_cancelSweepTimer.setSingleShot(true);
    QObject::connect(&m_cancelSweepTimer, &QTimer::timeout, q, [this] { sweepCanceled(); });
}

bool AresResolverPrivate::applyOptions(const AresOptions &options)
{
    QString errorString;
    auto channel = Channel::create(options, this, &errorString);
    if (!channel) {
        m_errorString = errorString;
        qCDebug(lcAres) << "options rejected:" << errorString;
        return false;
    }
    if (m_channel) {
        // Lookups already in c-ares finish on the configuration they started with.
        if (m_channel->pendingRequests() > 0)
            m_retiredChannels.push_back(std::move(m_channel));
        else
            m_channel.reset();
    }
    m_channel = std::move(channel);
    m_channel->setParent(q); // owned by m_channel; a child so that tests can inspect its timer and notifiers
    m_options = options;
    m_window.configure(options.maxQueriesInFlight(), options.adaptiveQueryWindow()); // a new channel: start over
    m_errorString.clear();
    return true;
}


Lookup *AresResolverPrivate::createLookup(Lookup::Kind kind)
{
    // Ids only repeat after 2^31 lookups; look for a free one only from then on.
    do {
        if (m_lastId == std::numeric_limits<int>::max()) {
            m_lastId = 0;
            m_idsWrapped = true;
        }
        ++m_lastId;
    } while (m_idsWrapped && m_lookups.find(m_lastId));
    Lookup *lookup = m_lookups.insert(m_lastId);
    lookup->kind = kind;
    ++m_undelivered;
    return lookup;
}

void AresResolverPrivate::attachPromise(Lookup *lookup, QPromise<AresHostInfo> &&promise)
{
    lookup->promise.emplace(std::move(promise));
    promiseAttached();
}

void AresResolverPrivate::attachPromise(Lookup *lookup, QPromise<AresRecordSet> &&promise)
{
    lookup->recordPromise.emplace(std::move(promise));
    promiseAttached();
}

void AresResolverPrivate::promiseAttached()
{
    ++m_promisesPending;
    if (!m_cancelSweepTimer.isActive())
        armCancelSweep(CancelSweepInterval);
}

void AresResolverPrivate::armCancelSweep(std::chrono::milliseconds interval)
{
    if (!m_destroying)
        m_cancelSweepTimer.start(interval);
}

// QFuture::cancel() has no public hook in Qt 6.4 but a QFutureWatcher (a
// QObject per lookup, plus call-out events posted for every state change).
// Instead, canceled futures are looked for here, every 16 ms while futures
// are pending, and by pump() before a queued lookup goes to c-ares; the
// lookup then finishes with OperationCancelledError like any other cancel.
// The sweep is O(pending lookups): its interval grows with its cost.
void AresResolverPrivate::sweepCanceled()
{
    if (m_promisesPending == 0)
        return;
    // Only batches pending (lookupHosts(), queryNames()) and none canceled:
    // one look per batch instead of one per lookup.
    if (m_promisesPending == int(m_batches.size())
        && std::none_of(m_batches.begin(), m_batches.end(),
                        [](const QAresPrivate::LookupBatch *batch) { return batch->isCanceled(); })) {
        armCancelSweep(CancelSweepInterval);
        return;
    }
    QElapsedTimer cost;
    cost.start();
    m_lookups.forEach([this](Lookup *lookup) {
        if (!lookup->finished && lookup->isCanceled())
            finish(lookup, AresError::OperationCancelledError, QStringLiteral("Operation cancelled"));
    });
    if (m_promisesPending > 0) {
        const auto spent = std::chrono::milliseconds(cost.elapsed() * CancelSweepCostFactor);
        armCancelSweep(std::max(CancelSweepInterval, spent));
    }
}


AresReply *AresResolverPrivate::attachReply(Lookup *lookup)
{
    auto *reply = new AresReply(q, lookup->id);
    lookup->reply = reply;
    reply->d->next = m_replies;
    if (m_replies)
        m_replies->d->prev = reply;
    m_replies = reply;
    return reply;
}

void AresResolverPrivate::detachReply(AresReply *reply)
{
    AresReplyPrivate *rd = reply->d.get();
    if (rd->prev)
        rd->prev->d->next = rd->next;
    else if (m_replies == reply)
        m_replies = rd->next;
    if (rd->next)
        rd->next->d->prev = rd->prev;
    rd->prev = rd->next = nullptr;
    rd->resolver = nullptr;
    if (rd->finished)
        return; // delivered: its lookup no longer points at it
    Lookup *lookup = m_lookups.find(rd->id);
    if (lookup && lookup->reply == reply)
        lookup->reply = nullptr;
}

void AresResolverPrivate::startHost(Lookup *lookup, const QString &name, AresResolver::Family family)
{
    lookup->family = toChannelFamily(family);
    lookup->weight = family == AresResolver::AnyFamily ? 2 : 1;
    if (m_destroying) {
        lookup->unicodeName = name; // reported as hostName()
        return finish(lookup, AresError::ResolverDestroyedError,
                      QStringLiteral("Resolver destroyed before the lookup could start"));
    }
    QAresPrivate::CheckedName checked = QAresPrivate::checkHostName(name);
    if (!checked.isValid()) {
        lookup->unicodeName = name; // reported as hostName()
        return finish(lookup, AresError::InvalidRequestError,
                      QStringLiteral("Invalid host name \"%1\": %2").arg(name, checked.error));
    }
    lookup->unicodeName = std::move(checked.unicode);
    // An absolute name: c-ares gets it with its trailing dot (no search domains).
    lookup->absolute = name.size() > 1 && name.endsWith(u'.');
    // An ASCII name's ACE form is the same text: a queued lookup keeps only the
    // (shared) QString, submit() converts it.
    lookup->aceIsUnicode = checked.aceIsUnicode || QLatin1String(checked.ace) == lookup->unicodeName;
    lookup->aceIsHostName = checked.aceIsHostName;
    if (!lookup->aceIsUnicode)
        lookup->name = checked.ace;
    if (checked.literal) {
        // Answered here: c-ares 1.18 sends A and AAAA queries for a literal
        // asked for with AF_UNSPEC.
        const bool v4 = checked.literal->protocol() == QAbstractSocket::IPv4Protocol;
        if ((v4 && family == AresResolver::IPv6Family) || (!v4 && family == AresResolver::IPv4Family))
            return finish(lookup, AresError::NoDataError,
                          QStringLiteral("\"%1\" is an IPv%2 address, not of the family asked for")
                                  .arg(name, v4 ? QStringLiteral("4") : QStringLiteral("6")));
        AresHostInfo &info = resultOf(lookup);
        info.setAddresses({ *checked.literal });
        info.setTtls({ -1 });
        info.setCanonicalName(lookup->unicodeName);
        return markFinished(lookup);
    }
    enqueue(lookup);
}

void AresResolverPrivate::startAddress(Lookup *lookup, const QHostAddress &address)
{
    lookup->address = address;
    if (m_destroying)
        return finish(lookup, AresError::ResolverDestroyedError,
                      QStringLiteral("Resolver destroyed before the lookup could start"));
    const auto protocol = address.protocol();
    if (protocol != QAbstractSocket::IPv4Protocol && protocol != QAbstractSocket::IPv6Protocol)
        return finish(lookup, AresError::InvalidRequestError,
                      QStringLiteral("Invalid address for a reverse lookup"));
    enqueue(lookup);
}

void AresResolverPrivate::enqueue(Lookup *lookup)
{
    armDeadline(lookup);
    lookup->queued = true;
    m_queue.push_back(lookup);
    pump();
}

void AresResolverPrivate::pump()
{
    const int cap = m_window.window();
    while (!m_queue.empty()) {
        Lookup *lookup = m_queue.front();
        if (lookup->finished) { // canceled or timed out while queued
            m_queue.pop_front();
            lookup->queued = false;
            release(lookup);
            continue;
        }
        if (lookup->isCanceled()) {
            m_queue.pop_front();
            lookup->queued = false;
            finish(lookup, AresError::OperationCancelledError, QStringLiteral("Operation cancelled"));
            continue;
        }
        if (cap > 0 && m_queriesInFlight > 0 && m_queriesInFlight + lookup->weight > cap)
            break;
        m_queue.pop_front();
        lookup->queued = false;
        submit(lookup);
    }
}

void AresResolverPrivate::submit(Lookup *lookup)
{
    if (!m_channel)
        return finish(lookup, AresError::ResolverError,
                      QStringLiteral("Resolver error (no c-ares channel: %1)").arg(m_errorString));
    if (lookup->aceIsUnicode && lookup->name.isEmpty()) {
        if (lookup->kind == Lookup::Kind::Host)
            lookup->asciiName = &lookup->unicodeName; // the channel reads the text itself
        else
            lookup->name = lookup->unicodeName.toLatin1();
    }
    lookup->inCares = true;
    m_queriesInFlight += lookup->weight;
    if (m_window.isAdaptive())
        lookup->submittedUs = quint32(monotonicNs() / 1000);
    // c-ares may call requestDone() before these return (IP literals, hosts file, bad input).
    m_submitting = true;
    if (lookup->isRecordQuery())
        m_channel->query(lookup, lookup->absolute ? lookup->name + '.' : lookup->name, lookup->queryType,
                         lookup->kind == Lookup::Kind::Search);
    else if (lookup->kind == Lookup::Kind::Host)
        m_channel->getAddrInfo(lookup, lookup->family, lookup->absolute);
    else
        m_channel->getHostByAddr(lookup, *lookup->address);
    m_submitting = false;
}

// Feeds the window a round trip (answers from the network only, on the
// current configuration) or a timeout (also a retry after one).
void AresResolverPrivate::sampleRoundTrip(Lookup *lookup, const ChannelResult &result)
{
    if (m_submitting || lookup->channel != m_channel.get())
        return;
    switch (QAresPrivate::roundTripOf(result.status, result.timeouts)) {
    case QAresPrivate::RoundTrip::Answered: {
        const qint64 now = monotonicNs();
        const qint64 rtt = qint64(quint32(quint32(now / 1000) - lookup->submittedUs)) * 1000;
        m_window.addSample(rtt, lookup->weight, m_queriesInFlight, now);
        break;
    }
    case QAresPrivate::RoundTrip::TimedOut:
        m_window.timedOut();
        break;
    case QAresPrivate::RoundTrip::None:
        break;
    }
}

// On c-ares's stack: record only.
void AresResolverPrivate::requestDone(QAresPrivate::ChannelRequest *request, ChannelResult &&result)
{
    auto *lookup = static_cast<Lookup *>(request);
    Channel *channel = lookup->channel;
    lookup->inCares = false;
    if (m_window.isAdaptive())
        sampleRoundTrip(lookup, result);
    m_queriesInFlight -= lookup->weight;

    if (!lookup->finished && lookup->isRecordQuery()) {
        recordQueryDone(lookup, std::move(result));
        scheduleDelivery();
        return;
    }
    if (!lookup->finished) {
        AresHostInfoPrivate *const info = resultPrivate(lookup);
        AresError error = QAresPrivate::errorFromStatus(result.status, result.wireRcode);
        if (error == AresError::NoError) {
            if (lookup->kind == Lookup::Kind::Host) {
                // The channel's lists are the result's: moved, not copied.
                info->addresses = std::move(result.addresses);
                info->ttls = std::move(result.ttls);
                info->aliases = std::move(result.aliases);
                if (result.canonicalName.isEmpty() && result.hostName.isEmpty() && lookup->aceIsHostName) {
                    // The name asked for, already what hostNameFromAce() would make of it.
                    info->canonicalName = info->aceHostName;
                } else {
                    const QString &canonical = !result.canonicalName.isEmpty() ? result.canonicalName
                            : !result.hostName.isEmpty()                       ? result.hostName
                                                                               : info->aceHostName;
                    info->canonicalName = QAresPrivate::hostNameFromAce(canonical);
                }
                if (info->addresses.isEmpty()) {
                    error = AresError::NoDataError;
                    info->errorString = QStringLiteral("No address records for \"%1\"").arg(info->hostName);
                }
            } else {
                info->hostName = QAresPrivate::hostNameFromAce(result.hostName);
                info->aceHostName = result.hostName;
                info->canonicalName = info->hostName;
                info->aliases = std::move(result.aliases);
            }
        } else {
            info->errorString = QAresPrivate::errorStringFromStatus(result.status, result.wireRcode);
        }
        info->error = error;
        info->aresStatus = result.status;
        markFinished(lookup);
    } else {
        release(lookup); // if delivered, c-ares was the last to hold it
    }
    Q_UNUSED(channel);
    scheduleDelivery(); // room for queued lookups, maybe an idle old channel to drop
}

void AresResolverPrivate::finish(Lookup *lookup, AresError error, const QString &errorString, int status)
{
    if (lookup->finished)
        return;
    AresHostInfo &info = resultOf(lookup);
    info.setError(error);
    info.setErrorString(errorString);
    info.setAresStatus(status);
    markFinished(lookup);
}

// A lookup keeps only its name or address while it waits (maybe among tens
// of thousands queued); its AresHostInfo is filled in when the result is.
AresHostInfo &AresResolverPrivate::resultOf(Lookup *lookup)
{
    if (!lookup->resultStarted)
        resultPrivate(lookup);
    return lookup->result;
}

// resultOf()'s private, to fill in.
AresHostInfoPrivate *AresResolverPrivate::resultPrivate(Lookup *lookup)
{
    AresHostInfoPrivate *const d = QAresPrivate::HostInfoAccess::fill(lookup->result);
    if (lookup->resultStarted)
        return d;
    lookup->resultStarted = true;
    d->lookupId = lookup->id;
    if (lookup->kind != Lookup::Kind::Address) {
        d->hostName = lookup->unicodeName;
        // The same text for ASCII names: share the string instead of converting again.
        if (lookup->aceIsUnicode)
            d->aceHostName = lookup->unicodeName;
        else if (!lookup->name.isEmpty())
            d->aceHostName = QString::fromLatin1(lookup->name);
    } else {
        d->addresses = { lookup->address.value_or(QHostAddress()) };
        d->ttls = { -1 };
    }
    return d;
}

void AresResolverPrivate::markFinished(Lookup *lookup)
{
    if (!lookup->isRecordQuery()) // a record query's is made when read (recordQueryDone())
        resultOf(lookup);
    lookup->finished = true;
    m_completed.push_back(lookup);
    scheduleDelivery();
}

void AresResolverPrivate::scheduleDelivery()
{
    if (m_deliveryScheduled || m_destroying)
        return;
    m_deliveryScheduled = true;
    QMetaObject::invokeMethod(q, [this] { deliverCompleted(); }, Qt::QueuedConnection);
}

void AresResolverPrivate::deliverCompleted()
{
    m_deliveryScheduled = false;
    dropIdleChannels();
    pump();

    // User code runs from here on: it may start, cancel, reconfigure or
    // delete the resolver. Deliver only what was complete when the pass
    // started, and stop touching `this` if the resolver is gone.
    QPointer<AresResolver> guard(q);
    for (size_t n = m_completed.size(); n > 0 && !m_completed.empty(); --n) {
        Lookup *lookup = m_completed.front();
        m_completed.pop_front();
        deliver(lookup);
        if (!guard)
            return;
    }
    flushBatches();
    if (m_lookups.empty()) {
        // Idle: nothing may wake the thread up.
        m_deadlines = {};
        m_deadlineFifo.clear();
        m_deadlineTimer.stop();
        m_cancelSweepTimer.stop();
    }
}

// Frees a lookup nothing holds any more: delivered, out of c-ares, out of the queue.
void AresResolverPrivate::release(Lookup *lookup)
{
    if (lookup->delivered && !lookup->inCares && !lookup->queued)
        m_lookups.erase(lookup);
}

void AresResolverPrivate::clearQueue()
{
    for (Lookup *lookup : m_queue) {
        lookup->queued = false;
        release(lookup);
    }
    m_queue.clear();
}

void AresResolverPrivate::deliver(Lookup *lookup)
{
    if (lookup->delivered)
        return;
    const int id = lookup->id;
    lookup->delivered = true;
    --m_undelivered;

    if (lookup->toSignal && !lookup->reply && !lookup->emitter && !lookup->promise && !lookup->recordPromise
        && !lookup->batch) {
        // submit…(): the resolver's signal is the only sink.
        if (lookup->isRecordQuery()) {
            const AresRecordSet records = takeRecordSet(lookup);
            if (lcAres().isDebugEnabled()) {
                const AresHostInfo &info = resultOf(lookup);
                qCDebug(lcAres) << "lookup" << id << info.hostName() << "finished:" << info.error();
            }
            release(lookup); // otherwise freed when c-ares calls back or pump() drops it from the queue
            Q_EMIT q->queryFinished(records);
            return;
        }
        const AresHostInfo info = lookup->result;
        release(lookup); // otherwise freed when c-ares calls back or pump() drops it from the queue
        qCDebug(lcAres) << "lookup" << id << info.hostName() << "finished:" << info.error();
        Q_EMIT q->hostLookupFinished(info);
        return;
    }

    // A record query's AresHostInfo is made here, for what reads it: an
    // AresReply (its info()) and the debug log.
    const AresHostInfo info = !lookup->isRecordQuery() || lookup->reply || lcAres().isDebugEnabled()
            ? resultOf(lookup)
            : lookup->result;
    std::optional<QPromise<AresHostInfo>> promise = std::move(lookup->promise);
    AresReply *const reply = std::exchange(lookup->reply, nullptr);
    QAresPrivate::HostInfoEmitter *emitter = std::exchange(lookup->emitter, nullptr);
    std::optional<QPromise<AresRecordSet>> recordPromise = std::move(lookup->recordPromise);
    if (promise || recordPromise)
        --m_promisesPending;
    QAresPrivate::LookupBatch *const batch = std::exchange(lookup->batch, nullptr);
    const int batchIndex = lookup->batchIndex;
    const bool batchDone = batch && --batch->left == 0;
    if (batchDone) {
        --m_promisesPending; // one per batch
        QAresPrivate::LookupBatch *const moved = m_batches.back(); // O(1) removal: the last takes its place
        moved->liveIndex = batch->liveIndex;
        m_batches[batch->liveIndex] = moved;
        m_batches.pop_back();
        if (batch->flushIndex >= 0) // finished (and freed) below, flushed there
            m_batchesToFlush[size_t(batch->flushIndex)] = nullptr;
    } else if (batch && batch->flushIndex < 0) {
        batch->flushIndex = int(m_batchesToFlush.size());
        m_batchesToFlush.push_back(batch);
    }
    const bool toSignal = lookup->toSignal;
    const bool isRecordQuery = lookup->isRecordQuery();
    const AresRecordSet records = isRecordQuery ? takeRecordSet(lookup) : AresRecordSet();
    release(lookup); // otherwise freed when c-ares calls back or pump() drops it from the queue
    lookup = nullptr;

    qCDebug(lcAres) << "lookup" << id << info.hostName() << "finished:" << info.error();
    if (recordPromise) {
        recordPromise->addResult(records);
        recordPromise->finish(); // may run continuations
    } else if (promise) {
        promise->addResult(info);
        promise->finish(); // may run continuations
    } else if (reply) {
        reply->d->info = info;
        reply->d->records = records;
        reply->d->finished = true;
        Q_EMIT reply->finished();
    } else if (emitter) {
        Q_EMIT emitter->resultsReady(info);
        delete emitter;
    } else if (batch) {
        deliverToBatch(batch, batchIndex, batchDone, info, records);
    } else if (toSignal) {
        if (isRecordQuery)
            Q_EMIT q->queryFinished(records);
        else
            Q_EMIT q->hostLookupFinished(info);
    }
}

// Collects one result of a lookupHosts() / queryNames() batch for its
// index (reported by flushBatches() at the end of the pass; ignored by Qt
// once the future is canceled); the batch's last one reports the rest,
// finishes the future and frees the batch. May run user code
// (context-less continuations run in finish()): touches only the batch.
void AresResolverPrivate::deliverToBatch(QAresPrivate::LookupBatch *batch, int index, bool last,
                                         const AresHostInfo &info, const AresRecordSet &records)
{
    using QAresPrivate::LookupBatchOf;
    if (batch->recordSets)
        static_cast<LookupBatchOf<AresRecordSet> *>(batch)->add(index, records);
    else
        static_cast<LookupBatchOf<AresHostInfo> *>(batch)->add(index, info);
    if (!last)
        return;
    const std::unique_ptr<QAresPrivate::LookupBatch> done(batch);
    done->finish(); // may run continuations
}

// Reports what the batches collected in this pass. Runs no user code:
// watchers hear of the results through events Qt posts.
void AresResolverPrivate::flushBatches()
{
    for (QAresPrivate::LookupBatch *batch : m_batchesToFlush) {
        if (!batch)
            continue;
        batch->flushIndex = -1;
        batch->flush();
    }
    m_batchesToFlush.clear();
}

void AresResolverPrivate::cancel(int id)
{
    if (Lookup *lookup = m_lookups.find(id))
        finish(lookup, AresError::OperationCancelledError, QStringLiteral("Operation cancelled"));
}

void AresResolverPrivate::abortAll()
{
    m_lookups.forEach([this](Lookup *lookup) {
        finish(lookup, AresError::OperationCancelledError, QStringLiteral("Operation cancelled"));
    });
    clearQueue();
    // Free c-ares's state now; the callbacks find their lookups finished.
    if (m_channel)
        m_channel->cancelAll();
    for (auto &channel : m_retiredChannels)
        channel->cancelAll();
}

void AresResolverPrivate::armDeadline(Lookup *lookup)
{
    const qint64 ms = m_options.deadline().count();
    if (ms <= 0)
        return;
    // +1: the clock reads whole milliseconds, so a deadline is never reached
    // before ms have passed (at most 1 ms after).
    const qint64 due = monotonicMs() + ms + 1;
    lookup->deadlineAt = due;
    const qint64 next = nextDeadline();
    if (m_deadlineFifo.empty() || due >= m_deadlineFifo.back().first)
        m_deadlineFifo.emplace_back(due, lookup->id);
    else
        m_deadlines.emplace(due, lookup->id);
    if (next < 0 || due < next || !m_deadlineTimer.isActive())
        m_deadlineTimer.start(int(ms + 1));
}

qint64 AresResolverPrivate::nextDeadline() const
{
    if (m_deadlineFifo.empty())
        return m_deadlines.empty() ? -1 : m_deadlines.top().first;
    if (m_deadlines.empty())
        return m_deadlineFifo.front().first;
    return std::min(m_deadlineFifo.front().first, m_deadlines.top().first);
}

void AresResolverPrivate::onDeadlineTimer()
{
    const qint64 now = monotonicMs();
    const QString reason = QStringLiteral("Timed out (the lookup's deadline of %1 ms passed)")
                                   .arg(m_options.deadline().count());
    auto expire = [&](qint64 due, int id) {
        Lookup *lookup = m_lookups.find(id);
        if (lookup && lookup->deadlineAt == due)
            finish(lookup, AresError::TimeoutError, reason);
    };
    while (!m_deadlineFifo.empty() && m_deadlineFifo.front().first <= now) {
        const auto [due, id] = m_deadlineFifo.front();
        m_deadlineFifo.pop_front();
        expire(due, id);
    }
    while (!m_deadlines.empty() && m_deadlines.top().first <= now) {
        const auto [due, id] = m_deadlines.top();
        m_deadlines.pop();
        expire(due, id);
    }
    if (const qint64 next = nextDeadline(); next >= 0)
        m_deadlineTimer.start(int(next - now));
}

void AresResolverPrivate::dropIdleChannels()
{
    m_retiredChannels.erase(std::remove_if(m_retiredChannels.begin(), m_retiredChannels.end(),
                                           [](const auto &channel) { return channel->pendingRequests() == 0; }),
                            m_retiredChannels.end());
}

void AresResolverPrivate::shutdown()
{
    m_destroying = true;
    m_deadlineTimer.stop();
    m_cancelSweepTimer.stop();
    m_lookups.forEach([this](Lookup *lookup) {
        if (!lookup->inCares)
            finish(lookup, AresError::ResolverDestroyedError, QStringLiteral("Resolver destroyed"));
    });
    clearQueue();
    // ares_destroy() calls back for every request still in c-ares
    // (ARES_EDESTRUCTION), synchronously.
    m_channel.reset();
    m_retiredChannels.clear();
    // Deliver everything now; user code may still start lookups (they finish
    // at once with ResolverDestroyedError) until nothing is left.
    while (!m_completed.empty()) {
        Lookup *lookup = m_completed.front();
        m_completed.pop_front();
        deliver(lookup);
    }
    flushBatches(); // nothing left: every batch got its last result above
    // Replies are deleted with the resolver (they are not its QObject children).
    while (m_replies)
        delete m_replies; // ~AresReply() unlinks it
}

// ---------------------------------------------------------------------------

AresResolver::AresResolver(QObject *parent) : AresResolver(AresOptions(), parent) { }

AresResolver::AresResolver(const AresOptions &options, QObject *parent)
    : QObject(parent), d(new AresResolverPrivate(this))
{
    if (!d->applyOptions(options)) {
        const QString reason = d->m_errorString;
        qCWarning(lcAres) << "options rejected, using the defaults:" << reason;
        d->applyOptions(AresOptions());
        d->m_errorString = reason;
    }
}

AresResolver::~AresResolver()
{
    d->shutdown();
}

AresOptions AresResolver::options() const
{
    return d->m_options;
}

bool AresResolver::setOptions(const AresOptions &options)
{
    if (d->m_destroying)
        return false;
    if (options == d->m_options && d->m_channel) {
        d->m_errorString.clear();
        return true;
    }
    if (!d->applyOptions(options))
        return false;
    Q_EMIT optionsChanged();
    d->scheduleDelivery(); // the cap may have grown: let queued lookups in
    return true;
}

QString AresResolver::errorString() const
{
    return d->m_errorString;
}

QFuture<AresHostInfo> AresResolver::lookupHost(const QString &name, Family family)
{
    return d->startWithFuture<AresHostInfo>(Lookup::Kind::Host, [d = d.get(), name, family](Lookup *lookup) {
        d->startHost(lookup, name, family);
    });
}

QFuture<AresHostInfo> AresResolver::lookupAddress(const QHostAddress &address)
{
    return d->startWithFuture<AresHostInfo>(Lookup::Kind::Address, [d = d.get(), address](Lookup *lookup) {
        d->startAddress(lookup, address);
    });
}

QFuture<AresHostInfo> AresResolver::lookupHosts(const QStringList &names, Family family)
{
    return d->startBatch<AresHostInfo>(Lookup::Kind::Host, names,
                                       [d = d.get(), family](Lookup *lookup, const QString &name) {
                                           d->startHost(lookup, name, family);
                                       });
}

AresReply *AresResolver::startHostLookup(const QString &name, Family family)
{
    Lookup *lookup = d->createLookup(Lookup::Kind::Host);
    AresReply *reply = d->attachReply(lookup);
    d->startHost(lookup, name, family);
    return reply;
}

AresReply *AresResolver::startAddressLookup(const QHostAddress &address)
{
    Lookup *lookup = d->createLookup(Lookup::Kind::Address);
    AresReply *reply = d->attachReply(lookup);
    d->startAddress(lookup, address);
    return reply;
}

int AresResolver::submitHostLookup(const QString &name, Family family)
{
    return d->submitToSignal(Lookup::Kind::Host, [&](Lookup *l) { d->startHost(l, name, family); });
}

int AresResolver::submitAddressLookup(const QHostAddress &address)
{
    return d->submitToSignal(Lookup::Kind::Address, [&](Lookup *l) { d->startAddress(l, address); });
}

void AresResolver::abortLookup(int id)
{
    d->cancel(id);
}

int AresResolver::lookupHost(const QString &name, const QObject *receiver, const char *member)
{
    Lookup *lookup = d->createLookup(Lookup::Kind::Host);
    lookup->emitter = new QAresPrivate::HostInfoEmitter;
    QObject::connect(lookup->emitter, SIGNAL(resultsReady(AresHostInfo)), receiver, member);
    const int id = lookup->id;
    d->startHost(lookup, name, AnyFamily);
    return id;
}

int AresResolver::lookupHostWithCallback(const QString &name, const QObject *context,
                                         std::function<void(const AresHostInfo &)> callback)
{
    Lookup *lookup = d->createLookup(Lookup::Kind::Host);
    lookup->emitter = new QAresPrivate::HostInfoEmitter;
    QObject::connect(lookup->emitter, &QAresPrivate::HostInfoEmitter::resultsReady, context,
                     [callback = std::move(callback)](const AresHostInfo &info) { callback(info); });
    const int id = lookup->id;
    d->startHost(lookup, name, AnyFamily);
    return id;
}

void AresResolver::abortHostLookup(int id)
{
    Lookup *lookup = d->m_lookups.find(id);
    if (!lookup || !lookup->emitter)
        return;
    delete std::exchange(lookup->emitter, nullptr); // the receiver is not called
    d->cancel(id);
}

void AresResolver::abortAll()
{
    d->abortAll();
}

int AresResolver::pendingLookups() const
{
    return d->m_undelivered;
}

int AresResolver::queriesInFlight() const
{
    return d->m_queriesInFlight;
}

int AresResolver::queryWindow() const
{
    return d->m_window.window();
}

#include "moc_aresresolver.cpp"
#include "moc_aresresolver_p.cpp"
