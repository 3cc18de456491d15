// SPDX-License-Identifier: MIT
// DNS over TLS (strict profile) through QAres's TLS bridge under c-ares's TCP
// path, against the fake server behind a TLS front of the test's own
// (tests/shared/tlsfront.h) with certificates made by openssl at test time;
// the server strings of DoT and DoH.
#include <aresresolver.h>

#include "arestestserver.h"
#include "encryptedzone.h"
#include "qarestest.h"
#include "testpki.h"
#include "tlsfront.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qmetaobject.h>
#include <QtNetwork/qtcpserver.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;

Q_DECLARE_METATYPE(TlsFront::Mode)

using QAresTest::errorKey;
using QAresTest::hostLine;
using QAresTest::recordLine;

class tst_Dot : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void serverStrings_data();
    void serverStrings();
    void invalidConfigurationKeepsTheOld_data();
    void invalidConfigurationKeepsTheOld();

    void hostLookup();
    void reverseLookup();
    void recordQuery();
    void searchLookup();
    void batchOnOneConnection();
    void authenticatesByPin();

    void badServer_data();
    void badServer();
    void refusedIsNotAnEncryptionError();
    void padding_data();
    void padding();
    void stalledHandshake();
    void failureIsForgottenOnTheNextConnection();
    void hostileFront_data();
    void hostileFront();

private:
    AresOptions dotOptions(const QString &name = TestPki::authName(),
                           const QList<QByteArray> &pins = {}) const;
    void useIdentity(const QString &name);
    //! Nothing reached a plain DNS port: not the fake server's, not the front's UDP, no plaintext TCP.
    void verifyNothingInClear();

    TestPki m_pki;
    std::unique_ptr<AresTestServer> m_server;
    std::unique_ptr<TlsFront> m_front;
};

void tst_Dot::initTestCase()
{
    QAresTest::installGlueWarningCheck();
    QString error;
    QVERIFY2(m_pki.make(&error), qPrintable(error));
    QVERIFY(!m_pki.ca().isNull());
    QVERIFY(!m_pki.key(QStringLiteral("good")).isNull());
}

void tst_Dot::init()
{
    QAresTest::glueWarnings().clear();
    m_server = std::make_unique<AresTestServer>();
    QVERIFY2(m_server->listen({ QHostAddress::LocalHost }), qPrintable(m_server->errorString()));
    QAresTest::addEncryptedTestZone(*m_server);
    m_front = std::make_unique<TlsFront>();
    QVERIFY2(m_front->listen(m_server->port()), qPrintable(m_front->errorString()));
    useIdentity(QStringLiteral("good"));
}

void tst_Dot::cleanup()
{
    m_front.reset();
    m_server.reset();
    QVERIFY2(QAresTest::glueWarnings().isEmpty(), qPrintable(QAresTest::glueWarnings().join(u'\n')));
}

void tst_Dot::useIdentity(const QString &name)
{
    m_front->setIdentity(m_pki.chain(name), m_pki.key(name));
}

AresOptions tst_Dot::dotOptions(const QString &name, const QList<QByteArray> &pins) const
{
    AresOptions options;
    AresServer server = AresServer::tls(QHostAddress::LocalHost, name, m_front->port());
    server.setSpkiPins(pins);
    options.setServers({ server });
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates({ m_pki.ca() });
    options.setSslConfiguration(ssl);
    options.setTries(1);
    options.setTimeout(2000ms);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    options.setNdots(1);
    return options;
}

void tst_Dot::verifyNothingInClear()
{
    QCOMPARE(m_front->plaintextConnections(), 0);
    QCOMPARE(m_front->udpDatagrams(), 0);
    // The front forwards only after a handshake: no handshake, no question.
    if (m_front->handshakes() == 0)
        QVERIFY(m_server->questions().isEmpty());
    for (const AresTestServer::Question &question : m_server->questions())
        QCOMPARE(question.peer, QHostAddress(QHostAddress::LocalHost)); // the front, over TCP
}

