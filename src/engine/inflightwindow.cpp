// SPDX-License-Identifier: MIT
#include "inflightwindow_p.h"

#include <QtCore/qloggingcategory.h>

#include <algorithm>
#include <utility>

Q_LOGGING_CATEGORY(lcAresWindow, "qares.window", QtWarningMsg)

namespace QAresPrivate {

void InFlightWindow::configure(int ceiling, bool adaptive)
{
    *this = InFlightWindow();
    m_ceiling = qMax(0, ceiling);
    m_floor = qMin(SafeFloor, m_ceiling);
    m_adaptive = adaptive && m_ceiling > m_floor;
    m_window = m_adaptive ? m_floor : m_ceiling;
}

void InFlightWindow::startEpoch()
{
    m_previousEpochBase = m_epochBase;
    m_epochBase = m_baseRtt;
    m_epochRttSum = 0;
    m_epochMaxInFlight = 0;
    m_epochSamples = 0;
    m_epochQueries = 0;
}

void InFlightWindow::endEpoch(qint64 nowNs, qint64 threadWaitNs, qint64 threadSlices)
{
    // This thread's mean wait for a CPU per time it was scheduled over the
    // epoch (known from the second epoch on): the part of an answer's
    // round trip that is this machine's, not the path's.
    qint64 latency = -1;
    if (threadWaitNs >= 0 && m_epochStartWaitNs >= 0 && threadSlices > m_epochStartSlices)
        latency = (threadWaitNs - m_epochStartWaitNs) / (threadSlices - m_epochStartSlices);
    m_epochStartWaitNs = threadWaitNs;
    m_epochStartSlices = threadSlices;
    m_lastLatency = latency;

    if (m_bucketStart < 0) {
        m_bucketStart = nowNs;
    } else if (nowNs - m_bucketStart >= BasePeriodNs) {
        // The older period's minimum is forgotten; samples from this epoch
        // are already in m_bucketMin.
        m_previousMin = m_bucketMin;
        m_bucketMin = NoRtt;
        m_baseRtt = m_previousMin;
        m_bucketStart = nowNs;
    }

    const qint64 meanRtt = qMax<qint64>(1, m_epochRttSum / m_epochSamples);
    const double queued = m_epochMaxInFlight * (1.0 - double(m_baseRtt) / double(meanRtt));
    const int previous = m_window;
    m_lastQueued = int(queued + 0.5);
    // The first answers of a burst come in batches that are late together
    // (the thread was busy starting it, a window's worth was sent at once):
    // their minimum is no base to grow on. Against loopback knot baseRtt
    // falls from 40-60 ms to ~0.3 ms over the first three or four epochs,
    // some of which look quiet. Grow only once baseRtt held (within 1/8)
    // through the last two epochs.
    const bool baseSettled =
            m_previousEpochBase != NoRtt && m_baseRtt >= m_previousEpochBase - m_previousEpochBase / 8;
    // A window above baseRtt x MaxAnswerRate adds little throughput (one
    // thread takes ~100k answers/s at best) and much risk: loopback knot's
    // first, batchy epochs show a settled baseRtt of up to 1.2 ms on a busy
    // machine, and some look quiet. Servers under 3 ms keep the floor.
    const double pathRtt = double(qMax<qint64>(0, m_baseRtt - qMax<qint64>(0, latency)));
    const double useful = pathRtt * MaxAnswerRate / 1e9;
    const bool windowLimitsRate = m_window < useful;
    const double alpha = m_window * AlphaFraction;
    const double beta = m_window * BetaFraction;
    const bool skip = std::exchange(m_skipEpoch, false);
    const bool busy = queued > beta;
    const int bound = qMax(m_floor, int(useful));
    if (m_window > bound) {
        // More than the path needs (this machine got loaded, or the route
        // shorter): back towards it (see the class documentation).
        m_slowStart = false;
        m_window = qMax(bound, m_window - qMax(1, (m_window - bound) / 8));
        m_skipEpoch = true;
    } else if (queued < alpha) {
        // Grow only a window that was used (one that only 10 lookups fill
        // says nothing about 1,000), and not in the epoch right after a
        // change (as Vegas's slow start grows every other round trip: that
        // epoch still holds answers sent under the old window).
        const bool used = m_epochMaxInFlight + 1 >= m_window;
        if (!skip && baseSettled && used && windowLimitsRate) {
            const int step = m_slowStart ? m_window : qMax(1, m_window / 16);
            const int grown = int(std::min({ double(m_ceiling), useful, double(m_window) + step }));
            m_skipEpoch = grown != m_window;
            m_window = grown;
        }
    } else if (busy) {
        // Shrink at once; but leave slow start only when the queue stays
        // for two epochs in a row or on a timeout: a single slow epoch is
        // as often a busy moment of this thread as a queue at the server.
        if (m_lastEpochBusy)
            m_slowStart = false;
        const int step = qMax(1, int((queued - beta) / 2));
        m_window = qMax(m_floor, m_window - step);
    }
    m_lastEpochBusy = busy;
    qCDebug(lcAresWindow).nospace() << "epoch: " << m_epochSamples << " answers, mean RTT " << meanRtt / 1000
                                    << " us, base " << m_baseRtt / 1000 << " us, most in flight "
                                    << m_epochMaxInFlight << ", queued " << m_lastQueued
                                    << ", thread latency " << latency / 1000 << " us: window "
                                    << previous << " -> " << m_window << (m_slowStart ? " (slow start)" : "");
    startEpoch();
}

void InFlightWindow::timedOut()
{
    if (!m_adaptive)
        return;
    const int previous = m_window;
    m_slowStart = false;
    m_skipEpoch = true;
    m_window = qMax(m_floor, m_window / 2);
    qCDebug(lcAresWindow).nospace() << "timeout: window " << previous << " -> " << m_window;
    startEpoch(); // samples from before the cut say nothing about the new window
}

} // namespace QAresPrivate
