// SPDX-License-Identifier: MIT
#include "aresrecord.h"

#include "aresrecord_p.h"
#include "aressharedempty_p.h"
#include "wire/dnswireparser_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdebug.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qrandom.h>
#include <QtCore/qurl.h>

#include <algorithm>

namespace Wire = QAresPrivate::Wire;
using QAresPrivate::unicodeName;

const AresRecordSetPrivate::Extra AresRecordSetPrivate::emptyExtra;
static_assert(sizeof(void *) != 8 || sizeof(AresRecordSetPrivate) <= 112,
              "AresRecordSetPrivate outgrew glibc's fast bins");

QString QAresPrivate::unicodeName(const QByteArray &ace)
{
    if (ace.isEmpty() || ace == ".")
        return QString::fromLatin1(ace);
    // Escaped octets stay escaped; IDNA labels are decoded. One pass for "xn--" in any case.
    const char *p = ace.constData();
    const qsizetype n = ace.size();
    bool idna = false;
    for (qsizetype i = 0; i + 3 < n && !idna; ++i)
        idna = (p[i] | 0x20) == 'x' && (p[i + 1] | 0x20) == 'n' && p[i + 2] == '-'
                && p[i + 3] == '-';
    if (!idna)
        return QString::fromLatin1(ace);
    const QString decoded = QUrl::fromAce(ace, QUrl::IgnoreIDNWhitelist);
    return decoded.isEmpty() ? QString::fromLatin1(ace) : decoded;
}

static QHostAddress addressFromBytes(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const quint8 *>(bytes.constData());
    if (bytes.size() == 4)
        return QHostAddress((quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8)
                            | p[3]);
    if (bytes.size() == 16)
        return QHostAddress(p);
    return QHostAddress();
}

// ---------------------------------------------------------------------------
// AresRecord

using QAresPrivate::sharedEmpty;

AresRecord::AresRecord() : d(sharedEmpty<AresRecordPrivate>()) { }
AresRecord::AresRecord(const AresRecord &other) = default;
AresRecord::AresRecord(AresRecord &&other) noexcept = default;
AresRecord &AresRecord::operator=(const AresRecord &other) = default;
AresRecord &AresRecord::operator=(AresRecord &&other) noexcept = default;
AresRecord::~AresRecord() = default;

AresRecord AresRecord::fromRdata(const QString &name, Type type, const QByteArray &rdata, int ttl,
                                 int recordClass, QString *errorString)
{
    const QByteArray ace = name == u"." ? QByteArray(".") : QUrl::toAce(name);
    const QByteArray wireName = Wire::encodeName(ace);
    if (wireName.isEmpty()) {
        if (errorString)
            *errorString = QCoreApplication::translate("AresRecordSet", "invalid owner name \"%1\"")
                                   .arg(name);
        return AresRecord();
    }
    Wire::Record record;
    record.name = ace.size() > 1 && ace.endsWith('.') ? ace.chopped(1) : ace;
    record.type = quint16(type);
    record.klass = quint16(recordClass);
    record.rawTtl = quint32(ttl);
    record.ttl = Wire::clampTtl(quint32(ttl));
    record.rdata = rdata;
    const Wire::ParseResult result = Wire::decodeRdata(&record);
    if (!result.ok()) {
        if (errorString)
            *errorString = result.toString();
        return AresRecord();
    }
    return QAresPrivate::RecordAccess::fromWire(record);
}

QString AresRecord::reverseName(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 v4 = address.toIPv4Address();
        return QStringLiteral("%1.%2.%3.%4.in-addr.arpa")
                .arg(v4 & 0xff)
                .arg((v4 >> 8) & 0xff)
                .arg((v4 >> 16) & 0xff)
                .arg(v4 >> 24);
    }
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR v6 = address.toIPv6Address();
        static const char hex[] = "0123456789abcdef";
        QString result;
        result.reserve(72);
        for (int i = 15; i >= 0; --i) {
            result.append(QLatin1Char(hex[v6[i] & 0xf]));
            result.append(u'.');
            result.append(QLatin1Char(hex[v6[i] >> 4]));
            result.append(u'.');
        }
        result.append(QStringLiteral("ip6.arpa"));
        return result;
    }
    return QString();
}

QString AresRecord::typeName(Type type)
{
    const char *key = QMetaEnum::fromType<Type>().valueToKey(int(type));
    return key ? QString::fromLatin1(key) : QStringLiteral("TYPE%1").arg(int(type));
}

