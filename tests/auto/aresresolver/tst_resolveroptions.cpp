// SPDX-License-Identifier: MIT
// AresResolver against the fake server: the channel options as seen on the wire and in the
// resolver: tries, TCP, EDNS, recursion, search and ndots, rotation, truncation, servers and
// their strings, validation, reconfiguration, local binding.
#include "resolvertestcase.h"

#include <functional>

Q_DECLARE_METATYPE(std::function<void(AresOptions &)>)

class tst_ResolverOptions : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void optionsEquality_data();
    void optionsEquality();
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
    void resolvConfPath();
    void optionsValidation_data();
    void optionsValidation();
    void serverStrings_data();
    void serverStrings();
    void reconfigureWhileRunning();
    void burstDefaults();
    void localBindAddress();
    void localDevice();
    void portsForResolvConfServers();
};

void tst_ResolverOptions::triesOnTheWire()
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

void tst_ResolverOptions::tcpOnly()
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

void tst_ResolverOptions::edns()
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

void tst_ResolverOptions::noRecursion()
{
    AresOptions options = testOptions();
    options.setFlag(AresOptions::NoRecursion);
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(m_server->questions().size(), 1);
    QVERIFY(!m_server->questions().first().recursionDesired);
}

void tst_ResolverOptions::searchDomainsAndNdots()
{
    m_server->addAddress(QStringLiteral("short.corp.test"),
                         QHostAddress(QStringLiteral("192.0.2.30")), 50);
    m_server->addAddress(QStringLiteral("a.b.lab.test"), QHostAddress(QStringLiteral("192.0.2.31")),
                         50);
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
    QCOMPARE(asked,
             QStringList({ QStringLiteral("short.lab.test"), QStringLiteral("short.corp.test") }));

    // 1 dot < ndots 2: still searched first.
    m_server->clearQuestions();
    future = resolver.lookupHost(QStringLiteral("a.b"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()), QStringLiteral("192.0.2.31/50"));
    QCOMPARE(QString::fromLatin1(m_server->questions().first().name),
             QStringLiteral("a.b.lab.test"));

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

void tst_ResolverOptions::rotate()
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
        options.setCacheEnabled(false); // every lookup a query
        AresResolver resolver(options);
        for (int i = 0; i < lookups; ++i) {
            const auto future =
                    resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
            QVERIFY(waitFor(future));
            QCOMPARE(future.result().error(), AresError::NoError);
        }
        if (rotate) {
            QVERIFY2(m_server->questionCount() > 0 && second.questionCount() > 0,
                     qPrintable(QStringLiteral("%1 / %2")
                                        .arg(m_server->questionCount())
                                        .arg(second.questionCount())));
        } else {
            QCOMPARE(m_server->questionCount(), lookups);
            QCOMPARE(second.questionCount(), 0);
        }
    }
}

void tst_ResolverOptions::primaryOnly()
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

void tst_ResolverOptions::truncationRetriesOverTcp()
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

void tst_ResolverOptions::ignoreTruncation()
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

void tst_ResolverOptions::descriptorReuseTruncatedThenRefused()
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
    options.setCacheEnabled(false); // five lookups, five queries (not coalesced)
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

void tst_ResolverOptions::ipv6Server()
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

void tst_ResolverOptions::resolvConfPath()
{
    QTemporaryFile conf;
    QVERIFY(conf.open());
    conf.write(
            QStringLiteral("nameserver 127.0.0.1\nsearch conf.test\noptions ndots:1\n").toLatin1());
    conf.close();
    m_server->addAddress(QStringLiteral("inconf.conf.test"),
                         QHostAddress(QStringLiteral("192.0.2.40")), 10);

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

void tst_ResolverOptions::optionsValidation_data()
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

void tst_ResolverOptions::optionsValidation()
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
    QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral("options rejected, using the defaults")));
    AresResolver fallback(options);
    QVERIFY(fallback.errorString().contains(reason));
    QCOMPARE(fallback.options(), AresOptions());
}

void tst_ResolverOptions::serverStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected"); // empty: rejected

    QTest::newRow("v4") << "127.0.0.1"
                        << "127.0.0.1:53";
    QTest::newRow("v4-port") << "127.0.0.1:5353"
                             << "127.0.0.1:5353";
    QTest::newRow("v6") << "::1"
                        << "[::1]:53";
    QTest::newRow("v6-bracket") << "[::1]"
                                << "[::1]:53";
    QTest::newRow("v6-port") << "[::1]:5353"
                             << "[::1]:5353";
    QTest::newRow("spaces") << " 127.0.0.2:54 "
                            << "127.0.0.2:54";
    QTest::newRow("name") << "localhost"
                          << "";
    QTest::newRow("port-0") << "127.0.0.1:0"
                            << "";
    QTest::newRow("port-big") << "127.0.0.1:65536"
                              << "";
    QTest::newRow("port-text") << "127.0.0.1:dns"
                               << "";
    QTest::newRow("empty-port") << "127.0.0.1:"
                                << "";
    QTest::newRow("v4-in-brackets") << "[127.0.0.1]:53"
                                    << "";
    QTest::newRow("unclosed") << "[::1:53"
                              << "";
    QTest::newRow("empty") << ""
                           << "";
}

