// SPDX-License-Identifier: MIT
// AresResolver against the fake server: how failures are reported: server answers and c-ares
// statuses to AresError, refused connections, reverse-lookup failures, translated texts.
#include "resolvertestcase.h"

class tst_ResolverErrors : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void errorMapping_data();
    void errorMapping();
    void connectionRefused();
    void reverseLookupErrors_data();
    void reverseLookupErrors();
    void translatedErrors();
    void serverFailureOverTcp_data();
    void serverFailureOverTcp();
};

void tst_ResolverErrors::errorMapping_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<AresError>("error");
    QTest::addColumn<QString>("detail");

    QTest::newRow("nxdomain") << int(FaultKind::NxDomain) << AresError::NotFoundError
                              << "ARES_ENOTFOUND";
    QTest::newRow("nodata") << int(FaultKind::NoData) << AresError::NoDataError << "";
    QTest::newRow("servfail") << int(FaultKind::ServFail) << AresError::ServerFailureError
                              << "SERVFAIL";
    QTest::newRow("refused") << int(FaultKind::Refused) << AresError::ServerRefusedError
                             << "REFUSED";
    QTest::newRow("notimp") << int(FaultKind::NotImp) << AresError::ServerFailureError << "NOTIMP";
    QTest::newRow("formerr") << int(FaultKind::FormErr) << AresError::ServerFormatError
                             << "ARES_EFORMERR";
    QTest::newRow("drop") << int(FaultKind::Drop) << AresError::TimeoutError << "ARES_ETIMEOUT";
    QTest::newRow("wrong-id") << int(FaultKind::WrongId) << AresError::TimeoutError
                              << "ARES_ETIMEOUT";
    QTest::newRow("wrong-question")
            << int(FaultKind::WrongQuestion) << AresError::TimeoutError << "ARES_ETIMEOUT";
    // A reply c-ares cannot parse: 1.18 drops it and the tries time out; 1.22
    // and later end the query with it at once (docs/errors.md).
    const bool rejects = QAresTest::caresRejectsMalformedReplies();
    const AresError malformed = rejects ? AresError::InvalidReplyError : AresError::TimeoutError;
    const char *malformedStatus = rejects ? "ARES_EBADRESP" : "ARES_ETIMEOUT";
    QTest::newRow("garbage") << int(FaultKind::Garbage) << malformed << malformedStatus;
    QTest::newRow("short-reply") << int(FaultKind::ShortReply) << malformed << malformedStatus;
}

void tst_ResolverErrors::errorMapping()
{
    QFETCH(int, fault);
    QFETCH(AresError, error);
    QFETCH(QString, detail);

    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind(fault), 0ms, -1 });
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    const AresHostInfo info = future.result();
    QCOMPARE(info.error(), error);
    QVERIFY2(info.errorString().contains(detail), qPrintable(info.errorString()));
    QVERIFY(info.addresses().isEmpty());
    // The resolver keeps working.
    m_server->clearFaults();
    const auto again = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(again));
    QCOMPARE(describe(again.result()), QStringLiteral("192.0.2.1/300"));
}

void tst_ResolverErrors::connectionRefused()
{
    // A port nobody listens on: ICMP port unreachable.
    const quint16 port = m_server->port();
    AresOptions options = testOptions();
    m_server.reset();
    options.setServers(QList<AresServer>{ AresServer(QHostAddress::LocalHost, port) });
    AresResolver resolver(options);
    const auto future = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), AresError::ConnectionRefusedError);
    QCOMPARE(future.result().aresStatus(), 11); // ARES_ECONNREFUSED
    QVERIFY2(!future.result().errorString().contains(u"every server answered"),
             qPrintable(future.result().errorString()));

    // The same for a record query, over TCP (connect() refused).
    options.setFlag(AresOptions::TcpOnly);
    QVERIFY(resolver.setOptions(options));
    const auto query = resolver.query(QStringLiteral("host.test"), AresRecord::TXT);
    QVERIFY(waitFor(query));
    QCOMPARE(query.result().error(), AresError::ConnectionRefusedError);
    QVERIFY2(!query.result().errorString().contains(u"every server answered"),
             qPrintable(query.result().errorString()));
    m_server = std::make_unique<AresTestServer>(); // for cleanup()
}

// c-ares 1.18's ares_gethostbyaddr() reports every failure as ENOTFOUND;
// QAres tells them apart like host lookups do.
void tst_ResolverErrors::reverseLookupErrors_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("fault");
    QTest::addColumn<AresError>("error");

    const QString v4 = QStringLiteral("192.0.2.99");
    const QString v6 = QStringLiteral("2001:db8::99");
    QTest::newRow("nxdomain") << v4 << int(FaultKind::None) << AresError::NotFoundError;
    QTest::newRow("nodata") << v4 << int(FaultKind::NoData) << AresError::NotFoundError;
    QTest::newRow("servfail") << v4 << int(FaultKind::ServFail) << AresError::ServerFailureError;
    QTest::newRow("notimp") << v4 << int(FaultKind::NotImp) << AresError::ServerFailureError;
    QTest::newRow("refused") << v4 << int(FaultKind::Refused) << AresError::ServerRefusedError;
    QTest::newRow("drop") << v4 << int(FaultKind::Drop) << AresError::TimeoutError;
    QTest::newRow("v6-refused") << v6 << int(FaultKind::Refused) << AresError::ServerRefusedError;
    QTest::newRow("v6-drop") << v6 << int(FaultKind::Drop) << AresError::TimeoutError;
    QTest::newRow("invalid") << QString() << int(FaultKind::None) << AresError::InvalidRequestError;
}

