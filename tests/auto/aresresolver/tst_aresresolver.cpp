// SPDX-License-Identifier: MIT
#include <aresresolver.h>

#include "fakednsserver.h"
#include "qarestest.h"

#include <QtCore/qdir.h>
#include <QtCore/qfile.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qpointer.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qsocketnotifier.h>
#include <QtCore/qtemporaryfile.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using Fault = FakeDnsServer::Fault;
using FaultKind = FakeDnsServer::FaultKind;

using QAresTest::waitFor;

namespace {

constexpr quint16 TypeA = 1;
constexpr quint16 TypePTR = 12;



int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
}

// One line per result so that failures diff readably.
QString describe(const AresHostInfo &info)
{
    if (info.error() != AresError::NoError)
        return QStringLiteral("error %1").arg(QString::fromLatin1(QMetaEnum::fromType<AresError>().valueToKey(int(info.error()))));
    QStringList parts;
    const QList<QHostAddress> addresses = info.addresses();
    for (qsizetype i = 0; i < addresses.size(); ++i)
        parts.append(addresses.at(i).toString() + u'/' + QString::number(info.ttls().value(i)));
    parts.sort();
    return parts.join(u' ');
}

} // namespace

class tst_AresResolver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void lookupFamilies_data();
    void lookupFamilies();
    void cnameChain();
    void addressOrder_data();
    void addressOrder();
    void ipLiteralWithoutNetwork();
    void errorMapping_data();
    void errorMapping();
    void connectionRefused();
    void invalidNames_data();
    void invalidNames();
    void idnaName();
    void reverseLookup();
    void reverseLookupAliases();
    void reverseLookupErrors_data();
    void reverseLookupErrors();

    void triesOnTheWire();
    void tcpOnly();
    void edns();
    void noRecursion();
    void searchDomainsAndNdots();
    void rotate();
    void primaryOnly();
    void truncationRetriesOverTcp();
    void ignoreTruncation();
    void descriptorReuseTruncatedThenRefused();
    void ipv6Server();
    void hostsFile();
    void resolvConfPath();
    void optionsValidation_data();
    void optionsValidation();
    void serverStrings_data();
    void serverStrings();
    void reconfigureWhileRunning();

    void cancelOneAmongMany();
    void cancelQueuedAndInFlight();
    void abortAll();
    void deadline();
    void deadlineShortenedWhilePending();
    void inFlightCap();
    void canceledWhileQueued_data();
    void canceledWhileQueued();
    void replyObject();
    void replyDeletedBeforeFinish();
    void repliesDeletedWithResolver();
    void hostInfoStyleApi();
    void hostInfoStyleAbort();
    void signalConnectedAfterStart();
    void deleteResolverInSlot();
    void cancelAndStartInSlot();
    void reconfigureInSlot();
    void continuationDeletesResolver();
    void destroyWithPending_data();
    void destroyWithPending();
    void lookupFromAnotherThread();
    void manyLookupsInFlight();
    void descriptorsBackToBaseline();
    void idleMeansNoTimersAndNoNotifiers();
    void burstDefaults();
    void localBindAddress();
    void localDevice();
    void portsForResolvConfServers();

private:
    AresOptions testOptions(const QList<FakeDnsServer *> &servers = {}) const;

    std::unique_ptr<FakeDnsServer> m_server;
};

void tst_AresResolver::initTestCase()
{
    QAresTest::installGlueWarningCheck();
}

void tst_AresResolver::init()
{
    QAresTest::glueWarnings().clear();
    m_server = std::make_unique<FakeDnsServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_server->addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("192.0.2.1")), 300);
    m_server->addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("2001:db8::1")), 600);
    m_server->addAddress(QStringLiteral("two.test"), QHostAddress(QStringLiteral("192.0.2.21")), 100);
    m_server->addAddress(QStringLiteral("two.test"), QHostAddress(QStringLiteral("192.0.2.22")), 100);
    m_server->addAddress(QStringLiteral("v4only.test"), QHostAddress(QStringLiteral("192.0.2.4")), 42);
}

void tst_AresResolver::cleanup()
{
    m_server.reset();
    QVERIFY2(QAresTest::glueWarnings().isEmpty(), qPrintable(QAresTest::glueWarnings().join(u'\n')));
}

// A hermetic resolver: explicit loopback servers, 1 try, a short timeout,
// DNS only, no search.
AresOptions tst_AresResolver::testOptions(const QList<FakeDnsServer *> &servers) const
{
    AresOptions options;
    QStringList strings;
    for (FakeDnsServer *server : servers.isEmpty() ? QList<FakeDnsServer *>{ m_server.get() } : servers)
        strings.append(server->serverString());
    options.setServers(strings);
    options.setTries(1);
    options.setTimeout(300ms);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    options.setNdots(1);
    return options;
}

void tst_AresResolver::lookupFamilies_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<QString>("expected");

    QTest::newRow("a") << "host.test" << AresResolver::IPv4Family << "192.0.2.1/300";
    QTest::newRow("aaaa") << "host.test" << AresResolver::IPv6Family << "2001:db8::1/600";
    QTest::newRow("any") << "host.test" << AresResolver::AnyFamily << "192.0.2.1/300 2001:db8::1/600";
    QTest::newRow("a-multi") << "two.test" << AresResolver::IPv4Family << "192.0.2.21/100 192.0.2.22/100";
    QTest::newRow("any-v4only") << "v4only.test" << AresResolver::AnyFamily << "192.0.2.4/42";
    QTest::newRow("case-insensitive") << "HoSt.TeSt" << AresResolver::IPv4Family << "192.0.2.1/300";
    QTest::newRow("absolute") << "host.test." << AresResolver::IPv4Family << "192.0.2.1/300";
    QTest::newRow("aaaa-nodata") << "v4only.test" << AresResolver::IPv6Family << "error NoDataError";
    QTest::newRow("nxdomain") << "missing.test" << AresResolver::AnyFamily << "error NotFoundError";
    QTest::newRow("literal-v4") << "198.51.100.7" << AresResolver::AnyFamily << "198.51.100.7/-1";
    QTest::newRow("literal-v6") << "2001:db8::7" << AresResolver::IPv6Family << "2001:db8::7/-1";
    QTest::newRow("literal-v4-as-v6") << "198.51.100.7" << AresResolver::IPv6Family << "error NoDataError";
}

void tst_AresResolver::lookupFamilies()
{
    QFETCH(QString, name);
    QFETCH(AresResolver::Family, family);
    QFETCH(QString, expected);

    AresResolver resolver(testOptions());
    QVERIFY2(resolver.errorString().isEmpty(), qPrintable(resolver.errorString()));
    const QFuture<AresHostInfo> future = resolver.lookupHost(name, family);
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(describe(info), expected);
    QCOMPARE(info.hostName(), name.endsWith(u'.') ? name.chopped(1) : name);
    QCOMPARE(resolver.pendingLookups(), 0);
    if (info.error() == AresError::NoError)
        QCOMPARE(info.canonicalName().toLower(), name.toLower().chopped(name.endsWith(u'.') ? 1 : 0));
    QVERIFY(info.lookupId() > 0);
}