void tst_ResolverOptions::serverStrings()
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
        QCOMPARE(options.serverStrings(),
                 QStringList{ QStringLiteral("192.0.2.53:53") }); // unchanged
    }
}

void tst_ResolverOptions::reconfigureWhileRunning()
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
    QCOMPARE(describe(old.result()), QStringLiteral("192.0.2.1/300")); // old configuration
    QCOMPARE(describe(fresh.result()), QStringLiteral("198.51.100.1/5")); // new one
}

// Defaults chosen for bursts (docs/performance.md): an in-flight window that
// starts at 150 queries and adapts up to 1,000, a 1 MiB receive buffer on c-ares's sockets (the
// kernel caps it at net.core.rmem_max and reports twice what it grants).
void tst_ResolverOptions::burstDefaults()
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

void tst_ResolverOptions::localBindAddress()
{
    AresOptions options = testOptions();
    options.setLocalIPv4Address(QHostAddress(QStringLiteral("127.0.0.2")));
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::NoError);
    QCOMPARE(m_server->questions().first().peer, QHostAddress(QStringLiteral("127.0.0.2")));
}

void tst_ResolverOptions::localDevice()
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
    QTest::ignoreMessage(
            QtWarningMsg,
            QRegularExpression(QStringLiteral("cannot bind a socket to device nonexistent0")));
    future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(m_server->questionCount(), 0);
    QVERIFY(future.result().error() != AresError::NoError);
}

void tst_ResolverOptions::portsForResolvConfServers()
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

using OptionChange = std::function<void(AresOptions &)>;

