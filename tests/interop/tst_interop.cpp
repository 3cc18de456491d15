// SPDX-License-Identifier: MIT
#include <aresresolver.h>

#include "qarestest.h"

#include <QtCore/qdir.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qhash.h>
#include <QtCore/qmap.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qprocess.h>
#include <QtCore/qrandom.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtextstream.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <memory>

using namespace std::chrono_literals;
using Family = AresResolver::Family;

// Interop with a real DNS server: Knot DNS, started by the ctest fixture
// (setup-knot.sh) with the zones in this directory. Every expectation comes
// from the zone files knot serves (as copied into $QARES_KNOT_DIR/zones) and
// is checked against dig's view of the same query, so a disagreement shows
// who differs: QAres/c-ares, or the fixture.

namespace {


QString errorKey(AresError error)
{
    return QString::fromLatin1(QMetaEnum::fromType<AresError>().valueToKey(int(error)));
}

QString errorText(AresError error)
{
    return QStringLiteral("error ") + errorKey(error);
}

// "host.example." for "host.example" and "HOST.example."; "." stays ".".
QString absoluteName(const QString &name)
{
    QString result = name.toLower();
    if (!result.endsWith(u'.'))
        result.append(u'.');
    return result;
}

// The form results are compared in: lower case, no trailing dot.
QString displayName(const QString &name)
{
    QString result = name.toLower();
    if (result.endsWith(u'.') && result.size() > 1)
        result.chop(1);
    return result;
}

QString normalizedAddress(const QString &text)
{
    return QHostAddress(text).toString();
}

// One line per host result: "name=<canonical> <address>/<ttl> ..." with the
// addresses sorted, or "error <AresError>".
QString hostLine(const QString &canonical, QStringList addressTtls)
{
    addressTtls.sort();
    return QStringLiteral("name=") + displayName(canonical) + u' ' + addressTtls.join(u' ');
}

// "ptr <name> <name> ..." sorted, or "error <AresError>".
QString ptrLine(QStringList names)
{
    for (QString &name : names)
        name = displayName(name);
    names.sort();
    names.removeDuplicates();
    return QStringLiteral("ptr ") + names.join(u' ');
}

QString describeHost(const AresHostInfo &info)
{
    if (info.error() != AresError::NoError)
        return errorText(info.error());
    QStringList parts;
    const QList<QHostAddress> addresses = info.addresses();
    const QList<int> ttls = info.ttls();
    for (qsizetype i = 0; i < addresses.size(); ++i)
        parts.append(addresses.at(i).toString() + u'/' + QString::number(ttls.value(i, -2)));
    return hostLine(info.canonicalName(), parts);
}

QString describeReverse(const AresHostInfo &info)
{
    if (info.error() != AresError::NoError)
        return errorText(info.error());
    return ptrLine(QStringList{ info.hostName() } + info.aliases());
}

// Splits a zone file line (comment already removed) into tokens; quoted
// strings stay one token, quotes included.
QStringList zoneTokens(QStringView line)
{
    QStringList tokens;
    QString current;
    bool quoted = false;
    bool escaped = false;
    for (const QChar c : line) {
        if (escaped) {
            current.append(c);
            escaped = false;
        } else if (c == u'\\') {
            current.append(c);
            escaped = true;
        } else if (c == u'"') {
            current.append(c);
            quoted = !quoted;
        } else if (!quoted && c.isSpace()) {
            if (!current.isEmpty())
                tokens.append(std::exchange(current, QString()));
        } else {
            current.append(c);
        }
    }
    if (!current.isEmpty())
        tokens.append(current);
    return tokens;
}

QStringView withoutComment(QStringView line)
{
    bool quoted = false;
    bool escaped = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (escaped)
            escaped = false;
        else if (c == u'\\')
            escaped = true;
        else if (c == u'"')
            quoted = !quoted;
        else if (c == u';' && !quoted)
            return line.first(i);
    }
    return line;
}

struct ZoneRecord
{
    QString owner; // absolute, lower case
    int ttl = 0;
    QString type;  // upper case: "A", "CNAME", "TYPE65280"
    QString rdata; // as written; names in CNAME/PTR/NS rdata made absolute
    QString origin = QStringLiteral("."); // for relative names elsewhere in rdata
};

// Canonical text of records, one form for the zone file, dig's output and
// QAres's typed accessors: "owner. ttl TYPE rdata" with names absolute and
// lower case, numbers in decimal, addresses as QHostAddress prints them,
// character-strings quoted with only printable ASCII literal (\" \\ and
// \DDD otherwise), hex in lower case without spaces, SvcParams in key order
// with mandatory keys sorted, base64 re-encoded. RFC 3597 rdata is
// "\# length hex".

// An absolute, lower case name from a presentation form name ("@", relative
// or absolute).
QString canonicalName(const QString &name, const QString &origin)
{
    if (name == u"@")
        return origin;
    if (name == u".")
        return name;
    if (name.endsWith(u'.'))
        return name.toLower();
    return name.toLower() + u'.' + (origin == u"." ? QString() : origin);
}

// A name as QAres gives it (ACE, no trailing dot, "." for the root).
QString canonicalAresName(const QString &aceName)
{
    return aceName == u"." ? aceName : aceName.toLower() + u'.';
}

// The octets of a <character-string> in presentation form: quotes removed,
// \DDD and \X decoded.
QByteArray presentationBytes(QStringView token)
{
    if (token.size() >= 2 && token.startsWith(u'"') && token.endsWith(u'"'))
        token = token.mid(1, token.size() - 2);
    const QByteArray text = token.toUtf8();
    QByteArray bytes;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) != '\\' || i + 1 == text.size()) {
            bytes.append(text.at(i));
            continue;
        }
        const auto isDigit = [&](qsizetype j) {
            return j < text.size() && text.at(j) >= '0' && text.at(j) <= '9';
        };
        if (isDigit(i + 1) && isDigit(i + 2) && isDigit(i + 3)) {
            bytes.append(char(text.mid(i + 1, 3).toInt()));
            i += 3;
        } else {
            bytes.append(text.at(++i));
        }
    }
    return bytes;
}

QString quotedBytes(const QByteArray &bytes)
{
    QString result(1, u'"');
    for (const char c : bytes) {
        const uchar octet = uchar(c);
        if (octet == '"' || octet == '\\') {
            result += u'\\';
            result += QLatin1Char(c);
        } else if (octet >= 0x20 && octet < 0x7f) {
            result += QLatin1Char(c);
        } else {
            result += QString::asprintf("\\%03u", unsigned(octet));
        }
    }
    return result + u'"';
}

QString hexText(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toHex());
}

QString unknownRdata(const QByteArray &rdata)
{
    QString result = QStringLiteral("\\# ") + QString::number(rdata.size());
    if (!rdata.isEmpty())
        result += u' ' + hexText(rdata);
    return result;
}

constexpr const char16_t *svcKeyNames[] = { u"mandatory", u"alpn", u"no-default-alpn", u"port",
                                            u"ipv4hint",  u"ech",  u"ipv6hint" };

QString svcKeyName(int key)
{
    if (key >= 0 && key < int(std::size(svcKeyNames)))
        return QString::fromUtf16(svcKeyNames[key]);
    return QStringLiteral("key") + QString::number(key);
}

int svcKeyNumber(const QString &name)
{
    for (int key = 0; key < int(std::size(svcKeyNames)); ++key) {
        if (name == QStringView(svcKeyNames[key]))
            return key;
    }
    bool ok = false;
    const int key = name.startsWith(u"key") ? name.mid(3).toInt(&ok) : -1;
    return ok ? key : -1;
}

// "key=value" (bare "no-default-alpn") for one SvcParam: the value is \a list
// for mandatory, alpn and the hints, \a octets otherwise (decimal text for
// the port).
QString svcParamText(int key, const QStringList &list, const QByteArray &octets)
{
    const QString name = svcKeyName(key);
    switch (key) {
    case 0: {
        QList<int> keys;
        for (const QString &item : list)
            keys.append(svcKeyNumber(item));
        std::sort(keys.begin(), keys.end());
        QStringList names;
        for (const int k : keys)
            names.append(svcKeyName(k));
        return name + u'=' + names.join(u',');
    }
    case 1:
        return name + u'=' + list.join(u',');
    case 2:
        return name;
    case 3:
        return name + u'=' + QString::number(octets.toUInt());
    case 4:
    case 6: {
        QStringList addresses;
        for (const QString &item : list)
            addresses.append(normalizedAddress(item));
        return name + u'=' + addresses.join(u',');
    }
    case 5:
        return name + u'=' + QString::fromLatin1(octets.toBase64());
    default:
        return name + u'=' + quotedBytes(octets);
    }
}