void tst_AresResolver::cnameChain()
{
    m_server->addCname(QStringLiteral("www.test"), QStringLiteral("edge.test"), 60);
    m_server->addCname(QStringLiteral("edge.test"), QStringLiteral("origin.test"), 30);
    m_server->addAddress(QStringLiteral("origin.test"), QHostAddress(QStringLiteral("192.0.2.80")), 20);

    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QStringLiteral("www.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(describe(info), QStringLiteral("192.0.2.80/20"));
    QCOMPARE(info.canonicalName(), QStringLiteral("origin.test"));
    QCOMPARE(info.aliases(), QStringList({ QStringLiteral("www.test"), QStringLiteral("edge.test") }));
    QCOMPARE(info.hostName(), QStringLiteral("www.test"));
}

// ares_getaddrinfo runs with ARES_AI_NOSORT; QAres sorts answers of two or
// more addresses itself, with the RFC 6724 rules c-ares 1.18 applies.
void tst_AresResolver::addressOrder_data()
{
    QTest::addColumn<QString>("a"); // space-separated
    QTest::addColumn<QString>("aaaa");
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("needsIPv6");

    // Rule 6: ::1 (precedence 50) before IPv4 (35), whatever the answer order.
    QTest::newRow("v6-loopback-first") << "127.0.0.1" << "::1"
                                       << AresResolver::AnyFamily << "::1 127.0.0.1" << true;
    // Rule 1: fe80::1 without a scope id cannot be connected to: last.
    QTest::newRow("unusable-last") << "127.0.0.1" << "fe80::1"
                                   << AresResolver::AnyFamily << "127.0.0.1 fe80::1" << false;
    // Rule 10: otherwise the server's order stays.
    QTest::newRow("v4-server-order") << "127.0.0.2 127.0.0.1 127.0.0.3" << ""
                                     << AresResolver::IPv4Family << "127.0.0.2 127.0.0.1 127.0.0.3" << false;
    QTest::newRow("v4-one") << "127.0.0.9" << "::1"
                            << AresResolver::IPv4Family << "127.0.0.9" << false;
}

void tst_AresResolver::addressOrder()
{
    QFETCH(QString, a);
    QFETCH(QString, aaaa);
    QFETCH(AresResolver::Family, family);
    QFETCH(QString, expected);
    QFETCH(bool, needsIPv6);
    if (needsIPv6) {
        const int fd = ::socket(AF_INET6, SOCK_DGRAM, 0);
        sockaddr_in6 loopback = {};
        loopback.sin6_family = AF_INET6;
        loopback.sin6_addr = in6addr_loopback;
        loopback.sin6_port = htons(9);
        const bool usable = fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr *>(&loopback), sizeof loopback) == 0;
        if (fd >= 0)
            ::close(fd);
        if (!usable)
            QSKIP("no usable ::1 here");
    }
    const QString name = QStringLiteral("order.test");
    for (const QString &address : a.split(u' ', Qt::SkipEmptyParts))
        m_server->addAddress(name, QHostAddress(address), 60);
    for (const QString &address : aaaa.split(u' ', Qt::SkipEmptyParts))
        m_server->addAddress(name, QHostAddress(address), 60);
    AresResolver resolver(testOptions());
    for (int round = 0; round < 3; ++round) {
        const auto future = resolver.lookupHost(name, family);
        QVERIFY(waitFor(future));
        QCOMPARE(future.result().error(), AresError::NoError);
        QStringList got;
        for (const QHostAddress &address : future.result().addresses())
            got.append(address.toString());
        QCOMPARE(got.join(u' '), expected);
    }
}

void tst_AresResolver::ipLiteralWithoutNetwork()
{
    AresResolver resolver(testOptions());
    auto v4 = resolver.lookupHost(QStringLiteral("198.51.100.7"));
    auto v6 = resolver.lookupHost(QStringLiteral("2001:db8::42"));
    QVERIFY(!v4.isFinished()); // delivered from the event loop, never inside the call
    QVERIFY(waitFor(v4));
    QVERIFY(waitFor(v6));
    QCOMPARE(v4.result().addresses(), QList<QHostAddress>{ QHostAddress(QStringLiteral("198.51.100.7")) });
    QCOMPARE(v6.result().addresses(), QList<QHostAddress>{ QHostAddress(QStringLiteral("2001:db8::42")) });
    QCOMPARE(m_server->questionCount(), 0);
}

void tst_AresResolver::errorMapping_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<AresError>("error");
    QTest::addColumn<QString>("detail");

    QTest::newRow("nxdomain") << int(FaultKind::NxDomain) << AresError::NotFoundError << "ARES_ENOTFOUND";
    QTest::newRow("nodata") << int(FaultKind::NoData) << AresError::NoDataError << "";
    QTest::newRow("servfail") << int(FaultKind::ServFail) << AresError::ServerFailureError << "SERVFAIL";
    QTest::newRow("refused") << int(FaultKind::Refused) << AresError::ServerRefusedError << "REFUSED";
    QTest::newRow("notimp") << int(FaultKind::NotImp) << AresError::ServerFailureError << "NOTIMP";
    QTest::newRow("formerr") << int(FaultKind::FormErr) << AresError::InvalidRequestError << "ARES_EFORMERR";
    QTest::newRow("drop") << int(FaultKind::Drop) << AresError::TimeoutError << "ARES_ETIMEOUT";
    QTest::newRow("wrong-id") << int(FaultKind::WrongId) << AresError::TimeoutError << "ARES_ETIMEOUT";
    QTest::newRow("wrong-question") << int(FaultKind::WrongQuestion) << AresError::TimeoutError << "ARES_ETIMEOUT";
    QTest::newRow("garbage") << int(FaultKind::Garbage) << AresError::TimeoutError << "ARES_ETIMEOUT";
    QTest::newRow("short-reply") << int(FaultKind::ShortReply) << AresError::TimeoutError << "ARES_ETIMEOUT";
}

void tst_AresResolver::errorMapping()
{
    QFETCH(int, fault);
    QFETCH(AresError, error);
    QFETCH(QString, detail);

    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind(fault), 0ms, -1 });
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(info.error(), error);
    QVERIFY2(info.errorString().contains(detail), qPrintable(info.errorString()));
    QVERIFY(info.addresses().isEmpty());
    // The resolver keeps working.
    m_server->clearFaults();
    const auto again = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(again));
    QCOMPARE(describe(again.result()), QStringLiteral("192.0.2.1/300"));
}

void tst_AresResolver::connectionRefused()
{
    // A port nobody listens on: ICMP port unreachable.
    const quint16 port = m_server->port();
    AresOptions options = testOptions();
    m_server.reset();
    options.setServers(QList<AresServer>{ AresServer(QHostAddress::LocalHost, port) });
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::ConnectionRefusedError);
    QCOMPARE(future.result().aresStatus(), 11); // ARES_ECONNREFUSED
    QVERIFY2(!future.result().errorString().contains(u"every server answered"),
             qPrintable(future.result().errorString()));

    // The same for a record query, over TCP (connect() refused).
    options.setFlag(AresOptions::TcpOnly);
    QVERIFY(resolver.setOptions(options));
    const auto query = resolver.query(QStringLiteral("host.test"), AresRecord::TXT);
    QVERIFY(waitFor(query));
    QCOMPARE(query.result().error(), AresError::ConnectionRefusedError);
    QVERIFY2(!query.result().errorString().contains(u"every server answered"),
             qPrintable(query.result().errorString()));
    m_server = std::make_unique<FakeDnsServer>(); // for cleanup()
}

void tst_AresResolver::invalidNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QString() << "empty";
    QTest::newRow("root") << "." << "empty label";
    QTest::newRow("too-long") << (QString(QString(63, u'a') + u'.').repeated(4) + u"com") << "253";
    QTest::newRow("label-too-long") << (QString(64, u'a') + u".test") << "63";
    QTest::newRow("empty-label") << "a..test" << "empty label";
    QTest::newRow("leading-dot") << ".test" << "empty label";
    QTest::newRow("nul") << QStringView(u"host\0.test", 10).toString() << "NUL";
    QTest::newRow("control") << "host\t.test" << "control";
    QTest::newRow("space") << "exam ple.test" << "' '";
    QTest::newRow("bad-ipv4") << "256.1.1.1" << "IPv4";
    QTest::newRow("short-ipv4") << "10.1.1" << "IPv4";
    QTest::newRow("bad-ipv6") << "2001:db8::1::2" << "IPv6";
    QTest::newRow("scoped-ipv6") << "fe80::1%eth0" << "IPv6";
    QTest::newRow("bad-idna") << QStringLiteral("xn--a.test") << "";
}

