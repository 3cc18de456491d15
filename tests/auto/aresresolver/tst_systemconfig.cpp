// SPDX-License-Identifier: MIT
// AresResolver following the system's configuration: resolv.conf and the
// hosts file rewritten or replaced by a rename while the resolver runs
// (AresOptions::watchSystemConfiguration()).
#include "resolvertestcase.h"

#include <QtCore/qscopeguard.h>
#include <QtCore/qtemporarydir.h>
#include <QtNetwork/qnetworkinformation.h>

namespace {

// Writes \a path as NetworkManager and systemd-resolved do: a new file
// renamed over the old one.
bool replaceFile(const QString &path, const QByteArray &contents)
{
    const QString temporary = path + QStringLiteral(".new");
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        return false;
    file.close();
    return ::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData())
            == 0;
}

bool rewriteFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            && file.write(contents) == contents.size();
}

QByteArray resolvConf(const char *domain)
{
    return QByteArray("nameserver 127.0.0.1\nsearch ") + domain + "\noptions ndots:1\n";
}

} // namespace

class tst_SystemConfig : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void resolvConfChanged_data();
    void resolvConfChanged();
    void pendingLookupsFinishOnTheOldConfiguration();
    void explicitServersStay();
    void hostsFileChanged();
    void notFollowedWhenOff();
    void unusableFileKeepsTheConfiguration();
    void deleteResolverInSlot();
    void oneWatcherPerThread();
    void reloadOnRequest();
    void reloadOnRequestKeepsAConfigurationInForce();
    void networkChanged();

private:
    // Options reading the test's resolv.conf: its nameserver is the fake
    // server through udpPort()/tcpPort().
    AresOptions confOptions(const QString &path) const
    {
        AresOptions options;
        options.setResolvConfPath(path);
        options.setUdpPort(m_server->port());
        options.setTcpPort(m_server->port());
        options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
        options.setTries(1);
        options.setTimeout(300ms);
        return options;
    }
    QString describeLookup(AresResolver &resolver, const QString &name)
    {
        auto future = resolver.lookupHost(name, AresResolver::IPv4Family);
        if (!waitFor(future))
            return QStringLiteral("unfinished");
        return describe(future.result());
    }
    void addDomains()
    {
        m_server->addAddress(QStringLiteral("inconf.one.test"),
                             QHostAddress(QStringLiteral("192.0.2.41")), 10);
        m_server->addAddress(QStringLiteral("inconf.two.test"),
                             QHostAddress(QStringLiteral("192.0.2.42")), 10);
    }

    QTemporaryDir m_dir;
};

void tst_SystemConfig::resolvConfChanged_data()
{
    QTest::addColumn<bool>("byRename");
    QTest::newRow("replaced by a rename") << true;
    QTest::newRow("rewritten in place") << false;
}

void tst_SystemConfig::resolvConfChanged()
{
    QFETCH(bool, byRename);
    addDomains();
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, resolvConf("one.test")));
    const AresOptions options = confOptions(path);
    AresResolver resolver(options);
    QSignalSpy changed(&resolver, &AresResolver::systemConfigurationChanged);
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));

    QVERIFY(byRename ? replaceFile(path, resolvConf("two.test"))
                     : rewriteFile(path, resolvConf("two.test")));
    QVERIFY(changed.wait(5000));
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.42/10"));
    QCOMPARE(resolver.options(), options);

    // And again: a replaced file is followed after the replacement too.
    QVERIFY(replaceFile(path, resolvConf("one.test")));
    QVERIFY(changed.wait(5000));
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));
    QCOMPARE(changed.size(), 2);
}

void tst_SystemConfig::pendingLookupsFinishOnTheOldConfiguration()
{
    addDomains();
    m_server->setFault(QStringLiteral("inconf.one.test"), Fault{ FaultKind::None, 400ms, -1 });
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, resolvConf("one.test")));
    AresOptions options = confOptions(path);
    options.setTimeout(2000ms);
    AresResolver resolver(options);
    QSignalSpy changed(&resolver, &AresResolver::systemConfigurationChanged);
    int results = 0;
    auto pending = resolver.lookupHost(QStringLiteral("inconf"), AresResolver::IPv4Family);
    pending.then(&resolver, [&results](const AresHostInfo &) { ++results; });
    QTRY_COMPARE(m_server->questionCount(QStringLiteral("inconf.one.test"), TypeA), 1);

    QVERIFY(replaceFile(path, resolvConf("two.test")));
    QVERIFY(changed.wait(5000));
    QVERIFY(!pending.isFinished());
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.42/10"));
    QVERIFY(waitFor(pending));
    QCOMPARE(describe(pending.result()), QStringLiteral("192.0.2.41/10"));
    QTRY_COMPARE(results, 1);
    QTest::qWait(50);
    QCOMPARE(results, 1);
}