bool AresRecord::isValid() const { return d->valid; }
AresRecord::Type AresRecord::type() const { return Type(d->r.type); }
QString AresRecord::typeName() const { return typeName(type()); }
int AresRecord::recordClass() const { return d->r.klass; }
QString AresRecord::name() const { return unicodeName(d->r.name); }
QString AresRecord::aceName() const { return QString::fromLatin1(d->r.name); }
int AresRecord::ttl() const { return int(d->r.ttl); }
QByteArray AresRecord::rdata() const { return d->r.rdata; }
bool AresRecord::isDecoded() const { return d->r.decoded; }
QHostAddress AresRecord::address() const
{
    const Wire::Record &r = d->r;
    // Wire::Record::address() without the copy: the address is the RDATA.
    return r.decoded && (r.type == A || r.type == AAAA) ? addressFromBytes(r.rdata)
                                                        : QHostAddress();
}

QString AresRecord::addressString() const
{
    const QHostAddress a = address();
    return a.isNull() ? QString() : a.toString();
}

QString AresRecord::target() const { return unicodeName(d->r.target); }
QString AresRecord::aceTarget() const { return QString::fromLatin1(d->r.target); }
int AresRecord::preference() const { return d->r.preference; }
int AresRecord::priority() const { return d->r.priority; }
int AresRecord::weight() const { return d->r.weight; }
int AresRecord::port() const { return d->r.port; }

QList<QByteArray> AresRecord::txtStrings() const
{
    return type() == TXT ? d->r.strings() : QList<QByteArray>();
}

QVariantList AresRecord::txtStringsVariant() const
{
    QVariantList list;
    for (const QByteArray &string : txtStrings())
        list.append(string);
    return list;
}

QByteArray AresRecord::txtJoined() const
{
    QByteArray result;
    for (const QByteArray &s : txtStrings())
        result.append(s);
    return result;
}

QString AresRecord::text() const { return QString::fromUtf8(txtJoined()); }
QString AresRecord::soaMailbox() const { return unicodeName(d->r.mailbox()); }
QString AresRecord::aceSoaMailbox() const { return QString::fromLatin1(d->r.mailbox()); }
quint32 AresRecord::soaSerial() const { return d->r.serial(); }
quint32 AresRecord::soaRefresh() const { return d->r.refresh(); }
quint32 AresRecord::soaRetry() const { return d->r.retry(); }
quint32 AresRecord::soaExpire() const { return d->r.expire(); }
quint32 AresRecord::soaMinimum() const { return d->r.minimum(); }
int AresRecord::caaFlags() const { return d->r.flags; }
QString AresRecord::caaTag() const { return QString::fromLatin1(d->r.tag()); }
QByteArray AresRecord::caaValue() const { return type() == CAA ? d->r.value() : QByteArray(); }
int AresRecord::naptrOrder() const { return d->r.order; }

QByteArray AresRecord::naptrFlags() const
{
    return type() == NAPTR ? d->r.strings().value(0) : QByteArray();
}

QByteArray AresRecord::naptrServices() const
{
    return type() == NAPTR ? d->r.strings().value(1) : QByteArray();
}

QByteArray AresRecord::naptrRegexp() const
{
    return type() == NAPTR ? d->r.strings().value(2) : QByteArray();
}

QString AresRecord::uri() const
{
    return type() == URI ? QString::fromUtf8(d->r.value()) : QString();
}
int AresRecord::tlsaUsage() const { return d->r.usage; }
int AresRecord::tlsaSelector() const { return d->r.selector; }
int AresRecord::tlsaMatchingType() const { return d->r.matchingType; }
QByteArray AresRecord::tlsaData() const { return type() == TLSA ? d->r.value() : QByteArray(); }

bool AresRecord::isAliasMode() const
{
    return (type() == SVCB || type() == HTTPS) && d->r.decoded && d->r.priority == 0;
}

QMap<quint16, QByteArray> AresRecord::svcParams() const
{
    QMap<quint16, QByteArray> result;
    for (const Wire::SvcParam &param : d->r.params())
        result.insert(param.key, param.value);
    return result;
}

QMap<quint16, QByteArray> AresRecord::unknownSvcParams() const
{
    QMap<quint16, QByteArray> result;
    for (const Wire::SvcParam &param : d->r.params()) {
        if (param.key > Ipv6HintKey)
            result.insert(param.key, param.value);
    }
    return result;
}