void tst_AresResolver::invalidNames()
{
    QFETCH(QString, name);
    QFETCH(QString, reason);

    if (QTest::currentDataTag() == QByteArrayView("bad-idna")) {
        // An ACE label that does not decode is still a syntactically valid
        // host name: it goes to the server, which says NXDOMAIN.
        AresResolver resolver(testOptions());
        const auto future = resolver.lookupHost(name);
        QVERIFY(waitFor(future));
        QCOMPARE(future.result().error(), AresError::NotFoundError);
        return;
    }
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(name);
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(info.error(), AresError::InvalidRequestError);
    QVERIFY2(info.errorString().contains(reason), qPrintable(info.errorString()));
    QCOMPARE(m_server->questionCount(), 0);
    // Still usable.
    const auto ok = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(ok));
    QCOMPARE(ok.result().error(), AresError::NoError);
}

void tst_AresResolver::idnaName()
{
    m_server->addAddress(QStringLiteral("xn--bcher-kva.test"), QHostAddress(QStringLiteral("192.0.2.55")), 77);
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QStringLiteral("Bücher.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(describe(info), QStringLiteral("192.0.2.55/77"));
    QCOMPARE(info.aceHostName(), QStringLiteral("xn--bcher-kva.test"));
    QCOMPARE(info.hostName(), QStringLiteral("bücher.test"));
    QCOMPARE(info.canonicalName(), QStringLiteral("bücher.test"));
    const auto questions = m_server->questions();
    QVERIFY(!questions.isEmpty());
    QCOMPARE(questions.first().name.toLower(), QByteArray("xn--bcher-kva.test"));
}

void tst_AresResolver::reverseLookup()
{
    m_server->addPtr(QStringLiteral("5.2.0.192.in-addr.arpa"), QStringLiteral("five.test"), 100);
    m_server->addPtr(QStringLiteral("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"),
                     QStringLiteral("six.test"), 100);
    AresResolver resolver(testOptions());
    const auto v4 = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.5")));
    const auto v6 = resolver.lookupAddress(QHostAddress(QStringLiteral("2001:db8::1")));
    QVERIFY(waitFor(v4));
    QVERIFY(waitFor(v6));
    QCOMPARE(v4.result().error(), AresError::NoError);
    QCOMPARE(v4.result().hostName(), QStringLiteral("five.test"));
    QCOMPARE(v4.result().addresses(), QList<QHostAddress>{ QHostAddress(QStringLiteral("192.0.2.5")) });
    QCOMPARE(v6.result().hostName(), QStringLiteral("six.test"));
    QCOMPARE(m_server->questionCount(QStringLiteral("5.2.0.192.in-addr.arpa"), TypePTR), 1);
}

// Several PTR names: the first is hostName(), the others aliases(), each once.
void tst_AresResolver::reverseLookupAliases()
{
    const QString ptr = QStringLiteral("7.2.0.192.in-addr.arpa");
    m_server->addPtr(ptr, QStringLiteral("a.test"), 100);
    m_server->addPtr(ptr, QStringLiteral("b.test"), 100);
    m_server->addPtr(ptr, QStringLiteral("c.test"), 100);
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.7")));
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(info.error(), AresError::NoError);
    QStringList names = info.aliases();
    names.prepend(info.hostName());
    names.sort();
    QCOMPARE(names, (QStringList{ QStringLiteral("a.test"), QStringLiteral("b.test"), QStringLiteral("c.test") }));
}

// c-ares 1.18's ares_gethostbyaddr() reports every failure as ENOTFOUND;
// QAres tells them apart like host lookups do.
void tst_AresResolver::reverseLookupErrors_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("fault");
    QTest::addColumn<AresError>("error");

    const QString v4 = QStringLiteral("192.0.2.99");
    const QString v6 = QStringLiteral("2001:db8::99");
    QTest::newRow("nxdomain") << v4 << int(FaultKind::None) << AresError::NotFoundError;
    QTest::newRow("nodata") << v4 << int(FaultKind::NoData) << AresError::NotFoundError;
    QTest::newRow("servfail") << v4 << int(FaultKind::ServFail) << AresError::ServerFailureError;
    QTest::newRow("notimp") << v4 << int(FaultKind::NotImp) << AresError::ServerFailureError;
    QTest::newRow("refused") << v4 << int(FaultKind::Refused) << AresError::ServerRefusedError;
    QTest::newRow("drop") << v4 << int(FaultKind::Drop) << AresError::TimeoutError;
    QTest::newRow("v6-refused") << v6 << int(FaultKind::Refused) << AresError::ServerRefusedError;
    QTest::newRow("v6-drop") << v6 << int(FaultKind::Drop) << AresError::TimeoutError;
    QTest::newRow("invalid") << QString() << int(FaultKind::None) << AresError::InvalidRequestError;
}

void tst_AresResolver::reverseLookupErrors()
{
    QFETCH(QString, address);
    QFETCH(int, fault);
    QFETCH(AresError, error);
    if (fault != int(FaultKind::None))
        m_server->setFault(QStringLiteral("*"), Fault{ FaultKind(fault), 0ms, -1 });
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupAddress(QHostAddress(address));
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), error);
    QVERIFY(!future.result().errorString().isEmpty());

    // The resolver keeps working, and a host lookup's failure is told apart
    // the same way while a reverse lookup runs next to it.
    m_server->clearFault(QStringLiteral("*"));
    m_server->setFault(QStringLiteral("gone.test"), Fault{ FaultKind::NxDomain, 0ms, -1 });
    const auto host = resolver.lookupHost(QStringLiteral("gone.test"), AresResolver::IPv4Family);
    const auto reverse = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.98")));
    QVERIFY(waitFor(host));
    QVERIFY(waitFor(reverse));
    QCOMPARE(host.result().error(), AresError::NotFoundError);
    QCOMPARE(reverse.result().error(), AresError::NotFoundError);
}

void tst_AresResolver::triesOnTheWire()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTries(3);
    options.setTimeout(100ms);
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::TimeoutError);
    QCOMPARE(m_server->questionCount(QStringLiteral("host.test"), TypeA), 3);
    QCOMPARE(future.result().aresStatus(), 12); // ARES_ETIMEOUT
}

void tst_AresResolver::tcpOnly()
{
    AresOptions options = testOptions();
    options.setFlag(AresOptions::TcpOnly);
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.1/300"));
    const auto questions = m_server->questions();
    QCOMPARE(questions.size(), 1);
    QCOMPARE(questions.first().transport, FakeDnsServer::Transport::Tcp);
}

void tst_AresResolver::edns()
{
    AresOptions options = testOptions();
    options.setFlag(AresOptions::Edns);
    options.setEdnsPayloadSize(1400);
    AresResolver resolver(options);
    auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NoError);
    QCOMPARE(m_server->questions().size(), 1);
    QVERIFY(m_server->questions().first().hasEdns);
    QCOMPARE(m_server->questions().first().ednsPayloadSize, 1400);

    m_server->clearQuestions();
    AresResolver plain(testOptions());
    future = plain.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QVERIFY(!m_server->questions().first().hasEdns);
    QVERIFY(m_server->questions().first().recursionDesired);
}

void tst_AresResolver::noRecursion()
{
    AresOptions options = testOptions();
    options.setFlag(AresOptions::NoRecursion);
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(m_server->questions().size(), 1);
    QVERIFY(!m_server->questions().first().recursionDesired);
}

