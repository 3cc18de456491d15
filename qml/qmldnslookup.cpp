// SPDX-License-Identifier: MIT
#include "qmldnslookup.h"

#include <cmath>

#include "qmlresolver.h"

#include <QtCore/qtimer.h>

int QmlDnsResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant QmlDnsResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QVariantMap record = m_records.at(index.row()).toMap();
    const auto field = [&record](const char *key) {
        return record.value(QString::fromLatin1(key));
    };
    switch (role) {
    case Qt::DisplayRole:
    case DisplayRole:
        return field("display");
    case AddressRole:
        return field("address").toString();
    case TtlRole:
        return field("ttl");
    case FamilyRole:
        return field("family").toString();
    case TypeRole:
        return field("type");
    case TypeNameRole:
        return field("typeName");
    case NameRole:
        return field("name");
    case RecordRole:
        return record;
    default:
        return {};
    }
}

QHash<int, QByteArray> QmlDnsResultModel::roleNames() const
{
    return { { AddressRole, "address" }, { TtlRole, "ttl" },   { FamilyRole, "family" },
             { TypeRole, "type" },       { TypeNameRole, "typeName" }, { NameRole, "name" },
             { DisplayRole, "display" }, { RecordRole, "record" } };
}

void QmlDnsResultModel::setRecords(const QVariantList &records)
{
    const int before = count();
    if (before == 0 && records.isEmpty())
        return;
    beginResetModel();
    m_records = records;
    endResetModel();
    if (before != count())
        Q_EMIT countChanged();
}

QmlDnsLookup::QmlDnsLookup(QObject *parent)
    : QObject(parent), m_model(new QmlDnsResultModel(this))
{
}

QmlDnsLookup::~QmlDnsLookup()
{
    dropReply();
}

void QmlDnsLookup::classBegin()
{
    m_complete = false;
}

void QmlDnsLookup::componentComplete()
{
    m_complete = true;
    if (m_autoStart)
        scheduleAutoStart();
}

void QmlDnsLookup::setName(const QString &name)
{
    if (m_name == name)
        return;
    m_name = name;
    Q_EMIT nameChanged();
    scheduleAutoStart();
}

void QmlDnsLookup::setType(int type)
{
    if (m_type == type)
        return;
    m_type = type;
    Q_EMIT typeChanged();
    scheduleAutoStart();
}

void QmlDnsLookup::setSearch(bool on)
{
    if (m_search == on)
        return;
    m_search = on;
    Q_EMIT searchChanged();
    scheduleAutoStart();
}

QString QmlDnsLookup::typeName(int type) const
{
    return QmlRecords::typeName(type);
}

void QmlDnsLookup::setResolver(QmlResolver *resolver)
{
    if (m_resolver == resolver)
        return;
    m_resolver = resolver;
    Q_EMIT resolverChanged();
    scheduleAutoStart();
}

void QmlDnsLookup::setPort(int port)
{
    if (m_port == port)
        return;
    m_port = port;
    Q_EMIT portChanged();
    scheduleAutoStart();
}

void QmlDnsLookup::setNameInfoFlags(int flags)
{
    if (m_nameInfoFlags == flags)
        return;
    m_nameInfoFlags = flags;
    Q_EMIT nameInfoFlagsChanged();
    if (m_type == NameInfo)
        scheduleAutoStart();
}

void QmlDnsLookup::setService(const QString &service)
{
    if (m_service == service)
        return;
    m_service = service;
    Q_EMIT serviceChanged();
    scheduleAutoStart();
}

void QmlDnsLookup::setHostFlags(int flags)
{
    if (m_hostFlags == flags)
        return;
    m_hostFlags = flags;
    Q_EMIT hostFlagsChanged();
    scheduleAutoStart();
}

QVariantList QmlDnsLookup::endpoints() const
{
    if (m_runningType == NameInfo || QmlRecords::isRecordType(m_runningType))
        return {};
    QVariantList list;
    list.reserve(m_result.addresses.size());
    for (qsizetype i = 0; i < m_result.addresses.size(); ++i) {
        list.append(QVariantMap{ { QStringLiteral("address"), m_result.addresses.at(i).toString() },
                                 { QStringLiteral("port"), int(m_resultPort) },
                                 { QStringLiteral("ttl"), m_result.ttls.value(i, -1) } });
    }
    return list;
}

void QmlDnsLookup::setAutoStart(bool on)
{
    if (m_autoStart == on)
        return;
    m_autoStart = on;
    Q_EMIT autoStartChanged();
    scheduleAutoStart();
}

// Coalesces several property changes (name and type set together) into one run.
void QmlDnsLookup::scheduleAutoStart()
{
    if (!m_autoStart || !m_complete || m_autoStartPending)
        return;
    m_autoStartPending = true;
    QTimer::singleShot(0, this, [this] {
        m_autoStartPending = false;
        if (!m_autoStart)
            return;
        if (m_name.isEmpty()) {
            abort();
            return;
        }
        start();
    });
}

