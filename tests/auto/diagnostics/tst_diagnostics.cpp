// SPDX-License-Identifier: MIT
// AresDiagnostics: the timings the resolver stamps on every result (time
// queued, time in c-ares, total), through every API, against the fake
// server with known delays; and a stalled event loop that must still read
// an answer that arrived before c-ares's timeout is processed.
#include "resolvertestcase.h"

#include <aresdiagnostics.h>

#include <atomic>

namespace {

struct Outcome
{
    bool delivered = false;
    AresError error = AresError::NoError;
    AresDiagnostics diagnostics;
    qint64 outsideUs = 0; // the caller's own clock, from the call to the delivery
};

// How long the server waits before it replies to the slow names.
constexpr auto ServerDelay = 60ms;

} // namespace

class tst_Diagnostics : public ResolverTestCase
{
    Q_OBJECT
private Q_SLOTS:
    void defaultIsInvalid();
    void timings_data();
    void timings();
    void queuedWhileWindowFull();
    void neverSubmitted_data();
    void neverSubmitted();
    void debugStream();
    void stalledLoopReadsAnswerFirst_data();
    void stalledLoopReadsAnswerFirst();

private:
    void addRecords() override;
    AresOptions testOptions() const;
    Outcome run(AresResolver &resolver, const QString &api, const QString &name);
};

void tst_Diagnostics::addRecords()
{
    m_server->addAddress(QStringLiteral("slow.test"), QHostAddress(QStringLiteral("192.0.2.1")));
    m_server->addRecord(QStringLiteral("slow.test"), AresRecord::MX,
                        QByteArray("\x00\x0a\x02mx\x04test\x00", 11));
    m_server->addAddress(QStringLiteral("bad.test"), QHostAddress(QStringLiteral("192.0.2.2")));
    m_server->addAddress(QStringLiteral("fast.test"), QHostAddress(QStringLiteral("192.0.2.3")));
    m_server->setFault(QStringLiteral("slow.test"),
                       { AresTestServer::FaultKind::None, ServerDelay });
    m_server->setFault(QStringLiteral("bad.test"),
                       { AresTestServer::FaultKind::ServFail, ServerDelay });
    m_server->setFault(QStringLiteral("gone.test"),
                       { AresTestServer::FaultKind::NxDomain, ServerDelay });
}

// The fixture's options with a longer timeout: the delays below stay well inside it.
AresOptions tst_Diagnostics::testOptions() const
{
    AresOptions options = ResolverTestCase::testOptions();
    options.setTimeout(1500ms);
    return options;
}

// One lookup of \a name through \a api, its result's error and diagnostics.
Outcome tst_Diagnostics::run(AresResolver &resolver, const QString &api, const QString &name)
{
    Outcome outcome;
    QElapsedTimer clock;
    clock.start();
    const auto fromHost = [&](const AresHostInfo &info) {
        outcome.outsideUs = clock.nsecsElapsed() / 1000;
        outcome.delivered = true;
        outcome.error = info.error();
        outcome.diagnostics = info.diagnostics();
    };
    const auto fromSet = [&](const AresRecordSet &set) {
        outcome.outsideUs = clock.nsecsElapsed() / 1000;
        outcome.delivered = true;
        outcome.error = set.error();
        outcome.diagnostics = set.diagnostics();
    };
    if (api == u"future-host") {
        const QFuture<AresHostInfo> future = resolver.lookupHost(name, AresResolver::IPv4Family);
        if (waitFor(future))
            fromHost(future.result());
    } else if (api == u"future-query") {
        const QFuture<AresRecordSet> future = resolver.query(name, AresRecord::MX);
        if (waitFor(future))
            fromSet(future.result());
    } else if (api == u"batch-hosts") {
        const QFuture<AresHostInfo> future =
                resolver.lookupHosts({ name }, AresResolver::IPv4Family);
        if (waitFor(future) && future.resultCount() == 1)
            fromHost(future.resultAt(0));
    } else if (api == u"batch-queries") {
        const QFuture<AresRecordSet> future = resolver.queryNames({ name }, AresRecord::MX);
        if (waitFor(future) && future.resultCount() == 1)
            fromSet(future.resultAt(0));
    } else if (api == u"reply-host" || api == u"reply-query") {
        AresReply *reply = api == u"reply-host"
                ? resolver.startHostLookup(name, AresResolver::IPv4Family)
                : resolver.startQuery(name, AresRecord::MX);
        QSignalSpy spy(reply, &AresReply::finished);
        if (spy.wait(10000) || reply->isFinished()) {
            if (api == u"reply-host")
                fromHost(reply->hostInfo());
            else
                fromSet(reply->recordSet());
        }
        delete reply;
    } else if (api == u"signal-host") {
        QSignalSpy spy(&resolver, &AresResolver::hostLookupFinished);
        resolver.submitHostLookup(name, AresResolver::IPv4Family);
        if (spy.wait(10000))
            fromHost(spy.at(0).at(0).value<AresHostInfo>());
    } else if (api == u"signal-query") {
        QSignalSpy spy(&resolver, &AresResolver::queryFinished);
        resolver.submitQuery(name, AresRecord::MX);
        if (spy.wait(10000))
            fromSet(spy.at(0).at(0).value<AresRecordSet>());
    } else {
        qFatal("unknown api %s", qPrintable(api));
    }
    return outcome;
}

