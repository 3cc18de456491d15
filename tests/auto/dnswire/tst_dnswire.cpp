// SPDX-License-Identifier: MIT
#include "cannedreplies.h"
#include "dnswire_p.h"
#include "packetbuilder.h"

#include <QtCore/qendian.h>
#include <QtNetwork/qhostaddress.h>
#include <QtTest/qtest.h>

namespace Wire = QAresPrivate::Wire;
using P = PacketBuilder;

using namespace CannedReplies;

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
    QTest::newRow("cname-compressed")
            << 5 << (QByteArray("\x03www") + P::be16(0xc000 | QuestionOffset))
            << "host.test CNAME 300 www.host.test";
    QTest::newRow("ns") << 2 << P::encode("ns1.test") << "host.test NS 300 ns1.test";
    QTest::newRow("ptr") << 12 << P::encode("five.test") << "host.test PTR 300 five.test";
    QTest::newRow("ptr-root") << 12 << P::encode("") << "host.test PTR 300 .";
    QTest::newRow("mx") << 15 << (P::be16(10) + P::encode("mx1.test"))
                        << "host.test MX 300 10 mx1.test";
    QTest::newRow("mx-null") << 15 << (P::be16(0) + P::encode("")) << "host.test MX 300 0 .";
    QTest::newRow("srv") << 33 << (P::be16(1) + P::be16(5) + P::be16(5060) + P::encode("sip.test"))
                         << "host.test SRV 300 1 5 5060 sip.test";
    QTest::newRow("txt-one") << 16 << P::string("v=spf1 -all")
                             << "host.test TXT 300 \"v=spf1 -all\"";
    QTest::newRow("txt-multi") << 16
                               << (P::string("abc") + P::string("")
                                   + P::string(QByteArray("n\0l", 3)))
                               << "host.test TXT 300 \"abc\" \"\" \"n\\x00l\"";
    QTest::newRow("txt-single-empty-string") << 16 << P::string("") << "host.test TXT 300 \"\"";
    QTest::newRow("txt-255") << 16 << P::string(QByteArray(255, 'z'))
                             << (QStringLiteral("host.test TXT 300 \"") + QString(255, u'z')
                                 + u'"');
    QTest::newRow("soa")
            << 6
            << (P::encode("ns1.test") + P::encode("hostmaster.test") + P::be32(2024010101)
                + P::be32(7200) + P::be32(3600) + P::be32(1209600) + P::be32(60))
            << "host.test SOA 300 ns1.test hostmaster.test 2024010101 7200 3600 1209600 60";
    QTest::newRow("soa-serial-top-bit")
            << 6
            << (P::encode("a.test") + P::encode("b.test") + P::be32(0xfffffffe) + P::be32(1)
                + P::be32(2) + P::be32(3) + P::be32(4))
            << "host.test SOA 300 a.test b.test 4294967294 1 2 3 4";
    QTest::newRow("caa") << 257 << (P::bytes({ 0 }) + P::string("issue") + "letsencrypt.org")
                         << "host.test CAA 300 0 issue \"letsencrypt.org\"";
    QTest::newRow("caa-critical-empty-value") << 257 << (P::bytes({ 128 }) + P::string("iodef"))
                                              << "host.test CAA 300 128 iodef \"\"";
    QTest::newRow("naptr") << 35
                           << (P::be16(100) + P::be16(10) + P::string("S") + P::string("SIP+D2U")
                               + P::string("") + P::encode("_sip._udp.test"))
                           << "host.test NAPTR 300 100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.test";
    QTest::newRow("naptr-regexp")
            << 35
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
    QTest::newRow("https-service-self")
            << 65 << (P::be16(1) + P::encode("")) << "host.test HTTPS 300 1 .";
    QTest::newRow("https-all-params")
            << 65
            << (P::be16(1) + P::encode("") + svcParam(0, P::be16(1) + P::be16(3))
                + svcParam(1, P::string("h2") + P::string("h3")) + svcParam(2, QByteArray())
                + svcParam(3, P::be16(8443)) + svcParam(4, P::bytes({ 192, 0, 2, 1, 192, 0, 2, 2 }))
                + svcParam(5, QByteArray("ECHCONFIG"))
                + svcParam(6, QByteArray::fromHex("20010db8000000000000000000000001"))
                + svcParam(65000, QByteArray("raw\0x", 5)))
            << "host.test HTTPS 300 1 . 0=00010003 1=026832026833 2= 3=20fb 4=c0000201c0000202 "
               "5=454348434f4e464947 6=20010db8000000000000000000000001 65000=7261770078";
    QTest::newRow("svcb-unknown-empty-key")
            << 64 << (P::be16(16) + P::encode("svc.test") + svcParam(7, QByteArray()))
            << "host.test SVCB 300 16 svc.test 7=";
    QTest::newRow("unknown-type") << 64000 << QByteArray::fromHex("deadbeef")
                                  << "host.test TYPE64000 300 raw deadbeef";
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
    CannedReplies::messageRows();
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
    CannedReplies::malformedRows();
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
    const QByteArray full =
            P().header(9, ResponseFlags, 1, 4, 1, 1)
                    .question("host.test", 255)
                    .pointer(QuestionOffset)
                    .recordTail(15, 10, P::be16(5) + "\x02mx" + P::be16(0xc000 | QuestionOffset))
                    .pointer(QuestionOffset)
                    .recordTail(16, 10, P::string("hello") + P::string(""))
                    .pointer(QuestionOffset)
                    .recordTail(65, 10, P::be16(1) + P::encode("") + svcParam(1, P::string("h2")))
                    .pointer(QuestionOffset)
                    .recordTail(64000, 10, "raw")
                    .record("test", 6, 60,
                            P::encode("ns.test") + P::encode("h.test") + QByteArray(20, '\1'))
                    .record("", 41, 0, QByteArray(), 1232);
    Wire::Message message;
    const Wire::ParseResult whole = Wire::parseMessage(full, &message);
    QVERIFY2(whole.ok(), qPrintable(whole.toString()));
    QCOMPARE(message.answers.size(), 4);
    for (qsizetype length = 0; length < full.size(); ++length) {
        // A copy of exactly this length, so that ASan sees any read past it.
        const QByteArray prefix(full.constData(), length);
        const Wire::ParseResult result = Wire::parseMessage(prefix, &message);
        QVERIFY2(result.error == Wire::Error::Truncated
                         || result.error == Wire::Error::CountMismatch,
                 qPrintable(QStringLiteral("length %1: %2").arg(length).arg(result.toString())));
    }
}

