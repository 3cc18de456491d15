// SPDX-License-Identifier: MIT
#include "resolvertestcase.h"

void ResolverTestCase::initTestCase()
{
    QAresTest::installGlueWarningCheck();
}

void ResolverTestCase::init()
{
    QAresTest::glueWarnings().clear();
    m_server = std::make_unique<AresTestServer>();
    QVERIFY2(m_server->listen(), qPrintable(m_server->errorString()));
    m_server->addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("192.0.2.1")),
                         300);
    m_server->addAddress(QStringLiteral("host.test"), QHostAddress(QStringLiteral("2001:db8::1")),
                         600);
    m_server->addAddress(QStringLiteral("two.test"), QHostAddress(QStringLiteral("192.0.2.21")),
                         100);
    m_server->addAddress(QStringLiteral("two.test"), QHostAddress(QStringLiteral("192.0.2.22")),
                         100);
    m_server->addAddress(QStringLiteral("v4only.test"), QHostAddress(QStringLiteral("192.0.2.4")),
                         42);
    addRecords();
}

void ResolverTestCase::cleanup()
{
    m_server.reset();
    QVERIFY2(QAresTest::glueWarnings().isEmpty(),
             qPrintable(QAresTest::glueWarnings().join(u'\n')));
}

AresOptions ResolverTestCase::testOptions(const QList<AresTestServer *> &servers) const
{
    AresOptions options;
    QStringList strings;
    for (AresTestServer *server :
         servers.isEmpty() ? QList<AresTestServer *>{ m_server.get() } : servers)
        strings.append(server->serverString());
    options.setServers(strings);
    options.setTries(1);
    options.setTimeout(300ms);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    options.setNdots(1);
    options.setWatchSystemConfiguration(false); // the machine's files play no part
    return options;
}