void tst_Diagnostics::defaultIsInvalid()
{
    for (const AresDiagnostics &d :
         { AresDiagnostics(), AresHostInfo().diagnostics(), AresRecordSet().diagnostics() }) {
        QVERIFY(!d.isValid());
        QVERIFY(!d.wasSubmitted());
        QCOMPARE(d.queuedTime().count(), 0);
        QCOMPARE(d.wireTime().count(), 0);
        QCOMPARE(d.totalTime().count(), 0);
        QCOMPARE(d.totalMs(), 0.0);
    }
    // A result built by hand has none either, whatever else it carries.
    AresHostInfo info;
    info.setHostName(QStringLiteral("hand.test"));
    info.setError(AresError::TimeoutError);
    QVERIFY(!info.diagnostics().isValid());
}

void tst_Diagnostics::timings_data()
{
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("name");
    QTest::addColumn<AresError>("error");
    const QStringList hostApis{ QStringLiteral("future-host"), QStringLiteral("batch-hosts"),
                                QStringLiteral("reply-host"), QStringLiteral("signal-host") };
    const QStringList queryApis{ QStringLiteral("future-query"), QStringLiteral("batch-queries"),
                                 QStringLiteral("reply-query"), QStringLiteral("signal-query") };
    for (const QStringList &apis : { hostApis, queryApis }) {
        for (const QString &api : apis) {
            QTest::addRow("%s-answer", qPrintable(api)) << api << "slow.test" << AresError::NoError;
            QTest::addRow("%s-servfail", qPrintable(api))
                    << api << "bad.test" << AresError::ServerFailureError;
            QTest::addRow("%s-nxdomain", qPrintable(api))
                    << api << "gone.test" << AresError::NotFoundError;
        }
    }
}

void tst_Diagnostics::timings()
{
    QFETCH(QString, api);
    QFETCH(QString, name);
    QFETCH(AresError, error);
    AresResolver resolver(testOptions());
    const Outcome outcome = run(resolver, api, name);
    QVERIFY(outcome.delivered);
    QCOMPARE(outcome.error, error);
    const AresDiagnostics &d = outcome.diagnostics;
    QVERIFY(d.isValid());
    QVERIFY(d.wasSubmitted());
    const qint64 delayUs = std::chrono::microseconds(ServerDelay).count();
    // The server replied ServerDelay after it received the query: c-ares had it at least that long.
    QVERIFY2(d.wireTime().count() >= delayUs, qPrintable(QString::number(d.wireTime().count())));
    QVERIFY(d.totalTime() >= d.wireTime());
    QCOMPARE(d.totalTime(), d.queuedTime() + d.wireTime());
    // Nothing else was in flight: no wait for the window.
    QVERIFY2(d.queuedTime() < 20ms, qPrintable(QString::number(d.queuedTime().count())));
    // The resolver's total is within what the caller saw from the call to the delivery
    // (+1 ms: the two clocks are read at different moments, truncated to microseconds).
    QVERIFY2(d.totalTime().count() <= outcome.outsideUs + 1000,
             qPrintable(QStringLiteral("total %1 us, caller saw %2 us")
                                .arg(d.totalTime().count())
                                .arg(outcome.outsideUs)));
    QCOMPARE(d.totalMs(), double(d.totalTime().count()) / 1000.0);
    QCOMPARE(d.wireMs(), double(d.wireTime().count()) / 1000.0);
    QCOMPARE(d.queuedMs(), double(d.queuedTime().count()) / 1000.0);
}

