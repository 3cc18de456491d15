// SPDX-License-Identifier: MIT
#include "dnswire_p.h"
#include "packetbuilder.h"

#include <QtCore/qendian.h>
#include <QtNetwork/qhostaddress.h>
#include <QtTest/qtest.h>

namespace Wire = QAresPrivate::Wire;
using P = PacketBuilder;

namespace {

constexpr quint16 ResponseFlags = 0x8580; // QR AA RD RA, NOERROR
constexpr quint16 QuestionOffset = 12;

QString quoted(const QByteArray &bytes)
{
    QString out(u'"');
    for (char ch : bytes) {
        const auto c = quint8(ch);
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
            out += QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        else
            out += QChar(char16_t(c));
    }
    return out + u'"';
}

QString typeName(quint16 type)
{
    switch (type) {
    case Wire::Type::A: return QStringLiteral("A");
    case Wire::Type::NS: return QStringLiteral("NS");
    case Wire::Type::CNAME: return QStringLiteral("CNAME");
    case Wire::Type::SOA: return QStringLiteral("SOA");
    case Wire::Type::PTR: return QStringLiteral("PTR");
    case Wire::Type::MX: return QStringLiteral("MX");
    case Wire::Type::TXT: return QStringLiteral("TXT");
    case Wire::Type::AAAA: return QStringLiteral("AAAA");
    case Wire::Type::SRV: return QStringLiteral("SRV");
    case Wire::Type::NAPTR: return QStringLiteral("NAPTR");
    case Wire::Type::OPT: return QStringLiteral("OPT");
    case Wire::Type::TLSA: return QStringLiteral("TLSA");
    case Wire::Type::SVCB: return QStringLiteral("SVCB");
    case Wire::Type::HTTPS: return QStringLiteral("HTTPS");
    case Wire::Type::URI: return QStringLiteral("URI");
    case Wire::Type::CAA: return QStringLiteral("CAA");
    }
    return QStringLiteral("TYPE%1").arg(type);
}

// "owner TYPE ttl fields", fields read from the typed members.
QString describe(const Wire::Record &r)
{
    const QString head = QString::fromLatin1(r.name) + u' ' + typeName(r.type) + u' ' + QString::number(r.ttl);
    const QString target = QString::fromLatin1(r.target);
    QString fields;
    if (!r.decoded) {
        fields = QStringLiteral("raw %1").arg(QString::fromLatin1(r.rdata.toHex()));
    } else {
        switch (r.type) {
        case Wire::Type::A:
        case Wire::Type::AAAA:
            fields = (r.address.size() == 4
                              ? QHostAddress(qFromBigEndian<quint32>(r.address.constData()))
                              : QHostAddress(reinterpret_cast<const quint8 *>(r.address.constData())))
                             .toString();
            break;
        case Wire::Type::CNAME:
        case Wire::Type::NS:
        case Wire::Type::PTR:
            fields = target;
            break;
        case Wire::Type::MX:
            fields = QStringLiteral("%1 %2").arg(r.preference).arg(target);
            break;
        case Wire::Type::SRV:
            fields = QStringLiteral("%1 %2 %3 %4").arg(r.priority).arg(r.weight).arg(r.port).arg(target);
            break;
        case Wire::Type::TXT: {
            QStringList strings;
            for (const QByteArray &s : r.strings)
                strings.append(quoted(s));
            fields = strings.join(u' ');
            break;
        }
        case Wire::Type::SOA:
            fields = QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                             .arg(target, QString::fromLatin1(r.mailbox))
                             .arg(r.serial)
                             .arg(r.refresh)
                             .arg(r.retry)
                             .arg(r.expire)
                             .arg(r.minimum);
            break;
        case Wire::Type::CAA:
            fields = QStringLiteral("%1 %2 %3").arg(r.flags).arg(QString::fromLatin1(r.tag), quoted(r.value));
            break;
        case Wire::Type::NAPTR:
            fields = QStringLiteral("%1 %2 %3 %4 %5 %6")
                             .arg(r.order)
                             .arg(r.preference)
                             .arg(quoted(r.strings.value(0)), quoted(r.strings.value(1)),
                                  quoted(r.strings.value(2)), target);
            break;
        case Wire::Type::URI:
            fields = QStringLiteral("%1 %2 %3").arg(r.priority).arg(r.weight).arg(quoted(r.value));
            break;
        case Wire::Type::TLSA:
            fields = QStringLiteral("%1 %2 %3 %4")
                             .arg(r.usage)
                             .arg(r.selector)
                             .arg(r.matchingType)
                             .arg(QString::fromLatin1(r.value.toHex()));
            break;
        case Wire::Type::SVCB:
        case Wire::Type::HTTPS: {
            fields = QStringLiteral("%1 %2").arg(r.priority).arg(target);
            for (const Wire::SvcParam &p : r.params)
                fields += QStringLiteral(" %1=%2").arg(p.key).arg(QString::fromLatin1(p.value.toHex()));
            break;
        }
        default:
            fields = QStringLiteral("?");
        }
    }
    return head + u' ' + fields;
}

QString describe(const Wire::Message &m)
{
    QStringList parts;
    QString head = QStringLiteral("rcode %1").arg(m.rcode());
    const struct
    {
        quint16 flag;
        const char *name;
    } flags[] = { { Wire::Flag::QR, "qr" }, { Wire::Flag::AA, "aa" }, { Wire::Flag::TC, "tc" },
                  { Wire::Flag::RD, "rd" }, { Wire::Flag::RA, "ra" }, { Wire::Flag::AD, "ad" },
                  { Wire::Flag::CD, "cd" } };
    for (const auto &f : flags) {
        if (m.hasFlag(f.flag))
            head += u' ' + QLatin1String(f.name);
    }
    if (m.cutShort)
        head += QStringLiteral(" cut");
    parts.append(head);
    for (const Wire::Question &q : m.questions)
        parts.append(QStringLiteral("q %1 %2").arg(QString::fromLatin1(q.name), typeName(q.type)));
    for (const Wire::Record &r : m.answers)
        parts.append(QStringLiteral("an ") + describe(r));
    for (const Wire::Record &r : m.authorities)
        parts.append(QStringLiteral("ns ") + describe(r));
    for (const Wire::Record &r : m.additionals)
        parts.append(QStringLiteral("ar ") + describe(r));
    return parts.join(QStringLiteral("; "));
}

// A reply to "host.test" of \a type with one answer owned by a pointer to the question.
QByteArray answer(quint16 type, const QByteArray &rdata, quint32 ttl = 300)
{
    return P().header(0x1234, ResponseFlags, 1, 1)
            .question("host.test", type)
            .pointer(QuestionOffset)
            .recordTail(type, ttl, rdata);
}

QByteArray svcParam(quint16 key, const QByteArray &value)
{
    return P::be16(key) + P::be16(quint16(value.size())) + value;
}

// 130 (or \a hops) pointers, each to the one before, ending at the question.
QByteArray pointerChain(int hops)
{
    P p;
    p.header(1, ResponseFlags, 1, 2).question("host.test", 64000);
    p.pointer(QuestionOffset);
    const qsizetype rdataStart = p.size() + 10;
    QByteArray chain;
    chain += P::be16(quint16(0xc000 | QuestionOffset));
    for (int i = 1; i < hops; ++i)
        chain += P::be16(quint16(0xc000 | (rdataStart + 2 * (i - 1))));
    p.recordTail(64000, 1, chain);
    p.pointer(quint16(rdataStart + 2 * (hops - 1))).recordTail(64000, 1, QByteArray("x"));
    return p;
}

// A label and a pointer back to it, in a raw RDATA, reached by a valid pointer.
QByteArray loopThroughBackwardPointer()
{
    P p;
    p.header(1, ResponseFlags, 1, 2).question("host.test", 64000).pointer(QuestionOffset);
    const quint16 loopAt = quint16(p.size() + 10);
    p.recordTail(64000, 1, QByteArray("\x01" "b") + P::be16(0xc000 | loopAt));
    p.pointer(loopAt).recordTail(1, 5, P::bytes({ 1, 2, 3, 4 }));
    return p;
}

QByteArray bigTcpAnswer()
{
    // 12 header + 15 question + 2 owner + 10 record header + RDATA = 65535.
    const int rdlength = 65535 - 12 - 15 - 2 - 10;
    QByteArray rdata;
    while (rdata.size() + 256 <= rdlength)
        rdata += P::string(QByteArray(255, 'x'));
    rdata += P::string(QByteArray(rdlength - rdata.size() - 1, 'y'));
    return answer(Wire::Type::TXT, rdata);
}

} // namespace

