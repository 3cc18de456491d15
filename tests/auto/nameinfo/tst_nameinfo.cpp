// SPDX-License-Identifier: MIT
// Name-info lookups (AresResolver::lookupNameInfo(), getnameinfo's host and
// service) against the in-process fake server: flags, failures, bad input and
// every result shape, each finishing exactly once.
#include "resolvertestcase.h"

#include <QtCore/qsysinfo.h>

namespace {

// The first name /etc/services gives \a port for \a protocol, read here
// without the C library (what getservbyport() should find); the port as a
// number when the file has none.
QString servicesFileName(quint16 port, const QString &protocol)
{
    QFile file(QStringLiteral("/etc/services"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return QStringLiteral("(no /etc/services)");
    const QString wanted = QString::number(port) + u'/' + protocol;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    for (int lines = 0; !file.atEnd() && lines < 100000; ++lines) {
        QString line = QString::fromLatin1(file.readLine());
        line.truncate(line.indexOf(u'#') < 0 ? line.size() : line.indexOf(u'#'));
        const QStringList fields = line.split(space, Qt::SkipEmptyParts);
        if (fields.size() >= 2 && fields.at(1) == wanted)
            return fields.at(0);
    }
    return QString::number(port);
}

// One line per result: "host service [numeric]" or "error NAME".
QString describe(const AresNameInfo &info)
{
    if (info.error() != AresError::NoError)
        return QStringLiteral("error ")
                + QString::fromLatin1(
                        QMetaEnum::fromType<AresError>().valueToKey(int(info.error())));
    QString text = info.hostName() + u' '
            + (info.serviceName().isEmpty() ? QStringLiteral("-") : info.serviceName());
    if (info.isNumericHost())
        text += QStringLiteral(" numeric");
    return text;
}

// The machine's domain as c-ares's NOFQDN finds it: gethostname() after its first dot.
QString ownDomain()
{
    const QString host = QSysInfo::machineHostName();
    const qsizetype dot = host.indexOf(u'.');
    return dot < 0 ? QString() : host.mid(dot);
}

} // namespace

class tst_NameInfo : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void servicesFile();
    void nameInfo_data();
    void nameInfo();
    void noFqdn();
    void everyShape_data();
    void everyShape();
    void badInputInEveryShape();
    void abortAndDestroy();
    void deadlineAndQueue();
    void fromAnotherThread();
    void debugStream();

private:
    void addRecords() override;
};

void tst_NameInfo::addRecords()
{
    m_server->addPtr(QStringLiteral("5.2.0.192.in-addr.arpa"), QStringLiteral("five.test"));
    m_server->addPtr(QStringLiteral("6.2.0.192.in-addr.arpa"),
                     QStringLiteral("xn--bcher-kva.test"));
    m_server->addPtr(AresTestServer::reverseName(QHostAddress(QStringLiteral("2001:db8::1"))),
                     QStringLiteral("six.test"));
}

// The service names the rows expect come from /etc/services itself.
void tst_NameInfo::servicesFile()
{
    QVERIFY2(QFile::exists(QStringLiteral("/etc/services")),
             "/etc/services is missing (Debian's netbase package)");
    QCOMPARE(servicesFileName(80, QStringLiteral("tcp")), QStringLiteral("http"));
    QCOMPARE(servicesFileName(53, QStringLiteral("udp")), QStringLiteral("domain"));
}

void tst_NameInfo::nameInfo_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("port");
    QTest::addColumn<AresNameInfo::Flags>("flags");
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("queries"); // PTR queries the server should see

    using F = AresNameInfo;
    const int none = int(FaultKind::None);
    const QString five = QStringLiteral("192.0.2.5");
    const QString six = QStringLiteral("2001:db8::1");
    const QString nameless = QStringLiteral("192.0.2.99");
    auto tcp = [](quint16 port) { return servicesFileName(port, QStringLiteral("tcp")); };
    auto udp = [](quint16 port) { return servicesFileName(port, QStringLiteral("udp")); };