// The canonical RDATA of one record given in presentation form (a zone
// file's or dig's), names relative to \a origin.
QString canonicalRdata(const QString &type, const QString &rdata, const QString &origin)
{
    const QStringList t = zoneTokens(rdata);
    const auto name = [&](qsizetype i) { return canonicalName(t.value(i), origin); };
    const auto number = [&](qsizetype i) { return QString::number(t.value(i).toUInt()); };
    const auto string = [&](qsizetype i) { return quotedBytes(presentationBytes(t.value(i))); };
    if (t.value(0) == u"\\#") {
        const QByteArray octets = QByteArray::fromHex(t.mid(2).join(QString()).toLatin1());
        return unknownRdata(octets);
    }
    if (type == u"A" || type == u"AAAA")
        return normalizedAddress(t.value(0));
    if (type == u"CNAME" || type == u"NS" || type == u"PTR")
        return name(0);
    if (type == u"MX")
        return number(0) + u' ' + name(1);
    if (type == u"SRV")
        return number(0) + u' ' + number(1) + u' ' + number(2) + u' ' + name(3);
    if (type == u"TXT") {
        QStringList strings;
        for (const QString &token : t)
            strings.append(quotedBytes(presentationBytes(token)));
        return strings.join(u' ');
    }
    if (type == u"SOA") {
        return name(0) + u' ' + name(1) + u' ' + number(2) + u' ' + number(3) + u' ' + number(4)
                + u' ' + number(5) + u' ' + number(6);
    }
    if (type == u"CAA")
        return number(0) + u' ' + t.value(1).toLower() + u' ' + string(2);
    if (type == u"NAPTR") {
        return number(0) + u' ' + number(1) + u' ' + string(2) + u' ' + string(3) + u' ' + string(4)
                + u' ' + name(5);
    }
    if (type == u"URI")
        return number(0) + u' ' + number(1) + u' ' + string(2);
    if (type == u"TLSA") {
        return number(0) + u' ' + number(1) + u' ' + number(2) + u' '
                + t.mid(3).join(QString()).toLower();
    }
    if (type == u"SVCB" || type == u"HTTPS") {
        QMap<int, QString> params;
        for (const QString &token : t.mid(2)) {
            const qsizetype equals = token.indexOf(u'=');
            const int key = svcKeyNumber(equals < 0 ? token : token.left(equals));
            const QByteArray octets = equals < 0
                    ? QByteArray()
                    : presentationBytes(QStringView(token).mid(equals + 1));
            const QStringList list = QString::fromUtf8(octets).split(u',', Qt::SkipEmptyParts);
            params.insert(key, svcParamText(key, list,
                                            key == 5 ? QByteArray::fromBase64(octets) : octets));
        }
        QStringList parts{ number(0), name(1) };
        parts += params.values();
        return parts.join(u' ');
    }
    return QStringLiteral("unparsed ") + rdata;
}

// The canonical RDATA of a record as QAres decoded it, from its typed
// accessors (rdata() only for types QAres does not decode).
QString canonicalRdata(const AresRecord &record)
{
    const QString target = canonicalAresName(record.aceTarget());
    const auto number = [](qint64 n) { return QString::number(n); };
    switch (record.typeValue()) {
    case AresRecord::A:
    case AresRecord::AAAA:
        return record.address().toString();
    case AresRecord::CNAME:
    case AresRecord::NS:
    case AresRecord::PTR:
        return target;
    case AresRecord::MX:
        return number(record.preference()) + u' ' + target;
    case AresRecord::SRV:
        return number(record.priority()) + u' ' + number(record.weight()) + u' '
                + number(record.port()) + u' ' + target;
    case AresRecord::TXT: {
        QStringList strings;
        for (const QByteArray &string : record.txtStrings())
            strings.append(quotedBytes(string));
        return strings.join(u' ');
    }
    case AresRecord::SOA:
        return target + u' ' + canonicalAresName(record.aceSoaMailbox()) + u' '
                + number(record.soaSerial()) + u' ' + number(record.soaRefresh()) + u' '
                + number(record.soaRetry()) + u' ' + number(record.soaExpire()) + u' '
                + number(record.soaMinimum());
    case AresRecord::CAA:
        return number(record.caaFlags()) + u' ' + record.caaTag().toLower() + u' '
                + quotedBytes(record.caaValue());
    case AresRecord::NAPTR:
        return number(record.naptrOrder()) + u' ' + number(record.preference()) + u' '
                + quotedBytes(record.naptrFlags()) + u' ' + quotedBytes(record.naptrServices())
                + u' ' + quotedBytes(record.naptrRegexp()) + u' ' + target;
    case AresRecord::URI:
        return number(record.priority()) + u' ' + number(record.weight()) + u' '
                + quotedBytes(record.uri().toUtf8());
    case AresRecord::TLSA:
        return number(record.tlsaUsage()) + u' ' + number(record.tlsaSelector()) + u' '
                + number(record.tlsaMatchingType()) + u' ' + hexText(record.tlsaData());
    case AresRecord::SVCB:
    case AresRecord::HTTPS: {
        QStringList parts{ number(record.priority()), target };
        const QMap<quint16, QByteArray> raw = record.svcParams();
        for (auto it = raw.cbegin(); it != raw.cend(); ++it) {
            QStringList list;
            QByteArray octets = it.value();
            switch (it.key()) {
            case AresRecord::MandatoryKey:
                for (const quint16 key : record.mandatoryKeys())
                    list.append(svcKeyName(key));
                break;
            case AresRecord::AlpnKey:
                list = record.alpn();
                break;
            case AresRecord::PortKey:
                octets = QByteArray::number(record.svcPort());
                break;
            case AresRecord::Ipv4HintKey:
                for (const QHostAddress &address : record.ipv4Hints())
                    list.append(address.toString());
                break;
            case AresRecord::EchKey:
                octets = record.ech();
                break;
            case AresRecord::Ipv6HintKey:
                for (const QHostAddress &address : record.ipv6Hints())
                    list.append(address.toString());
                break;
            default:
                octets = record.unknownSvcParams().value(it.key(), "(not in unknownSvcParams())");
                break;
            }
            QString text = svcParamText(it.key(), list, octets);
            if (it.key() == AresRecord::NoDefaultAlpnKey && !record.noDefaultAlpn())
                text += QStringLiteral("(but noDefaultAlpn() is false)");
            parts.append(text);
        }
        return parts.join(u' ');
    }
    default:
        return unknownRdata(record.rdata());
    }
}

QString recordLine(const QString &owner, int ttl, const QString &type, const QString &rdata)
{
    return owner + u' ' + QString::number(ttl) + u' ' + type + u' ' + rdata;
}

QString recordLine(const ZoneRecord &record)
{
    return recordLine(record.owner, record.ttl, record.type,
                      canonicalRdata(record.type, record.rdata, record.origin));
}

QString recordLine(const AresRecord &record)
{
    return recordLine(canonicalAresName(record.aceName()), record.ttl(), record.typeName(),
                      canonicalRdata(record));
}

// The wire type for "MX", "TYPE65400".
AresRecord::Type recordType(const QString &name)
{
    if (name.startsWith(u"TYPE"))
        return AresRecord::Type(name.mid(4).toUShort());
    bool ok = false;
    const int value =
            QMetaEnum::fromType<AresRecord::Type>().keyToValue(name.toLatin1().constData(), &ok);
    return ok ? AresRecord::Type(value) : AresRecord::Type(0);
}

// A record query's outcome is compared as lines (QCOMPARE on lists names the
// first line that differs):
//   status <AresError> rcode <n> [aa]
//   cname <record>      the CNAME chain, in order
//   answer <record>     the answers for the question, sorted
//   soa <record> negative-ttl <n>   the authority SOA of a negative answer
//   referral <record>   the authority NS records of a referral, sorted
QString statusLine(AresError error, int rcode, bool authoritative)
{
    return QStringLiteral("status ") + errorKey(error) + QStringLiteral(" rcode ")
            + QString::number(rcode) + (authoritative ? QStringLiteral(" aa") : QString());
}

QString soaLine(const QString &record, int negativeTtl)
{
    return QStringLiteral("soa ") + record + QStringLiteral(" negative-ttl ")
            + QString::number(negativeTtl);
}

// QAres's view of a record query in the lines above, from the typed accessors.
QStringList describeRecords(const AresRecordSet &set)
{
    QStringList result{ statusLine(set.error(), set.rcode(), set.isAuthoritative()) };
    for (const AresRecord &cname : set.cnameChain())
        result.append(QStringLiteral("cname ") + recordLine(cname));
    QStringList answers;
    for (const AresRecord &record : set.records())
        answers.append(QStringLiteral("answer ") + recordLine(record));
    answers.sort();
    result += answers;
    if (set.authoritySoa().isValid())
        result.append(soaLine(recordLine(set.authoritySoa()), set.negativeTtl()));
    QStringList referral;
    for (const AresRecord &record : set.authorities()) {
        if (record.type() == AresRecord::NS)
            referral.append(QStringLiteral("referral ") + recordLine(record));
    }
    referral.sort();
    return result + referral;
}

