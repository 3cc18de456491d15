// SPDX-License-Identifier: MIT
// AresResolver against the fake server: lookupHosts(): one future for many lookups.
#include "resolvertestcase.h"

class tst_ResolverBatch : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
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
    void batchNamesCheckedInTheWindow_data();
    void batchNamesCheckedInTheWindow();
    void batchPassesStayBounded();
    void batchDeadlineWhileQueued();
    void batchQueuedBehindOthers();
};

// --- lookupHosts(): one future for many lookups --------------------------------

namespace {

// Result i of a batch, one per index, "; "-separated; "missing" where none was reported.
QString describeAll(const QFuture<AresHostInfo> &future, qsizetype count)
{
    return QAresTest::describeResults(
            future, count, [](const AresHostInfo &result) { return describe(result); },
            QStringLiteral("; "));
}

} // namespace

void tst_ResolverBatch::batchResults_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<int>("cap"); // maxQueriesInFlight, 0 = default
    QTest::addColumn<QString>("expected");

    const QString host = QStringLiteral("host.test");
    QTest::newRow("answers") << QStringList{ host, QStringLiteral("v4only.test"),
                                             QStringLiteral("two.test") }
                             << AresResolver::IPv4Family << 0
                             << "192.0.2.1/300; 192.0.2.4/42; 192.0.2.21/100 192.0.2.22/100";
    QTest::newRow("mixed")
            << QStringList{ host,
                            QStringLiteral("missing.test"),
                            QStringLiteral("drop.test"),
                            QStringLiteral("servfail.test"),
                            QStringLiteral("198.51.100.7"),
                            QStringLiteral("bad..test"),
                            QStringLiteral("v4only.test") }
            << AresResolver::IPv4Family << 0
            << "192.0.2.1/300; error NotFoundError; error TimeoutError; error ServerFailureError; "
               "198.51.100.7/-1; error InvalidRequestError; 192.0.2.4/42";
    QTest::newRow("any-family")
            << QStringList{ host, QStringLiteral("v4only.test"), QStringLiteral("missing.test") }
            << AresResolver::AnyFamily << 0
            << "192.0.2.1/300 2001:db8::1/600; 192.0.2.4/42; error NotFoundError";
    QTest::newRow("duplicates")
            << QStringList{ host, host, QStringLiteral("missing.test"), host }
            << AresResolver::IPv4Family << 0
            << "192.0.2.1/300; 192.0.2.1/300; error NotFoundError; 192.0.2.1/300";
    QTest::newRow("one") << QStringList{ QStringLiteral("drop.test") } << AresResolver::IPv4Family
                         << 0 << "error TimeoutError";
    QStringList queued;
    QStringList expected;
    for (int i = 0; i < 12; ++i) {
        queued.append(i % 3 == 1           ? QStringLiteral("missing.test")
                              : i % 3 == 2 ? QStringLiteral("drop.test")
                                           : host);
        expected.append(i % 3 == 1           ? QStringLiteral("error NotFoundError")
                                : i % 3 == 2 ? QStringLiteral("error TimeoutError")
                                             : QStringLiteral("192.0.2.1/300"));
    }
    QTest::newRow("queued-past-cap")
            << queued << AresResolver::IPv4Family << 2 << expected.join(QStringLiteral("; "));
}

// Result i is names[i]'s, whatever the outcomes and the order they finish in;
// a then() continuation sees them all.
void tst_ResolverBatch::batchResults()
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
    const QFuture<QString> seen = future.then(
            this, [count](const QFuture<AresHostInfo> &all) { return describeAll(all, count); });
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
    QCOMPARE(std::unique(ids.begin(), ids.end()),
             ids.end()); // one lookup each, duplicates included
    QCOMPARE(resolver.pendingLookups(), 0);
}