void tst_Diagnostics::queuedWhileWindowFull()
{
    AresOptions options = testOptions();
    options.setMaxQueriesInFlight(1);
    options.setAdaptiveQueryWindow(false);
    AresResolver resolver(options);
    // One query at a time: the second waits for the first's answer (ServerDelay), the third for
    // both.
    const QFuture<AresHostInfo> future =
            resolver.lookupHosts({ QStringLiteral("slow.test"), QStringLiteral("slow.test"),
                                   QStringLiteral("fast.test") },
                                 AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.resultCount(), 3);
    QList<AresDiagnostics> d;
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(future.resultAt(i).error(), AresError::NoError);
        d.append(future.resultAt(i).diagnostics());
        QVERIFY(d.last().isValid());
        QVERIFY(d.last().wasSubmitted());
    }
    QVERIFY2(d[0].queuedTime() < ServerDelay,
             qPrintable(QString::number(d[0].queuedTime().count())));
    QVERIFY(d[1].queuedTime() > 0us);
    // Each waited for the answers before it; it started microseconds after the first was
    // handed over (+1 ms for that, and for the clock's truncation to microseconds).
    QVERIFY2(d[1].queuedTime() + 1ms >= d[0].wireTime(),
             qPrintable(QStringLiteral("queued %1 us, first's wire %2 us")
                                .arg(d[1].queuedTime().count())
                                .arg(d[0].wireTime().count())));
    QVERIFY2(d[2].queuedTime() + 1ms >= d[0].wireTime() + d[1].wireTime(),
             qPrintable(QString::number(d[2].queuedTime().count())));
    // The fast one was answered at once once it was sent.
    QVERIFY2(d[2].wireTime() < ServerDelay, qPrintable(QString::number(d[2].wireTime().count())));
}

void tst_Diagnostics::neverSubmitted_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("query");
    QTest::addColumn<AresError>("error");
    QTest::addColumn<int>("minimumQueuedMs");
    // Queued behind a query the server never answers, until the deadline.
    QTest::newRow("deadline-in-queue-host")
            << "fast.test" << false << AresError::TimeoutError << 100;
    QTest::newRow("deadline-in-queue-query")
            << "slow.test" << true << AresError::TimeoutError << 100;
    // Refused before it could be queued.
    QTest::newRow("invalid-name-host")
            << "bad..name" << false << AresError::InvalidRequestError << 0;
    QTest::newRow("invalid-name-query")
            << "bad..name" << true << AresError::InvalidRequestError << 0;
}

void tst_Diagnostics::neverSubmitted()
{
    QFETCH(QString, name);
    QFETCH(bool, query);
    QFETCH(AresError, error);
    QFETCH(int, minimumQueuedMs);
    m_server->setFault(QStringLiteral("drop.test"), { AresTestServer::FaultKind::Drop, 0ms });
    AresOptions options = testOptions();
    options.setMaxQueriesInFlight(1);
    options.setAdaptiveQueryWindow(false);
    options.setDeadline(100ms);
    AresResolver resolver(options);
    const QFuture<AresHostInfo> blocker =
            resolver.lookupHost(QStringLiteral("drop.test"), AresResolver::IPv4Family);
    AresError got = AresError::NoError;
    AresDiagnostics d;
    if (query) {
        const QFuture<AresRecordSet> future = resolver.query(name, AresRecord::MX);
        QVERIFY(waitFor(future));
        got = future.result().error();
        d = future.result().diagnostics();
    } else {
        const QFuture<AresHostInfo> future = resolver.lookupHost(name, AresResolver::IPv4Family);
        QVERIFY(waitFor(future));
        got = future.result().error();
        d = future.result().diagnostics();
    }
    QCOMPARE(got, error);
    QVERIFY(d.isValid());
    QVERIFY(!d.wasSubmitted());
    QCOMPARE(d.wireTime().count(), 0);
    QCOMPARE(d.totalTime(), d.queuedTime());
    QVERIFY2(d.queuedTime() >= std::chrono::milliseconds(minimumQueuedMs),
             qPrintable(QString::number(d.queuedTime().count())));
    // The blocker itself reached c-ares and ended at its deadline there: wire time up to that end.
    QVERIFY(waitFor(blocker));
    QCOMPARE(blocker.result().error(), AresError::TimeoutError);
    const AresDiagnostics b = blocker.result().diagnostics();
    QVERIFY(b.isValid());
    QVERIFY(b.wasSubmitted());
    QVERIFY2(b.totalTime() >= 100ms, qPrintable(QString::number(b.totalTime().count())));
}