// The records of the zones knot serves, parsed from the zone files: the line
// based subset the fixture's files use ($ORIGIN, $TTL, one record per line,
// optional TTL and class in either order, blank owner = previous owner).
class ZoneData
{
public:
    bool load(const QString &path, QString *errorString)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            *errorString = path + QStringLiteral(": ") + file.errorString();
            return false;
        }
        QString origin;
        int defaultTtl = 3600;
        QString previousOwner;
        int lineNumber = 0;
        QTextStream stream(&file);
        while (!stream.atEnd()) {
            const QString line = stream.readLine();
            ++lineNumber;
            const QStringList tokens = zoneTokens(withoutComment(line));
            if (tokens.isEmpty())
                continue;
            const auto fail = [&](const QString &why) {
                *errorString = QStringLiteral("%1:%2: %3").arg(path).arg(lineNumber).arg(why);
                return false;
            };
            if (tokens.first().compare(u"$ORIGIN", Qt::CaseInsensitive) == 0) {
                origin = absoluteName(tokens.value(1));
                if (m_origins.isEmpty() || m_origins.last() != origin)
                    m_origins.append(origin);
                continue;
            }
            if (tokens.first().compare(u"$TTL", Qt::CaseInsensitive) == 0) {
                defaultTtl = tokens.value(1).toInt();
                continue;
            }
            if (tokens.first().startsWith(u'$'))
                return fail(QStringLiteral("unsupported directive ") + tokens.first());
            if (origin.isEmpty())
                return fail(QStringLiteral("record before $ORIGIN"));
            for (const QString &token : tokens) {
                if (!token.startsWith(u'"') && (token.contains(u'(') || token.contains(u')')))
                    return fail(QStringLiteral("parentheses are not supported"));
            }

            qsizetype i = 0;
            ZoneRecord record;
            if (line.at(0).isSpace()) {
                record.owner = previousOwner;
            } else {
                record.owner = relativeTo(tokens.at(0), origin);
                i = 1;
            }
            record.ttl = defaultTtl;
            for (; i < tokens.size(); ++i) {
                bool isNumber = false;
                const int ttl = tokens.at(i).toInt(&isNumber);
                if (isNumber)
                    record.ttl = ttl;
                else if (tokens.at(i).compare(u"IN", Qt::CaseInsensitive) != 0)
                    break;
            }
            if (i >= tokens.size())
                return fail(QStringLiteral("no type"));
            record.type = tokens.at(i).toUpper();
            record.origin = origin;
            const QStringList rdata = tokens.mid(i + 1);
            if (record.type == u"CNAME" || record.type == u"PTR" || record.type == u"NS")
                record.rdata = relativeTo(rdata.value(0), origin);
            else
                record.rdata = rdata.join(u' ');
            previousOwner = record.owner;
            m_byOwner.insert(record.owner, m_records.size());
            m_records.append(record);
        }
        return true;
    }

    QStringList origins() const { return m_origins; }
    const QList<ZoneRecord> &records() const { return m_records; }

    QList<ZoneRecord> find(const QString &owner, QStringView type) const
    {
        QList<ZoneRecord> result;
        for (auto it = m_byOwner.constFind(owner); it != m_byOwner.cend() && it.key() == owner;
             ++it) {
            if (m_records.at(*it).type == type)
                result.append(m_records.at(*it));
        }
        return result;
    }

    // The zone serving \a name, empty if none (knot answers REFUSED).
    QString zoneOf(const QString &name) const
    {
        QString best;
        for (const QString &origin : m_origins) {
            if ((name == origin || name.endsWith(u'.' + origin)) && origin.size() > best.size())
                best = origin;
        }
        return best;
    }

    // A name exists if it owns records or is an empty non-terminal.
    bool exists(const QString &name) const
    {
        if (m_byOwner.contains(name))
            return true;
        const QString suffix = u'.' + name;
        for (const ZoneRecord &record : m_records) {
            if (record.owner.endsWith(suffix))
                return true;
        }
        return false;
    }

    // At or below a delegation (an NS RRset that is not a zone apex).
    bool isDelegated(const QString &name) const { return !delegationOf(name).isEmpty(); }

    // The closest delegation point (an NS RRset that is not a zone apex) at
    // or above \a name, empty if none.
    QString delegationOf(const QString &name) const
    {
        QString cut;
        for (const ZoneRecord &record : m_records) {
            if (record.type != u"NS" || m_origins.contains(record.owner))
                continue;
            if ((name == record.owner || name.endsWith(u'.' + record.owner))
                && record.owner.size() > cut.size()) {
                cut = record.owner;
            }
        }
        return cut;
    }

    // How knot answers a query for \a type records of \a queried from these
    // zones, in the lines of describeRecords().
    QStringList expectRecords(const QString &queried, const QString &type) const
    {
        QString current = absoluteName(queried);
        if (zoneOf(current).isEmpty())
            return { statusLine(AresError::ServerRefusedError, 5, false) };
        QStringList chain;
        for (int hops = 0; hops < 16; ++hops) {
            if (zoneOf(current).isEmpty()) // a CNAME out of the zones ends the answer
                return QStringList{ statusLine(AresError::NoDataError, 0, true) } + chain;
            if (const QString cut = delegationOf(current); !cut.isEmpty()) {
                // A referral: no answer, the delegation's NS RRset in the
                // authority section (glue in the additional one), no AA.
                QStringList referral;
                for (const ZoneRecord &ns : find(cut, u"NS"))
                    referral.append(QStringLiteral("referral ") + recordLine(ns));
                referral.sort();
                return QStringList{ statusLine(AresError::NoDataError, 0, false) } + chain
                        + referral;
            }
            if (type == u"CNAME")
                break;
            const QList<ZoneRecord> cnames = find(current, u"CNAME");
            if (cnames.isEmpty())
                break;
            chain.append(QStringLiteral("cname ") + recordLine(cnames.first()));
            current = cnames.first().rdata;
        }
        QStringList answers;
        for (const ZoneRecord &record : find(current, type))
            answers.append(QStringLiteral("answer ") + recordLine(record));
        answers.sort();
        if (!answers.isEmpty())
            return QStringList{ statusLine(AresError::NoError, 0, true) } + chain + answers;

        const bool nxdomain = !exists(current);
        QStringList result{ statusLine(nxdomain ? AresError::NotFoundError : AresError::NoDataError,
                                       nxdomain ? 3 : 0, true) };
        result += chain;
        const QList<ZoneRecord> soas = find(zoneOf(current), u"SOA");
        if (!soas.isEmpty()) {
            // Knot gives the authority SOA the negative TTL, min(SOA TTL,
            // SOA minimum), as its TTL (RFC 2308 section 3).
            ZoneRecord soa = soas.first();
            soa.ttl = std::min(soa.ttl, zoneTokens(soa.rdata).value(6).toInt());
            result.append(soaLine(recordLine(soa), soa.ttl));
        }
        return result;
    }

    struct Resolution
    {
        QString name; // the end of the CNAME chain
        AresError error = AresError::NoError;
    };

    // Follows CNAMEs inside the served zones as an authoritative server would.
    Resolution resolve(const QString &queried) const
    {
        Resolution result{ absoluteName(queried), AresError::NoError };
        for (int hops = 0; hops < 16; ++hops) {
            if (zoneOf(result.name).isEmpty()) {
                // Out of zone: knot refuses the first name; a CNAME leaving
                // the zones ends the answer (no data from this server).
                result.error = hops == 0 ? AresError::ServerRefusedError : AresError::NoDataError;
                return result;
            }
            if (isDelegated(result.name)) {
                // A referral: no answer section, so no data for a stub resolver.
                result.error = AresError::NoDataError;
                return result;
            }
            const QList<ZoneRecord> cnames = find(result.name, u"CNAME");
            if (cnames.isEmpty())
                break;
            result.name = cnames.first().rdata;
        }
        if (!exists(result.name))
            result.error = AresError::NotFoundError;
        return result;
    }

    QString expectHost(const QString &name, Family family) const
    {
        const Resolution resolution = resolve(name);
        if (resolution.error != AresError::NoError)
            return errorText(resolution.error);
        QStringList parts;
        for (const auto &[type, wanted] : { std::pair{ u"A", family != Family::IPv6Family },
                                            std::pair{ u"AAAA", family != Family::IPv4Family } }) {
            if (!wanted)
                continue;
            for (const ZoneRecord &record : find(resolution.name, QStringView(type)))
                parts.append(normalizedAddress(record.rdata) + u'/' + QString::number(record.ttl));
        }
        if (parts.isEmpty())
            return errorText(AresError::NoDataError);
        return hostLine(resolution.name, parts);
    }

    QString expectReverse(const QHostAddress &address) const
    {
        const Resolution resolution = resolve(reverseName(address));
        if (resolution.error != AresError::NoError)
            return errorText(resolution.error);
        QStringList names;
        for (const ZoneRecord &record : find(resolution.name, u"PTR"))
            names.append(record.rdata);
        if (names.isEmpty())
            return errorText(AresError::NoDataError);
        return ptrLine(names);
    }

    static QString reverseName(const QHostAddress &address)
    {
        QStringList labels;
        if (address.protocol() == QAbstractSocket::IPv4Protocol) {
            const quint32 ip = address.toIPv4Address();
            for (int shift = 0; shift < 32; shift += 8)
                labels.append(QString::number((ip >> shift) & 0xff));
            labels.append(QStringLiteral("in-addr.arpa."));
        } else {
            const Q_IPV6ADDR ip = address.toIPv6Address();
            for (int i = 15; i >= 0; --i) {
                labels.append(QString::number(ip[i] & 0x0f, 16));
                labels.append(QString::number(ip[i] >> 4, 16));
            }
            labels.append(QStringLiteral("ip6.arpa."));
        }
        return labels.join(u'.');
    }

private:
    static QString relativeTo(const QString &name, const QString &origin)
    {
        if (name == u"@")
            return origin;
        if (name.endsWith(u'.'))
            return name.toLower();
        return name.toLower() + u'.' + origin;
    }

    QStringList m_origins;
    QList<ZoneRecord> m_records;
    QMultiHash<QString, qsizetype> m_byOwner;
};

// dig's view of one query against the fixture's knot.
struct DigAnswer
{
    QString status; // "NOERROR", "NXDOMAIN", ... ; empty if dig failed
    QString flags;  // "qr aa rd"
    QList<ZoneRecord> answer;
    QList<ZoneRecord> authority;
    QList<ZoneRecord> additional;
    QString output; // for failure messages
};

} // namespace

class tst_Interop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void fixtureMatchesZone();
    void hostLookup_data();
    void hostLookup();
    void truncatedAnswerRetriedOverTcp();
    void ipv6Server();
    void reverseLookup_data();
    void reverseLookup();
    void reverseLookupAliasesAreFurtherNames();
    void nameInfo_data();
    void nameInfo();
    void endpoints_data();
    void endpoints();
    void concurrentLookups();
    void recordQuery_data();
    void recordQuery();
    void recordQueryFollowsCnameChain();
    void negativeAnswersCarrySoa_data();
    void negativeAnswersCarrySoa();
    void recordQueryReferral();
    void recordQueryTcpFallback_data();
    void recordQueryTcpFallback();
    void recordSearch();
    void anyQuery();
    void mxAndSrvOrder();

private:
    AresOptions hermeticOptions(const QString &server = QString()) const;
    AresHostInfo lookupHost(AresResolver &resolver, const QString &name, Family family);
    AresHostInfo lookupAddress(AresResolver &resolver, const QHostAddress &address);
    DigAnswer dig(const QStringList &query) const;
    QString digHost(const QString &name, Family family) const;
    QString digReverse(const QHostAddress &address) const;
    static QString getentService(quint16 port, const QString &protocol);
    AresRecordSet queryRecords(AresResolver &resolver, const QString &name, AresRecord::Type type,
                               bool search = false);
    QStringList digRecords(const QString &name, const QString &type) const;

    QString m_knotDir;
    quint16 m_port = 0;
    bool m_ipv6 = false;
    QString m_dig;
    ZoneData m_zone;
};

