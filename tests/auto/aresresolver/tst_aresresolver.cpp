// SPDX-License-Identifier: MIT
#include <aresresolver.h>

#include "caresversion.h"
#include "arestestserver.h"
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
#include <QtCore/qtranslator.h>
#include <QtCore/qurl.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using Fault = AresTestServer::Fault;
using FaultKind = AresTestServer::FaultKind;

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
    void cnameChain_data();
    void cnameChain();
    void canonicalNameOfNameAskedFor_data();
    void canonicalNameOfNameAskedFor();
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
    void translatedErrors();
    void serverFailureOverTcp_data();
    void serverFailureOverTcp();
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
    void resolverSignalOutcomes_data();
    void resolverSignalOutcomes();
    void resolverSignalOnlyForSubmitted();
    void abortLookupEveryApi();
    void resolverSignalSlotActions_data();
    void resolverSignalSlotActions();
    void resolverSignalDestroyWithPending_data();
    void resolverSignalDestroyWithPending();
    void longLivedLookupAmongMany();
    void signalConnectedAfterStart();
    void deleteResolverInSlot();
    void cancelAndStartInSlot();
    void reconfigureInSlot();
    void continuationDeletesResolver();
    void destroyWithPending_data();
    void destroyWithPending();
    void lookupFromAnotherThread();
    void batchResults_data();
    void batchResults();
    void batchStreamsInCompletionOrder();
    void batchCancelMidway();
    void batchEndedByResolver_data();
    void batchEndedByResolver();
    void batchResolverGoneBeforeItStarted();
    void batchCanceledBeforeItStarted();
    void batchFromAnotherThread();
    void batchEmptyList();
    void batchMany();
    void batchesSideBySide();
    void manyLookupsInFlight();
    void descriptorsBackToBaseline();
    void idleMeansNoTimersAndNoNotifiers();
    void burstDefaults();
    void localBindAddress();
    void localDevice();
    void portsForResolvConfServers();

private:
    AresOptions testOptions(const QList<AresTestServer *> &servers = {}) const;

    std::unique_ptr<AresTestServer> m_server;
};

void tst_AresResolver::initTestCase()
{
    QAresTest::installGlueWarningCheck();
}

void tst_AresResolver::init()
{
    QAresTest::glueWarnings().clear();
    m_server = std::make_unique<AresTestServer>();
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
AresOptions tst_AresResolver::testOptions(const QList<AresTestServer *> &servers) const
{
    AresOptions options;
    QStringList strings;
    for (AresTestServer *server : servers.isEmpty() ? QList<AresTestServer *>{ m_server.get() } : servers)
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

void tst_AresResolver::cnameChain_data()
{
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ipv4") << AresResolver::IPv4Family << QStringLiteral("192.0.2.80/20");
    QTest::newRow("ipv6") << AresResolver::IPv6Family << QStringLiteral("2001:db8::80/25");
    // Two queries, one chain: listed once (c-ares 1.18 gives it once per query).
    QTest::newRow("any") << AresResolver::AnyFamily << QStringLiteral("192.0.2.80/20 2001:db8::80/25");
}

void tst_AresResolver::cnameChain()
{
    QFETCH(AresResolver::Family, family);
    QFETCH(QString, expected);
    m_server->addCname(QStringLiteral("www.test"), QStringLiteral("edge.test"), 60);
    m_server->addCname(QStringLiteral("edge.test"), QStringLiteral("cdn.test"), 40);
    m_server->addCname(QStringLiteral("cdn.test"), QStringLiteral("origin.test"), 30);
    m_server->addAddress(QStringLiteral("origin.test"), QHostAddress(QStringLiteral("192.0.2.80")), 20);
    m_server->addAddress(QStringLiteral("origin.test"), QHostAddress(QStringLiteral("2001:db8::80")), 25);

    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QStringLiteral("www.test"), family);
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(describe(info), expected);
    QCOMPARE(info.canonicalName(), QStringLiteral("origin.test"));
    QCOMPARE(info.aliases(),
             QStringList({ QStringLiteral("www.test"), QStringLiteral("edge.test"), QStringLiteral("cdn.test") }));
    QCOMPARE(info.hostName(), QStringLiteral("www.test"));
    QCOMPARE(info.aceCanonicalName(), QStringLiteral("origin.test"));
    // The chain as records, each with its own TTL.
    QStringList chain;
    for (const AresRecord &record : info.cnameChain())
        chain.append(record.toString());
    QCOMPARE(chain.join(u';'), QStringLiteral("www.test. 60 IN CNAME edge.test.;edge.test. 40 IN CNAME cdn.test.;"
                                              "cdn.test. 30 IN CNAME origin.test."));
}

// ares_getaddrinfo runs with ARES_AI_NOSORT; QAres sorts answers of two or
// more addresses itself, with the RFC 6724 rules c-ares 1.18 applies.
// Without a CNAME the canonical name is the name asked for as
// hostNameFromAce() makes it (lower case; "??--" labels through IDNA):
// plain names skip that second scan, the others must not.
void tst_AresResolver::canonicalNameOfNameAskedFor_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("hostName");
    QTest::addColumn<QString>("canonicalName");

    QTest::newRow("plain") << "canon.test" << "canon.test" << "canon.test";
    QTest::newRow("absolute") << "canon.test." << "canon.test" << "canon.test";
    QTest::newRow("underscore-digits") << "a_1.b-2.test" << "a_1.b-2.test" << "a_1.b-2.test";
    QTest::newRow("upper-case") << "CaNon.TEST" << "CaNon.TEST" << "canon.test";
    // QUrl::fromAce() refuses labels that start or end with '-' (an empty
    // canonical name; unchanged behaviour, kept by the fast path).
    QTest::newRow("hyphen-first") << "-lead.test" << "-lead.test" << "";
    QTest::newRow("hyphen-last") << "trail-.test" << "trail-.test" << "";
    QTest::newRow("double-hyphen") << "ab--cd.test" << "ab--cd.test" << "ab--cd.test";
    QTest::newRow("idna") << QStringLiteral("bücher.test") << QStringLiteral("bücher.test")
                          << QStringLiteral("bücher.test");
    QTest::newRow("ace-asked") << "xn--bcher-kva.test" << "xn--bcher-kva.test" << QStringLiteral("bücher.test");
}

