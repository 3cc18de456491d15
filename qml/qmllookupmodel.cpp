// SPDX-License-Identifier: MIT
#include "qmllookupmodel.h"

#include "qmlresolver.h"

#include <QtCore/qtimer.h>

#include <algorithm>
#include <utility>

namespace {
QString stateText(QmlLookupModel::State state)
{
    switch (state) {
    case QmlLookupModel::Idle:
        return QStringLiteral("idle");
    case QmlLookupModel::Running:
        return QStringLiteral("running");
    case QmlLookupModel::Done:
        return QStringLiteral("done");
    case QmlLookupModel::Failed:
        return QStringLiteral("failed");
    }
    return QString();
}
} // namespace

QmlLookupModel::QmlLookupModel(QObject *parent) : QAbstractListModel(parent) { }

QmlLookupModel::~QmlLookupModel()
{
    for (Row &row : m_rows)
        resetRow(row);
}

int QmlLookupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant QmlLookupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row.name;
    case StateRole:
        return int(row.state);
    case StateTextRole:
        return stateText(row.state);
    case StartTimeRole:
        return row.startTime;
    case EndTimeRole:
        return row.endTime;
    case DurationRole:
        return row.endTime >= 0 ? row.endTime - row.startTime : -1.0;
    case QueuedTimeRole:
        return row.endTime >= 0 && row.result.diagnostics.isValid()
                ? row.result.diagnostics.queuedMs()
                : -1.0;
    case WireTimeRole:
        return row.endTime >= 0 && row.result.diagnostics.isValid()
                ? row.result.diagnostics.wireMs()
                : -1.0;
    case DeliveredTimeRole:
        return row.deliveredTime;
    case DiagnosticsRole:
        return QVariant::fromValue(row.result.diagnostics);
    case AnswerRole:
        return row.state == Done || row.state == Failed ? row.result.answerText() : QString();
    case AddressesRole:
        return row.result.addressStrings();
    case TtlsRole:
        return QVariant::fromValue(row.result.ttls);
    case TtlRole:
        return row.result.minimumTtl;
    case ErrorRole:
        return int(row.result.error);
    case ErrorStringRole:
        return row.result.errorString;
    case CanonicalNameRole:
        return row.result.canonicalName;
    case RecordsRole:
        return row.result.records;
    case TypeRole:
        return row.state == Idle ? typeOf(row) : row.runningType;
    case TypeNameRole:
        return QmlRecords::typeName(row.state == Idle ? typeOf(row) : row.runningType);
    case RcodeRole:
        return row.result.rcode;
    case NegativeTtlRole:
        return row.result.negativeTtl;
    default:
        return {};
    }
}

QHash<int, QByteArray> QmlLookupModel::roleNames() const
{
    return { { NameRole, "name" },
             { StateRole, "status" },
             { StateTextRole, "statusText" },
             { StartTimeRole, "startTime" },
             { EndTimeRole, "endTime" },
             { DurationRole, "duration" },
             { AnswerRole, "answer" },
             { AddressesRole, "addresses" },
             { TtlsRole, "ttls" },
             { TtlRole, "ttl" },
             { ErrorRole, "error" },
             { ErrorStringRole, "errorString" },
             { CanonicalNameRole, "canonicalName" },
             { RecordsRole, "records" },
             { TypeRole, "type" },
             { TypeNameRole, "typeName" },
             { RcodeRole, "rcode" },
             { NegativeTtlRole, "negativeTtl" },
             { QueuedTimeRole, "queuedTime" },
             { WireTimeRole, "wireTime" },
             { DeliveredTimeRole, "deliveredTime" },
             { DiagnosticsRole, "diagnostics" } };
}

QStringList QmlLookupModel::names() const
{
    QStringList list;
    list.reserve(qsizetype(m_rows.size()));
    for (const Row &row : m_rows)
        list.append(row.name);
    return list;
}

void QmlLookupModel::setNames(const QStringList &names)
{
    if (names == this->names())
        return;
    beginResetModel();
    for (Row &row : m_rows)
        resetRow(row);
    m_rows.clear();
    m_rows.resize(size_t(names.size()));
    for (qsizetype i = 0; i < names.size(); ++i)
        m_rows[size_t(i)].name = names.at(i).trimmed();
    m_running = m_finished = m_failed = 0;
    m_totalTime = 0;
    m_firstStart = m_lastEnd = -1;
    endResetModel();
    Q_EMIT namesChanged();
    statsChangedNow();
}