class tst_DnsWire : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void records_data();
    void records();
    void messages_data();
    void messages();
    void malformed_data();
    void malformed();
    void everyPrefixOfAValidMessageFails();
    void pointerToNameReadBefore_data();
    void pointerToNameReadBefore();
    void bigTcpAnswer();
    void compressedNamesExpandedInRdata();
    void ttlClamp_data();
    void ttlClamp();
    void standaloneRdata();
    void encodeName_data();
    void encodeName();
};

void tst_DnsWire::records_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("rdata");
    QTest::addColumn<QString>("expected");

    QTest::newRow("a") << 1 << P::bytes({ 192, 0, 2, 1 }) << "host.test A 300 192.0.2.1";
    QTest::newRow("aaaa") << 28 << QByteArray::fromHex("20010db8000000000000000000000001")
                          << "host.test AAAA 300 2001:db8::1";
    QTest::newRow("cname") << 5 << P::encode("target.test") << "host.test CNAME 300 target.test";
    QTest::newRow("cname-compressed") << 5 << (QByteArray("\x03www") + P::be16(0xc000 | QuestionOffset))
                                      << "host.test CNAME 300 www.host.test";
    QTest::newRow("ns") << 2 << P::encode("ns1.test") << "host.test NS 300 ns1.test";
    QTest::newRow("ptr") << 12 << P::encode("five.test") << "host.test PTR 300 five.test";
    QTest::newRow("ptr-root") << 12 << P::encode("") << "host.test PTR 300 .";
    QTest::newRow("mx") << 15 << (P::be16(10) + P::encode("mx1.test")) << "host.test MX 300 10 mx1.test";
    QTest::newRow("mx-null") << 15 << (P::be16(0) + P::encode("")) << "host.test MX 300 0 .";
    QTest::newRow("srv") << 33 << (P::be16(1) + P::be16(5) + P::be16(5060) + P::encode("sip.test"))
                         << "host.test SRV 300 1 5 5060 sip.test";
    QTest::newRow("txt-one") << 16 << P::string("v=spf1 -all") << "host.test TXT 300 \"v=spf1 -all\"";
    QTest::newRow("txt-multi") << 16 << (P::string("abc") + P::string("") + P::string(QByteArray("n\0l", 3)))
                               << "host.test TXT 300 \"abc\" \"\" \"n\\x00l\"";
    QTest::newRow("txt-single-empty-string") << 16 << P::string("") << "host.test TXT 300 \"\"";
    QTest::newRow("txt-255") << 16 << P::string(QByteArray(255, 'z'))
                             << (QStringLiteral("host.test TXT 300 \"") + QString(255, u'z') + u'"');
    QTest::newRow("soa") << 6
                         << (P::encode("ns1.test") + P::encode("hostmaster.test") + P::be32(2024010101)
                             + P::be32(7200) + P::be32(3600) + P::be32(1209600) + P::be32(60))
                         << "host.test SOA 300 ns1.test hostmaster.test 2024010101 7200 3600 1209600 60";
    QTest::newRow("soa-serial-top-bit") << 6
                                        << (P::encode("a.test") + P::encode("b.test") + P::be32(0xfffffffe)
                                            + P::be32(1) + P::be32(2) + P::be32(3) + P::be32(4))
                                        << "host.test SOA 300 a.test b.test 4294967294 1 2 3 4";
    QTest::newRow("caa") << 257 << (P::bytes({ 0 }) + P::string("issue") + "letsencrypt.org")
                         << "host.test CAA 300 0 issue \"letsencrypt.org\"";
    QTest::newRow("caa-critical-empty-value") << 257 << (P::bytes({ 128 }) + P::string("iodef"))
                                              << "host.test CAA 300 128 iodef \"\"";
    QTest::newRow("naptr") << 35
                           << (P::be16(100) + P::be16(10) + P::string("S") + P::string("SIP+D2U")
                               + P::string("") + P::encode("_sip._udp.test"))
                           << "host.test NAPTR 300 100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.test";
    QTest::newRow("naptr-regexp") << 35
                                  << (P::be16(1) + P::be16(2) + P::string("U") + P::string("E2U+sip")
                                      + P::string("!^.*$!sip:info@test!") + P::encode(""))
                                  << "host.test NAPTR 300 1 2 \"U\" \"E2U+sip\" \"!^.*$!sip:info@test!\" .";
    QTest::newRow("uri") << 256 << (P::be16(10) + P::be16(1) + "ftp://ftp1.test/public")
                         << "host.test URI 300 10 1 \"ftp://ftp1.test/public\"";
    QTest::newRow("tlsa") << 52 << (P::bytes({ 3, 1, 1 }) + QByteArray::fromHex("0123456789abcdef"))
                          << "host.test TLSA 300 3 1 1 0123456789abcdef";
    QTest::newRow("tlsa-no-data") << 52 << P::bytes({ 2, 0, 0 }) << "host.test TLSA 300 2 0 0 ";
    QTest::newRow("svcb-alias") << 64 << (P::be16(0) + P::encode("pool.svc.test"))
                                << "host.test SVCB 300 0 pool.svc.test";
    QTest::newRow("https-service-self") << 65 << (P::be16(1) + P::encode("")) << "host.test HTTPS 300 1 .";
    QTest::newRow("https-all-params")
            << 65
            << (P::be16(1) + P::encode("") + svcParam(0, P::be16(1) + P::be16(3))
                + svcParam(1, P::string("h2") + P::string("h3")) + svcParam(2, QByteArray())
                + svcParam(3, P::be16(8443)) + svcParam(4, P::bytes({ 192, 0, 2, 1, 192, 0, 2, 2 }))
                + svcParam(5, QByteArray("ECHCONFIG")) + svcParam(6, QByteArray::fromHex("20010db8000000000000000000000001"))
                + svcParam(65000, QByteArray("raw\0x", 5)))
            << "host.test HTTPS 300 1 . 0=00010003 1=026832026833 2= 3=20fb 4=c0000201c0000202 "
               "5=454348434f4e464947 6=20010db8000000000000000000000001 65000=7261770078";
    QTest::newRow("svcb-unknown-empty-key") << 64 << (P::be16(16) + P::encode("svc.test") + svcParam(7, QByteArray()))
                                            << "host.test SVCB 300 16 svc.test 7=";
    QTest::newRow("unknown-type") << 64000 << QByteArray::fromHex("deadbeef") << "host.test TYPE64000 300 raw deadbeef";
    QTest::newRow("unknown-type-empty") << 99 << QByteArray() << "host.test TYPE99 300 raw ";
    QTest::newRow("hinfo-raw") << 13 << (P::string("PC") + P::string("Linux"))
                               << "host.test TYPE13 300 raw 025043054c696e7578";
}

