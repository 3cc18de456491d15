// SPDX-License-Identifier: MIT
// DNS over HTTPS (strict profile) through QAres's TLS bridge under c-ares's
// TCP path, against the fake server behind an HTTPS front of the test's own
// (tests/shared/dohfront.h: HTTP/2 and HTTP/1.1, hostile modes) with
// certificates made by openssl at test time.
#include <aresresolver.h>

#include "arestestserver.h"
#include "dohfront.h"
#include "encryptedzone.h"
#include "qarestest.h"
#include "testpki.h"

#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <memory>

using namespace std::chrono_literals;
using QAresTest::errorKey;
using QAresTest::hostLine;
using QAresTest::recordLine;

Q_DECLARE_METATYPE(DohFront::Mode)

class tst_DohLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void invalidStringKeepsTheOld();

    void lookupKinds_data();
    void lookupKinds();
    void pipelinedOnOneConnection();
    void transportOfPlainDns();
    void failoverToTheNextServer();

    void badServer_data();
    void badServer();
    void stalledHandshake();
    void hostileFront_data();
    void hostileFront();

private:
    AresOptions dohOptions(bool get = false, const QList<QByteArray> &pins = {}) const;
    void useIdentity(const QString &name);
    void verifyNothingInClear(const DohFront &front);

    TestPki m_pki;
    std::unique_ptr<AresTestServer> m_server;
    std::unique_ptr<DohFront> m_front;
};

void tst_DohLive::initTestCase()
{
    QAresTest::installGlueWarningCheck();
    QString error;
    QVERIFY2(m_pki.make(&error), qPrintable(error));
}

void tst_DohLive::init()
{
    QAresTest::glueWarnings().clear();
    m_server = std::make_unique<AresTestServer>();
    QVERIFY2(m_server->listen({ QHostAddress::LocalHost }), qPrintable(m_server->errorString()));
    QAresTest::addEncryptedTestZone(*m_server);
    m_front = std::make_unique<DohFront>();
    QVERIFY2(m_front->listen(m_server->port()), qPrintable(m_front->errorString()));
    useIdentity(QStringLiteral("good"));
}

void tst_DohLive::cleanup()
{
    m_front.reset();
    m_server.reset();
    QVERIFY2(QAresTest::glueWarnings().isEmpty(),
             qPrintable(QAresTest::glueWarnings().join(u'\n')));
}

void tst_DohLive::useIdentity(const QString &name)
{
    m_front->setIdentity(m_pki.chain(name), m_pki.key(name));
}

