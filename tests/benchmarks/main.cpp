// SPDX-License-Identifier: MIT
//
// qares-benchmark: QAres against a minimal epoll loop over raw c-ares 1.18,
// QHostInfo and QDnsLookup, on the same N names, against a loopback server.
// A program that prints figures; see docs/performance.md and
// tests/benchmarks/run-benchmarks.sh.
//
//   qares-benchmark (--server ADDR:PORT | --fake [--fake-delay-ms D]) [--ns53 ADDR]
//                   [--contenders a,b] [--n 1000,10000] [--repeat R]
//                   [--scenario NAME] [--csv FILE] [--expect-no-failures]
//       Runs every contender for every N, R times (interleaved), each in its
//       own child process (itself, with --contender), and prints one RESULT
//       line per run. --fake serves the names from an in-process
//       AresTestServer in its own QThread (on 127.0.0.1:random, or on
//       --fake-address:--fake-port). QHostInfo and QDnsLookup need a server
//       on port 53 of a loopback address (--ns53): they run in a private
//       mount namespace with a resolv.conf naming only that address.
//   qares-benchmark --contender NAME --n N --server ADDR:PORT [...]
//       One run in this process (what the orchestrator starts).
//   qares-benchmark --write-zone FILE --n N
//       The zone (origin bench.test.) with name i -> A 10.x.y.z, AAAA fd00::x:y.
//   qares-benchmark --summarize RUNS.csv [--callgrind CG.csv] --out-dir DIR
//       Medians, ratios to raw c-ares, the targets, chart data.

#include <aresresolver.h>
#include <arestestserver.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qmap.h>
#include <QtCore/qprocess.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qtemporarydir.h>
#include <QtCore/qtextstream.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtNetwork/qdnslookup.h>
#include <QtNetwork/qhostinfo.h>

#include <ares.h>

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

using namespace std::chrono_literals;

namespace {

constexpr qint64 Infinity = std::numeric_limits<qint64>::max();
const QString Origin = QStringLiteral("bench.test");

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch())
            .count();
}

QByteArray hostName(int i)
{
    return "n" + QByteArray::number(i) + ".bench.test";
}

// Every name's answer is known: name i -> 10.(i>>16).(i>>8).(i), fd00::(i>>16):(i & 0xffff).
quint32 expectedV4(int i)
{
    return (10u << 24) | (quint32(i) & 0xffffffu);
}

QHostAddress expectedV6(int i)
{
    return QHostAddress(QStringLiteral("fd00::%1:%2")
                                .arg(quint32(i) >> 16, 0, 16)
                                .arg(quint32(i) & 0xffff, 0, 16));
}

double cpuSeconds()
{
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// VmHWM, not getrusage()'s ru_maxrss: Linux carries ru_maxrss over execve(),
// so a child would report its parent's peak when that was higher.
qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly | QIODevice::Text))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

qint64 currentRssKiB()
{
    FILE *f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    long size = 0, resident = 0;
    const int read = std::fscanf(f, "%ld %ld", &size, &resident);
    std::fclose(f);
    return read == 2 ? qint64(resident) * (sysconf(_SC_PAGESIZE) / 1024) : 0;
}

// ---------------------------------------------------------------------------
// One run of one contender.

struct ChildConfig
{
    QString contender;
    int n = 0;
    QString server;     // "127.0.0.1:PORT" for QAres and raw c-ares
    QString ns53;       // address serving on port 53, for QDnsLookup
    int maxSeconds = 120;
    bool stallProbe = true;
};

/*! Submit and completion times, failures, and the 1 ms stall probe's findings. */
struct Tracker
{
    explicit Tracker(int n) : submitNs(size_t(n), 0), doneNs(size_t(n), 0) { }

    void submitted(int i) { submitNs[size_t(i)] = nowNs(); }
    void done(int i, bool ok, const QString &why = QString())
    {
        if (doneNs[size_t(i)] != 0) {
            ++failures; // answered twice: count it, never hide it
            return;
        }
        doneNs[size_t(i)] = nowNs();
        ++completed;
        if (!ok) {
            ++failures;
            if (firstFailure.isEmpty())
                firstFailure = QStringLiteral("%1: %2").arg(QString::fromLatin1(hostName(i)), why);
        }
    }

    // The stall probe: a 1 ms timer noting the longest gap between its ticks.
    void tick(qint64 now)
    {
        if (lastTickNs != 0) {
            const qint64 late = now - lastTickNs - 1000000;
            if (submitEndNs != 0 && lastTickNs >= submitEndNs)
                maxStallNs = std::max(maxStallNs, late);
            maxStallInclSubmitNs = std::max(maxStallInclSubmitNs, late);
        }
        lastTickNs = now;
    }

    std::vector<qint64> submitNs;
    std::vector<qint64> doneNs;
    int completed = 0;
    int failures = 0;
    QString firstFailure;
    qint64 startNs = 0;
    qint64 submitEndNs = 0;
    qint64 endNs = 0;
    qint64 lastTickNs = 0;
    qint64 maxStallNs = 0;
    qint64 maxStallInclSubmitNs = 0;
    double cpuStart = 0;
    double cpuEnd = 0;
    qint64 rssBeforeKiB = 0;
};

int printResult(const ChildConfig &cfg, Tracker &t)
{
    const int n = cfg.n;
    const int missing = n - t.completed;
    std::vector<qint64> latencies;
    latencies.reserve(size_t(t.completed));
    for (size_t i = 0; i < t.doneNs.size(); ++i) {
        if (t.doneNs[i] != 0)
            latencies.push_back(t.doneNs[i] - t.submitNs[i]);
    }
    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&](double p) -> double {
        if (latencies.empty())
            return 0;
        const size_t rank = size_t(std::ceil(p * double(latencies.size())));
        return double(latencies[std::min(latencies.size() - 1, rank == 0 ? 0 : rank - 1)]) / 1e6;
    };
    const double wall = double(t.endNs - t.startNs) / 1e9;
    const double cpu = t.cpuEnd - t.cpuStart;
    QTextStream out(stdout);
    out << "RESULT contender=" << cfg.contender << " n=" << n
        << " wall_s=" << QString::number(wall, 'f', 4)
        << " lookups_per_s=" << QString::number(wall > 0 ? n / wall : 0, 'f', 1)
        << " cpu_ms_per_1000=" << QString::number(n > 0 ? cpu * 1e6 / n : 0, 'f', 2)
        << " peak_rss_kib=" << peakRssKiB() << " rss_before_kib=" << t.rssBeforeKiB
        << " p50_ms=" << QString::number(percentile(0.50), 'f', 3)
        << " p99_ms=" << QString::number(percentile(0.99), 'f', 3)
        << " failures=" << (t.failures + missing) << " completed=" << t.completed
        << " stall_ms=" << QString::number(double(t.maxStallNs) / 1e6, 'f', 2)
        << " stall_incl_submit_ms=" << QString::number(double(t.maxStallInclSubmitNs) / 1e6, 'f', 2)
        << " submit_ms=" << QString::number(double(t.submitEndNs - t.startNs) / 1e6, 'f', 2) << "\n";
    out.flush();
    if (!t.firstFailure.isEmpty() || missing > 0) {
        std::fprintf(stderr, "%s: %d failed, %d missing; first failure: %s\n",
                     qPrintable(cfg.contender), t.failures, missing,
                     t.firstFailure.isEmpty() ? "(none answered wrongly)" : qPrintable(t.firstFailure));
    }
    return 0;
}

// Starts the measurement: CPU, RSS, and (Qt contenders) the 1 ms stall probe.
void begin(Tracker &t)
{
    t.rssBeforeKiB = currentRssKiB();
    t.cpuStart = cpuSeconds();
    t.startNs = nowNs();
}

void end(Tracker &t)
{
    t.endNs = nowNs();
    t.cpuEnd = cpuSeconds();
}

/*!
    What the Qt contenders share: the event loop, a context for their
    connections, the overall time limit and the 1 ms stall probe.
*/
struct QtRun
{
    QtRun(const ChildConfig &cfg, Tracker &t) : cfg(cfg), t(t)
    {
        probe.setTimerType(Qt::PreciseTimer);
        probe.setInterval(1ms);
        QObject::connect(&probe, &QTimer::timeout, &context, [&t] { t.tick(nowNs()); });
        QTimer::singleShot(std::chrono::seconds(cfg.maxSeconds), &loop, &QEventLoop::quit);
    }
    //! Starts the measurement (and the probe), before the first submit.
    void start()
    {
        begin(t);
        if (cfg.stallProbe) {
            probe.start();
            t.tick(nowNs());
        }
    }
    //! After the submit loop: runs the event loop until every lookup ended (or the limit), then stops the measurement.
    void wait()
    {
        t.submitEndNs = nowNs();
        if (t.completed < cfg.n)
            loop.exec();
        end(t);
        probe.stop();
    }