// Results are reported as each lookup finishes, at its index: a watcher's
// resultReadyAt() follows completion order, and the future finishes last.
void tst_ResolverBatch::batchStreamsInCompletionOrder()
{
    m_server->addAddress(QStringLiteral("slow.test"), QHostAddress(QStringLiteral("192.0.2.30")),
                         30);
    m_server->addAddress(QStringLiteral("medium.test"), QHostAddress(QStringLiteral("192.0.2.20")),
                         20);
    m_server->setFault(QStringLiteral("slow.test"), Fault{ FaultKind::None, 400ms, -1 });
    m_server->setFault(QStringLiteral("medium.test"), Fault{ FaultKind::None, 200ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(3000ms);
    AresResolver resolver(options);
    const QStringList names{ QStringLiteral("slow.test"), QStringLiteral("host.test"),
                             QStringLiteral("medium.test") };
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
             QStringLiteral("1 host.test 192.0.2.1/300; 2 medium.test 192.0.2.20/20; 0 slow.test "
                            "192.0.2.30/30"));
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
void tst_ResolverBatch::batchCancelMidway()
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
    auto chained = future.then(this, [&](const QFuture<AresHostInfo> &) {
                             continued = true;
                         }).onCanceled(this, [&] { canceledHandlerRan = true; });
    QFutureWatcher<AresHostInfo> watcher;
    QSignalSpy ready(&watcher, &QFutureWatcherBase::resultReadyAt);
    watcher.setFuture(future);
    QTRY_COMPARE(ready.size(), 2); // host.test and v4only.test
    QCOMPARE(m_server->questionCount(QStringLiteral("slow0.test")), 1); // in flight, answer pending
    QElapsedTimer timer;
    timer.start();
    future.cancel();
    QVERIFY(waitFor(future));
    QVERIFY2(timer.elapsed() < 300,
             qPrintable(QString::number(timer.elapsed()))); // before the answers
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
    QVERIFY2(sent <= 3,
             qPrintable(QString::number(sent))); // the queued ones never reached the server
    QCOMPARE(m_server->questionCount(QStringLiteral("slow7.test")), 0);
    // The resolver keeps working.
    const auto again =
            resolver.lookupHosts({ QStringLiteral("host.test") }, AresResolver::IPv4Family);
    QVERIFY(waitFor(again));
    QCOMPARE(describeAll(again, 1), QStringLiteral("192.0.2.1/300"));
}

void tst_ResolverBatch::batchEndedByResolver_data()
{
    QTest::addColumn<bool>("destroy"); // otherwise abortAll()
    QTest::addColumn<AresError>("error");
    QTest::newRow("abortAll") << false << AresError::OperationCancelledError;
    QTest::newRow("destroyed") << true << AresError::ResolverDestroyedError;
}

// abortAll() and the resolver's destruction end the unfinished lookups of a
// batch with an error result each; the future finishes, not canceled, and
// its continuation sees every result.
void tst_ResolverBatch::batchEndedByResolver()
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
    future.then(
            [&](const QFuture<AresHostInfo> &all) { // no context: runs where the future finishes
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
    const QString expected =
            QStringLiteral("192.0.2.1/300") + QStringLiteral("; %1").arg(failed).repeated(6);
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
void tst_ResolverBatch::batchResolverGoneBeforeItStarted()
{
    auto resolver = std::make_unique<AresResolver>(testOptions());
    QFuture<AresHostInfo> future;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        future = resolver->lookupHosts(
                { QStringLiteral("host.test"), QStringLiteral("v4only.test") });
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
void tst_ResolverBatch::batchCanceledBeforeItStarted()
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

void tst_ResolverBatch::batchFromAnotherThread()
{
    AresResolver resolver(testOptions());
    QString seen;
    std::atomic<bool> done = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        // Called, waited for and read off the resolver's thread.
        auto future =
                resolver.lookupHosts({ QStringLiteral("host.test"), QStringLiteral("missing.test"),
                                       QStringLiteral("192.0.2.99"), QStringLiteral("host.test") },
                                     AresResolver::IPv4Family);
        future.waitForFinished();
        seen = describeAll(future, 4);
        done = true;
    }));
    thread->start();
    QTRY_VERIFY(done.load());
    QVERIFY(thread->wait(5000));
    QCOMPARE(seen,
             QStringLiteral("192.0.2.1/300; error NotFoundError; 192.0.2.99/-1; 192.0.2.1/300"));
    QCOMPARE(resolver.pendingLookups(), 0);
}

void tst_ResolverBatch::batchEmptyList()
{
    AresResolver resolver(testOptions());
    QFuture<AresHostInfo> future = resolver.lookupHosts({});
    QVERIFY(future.isFinished()); // at once
    QVERIFY(!future.isCanceled());
    QCOMPARE(future.resultCount(), 0);
    QCOMPARE(resolver.pendingLookups(), 0);
    bool continued = false;
    const auto chained = future.then(
            this, [&](const QFuture<AresHostInfo> &all) { continued = all.resultCount() == 0; });
    QVERIFY(waitFor(chained));
    QVERIFY(continued);
    QCOMPARE(m_server->questionCount(), 0);
}

// Thousands in one batch, through the queue behind the default cap.
void tst_ResolverBatch::batchMany()
{
    const int count = 5000;
    QStringList names;
    for (int i = 0; i < count; ++i) {
        names.append(QStringLiteral("h%1.test").arg(i));
        m_server->addAddress(names.last(), QHostAddress(quint32(0x0a000000 + i)),
                             quint32(1000 + i % 7));
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
            || info.addresses().at(0).toIPv4Address() != quint32(0x0a000000 + i)
            || info.hostName() != names.at(i))
            ++wrong;
    }
    QCOMPARE(wrong, 0);
    QCOMPARE(resolver.pendingLookups(), 0);
}

