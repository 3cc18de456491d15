// SPDX-License-Identifier: MIT
//
// qares-resolve: a dig-class command-line resolver on QAres's public API.
// Every lookup is submitted at once (submitHostLookup(), submitQuery(),
// submitSearch(): no object per lookup); the results come through the
// resolver's hostLookupFinished() and queryFinished() signals and are printed
// as they arrive. docs/cli.md describes the command line and the output.
//
//   qares-resolve --local                        # the embedded offline server and its names
//   qares-resolve --local -t MX example.test
//   qares-resolve --local +short -x 192.0.2.10
//   qares-resolve @127.0.0.1:5353 --json -f names.txt
//
#include "cli.h"
#include "localworld.h"
#include "report.h"

#include "arestestserver.h"

#include <QAres/AresResolver>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qfile.h>
#include <QtCore/qhash.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qtextstream.h>

#include <algorithm>
#include <cstdio>

using namespace std::chrono_literals;

namespace {

// Beyond this many lookups a terminal gets the progress line.
constexpr qsizetype ProgressThreshold = 20;

// One lookup to make.
struct Job
{
    enum Kind {
        Host, //!< submitHostLookup()
        Records, //!< submitQuery() or, with --search, submitSearch()
        Reverse, //!< submitQuery() of the PTR name
        Invalid, //!< an address line of -f that is no address: reported without a lookup
    };
    Kind kind = Host;
    QString name; //!< as given
    QHostAddress address;
    AresRecord::Type type = AresRecord::A;
    QString why;
};

int usageError(QTextStream &err, const QString &message)
{
    err << "qares-resolve: " << message << "\nTry 'qares-resolve --help' for more information.\n";
    return 2;
}

QString hostType(AresResolver::Family family)
{
    switch (family) {
    case AresResolver::IPv4Family:
        return QStringLiteral("A");
    case AresResolver::IPv6Family:
        return QStringLiteral("AAAA");
    case AresResolver::AnyFamily:
        break;
    }
    return QStringLiteral("A+AAAA");
}

// The lookups of the command line, in its order; reads the -f files.
bool makeJobs(const Cli::Invocation &invocation, QList<Job> *jobs, QString *error)
{
    const auto addName = [&](const QString &name) {
        if (invocation.types.isEmpty())
            jobs->append(Job{ Job::Host, name, {}, AresRecord::A, {} });
        for (AresRecord::Type type : invocation.types)
            jobs->append(Job{ Job::Records, name, {}, type, {} });
    };
    const QString notAnAddress = QStringLiteral("\"%1\" is not an IPv4 or IPv6 address");
    const auto addLine = [&](const QString &line) {
        if (!invocation.reverse)
            return addName(line);
        QHostAddress address;
        if (address.setAddress(line) && !line.contains(u'%'))
            jobs->append(Job{ Job::Reverse, line, address, AresRecord::PTR, {} });
        else
            jobs->append(Job{ Job::Invalid, line, {}, AresRecord::PTR, notAnAddress.arg(line) });
    };

    for (const Cli::Target &target : invocation.targets) {
        if (target.kind == Cli::Target::Name) {
            addName(target.text);
            continue;
        }
        if (target.kind == Cli::Target::Address) {
            jobs->append(Job{ Job::Reverse, target.text, target.address, AresRecord::PTR, {} });
            continue;
        }
        QFile file(target.text);
        const bool opened = target.text == u"-"
                ? file.open(stdin, QIODevice::ReadOnly | QIODevice::Text)
                : file.open(QIODevice::ReadOnly | QIODevice::Text);
        if (!opened) {
            *error = QStringLiteral("cannot read names from \"%1\": %2")
                             .arg(target.text, file.errorString());
            static const QRegularExpression familyLike(
                    QStringLiteral("^([0-9]{1,2}|any|ipv[46])$"));
            if (familyLike.match(target.text).hasMatch())
                *error += QStringLiteral(" (-f reads a file; the address family is -4 or -6)");
            return false;
        }
        QTextStream in(&file);
        QString line;
        while (in.readLineInto(&line)) {
            line = line.trimmed();
            if (!line.isEmpty() && !line.startsWith(u'#'))
                addLine(line);
        }
    }
    if (jobs->isEmpty() && invocation.local && invocation.targets.isEmpty()) {
        for (const QString &name : LocalWorld::demoNames())
            addName(name);
    }
    if (jobs->isEmpty()) {
        *error = QStringLiteral("no names to resolve (the files given are empty)");
        return false;
    }
    return true;
}

AresOptions makeOptions(const Cli::Invocation &invocation, const QStringList &servers)
{
    AresOptions options;
    if (!servers.isEmpty()) {
        options.setServers(servers);
        // Asking a given server: DNS only, as dig; the hosts file is the system's business.
        options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    }
    options.setTimeout(invocation.timeout.value_or(invocation.local ? 500ms : options.timeout()));
    if (invocation.tries)
        options.setTries(*invocation.tries);
    // Thousands of names queue inside the resolver: only --deadline limits the waiting.
    options.setDeadline(invocation.deadline.value_or(0ms));
    options.setFlag(AresOptions::TcpOnly, invocation.tcp);
    if (invocation.edns) {
        options.setFlag(AresOptions::Edns);
        if (invocation.ednsPayloadSize > 0)
            options.setEdnsPayloadSize(invocation.ednsPayloadSize);
    }
    options.setFlag(AresOptions::NoSearch, !invocation.search);
    if (!invocation.searchDomains.isEmpty())
        options.setSearchDomains(invocation.searchDomains);
    if (invocation.ndots)
        options.setNdots(*invocation.ndots);
    return options;
}

void printServerStatistics(QTextStream &err, const AresTestServer &server)
{
    const QList<AresTestServer::Question> questions = server.questions();
    const auto tcp = std::count_if(questions.cbegin(), questions.cend(),
                                   [](const AresTestServer::Question &q) {
                                       return q.transport == AresTestServer::Transport::Tcp;
                                   });
    const auto edns = std::count_if(questions.cbegin(), questions.cend(),
                                    [](const AresTestServer::Question &q) { return q.hasEdns; });
    err << "embedded DNS server received " << questions.size()
        << (questions.size() == 1 ? " query: " : " queries: ") << questions.size() - tcp
        << " over UDP, " << tcp << " over TCP, " << edns << " with EDNS\n";
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qares-resolve"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QARES_VERSION_STR));
    QTextStream out(stdout);
    QTextStream err(stderr);

    const Cli::ParseResult parsed = Cli::parse(QCoreApplication::arguments().mid(1));
    if (!parsed.error.isEmpty())
        return usageError(err, parsed.error);
    const Cli::Invocation &invocation = parsed.invocation;
    if (invocation.action == Cli::Invocation::Action::Help) {
        out << Cli::helpText();
        return 0;
    }
    if (invocation.action == Cli::Invocation::Action::Version) {
        // Built with the headers of QARES_VERSION_STR; running on the library of versionString().
        out << "qares-resolve " << QARES_VERSION_STR << " (QAres " << QAres::versionString()
            << ", Qt " << qVersion() << ")\n";
        return 0;
    }

    QList<Job> jobs;
    QString error;
    if (!makeJobs(invocation, &jobs, &error))
        return usageError(err, error);

    AresTestServer embedded;
    QStringList servers = invocation.servers;
    if (invocation.local) {
        if (!embedded.listen({ QHostAddress::LocalHost })) {
            err << "qares-resolve: cannot start the embedded DNS server: " << embedded.errorString()
                << '\n';
            return 1;
        }
        LocalWorld::populate(embedded);
        servers = QStringList{ embedded.serverString() };
        err << "embedded DNS server on " << embedded.serverString() << '\n';
        err.flush();
    }
    const AresOptions options = makeOptions(invocation, servers);
    if (!options.validate(&error))
        return usageError(err, error);

    const qsizetype total = jobs.size();
    ProgressLine progress(err, total,
                          total > ProgressThreshold && ProgressLine::stderrIsTerminal());
    Printer printer(invocation.format, invocation.ordered, total, out, err, progress);
    QList<int> deliveries(total, 0);
    QList<qint64> startedAtNs(total, 0);
    QHash<int, qsizetype> indexOfId;
    indexOfId.reserve(total);
    qsizetype remaining = total;
    QElapsedTimer clock;

    const auto deliver = [&](qsizetype index, Outcome outcome) {
        outcome.elapsedMs = double(clock.nsecsElapsed() - startedAtNs.at(index)) / 1e6;
        if (++deliveries[index] == 1 && --remaining == 0)
            QCoreApplication::quit();
        printer.add(index, outcome);
    };

    AresResolver resolver(options);
    if (!resolver.errorString().isEmpty())
        return usageError(err, resolver.errorString());
    QObject::connect(&resolver, &AresResolver::hostLookupFinished, &app,
                     [&](const AresHostInfo &info) {
                         const qsizetype index = indexOfId.value(info.lookupId(), -1);
                         if (index >= 0)
                             deliver(index,
                                     Outcome::fromHostInfo(info, jobs.at(index).name,
                                                           hostType(invocation.family)));
                     });
    QObject::connect(&resolver, &AresResolver::queryFinished, &app, [&](const AresRecordSet &set) {
        const qsizetype index = indexOfId.value(set.lookupId(), -1);
        if (index < 0)
            return;
        const Job &job = jobs.at(index);
        if (job.kind == Job::Reverse)
            deliver(index,
                    Outcome::fromRecordSet(set, job.name, QStringLiteral("reverse"),
                                           QStringLiteral("PTR")));
        else
            deliver(index,
                    Outcome::fromRecordSet(set, job.name,
                                           invocation.search ? QStringLiteral("search")
                                                             : QStringLiteral("query"),
                                           AresRecord::typeName(job.type)));
    });

    clock.start();
    for (qsizetype i = 0; i < total; ++i) {
        const Job &job = jobs.at(i);
        startedAtNs[i] = clock.nsecsElapsed();
        switch (job.kind) {
        case Job::Host:
            indexOfId.insert(resolver.submitHostLookup(job.name, invocation.family), i);
            break;
        case Job::Records:
            indexOfId.insert(invocation.search ? resolver.submitSearch(job.name, job.type)
                                               : resolver.submitQuery(job.name, job.type),
                             i);
            break;
        case Job::Reverse:
            indexOfId.insert(
                    resolver.submitQuery(AresRecord::reverseName(job.address), AresRecord::PTR), i);
            break;
        case Job::Invalid:
            deliver(i,
                    Outcome::invalid(job.name, QStringLiteral("reverse"), QStringLiteral("PTR"),
                                     job.why));
            break;
        }
    }
    // Results never come from inside submit…(): the loop runs unless nothing was submitted.
    if (remaining > 0)
        QCoreApplication::exec();

    progress.clear();
    printer.summary(double(clock.nsecsElapsed()) / 1e6);
    if (invocation.local)
        printServerStatistics(err, embedded);
    int status = printer.failures() > 0 ? 1 : 0;
    if (invocation.check) {
        const auto wrong =
                std::count_if(deliveries.cbegin(), deliveries.cend(), [](int n) { return n != 1; });
        if (wrong > 0) {
            err << "qares-resolve: --check: " << wrong
                << " lookups were not reported exactly once\n";
            status = 1;
        }
    }
    return status;
}