void tst_AresResolver::searchDomainsAndNdots()
{
    m_server->addAddress(QStringLiteral("short.corp.test"), QHostAddress(QStringLiteral("192.0.2.30")), 50);
    m_server->addAddress(QStringLiteral("a.b.lab.test"), QHostAddress(QStringLiteral("192.0.2.31")), 50);
    AresOptions options = testOptions();
    options.setFlag(AresOptions::NoSearch, false);
    options.setSearchDomains({ QStringLiteral("lab.test"), QStringLiteral("corp.test") });
    options.setNdots(2);
    AresResolver resolver(options);

    // 0 dots < ndots: search domains first, in order.
    auto future = resolver.lookupHost(QStringLiteral("short"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.30/50"));
    QStringList asked;
    for (const auto &question : m_server->questions())
        asked.append(QString::fromLatin1(question.name));
    QCOMPARE(asked, QStringList({ QStringLiteral("short.lab.test"), QStringLiteral("short.corp.test") }));

    // 1 dot < ndots 2: still searched first.
    m_server->clearQuestions();
    future = resolver.lookupHost(QStringLiteral("a.b"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.31/50"));
    QCOMPARE(QString::fromLatin1(m_server->questions().first().name), QStringLiteral("a.b.lab.test"));

    // 2 dots >= ndots: as is first.
    m_server->clearQuestions();
    future = resolver.lookupHost(QStringLiteral("x.y.z"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NotFoundError);
    QCOMPARE(QString::fromLatin1(m_server->questions().first().name), QStringLiteral("x.y.z"));

    // A trailing dot makes the name absolute: no search domains, whatever ndots says.
    m_server->clearQuestions();
    future = resolver.lookupHost(QStringLiteral("short."), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NotFoundError);
    QCOMPARE(future.result().hostName(), QStringLiteral("short"));
    asked.clear();
    for (const auto &question : m_server->questions())
        asked.append(QString::fromLatin1(question.name));
    QCOMPARE(asked, QStringList{ QStringLiteral("short") });
    future = resolver.lookupHost(QStringLiteral("short.corp.test."), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.30/50"));

    // NoSearch: only the name itself.
    options.setFlag(AresOptions::NoSearch);
    QVERIFY(resolver.setOptions(options));
    m_server->clearQuestions();
    future = resolver.lookupHost(QStringLiteral("short"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NotFoundError);
    QCOMPARE(m_server->questionCount(QStringLiteral("short.lab.test")), 0);
}

void tst_AresResolver::rotate()
{
    FakeDnsServer second;
    QVERIFY(second.listen());
    second.addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("192.0.2.1")), 300);
    const int lookups = 40;

    for (bool rotate : { false, true }) {
        m_server->clearQuestions();
        second.clearQuestions();
        AresOptions options = testOptions({ m_server.get(), &second });
        options.setRotate(rotate);
        AresResolver resolver(options);
        for (int i = 0; i < lookups; ++i) {
            const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
            QVERIFY(waitFor(future));
            QCOMPARE(future.result().error(), AresError::NoError);
        }
        if (rotate) {
            QVERIFY2(m_server->questionCount() > 0 && second.questionCount() > 0,
                     qPrintable(QStringLiteral("%1 / %2").arg(m_server->questionCount()).arg(second.questionCount())));
        } else {
            QCOMPARE(m_server->questionCount(), lookups);
            QCOMPARE(second.questionCount(), 0);
        }
    }
}

void tst_AresResolver::primaryOnly()
{
    FakeDnsServer second;
    QVERIFY(second.listen());
    second.addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("192.0.2.1")), 300);
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::Drop, 0ms, -1 });

    // Failover: the second server answers.
    AresResolver failover(testOptions({ m_server.get(), &second }));
    auto future = failover.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.1/300"));
    QCOMPARE(second.questionCount(), 1);

    // PrimaryServerOnly: never asks the second.
    second.clearQuestions();
    AresOptions options = testOptions({ m_server.get(), &second });
    options.setFlag(AresOptions::PrimaryServerOnly);
    AresResolver primary(options);
    future = primary.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::TimeoutError);
    QCOMPARE(second.questionCount(), 0);
}

void tst_AresResolver::truncationRetriesOverTcp()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::Truncate, 0ms, -1 });
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.1/300"));
    const auto questions = m_server->questions();
    QCOMPARE(questions.size(), 2);
    QCOMPARE(questions.at(0).transport, FakeDnsServer::Transport::Udp);
    QCOMPARE(questions.at(1).transport, FakeDnsServer::Transport::Tcp);
}

void tst_AresResolver::ignoreTruncation()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::Truncate, 0ms, -1 });
    AresOptions options = testOptions();
    options.setFlag(AresOptions::IgnoreTruncation);
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QVERIFY(future.result().error() != AresError::NoError); // the truncated answer was empty
    QCOMPARE(m_server->questions().size(), 1);
    QCOMPARE(m_server->questions().first().transport, FakeDnsServer::Transport::Udp);
}

void tst_AresResolver::descriptorReuseTruncatedThenRefused()
{
    // UDP says "truncated", TCP is refused, c-ares goes back to UDP: sockets
    // are closed and reopened, often on the same descriptor number, inside one
    // ares_process_fd(). The message handler fails the test on any notifier
    // warning; ctest runs this under the glib and the QT_NO_GLIB dispatchers.
    const int before = openDescriptors();
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::Truncate, 0ms, -1 });
    m_server->setTcpEnabled(false);
    AresOptions options = testOptions();
    options.setTries(3);
    AresResolver resolver(options);
    QList<QFuture<AresHostInfo>> futures;
    for (int i = 0; i < 5; ++i)
        futures.append(resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family));
    for (const auto &future : futures) {
        QVERIFY(waitFor(future));
        QVERIFY(future.result().error() != AresError::NoError);
    }
    QVERIFY(m_server->questionCount() >= 5);
    // Then the same resolver works normally.
    m_server->clearFaults();
    m_server->setTcpEnabled(true);
    const auto ok = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(ok));
    QCOMPARE(describe(ok.result()), QStringLiteral("192.0.2.1/300"));
    QTRY_COMPARE(openDescriptors(), before);
}

void tst_AresResolver::ipv6Server()
{
    if (!m_server->addresses().contains(QHostAddress::LocalHostIPv6))
        QSKIP("::1 is not available on this machine");
    AresOptions options = testOptions();
    QVERIFY(options.setServers(QStringList{ m_server->serverString(QHostAddress::LocalHostIPv6) }));
    QVERIFY(options.serverStrings().first().startsWith(u"[::1]:"));
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"));
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.1/300 2001:db8::1/600"));
    const auto questions = m_server->questions();
    QVERIFY(!questions.isEmpty());
    QCOMPARE(questions.first().localAddress, QHostAddress(QHostAddress::LocalHostIPv6));
}