void tst_DnsWire::records()
{
    QFETCH(int, type);
    QFETCH(QByteArray, rdata);
    QFETCH(QString, expected);

    Wire::Message message;
    const Wire::ParseResult result = Wire::parseMessage(answer(quint16(type), rdata), &message);
    QVERIFY2(result.ok(), qPrintable(result.toString()));
    QCOMPARE(message.answers.size(), 1);
    QCOMPARE(describe(message.answers.first()), expected);
    QCOMPARE(message.answers.first().type, quint16(type));
    QCOMPARE(message.answers.first().klass, quint16(1));
}

void tst_DnsWire::messages_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QString>("expected");

    QTest::newRow("nxdomain-with-soa")
            << P().header(7, 0x8583, 1, 0, 1, 0)
                       .question("missing.test", 1)
                       .record("test", 6, 60,
                               P::encode("ns.test") + P::encode("mail.test") + P::be32(1) + P::be32(2)
                                       + P::be32(3) + P::be32(4) + P::be32(30))
                       .data()
            << "rcode 3 qr aa rd ra; q missing.test A; ns test SOA 60 ns.test mail.test 1 2 3 4 30";
    QTest::newRow("all-flags")
            << P().header(1, 0x87b0, 1, 0).question("host.test", 1).data()
            << "rcode 0 qr aa tc rd ra ad cd; q host.test A";
    QTest::newRow("no-flags-servfail") << P().header(1, 0x0002, 1, 0).question("host.test", 1).data()
                                       << "rcode 2; q host.test A";
    QTest::newRow("cname-chain")
            << P().header(1, ResponseFlags, 1, 3)
                       .question("www.test", 1)
                       .pointer(QuestionOffset)
                       .recordTail(5, 60, P::encode("edge.test"))
                       .record("edge.test", 5, 30, P::encode("origin.test"))
                       .record("origin.test", 1, 20, P::bytes({ 192, 0, 2, 80 }))
                       .data()
            << "rcode 0 qr aa rd ra; q www.test A; an www.test CNAME 60 edge.test; "
               "an edge.test CNAME 30 origin.test; an origin.test A 20 192.0.2.80";
    QTest::newRow("opt-extended-rcode")
            << P().header(1, 0x8180, 1, 0, 0, 1)
                       .question("host.test", 1)
                       .record("", 41, 0x01000000, QByteArray(), 1232)
                       .data()
            << "rcode 16 qr rd ra; q host.test A; ar . OPT 0 raw ";
    QTest::newRow("all-sections")
            << P().header(1, ResponseFlags, 1, 1, 1, 1)
                       .question("host.test", 15)
                       .pointer(QuestionOffset)
                       .recordTail(15, 10, P::be16(5) + P::encode("mx.test"))
                       .record("test", 2, 20, P::encode("ns.test"))
                       .record("mx.test", 1, 30, P::bytes({ 10, 0, 0, 1 }))
                       .data()
            << "rcode 0 qr aa rd ra; q host.test MX; an host.test MX 10 5 mx.test; "
               "ns test NS 20 ns.test; ar mx.test A 30 10.0.0.1";
    QTest::newRow("escaped-labels")
            << P().header(1, ResponseFlags, 1, 1)
                       .raw(QByteArray("\x03" "a.b" "\x02" "\\\x01" "\x00", 8))
                       .u16(16)
                       .u16(1)
                       .pointer(QuestionOffset)
                       .recordTail(16, 5, P::string("x"))
                       .data()
            << "rcode 0 qr aa rd ra; q a\\.b.\\\\\\001 TXT; an a\\.b.\\\\\\001 TXT 5 \"x\"";
    QTest::newRow("name-255-octets")
            << P().header(1, ResponseFlags, 1, 0)
                       .name(QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.' + QByteArray(63, 'c') + '.'
                             + QByteArray(61, 'd'))
                       .u16(1)
                       .u16(1)
                       .data()
            << (QStringLiteral("rcode 0 qr aa rd ra; q ") + QString(63, u'a') + u'.' + QString(63, u'b') + u'.'
                + QString(63, u'c') + u'.' + QString(61, u'd') + QStringLiteral(" A"));
    const QByteArray chain = pointerChain(120);
    QTest::newRow("pointer-chain-120")
            << chain
            << QStringLiteral("rcode 0 qr aa rd ra; q host.test TYPE64000; an host.test TYPE64000 1 raw ")
                    + QString::fromLatin1(chain.mid(39, 240).toHex())
                    + QStringLiteral("; an host.test TYPE64000 1 raw 78");
    QTest::newRow("tc-ends-at-record-boundary")
            << P().header(1, 0x8780, 1, 3)
                       .question("host.test", 1)
                       .pointer(QuestionOffset)
                       .recordTail(1, 300, P::bytes({ 192, 0, 2, 1 }))
                       .data()
            << "rcode 0 qr aa tc rd ra cut; q host.test A; an host.test A 300 192.0.2.1";
    QTest::newRow("tc-ends-inside-record")
            << (P().header(1, 0x8780, 1, 2)
                        .question("host.test", 1)
                        .pointer(QuestionOffset)
                        .recordTail(1, 300, P::bytes({ 192, 0, 2, 1 }))
                        .data()
                + QByteArray("\xc0\x0c\x00\x01\x00", 5))
            << "rcode 0 qr aa tc rd ra cut; q host.test A; an host.test A 300 192.0.2.1";
    QTest::newRow("tc-header-only") << P().header(1, 0x8380, 1, 0).data() << "rcode 0 qr tc rd ra cut";
    QTest::newRow("no-question") << P().header(1, 0x8180, 0, 0).data() << "rcode 0 qr rd ra";
}