void QmlLookupModel::setType(int type)
{
    if (m_type == type)
        return;
    m_type = type;
    Q_EMIT typeChanged();
    // Idle rows show the type they will run.
    if (count() > 0)
        Q_EMIT dataChanged(index(0), index(count() - 1), { TypeRole, TypeNameRole });
}

void QmlLookupModel::setSearch(bool on)
{
    if (m_search == on)
        return;
    m_search = on;
    Q_EMIT searchChanged();
}

int QmlLookupModel::typeOf(const Row &row) const
{
    return row.ownType != 0 ? row.ownType : m_type;
}

void QmlLookupModel::setResolver(QmlResolver *resolver)
{
    if (m_resolver == resolver)
        return;
    m_resolver = resolver;
    Q_EMIT resolverChanged();
}

double QmlLookupModel::wallTime() const
{
    if (m_firstStart < 0)
        return 0;
    const double end = m_running > 0 ? now() : m_lastEnd;
    return std::max(0.0, end - m_firstStart);
}

int QmlLookupModel::peakRunning() const
{
    std::vector<QmlLaneStats::Span> spans;
    spans.reserve(m_rows.size());
    for (const Row &row : m_rows) {
        if (row.state != Idle && row.startTime >= 0)
            spans.push_back({ row.startTime, row.endTime });
    }
    return QmlLaneStats::peakRunning(spans);
}

const QmlLaneStats::Durations &QmlLookupModel::durationStats() const
{
    if (m_statsValid)
        return m_stats;
    std::vector<double> durations;
    durations.reserve(m_rows.size());
    for (const Row &row : m_rows) {
        if (row.endTime >= 0)
            durations.push_back(row.endTime - row.startTime);
    }
    m_stats = QmlLaneStats::durations(std::move(durations));
    m_statsValid = true;
    return m_stats;
}

void QmlLookupModel::statsChangedNow()
{
    m_statsValid = false;
    Q_EMIT statsChanged();
}

double QmlLookupModel::lookupsPerSecond() const
{
    return QmlLaneStats::perSecond(m_finished, wallTime());
}

double QmlLookupModel::now() const
{
    return m_clock.isValid() ? double(m_clock.nsecsElapsed()) / 1e6 : 0.0;
}

QmlResolver *QmlLookupModel::effectiveResolver() const
{
    return m_resolver ? m_resolver.data() : QmlResolver::defaultFor(this);
}

// Forgets a row's lookup without delivering it.
// Takes a finished row out of the statistics, then resets it.
void QmlLookupModel::forgetResult(Row &row)
{
    if (row.state == Done || row.state == Failed) {
        --m_finished;
        if (row.state == Failed)
            --m_failed;
        m_totalTime -= row.endTime - row.startTime;
    }
    resetRow(row);
}

void QmlLookupModel::resetRow(Row &row)
{
    if (row.reply) {
        row.reply->disconnect(this);
        row.reply->abort();
        row.reply->deleteLater();
    }
    row.reply.clear();
    if (row.state == Running)
        --m_running;
    row.state = Idle;
    row.startTime = row.endTime = row.deliveredTime = -1;
    row.result = QmlRecords::Result();
    row.generation = 0;
}

void QmlLookupModel::start()
{
    for (Row &row : m_rows)
        resetRow(row);
    m_running = m_finished = m_failed = 0;
    m_totalTime = 0;
    m_lastEnd = -1;
    m_clock.start();
    m_origin = double(m_clock.msecsSinceReference());
    m_firstStart = 0;
    for (int i = 0; i < count(); ++i)
        launch(i);
    if (count() > 0)
        Q_EMIT dataChanged(index(0), index(count() - 1));
    statsChangedNow();
}

void QmlLookupModel::startRow(int row)
{
    if (row < 0 || row >= count())
        return;
    Row &r = m_rows[size_t(row)];
    forgetResult(r);
    if (!m_clock.isValid()) {
        m_clock.start();
        m_origin = double(m_clock.msecsSinceReference());
    }
    if (m_firstStart < 0)
        m_firstStart = now();
    launch(row);
    Q_EMIT dataChanged(index(row), index(row));
    statsChangedNow();
}

