// SPDX-License-Identifier: MIT
// AresResolver against the fake server: lifetime: cancel, abort, deadlines, the query window and
// queue, destruction with lookups pending, other threads, descriptors and timers after use.
#include "resolvertestcase.h"

class tst_ResolverLifetime : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void cancelOneAmongMany();
    void cancelQueuedAndInFlight();
    void abortAll();
    void deadline();
    void deadlineShortenedWhilePending();
    void inFlightCap();
    void canceledWhileQueued_data();
    void canceledWhileQueued();
    void longLivedLookupAmongMany();
    void continuationDeletesResolver();
    void destroyWithPending_data();
    void destroyWithPending();
    void lookupFromAnotherThread();
    void manyLookupsInFlight();
    void descriptorsBackToBaseline();
    void idleMeansNoTimersAndNoNotifiers();
};

void tst_ResolverLifetime::cancelOneAmongMany()
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
void tst_ResolverLifetime::cancelQueuedAndInFlight()
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
    QVERIFY2(timer.elapsed() < 200,
             qPrintable(QString::number(timer.elapsed()))); // before the answer
    QVERIFY(inFlight.isCanceled());
    QVERIFY(queued.isCanceled());
    QVERIFY(waitFor(kept));
    QCOMPARE(describe(kept.result()), QStringLiteral("192.0.2.21/100 192.0.2.22/100"));
    QCOMPARE(m_server->questionCount(QStringLiteral("v4only.test")), 0);
    // The late answer to the canceled lookup is swallowed; the resolver goes idle.
    QTRY_COMPARE(resolver.queriesInFlight(), 0);
    QCOMPARE(resolver.pendingLookups(), 0);
}

void tst_ResolverLifetime::abortAll()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setMaxQueriesInFlight(4); // some in c-ares, some queued
    AresResolver resolver(options);
    QList<AresReply *> replies;
    for (int i = 0; i < 10; ++i)
        replies.append(
                resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family));
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

void tst_ResolverLifetime::deadline()
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
    QVERIFY2(future.result().errorString().contains(u"deadline"),
             qPrintable(future.result().errorString()));
}

// Deadlines are kept in submission order; one that is due earlier than
// those before it (the option was shortened) must still fire on time.
void tst_ResolverLifetime::deadlineShortenedWhilePending()
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

void tst_ResolverLifetime::inFlightCap()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 50ms, -1 });
    AresOptions options = testOptions();
    options.setMaxQueriesInFlight(3);
    AresResolver resolver(options);
    int maxSeen = 0;
    QList<QFuture<AresHostInfo>> futures;
    for (int i = 0; i < 9; ++i)
        futures.append(
                resolver.lookupHost(QStringLiteral("host.test"),
                                    i % 2 ? AresResolver::AnyFamily : AresResolver::IPv4Family));
    QTimer probe;
    QObject::connect(&probe, &QTimer::timeout,
                     [&] { maxSeen = qMax(maxSeen, resolver.queriesInFlight()); });
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
void tst_ResolverLifetime::canceledWhileQueued_data()
{
    QTest::addColumn<bool>("destroyEarly");
    QTest::newRow("drain") << false;
    QTest::newRow("destroy with canceled entries queued") << true;
}

void tst_ResolverLifetime::canceledWhileQueued()
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
        replies.append(
                resolver->startHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family));
        spies.append(std::make_shared<QSignalSpy>(replies.last(), &AresReply::finished));
        futures.append(
                resolver->lookupHost(QStringLiteral("v4only.test"), AresResolver::IPv4Family));
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

// Lookups that outlive thousands started after them (the lookup table
// moves them out of its ring of recent ids) are still found by id, by
// their reply and by the cancel sweep, and finish exactly once.
void tst_ResolverLifetime::longLivedLookupAmongMany()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 3000ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(5000ms);
    AresResolver resolver(options);
    QList<AresHostInfo> signalled;
    QObject::connect(&resolver, &AresResolver::hostLookupFinished, &resolver,
                     [&](const AresHostInfo &info) { signalled.append(info); });
    auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    std::unique_ptr<AresReply> reply(
            resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family));
    QSignalSpy replySpy(reply.get(), &AresReply::finished);
    const int slow =
            resolver.submitHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
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
    const int next =
            resolver.submitHostLookup(QStringLiteral("v4only.test"), AresResolver::IPv4Family);
    QTRY_COMPARE(signalled.size(), Fast + 2);
    QCOMPARE(signalled.last().lookupId(), next);
    QCOMPARE(describe(signalled.last()), QStringLiteral("192.0.2.4/42"));
    QSet<int> ids;
    for (const AresHostInfo &info : std::as_const(signalled))
        ids.insert(info.lookupId());
    QCOMPARE(ids.size(), Fast + 2);
}

void tst_ResolverLifetime::continuationDeletesResolver()
{
    auto *resolver = new AresResolver(testOptions());
    QPointer<AresResolver> guard(resolver);
    auto other = resolver->lookupHost(QStringLiteral("two.test"), AresResolver::IPv4Family);
    m_server->setFault(QStringLiteral("two.test"), Fault{ FaultKind::None, 200ms, -1 });
    auto chained =
            resolver->lookupHost(QStringLiteral("127.0.0.1")).then([&](const AresHostInfo &info) {
                delete resolver; // inside a continuation run by the delivery
                return info.error();
            });
    QVERIFY(waitFor(chained));
    QCOMPARE(chained.result(), AresError::NoError);
    QVERIFY(guard.isNull());
    QVERIFY(other.isFinished());
    QCOMPARE(other.result().error(), AresError::ResolverDestroyedError);
}

void tst_ResolverLifetime::destroyWithPending_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("10000") << 10000;
}

void tst_ResolverLifetime::destroyWithPending()
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
        auto future =
                resolver->lookupHost(QStringLiteral("n%1.test").arg(i), AresResolver::IPv4Family);
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

void tst_ResolverLifetime::lookupFromAnotherThread()
{
    AresResolver resolver(testOptions());
    QList<AresHostInfo> results;
    QVERIFY(QAresTest::runOnAnotherThread([&] {
        // Called, waited for and read off the resolver's thread.
        auto a = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
        auto b = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.99")));
        a.waitForFinished();
        b.waitForFinished();
        results = { a.result(), b.result() };
    }));
    QCOMPARE(describe(results.at(0)), QStringLiteral("192.0.2.1/300"));
    QCOMPARE(results.at(1).error(), AresError::NotFoundError);
}

void tst_ResolverLifetime::manyLookupsInFlight()
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
        futures.append(
                resolver.lookupHost(QStringLiteral("h%1.test").arg(i), AresResolver::IPv4Family));
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
    qInfo("%d lookups against the fake server in %lld ms (%.0f/s)", count, elapsed,
          count * 1000.0 / qMax<qint64>(1, elapsed));
}

void tst_ResolverLifetime::descriptorsBackToBaseline()
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

void tst_ResolverLifetime::idleMeansNoTimersAndNoNotifiers()
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

QTEST_GUILESS_MAIN(tst_ResolverLifetime)
#include "tst_resolverlifetime.moc"