AresOptions tst_DohLive::dohOptions(bool get, const QList<QByteArray> &pins) const
{
    AresOptions options;
    AresServer server = AresServer::https(QHostAddress::LocalHost, TestPki::authName(),
                                          QStringLiteral("/dns-query"), m_front->port());
    server.setSpkiPins(pins);
    server.setHttpMethod(get ? AresServer::HttpMethod::Get : AresServer::HttpMethod::Post);
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

void tst_DohLive::verifyNothingInClear(const DohFront &front)
{
    QCOMPARE(front.plaintextConnections(), 0);
    QCOMPARE(front.udpDatagrams(), 0);
    // The front forwards only what came in HTTPS requests: no handshake, no question.
    if (front.handshakes() == 0)
        QVERIFY(m_server->questions().isEmpty());
    for (const AresTestServer::Question &question : m_server->questions())
        QCOMPARE(question.transport, AresTestServer::Transport::Tcp); // from the front
}

void tst_DohLive::invalidStringKeepsTheOld()
{
    AresResolver resolver;
    const AresOptions good = dohOptions();
    QVERIFY2(resolver.setOptions(good), qPrintable(resolver.errorString()));
    AresOptions bad = good;
    QString error;
    QVERIFY(!bad.setServers(QStringList{ QStringLiteral("https://dns.example/dns-query") },
                            &error));
    QVERIFY2(error.contains(u"bootstrap"), qPrintable(error));
    QCOMPARE(bad, good); // the setter keeps the servers it had
    // Mixing DoT and DoH, or DoH and plain, is refused by the resolver, which keeps its options.
    QVERIFY(bad.setServers(QStringList{ QStringLiteral("https://127.0.0.1/dns-query"),
                                        QStringLiteral("tls://127.0.0.1#dns.test") }));
    QVERIFY(!resolver.setOptions(bad));
    QVERIFY2(resolver.errorString().contains(u"cannot be mixed"),
             qPrintable(resolver.errorString()));
    QCOMPARE(resolver.options(), good);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(hostLine(future.result()), QStringLiteral("192.0.2.1"));
    QCOMPARE(m_front->handshakes(), 1);
}

void tst_DohLive::lookupKinds_data()
{
    QTest::addColumn<bool>("http1Only");
    QTest::addColumn<bool>("get");
    QTest::addColumn<QByteArray>("protocol");
#if QARES_HAVE_NGHTTP2
    QTest::newRow("h2-post") << false << false << QByteArray("h2");
    QTest::newRow("h2-get") << false << true << QByteArray("h2");
#endif
    QTest::newRow("http1-post") << true << false << QByteArray("http/1.1");
    QTest::newRow("http1-get") << true << true << QByteArray("http/1.1");
}

void tst_DohLive::lookupKinds()
{
    QFETCH(bool, http1Only);
    QFETCH(bool, get);
    QFETCH(QByteArray, protocol);
    m_front->setHttp1Only(http1Only);
    AresOptions options = dohOptions(get);
    options.setFlag(AresOptions::NoSearch, false);
    options.setSearchDomains({ QStringLiteral("other.test"), QStringLiteral("corp.test") });
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(options), qPrintable(resolver.errorString()));

    const auto host = resolver.lookupHost(QStringLiteral("host.test"));
    const auto reverse = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.1")));
    const auto nameInfo = resolver.lookupNameInfo(QHostAddress(QStringLiteral("192.0.2.1")));
    const auto mx = resolver.query(QStringLiteral("host.test"), AresRecord::MX);
    const auto missing = resolver.query(QStringLiteral("missing.test"), AresRecord::TXT);
    const auto searched = resolver.lookupHost(QStringLiteral("www"), AresResolver::IPv4Family);
    const auto search = resolver.search(QStringLiteral("www"), AresRecord::A);
    const QStringList batchNames{ QStringLiteral("n1.test"), QStringLiteral("n2.test") };
    const auto batch = resolver.lookupHosts(batchNames, AresResolver::IPv4Family);
    QSignalSpy hostSignals(&resolver, &AresResolver::hostLookupFinished);
    resolver.submitHostLookup(QStringLiteral("n3.test"), AresResolver::IPv4Family);
    for (const QFuture<AresHostInfo> &future : { host, reverse, searched })
        QVERIFY(QAresTest::waitFor(future));
    for (const QFuture<AresRecordSet> &future : { mx, missing, search })
        QVERIFY(QAresTest::waitFor(future));
    QVERIFY(QAresTest::waitFor(nameInfo));
    QVERIFY(QAresTest::waitFor(batch));
    QTRY_COMPARE(hostSignals.size(), 1);

    const AresDiagnostics hostDiagnostics = host.result().diagnostics();
    const AresDiagnostics mxDiagnostics = mx.result().diagnostics();
    const AresDiagnostics missingDiagnostics = missing.result().diagnostics();
    const QStringList lines{
        u"host " + hostLine(host.result()),
        u"reverse " + reverse.result().hostName(),
        u"nameinfo " + nameInfo.result().hostName(),
        u"mx " + recordLine(mx.result()),
        u"missing " + recordLine(missing.result()),
        u"searched " + hostLine(searched.result()),
        u"search " + recordLine(search.result()),
        u"batch " + QAresTest::describeResults(batch, 2, hostLine, QStringLiteral(",")),
        u"signal " + hostLine(hostSignals.at(0).at(0).value<AresHostInfo>()),
        u"transport "
                + QString::fromLatin1(QMetaEnum::fromType<AresServer::Transport>().valueToKey(
                        int(hostDiagnostics.transport())))
                + (hostDiagnostics.isEncrypted() ? u" encrypted" : u" clear")
                + (mxDiagnostics.transport() == AresServer::Transport::Https
                           && mxDiagnostics.isEncrypted()
                           ? u" mx-encrypted"
                           : u" mx-not")
                + (missingDiagnostics.isEncrypted() ? u" nxdomain-encrypted" : u" nxdomain-not"),
    };
    QCOMPARE(lines.join(u'\n'),
             QStringLiteral("host 192.0.2.1 2001:db8::1\n"
                            "reverse host.test\n"
                            "nameinfo host.test\n"
                            "mx host.test. 300 IN MX 10 mx1.test.;"
                            "host.test. 300 IN MX 20 mx2.test.\n"
                            "missing error NotFoundError\n"
                            "searched 192.0.2.80\n"
                            "search www.corp.test. 300 IN A 192.0.2.80\n"
                            "batch 192.0.2.1,192.0.2.2\n"
                            "signal 192.0.2.3\n"
                            "transport Https encrypted mx-encrypted nxdomain-encrypted"));
    QCOMPARE(m_front->lastNegotiatedProtocol(), protocol);
    QCOMPARE(m_front->connections(), 1); // one connection carried them all
    QVERIFY(m_front->requests() >= 12);
    for (const QByteArray &line : m_front->requestLines())
        QVERIFY2(line.startsWith(get ? "GET /dns-query?dns=" : "POST /dns-query"),
                 line.constData());
    for (int length : m_front->queryLengths())
        QCOMPARE(length % 128, 0); // padded (RFC 8467 section 4.1)
    verifyNothingInClear(*m_front);
}