void tst_Dot::serverStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // toString(), or "error: <part of the reason>"

    const QString pin = QString::fromLatin1(QByteArray(32, 'p').toBase64());
    const QString pinEncoded = QString::fromLatin1(QByteArray(32, 'p').toBase64().toPercentEncoding());
    QTest::newRow("plain") << "192.0.2.1"
                           << "192.0.2.1:53";
    QTest::newRow("plain-uri") << "dns://192.0.2.1:5353"
                               << "192.0.2.1:5353";
    QTest::newRow("cares-form") << "dns+tls://192.0.2.1?hostname=dns.example"
                                << "dns+tls://192.0.2.1:853?hostname=dns.example";
    QTest::newRow("cares-form-port") << "dns+tls://192.0.2.1:8853?hostname=Dns.Example."
                                     << "dns+tls://192.0.2.1:8853?hostname=dns.example";
    QTest::newRow("cares-form-ipaddr") << "dns+tls://dns.example?ipaddr=192.0.2.1"
                                       << "dns+tls://192.0.2.1:853?hostname=dns.example";
    QTest::newRow("tls-scheme") << "tls://[2001:db8::1]:853#dns.example"
                                << "dns+tls://[2001:db8::1]:853?hostname=dns.example";
    QTest::newRow("tls-no-name") << "tls://192.0.2.1"
                                 << "dns+tls://192.0.2.1:853";
    QTest::newRow("resolved-form") << "192.0.2.1:853#dns.example"
                                   << "dns+tls://192.0.2.1:853?hostname=dns.example";
    QTest::newRow("resolved-form-noport") << "192.0.2.1#dns.example"
                                          << "dns+tls://192.0.2.1:853?hostname=dns.example";
    QTest::newRow("pin") << QString(u"dns+tls://192.0.2.1?hostname=dns.example&pin-sha256=" + pinEncoded)
                         << QString(u"dns+tls://192.0.2.1:853?hostname=dns.example&pin-sha256="
                                    + pinEncoded);
    QTest::newRow("pin-raw-base64") << QString(u"dns+tls://192.0.2.1?pin-sha256=" + pin)
                                    << QString(u"dns+tls://192.0.2.1:853?pin-sha256=" + pinEncoded);
    QTest::newRow("bad-pin") << "dns+tls://192.0.2.1?pin-sha256=abcd"
                             << "error: pin-sha256";
    QTest::newRow("bad-scheme") << "ftp://192.0.2.1"
                                << "error: unknown scheme";
    QTest::newRow("host-without-ipaddr") << "dns+tls://dns.example"
                                         << "error: needs its ipaddr";
    QTest::newRow("bad-name") << "192.0.2.1#bad..name"
                              << "error: invalid authentication name";
    QTest::newRow("unknown-parameter") << "dns+tls://192.0.2.1?domain=corp"
                                       << "error: unsupported parameter";
    QTest::newRow("bad-port") << "dns+tls://192.0.2.1:0"
                              << "error: port";
    QTest::newRow("path") << "dns+tls://192.0.2.1/x"
                          << "error: no path";
    // DNS over HTTPS (tst_dohlive uses them)
    QTest::newRow("doh-cares-form") << "dns+https://192.0.2.1/dns-query?hostname=dns.example"
                                << "https://dns.example:443/dns-query#ipaddr=192.0.2.1";
    QTest::newRow("doh-cares-form-no-path") << "dns+https://192.0.2.1:8443?hostname=dns.example"
                                        << "https://dns.example:8443/dns-query#ipaddr=192.0.2.1";
    QTest::newRow("doh-cares-form-ipaddr")
            << "dns+https://dns.example/q?ipaddr=192.0.2.1&method=get"
            << "https://dns.example:443/q#ipaddr=192.0.2.1&method=get";
    QTest::newRow("doh-cares-form-no-name") << "dns+https://192.0.2.1"
                                        << "https://192.0.2.1:443/dns-query";
    QTest::newRow("doh-url-bootstrap") << "https://dns.example/dns-query#192.0.2.1"
                                   << "https://dns.example:443/dns-query#ipaddr=192.0.2.1";
    QTest::newRow("doh-url-template") << "https://Dns.Example:8443/dns-query{?dns}#192.0.2.1"
                                  << "https://dns.example:8443/dns-query#ipaddr=192.0.2.1";
    QTest::newRow("doh-url-own-query") << "https://dns.example/resolve?ct=1#[2001:db8::1]"
                                   << "error: ipaddr must be an IP address";
    QTest::newRow("doh-url-own-query-v6") << "https://dns.example/resolve?ct=1#2001:db8::1"
                                      << "https://dns.example:443/resolve?ct=1#ipaddr=2001:db8::1";
    QTest::newRow("doh-url-ip-host") << "https://[2001:db8::1]/dns-query"
                                 << "https://[2001:db8::1]:443/dns-query";
    QTest::newRow("doh-url-parameters")
            << QString(u"https://dns.example/dns-query#ipaddr=192.0.2.1&pin-sha256="
                       + pinEncoded + u"&method=GET")
            << QString(u"https://dns.example:443/dns-query#ipaddr=192.0.2.1&pin-sha256="
                       + pinEncoded + u"&method=get");
    QTest::newRow("doh-url-without-bootstrap") << "https://dns.example/dns-query"
                                           << "error: bootstrap address";
    QTest::newRow("doh-url-without-path") << "https://dns.example#192.0.2.1"
                                      << "error: needs a path";
    QTest::newRow("doh-cares-host-without-ipaddr") << "dns+https://dns.example/dns-query"
                                               << "error: needs its ipaddr";
    QTest::newRow("doh-bad-method") << "dns+https://192.0.2.1/dns-query?method=put"
                                << "error: method";
    QTest::newRow("doh-unknown-parameter") << "dns+https://192.0.2.1/dns-query?ct=1"
                                       << "error: unsupported parameter";
    QTest::newRow("doh-fragment-in-cares-form") << "dns+https://192.0.2.1/dns-query#x"
                                            << "error: unexpected";
    QTest::newRow("doh-user") << "https://me@dns.example/dns-query#192.0.2.1"
                          << "error: no user";
    QTest::newRow("doh-space-in-path") << "https://dns.example/dns query#192.0.2.1"
                                   << "error: not allowed in a URL";
    QTest::newRow("doh-bad-port") << "https://dns.example:0/dns-query#192.0.2.1"
                              << "error: port";
}

