// SPDX-License-Identifier: MIT
// Record queries (query(), search(), queryNames(), startQuery(), submitQuery()) against the fake
// server, on the resolver fixture: every record type, TTLs, CNAME chains, negative answers,
// failures, cancellation, deadlines, threads.
#include "resolvertestcase.h"

#include <QtCore/qrandom.h>

using Type = AresRecord::Type;

namespace {

QHostAddress ip(const char *text)
{
    return QHostAddress(QString::fromLatin1(text));
}

QString errorName(AresError error)
{
    return QString::fromLatin1(QMetaEnum::fromType<AresError>().valueToKey(int(error)));
}

// Records of a set, dig style, one per line; or "error <Name>".
QString describe(const AresRecordSet &set)
{
    if (set.error() != AresError::NoError)
        return QStringLiteral("error ") + errorName(set.error());
    QStringList lines;
    for (const AresRecord &r : set.records())
        lines.append(r.toString());
    return lines.join(u'\n');
}

} // namespace

class tst_AresRecords : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void typedAccessors();
    void ttls_data();
    void ttls();
    void cnameChain();
    void cnameChainToNowhere();
    void negativeAnswers();
    void flags();
    void errors_data();
    void errors();
    void badRdataThenKeepsWorking();
    void rawUnknownType();
    void reverseNames();
    void idnaName();
    void invalidRequests_data();
    void invalidRequests();
    void searchDomains();
    void cancellation();
    void deadline();
    void inFlightCapCountsQueries();
    void replyApi();
    void resolverSignal_data();
    void resolverSignal();
    void destroyWithPending();
    void queryFromAnotherThread();
    void queryNames_data();
    void queryNames();
    void queryNamesStreams();
    void queryNamesCancel();
    void queryNamesResolverDestroyed();
    void queryNamesFromAnotherThread();
    void queryNamesEmpty();
    void mxSorted();
    void srvOrder();
    void fromRdata();
};

void tst_AresRecords::roundTrip_data()
{
    using R = AresTestRecord;
    QTest::addColumn<int>("type");
    QTest::addColumn<QList<AresTestRecord>>("records");
    QTest::addColumn<QString>("expected");

    AresTestRecord::SvcParams params;
    params.mandatory = { 1 };
    params.alpn = { "h2", "h3" };
    params.port = 8443;
    params.ipv4Hints = { ip("192.0.2.7") };
    params.ech = "ECH";
    params.ipv6Hints = { ip("2001:db8::7") };
    params.other = { { 4242, "zz" } };

    QTest::newRow("a-two") << int(Type::A)
                           << QList<R>{ R::a(ip("192.0.2.1")), R::a(ip("192.0.2.2")) }
                           << "rt.test. 300 IN A 192.0.2.1\nrt.test. 300 IN A 192.0.2.2";
    QTest::newRow("aaaa") << int(Type::AAAA) << QList<R>{ R::aaaa(ip("2001:db8::1")) }
                          << "rt.test. 300 IN AAAA 2001:db8::1";
    QTest::newRow("cname") << int(Type::CNAME)
                           << QList<R>{ R::cname(QStringLiteral("target.test")) }
                           << "rt.test. 300 IN CNAME target.test.";
    QTest::newRow("ns") << int(Type::NS)
                        << QList<R>{ R::ns(QStringLiteral("ns1.test")),
                                     R::ns(QStringLiteral("ns2.test")) }
                        << "rt.test. 300 IN NS ns1.test.\nrt.test. 300 IN NS ns2.test.";
    QTest::newRow("ptr") << int(Type::PTR) << QList<R>{ R::ptr(QStringLiteral("host.test")) }
                         << "rt.test. 300 IN PTR host.test.";
    QTest::newRow("dname") << int(Type::DNAME) << QList<R>{ R::dname(QStringLiteral("moved.test")) }
                           << "rt.test. 300 IN DNAME moved.test.";
    QTest::newRow("mx") << int(Type::MX)
                        << QList<R>{ R::mx(20, QStringLiteral("mx2.test")),
                                     R::mx(10, QStringLiteral("mx1.test")) }
                        << "rt.test. 300 IN MX 20 mx2.test.\nrt.test. 300 IN MX 10 mx1.test.";
    QTest::newRow("srv") << int(Type::SRV)
                         << QList<R>{ R::srv(1, 10, 5060, QStringLiteral("sip.test")) }
                         << "rt.test. 300 IN SRV 1 10 5060 sip.test.";
    QTest::newRow("txt")
            << int(Type::TXT)
            << QList<R>{ R::txt({ "v=spf1", " -all" }), R::txt({ QByteArray("a\0b", 3), "" }) }
            << "rt.test. 300 IN TXT \"v=spf1\" \" -all\"\nrt.test. 300 IN TXT \"a\\000b\" \"\"";
    QTest::newRow("soa") << int(Type::SOA)
                         << QList<R>{ R::soa(QStringLiteral("ns.test"),
                                             QStringLiteral("admin.test"), 2024, 7200, 900, 86400,
                                             60) }
                         << "rt.test. 300 IN SOA ns.test. admin.test. 2024 7200 900 86400 60";
    QTest::newRow("caa") << int(Type::CAA) << QList<R>{ R::caa(0, "issue", "ca.test") }
                         << "rt.test. 300 IN CAA 0 issue \"ca.test\"";
    QTest::newRow("naptr") << int(Type::NAPTR)
                           << QList<R>{ R::naptr(100, 10, "S", "SIP+D2U", "",
                                                 QStringLiteral("_sip._udp.test")) }
                           << "rt.test. 300 IN NAPTR 100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.test.";
    QTest::newRow("uri") << int(Type::URI) << QList<R>{ R::uri(10, 1, "https://www.test/") }
                         << "rt.test. 300 IN URI 10 1 \"https://www.test/\"";
    QTest::newRow("tlsa") << int(Type::TLSA)
                          << QList<R>{ R::tlsa(3, 1, 1, QByteArray::fromHex("abcdef01")) }
                          << "rt.test. 300 IN TLSA 3 1 1 ABCDEF01";
    QTest::newRow("svcb-alias") << int(Type::SVCB)
                                << QList<R>{ R::svcb(0, QStringLiteral("svc.test")) }
                                << "rt.test. 300 IN SVCB 0 svc.test.";
    QTest::newRow("https") << int(Type::HTTPS) << QList<R>{ R::https(1, QString(), params) }
                           << "rt.test. 300 IN HTTPS 1 . mandatory=alpn alpn=\"h2,h3\" port=8443 "
                              "ipv4hint=192.0.2.7 ech=RUNI ipv6hint=2001:db8::7 key4242=\"zz\"";
    QTest::newRow("raw-64000") << 64000 << QList<R>{ R::raw(64000, QByteArray::fromHex("00ff10")) }
                               << "rt.test. 300 IN TYPE64000 \\# 3 00ff10";
}