    QTest::newRow("v4-http") << five << 80 << F::Flags() << none
                             << QStringLiteral("five.test ") + tcp(80) << 1;
    QTest::newRow("v6-https") << six << 443 << F::Flags() << none
                              << QStringLiteral("six.test ") + tcp(443) << 1;
    QTest::newRow("port-0") << five << 0 << F::Flags() << none << QStringLiteral("five.test -")
                            << 1;
    QTest::newRow("udp-domain") << five << 53 << F::Flags(F::DatagramService) << none
                                << QStringLiteral("five.test ") + udp(53) << 1;
    QTest::newRow("sctp-amqp") << five << 5672 << F::Flags(F::SctpService) << none
                               << QStringLiteral("five.test ")
                    + servicesFileName(5672, QStringLiteral("sctp"))
                               << 1;
    QTest::newRow("dccp") << five << 80 << F::Flags(F::DccpService) << none
                          << QStringLiteral("five.test ")
                    + servicesFileName(80, QStringLiteral("dccp"))
                          << 1;
    QTest::newRow("no-service") << five << 4 << F::Flags() << none
                                << QStringLiteral("five.test ") + tcp(4) << 1;
    QTest::newRow("numeric-service") << five << 80 << F::Flags(F::NumericService) << none
                                     << QStringLiteral("five.test 80") << 1;
    QTest::newRow("numeric-host") << five << 80 << F::Flags(F::NumericHost) << none
                                  << QStringLiteral("192.0.2.5 ") + tcp(80)
                    + QStringLiteral(" numeric")
                                  << 0;
    QTest::newRow("numeric-host-v6") << six << 8080 << F::Flags(F::NumericHost | F::NumericService)
                                     << none << QStringLiteral("2001:db8::1 8080 numeric") << 0;
    QTest::newRow("idn-off") << QStringLiteral("192.0.2.6") << 0 << F::Flags() << none
                             << QStringLiteral("xn--bcher-kva.test -") << 1;
    QTest::newRow("idn-on") << QStringLiteral("192.0.2.6") << 0 << F::Flags(F::IdnHostName) << none
                            << QStringLiteral("b\u00fccher.test -") << 1;
    // No name: the numeric form, unless a name is required.
    QTest::newRow("nxdomain-numeric")
            << nameless << 80 << F::Flags() << none
            << QStringLiteral("192.0.2.99 ") + tcp(80) + QStringLiteral(" numeric") << 1;
    QTest::newRow("nodata-numeric")
            << five << 80 << F::Flags() << int(FaultKind::NoData)
            << QStringLiteral("192.0.2.5 ") + tcp(80) + QStringLiteral(" numeric") << 1;
    QTest::newRow("nxdomain-namereqd") << nameless << 80 << F::Flags(F::NameRequired) << none
                                       << QStringLiteral("error NotFoundError") << 1;
    QTest::newRow("v6-nxdomain-numeric") << QStringLiteral("2001:db8::99") << 0 << F::Flags()
                                         << none << QStringLiteral("2001:db8::99 - numeric") << 1;
    // A failure is an error, never the numeric form (c-ares would give that).
    QTest::newRow("servfail") << five << 80 << F::Flags() << int(FaultKind::ServFail)
                              << QStringLiteral("error ServerFailureError") << 1;
    QTest::newRow("refused") << five << 80 << F::Flags() << int(FaultKind::Refused)
                             << QStringLiteral("error ServerRefusedError") << 1;
    QTest::newRow("timeout") << five << 80 << F::Flags() << int(FaultKind::Drop)
                             << QStringLiteral("error TimeoutError") << 1;
    QTest::newRow("v6-timeout-namereqd")
            << six << 80 << F::Flags(F::NameRequired) << int(FaultKind::Drop)
            << QStringLiteral("error TimeoutError") << 1;
    // Bad input: a clear error before any query.
    QTest::newRow("null-address") << QString() << 80 << F::Flags() << none
                                  << QStringLiteral("error InvalidRequestError") << 0;
    QTest::newRow("numeric-and-namereqd")
            << five << 80 << F::Flags(F::NumericHost | F::NameRequired) << none
            << QStringLiteral("error InvalidRequestError") << 0;
    QTest::newRow("two-protocols") << five << 80 << F::Flags(F::DatagramService | F::SctpService)
                                   << none << QStringLiteral("error InvalidRequestError") << 0;
    QTest::newRow("unknown-flag") << five << 80 << F::Flags(F::Flag(0x100)) << none
                                  << QStringLiteral("error InvalidRequestError") << 0;
}