void tst_DnsWire::messages()
{
    QFETCH(QByteArray, packet);
    QFETCH(QString, expected);

    Wire::Message message;
    const Wire::ParseResult result = Wire::parseMessage(packet, &message);
    QVERIFY2(result.ok(), qPrintable(result.toString()));
    QCOMPARE(describe(message), expected);
}

void tst_DnsWire::malformed_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<QString>("error");

    const QByteArray head = P().header(0x1234, ResponseFlags, 1, 1).question("host.test", 1);
    const QByteArray valid = answer(1, P::bytes({ 192, 0, 2, 1 }));
    auto bad = [](quint16 type, const QByteArray &rdata) { return answer(type, rdata); };

    QTest::newRow("empty") << QByteArray() << "Truncated";
    QTest::newRow("short-header") << QByteArray("\x12\x34\x81\x80\x00", 5) << "Truncated";
    QTest::newRow("question-cut") << P().header(1, ResponseFlags, 1, 0).name("host.test").u8(0).data() << "Truncated";
    QTest::newRow("question-cut-counts") << valid.left(12 + 11) << "CountMismatch";
    QTest::newRow("question-name-cut") << (P().header(1, ResponseFlags, 1, 0).raw("\x04host\x04te").data())
                                       << "Truncated";
    QTest::newRow("record-header-cut")
            << P().header(1, ResponseFlags, 1, 2).question("host.test", 16).pointer(12)
                       .recordTail(16, 5, P::string(QByteArray(19, 't'))).raw(QByteArray("\xc0\x0c\x00\x10\x00", 5)).data()
            << "Truncated";
    QTest::newRow("rdata-past-end") << (head + QByteArray("\xc0\x0c\x00\x01\x00\x01\x00\x00\x01\x2c\x00\x04\xc0\x00", 14))
                                    << "Truncated";
    QTest::newRow("pointer-cut") << (P().header(1, ResponseFlags, 1, 0).raw("\x04host\xc0").data()) << "Truncated";
    QTest::newRow("counts-lie-answers")
            << P().header(1, ResponseFlags, 1, 2).question("host.test", 1).pointer(12).recordTail(1, 5, P::bytes({ 1, 2, 3, 4 })).data()
            << "CountMismatch";
    QTest::newRow("counts-lie-questions") << P().header(1, ResponseFlags, 2, 0).question("host.test", 1).data()
                                          << "CountMismatch";
    QTest::newRow("counts-lie-huge") << P().header(1, ResponseFlags, 1, 65535, 65535, 65535).question("host.test", 1).data()
                                     << "CountMismatch";
    QTest::newRow("counts-lie-additional")
            << P().header(1, ResponseFlags, 1, 1, 0, 1).question("host.test", 1).pointer(12).recordTail(1, 5, P::bytes({ 1, 2, 3, 4 })).raw(QByteArray(11, '\0')).data().chopped(1)
            << "Truncated";
    QTest::newRow("trailing-data") << (valid + QByteArray(2, '\0')) << "TrailingData";
    QTest::newRow("label-64") << P().header(1, ResponseFlags, 1, 0).raw(QByteArray(1, char(64)) + QByteArray(64, 'a') + '\0').u16(1).u16(1).data()
                              << "BadLabelType";
    QTest::newRow("label-type-10") << P().header(1, ResponseFlags, 1, 0).raw(QByteArray("\x80\x00\x00\x01\x00\x01", 6)).data()
                                   << "BadLabelType";
    QTest::newRow("name-256-octets")
            << P().header(1, ResponseFlags, 1, 0)
                       .name(QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.' + QByteArray(63, 'c') + '.' + QByteArray(62, 'd'))
                       .u16(1).u16(1).data()
            << "NameTooLong";
    QTest::newRow("name-too-long-through-pointer")
            << P().header(1, ResponseFlags, 1, 1)
                       .name(QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.' + QByteArray(63, 'c'))
                       .u16(1).u16(1)
                       .raw(QByteArray(1, char(63)) + QByteArray(63, 'x')).pointer(12)
                       .recordTail(1, 5, P::bytes({ 1, 2, 3, 4 })).data()
            << "NameTooLong";
    QTest::newRow("pointer-to-itself") << (head + QByteArray("\xc0\x1b", 2) + QByteArray("\x00\x01\x00\x01\x00\x00\x00\x05\x00\x04\x01\x02\x03\x04", 14))
                                       << "BadPointer";
    QTest::newRow("pointer-forward") << P().header(1, ResponseFlags, 1, 0).raw("\x01" "a").pointer(20).u16(1).u16(1).raw(QByteArray("\x00", 1)).data()
                                     << "BadPointer";
    QTest::newRow("pointer-out-of-range") << P().header(1, ResponseFlags, 1, 0).pointer(0x3fff).u16(1).u16(1).data()
                                          << "BadPointer";
    QTest::newRow("pointer-loop-via-backward-pointer") << loopThroughBackwardPointer() << "BadPointer";
    QTest::newRow("pointer-loop-two-names")
            << P().header(1, ResponseFlags, 1, 0).pointer(16).u16(1).pointer(12).data() << "BadPointer";
    QTest::newRow("pointer-chain-130") << pointerChain(130) << "TooManyPointers";
    QTest::newRow("a-3-octets") << bad(1, P::bytes({ 192, 0, 2 })) << "BadRdata";
    QTest::newRow("a-5-octets") << bad(1, P::bytes({ 192, 0, 2, 1, 0 })) << "BadRdata";
    QTest::newRow("aaaa-17-octets") << bad(28, QByteArray(17, '\1')) << "BadRdata";
    QTest::newRow("aaaa-empty") << bad(28, QByteArray()) << "BadRdata";
    QTest::newRow("cname-empty") << bad(5, QByteArray()) << "BadRdata";
    QTest::newRow("cname-extra-octet") << bad(5, P::encode("t.test") + '\0') << "BadRdata";
    QTest::newRow("mx-name-past-rdata") << bad(15, P::be16(1) + "\x04mail") << "BadRdata";
    QTest::newRow("mx-no-name") << bad(15, P::be16(1)) << "BadRdata";
    QTest::newRow("srv-short") << bad(33, P::be16(1) + P::be16(2)) << "BadRdata";
    QTest::newRow("txt-zero-length-rdata") << bad(16, QByteArray()) << "BadRdata";
    QTest::newRow("txt-string-overrun") << bad(16, QByteArray("\x05" "abc")) << "BadRdata";
    QTest::newRow("txt-second-string-overrun") << bad(16, P::string("ok") + QByteArray("\x09" "x")) << "BadRdata";
    QTest::newRow("soa-no-minimum") << bad(6, P::encode("a.test") + P::encode("b.test") + QByteArray(16, '\0'))
                                    << "BadRdata";
    QTest::newRow("soa-extra") << bad(6, P::encode("a.test") + P::encode("b.test") + QByteArray(21, '\0'))
                               << "BadRdata";
    QTest::newRow("caa-empty-tag") << bad(257, P::bytes({ 0, 0 }) + "x") << "BadRdata";
    QTest::newRow("caa-tag-overrun") << bad(257, P::bytes({ 0, 9 }) + "issue") << "BadRdata";
    QTest::newRow("naptr-missing-replacement") << bad(35, P::be16(1) + P::be16(1) + P::string("S") + P::string("") + P::string(""))
                                               << "BadRdata";
    QTest::newRow("uri-empty-target") << bad(256, P::be16(1) + P::be16(1)) << "BadRdata";
    QTest::newRow("tlsa-short") << bad(52, P::bytes({ 3, 1 })) << "BadRdata";
    QTest::newRow("svcb-no-target") << bad(64, P::be16(1)) << "BadRdata";
    QTest::newRow("svcb-keys-descending") << bad(64, P::be16(1) + P::encode("") + svcParam(3, P::be16(443)) + svcParam(1, P::string("h2")))
                                          << "BadRdata";
    QTest::newRow("svcb-duplicate-key") << bad(65, P::be16(1) + P::encode("") + svcParam(3, P::be16(443)) + svcParam(3, P::be16(80)))
                                        << "BadRdata";
    QTest::newRow("svcb-param-overrun") << bad(65, P::be16(1) + P::encode("") + P::be16(3) + P::be16(10) + P::be16(443))
                                        << "BadRdata";
    QTest::newRow("svcb-param-header-cut") << bad(65, P::be16(1) + P::encode("") + P::be16(3)) << "BadRdata";
    QTest::newRow("svcb-port-3-octets") << bad(65, P::be16(1) + P::encode("") + svcParam(3, P::bytes({ 1, 2, 3 })))
                                        << "BadRdata";
    QTest::newRow("svcb-alpn-empty-id") << bad(65, P::be16(1) + P::encode("") + svcParam(1, P::string("h2") + P::string("")))
                                        << "BadRdata";
    QTest::newRow("svcb-alpn-overrun") << bad(65, P::be16(1) + P::encode("") + svcParam(1, QByteArray("\x05h2")))
                                       << "BadRdata";
    QTest::newRow("svcb-no-default-alpn-value") << bad(65, P::be16(1) + P::encode("") + svcParam(2, "x"))
                                                << "BadRdata";
    QTest::newRow("svcb-ipv4hint-5-octets") << bad(65, P::be16(1) + P::encode("") + svcParam(4, QByteArray(5, '\1')))
                                            << "BadRdata";
    QTest::newRow("svcb-ipv6hint-15-octets") << bad(65, P::be16(1) + P::encode("") + svcParam(6, QByteArray(15, '\1')))
                                             << "BadRdata";
    QTest::newRow("svcb-mandatory-odd") << bad(65, P::be16(1) + P::encode("") + svcParam(0, QByteArray(3, '\1')))
                                        << "BadRdata";
    QTest::newRow("rdata-name-pointer-forward") << bad(5, P::be16(0xc000 | 0x3000)) << "BadPointer";
    QTest::newRow("bad-rdata-in-authority")
            << P().header(1, 0x8583, 1, 0, 1, 0).question("x.test", 1).record("test", 6, 5, QByteArray(3, '\0')).data()
            << "BadRdata";
}

void tst_DnsWire::malformed()
{
    QFETCH(QByteArray, packet);
    QFETCH(QString, error);

    Wire::Message message;
    const Wire::ParseResult result = Wire::parseMessage(packet, &message);
    QCOMPARE(Wire::errorName(result.error), error);
    QVERIFY(result.offset >= 0);
    QVERIFY(result.offset <= packet.size());
    QVERIFY(!result.detail.isEmpty());
}

// A name that is a pointer to a name read before (the reader shares that
// one's presentation form): the hops it adds still count towards the limit.
// Record 1 holds a chain of pointers as raw RDATA; record 2's owner goes
// through all of it (chainLength + 1 hops); record 3's owner points to
// record 2's.
void tst_DnsWire::pointerToNameReadBefore_data()
{
    QTest::addColumn<int>("chainLength");
    QTest::addColumn<QString>("error");
    QTest::newRow("second-name-126-hops") << 126 << "None";  // 127, then 128
    QTest::newRow("second-name-127-hops") << 127 << "TooManyPointers"; // 128, then 129
}

void tst_DnsWire::pointerToNameReadBefore()
{
    QFETCH(int, chainLength);
    QFETCH(QString, error);
    P p;
    p.header(1, ResponseFlags, 1, 3).question("host.test", 64000);
    p.pointer(QuestionOffset);
    const qsizetype rdataStart = p.size() + 10;
    QByteArray chain = P::be16(quint16(0xc000 | QuestionOffset));
    for (int i = 1; i < chainLength; ++i)
        chain += P::be16(quint16(0xc000 | (rdataStart + 2 * (i - 1))));
    p.recordTail(64000, 1, chain);
    const qsizetype secondOwner = p.size();
    p.pointer(quint16(rdataStart + 2 * (chainLength - 1))).recordTail(64000, 1, QByteArray("x"));
    p.pointer(quint16(secondOwner)).recordTail(64000, 1, QByteArray("y"));

    Wire::Message message;
    const Wire::ParseResult result = Wire::parseMessage(p.data(), &message);
    QCOMPARE(Wire::errorName(result.error), error);
    if (result.ok()) {
        QCOMPARE(message.answers.size(), 3);
        for (const Wire::Record &record : std::as_const(message.answers))
            QCOMPARE(record.name, QByteArray("host.test"));
    } else {
        QCOMPARE(result.offset, rdataStart); // the 129th hop: the chain's first pointer
    }
}

void tst_DnsWire::everyPrefixOfAValidMessageFails()
{
    const QByteArray full = P().header(9, ResponseFlags, 1, 4, 1, 1)
                                    .question("host.test", 255)
                                    .pointer(QuestionOffset)
                                    .recordTail(15, 10, P::be16(5) + "\x02mx" + P::be16(0xc000 | QuestionOffset))
                                    .pointer(QuestionOffset)
                                    .recordTail(16, 10, P::string("hello") + P::string(""))
                                    .pointer(QuestionOffset)
                                    .recordTail(65, 10, P::be16(1) + P::encode("") + svcParam(1, P::string("h2")))
                                    .pointer(QuestionOffset)
                                    .recordTail(64000, 10, "raw")
                                    .record("test", 6, 60, P::encode("ns.test") + P::encode("h.test") + QByteArray(20, '\1'))
                                    .record("", 41, 0, QByteArray(), 1232);
    Wire::Message message;
    const Wire::ParseResult whole = Wire::parseMessage(full, &message);
    QVERIFY2(whole.ok(), qPrintable(whole.toString()));
    QCOMPARE(message.answers.size(), 4);
    for (qsizetype length = 0; length < full.size(); ++length) {
        // A copy of exactly this length, so that ASan sees any read past it.
        const QByteArray prefix(full.constData(), length);
        const Wire::ParseResult result = Wire::parseMessage(prefix, &message);
        QVERIFY2(result.error == Wire::Error::Truncated || result.error == Wire::Error::CountMismatch,
                 qPrintable(QStringLiteral("length %1: %2").arg(length).arg(result.toString())));
    }
}

void tst_DnsWire::bigTcpAnswer()
{
    const QByteArray packet = ::bigTcpAnswer();
    QCOMPARE(packet.size(), 65535);
    Wire::Message message;
    const Wire::ParseResult result = Wire::parseMessage(packet, &message);
    QVERIFY2(result.ok(), qPrintable(result.toString()));
    QCOMPARE(message.answers.size(), 1);
    const QList<QByteArray> strings = message.answers.first().strings;
    QCOMPARE(strings.size(), 256);
    qsizetype total = 0;
    for (const QByteArray &s : strings)
        total += 1 + s.size();
    QCOMPARE(total, 65535 - 39);
    QCOMPARE(strings.first(), QByteArray(255, 'x'));
    QCOMPARE(strings.last(), QByteArray(215, 'y'));
    // One octet less is a cut-off message.
    QCOMPARE(Wire::parseMessage(QByteArray(packet.constData(), 65534), &message).error, Wire::Error::Truncated);
}

void tst_DnsWire::compressedNamesExpandedInRdata()
{
    // MX exchange "mx.host.test" written as "mx" + pointer to the question.
    const QByteArray packet = answer(15, P::be16(7) + "\x02mx" + P::be16(0xc000 | QuestionOffset));
    Wire::Message message;
    QVERIFY(Wire::parseMessage(packet, &message).ok());
    const Wire::Record &mx = message.answers.first();
    QCOMPARE(mx.target, QByteArray("mx.host.test"));
    QCOMPARE(mx.rdata, P::be16(7) + P::encode("mx.host.test"));
    // Undecoded types keep their RDATA as on the wire.
    const QByteArray raw = answer(64000, "\xc0\x0c");
    QVERIFY(Wire::parseMessage(raw, &message).ok());
    QCOMPARE(message.answers.first().rdata, QByteArray("\xc0\x0c"));
    QVERIFY(!message.answers.first().decoded);
}

void tst_DnsWire::ttlClamp_data()
{
    QTest::addColumn<quint32>("wire");
    QTest::addColumn<quint32>("ttl");

    QTest::newRow("zero") << 0u << 0u;
    QTest::newRow("normal") << 86400u << 86400u;
    QTest::newRow("max-positive") << 0x7fffffffu << 0x7fffffffu;
    QTest::newRow("top-bit") << 0x80000000u << 0u;
    QTest::newRow("all-ones") << 0xffffffffu << 0u;
}

void tst_DnsWire::ttlClamp()
{
    QFETCH(quint32, wire);
    QFETCH(quint32, ttl);

    Wire::Message message;
    QVERIFY(Wire::parseMessage(answer(1, P::bytes({ 1, 2, 3, 4 }), wire), &message).ok());
    QCOMPARE(message.answers.first().ttl, ttl);
    QCOMPARE(message.answers.first().rawTtl, wire);
}

void tst_DnsWire::standaloneRdata()
{
    Wire::Record record;
    record.type = Wire::Type::SRV;
    record.rdata = P::be16(1) + P::be16(2) + P::be16(3) + P::encode("t.test");
    QVERIFY(Wire::decodeRdata(&record).ok());
    QVERIFY(record.decoded);
    QCOMPARE(record.target, QByteArray("t.test"));
    QCOMPARE(record.port, quint16(3));

    Wire::Record pointer;
    pointer.type = Wire::Type::CNAME;
    pointer.rdata = QByteArray("\x01" "a" "\xc0\x00", 4);
    const Wire::ParseResult result = Wire::decodeRdata(&pointer);
    QCOMPARE(result.error, Wire::Error::BadPointer);
    QVERIFY(!pointer.decoded);

    Wire::Record raw;
    raw.type = 4000;
    raw.rdata = "anything";
    QVERIFY(Wire::decodeRdata(&raw).ok());
    QVERIFY(!raw.decoded);
    QCOMPARE(raw.rdata, QByteArray("anything"));
}

void tst_DnsWire::encodeName_data()
{
    QTest::addColumn<QByteArray>("presentation");
    QTest::addColumn<QByteArray>("wire");

    QTest::newRow("simple") << QByteArray("host.test") << P::encode("host.test");
    QTest::newRow("trailing-dot") << QByteArray("host.test.") << P::encode("host.test");
    QTest::newRow("root") << QByteArray(".") << QByteArray(1, '\0');
    QTest::newRow("escapes") << QByteArray("a\\.b.\\\\\\001") << QByteArray("\x03" "a.b" "\x02" "\\\x01" "\x00", 8);
    QTest::newRow("escaped-final-dot") << QByteArray("a\\.") << QByteArray("\x02" "a." "\x00", 4);
    QTest::newRow("escaped-final-dot-absolute") << QByteArray("a\\..") << QByteArray("\x02" "a." "\x00", 4);
    QTest::newRow("double-trailing-dot") << QByteArray("a..") << QByteArray();
    QTest::newRow("empty-label") << QByteArray("a..b") << QByteArray();
    QTest::newRow("label-64") << (QByteArray(64, 'a') + ".test") << QByteArray();
    QTest::newRow("bad-decimal-escape") << QByteArray("a\\256") << QByteArray();
    QTest::newRow("short-decimal-escape") << QByteArray("a\\12") << QByteArray();
    QTest::newRow("empty") << QByteArray() << QByteArray();
}

void tst_DnsWire::encodeName()
{
    QFETCH(QByteArray, presentation);
    QFETCH(QByteArray, wire);
    QCOMPARE(Wire::encodeName(presentation), wire);
}

QTEST_GUILESS_MAIN(tst_DnsWire)
#include "tst_dnswire.moc"
