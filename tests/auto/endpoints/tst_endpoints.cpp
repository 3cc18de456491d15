// SPDX-License-Identifier: MIT
// Host lookups with a service and getaddrinfo's hints (AresHostRequest):
// endpoints (address, port, TTL), the AI_ flags, bad input, every shape.
#include "resolvertestcase.h"

#include <QtNetwork/qnetworkinterface.h>

namespace {

// The port /etc/services gives \a name for \a protocol, read here without
// the C library; -1 if the file has none.
int servicesFilePort(const QString &name, const QString &protocol)
{
    QFile file(QStringLiteral("/etc/services"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    for (int lines = 0; !file.atEnd() && lines < 100000; ++lines) {
        QString line = QString::fromLatin1(file.readLine());
        line.truncate(line.indexOf(u'#') < 0 ? line.size() : line.indexOf(u'#'));
        const QStringList fields = line.split(space, Qt::SkipEmptyParts);
        if (fields.size() < 2 || !fields.at(1).endsWith(u'/' + protocol))
            continue;
        if (fields.at(0) == name || fields.mid(2).contains(name))
            return fields.at(1).section(u'/', 0, 0).toInt();
    }
    return -1;
}

// "address/port/ttl" per endpoint, sorted, or "error NAME".
QString describeEndpoints(const AresHostInfo &info)
{
    if (info.error() != AresError::NoError)
        return QStringLiteral("error ")
                + QString::fromLatin1(
                        QMetaEnum::fromType<AresError>().valueToKey(int(info.error())));
    QStringList parts;
    for (const AresEndpoint &endpoint : info.endpoints())
        parts.append(endpoint.addressString() + u'/' + QString::number(endpoint.port()) + u'/'
                     + QString::number(endpoint.ttl()));
    parts.sort();
    return parts.join(u' ');
}

} // namespace

class tst_Endpoints : public ResolverTestCase
{
    Q_OBJECT

private Q_SLOTS:
    void servicesFile();
    void endpoints_data();
    void endpoints();
    void v4MappedOrder();
    void addressConfig();
    void everyShape();
    void plainLookupsUnchanged();
};

void tst_Endpoints::servicesFile()
{
    QVERIFY2(QFile::exists(QStringLiteral("/etc/services")),
             "/etc/services is missing (Debian's netbase package)");
    QCOMPARE(servicesFilePort(QStringLiteral("http"), QStringLiteral("tcp")), 80);
    QCOMPARE(servicesFilePort(QStringLiteral("domain"), QStringLiteral("udp")), 53);
}

void tst_Endpoints::endpoints_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<AresResolver::Family>("family");
    QTest::addColumn<QString>("service");
    QTest::addColumn<AresHostRequest::SocketType>("socketType");
    QTest::addColumn<AresHostRequest::Flags>("flags");
    QTest::addColumn<int>("fault");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("queried"); // whether the server sees a query

    using R = AresHostRequest;
    const auto any = AresResolver::AnyFamily;
    const auto v6 = AresResolver::IPv6Family;
    const int none = int(FaultKind::None);
    const QString https =
            QString::number(servicesFilePort(QStringLiteral("https"), QStringLiteral("tcp")));
    const QString http =
            QString::number(servicesFilePort(QStringLiteral("http"), QStringLiteral("tcp")));
    const QString domain =
            QString::number(servicesFilePort(QStringLiteral("domain"), QStringLiteral("udp")));
    const QString invalid = QStringLiteral("error InvalidRequestError");

    QTest::newRow("service-name")
            << "host.test" << any << "https" << R::AnySocket << R::Flags() << none
            << QStringLiteral("192.0.2.1/%1/300 2001:db8::1/%1/600").arg(https) << true;
    QTest::newRow("service-alias") << "v4only.test" << any << "www" << R::StreamSocket << R::Flags()
                                   << none << QStringLiteral("192.0.2.4/%1/42").arg(http) << true;
    QTest::newRow("port-number") << "host.test" << any << "8080" << R::AnySocket << R::Flags()
                                 << none
                                 << QStringLiteral("192.0.2.1/8080/300 2001:db8::1/8080/600")
                                 << true;
    QTest::newRow("no-service") << "v4only.test" << any << "" << R::AnySocket << R::Flags() << none
                                << QStringLiteral("192.0.2.4/0/42") << true;
    QTest::newRow("udp-service") << "v4only.test" << any << "domain" << R::DatagramSocket
                                 << R::Flags() << none
                                 << QStringLiteral("192.0.2.4/%1/42").arg(domain) << true;
    QTest::newRow("numeric-service")
            << "v4only.test" << any << "8443" << R::AnySocket << R::Flags(R::NumericService) << none
            << QStringLiteral("192.0.2.4/8443/42") << true;
    QTest::newRow("numeric-service-name")
            << "v4only.test" << any << "http" << R::AnySocket << R::Flags(R::NumericService) << none
            << invalid << false;
    QTest::newRow("unknown-service") << "host.test" << any << "no-such-service" << R::AnySocket
                                     << R::Flags() << none << invalid << false;
    QTest::newRow("port-out-of-range") << "host.test" << any << "70000" << R::AnySocket
                                       << R::Flags() << none << invalid << false;
    QTest::newRow("literal-with-service")
            << "192.0.2.9" << any << "http" << R::AnySocket << R::Flags(R::NumericHost) << none
            << QStringLiteral("192.0.2.9/%1/-1").arg(http) << false;
    QTest::newRow("numeric-host-name") << "host.test" << any << "" << R::AnySocket
                                       << R::Flags(R::NumericHost) << none << invalid << false;
    QTest::newRow("canonname") << "v4only.test" << any << "" << R::AnySocket
                               << R::Flags(R::CanonicalName) << none
                               << QStringLiteral("192.0.2.4/0/42") << true;
    QTest::newRow("nosort") << "two.test" << any << "80" << R::AnySocket << R::Flags(R::NoSort)
                            << none << QStringLiteral("192.0.2.21/80/100 192.0.2.22/80/100")
                            << true;
    // AI_V4MAPPED and AI_ALL (c-ares ignores both; QAres maps).
    QTest::newRow("v4mapped-aaaa-exists")
            << "host.test" << v6 << "" << R::AnySocket << R::Flags(R::V4Mapped) << none
            << QStringLiteral("2001:db8::1/0/600") << true;
    QTest::newRow("v4mapped-no-aaaa")
            << "v4only.test" << v6 << "80" << R::AnySocket << R::Flags(R::V4Mapped) << none
            << QStringLiteral("::ffff:192.0.2.4/80/42") << true;
    QTest::newRow("v4mapped-all") << "host.test" << v6 << "" << R::AnySocket
                                  << R::Flags(R::V4Mapped | R::All) << none
                                  << QStringLiteral("2001:db8::1/0/600 ::ffff:192.0.2.1/0/300")
                                  << true;
    QTest::newRow("v4mapped-literal")
            << "192.0.2.9" << v6 << "" << R::AnySocket << R::Flags(R::V4Mapped) << none
            << QStringLiteral("::ffff:192.0.2.9/0/-1") << false;
    QTest::newRow("v4mapped-any-family")
            << "host.test" << any << "" << R::AnySocket << R::Flags(R::V4Mapped) << none
            << QStringLiteral("192.0.2.1/0/300 2001:db8::1/0/600") << true;
    QTest::newRow("v6-without-mapped") << "v4only.test" << v6 << "" << R::AnySocket << R::Flags()
                                       << none << QStringLiteral("error NoDataError") << true;
    QTest::newRow("all-without-mapped")
            << "v4only.test" << v6 << "" << R::AnySocket << R::Flags(R::All) << none
            << QStringLiteral("error NoDataError") << true;
    QTest::newRow("v4mapped-nxdomain")
            << "missing.test" << v6 << "80" << R::AnySocket << R::Flags(R::V4Mapped) << none
            << QStringLiteral("error NotFoundError") << true;
    QTest::newRow("timeout") << "host.test" << any << "https" << R::AnySocket << R::Flags()
                             << int(FaultKind::Drop) << QStringLiteral("error TimeoutError")
                             << true;
    QTest::newRow("unknown-flag") << "host.test" << any << "" << R::AnySocket
                                  << R::Flags(R::Flag(0x4)) << none << invalid << false;
}

void tst_Endpoints::endpoints()
{
    QFETCH(QString, name);
    QFETCH(AresResolver::Family, family);
    QFETCH(QString, service);
    QFETCH(AresHostRequest::SocketType, socketType);
    QFETCH(AresHostRequest::Flags, flags);
    QFETCH(int, fault);
    QFETCH(QString, expected);
    QFETCH(bool, queried);
    if (fault != int(FaultKind::None))
        m_server->setFault(QStringLiteral("*"), Fault{ FaultKind(fault), 0ms, -1 });
    AresHostRequest request(name, family);
    request.setService(service);
    request.setSocketType(socketType);
    request.setFlags(flags);
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(request);
    QVERIFY(waitFor(future));
    QCOMPARE(future.resultCount(), 1);
    const AresHostInfo info = future.result();
    QCOMPARE(describeEndpoints(info), expected);
    QCOMPARE(info.hostName(), name);
    QCOMPARE(info.errorString().isEmpty(), info.error() == AresError::NoError);
    if (info.error() == AresError::NoError) {
        QCOMPARE(info.endpoints().size(), info.addresses().size());
        for (const AresEndpoint &endpoint : info.endpoints())
            QCOMPARE(endpoint.port(), info.port());
    }
    QCOMPARE(m_server->questionCount() > 0, queried);
    QCOMPARE(resolver.pendingLookups(), 0);
}

// AI_V4MAPPED | AI_ALL: the AAAA answers first, then the mapped A answers.
void tst_Endpoints::v4MappedOrder()
{
    m_server->addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("192.0.2.2")),
                         300);
    AresHostRequest request(QStringLiteral("host.test"), AresResolver::IPv6Family);
    request.setFlags(AresHostRequest::V4Mapped | AresHostRequest::All);
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(request);
    QVERIFY(waitFor(future));
    const QList<QHostAddress> addresses = future.result().addresses();
    QCOMPARE(addresses.size(), 3);
    QCOMPARE(addresses.at(0), QHostAddress(QStringLiteral("2001:db8::1")));
    QList<QHostAddress> mapped = addresses.mid(1);
    std::sort(mapped.begin(), mapped.end(), [](const QHostAddress &a, const QHostAddress &b) {
        return a.toString() < b.toString();
    });
    QCOMPARE(mapped,
             (QList<QHostAddress>{ QHostAddress(QStringLiteral("::ffff:192.0.2.1")),
                                   QHostAddress(QStringLiteral("::ffff:192.0.2.2")) }));
    for (const QHostAddress &address : addresses)
        QCOMPARE(address.protocol(), QAbstractSocket::IPv6Protocol);
}