// Many batches at once, finishing in the same delivery passes (some
// canceled, with per-lookup futures between them): each gets its own
// results, none is mixed up with another.
void tst_ResolverBatch::batchesSideBySide()
{
    const QStringList names{ QStringLiteral("host.test"), QStringLiteral("missing.test"),
                             QStringLiteral("v4only.test"), QStringLiteral("192.0.2.77") };
    const QString expected =
            QStringLiteral("192.0.2.1/300; error NotFoundError; 192.0.2.4/42; 192.0.2.77/-1");
    AresResolver resolver(testOptions());
    QList<QFuture<AresHostInfo>> batches;
    QList<QFuture<AresHostInfo>> singles;
    for (int i = 0; i < 300; ++i) {
        QStringList rotated = names.mid(i % 4) + names.mid(0, i % 4); // results at other indexes
        batches.append(resolver.lookupHosts(rotated, AresResolver::IPv4Family));
        if (i % 7 == 3)
            batches.last().cancel();
        if (i % 10 == 0)
            singles.append(
                    resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family));
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

// Names are checked as their lookups enter the query window, not in the
// call: with the window full and thousands queued, every result is still
// that of its name, invalid names and literals included, each exactly once.
void tst_ResolverBatch::batchNamesCheckedInTheWindow_data()
{
    QTest::addColumn<int>("cap"); // maxQueriesInFlight, 0 = default
    QTest::newRow("cap-2") << 2;
    QTest::newRow("default-window") << 0;
}

void tst_ResolverBatch::batchNamesCheckedInTheWindow()
{
    QFETCH(int, cap);
    const int count = 3000;
    QStringList names;
    QStringList expected;
    for (int i = 0; i < count; ++i) {
        switch (i % 5) {
        case 1:
            names.append(QStringLiteral("bad..name%1").arg(i));
            expected.append(QStringLiteral("error InvalidRequestError"));
            break;
        case 2:
            names.append(QStringLiteral("198.51.100.%1").arg(i % 250));
            expected.append(QStringLiteral("198.51.100.%1/-1").arg(i % 250));
            break;
        case 3:
            names.append(QStringLiteral("missing.test."));
            expected.append(QStringLiteral("error NotFoundError"));
            break;
        default:
            names.append(QStringLiteral("h%1.test").arg(i));
            m_server->addAddress(names.last(), QHostAddress(quint32(0x0a000000 + i)), 60);
            expected.append(QHostAddress(quint32(0x0a000000 + i)).toString()
                            + QStringLiteral("/60"));
        }
    }
    AresOptions options = testOptions();
    options.setTimeout(2000ms);
    options.setTries(2);
    options.setCacheEnabled(false); // every name on the wire: counted below
    if (cap > 0)
        options.setMaxQueriesInFlight(cap);
    AresResolver resolver(options);
    QFuture<AresHostInfo> future = resolver.lookupHosts(names, AresResolver::IPv4Family);
    QVERIFY(!future.isFinished());
    QCOMPARE(resolver.pendingLookups(), count);
    QVERIFY(resolver.queriesInFlight() <= resolver.queryWindow());
    QVERIFY(waitFor(future, 60s));
    QCOMPARE(describeAll(future, count), expected.join(QStringLiteral("; ")));
    // The invalid name is reported as given, with why.
    const AresHostInfo invalid = future.resultAt(1);
    QCOMPARE(invalid.hostName(), QStringLiteral("bad..name1"));
    QCOMPARE(invalid.errorString(),
             QStringLiteral("Invalid host name \"bad..name1\": name has an empty label"));
    // Absolute names go out as asked, once each; the results name them without the dot.
    QCOMPARE(future.resultAt(3).hostName(), QStringLiteral("missing.test"));
    QCOMPARE(m_server->questionCount(QStringLiteral("missing.test")), count / 5);
    QCOMPARE(resolver.pendingLookups(), 0);
}

// A call whose names all finish as they enter the window (invalid ones)
// does not finish them in one event-loop pass: each pass takes a bounded
// share, reported as one run of results.
void tst_ResolverBatch::batchPassesStayBounded()
{
    const int count = 20000;
    QStringList names;
    for (int i = 0; i < count; ++i)
        names.append(QStringLiteral("bad name %1").arg(i));
    AresResolver resolver(testOptions());
    QFutureWatcher<AresHostInfo> watcher;
    int runs = 0;
    int largestRun = 0;
    int reported = 0;
    connect(&watcher, &QFutureWatcherBase::resultsReadyAt, this, [&](int begin, int end) {
        ++runs;
        largestRun = qMax(largestRun, end - begin);
        reported += end - begin;
    });
    watcher.setFuture(resolver.lookupHosts(names));
    QCOMPARE(resolver.pendingLookups(), count);
    QVERIFY(waitFor(watcher.future(), 60s));
    QTRY_COMPARE(reported, count);
    QVERIFY2(largestRun <= 1024, qPrintable(QString::number(largestRun)));
    QVERIFY2(runs >= count / 1024, qPrintable(QString::number(runs)));
    int wrong = 0;
    for (int i = 0; i < count; ++i) {
        if (watcher.future().resultAt(i).error() != AresError::InvalidRequestError
            || watcher.future().resultAt(i).hostName() != names.at(i))
            ++wrong;
    }
    QCOMPARE(wrong, 0);
    QCOMPARE(resolver.pendingLookups(), 0);
    QCOMPARE(m_server->questionCount(), 0);
}

// The deadline counts from the call for every name of it, queued ones
// included; a name that is invalid gets its own error even when its
// deadline passed while it waited, for a batch and a single lookup alike.
void tst_ResolverBatch::batchDeadlineWhileQueued()
{
    m_server->setFault(QStringLiteral("drop.test"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(5000ms);
    options.setDeadline(300ms);
    options.setMaxQueriesInFlight(1);
    AresResolver resolver(options);
    QElapsedTimer timer;
    timer.start();
    QFuture<AresHostInfo> batch = resolver.lookupHosts(
            { QStringLiteral("drop.test"), QStringLiteral("bad..test"), QStringLiteral("host.test"),
              QStringLiteral("192.0.2.9") },
            AresResolver::IPv4Family);
    QFuture<AresHostInfo> single = resolver.lookupHost(QStringLiteral("bad..test"));
    QVERIFY(waitFor(batch, 10s));
    QVERIFY(waitFor(single, 10s));
    QVERIFY2(timer.elapsed() >= 300, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(describeAll(batch, 4),
             QStringLiteral("error TimeoutError; error InvalidRequestError; error TimeoutError; "
                            "192.0.2.9/-1"));
    QCOMPARE(describe(single.result()), QStringLiteral("error InvalidRequestError"));
    QCOMPARE(m_server->questionCount(QStringLiteral("host.test")), 0); // never left the queue
    // Queued time counts from the call.
    QVERIFY(batch.resultAt(2).diagnostics().queuedTime() >= 290ms);
    QCOMPARE(resolver.pendingLookups(), 0);
}

// Lookups started after a call wait behind all of its names; ids are
// handed out as lookups leave the queue, unique and positive.
void tst_ResolverBatch::batchQueuedBehindOthers()
{
    AresOptions options = testOptions();
    options.setMaxQueriesInFlight(1);
    // Through the window one by one (cache hits would finish in one pass,
    // the batch's results then reported after the single lookup's signal).
    options.setCacheEnabled(false);
    AresResolver resolver(options);
    QStringList names;
    for (int i = 0; i < 20; ++i)
        names.append(i % 2 ? QStringLiteral("host.test") : QStringLiteral("v4only.test"));
    QStringList order;
    QFutureWatcher<AresHostInfo> watcher;
    connect(&watcher, &QFutureWatcherBase::resultReadyAt, this,
            [&](int index) { order.append(QString::number(index)); });
    watcher.setFuture(resolver.lookupHosts(names, AresResolver::IPv4Family));
    connect(&resolver, &AresResolver::hostLookupFinished, this,
            [&](const AresHostInfo &) { order.append(QStringLiteral("after")); });
    resolver.submitHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QTRY_COMPARE(order.size(), 21);
    QCOMPARE(order.last(), QStringLiteral("after"));
    QList<int> ids;
    for (int i = 0; i < 20; ++i)
        ids.append(watcher.future().resultAt(i).lookupId());
    std::sort(ids.begin(), ids.end());
    QVERIFY(ids.first() > 0);
    QCOMPARE(std::unique(ids.begin(), ids.end()), ids.end());
}

QTEST_GUILESS_MAIN(tst_ResolverBatch)
#include "tst_resolverbatch.moc"
