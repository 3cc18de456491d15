// SPDX-License-Identifier: MIT
// Built against the installed package twice, through CMake (find_package)
// and through pkg-config. QARES_CONSUMER_EXPECTED_VERSION is the version the
// package says it is (its CMake version file, or QAres.pc). No network: the
// lookup is of an IP literal, which c-ares answers without sending anything.
#include <QAres/AresResolver> // CamelCase, as Qt and KDE ship them
#include <QAres/QAres>        // the module header: every public header
#include <aresresolver.h>     // the lowercase form keeps working

#include <QtCore/qcoreapplication.h>
#include <QtCore/qversionnumber.h>

#if QARES_VERSION < QARES_VERSION_CHECK(0, 2, 0)
#  error "the installed QAres headers are older than 0.2.0"
#endif

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);

    // The package, the installed header and the library loaded agree.
    const QString expected = QStringLiteral(QARES_CONSUMER_EXPECTED_VERSION);
    const QVersionNumber loaded = QVersionNumber::fromString(QAres::versionString());
    if (QAres::versionString() != expected || QLatin1String(QARES_VERSION_STR) != expected
        || QARES_VERSION_CHECK(loaded.majorVersion(), loaded.minorVersion(), loaded.microVersion())
                != QARES_VERSION) {
        qCritical("versions differ: package %s, header %s (0x%06x), library %s",
                  qPrintable(expected), QARES_VERSION_STR, QARES_VERSION,
                  qPrintable(QAres::versionString()));
        return 1;
    }

    AresOptions options;
    options.setServers(QStringList{ QStringLiteral("127.0.0.1:9") }); // never used: a literal
    AresResolver resolver(options);
    int status = 1;
    resolver.lookupHost(QStringLiteral("192.0.2.7")).then(&app, [&](const AresHostInfo &info) {
        status =
                info.addresses() == QList<QHostAddress>{ QHostAddress(QStringLiteral("192.0.2.7")) }
                ? 0
                : 1;
        QCoreApplication::quit();
    });
    app.exec();
    return status;
}