void tst_AresResolver::canonicalNameOfNameAskedFor()
{
    QFETCH(QString, name);
    QFETCH(QString, hostName);
    QFETCH(QString, canonicalName);

    const QString served = name.endsWith(u'.') ? name.chopped(1) : name;
    const bool ascii = std::all_of(served.begin(), served.end(), [](QChar c) { return c.unicode() < 0x80; });
    m_server->addAddress(ascii ? served.toLower() : QString::fromLatin1(QUrl::toAce(served)),
                         QHostAddress(QStringLiteral("192.0.2.33")), 33);
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(name, AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(describe(info), QStringLiteral("192.0.2.33/33"));
    QCOMPARE(info.hostName(), hostName);
    QCOMPARE(info.canonicalName(), canonicalName);
}

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
    QTest::newRow("formerr") << int(FaultKind::FormErr) << AresError::ServerFormatError << "ARES_EFORMERR";
    QTest::newRow("drop") << int(FaultKind::Drop) << AresError::TimeoutError << "ARES_ETIMEOUT";
    QTest::newRow("wrong-id") << int(FaultKind::WrongId) << AresError::TimeoutError << "ARES_ETIMEOUT";
    QTest::newRow("wrong-question") << int(FaultKind::WrongQuestion) << AresError::TimeoutError << "ARES_ETIMEOUT";
    // A reply c-ares cannot parse: 1.18 drops it and the tries time out; 1.22
    // and later end the query with it at once (docs/errors.md).
    const bool rejects = QAresTest::caresRejectsMalformedReplies();
    const AresError malformed = rejects ? AresError::InvalidReplyError : AresError::TimeoutError;
    const char *malformedStatus = rejects ? "ARES_EBADRESP" : "ARES_ETIMEOUT";
    QTest::newRow("garbage") << int(FaultKind::Garbage) << malformed << malformedStatus;
    QTest::newRow("short-reply") << int(FaultKind::ShortReply) << malformed << malformedStatus;
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
    m_server = std::make_unique<AresTestServer>(); // for cleanup()
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
    QCOMPARE(info.aceCanonicalName(), QStringLiteral("xn--bcher-kva.test"));
    QVERIFY(info.cnameChain().isEmpty());
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
    QCOMPARE(questions.first().transport, AresTestServer::Transport::Tcp);
}

// User-visible texts go through QCoreApplication::translate() with the
// class a user sees them from: an application's translator applies.
void tst_AresResolver::translatedErrors()
{
    class Translator : public QTranslator
    {
    public:
        bool isEmpty() const override { return false; }
        QString translate(const char *context, const char *source, const char *, int) const override
        {
            const QByteArrayView text(source);
            if (qstrcmp(context, "AresResolver") == 0 && text.startsWith("Invalid host name"))
                return QStringLiteral("Ungültiger Name \"%1\": %2");
            if (qstrcmp(context, "AresResolver") == 0 && text == "empty host name")
                return QStringLiteral("leerer Name");
            if (qstrcmp(context, "AresOptions") == 0 && text == "tries must be 1..100")
                return QStringLiteral("Versuche: 1..100");
            return QString();
        }
    } translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QString());
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().errorString(), QStringLiteral("Ungültiger Name \"\": leerer Name"));
    AresOptions bad = testOptions();
    bad.setTries(0);
    QString why;
    QVERIFY(!bad.validate(&why));
    QCOMPARE(why, QStringLiteral("Versuche: 1..100"));
    QCoreApplication::removeTranslator(&translator);
    const auto again = resolver.lookupHost(QString());
    QVERIFY(waitFor(again));
    QCOMPARE(again.result().errorString(), QStringLiteral("Invalid host name \"\": empty host name"));
}

// SERVFAIL and REFUSED over TCP are told apart as over UDP (the receive
// hook reassembles TCP replies), on every c-ares version.
void tst_AresResolver::serverFailureOverTcp_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<AresError>("error");
    QTest::addColumn<QString>("detail");
    QTest::newRow("servfail-tcp") << int(FaultKind::ServFail) << AresError::ServerFailureError << "SERVFAIL";
    QTest::newRow("refused-tcp") << int(FaultKind::Refused) << AresError::ServerRefusedError << "REFUSED";
}

void tst_AresResolver::serverFailureOverTcp()
{
    QFETCH(int, fault);
    QFETCH(AresError, error);
    QFETCH(QString, detail);
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind(fault), 0ms, -1 });
    AresOptions options = testOptions();
    options.setFlag(AresOptions::TcpOnly);
    AresResolver resolver(options);
    const auto host = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    const auto record = resolver.query(QStringLiteral("host.test"), AresRecord::A);
    QVERIFY(waitFor(host));
    QVERIFY(waitFor(record));
    QCOMPARE(host.result().error(), error);
    QVERIFY2(host.result().errorString().contains(detail), qPrintable(host.result().errorString()));
    QCOMPARE(record.result().error(), error);
    QCOMPARE(record.result().rcode(), fault == int(FaultKind::ServFail) ? 2 : 5);
    QVERIFY(!m_server->questions().isEmpty());
    QCOMPARE(m_server->questions().first().transport, AresTestServer::Transport::Tcp);
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
    AresTestServer second;
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
    AresTestServer second;
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
    QCOMPARE(questions.at(0).transport, AresTestServer::Transport::Udp);
    QCOMPARE(questions.at(1).transport, AresTestServer::Transport::Tcp);
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
    QCOMPARE(m_server->questions().first().transport, AresTestServer::Transport::Udp);
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
    AresTestServer second;
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

