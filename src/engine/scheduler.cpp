// SPDX-License-Identifier: MIT
// The scheduler: lookups wait in the queue until the query window has room
// (submit), deadlines end the ones that take too long, and a sweep finds
// the ones whose future was canceled.
#include "resolver_p.h"

#include "cares/aresstatus_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qloggingcategory.h>

using QAresPrivate::ChannelResult;
using QAresPrivate::Lookup;
using QAresPrivate::monotonicMs;
using QAresPrivate::monotonicNs;

// How often canceled futures are looked for, at least; the sweep backs off
// so that it never takes more than ~1/CancelSweepCostFactor of the time.
static constexpr std::chrono::milliseconds CancelSweepInterval(16);
static constexpr int CancelSweepCostFactor = 32;
// A deadline timer this late (ms, beyond a coarse timer's 5%) means the thread was blocked:
// see onDeadlineTimer().
static constexpr qint64 DeadlineStallMs = 50;

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
                        [](const QAresPrivate::BatchSink *batch) { return batch->isCanceled(); })) {
        armCancelSweep(CancelSweepInterval);
        return;
    }
    QElapsedTimer cost;
    cost.start();
    m_lookups.forEach([this](Lookup *lookup) {
        if (!lookup->finished && lookup->isCanceled())
            finish(lookup, AresError::OperationCancelledError,
                   QCoreApplication::translate("AresResolver", "Operation cancelled"));
    });
    if (m_promisesPending > 0) {
        const auto spent = std::chrono::milliseconds(cost.elapsed() * CancelSweepCostFactor);
        armCancelSweep(std::max(CancelSweepInterval, spent));
    }
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
            finish(lookup, AresError::OperationCancelledError,
                   QCoreApplication::translate("AresResolver", "Operation cancelled"));
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
                      QCoreApplication::translate("AresResolver", "Resolver error (no c-ares channel: %1)")
                              .arg(m_errorString));
    if (lookup->aceIsUnicode && lookup->name.isEmpty()) {
        if (lookup->kind == Lookup::Kind::Host)
            lookup->asciiName = &lookup->unicodeName; // the channel reads the text itself
        else
            lookup->name = lookup->unicodeName.toLatin1();
    }
    lookup->inCares = true;
    m_queriesInFlight += lookup->weight;
    lookup->submitted = true;
    lookup->submittedUs = quint32(monotonicNs() / 1000); // round trips and diagnostics
    // c-ares may call requestDone() before these return (IP literals, hosts file, bad input).
    m_submitting = true;
    if (lookup->isRecordQuery())
        m_channel->query(lookup, lookup->absolute ? lookup->name + '.' : lookup->name, lookup->queryType,
                         lookup->kind == Lookup::Kind::Search);
    else if (lookup->kind == Lookup::Kind::Host)
        m_channel->getAddrInfo(lookup, lookup->family, lookup->absolute);
    else if (lookup->kind == Lookup::Kind::NameInfo)
        m_channel->getNameInfo(lookup, *lookup->address,
                               lookup->nameInfo().flags() & AresNameInfo::NoFqdn);
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

void AresResolverPrivate::clearQueue()
{
    for (Lookup *lookup : m_queue) {
        lookup->queued = false;
        release(lookup);
    }
    m_queue.clear();
}

void AresResolverPrivate::cancel(int id)
{
    if (Lookup *lookup = m_lookups.find(id))
        finish(lookup, AresError::OperationCancelledError,
               QCoreApplication::translate("AresResolver", "Operation cancelled"));
}

void AresResolverPrivate::abortAll()
{
    m_lookups.forEach([this](Lookup *lookup) {
        finish(lookup, AresError::OperationCancelledError,
               QCoreApplication::translate("AresResolver", "Operation cancelled"));
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
        startDeadlineTimer(due - ms - 1, ms + 1);
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
    // The timer fired late: the thread was blocked (a long slot, a busy GUI
    // thread) past the deadlines due. Their lookups had no chance to go on
    // meanwhile (a retry after SERVFAIL needs another round trip, which
    // starts only now): once per block, they get as long again as the block
    // lasted, up to one timeout of a try, before they end.
    const qint64 late = now - m_deadlineTimerDue;
    if (!m_deadlineGrace && m_deadlineTimerDue > 0 && late > m_deadlineTimerSlack) {
        m_deadlineGrace = true;
        const qint64 grace = std::min<qint64>(late, m_options.timeout().count());
        startDeadlineTimer(now, grace);
        return;
    }
    m_deadlineGrace = false;
    const QString reason =
            QCoreApplication::translate("AresResolver",
                                        "Timed out (the lookup's deadline of %1 ms passed)")
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
        startDeadlineTimer(now, next - now);
}

void AresResolverPrivate::startDeadlineTimer(qint64 now, qint64 ms)
{
    m_deadlineTimerDue = now + ms;
    m_deadlineTimerSlack = DeadlineStallMs + ms / 20; // a coarse timer may be 5% late
    m_deadlineTimer.start(int(ms));
}
