// SPDX-License-Identifier: MIT
// AresTestRecord's builders: the exact RDATA they write, and what QAres reads
// back from the server (and from the RDATA alone) for each of them.
#include <QAres/AresResolver>
#include <QAres/AresTestServer>

#include "qarestest.h"

#include <QtTest/qtest.h>

using namespace std::chrono_literals;
using QAresTest::waitFor;

class tst_AresTestRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readBack_data();
    void readBack();
    void wireBytes_data();
    void wireBytes();
    void invalid_data();
    void invalid();
    void valueType();
};

namespace {

AresTestRecord::SvcParams everyParam()
{
    AresTestRecord::SvcParams params;
    params.mandatory = { 1 };
    params.alpn = { "h2", "h3" };
    params.port = 8443;
    params.ipv4Hints = { QHostAddress(QStringLiteral("192.0.2.7")) };
    params.ech = "ECH";
    params.ipv6Hints = { QHostAddress(QStringLiteral("2001:db8::7")) };
    params.other = { { 4242, "zz" } };
    return params;
}

} // namespace

void tst_AresTestRecord::readBack_data()
{
    QTest::addColumn<AresTestRecord>("record");
    QTest::addColumn<QString>("expected"); // AresRecord::toString() of what QAres reads

    const auto v4 = [](const char *text) { return QHostAddress(QString::fromLatin1(text)); };
    AresTestRecord::SvcParams noDefault;
    noDefault.alpn = { "h2" };
    noDefault.noDefaultAlpn = true;

    QTest::newRow("a") << AresTestRecord::a(v4("192.0.2.1")) << "b.test. 300 IN A 192.0.2.1";
    QTest::newRow("aaaa") << AresTestRecord::aaaa(v4("2001:db8::1"))
                          << "b.test. 300 IN AAAA 2001:db8::1";
    QTest::newRow("address-v4") << AresTestRecord::address(v4("192.0.2.2"))
                                << "b.test. 300 IN A 192.0.2.2";
    QTest::newRow("address-v6") << AresTestRecord::address(v4("2001:db8::2"))
                                << "b.test. 300 IN AAAA 2001:db8::2";
    QTest::newRow("ns") << AresTestRecord::ns(QStringLiteral("ns1.test"))
                        << "b.test. 300 IN NS ns1.test.";
    QTest::newRow("cname") << AresTestRecord::cname(QStringLiteral("target.test."))
                           << "b.test. 300 IN CNAME target.test.";
    QTest::newRow("dname") << AresTestRecord::dname(QStringLiteral("moved.test"))
                           << "b.test. 300 IN DNAME moved.test.";
    QTest::newRow("ptr") << AresTestRecord::ptr(QStringLiteral("host.test"))
                         << "b.test. 300 IN PTR host.test.";
    QTest::newRow("mx") << AresTestRecord::mx(10, QStringLiteral("mx1.test"))
                        << "b.test. 300 IN MX 10 mx1.test.";
    QTest::newRow("mx-root") << AresTestRecord::mx(0, QStringLiteral("."))
                             << "b.test. 300 IN MX 0 .";
    QTest::newRow("txt") << AresTestRecord::txt({ "v=spf1", " -all" })
                         << "b.test. 300 IN TXT \"v=spf1\" \" -all\"";
    QTest::newRow("txt-octets") << AresTestRecord::txt({ QByteArray("a\0b", 3), QByteArray() })
                                << "b.test. 300 IN TXT \"a\\000b\" \"\"";
    QTest::newRow("soa") << AresTestRecord::soa(
            QStringLiteral("ns.test"), QStringLiteral("admin.test"), 2024, 7200, 900, 86400, 60)
                         << "b.test. 300 IN SOA ns.test. admin.test. 2024 7200 900 86400 60";
    QTest::newRow("srv") << AresTestRecord::srv(1, 10, 5060, QStringLiteral("sip.test"))
                         << "b.test. 300 IN SRV 1 10 5060 sip.test.";
    QTest::newRow("naptr") << AresTestRecord::naptr(100, 10, "S", "SIP+D2U", "",
                                                    QStringLiteral("_sip._udp.test"))
                           << "b.test. 300 IN NAPTR 100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.test.";
    QTest::newRow("tlsa") << AresTestRecord::tlsa(3, 1, 1, QByteArray::fromHex("abcdef01"))
                          << "b.test. 300 IN TLSA 3 1 1 ABCDEF01";
    QTest::newRow("sshfp-raw") << AresTestRecord::sshfp(4, 2, QByteArray::fromHex("c0ffee"))
                               << "b.test. 300 IN TYPE44 \\# 5 0402c0ffee";
    QTest::newRow("svcb-alias") << AresTestRecord::svcb(0, QStringLiteral("svc.test"))
                                << "b.test. 300 IN SVCB 0 svc.test.";
    QTest::newRow("svcb-params") << AresTestRecord::svcb(2, QStringLiteral("svc.test"), noDefault)
                                 << "b.test. 300 IN SVCB 2 svc.test. alpn=\"h2\" no-default-alpn";
    QTest::newRow("https-alias") << AresTestRecord::https(0, QStringLiteral("cdn.test"))
                                 << "b.test. 300 IN HTTPS 0 cdn.test.";
    QTest::newRow("https-every-param")
            << AresTestRecord::https(1, QString(), everyParam())
            << "b.test. 300 IN HTTPS 1 . mandatory=alpn alpn=\"h2,h3\" port=8443 "
               "ipv4hint=192.0.2.7 ech=RUNI ipv6hint=2001:db8::7 key4242=\"zz\"";
    QTest::newRow("uri") << AresTestRecord::uri(10, 1, "https://www.test/")
                         << "b.test. 300 IN URI 10 1 \"https://www.test/\"";
    QTest::newRow("caa") << AresTestRecord::caa(0, "issue", "ca.test")
                         << "b.test. 300 IN CAA 0 issue \"ca.test\"";
    QTest::newRow("caa-critical") << AresTestRecord::caa(128, "iodef", "mailto:x@test")
                                  << "b.test. 300 IN CAA 128 iodef \"mailto:x@test\"";
    QTest::newRow("raw-64000") << AresTestRecord::raw(64000, QByteArray::fromHex("00ff10"))
                               << "b.test. 300 IN TYPE64000 \\# 3 00ff10";
    QTest::newRow("raw-empty") << AresTestRecord::raw(99, QByteArray())
                               << "b.test. 300 IN TYPE99 \\# 0";
}

