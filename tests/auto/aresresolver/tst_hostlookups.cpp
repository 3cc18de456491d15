// SPDX-License-Identifier: MIT
// AresResolver against the fake server: host and reverse lookups: families, CNAME chains,
// canonical names, address order, IP literals, names and IDNA, PTR, the hosts file.
#include "resolvertestcase.h"

class tst_HostLookups : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void lookupFamilies_data();
    void lookupFamilies();
    void cnameChain_data();
    void cnameChain();
    void canonicalNameOfNameAskedFor_data();
    void canonicalNameOfNameAskedFor();
    void addressOrder_data();
    void addressOrder();
    void ipLiteralWithoutNetwork();
    void invalidNames_data();
    void invalidNames();
    void idnaName();
    void reverseLookup();
    void reverseLookupAliases();
    void hostsFile();
};

void tst_HostLookups::lookupFamilies_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<QString>("expected");

    QTest::newRow("a") << "host.test" << AresResolver::IPv4Family << "192.0.2.1/300";
    QTest::newRow("aaaa") << "host.test" << AresResolver::IPv6Family << "2001:db8::1/600";
    QTest::newRow("any") << "host.test" << AresResolver::AnyFamily
                         << "192.0.2.1/300 2001:db8::1/600";
    QTest::newRow("a-multi") << "two.test" << AresResolver::IPv4Family
                             << "192.0.2.21/100 192.0.2.22/100";
    QTest::newRow("any-v4only") << "v4only.test" << AresResolver::AnyFamily << "192.0.2.4/42";
    QTest::newRow("case-insensitive") << "HoSt.TeSt" << AresResolver::IPv4Family << "192.0.2.1/300";
    QTest::newRow("absolute") << "host.test." << AresResolver::IPv4Family << "192.0.2.1/300";
    QTest::newRow("aaaa-nodata") << "v4only.test" << AresResolver::IPv6Family
                                 << "error NoDataError";
    QTest::newRow("nxdomain") << "missing.test" << AresResolver::AnyFamily << "error NotFoundError";
    QTest::newRow("literal-v4") << "198.51.100.7" << AresResolver::AnyFamily << "198.51.100.7/-1";
    QTest::newRow("literal-v6") << "2001:db8::7" << AresResolver::IPv6Family << "2001:db8::7/-1";
    QTest::newRow("literal-v4-as-v6")
            << "198.51.100.7" << AresResolver::IPv6Family << "error NoDataError";
}

void tst_HostLookups::lookupFamilies()
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
        QCOMPARE(info.canonicalName().toLower(),
                 name.toLower().chopped(name.endsWith(u'.') ? 1 : 0));
    QVERIFY(info.lookupId() > 0);
}

void tst_HostLookups::cnameChain_data()
{
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ipv4") << AresResolver::IPv4Family << QStringLiteral("192.0.2.80/20");
    QTest::newRow("ipv6") << AresResolver::IPv6Family << QStringLiteral("2001:db8::80/25");
    // Two queries, one chain: listed once (c-ares 1.18 gives it once per query).
    QTest::newRow("any") << AresResolver::AnyFamily
                         << QStringLiteral("192.0.2.80/20 2001:db8::80/25");
}

void tst_HostLookups::cnameChain()
{
    QFETCH(AresResolver::Family, family);
    QFETCH(QString, expected);
    m_server->addCname(QStringLiteral("www.test"), QStringLiteral("edge.test"), 60);
    m_server->addCname(QStringLiteral("edge.test"), QStringLiteral("cdn.test"), 40);
    m_server->addCname(QStringLiteral("cdn.test"), QStringLiteral("origin.test"), 30);
    m_server->addAddress(QStringLiteral("origin.test"), QHostAddress(QStringLiteral("192.0.2.80")),
                         20);
    m_server->addAddress(QStringLiteral("origin.test"),
                         QHostAddress(QStringLiteral("2001:db8::80")), 25);

    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QStringLiteral("www.test"), family);
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(describe(info), expected);
    QCOMPARE(info.canonicalName(), QStringLiteral("origin.test"));
    QCOMPARE(info.aliases(),
             QStringList({ QStringLiteral("www.test"), QStringLiteral("edge.test"),
                           QStringLiteral("cdn.test") }));
    QCOMPARE(info.hostName(), QStringLiteral("www.test"));
    QCOMPARE(info.aceCanonicalName(), QStringLiteral("origin.test"));
    // The chain as records, each with its own TTL.
    QStringList chain;
    for (const AresRecord &record : info.cnameChain())
        chain.append(record.toString());
    QCOMPARE(chain.join(u';'),
             QStringLiteral("www.test. 60 IN CNAME edge.test.;edge.test. 40 IN CNAME cdn.test.;"
                            "cdn.test. 30 IN CNAME origin.test."));
}