// The resolver-level signal (submitHostLookup(), submitAddressLookup()):
// emitted exactly once for every outcome, with the id submit returned,
// never from inside submit or abort.
void tst_AresResolver::resolverSignalOutcomes_data()
{
    QTest::addColumn<QString>("name"); // a host name, or "ptr:ADDRESS" for a reverse lookup
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<int>("fault"); // on every name; -1: none
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("expected");

    const auto v4 = AresResolver::IPv4Family;
    const auto any = AresResolver::AnyFamily;
    QTest::newRow("answer") << "host.test" << v4 << -1 << "" << "192.0.2.1/300";
    QTest::newRow("answer-both-families") << "host.test" << any << -1 << "" << "192.0.2.1/300 2001:db8::1/600";
    QTest::newRow("literal") << "198.51.100.7" << any << -1 << "" << "198.51.100.7/-1";
    QTest::newRow("literal-wrong-family") << "2001:db8::7" << v4 << -1 << "" << "error NoDataError";
    QTest::newRow("invalid-name") << "bad..name" << any << -1 << "" << "error InvalidRequestError";
    QTest::newRow("nxdomain") << "host.test" << v4 << int(FaultKind::NxDomain) << "" << "error NotFoundError";
    QTest::newRow("servfail") << "host.test" << v4 << int(FaultKind::ServFail) << "" << "error ServerFailureError";
    QTest::newRow("timeout") << "host.test" << v4 << int(FaultKind::Drop) << "" << "error TimeoutError";
    QTest::newRow("deadline") << "host.test" << v4 << int(FaultKind::Drop) << "deadline" << "error TimeoutError";
    QTest::newRow("abortLookup") << "host.test" << v4 << int(FaultKind::None) << "abortLookup"
                                 << "error OperationCancelledError";
    QTest::newRow("abortAll") << "host.test" << v4 << int(FaultKind::None) << "abortAll"
                              << "error OperationCancelledError";
    QTest::newRow("abortLookup-queued") << "host.test" << v4 << int(FaultKind::None) << "abortLookup-queued"
                                        << "error OperationCancelledError";
    QTest::newRow("reverse-answer") << "ptr:192.0.2.5" << any << -1 << "" << "five.test";
    QTest::newRow("reverse-notfound") << "ptr:192.0.2.99" << any << -1 << "" << "error NotFoundError";
    QTest::newRow("reverse-invalid") << "ptr:" << any << -1 << "" << "error InvalidRequestError";
}

void tst_AresResolver::resolverSignalOutcomes()
{
    QFETCH(QString, name);
    QFETCH(AresResolver::Family, family);
    QFETCH(int, fault);
    QFETCH(QString, action);
    QFETCH(QString, expected);

    m_server->addPtr(QStringLiteral("5.2.0.192.in-addr.arpa"), QStringLiteral("five.test"), 100);
    if (fault >= 0) // FaultKind::None: answered after 200 ms, time to abort it in flight
        m_server->setFault(QStringLiteral("*"), Fault{ FaultKind(fault), 200ms, -1 });
    AresOptions options = testOptions();
    if (action == u"deadline") {
        options.setTimeout(5000ms);
        options.setTries(4);
        options.setDeadline(150ms);
    }
    if (action == u"abortLookup-queued")
        options.setMaxQueriesInFlight(1);
    AresResolver resolver(options);
    QSignalSpy spy(&resolver, &AresResolver::hostLookupFinished);
    QSignalSpy querySpy(&resolver, &AresResolver::queryFinished);
    // abortLookup-queued: a lookup ahead of it holds the only slot in flight.
    const int ahead = action == u"abortLookup-queued" ? resolver.submitHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family)
                                                      : 0;
    const int id = name.startsWith(u"ptr:") ? resolver.submitAddressLookup(QHostAddress(name.mid(4)))
                                            : resolver.submitHostLookup(name, family);
    QVERIFY(id > 0);
    QVERIFY(id != ahead);
    QCOMPARE(spy.size(), 0); // never from inside submit, even when the result is known at once
    if (action.startsWith(u"abortLookup"))
        resolver.abortLookup(id);
    else if (action == u"abortAll")
        resolver.abortAll();
    QCOMPARE(spy.size(), 0); // nor from inside an abort
    QElapsedTimer timer;
    timer.start();
    QTRY_COMPARE_WITH_TIMEOUT(spy.size(), ahead ? 2 : 1, 5000);
    if (action.startsWith(u"abort"))
        QVERIFY2(timer.elapsed() < 200 || ahead, qPrintable(QString::number(timer.elapsed()))); // before the answer
    QList<AresHostInfo> infos;
    for (const auto &arguments : std::as_const(spy))
        infos.append(arguments.at(0).value<AresHostInfo>());
    const AresHostInfo info = infos.at(infos.at(0).lookupId() == id ? 0 : 1);
    QCOMPARE(info.lookupId(), id);
    QCOMPARE(info.error() == AresError::NoError && name.startsWith(u"ptr:") ? info.hostName() : describe(info),
             expected);
    if (ahead) {
        const AresHostInfo first = infos.at(infos.at(0).lookupId() == ahead ? 0 : 1);
        QCOMPARE(first.lookupId(), ahead);
        QCOMPARE(first.error(), AresError::NoError);
        QCOMPARE(m_server->questionCount(QStringLiteral("host.test")), 0); // never sent
    }
    QCOMPARE(resolver.pendingLookups(), 0);
    // Exactly once: a late answer to an aborted lookup is dropped; a lookup
    // past its deadline is still in c-ares (5 s tries): abortAll() must not
    // finish it again.
    if (action == u"deadline")
        resolver.abortAll();
    QTRY_COMPARE(resolver.queriesInFlight(), 0);
    QTest::qWait(20);
    QCOMPARE(spy.size(), ahead ? 2 : 1);
    QCOMPARE(querySpy.size(), 0);
}

