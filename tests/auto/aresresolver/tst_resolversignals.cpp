// SPDX-License-Identifier: MIT
// AresResolver against the fake server: the object and signal APIs: AresReply, the QHostInfo-style
// receiver, the resolver's own signals for submit...() lookups, and what their slots may do.
#include "resolvertestcase.h"

class tst_ResolverSignals : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void replyObject();
    void replyHostInfoOfEveryKind_data();
    void replyHostInfoOfEveryKind();
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
    void signalConnectedAfterStart();
    void deleteResolverInSlot();
    void cancelAndStartInSlot();
    void reconfigureInSlot();
};

void tst_ResolverSignals::replyObject()
{
    AresResolver resolver(testOptions());
    std::unique_ptr<AresReply> reply(
            resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family));
    QCOMPARE(reply->parent(), nullptr); // owned by the resolver, not its QObject child
    QVERIFY(!reply->isFinished());
    QSignalSpy spy(reply.get(), &AresReply::finished);
    QVERIFY(spy.wait());
    QCOMPARE(spy.size(), 1);
    QVERIFY(reply->isFinished());
    QCOMPARE(describe(reply->hostInfo()), QStringLiteral("192.0.2.1/300"));
    QCOMPARE(reply->hostInfo().lookupId(), reply->lookupId());

    std::unique_ptr<AresReply> reverse(
            resolver.startAddressLookup(QHostAddress(QStringLiteral("192.0.2.99"))));
    QSignalSpy reverseSpy(reverse.get(), &AresReply::finished);
    QVERIFY(reverseSpy.wait());
    QCOMPARE(reverse->error(), AresError::NotFoundError);
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1); // exactly once
}

// An AresReply's hostInfo(), error() and errorString() for every kind of
// lookup: a record query's and a name-info lookup's come from their own
// result (the record set, the name info), with the name or the address asked for.
void tst_ResolverSignals::replyHostInfoOfEveryKind_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type"); // record type, or name-info flags
    QTest::addColumn<QString>("expected");

    const int numeric = int(AresNameInfo::NumericHost | AresNameInfo::NumericService);
    const int contradicting = int(AresNameInfo::NumericHost | AresNameInfo::NameRequired);
    QTest::newRow("host-answer") << "host" << "host.test" << 0
                                 << "NoError name=host.test addresses=192.0.2.1";
    QTest::newRow("query-answer") << "query" << "host.test" << int(AresRecord::A)
                                  << "NoError name=host.test addresses=";
    QTest::newRow("query-nxdomain") << "query" << "missing.test" << int(AresRecord::A)
                                    << "NotFoundError name=missing.test addresses=";
    QTest::newRow("query-nodata") << "query" << "v4only.test" << int(AresRecord::MX)
                                  << "NoDataError name=v4only.test addresses=";
    QTest::newRow("query-invalid-type") << "query" << "host.test" << 0
                                        << "InvalidRequestError name=host.test addresses=";
    QTest::newRow("nameinfo-numeric") << "nameinfo" << "192.0.2.7" << numeric
                                      << "NoError name= addresses=192.0.2.7";
    QTest::newRow("nameinfo-invalid-flags") << "nameinfo" << "192.0.2.7" << contradicting
                                            << "InvalidRequestError name= addresses=192.0.2.7";
}

void tst_ResolverSignals::replyHostInfoOfEveryKind()
{
    QFETCH(QString, kind);
    QFETCH(QString, name);
    QFETCH(int, type);
    QFETCH(QString, expected);

    AresResolver resolver(testOptions());
    std::unique_ptr<AresReply> reply;
    if (kind == u"host")
        reply.reset(resolver.startHostLookup(name, AresResolver::IPv4Family));
    else if (kind == u"query")
        reply.reset(resolver.startQuery(name, AresRecord::Type(type)));
    else
        reply.reset(resolver.startNameInfoLookup(QHostAddress(name), 80,
                                                 AresNameInfo::Flags(type)));
    QSignalSpy spy(reply.get(), &AresReply::finished);
    QVERIFY(spy.wait());

    const AresHostInfo info = reply->hostInfo();
    QStringList addresses;
    for (const QHostAddress &address : info.addresses())
        addresses.append(address.toString());
    const char *error = QMetaEnum::fromType<AresError>().valueToKey(int(info.error()));
    QCOMPARE(QStringLiteral("%1 name=%2 addresses=%3")
                     .arg(QString::fromLatin1(error), info.hostName(), addresses.join(u',')),
             expected);
    QCOMPARE(info.lookupId(), reply->lookupId());
    QCOMPARE(reply->error(), info.error());
    QCOMPARE(reply->errorString(), info.errorString());
    if (kind == u"query") {
        QCOMPARE(reply->recordSet().error(), info.error());
        QCOMPARE(reply->recordSet().errorString(), info.errorString());
        QCOMPARE(reply->recordSet().lookupId(), reply->lookupId());
    } else if (kind == u"nameinfo") {
        QCOMPARE(reply->nameInfo().error(), info.error());
        QCOMPARE(reply->nameInfo().errorString(), info.errorString());
        QCOMPARE(reply->nameInfo().lookupId(), reply->lookupId());
    }
    QVERIFY(info.error() == AresError::NoError || !info.errorString().isEmpty());
}

