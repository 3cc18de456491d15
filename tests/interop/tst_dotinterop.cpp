// SPDX-License-Identifier: MIT
// DNS over TLS against a real server: unbound (Debian 12: 1.17), started by
// the test on free loopback ports with a certificate made by openssl at test
// time (tests/shared/testpki.h) and local data only (it never recurses: "."
// is refused). Every answer over DoT and over DoH (unbound's https-service,
// HTTP/2 through its libnghttp2) is compared with unbound's plain answer.
#include <aresresolver.h>

#include "qarestest.h"
#include "testpki.h"

#include <QtCore/qdir.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qprocess.h>
#include <QtCore/qstandardpaths.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qudpsocket.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;

namespace {
using QAresTest::errorKey;
using QAresTest::recordLine;

const auto hostLine = QAresTest::namedHostLine;

//! A port free for both TCP and UDP on 127.0.0.1 right now.
quint16 freePort()
{
    for (int attempt = 0; attempt < 50; ++attempt) {
        QTcpServer tcp;
        if (!tcp.listen(QHostAddress::LocalHost, 0))
            continue;
        QUdpSocket udp;
        if (udp.bind(QHostAddress::LocalHost, tcp.serverPort()))
            return tcp.serverPort();
    }
    return 0;
}
} // namespace

class tst_DotInterop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void records_data();
    void records();
    void hostAndReverse_data();
    void hostAndReverse();
    void wrongNameFails_data();
    void wrongNameFails();

private:
    AresOptions plainOptions() const;
    AresOptions dotOptions(const QString &name = TestPki::authName()) const;
    AresOptions dohOptions(const QString &name = TestPki::authName()) const;

    TestPki m_pki;
    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_unbound;
    quint16 m_plainPort = 0;
    quint16 m_tlsPort = 0;
    quint16 m_httpsPort = 0;
};