    const ChildConfig &cfg;
    Tracker &t;
    QEventLoop loop;
    QObject context;
    QTimer probe;
};

// --- QAres ------------------------------------------------------------------

bool checkAres(const AresHostInfo &info, int i, QString *why)
{
    if (info.error() != AresError::NoError) {
        *why = info.errorString();
        return false;
    }
    const QList<QHostAddress> addresses = info.addresses();
    if (addresses.size() != 1 || addresses.at(0).toIPv4Address() != expectedV4(i)) {
        *why = QStringLiteral("wrong answer %1").arg(info.addressStrings().join(u','));
        return false;
    }
    return true;
}

bool checkRecords(const AresRecordSet &set, int i, QString *why)
{
    if (set.error() != AresError::NoError) {
        *why = set.errorString();
        return false;
    }
    const QList<AresRecord> records = set.records();
    if (records.size() != 1 || records.at(0).type() != AresRecord::A
        || records.at(0).address().toIPv4Address() != expectedV4(i)) {
        *why = QStringLiteral("wrong answer (%1 records)").arg(records.size());
        return false;
    }
    return true;
}

int runQAres(const ChildConfig &cfg)
{
    // "qares-query-future" / "qares-query-signal": record queries, query(A) /
    // startQuery(A) (ares_query), instead of host lookups (ares_getaddrinfo).
    // "qares-resolver-signal" / "qares-query-resolver-signal": submitHostLookup()
    // / submitQuery(A) with one connection to the resolver's
    // hostLookupFinished() / queryFinished() for all N: no object per lookup.
    const bool recordApi = cfg.contender.startsWith(QLatin1String("qares-query-"));
    const bool resolverSignal = cfg.contender.startsWith(QLatin1String(recordApi ? "qares-query-resolver-signal" : "qares-resolver-signal"));
    const bool signalApi = cfg.contender.startsWith(QLatin1String(recordApi ? "qares-query-signal" : "qares-signal"));
    const int window = cfg.contender.endsWith(QLatin1String("-100")) ? 100 : cfg.n;
    // "-capN": not the defaults, a fixed cap of N (maxQueriesInFlight = N, no
    // adaptive window), to show that lever.
    const qsizetype capAt = cfg.contender.indexOf(QLatin1String("-cap"));
    const int cap = capAt > 0 ? cfg.contender.mid(capAt + 4).section(u'-', 0, 0).toInt() : -1;
    // "-rcvbuf": also socketReceiveBufferSize 1 MiB (bounded by net.core.rmem_max).
    const bool bigReceiveBuffer = cfg.contender.endsWith(QLatin1String("-rcvbuf"));
    // "qares-future-batch" / "qares-query-future-batch": one lookupHosts() /
    // queryNames() call for all N, one future, one then() checking every result.
    const bool batchApi = cfg.contender.endsWith(QLatin1String("-batch"));

    // Default options except: explicit servers, DNS only, no search domains,
    // so that every lookup is one A query to the server.
    AresOptions options;
    QString error;
    if (!options.setServers(QStringList { cfg.server }, &error)) {
        std::fprintf(stderr, "bad server %s: %s\n", qPrintable(cfg.server), qPrintable(error));
        return 2;
    }
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    if (cap >= 0) {
        options.setMaxQueriesInFlight(cap);
        options.setAdaptiveQueryWindow(false);
    }
    if (bigReceiveBuffer)
        options.setSocketReceiveBufferSize(1 << 20);
    auto resolver = std::make_unique<AresResolver>(options);

    QStringList names;
    names.reserve(cfg.n);
    for (int i = 0; i < cfg.n; ++i)
        names.append(QString::fromLatin1(hostName(i)));

    Tracker t(cfg.n);
    QtRun run(cfg, t);
    QEventLoop &loop = run.loop;
    QObject &context = run.context;
    int next = 0;
    int maxWindow = resolver->queryWindow();
    std::function<void()> submitNext;
    auto onDone = [&](int i, const AresHostInfo &info) {
        maxWindow = std::max(maxWindow, resolver->queryWindow());
        QString why;
        const bool ok = checkAres(info, i, &why);
        t.done(i, ok, why);
        if (next < cfg.n)
            submitNext();
        if (t.completed == cfg.n)
            loop.quit();
    };
    auto onRecords = [&](int i, const AresRecordSet &set) {
        maxWindow = std::max(maxWindow, resolver->queryWindow());
        QString why;
        const bool ok = checkRecords(set, i, &why);
        t.done(i, ok, why);
        if (next < cfg.n)
            submitNext();
        if (t.completed == cfg.n)
            loop.quit();
    };
    // Resolver signals: the result names its lookup by id. Ids are
    // consecutive per resolver (AresResolver::submitHostLookup()), so the
    // name's index is found by id − first id, as a high-volume user would;
    // an id that maps to nothing is never marked done and counts as missing.
    int firstId = 0;
    std::vector<int> indexOfId(size_t(cfg.n), -1);
    auto indexFor = [&](int id) {
        const qint64 k = qint64(id) - firstId;
        return k >= 0 && k < cfg.n ? indexOfId[size_t(k)] : -1;
    };
    auto submitted = [&](int id, int i) {
        if (firstId == 0)
            firstId = id;
        const qint64 k = qint64(id) - firstId;
        if (k >= 0 && k < cfg.n)
            indexOfId[size_t(k)] = i;
    };
    if (resolverSignal && recordApi) {
        QObject::connect(resolver.get(), &AresResolver::queryFinished, &context, [&](const AresRecordSet &set) {
            if (const int i = indexFor(set.lookupId()); i >= 0)
                onRecords(i, set);
        });
    } else if (resolverSignal) {
        QObject::connect(resolver.get(), &AresResolver::hostLookupFinished, &context, [&](const AresHostInfo &info) {
            if (const int i = indexFor(info.lookupId()); i >= 0)
                onDone(i, info);
        });
    }
    submitNext = [&] {
        const int i = next++;
        t.submitted(i);
        if (resolverSignal && recordApi) {
            submitted(resolver->submitQuery(names.at(i), AresRecord::A), i);
        } else if (resolverSignal) {
            submitted(resolver->submitHostLookup(names.at(i), AresResolver::IPv4Family), i);
        } else if (recordApi && signalApi) {
            AresReply *reply = resolver->startQuery(names.at(i), AresRecord::A);
            QObject::connect(reply, &AresReply::finished, &context, [&onRecords, reply, i] {
                onRecords(i, reply->recordSet());
                reply->deleteLater();
            });
        } else if (recordApi) {
            resolver->query(names.at(i), AresRecord::A)
                    .then(&context, [&onRecords, i](const AresRecordSet &set) { onRecords(i, set); });
        } else if (signalApi) {
            AresReply *reply = resolver->startHostLookup(names.at(i), AresResolver::IPv4Family);
            QObject::connect(reply, &AresReply::finished, &context, [&onDone, reply, i] {
                onDone(i, reply->hostInfo());
                reply->deleteLater();
            });
        } else {
            resolver->lookupHost(names.at(i), AresResolver::IPv4Family)
                    .then(&context, [&onDone, i](const AresHostInfo &info) { onDone(i, info); });
        }
    };

    // One future for all N: the continuation runs once, when the last lookup
    // finished, and checks every result (a latency is therefore the whole run's).
    auto submitBatch = [&] {
        for (int i = 0; i < cfg.n; ++i)
            t.submitted(i);
        next = cfg.n;
        auto checkAll = [&](const auto &future, const auto &onResult) {
            const auto results = future.results(); // in index order; a missing one makes it shorter
            for (int i = 0; i < cfg.n; ++i) {
                if (results.size() == cfg.n)
                    onResult(i, results.at(i));
                else if (future.isResultReadyAt(i))
                    onResult(i, future.resultAt(i));
                else
                    t.done(i, false, QStringLiteral("no result"));
            }
            loop.quit();
        };
        if (recordApi) {
            resolver->queryNames(names, AresRecord::A).then(&context, [checkAll, &onRecords](const QFuture<AresRecordSet> &all) {
                checkAll(all, onRecords);
            });
        } else {
            resolver->lookupHosts(names, AresResolver::IPv4Family).then(&context, [checkAll, &onDone](const QFuture<AresHostInfo> &all) {
                checkAll(all, onDone);
            });
        }
    };

    run.start();
    if (batchApi)
        submitBatch();
    while (next < std::min(window, cfg.n))
        submitNext();
    run.wait();
    const int status = printResult(cfg, t);
    // Diagnostic (stderr): the in-flight window the resolver adapted to.
    std::fprintf(stderr, "qares window: end %d, max %d, cap %d\n", resolver->queryWindow(), maxWindow,
                 options.maxQueriesInFlight());
    resolver.reset();
    return status;
}