// Only lookups started with submit…() reach the resolver's signals; the
// other APIs deliver to their own sinks only.
void tst_AresResolver::resolverSignalOnlyForSubmitted()
{
    AresResolver resolver(testOptions());
    QList<int> ids;
    QObject::connect(&resolver, &AresResolver::hostLookupFinished, &resolver,
                     [&](const AresHostInfo &info) { ids.append(info.lookupId()); });
    Receiver receiver;
    const auto future = resolver.lookupHost(QStringLiteral("host.test"));
    std::unique_ptr<AresReply> reply(resolver.startHostLookup(QStringLiteral("host.test")));
    const int hostInfoStyle = resolver.lookupHost(QStringLiteral("host.test"), &receiver, SLOT(lookedUp(AresHostInfo)));
    const int a = resolver.submitHostLookup(QStringLiteral("host.test"));
    const int b = resolver.submitAddressLookup(QHostAddress(QStringLiteral("192.0.2.99")));
    QCOMPARE(QSet<int>({ reply->lookupId(), hostInfoStyle, a, b }).size(), 4); // distinct ids
    QVERIFY(waitFor(future));
    QTRY_VERIFY(reply->isFinished());
    QTRY_COMPARE(receiver.results.size(), 1);
    QTRY_COMPARE(ids.size(), 2);
    QTRY_COMPARE(resolver.pendingLookups(), 0);
    QTest::qWait(20);
    std::sort(ids.begin(), ids.end());
    QCOMPARE(ids, QList<int>({ std::min(a, b), std::max(a, b) }));
}

// abortLookup() works for the id of any lookup and delivers the cancel;
// abortHostLookup() keeps QHostInfo's semantics (receiver not called) and
// ignores the ids of the other APIs.
void tst_AresResolver::abortLookupEveryApi()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 200ms, -1 });
    AresResolver resolver(testOptions());
    QList<AresHostInfo> signalled;
    QObject::connect(&resolver, &AresResolver::hostLookupFinished, &resolver,
                     [&](const AresHostInfo &info) { signalled.append(info); });
    Receiver receiver;
    std::unique_ptr<AresReply> reply(resolver.startHostLookup(QStringLiteral("host.test")));
    QSignalSpy replySpy(reply.get(), &AresReply::finished);
    const int hostInfoStyle = resolver.lookupHost(QStringLiteral("host.test"), &receiver, SLOT(lookedUp(AresHostInfo)));
    const int submitted = resolver.submitHostLookup(QStringLiteral("host.test"));
    const int keptBySubmit = resolver.submitHostLookup(QStringLiteral("host.test"));

    resolver.abortLookup(reply->lookupId());
    resolver.abortLookup(hostInfoStyle);
    resolver.abortLookup(submitted);
    resolver.abortHostLookup(keptBySubmit); // not a QHostInfo-style lookup: ignored
    resolver.abortLookup(987654);           // unknown: ignored

    QTRY_COMPARE(replySpy.size(), 1);
    QCOMPARE(reply->error(), AresError::OperationCancelledError);
    QTRY_COMPARE(receiver.results.size(), 1); // called, with the cancel (unlike abortHostLookup())
    QCOMPARE(receiver.results.at(0).lookupId(), hostInfoStyle);
    QCOMPARE(receiver.results.at(0).error(), AresError::OperationCancelledError);
    QTRY_COMPARE(signalled.size(), 2);
    QCOMPARE(signalled.at(0).lookupId(), submitted);
    QCOMPARE(signalled.at(0).error(), AresError::OperationCancelledError);
    QCOMPARE(signalled.at(1).lookupId(), keptBySubmit);
    QCOMPARE(describe(signalled.at(1)), QStringLiteral("192.0.2.1/300 2001:db8::1/600"));
    resolver.abortLookup(submitted); // already delivered: ignored
    QTRY_COMPARE(resolver.queriesInFlight(), 0);
    QTest::qWait(20);
    QCOMPARE(replySpy.size(), 1);
    QCOMPARE(receiver.results.size(), 1);
    QCOMPARE(signalled.size(), 2);
}

// What a slot connected to hostLookupFinished() may do: delete the
// resolver, submit more, abort others, reconfigure. Every lookup still
// finishes exactly once.
void tst_AresResolver::resolverSignalSlotActions_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("expected"); // label:result, in the order emitted

    QTest::newRow("delete-resolver") << "delete-resolver"
                                     << "fast:192.0.2.1/300 slow:error ResolverDestroyedError";
    QTest::newRow("submit") << "submit" << "fast:192.0.2.1/300 more:192.0.2.4/42 slow:192.0.2.21/100 192.0.2.22/100";
    QTest::newRow("abort-other") << "abort-other" << "fast:192.0.2.1/300 slow:error OperationCancelledError";
    QTest::newRow("abort-all") << "abort-all" << "fast:192.0.2.1/300 slow:error OperationCancelledError";
    QTest::newRow("set-options") << "set-options" << "fast:192.0.2.1/300 more:198.51.100.1/5 slow:192.0.2.21/100 192.0.2.22/100";
}

void tst_AresResolver::resolverSignalSlotActions()
{
    QFETCH(QString, action);
    QFETCH(QString, expected);

    AresTestServer second;
    QVERIFY(second.listen());
    second.addAddress(QStringLiteral("v4only.test"), QHostAddress(QStringLiteral("198.51.100.1")), 5);
    m_server->setFault(QStringLiteral("two.test"), Fault{ FaultKind::None, 200ms, -1 });
    auto *resolver = new AresResolver(testOptions());
    QPointer<AresResolver> guard(resolver);
    QHash<int, QString> labels;
    QStringList results;
    const int fast = resolver->submitHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    const int slow = resolver->submitHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family);
    labels.insert(fast, QStringLiteral("fast"));
    labels.insert(slow, QStringLiteral("slow"));
    QObject::connect(resolver, &AresResolver::hostLookupFinished, [&](const AresHostInfo &info) {
        results.append(labels.value(info.lookupId(), QStringLiteral("?")) + u':' + describe(info));
        if (info.lookupId() != fast)
            return;
        if (action == u"delete-resolver") {
            delete resolver;
        } else if (action == u"submit") {
            labels.insert(resolver->submitHostLookup(QStringLiteral("v4only.test"), AresResolver::IPv4Family),
                          QStringLiteral("more"));
        } else if (action == u"abort-other") {
            resolver->abortLookup(slow);
        } else if (action == u"abort-all") {
            resolver->abortAll();
        } else if (action == u"set-options") {
            QVERIFY(resolver->setOptions(testOptions({ &second })));
            labels.insert(resolver->submitHostLookup(QStringLiteral("v4only.test"), AresResolver::IPv4Family),
                          QStringLiteral("more"));
        }
    });
    const int total = int(expected.count(u':'));
    QTRY_COMPARE_WITH_TIMEOUT(results.size(), total, 5000);
    if (guard)
        QTRY_COMPARE(guard->queriesInFlight(), 0);
    QTest::qWait(20);
    QCOMPARE(results.join(u' '), expected);
    QCOMPARE(guard.isNull(), action == u"delete-resolver");
    delete guard.data();
}