// ares_getaddrinfo runs with ARES_AI_NOSORT; QAres sorts answers of two or
// more addresses itself, with the RFC 6724 rules c-ares 1.18 applies.
// Without a CNAME the canonical name is the name asked for as
// hostNameFromAce() makes it (lower case; "??--" labels through IDNA):
// plain names skip that second scan, the others must not.
void tst_HostLookups::canonicalNameOfNameAskedFor_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("hostName");
    QTest::addColumn<QString>("canonicalName");

    QTest::newRow("plain") << "canon.test"
                           << "canon.test"
                           << "canon.test";
    QTest::newRow("absolute") << "canon.test."
                              << "canon.test"
                              << "canon.test";
    QTest::newRow("underscore-digits") << "a_1.b-2.test"
                                       << "a_1.b-2.test"
                                       << "a_1.b-2.test";
    QTest::newRow("upper-case") << "CaNon.TEST"
                                << "CaNon.TEST"
                                << "canon.test";
    // QUrl::fromAce() refuses labels that start or end with '-' (an empty
    // canonical name; unchanged behaviour, kept by the fast path).
    QTest::newRow("hyphen-first") << "-lead.test"
                                  << "-lead.test"
                                  << "";
    QTest::newRow("hyphen-last") << "trail-.test"
                                 << "trail-.test"
                                 << "";
    QTest::newRow("double-hyphen") << "ab--cd.test"
                                   << "ab--cd.test"
                                   << "ab--cd.test";
    QTest::newRow("idna") << QStringLiteral("bücher.test") << QStringLiteral("bücher.test")
                          << QStringLiteral("bücher.test");
    QTest::newRow("ace-asked") << "xn--bcher-kva.test"
                               << "xn--bcher-kva.test" << QStringLiteral("bücher.test");
}