// Servers set with setServers() are never replaced by the file's; the file
// still gives the search domains.
void tst_SystemConfig::explicitServersStay()
{
    addDomains();
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, "nameserver 127.0.0.9\nsearch one.test\noptions ndots:1\n"));
    AresOptions options = confOptions(path);
    options.setServers(QStringList{ m_server->serverString() });
    AresResolver resolver(options);
    QSignalSpy changed(&resolver, &AresResolver::systemConfigurationChanged);
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));
    QVERIFY(replaceFile(path, "nameserver 127.0.0.8\nsearch two.test\noptions ndots:1\n"));
    QVERIFY(changed.wait(5000));
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.42/10"));
    QCOMPARE(resolver.options().serverStrings(), QStringList{ m_server->serverString() });
}

void tst_SystemConfig::hostsFileChanged()
{
    const QString hosts = m_dir.filePath(QStringLiteral("hosts"));
    QVERIFY(rewriteFile(hosts, "192.0.2.200 fromhosts.test\n"));
    qputenv("CARES_HOSTS", QFile::encodeName(hosts));
    auto restore = qScopeGuard([] { qunsetenv("CARES_HOSTS"); });
    AresOptions options = testOptions();
    options.setLookupOrder(AresOptions::LookupOrder::HostsFileThenDns);
    options.setWatchSystemConfiguration(true);
    AresResolver resolver(options);
    QSignalSpy changed(&resolver, &AresResolver::systemConfigurationChanged);
    QCOMPARE(describeLookup(resolver, QStringLiteral("fromhosts.test")),
             QStringLiteral("192.0.2.200/0"));
    QVERIFY(replaceFile(hosts, "192.0.2.201 fromhosts.test\n"));
    QVERIFY(changed.wait(5000));
    QCOMPARE(describeLookup(resolver, QStringLiteral("fromhosts.test")),
             QStringLiteral("192.0.2.201/0"));
    QCOMPARE(m_server->questionCount(), 0);
}

void tst_SystemConfig::notFollowedWhenOff()
{
    addDomains();
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, resolvConf("one.test")));
    AresOptions options = confOptions(path);
    options.setWatchSystemConfiguration(false);
    AresResolver resolver(options);
    QSignalSpy changed(&resolver, &AresResolver::systemConfigurationChanged);
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));
    QVERIFY(replaceFile(path, resolvConf("two.test")));
    QTest::qWait(300);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));

    // Turned on: followed from then on.
    options.setWatchSystemConfiguration(true);
    QVERIFY(resolver.setOptions(options)); // a fresh channel reads the file now
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.42/10"));
    QVERIFY(replaceFile(path, resolvConf("one.test")));
    QVERIFY(changed.wait(5000));
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));
}

// A file c-ares must not read (a line starting with NUL, CVE-2024-25629):
// no reload, no signal, the configuration in force keeps working.
void tst_SystemConfig::unusableFileKeepsTheConfiguration()
{
    addDomains();
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, resolvConf("one.test")));
    AresResolver resolver(confOptions(path));
    QSignalSpy changed(&resolver, &AresResolver::systemConfigurationChanged);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not following .*NUL")));
    QVERIFY(replaceFile(path, QByteArray("nameserver 127.0.0.1\n\0search two.test\n", 39)));
    QTest::qWait(300);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));
    // Mended: followed again.
    QVERIFY(replaceFile(path, resolvConf("two.test")));
    QVERIFY(changed.wait(5000));
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.42/10"));
}

void tst_SystemConfig::deleteResolverInSlot()
{
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, resolvConf("one.test")));
    // Two resolvers of the thread share the watcher: the first one's slot
    // deletes both, the last holder of the watcher included.
    auto *first = new AresResolver(confOptions(path));
    QPointer<AresResolver> second = new AresResolver(confOptions(path));
    bool called = false;
    connect(first, &AresResolver::systemConfigurationChanged, first, [&] {
        called = true;
        delete second;
        delete first;
    });
    QVERIFY(replaceFile(path, resolvConf("two.test")));
    QTRY_VERIFY_WITH_TIMEOUT(called, 5000);
    QVERIFY(second.isNull());
    // A resolver made afterwards watches again.
    AresResolver again(confOptions(path));
    QSignalSpy changed(&again, &AresResolver::systemConfigurationChanged);
    QVERIFY(replaceFile(path, resolvConf("one.test")));
    QVERIFY(changed.wait(5000));
}