void tst_DotInterop::initTestCase()
{
    QString error;
    QVERIFY2(m_pki.make(&error), qPrintable(error));
    const QString unbound = QStandardPaths::findExecutable(
            QStringLiteral("unbound"), { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin") });
    QVERIFY2(!unbound.isEmpty(), "unbound not found (scripts/setup.sh installs it)");
    m_plainPort = freePort();
    m_tlsPort = freePort();
    m_httpsPort = freePort();
    QVERIFY(m_plainPort && m_tlsPort && m_httpsPort && m_plainPort != m_tlsPort
            && m_httpsPort != m_tlsPort && m_httpsPort != m_plainPort);

    const QString config = m_dir.filePath(QStringLiteral("unbound.conf"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray plain = QByteArray::number(m_plainPort);
    const QByteArray tls = QByteArray::number(m_tlsPort);
    const QByteArray https = QByteArray::number(m_httpsPort);
    file.write("server:\n"
               "  interface: 127.0.0.1@"
               + plain
               + "\n"
                 "  interface: 127.0.0.1@"
               + tls
               + "\n"
                 "  interface: 127.0.0.1@"
               + https
               + "\n"
                 "  https-port: "
               + https
               + "\n"
                 "  http-endpoint: \"/dns-query\"\n"
                 "  port: "
               + plain
               + "\n"
                 "  tls-port: "
               + tls
               + "\n"
                 "  tls-service-key: \""
               + m_pki.path(QStringLiteral("good.key")).toUtf8()
               + "\"\n"
                 "  tls-service-pem: \""
               + m_pki.path(QStringLiteral("good.pem")).toUtf8()
               + "\"\n"
                 "  do-daemonize: no\n  username: \"\"\n  chroot: \"\"\n"
                 "  directory: \""
               + m_dir.path().toUtf8()
               + "\"\n"
                 "  pidfile: \"\"\n  use-syslog: no\n  logfile: \"\"\n  verbosity: 1\n"
                 "  do-ip6: no\n  access-control: 127.0.0.0/8 allow\n"
                 "  module-config: \"iterator\"\n"
                 "  do-not-query-address: 0.0.0.0/0\n"
                 "  local-zone: \".\" refuse\n"
                 "  local-zone: \"dot.test.\" static\n"
                 "  local-data: \"dot.test. 300 IN SOA ns.dot.test. admin.dot.test. 1 3600 600 "
                 "86400 60\"\n"
                 "  local-data: \"host.dot.test. 300 IN A 192.0.2.1\"\n"
                 "  local-data: \"host.dot.test. 600 IN AAAA 2001:db8::1\"\n"
                 "  local-data: \"dot.test. 300 IN MX 10 mx1.dot.test.\"\n"
                 "  local-data: \"dot.test. 300 IN MX 20 mx2.dot.test.\"\n"
                 "  local-data: 'txt.dot.test. 300 IN TXT \"hello world\" \"second string\"'\n"
                 "  local-data: \"_dns._tcp.dot.test. 300 IN SRV 1 2 853 host.dot.test.\"\n"
                 "  local-data: \"alias.dot.test. 300 IN CNAME host.dot.test.\"\n"
                 "  local-data-ptr: \"192.0.2.1 host.dot.test.\"\n"
                 "remote-control:\n  control-enable: no\n");
    file.close();
    m_unbound = std::make_unique<QProcess>();
    m_unbound->setProcessChannelMode(QProcess::MergedChannels);
    m_unbound->start(unbound, { QStringLiteral("-d"), QStringLiteral("-c"), config });
    QVERIFY2(m_unbound->waitForStarted(10000), qPrintable(m_unbound->errorString()));

    // Ready when it answers over plain DNS (bounded: 10 s).
    AresResolver resolver;
    QVERIFY(resolver.setOptions(plainOptions()));
    QElapsedTimer clock;
    clock.start();
    AresError last = AresError::TimeoutError;
    while (clock.elapsed() < 10000 && m_unbound->state() == QProcess::Running) {
        const auto future = resolver.query(QStringLiteral("host.dot.test"), AresRecord::A);
        QVERIFY(QAresTest::waitFor(future));
        last = future.result().error();
        if (last == AresError::NoError)
            break;
        QTest::qWait(100);
    }
    QVERIFY2(last == AresError::NoError,
             qPrintable(u"unbound did not come up: " + QString::fromLocal8Bit(m_unbound->readAll())));
}

void tst_DotInterop::cleanupTestCase()
{
    if (m_unbound && m_unbound->state() != QProcess::NotRunning) {
        m_unbound->terminate();
        if (!m_unbound->waitForFinished(5000))
            m_unbound->kill();
        m_unbound->waitForFinished(5000);
    }
}

AresOptions tst_DotInterop::plainOptions() const
{
    AresOptions options;
    options.setServers({ AresServer(QHostAddress::LocalHost, m_plainPort) });
    options.setTries(2);
    options.setTimeout(1000ms);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    return options;
}

AresOptions tst_DotInterop::dohOptions(const QString &name) const
{
    AresOptions options = dotOptions(name);
    options.setServers({ AresServer::https(QHostAddress::LocalHost, name,
                                           QStringLiteral("/dns-query"), m_httpsPort) });
    return options;
}

AresOptions tst_DotInterop::dotOptions(const QString &name) const
{
    AresOptions options = plainOptions();
    options.setServers({ AresServer::tls(QHostAddress::LocalHost, name, m_tlsPort) });
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates({ m_pki.ca() });
    options.setSslConfiguration(ssl);
    return options;
}

void tst_DotInterop::records_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<AresRecord::Type>("type");
    QTest::addColumn<QString>("expected");
    QTest::newRow("a") << "host.dot.test" << AresRecord::A << "";
    QTest::newRow("aaaa") << "host.dot.test" << AresRecord::AAAA << "";
    QTest::newRow("mx") << "dot.test" << AresRecord::MX << "";
    QTest::newRow("txt") << "txt.dot.test" << AresRecord::TXT << "";
    QTest::newRow("srv") << "_dns._tcp.dot.test" << AresRecord::SRV << "";
    QTest::newRow("cname") << "alias.dot.test" << AresRecord::CNAME << "";
    QTest::newRow("soa") << "dot.test" << AresRecord::SOA << "";
    QTest::newRow("ptr") << "1.2.0.192.in-addr.arpa" << AresRecord::PTR << "";
    QTest::newRow("nodata") << "host.dot.test" << AresRecord::TXT << "error NoDataError";
    QTest::newRow("nxdomain") << "missing.dot.test" << AresRecord::A << "error NotFoundError";
    QTest::newRow("refused") << "elsewhere.example" << AresRecord::A << "error ServerRefusedError";
}

void tst_DotInterop::records()
{
    QFETCH(QString, name);
    QFETCH(AresRecord::Type, type);
    QFETCH(QString, expected);
    AresResolver plain;
    QVERIFY(plain.setOptions(plainOptions()));
    AresResolver dot;
    QVERIFY2(dot.setOptions(dotOptions()), qPrintable(dot.errorString()));
    AresResolver doh;
    QVERIFY2(doh.setOptions(dohOptions()), qPrintable(doh.errorString()));
    const auto plainFuture = plain.query(name, type);
    const auto dotFuture = dot.query(name, type);
    const auto dohFuture = doh.query(name, type);
    QVERIFY(QAresTest::waitFor(plainFuture));
    QVERIFY(QAresTest::waitFor(dotFuture));
    QVERIFY(QAresTest::waitFor(dohFuture));
    const QString plainLine = recordLine(plainFuture.result());
    QCOMPARE(recordLine(dotFuture.result()), plainLine);
    QCOMPARE(recordLine(dohFuture.result()), plainLine);
    QCOMPARE(dohFuture.result().diagnostics().transport(), AresServer::Transport::Https);
    QCOMPARE(dohFuture.result().diagnostics().isEncrypted(),
             plainFuture.result().error() != AresError::ServerRefusedError);
    if (expected.startsWith(u"error "))
        QCOMPARE(plainLine, expected);
    else
        QVERIFY2(plainFuture.result().error() == AresError::NoError, qPrintable(plainLine));
}

void tst_DotInterop::hostAndReverse_data()
{
    QTest::addColumn<bool>("https");
    QTest::newRow("dot") << false;
    QTest::newRow("doh") << true;
}

void tst_DotInterop::hostAndReverse()
{
    QFETCH(bool, https);
    AresResolver plain;
    QVERIFY(plain.setOptions(plainOptions()));
    AresResolver dot; // or DoH
    QVERIFY2(dot.setOptions(https ? dohOptions() : dotOptions()), qPrintable(dot.errorString()));
    const QStringList names{ QStringLiteral("host.dot.test"), QStringLiteral("alias.dot.test"),
                             QStringLiteral("txt.dot.test"), QStringLiteral("missing.dot.test") };
    const auto plainHosts = plain.lookupHosts(names);
    const auto dotHosts = dot.lookupHosts(names);
    const auto host = dot.lookupHost(QStringLiteral("host.dot.test"));
    const auto reverse = dot.lookupAddress(QHostAddress(QStringLiteral("192.0.2.1")));
    QVERIFY(QAresTest::waitFor(plainHosts));
    QVERIFY(QAresTest::waitFor(dotHosts));
    QVERIFY(QAresTest::waitFor(host));
    QVERIFY(QAresTest::waitFor(reverse));
    QCOMPARE(QAresTest::describeResults(dotHosts, names.size(), hostLine, QStringLiteral("\n")),
             QAresTest::describeResults(plainHosts, names.size(), hostLine, QStringLiteral("\n")));
    QCOMPARE(hostLine(host.result()), QStringLiteral("host.dot.test 192.0.2.1 2001:db8::1"));
    QCOMPARE(reverse.result().error(), AresError::NoError);
    QCOMPARE(reverse.result().hostName(), QStringLiteral("host.dot.test"));
}

void tst_DotInterop::wrongNameFails_data()
{
    QTest::addColumn<bool>("https");
    QTest::newRow("dot") << false;
    QTest::newRow("doh") << true;
}

void tst_DotInterop::wrongNameFails()
{
    QFETCH(bool, https);
    AresResolver dot;
    QVERIFY(dot.setOptions(https ? dohOptions(QStringLiteral("other.test"))
                                 : dotOptions(QStringLiteral("other.test"))));
    const auto future = dot.query(QStringLiteral("host.dot.test"), AresRecord::A);
    QVERIFY(QAresTest::waitFor(future));
    QCOMPARE(errorKey(future.result().error()), errorKey(AresError::EncryptionError));
    QVERIFY2(future.result().errorString().contains(u"host name", Qt::CaseInsensitive),
             qPrintable(future.result().errorString()));
}

QTEST_GUILESS_MAIN(tst_DotInterop)
#include "tst_dotinterop.moc"
