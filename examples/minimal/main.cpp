// SPDX-License-Identifier: MIT
// Looks up the name or IP literal given on the command line and prints its
// addresses, asking the DNS servers given after it (default 127.0.0.1).
//
//   qares-minimal www.example.org 192.0.2.53 [2001:db8::53]:5353
//   qares-minimal 192.0.2.7        (an IP literal: answered without network)
#include <QAres/AresResolver>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qtextstream.h>

#include <chrono>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty()) {
        err << "usage: qares-minimal NAME [SERVER[:PORT]...]\n";
        return 2;
    }

    AresOptions options;
    QString error;
    const QStringList servers =
            args.size() > 1 ? args.mid(1) : QStringList{ QStringLiteral("127.0.0.1") };
    if (!options.setServers(servers, &error)) {
        err << "qares-minimal: " << error << '\n';
        return 2;
    }
    options.setTimeout(std::chrono::milliseconds(1500));
    options.setTries(2);
    AresResolver resolver(options);

    const QString name = args.first();
    int status = 1;
    resolver.lookupHost(name).then(&app, [&](const AresHostInfo &info) {
        if (info.error() == AresError::NoError) {
            for (const QHostAddress &address : info.addresses())
                out << name << ' ' << address.toString() << '\n';
            status = 0;
        } else {
            err << name << ": " << info.errorString() << '\n';
        }
        QCoreApplication::quit();
    });
    app.exec();
    return status;
}