void tst_ResolverErrors::reverseLookupErrors()
{
    QFETCH(QString, address);
    QFETCH(int, fault);
    QFETCH(AresError, error);
    if (fault != int(FaultKind::None))
        m_server->setFault(QStringLiteral("*"), Fault{ FaultKind(fault), 0ms, -1 });
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupAddress(QHostAddress(address));
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().error(), error);
    QVERIFY(!future.result().errorString().isEmpty());

    // The resolver keeps working, and a host lookup's failure is told apart
    // the same way while a reverse lookup runs next to it.
    m_server->clearFault(QStringLiteral("*"));
    m_server->setFault(QStringLiteral("gone.test"), Fault{ FaultKind::NxDomain, 0ms, -1 });
    const auto host = resolver.lookupHost(QStringLiteral("gone.test"), AresResolver::IPv4Family);
    const auto reverse = resolver.lookupAddress(QHostAddress(QStringLiteral("192.0.2.98")));
    QVERIFY(waitFor(host));
    QVERIFY(waitFor(reverse));
    QCOMPARE(host.result().error(), AresError::NotFoundError);
    QCOMPARE(reverse.result().error(), AresError::NotFoundError);
}

// User-visible texts go through QCoreApplication::translate() with the
// class a user sees them from: an application's translator applies.
void tst_ResolverErrors::translatedErrors()
{
    class Translator : public QTranslator
    {
    public:
        bool isEmpty() const override { return false; }
        QString translate(const char *context, const char *source, const char *, int) const override
        {
            const QByteArrayView text(source);
            if (qstrcmp(context, "AresResolver") == 0 && text.startsWith("Invalid host name"))
                return QStringLiteral("Ungültiger Name \"%1\": %2");
            if (qstrcmp(context, "AresResolver") == 0 && text == "empty host name")
                return QStringLiteral("leerer Name");
            if (qstrcmp(context, "AresOptions") == 0 && text == "tries must be 1..100")
                return QStringLiteral("Versuche: 1..100");
            return QString();
        }
    } translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QString());
    QVERIFY(waitFor(future));
    QCOMPARE(future.result().errorString(), QStringLiteral("Ungültiger Name \"\": leerer Name"));
    AresOptions bad = testOptions();
    bad.setTries(0);
    QString why;
    QVERIFY(!bad.validate(&why));
    QCOMPARE(why, QStringLiteral("Versuche: 1..100"));
    QCoreApplication::removeTranslator(&translator);
    const auto again = resolver.lookupHost(QString());
    QVERIFY(waitFor(again));
    QCOMPARE(again.result().errorString(),
             QStringLiteral("Invalid host name \"\": empty host name"));
}

// SERVFAIL and REFUSED over TCP are told apart as over UDP (the receive
// hook reassembles TCP replies), on every c-ares version.
void tst_ResolverErrors::serverFailureOverTcp_data()
{
    QTest::addColumn<int>("fault");
    QTest::addColumn<AresError>("error");
    QTest::addColumn<QString>("detail");
    QTest::newRow("servfail-tcp") << int(FaultKind::ServFail) << AresError::ServerFailureError
                                  << "SERVFAIL";
    QTest::newRow("refused-tcp") << int(FaultKind::Refused) << AresError::ServerRefusedError
                                 << "REFUSED";
}

void tst_ResolverErrors::serverFailureOverTcp()
{
    QFETCH(int, fault);
    QFETCH(AresError, error);
    QFETCH(QString, detail);
    m_server->setFault(QStringLiteral("host.test"), Fault{ FaultKind(fault), 0ms, -1 });
    AresOptions options = testOptions();
    options.setFlag(AresOptions::TcpOnly);
    AresResolver resolver(options);
    const auto host = resolver.lookupHost(QStringLiteral("host.test"), AresResolver::IPv4Family);
    const auto record = resolver.query(QStringLiteral("host.test"), AresRecord::A);
    QVERIFY(waitFor(host));
    QVERIFY(waitFor(record));
    QCOMPARE(host.result().error(), error);
    QVERIFY2(host.result().errorString().contains(detail), qPrintable(host.result().errorString()));
    QCOMPARE(record.result().error(), error);
    QCOMPARE(record.result().rcode(), fault == int(FaultKind::ServFail) ? 2 : 5);
    QVERIFY(!m_server->questions().isEmpty());
    QCOMPARE(m_server->questions().first().transport, AresTestServer::Transport::Tcp);
}

QTEST_GUILESS_MAIN(tst_ResolverErrors)
#include "tst_resolvererrors.moc"