void tst_AresResolver::hostsFile()
{
    QTemporaryFile hosts;
    QVERIFY(hosts.open());
    hosts.write("192.0.2.200 fromhosts.test alias.test\n2001:db8::200 fromhosts.test\n");
    hosts.close();
    qputenv("CARES_HOSTS", QFile::encodeName(hosts.fileName()));
    auto restore = qScopeGuard([] { qunsetenv("CARES_HOSTS"); });

    AresOptions options = testOptions();
    options.setLookupOrder(AresOptions::LookupOrder::HostsFileThenDns);
    AresResolver resolver(options);
    auto future = resolver.lookupHost(QStringLiteral("fromhosts.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().addresses(), QList<QHostAddress>{ QHostAddress(QStringLiteral("192.0.2.200")) });
    future = resolver.lookupHost(QStringLiteral("alias.test"), AresResolver::AnyFamily);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NoError);
    QCOMPARE(m_server->questionCount(), 0); // the hosts file answered

    // An absolute name is not a hosts file name (as with glibc): it goes to DNS as is.
    future = resolver.lookupHost(QStringLiteral("fromhosts.test."), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NotFoundError);
    QCOMPARE(m_server->questionCount(QStringLiteral("fromhosts.test"), TypeA), 1);

    // DNS only: the hosts file is not read.
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    QVERIFY(resolver.setOptions(options));
    future = resolver.lookupHost(QStringLiteral("fromhosts.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NotFoundError);
    QVERIFY(m_server->questionCount() > 0);
}

void tst_AresResolver::resolvConfPath()
{
    QTemporaryFile conf;
    QVERIFY(conf.open());
    conf.write(QStringLiteral("nameserver 127.0.0.1\nsearch conf.test\noptions ndots:1\n").toLatin1());
    conf.close();
    m_server->addAddress(QStringLiteral("inconf.conf.test"), QHostAddress(QStringLiteral("192.0.2.40")), 10);

    AresOptions options;
    options.setResolvConfPath(conf.fileName());
    options.setServers(QStringList{ m_server->serverString() }); // port: keep it on the fake server
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setTries(1);
    options.setTimeout(300ms);
    AresResolver resolver(options);
    QVERIFY2(resolver.errorString().isEmpty(), qPrintable(resolver.errorString()));
    const auto future = resolver.lookupHost(QStringLiteral("inconf"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.40/10"));

    // A config file with a line starting with NUL (CVE-2024-25629) is refused.
    QTemporaryFile bad;
    QVERIFY(bad.open());
    bad.write(QByteArray("nameserver 127.0.0.1\n\0search x\n", 31));
    bad.close();
    AresOptions badOptions = options;
    badOptions.setResolvConfPath(bad.fileName());
    QVERIFY(!resolver.setOptions(badOptions));
    QVERIFY2(resolver.errorString().contains(u"NUL"), qPrintable(resolver.errorString()));
    QCOMPARE(resolver.options(), options);
}

void tst_AresResolver::optionsValidation_data()
{
    QTest::addColumn<AresOptions>("options");
    QTest::addColumn<QString>("reason");

    AresOptions o;
    o.setTries(0);
    QTest::newRow("tries-0") << o << "tries";
    o = AresOptions();
    o.setTimeout(0ms);
    QTest::newRow("timeout-0") << o << "timeout";
    o = AresOptions();
    o.setNdots(99);
    QTest::newRow("ndots-99") << o << "ndots";
    o = AresOptions();
    o.setEdnsPayloadSize(100);
    QTest::newRow("edns-100") << o << "EDNS";
    o = AresOptions();
    o.setSearchDomains({ QStringLiteral("bad..domain") });
    QTest::newRow("search-domain") << o << "search domain";
    o = AresOptions();
    o.setLocalIPv4Address(QHostAddress(QStringLiteral("::1")));
    QTest::newRow("local-v4-is-v6") << o << "IPv4";
    o = AresOptions();
    o.setResolvConfPath(QStringLiteral("/nonexistent/resolv.conf"));
    QTest::newRow("resolvconf-missing") << o << "resolv.conf";
    o = AresOptions();
    o.setMaxQueriesInFlight(-1);
    QTest::newRow("cap-negative") << o << "maxQueriesInFlight";
}

void tst_AresResolver::optionsValidation()
{
    QFETCH(AresOptions, options);
    QFETCH(QString, reason);

    const AresOptions good = testOptions();
    AresResolver resolver(good);
    QSignalSpy changed(&resolver, &AresResolver::optionsChanged);
    QVERIFY(!resolver.setOptions(options));
    QVERIFY2(resolver.errorString().contains(reason), qPrintable(resolver.errorString()));
    QCOMPARE(resolver.options(), good);
    QCOMPARE(changed.size(), 0);
    // The previous configuration is still in force.
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.1/300"));

    // The constructor falls back to the defaults and says why.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("options rejected, using the defaults")));
    AresResolver fallback(options);
    QVERIFY(fallback.errorString().contains(reason));
    QCOMPARE(fallback.options(), AresOptions());
}

void tst_AresResolver::serverStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: rejected

    QTest::newRow("v4") << "127.0.0.1" << "127.0.0.1:53";
    QTest::newRow("v4-port") << "127.0.0.1:5353" << "127.0.0.1:5353";
    QTest::newRow("v6") << "::1" << "[::1]:53";
    QTest::newRow("v6-bracket") << "[::1]" << "[::1]:53";
    QTest::newRow("v6-port") << "[::1]:5353" << "[::1]:5353";
    QTest::newRow("spaces") << " 127.0.0.2:54 " << "127.0.0.2:54";
    QTest::newRow("name") << "localhost" << "";
    QTest::newRow("port-0") << "127.0.0.1:0" << "";
    QTest::newRow("port-big") << "127.0.0.1:65536" << "";
    QTest::newRow("port-text") << "127.0.0.1:dns" << "";
    QTest::newRow("empty-port") << "127.0.0.1:" << "";
    QTest::newRow("v4-in-brackets") << "[127.0.0.1]:53" << "";
    QTest::newRow("unclosed") << "[::1:53" << "";
    QTest::newRow("empty") << "" << "";
}

void tst_AresResolver::serverStrings()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);

    AresOptions options;
    options.setServers(QStringList{ QStringLiteral("192.0.2.53") });
    QString error;
    const bool ok = options.setServers(QStringList{ text }, &error);
    QCOMPARE(ok, !expected.isEmpty());
    if (ok) {
        QCOMPARE(options.serverStrings(), QStringList{ expected });
    } else {
        QVERIFY(error.contains(u"invalid server"));
        QCOMPARE(options.serverStrings(), QStringList{ QStringLiteral("192.0.2.53:53") }); // unchanged
    }
}

void tst_AresResolver::reconfigureWhileRunning()
{
    FakeDnsServer second;
    QVERIFY(second.listen());
    second.addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("198.51.100.1")), 5);
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 200ms, -1 });

    AresResolver resolver(testOptions());
    QSignalSpy changed(&resolver, &AresResolver::optionsChanged);
    const auto old = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(resolver.setOptions(testOptions({ &second })));
    QCOMPARE(changed.size(), 1);
    const auto fresh = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(old));
    QVERIFY(waitFor(fresh));
    QCOMPARE(describe(old.result()), QStringLiteral("192.0.2.1/300"));    // old configuration
    QCOMPARE(describe(fresh.result()), QStringLiteral("198.51.100.1/5")); // new one
}

void tst_AresResolver::cancelOneAmongMany()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 100ms, -1 });
    AresResolver resolver(testOptions());
    QList<QFuture<AresHostInfo>> futures;
    for (int i = 0; i < 10; ++i)
        futures.append(resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family));
    auto cancelled = futures.at(3);
    bool canceledHandlerRan = false;
    auto chained = cancelled.onCanceled([&] {
        canceledHandlerRan = true;
        return AresHostInfo();
    });
    QElapsedTimer timer;
    timer.start();
    cancelled.cancel();
    QVERIFY(waitFor(cancelled));
    QVERIFY(timer.elapsed() < 100); // at once, not when the answer comes
    QVERIFY(cancelled.isCanceled());
    QVERIFY(waitFor(chained));
    QVERIFY(canceledHandlerRan);
    for (int i = 0; i < futures.size(); ++i) {
        if (i == 3)
            continue;
        QVERIFY(waitFor(futures.at(i)));
        QCOMPARE(describe(futures.at(i).result()), QStringLiteral("192.0.2.1/300"));
    }
    QCOMPARE(resolver.pendingLookups(), 0);
}

// Futures are canceled without a QFutureWatcher: a canceled queued lookup
// never reaches the server, one already in c-ares finishes at once and its
// late answer is swallowed.
void tst_AresResolver::cancelQueuedAndInFlight()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 300ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(2000ms);
    options.setMaxQueriesInFlight(1);
    AresResolver resolver(options);
    auto inFlight = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    auto queued = resolver.lookupHost(QStringLiteral("v4only.test"), AresResolver::IPv4Family);
    auto kept = resolver.lookupHost(QStringLiteral("two.test"), AresResolver::IPv4Family);
    QTRY_COMPARE(m_server->questionCount(QStringLiteral("host.test")), 1);
    QElapsedTimer timer;
    timer.start();
    queued.cancel();
    inFlight.cancel();
    QVERIFY(waitFor(inFlight));
    QVERIFY(waitFor(queued));
    QVERIFY2(timer.elapsed() < 200, qPrintable(QString::number(timer.elapsed()))); // before the answer
    QVERIFY(inFlight.isCanceled());
    QVERIFY(queued.isCanceled());
    QVERIFY(waitFor(kept));
    QCOMPARE(describe(kept.result()), QStringLiteral("192.0.2.21/100 192.0.2.22/100"));
    QCOMPARE(m_server->questionCount(QStringLiteral("v4only.test")), 0);
    // The late answer to the canceled lookup is swallowed; the resolver goes idle.
    QTRY_COMPARE(resolver.queriesInFlight(), 0);
    QCOMPARE(resolver.pendingLookups(), 0);
}