void tst_Diagnostics::debugStream()
{
    QString text;
    QDebug(&text) << AresDiagnostics();
    QCOMPARE(text, QStringLiteral("AresDiagnostics(invalid) "));

    AresResolver resolver(testOptions());
    const QFuture<AresHostInfo> answered =
            resolver.lookupHost(QStringLiteral("slow.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(answered));
    text.clear();
    QDebug(&text) << answered.result().diagnostics();
    static const QRegularExpression submitted(QStringLiteral(
            R"(^AresDiagnostics\(queued \d+\.\d{3} ms, )"
            R"(wire (\d+\.\d{3}) ms, total (\d+\.\d{3}) ms\) $)"));
    const QRegularExpressionMatch match = submitted.match(text);
    QVERIFY2(match.hasMatch(), qPrintable(text));
    QCOMPARE(match.captured(2), QString::number(answered.result().diagnostics().totalMs(), 'f', 3));

    const QFuture<AresHostInfo> refused = resolver.lookupHost(QStringLiteral("bad..name"));
    QVERIFY(waitFor(refused));
    text.clear();
    QDebug(&text) << refused.result().diagnostics();
    static const QRegularExpression notSubmitted(
            QStringLiteral(R"(^AresDiagnostics\(not submitted, queued \d+\.\d{3} ms\) $)"));
    QVERIFY2(notSubmitted.match(text).hasMatch(), qPrintable(text));
}

void tst_Diagnostics::stalledLoopReadsAnswerFirst_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("tries");
    QTest::addColumn<int>("deadlineMs");
    QTest::addColumn<AresError>("error");
    QTest::addColumn<int>("questions");
    QTest::newRow("answer") << "stall.test" << 1 << 0 << AresError::NoError << 1;
    QTest::newRow("servfail") << "stall-bad.test" << 1 << 0 << AresError::ServerFailureError << 1;
    QTest::newRow("answer-past-deadline") << "stall.test" << 2 << 500 << AresError::NoError << 1;
    // SERVFAIL is asked again (tries 2): the second round trip starts after the stall.
    QTest::newRow("servfail-retry-past-deadline")
            << "stall-bad.test" << 2 << 500 << AresError::ServerFailureError << 2;
}

// A GUI thread busy for longer than c-ares's timeout (a long render, a
// blocking slot) while the answer already sits in the socket: when the loop
// runs again, the answer must be read before the timeout is processed.
void tst_Diagnostics::stalledLoopReadsAnswerFirst()
{
    QFETCH(QString, name);
    QFETCH(int, tries);
    QFETCH(int, deadlineMs);
    QFETCH(AresError, error);
    QFETCH(int, questions);
    // The server answers from its own thread while this one is blocked.
    QThread serverThread;
    serverThread.start();
    auto *server = new AresTestServer;
    server->moveToThread(&serverThread);
    connect(&serverThread, &QThread::finished, server, &QObject::deleteLater);
    const auto stopServer = qScopeGuard([&] {
        serverThread.quit();
        serverThread.wait();
    });
    QVERIFY2(server->listen({ QHostAddress::LocalHost }), qPrintable(server->errorString()));
    server->addAddress(QStringLiteral("stall.test"), QHostAddress(QStringLiteral("192.0.2.9")));
    server->addAddress(QStringLiteral("stall-bad.test"),
                       QHostAddress(QStringLiteral("192.0.2.10")));
    constexpr auto answerDelay = 50ms;
    server->setFault(QStringLiteral("stall.test"),
                     { AresTestServer::FaultKind::None, answerDelay });
    server->setFault(QStringLiteral("stall-bad.test"),
                     { AresTestServer::FaultKind::ServFail, answerDelay });
    std::atomic<bool> received{ false };
    connect(
            server, &AresTestServer::questionReceived, server, [&received] { received = true; },
            Qt::DirectConnection);

    AresOptions options;
    options.setServers(QStringList{ server->serverString(QHostAddress(QHostAddress::LocalHost)) });
    options.setTries(tries);
    constexpr auto timeout = 300ms;
    options.setTimeout(timeout);
    options.setDeadline(std::chrono::milliseconds(deadlineMs));
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    AresResolver resolver(options);
    const QFuture<AresHostInfo> future = resolver.lookupHost(name, AresResolver::IPv4Family);
    // Until the server has the query (c-ares may send it from the loop); its answer comes
    // answerDelay later.
    QElapsedTimer clock;
    clock.start();
    while (!received && clock.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QVERIFY(received);
    QVERIFY(!future.isFinished());
    // A slot that blocks the thread for longer than the timeout.
    bool stalled = false;
    QTimer::singleShot(0, this, [&] {
        QThread::msleep(std::chrono::milliseconds(timeout).count() + 400);
        stalled = true;
    });
    QVERIFY(waitFor(future));
    QVERIFY(stalled);
    const AresHostInfo info = future.result();
    QCOMPARE(info.error(), error);
    QCOMPARE(server->questionCount(), questions); // no retry after a timeout
    // The wire time includes the stall: the answer was read only after it.
    QVERIFY2(info.diagnostics().wireTime() >= timeout,
             qPrintable(QString::number(info.diagnostics().wireTime().count())));
}

QTEST_GUILESS_MAIN(tst_Diagnostics)
#include "tst_diagnostics.moc"