// Destroyed with submitted lookups pending: each is emitted once, from the
// destructor; one already answered keeps its answer; one submitted from a
// slot during destruction finishes before the destructor returns.
void tst_AresResolver::resolverSignalDestroyWithPending_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("2000") << 2000;
}

void tst_AresResolver::resolverSignalDestroyWithPending()
{
    QFETCH(int, count);
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(60s);
    options.setDeadline(120s);
    auto resolver = std::make_unique<AresResolver>(options);
    AresResolver *const raw = resolver.get(); // unique_ptr::reset() nulls get() before deleting
    QHash<int, AresError> errors;
    int emitted = 0;
    int submittedInSlot = 0;
    QObject::connect(raw, &AresResolver::hostLookupFinished, [&](const AresHostInfo &info) {
        ++emitted;
        errors.insert(info.lookupId(), info.error());
        if (!submittedInSlot && info.error() == AresError::ResolverDestroyedError)
            submittedInSlot = raw->submitHostLookup(QStringLiteral("late.test"));
    });
    QSet<int> pending;
    for (int i = 0; i < count; ++i)
        pending.insert(i % 2 ? resolver->submitHostLookup(QStringLiteral("n%1.test").arg(i))
                             : resolver->submitAddressLookup(QHostAddress(quint32(0xc0000200 + i % 250))));
    const int literal = resolver->submitHostLookup(QStringLiteral("127.0.0.1"));
    const int invalid = resolver->submitHostLookup(QStringLiteral("bad..name"));
    QVERIFY(resolver->queriesInFlight() > 0);
    QCOMPARE(emitted, 0); // the literal and the invalid name are delivered by the event loop
    QTRY_COMPARE(emitted, 2);
    const int literalLate = resolver->submitHostLookup(QStringLiteral("127.0.0.2")); // answered, not delivered
    resolver.reset();
    QCOMPARE(emitted, count + 4);
    QCOMPARE(errors.size(), count + 4); // each id once
    QCOMPARE(errors.value(literal), AresError::NoError);
    QCOMPARE(errors.value(invalid), AresError::InvalidRequestError);
    QCOMPARE(errors.value(literalLate), AresError::NoError);
    QVERIFY(submittedInSlot != 0);
    QCOMPARE(errors.value(submittedInSlot, AresError::NoError), AresError::ResolverDestroyedError);
    for (int id : std::as_const(pending))
        QCOMPARE(errors.value(id, AresError::NoError), AresError::ResolverDestroyedError);
}

// Lookups that outlive thousands started after them (the lookup table
// moves them out of its ring of recent ids) are still found by id, by
// their reply and by the cancel sweep, and finish exactly once.
void tst_AresResolver::longLivedLookupAmongMany()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 3000ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(5000ms);
    AresResolver resolver(options);
    QList<AresHostInfo> signalled;
    QObject::connect(&resolver, &AresResolver::hostLookupFinished, &resolver,
                     [&](const AresHostInfo &info) { signalled.append(info); });
    auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    std::unique_ptr<AresReply> reply(resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family));
    QSignalSpy replySpy(reply.get(), &AresReply::finished);
    const int slow = resolver.submitHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    constexpr int Fast = 5000; // literals: answered without the network
    for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < Fast / 5; ++i)
            resolver.submitHostLookup(QStringLiteral("127.0.0.1"));
        QTRY_COMPARE(signalled.size(), (round + 1) * Fast / 5);
    }
    QCOMPARE(resolver.pendingLookups(), 3);
    future.cancel();
    reply->abort();
    resolver.abortLookup(slow);
    QVERIFY(waitFor(future, 1000ms));
    QVERIFY(future.isCanceled());
    QTRY_COMPARE(replySpy.size(), 1);
    QCOMPARE(reply->error(), AresError::OperationCancelledError);
    QTRY_COMPARE(signalled.size(), Fast + 1);
    QCOMPARE(signalled.last().lookupId(), slow);
    QCOMPARE(signalled.last().error(), AresError::OperationCancelledError);
    QCOMPARE(resolver.pendingLookups(), 0);
    // New lookups after all that still work, and ids stay unique.
    const int next = resolver.submitHostLookup(QStringLiteral("v4only.test"), AresResolver::IPv4Family);
    QTRY_COMPARE(signalled.size(), Fast + 2);
    QCOMPARE(signalled.last().lookupId(), next);
    QCOMPARE(describe(signalled.last()), QStringLiteral("192.0.2.4/42"));
    QSet<int> ids;
    for (const AresHostInfo &info : std::as_const(signalled))
        ids.insert(info.lookupId());
    QCOMPARE(ids.size(), Fast + 2);
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
    AresTestServer second;
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

// --- lookupHosts(): one future for many lookups --------------------------------

namespace {

// Result i of a batch, one per index, "; "-separated; "missing" where none was reported.
QString describeAll(const QFuture<AresHostInfo> &future, qsizetype count)
{
    return QAresTest::describeResults(future, count, [](const AresHostInfo &result) { return describe(result); },
                                      QStringLiteral("; "));
}

} // namespace