void tst_AresResolver::abortAll()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setMaxQueriesInFlight(4); // some in c-ares, some queued
    AresResolver resolver(options);
    QList<AresReply *> replies;
    for (int i = 0; i < 10; ++i)
        replies.append(resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family));
    QList<std::shared_ptr<QSignalSpy>> spies;
    for (AresReply *reply : replies)
        spies.append(std::make_shared<QSignalSpy>(reply, &AresReply::finished));
    resolver.abortAll();
    for (int i = 0; i < replies.size(); ++i) {
        QTRY_COMPARE(spies.at(i)->size(), 1);
        QCOMPARE(replies.at(i)->error(), AresError::OperationCancelledError);
    }
    QCOMPARE(resolver.pendingLookups(), 0);
    QCOMPARE(resolver.queriesInFlight(), 0);
    // Works afterwards, and nothing was delivered twice.
    m_server->clearFaults();
    const auto ok = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(ok));
    QCOMPARE(ok.result().error(), AresError::NoError);
    for (const auto &spy : spies)
        QCOMPARE(spy->size(), 1);
}

void tst_AresResolver::deadline()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(5000ms);
    options.setTries(4);
    options.setDeadline(250ms);
    AresResolver resolver(options);
    QElapsedTimer timer;
    timer.start();
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QVERIFY(timer.elapsed() >= 250);
    QCOMPARE(future.result().error(), AresError::TimeoutError);
    QVERIFY2(future.result().errorString().contains(u"deadline"), qPrintable(future.result().errorString()));
}

// Deadlines are kept in submission order; one that is due earlier than
// those before it (the option was shortened) must still fire on time.
void tst_AresResolver::deadlineShortenedWhilePending()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(5000ms);
    options.setTries(4);
    options.setDeadline(5000ms);
    AresResolver resolver(options);
    const auto longer = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    options.setDeadline(200ms);
    QVERIFY(resolver.setOptions(options));
    QElapsedTimer timer;
    timer.start();
    const auto shorter = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(shorter, 3s));
    QVERIFY(timer.elapsed() >= 200);
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(shorter.result().error(), AresError::TimeoutError);
    QVERIFY(!longer.isFinished());
    resolver.abortAll();
    QVERIFY(waitFor(longer));
    QCOMPARE(longer.result().error(), AresError::OperationCancelledError);
}

void tst_AresResolver::inFlightCap()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 50ms, -1 });
    AresOptions options = testOptions();
    options.setMaxQueriesInFlight(3);
    AresResolver resolver(options);
    int maxSeen = 0;
    QList<QFuture<AresHostInfo>> futures;
    for (int i = 0; i < 9; ++i)
        futures.append(resolver.lookupHost(QStringLiteral("host.test"),
                                           i % 2 ? AresResolver::AnyFamily : AresResolver::IPv4Family));
    QTimer probe;
    QObject::connect(&probe, &QTimer::timeout, [&] { maxSeen = qMax(maxSeen, resolver.queriesInFlight()); });
    probe.start(5);
    for (const auto &future : futures) {
        QVERIFY(waitFor(future));
        QCOMPARE(future.result().error(), AresError::NoError);
    }
    QVERIFY(maxSeen > 0);
    QVERIFY2(maxSeen <= 3, qPrintable(QString::number(maxSeen)));
    QCOMPARE(resolver.queriesInFlight(), 0);
}

// Lookups canceled (and delivered) while they wait in the queue behind a
// slow one: the queue holds them until it reaches them; nothing is delivered
// twice, everything else completes, and destroying the resolver with such
// entries still queued is clean (ASan build).
void tst_AresResolver::canceledWhileQueued_data()
{
    QTest::addColumn<bool>("destroyEarly");
    QTest::newRow("drain") << false;
    QTest::newRow("destroy with canceled entries queued") << true;
}

void tst_AresResolver::canceledWhileQueued()
{
    QFETCH(bool, destroyEarly);
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 200ms, -1 });
    AresOptions options = testOptions();
    options.setMaxQueriesInFlight(1);
    auto resolver = std::make_unique<AresResolver>(options);
    auto slow = resolver->lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QList<AresReply *> replies;
    QList<std::shared_ptr<QSignalSpy>> spies;
    QList<QFuture<AresHostInfo>> futures;
    for (int i = 0; i < 6; ++i) {
        replies.append(resolver->startHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family));
        spies.append(std::make_shared<QSignalSpy>(replies.last(), &AresReply::finished));
        futures.append(resolver->lookupHost(QStringLiteral("v4only.test"), AresResolver::IPv4Family));
    }
    QTRY_COMPARE(m_server->questionCount(QStringLiteral("host.test")), 1);
    for (int i = 0; i < 6; i += 2) {
        replies.at(i)->abort();
        futures[i].cancel();
    }
    // Delivered before the slow lookup is answered, while still in the queue.
    for (int i = 0; i < 6; i += 2)
        QTRY_COMPARE(spies.at(i)->size(), 1);
    QCOMPARE(replies.at(0)->error(), AresError::OperationCancelledError);
    QVERIFY(m_server->questionCount(QStringLiteral("two.test")) == 0);
    delete replies.at(2); // a delivered reply deleted while its lookup is queued
    if (destroyEarly) {
        resolver.reset();
        for (int i = 1; i < 6; i += 2) {
            QCOMPARE(spies.at(i)->size(), 1);
            QCOMPARE(futures.at(i).isFinished(), true);
        }
        return; // the replies went with the resolver
    }
    QVERIFY(waitFor(slow));
    for (int i = 1; i < 6; i += 2) {
        QVERIFY(waitFor(futures.at(i)));
        QCOMPARE(futures.at(i).result().error(), AresError::NoError);
        QTRY_COMPARE(spies.at(i)->size(), 1);
        QCOMPARE(replies.at(i)->error(), AresError::NoError);
    }
    for (int i = 0; i < 6; i += 2)
        QVERIFY(futures.at(i).isCanceled());
    QTRY_COMPARE(resolver->pendingLookups(), 0);
    QCOMPARE(resolver->queriesInFlight(), 0);
    for (int i = 0; i < 6; ++i) {
        if (i != 2)
            QCOMPARE(spies.at(i)->size(), 1);
    }
}

void tst_AresResolver::replyObject()
{
    AresResolver resolver(testOptions());
    std::unique_ptr<AresReply> reply(resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family));
    QCOMPARE(reply->parent(), nullptr); // owned by the resolver, not its QObject child
    QVERIFY(!reply->isFinished());
    QSignalSpy spy(reply.get(), &AresReply::finished);
    QVERIFY(spy.wait());
    QCOMPARE(spy.size(), 1);
    QVERIFY(reply->isFinished());
    QCOMPARE(describe(reply->hostInfo()), QStringLiteral("192.0.2.1/300"));
    QCOMPARE(reply->hostInfo().lookupId(), reply->lookupId());

    std::unique_ptr<AresReply> reverse(resolver.startAddressLookup(QHostAddress(QStringLiteral("192.0.2.99"))));
    QSignalSpy reverseSpy(reverse.get(), &AresReply::finished);
    QVERIFY(reverseSpy.wait());
    QCOMPARE(reverse->error(), AresError::NotFoundError);
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1); // exactly once
}

void tst_AresResolver::repliesDeletedWithResolver()
{
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::Drop, 0ms, -1 });
    auto resolver = std::make_unique<AresResolver>(testOptions());
    QList<QPointer<AresReply>> replies;
    QList<AresError> errors;
    for (int i = 0; i < 20; ++i) {
        AresReply *reply = resolver->startHostLookup(QStringLiteral("n%1.test").arg(i), AresResolver::IPv4Family);
        QObject::connect(reply, &AresReply::finished, reply, [reply, &errors] { errors.append(reply->error()); });
        replies.append(reply);
    }
    delete replies.at(3).data();  // deleted by the user: unlinked, aborted
    delete replies.at(19).data(); // the newest
    QObject parent;
    replies.at(7)->setParent(&parent); // another parent: still owned by the resolver
    QCOMPARE(resolver->pendingLookups(), 20);
    resolver.reset();
    QCOMPARE(errors.size(), 18); // finished() for every surviving reply, then deleted
    for (AresError error : errors)
        QCOMPARE(error, AresError::ResolverDestroyedError);
    for (const auto &reply : replies)
        QVERIFY(reply.isNull());
    QVERIFY(parent.children().isEmpty());
}

