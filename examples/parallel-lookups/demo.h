// SPDX-License-Identifier: MIT
#ifndef DEMO_H
#define DEMO_H

#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qvariant.h>
#include <QtQml/qqml.h>

/*!
    The application's configuration and its exit path, as a QML singleton
    (Demo). main() fills it before the QML is loaded.
*/
class Demo : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    //! true: the embedded fake DNS server on loopback is the only server.
    Q_PROPERTY(bool offline MEMBER offline CONSTANT)
    //! Servers for the QAres resolver ("127.0.0.1:PORT"); empty: the system's.
    Q_PROPERTY(QStringList servers MEMBER servers CONSTANT)
    Q_PROPERTY(QString serverText MEMBER serverText CONSTANT)
    Q_PROPERTY(QStringList presetNames MEMBER presetNames CONSTANT)
    Q_PROPERTY(bool autostart MEMBER autostart CONSTANT)
    //! "none", "qdnslookup" or "qhostinfo": the comparison lane at start.
    Q_PROPERTY(QString compare MEMBER compare CONSTANT)
    //! QDnsLookup lane: the nameserver (port 53 only in Qt 6.4), or why it is unavailable.
    Q_PROPERTY(bool dnsLookupAvailable MEMBER dnsLookupAvailable CONSTANT)
    Q_PROPERTY(QString dnsLookupServer MEMBER dnsLookupServer CONSTANT)
    Q_PROPERTY(QString dnsLookupReason MEMBER dnsLookupReason CONSTANT)
    //! QHostInfo lane: only online (it follows the system's resolv.conf).
    Q_PROPERTY(bool hostInfoAvailable MEMBER hostInfoAvailable CONSTANT)
    Q_PROPERTY(QString hostInfoReason MEMBER hostInfoReason CONSTANT)
    //! The lookup type at start: "host", "A", "AAAA", "MX", "TXT", "SRV", ... (--type).
    Q_PROPERTY(QString type MEMBER type CONSTANT)
    //! The window's size from --size (offscreen: 1280x1024 unless given); 0: fit the screen.
    Q_PROPERTY(int windowWidth MEMBER windowWidth CONSTANT)
    Q_PROPERTY(int windowHeight MEMBER windowHeight CONSTANT)
public:
    static Demo *instance();
    static Demo *create(QQmlEngine *, QJSEngine *);

    /*!
        Called by the QML when a run ended in every lane: prints the summary
        line, then takes the screenshot and quits if asked.
    */
    Q_INVOKABLE void runFinished(const QVariantMap &stats);

    bool offline = false;
    QStringList servers;
    QString serverText;
    QStringList presetNames;
    bool autostart = false;
    QString compare = QStringLiteral("none");
    bool dnsLookupAvailable = false;
    QString dnsLookupServer;
    QString dnsLookupReason;
    bool hostInfoAvailable = false;
    QString hostInfoReason;
    QString type = QStringLiteral("host");
    int windowWidth = 0;
    int windowHeight = 0;

    QString screenshotPath;
    bool quitWhenDone = false;

private:
    // Not default-constructible from QML: the engine must use create().
    explicit Demo(QObject *parent = nullptr) : QObject(parent) { }

Q_SIGNALS:
    /*! Emitted by runFinished() with the summary line, after printing it. */
    void summaryReady(const QString &line, bool complete);
};

#endif // DEMO_H