// The resolvers of one thread share one watcher: twenty resolvers hold the
// descriptors one does, and each follows the change.
void tst_SystemConfig::oneWatcherPerThread()
{
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, resolvConf("one.test")));
    // The application's QNetworkInformation backend, which the first watching
    // resolver loads, stays for the process (as it would for the application).
    QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability);
    const int before = openDescriptors();
    std::vector<std::unique_ptr<AresResolver>> resolvers;
    resolvers.push_back(std::make_unique<AresResolver>(confOptions(path)));
    const int withOne = openDescriptors();
    QVERIFY(withOne > before); // the watcher's descriptor
    for (int i = 1; i < 20; ++i)
        resolvers.push_back(std::make_unique<AresResolver>(confOptions(path)));
    QCOMPARE(openDescriptors(), withOne);
    int signals = 0;
    for (const auto &resolver : resolvers)
        connect(resolver.get(), &AresResolver::systemConfigurationChanged, this,
                [&] { ++signals; });
    QVERIFY(replaceFile(path, resolvConf("two.test")));
    QTRY_COMPARE_WITH_TIMEOUT(signals, 20, 5000);
    resolvers.clear();
    QCOMPARE(openDescriptors(), before);
}

void tst_SystemConfig::reloadOnRequest()
{
    addDomains();
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, resolvConf("one.test")));
    AresOptions options = confOptions(path);
    options.setWatchSystemConfiguration(false);
    AresResolver resolver(options);
    QSignalSpy changed(&resolver, &AresResolver::systemConfigurationChanged);
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));

    QVERIFY(replaceFile(path, resolvConf("two.test")));
    QTest::qWait(200); // not watched: still the first file
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));
    QVERIFY(resolver.reloadSystemConfiguration());
    QCOMPARE(changed.size(), 1); // emitted before the call returned
    QCOMPARE(resolver.errorString(), QString());
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.42/10"));
    QCOMPARE(resolver.options(), options);
}

void tst_SystemConfig::reloadOnRequestKeepsAConfigurationInForce()
{
    addDomains();
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, resolvConf("one.test")));
    AresOptions options = confOptions(path);
    options.setWatchSystemConfiguration(false);
    AresResolver resolver(options);
    QSignalSpy changed(&resolver, &AresResolver::systemConfigurationChanged);
    QVERIFY(replaceFile(path, QByteArray("nameserver 127.0.0.1\n\0search two.test\n", 39)));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("not following .*NUL")));
    QVERIFY(!resolver.reloadSystemConfiguration());
    QVERIFY2(resolver.errorString().contains(u"NUL"), qPrintable(resolver.errorString()));
    QCOMPARE(changed.size(), 0);
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf")), QStringLiteral("192.0.2.41/10"));
}

void tst_SystemConfig::networkChanged()
{
    addDomains();
    // Answered late, so that the old channel's socket is still open when
    // the new channel opens its own: their ports differ.
    m_server->setFault(QStringLiteral("inconf.one.test"), Fault{ FaultKind::None, 400ms, -1 });
    const QString path = m_dir.filePath(QStringLiteral("resolv.conf"));
    QVERIFY(rewriteFile(path, resolvConf("one.test")));
    AresOptions options = confOptions(path);
    options.setTimeout(2000ms);
    AresResolver resolver(options); // watching: loads a QNetworkInformation backend
    options.setWatchSystemConfiguration(false);
    AresResolver notWatching(options);
    QNetworkInformation *information = QNetworkInformation::instance();
    if (!information)
        QSKIP("no QNetworkInformation backend could be loaded here (none installed)");
    QSignalSpy changed(&resolver, &AresResolver::systemConfigurationChanged);
    QSignalSpy notChanged(&notWatching, &AresResolver::systemConfigurationChanged);

    auto pending = resolver.lookupHost(QStringLiteral("inconf"), AresResolver::IPv4Family);
    QTRY_COMPARE(m_server->questionCount(QStringLiteral("inconf.one.test"), TypeA), 1);
    const quint16 oldPort = m_server->questions().constLast().peerPort;

    // What the backend reports when the machine goes offline and back: one
    // reload once it settled.
    using Reachability = QNetworkInformation::Reachability;
    const Reachability now = information->reachability();
    const Reachability other =
            now == Reachability::Disconnected ? Reachability::Online : Reachability::Disconnected;
    Q_EMIT information->reachabilityChanged(other);
    Q_EMIT information->reachabilityChanged(now);
    QVERIFY(changed.wait(5000));
    QVERIFY(!pending.isFinished()); // still on the old channel
    m_server->clearQuestions();
    QCOMPARE(describeLookup(resolver, QStringLiteral("inconf.two.test")),
             QStringLiteral("192.0.2.42/10"));
    QCOMPARE(m_server->questionCount(), 1);
    QVERIFY(m_server->questions().constFirst().peerPort != oldPort); // a new socket

    QVERIFY(waitFor(pending));
    QCOMPARE(describe(pending.result()), QStringLiteral("192.0.2.41/10"));
    // The same medium and reachability again: no change.
    Q_EMIT information->reachabilityChanged(now);
    QTest::qWait(200);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(notChanged.size(), 0);
}

QTEST_GUILESS_MAIN(tst_SystemConfig)
#include "tst_systemconfig.moc"
