// SPDX-License-Identifier: MIT
//
// QML engines destroyed with lookups pending: no crash, no late delivery
// into deleted objects, no warnings, and the event loop keeps running.
#include "arestestserver.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qtimer.h>
#include <QtQml/qqmlcomponent.h>
#include <QtQml/qqmlcontext.h>
#include <QtQml/qqmlengine.h>
#include <QtTest/qtest.h>

#include <memory>

using namespace std::chrono_literals;

namespace {
QtMessageHandler previousHandler = nullptr;
int badWarnings = 0;

void failOnWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg
        && (message.contains(QLatin1String("QSocketNotifier"))
            || message.contains(QLatin1String("QObject"))
            || message.contains(QLatin1String("QTimer"))
            || message.contains(QLatin1String("TypeError")))) {
        ++badWarnings;
    }
    previousHandler(type, context, message);
}
} // namespace

class tst_QmlTeardown : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        previousHandler = qInstallMessageHandler(failOnWarnings);
        QVERIFY(m_server.listen({ QHostAddress::LocalHost }));
        m_server.setFault(QStringLiteral("drop.test"),
                          { AresTestServer::FaultKind::Drop, 0ms, -1 });
        for (int i = 0; i < 20; ++i) {
            const QString name = QStringLiteral("slow%1.test").arg(i);
            m_server.addAddress(name, QHostAddress(QStringLiteral("192.0.2.%1").arg(i + 1)), 60);
            m_server.setFault(name, { AresTestServer::FaultKind::None, 150ms, -1 });
        }
    }

    void init() { badWarnings = 0; }

    void engineDestroyedWithLookupsPending_data()
    {
        QTest::addColumn<bool>("objectFirst");
        QTest::newRow("engine-first") << false;
        QTest::newRow("object-first") << true;
    }

    void engineDestroyedWithLookupsPending()
    {
        QFETCH(bool, objectFirst);
        m_server.clearQuestions();
        auto engine = std::make_unique<QQmlEngine>();
        engine->addImportPath(QStringLiteral(QARES_QML_DIR));
        engine->rootContext()->setContextProperty(QStringLiteral("fakeServer"),
                                                  m_server.serverString());
        QQmlComponent component(engine.get());
        component.setData(R"(
            import QtQml
            import QAres
            QtObject {
                property Resolver testResolver: Resolver {
                    servers: [fakeServer]; tries: 1; timeout: 300; deadline: 5000
                    lookupOrder: Resolver.DnsOnly; noSearch: true
                }
                property DnsLookup one: DnsLookup {
                    resolver: testResolver; name: "drop.test"; autoStart: true
                }
                property DnsLookup two: DnsLookup { name: "slow1.test"; autoStart: true }
                property DnsLookup three: DnsLookup {
                    resolver: testResolver; name: "slow5.test"; type: DnsLookup.MX; autoStart: true
                }
                property DnsLookup four: DnsLookup {
                    resolver: testResolver; name: "drop.test"; type: DnsLookup.TXT; search: true
                    autoStart: true
                }
                property LookupModel model: LookupModel {
                    resolver: testResolver
                    names: ["slow2.test", "slow3.test", "drop.test", "slow4.test"]
                    Component.onCompleted: { setRowType(1, DnsLookup.HTTPS); start() }
                }
                Component.onCompleted: {
                    DefaultResolver.servers = [fakeServer]
                    DefaultResolver.tries = 1
                    DefaultResolver.lookupOrder = Resolver.DnsOnly
                    DefaultResolver.noSearch = true
                }
            }
        )",
                          QUrl::fromLocalFile(QStringLiteral(QARES_QML_DIR "/teardown.qml")));
        std::unique_ptr<QObject> root(component.create());
        QVERIFY2(root, qPrintable(component.errorString() + QString::number(component.status())));
        // Both lookups and the model's rows reached the server.
        QTRY_VERIFY(m_server.questionCount(QStringLiteral("drop.test")) >= 2);
        QTRY_VERIFY(m_server.questionCount(QStringLiteral("slow1.test")) >= 1);
        // The record queries too.
        QTRY_VERIFY(m_server.questionCount(QStringLiteral("slow5.test"), 15) >= 1);
        QTRY_VERIFY(m_server.questionCount(QStringLiteral("drop.test"), 16) >= 1);
        QTRY_VERIFY(m_server.questionCount(QStringLiteral("slow3.test"), 65) >= 1);
        QVERIFY(root->property("model").value<QObject *>()->property("running").toBool());
        if (objectFirst) {
            root.reset();
            engine.reset();
        } else {
            engine.reset();
            root.reset();
        }
        // Late answers (slow names) and timers arrive after the teardown.
        QTest::qWait(400);
        QCOMPARE(badWarnings, 0);
    }

    void eventLoopStillTicking()
    {
        bool fired = false;
        QTimer::singleShot(10ms, this, [&fired] { fired = true; });
        QTRY_VERIFY(fired);
    }

private:
    AresTestServer m_server;
};

QTEST_GUILESS_MAIN(tst_QmlTeardown)

#include "tst_qmlteardown.moc"