void tst_AresTestRecord::readBack()
{
    QFETCH(AresTestRecord, record);
    QFETCH(QString, expected);
    QVERIFY(record.isValid());

    // Without a server: the RDATA alone.
    const auto type = AresRecord::Type(record.type());
    QString error;
    const AresRecord decoded =
            AresRecord::fromRdata(QStringLiteral("b.test"), type, record.rdata(), 300, 1, &error);
    QVERIFY2(decoded.isValid(), qPrintable(error));
    QCOMPARE(decoded.toString(), expected);

    // Served, queried and read by QAres.
    AresTestServer server;
    QVERIFY2(server.listen({ QHostAddress::LocalHost }), qPrintable(server.errorString()));
    QVERIFY(server.addRecord(QStringLiteral("b.test"), record, 300));
    AresOptions options;
    options.setServers(QStringList{ server.serverString() });
    options.setTries(1);
    options.setTimeout(500ms);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    AresResolver resolver(options);
    const auto future = resolver.query(QStringLiteral("b.test"), type);
    QVERIFY(waitFor(future));
    const AresRecordSet set = future.result();
    QCOMPARE(set.error(), AresError::NoError);
    QCOMPARE(set.records().size(), 1);
    const AresRecord served = set.records().constFirst();
    QCOMPARE(served.toString(), expected);
    QCOMPARE(served.rdata(), record.rdata());
    QCOMPARE(served, decoded);
    QCOMPARE(server.questionCount(QStringLiteral("b.test"), record.type()), 1);
}

void tst_AresTestRecord::wireBytes_data()
{
    QTest::addColumn<AresTestRecord>("record");
    QTest::addColumn<int>("type");
    QTest::addColumn<QByteArray>("hex"); // the RDATA, by the RFCs

    AresTestRecord::SvcParams params;
    params.port = 443; // written after alpn: keys in increasing order
    params.alpn = { "h2" };
    QTest::newRow("a") << AresTestRecord::a(QHostAddress(QStringLiteral("192.0.2.1"))) << 1
                       << QByteArray("c0000201");
    QTest::newRow("aaaa") << AresTestRecord::aaaa(QHostAddress(QStringLiteral("2001:db8::1"))) << 28
                          << QByteArray("20010db8000000000000000000000001");
    QTest::newRow("mx") << AresTestRecord::mx(10, QStringLiteral("mx.test")) << 15
                        << QByteArray("000a 026d78 0474657374 00");
    QTest::newRow("ptr-escaped-dot") << AresTestRecord::ptr(QStringLiteral("a\\.b.test")) << 12
                                     << QByteArray("03612e62 0474657374 00");
    QTest::newRow("txt") << AresTestRecord::txt({ "ab", "" }) << 16 << QByteArray("026162 00");
    QTest::newRow("soa") << AresTestRecord::soa(
            QStringLiteral("a"), QStringLiteral("b"), 1, 2, 3, 4,
            5) << 6 << QByteArray("016100 016200 00000001 00000002 00000003 00000004 00000005");
    QTest::newRow("srv") << AresTestRecord::srv(1, 2, 3, QStringLiteral("t")) << 33
                         << QByteArray("0001 0002 0003 017400");
    QTest::newRow("naptr") << AresTestRecord::naptr(1, 2, "S", "E2U", "", QString()) << 35
                           << QByteArray("0001 0002 0153 03453255 00 00");
    QTest::newRow("dname") << AresTestRecord::dname(QStringLiteral("x")) << 39
                           << QByteArray("017800");
    QTest::newRow("tlsa") << AresTestRecord::tlsa(3, 1, 1, "\xab") << 52 << QByteArray("030101ab");
    QTest::newRow("sshfp") << AresTestRecord::sshfp(1, 2, "\xaa") << 44 << QByteArray("0102aa");
    QTest::newRow("https") << AresTestRecord::https(1, QStringLiteral("."), params) << 65
                           << QByteArray("0001 00 0001 0003 026832 0003 0002 01bb");
    QTest::newRow("svcb-alias") << AresTestRecord::svcb(0, QStringLiteral("s")) << 64
                                << QByteArray("0000 017300");
    QTest::newRow("uri") << AresTestRecord::uri(1, 2, "u") << 256 << QByteArray("0001 0002 75");
    QTest::newRow("caa") << AresTestRecord::caa(128, "issue", "x") << 257
                         << QByteArray("80 056973737565 78");
    QTest::newRow("raw") << AresTestRecord::raw(65280, "\x01\x02") << 65280 << QByteArray("0102");
}