void tst_AresRecords::roundTrip()
{
    QFETCH(int, type);
    QFETCH(QList<AresTestRecord>, records);
    QFETCH(QString, expected);

    QList<QByteArray> rdatas;
    for (const AresTestRecord &record : records) {
        QCOMPARE(int(record.type()), type);
        QVERIFY(m_server->addRecord(QStringLiteral("rt.test"), record, 300));
        rdatas.append(record.rdata());
    }
    // A record of another type under the same name is not part of the answer.
    m_server->addRecord(QStringLiteral("rt.test"),
                        type == int(Type::TXT) ? AresTestRecord::a(ip("192.0.2.99"))
                                               : AresTestRecord::txt({ "other" }),
                        5);
    AresResolver resolver(testOptions());
    const auto future = resolver.query(QStringLiteral("rt.test"), Type(type));
    QVERIFY(waitFor(future));
    const AresRecordSet set = future.result();
    QCOMPARE(set.error(), AresError::NoError);
    QCOMPARE(describe(set), expected);
    QCOMPARE(set.name(), QStringLiteral("rt.test"));
    QCOMPARE(set.type(), Type(type));
    QCOMPARE(set.rcode(), 0);
    QVERIFY(set.errorString().isEmpty());
    QVERIFY(set.lookupId() > 0);
    for (const AresRecord &r : set.records()) {
        QCOMPARE(r.type(), Type(type));
        QCOMPARE(r.isDecoded(), type != 64000);
        QCOMPARE(r.recordClass(), 1);
        QCOMPARE(r.ttl(), 300);
        QVERIFY(rdatas.contains(r.rdata()));
    }
    QCOMPARE(m_server->questionCount(QStringLiteral("rt.test"), quint16(type)), 1);
    QCOMPARE(resolver.pendingLookups(), 0);
}

void tst_AresRecords::typedAccessors()
{
    m_server->addRecord(QStringLiteral("all.test"),
                        AresTestRecord::mx(5, QStringLiteral("mx.test")));
    m_server->addRecord(QStringLiteral("all.test"),
                        AresTestRecord::srv(1, 2, 3, QStringLiteral("t.test")));
    m_server->addRecord(QStringLiteral("all.test"),
                        AresTestRecord::txt({ "ab", QByteArray("c\0d", 3) }));
    m_server->addRecord(QStringLiteral("all.test"),
                        AresTestRecord::soa(QStringLiteral("ns.test"), QStringLiteral("admin.test"),
                                            1, 2, 3, 4, 5));
    m_server->addRecord(QStringLiteral("all.test"),
                        AresTestRecord::caa(0x80, "iodef", "mailto:x@test"));
    m_server->addRecord(
            QStringLiteral("all.test"),
            AresTestRecord::naptr(7, 8, "U", "E2U+sip", "!^.*$!sip:a@test!", QString()));
    m_server->addRecord(QStringLiteral("all.test"), AresTestRecord::uri(9, 11, "ftp://f.test/"));
    m_server->addRecord(QStringLiteral("all.test"),
                        AresTestRecord::tlsa(2, 0, 1, QByteArray::fromHex("c0ffee")));
    AresTestRecord::SvcParams params;
    params.mandatory = { 1 };
    params.alpn = { "h3" };
    params.noDefaultAlpn = true;
    params.port = 443;
    params.ipv4Hints = { ip("192.0.2.1"), ip("192.0.2.2") };
    params.ech = "E";
    params.ipv6Hints = { ip("2001:db8::2") };
    params.other = { { 9, "raw" } };
    m_server->addRecord(QStringLiteral("all.test"),
                        AresTestRecord::https(2, QStringLiteral("cdn.test"), params));
    m_server->addRecord(QStringLiteral("all.test"),
                        AresTestRecord::svcb(0, QStringLiteral("alias.test")));
    m_server->addAddress(QStringLiteral("all.test"), QHostAddress(QStringLiteral("2001:db8::5")),
                         50);

    AresResolver resolver(testOptions());
    const auto future = resolver.query(QStringLiteral("all.test"), Type::ANY);
    QVERIFY(waitFor(future));
    const AresRecordSet set = future.result();
    QCOMPARE(set.error(), AresError::NoError);
    QCOMPARE(set.records().size(), 11);
    auto find = [&set](Type type) {
        for (const AresRecord &r : set.records()) {
            if (r.type() == type)
                return r;
        }
        return AresRecord();
    };
    const AresRecord mx = find(Type::MX);
    QCOMPARE(mx.preference(), 5);
    QCOMPARE(mx.exchange(), QStringLiteral("mx.test"));
    const AresRecord srv = find(Type::SRV);
    QCOMPARE(QList<int>({ srv.priority(), srv.weight(), srv.port() }), QList<int>({ 1, 2, 3 }));
    QCOMPARE(srv.target(), QStringLiteral("t.test"));
    const AresRecord txt = find(Type::TXT);
    QCOMPARE(txt.txtStrings(), QList<QByteArray>({ "ab", QByteArray("c\0d", 3) }));
    QCOMPARE(txt.txtJoined(), QByteArray("abc\0d", 5));
    const AresRecord soa = find(Type::SOA);
    QCOMPARE(soa.target(), QStringLiteral("ns.test"));
    QCOMPARE(soa.soaMailbox(), QStringLiteral("admin.test"));
    QCOMPARE(QList<quint32>({ soa.soaSerial(), soa.soaRefresh(), soa.soaRetry(), soa.soaExpire(),
                              soa.soaMinimum() }),
             QList<quint32>({ 1, 2, 3, 4, 5 }));
    const AresRecord caa = find(Type::CAA);
    QVERIFY(caa.isCaaCritical());
    QCOMPARE(caa.caaTag(), QStringLiteral("iodef"));
    QCOMPARE(caa.caaValue(), QByteArray("mailto:x@test"));
    const AresRecord naptr = find(Type::NAPTR);
    QCOMPARE(naptr.naptrOrder(), 7);
    QCOMPARE(naptr.preference(), 8);
    QCOMPARE(naptr.naptrFlags(), QByteArray("U"));
    QCOMPARE(naptr.naptrServices(), QByteArray("E2U+sip"));
    QCOMPARE(naptr.naptrRegexp(), QByteArray("!^.*$!sip:a@test!"));
    QCOMPARE(naptr.target(), QStringLiteral("."));
    const AresRecord uri = find(Type::URI);
    QCOMPARE(uri.uri(), QStringLiteral("ftp://f.test/"));
    QCOMPARE(uri.priority(), 9);
    QCOMPARE(uri.weight(), 11);
    const AresRecord tlsa = find(Type::TLSA);
    QCOMPARE(QList<int>({ tlsa.tlsaUsage(), tlsa.tlsaSelector(), tlsa.tlsaMatchingType() }),
             QList<int>({ 2, 0, 1 }));
    QCOMPARE(tlsa.tlsaData(), QByteArray::fromHex("c0ffee"));
    const AresRecord https = find(Type::HTTPS);
    QCOMPARE(https.priority(), 2);
    QVERIFY(!https.isAliasMode());
    QCOMPARE(https.target(), QStringLiteral("cdn.test"));
    QCOMPARE(https.mandatoryKeys(), QList<quint16>{ 1 });
    QCOMPARE(https.alpn(), QStringList{ QStringLiteral("h3") });
    QVERIFY(https.noDefaultAlpn());
    QCOMPARE(https.svcPort(), 443);
    QCOMPARE(https.ipv4Hints(),
             QList<QHostAddress>({ QHostAddress(QStringLiteral("192.0.2.1")),
                                   QHostAddress(QStringLiteral("192.0.2.2")) }));
    QCOMPARE(https.ipv6Hints(),
             QList<QHostAddress>({ QHostAddress(QStringLiteral("2001:db8::2")) }));
    QCOMPARE(https.ech(), QByteArray("E"));
    QCOMPARE(https.unknownSvcParams(), (QMap<quint16, QByteArray>{ { 9, "raw" } }));
    QCOMPARE(https.svcParams().size(), 8);
    const AresRecord svcb = find(Type::SVCB);
    QVERIFY(svcb.isAliasMode());
    QCOMPARE(svcb.svcPort(), -1);
    QVERIFY(svcb.alpn().isEmpty());
    const AresRecord aaaa = find(Type::AAAA);
    QCOMPARE(aaaa.address(), QHostAddress(QStringLiteral("2001:db8::5")));
    QCOMPARE(aaaa.ttl(), 50);
    // Accessors of other types give their defaults.
    QCOMPARE(aaaa.target(), QString());
    QVERIFY(aaaa.txtStrings().isEmpty());
    QCOMPARE(mx.svcPort(), -1);
    QVERIFY(mx.address().isNull());
}