void tst_Interop::initTestCase()
{
    QAresTest::installGlueWarningCheck();

    m_knotDir = qEnvironmentVariable("QARES_KNOT_DIR");
    if (m_knotDir.isEmpty())
        QFAIL("QARES_KNOT_DIR is not set: run through ctest (the knot fixture sets it)");
    QFile portFile(m_knotDir + QStringLiteral("/port"));
    QVERIFY2(portFile.open(QIODevice::ReadOnly),
             qPrintable(portFile.fileName() + QStringLiteral(": ") + portFile.errorString()
                        + QStringLiteral(" (did interop_knot_start pass?)")));
    bool ok = false;
    m_port = QString::fromLatin1(portFile.readAll()).trimmed().toUShort(&ok);
    QVERIFY2(ok && m_port != 0, "bad port file");
    QFile ipv6File(m_knotDir + QStringLiteral("/ipv6"));
    m_ipv6 = ipv6File.open(QIODevice::ReadOnly) && ipv6File.readAll().trimmed() == "1";

    m_dig = QStandardPaths::findExecutable(QStringLiteral("dig"));
    QVERIFY2(!m_dig.isEmpty(), "dig is not installed (Debian: apt-get install dnsutils)");

    const QDir zones(m_knotDir + QStringLiteral("/zones"));
    const QStringList files = zones.entryList({ QStringLiteral("*.zone") }, QDir::Files);
    QVERIFY2(files.size() >= 3, qPrintable(zones.path() + QStringLiteral(" has too few zones")));
    for (const QString &file : files) {
        QString error;
        QVERIFY2(m_zone.load(zones.filePath(file), &error), qPrintable(error));
    }
    QVERIFY(m_zone.origins().contains(QStringLiteral("interop.test.")));
    QVERIFY(m_zone.origins().contains(QStringLiteral("2.0.192.in-addr.arpa.")));
}

void tst_Interop::init()
{
    QAresTest::glueWarnings().clear();
}

void tst_Interop::cleanup()
{
    QVERIFY2(QAresTest::glueWarnings().isEmpty(),
             qPrintable(QAresTest::glueWarnings().join(u'\n')));
}

AresOptions tst_Interop::hermeticOptions(const QString &server) const
{
    AresOptions options;
    options.setServers(QList<AresServer>{
            server.isEmpty() ? AresServer(QHostAddress::LocalHost, m_port)
                             : AresServer(QHostAddress(server), m_port) });
    options.setTries(2);
    options.setTimeout(1000ms);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    options.setCacheEnabled(false); // knot's own answers (TTLs as in the zone), each lookup a query
    return options;
}

AresHostInfo tst_Interop::lookupHost(AresResolver &resolver, const QString &name, Family family)
{
    std::unique_ptr<AresReply> reply(resolver.startHostLookup(name, family));
    QSignalSpy spy(reply.get(), &AresReply::finished);
    if (!spy.wait(15000))
        return AresHostInfo();
    return reply->hostInfo();
}

AresHostInfo tst_Interop::lookupAddress(AresResolver &resolver, const QHostAddress &address)
{
    std::unique_ptr<AresReply> reply(resolver.startAddressLookup(address));
    QSignalSpy spy(reply.get(), &AresReply::finished);
    if (!spy.wait(15000))
        return AresHostInfo();
    return reply->hostInfo();
}

DigAnswer tst_Interop::dig(const QStringList &query) const
{
    DigAnswer result;
    QProcess process;
    // No EDNS, as c-ares 1.18 asks by default: a large answer is truncated
    // over UDP and dig retries over TCP too. Generous tries: dig is the
    // oracle here, and a loaded machine (sanitizers, two builds) once made
    // it give up on a query knot answered.
    process.start(m_dig,
                  QStringList{ QStringLiteral("@127.0.0.1"), QStringLiteral("-p"),
                               QString::number(m_port), QStringLiteral("+noedns"),
                               QStringLiteral("+time=5"), QStringLiteral("+tries=3"),
                               QStringLiteral("+noall"), QStringLiteral("+answer"),
                               QStringLiteral("+authority"), QStringLiteral("+additional"),
                               QStringLiteral("+comments") }
                          + query);
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished(5000);
        result.output = QStringLiteral("dig did not finish");
        return result;
    }
    result.output =
            QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    static const QRegularExpression statusPattern(QStringLiteral("status: ([A-Z]+)"));
    const QRegularExpressionMatch match = statusPattern.match(result.output);
    if (match.hasMatch())
        result.status = match.captured(1);
    static const QRegularExpression flagsPattern(QStringLiteral(";; flags: ([a-z ]*)"));
    result.flags = flagsPattern.match(result.output).captured(1);
    QList<ZoneRecord> *section = &result.answer;
    const QStringList lines = result.output.split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(u";; AUTHORITY SECTION"))
            section = &result.authority;
        else if (line.startsWith(u";; ADDITIONAL SECTION"))
            section = &result.additional;
        else if (line.startsWith(u";; ANSWER SECTION"))
            section = &result.answer;
        if (line.isEmpty() || line.startsWith(u';'))
            continue;
        const QStringList tokens = zoneTokens(line);
        if (tokens.size() < 5)
            continue;
        ZoneRecord record;
        record.owner = absoluteName(tokens.at(0));
        record.ttl = tokens.at(1).toInt();
        record.type = tokens.at(3);
        record.rdata = tokens.mid(4).join(u' ');
        if (record.type == u"CNAME" || record.type == u"PTR")
            record.rdata = absoluteName(record.rdata);
        section->append(record);
    }
    return result;
}

// The expectation line for a host lookup built from dig's answers alone.
QString tst_Interop::digHost(const QString &name, Family family) const
{
    QStringList parts;
    QString canonical = absoluteName(name);
    bool nxdomain = false;
    QString trouble;
    for (const auto &[type, wanted] : { std::pair{ u"A", family != Family::IPv6Family },
                                        std::pair{ u"AAAA", family != Family::IPv4Family } }) {
        if (!wanted)
            continue;
        const DigAnswer answer = dig({ name, QString::fromUtf16(type) });
        if (answer.status == u"NXDOMAIN")
            nxdomain = true;
        else if (answer.status == u"REFUSED")
            return errorText(AresError::ServerRefusedError);
        else if (answer.status != u"NOERROR")
            trouble = QStringLiteral("dig: ") + answer.output;
        QString current = absoluteName(name);
        for (const ZoneRecord &record : answer.answer) {
            if (record.type == u"CNAME" && record.owner == current)
                current = record.rdata;
        }
        canonical = current;
        for (const ZoneRecord &record : answer.answer) {
            if (record.type == type && record.owner == current)
                parts.append(normalizedAddress(record.rdata) + u'/' + QString::number(record.ttl));
        }
    }
    if (!trouble.isEmpty())
        return trouble;
    if (!parts.isEmpty())
        return hostLine(canonical, parts);
    return errorText(nxdomain ? AresError::NotFoundError : AresError::NoDataError);
}

QString tst_Interop::digReverse(const QHostAddress &address) const
{
    const DigAnswer answer = dig({ QStringLiteral("-x"), address.toString() });
    if (answer.status == u"NXDOMAIN")
        return errorText(AresError::NotFoundError);
    if (answer.status == u"REFUSED")
        return errorText(AresError::ServerRefusedError);
    if (answer.status != u"NOERROR")
        return QStringLiteral("dig: ") + answer.output;
    QStringList names;
    for (const ZoneRecord &record : answer.answer) {
        if (record.type == u"PTR")
            names.append(record.rdata);
    }
    if (names.isEmpty())
        return errorText(AresError::NoDataError);
    return ptrLine(names);
}