static QByteArray svcParam(const Wire::Record &r, quint16 key, bool *present = nullptr)
{
    for (const Wire::SvcParam &param : r.params()) {
        if (param.key == key) {
            if (present)
                *present = true;
            return param.value;
        }
    }
    if (present)
        *present = false;
    return QByteArray();
}

QList<quint16> AresRecord::mandatoryKeys() const
{
    const QByteArray value = svcParam(d->r, MandatoryKey);
    QList<quint16> result;
    for (qsizetype i = 0; i + 1 < value.size(); i += 2)
        result.append(quint16((quint8(value.at(i)) << 8) | quint8(value.at(i + 1))));
    return result;
}

QStringList AresRecord::alpn() const
{
    const QByteArray value = svcParam(d->r, AlpnKey);
    QStringList result;
    qsizetype p = 0;
    while (p < value.size()) {
        const int length = quint8(value.at(p));
        result.append(QString::fromUtf8(value.mid(p + 1, length)));
        p += 1 + length;
    }
    return result;
}

bool AresRecord::noDefaultAlpn() const
{
    bool present = false;
    svcParam(d->r, NoDefaultAlpnKey, &present);
    return present;
}

int AresRecord::svcPort() const
{
    bool present = false;
    const QByteArray value = svcParam(d->r, PortKey, &present);
    if (!present || value.size() != 2)
        return -1;
    return (quint8(value.at(0)) << 8) | quint8(value.at(1));
}

static QList<QHostAddress> hints(const QByteArray &value, int size)
{
    QList<QHostAddress> result;
    for (qsizetype i = 0; i + size <= value.size(); i += size)
        result.append(addressFromBytes(value.mid(i, size)));
    return result;
}

QList<QHostAddress> AresRecord::ipv4Hints() const { return hints(svcParam(d->r, Ipv4HintKey), 4); }
QList<QHostAddress> AresRecord::ipv6Hints() const { return hints(svcParam(d->r, Ipv6HintKey), 16); }

QStringList AresRecord::hintStrings() const
{
    QStringList result;
    for (const QHostAddress &a : ipv4Hints() + ipv6Hints())
        result.append(a.toString());
    return result;
}

QByteArray AresRecord::ech() const { return svcParam(d->r, EchKey); }

static QString quoted(const QByteArray &bytes)
{
    QString result(u'"');
    for (char ch : bytes) {
        const auto c = quint8(ch);
        if (c == '"' || c == '\\')
            result += u'\\' + QChar(char16_t(c));
        else if (c < 0x20 || c > 0x7e)
            result += QStringLiteral("\\%1").arg(int(c), 3, 10, QLatin1Char('0'));
        else
            result += QChar(char16_t(c));
    }
    return result + u'"';
}

static QString absolute(const QByteArray &name)
{
    return name == "." ? QStringLiteral(".") : QString::fromLatin1(name) + u'.';
}

static QString svcParamsString(const Wire::Record &r)
{
    QStringList parts;
    for (const Wire::SvcParam &param : r.params()) {
        const QByteArray &v = param.value;
        switch (param.key) {
        case Wire::SvcKey::Mandatory: {
            QStringList keys;
            for (qsizetype i = 0; i + 1 < v.size(); i += 2) {
                const int key = (quint8(v.at(i)) << 8) | quint8(v.at(i + 1));
                static const char *const names[] = { "mandatory", "alpn", "no-default-alpn", "port",
                                                     "ipv4hint", "ech", "ipv6hint" };
                keys.append(key < 7 ? QString::fromLatin1(names[key])
                                    : QStringLiteral("key%1").arg(key));
            }
            parts.append(QStringLiteral("mandatory=") + keys.join(u','));
            break;
        }
        case Wire::SvcKey::Alpn: {
            QStringList ids;
            qsizetype p = 0;
            while (p < v.size()) {
                const int length = quint8(v.at(p));
                ids.append(QString::fromLatin1(v.mid(p + 1, length)));
                p += 1 + length;
            }
            parts.append(QStringLiteral("alpn=\"") + ids.join(u',') + u'"');
            break;
        }
        case Wire::SvcKey::NoDefaultAlpn:
            parts.append(QStringLiteral("no-default-alpn"));
            break;
        case Wire::SvcKey::Port:
            parts.append(QStringLiteral("port=%1").arg((quint8(v.at(0)) << 8) | quint8(v.at(1))));
            break;
        case Wire::SvcKey::Ipv4Hint:
        case Wire::SvcKey::Ipv6Hint: {
            QStringList addresses;
            for (const QHostAddress &a : hints(v, param.key == Wire::SvcKey::Ipv4Hint ? 4 : 16))
                addresses.append(a.toString());
            parts.append((param.key == Wire::SvcKey::Ipv4Hint ? QStringLiteral("ipv4hint=")
                                                              : QStringLiteral("ipv6hint="))
                         + addresses.join(u','));
            break;
        }
        case Wire::SvcKey::Ech:
            parts.append(QStringLiteral("ech=") + QString::fromLatin1(v.toBase64()));
            break;
        default:
            parts.append(QStringLiteral("key%1=").arg(param.key) + quoted(v));
            break;
        }
    }
    return parts.join(u' ');
}

