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
    lookup->transport = QAresPrivate::DiagnosticsAccess::transportByte(result.transport,
                                                                        result.authenticated);
    lookup->cacheFlags |= quint8(result.cacheState << Lookup::CacheStateShift); // for stampTimes()
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
    if (lookup->isRecordQuery()) {
        QAresPrivate::RecordAccess::setError(&recordSetOf(lookup), error, errorString, status);
    } else if (lookup->kind == Lookup::Kind::NameInfo) {
        AresNameInfo &info = lookup->nameInfo();
        info.setHostName(QString());
        info.setServiceName(QString());
        info.setNumericHost(false);
        info.setError(error);
        info.setErrorString(errorString);
        info.setAresStatus(status);
    } else {
        AresHostInfo &info = resultOf(lookup);
        info.setError(error);
        info.setErrorString(errorString);
        info.setAresStatus(status);
    }
    markFinished(lookup);
}

// A host or reverse lookup keeps only its name or address while it waits
// (maybe among tens of thousands queued); its AresHostInfo is filled in
// when the result is.
AresHostInfo &AresResolverPrivate::resultOf(Lookup *lookup)
{
    if (!lookup->resultStarted)
        resultPrivate(lookup);
    return lookup->hostInfo();
}

// resultOf()'s private, to fill in.
AresHostInfoPrivate *AresResolverPrivate::resultPrivate(Lookup *lookup)
{
    AresHostInfoPrivate *const d = QAresPrivate::HostInfoAccess::fill(lookup->hostInfo());
    if (lookup->resultStarted)
        return d;
    lookup->resultStarted = true;
    d->lookupId = lookup->id;
    if (lookup->kind == Lookup::Kind::Host) {
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
    if (lookup->kind == Lookup::Kind::Host || lookup->kind == Lookup::Kind::Address)
        resultOf(lookup); // a record query's and a name-info lookup's were filled in
    stampTimes(lookup);
    lookup->finished = true;
    m_completed.push_back(lookup);
    scheduleDelivery();
}

// The lookup's timings (AresDiagnostics), now that its result is decided,
// into its result (an AresNameInfo has none).
void AresResolverPrivate::stampTimes(Lookup *lookup)
{
    using QAresPrivate::DiagnosticsAccess;
    if (lookup->kind == Lookup::Kind::NameInfo)
        return;
    const quint32 nowUs = quint32(QAresPrivate::monotonicNs() / 1000);
    const quint32 queuedUs = DiagnosticsAccess::clamp(
            quint32((lookup->submitted ? lookup->submittedUs : nowUs) - lookup->startedUs));
    const quint32 wireUs = lookup->submitted
            ? DiagnosticsAccess::clamp(quint32(nowUs - lookup->submittedUs))
            : DiagnosticsAccess::NotSubmitted;
    const quint8 cacheState = quint8(lookup->cacheFlags >> Lookup::CacheStateShift);
    if (lookup->isRecordQuery()) {
        QAresPrivate::RecordAccess::setTimes(&recordSetOf(lookup), queuedUs, wireUs);
        QAresPrivate::RecordAccess::setTransport(&recordSetOf(lookup), lookup->transport);
        QAresPrivate::RecordAccess::setCacheState(&recordSetOf(lookup), cacheState);
    } else {
        AresHostInfoPrivate *const info = resultPrivate(lookup);
        info->queuedUs = queuedUs;
        info->wireUs = wireUs;
        info->transport = lookup->transport;
        info->cacheState = cacheState;
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

// The one callback core: the lookup's result, taken out of it, goes to its
// sink (sink_p.h), whatever the API shape. The lookup is released first:
// the sink may run user code, which may delete the resolver.
void AresResolverPrivate::deliver(Lookup *lookup)
{
    if (lookup->delivered)
        return;
    lookup->delivered = true;
    --m_undelivered;
    if (lookup->isRecordQuery()) {
        AresRecordSet &set = recordSetOf(lookup);
        QAresPrivate::RecordAccess::setLookupId(&set, lookup->id);
        lookup->recordsSet = false; // moved out below
    }
    QAresPrivate::Result result = std::move(lookup->result);
    QAresPrivate::Sink *const sink = std::exchange(lookup->sink, nullptr);
    const int index = lookup->sinkIndex;
    const int id = lookup->id;
    release(lookup); // otherwise freed when c-ares calls back or pump() drops it from the queue
    lookup = nullptr;

    if (lcAres().isDebugEnabled()) {
        if (const auto *info = std::get_if<AresHostInfo>(&result))
            qCDebug(lcAres) << "lookup" << id << info->hostName() << "finished:" << info->error();
        else if (const auto *set = std::get_if<AresRecordSet>(&result))
            qCDebug(lcAres) << "lookup" << id << set->name() << "finished:" << set->error();
        else if (const auto *nameInfo = std::get_if<AresNameInfo>(&result))
            qCDebug(lcAres) << "lookup" << id << *nameInfo;
    }
    if (!sink)
        return;
    if (sink->shape() == QAresPrivate::Sink::Shape::Future)
        --m_promisesPending;
    sink->deliver(std::move(result), index); // may run user code
}