QVariantList QmlDnsLookup::results() const
{
    QVariantList list;
    list.reserve(m_result.addresses.size());
    for (qsizetype i = 0; i < m_result.addresses.size(); ++i) {
        const QHostAddress &address = m_result.addresses.at(i);
        list.append(QVariantMap{
                { QStringLiteral("address"), address.toString() },
                { QStringLiteral("ttl"), m_result.ttls.value(i, -1) },
                { QStringLiteral("family"), address.protocol() == QAbstractSocket::IPv6Protocol
                                                    ? QStringLiteral("IPv6")
                                                    : QStringLiteral("IPv4") } });
    }
    return list;
}

void QmlDnsLookup::dropReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    m_reply.clear();
}

void QmlDnsLookup::start()
{
    dropReply();
    const int generation = ++m_generation;
    m_clock.start();
    m_runningType = m_type;
    m_runningName = m_name;
    m_result = QmlRecords::Result();
    m_nameInfo = AresNameInfo();
    m_resultPort = 0;
    m_elapsed = -1;
    m_model->setRecords({});
    const bool statusChange = m_status != Running;
    m_status = Running;
    Q_EMIT resultChanged();
    if (statusChange)
        Q_EMIT statusChanged();

    // Failures found here are delivered from the event loop like a real lookup, never
    // inside start().
    const auto failLater = [this, generation](AresError error, const QString &errorString) {
        const QmlRecords::Result result =
                QmlRecords::Result::failure(m_runningName, error, errorString);
        QTimer::singleShot(0, this, [this, generation, result] {
            if (generation == m_generation && m_status == Running)
                finishWith(result);
        });
    };
    QmlResolver *qmlResolver = m_resolver ? m_resolver.data() : QmlResolver::defaultFor(this);
    AresResolver *resolver = qmlResolver ? qmlResolver->resolver() : nullptr;
    if (!resolver) {
        failLater(AresError::ResolverError,
                  qmlResolver
                          ? QStringLiteral("resolver misconfigured: ") + qmlResolver->errorString()
                          : QStringLiteral("no resolver (the element is not in a QML engine)"));
        return;
    }
    QString errorString;
    if (m_runningType == NameInfo) {
        if (m_port < 0 || m_port > 0xFFFF) {
            failLater(AresError::InvalidRequestError,
                      QStringLiteral("invalid port %1: a port is 0..65535").arg(m_port));
            return;
        }
        m_reply = resolver->startNameInfoLookup(QHostAddress(m_name), quint16(m_port),
                                                AresNameInfo::Flags(m_nameInfoFlags));
    } else if ((m_runningType == Host || m_runningType == HostIPv4 || m_runningType == HostIPv6)
               && (!m_service.isEmpty() || m_port != 0 || m_hostFlags != 0)) {
        if (m_service.isEmpty() && (m_port < 0 || m_port > 0xFFFF)) {
            failLater(AresError::InvalidRequestError,
                      QStringLiteral("invalid port %1: a port is 0..65535").arg(m_port));
            return;
        }
        AresHostRequest request(m_name,
                                m_runningType == HostIPv4           ? AresResolver::IPv4Family
                                        : m_runningType == HostIPv6 ? AresResolver::IPv6Family
                                                                    : AresResolver::AnyFamily);
        if (!m_service.isEmpty())
            request.setService(m_service);
        else if (m_port != 0)
            request.setPort(quint16(m_port));
        request.setFlags(AresHostRequest::Flags(m_hostFlags));
        m_reply = resolver->startHostLookup(request);
    } else {
        m_reply = QmlRecords::start(resolver, m_name, m_runningType, m_search, &errorString);
    }
    if (!m_reply) {
        failLater(AresError::InvalidRequestError, errorString);
        return;
    }
    connect(m_reply.data(), &AresReply::finished, this, &QmlDnsLookup::onReplyFinished);
}

void QmlDnsLookup::abort()
{
    if (m_status == Running && m_reply)
        m_reply->abort();
}

void QmlDnsLookup::onReplyFinished()
{
    auto *reply = qobject_cast<AresReply *>(sender());
    if (!reply || reply != m_reply)
        return;
    QmlRecords::Result result;
    if (m_runningType == NameInfo) {
        const AresNameInfo info = reply->nameInfo();
        result.hostName = info.hostName();
        result.error = info.error();
        result.errorString = info.errorString();
        result.addresses = { info.address() };
        result.ttls = { -1 };
        m_nameInfo = info;
    } else {
        result = QmlRecords::resultOf(reply, m_runningType, m_runningName);
        m_resultPort = reply->hostInfo().port();
    }
    m_reply.clear();
    reply->deleteLater();
    finishWith(result);
}

void QmlDnsLookup::finishWith(const QmlRecords::Result &result)
{
    m_result = result;
    m_elapsed = result.diagnostics.isValid() ? int(std::lround(result.diagnostics.totalMs()))
                                             : int(m_clock.elapsed());
    m_model->setRecords(result.records);
    m_status = result.error == AresError::NoError ? Done : Failed;
    Q_EMIT resultChanged();
    Q_EMIT statusChanged();
    Q_EMIT finished();
}