// AI_ADDRCONFIG: only the families this machine has a non-loopback address of
// (IPv6 link-local not counted), all of them if it has neither or both.
void tst_Endpoints::addressConfig()
{
    bool v4 = false;
    bool v6 = false;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            const QHostAddress address = entry.ip();
            if (address.isLoopback())
                continue;
            v4 = v4 || address.protocol() == QAbstractSocket::IPv4Protocol;
            v6 = v6
                    || (address.protocol() == QAbstractSocket::IPv6Protocol
                        && !address.isLinkLocal());
        }
    }
    QString expected = QStringLiteral("192.0.2.1/0/300 2001:db8::1/0/600");
    if (v4 && !v6)
        expected = QStringLiteral("192.0.2.1/0/300");
    else if (v6 && !v4)
        expected = QStringLiteral("2001:db8::1/0/600");
    qInfo("this machine: IPv4 %s, IPv6 %s", v4 ? "yes" : "no", v6 ? "yes" : "no");
    AresHostRequest request(QStringLiteral("host.test"));
    request.setFlags(AresHostRequest::AddressConfig);
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(request);
    QVERIFY(waitFor(future));
    QCOMPARE(describeEndpoints(future.result()), expected);
    // Without AnyFamily it changes nothing.
    request.setFamily(AresResolver::IPv6Family);
    const auto v6Only = resolver.lookupHost(request);
    QVERIFY(waitFor(v6Only));
    QCOMPARE(describeEndpoints(v6Only.result()), QStringLiteral("2001:db8::1/0/600"));
}

