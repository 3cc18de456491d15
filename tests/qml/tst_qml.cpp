// SPDX-License-Identifier: MIT
//
// Runs tst_*.qml with a FakeDnsServer on 127.0.0.1 whose server string is
// the context property "fakeServer". Nothing leaves loopback.
#include "fakednsserver.h"

#include <QtCore/qobject.h>
#include <QtQml/qqmlcontext.h>
#include <QtQml/qqmlengine.h>
#include <QtQuickTest/quicktest.h>

using namespace std::chrono_literals;

class Setup : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void applicationAvailable()
    {
        if (!m_server.listen({ QHostAddress::LocalHost }))
            qFatal("cannot start the fake DNS server: %s", qPrintable(m_server.errorString()));
        using Fault = FakeDnsServer::Fault;
        using Kind = FakeDnsServer::FaultKind;
        m_server.setSoa(QStringLiteral("test"), 30);
        m_server.addAddress(QStringLiteral("a.test"), QHostAddress(QStringLiteral("192.0.2.1")), 300);
        m_server.addAddress(QStringLiteral("a.test"), QHostAddress(QStringLiteral("2001:db8::1")), 600);
        m_server.addAddress(QStringLiteral("b.test"), QHostAddress(QStringLiteral("192.0.2.2")), 120);
        m_server.addAddress(QStringLiteral("c.test"), QHostAddress(QStringLiteral("192.0.2.3")), 60);
        m_server.addCname(QStringLiteral("www.test"), QStringLiteral("a.test"), 60);
        m_server.addAddress(QStringLiteral("servfail.test"), QHostAddress(QStringLiteral("192.0.2.9")), 60);
        m_server.setFault(QStringLiteral("servfail.test"), Fault{ Kind::ServFail, 0ms, -1 });
        m_server.setFault(QStringLiteral("drop.test"), Fault{ Kind::Drop, 0ms, -1 });
        for (int i = 0; i < 8; ++i) {
            const QString name = QStringLiteral("slow%1.test").arg(i);
            m_server.addAddress(name, QHostAddress(QStringLiteral("192.0.2.%1").arg(100 + i)), 30);
            m_server.setFault(name, Fault{ Kind::None, 200ms, -1 });
        }
        m_server.addPtr(FakeDnsServer::reverseName(QHostAddress(QStringLiteral("192.0.2.1"))),
                        QStringLiteral("a.test"), 300);
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral(QARES_QML_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("fakeServer"), m_server.serverString());
    }

private:
    FakeDnsServer m_server;
};

QUICK_TEST_MAIN_WITH_SETUP(qares_qml, Setup)

#include "tst_qml.moc"