void tst_ResolverSignals::repliesDeletedWithResolver()
{
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::Drop, 0ms, -1 });
    auto resolver = std::make_unique<AresResolver>(testOptions());
    QList<QPointer<AresReply>> replies;
    QList<AresError> errors;
    for (int i = 0; i < 20; ++i) {
        AresReply *reply = resolver->startHostLookup(QStringLiteral("n%1.test").arg(i),
                                                     AresResolver::IPv4Family);
        QObject::connect(reply, &AresReply::finished, reply,
                         [reply, &errors] { errors.append(reply->error()); });
        replies.append(reply);
    }
    delete replies.at(3).data(); // deleted by the user: unlinked, aborted
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

void tst_ResolverSignals::replyDeletedBeforeFinish()
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

void tst_ResolverSignals::hostInfoStyleApi()
{
    AresResolver resolver(testOptions());
    Receiver receiver;
    const int id = resolver.lookupHost(QStringLiteral("host.test"), &receiver,
                                       SLOT(lookedUp(AresHostInfo)));
    QVERIFY(id > 0);
    QTRY_COMPARE(receiver.results.size(), 1);
    QCOMPARE(receiver.results.first().lookupId(), id);
    QCOMPARE(describe(receiver.results.first()), QStringLiteral("192.0.2.1/300 2001:db8::1/600"));

    QList<AresHostInfo> functorResults;
    const int id2 =
            resolver.lookupHost(QStringLiteral("two.test"), &receiver,
                                [&](const AresHostInfo &info) { functorResults.append(info); });
    QVERIFY(id2 != id);
    QTRY_COMPARE(functorResults.size(), 1);
    QCOMPARE(describe(functorResults.first()), QStringLiteral("192.0.2.21/100 192.0.2.22/100"));

    // A destroyed context is not called.
    auto context = std::make_unique<QObject>();
    bool called = false;
    resolver.lookupHost(QStringLiteral("host.test"), context.get(),
                        [&](const AresHostInfo &) { called = true; });
    context.reset();
    QTRY_COMPARE(resolver.pendingLookups(), 0);
    QVERIFY(!called);
}

void tst_ResolverSignals::hostInfoStyleAbort()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 100ms, -1 });
    AresResolver resolver(testOptions());
    Receiver receiver;
    const int aborted = resolver.lookupHost(QStringLiteral("host.test"), &receiver,
                                            SLOT(lookedUp(AresHostInfo)));
    const int kept = resolver.lookupHost(QStringLiteral("host.test"), &receiver,
                                         SLOT(lookedUp(AresHostInfo)));
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
void tst_ResolverSignals::resolverSignalOutcomes_data()
{
    QTest::addColumn<QString>("name"); // a host name, or "ptr:ADDRESS" for a reverse lookup
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<int>("fault"); // on every name; -1: none
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("expected");

    const auto v4 = AresResolver::IPv4Family;
    const auto any = AresResolver::AnyFamily;
    QTest::newRow("answer") << "host.test" << v4 << -1 << ""
                            << "192.0.2.1/300";
    QTest::newRow("answer-both-families") << "host.test" << any << -1 << ""
                                          << "192.0.2.1/300 2001:db8::1/600";
    QTest::newRow("literal") << "198.51.100.7" << any << -1 << ""
                             << "198.51.100.7/-1";
    QTest::newRow("literal-wrong-family") << "2001:db8::7" << v4 << -1 << ""
                                          << "error NoDataError";
    QTest::newRow("invalid-name") << "bad..name" << any << -1 << ""
                                  << "error InvalidRequestError";
    QTest::newRow("nxdomain") << "host.test" << v4 << int(FaultKind::NxDomain) << ""
                              << "error NotFoundError";
    QTest::newRow("servfail") << "host.test" << v4 << int(FaultKind::ServFail) << ""
                              << "error ServerFailureError";
    QTest::newRow("timeout") << "host.test" << v4 << int(FaultKind::Drop) << ""
                             << "error TimeoutError";
    QTest::newRow("deadline") << "host.test" << v4 << int(FaultKind::Drop) << "deadline"
                              << "error TimeoutError";
    QTest::newRow("abortLookup") << "host.test" << v4 << int(FaultKind::None) << "abortLookup"
                                 << "error OperationCancelledError";
    QTest::newRow("abortAll") << "host.test" << v4 << int(FaultKind::None) << "abortAll"
                              << "error OperationCancelledError";
    QTest::newRow("abortLookup-queued")
            << "host.test" << v4 << int(FaultKind::None) << "abortLookup-queued"
            << "error OperationCancelledError";
    QTest::newRow("reverse-answer") << "ptr:192.0.2.5" << any << -1 << ""
                                    << "five.test";
    QTest::newRow("reverse-notfound") << "ptr:192.0.2.99" << any << -1 << ""
                                      << "error NotFoundError";
    QTest::newRow("reverse-invalid") << "ptr:" << any << -1 << ""
                                     << "error InvalidRequestError";
}