// Through the QFuture API: query() (exactly the name) or search().
AresRecordSet tst_Interop::queryRecords(AresResolver &resolver, const QString &name,
                                        AresRecord::Type type, bool search)
{
    QFutureWatcher<AresRecordSet> watcher;
    QSignalSpy spy(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(search ? resolver.search(name, type) : resolver.query(name, type));
    if (!watcher.isFinished() && !spy.wait(15000))
        return AresRecordSet();
    const QFuture<AresRecordSet> future = watcher.future();
    return future.resultCount() > 0 ? future.result() : AresRecordSet();
}

// dig's view of a record query in describeRecords()'s lines.
QStringList tst_Interop::digRecords(const QString &name, const QString &type) const
{
    const DigAnswer answer = dig({ name, type });
    AresError error = AresError::NoError;
    int rcode = 0;
    if (answer.status == u"NXDOMAIN") {
        error = AresError::NotFoundError;
        rcode = 3;
    } else if (answer.status == u"REFUSED") {
        error = AresError::ServerRefusedError;
        rcode = 5;
    } else if (answer.status != u"NOERROR") {
        return { QStringLiteral("dig: ") + answer.output };
    }
    QString current = absoluteName(name);
    QStringList chain;
    if (type != u"CNAME") {
        for (const ZoneRecord &record : answer.answer) {
            if (record.type == u"CNAME" && record.owner == current) {
                chain.append(QStringLiteral("cname ") + recordLine(record));
                current = record.rdata;
            }
        }
    }
    QStringList answers;
    for (const ZoneRecord &record : answer.answer) {
        if (record.type == type && record.owner == current)
            answers.append(QStringLiteral("answer ") + recordLine(record));
    }
    answers.sort();
    if (answers.isEmpty() && error == AresError::NoError)
        error = AresError::NoDataError;
    QStringList result{ statusLine(error, rcode, answer.flags.split(u' ').contains(u"aa")) };
    result += chain + answers;
    QStringList referral;
    for (const ZoneRecord &record : answer.authority) {
        if (record.type == u"SOA") {
            const int minimum = zoneTokens(record.rdata).value(6).toInt();
            result.append(soaLine(recordLine(record), std::min(record.ttl, minimum)));
        } else if (record.type == u"NS") {
            referral.append(QStringLiteral("referral ") + recordLine(record));
        }
    }
    referral.sort();
    return result + referral;
}

// The fixture serves what the zone files say: every RRset of the forward zone
// as dig sees it (a guard against testing QAres against a misread zone).
void tst_Interop::fixtureMatchesZone()
{
    QHash<QString, QStringList> rrsets; // "owner TYPE" -> "ttl rdata" of the zone
    for (const ZoneRecord &record : m_zone.records()) {
        if (!record.owner.endsWith(u"interop.test.") || record.owner.startsWith(u"gen-"))
            continue;
        if (record.type != u"A" && record.type != u"AAAA" && record.type != u"CNAME"
            && record.type != u"PTR")
            continue;
        if (m_zone.isDelegated(record.owner))
            continue;
        QString rdata = record.rdata;
        if (record.type == u"A" || record.type == u"AAAA")
            rdata = normalizedAddress(rdata);
        rrsets[record.owner + u' ' + record.type].append(QString::number(record.ttl) + u' '
                                                         + rdata);
    }
    QVERIFY(rrsets.size() > 20);
    for (auto it = rrsets.cbegin(); it != rrsets.cend(); ++it) {
        const QStringList key = it.key().split(u' ');
        const DigAnswer answer = dig({ key.at(0), key.at(1) });
        QStringList served;
        for (const ZoneRecord &record : answer.answer) {
            if (record.owner == key.at(0) && record.type == key.at(1)) {
                const QString rdata = record.type == u"A" || record.type == u"AAAA"
                        ? normalizedAddress(record.rdata)
                        : record.rdata;
                served.append(QString::number(record.ttl) + u' ' + rdata);
            }
        }
        QStringList expected = it.value();
        expected.sort();
        served.sort();
        QCOMPARE(served.join(u", "), expected.join(u", "));
    }
}

void tst_Interop::hostLookup_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Family>("family");

    const QStringList names = {
        QStringLiteral("multi.interop.test"),      QStringLiteral("ttl-zero.interop.test"),
        QStringLiteral("ttl-max.interop.test"),    QStringLiteral("ttl-one.interop.test"),
        QStringLiteral("v4only.interop.test"),     QStringLiteral("v6only.interop.test"),
        QStringLiteral("MiXeD-CaSe.Interop.Test"), QStringLiteral("txtonly.interop.test"),
        QStringLiteral("chain1.interop.test"),     QStringLiteral("chain2.interop.test"),
        QStringLiteral("chain-end.interop.test"),  QStringLiteral("dangling.interop.test"),
        QStringLiteral("to-txtonly.interop.test"), QStringLiteral("big.interop.test"),
        QStringLiteral("sub.interop.test"),        QStringLiteral("host.sub.interop.test"),
        QStringLiteral("nonexistent.interop.test"), QStringLiteral("interop.test"),
        QStringLiteral("_tcp.uri.interop.test"),   QStringLiteral("ns2.interop.test"),
        QStringLiteral("https.interop.test"),      QStringLiteral("gen-00000.interop.test"),
        QStringLiteral("gen-02999.interop.test"),  QStringLiteral("outside.example"),
    };
    const std::pair<Family, const char *> families[] = {
        { Family::IPv4Family, "v4" }, { Family::IPv6Family, "v6" }, { Family::AnyFamily, "any" }
    };
    for (const QString &name : names) {
        const QString tag = name.section(u'.', 0, 0).toLower();
        for (const auto &[family, suffix] : families)
            QTest::addRow("%s-%s", qPrintable(tag), suffix) << name << family;
    }
}

// Each lookup compared with the zone and with dig: addresses as sets, TTLs
// exact, the canonical name at the end of the CNAME chain, errors mapped.
void tst_Interop::hostLookup()
{
    QFETCH(QString, name);
    QFETCH(Family, family);

    const QString fromZone = m_zone.expectHost(name, family);
    QCOMPARE(digHost(name, family), fromZone);

    AresResolver resolver(hermeticOptions());
    QVERIFY2(resolver.errorString().isEmpty(), qPrintable(resolver.errorString()));
    const AresHostInfo info = lookupHost(resolver, name, family);
    QCOMPARE(describeHost(info), fromZone);
    if (info.error() == AresError::NoError) {
        QCOMPARE(info.hostName(), name);
        QCOMPARE(info.ttls().size(), info.addresses().size());
    }
}

// 40 A records do not fit 512 bytes: knot answers UDP with TC and no
// records, c-ares retries over TCP and gets all 40.
void tst_Interop::truncatedAnswerRetriedOverTcp()
{
    const QString name = QStringLiteral("big.interop.test");
    const qsizetype count = m_zone.find(QStringLiteral("big.interop.test."), u"A").size();
    QCOMPARE(count, 40);

    AresResolver resolver(hermeticOptions());
    const AresHostInfo info = lookupHost(resolver, name, Family::IPv4Family);
    QCOMPARE(info.error(), AresError::NoError);
    QCOMPARE(info.addresses().size(), count);

    // The same over TCP from the start.
    AresOptions tcpOnly = hermeticOptions();
    tcpOnly.setFlag(AresOptions::TcpOnly);
    AresResolver tcpResolver(tcpOnly);
    QCOMPARE(describeHost(lookupHost(tcpResolver, name, Family::IPv4Family)), describeHost(info));

    // Proof that UDP alone does not carry them: accepting the truncated
    // answer leaves fewer than 40 (knot sends none).
    AresOptions ignoreTc = hermeticOptions();
    ignoreTc.setFlag(AresOptions::IgnoreTruncation);
    AresResolver udpResolver(ignoreTc);
    const AresHostInfo truncated = lookupHost(udpResolver, name, Family::IPv4Family);
    qInfo("IgnoreTruncation on knot's truncated answer: %s", qPrintable(describeHost(truncated)));
    QVERIFY(truncated.error() != AresError::NoError || truncated.addresses().size() < count);
    QVERIFY(truncated.error() != AresError::TimeoutError);
}

void tst_Interop::ipv6Server()
{
    if (!m_ipv6)
        QSKIP("::1 is not usable here; knot listens on 127.0.0.1 only");
    AresResolver resolver(hermeticOptions(QStringLiteral("::1")));
    const QString name = QStringLiteral("multi.interop.test");
    QCOMPARE(describeHost(lookupHost(resolver, name, Family::AnyFamily)),
             m_zone.expectHost(name, Family::AnyFamily));
}

void tst_Interop::reverseLookup_data()
{
    QTest::addColumn<QString>("address");
    const char *const addresses[][2] = {
        { "v4-one", "192.0.2.1" },          { "v4-v4only", "192.0.2.30" },
        { "v4-chain-end", "192.0.2.40" },   { "v4-three-ptrs", "192.0.2.80" },
        { "v4-classless-cname", "192.0.2.99" }, { "v4-nxdomain", "192.0.2.5" },
        { "v4-outside-zones", "198.51.100.1" }, { "v6-one", "2001:db8::1" },
        { "v6-v6only", "2001:db8::30" },    { "v6-nxdomain", "2001:db8::99" },
        { "v6-outside-zones", "2001:db9::1" },
    };
    for (const auto &[tag, address] : addresses)
        QTest::newRow(tag) << QString::fromLatin1(address);
}

void tst_Interop::reverseLookup()
{
    QFETCH(QString, address);
    const QHostAddress host(address);
    QVERIFY(!host.isNull());

    const QString fromZone = m_zone.expectReverse(host);
    QCOMPARE(digReverse(host), fromZone);

    AresResolver resolver(hermeticOptions());
    const AresHostInfo info = lookupAddress(resolver, host);
    QCOMPARE(describeReverse(info), fromZone);
    if (info.error() == AresError::NoError)
        QCOMPARE(info.addresses(), QList<QHostAddress>{ host });
}

// AresHostInfo documents aliases() of a reverse lookup as the *further* PTR
// names: hostName() must not be repeated among them.
void tst_Interop::reverseLookupAliasesAreFurtherNames()
{
    const QHostAddress host(QStringLiteral("192.0.2.80"));
    AresResolver resolver(hermeticOptions());
    const AresHostInfo info = lookupAddress(resolver, host);
    QCOMPARE(info.error(), AresError::NoError);
    qInfo("hostName %s, aliases %s", qPrintable(info.hostName()),
          qPrintable(info.aliases().join(u", ")));
    QCOMPARE(info.aliases().size() + 1, m_zone.find(ZoneData::reverseName(host), u"PTR").size());
    QVERIFY2(!info.aliases().contains(info.hostName(), Qt::CaseInsensitive),
             qPrintable(info.aliases().join(u", ")));
}

// The service `getent services PORT/PROTOCOL` names (the machine's services
// database, no DNS); the port as a number when it has none.
QString tst_Interop::getentService(quint16 port, const QString &protocol)
{
    QProcess process;
    process.start(QStringLiteral("getent"),
                  { QStringLiteral("services"), QString::number(port) + u'/' + protocol });
    if (!process.waitForFinished(10000)) {
        process.kill();
        process.waitForFinished(5000);
        return QStringLiteral("getent did not finish");
    }
    if (process.exitStatus() == QProcess::NormalExit && process.exitCode() == 2)
        return QString::number(port); // not found
    const QStringList fields =
            QString::fromLatin1(process.readAllStandardOutput()).split(u' ', Qt::SkipEmptyParts);
    return fields.isEmpty() ? QStringLiteral("getent: no output") : fields.first();
}

void tst_Interop::nameInfo_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<AresNameInfo::Flags>("flags");
    const char *const addresses[][2] = {
        { "v4-one", "192.0.2.1" },
        { "v4-three-ptrs", "192.0.2.80" },
        { "v4-classless-cname", "192.0.2.99" },
        { "v4-nxdomain", "192.0.2.5" },
        { "v4-outside-zones", "198.51.100.1" },
        { "v6-one", "2001:db8::1" },
        { "v6-nxdomain", "2001:db8::99" },
    };
    for (const auto &[tag, address] : addresses) {
        const QString text = QString::fromLatin1(address);
        QTest::addRow("%s-tcp-80", tag) << text << 80 << AresNameInfo::Flags();
        QTest::addRow("%s-udp-53-namereqd", tag)
                << text << 53
                << AresNameInfo::Flags(AresNameInfo::DatagramService | AresNameInfo::NameRequired);
        QTest::addRow("%s-numericserv-443", tag)
                << text << 443 << AresNameInfo::Flags(AresNameInfo::NumericService);
    }
}

