// SPDX-License-Identifier: MIT
//
// parallel-lookups: resolves ~50 names at once with QAres (QML module
// "QAres") and draws every lookup on a shared time axis, next to the same
// names through Qt's QDnsLookup or QHostInfo.
//
//   parallel-lookups                           # offline: embedded DNS server on loopback
//   parallel-lookups --server 127.0.0.1:5353   # given servers
//   parallel-lookups --online                  # the system's servers (and QHostInfo)
//   parallel-lookups --type MX                 # record type: A, AAAA, MX, TXT, SRV, CAA,
//                                              # HTTPS, NS, SOA
//   parallel-lookups --platform offscreen --autostart --quit-when-done --screenshot out.png
//   parallel-lookups --size 1024x768           # window size (offscreen default: 1280x1024)
//
#include "demo.h"
#include "offlineworld.h"

#ifdef PARALLEL_LOOKUPS_OFFLINE
#  include "arestestserver.h"
#endif

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qdir.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qtextstream.h>
#include <QtCore/qtimer.h>
#include <QtGui/qguiapplication.h>
#include <QtGui/qimage.h>
#include <QtQml/qqmlapplicationengine.h>
#include <QtQuick/qquickwindow.h>

#include <memory>

using namespace std::chrono_literals;

int main(int argc, char *argv[])
{
    // QDnsLookup's lane uses the C library resolver: keep its retries short
    // (the system default is 5 s x 2) so dropped names end in seconds.
    if (!qEnvironmentVariableIsSet("RES_OPTIONS"))
        qputenv("RES_OPTIONS", "timeout:1 attempts:2");

    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("parallel-lookups"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("QAres — parallel lookups"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Resolves many names at once with QAres, on a timeline."));
    parser.addHelpOption();
    const QCommandLineOption online(
            QStringLiteral("online"),
            QStringLiteral("Use the system's DNS servers (and offer QHostInfo)."));
    const QCommandLineOption server(
            QStringList{ QStringLiteral("s"), QStringLiteral("server") },
            QStringLiteral("DNS server for QAres, e.g. 127.0.0.1:5353 (repeatable)."),
            QStringLiteral("address"));
    const QCommandLineOption autostart(QStringLiteral("autostart"),
                                       QStringLiteral("Resolve all at start."));
    const QCommandLineOption screenshot(
            QStringLiteral("screenshot"),
            QStringLiteral("Save a PNG of the window when the run ended."), QStringLiteral("file"));
    const QCommandLineOption quitWhenDone(
            QStringLiteral("quit-when-done"),
            QStringLiteral("Quit when the run ended (exit 1 if a row did not finish)."));
    const QCommandLineOption compare(
            QStringLiteral("compare"),
            QStringLiteral("Comparison lane: qdnslookup, qhostinfo or none."),
            QStringLiteral("lane"));
    const QCommandLineOption type(
            QStringLiteral("type"),
            QStringLiteral("Lookup type: host (A+AAAA, the default), A, AAAA, MX, TXT, SRV, "
                           "CAA, HTTPS, NS, SOA."),
            QStringLiteral("type"), QStringLiteral("host"));
    const QCommandLineOption size(
            QStringLiteral("size"),
            QStringLiteral("Window size, e.g. 1024x768 (default: fit the screen; "
                           "offscreen 1280x1024)."),
            QStringLiteral("WxH"));
    parser.addOptions({ online, server, autostart, screenshot, quitWhenDone, compare, type, size });
    parser.process(app);

    Demo *demo = Demo::instance();
    demo->presetNames = OfflineWorld::presetNames();
    demo->autostart = parser.isSet(autostart) || parser.isSet(quitWhenDone);
    demo->screenshotPath = parser.value(screenshot);
    demo->quitWhenDone = parser.isSet(quitWhenDone);
    demo->type = parser.value(type);
    QTextStream err(stderr);
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(QLatin1Char('x'));
        bool okWidth = false;
        bool okHeight = false;
        demo->windowWidth = parts.size() == 2 ? parts.at(0).toInt(&okWidth) : 0;
        demo->windowHeight = parts.size() == 2 ? parts.at(1).toInt(&okHeight) : 0;
        if (!okWidth || !okHeight || demo->windowWidth < 320 || demo->windowHeight < 240) {
            err << "bad --size " << parser.value(size) << ": WIDTHxHEIGHT, e.g. 1024x768"
                << Qt::endl;
            return 2;
        }
    } else if (QGuiApplication::platformName() == u"offscreen") {
        demo->windowWidth = 1280; // the offscreen screen is 800x600
        demo->windowHeight = 1024;
    }
    static const QStringList types{ QStringLiteral("host"), QStringLiteral("A"),
                                    QStringLiteral("AAAA"), QStringLiteral("MX"),
                                    QStringLiteral("TXT"),  QStringLiteral("SRV"),
                                    QStringLiteral("CAA"),  QStringLiteral("HTTPS"),
                                    QStringLiteral("NS"),   QStringLiteral("SOA") };
    if (!types.contains(demo->type, Qt::CaseInsensitive)) {
        err << "unknown --type " << demo->type << ": one of " << types.join(QStringLiteral(", "))
            << Qt::endl;
        return 2;
    }

#ifdef PARALLEL_LOOKUPS_OFFLINE
    // Offline (the default): one embedded server for QAres on 127.0.0.1:<free
    // port>, and one for QDnsLookup on another (on 127.53.0.1:53 before Qt 6.6,
    // whose QDnsLookup only asks port 53).
    std::unique_ptr<AresTestServer> aresServer;
    std::unique_ptr<AresTestServer> qtServer;
    const bool offline = !parser.isSet(online) && !parser.isSet(server);
#else
    const bool offline = false;
    if (!parser.isSet(online) && !parser.isSet(server)) {
        err << "built without the fake DNS server: pass --server ADDR or --online" << Qt::endl;
        return 2;
    }
#endif
    demo->offline = offline;
    if (offline) {
#ifdef PARALLEL_LOOKUPS_OFFLINE
        aresServer = std::make_unique<AresTestServer>();
        if (!aresServer->listen({ QHostAddress::LocalHost })) {
            err << "cannot start the embedded DNS server: " << aresServer->errorString()
                << Qt::endl;
            return 2;
        }
        OfflineWorld::populate(*aresServer);
        demo->servers = QStringList{ aresServer->serverString() };
        demo->serverText =
                QStringLiteral("offline · embedded DNS server on ") + aresServer->serverString();

        qtServer = std::make_unique<AresTestServer>();
#if QT_VERSION >= QT_VERSION_CHECK(6, 6, 0)
        const QHostAddress qtServerAddress(QHostAddress::LocalHost);
        const bool listening = qtServer->listen({ qtServerAddress }); // QDnsLookup asks any port
#else
        const QHostAddress qtServerAddress(QStringLiteral("127.53.0.1"));
        const bool listening = qtServer->listen({ qtServerAddress }, 53);
#endif
        if (listening) {
            OfflineWorld::populate(*qtServer);
            demo->dnsLookupAvailable = true;
            demo->dnsLookupServer = qtServer->serverString(qtServerAddress);
        } else {
            demo->dnsLookupReason = QStringLiteral("QDnsLookup (Qt < 6.6) only queries port 53; "
                                                   "binding 127.53.0.1:53 failed: ")
                    + qtServer->errorString()
                    + QStringLiteral(" (run as root to enable this lane)");
            qtServer.reset();
        }
        demo->hostInfoReason = QStringLiteral(
                "QHostInfo follows the system's resolv.conf: online mode only (--online)");
#endif
    } else {
        demo->servers = parser.values(server);
        demo->serverText = demo->servers.isEmpty()
                ? QStringLiteral("online · the system's DNS servers")
                : QStringLiteral("servers ") + demo->servers.join(QStringLiteral(", "));
        demo->hostInfoAvailable = demo->servers.isEmpty();
        if (!demo->hostInfoAvailable)
            demo->hostInfoReason =
                    QStringLiteral("QHostInfo cannot be pointed at a server: use --online");
        // QDnsLookup can target the first given server (before Qt 6.6, if it listens on port 53).
        const QStringList given = demo->servers;
        if (given.isEmpty()) {
            demo->dnsLookupAvailable = true; // the system's nameserver
        } else {
            const QString first = given.first();
            const qsizetype colon = first.lastIndexOf(QLatin1Char(':'));
            const bool hasPort = colon > 0 && first.count(QLatin1Char(':')) == 1;
            const QHostAddress address(hasPort ? first.left(colon) : first);
            constexpr bool anyPort = QT_VERSION >= QT_VERSION_CHECK(6, 6, 0);
            if (!address.isNull() && (anyPort || !hasPort || first.mid(colon + 1) == u"53")) {
                demo->dnsLookupAvailable = true;
                demo->dnsLookupServer = first;
            } else {
                demo->dnsLookupReason =
                        QStringLiteral("QDnsLookup (Qt < 6.6) only queries port 53; ") + first
                        + QStringLiteral(" is not on port 53");
            }
        }
    }
    QString lane = parser.value(compare);
    if (lane.isEmpty())
        lane = demo->dnsLookupAvailable ? QStringLiteral("qdnslookup")
                : demo->hostInfoAvailable ? QStringLiteral("qhostinfo")
                                          : QStringLiteral("none");
    demo->compare = lane;

    if (QGuiApplication::platformName() == u"offscreen")
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);

    QQmlApplicationEngine engine;
#ifdef QARES_QML_IMPORT_DIR
    engine.addImportPath(QStringLiteral(QARES_QML_IMPORT_DIR));
#endif
    QObject::connect(demo, &Demo::summaryReady, &app, [&](const QString &, bool complete) {
        const QString path = demo->screenshotPath;
        const int code = complete ? 0 : 1;
        // Let the last frame render before grabbing it.
        QTimer::singleShot(300ms, &app, [&engine, demo, path, code] {
            if (!path.isEmpty()) {
                auto *window = engine.rootObjects().isEmpty()
                        ? nullptr
                        : qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
                const QImage image = window ? window->grabWindow() : QImage();
                if (!image.isNull() && image.save(path))
                    QTextStream(stdout)
                            << "screenshot: " << QFileInfo(path).absoluteFilePath() << Qt::endl;
                else
                    QTextStream(stderr) << "could not save the screenshot to " << path << Qt::endl;
            }
            if (demo->quitWhenDone)
                QCoreApplication::exit(code);
        });
    });
    if (demo->quitWhenDone) {
        // A run that never ends is a failure, not a hang.
        QTimer::singleShot(90s, &app, [] {
            QTextStream(stderr) << "the run did not end within 90 s" << Qt::endl;
            QCoreApplication::exit(3);
        });
    }
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app,
                     [] { QCoreApplication::exit(4); }, Qt::QueuedConnection);
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    engine.loadFromModule("ParallelLookups", "Main");
#else
    engine.load(QUrl(QStringLiteral("qrc:/ParallelLookups/Main.qml")));
#endif
    if (engine.rootObjects().isEmpty())
        return 4;
    return app.exec();
}