// --- QHostInfo ----------------------------------------------------------------

int runQHostInfo(const ChildConfig &cfg)
{
    QStringList names;
    for (int i = 0; i < cfg.n; ++i)
        names.append(QString::fromLatin1(hostName(i)));
    Tracker t(cfg.n);
    QtRun run(cfg, t);
    QEventLoop &loop = run.loop;
    QObject &context = run.context;
    run.start();
    for (int i = 0; i < cfg.n; ++i) {
        t.submitted(i);
        QHostInfo::lookupHost(names.at(i), &context, [&t, &loop, &cfg, i](const QHostInfo &info) {
            bool ok = info.error() == QHostInfo::NoError;
            QString why = info.errorString();
            if (ok) {
                // A and AAAA (QHostInfo always asks for both): the v4 answer must be there,
                // and nothing but the two known addresses.
                bool hasV4 = false;
                for (const QHostAddress &address : info.addresses()) {
                    if (address.protocol() == QAbstractSocket::IPv4Protocol
                        && address.toIPv4Address() == expectedV4(i))
                        hasV4 = true;
                    else if (address != expectedV6(i))
                        ok = false;
                }
                ok = ok && hasV4;
                if (!ok)
                    why = QStringLiteral("wrong answer");
            }
            t.done(i, ok, why);
            if (t.completed == cfg.n)
                loop.quit();
        });
    }
    run.wait();
    return printResult(cfg, t);
}

// --- QDnsLookup ---------------------------------------------------------------

int runQDnsLookup(const ChildConfig &cfg)
{
    const QHostAddress nameserver(cfg.ns53);
    if (nameserver.isNull() || !nameserver.isLoopback()) {
        std::fprintf(stderr, "qdnslookup needs --ns53 with a loopback address\n");
        return 2;
    }
    QStringList names;
    for (int i = 0; i < cfg.n; ++i)
        names.append(QString::fromLatin1(hostName(i)));
    Tracker t(cfg.n);
    QtRun run(cfg, t);
    QEventLoop &loop = run.loop;
    QObject &context = run.context;
    run.start();
    for (int i = 0; i < cfg.n; ++i) {
        t.submitted(i);
        // Qt 6.4 sends to port 53 of the nameserver.
        auto *lookup = new QDnsLookup(QDnsLookup::A, names.at(i), nameserver, &context);
        QObject::connect(lookup, &QDnsLookup::finished, &context, [&t, &loop, &cfg, lookup, i] {
            bool ok = lookup->error() == QDnsLookup::NoError;
            QString why = lookup->errorString();
            if (ok) {
                const QList<QDnsHostAddressRecord> records = lookup->hostAddressRecords();
                ok = records.size() == 1 && records.at(0).value().toIPv4Address() == expectedV4(i);
                if (!ok)
                    why = QStringLiteral("wrong answer");
            }
            t.done(i, ok, why);
            lookup->deleteLater();
            if (t.completed == cfg.n)
                loop.quit();
        });
        lookup->lookup();
    }
    run.wait();
    return printResult(cfg, t);
}

// --- raw c-ares: the floor ----------------------------------------------------

/*!
    A minimal epoll loop over c-ares 1.18: sock_state_cb maintains the epoll
    set, ares_process_fd() on readiness. Like QAres it calls ares_timeout()
    (O(queries in flight) in 1.18) only when the timeout it last computed has
    passed, and each submit pulls that deadline in to now + the first-try
    timeout. Same channel options as QAres with the benchmark's options
    (timeout 2 s, 2 tries, lookups "b", no search domains, explicit server),
    same ares_getaddrinfo() hints (AF_INET, ARES_AI_CANONNAME | ARES_AI_ENVHOSTS),
    but no socket hooks. "raw-gai-nosort-100" adds ARES_AI_NOSORT, the call
    QAres makes since it sorts multi-address answers itself.
*/
struct RawLoop
{
    ares_channel channel = nullptr;
    int epollFd = -1;
    std::vector<char> watched = std::vector<char>(65536, 0);
    Tracker *tracker = nullptr;
    std::vector<QByteArray> names;
    bool query = false;
    bool noSort = false;
    int next = 0;
    int n = 0;
    qint64 aresDeadlineNs = Infinity;
    static constexpr int TimeoutMs = 2000;
};
RawLoop *rawLoop = nullptr;

