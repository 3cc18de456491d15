// SPDX-License-Identifier: MIT
#include "qmldnslookup.h"

#include "qmlresolver.h"

#include <QtCore/qtimer.h>

namespace {
QString familyName(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("IPv6")
                                                               : QStringLiteral("IPv4");
}
} // namespace

int QmlDnsResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant QmlDnsResultModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qsizetype row = index.row();
    switch (role) {
    case Qt::DisplayRole:
    case AddressRole:
        return m_addresses.at(row).toString();
    case TtlRole:
        return row < m_ttls.size() ? m_ttls.at(row) : -1;
    case FamilyRole:
        return familyName(m_addresses.at(row));
    default:
        return {};
    }
}

QHash<int, QByteArray> QmlDnsResultModel::roleNames() const
{
    return { { AddressRole, "address" }, { TtlRole, "ttl" }, { FamilyRole, "family" } };
}

void QmlDnsResultModel::setResults(const QList<QHostAddress> &addresses, const QList<int> &ttls)
{
    const int before = count();
    beginResetModel();
    m_addresses = addresses;
    m_ttls = ttls;
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

void QmlDnsLookup::setType(Type type)
{
    if (m_type == type)
        return;
    m_type = type;
    Q_EMIT typeChanged();
    scheduleAutoStart();
}

void QmlDnsLookup::setResolver(QmlResolver *resolver)
{
    if (m_resolver == resolver)
        return;
    m_resolver = resolver;
    Q_EMIT resolverChanged();
    scheduleAutoStart();
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
    const QList<QHostAddress> addresses = m_info.addresses();
    const QList<int> ttls = m_info.ttls();
    list.reserve(addresses.size());
    for (qsizetype i = 0; i < addresses.size(); ++i) {
        list.append(QVariantMap{ { QStringLiteral("address"), addresses.at(i).toString() },
                                 { QStringLiteral("ttl"), i < ttls.size() ? ttls.at(i) : -1 },
                                 { QStringLiteral("family"), familyName(addresses.at(i)) } });
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
    m_info = AresHostInfo();
    m_elapsed = -1;
    m_model->setResults({}, {});
    const bool statusChange = m_status != Running;
    m_status = Running;
    Q_EMIT resultChanged();
    if (statusChange)
        Q_EMIT statusChanged();

    QmlResolver *qmlResolver = m_resolver ? m_resolver.data() : QmlResolver::defaultFor(this);
    AresResolver *resolver = qmlResolver ? qmlResolver->resolver() : nullptr;
    if (!resolver) {
        AresHostInfo info;
        info.setHostName(m_name);
        info.setError(AresError::ResolverError);
        info.setErrorString(qmlResolver ? QStringLiteral("resolver misconfigured: ") + qmlResolver->errorString()
                                        : QStringLiteral("no resolver (the element is not in a QML engine)"));
        // Never inside start(): deliver from the event loop like a real lookup.
        QTimer::singleShot(0, this, [this, generation, info] {
            if (generation == m_generation && m_status == Running)
                finishWith(info);
        });
        return;
    }
    switch (m_type) {
    case Reverse:
        m_reply = resolver->startAddressLookup(QHostAddress(m_name));
        break;
    case HostIPv4:
        m_reply = resolver->startHostLookup(m_name, AresResolver::IPv4Family);
        break;
    case HostIPv6:
        m_reply = resolver->startHostLookup(m_name, AresResolver::IPv6Family);
        break;
    case Host:
    default:
        m_reply = resolver->startHostLookup(m_name, AresResolver::AnyFamily);
        break;
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
    const AresHostInfo info = reply->hostInfo();
    m_reply.clear();
    reply->deleteLater();
    finishWith(info);
}

void QmlDnsLookup::finishWith(const AresHostInfo &info)
{
    m_info = info;
    m_elapsed = int(m_clock.elapsed());
    m_model->setResults(info.addresses(), info.ttls());
    m_status = info.error() == AresError::NoError ? Done : Failed;
    Q_EMIT resultChanged();
    Q_EMIT statusChanged();
    Q_EMIT finished();
}