void tst_AresRecords::ttls_data()
{
    QTest::addColumn<quint32>("wire");
    QTest::addColumn<int>("ttl");

    QTest::newRow("zero") << 0u << 0;
    QTest::newRow("one-day") << 86400u << 86400;
    QTest::newRow("max") << 0x7fffffffu << 0x7fffffff;
    QTest::newRow("top-bit-clamped") << 0x80000000u << 0;
    QTest::newRow("all-ones-clamped") << 0xffffffffu << 0;
}

void tst_AresRecords::ttls()
{
    QFETCH(quint32, wire);
    QFETCH(int, ttl);

    m_server->addRecord(QStringLiteral("ttl.test"), AresTestRecord::txt({ "t" }), wire);
    m_server->addRecord(QStringLiteral("ttl.test"), AresTestRecord::txt({ "u" }), 7);
    AresResolver resolver(testOptions());
    const auto future = resolver.query(QStringLiteral("ttl.test"), Type::TXT);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().records().size(), 2);
    QCOMPARE(future.result().records().at(0).ttl(), ttl);
    QCOMPARE(future.result().records().at(1).ttl(), 7);
}

void tst_AresRecords::cnameChain()
{
    m_server->addCname(QStringLiteral("www.test"), QStringLiteral("edge.test"), 60);
    m_server->addCname(QStringLiteral("edge.test"), QStringLiteral("origin.test"), 30);
    m_server->addRecord(QStringLiteral("origin.test"), AresTestRecord::txt({ "hello" }), 20);
    m_server->addRecord(QStringLiteral("other.test"), AresTestRecord::txt({ "not mine" }), 20);

    AresResolver resolver(testOptions());
    const auto future = resolver.query(QStringLiteral("www.test"), Type::TXT);
    QVERIFY(waitFor(future));
    const AresRecordSet set = future.result();
    QCOMPARE(describe(set), QStringLiteral("origin.test. 20 IN TXT \"hello\""));
    QCOMPARE(set.canonicalName(), QStringLiteral("origin.test"));
    QStringList chain;
    for (const AresRecord &r : set.cnameChain())
        chain.append(r.toString());
    QCOMPARE(chain, QStringList({ QStringLiteral("www.test. 60 IN CNAME edge.test."),
                                  QStringLiteral("edge.test. 30 IN CNAME origin.test.") }));
    QCOMPARE(set.answers().size(), 3);

    // Asking for the CNAME itself does not follow it.
    const auto cname = resolver.query(QStringLiteral("www.test"), Type::CNAME);
    QVERIFY(waitFor(cname));
    QCOMPARE(describe(cname.result()), QStringLiteral("www.test. 60 IN CNAME edge.test."));
    QVERIFY(cname.result().cnameChain().isEmpty());
}

void tst_AresRecords::cnameChainToNowhere()
{
    m_server->setSoa(QStringLiteral("test"), 45);
    m_server->addCname(QStringLiteral("dangling.test"), QStringLiteral("gone.test"), 60);
    m_server->addCname(QStringLiteral("typeless.test"), QStringLiteral("exists.test"), 60);
    m_server->addAddress(QStringLiteral("exists.test"), QHostAddress(QStringLiteral("192.0.2.3")),
                         60);

    AresResolver resolver(testOptions());
    const auto nx = resolver.query(QStringLiteral("dangling.test"), Type::TXT);
    const auto nodata = resolver.query(QStringLiteral("typeless.test"), Type::TXT);
    QVERIFY(waitFor(nx));
    QVERIFY(waitFor(nodata));
    QCOMPARE(nx.result().error(), AresError::NotFoundError);
    QCOMPARE(nx.result().cnameChain().size(), 1);
    QCOMPARE(nx.result().canonicalName(), QStringLiteral("gone.test"));
    QCOMPARE(nx.result().rcode(), 3);
    QCOMPARE(nodata.result().error(), AresError::NoDataError);
    QCOMPARE(nodata.result().canonicalName(), QStringLiteral("exists.test"));
    QCOMPARE(nodata.result().cnameChain().size(), 1);
    QVERIFY(nodata.result().records().isEmpty());
    QCOMPARE(nodata.result().errorString(),
             QStringLiteral("No TXT records for \"typeless.test\" (nor for its canonical name "
                            "\"exists.test\")"));
}

void tst_AresRecords::negativeAnswers()
{
    m_server->setSoa(QStringLiteral("test"), 30);
    m_server->addAddress(QStringLiteral("v4.test"), QHostAddress(QStringLiteral("192.0.2.4")), 100);

    AresResolver resolver(testOptions());
    const auto nodata = resolver.query(QStringLiteral("v4.test"), Type::MX);
    const auto nx = resolver.query(QStringLiteral("missing.test"), Type::MX);
    QVERIFY(waitFor(nodata));
    QVERIFY(waitFor(nx));

    const AresRecordSet a = nodata.result();
    QCOMPARE(a.error(), AresError::NoDataError);
    QCOMPARE(a.rcode(), 0);
    QVERIFY(a.records().isEmpty());
    QVERIFY(a.authoritySoa().isValid());
    QCOMPARE(a.authoritySoa().aceName(), QStringLiteral("test"));
    QCOMPARE(a.authoritySoa().soaMinimum(), 30u);
    QCOMPARE(a.negativeTtl(), 30);
    QCOMPARE(a.errorString(), QStringLiteral("No MX records for \"v4.test\""));

    const AresRecordSet b = nx.result();
    QCOMPARE(b.error(), AresError::NotFoundError);
    QCOMPARE(b.rcode(), 3);
    QVERIFY(b.authoritySoa().isValid());
    QCOMPARE(b.negativeTtl(), 30);
    QVERIFY(b.isAuthoritative());

    // search() without search domains keeps them too.
    const auto searchedNodata = resolver.search(QStringLiteral("v4.test"), Type::MX);
    const auto searchedNx = resolver.search(QStringLiteral("missing.test"), Type::MX);
    QVERIFY(waitFor(searchedNodata));
    QVERIFY(waitFor(searchedNx));
    QCOMPARE(searchedNodata.result().error(), AresError::NoDataError);
    QCOMPARE(searchedNodata.result().negativeTtl(), 30);
    QCOMPARE(searchedNx.result().error(), AresError::NotFoundError);
    QCOMPARE(searchedNx.result().negativeTtl(), 30);
    QCOMPARE(searchedNx.result().rcode(), 3);

    // Without a zone there is no SOA.
    const auto bare = resolver.query(QStringLiteral("elsewhere.invalid"), Type::A);
    QVERIFY(waitFor(bare));
    QCOMPARE(bare.result().error(), AresError::NotFoundError);
    QVERIFY(!bare.result().authoritySoa().isValid());
    QCOMPARE(bare.result().negativeTtl(), -1);
}

void tst_AresRecords::flags()
{
    m_server->addRecord(QStringLiteral("f.test"), AresTestRecord::txt({ "x" }));
    {
        AresResolver resolver(testOptions());
        const auto future = resolver.query(QStringLiteral("f.test"), Type::TXT);
        QVERIFY(waitFor(future));
        const AresRecordSet set = future.result();
        QVERIFY(set.isAuthoritative());
        QVERIFY(set.isRecursionDesired());
        QVERIFY(set.isRecursionAvailable());
        QVERIFY(!set.isTruncated());
        QVERIFY(!set.isAuthenticData());
        QCOMPARE(set.flags(),
                 AresRecordSet::Flags(AresRecordSet::Authoritative | AresRecordSet::RecursionDesired
                                      | AresRecordSet::RecursionAvailable));
    }
    AresOptions options = testOptions();
    options.setFlag(AresOptions::NoRecursion);
    AresResolver resolver(options);
    const auto future = resolver.query(QStringLiteral("f.test"), Type::TXT);
    QVERIFY(waitFor(future));
    QVERIFY(!future.result().isRecursionDesired());
    QVERIFY(future.result().isAuthoritative());
}