QString AresRecord::toString() const
{
    if (!d->valid)
        return QString();
    const Wire::Record &r = d->r;
    const QString klass = r.klass == 1 ? QStringLiteral("IN")
            : r.klass == 3             ? QStringLiteral("CH")
                                       : QStringLiteral("CLASS%1").arg(r.klass);
    QString data;
    if (!r.decoded) {
        data = QStringLiteral("\\# %1").arg(r.rdata.size());
        if (!r.rdata.isEmpty())
            data += u' ' + QString::fromLatin1(r.rdata.toHex());
    } else {
        switch (r.type) {
        case A:
        case AAAA:
            data = addressString();
            break;
        case CNAME:
        case NS:
        case PTR:
        case DNAME:
            data = absolute(r.target);
            break;
        case MX:
            data = QStringLiteral("%1 %2").arg(r.preference).arg(absolute(r.target));
            break;
        case SRV:
            data = QStringLiteral("%1 %2 %3 %4")
                           .arg(r.priority)
                           .arg(r.weight)
                           .arg(r.port)
                           .arg(absolute(r.target));
            break;
        case TXT: {
            QStringList strings;
            for (const QByteArray &s : r.strings())
                strings.append(quoted(s));
            data = strings.join(u' ');
            break;
        }
        case SOA:
            data = QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                           .arg(absolute(r.target), absolute(r.mailbox()))
                           .arg(r.serial())
                           .arg(r.refresh())
                           .arg(r.retry())
                           .arg(r.expire())
                           .arg(r.minimum());
            break;
        case CAA:
            data = QStringLiteral("%1 %2 %3")
                           .arg(r.flags)
                           .arg(QString::fromLatin1(r.tag()), quoted(r.value()));
            break;
        case NAPTR:
            data = QStringLiteral("%1 %2 %3 %4 %5 %6")
                           .arg(r.order)
                           .arg(r.preference)
                           .arg(quoted(r.strings().value(0)), quoted(r.strings().value(1)),
                                quoted(r.strings().value(2)), absolute(r.target));
            break;
        case URI:
            data = QStringLiteral("%1 %2 %3").arg(r.priority).arg(r.weight).arg(quoted(r.value()));
            break;
        case TLSA:
            data = QStringLiteral("%1 %2 %3 %4")
                           .arg(r.usage)
                           .arg(r.selector)
                           .arg(r.matchingType)
                           .arg(QString::fromLatin1(r.value().toHex().toUpper()));
            break;
        case SVCB:
        case HTTPS:
            data = QStringLiteral("%1 %2").arg(r.priority).arg(absolute(r.target));
            if (!r.params().isEmpty())
                data += u' ' + svcParamsString(r);
            break;
        default:
            break;
        }
    }
    return QStringLiteral("%1 %2 %3 %4 %5")
            .arg(absolute(r.name))
            .arg(r.ttl)
            .arg(klass, typeName(), data);
}

bool operator==(const AresRecord &a, const AresRecord &b)
{
    return a.d == b.d
            || (a.d->valid == b.d->valid && a.d->r.type == b.d->r.type
                && a.d->r.klass == b.d->r.klass && a.d->r.ttl == b.d->r.ttl
                && Wire::sameName(a.d->r.name, b.d->r.name) && a.d->r.rdata == b.d->r.rdata);
}

// ---------------------------------------------------------------------------
// AresRecordSet