// getnameinfo against knot: the host name is one of the PTR names dig finds
// (the address as text without one, unless a name is required), the service
// what getent finds in the services database.
void tst_Interop::nameInfo()
{
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(AresNameInfo::Flags, flags);
    const QHostAddress host(address);
    QVERIFY(!host.isNull());

    const DigAnswer answer = dig({ QStringLiteral("-x"), host.toString() });
    QVERIFY2(!answer.status.isEmpty(), qPrintable(answer.output));
    QStringList names;
    for (const ZoneRecord &record : answer.answer) {
        if (record.type == u"PTR")
            names.append(record.rdata.chopped(1)); // without the root's dot
    }
    const QString protocol =
            flags & AresNameInfo::DatagramService ? QStringLiteral("udp") : QStringLiteral("tcp");
    const QString service = flags & AresNameInfo::NumericService
            ? QString::number(port)
            : getentService(quint16(port), protocol);

    AresResolver resolver(hermeticOptions());
    QSignalSpy spy(&resolver, &AresResolver::nameInfoFinished);
    const int id = resolver.submitNameInfoLookup(host, quint16(port), flags);
    QVERIFY(spy.wait(15000));
    QTest::qWait(20);
    QCOMPARE(spy.count(), 1);
    const auto info = spy.at(0).at(0).value<AresNameInfo>();
    QCOMPARE(info.lookupId(), id);
    if (answer.status == u"REFUSED") {
        QCOMPARE(info.error(), AresError::ServerRefusedError);
        return;
    }
    QCOMPARE(answer.status == u"NOERROR" || answer.status == u"NXDOMAIN", true);
    if (names.isEmpty() && (flags & AresNameInfo::NameRequired)) {
        QCOMPARE(info.error(), AresError::NotFoundError);
        QVERIFY(info.hostName().isEmpty());
        return;
    }
    QCOMPARE(info.error(), AresError::NoError);
    QCOMPARE(info.serviceName(), service);
    if (names.isEmpty()) {
        QCOMPARE(info.hostName(), host.toString());
        QVERIFY(info.isNumericHost());
    } else {
        QVERIFY2(names.contains(info.hostName(), Qt::CaseInsensitive),
                 qPrintable(info.hostName() + QStringLiteral(" not in ") + names.join(u", ")));
        QVERIFY(!info.isNumericHost());
    }
}

void tst_Interop::endpoints_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<Family>("family");
    QTest::addColumn<QString>("service");
    QTest::addColumn<AresHostRequest::SocketType>("socketType");
    const char *const names[] = { "multi.interop.test", "v4only.interop.test",
                                  "v6only.interop.test", "chain1.interop.test",
                                  "nonexistent.interop.test" };
    for (const char *name : names) {
        const QString text = QString::fromLatin1(name);
        const QString tag = text.section(u'.', 0, 0);
        QTest::addRow("%s-any-http", qPrintable(tag))
                << text << Family::AnyFamily << QStringLiteral("http")
                << AresHostRequest::StreamSocket;
        QTest::addRow("%s-v6-domain-udp", qPrintable(tag))
                << text << Family::IPv6Family << QStringLiteral("domain")
                << AresHostRequest::DatagramSocket;
        QTest::addRow("%s-v4-8443", qPrintable(tag))
                << text << Family::IPv4Family << QStringLiteral("8443")
                << AresHostRequest::AnySocket;
    }
}

// Host lookups with a service against knot: the addresses and TTLs as the
// zone and dig have them, each with the port getent finds for the service.
void tst_Interop::endpoints()
{
    QFETCH(QString, name);
    QFETCH(Family, family);
    QFETCH(QString, service);
    QFETCH(AresHostRequest::SocketType, socketType);

    const QString fromZone = m_zone.expectHost(name, family);
    QCOMPARE(digHost(name, family), fromZone);
    bool numeric = false;
    const int number = service.toInt(&numeric);
    const QString protocol = socketType == AresHostRequest::DatagramSocket ? QStringLiteral("udp")
                                                                           : QStringLiteral("tcp");
    // getentService() gives the name of a port: ask it for the port of the name instead.
    QProcess getent;
    getent.start(QStringLiteral("getent"),
                 { QStringLiteral("services"), service + u'/' + protocol });
    QVERIFY(getent.waitForFinished(10000));
    const QStringList fields =
            QString::fromLatin1(getent.readAllStandardOutput()).split(u' ', Qt::SkipEmptyParts);
    const int port =
            numeric ? number : (fields.size() >= 2 ? fields.at(1).section(u'/', 0, 0).toInt() : -1);
    QVERIFY2(port > 0, qPrintable(service));

    AresHostRequest request(name, family);
    request.setService(service);
    request.setSocketType(socketType);
    AresResolver resolver(hermeticOptions());
    std::unique_ptr<AresReply> reply(resolver.startHostLookup(request));
    QSignalSpy spy(reply.get(), &AresReply::finished);
    QVERIFY(spy.wait(15000));
    const AresHostInfo info = reply->hostInfo();
    QCOMPARE(describeHost(info), fromZone);
    QCOMPARE(info.port(), quint16(port));
    const QList<AresEndpoint> endpoints = info.endpoints();
    QCOMPARE(endpoints.size(), info.addresses().size());
    for (qsizetype i = 0; i < endpoints.size(); ++i) {
        QCOMPARE(endpoints.at(i).address(), info.addresses().at(i));
        QCOMPARE(endpoints.at(i).port(), quint16(port));
        QCOMPARE(endpoints.at(i).ttl(), info.ttls().at(i));
    }
}

// 2,000 lookups started at once over the whole zone (every name that owns
// records plus the generated gen-NNNNN names and some that do not exist),
// all three families: every one correct.
void tst_Interop::concurrentLookups()
{
    constexpr int total = 2000;
    QStringList names;
    QSet<QString> seen;
    for (const ZoneRecord &record : m_zone.records()) {
        if (!record.owner.endsWith(u".interop.test.") || record.owner.startsWith(u"gen-"))
            continue;
        if (!seen.contains(record.owner)) {
            seen.insert(record.owner);
            names.append(displayName(record.owner));
        }
    }
    for (int i = 0; i < 50; ++i)
        names.append(QStringLiteral("missing-%1.interop.test").arg(i));
    for (const ZoneRecord &record : m_zone.records()) {
        if (names.size() >= total)
            break;
        if (record.owner.startsWith(u"gen-") && !seen.contains(record.owner)) {
            seen.insert(record.owner);
            names.append(displayName(record.owner));
        }
    }
    QCOMPARE(names.size(), total);

    const Family families[] = { Family::AnyFamily, Family::IPv4Family, Family::IPv6Family };
    QStringList expected;
    expected.reserve(total);
    for (int i = 0; i < total; ++i)
        expected.append(m_zone.expectHost(names.at(i), families[i % 3]));

    AresOptions options = hermeticOptions();
    options.setDeadline(60s);
    AresResolver resolver(options);
    QElapsedTimer timer;
    timer.start();
    int finished = 0;
    std::vector<std::unique_ptr<AresReply>> replies;
    replies.reserve(total);
    for (int i = 0; i < total; ++i) {
        replies.emplace_back(resolver.startHostLookup(names.at(i), families[i % 3]));
        connect(replies.back().get(), &AresReply::finished, this, [&finished] { ++finished; });
    }
    QCOMPARE(resolver.pendingLookups(), total);
    QTRY_COMPARE_WITH_TIMEOUT(finished, total, 90000);
    const qint64 elapsed = timer.elapsed();

    int errors = 0;
    QStringList mismatches;
    for (int i = 0; i < total; ++i) {
        const QString actual = describeHost(replies.at(i)->hostInfo());
        if (actual.startsWith(u"error"))
            ++errors;
        if (actual != expected.at(i))
            mismatches.append(names.at(i) + u' ' + QString::number(int(families[i % 3]))
                              + QStringLiteral(": got ") + actual + QStringLiteral(", expected ")
                              + expected.at(i));
    }
    qInfo("%d lookups in %lld ms (%d expected errors)", total, elapsed, errors);
    QVERIFY2(mismatches.isEmpty(),
             qPrintable(QString::number(mismatches.size()) + QStringLiteral(" wrong:\n")
                        + mismatches.mid(0, 20).join(u'\n')));
    QCOMPARE(resolver.pendingLookups(), 0);
}

void tst_Interop::recordQuery_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");

    // Every RRset of the zones (but the generated gen-NNNNN names and what
    // lies at or below the delegation, asked for below).
    QSet<QString> seen;
    for (const ZoneRecord &record : m_zone.records()) {
        const QString key = record.owner + u' ' + record.type;
        if (record.owner.startsWith(u"gen-") || m_zone.isDelegated(record.owner)
            || seen.contains(key)) {
            continue;
        }
        seen.insert(key);
        QTest::newRow(qPrintable(displayName(record.owner) + u' ' + record.type))
                << displayName(record.owner) << record.type;
    }

    const char *const rows[][3] = {
        // CNAME chains: the chain, then the target's records or its negative answer.
        { "chain1 A", "chain1.interop.test", "A" },
        { "chain1 AAAA", "chain1.interop.test", "AAAA" },
        { "chain2 A", "chain2.interop.test", "A" },
        { "chain1 MX, nodata at the end", "chain1.interop.test", "MX" },
        { "to-txtonly TXT", "to-txtonly.interop.test", "TXT" },
        { "to-txtonly A, nodata at the end", "to-txtonly.interop.test", "A" },
        { "dangling A, nxdomain at the end", "dangling.interop.test", "A" },
        { "classless PTR through a CNAME", "99.2.0.192.in-addr.arpa", "PTR" },
        // NXDOMAIN.
        { "nxdomain A", "nonexistent.interop.test", "A" },
        { "nxdomain MX two labels down", "deep.nonexistent.interop.test", "MX" },
        { "nxdomain TYPE65400", "nonexistent.interop.test", "TYPE65400" },
        { "nxdomain in-addr.arpa", "5.2.0.192.in-addr.arpa", "PTR" },
        { "nxdomain ip6.arpa, SOA TTL below minimum", "9.9.9.9.8.b.d.0.1.0.0.2.ip6.arpa", "PTR" },
        // NODATA.
        { "nodata mx AAAA", "mx.interop.test", "AAAA" },
        { "nodata multi MX", "multi.interop.test", "MX" },
        { "nodata apex TXT", "interop.test", "TXT" },
        { "nodata empty non-terminal", "_tcp.uri.interop.test", "URI" },
        { "nodata https SVCB", "https.interop.test", "SVCB" },
        { "nodata multi TYPE65400", "multi.interop.test", "TYPE65400" },
        { "nodata in-addr.arpa apex A", "2.0.192.in-addr.arpa", "A" },
        // The delegation: knot sends a referral.
        { "referral sub A", "sub.interop.test", "A" },
        { "referral sub NS", "sub.interop.test", "NS" },
        { "referral below the cut", "host.sub.interop.test", "MX" },
        { "referral glue name", "ns.sub.interop.test", "A" },
        // Not served: knot refuses.
        { "refused", "outside.example", "TXT" },
        // The owner names come back as asked.
        { "mixed case", "Mx.InTeRoP.TeSt", "MX" },
    };
    for (const auto &[tag, name, type] : rows)
        QTest::newRow(tag) << QString::fromLatin1(name) << QString::fromLatin1(type);
}