void tst_DnsWire::bigTcpAnswer()
{
    const QByteArray packet = CannedReplies::bigTcpAnswer();
    QCOMPARE(packet.size(), 65535);
    Wire::Message message;
    const Wire::ParseResult result = Wire::parseMessage(packet, &message);
    QVERIFY2(result.ok(), qPrintable(result.toString()));
    QCOMPARE(message.answers.size(), 1);
    const QList<QByteArray> strings = message.answers.first().strings();
    QCOMPARE(strings.size(), 256);
    qsizetype total = 0;
    for (const QByteArray &s : strings)
        total += 1 + s.size();
    QCOMPARE(total, 65535 - 39);
    QCOMPARE(strings.first(), QByteArray(255, 'x'));
    QCOMPARE(strings.last(), QByteArray(215, 'y'));
    // One octet less is a cut-off message.
    QCOMPARE(Wire::parseMessage(QByteArray(packet.constData(), 65534), &message).error,
             Wire::Error::Truncated);
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
    QTest::newRow("escapes") << QByteArray("a\\.b.\\\\\\001")
                             << QByteArray("\x03" "a.b" "\x02" "\\\x01" "\x00", 8);
    QTest::newRow("zone-file-specials") << QByteArray("a\\\"b\\(c\\)d\\;.\\@\\$e")
                                        << QByteArray("\x08" "a\"b(c)d;" "\x03" "@$e" "\x00", 14);
    QTest::newRow("escaped-final-dot") << QByteArray("a\\.") << QByteArray("\x02" "a." "\x00", 4);
    QTest::newRow("escaped-final-dot-absolute")
            << QByteArray("a\\..") << QByteArray("\x02" "a." "\x00", 4);
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
