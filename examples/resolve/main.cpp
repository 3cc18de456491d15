// SPDX-License-Identifier: MIT
//
// qares-resolve: resolves every name it is given at once and prints each
// answer with the time it took.
//
//   qares-resolve --local                 # the embedded offline DNS server and its names
//   qares-resolve --server 127.0.0.1:5353 a.example b.example
//   qares-resolve --reverse 192.0.2.1
//
#include <QAres/AresResolver>

#include "fakednsserver.h"
#include "localworld.h"

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qtextstream.h>

using namespace std::chrono_literals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qares-resolve"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Resolves all names at once with QAres."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("names"), QStringLiteral("Host names (or addresses with --reverse)."));
    const QCommandLineOption local(QStringLiteral("local"),
                                   QStringLiteral("Use an embedded offline DNS server on 127.0.0.1 (no network)."));
    const QCommandLineOption servers(QStringList{ QStringLiteral("s"), QStringLiteral("server") },
                                     QStringLiteral("DNS server, e.g. 127.0.0.1:5353 or [::1]:53 (repeatable)."),
                                     QStringLiteral("address"));
    const QCommandLineOption family(QStringList{ QStringLiteral("f"), QStringLiteral("family") },
                                    QStringLiteral("any, 4 or 6."), QStringLiteral("family"), QStringLiteral("any"));
    const QCommandLineOption reverse(QStringLiteral("reverse"), QStringLiteral("Reverse lookups of addresses."));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Per-try timeout in ms."),
                                     QStringLiteral("ms"), QStringLiteral("500"));
    const QCommandLineOption check(QStringLiteral("check"),
                                   QStringLiteral("Exit with 1 unless every lookup finished exactly once."));
    parser.addOptions({ local, servers, family, reverse, timeout, check });
    parser.process(app);

    QStringList names = parser.positionalArguments();
    FakeDnsServer embedded;
    AresOptions options;
    options.setTimeout(std::chrono::milliseconds(parser.value(timeout).toInt()));
    options.setTries(2);
    options.setDeadline(3s);
    QTextStream out(stdout);
    QTextStream err(stderr);

    if (parser.isSet(local)) {
        if (!embedded.listen({ QHostAddress::LocalHost })) {
            err << "cannot start the embedded server: " << embedded.errorString() << Qt::endl;
            return 2;
        }
        LocalWorld::populate(embedded);
        options.setServers(QStringList{ embedded.serverString() });
        options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
        options.setFlag(AresOptions::NoSearch);
        if (names.isEmpty())
            names = LocalWorld::demoNames();
        out << "embedded DNS server on " << embedded.serverString() << Qt::endl;
    }
    if (parser.isSet(servers)) {
        QString error;
        if (!options.setServers(parser.values(servers), &error)) {
            err << error << Qt::endl;
            return 2;
        }
    }
    if (names.isEmpty())
        parser.showHelp(2);

    AresResolver resolver(options);
    if (!resolver.errorString().isEmpty()) {
        err << "options rejected: " << resolver.errorString() << Qt::endl;
        return 2;
    }
    const QString familyText = parser.value(family);
    const AresResolver::Family fam = familyText == u"4" ? AresResolver::IPv4Family
            : familyText == u"6"                          ? AresResolver::IPv6Family
                                                          : AresResolver::AnyFamily;

    QElapsedTimer wall;
    wall.start();
    int remaining = int(names.size());
    int delivered = 0;
    int failures = 0;
    qint64 sumMs = 0;
    for (const QString &name : names) {
        const qint64 startedAt = wall.elapsed();
        AresReply *reply = parser.isSet(reverse) ? resolver.startAddressLookup(QHostAddress(name))
                                                 : resolver.startHostLookup(name, fam);
        QObject::connect(reply, &AresReply::finished, &app, [&, reply, name, startedAt] {
            const qint64 ms = wall.elapsed() - startedAt;
            sumMs += ms;
            ++delivered;
            const AresHostInfo info = reply->hostInfo();
            out << qSetFieldWidth(24) << Qt::left << name << qSetFieldWidth(0) << ' '
                << qSetFieldWidth(6) << Qt::right << ms << qSetFieldWidth(0) << " ms  ";
            if (info.error() == AresError::NoError) {
                QStringList answer = parser.isSet(reverse) ? QStringList{ info.hostName() } : info.addressStrings();
                if (!parser.isSet(reverse) && info.canonicalName() != info.hostName())
                    answer.append(QStringLiteral("(canonical %1)").arg(info.canonicalName()));
                if (info.minimumTtl() >= 0 && !parser.isSet(reverse))
                    answer.append(QStringLiteral("ttl %1").arg(info.minimumTtl()));
                out << answer.join(u' ');
            } else {
                ++failures;
                out << info.errorString();
            }
            out << Qt::endl;
            reply->deleteLater();
            if (--remaining == 0)
                QCoreApplication::quit();
        });
    }
    app.exec();

    const qint64 wallMs = wall.elapsed();
    out << names.size() << " lookups in " << wallMs << " ms wall, " << sumMs << " ms summed ("
        << QString::number(double(sumMs) / double(qMax<qint64>(1, wallMs)), 'f', 1)
        << "x parallel), " << failures << " failed" << Qt::endl;
    if (parser.isSet(check) && delivered != names.size())
        return 1;
    return 0;
}
