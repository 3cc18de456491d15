// SPDX-License-Identifier: MIT
#ifndef QMLLOOKUPMODEL_H
#define QMLLOOKUPMODEL_H

#include "qmldnslookup.h"
#include "qmllookupstatistics.h"

#include <QtCore/qabstractitemmodel.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qpointer.h>
#include <QtQml/qqml.h>

#include <vector>

#include "qmlresolver.h"

/*!
    \qmltype LookupModel
    Many lookups as a list model, one row per name: what a table of lookups
    or a timeline binds to. start() starts every row at once (the resolver
    queues beyond its maxQueriesInFlight).

    Times are milliseconds since the model's origin, the moment of the last
    start() (origin itself is on the monotonic clock of
    QElapsedTimer::msecsSinceReference(), so other lanes can share the axis).
    A row's duration is the lookup's own, as the resolver measured it
    (AresDiagnostics::totalMs()): its endTime is startTime + that, the moment
    the resolver decided the result; the moment the model received it,
    later by the event loop's delay, is deliveredTime.

    Every row runs the model's \c type (a host kind or any record type, as
    DnsLookup.type), unless setRowType() gave it its own.

    Roles: \c name, \c status (LookupModel.Idle/Running/Done/Failed),
    \c statusText, \c startTime, \c endTime (-1 until ended), \c duration
    (-1 until ended), \c queuedTime and \c wireTime (the resolver's split of
    duration: waiting for the query window, then in c-ares; -1 until ended
    or when the resolver did not measure it), \c deliveredTime (-1 until
    ended), \c diagnostics (the AresDiagnostics), \c answer (the records' display texts joined with
    ", " — the addresses for host lookups, "10 mx1.example.org." for MX —
    or the error text), \c records (JS objects as DnsLookup.records),
    \c addresses, \c ttls, \c ttl (the smallest TTL of the records, -1 if
    unknown), \c error (an AresError value), \c errorString, \c canonicalName,
    \c type (the row's type), \c typeName, \c rcode and \c negativeTtl
    (record queries; -1 unknown).

    The counters change together and notify with statsChanged(): emitted
    whenever a row starts or ends, and by start(), abort() and row edits.
*/
class QmlLookupModel : public QAbstractListModel, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(LookupModel)
    //! The names, one row each; setting it replaces every row (and aborts running ones).
    Q_PROPERTY(QStringList names READ names WRITE setNames NOTIFY namesChanged)
    //! The type of every row without its own (setRowType()): a host kind or any record type.
    Q_PROPERTY(int type READ type WRITE setType NOTIFY typeChanged)
    //! Record types: true runs search() (search domains), false query().
    Q_PROPERTY(bool search READ search WRITE setSearch NOTIFY searchChanged)
    //! null: the engine's DefaultResolver.
    Q_PROPERTY(QmlResolver *resolver READ resolver WRITE setResolver NOTIFY resolverChanged)
    //! The number of rows.
    Q_PROPERTY(int count READ count NOTIFY namesChanged)
    //! Some row is running (runningCount > 0).
    Q_PROPERTY(bool running READ isRunning NOTIFY statsChanged)
    //! Rows running now.
    Q_PROPERTY(int runningCount READ runningCount NOTIFY statsChanged)
    //! Rows ended (Done or Failed) since the last start().
    Q_PROPERTY(int finishedCount READ finishedCount NOTIFY statsChanged)
    //! Rows ended Failed since the last start().
    Q_PROPERTY(int failedCount READ failedCount NOTIFY statsChanged)
    //! From the first start to the last end (or to now while running), ms.
    Q_PROPERTY(double wallTime READ wallTime NOTIFY statsChanged)
    //! Sum of the durations of ended rows, ms.
    Q_PROPERTY(double totalTime READ totalTime NOTIFY statsChanged)
    //! The most rows running at the same moment (by their startTime and endTime; running rows
    //! count as open).
    Q_PROPERTY(int peakRunning READ peakRunning NOTIFY statsChanged)
    //! The median duration of the ended rows, ms; 0 if none ended.
    Q_PROPERTY(double medianDuration READ medianDuration NOTIFY statsChanged)
    //! The 95th percentile (nearest rank) of the durations of the ended rows, ms; 0 if none ended.
    Q_PROPERTY(double p95Duration READ p95Duration NOTIFY statsChanged)
    //! finishedCount per second of wallTime.
    Q_PROPERTY(double lookupsPerSecond READ lookupsPerSecond NOTIFY statsChanged)
    //! Monotonic ms (QElapsedTimer::msecsSinceReference()) of the last start(); 0 before.
    Q_PROPERTY(double origin READ origin NOTIFY statsChanged)