void tst_AresResolver::batchResults_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<int>("cap"); // maxQueriesInFlight, 0 = default
    QTest::addColumn<QString>("expected");

    const QString host = QStringLiteral("host.test");
    QTest::newRow("answers") << QStringList{ host, QStringLiteral("v4only.test"), QStringLiteral("two.test") }
                             << AresResolver::IPv4Family << 0
                             << "192.0.2.1/300; 192.0.2.4/42; 192.0.2.21/100 192.0.2.22/100";
    QTest::newRow("mixed") << QStringList{ host, QStringLiteral("missing.test"), QStringLiteral("drop.test"),
                                           QStringLiteral("servfail.test"), QStringLiteral("198.51.100.7"),
                                           QStringLiteral("bad..test"), QStringLiteral("v4only.test") }
                           << AresResolver::IPv4Family << 0
                           << "192.0.2.1/300; error NotFoundError; error TimeoutError; error ServerFailureError; "
                              "198.51.100.7/-1; error InvalidRequestError; 192.0.2.4/42";
    QTest::newRow("any-family") << QStringList{ host, QStringLiteral("v4only.test"), QStringLiteral("missing.test") }
                                << AresResolver::AnyFamily << 0
                                << "192.0.2.1/300 2001:db8::1/600; 192.0.2.4/42; error NotFoundError";
    QTest::newRow("duplicates") << QStringList{ host, host, QStringLiteral("missing.test"), host }
                                << AresResolver::IPv4Family << 0
                                << "192.0.2.1/300; 192.0.2.1/300; error NotFoundError; 192.0.2.1/300";
    QTest::newRow("one") << QStringList{ QStringLiteral("drop.test") } << AresResolver::IPv4Family << 0
                         << "error TimeoutError";
    QStringList queued;
    QStringList expected;
    for (int i = 0; i < 12; ++i) {
        queued.append(i % 3 == 1 ? QStringLiteral("missing.test") : i % 3 == 2 ? QStringLiteral("drop.test") : host);
        expected.append(i % 3 == 1 ? QStringLiteral("error NotFoundError")
                                   : i % 3 == 2 ? QStringLiteral("error TimeoutError") : QStringLiteral("192.0.2.1/300"));
    }
    QTest::newRow("queued-past-cap") << queued << AresResolver::IPv4Family << 2 << expected.join(QStringLiteral("; "));
}