void tst_AresTestRecord::wireBytes()
{
    QFETCH(AresTestRecord, record);
    QFETCH(int, type);
    QFETCH(QByteArray, hex);

    QVERIFY(record.isValid());
    QCOMPARE(int(record.type()), type);
    QCOMPARE(record.rdata().toHex(),
             QByteArray::fromHex(hex).toHex()); // hex: spaces between fields
}

void tst_AresTestRecord::invalid_data()
{
    QTest::addColumn<AresTestRecord>("record");

    const QString longLabel = QString(64, u'x') + u".test";
    const QString longName = QStringList(QList<QString>(64, QStringLiteral("abc"))).join(u'.');
    AresTestRecord::SvcParams badPort;
    badPort.port = 65536;
    AresTestRecord::SvcParams emptyAlpn;
    emptyAlpn.alpn = { "" };
    AresTestRecord::SvcParams v6AsV4;
    v6AsV4.ipv4Hints = { QHostAddress(QStringLiteral("2001:db8::1")) };

    QTest::newRow("a-of-v6") << AresTestRecord::a(QHostAddress(QStringLiteral("2001:db8::1")));
    QTest::newRow("aaaa-of-v4") << AresTestRecord::aaaa(QHostAddress(QStringLiteral("192.0.2.1")));
    QTest::newRow("address-null") << AresTestRecord::address(QHostAddress());
    QTest::newRow("cname-empty-label") << AresTestRecord::cname(QStringLiteral("a..test"));
    QTest::newRow("ns-label-64") << AresTestRecord::ns(longLabel);
    QTest::newRow("ptr-name-over-255") << AresTestRecord::ptr(longName);
    QTest::newRow("mx-dangling-backslash") << AresTestRecord::mx(1, QStringLiteral("a\\"));
    QTest::newRow("txt-none") << AresTestRecord::txt({});
    QTest::newRow("txt-256") << AresTestRecord::txt({ QByteArray(256, 'x') });
    QTest::newRow("naptr-regexp-256")
            << AresTestRecord::naptr(1, 1, "U", "E2U", QByteArray(256, 'x'), QString());
    QTest::newRow("caa-empty-tag") << AresTestRecord::caa(0, "", "ca.test");
    QTest::newRow("svcb-port-65536") << AresTestRecord::svcb(1, QString(), badPort);
    QTest::newRow("https-empty-alpn") << AresTestRecord::https(1, QString(), emptyAlpn);
    QTest::newRow("https-v6-as-ipv4hint") << AresTestRecord::https(1, QString(), v6AsV4);
    QTest::newRow("raw-type-0") << AresTestRecord::raw(0, "x");
    QTest::newRow("raw-65536-octets") << AresTestRecord::raw(99, QByteArray(65536, 'x'));
    QTest::newRow("default") << AresTestRecord();
}

void tst_AresTestRecord::invalid()
{
    QFETCH(AresTestRecord, record);

    QVERIFY(!record.isValid());
    QCOMPARE(record.type(), quint16(0));
    QVERIFY(record.rdata().isEmpty());
    QCOMPARE(record, AresTestRecord());

    AresTestServer server;
    QVERIFY(!server.addRecord(QStringLiteral("b.test"), record));
    // Nothing was added: the raw form of the same call is refused too.
    QVERIFY(!server.addRecord(QStringLiteral("b.test"), 0, QByteArray()));
}

void tst_AresTestRecord::valueType()
{
    const AresTestRecord mx = AresTestRecord::mx(5, QStringLiteral("m.test"));
    AresTestRecord copy = mx;
    QCOMPARE(copy, mx);
    AresTestRecord other = AresTestRecord::mx(6, QStringLiteral("m.test"));
    QVERIFY(other != mx);
    other.swap(copy);
    QCOMPARE(other, mx);
    QCOMPARE(copy.rdata(), QByteArray::fromHex("0006 016d 0474657374 00"));
    AresTestRecord moved = std::move(other);
    QCOMPARE(moved, mx);
    QCOMPARE(AresTestRecord::raw(mx.type(), mx.rdata()), mx);
}

QTEST_GUILESS_MAIN(tst_AresTestRecord)
#include "tst_arestestrecord.moc"