void tst_AresRecords::errors_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<AresError>("error");
    QTest::addColumn<QString>("detail");

    QTest::newRow("servfail") << int(FaultKind::ServFail) << AresError::ServerFailureError
                              << "SERVFAIL";
    QTest::newRow("refused") << int(FaultKind::Refused) << AresError::ServerRefusedError
                             << "REFUSED";
    QTest::newRow("notimp") << int(FaultKind::NotImp) << AresError::ServerFailureError << "NOTIMP";
    QTest::newRow("nxdomain") << int(FaultKind::NxDomain) << AresError::NotFoundError
                              << "ARES_ENOTFOUND";
    QTest::newRow("nodata") << int(FaultKind::NoData) << AresError::NoDataError
                            << "No TXT records for \"e.test\"";
    QTest::newRow("drop-timeout") << int(FaultKind::Drop) << AresError::TimeoutError
                                  << "ARES_ETIMEOUT";
    // c-ares 1.22 and later end the query at the reply they cannot parse, and
    // QAres's reader says what is wrong with it; 1.18 drops it (docs/errors.md).
    if (QAresTest::caresRejectsMalformedReplies())
        QTest::newRow("garbage") << int(FaultKind::Garbage) << AresError::InvalidReplyError
                                 << "question";
    else
        QTest::newRow("garbage") << int(FaultKind::Garbage) << AresError::TimeoutError
                                 << "ARES_ETIMEOUT";
}

void tst_AresRecords::errors()
{
    QFETCH(int, fault);
    QFETCH(AresError, error);
    QFETCH(QString, detail);

    m_server->addRecord(QStringLiteral("e.test"), AresTestRecord::txt({ "ok" }));
    m_server->setFault(QStringLiteral("e.test"), Fault{ FaultKind(fault), 0ms, 1 });
    AresResolver resolver(testOptions());
    const auto future = resolver.query(QStringLiteral("e.test"), Type::TXT);
    QVERIFY(waitFor(future));
    const AresRecordSet set = future.result();
    QCOMPARE(errorName(set.error()), errorName(error));
    QVERIFY2(set.errorString().contains(detail), qPrintable(set.errorString()));
    QVERIFY(set.records().isEmpty());
    QVERIFY(set.aresStatus() != 0);
    if (fault == int(FaultKind::ServFail))
        QCOMPARE(set.rcode(), 2);
    if (fault == int(FaultKind::Refused))
        QCOMPARE(set.rcode(), 5);
    const auto again =
            resolver.query(QStringLiteral("e.test"), Type::TXT); // the fault was for one query
    QVERIFY(waitFor(again));
    QCOMPARE(describe(again.result()), QStringLiteral("e.test. 300 IN TXT \"ok\""));
}

void tst_AresRecords::badRdataThenKeepsWorking()
{
    // Malformed on purpose: an A record of 3 octets, an HTTPS record whose keys are not in order.
    m_server->addRecord(QStringLiteral("bad.test"),
                        AresTestRecord::raw(1, QByteArray("\x01\x02\x03", 3)));
    // SvcPriority 1, target ".", port=1 before alpn="h2": keys out of order.
    const QByteArray badSvcRdata = QByteArray::fromHex("0001 00 0003 0002 0001 0001 0003 026832");
    m_server->addRecord(QStringLiteral("badsvc.test"), AresTestRecord::raw(65, badSvcRdata));
    m_server->addRecord(QStringLiteral("good.test"), AresTestRecord::a(ip("192.0.2.8")));
    AresResolver resolver(testOptions());
    const auto bad = resolver.query(QStringLiteral("bad.test"), Type::A);
    const auto badSvc = resolver.query(QStringLiteral("badsvc.test"), Type::HTTPS);
    QVERIFY(waitFor(bad));
    QVERIFY(waitFor(badSvc));
    QCOMPARE(bad.result().error(), AresError::InvalidReplyError);
    QVERIFY2(bad.result().errorString().contains(u"BadRdata"),
             qPrintable(bad.result().errorString()));
    QVERIFY(bad.result().records().isEmpty());
    QCOMPARE(badSvc.result().error(), AresError::InvalidReplyError);
    QVERIFY2(badSvc.result().errorString().contains(u"ascending"),
             qPrintable(badSvc.result().errorString()));
    const auto good = resolver.query(QStringLiteral("good.test"), Type::A);
    QVERIFY(waitFor(good));
    QCOMPARE(describe(good.result()), QStringLiteral("good.test. 300 IN A 192.0.2.8"));
    QCOMPARE(resolver.pendingLookups(), 0);
}

void tst_AresRecords::rawUnknownType()
{
    m_server->addRecord(QStringLiteral("raw.test"), 64000, QByteArray("\0\1\2", 3), 77);
    m_server->addRecord(QStringLiteral("raw.test"), 99, QByteArray(), 78);
    AresResolver resolver(testOptions());
    const auto future = resolver.query(QStringLiteral("raw.test"), Type(64000));
    const auto empty = resolver.query(QStringLiteral("raw.test"), Type(99));
    QVERIFY(waitFor(future));
    QVERIFY(waitFor(empty));
    const AresRecord r = future.result().records().value(0);
    QCOMPARE(r.type(), Type(64000));
    QCOMPARE(r.typeValue(), 64000);
    QCOMPARE(r.typeName(), QStringLiteral("TYPE64000"));
    QCOMPARE(r.rdata(), QByteArray("\0\1\2", 3));
    QCOMPARE(r.ttl(), 77);
    QVERIFY(!r.isDecoded());
    QCOMPARE(m_server->questionCount(QStringLiteral("raw.test"), 64000), 1);
    QCOMPARE(describe(empty.result()), QStringLiteral("raw.test. 78 IN TYPE99 \\# 0"));
}

void tst_AresRecords::reverseNames()
{
    QCOMPARE(AresRecord::reverseName(QHostAddress(QStringLiteral("192.0.2.5"))),
             QStringLiteral("5.2.0.192.in-addr.arpa"));
    QCOMPARE(AresRecord::reverseName(QHostAddress(QStringLiteral("2001:db8::567:89ab"))),
             QStringLiteral(
                     "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"));
    QCOMPARE(AresRecord::reverseName(QHostAddress()), QString());
    QCOMPARE(AresRecord::reverseName(QHostAddress(QStringLiteral("192.0.2.5"))),
             AresTestServer::reverseName(QHostAddress(QStringLiteral("192.0.2.5"))));

    m_server->addPtr(QStringLiteral("5.2.0.192.in-addr.arpa"), QStringLiteral("five.test"), 100);
    AresResolver resolver(testOptions());
    const auto future = resolver.query(
            AresRecord::reverseName(QHostAddress(QStringLiteral("192.0.2.5"))), Type::PTR);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().records().value(0).target(), QStringLiteral("five.test"));
}

