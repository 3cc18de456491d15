// SPDX-License-Identifier: MIT
// Lookups and their sinks: a lookup is created with the sink its result
// goes to (sink_p.h), and every API shape is a sink: the resolver's signals,
// an AresReply, a receiver, a future, a batch future.
#include "resolver_p.h"

#include "areshostinfo_p.h"
#include "aresrecord_p.h"

#include <limits>

using QAresPrivate::Lookup;
using QAresPrivate::Result;
using QAresPrivate::Sink;

namespace {

// What AresReply::hostInfo() holds for the kinds that have a result of
// another type: the name (or address) asked for and the error.
AresHostInfo hostInfoFor(const AresRecordSet &set)
{
    AresHostInfo info;
    AresHostInfoPrivate *const d = QAresPrivate::HostInfoAccess::fill(info);
    d->hostName = set.name();
    d->aceHostName = set.aceName();
    d->lookupId = set.lookupId();
    d->error = set.error();
    d->errorString = set.error() == AresError::NoError ? QString() : set.errorString();
    d->aresStatus = set.aresStatus();
    QAresPrivate::RecordAccess::times(set, &d->queuedUs, &d->wireUs);
    return info;
}

AresHostInfo hostInfoFor(const AresNameInfo &nameInfo)
{
    AresHostInfo info;
    AresHostInfoPrivate *const d = QAresPrivate::HostInfoAccess::fill(info);
    d->addresses = { nameInfo.address() };
    d->ttls = { -1 };
    d->lookupId = nameInfo.lookupId();
    d->error = nameInfo.error();
    d->errorString = nameInfo.error() == AresError::NoError ? QString() : nameInfo.errorString();
    d->aresStatus = nameInfo.aresStatus();
    return info;
}

} // namespace

Lookup *AresResolverPrivate::createLookup(Lookup::Kind kind, Sink *sink, int index, bool counted)
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
    if (lookup->isRecordQuery())
        lookup->result.emplace<AresRecordSet>();
    else if (kind == Lookup::Kind::NameInfo)
        lookup->result.emplace<AresNameInfo>();
    lookup->sink = sink;
    lookup->sinkIndex = index;
    if (sink && sink->shape() == Sink::Shape::Future)
        promiseAttached();
    // Its diagnostics count from here.
    lookup->startedUs = quint32(QAresPrivate::monotonicNs() / 1000);
    if (counted)
        ++m_undelivered;
    return lookup;
}

AresReply *AresResolverPrivate::attachReply(Lookup *lookup)
{
    auto *reply = new AresReply(q, lookup->id);
    lookup->sink = reply->d.get();
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
    if (lookup && lookup->sink == rd)
        lookup->sink = nullptr;
}

void AresResolverPrivate::attachBatch(QAresPrivate::BatchSink *batch, int lookups)
{
    batch->engine = this;
    batch->left = lookups;
    batch->liveIndex = m_batches.size();
    m_batches.push_back(batch);
    promiseAttached(); // one per batch
}

bool AresResolverPrivate::batchCollected(QAresPrivate::BatchSink *batch)
{
    if (--batch->left > 0) {
        if (batch->flushIndex < 0) { // reported at the end of the pass (flushBatches())
            batch->flushIndex = int(m_batchesToFlush.size());
            m_batchesToFlush.push_back(batch);
        }
        return false;
    }
    --m_promisesPending;
    // O(1) removal: the last takes its place.
    QAresPrivate::BatchSink *const moved = m_batches.back();
    moved->liveIndex = batch->liveIndex;
    m_batches[batch->liveIndex] = moved;
    m_batches.pop_back();
    if (batch->flushIndex >= 0) // finished (and freed) by the caller, flushed there
        m_batchesToFlush[size_t(batch->flushIndex)] = nullptr;
    return true;
}

// Reports what the batches collected in this pass. Runs no user code:
// watchers hear of the results through events Qt posts.
void AresResolverPrivate::flushBatches()
{
    for (QAresPrivate::BatchSink *batch : m_batchesToFlush) {
        if (!batch)
            continue;
        batch->flushIndex = -1;
        batch->flush();
    }
    m_batchesToFlush.clear();
}

namespace QAresPrivate {

bool BatchSink::collected()
{
    return engine->batchCollected(this);
}

void SignalSink::deliver(Result &&result, int)
{
    if (const auto *info = std::get_if<AresHostInfo>(&result))
        Q_EMIT m_resolver->hostLookupFinished(*info);
    else if (const auto *set = std::get_if<AresRecordSet>(&result))
        Q_EMIT m_resolver->queryFinished(*set);
    else if (const auto *nameInfo = std::get_if<AresNameInfo>(&result))
        Q_EMIT m_resolver->nameInfoFinished(*nameInfo);
}

void ReceiverSink::deliver(Result &&result, int)
{
    const std::unique_ptr<ReceiverSink> self(this);
    if (const auto *info = std::get_if<AresHostInfo>(&result))
        Q_EMIT hostInfoReady(*info);
    else if (const auto *nameInfo = std::get_if<AresNameInfo>(&result))
        Q_EMIT nameInfoReady(*nameInfo);
}

} // namespace QAresPrivate

void AresReplyPrivate::deliver(Result &&result, int)
{
    if (auto *host = std::get_if<AresHostInfo>(&result)) {
        info = std::move(*host);
    } else if (auto *set = std::get_if<AresRecordSet>(&result)) {
        records = std::move(*set);
        info = hostInfoFor(records);
    } else if (auto *found = std::get_if<AresNameInfo>(&result)) {
        nameInfo = std::move(*found);
        info = hostInfoFor(nameInfo);
    }
    finished = true;
    Q_EMIT q->finished();
}

#include "moc_sink_p.cpp"