void tst_AresResolver::replyDeletedBeforeFinish()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 100ms, -1 });
    AresResolver resolver(testOptions());
    delete resolver.startHostLookup(QStringLiteral("host.test"));
    QCOMPARE(resolver.pendingLookups(), 1);
    QTRY_COMPARE(resolver.pendingLookups(), 0); // aborted, nothing to deliver to
    auto *reply = resolver.startHostLookup(QStringLiteral("host.test"));
    QSignalSpy spy(reply, &AresReply::finished);
    QVERIFY(spy.wait());
    QCOMPARE(reply->error(), AresError::NoError);
}

class Receiver : public QObject
{
    Q_OBJECT
public:
    QList<AresHostInfo> results;
public Q_SLOTS:
    void lookedUp(const AresHostInfo &info) { results.append(info); }
};

void tst_AresResolver::hostInfoStyleApi()
{
    AresResolver resolver(testOptions());
    Receiver receiver;
    const int id = resolver.lookupHost(QStringLiteral("host.test"), &receiver, SLOT(lookedUp(AresHostInfo)));
    QVERIFY(id > 0);
    QTRY_COMPARE(receiver.results.size(), 1);
    QCOMPARE(receiver.results.first().lookupId(), id);
    QCOMPARE(describe(receiver.results.first()), QStringLiteral("192.0.2.1/300 2001:db8::1/600"));

    QList<AresHostInfo> functorResults;
    const int id2 = resolver.lookupHost(QStringLiteral("two.test"), &receiver,
                                        [&](const AresHostInfo &info) { functorResults.append(info); });
    QVERIFY(id2 != id);
    QTRY_COMPARE(functorResults.size(), 1);
    QCOMPARE(describe(functorResults.first()), QStringLiteral("192.0.2.21/100 192.0.2.22/100"));

    // A destroyed context is not called.
    auto context = std::make_unique<QObject>();
    bool called = false;
    resolver.lookupHost(QStringLiteral("host.test"), context.get(), [&](const AresHostInfo &) { called = true; });
    context.reset();
    QTRY_COMPARE(resolver.pendingLookups(), 0);
    QVERIFY(!called);
}

void tst_AresResolver::hostInfoStyleAbort()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 100ms, -1 });
    AresResolver resolver(testOptions());
    Receiver receiver;
    const int aborted = resolver.lookupHost(QStringLiteral("host.test"), &receiver, SLOT(lookedUp(AresHostInfo)));
    const int kept = resolver.lookupHost(QStringLiteral("host.test"), &receiver, SLOT(lookedUp(AresHostInfo)));
    resolver.abortHostLookup(aborted);
    resolver.abortHostLookup(12345678); // unknown: ignored
    QTRY_COMPARE(receiver.results.size(), 1);
    QCOMPARE(receiver.results.first().lookupId(), kept);
    QTRY_COMPARE(resolver.pendingLookups(), 0);
    QCOMPARE(receiver.results.size(), 1);
}

void tst_AresResolver::signalConnectedAfterStart()
{
    // Literals and hosts-file hits complete inside the c-ares call; the signal
    // must still reach a connection made after start returns.
    AresResolver resolver(testOptions());
    AresReply *literal = resolver.startHostLookup(QStringLiteral("127.0.0.1"));
    AresReply *invalid = resolver.startHostLookup(QStringLiteral("bad..name"));
    QSignalSpy literalSpy(literal, &AresReply::finished);
    QSignalSpy invalidSpy(invalid, &AresReply::finished);
    QVERIFY(!literal->isFinished());
    QTRY_COMPARE(literalSpy.size(), 1);
    QTRY_COMPARE(invalidSpy.size(), 1);
    QCOMPARE(literal->error(), AresError::NoError);
    QCOMPARE(invalid->error(), AresError::InvalidRequestError);
}

void tst_AresResolver::deleteResolverInSlot()
{
    auto *resolver = new AresResolver(testOptions());
    QPointer<AresResolver> guard(resolver);
    AresReply *first = resolver->startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    m_server->setFault(QStringLiteral("two.test"), Fault{ FaultKind::None, 200ms, -1 });
    AresReply *second = resolver->startHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family);
    const auto third = resolver->lookupHost(QStringLiteral("two.test"), AresResolver::IPv4Family);
    AresError secondError = AresError::NoError;
    int secondFinished = 0;
    QObject::connect(second, &AresReply::finished, [&] {
        ++secondFinished;
        secondError = second->error();
    });
    QObject::connect(first, &AresReply::finished, [&] { delete resolver; });
    QTRY_VERIFY(guard.isNull());
    QCOMPARE(secondFinished, 1);
    QCOMPARE(secondError, AresError::ResolverDestroyedError);
    QVERIFY(third.isFinished());
    QCOMPARE(third.result().error(), AresError::ResolverDestroyedError);
}

void tst_AresResolver::cancelAndStartInSlot()
{
    m_server->setFault(QStringLiteral("two.test"), Fault{ FaultKind::None, 300ms, -1 });
    AresResolver resolver(testOptions());
    AresReply *first = resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    AresReply *slow = resolver.startHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family);
    QSignalSpy slowSpy(slow, &AresReply::finished);
    QFuture<AresHostInfo> started;
    QObject::connect(first, &AresReply::finished, [&] {
        slow->abort();
        resolver.abortHostLookup(slow->lookupId()); // not an id-based lookup: ignored
        started = resolver.lookupHost(QStringLiteral("v4only.test"));
        first->deleteLater();
    });
    QTRY_COMPARE(slowSpy.size(), 1);
    QCOMPARE(slow->error(), AresError::OperationCancelledError);
    QVERIFY(waitFor(started));
    QCOMPARE(describe(started.result()), QStringLiteral("192.0.2.4/42"));
    QTRY_COMPARE(resolver.pendingLookups(), 0);
    QCOMPARE(slowSpy.size(), 1);
}

void tst_AresResolver::reconfigureInSlot()
{
    FakeDnsServer second;
    QVERIFY(second.listen());
    second.addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("198.51.100.1")), 5);
    AresResolver resolver(testOptions());
    AresReply *first = resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QFuture<AresHostInfo> after;
    QObject::connect(first, &AresReply::finished, [&] {
        QVERIFY(resolver.setOptions(testOptions({ &second })));
        after = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    });
    QTRY_VERIFY(after.isValid());
    QVERIFY(waitFor(after));
    QCOMPARE(describe(after.result()), QStringLiteral("198.51.100.1/5"));
}

void tst_AresResolver::continuationDeletesResolver()
{
    auto *resolver = new AresResolver(testOptions());
    QPointer<AresResolver> guard(resolver);
    auto other = resolver->lookupHost(QStringLiteral("two.test"), AresResolver::IPv4Family);
    m_server->setFault(QStringLiteral("two.test"), Fault{ FaultKind::None, 200ms, -1 });
    auto chained = resolver->lookupHost(QStringLiteral("127.0.0.1")).then([&](const AresHostInfo &info) {
        delete resolver; // inside a continuation run by the delivery
        return info.error();
    });
    QVERIFY(waitFor(chained));
    QCOMPARE(chained.result(), AresError::NoError);
    QVERIFY(guard.isNull());
    QVERIFY(other.isFinished());
    QCOMPARE(other.result().error(), AresError::ResolverDestroyedError);
}

void tst_AresResolver::destroyWithPending_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("10000") << 10000;
}