AresRecordSet::AresRecordSet() : d(sharedEmpty<AresRecordSetPrivate>()) { }
AresRecordSet::AresRecordSet(const AresRecordSet &other) = default;
AresRecordSet::AresRecordSet(AresRecordSet &&other) noexcept = default;
AresRecordSet &AresRecordSet::operator=(const AresRecordSet &other) = default;
AresRecordSet &AresRecordSet::operator=(AresRecordSet &&other) noexcept = default;
AresRecordSet::~AresRecordSet() = default;

QString AresRecordSet::name() const { return d->name; }
QString AresRecordSet::aceName() const { return QString::fromLatin1(d->aceName); }
AresRecord::Type AresRecordSet::type() const { return AresRecord::Type(d->type); }
QList<AresRecord> AresRecordSet::records() const { return d->records(); }
QList<AresRecord> AresRecordSet::cnameChain() const { return d->more().chain; }

QString AresRecordSet::canonicalName() const
{
    const QByteArray &canonical = d->more().aceCanonicalName;
    if (!canonical.isEmpty())
        return unicodeName(canonical);
    return d->canonicalIsAceName ? unicodeName(d->aceName) : d->name;
}

QString AresRecordSet::aceCanonicalName() const
{
    const QByteArray &canonical = d->more().aceCanonicalName;
    return QString::fromLatin1(canonical.isEmpty() ? d->aceName : canonical);
}

QList<AresRecord> AresRecordSet::answers() const { return d->answers; }
QList<AresRecord> AresRecordSet::authorities() const { return d->more().authorities; }
QList<AresRecord> AresRecordSet::additionals() const { return d->more().additionals; }
AresRecord AresRecordSet::authoritySoa() const { return d->more().soa; }

int AresRecordSet::negativeTtl() const
{
    const AresRecord &soa = d->more().soa;
    if (!soa.isValid())
        return -1;
    return int(qMin(quint32(soa.ttl()), Wire::clampTtl(soa.soaMinimum())));
}

int AresRecordSet::rcode() const { return d->rcode; }
AresRecordSet::Flags AresRecordSet::flags() const { return Flags(int(d->flags)); }
AresError AresRecordSet::error() const { return d->error; }

QString AresRecordSet::errorString() const
{
    const QString &errorString = d->more().errorString;
    if (errorString.isEmpty() && d->error != AresError::NoError)
        return QAres::errorDescription(d->error);
    return errorString;
}

int AresRecordSet::aresStatus() const { return d->aresStatus; }
int AresRecordSet::lookupId() const { return d->lookupId; }

AresDiagnostics AresRecordSet::diagnostics() const
{
    return QAresPrivate::DiagnosticsAccess::make(d->queuedUs, d->wireUs, d->transport,
                                                 d->cacheState);
}

bool AresRecordSet::fromCache() const
{
    return d->cacheState & QAresPrivate::DiagnosticsAccess::FromCache;
}

bool AresRecordSet::isStale() const
{
    return d->cacheState & QAresPrivate::DiagnosticsAccess::Stale;
}

QList<AresRecord> AresRecordSet::sortedMx() const
{
    QList<AresRecord> mx;
    for (const AresRecord &r : d->records()) {
        if (r.type() == AresRecord::MX)
            mx.append(r);
    }
    return sortByPreference(mx);
}

QList<AresRecord> AresRecordSet::orderedSrv(QRandomGenerator *generator) const
{
    QList<AresRecord> srv;
    for (const AresRecord &r : d->records()) {
        if (r.type() == AresRecord::SRV)
            srv.append(r);
    }
    return orderByPriorityAndWeight(srv, generator);
}

QList<AresRecord> AresRecordSet::sortByPreference(QList<AresRecord> records)
{
    std::stable_sort(records.begin(), records.end(), [](const AresRecord &a, const AresRecord &b) {
        return a.preference() < b.preference();
    });
    return records;
}

