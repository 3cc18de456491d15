// SPDX-License-Identifier: MIT
// An application's DNS under test: its resolver asks an AresTestServer on
// loopback (QAres::Test), which answers from the records the test gives it
// and injects the faults the test asks for.
#include <QAres/AresResolver>
#include <QAres/AresTestServer>

#include <QtTest/QTest>

#include <chrono>

using namespace std::chrono_literals;

class tst_ConsumerDns : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void hostAddress();
    void mailExchanger();
    void serverFailure();
    void timeout();

private:
    AresTestServer m_server;
    std::unique_ptr<AresResolver> m_resolver;
};

void tst_ConsumerDns::initTestCase()
{
    QVERIFY2(m_server.listen(), qPrintable(m_server.errorString()));
    m_server.addAddress(QStringLiteral("www.example.test"),
                        QHostAddress(QStringLiteral("192.0.2.10")));
    m_server.addRecord(QStringLiteral("example.test"),
                       AresTestRecord::mx(10, QStringLiteral("mail.example.test")), 3600);
    m_server.setSoa(QStringLiteral("example.test")); // negative answers carry the zone's SOA
}

void tst_ConsumerDns::init()
{
    m_server.clearFaults();
    m_server.clearQuestions();
    // Only the test server, one try, a short timeout, no hosts file, no search list.
    AresOptions options;
    options.setServers(QStringList{ m_server.serverString() });
    options.setTries(1);
    options.setTimeout(300ms);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    m_resolver = std::make_unique<AresResolver>(options);
}

void tst_ConsumerDns::hostAddress()
{
    QFuture<AresHostInfo> future =
            m_resolver->lookupHost(QStringLiteral("www.example.test"), AresResolver::IPv4Family);
    QTRY_VERIFY(future.isFinished());
    const AresHostInfo info = future.result();
    QCOMPARE(info.error(), AresError::NoError);
    QCOMPARE(info.addresses(), QList<QHostAddress>{ QHostAddress(QStringLiteral("192.0.2.10")) });
    QCOMPARE(m_server.questionCount(QStringLiteral("www.example.test")), 1);
}

void tst_ConsumerDns::mailExchanger()
{
    QFuture<AresRecordSet> future =
            m_resolver->query(QStringLiteral("example.test"), AresRecord::MX);
    QTRY_VERIFY(future.isFinished());
    const AresRecordSet set = future.result();
    QCOMPARE(set.error(), AresError::NoError);
    QCOMPARE(set.records().size(), 1);
    QCOMPARE(set.records().first().preference(), 10);
    QCOMPARE(set.records().first().exchange(), QStringLiteral("mail.example.test"));
}

void tst_ConsumerDns::serverFailure()
{
    m_server.setFault(QStringLiteral("www.example.test"),
                      { AresTestServer::FaultKind::ServFail, 0ms, -1 });
    QFuture<AresHostInfo> future =
            m_resolver->lookupHost(QStringLiteral("www.example.test"), AresResolver::IPv4Family);
    QTRY_VERIFY(future.isFinished());
    QCOMPARE(future.result().error(), AresError::ServerFailureError);
}

void tst_ConsumerDns::timeout()
{
    // The first query is dropped: with one try, the lookup times out.
    m_server.setFault(QStringLiteral("www.example.test"),
                      { AresTestServer::FaultKind::Drop, 0ms, 1 });
    QFuture<AresHostInfo> future =
            m_resolver->lookupHost(QStringLiteral("www.example.test"), AresResolver::IPv4Family);
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), 5000);
    QCOMPARE(future.result().error(), AresError::TimeoutError);
    QCOMPARE(m_server.questionCount(QStringLiteral("www.example.test")), 1);
}

QTEST_MAIN(tst_ConsumerDns)
#include "tst_consumerdns.moc"