void tst_AresRecords::idnaName()
{
    m_server->addRecord(QStringLiteral("xn--bcher-kva.test"), AresTestRecord::txt({ "books" }), 60);
    m_server->addCname(QStringLiteral("alias.test"), QStringLiteral("xn--bcher-kva.test"), 60);
    AresResolver resolver(testOptions());
    const auto future = resolver.query(QStringLiteral("Bücher.test"), Type::TXT);
    const auto viaAlias = resolver.query(QStringLiteral("alias.test"), Type::TXT);
    QVERIFY(waitFor(future));
    QVERIFY(waitFor(viaAlias));
    const AresRecordSet set = future.result();
    QCOMPARE(set.error(), AresError::NoError);
    QCOMPARE(set.name(), QStringLiteral("bücher.test"));
    QCOMPARE(set.aceName(), QStringLiteral("xn--bcher-kva.test"));
    QCOMPARE(set.records().value(0).name(), QStringLiteral("bücher.test"));
    QCOMPARE(set.records().value(0).aceName(), QStringLiteral("xn--bcher-kva.test"));
    QCOMPARE(viaAlias.result().cnameChain().value(0).target(), QStringLiteral("bücher.test"));
    QCOMPARE(viaAlias.result().canonicalName(), QStringLiteral("bücher.test"));
}

void tst_AresRecords::invalidRequests_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("reason");

    QTest::newRow("empty") << QString() << int(Type::A) << "empty";
    QTest::newRow("empty-label") << "a..test" << int(Type::TXT) << "empty label";
    QTest::newRow("label-64") << (QString(64, u'a') + u".test") << int(Type::TXT) << "63";
    QTest::newRow("too-long") << (QString(QString(63, u'a') + u'.').repeated(4) + u"com")
                              << int(Type::TXT) << "253";
    QTest::newRow("space") << "exam ple.test" << int(Type::MX) << "' '";
    QTest::newRow("nul") << QStringView(u"a\0.test", 7).toString() << int(Type::TXT) << "NUL";
    QTest::newRow("ipv6-literal") << "2001:db8::1" << int(Type::PTR) << "reverseName";
    QTest::newRow("type-0") << "host.test" << 0 << "type 0";
    QTest::newRow("type-opt") << "host.test" << 41 << "type 41";
    QTest::newRow("type-axfr") << "host.test" << 252 << "type 252";
}

void tst_AresRecords::invalidRequests()
{
    QFETCH(QString, name);
    QFETCH(int, type);
    QFETCH(QString, reason);

    m_server->addRecord(QStringLiteral("host.test"), AresTestRecord::txt({ "fine" }));
    AresResolver resolver(testOptions());
    const auto future = resolver.query(name, Type(type));
    QVERIFY(!future.isFinished()); // delivered from the event loop, never inside the call
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::InvalidRequestError);
    QVERIFY2(future.result().errorString().contains(reason),
             qPrintable(future.result().errorString()));
    const auto searched = resolver.search(name, Type(type));
    QVERIFY(waitFor(searched));
    QCOMPARE(searched.result().error(), AresError::InvalidRequestError);
    QCOMPARE(m_server->questionCount(), 0);
    const auto ok = resolver.query(QStringLiteral("host.test"), Type::TXT);
    QVERIFY(waitFor(ok));
    QCOMPARE(ok.result().error(), AresError::NoError);
}

void tst_AresRecords::searchDomains()
{
    m_server->setSoa(QStringLiteral("test"), 30);
    m_server->setSoa(QString(), 40);
    m_server->addRecord(QStringLiteral("svc.corp.test"), AresTestRecord::txt({ "corp" }), 10);
    m_server->addRecord(QStringLiteral("svc"), AresTestRecord::txt({ "bare" }), 10);
    AresOptions options = testOptions();
    options.setFlag(AresOptions::NoSearch, false);
    options.setSearchDomains({ QStringLiteral("other.test"), QStringLiteral("corp.test") });
    options.setNdots(1);
    AresResolver resolver(options);

    const auto searched = resolver.search(QStringLiteral("svc"), Type::TXT);
    QVERIFY(waitFor(searched));
    const AresRecordSet set = searched.result();
    QCOMPARE(describe(set), QStringLiteral("svc.corp.test. 10 IN TXT \"corp\""));
    QCOMPARE(set.name(), QStringLiteral("svc"));
    QCOMPARE(set.canonicalName(), QStringLiteral("svc.corp.test"));
    QCOMPARE(m_server->questionCount(QStringLiteral("svc.other.test"), 16), 1);

    // query() never applies search domains; search() with a trailing dot neither.
    m_server->clearQuestions();
    const auto exact = resolver.query(QStringLiteral("svc"), Type::TXT);
    const auto absolute = resolver.search(QStringLiteral("svc."), Type::TXT);
    QVERIFY(waitFor(exact));
    QVERIFY(waitFor(absolute));
    QCOMPARE(describe(exact.result()), QStringLiteral("svc. 10 IN TXT \"bare\""));
    QCOMPARE(describe(absolute.result()), QStringLiteral("svc. 10 IN TXT \"bare\""));
    QCOMPARE(m_server->questionCount(QStringLiteral("svc.corp.test")), 0);
    QCOMPARE(m_server->questionCount(QStringLiteral("svc.other.test")), 0);

    // Nothing anywhere: NotFoundError after every domain.
    m_server->clearQuestions();
    const auto missing = resolver.search(QStringLiteral("nothing"), Type::TXT);
    QVERIFY(waitFor(missing));
    QCOMPARE(missing.result().error(), AresError::NotFoundError);
    // The reply to the name as is (tried last) is kept: its rcode and the root's SOA.
    QCOMPARE(missing.result().rcode(), 3);
    QVERIFY(missing.result().authoritySoa().isValid());
    QCOMPARE(missing.result().negativeTtl(), 40);
    QCOMPARE(m_server->questionCount(QStringLiteral("nothing.other.test")), 1);
    QCOMPARE(m_server->questionCount(QStringLiteral("nothing.corp.test")), 1);
    QCOMPARE(m_server->questionCount(QStringLiteral("nothing")), 1);
}

void tst_AresRecords::cancellation()
{
    m_server->addRecord(QStringLiteral("slow.test"), AresTestRecord::txt({ "late" }));
    m_server->setFault(QStringLiteral("slow.test"), Fault{ FaultKind::None, 200ms, -1 });
    AresOptions options = testOptions();
    options.setCacheEnabled(false); // each query in flight when cancelled, none answered at once
    AresResolver resolver(options);

    auto cancelled = resolver.query(QStringLiteral("slow.test"), Type::TXT);
    const auto kept = resolver.query(QStringLiteral("slow.test"), Type::TXT);
    cancelled.cancel();
    QVERIFY(waitFor(kept));
    QVERIFY(cancelled.isCanceled());
    QCOMPARE(describe(kept.result()), QStringLiteral("slow.test. 300 IN TXT \"late\""));

    AresReply *reply = resolver.startQuery(QStringLiteral("slow.test"), Type::TXT);
    QSignalSpy spy(reply, &AresReply::finished);
    reply->abort();
    QVERIFY(spy.wait());
    QCOMPARE(reply->error(), AresError::OperationCancelledError);
    QCOMPARE(reply->recordSet().error(), AresError::OperationCancelledError);
    QVERIFY(reply->recordSet().records().isEmpty());

    const auto all1 = resolver.query(QStringLiteral("slow.test"), Type::TXT);
    const auto all2 = resolver.search(QStringLiteral("slow.test"), Type::TXT);
    resolver.abortAll();
    QVERIFY(waitFor(all1));
    QVERIFY(waitFor(all2));
    QCOMPARE(all1.result().error(), AresError::OperationCancelledError);
    QCOMPARE(all2.result().error(), AresError::OperationCancelledError);
    QTRY_COMPARE(resolver.pendingLookups(), 0);
    QTest::qWait(300); // the late answers arrive and are dropped
    QCOMPARE(spy.size(), 1);
    QCOMPARE(resolver.pendingLookups(), 0);
    QCOMPARE(resolver.queriesInFlight(), 0);
}

void tst_AresRecords::deadline()
{
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(5000ms);
    options.setDeadline(150ms);
    AresResolver resolver(options);
    const auto future = resolver.query(QStringLiteral("dropped.test"), Type::SRV);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::TimeoutError);
    QVERIFY2(future.result().errorString().contains(u"deadline"),
             qPrintable(future.result().errorString()));
}

