// SPDX-License-Identifier: MIT
#include "engine/inflightwindow_p.h"

#include <aresresolver.h>

#include "arestestserver.h"
#include "qarestest.h"

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qscopeguard.h>
#include <QtCore/qthread.h>
#include <QtTest/qtest.h>

#include <functional>

using namespace std::chrono_literals;
using QAresPrivate::InFlightWindow;

namespace {

constexpr qint64 Us = 1000;
constexpr qint64 Ms = 1000 * Us;

// A server model: the round trip of a query sent with `inFlight` queries in
// flight, in round `round` (0-based).
using RttModel = std::function<qint64(int inFlight, int round)>;

struct Run
{
    int window = 0;    // at the end
    int maxWindow = 0; // the largest seen
    qint64 nowNs = 0;  // when the run ended
    qint64 reachedCeilingAt = -1;
};

// Each round keeps the window full: a window's worth of queries (weight 1),
// all answered after the model's RTT for that many in flight. With
// latencyNs >= 0 the thread waits that long for a CPU each time it is
// scheduled (once per answer here), and the sample that ends an epoch says
// so, as the resolver passes it.
Run simulate(InFlightWindow &window, const RttModel &rtt, int rounds, int keepInFlight = -1,
             qint64 latencyNs = -1, qint64 startNs = 0)
{
    static qint64 slices = 0; // the thread's count of times scheduled (only differences count)
    Run run;
    run.nowNs = startNs;
    run.maxWindow = window.window();
    for (int round = 0; round < rounds; ++round) {
        const int inFlight = keepInFlight >= 0 ? keepInFlight : window.window();
        const qint64 roundTrip = rtt(inFlight, round);
        run.nowNs += roundTrip;
        for (int i = 0; i < inFlight; ++i) {
            ++slices;
            const bool tell = latencyNs >= 0 && window.endsEpochWith(1);
            window.addSample(roundTrip, 1, inFlight - i, run.nowNs, tell ? slices * latencyNs : -1,
                             tell ? slices : -1);
            run.maxWindow = qMax(run.maxWindow, window.window());
        }
        if (run.reachedCeilingAt < 0 && window.window() == window.ceiling())
            run.reachedCeilingAt = run.nowNs;
    }
    run.window = window.window();
    return run;
}

RttModel model(const QString &name)
{
    if (name == u"fixed-20ms")
        return [](int, int) { return 20 * Ms; };
    if (name == u"fixed-6ms")
        return [](int, int) { return 6 * Ms; };
    if (name == u"jitter-20ms") // 0 to 3 ms on top, independent of load
        return [](int, int round) { return 20 * Ms + (round % 3) * 1500 * Us; };
    if (name == u"lan-5ms")
        return [](int, int) { return 5 * Ms; };
    if (name == u"lan-2ms")
        return [](int, int) { return 2 * Ms; };
    if (name == u"lan-1ms")
        return [](int, int) { return 1 * Ms; };
    if (name == u"loopback-queueing") // knot on loopback: ~50 us alone, ~0.5 ms at 150
        return [](int inFlight, int) { return 50 * Us + 3 * Us * inFlight; };
    if (name == u"queue-past-300-20ms") // 20 ms, then 20 us more per query past 300
        return [](int inFlight, int) { return 20 * Ms + 20 * Us * qMax(0, inFlight - 300); };
    if (name == u"late-start-then-loopback") // the first round late together (a busy thread)
        return [](int inFlight, int round) {
            return round == 0 ? 40 * Ms : 50 * Us + 3 * Us * inFlight;
        };
    if (name == u"settling-batches") {
        // Seen against loopback knot on a loaded machine: the first batches
        // of a burst are answered late together, baseRtt falls over several
        // epochs, and one epoch right after a fall looks quiet (1.7 vs 1.6 ms).
        return [](int inFlight, int round) {
            switch (round) {
            case 0:
                return 50 * Ms;
            case 1:
                return 3 * Ms;
            case 2:
                return 1600 * Us;
            case 3:
                return 1700 * Us;
            default:
                return 1600 * Us + 3 * Us * inFlight;
            }
        };
    }
    return {};
}

QString describe(const Run &run)
{
    return QStringLiteral("end %1, max %2").arg(run.window).arg(run.maxWindow);
}

} // namespace

class tst_InFlightWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QAresTest::installGlueWarningCheck(); }

    void configure_data();
    void configure();
    void adapts_data();
    void adapts();
    void timeoutHalves_data();
    void timeoutHalves();
    void slowerRouteIsForgotten();
    void busyThread_data();
    void busyThread();
    void busyThreadBacksOff();
    void resolverBurst_data();
    void resolverBurst();
};

