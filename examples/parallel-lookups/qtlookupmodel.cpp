// SPDX-License-Identifier: MIT
#include "qtlookupmodel.h"

#include <QtNetwork/qdnslookup.h>
#include <QtNetwork/qhostinfo.h>

#include <algorithm>
#include <chrono>

QtLookupModel::QtLookupModel(QObject *parent) : QAbstractListModel(parent) { }

QtLookupModel::~QtLookupModel()
{
    reset();
}

double QtLookupModel::now() const
{
    // CLOCK_MONOTONIC, the clock of QElapsedTimer (LookupModel.origin).
    const auto ns = std::chrono::steady_clock::now().time_since_epoch();
    return double(std::chrono::duration_cast<std::chrono::nanoseconds>(ns).count()) / 1e6
            - m_origin;
}

int QtLookupModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant QtLookupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row.name;
    case StatusRole:
        return int(row.state);
    case StatusTextRole: {
        static const char *const texts[] = { "idle", "running", "done", "failed" };
        return QString::fromLatin1(texts[row.state]);
    }
    case StartTimeRole:
        return row.startTime;
    case EndTimeRole:
        return row.endTime;
    case DurationRole:
        return row.endTime >= 0 ? row.endTime - row.startTime : -1.0;
    case AnswerRole:
        return row.state == Failed ? row.error : row.addresses.join(QStringLiteral(", "));
    case AddressesRole:
        return row.addresses;
    case TtlsRole:
        return QVariant::fromValue(row.ttls);
    case TtlRole:
        return row.ttls.isEmpty() ? -1 : *std::min_element(row.ttls.cbegin(), row.ttls.cend());
    case ErrorStringRole:
        return row.error;
    default:
        return {};
    }
}

QHash<int, QByteArray> QtLookupModel::roleNames() const
{
    return { { NameRole, "name" },
             { StatusRole, "status" },
             { StatusTextRole, "statusText" },
             { StartTimeRole, "startTime" },
             { EndTimeRole, "endTime" },
             { DurationRole, "duration" },
             { AnswerRole, "answer" },
             { AddressesRole, "addresses" },
             { TtlsRole, "ttls" },
             { TtlRole, "ttl" },
             { ErrorStringRole, "errorString" } };
}

QStringList QtLookupModel::names() const
{
    QStringList list;
    for (const Row &row : m_rows)
        list.append(row.name);
    return list;
}

void QtLookupModel::setNames(const QStringList &names)
{
    if (names == this->names())
        return;
    beginResetModel();
    reset();
    m_rows.clear();
    m_rows.resize(size_t(names.size()));
    for (qsizetype i = 0; i < names.size(); ++i)
        m_rows[size_t(i)].name = names.at(i).trimmed();
    endResetModel();
    Q_EMIT namesChanged();
    ++m_revision;
    Q_EMIT revisionChanged();
}

void QtLookupModel::setBackend(Backend backend)
{
    if (m_backend == backend)
        return;
    m_backend = backend;
    Q_EMIT backendChanged();
}

void QtLookupModel::setNameserver(const QString &nameserver)
{
    if (m_nameserver == nameserver)
        return;
    m_nameserver = nameserver;
    Q_EMIT backendChanged();
}

void QtLookupModel::setType(int type)
{
    if (m_type == type)
        return;
    m_type = type;
    Q_EMIT backendChanged();
}

namespace {
// DnsLookup.type (QAres) to QDnsLookup::Type; -1 if QDnsLookup has no such type.
int dnsLookupType(int type)
{
    switch (type) {
    case 0x10000: // Host: QDnsLookup asks one type per lookup
    case 0x10001: // HostIPv4
        return QDnsLookup::A;
    case 0x10002: // HostIPv6
        return QDnsLookup::AAAA;
    case QDnsLookup::A:
    case QDnsLookup::AAAA:
    case QDnsLookup::CNAME:
    case QDnsLookup::MX:
    case QDnsLookup::NS:
    case QDnsLookup::PTR:
    case QDnsLookup::SRV:
    case QDnsLookup::TXT:
        return type; // QDnsLookup::Type uses the wire values
    default:
        return -1;
    }
}

QString absolute(const QString &name)
{
    return name.endsWith(QLatin1Char('.')) ? name : name + QLatin1Char('.');
}

// Every answer of a finished QDnsLookup as text (as QAres' display role) with its TTL.
void collectAnswers(const QDnsLookup *lookup, QStringList *answers, QList<int> *ttls)
{
    const auto add = [&](const QString &text, quint32 ttl) {
        answers->append(text);
        ttls->append(int(ttl));
    };
    switch (lookup->type()) {
    case QDnsLookup::A:
    case QDnsLookup::AAAA:
        for (const QDnsHostAddressRecord &r : lookup->hostAddressRecords())
            add(r.value().toString(), r.timeToLive());
        break;
    case QDnsLookup::CNAME:
        for (const QDnsDomainNameRecord &r : lookup->canonicalNameRecords())
            add(absolute(r.value()), r.timeToLive());
        break;
    case QDnsLookup::NS:
        for (const QDnsDomainNameRecord &r : lookup->nameServerRecords())
            add(absolute(r.value()), r.timeToLive());
        break;
    case QDnsLookup::PTR:
        for (const QDnsDomainNameRecord &r : lookup->pointerRecords())
            add(absolute(r.value()), r.timeToLive());
        break;
    case QDnsLookup::MX:
        for (const QDnsMailExchangeRecord &r : lookup->mailExchangeRecords())
            add(QStringLiteral("%1 %2").arg(r.preference()).arg(absolute(r.exchange())),
                r.timeToLive());
        break;
    case QDnsLookup::SRV:
        for (const QDnsServiceRecord &r : lookup->serviceRecords())
            add(QStringLiteral("%1 %2 %3 %4")
                        .arg(r.priority())
                        .arg(r.weight())
                        .arg(r.port())
                        .arg(absolute(r.target())),
                r.timeToLive());
        break;
    case QDnsLookup::TXT:
        for (const QDnsTextRecord &r : lookup->textRecords()) {
            QStringList strings;
            for (const QByteArray &v : r.values())
                strings.append(u'"' + QString::fromUtf8(v) + u'"');
            add(strings.join(u' '), r.timeToLive());
        }
        break;
    default:
        break;
    }
}
} // namespace