void tst_AresRecords::inFlightCapCountsQueries()
{
    for (int i = 0; i < 6; ++i)
        m_server->addRecord(QStringLiteral("c%1.test").arg(i), AresTestRecord::txt({ "x" }));
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::None, 30ms, -1 });
    AresOptions options = testOptions();
    options.setMaxQueriesInFlight(2);
    AresResolver resolver(options);
    QList<QFuture<AresRecordSet>> futures;
    for (int i = 0; i < 6; ++i)
        futures.append(resolver.query(QStringLiteral("c%1.test").arg(i), Type::TXT));
    int maxSeen = 0;
    while (resolver.pendingLookups() > 0) {
        maxSeen = qMax(maxSeen, resolver.queriesInFlight());
        QTest::qWait(5);
    }
    QCOMPARE(maxSeen, 2);
    for (const auto &f : futures)
        QCOMPARE(f.result().error(), AresError::NoError);
}

void tst_AresRecords::replyApi()
{
    m_server->addRecord(QStringLiteral("_sip._tcp.test"),
                        AresTestRecord::srv(1, 1, 5060, QStringLiteral("sip.test")));
    AresResolver resolver(testOptions());
    std::unique_ptr<AresReply> reply(
            resolver.startQuery(QStringLiteral("_sip._tcp.test"), Type::SRV));
    std::unique_ptr<AresReply> searched(
            resolver.startSearch(QStringLiteral("_sip._tcp.test"), Type::SRV));
    QCOMPARE(reply->parent(), nullptr); // owned by the resolver, not its QObject child
    QVERIFY(!reply->isFinished());
    QSignalSpy spy(reply.get(), &AresReply::finished);
    QSignalSpy searchSpy(searched.get(), &AresReply::finished);
    QVERIFY(spy.wait());
    QTRY_COMPARE(searchSpy.size(), 1);
    QCOMPARE(reply->error(), AresError::NoError);
    QCOMPARE(describe(reply->recordSet()),
             QStringLiteral("_sip._tcp.test. 300 IN SRV 1 1 5060 sip.test."));
    QCOMPARE(describe(searched->recordSet()), describe(reply->recordSet()));
    QCOMPARE(reply->recordSet().lookupId(), reply->lookupId());
    QCOMPARE(reply->hostInfo().lookupId(), reply->lookupId());
    QTest::qWait(50);
    QCOMPARE(spy.size(), 1); // exactly once

    // A reply deleted before it finished aborts its query.
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::None, 100ms, -1 });
    delete resolver.startQuery(QStringLiteral("_sip._tcp.test"), Type::SRV);
    QCOMPARE(resolver.pendingLookups(), 1);
    QTRY_COMPARE(resolver.pendingLookups(), 0);
}

// submitQuery()/submitSearch(): queryFinished() exactly once per lookup,
// for every outcome, with the id submit returned; never from inside submit.
void tst_AresRecords::resolverSignal_data()
{
    QTest::addColumn<bool>("search");
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("fault"); // -1: none
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("expected");

    QTest::newRow("query") << false << "sig.test" << int(Type::TXT) << -1 << ""
                           << "sig.test. 300 IN TXT \"hi\"";
    QTest::newRow("search") << true << "sig" << int(Type::TXT) << -1 << ""
                            << "sig.corp.test. 300 IN TXT \"hi\"";
    QTest::newRow("nodata") << false << "sig.test" << int(Type::MX) << -1 << ""
                            << "error NoDataError";
    QTest::newRow("nxdomain") << false << "none.test" << int(Type::TXT) << -1 << ""
                              << "error NotFoundError";
    QTest::newRow("servfail") << false << "sig.test" << int(Type::TXT) << int(FaultKind::ServFail)
                              << ""
                              << "error ServerFailureError";
    QTest::newRow("invalid-type") << false << "sig.test" << 0 << -1 << ""
                                  << "error InvalidRequestError";
    QTest::newRow("invalid-name") << true << "bad..name" << int(Type::TXT) << -1 << ""
                                  << "error InvalidRequestError";
    QTest::newRow("abortLookup") << false << "sig.test" << int(Type::TXT) << int(FaultKind::None)
                                 << "abortLookup"
                                 << "error OperationCancelledError";
    QTest::newRow("abortAll") << true << "sig.test" << int(Type::TXT) << int(FaultKind::None)
                              << "abortAll"
                              << "error OperationCancelledError";
    QTest::newRow("deadline") << false << "sig.test" << int(Type::TXT) << int(FaultKind::Drop)
                              << "deadline"
                              << "error TimeoutError";
    QTest::newRow("destroyed") << false << "sig.test" << int(Type::TXT) << int(FaultKind::Drop)
                               << "destroy"
                               << "error ResolverDestroyedError";
}

void tst_AresRecords::resolverSignal()
{
    QFETCH(bool, search);
    QFETCH(QString, name);
    QFETCH(int, type);
    QFETCH(int, fault);
    QFETCH(QString, action);
    QFETCH(QString, expected);

    m_server->setSoa(QStringLiteral("test"), 30);
    m_server->addRecord(QStringLiteral("sig.test"), AresTestRecord::txt({ "hi" }));
    m_server->addRecord(QStringLiteral("sig.corp.test"), AresTestRecord::txt({ "hi" }));
    if (fault >= 0) // FaultKind::None: answered after 200 ms, time to abort it in flight
        m_server->setFault(QStringLiteral("*"), Fault{ FaultKind(fault), 200ms, -1 });
    AresOptions options = testOptions();
    if (search) {
        options.setFlag(AresOptions::NoSearch, false);
        options.setSearchDomains({ QStringLiteral("corp.test") });
    }
    if (action == u"deadline") {
        options.setTimeout(5000ms);
        options.setDeadline(150ms);
    }
    auto resolver = std::make_unique<AresResolver>(options);
    QList<AresRecordSet> sets;
    int hostSignals = 0;
    QObject::connect(resolver.get(), &AresResolver::queryFinished,
                     [&](const AresRecordSet &set) { sets.append(set); });
    QObject::connect(resolver.get(), &AresResolver::hostLookupFinished, [&] { ++hostSignals; });
    const int id = search ? resolver->submitSearch(name, Type(type))
                          : resolver->submitQuery(name, Type(type));
    QVERIFY(id > 0);
    QCOMPARE(sets.size(), 0); // never from inside submit
    if (action == u"abortLookup")
        resolver->abortLookup(id);
    else if (action == u"abortAll")
        resolver->abortAll();
    else if (action == u"destroy")
        resolver.reset(); // emitted from the destructor
    QCOMPARE(sets.size(), action == u"destroy" ? 1 : 0);
    QTRY_COMPARE(sets.size(), 1);
    QCOMPARE(sets.at(0).lookupId(), id);
    QCOMPARE(sets.at(0).name(), name);
    QCOMPARE(describe(sets.at(0)), expected);
    if (resolver) {
        QCOMPARE(resolver->pendingLookups(), 0);
        if (action == u"deadline")
            resolver->abortAll(); // still in c-ares: must not finish twice
        QTRY_COMPARE(resolver->queriesInFlight(), 0); // late answers dropped
        QTest::qWait(20);
    }
    QCOMPARE(sets.size(), 1);
    QCOMPARE(hostSignals, 0);
}

