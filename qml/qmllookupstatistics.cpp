// SPDX-License-Identifier: MIT
#include "qmllookupstatistics.h"


#include <algorithm>
#include <chrono>
#include <cmath>
#include <utility>

int QmlLaneStats::peakRunning(const std::vector<Span> &spans)
{
    // +1 at each start, -1 at each end; an end sorts before a start at the same moment.
    std::vector<std::pair<double, int>> events;
    events.reserve(spans.size() * 2);
    for (const Span &span : spans) {
        events.emplace_back(span.start, 1);
        if (span.end >= 0)
            events.emplace_back(span.end, -1);
    }
    std::sort(events.begin(), events.end());
    int running = 0;
    int peak = 0;
    for (const auto &event : events) {
        running += event.second;
        peak = std::max(peak, running);
    }
    return peak;
}

QmlLaneStats::Durations QmlLaneStats::durations(std::vector<double> durations)
{
    Durations result;
    if (durations.empty())
        return result;
    std::sort(durations.begin(), durations.end());
    const size_t n = durations.size();
    result.median = n % 2 ? durations[n / 2] : (durations[n / 2 - 1] + durations[n / 2]) / 2;
    // Nearest rank: the smallest duration that at least 95% of them do not exceed.
    const size_t rank = size_t(std::ceil(0.95 * double(n)));
    result.p95 = durations[std::max<size_t>(rank, 1) - 1];
    return result;
}

QmlLookupStatistics::QmlLookupStatistics(QObject *parent) : QObject(parent) { }

QmlLookupStatistics::~QmlLookupStatistics() = default;

void QmlLookupStatistics::setModel(QAbstractItemModel *model)
{
    if (m_model == model)
        return;
    if (m_model)
        m_model->disconnect(this);
    m_model = model;
    if (model) {
        const auto changed = [this] { invalidate(); };
        connect(model, &QAbstractItemModel::dataChanged, this, changed);
        connect(model, &QAbstractItemModel::rowsInserted, this, changed);
        connect(model, &QAbstractItemModel::rowsRemoved, this, changed);
        connect(model, &QAbstractItemModel::rowsMoved, this, changed);
        connect(model, &QAbstractItemModel::modelReset, this, changed);
        connect(model, &QAbstractItemModel::layoutChanged, this, changed);
        connect(model, &QObject::destroyed, this, changed);
    }
    Q_EMIT modelChanged();
    invalidate();
}

void QmlLookupStatistics::setOrigin(double origin)
{
    if (m_origin == origin)
        return;
    m_origin = origin;
    Q_EMIT originChanged();
    invalidate();
}

void QmlLookupStatistics::invalidate()
{
    m_valid = false;
    Q_EMIT statsChanged();
}

const QmlLookupStatistics::Stats &QmlLookupStatistics::stats() const
{
    if (m_valid)
        return m_stats;
    m_stats = Stats();
    m_valid = true;
    const QAbstractItemModel *model = m_model;
    if (!model)
        return m_stats;
    int statusRole = -1;
    int startRole = -1;
    int endRole = -1;
    const QHash<int, QByteArray> roles = model->roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it) {
        if (it.value() == "status")
            statusRole = it.key();
        else if (it.value() == "startTime")
            startRole = it.key();
        else if (it.value() == "endTime")
            endRole = it.key();
    }
    if (statusRole < 0 || startRole < 0 || endRole < 0)
        return m_stats;

    enum { Idle, Running, Done, Failed }; // LookupModel.State
    std::vector<QmlLaneStats::Span> spans;
    std::vector<double> durations;
    const int rows = model->rowCount();
    spans.reserve(size_t(rows));
    durations.reserve(size_t(rows));
    for (int row = 0; row < rows; ++row) {
        const QModelIndex index = model->index(row, 0);
        const int status = model->data(index, statusRole).toInt();
        const double start = model->data(index, startRole).toDouble();
        const double end = model->data(index, endRole).toDouble();
        if (status == Idle || start < 0)
            continue;
        const bool ended = (status == Done || status == Failed) && end >= 0;
        spans.push_back({ start, ended ? end : -1.0 });
        m_stats.firstStart = m_stats.firstStart < 0 ? start : std::min(m_stats.firstStart, start);
        if (!ended) {
            ++m_stats.running;
            continue;
        }
        ++m_stats.finished;
        if (status == Failed)
            ++m_stats.failed;
        m_stats.totalTime += end - start;
        m_stats.lastEnd = std::max(m_stats.lastEnd, end);
        durations.push_back(end - start);
    }
    m_stats.peak = QmlLaneStats::peakRunning(spans);
    m_stats.durations = QmlLaneStats::durations(std::move(durations));
    return m_stats;
}

double QmlLookupStatistics::wallTime() const
{
    const Stats &s = stats();
    if (s.firstStart < 0)
        return 0;
    double end = s.lastEnd;
    if (s.running > 0 && m_origin > 0) {
        // The monotonic clock of QElapsedTimer, as the lane's times are.
        const auto ns = std::chrono::steady_clock::now().time_since_epoch();
        end = double(std::chrono::duration_cast<std::chrono::nanoseconds>(ns).count()) / 1e6
                - m_origin;
    }
    return std::max(0.0, end - s.firstStart);
}

double QmlLookupStatistics::lookupsPerSecond() const
{
    return QmlLaneStats::perSecond(stats().finished, wallTime());
}