void tst_Dot::serverStrings()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    const AresServer server = AresServer::fromString(text, &error);
    if (expected.startsWith(u"error: ")) {
        QVERIFY2(!server.isValid(), qPrintable(server.toString()));
        QVERIFY2(error.contains(expected.mid(7)), qPrintable(error));
        QVERIFY2(error.contains(text), qPrintable(error));
        return;
    }
    QVERIFY2(server.isValid(), qPrintable(error));
    QCOMPARE(server.toString(), expected);
    QCOMPARE(AresServer::fromString(server.toString()), server); // round trip
    QCOMPARE(server.isEncrypted(),
             expected.startsWith(u"dns+tls://") || expected.startsWith(u"https://"));
    AresOptions options;
    QVERIFY2(options.setServers(QStringList{ text }, &error), qPrintable(error));
    QVERIFY2(options.validate(&error), qPrintable(error));
}

void tst_Dot::invalidConfigurationKeepsTheOld_data()
{
    QTest::addColumn<QStringList>("servers");
    QTest::addColumn<int>("profile");
    QTest::addColumn<QString>("reason");
    QTest::newRow("mixed") << QStringList{ QStringLiteral("tls://127.0.0.1#dns.test"),
                                           QStringLiteral("127.0.0.1") }
                           << int(AresOptions::EncryptionProfile::Strict) << "cannot be mixed";
    QTest::newRow("opportunistic")
            << QStringList{ QStringLiteral("tls://127.0.0.1#dns.test") }
            << int(AresOptions::EncryptionProfile::Opportunistic) << "opportunistic";
}