void QmlLookupModel::launch(int i)
{
    Row &row = m_rows[size_t(i)];
    const int generation = ++m_lastGeneration;
    row.generation = generation;
    row.state = Running;
    row.startTime = now();
    ++m_running;

    row.runningType = typeOf(row);
    const QString name = row.name;

    // Failures found here are delivered from the event loop, as real answers are.
    const auto failLater = [this, generation, name](AresError error, const QString &errorString) {
        const QmlRecords::Result result = QmlRecords::Result::failure(name, error, errorString);
        QTimer::singleShot(0, this, [this, generation, result] {
            const int r = rowOf(generation);
            if (r >= 0)
                endRow(r, result);
        });
    };
    QmlResolver *qmlResolver = effectiveResolver();
    AresResolver *resolver = qmlResolver ? qmlResolver->resolver() : nullptr;
    if (!resolver) {
        failLater(AresError::ResolverError,
                  qmlResolver
                          ? QStringLiteral("resolver misconfigured: ") + qmlResolver->errorString()
                          : QStringLiteral("no resolver (the model is not in a QML engine)"));
        return;
    }
    QString errorString;
    AresReply *reply = QmlRecords::start(resolver, name, row.runningType, m_search, &errorString);
    if (!reply) {
        failLater(AresError::InvalidRequestError, errorString);
        return;
    }
    row.reply = reply;
    connect(reply, &AresReply::finished, this,
            [this, reply, generation] { onReplyFinished(reply, generation); });
}

int QmlLookupModel::rowOf(int generation) const
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].generation == generation)
            return int(i);
    }
    return -1;
}

void QmlLookupModel::onReplyFinished(AresReply *reply, int generation)
{
    reply->deleteLater();
    const int row = rowOf(generation);
    if (row < 0)
        return;
    Row &r = m_rows[size_t(row)];
    r.reply.clear();
    endRow(row, QmlRecords::resultOf(reply, r.runningType, r.name));
}

void QmlLookupModel::endRow(int i, const QmlRecords::Result &result)
{
    Row &row = m_rows[size_t(i)];
    if (row.state != Running)
        return;
    row.result = result;
    row.deliveredTime = now();
    // The lookup's own time, as the resolver measured it: the model's start
    // (just before the resolver's) plus it. Without the event loop's delay
    // in delivering it (a busy GUI thread renders there).
    row.endTime = result.diagnostics.isValid()
            ? std::min(row.deliveredTime, row.startTime + result.diagnostics.totalMs())
            : row.deliveredTime;
    row.state = result.error == AresError::NoError ? Done : Failed;
    row.generation = 0;
    --m_running;
    ++m_finished;
    if (row.state == Failed)
        ++m_failed;
    m_totalTime += row.endTime - row.startTime;
    m_lastEnd = std::max(m_lastEnd, row.endTime);
    Q_EMIT dataChanged(index(i), index(i));
    statsChangedNow();
    Q_EMIT rowFinished(i);
    if (m_running == 0)
        Q_EMIT finished();
}

void QmlLookupModel::abort()
{
    for (const Row &row : m_rows) {
        if (row.state == Running && row.reply)
            row.reply->abort();
    }
}

void QmlLookupModel::clear()
{
    setNames({});
}

void QmlLookupModel::append(const QString &name)
{
    beginInsertRows(QModelIndex(), count(), count());
    Row row;
    row.name = name.trimmed();
    m_rows.push_back(std::move(row));
    endInsertRows();
    Q_EMIT namesChanged();
}

void QmlLookupModel::remove(int row)
{
    if (row < 0 || row >= count())
        return;
    beginRemoveRows(QModelIndex(), row, row);
    Row &r = m_rows[size_t(row)];
    forgetResult(r);
    m_rows.erase(m_rows.begin() + row);
    endRemoveRows();
    Q_EMIT namesChanged();
    statsChangedNow();
    if (m_running == 0 && m_finished > 0)
        Q_EMIT finished();
}

void QmlLookupModel::setName(int row, const QString &name)
{
    if (row < 0 || row >= count())
        return;
    Row &r = m_rows[size_t(row)];
    forgetResult(r);
    r.name = name.trimmed();
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT namesChanged();
    statsChangedNow();
}

void QmlLookupModel::setRowType(int row, int type)
{
    if (row < 0 || row >= count())
        return;
    Row &r = m_rows[size_t(row)];
    forgetResult(r);
    r.ownType = type;
    Q_EMIT dataChanged(index(row), index(row));
    statsChangedNow();
}

QVariantMap QmlLookupModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= count())
        return map;
    const QHash<int, QByteArray> roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return map;
}