void tst_InFlightWindow::configure_data()
{
    QTest::addColumn<int>("ceiling");
    QTest::addColumn<bool>("adaptive");
    QTest::addColumn<int>("window");
    QTest::addColumn<bool>("isAdaptive");

    QTest::newRow("default") << 1000 << true << 150 << true;
    QTest::newRow("disabled-fixed-cap") << 1000 << false << 1000 << false;
    QTest::newRow("ceiling-below-floor") << 100 << true << 100 << false;
    QTest::newRow("ceiling-at-floor") << 150 << true << 150 << false;
    QTest::newRow("just-above-floor") << 151 << true << 150 << true;
    QTest::newRow("no-cap") << 0 << true << 0 << false;
    QTest::newRow("no-cap-disabled") << 0 << false << 0 << false;
}

void tst_InFlightWindow::configure()
{
    QFETCH(int, ceiling);
    QFETCH(bool, adaptive);
    QFETCH(int, window);
    QFETCH(bool, isAdaptive);

    InFlightWindow w;
    w.configure(ceiling, adaptive);
    QCOMPARE(w.window(), window);
    QCOMPARE(w.isAdaptive(), isAdaptive);
    // A fixed cap never moves, whatever the samples say.
    simulate(w, model(QStringLiteral("fixed-20ms")), 20);
    if (!isAdaptive)
        QCOMPARE(w.window(), window);
    w.timedOut();
    if (!isAdaptive)
        QCOMPARE(w.window(), window);
}

void tst_InFlightWindow::adapts_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<int>("ceiling");
    QTest::addColumn<int>("rounds");
    QTest::addColumn<int>("keepInFlight"); // -1: the window
    QTest::addColumn<int>("minEnd");
    QTest::addColumn<int>("maxEnd");
    QTest::addColumn<int>("maxSeen");

    // A fixed 20 ms server: RTT does not rise with load, the window climbs
    // to the ceiling (slow start: 150, 300, 600, 1000, every other epoch
    // after a first one that sets baseRtt).
    QTest::newRow("fixed-20ms") << "fixed-20ms" << 1000 << 10 << -1 << 1000 << 1000 << 1000;
    QTest::newRow("fixed-20ms-ceiling-400") << "fixed-20ms" << 400 << 10 << -1 << 400 << 400 << 400;
    QTest::newRow("jitter-20ms") << "jitter-20ms" << 1000 << 60 << -1 << 1000 << 1000 << 1000;
    // 5 ms: 250 in flight already allow 50,000 answers/s; below 3 ms the
    // floor does (loopback knot's first epochs can look like that).
    QTest::newRow("lan-5ms") << "lan-5ms" << 1000 << 30 << -1 << 250 << 250 << 250;
    QTest::newRow("lan-2ms") << "lan-2ms" << 1000 << 30 << -1 << 150 << 150 << 150;
    QTest::newRow("lan-1ms") << "lan-1ms" << 1000 << 30 << -1 << 150 << 150 << 150;
    // RTT rising at once with queueing (loopback knot): never above the floor.
    QTest::newRow("loopback-queueing")
            << "loopback-queueing" << 1000 << 200 << -1 << 150 << 150 << 150;
    QTest::newRow("late-start-then-loopback")
            << "late-start-then-loopback" << 1000 << 200 << -1 << 150 << 150 << 150;
    QTest::newRow("settling-batches")
            << "settling-batches" << 1000 << 200 << -1 << 150 << 150 << 150;
    // A server that queues past 300 in flight: grows while RTT < 8/7 base
    // (w < ~443), shrinks past 4/3 (w > ~633); never reaches the ceiling.
    QTest::newRow("queue-past-300-20ms")
            << "queue-past-300-20ms" << 1000 << 200 << -1 << 300 << 640 << 999;
    // A window the application does not fill says nothing about a larger one.
    QTest::newRow("unused-window") << "fixed-20ms" << 1000 << 100 << 50 << 150 << 150 << 150;
}

void tst_InFlightWindow::adapts()
{
    QFETCH(QString, model);
    QFETCH(int, ceiling);
    QFETCH(int, rounds);
    QFETCH(int, keepInFlight);
    QFETCH(int, minEnd);
    QFETCH(int, maxEnd);
    QFETCH(int, maxSeen);

    InFlightWindow w;
    w.configure(ceiling, true);
    QCOMPARE(w.window(), qMin(150, ceiling));
    const Run run = simulate(w, ::model(model), rounds, keepInFlight);
    QVERIFY2(run.window >= minEnd && run.window <= maxEnd, qPrintable(describe(run)));
    QVERIFY2(run.maxWindow <= maxSeen, qPrintable(describe(run)));
    QVERIFY2(run.maxWindow <= ceiling && run.window >= w.floor(), qPrintable(describe(run)));
    if (model == u"fixed-20ms" && ceiling == 1000 && keepInFlight < 0) {
        // "Within a fraction of a second".
        QVERIFY(run.reachedCeilingAt > 0);
        QVERIFY2(run.reachedCeilingAt <= 200 * Ms,
                 qPrintable(QString::number(run.reachedCeilingAt / Ms)));
    }
}