void tst_Dot::invalidConfigurationKeepsTheOld()
{
    QFETCH(QStringList, servers);
    QFETCH(int, profile);
    QFETCH(QString, reason);
    AresResolver resolver;
    const AresOptions good = dotOptions();
    QVERIFY(resolver.setOptions(good));
    AresOptions bad = good;
    QVERIFY(bad.setServers(servers));
    bad.setEncryptionProfile(AresOptions::EncryptionProfile(profile));
    QVERIFY(!resolver.setOptions(bad));
    QVERIFY2(resolver.errorString().contains(reason), qPrintable(resolver.errorString()));
    QCOMPARE(resolver.options(), good);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(hostLine(future.result()), QStringLiteral("192.0.2.1"));
    QCOMPARE(m_front->handshakes(), 1);
}

void tst_Dot::hostLookup()
{
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(dotOptions()), qPrintable(resolver.errorString()));
    const auto future = resolver.lookupHost(QStringLiteral("host.test"));
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(hostLine(future.result()), QStringLiteral("192.0.2.1 2001:db8::1"));
    QCOMPARE(future.result().diagnostics().transport(), AresServer::Transport::Tls);
    QCOMPARE(future.result().diagnostics().isEncrypted(), true);
    QCOMPARE(m_front->handshakes(), 1);
    QCOMPARE(m_front->lastNegotiatedProtocol(), QByteArray("dot")); // ALPN, RFC 7858 section 3.1
    QCOMPARE(m_server->questionCount(QStringLiteral("host.test")), 2);
    for (const AresTestServer::Question &question : m_server->questions()) {
        QCOMPARE(question.transport, AresTestServer::Transport::Tcp);
        QVERIFY(question.hasEdns); // the padding option's OPT record (RFC 7830)
    }
    // Every query padded to a multiple of 128 bytes (RFC 8467 section 4.1).
    QCOMPARE(m_front->queryLengths().size(), 2);
    for (int length : m_front->queryLengths())
        QCOMPARE(length % 128, 0);
    verifyNothingInClear();
}

void tst_Dot::reverseLookup()
{
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(dotOptions()), qPrintable(resolver.errorString()));
    const auto future = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.1")));
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(future.result().error(), AresError::NoError);
    QCOMPARE(future.result().hostName(), QStringLiteral("host.test"));
    QCOMPARE(m_front->handshakes(), 1);
    verifyNothingInClear();
}

void tst_Dot::recordQuery()
{
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(dotOptions()), qPrintable(resolver.errorString()));
    const auto future = resolver.query(QStringLiteral("host.test"), AresRecord::MX);
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(future.result().error(), AresError::NoError);
    QCOMPARE(future.result().records().size(), 2);
    const auto missing = resolver.query(QStringLiteral("missing.test"), AresRecord::TXT);
    QVERIFY(QAresTest::waitFor(missing));
    QCOMPARE(recordLine(missing.result()),
             QStringLiteral("error NotFoundError")); // an answer, not a TLS error
    QCOMPARE(missing.result().diagnostics().isEncrypted(), true); // an authenticated answer
    QCOMPARE(future.result().diagnostics().transport(), AresServer::Transport::Tls);
    QCOMPARE(future.result().diagnostics().isEncrypted(), true);
    verifyNothingInClear();
}