// Result i is names[i]'s, whatever the outcomes and the order they finish in;
// a then() continuation sees them all.
void tst_AresResolver::batchResults()
{
    QFETCH(QStringList, names);
    QFETCH(AresResolver::Family, family);
    QFETCH(int, cap);
    QFETCH(QString, expected);

    m_server->setFault(QStringLiteral("drop.test"), Fault{ FaultKind::Drop, 0ms, -1 });
    m_server->setFault(QStringLiteral("servfail.test"), Fault{ FaultKind::ServFail, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(150ms);
    if (cap > 0)
        options.setMaxQueriesInFlight(cap);
    AresResolver resolver(options);
    QFuture<AresHostInfo> future = resolver.lookupHosts(names, family);
    QVERIFY(!future.isFinished()); // delivered from the event loop, never inside the call
    QCOMPARE(resolver.pendingLookups(), names.size());
    const qsizetype count = names.size();
    const QFuture<QString> seen = future.then(this, [count](const QFuture<AresHostInfo> &all) {
        return describeAll(all, count);
    });
    QVERIFY(waitFor(seen, 20s));
    QVERIFY(future.isFinished());
    QVERIFY(!future.isCanceled());
    QCOMPARE(seen.result(), expected);
    QCOMPARE(describeAll(future, count), expected);
    QCOMPARE(future.resultCount(), names.size());
    QCOMPARE(future.progressValue(), names.size());
    QList<int> ids;
    for (int i = 0; i < int(count); ++i) {
        const AresHostInfo info = future.resultAt(i);
        QCOMPARE(info.hostName(), names.at(i));
        ids.append(info.lookupId());
    }
    std::sort(ids.begin(), ids.end());
    QCOMPARE(std::unique(ids.begin(), ids.end()), ids.end()); // one lookup each, duplicates included
    QCOMPARE(resolver.pendingLookups(), 0);
}

// Results are reported as each lookup finishes, at its index: a watcher's
// resultReadyAt() follows completion order, and the future finishes last.
void tst_AresResolver::batchStreamsInCompletionOrder()
{
    m_server->addAddress(QStringLiteral("slow.test"), QHostAddress(QStringLiteral("192.0.2.30")), 30);
    m_server->addAddress(QStringLiteral("medium.test"), QHostAddress(QStringLiteral("192.0.2.20")), 20);
    m_server->setFault(QStringLiteral("slow.test"), Fault{ FaultKind::None, 400ms, -1 });
    m_server->setFault(QStringLiteral("medium.test"), Fault{ FaultKind::None, 200ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(3000ms);
    AresResolver resolver(options);
    const QStringList names{ QStringLiteral("slow.test"), QStringLiteral("host.test"), QStringLiteral("medium.test") };
    QFutureWatcher<AresHostInfo> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    QSignalSpy range(&watcher, &QFutureWatcherBase::progressRangeChanged);
    QSignalSpy progress(&watcher, &QFutureWatcherBase::progressValueChanged);
    QStringList order;
    connect(&watcher, &QFutureWatcherBase::resultReadyAt, this, [&](int i) {
        const AresHostInfo info = watcher.resultAt(i);
        order.append(QStringLiteral("%1 %2 %3").arg(i).arg(info.hostName(), describe(info)));
        if (!finished.isEmpty())
            order.append(QStringLiteral("after finished()"));
    });
    watcher.setFuture(resolver.lookupHosts(names, AresResolver::IPv4Family));
    QVERIFY(finished.wait(10000));
    QCOMPARE(order.join(QStringLiteral("; ")),
             QStringLiteral("1 host.test 192.0.2.1/300; 2 medium.test 192.0.2.20/20; 0 slow.test 192.0.2.30/30"));
    QCOMPARE(watcher.progressValue(), 3);
    // A progress bar: the range from the start, the value as results come.
    QCOMPARE(watcher.progressMinimum(), 0);
    QCOMPARE(watcher.progressMaximum(), 3);
    QVERIFY(!range.isEmpty());
    QCOMPARE(range.first(), QVariantList({ 0, 3 }));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(progress.last().first().toInt(), 3);
}

// QFuture::cancel() cancels every lookup of the batch not yet finished:
// queued ones are never sent, no result is reported after it, the late
// answers are dropped, and the resolver keeps working.
void tst_AresResolver::batchCancelMidway()
{
    QStringList names{ QStringLiteral("host.test"), QStringLiteral("v4only.test") };
    for (int i = 0; i < 8; ++i) {
        const QString name = QStringLiteral("slow%1.test").arg(i);
        m_server->addAddress(name, QHostAddress(quint32(0xc0000264 + i)), 60);
        m_server->setFault(name, Fault{ FaultKind::None, 400ms, -1 });
        names.append(name);
    }
    AresOptions options = testOptions();
    options.setTimeout(3000ms);
    options.setMaxQueriesInFlight(3);
    AresResolver resolver(options);
    QFuture<AresHostInfo> future = resolver.lookupHosts(names, AresResolver::IPv4Family);
    bool continued = false;
    bool canceledHandlerRan = false;
    auto chained = future.then(this, [&](const QFuture<AresHostInfo> &) { continued = true; })
                           .onCanceled(this, [&] { canceledHandlerRan = true; });
    QFutureWatcher<AresHostInfo> watcher;
    QSignalSpy ready(&watcher, &QFutureWatcherBase::resultReadyAt);
    watcher.setFuture(future);
    QTRY_COMPARE(ready.size(), 2); // host.test and v4only.test
    QCOMPARE(m_server->questionCount(QStringLiteral("slow0.test")), 1); // in flight, answer pending
    QElapsedTimer timer;
    timer.start();
    future.cancel();
    QVERIFY(waitFor(future));
    QVERIFY2(timer.elapsed() < 300, qPrintable(QString::number(timer.elapsed()))); // before the answers
    QVERIFY(future.isCanceled());
    QVERIFY(waitFor(chained));
    QVERIFY(canceledHandlerRan);
    QVERIFY(!continued);
    QTRY_COMPARE(resolver.pendingLookups(), 0);
    // The late answers come and are dropped: no result after the cancel.
    QTRY_COMPARE_WITH_TIMEOUT(resolver.queriesInFlight(), 0, 5000);
    QTest::qWait(50);
    QCOMPARE(ready.size(), 2);
    int sent = 0;
    for (int i = 0; i < 8; ++i)
        sent += m_server->questionCount(QStringLiteral("slow%1.test").arg(i));
    QVERIFY2(sent <= 3, qPrintable(QString::number(sent))); // the queued ones never reached the server
    QCOMPARE(m_server->questionCount(QStringLiteral("slow7.test")), 0);
    // The resolver keeps working.
    const auto again = resolver.lookupHosts({ QStringLiteral("host.test") }, AresResolver::IPv4Family);
    QVERIFY(waitFor(again));
    QCOMPARE(describeAll(again, 1), QStringLiteral("192.0.2.1/300"));
}

void tst_AresResolver::batchEndedByResolver_data()
{
    QTest::addColumn<bool>("destroy"); // otherwise abortAll()
    QTest::addColumn<AresError>("error");
    QTest::newRow("abortAll") << false << AresError::OperationCancelledError;
    QTest::newRow("destroyed") << true << AresError::ResolverDestroyedError;
}

// abortAll() and the resolver's destruction end the unfinished lookups of a
// batch with an error result each; the future finishes, not canceled, and
// its continuation sees every result.
void tst_AresResolver::batchEndedByResolver()
{
    QFETCH(bool, destroy);
    QFETCH(AresError, error);

    QStringList names{ QStringLiteral("host.test") };
    for (int i = 0; i < 6; ++i) {
        names.append(QStringLiteral("d%1.test").arg(i));
        m_server->setFault(names.last(), Fault{ FaultKind::Drop, 0ms, -1 });
    }
    AresOptions options = testOptions();
    options.setTimeout(60s);
    options.setDeadline(120s);
    options.setMaxQueriesInFlight(3); // some in c-ares, some queued
    auto resolver = std::make_unique<AresResolver>(options);
    QFuture<AresHostInfo> future = resolver->lookupHosts(names, AresResolver::IPv4Family);
    const qsizetype count = names.size();
    QString seen;
    int continuations = 0;
    future.then([&](const QFuture<AresHostInfo> &all) { // no context: runs where the future finishes
        ++continuations;
        seen = describeAll(all, count);
    });
    QTRY_VERIFY(future.isResultReadyAt(0));
    QVERIFY(!future.isFinished());
    if (destroy) {
        resolver.reset();
        QVERIFY(future.isFinished()); // from inside the destructor
    } else {
        resolver->abortAll();
        QVERIFY(waitFor(future));
    }
    QVERIFY(!future.isCanceled());
    const QString failed = QStringLiteral("error ")
            + QString::fromLatin1(QMetaEnum::fromType<AresError>().valueToKey(int(error)));
    const QString expected = QStringLiteral("192.0.2.1/300") + QStringLiteral("; %1").arg(failed).repeated(6);
    QCOMPARE(describeAll(future, count), expected);
    QCOMPARE(seen, expected);
    QCOMPARE(continuations, 1);
    if (!destroy) {
        QCOMPARE(resolver->pendingLookups(), 0);
        QCOMPARE(resolver->queriesInFlight(), 0);
    }
}

// Called from another thread, the request reaches the resolver's thread
// through its event queue; if the resolver is destroyed first, the future
// finishes canceled, without results.
void tst_AresResolver::batchResolverGoneBeforeItStarted()
{
    auto resolver = std::make_unique<AresResolver>(testOptions());
    QFuture<AresHostInfo> future;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        future = resolver->lookupHosts({ QStringLiteral("host.test"), QStringLiteral("v4only.test") });
    }));
    thread->start();
    QVERIFY(thread->wait(5000)); // this thread's event loop does not run meanwhile
    QVERIFY(!future.isFinished());
    resolver.reset();
    QVERIFY(future.isFinished());
    QVERIFY(future.isCanceled());
    QCOMPARE(future.resultCount(), 0);
    QCOMPARE(m_server->questionCount(), 0);
}

// Canceled on another thread before the request reached the resolver's
// thread: the lookups start canceled, none is sent, the future finishes
// canceled without results.
void tst_AresResolver::batchCanceledBeforeItStarted()
{
    AresResolver resolver(testOptions());
    QFuture<AresHostInfo> future;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        future = resolver.lookupHosts({ QStringLiteral("host.test"), QStringLiteral("v4only.test"),
                                        QStringLiteral("192.0.2.5") });
        future.cancel();
    }));
    thread->start();
    QVERIFY(thread->wait(5000));
    QVERIFY(!future.isFinished()); // the request is still in this thread's event queue
    QVERIFY(waitFor(future));
    QVERIFY(future.isCanceled());
    QCOMPARE(future.resultCount(), 0);
    QTRY_COMPARE(resolver.pendingLookups(), 0);
    QCOMPARE(m_server->questionCount(), 0);
    QCOMPARE(resolver.queriesInFlight(), 0);
}