void rawSocketState(void *data, ares_socket_t fd, int readable, int writable)
{
    auto *loop = static_cast<RawLoop *>(data);
    if (fd < 0 || size_t(fd) >= loop->watched.size())
        return;
    char &watched = loop->watched[size_t(fd)];
    if (!readable && !writable) {
        if (watched)
            epoll_ctl(loop->epollFd, EPOLL_CTL_DEL, fd, nullptr);
        watched = 0;
        return;
    }
    epoll_event event = {};
    event.events = (readable ? EPOLLIN : 0u) | (writable ? EPOLLOUT : 0u);
    event.data.fd = fd;
    epoll_ctl(loop->epollFd, watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
    watched = 1;
}

void rawSubmitNext();

void rawDone(int i, bool ok, const QString &why)
{
    rawLoop->tracker->done(i, ok, why);
    if (rawLoop->next < rawLoop->n)
        rawSubmitNext(); // from inside the callback: allowed for submits
}

void rawAddrInfoCallback(void *arg, int status, int, ares_addrinfo *info)
{
    if (status == ARES_EDESTRUCTION)
        return;
    const int i = int(reinterpret_cast<intptr_t>(arg));
    bool ok = status == ARES_SUCCESS && info;
    QString why = QString::fromLatin1(ares_strerror(status));
    if (ok) {
        int count = 0;
        for (const ares_addrinfo_node *node = info->nodes; node; node = node->ai_next) {
            ++count;
            if (node->ai_family != AF_INET
                || reinterpret_cast<const sockaddr_in *>(node->ai_addr)->sin_addr.s_addr
                        != htonl(expectedV4(i)))
                ok = false;
        }
        ok = ok && count == 1;
        if (!ok)
            why = QStringLiteral("wrong answer");
    }
    if (info)
        ares_freeaddrinfo(info);
    rawDone(i, ok, why);
}

#if ARES_VERSION >= 0x011c00
// c-ares >= 1.28: the parsed reply as c-ares hands it over (ares_query() would
// re-encode it for the old callback, ares_parse_a_reply() parse it again).
void rawQueryCallback(void *arg, ares_status_t status, size_t, const ares_dns_record_t *reply)
{
    if (status == ARES_EDESTRUCTION)
        return;
    const int i = int(reinterpret_cast<intptr_t>(arg));
    bool ok = status == ARES_SUCCESS && reply;
    QString why = QString::fromLatin1(ares_strerror(status));
    if (ok) {
        const ares_dns_rr_t *rr = ares_dns_record_rr_cnt(reply, ARES_SECTION_ANSWER) == 1
                ? ares_dns_record_rr_get_const(reply, ARES_SECTION_ANSWER, 0)
                : nullptr;
        const in_addr *address = rr && ares_dns_rr_get_type(rr) == ARES_REC_TYPE_A
                ? ares_dns_rr_get_addr(rr, ARES_RR_A_ADDR)
                : nullptr;
        ok = address && address->s_addr == htonl(expectedV4(i));
        if (!ok)
            why = QStringLiteral("wrong answer");
    }
    rawDone(i, ok, why);
}
#else
void rawQueryCallback(void *arg, int status, int, unsigned char *answer, int length)
{
    if (status == ARES_EDESTRUCTION)
        return;
    const int i = int(reinterpret_cast<intptr_t>(arg));
    bool ok = status == ARES_SUCCESS;
    QString why = QString::fromLatin1(ares_strerror(status));
    if (ok) {
        ares_addrttl ttls[4];
        int count = 4;
        hostent *host = nullptr;
        ok = ares_parse_a_reply(answer, length, &host, ttls, &count) == ARES_SUCCESS && count == 1
                && ttls[0].ipaddr.s_addr == htonl(expectedV4(i));
        if (host)
            ares_free_hostent(host);
        if (!ok)
            why = QStringLiteral("wrong answer");
    }
    rawDone(i, ok, why);
}
#endif

void rawSubmitNext()
{
    RawLoop &loop = *rawLoop;
    const int i = loop.next++;
    loop.tracker->submitted(i);
    void *arg = reinterpret_cast<void *>(intptr_t(i));
    if (loop.query) {
#if ARES_VERSION >= 0x011c00
        ares_query_dnsrec(loop.channel, loop.names[size_t(i)].constData(), ARES_CLASS_IN, ARES_REC_TYPE_A,
                          rawQueryCallback, arg, nullptr);
#else
        ares_query(loop.channel, loop.names[size_t(i)].constData(), ns_c_in, ns_t_a, rawQueryCallback, arg);
#endif
    } else {
        ares_addrinfo_hints hints = {};
        hints.ai_family = AF_INET;
        hints.ai_flags = ARES_AI_CANONNAME | ARES_AI_ENVHOSTS | (loop.noSort ? ARES_AI_NOSORT : 0);
        ares_getaddrinfo(loop.channel, loop.names[size_t(i)].constData(), nullptr, &hints,
                         rawAddrInfoCallback, arg);
    }
    loop.aresDeadlineNs = std::min(loop.aresDeadlineNs, nowNs() + qint64(RawLoop::TimeoutMs) * 1000000);
}

int runRaw(const ChildConfig &cfg)
{
    const QHostAddress serverAddress(cfg.server.section(u':', 0, 0));
    const int port = cfg.server.section(u':', 1, 1).toInt();
    if (serverAddress.protocol() != QAbstractSocket::IPv4Protocol || port <= 0) {
        std::fprintf(stderr, "raw contenders need --server IPv4:PORT\n");
        return 2;
    }
    ares_library_init(ARES_LIB_INIT_ALL);
    RawLoop loop;
    rawLoop = &loop;
    loop.query = cfg.contender.startsWith(QLatin1String("raw-query"));
    loop.noSort = cfg.contender.startsWith(QLatin1String("raw-gai-nosort"));
    const int window = cfg.contender.endsWith(QLatin1String("-100")) ? 100 : cfg.n;
    loop.n = cfg.n;
    loop.epollFd = epoll_create1(EPOLL_CLOEXEC);
    for (int i = 0; i < cfg.n; ++i)
        loop.names.push_back(hostName(i));

    ares_options options = {};
    options.flags = ARES_FLAG_NOSEARCH;
    options.timeout = RawLoop::TimeoutMs;
    options.tries = 2;
    char lookups[] = "b";
    options.lookups = lookups;
    options.domains = nullptr;
    options.ndomains = 0;
    options.sock_state_cb = rawSocketState;
    options.sock_state_cb_data = &loop;
    int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_LOOKUPS
            | ARES_OPT_DOMAINS | ARES_OPT_SOCK_STATE_CB | ARES_OPT_NOROTATE;
#if ARES_VERSION >= 0x011700
    // As QAres: no query cache (every name is new here; it would only cost inserts).
    options.qcache_max_ttl = 0;
    mask |= ARES_OPT_QUERY_CACHE;
#endif
    if (ares_init_options(&loop.channel, &options, mask) != ARES_SUCCESS) {
        std::fprintf(stderr, "ares_init_options failed\n");
        return 2;
    }
    if (ares_set_servers_ports_csv(loop.channel, cfg.server.toLatin1().constData()) != ARES_SUCCESS) {
        std::fprintf(stderr, "ares_set_servers_ports_csv failed\n");
        return 2;
    }

    Tracker t(cfg.n);
    loop.tracker = &t;
    const qint64 hardDeadline = nowNs() + qint64(cfg.maxSeconds) * 1000000000;
    qint64 nextTick = Infinity;

    begin(t);
    if (cfg.stallProbe) {
        t.tick(nowNs());
        nextTick = t.lastTickNs + 1000000;
    }
    while (loop.next < std::min(window, cfg.n))
        rawSubmitNext();
    t.submitEndNs = nowNs();

    epoll_event events[64];
    while (t.completed < cfg.n) {
        qint64 now = nowNs();
        if (now > hardDeadline)
            break;
        // epoll_wait(), not epoll_pwait2(): valgrind 3.19 does not know the latter.
        const qint64 wake = std::min(loop.aresDeadlineNs, nextTick);
        const int timeoutMs = wake == Infinity
                ? -1
                : int(std::min<qint64>((std::max<qint64>(0, wake - now) + 999999) / 1000000, 1000000));
        const int ready = epoll_wait(loop.epollFd, events, 64, timeoutMs);
        for (int k = 0; k < ready; ++k) {
            const int fd = events[k].data.fd;
            const uint32_t e = events[k].events;
            const bool error = e & (EPOLLERR | EPOLLHUP);
            ares_process_fd(loop.channel, (e & EPOLLIN) || error ? fd : ARES_SOCKET_BAD,
                            (e & EPOLLOUT) || error ? fd : ARES_SOCKET_BAD);
        }
        now = nowNs();
        if (now >= loop.aresDeadlineNs) {
            ares_process_fd(loop.channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
            timeval tv;
            if (ares_timeout(loop.channel, nullptr, &tv))
                loop.aresDeadlineNs = nowNs() + qint64(tv.tv_sec) * 1000000000 + qint64(tv.tv_usec) * 1000;
            else
                loop.aresDeadlineNs = Infinity;
        }
        if (cfg.stallProbe && now >= nextTick) {
            t.tick(now);
            nextTick = now + 1000000;
        }
    }
    end(t);
    const int status = printResult(cfg, t);
    ares_destroy(loop.channel);
    close(loop.epollFd);
    ares_library_cleanup();
    return status;
}

// --- a private resolv.conf for QHostInfo and QDnsLookup ---------------------

QByteArray readAll(const char *path)
{
    QFile file(QString::fromLocal8Bit(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/*!
    Puts this process into its own mount namespace with \a resolvConf
    bind-mounted over /etc/resolv.conf, then checks that it worked and that
    glibc will ask only loopback servers: every nameserver line is
    127.0.0.0/8 or ::1, nsswitch.conf's hosts line has dns, and no benchmark
    name is in /etc/hosts. Refuses to run otherwise.
*/
bool isolateResolvConf(const QByteArray &resolvConf, QString *why)
{
    if (unshare(CLONE_NEWNS) != 0) {
        *why = QStringLiteral("unshare(CLONE_NEWNS): %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        *why = QStringLiteral("making / private: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (mount(resolvConf.constData(), "/etc/resolv.conf", nullptr, MS_BIND, nullptr) != 0) {
        *why = QStringLiteral("bind-mounting %1 over /etc/resolv.conf: %2")
                       .arg(QString::fromLocal8Bit(resolvConf), QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    const QByteArray seen = readAll("/etc/resolv.conf");
    if (seen.isEmpty() || seen != readAll(resolvConf.constData())) {
        *why = QStringLiteral("/etc/resolv.conf is not the bind-mounted file");
        return false;
    }
    int nameservers = 0;
    for (const QByteArray &line : seen.split('\n')) {
        const QList<QByteArray> words = line.simplified().split(' ');
        if (words.value(0) != "nameserver")
            continue;
        const QHostAddress address(QString::fromLatin1(words.value(1)));
        if (!address.isLoopback()) {
            *why = QStringLiteral("non-loopback nameserver in the private resolv.conf");
            return false;
        }
        ++nameservers;
    }
    if (nameservers == 0) {
        *why = QStringLiteral("no nameserver in the private resolv.conf");
        return false;
    }
    bool dns = false;
    for (const QByteArray &line : readAll("/etc/nsswitch.conf").split('\n')) {
        const QByteArray simplified = line.simplified();
        if (simplified.startsWith("hosts:") && simplified.split(' ').contains("dns"))
            dns = true;
    }
    if (!dns) {
        *why = QStringLiteral("/etc/nsswitch.conf has no dns on its hosts: line");
        return false;
    }
    if (readAll("/etc/hosts").toLower().contains(Origin.toLatin1())) {
        *why = QStringLiteral("/etc/hosts mentions %1").arg(Origin);
        return false;
    }
    return true;
}

// ---------------------------------------------------------------------------
// The orchestrator: a child process per run.

const QStringList AllContenders = {
    QStringLiteral("qares-future"),    QStringLiteral("qares-signal"),  QStringLiteral("qares-future-100"),
    QStringLiteral("qares-future-batch"), QStringLiteral("qares-query-future-batch"),
    QStringLiteral("qares-signal-100"), QStringLiteral("raw-gai-100"),  QStringLiteral("raw-gai-all"),
    QStringLiteral("raw-query-100"),   QStringLiteral("raw-query-all"), QStringLiteral("qhostinfo"),
    QStringLiteral("qdnslookup"),      QStringLiteral("raw-gai-nosort-100"), QStringLiteral("qares-query-future"),
    QStringLiteral("qares-query-signal"), QStringLiteral("qares-query-future-100"), QStringLiteral("qares-query-signal-100"),
    QStringLiteral("qares-resolver-signal"), QStringLiteral("qares-query-resolver-signal"),
};

// The raw loop making the same c-ares call: ares_query for record queries,
// ares_getaddrinfo with ARES_AI_NOSORT (QAres sorts itself) for host lookups.
QString sameCallReference(const QString &contender)
{
    return contender.contains(QLatin1String("query")) ? QStringLiteral("raw-query-100")
                                                      : QStringLiteral("raw-gai-nosort-100");
}

// Also "qares-future-capN" / "qares-signal-capN": a fixed cap of N (maxQueriesInFlight N,
// adaptiveQueryWindow off) instead of the default, and "...-capN-rcvbuf": with a 1 MiB socket receive buffer too.
bool isKnownContender(const QString &contender)
{
    if (AllContenders.contains(contender))
        return true;
    static const QRegularExpression capped(QStringLiteral("^qares-(future|signal)-cap[0-9]+(-rcvbuf)?$"));
    return capped.match(contender).hasMatch();
}

bool needsPort53(const QString &contender)
{
    return contender == QLatin1String("qhostinfo") || contender == QLatin1String("qdnslookup");
}

const QStringList CsvColumns = {
    QStringLiteral("scenario"),     QStringLiteral("contender"),      QStringLiteral("n"),
    QStringLiteral("run"),          QStringLiteral("wall_s"),         QStringLiteral("lookups_per_s"),
    QStringLiteral("cpu_ms_per_1000"), QStringLiteral("peak_rss_kib"), QStringLiteral("rss_before_kib"),
    QStringLiteral("p50_ms"),       QStringLiteral("p99_ms"),         QStringLiteral("failures"),
    QStringLiteral("completed"),    QStringLiteral("stall_ms"),       QStringLiteral("stall_incl_submit_ms"),
    QStringLiteral("submit_ms"),    QStringLiteral("udp_rcvbuf_errors"),
};

// The kernel's UDP RcvbufErrors counter (datagrams dropped on a full receive
// buffer, machine-wide): read around each run to explain timeouts.
qint64 udpReceiveBufferErrors()
{
    QFile snmp(QStringLiteral("/proc/net/snmp"));
    if (!snmp.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    const QList<QByteArray> lines = snmp.readAll().split('\n');
    for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
        if (lines.at(i).startsWith("Udp: ") && lines.at(i + 1).startsWith("Udp: ")) {
            const QList<QByteArray> names = lines.at(i).simplified().split(' ');
            const QList<QByteArray> values = lines.at(i + 1).simplified().split(' ');
            const qsizetype column = names.indexOf("RcvbufErrors");
            return column > 0 ? values.value(column).toLongLong() : -1;
        }
    }
    return -1;
}

/*! The fake server, in its own thread. */
class FakeServerThread
{
public:
    ~FakeServerThread() { stop(); }
    bool start(int names, int delayMs, const QHostAddress &address, quint16 port, QString *why)
    {
        m_server = new AresTestServer;
        m_server->setQuestionRecordingEnabled(false);
        for (int i = 0; i < names; ++i) {
            const QString name = QString::fromLatin1(hostName(i));
            m_server->addAddress(name, QHostAddress(expectedV4(i)), 3600);
            m_server->addAddress(name, expectedV6(i), 3600);
        }
        m_server->setSoa(Origin);
        if (delayMs > 0) {
            AresTestServer::Fault fault;
            fault.kind = AresTestServer::FaultKind::None;
            fault.delay = std::chrono::milliseconds(delayMs);
            m_server->setFault(QStringLiteral("*"), fault);
        }
        m_server->moveToThread(&m_thread);
        m_thread.start();
        if (!m_server->listen({ address }, port)) {
            *why = m_server->errorString();
            return false;
        }
        m_serverString = m_server->serverString(address);
        return true;
    }
    void stop()
    {
        if (!m_thread.isRunning())
            return;
        QMetaObject::invokeMethod(m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_server = nullptr;
        m_thread.quit();
        m_thread.wait();
    }
    QString serverString() const { return m_serverString; }
    int questionCount() const { return m_server ? m_server->questionCount() : 0; }

private:
    QThread m_thread;
    AresTestServer *m_server = nullptr;
    QString m_serverString;
};

struct Orchestration
{
    QString server;
    QString ns53;
    QString scenario;
    QStringList contenders;
    QList<int> ns;
    int repeat = 1;
    QString csvPath;
    bool expectNoFailures = false;
    int maxSeconds = 120;
    bool stallProbe = true;
};

int orchestrate(const Orchestration &o)
{
    QTemporaryDir tmp;
    QString resolvConf;
    if (!o.ns53.isEmpty()) {
        resolvConf = tmp.filePath(QStringLiteral("resolv.conf"));
        QFile file(resolvConf);
        if (!file.open(QIODevice::WriteOnly))
            return 2;
        file.write("# qares-benchmark: loopback only\nnameserver " + o.ns53.toLatin1()
                   + "\noptions timeout:2 attempts:2\n");
    }
    QFile csv(o.csvPath);
    QTextStream csvOut(&csv);
    if (!o.csvPath.isEmpty()) {
        const bool fresh = !QFile::exists(o.csvPath) || QFileInfo(o.csvPath).size() == 0;
        if (!csv.open(QIODevice::Append | QIODevice::Text)) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(o.csvPath));
            return 2;
        }
        if (fresh)
            csvOut << CsvColumns.join(u',') << "\n";
    }

    int problems = 0;
    for (int run = 1; run <= o.repeat; ++run) {
        for (int n : o.ns) {
            for (const QString &contender : o.contenders) {
                if (needsPort53(contender) && o.ns53.isEmpty()) {
                    std::printf("SKIP contender=%s n=%d: needs a server on port 53 (--ns53)\n",
                                qPrintable(contender), n);
                    continue;
                }
                QStringList args { QStringLiteral("--contender"), contender, QStringLiteral("--n"),
                                   QString::number(n), QStringLiteral("--server"), o.server,
                                   QStringLiteral("--max-seconds"), QString::number(o.maxSeconds) };
                if (!o.stallProbe)
                    args << QStringLiteral("--no-stall-probe");
                if (needsPort53(contender))
                    args << QStringLiteral("--ns53") << o.ns53 << QStringLiteral("--resolv-conf") << resolvConf;
                const qint64 dropsBefore = udpReceiveBufferErrors();
                QProcess child;
                child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
                child.start(QCoreApplication::applicationFilePath(), args);
                if (!child.waitForFinished((o.maxSeconds + 30) * 1000)) {
                    child.kill();
                    child.waitForFinished(5000);
                    std::printf("ERROR contender=%s n=%d: child did not finish\n", qPrintable(contender), n);
                    ++problems;
                    continue;
                }
                QByteArray result;
                for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
                    if (line.startsWith("RESULT "))
                        result = line;
                }
                if (result.isEmpty() || child.exitCode() != 0) {
                    std::printf("ERROR contender=%s n=%d: no result (exit code %d)\n", qPrintable(contender), n,
                                child.exitCode());
                    ++problems;
                    continue;
                }
                const qint64 drops = dropsBefore < 0 ? -1 : udpReceiveBufferErrors() - dropsBefore;
                result += " udp_rcvbuf_errors=" + QByteArray::number(drops);
                std::printf("%s scenario=%s run=%d\n", result.constData(), qPrintable(o.scenario), run);
                std::fflush(stdout);
                QMap<QString, QString> fields;
                for (const QByteArray &field : result.mid(7).split(' ')) {
                    const qsizetype eq = field.indexOf('=');
                    if (eq > 0)
                        fields.insert(QString::fromLatin1(field.left(eq)), QString::fromLatin1(field.mid(eq + 1)));
                }
                fields.insert(QStringLiteral("scenario"), o.scenario);
                fields.insert(QStringLiteral("run"), QString::number(run));
                if (o.expectNoFailures && fields.value(QStringLiteral("failures")) != QLatin1String("0"))
                    ++problems;
                if (csv.isOpen()) {
                    QStringList row;
                    for (const QString &column : CsvColumns)
                        row << fields.value(column);
                    csvOut << row.join(u',') << "\n";
                    csvOut.flush();
                }
            }
        }
    }
    return problems == 0 ? 0 : 1;
}

// ---------------------------------------------------------------------------
// Summary: medians, ratios, targets, chart data.

struct Row
{
    QString scenario, contender;
    int n = 0;
    QMap<QString, double> values;
};

double median(std::vector<double> v)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

QString fmt(double v, int decimals = 1)
{
    return std::isnan(v) ? QStringLiteral("–") : QString::number(v, 'f', decimals);
}

int summarize(const QString &runsPath, const QString &callgrindPath, const QString &outDir)
{
    QFile runsFile(runsPath);
    if (!runsFile.open(QIODevice::ReadOnly | QIODevice::Text)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(runsPath));
        return 2;
    }
    const QList<QByteArray> lines = runsFile.readAll().split('\n');
    const QList<QByteArray> header = lines.value(0).split(',');
    // (scenario, contender, n) -> column -> values over runs
    QMap<std::tuple<QString, QString, int>, QMap<QString, std::vector<double>>> groups;
    QMap<std::tuple<QString, QString, int>, int> runCounts;
    for (qsizetype l = 1; l < lines.size(); ++l) {
        const QList<QByteArray> cells = lines.at(l).split(',');
        if (cells.size() != header.size())
            continue;
        QMap<QString, QByteArray> row;
        for (qsizetype c = 0; c < header.size(); ++c)
            row.insert(QString::fromLatin1(header.at(c)), cells.at(c));
        const auto key = std::make_tuple(QString::fromLatin1(row.value(QStringLiteral("scenario"))),
                                         QString::fromLatin1(row.value(QStringLiteral("contender"))),
                                         row.value(QStringLiteral("n")).toInt());
        ++runCounts[key];
        for (qsizetype c = 4; c < header.size(); ++c)
            groups[key][QString::fromLatin1(header.at(c))].push_back(cells.at(c).toDouble());
    }
    auto get = [&](const QString &scenario, const QString &contender, int n, const QString &column) {
        const auto it = groups.constFind(std::make_tuple(scenario, contender, n));
        if (it == groups.cend() || !it->contains(column))
            return std::nan("");
        const std::vector<double> values = it->value(column);
        if (column == QLatin1String("failures")) // never hide failures: the worst run
            return *std::max_element(values.begin(), values.end());
        return median(values);
    };
    const QString ref = QStringLiteral("raw-gai-100");

    QDir().mkpath(outDir);
    QFile medians(outDir + QStringLiteral("/medians.csv"));
    QFile md(outDir + QStringLiteral("/summary.md"));
    if (!medians.open(QIODevice::WriteOnly | QIODevice::Text) || !md.open(QIODevice::WriteOnly | QIODevice::Text))
        return 2;
    QTextStream mc(&medians), mo(&md);
    mc << "scenario,contender,n,runs,wall_s,lookups_per_s,ratio_tput_vs_raw,cpu_ms_per_1000,ratio_cpu_vs_raw,"
          "peak_rss_kib,ratio_rss_vs_raw,p50_ms,p99_ms,failures_worst_run,udp_rcvbuf_errors,stall_ms,stall_incl_submit_ms,submit_ms\n";

    QStringList scenarios;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        if (!scenarios.contains(std::get<0>(it.key())))
            scenarios << std::get<0>(it.key());
    }
    for (const QString &scenario : scenarios) {
        mo << "\n#### Scenario `" << scenario << "`\n\n"
           << "× same call: ratio to the raw loop making the same c-ares call at 100 in flight: raw-gai-nosort-100 for "
              "host lookups, raw-query-100 for record queries (raw-gai-100 where those did not run).\n\n"
           << "| contender | N | runs | lookups/s | × same call | CPU ms / 1k | × same call | peak RSS MiB | × same call | p50 ms | p99 ms "
              "| failures | UDP drops | stall ms (after submit / incl.) |\n"
           << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
        for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
            // Not a structured binding: clang < 16 cannot capture those in lambdas.
            const QString &s = std::get<0>(it.key());
            const QString &contender = std::get<1>(it.key());
            const int n = std::get<2>(it.key());
            if (s != scenario)
                continue;
            auto v = [&](const char *column) { return get(s, contender, n, QString::fromLatin1(column)); };
            // Ratios to the raw loop making the same c-ares call (raw-gai-100
            // where that loop did not run, e.g. knot53).
            QString sameRef = sameCallReference(contender);
            if (std::isnan(get(s, sameRef, n, QStringLiteral("lookups_per_s"))))
                sameRef = ref;
            auto r = [&](const char *column) {
                return v(column) / get(s, sameRef, n, QString::fromLatin1(column));
            };
            const int runs = runCounts.value(it.key());
            mc << s << ',' << contender << ',' << n << ',' << runs << ',' << fmt(v("wall_s"), 4) << ','
               << fmt(v("lookups_per_s")) << ',' << fmt(r("lookups_per_s"), 3) << ',' << fmt(v("cpu_ms_per_1000"), 2)
               << ',' << fmt(r("cpu_ms_per_1000"), 3) << ',' << fmt(v("peak_rss_kib"), 0) << ','
               << fmt(r("peak_rss_kib"), 3) << ',' << fmt(v("p50_ms"), 3) << ',' << fmt(v("p99_ms"), 3) << ','
               << fmt(v("failures"), 0) << ',' << fmt(v("udp_rcvbuf_errors"), 0) << ',' << fmt(v("stall_ms"), 2) << ',' << fmt(v("stall_incl_submit_ms"), 2)
               << ',' << fmt(v("submit_ms"), 2) << "\n";
            mo << "| " << contender << " | " << n << " | " << runs << " | " << fmt(v("lookups_per_s"), 0) << " | "
               << fmt(r("lookups_per_s"), 2) << " | " << fmt(v("cpu_ms_per_1000"), 1) << " | "
               << fmt(r("cpu_ms_per_1000"), 2) << " | " << fmt(v("peak_rss_kib") / 1024, 1) << " | "
               << fmt(r("peak_rss_kib"), 2) << " | " << fmt(v("p50_ms"), 1) << " | " << fmt(v("p99_ms"), 1) << " | "
               << fmt(v("failures"), 0) << " | " << fmt(v("udp_rcvbuf_errors"), 0) << " | " << fmt(v("stall_ms"), 1) << " / " << fmt(v("stall_incl_submit_ms"), 1)
               << " |\n";
        }
    }

    // Callgrind: contender,n,instructions -> per lookup = (I(2N) - I(N)) / N.
    QMap<QString, double> perLookup;
    if (!callgrindPath.isEmpty()) {
        QFile cg(callgrindPath);
        QMap<QString, QMap<int, double>> ir;
        if (cg.exists() && cg.open(QIODevice::ReadOnly | QIODevice::Text)) {
            for (const QByteArray &line : cg.readAll().split('\n')) {
                const QList<QByteArray> cells = line.split(',');
                if (cells.size() == 3 && cells.at(1).toInt() > 0)
                    ir[QString::fromLatin1(cells.at(0))][cells.at(1).toInt()] = cells.at(2).toDouble();
            }
        }
        mo << "\n#### Instructions per lookup (callgrind, (I(2000) − I(1000)) / 1000)\n\n"
           << "| contender | Ir at 1,000 | Ir at 2,000 | Ir per lookup | × raw-gai-100 | × same call |\n|---|---:|---:|---:|---:|---:|\n";
        for (auto it = ir.cbegin(); it != ir.cend(); ++it) {
            if (it->contains(1000) && it->contains(2000))
                perLookup[it.key()] = (it->value(2000) - it->value(1000)) / 1000;
        }
        for (auto it = ir.cbegin(); it != ir.cend(); ++it) {
            mo << "| " << it.key() << " | " << fmt(it->value(1000, std::nan("")), 0) << " | "
               << fmt(it->value(2000, std::nan("")), 0) << " | " << fmt(perLookup.value(it.key(), std::nan("")), 0)
               << " | " << fmt(perLookup.value(it.key(), std::nan("")) / perLookup.value(ref, std::nan("")), 2)
               << " | " << fmt(perLookup.value(it.key(), std::nan("")) / perLookup.value(sameCallReference(it.key()), std::nan("")), 2)
               << " |\n";
        }
    }

    // The targets.
    mo << "\n#### Targets\n\n| target | measured | verdict |\n|---|---|---|\n";
    auto verdict = [&](const QString &what, double measured, double limit, bool atLeast, const QString &detail) {
        QString result;
        if (std::isnan(measured))
            result = QStringLiteral("not measured");
        else
            result = (atLeast ? measured >= limit : measured <= limit) ? QStringLiteral("**met**")
                                                                      : QStringLiteral("**missed**");
        mo << "| " << what << " | " << fmt(measured, 2) << (detail.isEmpty() ? QString() : QStringLiteral(" (") + detail + u')')
           << " | " << result << " |\n";
    };
    const QString knot = QStringLiteral("knot");
    const int big = 50000;
    // Every target against the raw loop making the same call, as the issue
    // defines them: host lookups vs raw-gai-nosort-100, record queries vs
    // raw-query-100. Each API labelled: QFuture per lookup or one for all N,
    // an AresReply per lookup or the resolver's own signal.
    const QList<std::pair<QString, QString>> targetApis = {
        { QStringLiteral("qares-future"), QStringLiteral("QFuture per lookup") },
        { QStringLiteral("qares-future-batch"), QStringLiteral("one QFuture for all N") },
        { QStringLiteral("qares-signal"), QStringLiteral("signal, AresReply per lookup") },
        { QStringLiteral("qares-resolver-signal"), QStringLiteral("signal, resolver-level, no object per lookup") },
        { QStringLiteral("qares-query-future"), QStringLiteral("QFuture per lookup") },
        { QStringLiteral("qares-query-future-batch"), QStringLiteral("one QFuture for all N") },
        { QStringLiteral("qares-query-signal"), QStringLiteral("signal, AresReply per lookup") },
        { QStringLiteral("qares-query-resolver-signal"), QStringLiteral("signal, resolver-level, no object per lookup") },
    };
    for (const auto &[api, label] : targetApis) {
        const QString same = sameCallReference(api);
        verdict(QStringLiteral("%1 (%2), 50,000 at once, throughput ≥ 0.8× %3").arg(api, label, same),
                get(knot, api, big, QStringLiteral("lookups_per_s")) / get(knot, same, big, QStringLiteral("lookups_per_s")),
                0.8, true, QString());
        verdict(QStringLiteral("%1 (%2), 50,000 at once, CPU per lookup ≤ 1.25× %3").arg(api, label, same),
                get(knot, api, big, QStringLiteral("cpu_ms_per_1000")) / get(knot, same, big, QStringLiteral("cpu_ms_per_1000")),
                1.25, false, QString());
        const double t1 = get(knot, api, 1000, QStringLiteral("wall_s")) / 1000;
        const double t50 = get(knot, api, big, QStringLiteral("wall_s")) / big;
        verdict(QStringLiteral("%1 (%2), time per lookup at 50,000 ≤ 1.2× at 1,000").arg(api, label), t50 / t1, 1.2, false,
                QStringLiteral("%1 vs %2 µs").arg(fmt(t50 * 1e6, 1), fmt(t1 * 1e6, 1)));
        verdict(QStringLiteral("%1 (%2), longest stall with 50,000 submitted ≤ 10 ms (after the submit loop)").arg(api, label),
                get(knot, api, big, QStringLiteral("stall_ms")), 10, false,
                QStringLiteral("incl. the submit loop: %1 ms").arg(fmt(get(knot, api, big, QStringLiteral("stall_incl_submit_ms")), 1)));
    }
    for (const auto &[api, label] : targetApis) {
        const QString same = sameCallReference(api);
        const double limit = api.contains(QLatin1String("signal")) ? 1.3 : 1.8;
        verdict(QStringLiteral("callgrind: %1 (%2) ≤ %3× %4").arg(api, label).arg(limit).arg(same),
                perLookup.value(api, std::nan("")) / perLookup.value(same, std::nan("")), limit, false, QString());
    }
    // Peak RSS with 50,000 submitted against the raw loop with 50,000
    // submitted (one future for all N keeps every result until it is destroyed).
    for (const auto &[api, label] : targetApis) {
        const QString rawAll = api.contains(QLatin1String("query")) ? QStringLiteral("raw-query-all")
                                                                    : QStringLiteral("raw-gai-all");
        verdict(QStringLiteral("%1 (%2), peak RSS at 50,000 ≤ 1.5× %3").arg(api, label, rawAll),
                get(knot, api, big, QStringLiteral("peak_rss_kib")) / get(knot, rawAll, big, QStringLiteral("peak_rss_kib")),
                1.5, false, QString());
    }
    // Against QHostInfo / QDnsLookup: the largest N measured in each scenario, same server.
    struct Versus { QString scenario; QString other; double limit; };
    const QList<Versus> versus = { { QStringLiteral("knot53"), QStringLiteral("qhostinfo"), 7 },
                                   { QStringLiteral("knot53"), QStringLiteral("qdnslookup"), 5 },
                                   { QStringLiteral("fake20ms"), QStringLiteral("qhostinfo"), 10 },
                                   { QStringLiteral("fake20ms"), QStringLiteral("qdnslookup"), 40 } };
    for (const Versus &vs : versus) {
        int n = 0;
        for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
            if (std::get<0>(it.key()) == vs.scenario && std::get<1>(it.key()) == vs.other)
                n = std::max(n, std::get<2>(it.key()));
        }
        // qares-signal-cap300-rcvbuf is not the default configuration: shown for the cap's effect.
        for (const QString &api : { QStringLiteral("qares-future"), QStringLiteral("qares-signal"),
                                    QStringLiteral("qares-future-batch"), QStringLiteral("qares-resolver-signal"),
                                    QStringLiteral("qares-signal-cap300-rcvbuf") }) {
            if (!groups.contains(std::make_tuple(vs.scenario, api, n)))
                continue;
            verdict(QStringLiteral("%1 ≥ %2× %3 (%4, N=%5)").arg(api).arg(vs.limit).arg(vs.other, vs.scenario).arg(n),
                    get(vs.scenario, api, n, QStringLiteral("lookups_per_s"))
                            / get(vs.scenario, vs.other, n, QStringLiteral("lookups_per_s")),
                    vs.limit, true, QString());
        }
    }

    // Chart data: lookups/s against N; knot for QAres and raw c-ares, knot53
    // for QHostInfo and QDnsLookup (the same zone served by a second knotd on port 53).
    QFile chart(outDir + QStringLiteral("/chart.dat"));
    if (!chart.open(QIODevice::WriteOnly | QIODevice::Text))
        return 2;
    QTextStream co(&chart);
    const QStringList chartContenders = { QStringLiteral("qares-future"),  QStringLiteral("qares-signal"),
                                          QStringLiteral("qares-future-batch"), QStringLiteral("qares-resolver-signal"),
                                          QStringLiteral("raw-gai-100"),   QStringLiteral("raw-gai-nosort-100"),
                                          QStringLiteral("raw-gai-all"),   QStringLiteral("raw-query-100"),
                                          QStringLiteral("qhostinfo"),     QStringLiteral("qdnslookup"),
                                          QStringLiteral("qares-query-future"), QStringLiteral("qares-query-signal") };
    QList<int> ns;
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        if ((std::get<0>(it.key()) == knot || std::get<0>(it.key()) == QLatin1String("knot53"))
            && !ns.contains(std::get<2>(it.key())))
            ns << std::get<2>(it.key());
    }
    std::sort(ns.begin(), ns.end());
    co << "N";
    for (const QString &c : chartContenders)
        co << ' ' << c;
    co << "\n";
    for (int n : ns) {
        co << n;
        for (const QString &c : chartContenders) {
            const double v = get(needsPort53(c) ? QStringLiteral("knot53") : knot, c, n, QStringLiteral("lookups_per_s"));
            co << ' ' << (std::isnan(v) ? QStringLiteral("?") : QString::number(v, 'f', 0));
        }
        co << "\n";
    }
    std::printf("wrote %s/medians.csv, summary.md, chart.dat\n", qPrintable(outDir));
    return 0;
}

int writeZone(const QString &path, int n)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return 2;
    QTextStream out(&file);
    out << "$ORIGIN " << Origin << ".\n$TTL 3600\n"
        << "@ SOA ns hostmaster 1 3600 600 86400 60\n@ NS ns\nns A 127.0.0.1\n";
    for (int i = 0; i < n; ++i) {
        out << 'n' << i << " A " << QHostAddress(expectedV4(i)).toString() << "\n"
            << 'n' << i << " AAAA " << expectedV6(i).toString() << "\n";
    }
    return 0;
}

QList<int> parseList(const QString &text)
{
    QList<int> result;
    for (const QString &part : text.split(u',', Qt::SkipEmptyParts))
        result << part.trimmed().toInt();
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    // Child runs parse their arguments before anything else: the QHostInfo
    // and QDnsLookup children must be isolated before glibc reads resolv.conf,
    // and the raw c-ares child runs without a QCoreApplication.
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    auto option = [&](const char *name) -> std::optional<QString> {
        const qsizetype i = args.indexOf(QString::fromLatin1(name));
        if (i < 0)
            return std::nullopt;
        return args.value(i + 1);
    };

    if (const auto contender = option("--contender")) {
        ChildConfig cfg;
        cfg.contender = *contender;
        cfg.n = option("--n").value_or(QStringLiteral("1000")).toInt();
        cfg.server = option("--server").value_or(QString());
        cfg.ns53 = option("--ns53").value_or(QString());
        cfg.maxSeconds = option("--max-seconds").value_or(QStringLiteral("120")).toInt();
        cfg.stallProbe = !args.contains(QStringLiteral("--no-stall-probe"));
        if (!isKnownContender(cfg.contender)) {
            std::fprintf(stderr, "unknown contender %s; known: %s\n", qPrintable(cfg.contender),
                         qPrintable(AllContenders.join(u' ')));
            return 2;
        }
        if (needsPort53(cfg.contender)) {
            // Impossible to reach the machine's nameserver: run only with a private resolv.conf.
            const auto resolvConf = option("--resolv-conf");
            QString why;
            if (!resolvConf || !isolateResolvConf(QFile::encodeName(*resolvConf), &why)) {
                std::fprintf(stderr, "%s: refusing to run: %s\n", qPrintable(cfg.contender),
                             resolvConf ? qPrintable(why) : "no --resolv-conf");
                return 3;
            }
        }
        if (cfg.contender.startsWith(QLatin1String("raw-")))
            return runRaw(cfg);
        QCoreApplication app(argc, argv);
        if (cfg.contender.startsWith(QLatin1String("qares-")))
            return runQAres(cfg);
        if (cfg.contender == QLatin1String("qhostinfo"))
            return runQHostInfo(cfg);
        return runQDnsLookup(cfg);
    }

    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("QAres benchmark; see docs/performance.md"));
    parser.addHelpOption();
    const QCommandLineOption serverOpt(QStringLiteral("server"), QStringLiteral("DNS server ADDR:PORT (loopback)."), QStringLiteral("server"));
    const QCommandLineOption ns53Opt(QStringLiteral("ns53"), QStringLiteral("Loopback address serving on port 53 (QHostInfo, QDnsLookup)."), QStringLiteral("address"));
    const QCommandLineOption fakeOpt(QStringLiteral("fake"), QStringLiteral("Serve from an in-process AresTestServer in its own thread."));
    const QCommandLineOption fakeDelayOpt(QStringLiteral("fake-delay-ms"), QStringLiteral("Delay per fake-server reply."), QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption fakeAddressOpt(QStringLiteral("fake-address"), QStringLiteral("Fake server address."), QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption fakePortOpt(QStringLiteral("fake-port"), QStringLiteral("Fake server port (0: random; 53: also --ns53)."), QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption contendersOpt(QStringLiteral("contenders"), QStringLiteral("Comma-separated: ") + AllContenders.join(u','), QStringLiteral("list"),
                                           QStringLiteral("qares-future,qares-signal,raw-gai-100"));
    const QCommandLineOption nOpt(QStringLiteral("n"), QStringLiteral("Comma-separated name counts."), QStringLiteral("list"), QStringLiteral("1000"));
    const QCommandLineOption repeatOpt(QStringLiteral("repeat"), QStringLiteral("Runs per contender and N."), QStringLiteral("count"), QStringLiteral("1"));
    const QCommandLineOption scenarioOpt(QStringLiteral("scenario"), QStringLiteral("Label for the CSV."), QStringLiteral("name"), QStringLiteral("adhoc"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), QStringLiteral("Append one row per run to this CSV."), QStringLiteral("file"));
    const QCommandLineOption expectOpt(QStringLiteral("expect-no-failures"), QStringLiteral("Exit 1 if any lookup failed."));
    const QCommandLineOption maxSecondsOpt(QStringLiteral("max-seconds"), QStringLiteral("Time limit per run."), QStringLiteral("s"), QStringLiteral("120"));
    const QCommandLineOption noProbeOpt(QStringLiteral("no-stall-probe"), QStringLiteral("No 1 ms stall timer (for callgrind)."));
    const QCommandLineOption zoneOpt(QStringLiteral("write-zone"), QStringLiteral("Write the zone file for --n names and exit."), QStringLiteral("file"));
    const QCommandLineOption summarizeOpt(QStringLiteral("summarize"), QStringLiteral("Summarize a runs CSV."), QStringLiteral("file"));
    const QCommandLineOption callgrindOpt(QStringLiteral("callgrind"), QStringLiteral("Callgrind CSV (contender,n,instructions)."), QStringLiteral("file"));
    const QCommandLineOption outDirOpt(QStringLiteral("out-dir"), QStringLiteral("Where --summarize writes."), QStringLiteral("dir"), QStringLiteral("."));
    parser.addOptions({ serverOpt, ns53Opt, fakeOpt, fakeDelayOpt, fakeAddressOpt, fakePortOpt, contendersOpt, nOpt,
                        repeatOpt, scenarioOpt, csvOpt, expectOpt, maxSecondsOpt, noProbeOpt, zoneOpt, summarizeOpt,
                        callgrindOpt, outDirOpt });
    parser.process(app);

    const QList<int> ns = parseList(parser.value(nOpt));
    if (parser.isSet(zoneOpt))
        return writeZone(parser.value(zoneOpt), ns.value(0));
    if (parser.isSet(summarizeOpt))
        return summarize(parser.value(summarizeOpt), parser.value(callgrindOpt), parser.value(outDirOpt));

    Orchestration o;
    o.ns = ns;
    o.contenders = parser.value(contendersOpt).split(u',', Qt::SkipEmptyParts);
    for (const QString &c : std::as_const(o.contenders)) {
        if (!isKnownContender(c)) {
            std::fprintf(stderr, "unknown contender %s\n", qPrintable(c));
            return 2;
        }
    }
    o.repeat = std::max(1, parser.value(repeatOpt).toInt());
    o.scenario = parser.value(scenarioOpt);
    o.csvPath = parser.value(csvOpt);
    o.expectNoFailures = parser.isSet(expectOpt);
    o.maxSeconds = std::max(5, parser.value(maxSecondsOpt).toInt());
    o.stallProbe = !parser.isSet(noProbeOpt);
    o.ns53 = parser.value(ns53Opt);

    FakeServerThread fake;
    if (parser.isSet(fakeOpt)) {
        const QHostAddress address(parser.value(fakeAddressOpt));
        const auto port = quint16(parser.value(fakePortOpt).toUInt());
        if (!address.isLoopback()) {
            std::fprintf(stderr, "--fake-address must be a loopback address\n");
            return 2;
        }
        QString why;
        const int names = ns.isEmpty() ? 0 : *std::max_element(ns.begin(), ns.end());
        if (!fake.start(names, parser.value(fakeDelayOpt).toInt(), address, port, &why)) {
            std::fprintf(stderr, "fake server: %s\n", qPrintable(why));
            return 2;
        }
        o.server = fake.serverString();
        if (port == 53 && o.ns53.isEmpty())
            o.ns53 = address.toString();
        std::printf("fake server on %s, delay %s ms\n", qPrintable(o.server), qPrintable(parser.value(fakeDelayOpt)));
    } else {
        o.server = parser.value(serverOpt);
        const QHostAddress address(o.server.section(u':', 0, 0));
        if (!address.isLoopback() || o.server.section(u':', 1, 1).toInt() <= 0) {
            std::fprintf(stderr, "--server must be a loopback ADDR:PORT (or use --fake)\n");
            return 2;
        }
    }
    if (!o.ns53.isEmpty() && !QHostAddress(o.ns53).isLoopback()) {
        std::fprintf(stderr, "--ns53 must be a loopback address\n");
        return 2;
    }
    return orchestrate(o);
}