// operator== sees every option: each change makes a copy differ, and only
// that change (set back, the copy equals the defaults again).
void tst_ResolverOptions::optionsEquality_data()
{
    QTest::addColumn<OptionChange>("change");
    QTest::addColumn<OptionChange>("undo");
    const AresOptions defaults;
    auto row = [](const char *name, OptionChange change, OptionChange undo) {
        QTest::newRow(name) << change << undo;
    };
    row(
            "servers",
            [](AresOptions &o) { o.setServers(QStringList{ QStringLiteral("192.0.2.53") }); },
            [](AresOptions &o) { o.setServers(QList<AresServer>{}); });
    row(
            "server port",
            [](AresOptions &o) { o.setServers({ AresServer(QHostAddress::LocalHost, 5353) }); },
            [](AresOptions &o) { o.setServers(QList<AresServer>{}); });
    row(
            "timeout", [](AresOptions &o) { o.setTimeout(o.timeout() + 1ms); },
            [d = defaults](AresOptions &o) { o.setTimeout(d.timeout()); });
    row(
            "tries", [](AresOptions &o) { o.setTries(o.tries() + 1); },
            [d = defaults](AresOptions &o) { o.setTries(d.tries()); });
    row(
            "ndots", [](AresOptions &o) { o.setNdots(3); },
            [d = defaults](AresOptions &o) { o.setNdots(d.ndots()); });
    row(
            "rotate", [](AresOptions &o) { o.setRotate(!o.rotate()); },
            [d = defaults](AresOptions &o) { o.setRotate(d.rotate()); });
    row(
            "flags", [](AresOptions &o) { o.setFlag(AresOptions::StayOpen); },
            [d = defaults](AresOptions &o) { o.setFlags(d.flags()); });
    row(
            "ednsPayloadSize", [](AresOptions &o) { o.setEdnsPayloadSize(4096); },
            [d = defaults](AresOptions &o) { o.setEdnsPayloadSize(d.ednsPayloadSize()); });
    row(
            "searchDomains",
            [](AresOptions &o) { o.setSearchDomains({ QStringLiteral("example.test") }); },
            [d = defaults](AresOptions &o) { o.setSearchDomains(d.searchDomains()); });
    row(
            "lookupOrder",
            [](AresOptions &o) { o.setLookupOrder(AresOptions::LookupOrder::DnsOnly); },
            [d = defaults](AresOptions &o) { o.setLookupOrder(d.lookupOrder()); });
    row(
            "udpPort", [](AresOptions &o) { o.setUdpPort(5353); },
            [d = defaults](AresOptions &o) { o.setUdpPort(d.udpPort()); });
    row(
            "tcpPort", [](AresOptions &o) { o.setTcpPort(5353); },
            [d = defaults](AresOptions &o) { o.setTcpPort(d.tcpPort()); });
    row(
            "localIPv4Address",
            [](AresOptions &o) { o.setLocalIPv4Address(QHostAddress::LocalHost); },
            [d = defaults](AresOptions &o) { o.setLocalIPv4Address(d.localIPv4Address()); });
    row(
            "localIPv6Address",
            [](AresOptions &o) { o.setLocalIPv6Address(QHostAddress::LocalHostIPv6); },
            [d = defaults](AresOptions &o) { o.setLocalIPv6Address(d.localIPv6Address()); });
    row(
            "localDevice", [](AresOptions &o) { o.setLocalDevice(QStringLiteral("lo")); },
            [d = defaults](AresOptions &o) { o.setLocalDevice(d.localDevice()); });
    row(
            "resolvConfPath", [](AresOptions &o) { o.setResolvConfPath(QStringLiteral("/x")); },
            [d = defaults](AresOptions &o) { o.setResolvConfPath(d.resolvConfPath()); });
    row(
            "socketSendBufferSize", [](AresOptions &o) { o.setSocketSendBufferSize(65536); },
            [d = defaults](AresOptions &o) {
                o.setSocketSendBufferSize(d.socketSendBufferSize());
            });
    row(
            "socketReceiveBufferSize", [](AresOptions &o) { o.setSocketReceiveBufferSize(4096); },
            [d = defaults](AresOptions &o) {
                o.setSocketReceiveBufferSize(d.socketReceiveBufferSize());
            });
    row(
            "maxQueriesInFlight", [](AresOptions &o) { o.setMaxQueriesInFlight(7); },
            [d = defaults](AresOptions &o) { o.setMaxQueriesInFlight(d.maxQueriesInFlight()); });
    row(
            "adaptiveQueryWindow",
            [](AresOptions &o) { o.setAdaptiveQueryWindow(!o.adaptiveQueryWindow()); },
            [d = defaults](AresOptions &o) { o.setAdaptiveQueryWindow(d.adaptiveQueryWindow()); });
    row(
            "deadline", [](AresOptions &o) { o.setDeadline(o.deadline() + 1ms); },
            [d = defaults](AresOptions &o) { o.setDeadline(d.deadline()); });
    row(
            "watchSystemConfiguration",
            [](AresOptions &o) { o.setWatchSystemConfiguration(!o.watchSystemConfiguration()); },
            [d = defaults](AresOptions &o) {
                o.setWatchSystemConfiguration(d.watchSystemConfiguration());
            });
    row(
            "cacheEnabled", [](AresOptions &o) { o.setCacheEnabled(!o.cacheEnabled()); },
            [d = defaults](AresOptions &o) { o.setCacheEnabled(d.cacheEnabled()); });
    row(
            "maximumCacheEntries", [](AresOptions &o) { o.setMaximumCacheEntries(7); },
            [d = defaults](AresOptions &o) { o.setMaximumCacheEntries(d.maximumCacheEntries()); });
    row(
            "minimumTtl", [](AresOptions &o) { o.setMinimumTtl(5s); },
            [d = defaults](AresOptions &o) { o.setMinimumTtl(d.minimumTtl()); });
    row(
            "maximumTtl", [](AresOptions &o) { o.setMaximumTtl(60s); },
            [d = defaults](AresOptions &o) { o.setMaximumTtl(d.maximumTtl()); });
    row(
            "maximumNegativeTtl", [](AresOptions &o) { o.setMaximumNegativeTtl(60s); },
            [d = defaults](AresOptions &o) { o.setMaximumNegativeTtl(d.maximumNegativeTtl()); });
    row(
            "staleAnswerLimit", [](AresOptions &o) { o.setStaleAnswerLimit(60s); },
            [d = defaults](AresOptions &o) { o.setStaleAnswerLimit(d.staleAnswerLimit()); });
    row(
            "encryptionProfile",
            [](AresOptions &o) {
                o.setEncryptionProfile(AresOptions::EncryptionProfile::Opportunistic);
            },
            [d = defaults](AresOptions &o) { o.setEncryptionProfile(d.encryptionProfile()); });
    row(
            "sslConfiguration",
            [](AresOptions &o) {
                QSslConfiguration ssl = o.sslConfiguration();
                ssl.setCaCertificates({});
                o.setSslConfiguration(ssl);
            },
            [d = defaults](AresOptions &o) { o.setSslConfiguration(d.sslConfiguration()); });
}

void tst_ResolverOptions::optionsEquality()
{
    QFETCH(OptionChange, change);
    QFETCH(OptionChange, undo);
    const AresOptions defaults;
    AresOptions changed = defaults;
    change(changed);
    QVERIFY(!(changed == defaults));
    QVERIFY(changed != defaults);
    const AresOptions copy = changed;
    QCOMPARE(copy, changed);
    undo(changed);
    QCOMPARE(changed, defaults);
}

QTEST_GUILESS_MAIN(tst_ResolverOptions)
#include "tst_resolveroptions.moc"
