// SPDX-License-Identifier: MIT
#include "qmlrecords.h"

#include <aresreply.h>
#include <aresresolver.h>

#include <algorithm>

namespace QmlRecords {

namespace {

QString familyName(const QHostAddress &address)
{
    return address.protocol() == QAbstractSocket::IPv6Protocol ? QStringLiteral("IPv6")
                                                               : QStringLiteral("IPv4");
}

QStringList utf8List(const QList<QByteArray> &list)
{
    QStringList strings;
    strings.reserve(list.size());
    for (const QByteArray &s : list)
        strings.append(QString::fromUtf8(s));
    return strings;
}

QStringList addressList(const QList<QHostAddress> &addresses)
{
    QStringList strings;
    strings.reserve(addresses.size());
    for (const QHostAddress &a : addresses)
        strings.append(a.toString());
    return strings;
}

QVariantMap addressMap(const QString &owner, const QHostAddress &address, int ttl)
{
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const AresRecord::Type type = v6 ? AresRecord::AAAA : AresRecord::A;
    QByteArray rdata;
    if (v6) {
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        rdata = QByteArray(reinterpret_cast<const char *>(bytes.c), 16);
    } else {
        const quint32 v4 = address.toIPv4Address();
        const char bytes[4] = { char(v4 >> 24), char(v4 >> 16), char(v4 >> 8), char(v4) };
        rdata = QByteArray(bytes, 4);
    }
    return { { QStringLiteral("type"), int(type) },
             { QStringLiteral("typeName"), AresRecord::typeName(type) },
             { QStringLiteral("name"), owner },
             { QStringLiteral("ttl"), ttl },
             { QStringLiteral("display"), address.toString() },
             { QStringLiteral("decoded"), true },
             { QStringLiteral("rdata"), QString::fromLatin1(rdata.toHex()) },
             { QStringLiteral("address"), address.toString() },
             { QStringLiteral("family"), familyName(address) } };
}

} // namespace

QString typeName(int type)
{
    switch (type) {
    case HostKindAny:
        return QStringLiteral("Host");
    case HostKindIPv4:
        return QStringLiteral("HostIPv4");
    case HostKindIPv6:
        return QStringLiteral("HostIPv6");
    case HostKindReverse:
        return QStringLiteral("Reverse");
    case HostKindNameInfo:
        return QStringLiteral("NameInfo");
    default:
        break;
    }
    if (isRecordType(type))
        return AresRecord::typeName(AresRecord::Type(type));
    return QStringLiteral("invalid type %1").arg(type);
}

QString rdataText(const AresRecord &record)
{
    // toString() is "owner. ttl CLASS TYPE rdata": drop the first four fields.
    const QString line = record.toString();
    const QString klass = record.recordClass() == 1 ? QStringLiteral("IN")
            : record.recordClass() == 3             ? QStringLiteral("CH")
                                        : QStringLiteral("CLASS%1").arg(record.recordClass());
    const QString middle =
            QStringLiteral(" %1 %2 %3 ").arg(record.ttl()).arg(klass, record.typeName());
    const qsizetype at = line.indexOf(middle);
    return at < 0 ? line : line.mid(at + middle.size());
}

QVariantMap toMap(const AresRecord &r)
{
    QVariantMap map{ { QStringLiteral("type"), r.typeValue() },
                     { QStringLiteral("typeName"), r.typeName() },
                     { QStringLiteral("name"), r.name() },
                     { QStringLiteral("ttl"), r.ttl() },
                     { QStringLiteral("display"), rdataText(r) },
                     { QStringLiteral("decoded"), r.isDecoded() },
                     { QStringLiteral("rdata"), QString::fromLatin1(r.rdata().toHex()) } };
    if (!r.isDecoded())
        return map;
    const auto put = [&map](const char *key, const QVariant &value) {
        map.insert(QString::fromLatin1(key), value);
    };
    switch (r.type()) {
    case AresRecord::A:
    case AresRecord::AAAA:
        put("address", r.addressString());
        put("family", familyName(r.address()));
        break;
    case AresRecord::CNAME:
    case AresRecord::NS:
    case AresRecord::PTR:
    case AresRecord::DNAME:
        put("target", r.target());
        break;
    case AresRecord::MX:
        put("preference", r.preference());
        put("exchange", r.exchange());
        put("target", r.target());
        break;
    case AresRecord::SRV:
        put("priority", r.priority());
        put("weight", r.weight());
        put("port", r.port());
        put("target", r.target());
        break;
    case AresRecord::TXT:
        put("text", r.text());
        put("strings", utf8List(r.txtStrings()));
        break;
    case AresRecord::SOA:
        put("mname", r.target());
        put("target", r.target());
        put("mailbox", r.soaMailbox());
        put("serial", double(r.soaSerial()));
        put("refresh", double(r.soaRefresh()));
        put("retry", double(r.soaRetry()));
        put("expire", double(r.soaExpire()));
        put("minimum", double(r.soaMinimum()));
        break;
    case AresRecord::CAA:
        put("flags", r.caaFlags());
        put("critical", r.isCaaCritical());
        put("tag", r.caaTag());
        put("value", QString::fromUtf8(r.caaValue()));
        break;
    case AresRecord::NAPTR:
        put("order", r.naptrOrder());
        put("preference", r.preference());
        put("flags", QString::fromUtf8(r.naptrFlags()));
        put("services", QString::fromUtf8(r.naptrServices()));
        put("regexp", QString::fromUtf8(r.naptrRegexp()));
        put("target", r.target());
        break;
    case AresRecord::URI:
        put("priority", r.priority());
        put("weight", r.weight());
        put("uri", r.uri());
        break;
    case AresRecord::TLSA:
        put("usage", r.tlsaUsage());
        put("selector", r.tlsaSelector());
        put("matchingType", r.tlsaMatchingType());
        put("data", QString::fromLatin1(r.tlsaData().toHex()));
        break;
    case AresRecord::SVCB:
    case AresRecord::HTTPS: {
        put("priority", r.priority());
        put("aliasMode", r.isAliasMode());
        put("target", r.target());
        put("alpn", r.alpn());
        put("noDefaultAlpn", r.noDefaultAlpn());
        put("port", r.svcPort());
        put("ipv4Hints", addressList(r.ipv4Hints()));
        put("ipv6Hints", addressList(r.ipv6Hints()));
        put("ech", QString::fromLatin1(r.ech().toBase64()));
        QVariantList mandatory;
        const QList<quint16> keys = r.mandatoryKeys();
        for (quint16 key : keys)
            mandatory.append(int(key));
        put("mandatory", mandatory);
        break;
    }
    default:
        break;
    }
    return map;
}

QVariantList toMaps(const QList<AresRecord> &records)
{
    QVariantList list;
    list.reserve(records.size());
    for (const AresRecord &r : records)
        list.append(toMap(r));
    return list;
}

QStringList Result::addressStrings() const
{
    return addressList(addresses);
}

QString Result::answerText() const
{
    if (error != AresError::NoError)
        return errorString;
    QStringList parts;
    parts.reserve(records.size());
    for (const QVariant &r : records)
        parts.append(r.toMap().value(QStringLiteral("display")).toString());
    return parts.join(QStringLiteral(", "));
}

Result Result::fromHostInfo(const AresHostInfo &info, int type, const QString &name)
{
    Result result;
    result.error = info.error();
    result.errorString = info.errorString();
    result.hostName = info.hostName();
    result.canonicalName = info.canonicalName();
    result.aliases = info.aliases();
    result.addresses = info.addresses();
    result.ttls = info.ttls();
    result.minimumTtl = info.minimumTtl();
    result.diagnostics = info.diagnostics();
    if (result.error != AresError::NoError)
        return result;
    if (type == HostKindReverse) {
        // PTR answers: the name found, then the further names; the TTL is not known.
        const QHostAddress address(name);
        const QString owner = AresRecord::reverseName(address);
        QStringList targets{ info.hostName() };
        targets += info.aliases();
        for (const QString &target : std::as_const(targets)) {
            if (target.isEmpty())
                continue;
            result.records.append(QVariantMap{
                    { QStringLiteral("type"), QVariant(int(AresRecord::PTR)) },
                    { QStringLiteral("typeName"), AresRecord::typeName(AresRecord::PTR) },
                    { QStringLiteral("name"), owner },
                    { QStringLiteral("ttl"), QVariant(-1) },
                    { QStringLiteral("display"), QString(target + QLatin1Char('.')) },
                    { QStringLiteral("decoded"), QVariant(true) },
                    { QStringLiteral("target"), target },
                    { QStringLiteral("address"), address.toString() },
                    { QStringLiteral("family"), familyName(address) } });
        }
        return result;
    }
    result.cnameChain = toMaps(info.cnameChain());
    const QString owner = info.canonicalName().isEmpty() ? info.hostName() : info.canonicalName();
    for (qsizetype i = 0; i < result.addresses.size(); ++i)
        result.records.append(addressMap(owner, result.addresses.at(i), result.ttls.value(i, -1)));
    return result;
}

Result Result::fromRecordSet(const AresRecordSet &set)
{
    Result result;
    result.error = set.error();
    result.errorString = set.errorString();
    result.hostName = set.name();
    result.canonicalName = set.canonicalName();
    result.rcode = set.rcode();
    result.authoritative = set.isAuthoritative();
    result.negativeTtl = set.negativeTtl();
    result.diagnostics = set.diagnostics();
    if (set.authoritySoa().isValid())
        result.authoritySoa = toMap(set.authoritySoa());
    const QList<AresRecord> chain = set.cnameChain();
    result.cnameChain = toMaps(chain);
    for (const AresRecord &cname : chain)
        result.aliases.append(cname.name());
    const QList<AresRecord> records = set.records();
    result.records.reserve(records.size());
    for (const AresRecord &r : records) {
        result.records.append(toMap(r));
        if (r.isDecoded() && (r.type() == AresRecord::A || r.type() == AresRecord::AAAA)) {
            result.addresses.append(r.address());
            result.ttls.append(r.ttl());
        }
        result.minimumTtl = result.minimumTtl < 0 ? r.ttl() : std::min(result.minimumTtl, r.ttl());
    }
    return result;
}

Result Result::failure(const QString &name, AresError error, const QString &errorString)
{
    Result result;
    result.hostName = name;
    result.error = error;
    result.errorString = errorString;
    return result;
}

AresReply *start(AresResolver *resolver, const QString &name, int type, bool search,
                 QString *errorString)
{
    switch (type) {
    case HostKindAny:
        return resolver->startHostLookup(name, AresResolver::AnyFamily);
    case HostKindIPv4:
        return resolver->startHostLookup(name, AresResolver::IPv4Family);
    case HostKindIPv6:
        return resolver->startHostLookup(name, AresResolver::IPv6Family);
    case HostKindReverse:
        return resolver->startAddressLookup(QHostAddress(name));
    default:
        break;
    }
    if (!isRecordType(type)) {
        if (errorString)
            *errorString = QStringLiteral("invalid lookup type %1: a record type is 1..65535, "
                                          "or DnsLookup.Host, HostIPv4, HostIPv6, Reverse")
                                   .arg(type);
        return nullptr;
    }
    const auto recordType = AresRecord::Type(type);
    return search ? resolver->startSearch(name, recordType)
                  : resolver->startQuery(name, recordType);
}

Result resultOf(const AresReply *reply, int type, const QString &name)
{
    return isRecordType(type) ? Result::fromRecordSet(reply->recordSet())
                              : Result::fromHostInfo(reply->hostInfo(), type, name);
}

} // namespace QmlRecords