void tst_DohLive::pipelinedOnOneConnection()
{
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(dohOptions()), qPrintable(resolver.errorString()));
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
    QCOMPARE(m_front->connections(), 1);
    QCOMPARE(m_front->handshakes(), 1);
    QCOMPARE(m_front->requests(), 40);
#if QARES_HAVE_NGHTTP2
    QVERIFY2(m_front->maxConcurrentStreams() > 1, // HTTP/2 streams at once
             qPrintable(QString::number(m_front->maxConcurrentStreams())));
#endif
    verifyNothingInClear(*m_front);
}

void tst_DohLive::transportOfPlainDns()
{
    AresOptions options;
    options.setServers({ AresServer(QHostAddress::LocalHost, m_server->port()) });
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    AresResolver resolver;
    QVERIFY(resolver.setOptions(options));
    const auto host = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    const auto mx = resolver.query(QStringLiteral("host.test"), AresRecord::MX);
    QVERIFY(QAresTest::waitFor(host));
    QVERIFY(QAresTest::waitFor(mx));
    QCOMPARE(host.result().diagnostics().transport(), AresServer::Transport::Plain);
    QCOMPARE(host.result().diagnostics().isEncrypted(), false);
    QCOMPARE(mx.result().diagnostics().transport(), AresServer::Transport::Plain);
    QCOMPARE(mx.result().diagnostics().isEncrypted(), false);
    QCOMPARE(AresDiagnostics().transport(), AresServer::Transport::Plain);
}

void tst_DohLive::failoverToTheNextServer()
{
    // The first server answers 503 to everything: c-ares moves on to the second.
    m_front->setMode(DohFront::Mode::HttpStatus);
    DohFront second;
    QVERIFY(second.listen(m_server->port()));
    second.setIdentity(m_pki.chain(QStringLiteral("good")), m_pki.key(QStringLiteral("good")));
    AresOptions options = dohOptions();
    options.setServers({ options.servers().constFirst(),
                         AresServer::https(QHostAddress::LocalHost, TestPki::authName(),
                                           QStringLiteral("/dns-query"), second.port()) });
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(options), qPrintable(resolver.errorString()));
    const auto host = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    const auto mx = resolver.query(QStringLiteral("host.test"), AresRecord::MX);
    QVERIFY(QAresTest::waitFor(host));
    QVERIFY(QAresTest::waitFor(mx));
    QCOMPARE(hostLine(host.result()) + u'|' + recordLine(mx.result()),
             QStringLiteral("192.0.2.1|host.test. 300 IN MX 10 mx1.test.;"
                            "host.test. 300 IN MX 20 mx2.test."));
    QVERIFY(m_front->requests() >= 1);
    QVERIFY(second.requests() >= 2);
    verifyNothingInClear(*m_front);
    verifyNothingInClear(second);
}

void tst_DohLive::badServer_data()
{
    QTest::addColumn<QString>("identity");
    QTest::addColumn<bool>("wrongPin");
    QTest::addColumn<QString>("reason"); // part of errorString()
    QTest::newRow("wrong-name") << "wrongname" << false << "host name";
    QTest::newRow("expired") << "expired" << false << "expired";
    QTest::newRow("self-signed") << "selfsigned" << false << "self-signed";
    QTest::newRow("pin-mismatch") << "good" << true << "pin mismatch";
}

void tst_DohLive::badServer()
{
    QFETCH(QString, identity);
    QFETCH(bool, wrongPin);
    QFETCH(QString, reason);
    useIdentity(identity);
    AresOptions options =
            dohOptions(false, wrongPin ? QList<QByteArray>{ QByteArray(32, 'x') }
                                       : QList<QByteArray>{});
    AresResolver resolver;
    QVERIFY2(resolver.setOptions(options), qPrintable(resolver.errorString()));
    const auto host = resolver.lookupHost(QStringLiteral("host.test"));
    const auto reverse = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.1")));
    const auto record = resolver.query(QStringLiteral("host.test"), AresRecord::MX);
    QVERIFY(QAresTest::waitFor(host));
    QVERIFY(QAresTest::waitFor(reverse));
    QVERIFY(QAresTest::waitFor(record));
    const auto line = [&reason](const char *what, AresError error, const QString &errorString) {
        QString text = QLatin1String(what) + u' ' + errorKey(error);
        if (!errorString.contains(reason, Qt::CaseInsensitive))
            text += u' ' + errorString;
        return text;
    };
    QCOMPARE(QStringList({ line("host", host.result().error(), host.result().errorString()),
                           line("reverse", reverse.result().error(),
                                reverse.result().errorString()),
                           line("record", record.result().error(), record.result().errorString()) })
                     .join(u'\n'),
             QStringLiteral("host EncryptionError\nreverse EncryptionError\n"
                            "record EncryptionError"));
    QCOMPARE(host.result().diagnostics().isEncrypted(), false);
    QCOMPARE(m_front->handshakes(), 0);
    QCOMPARE(m_front->requests(), 0);
    verifyNothingInClear(*m_front);
}