QString QtLookupModel::unsupportedReason(int backend, int type) const
{
    if (backend == HostInfo && type < 0x10000)
        return QStringLiteral("QHostInfo only resolves addresses: no record types");
    if (backend == HostInfo && type == 0x10003)
        return QStringLiteral("QHostInfo has no reverse lookups by address here");
    if (backend == DnsLookup && dnsLookupType(type) < 0)
        return QStringLiteral("QDnsLookup (Qt 6.4) has no %1 type: it knows A, AAAA, CNAME, MX, "
                              "NS, PTR, SRV, TXT")
                .arg(type == 6                 ? QStringLiteral("SOA")
                             : type == 65      ? QStringLiteral("HTTPS")
                             : type == 257     ? QStringLiteral("CAA")
                             : type == 0x10003 ? QStringLiteral("reverse (Reverse)")
                                               : QStringLiteral("TYPE%1").arg(type));
    return QString();
}

// Forgets every running lookup; QHostInfo's cannot be stopped, only ignored.
void QtLookupModel::reset()
{
    for (Row &row : m_rows) {
        if (row.job)
            row.job->deleteLater();
        if (row.hostInfoId >= 0)
            QHostInfo::abortHostLookup(row.hostInfoId);
        row = Row{ row.name, Idle, -1, -1, {}, {}, {}, {}, -1, 0 };
    }
    m_running = 0;
}

void QtLookupModel::start(double origin)
{
    reset();
    m_origin = origin;
    if (m_backend == None || !unsupportedReason(m_backend, m_type).isEmpty()) {
        Q_EMIT dataChanged(index(0), index(std::max(0, count() - 1)));
        ++m_revision;
        Q_EMIT revisionChanged();
        return;
    }
    for (Row &row : m_rows) {
        const int generation = ++m_lastGeneration;
        row.generation = generation;
        row.state = Running;
        row.startTime = now();
        ++m_running;
        if (m_backend == DnsLookup) {
            // m_nameserver: "address" or "address:port" (IPv4, or IPv6 in brackets).
            const qsizetype colon = m_nameserver.lastIndexOf(u':');
            const bool hasPort = colon > 0
                    && (m_nameserver.count(u':') == 1 || m_nameserver.at(colon - 1) == u']');
            QString address = hasPort ? m_nameserver.left(colon) : m_nameserver;
            if (address.startsWith(u'['))
                address = address.mid(1).chopped(1);
            const auto type = QDnsLookup::Type(dnsLookupType(m_type));
#if QT_VERSION >= QT_VERSION_CHECK(6, 6, 0)
            const quint16 port = hasPort ? m_nameserver.mid(colon + 1).toUShort() : 53;
            auto *lookup = new QDnsLookup(type, row.name, QHostAddress(address), port, this);
#else
            auto *lookup = new QDnsLookup(type, row.name, QHostAddress(address), this);
#endif
            row.job = lookup;
            connect(lookup, &QDnsLookup::finished, this, [this, lookup, generation] {
                QStringList addresses;
                QList<int> ttls;
                collectAnswers(lookup, &addresses, &ttls);
                const QString error =
                        lookup->error() == QDnsLookup::NoError ? QString() : lookup->errorString();
                lookup->deleteLater();
                endRow(generation, addresses, ttls, error);
            });
            lookup->lookup();
        } else {
            row.hostInfoId = QHostInfo::lookupHost(
                    row.name, this, [this, generation](const QHostInfo &info) {
                        QStringList addresses;
                        const QList<QHostAddress> list = info.addresses();
                        for (const QHostAddress &address : list)
                            addresses.append(address.toString());
                        endRow(generation, addresses, {},
                               info.error() == QHostInfo::NoError ? QString() : info.errorString());
                    });
        }
    }
    Q_EMIT dataChanged(index(0), index(std::max(0, count() - 1)));
    ++m_revision;
    Q_EMIT revisionChanged();
}

void QtLookupModel::endRow(int generation, const QStringList &addresses, const QList<int> &ttls,
                           const QString &error)
{
    for (size_t i = 0; i < m_rows.size(); ++i) {
        Row &row = m_rows[i];
        if (row.generation != generation || row.state != Running)
            continue;
        row.endTime = now();
        row.addresses = addresses;
        row.ttls = ttls;
        row.error = error;
        row.job.clear();
        row.hostInfoId = -1;
        row.state = error.isEmpty() ? Done : Failed;
        --m_running;
        Q_EMIT dataChanged(index(int(i)), index(int(i)));
        ++m_revision;
        Q_EMIT revisionChanged();
        if (m_running == 0)
            Q_EMIT finished();
        return;
    }
}

void QtLookupModel::abort()
{
    for (Row &row : m_rows) {
        if (row.state != Running)
            continue;
        if (auto *lookup = qobject_cast<QDnsLookup *>(row.job.data()))
            lookup->abort(); // finished() follows with OperationCancelledError
        else if (row.hostInfoId >= 0) {
            QHostInfo::abortHostLookup(row.hostInfoId);
            endRow(row.generation, {}, {}, QStringLiteral("aborted"));
        }
    }
}

QVariantMap QtLookupModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= count())
        return map;
    const QHash<int, QByteArray> roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return map;
}