// Each (name, type) asked with AresResolver::query(), its outcome compared
// with the zone file and with dig: rcode, AA, the CNAME chain, the answers
// through the typed accessors with their TTLs, the authority SOA with the
// negative TTL, the referral's NS records. Each record's toString() reads
// back to the same.
void tst_Interop::recordQuery()
{
    QFETCH(QString, name);
    QFETCH(QString, type);
    const AresRecord::Type wireType = recordType(type);
    QVERIFY2(wireType != 0, qPrintable(type));

    const QStringList fromZone = m_zone.expectRecords(name, type);
    QCOMPARE(digRecords(name, type), fromZone);

    AresResolver resolver(hermeticOptions());
    const AresRecordSet set = queryRecords(resolver, name, wireType);
    QCOMPARE(describeRecords(set), fromZone);
    QCOMPARE(set.name(), name);
    QCOMPARE(set.type(), wireType);

    // The signal-based variant gives the same.
    std::unique_ptr<AresReply> reply(resolver.startQuery(name, wireType));
    QSignalSpy finished(reply.get(), &AresReply::finished);
    QVERIFY(finished.wait(15000));
    QCOMPARE(describeRecords(reply->recordSet()), fromZone);

    static const QList<int> decodedTypes = {
        AresRecord::A,    AresRecord::NS,   AresRecord::CNAME, AresRecord::SOA, AresRecord::PTR,
        AresRecord::MX,   AresRecord::TXT,  AresRecord::AAAA,  AresRecord::SRV, AresRecord::NAPTR,
        AresRecord::TLSA, AresRecord::SVCB, AresRecord::HTTPS, AresRecord::URI, AresRecord::CAA,
    };
    for (const AresRecord &record : set.cnameChain() + set.records()) {
        QCOMPARE(record.recordClass(), 1);
        // The zones have no IDNA names: the Unicode forms are the ACE ones.
        QCOMPARE(record.name(), record.aceName());
        QCOMPARE(record.target(), record.aceTarget());
        QCOMPARE(record.isDecoded(), decodedTypes.contains(record.typeValue()));
        const QStringList tokens = zoneTokens(record.toString());
        QCOMPARE(tokens.value(2), QStringLiteral("IN"));
        const QString printed = recordLine(absoluteName(tokens.value(0)), tokens.value(1).toInt(),
                                           tokens.value(3),
                                           canonicalRdata(tokens.value(3), tokens.mid(4).join(u' '),
                                                          QStringLiteral(".")));
        QCOMPARE(printed, recordLine(record));
    }
}

// A CNAME chain of three: the answer holds the chain in order, then the
// records of its end; asking for the CNAME type itself does not follow it.
void tst_Interop::recordQueryFollowsCnameChain()
{
    const QString start = QStringLiteral("chain1.interop.test");
    QStringList expectedChain;
    QString current = absoluteName(start);
    for (QList<ZoneRecord> cnames; !(cnames = m_zone.find(current, u"CNAME")).isEmpty();) {
        expectedChain.append(recordLine(cnames.first()));
        current = cnames.first().rdata;
    }
    QCOMPARE(expectedChain.size(), 3);
    QCOMPARE(current, QStringLiteral("chain-end.interop.test."));

    AresResolver resolver(hermeticOptions());
    const AresRecordSet set = queryRecords(resolver, start, AresRecord::A);
    QCOMPARE(set.error(), AresError::NoError);
    QStringList chain;
    for (const AresRecord &cname : set.cnameChain()) {
        QCOMPARE(cname.type(), AresRecord::CNAME);
        chain.append(recordLine(cname));
    }
    QCOMPARE(chain, expectedChain);
    QCOMPARE(set.canonicalName(), displayName(current));
    QCOMPARE(set.records().size(), m_zone.find(current, u"A").size());
    for (const AresRecord &record : set.records()) {
        QCOMPARE(record.name(), displayName(current));
        QCOMPARE(record.ttl(), m_zone.find(current, u"A").first().ttl);
    }
    QCOMPARE(set.answers().size(), set.cnameChain().size() + set.records().size());

    const AresRecordSet cname = queryRecords(resolver, start, AresRecord::CNAME);
    QCOMPARE(cname.error(), AresError::NoError);
    QCOMPARE(cname.records().size(), 1);
    QCOMPARE(recordLine(cname.records().first()), expectedChain.first());
    QVERIFY(cname.cnameChain().isEmpty());
    QCOMPARE(cname.canonicalName(), start);
}

void tst_Interop::negativeAnswersCarrySoa_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<AresRecord::Type>("type");
    QTest::addColumn<AresError>("error");
    QTest::addColumn<int>("rcode");
    QTest::addColumn<QString>("zone");

    const QString forward = QStringLiteral("interop.test.");
    const QString ip6 = QStringLiteral("8.b.d.0.1.0.0.2.ip6.arpa.");
    QTest::newRow("nxdomain") << QStringLiteral("nonexistent.interop.test") << AresRecord::A
                              << AresError::NotFoundError << 3 << forward;
    QTest::newRow("nodata") << QStringLiteral("mx.interop.test") << AresRecord::AAAA
                            << AresError::NoDataError << 0 << forward;
    QTest::newRow("nodata through a CNAME")
            << QStringLiteral("to-txtonly.interop.test") << AresRecord::A << AresError::NoDataError
            << 0 << forward;
    QTest::newRow("nxdomain through a CNAME")
            << QStringLiteral("dangling.interop.test") << AresRecord::TXT
            << AresError::NotFoundError << 3 << forward;
    QTest::newRow("nxdomain ip6.arpa") << QStringLiteral("9.9.9.9.8.b.d.0.1.0.0.2.ip6.arpa")
                                       << AresRecord::PTR << AresError::NotFoundError << 3 << ip6;
    QTest::newRow("nodata ip6.arpa") << QStringLiteral("8.b.d.0.1.0.0.2.ip6.arpa") << AresRecord::MX
                                     << AresError::NoDataError << 0 << ip6;
}

// NXDOMAIN and NODATA keep the zone's SOA; negativeTtl() is min(SOA TTL,
// SOA minimum): 300 (the minimum) for interop.test, 120 (the TTL) for the
// ip6.arpa zone.
void tst_Interop::negativeAnswersCarrySoa()
{
    QFETCH(QString, name);
    QFETCH(AresRecord::Type, type);
    QFETCH(AresError, error);
    QFETCH(int, rcode);
    QFETCH(QString, zone);

    const QList<ZoneRecord> soas = m_zone.find(zone, u"SOA");
    QCOMPARE(soas.size(), 1);
    const QStringList soaFields = zoneTokens(soas.first().rdata);
    const int minimum = soaFields.value(6).toInt();
    const int negativeTtl = std::min(soas.first().ttl, minimum);

    AresResolver resolver(hermeticOptions());
    const AresRecordSet set = queryRecords(resolver, name, type);
    QCOMPARE(set.error(), error);
    QCOMPARE(set.rcode(), rcode);
    QVERIFY(set.records().isEmpty());
    QVERIFY(set.isAuthoritative());
    const AresRecord soa = set.authoritySoa();
    QVERIFY(soa.isValid());
    QCOMPARE(soa.type(), AresRecord::SOA);
    QCOMPARE(canonicalAresName(soa.aceName()), zone);
    QCOMPARE(soa.soaSerial(), soaFields.value(2).toUInt());
    QCOMPARE(int(soa.soaMinimum()), minimum);
    QCOMPARE(soa.ttl(), negativeTtl); // knot sends the SOA with the negative TTL
    QCOMPARE(set.negativeTtl(), negativeTtl);
}

// Knot is authoritative for interop.test, not for sub.interop.test: it
// answers with a referral (NOERROR, no AA, no answer, the NS RRset in the
// authority section, glue in the additional one). QAres reports NoDataError
// without an SOA (negativeTtl() -1) and keeps the referral readable.
void tst_Interop::recordQueryReferral()
{
    const QString cut = QStringLiteral("sub.interop.test.");
    QCOMPARE(m_zone.delegationOf(QStringLiteral("host.sub.interop.test.")), cut);
    QStringList expectedNs;
    QStringList expectedGlue;
    for (const ZoneRecord &ns : m_zone.find(cut, u"NS")) {
        expectedNs.append(recordLine(ns));
        for (const char16_t *type : { u"A", u"AAAA" }) {
            for (const ZoneRecord &glue : m_zone.find(ns.rdata, QStringView(type)))
                expectedGlue.append(recordLine(glue));
        }
    }
    expectedNs.sort();
    expectedGlue.sort();
    QCOMPARE(expectedNs.size(), 2);
    QCOMPARE(expectedGlue.size(), 3);

    const DigAnswer dug = dig({ QStringLiteral("host.sub.interop.test"), QStringLiteral("A") });
    QStringList dugGlue;
    for (const ZoneRecord &record : dug.additional)
        dugGlue.append(recordLine(record));
    dugGlue.sort();
    QCOMPARE(dugGlue, expectedGlue);

    AresResolver resolver(hermeticOptions());
    for (const QString &name :
         { QStringLiteral("sub.interop.test"), QStringLiteral("host.sub.interop.test") }) {
        const AresRecordSet set = queryRecords(resolver, name, AresRecord::A);
        QCOMPARE(set.error(), AresError::NoDataError);
        QCOMPARE(set.rcode(), 0);
        QVERIFY(!set.isAuthoritative());
        QVERIFY(set.records().isEmpty());
        QVERIFY(set.answers().isEmpty());
        QVERIFY(set.cnameChain().isEmpty());
        QVERIFY(!set.authoritySoa().isValid());
        QCOMPARE(set.negativeTtl(), -1);
        QStringList ns;
        for (const AresRecord &record : set.authorities())
            ns.append(recordLine(record));
        ns.sort();
        QCOMPARE(ns, expectedNs);
        QStringList glue;
        for (const AresRecord &record : set.additionals()) {
            if (record.type() != AresRecord::OPT)
                glue.append(recordLine(record));
        }
        glue.sort();
        QCOMPARE(glue, expectedGlue);
    }
}

