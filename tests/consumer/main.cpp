// SPDX-License-Identifier: MIT
#include <QAres/aresresolver.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qfuturewatcher.h>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    AresOptions options;
    options.setServers(QStringList{ QStringLiteral("127.0.0.1:9") }); // never used: a literal
    AresResolver resolver(options);
    int status = 1;
    resolver.lookupHost(QStringLiteral("192.0.2.7")).then(&app, [&](const AresHostInfo &info) {
        status = info.addresses() == QList<QHostAddress>{ QHostAddress(QStringLiteral("192.0.2.7")) } ? 0 : 1;
        QCoreApplication::quit();
    });
    app.exec();
    return status;
}