void tst_NameInfo::nameInfo()
{
    QFETCH(QString, address);
    QFETCH(int, port);
    QFETCH(AresNameInfo::Flags, flags);
    QFETCH(int, fault);
    QFETCH(QString, expected);
    QFETCH(int, queries);
    if (fault != int(FaultKind::None))
        m_server->setFault(QStringLiteral("*"), Fault{ FaultKind(fault), 0ms, -1 });
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupNameInfo(QHostAddress(address), quint16(port), flags);
    QVERIFY(waitFor(future));
    QCOMPARE(future.resultCount(), 1);
    const AresNameInfo info = future.result();
    QCOMPARE(describe(info), expected);
    QCOMPARE(info.address(), QHostAddress(address));
    QCOMPARE(info.port(), quint16(port));
    QCOMPARE(info.flags(), flags);
    QVERIFY(info.lookupId() > 0);
    QCOMPARE(info.errorString().isEmpty(), info.error() == AresError::NoError);
    int ptrQueries = 0;
    for (const AresTestServer::Question &question : m_server->questions())
        ptrQueries += question.type == TypePTR ? 1 : 0;
    QCOMPARE(ptrQueries, queries);
    QCOMPARE(resolver.pendingLookups(), 0);
}

// NoFqdn cuts the machine's own domain (gethostname() after its first dot)
// off the name found, nothing else.
void tst_NameInfo::noFqdn()
{
    const QString domain = ownDomain();
    const QString inOwnDomain =
            QStringLiteral("five") + (domain.isEmpty() ? QStringLiteral(".own.test") : domain);
    m_server->addPtr(QStringLiteral("7.2.0.192.in-addr.arpa"), inOwnDomain);
    AresResolver resolver(testOptions());
    const auto own = resolver.lookupNameInfo(QHostAddress(QStringLiteral("192.0.2.7")), 0,
                                             AresNameInfo::NoFqdn);
    const auto other = resolver.lookupNameInfo(QHostAddress(QStringLiteral("192.0.2.5")), 0,
                                               AresNameInfo::NoFqdn);
    const auto full = resolver.lookupNameInfo(QHostAddress(QStringLiteral("192.0.2.7")), 0);
    QVERIFY(waitFor(own));
    QVERIFY(waitFor(other));
    QVERIFY(waitFor(full));
    QCOMPARE(own.result().hostName(), domain.isEmpty() ? inOwnDomain : QStringLiteral("five"));
    QCOMPARE(other.result().hostName(), QStringLiteral("five.test"));
    QCOMPARE(full.result().hostName(), inOwnDomain);
}

void tst_NameInfo::everyShape_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("expected");
    QTest::newRow("found") << QStringLiteral("192.0.2.5") << int(FaultKind::None)
                           << QStringLiteral("five.test ")
                    + servicesFileName(80, QStringLiteral("tcp"));
    QTest::newRow("servfail") << QStringLiteral("192.0.2.5") << int(FaultKind::ServFail)
                              << QStringLiteral("error ServerFailureError");
    QTest::newRow("timeout") << QStringLiteral("192.0.2.5") << int(FaultKind::Drop)
                             << QStringLiteral("error TimeoutError");
}