void tst_ResolverSignals::resolverSignalOutcomes()
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
    const int ahead = action == u"abortLookup-queued"
            ? resolver.submitHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family)
            : 0;
    const int id = name.startsWith(u"ptr:")
            ? resolver.submitAddressLookup(QHostAddress(name.mid(4)))
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
        QVERIFY2(timer.elapsed() < 200 || ahead,
                 qPrintable(QString::number(timer.elapsed()))); // before the answer
    QList<AresHostInfo> infos;
    for (const auto &arguments : std::as_const(spy))
        infos.append(arguments.at(0).value<AresHostInfo>());
    const AresHostInfo info = infos.at(infos.at(0).lookupId() == id ? 0 : 1);
    QCOMPARE(info.lookupId(), id);
    QCOMPARE(info.error() == AresError::NoError && name.startsWith(u"ptr:") ? info.hostName()
                                                                            : describe(info),
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
void tst_ResolverSignals::resolverSignalOnlyForSubmitted()
{
    AresResolver resolver(testOptions());
    QList<int> ids;
    QObject::connect(&resolver, &AresResolver::hostLookupFinished, &resolver,
                     [&](const AresHostInfo &info) { ids.append(info.lookupId()); });
    Receiver receiver;
    const auto future = resolver.lookupHost(QStringLiteral("host.test"));
    std::unique_ptr<AresReply> reply(resolver.startHostLookup(QStringLiteral("host.test")));
    const int hostInfoStyle = resolver.lookupHost(QStringLiteral("host.test"), &receiver,
                                                  SLOT(lookedUp(AresHostInfo)));
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
void tst_ResolverSignals::abortLookupEveryApi()
{
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind::None, 200ms, -1 });
    AresResolver resolver(testOptions());
    QList<AresHostInfo> signalled;
    QObject::connect(&resolver, &AresResolver::hostLookupFinished, &resolver,
                     [&](const AresHostInfo &info) { signalled.append(info); });
    Receiver receiver;
    std::unique_ptr<AresReply> reply(resolver.startHostLookup(QStringLiteral("host.test")));
    QSignalSpy replySpy(reply.get(), &AresReply::finished);
    const int hostInfoStyle = resolver.lookupHost(QStringLiteral("host.test"), &receiver,
                                                  SLOT(lookedUp(AresHostInfo)));
    const int submitted = resolver.submitHostLookup(QStringLiteral("host.test"));
    const int keptBySubmit = resolver.submitHostLookup(QStringLiteral("host.test"));

    resolver.abortLookup(reply->lookupId());
    resolver.abortLookup(hostInfoStyle);
    resolver.abortLookup(submitted);
    resolver.abortHostLookup(keptBySubmit); // not a QHostInfo-style lookup: ignored
    resolver.abortLookup(987654); // unknown: ignored

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
void tst_ResolverSignals::resolverSignalSlotActions_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("expected"); // label:result, in the order emitted

    QTest::newRow("delete-resolver") << "delete-resolver"
                                     << "fast:192.0.2.1/300 slow:error ResolverDestroyedError";
    QTest::newRow("submit")
            << "submit"
            << "fast:192.0.2.1/300 more:192.0.2.4/42 slow:192.0.2.21/100 192.0.2.22/100";
    QTest::newRow("abort-other") << "abort-other"
                                 << "fast:192.0.2.1/300 slow:error OperationCancelledError";
    QTest::newRow("abort-all") << "abort-all"
                               << "fast:192.0.2.1/300 slow:error OperationCancelledError";
    QTest::newRow("set-options")
            << "set-options"
            << "fast:192.0.2.1/300 more:198.51.100.1/5 slow:192.0.2.21/100 192.0.2.22/100";
}