void tst_AresResolver::batchFromAnotherThread()
{
    AresResolver resolver(testOptions());
    QString seen;
    std::atomic<bool> done = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        // Called, waited for and read off the resolver's thread.
        auto future = resolver.lookupHosts({ QStringLiteral("host.test"), QStringLiteral("missing.test"),
                                             QStringLiteral("192.0.2.99"), QStringLiteral("host.test") },
                                           AresResolver::IPv4Family);
        future.waitForFinished();
        seen = describeAll(future, 4);
        done = true;
    }));
    thread->start();
    QTRY_VERIFY(done.load());
    QVERIFY(thread->wait(5000));
    QCOMPARE(seen, QStringLiteral("192.0.2.1/300; error NotFoundError; 192.0.2.99/-1; 192.0.2.1/300"));
    QCOMPARE(resolver.pendingLookups(), 0);
}

void tst_AresResolver::batchEmptyList()
{
    AresResolver resolver(testOptions());
    QFuture<AresHostInfo> future = resolver.lookupHosts({});
    QVERIFY(future.isFinished()); // at once
    QVERIFY(!future.isCanceled());
    QCOMPARE(future.resultCount(), 0);
    QCOMPARE(resolver.pendingLookups(), 0);
    bool continued = false;
    const auto chained = future.then(this, [&](const QFuture<AresHostInfo> &all) { continued = all.resultCount() == 0; });
    QVERIFY(waitFor(chained));
    QVERIFY(continued);
    QCOMPARE(m_server->questionCount(), 0);
}

// Thousands in one batch, through the queue behind the default cap.
void tst_AresResolver::batchMany()
{
    const int count = 5000;
    QStringList names;
    for (int i = 0; i < count; ++i) {
        names.append(QStringLiteral("h%1.test").arg(i));
        m_server->addAddress(names.last(), QHostAddress(quint32(0x0a000000 + i)), quint32(1000 + i % 7));
    }
    AresOptions options = testOptions();
    options.setTimeout(2000ms);
    options.setTries(2);
    AresResolver resolver(options);
    QFutureWatcher<AresHostInfo> watcher;
    QSignalSpy ready(&watcher, &QFutureWatcherBase::resultReadyAt);
    watcher.setFuture(resolver.lookupHosts(names, AresResolver::IPv4Family));
    QCOMPARE(resolver.pendingLookups(), count);
    QVERIFY(waitFor(watcher.future(), 60s));
    QTRY_COMPARE(ready.size(), count); // the watcher's events follow
    int wrong = 0;
    for (int i = 0; i < count; ++i) {
        const AresHostInfo info = watcher.future().resultAt(i);
        if (info.error() != AresError::NoError || info.addresses().size() != 1
            || info.addresses().at(0).toIPv4Address() != quint32(0x0a000000 + i) || info.hostName() != names.at(i))
            ++wrong;
    }
    QCOMPARE(wrong, 0);
    QCOMPARE(resolver.pendingLookups(), 0);
}

// Many batches at once, finishing in the same delivery passes (some
// canceled, with per-lookup futures between them): each gets its own
// results, none is mixed up with another.
void tst_AresResolver::batchesSideBySide()
{
    const QStringList names{ QStringLiteral("host.test"), QStringLiteral("missing.test"),
                             QStringLiteral("v4only.test"), QStringLiteral("192.0.2.77") };
    const QString expected = QStringLiteral("192.0.2.1/300; error NotFoundError; 192.0.2.4/42; 192.0.2.77/-1");
    AresResolver resolver(testOptions());
    QList<QFuture<AresHostInfo>> batches;
    QList<QFuture<AresHostInfo>> singles;
    for (int i = 0; i < 300; ++i) {
        QStringList rotated = names.mid(i % 4) + names.mid(0, i % 4); // results at other indexes
        batches.append(resolver.lookupHosts(rotated, AresResolver::IPv4Family));
        if (i % 7 == 3)
            batches.last().cancel();
        if (i % 10 == 0)
            singles.append(resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family));
    }
    for (const auto &future : std::as_const(batches))
        QVERIFY(waitFor(future, 30s));
    for (int i = 0; i < batches.size(); ++i) {
        if (i % 7 == 3) {
            QVERIFY(batches.at(i).isCanceled());
            continue;
        }
        QVERIFY(!batches.at(i).isCanceled());
        QStringList inOrder = expected.split(QStringLiteral("; "));
        inOrder = inOrder.mid(i % 4) + inOrder.mid(0, i % 4);
        QCOMPARE(describeAll(batches.at(i), 4), inOrder.join(QStringLiteral("; ")));
    }
    for (const auto &future : std::as_const(singles)) {
        QVERIFY(waitFor(future));
        QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.1/300"));
    }
    QTRY_COMPARE(resolver.pendingLookups(), 0);
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
    QCOMPARE(m_server->questions().last().transport, AresTestServer::Transport::Udp);

    options.setFlag(AresOptions::TcpOnly);
    QVERIFY(resolver.setOptions(options));
    future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.1/300"));
    QCOMPARE(m_server->questions().last().transport, AresTestServer::Transport::Tcp);
}

QTEST_GUILESS_MAIN(tst_AresResolver)
#include "tst_aresresolver.moc"