void tst_Dot::searchLookup()
{
    AresResolver resolver;
    AresOptions options = dotOptions();
    options.setFlag(AresOptions::NoSearch, false);
    options.setSearchDomains({ QStringLiteral("other.test"), QStringLiteral("corp.test") });
    QVERIFY2(resolver.setOptions(options), qPrintable(resolver.errorString()));
    const auto host = resolver.lookupHost(QStringLiteral("www"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(host));
    QCOMPARE(hostLine(host.result()), QStringLiteral("192.0.2.80"));
    const auto records = resolver.search(QStringLiteral("www"), AresRecord::A);
    QVERIFY(QAresTest::waitFor(records));
    QCOMPARE(records.result().error(), AresError::NoError);
    QCOMPARE(records.result().records().size(), 1);
    QVERIFY(m_server->questionCount(QStringLiteral("www.other.test")) >= 2); // the walk went over DoT
    verifyNothingInClear();
}

void tst_Dot::batchOnOneConnection()
{
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(dotOptions()), qPrintable(resolver.errorString()));
    QStringList names;
    QStringList expected;
    for (int i = 0; i < 40; ++i) {
        names.append(QStringLiteral("n%1.test").arg(i));
        expected.append(QHostAddress(quint32(0xc0000200 + i)).toString());
    }
    const auto future = resolver.lookupHosts(names, AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(QAresTest::describeResults(future, names.size(), hostLine, QStringLiteral(",")),
             expected.join(u','));
    QCOMPARE(m_front->connections(), 1); // pipelined on one TLS connection
    QCOMPARE(m_front->handshakes(), 1);
    QCOMPARE(m_server->questionCount(), 40);
    for (int length : m_front->queryLengths())
        QCOMPARE(length, 128);
    verifyNothingInClear();
}

void tst_Dot::authenticatesByPin()
{
    QString error;
    const QByteArray pin = m_pki.spkiPin(QStringLiteral("good"), &error);
    QVERIFY2(pin.size() == 32, qPrintable(error));
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(dotOptions(TestPki::authName(), { QByteArray(32, 'x'), pin })),
             qPrintable(resolver.errorString()));
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(hostLine(future.result()), QStringLiteral("192.0.2.1"));
}

void tst_Dot::badServer_data()
{
    QTest::addColumn<QString>("identity");
    QTest::addColumn<QString>("authName");
    QTest::addColumn<bool>("wrongPin");
    QTest::addColumn<bool>("systemCas");
    QTest::addColumn<QString>("reason"); // part of errorString()

    QTest::newRow("wrong-name") << "wrongname" << TestPki::authName() << false << false << "host name";
    QTest::newRow("name-not-asked-for") << "good"
                                        << "other.test" << false << false << "host name";
    QTest::newRow("expired") << "expired" << TestPki::authName() << false << false << "expired";
    QTest::newRow("self-signed") << "selfsigned" << TestPki::authName() << false << false
                                 << "self-signed";
    QTest::newRow("pin-mismatch") << "good" << TestPki::authName() << true << false << "pin mismatch";
    QTest::newRow("unknown-ca") << "good" << TestPki::authName() << false << true << "untrusted";
}