// The future, the AresReply, nameInfoFinished() by id and the functor with a
// context give the same result, each exactly once.
void tst_NameInfo::everyShape()
{
    QFETCH(QString, address);
    QFETCH(int, fault);
    QFETCH(QString, expected);
    if (fault != int(FaultKind::None))
        m_server->setFault(QStringLiteral("*"), Fault{ FaultKind(fault), 0ms, -1 });
    const QHostAddress host(address);
    AresResolver resolver(testOptions());
    QSignalSpy signalSpy(&resolver, &AresResolver::nameInfoFinished);
    QSignalSpy hostSignalSpy(&resolver, &AresResolver::hostLookupFinished);

    const auto future = resolver.lookupNameInfo(host, 80);
    std::unique_ptr<AresReply> reply(resolver.startNameInfoLookup(host, 80));
    QSignalSpy replySpy(reply.get(), &AresReply::finished);
    const int submitted = resolver.submitNameInfoLookup(host, 80);
    QList<AresNameInfo> called;
    QObject context;
    const int callbackId =
            resolver.lookupNameInfo(host, 80, AresNameInfo::NoFlags, &context,
                                    [&](const AresNameInfo &info) { called.append(info); });
    QVERIFY(submitted > 0);
    QVERIFY(callbackId > submitted);
    QCOMPARE(signalSpy.count(), 0); // never from inside the call
    QVERIFY(called.isEmpty());

    QVERIFY(waitFor(future));
    QTRY_COMPARE_WITH_TIMEOUT(resolver.pendingLookups(), 0, 5000);
    QTest::qWait(50); // nothing more may come
    QCOMPARE(describe(future.result()), expected);
    QCOMPARE(replySpy.count(), 1);
    QVERIFY(reply->isFinished());
    QCOMPARE(describe(reply->nameInfo()), expected);
    QCOMPARE(reply->error(), reply->nameInfo().error());
    QCOMPARE(reply->nameInfo().lookupId(), reply->lookupId());
    QCOMPARE(signalSpy.count(), 1);
    const auto fromSignal = signalSpy.at(0).at(0).value<AresNameInfo>();
    QCOMPARE(describe(fromSignal), expected);
    QCOMPARE(fromSignal.lookupId(), submitted);
    QCOMPARE(called.size(), 1);
    QCOMPARE(describe(called.at(0)), expected);
    QCOMPARE(called.at(0).lookupId(), callbackId);
    QCOMPARE(hostSignalSpy.count(), 0);
}

// Bad input finishes once, with InvalidRequestError, in every shape, from the event loop.
void tst_NameInfo::badInputInEveryShape()
{
    AresResolver resolver(testOptions());
    QSignalSpy signalSpy(&resolver, &AresResolver::nameInfoFinished);
    const QHostAddress bad;
    const auto future = resolver.lookupNameInfo(bad, 80);
    std::unique_ptr<AresReply> reply(resolver.startNameInfoLookup(bad, 80));
    QSignalSpy replySpy(reply.get(), &AresReply::finished);
    resolver.submitNameInfoLookup(bad, 80);
    int calls = 0;
    AresError callbackError = AresError::NoError;
    resolver.lookupNameInfo(bad, 80, AresNameInfo::NoFlags, &resolver,
                            [&](const AresNameInfo &info) {
                                ++calls;
                                callbackError = info.error();
                            });
    QCOMPARE(signalSpy.count(), 0);
    QCOMPARE(calls, 0);
    QVERIFY(waitFor(future));
    QTRY_COMPARE_WITH_TIMEOUT(resolver.pendingLookups(), 0, 5000);
    QTest::qWait(20);
    QCOMPARE(future.result().error(), AresError::InvalidRequestError);
    QVERIFY(future.result().errorString().contains(QStringLiteral("address")));
    QCOMPARE(replySpy.count(), 1);
    QCOMPARE(reply->error(), AresError::InvalidRequestError);
    QCOMPARE(signalSpy.count(), 1);
    QCOMPARE(calls, 1);
    QCOMPARE(callbackError, AresError::InvalidRequestError);
    QCOMPARE(m_server->questionCount(), 0);
}

void tst_NameInfo::abortAndDestroy()
{
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::None, 2000ms, -1 });
    const QHostAddress host(QStringLiteral("192.0.2.5"));
    auto resolver = std::make_unique<AresResolver>(testOptions());
    resolver->setOptions([&] {
        AresOptions options = testOptions();
        options.setTimeout(5000ms);
        return options;
    }());
    QSignalSpy signalSpy(resolver.get(), &AresResolver::nameInfoFinished);
    const int aborted = resolver->submitNameInfoLookup(host, 80);
    int calls = 0;
    const int silenced = resolver->lookupNameInfo(host, 80, AresNameInfo::NoFlags, resolver.get(),
                                                  [&](const AresNameInfo &) { ++calls; });
    auto future = resolver->lookupNameInfo(host, 80);
    auto canceled = resolver->lookupNameInfo(host, 80);
    resolver->abortLookup(aborted);
    resolver->abortHostLookup(silenced); // the functor is not called
    canceled.cancel();
    QTRY_COMPARE_WITH_TIMEOUT(signalSpy.count(), 1, 2000);
    QCOMPARE(signalSpy.at(0).at(0).value<AresNameInfo>().error(),
             AresError::OperationCancelledError);
    QTRY_VERIFY_WITH_TIMEOUT(canceled.isFinished(), 2000);
    QVERIFY(canceled.isCanceled());
    QVERIFY(!future.isFinished());

    const int destroyed = resolver->submitNameInfoLookup(host, 443);
    resolver.reset(); // the rest finish from the destructor
    QCOMPARE(signalSpy.count(), 2);
    const auto last = signalSpy.at(1).at(0).value<AresNameInfo>();
    QCOMPARE(last.lookupId(), destroyed);
    QCOMPARE(last.error(), AresError::ResolverDestroyedError);
    QVERIFY(future.isFinished());
    QCOMPARE(future.result().error(), AresError::ResolverDestroyedError);
    QCOMPARE(calls, 0);
}

