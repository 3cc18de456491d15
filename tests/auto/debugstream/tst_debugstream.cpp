// SPDX-License-Identifier: MIT
// qDebug() of the value types: one line each, as QHostAddress's.
#include <QAres/AresOptions>
#include <QAres/AresRecord>
#include <QAres/AresResolver>

#include "arestestserver.h"
#include "qarestest.h"

#include <QtCore/qdebug.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;
using QAresTest::waitFor;

namespace {

template <typename T>
QString debugText(const T &value)
{
    QString text;
    QDebug(&text) << value;
    return text.trimmed();
}

} // namespace

class tst_DebugStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void server();
    void options();
    void record();
    void hostInfo();
    void recordSet();
    void error();

private:
    AresOptions testOptions() const;
    std::unique_ptr<AresTestServer> m_server;
};

void tst_DebugStream::init()
{
    m_server = std::make_unique<AresTestServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_server->setSoa(QStringLiteral("test"), 30);
    m_server->addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("192.0.2.1")),
                         300);
    m_server->addCname(QStringLiteral("www.test"), QStringLiteral("host.test"), 60);
    m_server->addRecord(QStringLiteral("mail.test"),
                        AresTestRecord::mx(10, QStringLiteral("mx.test")), 120);
}

void tst_DebugStream::cleanup()
{
    m_server.reset();
}

AresOptions tst_DebugStream::testOptions() const
{
    AresOptions options;
    options.setServers(QList<AresServer>{ AresServer(QHostAddress::LocalHost, m_server->port()) });
    options.setTimeout(500ms);
    options.setTries(1);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    return options;
}

void tst_DebugStream::server()
{
    QCOMPARE(debugText(AresServer(QHostAddress(QStringLiteral("127.0.0.1")), 5353)),
             QStringLiteral("AresServer(127.0.0.1:5353)"));
    QCOMPARE(debugText(AresServer(QHostAddress(QStringLiteral("::1")), 53)),
             QStringLiteral("AresServer([::1]:53)"));
    QCOMPARE(debugText(AresServer()), QStringLiteral("AresServer(invalid)"));
}

void tst_DebugStream::options()
{
    QCOMPARE(debugText(AresOptions()),
             QStringLiteral("AresOptions(servers from resolv.conf, timeout 2000 ms, tries 2, "
                            "deadline 10000 ms)"));
    AresOptions options;
    QVERIFY(options.setServers(
            QStringList{ QStringLiteral("127.0.0.1:5353"), QStringLiteral("[::1]:53") }));
    options.setTries(1);
    options.setRotate(true);
    options.setMaxQueriesInFlight(100);
    options.setSearchDomains({ QStringLiteral("example.org") });
    QCOMPARE(debugText(options),
             QStringLiteral(
                     "AresOptions(servers [127.0.0.1:5353, [::1]:53], timeout 2000 ms, tries 1, "
                     "deadline 10000 ms, rotate true, search [example.org], maxQueriesInFlight "
                     "100)"));
}

void tst_DebugStream::record()
{
    const AresRecord mx = AresRecord::fromRdata(
            QStringLiteral("example.org"), AresRecord::MX,
            AresTestRecord::mx(10, QStringLiteral("mx1.example.org")).rdata(), 300);
    QCOMPARE(debugText(mx),
             QStringLiteral("AresRecord(example.org. 300 IN MX 10 mx1.example.org.)"));
}

void tst_DebugStream::hostInfo()
{
    AresResolver resolver(testOptions());
    const auto found = resolver.lookupHost(QStringLiteral("www.test"), AresResolver::IPv4Family);
    const auto missing =
            resolver.lookupHost(QStringLiteral("missing.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(found));
    QVERIFY(waitFor(missing));
    QCOMPARE(debugText(found.result()),
             QStringLiteral(
                     "AresHostInfo(\"www.test\", 192.0.2.1 ttl 300, canonical \"host.test\")"));
    QCOMPARE(debugText(missing.result()),
             QStringLiteral("AresHostInfo(\"missing.test\", QAres::Error::NotFoundError, "
                            "\"Host not found (ARES_ENOTFOUND: Domain name not found)\")"));
}

void tst_DebugStream::recordSet()
{
    AresResolver resolver(testOptions());
    const auto mx = resolver.query(QStringLiteral("mail.test"), AresRecord::MX);
    const auto none = resolver.query(QStringLiteral("host.test"), AresRecord::MX);
    QVERIFY(waitFor(mx));
    QVERIFY(waitFor(none));
    QCOMPARE(debugText(mx.result()),
             QStringLiteral("AresRecordSet(\"mail.test\" MX, 10 mx.test., rcode 0)"));
    QCOMPARE(debugText(none.result()),
             QStringLiteral("AresRecordSet(\"host.test\" MX, QAres::Error::NoDataError, "
                            "\"No MX records for \\\"host.test\\\"\", rcode 0)"));
}

void tst_DebugStream::error()
{
    // AresError is a Q_ENUM_NS: qDebug() names it.
    QCOMPARE(debugText(AresError::TimeoutError), QStringLiteral("QAres::Error::TimeoutError"));
}

QTEST_GUILESS_MAIN(tst_DebugStream)
#include "tst_debugstream.moc"