void tst_Dot::badServer()
{
    QFETCH(QString, identity);
    QFETCH(QString, authName);
    QFETCH(bool, wrongPin);
    QFETCH(bool, systemCas);
    QFETCH(QString, reason);
    useIdentity(identity);
    AresOptions options = dotOptions(
            authName, wrongPin ? QList<QByteArray>{ QByteArray(32, 'x') } : QList<QByteArray>{});
    if (systemCas)
        options.setSslConfiguration(QSslConfiguration::defaultConfiguration());
    options.setTries(2);
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(options), qPrintable(resolver.errorString()));

    const auto host = resolver.lookupHost(QStringLiteral("host.test"));
    const auto reverse = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.1")));
    const auto record = resolver.query(QStringLiteral("host.test"), AresRecord::MX);
    const auto batch = resolver.lookupHosts({ QStringLiteral("n1.test"), QStringLiteral("n2.test") });
    QSignalSpy hostSignals(&resolver, &AresResolver::hostLookupFinished);
    resolver.submitHostLookup(QStringLiteral("n3.test"));
    QVERIFY(QAresTest::waitFor(host));
    QVERIFY(QAresTest::waitFor(reverse));
    QVERIFY(QAresTest::waitFor(record));
    QVERIFY(QAresTest::waitFor(batch));
    QTRY_COMPARE(hostSignals.size(), 1);

    // Every lookup kind: the new error, naming the reason.
    const auto line = [&reason](AresError error, const QString &errorString) {
        QString text = errorKey(error);
        if (!errorString.contains(reason, Qt::CaseInsensitive))
            text += u" " + errorString;
        return text;
    };
    const QStringList lines{
        u"host " + line(host.result().error(), host.result().errorString()),
        u"reverse " + line(reverse.result().error(), reverse.result().errorString()),
        u"record " + line(record.result().error(), record.result().errorString()),
        u"batch0 " + line(batch.resultAt(0).error(), batch.resultAt(0).errorString()),
        u"batch1 " + line(batch.resultAt(1).error(), batch.resultAt(1).errorString()),
        u"signal "
                + line(hostSignals.at(0).at(0).value<AresHostInfo>().error(),
                       hostSignals.at(0).at(0).value<AresHostInfo>().errorString()),
    };
    QCOMPARE(lines.join(u'\n'),
             QStringLiteral(
                     "host EncryptionError\nreverse EncryptionError\nrecord EncryptionError\n"
                     "batch0 EncryptionError\nbatch1 EncryptionError\nsignal EncryptionError"));
    QCOMPARE(batch.resultCount(), 2);
    QCOMPARE(host.result().diagnostics().transport(), AresServer::Transport::Tls);
    QCOMPARE(host.result().diagnostics().isEncrypted(), false); // no answer came
    QCOMPARE(record.result().diagnostics().isEncrypted(), false);
    QTest::qWait(50); // nothing more arrives
    QCOMPARE(hostSignals.size(), 1);
    QCOMPARE(m_front->handshakes(), 0);
    QVERIFY(m_front->connections() >= 1);
    QVERIFY(m_server->questions().isEmpty());
    verifyNothingInClear();

    // The resolver keeps working once the server is right.
    useIdentity(QStringLiteral("good"));
    QVERIFY(resolver.setOptions(dotOptions()));
    const auto after = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(after));
    QCOMPARE(hostLine(after.result()), QStringLiteral("192.0.2.1"));
}

void tst_Dot::padding_data()
{
    QTest::addColumn<bool>("edns");
    QTest::addColumn<QString>("name");
    QTest::newRow("no-edns") << false << "pad.test";
    QTest::newRow("edns") << true << "pad.test";
    QTest::newRow("edns-long-name")
            << true << QString(QString(60, u'a') + u'.' + QString(60, u'b') + u".test");
}

void tst_Dot::padding()
{
    QFETCH(bool, edns);
    QFETCH(QString, name);
    m_server->addAddress(name, QHostAddress(QStringLiteral("192.0.2.9")));
    AresOptions options = dotOptions();
    options.setFlag(AresOptions::Edns, edns);
    AresResolver resolver;
    QVERIFY(resolver.setOptions(options));
    const auto future = resolver.lookupHost(name, AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(hostLine(future.result()), QStringLiteral("192.0.2.9"));
    QCOMPARE(m_front->queryLengths().size(), 1);
    const int length = m_front->queryLengths().constFirst();
    QVERIFY2(length % 128 == 0 && length >= 128, qPrintable(QString::number(length)));
    QCOMPARE(length, name.size() > 100 ? 256 : 128);
    QCOMPARE(m_server->questions().constFirst().hasEdns, true);
    if (edns)
        QCOMPARE(m_server->questions().constFirst().ednsPayloadSize,
                 quint16(options.ednsPayloadSize()));
}

void tst_Dot::refusedIsNotAnEncryptionError()
{
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    AresOptions options = dotOptions();
    options.setServers({ AresServer::tls(QHostAddress::LocalHost, TestPki::authName(), closedPort) });
    AresResolver resolver;
    QVERIFY(resolver.setOptions(options));
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(errorKey(future.result().error()), errorKey(AresError::ConnectionRefusedError));
}

void tst_Dot::stalledHandshake()
{
    m_front->setMode(TlsFront::Mode::StallHandshake);
    AresOptions options = dotOptions();
    options.setTimeout(400ms);
    options.setTries(1);
    AresResolver resolver;
    QVERIFY(resolver.setOptions(options));
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start();
    QElapsedTimer clock;
    clock.start();
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(future, 5s));
    const qint64 elapsed = clock.elapsed();
    QCOMPARE(errorKey(future.result().error()), errorKey(AresError::TimeoutError));
    QVERIFY2(elapsed >= 350 && elapsed < 3000, qPrintable(QString::number(elapsed)));
    QVERIFY2(ticks >= elapsed / 10 / 3,
             qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(elapsed)));
    QCOMPARE(m_front->handshakes(), 0);
    QVERIFY(m_server->questions().isEmpty());
    verifyNothingInClear();

    m_front->setMode(TlsFront::Mode::Normal);
    const auto after = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(after));
    QCOMPARE(hostLine(after.result()), QStringLiteral("192.0.2.1"));
}

