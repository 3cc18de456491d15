// SPDX-License-Identifier: MIT
#include <aresresolver.h>

#include <QtCore/qdir.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qhash.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstandardpaths.h>
#include <QtCore/qtextstream.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;
using Family = AresResolver::Family;

// Interop with a real DNS server: Knot DNS, started by the ctest fixture
// (setup-knot.sh) with the zones in this directory. Every expectation comes
// from the zone files knot serves (as copied into $QARES_KNOT_DIR/zones) and
// is checked against dig's view of the same query, so a disagreement shows
// who differs: QAres/c-ares, or the fixture.

namespace {

QStringList g_warnings;
QtMessageHandler g_previousHandler = nullptr;

// Qt warnings about notifiers, timers and objects mean the event glue is wrong.
void failOnGlueWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg
        && (message.contains(u"QSocketNotifier") || message.contains(u"socket notifier")
            || message.contains(u"Invalid socket") || message.contains(u"QTimer")
            || message.contains(u"QObject"))) {
        g_warnings.append(message);
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

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
};

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
        for (auto it = m_byOwner.constFind(owner); it != m_byOwner.cend() && it.key() == owner; ++it) {
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
    bool isDelegated(const QString &name) const
    {
        for (const ZoneRecord &record : m_records) {
            if (record.type != u"NS" || m_origins.contains(record.owner))
                continue;
            if (name == record.owner || name.endsWith(u'.' + record.owner))
                return true;
        }
        return false;
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
    QList<ZoneRecord> answer;
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
    void concurrentLookups();

private:
    AresOptions hermeticOptions(const QString &server = QString()) const;
    AresHostInfo lookupHost(AresResolver &resolver, const QString &name, Family family);
    AresHostInfo lookupAddress(AresResolver &resolver, const QHostAddress &address);
    DigAnswer dig(const QStringList &query) const;
    QString digHost(const QString &name, Family family) const;
    QString digReverse(const QHostAddress &address) const;

    QString m_knotDir;
    quint16 m_port = 0;
    bool m_ipv6 = false;
    QString m_dig;
    ZoneData m_zone;
};

void tst_Interop::initTestCase()
{
    g_previousHandler = qInstallMessageHandler(failOnGlueWarnings);

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
    g_warnings.clear();
}

void tst_Interop::cleanup()
{
    QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join(u'\n')));
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
    // over UDP and dig retries over TCP too.
    process.start(m_dig,
                  QStringList{ QStringLiteral("@127.0.0.1"), QStringLiteral("-p"),
                               QString::number(m_port), QStringLiteral("+noedns"),
                               QStringLiteral("+time=2"), QStringLiteral("+tries=2"),
                               QStringLiteral("+noall"), QStringLiteral("+answer"),
                               QStringLiteral("+comments") }
                          + query);
    if (!process.waitForFinished(15000)) {
        process.kill();
        process.waitForFinished(5000);
        result.output = QStringLiteral("dig did not finish");
        return result;
    }
    result.output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    static const QRegularExpression statusPattern(QStringLiteral("status: ([A-Z]+)"));
    const QRegularExpressionMatch match = statusPattern.match(result.output);
    if (match.hasMatch())
        result.status = match.captured(1);
    const QStringList lines = result.output.split(u'\n');
    for (const QString &line : lines) {
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
        result.answer.append(record);
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
        rrsets[record.owner + u' ' + record.type].append(QString::number(record.ttl) + u' ' + rdata);
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

QTEST_GUILESS_MAIN(tst_Interop)
#include "tst_interop.moc"
