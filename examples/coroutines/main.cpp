// SPDX-License-Identifier: MIT
// QAres with C++20 coroutines, through QCoro: lookups awaited one after
// another, several in flight at once, and errors read from the results.
// Offline: the lookups go to an AresTestServer on 127.0.0.1, started in this
// process with a few names.
#include <QAres/AresResolver>
#include <QAres/AresTestServer> // QAres::Test

#include <QCoroFuture> // co_await on a QFuture
#include <QCoroTask>   // QCoro::Task, QCoro::waitFor()

#include <QtCore/qcoreapplication.h>
#include <QtCore/qtextstream.h>

#include <chrono>

using namespace std::chrono_literals;

namespace {

// Prints one host lookup's outcome; returns 1 if it failed.
int print(QTextStream &out, const QString &name, const AresHostInfo &info)
{
    out << name << ':';
    if (info.error() != AresError::NoError) {
        out << " error: " << info.errorString() << '\n'; // the error travels in the result
        return 1;
    }
    for (const QHostAddress &address : info.addresses())
        out << ' ' << address.toString();
    out << '\n';
    return 0;
}

// A coroutine: each co_await suspends it until that future has finished,
// while the event loop goes on. It returns the number of failed lookups.
// The resolver and the stream are references: main() keeps both alive
// until the task has finished.
QCoro::Task<int> resolveAll(AresResolver &resolver, QTextStream &out)
{
    int failed = 0;

    // In sequence: the second lookup starts when the first has its answer.
    out << "-- in sequence\n";
    const QString www = QStringLiteral("www.example.test");
    failed += print(out, www, co_await resolver.lookupHost(www));

    const AresRecordSet mx =
            co_await resolver.query(QStringLiteral("example.test"), AresRecord::MX);
    if (mx.error() == AresError::NoError) {
        for (const AresRecord &record : mx.sortedMx())
            out << "example.test: MX " << record.preference() << ' ' << record.exchange() << '\n';
    } else {
        out << "example.test: error: " << mx.errorString() << '\n';
        ++failed;
    }

    // A name the server does not have: NotFoundError, in the result.
    const QString missing = QStringLiteral("missing.example.test");
    const AresHostInfo notFound = co_await resolver.lookupHost(missing);
    failed += print(out, missing, notFound);
    if (notFound.error() == AresError::NotFoundError)
        out << missing << ": NotFoundError, no such name\n";

    // In parallel: start every lookup, then await each future in turn. All
    // are in flight together, so this waits as long as the slowest one, not
    // as long as all of them; the answers are printed in the order of names.
    out << "-- in parallel\n";
    const QStringList names = { QStringLiteral("a.example.test"), QStringLiteral("b.example.test"),
                                QStringLiteral("c.example.test"),
                                QStringLiteral("blackhole.example.test") };
    QList<QFuture<AresHostInfo>> futures;
    for (const QString &name : names)
        futures.append(resolver.lookupHost(name, AresResolver::IPv4Family));
    for (qsizetype i = 0; i < names.size(); ++i)
        failed += print(out, names.at(i), co_await futures.at(i));

    // Many names, one future: lookupHosts() has a result per name, but
    // co_await on a QFuture gives its first result only. Await a
    // continuation that collects all of them instead.
    out << "-- one future for many names\n";
    const QList<AresHostInfo> all =
            co_await resolver.lookupHosts(names.mid(0, 3), AresResolver::IPv4Family)
                    .then([](const QFuture<AresHostInfo> &future) { return future.results(); });
    for (qsizetype i = 0; i < all.size(); ++i)
        failed += print(out, names.at(i), all.at(i));

    co_return failed;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);

    // The DNS server: in this process, on a free port of 127.0.0.1.
    AresTestServer server;
    if (!server.listen({ QHostAddress::LocalHost })) {
        QTextStream(stderr) << "cannot start the DNS server: " << server.errorString() << '\n';
        return 1;
    }
    server.addAddress(QStringLiteral("www.example.test"),
                      QHostAddress(QStringLiteral("192.0.2.10")));
    server.addAddress(QStringLiteral("www.example.test"),
                      QHostAddress(QStringLiteral("2001:db8::10")));
    server.addRecord(QStringLiteral("example.test"),
                     AresTestRecord::mx(20, QStringLiteral("mx2.example.test")));
    server.addRecord(QStringLiteral("example.test"),
                     AresTestRecord::mx(10, QStringLiteral("mx1.example.test")));
    server.addAddress(QStringLiteral("a.example.test"), QHostAddress(QStringLiteral("192.0.2.1")));
    server.addAddress(QStringLiteral("b.example.test"), QHostAddress(QStringLiteral("192.0.2.2")));
    server.addAddress(QStringLiteral("c.example.test"), QHostAddress(QStringLiteral("192.0.2.3")));
    // Answers that take their time, and a name that never gets one.
    server.setFault(QStringLiteral("a.example.test"),
                    { AresTestServer::FaultKind::None, 150ms, -1 });
    server.setFault(QStringLiteral("b.example.test"),
                    { AresTestServer::FaultKind::None, 100ms, -1 });
    server.setFault(QStringLiteral("c.example.test"),
                    { AresTestServer::FaultKind::None, 50ms, -1 });
    server.setFault(QStringLiteral("blackhole.example.test"),
                    { AresTestServer::FaultKind::Drop, 0ms, -1 });

    // Explicit servers, one try with a short timeout, DNS only (no hosts
    // file), no search domains.
    AresOptions options;
    options.setServers(QStringList{ server.serverString() });
    options.setTries(1);
    options.setTimeout(500ms);
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    AresResolver resolver(options);

    // main() is not a coroutine: waitFor() runs an event loop until the task
    // has finished. Elsewhere, start the coroutine from a slot and return.
    const int failed = QCoro::waitFor(resolveAll(resolver, out));
    out << "done: " << failed << " lookups failed\n";
    return 0;
}