// The future, the AresReply, hostLookupFinished() by id and the batch give
// the same endpoints, each lookup finishing once.
void tst_Endpoints::everyShape()
{
    AresHostRequest request(QStringLiteral("host.test"));
    request.setService(QStringLiteral("8443"));
    const QString expected = QStringLiteral("192.0.2.1/8443/300 2001:db8::1/8443/600");
    AresResolver resolver(testOptions());
    QSignalSpy signalSpy(&resolver, &AresResolver::hostLookupFinished);
    const auto future = resolver.lookupHost(request);
    std::unique_ptr<AresReply> reply(resolver.startHostLookup(request));
    QSignalSpy replySpy(reply.get(), &AresReply::finished);
    const int id = resolver.submitHostLookup(request);
    const auto batch =
            resolver.lookupHosts({ QStringLiteral("host.test"), QStringLiteral("v4only.test"),
                                   QStringLiteral("missing.test") },
                                 request);
    QCOMPARE(signalSpy.count(), 0);
    QVERIFY(waitFor(future));
    QVERIFY(waitFor(batch));
    QTRY_COMPARE_WITH_TIMEOUT(resolver.pendingLookups(), 0, 5000);
    QTest::qWait(20);
    QCOMPARE(describeEndpoints(future.result()), expected);
    QCOMPARE(replySpy.count(), 1);
    QCOMPARE(describeEndpoints(reply->hostInfo()), expected);
    QCOMPARE(signalSpy.count(), 1);
    const auto fromSignal = signalSpy.at(0).at(0).value<AresHostInfo>();
    QCOMPARE(fromSignal.lookupId(), id);
    QCOMPARE(describeEndpoints(fromSignal), expected);
    QCOMPARE(batch.resultCount(), 3);
    QCOMPARE(describeEndpoints(batch.resultAt(0)), expected);
    QCOMPARE(describeEndpoints(batch.resultAt(1)), QStringLiteral("192.0.2.4/8443/42"));
    QCOMPARE(describeEndpoints(batch.resultAt(2)), QStringLiteral("error NotFoundError"));
    QCOMPARE(batch.resultAt(1).hostName(), QStringLiteral("v4only.test"));
}

// The name-and-family calls give endpoints of port 0.
void tst_Endpoints::plainLookupsUnchanged()
{
    AresResolver resolver(testOptions());
    const auto future = resolver.lookupHost(QStringLiteral("host.test"));
    QVERIFY(waitFor(future));
    QCOMPARE(describeEndpoints(future.result()),
             QStringLiteral("192.0.2.1/0/300 2001:db8::1/0/600"));
    QCOMPARE(future.result().port(), quint16(0));
    AresEndpoint endpoint(QHostAddress(QStringLiteral("192.0.2.1")), 80, 5);
    QCOMPARE(endpoint, AresEndpoint(QHostAddress(QStringLiteral("192.0.2.1")), 80, 5));
    QVERIFY(endpoint != AresEndpoint());
}

QTEST_GUILESS_MAIN(tst_Endpoints)
#include "tst_endpoints.moc"