void tst_Dot::failureIsForgottenOnTheNextConnection()
{
    // A TLS failure names the lookups that fail because of it, not later ones that fail otherwise.
    useIdentity(QStringLiteral("wrongname"));
    AresOptions options = dotOptions();
    options.setTimeout(400ms);
    AresResolver resolver;
    QVERIFY(resolver.setOptions(options));
    const auto first = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(first));
    QCOMPARE(errorKey(first.result().error()), errorKey(AresError::EncryptionError));

    useIdentity(QStringLiteral("good"));
    m_front->setMode(TlsFront::Mode::StallHandshake);
    const auto second = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(second, 5s));
    QCOMPARE(errorKey(second.result().error()), errorKey(AresError::TimeoutError));
    verifyNothingInClear();
}

void tst_Dot::hostileFront_data()
{
    QTest::addColumn<TlsFront::Mode>("mode");
    QTest::addColumn<bool>("answers");
    QTest::newRow("one-byte-records") << TlsFront::Mode::OneByteRecords << true;
    QTest::newRow("close-mid-reply") << TlsFront::Mode::CloseMidReply << false;
    QTest::newRow("wrong-length-prefix") << TlsFront::Mode::WrongLengthPrefix << false;
    QTest::newRow("wrong-id") << TlsFront::Mode::WrongId << false;
    QTest::newRow("wrong-question") << TlsFront::Mode::WrongQuestion << false;
}

void tst_Dot::hostileFront()
{
    QFETCH(TlsFront::Mode, mode);
    QFETCH(bool, answers);
    m_front->setMode(mode);
    AresOptions options = dotOptions();
    options.setTimeout(500ms);
    options.setTries(2);
    AresResolver resolver;
    QVERIFY(resolver.setOptions(options));
    QSignalSpy finished(&resolver, &AresResolver::queryFinished);
    resolver.submitQuery(QStringLiteral("host.test"), AresRecord::MX);
    const auto host = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(host, 8s));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 8000);
    const AresRecordSet set = finished.at(0).at(0).value<AresRecordSet>();
    if (answers) {
        QCOMPARE(hostLine(host.result()), QStringLiteral("192.0.2.1"));
        QCOMPARE(set.records().size(), 2);
    } else {
        QVERIFY(host.result().error() != AresError::NoError);
        QVERIFY(set.error() != AresError::NoError);
    }
    QTest::qWait(100);
    QCOMPARE(finished.size(), 1);
    QVERIFY(m_front->repliesForwarded() >= 1);
    verifyNothingInClear();

    m_front->setMode(TlsFront::Mode::Normal);
    const auto after = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(after, 8s));
    QCOMPARE(hostLine(after.result()), QStringLiteral("192.0.2.1"));
}

QTEST_GUILESS_MAIN(tst_Dot)
#include "tst_dot.moc"