void tst_HostLookups::canonicalNameOfNameAskedFor()
{
    QFETCH(QString, name);
    QFETCH(QString, hostName);
    QFETCH(QString, canonicalName);

    const QString served = name.endsWith(u'.') ? name.chopped(1) : name;
    const bool ascii =
            std::all_of(served.begin(), served.end(), [](QChar c) { return c.unicode() < 0x80; });
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

void tst_HostLookups::addressOrder_data()
{
    QTest::addColumn<QString>("a"); // space-separated
    QTest::addColumn<QString>("aaaa");
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("needsIPv6");

    // Rule 6: ::1 (precedence 50) before IPv4 (35), whatever the answer order.
    QTest::newRow("v6-loopback-first")
            << "127.0.0.1"
            << "::1" << AresResolver::AnyFamily << "::1 127.0.0.1" << true;
    // Rule 1: fe80::1 without a scope id cannot be connected to: last.
    QTest::newRow("unusable-last")
            << "127.0.0.1"
            << "fe80::1" << AresResolver::AnyFamily << "127.0.0.1 fe80::1" << false;
    // Rule 10: otherwise the server's order stays.
    QTest::newRow("v4-server-order")
            << "127.0.0.2 127.0.0.1 127.0.0.3"
            << "" << AresResolver::IPv4Family << "127.0.0.2 127.0.0.1 127.0.0.3" << false;
    QTest::newRow("v4-one") << "127.0.0.9"
                            << "::1" << AresResolver::IPv4Family << "127.0.0.9" << false;
}

void tst_HostLookups::addressOrder()
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
        const bool usable = fd >= 0
                && ::connect(fd, reinterpret_cast<sockaddr *>(&loopback), sizeof loopback) == 0;
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

void tst_HostLookups::ipLiteralWithoutNetwork()
{
    AresResolver resolver(testOptions());
    auto v4 = resolver.lookupHost(QStringLiteral("198.51.100.7"));
    auto v6 = resolver.lookupHost(QStringLiteral("2001:db8::42"));
    QVERIFY(!v4.isFinished()); // delivered from the event loop, never inside the call
    QVERIFY(waitFor(v4));
    QVERIFY(waitFor(v6));
    QCOMPARE(v4.result().addresses(),
             QList<QHostAddress>{ QHostAddress(QStringLiteral("198.51.100.7")) });
    QCOMPARE(v6.result().addresses(),
             QList<QHostAddress>{ QHostAddress(QStringLiteral("2001:db8::42")) });
    QCOMPARE(m_server->questionCount(), 0);
}

void tst_HostLookups::invalidNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QString() << "empty";
    QTest::newRow("root") << "."
                          << "empty label";
    QTest::newRow("too-long") << (QString(QString(63, u'a') + u'.').repeated(4) + u"com") << "253";
    QTest::newRow("label-too-long") << (QString(64, u'a') + u".test") << "63";
    QTest::newRow("empty-label") << "a..test"
                                 << "empty label";
    QTest::newRow("leading-dot") << ".test"
                                 << "empty label";
    QTest::newRow("nul") << QStringView(u"host\0.test", 10).toString() << "NUL";
    QTest::newRow("control") << "host\t.test"
                             << "control";
    QTest::newRow("space") << "exam ple.test"
                           << "' '";
    QTest::newRow("bad-ipv4") << "256.1.1.1"
                              << "IPv4";
    QTest::newRow("short-ipv4") << "10.1.1"
                                << "IPv4";
    QTest::newRow("bad-ipv6") << "2001:db8::1::2"
                              << "IPv6";
    QTest::newRow("scoped-ipv6") << "fe80::1%eth0"
                                 << "IPv6";
    QTest::newRow("bad-idna") << QStringLiteral("xn--a.test") << "";
}

void tst_HostLookups::invalidNames()
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

void tst_HostLookups::idnaName()
{
    m_server->addAddress(QStringLiteral("xn--bcher-kva.test"),
                         QHostAddress(QStringLiteral("192.0.2.55")), 77);
    AresResolver resolver(testOptions());
    const auto future =
            resolver.lookupHost(QStringLiteral("Bücher.test"), AresResolver::IPv4Family);
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

void tst_HostLookups::reverseLookup()
{
    m_server->addPtr(QStringLiteral("5.2.0.192.in-addr.arpa"), QStringLiteral("five.test"), 100);
    m_server->addPtr(
            QStringLiteral(
                    "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"),
            QStringLiteral("six.test"), 100);
    AresResolver resolver(testOptions());
    const auto v4 = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.5")));
    const auto v6 = resolver.lookupAddress(QHostAddress(QStringLiteral("2001:db8::1")));
    QVERIFY(waitFor(v4));
    QVERIFY(waitFor(v6));
    QCOMPARE(v4.result().error(), AresError::NoError);
    QCOMPARE(v4.result().hostName(), QStringLiteral("five.test"));
    QCOMPARE(v4.result().addresses(),
             QList<QHostAddress>{ QHostAddress(QStringLiteral("192.0.2.5")) });
    QCOMPARE(v6.result().hostName(), QStringLiteral("six.test"));
    QCOMPARE(m_server->questionCount(QStringLiteral("5.2.0.192.in-addr.arpa"), TypePTR), 1);
}

// Several PTR names: the first is hostName(), the others aliases(), each once.
void tst_HostLookups::reverseLookupAliases()
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
    QCOMPARE(names,
             (QStringList{ QStringLiteral("a.test"), QStringLiteral("b.test"),
                           QStringLiteral("c.test") }));
}

void tst_HostLookups::hostsFile()
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
    QCOMPARE(future.result().addresses(),
             QList<QHostAddress>{ QHostAddress(QStringLiteral("192.0.2.200")) });
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

QTEST_GUILESS_MAIN(tst_HostLookups)
#include "tst_hostlookups.moc"