void tst_AresRecords::destroyWithPending()
{
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(5000ms);
    auto resolver = std::make_unique<AresResolver>(options);
    QList<QFuture<AresRecordSet>> futures;
    for (int i = 0; i < 20; ++i)
        futures.append(i % 2 ? resolver->query(QStringLiteral("q%1.test").arg(i), Type::TXT)
                             : resolver->search(QStringLiteral("q%1.test").arg(i), Type::HTTPS));
    AresReply *reply = resolver->startQuery(QStringLiteral("r.test"), Type::MX);
    int replyFinished = 0;
    QObject::connect(reply, &AresReply::finished, [&] {
        ++replyFinished;
        QCOMPARE(reply->recordSet().error(), AresError::ResolverDestroyedError);
    });
    QTRY_VERIFY(resolver->queriesInFlight() > 0);
    resolver.reset();
    QCOMPARE(replyFinished, 1);
    for (const auto &f : futures) {
        QVERIFY(f.isFinished());
        QCOMPARE(f.result().error(), AresError::ResolverDestroyedError);
    }
}

void tst_AresRecords::queryFromAnotherThread()
{
    m_server->addRecord(QStringLiteral("thread.test"),
                        AresTestRecord::mx(10, QStringLiteral("mx.test")));
    AresResolver resolver(testOptions());
    QList<AresRecordSet> results;
    QVERIFY(QAresTest::runOnAnotherThread([&] {
        auto a = resolver.query(QStringLiteral("thread.test"), Type::MX);
        auto b = resolver.search(QStringLiteral("none.test"), Type::MX);
        a.waitForFinished();
        b.waitForFinished();
        results = { a.result(), b.result() };
    }));
    QCOMPARE(describe(results.at(0)), QStringLiteral("thread.test. 300 IN MX 10 mx.test."));
    QCOMPARE(results.at(1).error(), AresError::NotFoundError);
}

// --- queryNames(): one future for many queries --------------------------------

namespace {

// Result i of a batch, one per index, " | "-separated; "missing" where none was reported.
QString describeAll(const QFuture<AresRecordSet> &future, qsizetype count)
{
    return QAresTest::describeResults(
            future, count, [](const AresRecordSet &result) { return describe(result); },
            QStringLiteral(" | "));
}

} // namespace

void tst_AresRecords::queryNames_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<int>("cap"); // maxQueriesInFlight, 0 = default
    QTest::addColumn<QString>("expected");

    const QString ok = QStringLiteral("a.test");
    const QString okRecord = QStringLiteral("a.test. 300 IN TXT \"a\"");
    QTest::newRow("mixed")
            << QStringList{ ok,
                            QStringLiteral("none.test"),
                            QStringLiteral("drop.test"),
                            QStringLiteral("servfail.test"),
                            QStringLiteral("bad..test"),
                            QStringLiteral("empty.test"),
                            QStringLiteral("b.test") }
            << 0
            << okRecord
                    + QStringLiteral(
                            " | error NotFoundError | error TimeoutError | error ServerFailureError"
                            " | error InvalidRequestError | error NoDataError | b.test. 300 IN TXT "
                            "\"b\"");
    QTest::newRow("duplicates") << QStringList{ ok, QStringLiteral("none.test"), ok, ok } << 0
                                << QStringList{ okRecord, QStringLiteral("error NotFoundError"),
                                                okRecord, okRecord }
                                           .join(QStringLiteral(" | "));
    QStringList queued;
    QStringList expected;
    for (int i = 0; i < 9; ++i) {
        queued.append(i % 3 == 0           ? ok
                              : i % 3 == 1 ? QStringLiteral("drop.test")
                                           : QStringLiteral("b.test"));
        expected.append(i % 3 == 0 ? okRecord
                                   : i % 3 == 1 ? QStringLiteral("error TimeoutError")
                                                : QStringLiteral("b.test. 300 IN TXT \"b\""));
    }
    QTest::newRow("queued-past-cap") << queued << 2 << expected.join(QStringLiteral(" | "));
}