public:
    //! A row's status (the role \c status): not started, running, answered, failed.
    enum State { Idle, Running, Done, Failed };
    Q_ENUM(State)
    //! The role ids (from Qt::UserRole + 1); QML reads the roles by name.
    enum Roles {
        NameRole = Qt::UserRole + 1,
        StateRole,
        StateTextRole,
        StartTimeRole,
        EndTimeRole,
        DurationRole,
        AnswerRole,
        AddressesRole,
        TtlsRole,
        TtlRole,
        ErrorRole,
        ErrorStringRole,
        CanonicalNameRole,
        RecordsRole,
        TypeRole,
        TypeNameRole,
        RcodeRole,
        NegativeTtlRole,
        QueuedTimeRole,
        WireTimeRole,
        DeliveredTimeRole,
        DiagnosticsRole,
    };
    Q_ENUM(Roles)

    explicit QmlLookupModel(QObject *parent = nullptr);
    ~QmlLookupModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList names() const;
    void setNames(const QStringList &names);
    int type() const { return m_type; }
    void setType(int type);
    bool search() const { return m_search; }
    void setSearch(bool on);
    QmlResolver *resolver() const { return m_resolver; }
    void setResolver(QmlResolver *resolver);
    int count() const { return int(m_rows.size()); }
    bool isRunning() const { return m_running > 0; }
    int runningCount() const { return m_running; }
    int finishedCount() const { return m_finished; }
    int failedCount() const { return m_failed; }
    double wallTime() const;
    double totalTime() const { return m_totalTime; }
    int peakRunning() const;
    double medianDuration() const { return durationStats().median; }
    double p95Duration() const { return durationStats().p95; }
    double lookupsPerSecond() const;
    double origin() const { return m_origin; }

    /*! Starts every row at once (running rows are restarted); the origin is now. */
    Q_INVOKABLE void start();
    /*! Starts one row again, keeping the origin (sets it if the model never ran). */
    Q_INVOKABLE void startRow(int row);
    /*!
        Aborts every running row: each ends Failed with OperationCancelledError, from the event
        loop.
    */
    Q_INVOKABLE void abort();
    /*! Removes every row. */
    Q_INVOKABLE void clear();
    /*! Adds a row for \a name, Idle, at the end. */
    Q_INVOKABLE void append(const QString &name);
    /*! Removes \a row (aborting its lookup, without rowFinished for it); no-op for a bad row. */
    Q_INVOKABLE void remove(int row);
    /*! Renames \a row and resets it to Idle. */
    Q_INVOKABLE void setName(int row, const QString &name);
    /*!
        Gives \a row its own \a type (0: the model's again) and resets it to
        Idle; it applies from the row's next start.
    */
    Q_INVOKABLE void setRowType(int row, int type);
    /*! Every role of \a row as a JS object; empty for a bad row. */
    Q_INVOKABLE QVariantMap get(int row) const;
    /*! Milliseconds since origin, for drawing a live time axis; 0 before the first start(). */
    Q_INVOKABLE double now() const;

    void classBegin() override { }
    void componentComplete() override { }

Q_SIGNALS:
    void namesChanged();
    void typeChanged();
    void searchChanged();
    void resolverChanged();
    /*! The counters changed (see the class documentation). */
    void statsChanged();
    /*! A row ended (after its roles were updated). */
    void rowFinished(int row);
    /*! The last running row ended: every started row is Done or Failed. */
    void finished();

private:
    struct Row
    {
        QString name;
        State state = Idle;
        double startTime = -1;
        double endTime = -1;
        double deliveredTime = -1;
        QmlRecords::Result result;
        QPointer<AresReply> reply;
        int generation = 0;
        int ownType = 0; // setRowType(); 0: the model's type
        int runningType = 0; // the type the running (or last) lookup was started with
    };
    void resetRow(Row &row);
    void forgetResult(Row &row);
    void launch(int row);
    void onReplyFinished(AresReply *reply, int generation);
    void endRow(int row, const QmlRecords::Result &result);
    int typeOf(const Row &row) const;
    int rowOf(int generation) const;
    QmlResolver *effectiveResolver() const;
    const QmlLaneStats::Durations &durationStats() const;
    void statsChangedNow(); // drops the cached statistics, emits statsChanged()

    std::vector<Row> m_rows;
    int m_type = QmlDnsLookup::Host;
    bool m_search = false;
    QPointer<QmlResolver> m_resolver;
    QElapsedTimer m_clock;
    double m_origin = 0;
    double m_firstStart = -1;
    double m_lastEnd = -1;
    double m_totalTime = 0;
    int m_running = 0;
    int m_finished = 0;
    int m_failed = 0;
    int m_lastGeneration = 0;
    mutable bool m_statsValid = false;
    mutable QmlLaneStats::Durations m_stats;
};

#endif // QMLLOOKUPMODEL_H
