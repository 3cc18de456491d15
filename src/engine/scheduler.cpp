// SPDX-License-Identifier: MIT
// The scheduler: lookups wait in the queue until the query window has room,
// have their name checked as they enter it (admit) and go to c-ares
// (submit); deadlines end the ones that take too long, and a sweep finds
// the ones whose future was canceled.
#include "resolver_p.h"

#include "aresname_p.h"
#include "cares/aresstatus_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qloggingcategory.h>

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

using QAresPrivate::Channel;
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
// Queue entries one pump() call handles without sending a query (lookups
// made from a BatchFeed, names refused or answered at once, canceled or
// ended lookups dropped): its share of one event-loop pass stays bounded
// (~0.5 us each), the rest waits for the next pass.
static constexpr int PumpBudget = 1024;

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
    // The names of a canceled call not yet made into lookups: pump() makes
    // and drops them (canceled), a bounded number per pass.
    if (std::any_of(m_feeds.begin(), m_feeds.end(),
                    [](const QAresPrivate::BatchFeed *feed) { return feed->sink->isCanceled(); }))
        scheduleDelivery();
    if (m_promisesPending > 0) {
        const auto spent = std::chrono::milliseconds(cost.elapsed() * CancelSweepCostFactor);
        armCancelSweep(std::max(CancelSweepInterval, spent));
    }
}

// One lookup of a call: its name is decided now (an invalid name or a literal
// finishes at once, also behind a full queue); a BatchFeed's names are
// decided as each leaves the queue (pump()).
void AresResolverPrivate::enqueue(Lookup *lookup)
{
    if (!admit(lookup))
        return;
    armDeadline(lookup);
    lookup->queued = true;
    m_queue.push_back({ lookup, nullptr });
    pump();
}

// O(1) in the number of names: they wait in the queue as the call's list.
void AresResolverPrivate::enqueueFeed(Lookup::Kind kind, const QStringList &names,
                                      QAresPrivate::BatchSink *sink,
                                      std::function<void(Lookup *, const QString &)> setUp)
{
    auto *feed = new QAresPrivate::BatchFeed;
    feed->kind = kind;
    feed->names = names;
    feed->sink = sink;
    feed->setUp = std::move(setUp);
    feed->startedUs = quint32(monotonicNs() / 1000);
    m_undelivered += int(names.size());
    if (m_destroying) {
        // Started from a slot the destructor reached: finished at once, as lookupHost().
        m_feeds.push_back(feed);
        while (!feed->done())
            makeFeedLookup(feed);
        m_feeds.pop_back();
        delete feed;
        return;
    }
    feed->deadlineAt = deadlineFromNow();
    if (feed->deadlineAt > 0)
        armDeadlineAt(feed->deadlineAt, 0);
    m_feeds.push_back(feed);
    m_queue.push_back({ nullptr, feed });
    pump();
}

// The lookup of the feed's next name, set up as the call would have; its
// deadline counts from the call.
Lookup *AresResolverPrivate::makeFeedLookup(QAresPrivate::BatchFeed *feed)
{
    // The batch's sink, at the name's index; counted by the call.
    Lookup *lookup = createLookup(feed->kind, feed->sink, feed->next, false);
    lookup->startedUs = feed->startedUs;
    feed->setUp(lookup, feed->names.at(feed->next++));
    if (lookup->finished)
        return lookup;
    if (feed->ended) {
        finish(lookup, feed->endError, feed->endErrorString);
    } else if (feed->deadlineAt > 0) {
        lookup->deadlineAt = feed->deadlineAt;
        armDeadlineAt(feed->deadlineAt, lookup->id);
    }
    return lookup;
}

void AresResolverPrivate::dropFeed(QAresPrivate::BatchFeed *feed)
{
    m_feeds.erase(std::find(m_feeds.begin(), m_feeds.end(), feed));
    delete feed;
}

// The feeds whose deadline is due by \a dueBy (all with -1): the lookups
// made of their names from now on finish with \a error.
void AresResolverPrivate::endFeeds(AresError error, const QString &errorString, qint64 dueBy)
{
    bool any = false;
    for (QAresPrivate::BatchFeed *feed : std::as_const(m_feeds)) {
        if (feed->ended || (dueBy >= 0 && (feed->deadlineAt <= 0 || feed->deadlineAt > dueBy)))
            continue;
        feed->ended = true;
        feed->endError = error;
        feed->endErrorString = errorString;
        any = true;
    }
    if (any)
        scheduleDelivery(); // pump() makes and finishes them, a bounded number per pass
}