void tst_InFlightWindow::timeoutHalves_data()
{
    QTest::addColumn<int>("timeouts");
    QTest::addColumn<QString>("windows");

    QTest::newRow("one") << 1 << "1000 500";
    QTest::newRow("two") << 2 << "1000 500 250";
    QTest::newRow("down-to-floor") << 4 << "1000 500 250 150 150";
}

void tst_InFlightWindow::timeoutHalves()
{
    QFETCH(int, timeouts);
    QFETCH(QString, windows);

    InFlightWindow w;
    w.configure(1000, true);
    simulate(w, model(QStringLiteral("fixed-20ms")), 10);
    QStringList seen { QString::number(w.window()) };
    for (int i = 0; i < timeouts; ++i) {
        w.timedOut();
        seen.append(QString::number(w.window()));
    }
    QCOMPARE(seen.join(u' '), windows);
    QVERIFY(!w.inSlowStart());

    // After a timeout it grows again, but by 1/16 every other epoch (no
    // slow start).
    const int before = w.window();
    simulate(w, model(QStringLiteral("fixed-20ms")), 1);
    QCOMPARE(w.window(), before);
    simulate(w, model(QStringLiteral("fixed-20ms")), 1);
    QCOMPARE(w.window(), before + before / 16);
}

// A route that got slower (20 ms -> 40 ms): the window drops to the floor
// (RTT twice the base), and grows again once the old minimum is forgotten.
void tst_InFlightWindow::slowerRouteIsForgotten()
{
    InFlightWindow w;
    w.configure(1000, true);
    Run run = simulate(w, model(QStringLiteral("fixed-20ms")), 10);
    QCOMPARE(run.window, 1000);
    // 40 ms for 25 s: longer than two base periods.
    qint64 now = run.nowNs;
    int lowest = w.window();
    for (int round = 0; round < 625; ++round) {
        const int inFlight = w.window();
        now += 40 * Ms;
        for (int i = 0; i < inFlight; ++i)
            w.addSample(40 * Ms, 1, inFlight - i, now);
        lowest = qMin(lowest, w.window());
    }
    QCOMPARE(lowest, 150);
    QCOMPARE(w.baseRtt(), 40 * Ms);
    QCOMPARE(w.window(), 1000);
}

void tst_InFlightWindow::busyThread_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<qint64>("latency"); // the thread's wait for a CPU per scheduling, -1: not told
    QTest::addColumn<QString>("expected");

    // Loopback knot with one UDP worker, seen from a loaded machine: every
    // answer waits ~6 ms for this thread to get a CPU, so the round trips
    // look like a flat 6 ms server (baseRtt 6 ms allows 300). Not told, the
    // window doubles to 300, past what the server takes in one burst; told,
    // the path's share is ~0 and it stays at the floor.
    QTest::newRow("loaded-loopback-not-told") << "fixed-6ms" << qint64(-1) << "end 300, max 300";
    QTest::newRow("loaded-loopback-told") << "fixed-6ms" << 5800 * Us << "end 150, max 150";
    // A far server on a loaded machine: the path's 14 of the 20 ms allow 700.
    QTest::newRow("far-server-loaded") << "fixed-20ms" << 6 * Ms << "end 700, max 700";
    QTest::newRow("far-server-quiet") << "fixed-20ms" << qint64(0) << "end 1000, max 1000";
    QTest::newRow("6ms-server-quiet") << "fixed-6ms" << qint64(0) << "end 300, max 300";
}

// The rate bound uses the path's share of the round trip, baseRtt less this
// thread's scheduling latency (see InFlightWindow).
void tst_InFlightWindow::busyThread()
{
    QFETCH(QString, model);
    QFETCH(qint64, latency);
    QFETCH(QString, expected);

    InFlightWindow w;
    w.configure(1000, true);
    const Run run = simulate(w, ::model(model), 60, -1, latency);
    QCOMPARE(describe(run), expected);
    QCOMPARE(w.lastLatency(), latency);
}

