// SPDX-License-Identifier: MIT
// The delivery pass: results recorded on c-ares's stack (requestDone), then
// handed to each lookup's sink on the resolver's thread after c-ares
// returned (deliverCompleted).
#include "resolver_p.h"

#include "aresname_p.h"
#include "areshostinfo_p.h"
#include "aresrecord_p.h"
#include "cares/aresstatus_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qloggingcategory.h>

using QAresPrivate::Channel;
using QAresPrivate::ChannelResult;
using QAresPrivate::Lookup;

// Lookups one delivery pass hands to their sinks at most (~1 us each, more
// with the user code they run): after abortAll() of tens of thousands the
// rest follow in the next passes instead of one long stall.
static constexpr size_t DeliveryBudget = 2048;

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
    if (!lookup->finished && lookup->kind == Lookup::Kind::NameInfo) {
        nameInfoDone(lookup, result);
        scheduleDelivery();
        return;
    }
    if (!lookup->finished) {
        AresHostInfoPrivate *const info = resultPrivate(lookup);
        AresError error = QAresPrivate::errorOf(result);
        if (error == AresError::NoError) {
            if (lookup->kind == Lookup::Kind::Host) {
                // The channel's lists are the result's: moved, not copied.
                info->addresses = std::move(result.addresses);
                info->ttls = std::move(result.ttls);
                info->aliases = std::move(result.aliases);
                info->aliasTargets = std::move(result.aliasTargets);
                info->aliasTtls = std::move(result.aliasTtls);
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
                    info->errorString = QCoreApplication::translate("AresResolver",
                                                                    "No address records for \"%1\"")
                                                .arg(info->hostName);
                }
            } else {
                info->hostName = QAresPrivate::hostNameFromAce(result.hostName);
                info->aceHostName = result.hostName;
                info->canonicalName = info->hostName;
                info->aliases = std::move(result.aliases);
            }
        } else {
            info->errorString = QAresPrivate::errorStringOf(result);
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
    if (!lookup->nameChecked && !admit(lookup))
        return; // ended before its name was checked: an invalid name's error wins
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
    if (lookup->kind != Lookup::Kind::Address && lookup->kind != Lookup::Kind::NameInfo) {
        d->hostName = lookup->unicodeName;
        d->port = lookup->hostPort;
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
    stampTimes(lookup);
    lookup->finished = true;
    m_completed.push_back(lookup);
    scheduleDelivery();
}

// The lookup's timings (AresDiagnostics), now that its result is decided,
// into the result's private that exists by now: the AresHostInfo of host
// lookups and of failed queries, otherwise the record set read from the reply
// (takeRecordSet() moves them into the set delivered).
void AresResolverPrivate::stampTimes(Lookup *lookup)
{
    using QAresPrivate::DiagnosticsAccess;
    const quint32 nowUs = quint32(QAresPrivate::monotonicNs() / 1000);
    const quint32 queuedUs = DiagnosticsAccess::clamp(
            quint32((lookup->submitted ? lookup->submittedUs : nowUs) - lookup->startedUs));
    const quint32 wireUs = lookup->submitted
            ? DiagnosticsAccess::clamp(quint32(nowUs - lookup->submittedUs))
            : DiagnosticsAccess::NotSubmitted;
    if (lookup->resultStarted || !lookup->recordsSet) {
        AresHostInfoPrivate *const info = resultPrivate(lookup);
        info->queuedUs = queuedUs;
        info->wireUs = wireUs;
    } else {
        QAresPrivate::RecordAccess::setTimes(&lookup->records, queuedUs, wireUs);
    }
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
    size_t n = std::min(m_completed.size(), DeliveryBudget);
    for (; n > 0 && !m_completed.empty(); --n) {
        Lookup *lookup = m_completed.front();
        m_completed.pop_front();
        deliver(lookup);
        if (!guard)
            return;
    }
    flushBatches();
    if (!m_completed.empty())
        scheduleDelivery(); // over the budget, or finished by the slots of this pass
    if (m_lookups.empty() && m_feeds.empty()) {
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

void AresResolverPrivate::deliver(Lookup *lookup)
{
    if (lookup->delivered)
        return;
    const int id = lookup->id;
    lookup->delivered = true;
    --m_undelivered;
    if (lookup->kind == Lookup::Kind::NameInfo)
        return deliverNameInfo(lookup);

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