void tst_AresResolver::destroyWithPending()
{
    QFETCH(int, count);
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::Drop, 0ms, -1 });
    const int descriptors = openDescriptors();
    // Long enough that no query times out before the resolver goes, even
    // when submitting 10,000 takes seconds (sanitizers, a busy CI machine).
    AresOptions options = testOptions();
    options.setTimeout(60s);
    options.setDeadline(120s);
    auto resolver = std::make_unique<AresResolver>(options);
    QList<QFuture<AresHostInfo>> futures;
    futures.reserve(count);
    int continuations = 0;
    for (int i = 0; i < count; ++i) {
        auto future = resolver->lookupHost(QStringLiteral("n%1.test").arg(i), AresResolver::IPv4Family);
        futures.append(future.then([&continuations](const AresHostInfo &info) {
            ++continuations;
            return info;
        }));
    }
    QTest::qWait(20); // let some reach the server
    resolver.reset();
    for (const auto &future : futures) {
        QVERIFY(future.isFinished());
        QCOMPARE(future.result().error(), AresError::ResolverDestroyedError);
    }
    QCOMPARE(continuations, count);
    QCOMPARE(openDescriptors(), descriptors);
}

void tst_AresResolver::lookupFromAnotherThread()
{
    AresResolver resolver(testOptions());
    QList<AresHostInfo> results;
    std::atomic<bool> done = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        // Called, waited for and read off the resolver's thread.
        auto a = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
        auto b = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.99")));
        a.waitForFinished();
        b.waitForFinished();
        results = { a.result(), b.result() };
        done = true;
    }));
    thread->start();
    QTRY_VERIFY(done.load());
    QVERIFY(thread->wait(5000));
    QCOMPARE(describe(results.at(0)), QStringLiteral("192.0.2.1/300"));
    QCOMPARE(results.at(1).error(), AresError::NotFoundError);
}

void tst_AresResolver::manyLookupsInFlight()
{
    const int count = 10000;
    for (int i = 0; i < count; ++i)
        m_server->addAddress(QStringLiteral("h%1.test").arg(i),
                             QHostAddress(quint32(0x0a000000 + i)), quint32(1000 + i % 7));
    AresOptions options = testOptions();
    options.setTimeout(2000ms);
    options.setTries(2);
    AresResolver resolver(options);
    QList<QFuture<AresHostInfo>> futures;
    futures.reserve(count);
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < count; ++i)
        futures.append(resolver.lookupHost(QStringLiteral("h%1.test").arg(i), AresResolver::IPv4Family));
    QCOMPARE(resolver.pendingLookups(), count);
    QTRY_COMPARE_WITH_TIMEOUT(resolver.pendingLookups(), 0, 60000);
    const qint64 elapsed = timer.elapsed();
    int wrong = 0;
    for (int i = 0; i < count; ++i) {
        const AresHostInfo info = futures.at(i).result();
        if (info.addresses() != QList<QHostAddress>{ QHostAddress(quint32(0x0a000000 + i)) }
            || info.ttls() != QList<int>{ 1000 + i % 7 })
            ++wrong;
    }
    QCOMPARE(wrong, 0);
    qInfo("%d lookups against the fake server in %lld ms (%.0f/s)", count, elapsed, count * 1000.0 / qMax<qint64>(1, elapsed));
}

void tst_AresResolver::descriptorsBackToBaseline()
{
    const int before = openDescriptors();
    {
        AresResolver resolver(testOptions());
        QList<QFuture<AresHostInfo>> futures;
        for (int i = 0; i < 50; ++i)
            futures.append(resolver.lookupHost(QStringLiteral("host.test")));
        for (const auto &future : futures)
            QVERIFY(waitFor(future));
        // c-ares closes idle sockets; the notifiers go with them.
        QTRY_COMPARE(openDescriptors(), before);
    }
    QCOMPARE(openDescriptors(), before);
}

void tst_AresResolver::idleMeansNoTimersAndNoNotifiers()
{
    m_server->setFault(QStringLiteral("two.test"), Fault{ FaultKind::None, 50ms, -1 });
    AresResolver resolver(testOptions());
    auto busy = [&resolver] {
        int active = 0;
        for (QTimer *timer : resolver.findChildren<QTimer *>())
            active += timer->isActive();
        for (QSocketNotifier *notifier : resolver.findChildren<QSocketNotifier *>())
            active += notifier->isEnabled();
        return active;
    };
    QCOMPARE(busy(), 0);
    QList<QFuture<AresHostInfo>> futures;
    for (int i = 0; i < 5; ++i)
        futures.append(resolver.lookupHost(QStringLiteral("two.test")));
    QVERIFY(busy() > 0); // the timeout timer, the deadline timer, a read notifier
    for (const auto &future : futures)
        QVERIFY(waitFor(future));
    // Idle: nothing left that could wake the thread up.
    QTRY_COMPARE(busy(), 0);
    QCOMPARE(resolver.findChildren<QSocketNotifier *>().size(), 0);
}

// Defaults chosen for bursts (docs/performance.md): an in-flight window that
// starts at 150 queries and adapts up to 1,000, a 1 MiB receive buffer on c-ares's sockets (the kernel caps it at
// net.core.rmem_max and reports twice what it grants).
void tst_AresResolver::burstDefaults()
{
    const AresOptions defaults;
    QCOMPARE(defaults.maxQueriesInFlight(), 1000);
    QVERIFY(defaults.adaptiveQueryWindow());
    QCOMPARE(defaults.socketReceiveBufferSize(), 1 << 20);

    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 300ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(2000ms);
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QTRY_VERIFY(!resolver.findChildren<QSocketNotifier *>().isEmpty());
    QFile rmemMax(QStringLiteral("/proc/sys/net/core/rmem_max"));
    const int cap = rmemMax.open(QIODevice::ReadOnly) ? rmemMax.readAll().trimmed().toInt() : 0;
    const int expected = 2 * (cap > 0 ? qMin(cap, 1 << 20) : (1 << 20));
    for (QSocketNotifier *notifier : resolver.findChildren<QSocketNotifier *>()) {
        int size = 0;
        socklen_t length = sizeof size;
        QCOMPARE(::getsockopt(int(notifier->socket()), SOL_SOCKET, SO_RCVBUF, &size, &length), 0);
        QVERIFY2(size >= expected, qPrintable(QStringLiteral("%1 < %2").arg(size).arg(expected)));
    }
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NoError);
}

void tst_AresResolver::localBindAddress()
{
    AresOptions options = testOptions();
    options.setLocalIPv4Address(QHostAddress(QStringLiteral("127.0.0.2")));
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NoError);
    QCOMPARE(m_server->questions().first().peer, QHostAddress(QStringLiteral("127.0.0.2")));
}

void tst_AresResolver::localDevice()
{
    // SO_BINDTODEVICE needs CAP_NET_RAW; CI runs as root.
    if (::geteuid() != 0)
        QSKIP("binding to a device needs root");
    AresOptions options = testOptions();
    options.setLocalDevice(QStringLiteral("lo"));
    AresResolver resolver(options);
    auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NoError);
    // Bound to a device that cannot reach the server: nothing arrives.
    options.setLocalDevice(QStringLiteral("nonexistent0"));
    QVERIFY(resolver.setOptions(options));
    m_server->clearQuestions();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot bind a socket to device nonexistent0")));
    future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(m_server->questionCount(), 0);
    QVERIFY(future.result().error() != AresError::NoError);
}

void tst_AresResolver::portsForResolvConfServers()
{
    // Servers from resolv.conf have no port: udpPort()/tcpPort() give it.
    QTemporaryFile conf;
    QVERIFY(conf.open());
    conf.write("nameserver 127.0.0.1\n");
    conf.close();
    AresOptions options;
    options.setResolvConfPath(conf.fileName());
    options.setUdpPort(m_server->port());
    options.setTcpPort(m_server->port());
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    options.setTries(1);
    AresResolver resolver(options);
    auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.1/300"));
    QCOMPARE(m_server->questions().last().transport, FakeDnsServer::Transport::Udp);

    options.setFlag(AresOptions::TcpOnly);
    QVERIFY(resolver.setOptions(options));
    future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.1/300"));
    QCOMPARE(m_server->questions().last().transport, FakeDnsServer::Transport::Tcp);
}

QTEST_GUILESS_MAIN(tst_AresResolver)
#include "tst_aresresolver.moc"
