// SPDX-License-Identifier: MIT
#ifndef QARES_ENGINE_INFLIGHTWINDOW_P_H
#define QARES_ENGINE_INFLIGHTWINDOW_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include <QtCore/qglobal.h>

#include <limits>

namespace QAresPrivate {

/*!
    The number of DNS queries a resolver keeps in flight, adapted to the
    round-trip time like TCP Vegas (see docs/performance.md, "Round 7
    (branch `cap`): a query window for the 20 ms targets").

    Pure logic: the caller feeds it samples and timeouts with the time they
    were seen (any monotonic nanosecond clock), and reads window(). It never
    reads a clock itself, so tests drive it with synthetic sequences.

    The window moves between floor() (the old fixed cap of 150, or the
    ceiling if that is lower) and ceiling() (AresOptions::maxQueriesInFlight).
    Decisions are taken once per epoch: once a window's worth of queries has
    been answered (about one round trip while the window is full). With
        queued = most in flight x (1 - baseRtt / mean RTT of the epoch)
    (queries waiting somewhere: at the server, in the network or in this
    thread's own event loop), an epoch
    - with queued < window x AlphaFraction (the mean RTT within 8/7 of
      baseRtt) grows the window unless it grew in the epoch before (Vegas
      grows every other round trip), if the window was used (the queries
      in flight reached it), if baseRtt was known when the previous epoch
      started and did not fall by more than 1/8 since (the first answers of
      a burst come in batches late together while the thread starts it),
      if the window is
      below baseRtt x MaxAnswerRate (above that it adds little throughput
      and much risk: servers under 3 ms, loopback and LAN, keep the
      floor; baseRtt less this thread's scheduling latency, below). It doubles in
      slow start (from the start until two epochs in a row shrink it, or
      a timeout), grows by 1/16 (at least 1) after;
    - with queued > window x BetaFraction (mean RTT above 4/3 of baseRtt)
      shrinks it by half the excess (at least 1), and ends slow start if
      the epoch before did too;
    - otherwise keeps it.
    The round trip is measured in this thread, so it includes the time an
    answer waited for the thread to be scheduled: on a loaded machine
    against loopback knot every answer waits ~6 ms for a CPU, the epochs
    look flat with a "base" of 6 ms, and the window doubled to 300, past
    what a server with one UDP worker takes in one burst. So the rate bound
    uses the path's share of baseRtt: baseRtt less the thread's mean
    scheduling latency over the epoch (the time it waited for a CPU per
    time it was scheduled). A window above that bound (the machine got
    loaded, the route got shorter) shrinks by 1/8 of its excess per epoch
    (not below the floor), and slow start ends. The caller passes the
    thread's wait time and count of times scheduled with the sample that
    ends an epoch (see endsEpochWith()); without them the latency is taken
    as 0.
    A timeout halves it (and ends slow start). baseRtt is the smallest RTT
    seen over the last one to two BasePeriodNs, so a route that got slower
    is forgotten within that time.
*/
class InFlightWindow
{
public:
    static constexpr int SafeFloor = 150;            // the old fixed cap, safe against loopback knot
    static constexpr double AlphaFraction = 1.0 / 8; // queued, in windows: grow below
    static constexpr double BetaFraction = 1.0 / 4;  // queued, in windows: shrink above
    static constexpr double MaxAnswerRate = 50'000; // answers/s a window has to allow, at most
    static constexpr qint64 BasePeriodNs = 10'000'000'000; // baseRtt's sliding period (10 s)

    /*!
        Resets to \a ceiling queries (0: no cap) and forgets all samples.
        With \a adaptive false, or a ceiling at or below SafeFloor, the
        window stays at the ceiling.
    */
    void configure(int ceiling, bool adaptive);

    /*! Queries that may be in flight now; 0: no cap. */
    int window() const { return m_window; }
    int floor() const { return m_floor; }
    int ceiling() const { return m_ceiling; }
    bool isAdaptive() const { return m_adaptive; }
    bool inSlowStart() const { return m_slowStart; }
    /*! The last epoch's queued estimate (queries), -1 before the first. */
    int lastQueued() const { return m_lastQueued; }
    qint64 baseRtt() const { return m_baseRtt < NoRtt ? m_baseRtt : -1; }

    /*! The last epoch's mean scheduling latency of the thread (ns), -1 if unknown. */
    qint64 lastLatency() const { return m_lastLatency; }

    /*!
        True if a sample of \a weight queries ends the epoch: the caller then
        passes the thread's scheduling figures with it.
    */
    bool endsEpochWith(int weight) const
    {
        return m_adaptive && m_epochQueries + weight >= m_window;
    }

    /*!
        A lookup of \a weight queries was answered \a rttNs after it was
        submitted, at \a nowNs, with \a inFlight queries in flight (its own
        included). \a threadWaitNs and \a threadSlices: the time the thread
        has waited for a CPU and the number of times it was scheduled, as
        totals of which only differences are taken (Linux schedstat), or -1
        if unknown.
    */
    void addSample(qint64 rttNs, int weight, int inFlight, qint64 nowNs, qint64 threadWaitNs = -1,
                   qint64 threadSlices = -1)
    {
        if (!m_adaptive)
            return;
        m_epochRttSum += rttNs;
        m_epochMaxInFlight = qMax(m_epochMaxInFlight, inFlight);
        ++m_epochSamples;
        m_epochQueries += weight;
        if (rttNs < m_baseRtt)
            m_baseRtt = rttNs;
        if (rttNs < m_bucketMin)
            m_bucketMin = rttNs;
        if (m_epochQueries >= m_window)
            endEpoch(nowNs, threadWaitNs, threadSlices);
    }

    /*! A lookup timed out, or was answered only after a retry. */
    void timedOut();

private:
    static constexpr qint64 NoRtt = std::numeric_limits<qint64>::max();
    void endEpoch(qint64 nowNs, qint64 threadWaitNs, qint64 threadSlices);
    void startEpoch();

    int m_window = 0;
    int m_floor = 0;
    int m_ceiling = 0;
    bool m_adaptive = false;
    bool m_slowStart = true;
    bool m_skipEpoch = false;     // the window just changed: measure an epoch before growing again
    bool m_lastEpochBusy = false; // the last epoch's queue was past beta
    int m_lastQueued = -1;
    // baseRtt: the minimum over the current period and the one before it.
    qint64 m_baseRtt = NoRtt;
    qint64 m_bucketMin = NoRtt;   // this period's minimum
    qint64 m_previousMin = NoRtt; // the previous period's
    qint64 m_bucketStart = -1;
    // The epoch being measured.
    qint64 m_epochBase = NoRtt;         // baseRtt when the epoch started
    qint64 m_previousEpochBase = NoRtt; // and when the one before it started
    qint64 m_epochRttSum = 0;
    int m_epochMaxInFlight = 0;
    int m_epochSamples = 0;
    int m_epochQueries = 0;
    // The thread's scheduling totals when the epoch started (the previous
    // one ended), -1 if unknown; the last epoch's mean latency.
    qint64 m_epochStartWaitNs = -1;
    qint64 m_epochStartSlices = -1;
    qint64 m_lastLatency = -1;
};

} // namespace QAresPrivate

#endif // QARES_ENGINE_INFLIGHTWINDOW_P_H