void tst_ResolverSignals::resolverSignalSlotActions()
{
    QFETCH(QString, action);
    QFETCH(QString, expected);

    AresTestServer second;
    QVERIFY(second.listen());
    second.addAddress(QStringLiteral("v4only.test"), QHostAddress(QStringLiteral("198.51.100.1")),
                      5);
    m_server->setFault(QStringLiteral("two.test"), Fault{ FaultKind::None, 200ms, -1 });
    auto *resolver = new AresResolver(testOptions());
    QPointer<AresResolver> guard(resolver);
    QHash<int, QString> labels;
    QStringList results;
    const int fast =
            resolver->submitHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    const int slow =
            resolver->submitHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family);
    labels.insert(fast, QStringLiteral("fast"));
    labels.insert(slow, QStringLiteral("slow"));
    QObject::connect(resolver, &AresResolver::hostLookupFinished, [&](const AresHostInfo &info) {
        results.append(labels.value(info.lookupId(), QStringLiteral("?")) + u':' + describe(info));
        if (info.lookupId() != fast)
            return;
        if (action == u"delete-resolver") {
            delete resolver;
        } else if (action == u"submit") {
            labels.insert(resolver->submitHostLookup(QStringLiteral("v4only.test"),
                                                     AresResolver::IPv4Family),
                          QStringLiteral("more"));
        } else if (action == u"abort-other") {
            resolver->abortLookup(slow);
        } else if (action == u"abort-all") {
            resolver->abortAll();
        } else if (action == u"set-options") {
            QVERIFY(resolver->setOptions(testOptions({ &second })));
            labels.insert(resolver->submitHostLookup(QStringLiteral("v4only.test"),
                                                     AresResolver::IPv4Family),
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
void tst_ResolverSignals::resolverSignalDestroyWithPending_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("1") << 1;
    QTest::newRow("2000") << 2000;
}

void tst_ResolverSignals::resolverSignalDestroyWithPending()
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
        pending.insert(
                i % 2 ? resolver->submitHostLookup(QStringLiteral("n%1.test").arg(i))
                      : resolver->submitAddressLookup(QHostAddress(quint32(0xc0000200 + i % 250))));
    const int literal = resolver->submitHostLookup(QStringLiteral("127.0.0.1"));
    const int invalid = resolver->submitHostLookup(QStringLiteral("bad..name"));
    QVERIFY(resolver->queriesInFlight() > 0);
    QCOMPARE(emitted, 0); // the literal and the invalid name are delivered by the event loop
    QTRY_COMPARE(emitted, 2);
    const int literalLate =
            resolver->submitHostLookup(QStringLiteral("127.0.0.2")); // answered, not delivered
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

void tst_ResolverSignals::signalConnectedAfterStart()
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

void tst_ResolverSignals::deleteResolverInSlot()
{
    auto *resolver = new AresResolver(testOptions());
    QPointer<AresResolver> guard(resolver);
    AresReply *first =
            resolver->startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    m_server->setFault(QStringLiteral("two.test"), Fault{ FaultKind::None, 200ms, -1 });
    AresReply *second =
            resolver->startHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family);
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

void tst_ResolverSignals::cancelAndStartInSlot()
{
    m_server->setFault(QStringLiteral("two.test"), Fault{ FaultKind::None, 300ms, -1 });
    AresResolver resolver(testOptions());
    AresReply *first =
            resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    AresReply *slow =
            resolver.startHostLookup(QStringLiteral("two.test"), AresResolver::IPv4Family);
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

void tst_ResolverSignals::reconfigureInSlot()
{
    AresTestServer second;
    QVERIFY(second.listen());
    second.addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("198.51.100.1")), 5);
    AresResolver resolver(testOptions());
    AresReply *first =
            resolver.startHostLookup(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QFuture<AresHostInfo> after;
    QObject::connect(first, &AresReply::finished, [&] {
        QVERIFY(resolver.setOptions(testOptions({ &second })));
        after = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    });
    QTRY_VERIFY(after.isValid());
    QVERIFY(waitFor(after));
    QCOMPARE(describe(after.result()), QStringLiteral("198.51.100.1/5"));
}

QTEST_GUILESS_MAIN(tst_ResolverSignals)
#include "tst_resolversignals.moc"