// Where a lookup's name is decided, once (checkHostName(): valid or not, its
// ACE form, absolute or not, an IP literal): when a lookup of its own is
// queued, when a BatchFeed's lookup leaves the queue, or when such a lookup is
// finished before (an invalid name's error wins then).
// Returns false if that finished the lookup: an invalid name, an IP literal
// answered here (c-ares 1.18 sends A and AAAA queries for a literal asked
// for with AF_UNSPEC), a literal refused.
bool AresResolverPrivate::admit(Lookup *lookup)
{
    lookup->nameChecked = true;
    if (lookup->kind == Lookup::Kind::Address || lookup->kind == Lookup::Kind::NameInfo)
        return true; // their address was checked at the start
    const bool host = lookup->kind == Lookup::Kind::Host;
    QAresPrivate::CheckedName checked = QAresPrivate::checkHostName(lookup->unicodeName);
    if (!checked.isValid()) {
        finish(lookup, AresError::InvalidRequestError,
               (host ? QCoreApplication::translate("AresResolver", "Invalid host name \"%1\": %2")
                     : QCoreApplication::translate("AresResolver", "Invalid name \"%1\": %2"))
                       .arg(lookup->unicodeName, checked.error));
        return false;
    }
    const bool v4 = checked.literal && checked.literal->protocol() == QAbstractSocket::IPv4Protocol;
    if (!host && checked.literal && !v4) {
        finish(lookup, AresError::InvalidRequestError,
               QCoreApplication::translate("AresResolver",
                                           "\"%1\" is an IPv6 address, not a DNS name "
                                           "(for PTR, query AresRecord::reverseName() of it)")
                       .arg(lookup->unicodeName));
        return false;
    }
    if ((lookup->hostFlags & Lookup::HostNumericOnly) && !checked.literal) {
        finish(lookup, AresError::InvalidRequestError,
               QCoreApplication::translate("AresResolver",
                                           "\"%1\" is not an IP address (NumericHost)")
                       .arg(lookup->unicodeName));
        return false;
    }
    const QString asked = std::exchange(lookup->unicodeName, std::move(checked.unicode));
    lookup->absolute = checked.absolute;
    // An ASCII name's ACE form is the same text: the lookup keeps only the
    // (shared) QString, submit() hands it to the channel.
    lookup->aceIsUnicode = checked.aceIsUnicode;
    lookup->aceIsHostName = checked.aceIsHostName;
    if (!lookup->aceIsUnicode)
        lookup->name = std::move(checked.ace);
    if (!host || !checked.literal)
        return true;
    const AresResolver::Family family = lookup->family == Channel::Family::IPv4
            ? AresResolver::IPv4Family
            : lookup->family == Channel::Family::IPv6 ? AresResolver::IPv6Family
                                                      : AresResolver::AnyFamily;
    if (v4 && family == AresResolver::IPv6Family && (lookup->hostFlags & Lookup::HostV4Mapped)) {
        AresHostInfo &info = resultOf(lookup); // AI_V4MAPPED: ::ffff:a.b.c.d
        info.setAddresses({ QHostAddress(checked.literal->toIPv6Address()) });
        info.setTtls({ -1 });
        info.setCanonicalName(lookup->unicodeName);
        markFinished(lookup);
        return false;
    }
    if ((v4 && family == AresResolver::IPv6Family) || (!v4 && family == AresResolver::IPv4Family)) {
        finish(lookup, AresError::NoDataError,
               QCoreApplication::translate(
                       "AresResolver", "\"%1\" is an IPv%2 address, not of the family asked for")
                       .arg(asked, v4 ? QStringLiteral("4") : QStringLiteral("6")));
        return false;
    }
    AresHostInfo &info = resultOf(lookup);
    info.setAddresses({ *checked.literal });
    info.setTtls({ -1 });
    info.setCanonicalName(lookup->unicodeName);
    markFinished(lookup);
    return false;
}