void tst_Interop::recordQueryTcpFallback_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("type");
    QTest::newRow("40 A") << QStringLiteral("big.interop.test") << QStringLiteral("A");
    QTest::newRow("8 TXT") << QStringLiteral("bigtxt.interop.test") << QStringLiteral("TXT");
}

// Answers over 512 octets: knot sets TC over UDP (c-ares sends no EDNS),
// c-ares retries over TCP and QAres reads the whole answer.
void tst_Interop::recordQueryTcpFallback()
{
    QFETCH(QString, name);
    QFETCH(QString, type);
    const QStringList fromZone = m_zone.expectRecords(name, type);
    const qsizetype count = m_zone.find(absoluteName(name), type).size();
    QVERIFY(count >= 8);
    QCOMPARE(fromZone.size(), count + 1);

    AresResolver resolver(hermeticOptions());
    const AresRecordSet set = queryRecords(resolver, name, recordType(type));
    QCOMPARE(describeRecords(set), fromZone);
    QVERIFY(!set.isTruncated());

    AresOptions tcpOnly = hermeticOptions();
    tcpOnly.setFlag(AresOptions::TcpOnly);
    AresResolver tcpResolver(tcpOnly);
    QCOMPARE(describeRecords(queryRecords(tcpResolver, name, recordType(type))), fromZone);

    // With EDNS (1232 octets) it fits one UDP answer.
    AresOptions edns = hermeticOptions();
    edns.setFlag(AresOptions::Edns);
    AresResolver ednsResolver(edns);
    const AresRecordSet withEdns = queryRecords(ednsResolver, name, recordType(type));
    QCOMPARE(describeRecords(withEdns), fromZone);
    QVERIFY(!withEdns.isTruncated());
    QVERIFY(std::any_of(withEdns.additionals().cbegin(), withEdns.additionals().cend(),
                        [](const AresRecord &record) { return record.type() == AresRecord::OPT; }));

    // Proof that it needs TCP: the UDP answer alone is truncated.
    AresOptions ignoreTc = hermeticOptions();
    ignoreTc.setFlag(AresOptions::IgnoreTruncation);
    AresResolver udpResolver(ignoreTc);
    const AresRecordSet truncated = queryRecords(udpResolver, name, recordType(type));
    qInfo("IgnoreTruncation: %s", qPrintable(describeRecords(truncated).join(u"; ")));
    QVERIFY(truncated.isTruncated());
    QVERIFY(truncated.records().size() < count);
}

// search() with search domains: a short name is tried with each domain in
// turn (NXDOMAIN under the first, found under the second), then as is; a
// trailing dot makes it absolute.
void tst_Interop::recordSearch()
{
    AresOptions options = hermeticOptions();
    options.setFlag(AresOptions::NoSearch, false);
    options.setSearchDomains(
            { QStringLiteral("nowhere.interop.test"), QStringLiteral("interop.test") });
    options.setNdots(1);
    AresResolver resolver(options);

    const AresRecordSet mx = queryRecords(resolver, QStringLiteral("mx"), AresRecord::MX, true);
    QCOMPARE(describeRecords(mx),
             m_zone.expectRecords(QStringLiteral("mx.interop.test"), QStringLiteral("MX")));
    QCOMPARE(mx.name(), QStringLiteral("mx"));
    QCOMPARE(mx.canonicalName(), QStringLiteral("mx.interop.test"));

    const AresRecordSet chain =
            queryRecords(resolver, QStringLiteral("chain1"), AresRecord::A, true);
    QCOMPARE(describeRecords(chain),
             m_zone.expectRecords(QStringLiteral("chain1.interop.test"), QStringLiteral("A")));

    const AresRecordSet absolute =
            queryRecords(resolver, QStringLiteral("mx.interop.test."), AresRecord::MX, true);
    QCOMPARE(describeRecords(absolute).mid(1), describeRecords(mx).mid(1));

    // Under no domain: NXDOMAIN twice, then "no-such-name." as is, which
    // knot refuses (it serves no such zone); c-ares ends the search with
    // that last status, and QAres keeps that reply.
    QCOMPARE(dig({ QStringLiteral("no-such-name."), QStringLiteral("TXT") }).status,
             QStringLiteral("REFUSED"));
    const AresRecordSet refused =
            queryRecords(resolver, QStringLiteral("no-such-name"), AresRecord::TXT, true);
    QCOMPARE(refused.error(), AresError::ServerRefusedError);
    QCOMPARE(refused.rcode(), 5);
    QVERIFY(refused.records().isEmpty());

    // Enough dots: as is first, then under each domain, NXDOMAIN every time.
    // The as-is reply is kept: its rcode and the zone's SOA, as dig shows them.
    const AresRecordSet missing =
            queryRecords(resolver, QStringLiteral("nothing.interop.test"), AresRecord::TXT, true);
    QCOMPARE(missing.error(), AresError::NotFoundError);
    QVERIFY(missing.records().isEmpty());
    QCOMPARE(missing.rcode(), 3);
    QCOMPARE(dig({ QStringLiteral("nothing.interop.test."), QStringLiteral("TXT") }).status,
             QStringLiteral("NXDOMAIN"));
    QVERIFY(missing.authoritySoa().isValid());
    QCOMPARE(missing.authoritySoa().aceName(), QStringLiteral("interop.test"));
}

// Knot 3.2 answers ANY with one RRset of the name (RFC 8482 style), over UDP
// and TCP alike. QAres gives what dig gets, and that is all of one of the
// name's RRsets in the zone.
void tst_Interop::anyQuery()
{
    AresResolver resolver(hermeticOptions());
    for (const QString &name : { QStringLiteral("multi.interop.test"),
                                 QStringLiteral("txt.interop.test"),
                                 QStringLiteral("https.interop.test") }) {
        const DigAnswer dug = dig({ name, QStringLiteral("ANY") });
        QCOMPARE(dug.status, QStringLiteral("NOERROR"));
        QStringList expected;
        for (const ZoneRecord &record : dug.answer)
            expected.append(recordLine(record));
        expected.sort();
        QVERIFY(!expected.isEmpty());

        const AresRecordSet set = queryRecords(resolver, name, AresRecord::ANY);
        QCOMPARE(set.error(), AresError::NoError);
        QStringList lines;
        for (const AresRecord &record : set.records())
            lines.append(recordLine(record));
        lines.sort();
        QCOMPARE(lines, expected);

        const QString type = set.records().first().typeName();
        QStringList rrset;
        for (const ZoneRecord &record : m_zone.find(absoluteName(name), type))
            rrset.append(recordLine(record));
        rrset.sort();
        QCOMPARE(lines, rrset);
    }
}

// sortedMx() and orderedSrv() on knot's answers: every record, MX by
// preference (equal ones in answer order), SRV by priority.
void tst_Interop::mxAndSrvOrder()
{
    AresResolver resolver(hermeticOptions());
    const AresRecordSet mx =
            queryRecords(resolver, QStringLiteral("mx.interop.test"), AresRecord::MX);
    QCOMPARE(mx.error(), AresError::NoError);
    QList<AresRecord> expectedMx = mx.records();
    std::stable_sort(expectedMx.begin(), expectedMx.end(),
                     [](const AresRecord &a, const AresRecord &b) {
                         return a.preference() < b.preference();
                     });
    QCOMPARE(expectedMx.size(), m_zone.find(QStringLiteral("mx.interop.test."), u"MX").size());
    QCOMPARE(mx.sortedMx(), expectedMx);

    const QString srvName = QStringLiteral("_sip._tcp.interop.test");
    const AresRecordSet srv = queryRecords(resolver, srvName, AresRecord::SRV);
    QCOMPARE(srv.error(), AresError::NoError);
    QCOMPARE(srv.records().size(), m_zone.find(absoluteName(srvName), u"SRV").size());
    QRandomGenerator generator(42);
    for (int round = 0; round < 20; ++round) {
        const QList<AresRecord> ordered = srv.orderedSrv(&generator);
        QStringList lines;
        QStringList expected;
        for (const AresRecord &record : ordered)
            lines.append(recordLine(record));
        for (const AresRecord &record : srv.records())
            expected.append(recordLine(record));
        QVERIFY2(std::is_sorted(ordered.cbegin(), ordered.cend(),
                                [](const AresRecord &a, const AresRecord &b) {
                                    return a.priority() < b.priority();
                                }),
                 qPrintable(lines.join(u", ")));
        lines.sort();
        expected.sort();
        QCOMPARE(lines, expected);
    }

    // A lone "." target: the service is decidedly not available (RFC 2782).
    const QString noService = QStringLiteral("_none._tcp.interop.test");
    const AresRecordSet none = queryRecords(resolver, noService, AresRecord::SRV);
    QCOMPARE(none.error(), AresError::NoError);
    QCOMPARE(none.records().size(), 1);
    QCOMPARE(none.records().first().target(), QStringLiteral("."));
    QVERIFY(none.orderedSrv().isEmpty());
}

QTEST_GUILESS_MAIN(tst_Interop)
#include "tst_interop.moc"
