// SPDX-License-Identifier: MIT
//
// Runs tst_*.qml with an AresTestServer on 127.0.0.1 whose server string is
// the context property "fakeServer". Nothing leaves loopback.
#include "arestestserver.h"

#include <QtCore/qobject.h>
#include <QtQml/qqmlcontext.h>
#include <QtQml/qqmlengine.h>
#include <QtQuickTest/quicktest.h>

using namespace std::chrono_literals;

namespace {
// The records the record tests of tst_records.qml read (names under "test").
void addRecordTypes(AresTestServer &server)
{
    using R = AresTestRecord;
    server.addRecord(QStringLiteral("mx.test"), R::mx(10, QStringLiteral("mx1.mx.test")), 3600);
    server.addRecord(QStringLiteral("mx.test"), R::mx(20, QStringLiteral("mx2.mx.test")), 1800);
    server.addCname(QStringLiteral("mail.test"), QStringLiteral("mx.test"), 60);
    server.addRecord(QStringLiteral("txt.test"), R::txt({ "v=spf1 -all" }), 120);
    server.addRecord(QStringLiteral("txt.test"), R::txt({ "hello ", "world" }), 240);
    server.addRecord(QStringLiteral("_sip._tcp.srv.test"),
                     R::srv(10, 60, 5060, QStringLiteral("sip1.srv.test")), 86400);
    server.addRecord(QStringLiteral("_sip._tcp.srv.test"),
                     R::srv(20, 0, 5061, QStringLiteral("sip2.srv.test")), 86400);
    // HTTPS 1 . alpn=h2,h3 port=8443 ipv4hint=192.0.2.10 ipv6hint=2001:db8::10
    R::SvcParams params;
    params.alpn = { "h2", "h3" };
    params.port = 8443;
    params.ipv4Hints = { QHostAddress(QStringLiteral("192.0.2.10")) };
    params.ipv6Hints = { QHostAddress(QStringLiteral("2001:db8::10")) };
    server.addRecord(QStringLiteral("https.test"), R::https(1, QStringLiteral("."), params), 300);
    server.addRecord(QStringLiteral("caa.test"), R::caa(0, "issue", "letsencrypt.org"), 3600);
    // A type without a name (RFC 3597): comes back raw.
    server.addRecord(QStringLiteral("unknown.test"), R::raw(64000, QByteArray::fromHex("00ff10")),
                     42);
}
} // namespace

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        if (!m_server.listen({ QHostAddress::LocalHost }))
            qFatal("cannot start the fake DNS server: %s", qPrintable(m_server.errorString()));
        using Fault = AresTestServer::Fault;
        using Kind = AresTestServer::FaultKind;
        m_server.setSoa(QStringLiteral("test"), 30);
        m_server.addAddress(QStringLiteral("a.test"), QHostAddress(QStringLiteral("192.0.2.1")),
                            300);
        m_server.addAddress(QStringLiteral("a.test"), QHostAddress(QStringLiteral("2001:db8::1")),
                            600);
        m_server.addAddress(QStringLiteral("b.test"), QHostAddress(QStringLiteral("192.0.2.2")),
                            120);
        m_server.addAddress(QStringLiteral("c.test"), QHostAddress(QStringLiteral("192.0.2.3")),
                            60);
        m_server.addCname(QStringLiteral("www.test"), QStringLiteral("a.test"), 60);
        m_server.addCname(QStringLiteral("alias.test"), QStringLiteral("www.test"), 45);
        m_server.addAddress(QStringLiteral("servfail.test"),
                            QHostAddress(QStringLiteral("192.0.2.9")), 60);
        m_server.setFault(QStringLiteral("servfail.test"), Fault{ Kind::ServFail, 0ms, -1 });
        m_server.setFault(QStringLiteral("drop.test"), Fault{ Kind::Drop, 0ms, -1 });
        m_server.setFault(QStringLiteral("formerr.test"), Fault{ Kind::FormErr, 0ms, -1 });
        for (int i = 0; i < 8; ++i) {
            const QString name = QStringLiteral("slow%1.test").arg(i);
            m_server.addAddress(name, QHostAddress(QStringLiteral("192.0.2.%1").arg(100 + i)), 30);
            m_server.setFault(name, Fault{ Kind::None, 200ms, -1 });
        }
        m_server.addPtr(AresTestServer::reverseName(QHostAddress(QStringLiteral("192.0.2.1"))),
                        QStringLiteral("a.test"), 300);
        addRecordTypes(m_server);
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral(QARES_QML_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("fakeServer"),
                                                  m_server.serverString());
    }

private:
    AresTestServer m_server;
};

QUICK_TEST_MAIN_WITH_SETUP(qares_qml, Setup)

#include "tst_qml.moc"
