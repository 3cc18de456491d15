// SPDX-License-Identifier: MIT
#ifndef QMLLOOKUPSTATISTICS_H
#define QMLLOOKUPSTATISTICS_H

#include <QtCore/qabstractitemmodel.h>
#include <QtCore/qobject.h>
#include <QtCore/qpointer.h>
#include <QtQml/qqml.h>

#include <vector>

// The statistics of a lane of lookups, from the rows' start and end times:
// shared by LookupModel and LookupStatistics.
namespace QmlLaneStats {

//! One started row: its start and end (ms on the lane's axis); end < 0 while running.
struct Span
{
    double start = 0;
    double end = -1;
};

//! The most spans open at one moment (an end sorts before a start at the same moment).
int peakRunning(const std::vector<Span> &spans);

//! The median (the mean of the middle two of an even count) and the 95th
//! percentile (nearest rank) of \a durations; 0 and 0 for none.
struct Durations
{
    double median = 0;
    double p95 = 0;
};
Durations durations(std::vector<double> durations);

//! \a finished lookups per second of \a wallMs; 0 without wall time.
constexpr double perSecond(int finished, double wallMs)
{
    return wallMs > 0 ? finished * 1000.0 / wallMs : 0;
}

} // namespace QmlLaneStats

/*!
    \qmltype LookupStatistics
    The counters of any lane of lookups shown as a list model: LookupModel's
    statistics for a model that is not a LookupModel (a comparison lane of
    Qt's own resolvers, a ListModel). It reads the roles \c status (0 idle,
    1 running, 2 done, 3 failed, as LookupModel.State), \c startTime and
    \c endTime (ms on the lane's axis; endTime -1 until the row ended) of
    every row, whenever the model reports a change.

    A running lane's wallTime runs to now when \c origin is set (the
    monotonic ms of the axis' zero, as LookupModel.origin), to the last
    end otherwise. The counters change together and notify with
    statsChanged(), emitted after every change of the model.
*/
class QmlLookupStatistics : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(LookupStatistics)
    //! The rows: any list model with the roles status, startTime and endTime.
    Q_PROPERTY(QAbstractItemModel *model READ model WRITE setModel NOTIFY modelChanged)
    //! Monotonic ms (QElapsedTimer::msecsSinceReference()) of the axis' zero; 0: not known.
    Q_PROPERTY(double origin READ origin WRITE setOrigin NOTIFY originChanged)
    //! Some row is running (runningCount > 0).
    Q_PROPERTY(bool running READ isRunning NOTIFY statsChanged)
    //! Rows running now.
    Q_PROPERTY(int runningCount READ runningCount NOTIFY statsChanged)
    //! Rows ended (done or failed).
    Q_PROPERTY(int finishedCount READ finishedCount NOTIFY statsChanged)
    //! Rows ended failed.
    Q_PROPERTY(int failedCount READ failedCount NOTIFY statsChanged)
    //! From the first start to the last end (or to now while running, see origin), ms.
    Q_PROPERTY(double wallTime READ wallTime NOTIFY statsChanged)
    //! Sum of the durations of ended rows, ms.
    Q_PROPERTY(double totalTime READ totalTime NOTIFY statsChanged)
    //! The most rows running at the same moment (running rows count as open).
    Q_PROPERTY(int peakRunning READ peakRunning NOTIFY statsChanged)
    //! The median duration of the ended rows, ms; 0 if none ended.
    Q_PROPERTY(double medianDuration READ medianDuration NOTIFY statsChanged)
    //! The 95th percentile (nearest rank) of the durations of the ended rows, ms; 0 if none.
    Q_PROPERTY(double p95Duration READ p95Duration NOTIFY statsChanged)
    //! finishedCount per second of wallTime.
    Q_PROPERTY(double lookupsPerSecond READ lookupsPerSecond NOTIFY statsChanged)
public:
    explicit QmlLookupStatistics(QObject *parent = nullptr);
    ~QmlLookupStatistics() override;

    QAbstractItemModel *model() const { return m_model; }
    void setModel(QAbstractItemModel *model);
    double origin() const { return m_origin; }
    void setOrigin(double origin);

    bool isRunning() const { return stats().running > 0; }
    int runningCount() const { return stats().running; }
    int finishedCount() const { return stats().finished; }
    int failedCount() const { return stats().failed; }
    double wallTime() const;
    double totalTime() const { return stats().totalTime; }
    int peakRunning() const { return stats().peak; }
    double medianDuration() const { return stats().durations.median; }
    double p95Duration() const { return stats().durations.p95; }
    double lookupsPerSecond() const;

Q_SIGNALS:
    void modelChanged();
    void originChanged();
    /*! The model changed: the counters may have (see the type's documentation). */
    void statsChanged();

private:
    struct Stats
    {
        int running = 0;
        int finished = 0;
        int failed = 0;
        double firstStart = -1;
        double lastEnd = -1;
        double totalTime = 0;
        int peak = 0;
        QmlLaneStats::Durations durations;
    };
    const Stats &stats() const;
    void invalidate();

    QPointer<QAbstractItemModel> m_model;
    double m_origin = 0;
    mutable bool m_valid = false;
    mutable Stats m_stats;
};

#endif // QMLLOOKUPSTATISTICS_H