void tst_DohLive::stalledHandshake()
{
    m_front->setMode(DohFront::Mode::StallHandshake);
    AresOptions options = dohOptions();
    options.setTimeout(400ms);
    AresResolver resolver;
    QVERIFY(resolver.setOptions(options));
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(future, 5s));
    QCOMPARE(errorKey(future.result().error()), errorKey(AresError::TimeoutError));
    QCOMPARE(m_front->handshakes(), 0);
    verifyNothingInClear(*m_front);

    m_front->setMode(DohFront::Mode::Normal);
    const auto after = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(after));
    QCOMPARE(hostLine(after.result()), QStringLiteral("192.0.2.1"));
}

void tst_DohLive::hostileFront_data()
{
    QTest::addColumn<DohFront::Mode>("mode");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("http1Only");
    QTest::addColumn<QString>("reason"); // part of errorString() ('|': one of them)
    struct Row
    {
        const char *name;
        DohFront::Mode mode;
        int status;
        const char *reason;
    };
    const Row rows[] = {
        { "http-503", DohFront::Mode::HttpStatus, 503, "503" },
        { "http-404", DohFront::Mode::HttpStatus, 404, "404" },
        { "redirect", DohFront::Mode::Redirect, 0, "redirects are not followed" },
        { "content-type", DohFront::Mode::WrongContentType, 0, "text/html" },
        { "truncated-body", DohFront::Mode::TruncatedBody, 0,
          "content-length|closed in the middle|closed before" },
        { "oversized-body", DohFront::Mode::OversizedBody, 0, "65535" },
        { "wrong-question", DohFront::Mode::WrongQuestion, 0, "another question" },
        { "close-mid-reply", DohFront::Mode::CloseMidReply, 0, "connection closed" },
    };
    for (bool http1Only : { false, true }) {
#if !QARES_HAVE_NGHTTP2
        if (!http1Only)
            continue;
#endif
        for (const Row &row : rows) {
            QTest::addRow("%s-%s", http1Only ? "http1" : "h2", row.name)
                    << row.mode << row.status << http1Only << QString::fromLatin1(row.reason);
        }
    }
}

void tst_DohLive::hostileFront()
{
    QFETCH(DohFront::Mode, mode);
    QFETCH(int, status);
    QFETCH(bool, http1Only);
    QFETCH(QString, reason);
    m_front->setMode(mode);
    if (status)
        m_front->setStatus(status);
    m_front->setHttp1Only(http1Only);
    AresOptions options = dohOptions();
    options.setTimeout(500ms);
    options.setTries(2);
    AresResolver resolver;
    QVERIFY(resolver.setOptions(options));
    QSignalSpy finished(&resolver, &AresResolver::queryFinished);
    resolver.submitQuery(QStringLiteral("host.test"), AresRecord::MX);
    const auto host = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    const auto reverse = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.1")));
    QVERIFY(QAresTest::waitFor(host, 8s));
    QVERIFY(QAresTest::waitFor(reverse, 8s));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 8000);
    const AresRecordSet set = finished.at(0).at(0).value<AresRecordSet>();
    const auto line = [&reason](const char *what, AresError error,
                                const QString &errorString) -> QString {
        QString text = QLatin1String(what) + u' ' + errorKey(error);
        const QStringList parts = reason.split(u'|');
        if (std::none_of(parts.begin(), parts.end(), [&errorString](const QString &part) {
                return errorString.contains(part, Qt::CaseInsensitive);
            }))
            text += u' ' + errorString;
        return text;
    };
    const QString expected =
            QStringLiteral("host EncryptionError\nreverse EncryptionError\nrecord EncryptionError");
    QCOMPARE(QStringList({ line("host", host.result().error(), host.result().errorString()),
                           line("reverse", reverse.result().error(),
                                reverse.result().errorString()),
                           line("record", set.error(), set.errorString()) })
                     .join(u'\n'),
             expected);
    QTest::qWait(100);
    QCOMPARE(finished.size(), 1); // exactly once
    QVERIFY(m_front->requests() >= 1);
    verifyNothingInClear(*m_front);

    // The resolver keeps working once the server is right.
    m_front->setMode(DohFront::Mode::Normal);
    const auto after = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(QAresTest::waitFor(after, 8s));
    QCOMPARE(hostLine(after.result()), QStringLiteral("192.0.2.1"));
    QCOMPARE(after.result().diagnostics().isEncrypted(), true);
}

QTEST_GUILESS_MAIN(tst_DohLive)
#include "tst_dohlive.moc"