// A window that grew against a far server comes back when the machine gets
// loaded (the path's share shrinks): by 1/8 of its excess over the bound per
// epoch, without slow start; it grows again when the load is gone.
void tst_InFlightWindow::busyThreadBacksOff()
{
    InFlightWindow w;
    w.configure(1000, true);
    Run run = simulate(w, model(QStringLiteral("fixed-20ms")), 20, -1, 0);
    QCOMPARE(run.window, 1000);
    QStringList seen;
    qint64 now = run.nowNs;
    for (int epoch = 0; epoch < 4; ++epoch) {
        run = simulate(w, model(QStringLiteral("fixed-20ms")), 1, -1, 16 * Ms, now);
        now = run.nowNs;
        seen.append(QString::number(w.window()));
    }
    // Bound: (20 - 16) ms x 50,000/s = 200, 1/8 of the excess per epoch (the
    // first epoch's latency spans back to the quiet ones before it)
    QCOMPARE(seen.join(u' '), QStringLiteral("894 808 732 666"));
    QVERIFY(!w.inSlowStart());
    run = simulate(w, model(QStringLiteral("fixed-20ms")), 40, -1, 0, now);
    QVERIFY2(run.window > 666, qPrintable(describe(run)));
}

void tst_InFlightWindow::resolverBurst_data()
{
    QTest::addColumn<bool>("adaptive");
    QTest::newRow("adaptive") << true;
    QTest::newRow("fixed") << false;
}

// The real path: a burst against the in-process fake server answering after
// 20 ms. Adaptive: the window rises above 150 and every lookup is right;
// fixed (150, adaptation off): it stays at 150.
void tst_InFlightWindow::resolverBurst()
{
    QFETCH(bool, adaptive);
    constexpr int Names = 3000;

    // The server in a thread of its own, as a far server is: its work is
    // not this thread's (the window does not grow while this thread is busy).
    QThread serverThread;
    auto *server = new AresTestServer;
    for (int i = 0; i < Names; ++i)
        server->addAddress(QStringLiteral("n%1.test").arg(i), QHostAddress(quint32(0xC0000200 + i)),
                           300);
    server->setFault(QStringLiteral("*"),
                     AresTestServer::Fault{ AresTestServer::FaultKind::None, 20ms, -1 });
    server->moveToThread(&serverThread);
    serverThread.start();
    const auto stopServer = qScopeGuard([&] {
        QMetaObject::invokeMethod(
                server, [server] { delete server; }, Qt::BlockingQueuedConnection);
        serverThread.quit();
        serverThread.wait();
    });
    QVERIFY2(server->listen(), qPrintable(server->errorString()));

    AresOptions options;
    options.setServers({ server->serverString() });
    options.setTries(2);
    options.setTimeout(2000ms);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    if (!adaptive) {
        options.setMaxQueriesInFlight(150);
        options.setAdaptiveQueryWindow(false);
    }
    AresResolver resolver(options);
    QCOMPARE(resolver.queryWindow(), 150);

    QStringList wrong;
    int done = 0;
    int maxWindow = 0;
    int maxInFlight = 0;
    for (int i = 0; i < Names; ++i) {
        AresReply *reply = resolver.startHostLookup(QStringLiteral("n%1.test").arg(i),
                                                    AresResolver::IPv4Family);
        connect(reply, &AresReply::finished, this, [&, reply, i] {
            maxWindow = qMax(maxWindow, resolver.queryWindow());
            maxInFlight = qMax(maxInFlight, resolver.queriesInFlight());
            const AresHostInfo info = reply->hostInfo();
            const QList<QHostAddress> addresses = info.addresses();
            if (info.error() != AresError::NoError || addresses.size() != 1
                || addresses.first().toIPv4Address() != quint32(0xC0000200 + i))
                wrong.append(QStringLiteral("n%1: %2").arg(i).arg(info.errorString()));
            ++done;
            reply->deleteLater();
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(done, Names, 30000);
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.mid(0, 5).join(u'\n')));
    QVERIFY(maxInFlight <= maxWindow);
    if (adaptive) {
        // How far it grows depends on this thread's wait for a CPU, which the
        // rate bound subtracts (on a loaded CI machine it may stay at 150): the
        // growth itself is shown by the pure-logic rows above, here only its cap.
        QVERIFY2(maxWindow >= 150 && maxWindow <= 1000, qPrintable(QString::number(maxWindow)));
    } else {
        QCOMPARE(maxWindow, 150);
        QCOMPARE(resolver.queryWindow(), 150);
    }
    // New options: the window starts over.
    options.setTimeout(1500ms);
    QVERIFY(resolver.setOptions(options));
    QCOMPARE(resolver.queryWindow(), 150);
}

QTEST_GUILESS_MAIN(tst_InFlightWindow)
#include "tst_inflightwindow.moc"