void AresResolverPrivate::pump()
{
    const int cap = m_window.window();
    int budget = PumpBudget;
    while (!m_queue.empty()) {
        if (budget <= 0) {
            scheduleDelivery(); // the rest in the next pass
            break;
        }
        if (QAresPrivate::BatchFeed *feed = m_queue.front().feed) {
            // The next name of a call: its lookup takes the feed's place at
            // the head of the queue (the feed follows it until it is empty).
            --budget;
            const bool ending = feed->ended || feed->sink->isCanceled(); // finished at once
            if (!ending && cap > 0 && m_queriesInFlight > 0 && m_queriesInFlight + 1 > cap)
                break; // no room: the name waits as it is
            Lookup *lookup = makeFeedLookup(feed);
            if (feed->done()) {
                m_queue.pop_front();
                dropFeed(feed);
            }
            if (lookup->finished)
                continue; // delivered like any other (refused at its set-up, or the call ended)
            lookup->queued = true;
            m_queue.push_front({ lookup, nullptr });
            continue;
        }
        Lookup *lookup = m_queue.front().lookup;
        if (lookup->finished) { // canceled or timed out while queued
            --budget;
            m_queue.pop_front();
            lookup->queued = false;
            release(lookup);
            continue;
        }
        if (lookup->isCanceled()) {
            --budget;
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
        if (!lookup->nameChecked && !admit(lookup)) {
            --budget; // refused or answered here
            continue;
        }
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
        m_channel->query(lookup, lookup->queryType, lookup->kind == Lookup::Kind::Search);
    else if (lookup->kind == Lookup::Kind::Host)
        m_channel->getAddrInfo(lookup, lookup->family);
    else if (lookup->kind == Lookup::Kind::NameInfo)
        m_channel->getNameInfo(lookup, *lookup->address,
                               lookup->nameInfo().flags() & AresNameInfo::NoFqdn);
    else
        m_channel->getHostByAddr(lookup, *lookup->address);
    m_submitting = false;
}

namespace {

// The time this thread has waited for a CPU (ns) and the number of times it
// was scheduled: the second and third fields of Linux's
// /proc/thread-self/schedstat, -1 where it is missing. Read once per query
// window epoch, with one pread() of a descriptor kept per thread.
void threadSchedule(qint64 *waitNs, qint64 *slices)
{
    *waitNs = *slices = -1;
    struct SchedStat
    {
        int fd = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
        ~SchedStat()
        {
            if (fd >= 0)
                ::close(fd);
        }
    };
    static thread_local SchedStat stat;
    if (stat.fd >= 0) {
        char buffer[96];
        const ssize_t size = ::pread(stat.fd, buffer, sizeof buffer - 1, 0);
        if (size > 0) {
            buffer[size] = '\0';
            char *end = nullptr;
            std::strtoll(buffer, &end, 10); // time on a CPU
            char *waitEnd = nullptr;
            const long long waiting = std::strtoll(end, &waitEnd, 10);
            char *slicesEnd = nullptr;
            const long long scheduled = std::strtoll(waitEnd, &slicesEnd, 10);
            if (slicesEnd != waitEnd) {
                *waitNs = qint64(waiting);
                *slices = qint64(scheduled);
            }
        }
    }
}

} // namespace

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
        // The thread's scheduling figures only with the sample that ends an
        // epoch (a system call).
        qint64 waitNs = -1;
        qint64 slices = -1;
        if (m_window.endsEpochWith(lookup->weight))
            threadSchedule(&waitNs, &slices);
        m_window.addSample(rtt, lookup->weight, m_queriesInFlight, now, waitNs, slices);
        break;
    }
    case QAresPrivate::RoundTrip::TimedOut:
        m_window.timedOut();
        break;
    case QAresPrivate::RoundTrip::None:
        break;
    }
}

// Drops the lookups of the queue (finished ones: the caller finished them);
// feeds stay, unless \a feedsToo (their names must all be made first).
void AresResolverPrivate::clearQueue(bool feedsToo)
{
    std::deque<Queued> feeds;
    for (const Queued &entry : m_queue) {
        if (entry.feed) {
            if (feedsToo)
                dropFeed(entry.feed);
            else
                feeds.push_back(entry);
            continue;
        }
        entry.lookup->queued = false;
        release(entry.lookup);
    }
    m_queue = std::move(feeds);
}

void AresResolverPrivate::cancel(int id)
{
    if (Lookup *lookup = m_lookups.find(id))
        finish(lookup, AresError::OperationCancelledError,
               QCoreApplication::translate("AresResolver", "Operation cancelled"));
}

void AresResolverPrivate::abortAll()
{
    const QString cancelled = QCoreApplication::translate("AresResolver", "Operation cancelled");
    m_lookups.forEach(
            [&](Lookup *lookup) { finish(lookup, AresError::OperationCancelledError, cancelled); });
    // Names of lookupHosts()/queryNames() calls not yet made into lookups:
    // pump() makes and finishes them over the next passes.
    endFeeds(AresError::OperationCancelledError, cancelled, -1);
    clearQueue(false);
    // Free c-ares's state now; the callbacks find their lookups finished.
    if (m_channel)
        m_channel->cancelAll();
    for (auto &channel : m_retiredChannels)
        channel->cancelAll();
}

qint64 AresResolverPrivate::deadlineFromNow() const
{
    const qint64 ms = m_options.deadline().count();
    // +1: the clock reads whole milliseconds, so a deadline is never reached
    // before ms have passed (at most 1 ms after).
    return ms <= 0 ? 0 : monotonicMs() + ms + 1;
}

void AresResolverPrivate::armDeadline(Lookup *lookup)
{
    const qint64 due = deadlineFromNow();
    if (due <= 0)
        return;
    lookup->deadlineAt = due;
    armDeadlineAt(due, lookup->id);
}

void AresResolverPrivate::armDeadlineAt(qint64 due, int id)
{
    const qint64 next = nextDeadline();
    if (m_deadlineFifo.empty() || due >= m_deadlineFifo.back().first)
        m_deadlineFifo.emplace_back(due, id);
    else
        m_deadlines.emplace(due, id);
    if (next < 0 || due < next || !m_deadlineTimer.isActive()) {
        const qint64 now = monotonicMs();
        startDeadlineTimer(now, std::max<qint64>(0, due - now));
    }
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
        if (id == 0) // a call's names still queued
            return endFeeds(AresError::TimeoutError, reason, due);
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