// The lookup's deadline ends a slow answer; lookups queued behind a full
// query window go out as it frees up, each finishing once.
void tst_NameInfo::deadlineAndQueue()
{
    m_server->setFault(QStringLiteral("5.2.0.192.in-addr.arpa"),
                       Fault{ FaultKind::None, 3000ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(5000ms);
    options.setDeadline(200ms);
    options.setMaxQueriesInFlight(2);
    AresResolver resolver(options);
    QSignalSpy spy(&resolver, &AresResolver::nameInfoFinished);
    const int slow = resolver.submitNameInfoLookup(QHostAddress(QStringLiteral("192.0.2.5")), 80);
    QList<int> quick;
    for (int i = 0; i < 6; ++i)
        quick.append(
                resolver.submitNameInfoLookup(QHostAddress(QStringLiteral("2001:db8::1")), 80));
    QCOMPARE(resolver.pendingLookups(), 7);
    QCOMPARE(resolver.queriesInFlight(), 2); // the rest wait in the queue
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 7, 5000);
    QTest::qWait(50);
    QCOMPARE(spy.count(), 7);
    QList<int> seen;
    for (const QList<QVariant> &arguments : std::as_const(spy)) {
        const auto info = arguments.at(0).value<AresNameInfo>();
        seen.append(info.lookupId());
        if (info.lookupId() == slow) {
            QCOMPARE(info.error(), AresError::TimeoutError);
            QVERIFY2(info.errorString().contains(QStringLiteral("deadline")),
                     qPrintable(info.errorString()));
        } else {
            QCOMPARE(describe(info),
                     QStringLiteral("six.test ") + servicesFileName(80, QStringLiteral("tcp")));
        }
    }
    std::sort(seen.begin(), seen.end());
    QList<int> expected = quick;
    expected.prepend(slow);
    QCOMPARE(seen, expected);
}

// The future overload may be called from any thread; the result comes from the resolver's.
void tst_NameInfo::fromAnotherThread()
{
    AresResolver resolver(testOptions());
    QFuture<AresNameInfo> future;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        future = resolver.lookupNameInfo(QHostAddress(QStringLiteral("2001:db8::1")), 443);
    }));
    thread->start();
    QVERIFY(thread->wait(5000));
    QVERIFY(waitFor(future));
    QCOMPARE(describe(future.result()),
             QStringLiteral("six.test ") + servicesFileName(443, QStringLiteral("tcp")));
}

void tst_NameInfo::debugStream()
{
    AresNameInfo info;
    info.setAddress(QHostAddress(QStringLiteral("192.0.2.1")));
    info.setPort(80);
    info.setHostName(QStringLiteral("www.example.org"));
    info.setServiceName(QStringLiteral("http"));
    QString text;
    QDebug(&text) << info;
    QCOMPARE(text,
             QStringLiteral("AresNameInfo(192.0.2.1 port 80, \"www.example.org\", \"http\") "));
    AresNameInfo failed = info;
    failed.setError(AresError::TimeoutError);
    text.clear();
    QDebug(&text) << failed;
    QVERIFY2(text.startsWith(QStringLiteral("AresNameInfo(192.0.2.1 port 80, "))
                     && text.contains(QStringLiteral("TimeoutError, \"Timed out\")")),
             qPrintable(text));
    QCOMPARE(info.hostName(),
             QStringLiteral("www.example.org")); // a copy detached, the original unchanged
    QCOMPARE(info.error(), AresError::NoError);
}

QTEST_GUILESS_MAIN(tst_NameInfo)
#include "tst_nameinfo.moc"