// Result i is names[i]'s set, whatever the outcome; then() sees them all.
void tst_AresRecords::queryNames()
{
    QFETCH(QStringList, names);
    QFETCH(int, cap);
    QFETCH(QString, expected);

    m_server->addRecord(QStringLiteral("a.test"), AresTestRecord::txt({ "a" }));
    m_server->addRecord(QStringLiteral("b.test"), AresTestRecord::txt({ "b" }));
    m_server->addRecord(QStringLiteral("empty.test"),
                        AresTestRecord::a(ip("192.0.2.1"))); // an A record, no TXT
    m_server->addRecord(QStringLiteral("servfail.test"), AresTestRecord::txt({ "x" }));
    m_server->setFault(QStringLiteral("servfail.test"), Fault{ FaultKind::ServFail, 0ms, -1 });
    m_server->setFault(QStringLiteral("drop.test"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(150ms);
    if (cap > 0)
        options.setMaxQueriesInFlight(cap);
    AresResolver resolver(options);
    QFuture<AresRecordSet> future = resolver.queryNames(names, Type::TXT);
    QVERIFY(!future.isFinished());
    const qsizetype count = names.size();
    const QFuture<QString> seen = future.then(this, [count](const QFuture<AresRecordSet> &all) {
        return describeAll(all, count);
    });
    QVERIFY(waitFor(seen, 20s));
    QVERIFY(!future.isCanceled());
    QCOMPARE(seen.result(), expected);
    QCOMPARE(describeAll(future, count), expected);
    QCOMPARE(future.resultCount(), names.size());
    QList<int> ids;
    for (int i = 0; i < int(count); ++i)
        ids.append(future.resultAt(i).lookupId());
    std::sort(ids.begin(), ids.end());
    QCOMPARE(std::unique(ids.begin(), ids.end()), ids.end()); // one query each
    QVERIFY(ids.first() > 0);
    QCOMPARE(resolver.pendingLookups(), 0);
}

// Reported as each query finishes, at its index.
void tst_AresRecords::queryNamesStreams()
{
    for (const char *n : { "slow.test", "fast.test", "medium.test" })
        m_server->addRecord(QString::fromLatin1(n), AresTestRecord::txt({ n }));
    m_server->setFault(QStringLiteral("slow.test"), Fault{ FaultKind::None, 400ms, -1 });
    m_server->setFault(QStringLiteral("medium.test"), Fault{ FaultKind::None, 200ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(3000ms);
    AresResolver resolver(options);
    QFutureWatcher<AresRecordSet> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    QList<int> order;
    connect(&watcher, &QFutureWatcherBase::resultReadyAt, this, [&](int i) {
        order.append(finished.isEmpty() ? i : -1); // before finished()
    });
    watcher.setFuture(
            resolver.queryNames({ QStringLiteral("slow.test"), QStringLiteral("fast.test"),
                                  QStringLiteral("medium.test") },
                                Type::TXT));
    QVERIFY(finished.wait(10000));
    QCOMPARE(order, QList<int>({ 1, 2, 0 }));
    QCOMPARE(describeAll(watcher.future(), 3),
             QStringLiteral(
                     "slow.test. 300 IN TXT \"slow.test\" | fast.test. 300 IN TXT \"fast.test\""
                     " | medium.test. 300 IN TXT \"medium.test\""));
}

void tst_AresRecords::queryNamesCancel()
{
    m_server->addRecord(QStringLiteral("fast.test"), AresTestRecord::txt({ "fast" }));
    QStringList names{ QStringLiteral("fast.test") };
    for (int i = 0; i < 6; ++i) {
        names.append(QStringLiteral("slow%1.test").arg(i));
        m_server->addRecord(names.last(), AresTestRecord::txt({ "late" }));
        m_server->setFault(names.last(), Fault{ FaultKind::None, 400ms, -1 });
    }
    AresOptions options = testOptions();
    options.setTimeout(3000ms);
    options.setMaxQueriesInFlight(2);
    AresResolver resolver(options);
    QFuture<AresRecordSet> future = resolver.queryNames(names, Type::TXT);
    QFutureWatcher<AresRecordSet> watcher;
    QSignalSpy ready(&watcher, &QFutureWatcherBase::resultReadyAt);
    watcher.setFuture(future);
    QTRY_COMPARE(ready.size(), 1);
    QTRY_COMPARE(m_server->questionCount(QStringLiteral("slow1.test")), 1); // in flight with slow0
    QElapsedTimer timer;
    timer.start();
    future.cancel();
    QVERIFY(waitFor(future));
    QVERIFY2(timer.elapsed() < 300, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(future.isCanceled());
    QTRY_COMPARE(resolver.pendingLookups(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(resolver.queriesInFlight(), 0, 5000); // late answers dropped
    QTest::qWait(50);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(m_server->questionCount(QStringLiteral("slow5.test")), 0); // queued: never sent
    const auto again = resolver.queryNames({ QStringLiteral("fast.test") }, Type::TXT);
    QVERIFY(waitFor(again));
    QCOMPARE(describeAll(again, 1), QStringLiteral("fast.test. 300 IN TXT \"fast\""));
}

void tst_AresRecords::queryNamesResolverDestroyed()
{
    m_server->setFault(QStringLiteral("*"), Fault{ FaultKind::Drop, 0ms, -1 });
    AresOptions options = testOptions();
    options.setTimeout(5000ms);
    options.setMaxQueriesInFlight(3);
    auto resolver = std::make_unique<AresResolver>(options);
    QStringList names;
    for (int i = 0; i < 8; ++i)
        names.append(QStringLiteral("q%1.test").arg(i));
    QFuture<AresRecordSet> future = resolver->queryNames(names, Type::MX);
    int continuations = 0;
    future.then([&](const QFuture<AresRecordSet> &all) {
        ++continuations;
        QCOMPARE(all.resultCount(), 8);
    });
    QTRY_VERIFY(resolver->queriesInFlight() > 0);
    resolver.reset();
    QVERIFY(future.isFinished());
    QVERIFY(!future.isCanceled());
    QCOMPARE(continuations, 1);
    QCOMPARE(describeAll(future, 8),
             QStringList(8, QStringLiteral("error ResolverDestroyedError"))
                     .join(QStringLiteral(" | ")));
}

void tst_AresRecords::queryNamesFromAnotherThread()
{
    m_server->addRecord(QStringLiteral("thread.test"),
                        AresTestRecord::mx(10, QStringLiteral("mx.test")));
    AresResolver resolver(testOptions());
    QString seen;
    QVERIFY(QAresTest::runOnAnotherThread([&] {
        auto future = resolver.queryNames(
                { QStringLiteral("thread.test"), QStringLiteral("none.test") }, Type::MX);
        future.waitForFinished();
        seen = describeAll(future, 2);
    }));
    QCOMPARE(seen, QStringLiteral("thread.test. 300 IN MX 10 mx.test. | error NotFoundError"));
}

void tst_AresRecords::queryNamesEmpty()
{
    AresResolver resolver(testOptions());
    const QFuture<AresRecordSet> future = resolver.queryNames({}, Type::A);
    QVERIFY(future.isFinished());
    QVERIFY(!future.isCanceled());
    QCOMPARE(future.resultCount(), 0);
    QCOMPARE(resolver.pendingLookups(), 0);
}

void tst_AresRecords::mxSorted()
{
    m_server->addRecord(QStringLiteral("mail.test"),
                        AresTestRecord::mx(30, QStringLiteral("c.test")));
    m_server->addRecord(QStringLiteral("mail.test"),
                        AresTestRecord::mx(10, QStringLiteral("a.test")));
    m_server->addRecord(QStringLiteral("mail.test"),
                        AresTestRecord::mx(20, QStringLiteral("b1.test")));
    m_server->addRecord(QStringLiteral("mail.test"),
                        AresTestRecord::mx(20, QStringLiteral("b2.test")));
    AresResolver resolver(testOptions());
    const auto future = resolver.query(QStringLiteral("mail.test"), Type::MX);
    QVERIFY(waitFor(future));
    QStringList order;
    for (const AresRecord &r : future.result().sortedMx())
        order.append(QStringLiteral("%1 %2").arg(r.preference()).arg(r.exchange()));
    QCOMPARE(order.join(u';'), QStringLiteral("10 a.test;20 b1.test;20 b2.test;30 c.test"));
}

void tst_AresRecords::srvOrder()
{
    auto srv = [](int priority, int weight, const char *target) {
        return AresRecord::fromRdata(QStringLiteral("_x._tcp.test"), Type::SRV,
                                     AresTestRecord::srv(quint16(priority), quint16(weight), 80,
                                                         QString::fromLatin1(target))
                                             .rdata());
    };
    const QList<AresRecord> records = { srv(20, 0, "late.test"), srv(10, 90, "heavy.test"),
                                        srv(10, 10, "light.test"), srv(10, 0, "zero.test") };
    QRandomGenerator generator(42);
    int heavyFirst = 0;
    int zeroFirst = 0;
    const int rounds = 4000;
    for (int i = 0; i < rounds; ++i) {
        const QList<AresRecord> ordered =
                AresRecordSet::orderByPriorityAndWeight(records, &generator);
        QCOMPARE(ordered.size(), 4);
        // Priorities never interleave; the priority-20 record always comes last.
        QCOMPARE(ordered.at(0).priority(), 10);
        QCOMPARE(ordered.at(1).priority(), 10);
        QCOMPARE(ordered.at(2).priority(), 10);
        QCOMPARE(ordered.at(3).target(), QStringLiteral("late.test"));
        heavyFirst += ordered.at(0).target() == u"heavy.test";
        zeroFirst += ordered.at(0).target() == u"zero.test";
    }
    // RFC 2782: P(first) = weight / (sum + 1) for the weighted ones, 1 / 101 for weight 0.
    QVERIFY2(heavyFirst > rounds * 85 / 100 && heavyFirst < rounds * 93 / 100,
             qPrintable(QString::number(heavyFirst)));
    QVERIFY2(zeroFirst > 0 && zeroFirst < rounds * 3 / 100, qPrintable(QString::number(zeroFirst)));

    // "." alone: the service is not available.
    QVERIFY(AresRecordSet::orderByPriorityAndWeight({ srv(0, 0, "") }).isEmpty());
}

void tst_AresRecords::fromRdata()
{
    QString error;
    const QByteArray mx = AresTestRecord::mx(1, QStringLiteral("m.test")).rdata();
    const AresRecord good =
            AresRecord::fromRdata(QStringLiteral("x.test"), Type::MX, mx, 60, 1, &error);
    QVERIFY(good.isValid());
    QCOMPARE(good.toString(), QStringLiteral("x.test. 60 IN MX 1 m.test."));
    const AresRecord bad =
            AresRecord::fromRdata(QStringLiteral("x.test"), Type::MX, mx.left(2), 60, 1, &error);
    QVERIFY(!bad.isValid());
    QVERIFY2(error.contains(u"BadRdata"), qPrintable(error));
    const AresRecord badName =
            AresRecord::fromRdata(QStringLiteral("a..b"), Type::A,
                                  AresTestRecord::a(ip("1.2.3.4")).rdata(), 60, 1, &error);
    QVERIFY(!badName.isValid());
    QVERIFY2(error.contains(u"owner"), qPrintable(error));
    QCOMPARE(AresRecord::typeName(Type::HTTPS), QStringLiteral("HTTPS"));
    QCOMPARE(AresRecord::typeName(Type(4242)), QStringLiteral("TYPE4242"));
    QCOMPARE(good, AresRecord::fromRdata(QStringLiteral("X.TEST"), Type::MX, mx, 60));
    QVERIFY(good != bad);
}

QTEST_GUILESS_MAIN(tst_AresRecords)
#include "tst_aresrecords.moc"