QList<AresRecord> AresRecordSet::orderByPriorityAndWeight(QList<AresRecord> records,
                                                          QRandomGenerator *generator)
{
    if (records.size() == 1 && records.first().aceTarget() == u".")
        return {}; // RFC 2782: "the service is decidedly not available"
    if (!generator)
        generator = QRandomGenerator::global();
    std::stable_sort(records.begin(), records.end(), [](const AresRecord &a, const AresRecord &b) {
        return a.priority() < b.priority();
    });
    QList<AresRecord> result;
    result.reserve(records.size());
    qsizetype begin = 0;
    while (begin < records.size()) {
        qsizetype end = begin;
        while (end < records.size() && records.at(end).priority() == records.at(begin).priority())
            ++end;
        // One priority: weight-0 records first, then repeated weighted draws (RFC 2782).
        QList<AresRecord> group(records.begin() + begin, records.begin() + end);
        std::stable_partition(group.begin(), group.end(),
                              [](const AresRecord &r) { return r.weight() == 0; });
        while (!group.isEmpty()) {
            quint32 total = 0;
            for (const AresRecord &r : group)
                total += quint32(r.weight());
            const quint32 pick = generator->bounded(total + 1); // 0..total
            quint32 running = 0;
            qsizetype chosen = group.size() - 1;
            for (qsizetype i = 0; i < group.size(); ++i) {
                running += quint32(group.at(i).weight());
                if (running >= pick) {
                    chosen = i;
                    break;
                }
            }
            result.append(group.takeAt(chosen));
        }
        begin = end;
    }
    return result;
}

// ---------------------------------------------------------------------------

namespace QAresPrivate {

AresRecord RecordAccess::fromWire(const Wire::Record &record)
{
    return fromWire(Wire::Record(record));
}

AresRecord RecordAccess::fromWire(Wire::Record &&record)
{
    AresRecord result;
    auto *d =
            new AresRecordPrivate(std::move(record)); // not a detached copy of the shared empty one
    d->valid = true;
    result.d.reset(d);
    return result;
}

AresRecordSetPrivate *RecordAccess::newPrivate(AresRecordSet *set)
{
    auto *d = new AresRecordSetPrivate; // not a detached copy of the shared empty one
    set->d.reset(d);
    return d;
}

Wire::Record *RecordAccess::appendRecord(QList<AresRecord> *list)
{
    auto *d = new AresRecordPrivate; // not a detached copy of the shared empty one
    d->valid = true;
    list->emplace_back().d.reset(d);
    return &d->r;
}

AresRecordSet RecordAccess::forQuestion(const QByteArray &aceName, const QString &unicode,
                                        quint16 type)
{
    AresRecordSet set;
    set.d->aceName = aceName;
    set.d->name = unicode;
    set.d->type = type;
    return set;
}

void RecordAccess::setError(AresRecordSet *set, AresError error, const QString &errorString,
                            int aresStatus)
{
    set->d->error = error;
    if (!errorString.isEmpty() || !set->d->more().errorString.isEmpty())
        set->d->moreForWriting().errorString = errorString;
    set->d->aresStatus = qint16(aresStatus);
}

void RecordAccess::setLookupId(AresRecordSet *set, int id)
{
    set->d->lookupId = id;
}

void RecordAccess::setRcode(AresRecordSet *set, int rcode)
{
    set->d->rcode = qint16(rcode);
}

void RecordAccess::setTimes(AresRecordSet *set, quint32 queuedUs, quint32 wireUs)
{
    set->d->queuedUs = queuedUs;
    set->d->wireUs = wireUs;
}

void RecordAccess::setTransport(AresRecordSet *set, quint8 transport)
{
    set->d->transport = transport;
}

void RecordAccess::setCacheState(AresRecordSet *set, quint8 state)
{
    set->d->cacheState = state;
}

void RecordAccess::times(const AresRecordSet &set, quint32 *queuedUs, quint32 *wireUs)
{
    *queuedUs = set.d->queuedUs;
    *wireUs = set.d->wireUs;
}

} // namespace QAresPrivate

#ifndef QT_NO_DEBUG_STREAM
QDebug operator<<(QDebug debug, const AresRecord &record)
{
    const QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "AresRecord(" << record.toString() << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const AresRecordSet &set)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "AresRecordSet(" << set.name();
    debug.noquote() << ' ' << AresRecord::typeName(set.type());
    if (set.error() != AresError::NoError) {
        debug << ", " << set.error();
        debug.quote() << ", " << set.errorString();
    } else {
        // The data of each record (toString() less owner, TTL, class and type).
        for (const AresRecord &record : set.records())
            debug << ", " << record.toString().section(u' ', 4);
    }
    debug.noquote() << ", rcode " << set.rcode() << ')';
    return debug;
}
#endif

#include "moc_aresrecord.cpp"
