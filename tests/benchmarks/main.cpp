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
//   qares-benchmark --contender NAME --n N --hold [--hold-ms MS]
//       Memory per pending lookup: the N lookups go to a loopback socket that
//       never answers; prints "MEMORY ... bytes_per_pending=B".
//   qares-benchmark --contender NAME --n BATCH --server ADDR:PORT --soak TOTAL [--soak-every K]
//       TOTAL lookups in batches of BATCH in one process, RSS and open
//       descriptors every K; "SOAKRESULT ... flat=yes|no".
//   qares-benchmark --summarize RUNS.csv [--callgrind CG.csv] [--memory MEM.csv]
//                   [--soak-csv SOAK.csv] [--ref-gai C] [--ref-query C] --out-dir DIR
//       Medians and spreads, per-round ratios to the fastest raw loop, one
//       table per server set-up, the targets, chart data.
//   Raw contenders: see parseRawContender() (raw-gai-fast-…, raw-query-fast-…).
//   --cache: QAres contenders run with the resolver's TTL cache on (off otherwise).
//   qares-benchmark --cache-bench [--n N]
//       The TTL cache on its own, against the in-process test server: the
//       queries sent for 50,000 lookups of 100 names (coalescing and hits),
//       then N (default 1,000,000) lookups answered from the cache, per second
//       on this core; "CACHE ..." lines.

#include <aresresolver.h>
#include <arestestserver.h>

#include <QtCore/qcommandlineparser.h>
#include <QtCore/qcoreapplication.h>
#include <QtCore/qdir.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qmap.h>
#include <QtCore/qprocess.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qscopeguard.h>
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
#include <sys/socket.h>
#include <dirent.h>
#include <poll.h>
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
    bool hold = false; // --hold: a server that never answers; print memory per pending lookup
    int holdMs = 500; // how long the lookups are held before RSS is read
    qint64 soakTotal = 0; // --soak TOTAL: lookups in batches of n, RSS and descriptors reported
    qint64 soakEvery = 1000000;
    bool cache = false; // --cache: QAres contenders keep the resolver's TTL cache on (default off)
};

/*! Submit and completion times, failures, and the 1 ms stall probe's findings. */
struct Tracker
{
    explicit Tracker(int n) : submitNs(size_t(n), 0), doneNs(size_t(n), 0) { }

    void submitted(int i) { submitNs[size_t(i)] = nowNs(); }
    //! After a submit call returned: the longest single call (lookupHosts(N) is one call).
    void submitReturned(qint64 callStartNs)
    {
        maxSubmitCallNs = std::max(maxSubmitCallNs, nowNs() - callStartNs);
    }
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

    /*!
        The stall probe: a 1 ms timer (Qt::PreciseTimer; the raw loop has the
        same in its epoll loop) noting how late each tick came. A tick is
        late by as long as the event loop ran without getting back to its
        timers: the longest lateness is the longest event-loop turn (plus
        any preemption of the process). Ticks after the submit loop are kept
        for the p99; "incl. submit" also counts the tick that waited for
        the submit loop.
    */
    void tick(qint64 now)
    {
        if (lastTickNs != 0) {
            const qint64 late = std::max<qint64>(0, now - lastTickNs - 1000000);
            if (submitEndNs != 0 && lastTickNs >= submitEndNs) {
                maxStallNs = std::max(maxStallNs, late);
                lateNs.push_back(late);
            }
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
    qint64 maxSubmitCallNs = 0;
    std::vector<qint64> lateNs;
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
    std::sort(t.lateNs.begin(), t.lateNs.end());
    const double stallP99 = t.lateNs.empty()
            ? 0
            : double(t.lateNs[std::min(t.lateNs.size() - 1,
                                       size_t(0.99 * double(t.lateNs.size())))])
                    / 1e6;
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
        << " submit_ms=" << QString::number(double(t.submitEndNs - t.startNs) / 1e6, 'f', 2)
        << " submit_call_max_ms=" << QString::number(double(t.maxSubmitCallNs) / 1e6, 'f', 3)
        << " stall_p99_ms=" << QString::number(stallP99, 'f', 3) << " ticks=" << t.lateNs.size()
        << "\n";
    out.flush();
    if (!t.firstFailure.isEmpty() || missing > 0) {
        std::fprintf(stderr, "%s: %d failed, %d missing; first failure: %s\n",
                     qPrintable(cfg.contender), t.failures, missing,
                     t.firstFailure.isEmpty() ? "(none answered wrongly)"
                                              : qPrintable(t.firstFailure));
    }
    return 0;
}

/*!
    --hold: a loopback UDP socket that is never read, as the "server": every
    query stays pending (c-ares's first try times out only after 2 s), and
    what the pending lookups hold is read from RSS.
*/
struct HoldSocket
{
    ~HoldSocket()
    {
        if (fd >= 0)
            close(fd);
    }
    bool open(QString *server)
    {
        fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in address = {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (fd < 0 || bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
            || getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
            std::fprintf(stderr, "hold socket: %s\n", strerror(errno));
            return false;
        }
        *server = QStringLiteral("127.0.0.1:%1").arg(ntohs(address.sin_port));
        return true;
    }
    int fd = -1;
};

//! Open descriptors of this process (entries of /proc/self/fd, the directory's own excluded).
int openDescriptors()
{
    DIR *dir = opendir("/proc/self/fd");
    if (!dir)
        return -1;
    int count = 0;
    while (const dirent *entry = readdir(dir)) {
        if (entry->d_name[0] != '.')
            ++count;
    }
    closedir(dir);
    return count - 1;
}

/*!
    --hold: (RSS with the N lookups pending − RSS before the first submit) / N.
    Nothing may have been answered (the server never answers).
*/
int printMemory(const ChildConfig &cfg, const Tracker &t)
{
    const qint64 held = currentRssKiB();
    const double perLookup = cfg.n > 0 ? double(held - t.rssBeforeKiB) * 1024 / cfg.n : 0;
    std::printf(
            "MEMORY contender=%s n=%d rss_before_kib=%lld rss_held_kib=%lld bytes_per_pending=%.0f "
            "completed=%d hold_ms=%d\n",
            qPrintable(cfg.contender), cfg.n, static_cast<long long>(t.rssBeforeKiB),
            static_cast<long long>(held), perLookup, t.completed, cfg.holdMs);
    std::fflush(stdout);
    return t.completed == 0 ? 0 : 1;
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
    //! After the submit loop: runs the event loop until every lookup ended (or the limit), then
    //! stops the measurement.
    void wait()
    {
        t.submitEndNs = nowNs();
        if (cfg.hold) {
            // Held: run the loop (the window reaches c-ares) without waiting for answers.
            QTimer::singleShot(std::chrono::milliseconds(cfg.holdMs), &loop, &QEventLoop::quit);
            loop.exec();
        } else if (t.completed < cfg.n) {
            loop.exec();
        }
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
    const bool resolverSignal = cfg.contender.startsWith(
            QLatin1String(recordApi ? "qares-query-resolver-signal" : "qares-resolver-signal"));
    const bool signalApi = cfg.contender.startsWith(
            QLatin1String(recordApi ? "qares-query-signal" : "qares-signal"));
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
    QString server = cfg.server;
    HoldSocket hold;
    if (cfg.hold && !hold.open(&server))
        return 2;
    if (!options.setServers(QStringList{ server }, &error)) {
        std::fprintf(stderr, "bad server %s: %s\n", qPrintable(server), qPrintable(error));
        return 2;
    }
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    // The wire path is what is measured (a soak repeats its names): no cache unless --cache.
    options.setCacheEnabled(cfg.cache);
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
        if (const AresResolver *r = resolver.get()) // null while the resolver is destroyed (--hold)
            maxWindow = std::max(maxWindow, r->queryWindow());
        QString why;
        const bool ok = checkAres(info, i, &why);
        t.done(i, ok, why);
        if (next < cfg.n)
            submitNext();
        if (t.completed == cfg.n)
            loop.quit();
    };
    auto onRecords = [&](int i, const AresRecordSet &set) {
        if (const AresResolver *r = resolver.get()) // null while the resolver is destroyed (--hold)
            maxWindow = std::max(maxWindow, r->queryWindow());
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
        QObject::connect(resolver.get(), &AresResolver::queryFinished, &context,
                         [&](const AresRecordSet &set) {
                             if (const int i = indexFor(set.lookupId()); i >= 0)
                                 onRecords(i, set);
                         });
    } else if (resolverSignal) {
        QObject::connect(resolver.get(), &AresResolver::hostLookupFinished, &context,
                         [&](const AresHostInfo &info) {
                             if (const int i = indexFor(info.lookupId()); i >= 0)
                                 onDone(i, info);
                         });
    }
    submitNext = [&] {
        const int i = next++;
        t.submitted(i);
        const qint64 callStart = t.submitNs[size_t(i)];
        auto returned = qScopeGuard([&] { t.submitReturned(callStart); });
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
                    .then(&context,
                          [&onRecords, i](const AresRecordSet &set) { onRecords(i, set); });
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
        const qint64 callStart = nowNs();
        auto returned = qScopeGuard([&] { t.submitReturned(callStart); });
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
            resolver->queryNames(names, AresRecord::A)
                    .then(&context, [checkAll, &onRecords](const QFuture<AresRecordSet> &all) {
                        checkAll(all, onRecords);
                    });
        } else {
            resolver->lookupHosts(names, AresResolver::IPv4Family)
                    .then(&context, [checkAll, &onDone](const QFuture<AresHostInfo> &all) {
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
    const int status = cfg.hold ? printMemory(cfg, t) : printResult(cfg, t);
    // Diagnostic (stderr): the in-flight window the resolver adapted to.
    std::fprintf(stderr, "qares window: end %d, max %d, cap %d\n", resolver->queryWindow(),
                 maxWindow, options.maxQueriesInFlight());
    resolver.reset();
    return status;
}

// --- soak: many lookups in one process -----------------------------------------

/*!
    --soak TOTAL: TOTAL lookups through one resolver in batches of n (all n
    submitted, the next batch when the last one finished), every answer
    checked. Prints "SOAK done=… rss_kib=… fds=…" every --soak-every lookups
    and a "SOAKRESULT" line: RSS and descriptors after the first report (the
    warm-up) must stay within ±1 MiB and unchanged for "flat=yes". The
    figures are reported, not asserted (exit status 0 unless lookups failed).
*/
int runSoak(const ChildConfig &cfg)
{
    const bool recordApi = cfg.contender.startsWith(QLatin1String("qares-query-"));
    const bool batchApi = cfg.contender.endsWith(QLatin1String("-batch"));
    if (!batchApi && !cfg.contender.endsWith(QLatin1String("resolver-signal"))) {
        std::fprintf(stderr,
                     "--soak runs qares-[query-]resolver-signal or qares-[query-]future-batch\n");
        return 2;
    }
    AresOptions options;
    QString error;
    if (!options.setServers(QStringList{ cfg.server }, &error)) {
        std::fprintf(stderr, "bad server %s: %s\n", qPrintable(cfg.server), qPrintable(error));
        return 2;
    }
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    // The wire path is what is measured (a soak repeats its names): no cache unless --cache.
    options.setCacheEnabled(cfg.cache);
    auto resolver = std::make_unique<AresResolver>(options);
    QStringList names;
    for (int i = 0; i < cfg.n; ++i)
        names.append(QString::fromLatin1(hostName(i)));

    QEventLoop loop;
    QObject context;
    qint64 done = 0;
    qint64 failures = 0;
    int batchDone = 0;
    int firstId = 0;
    std::vector<char> seen(size_t(cfg.n), 0);
    QString firstFailure;
    struct Report
    {
        qint64 done;
        qint64 rssKiB;
        int fds;
    };
    std::vector<Report> reports;
    const qint64 startNs = nowNs();
    const double cpuStart = cpuSeconds();
    qint64 lastReportNs = startNs;
    qint64 lastReportDone = 0;
    std::function<void()> submitBatch;

    auto result = [&](int i, bool ok, const QString &why) {
        if (i < 0 || i >= cfg.n || seen[size_t(i)]) {
            ++failures; // unknown or twice
            return;
        }
        seen[size_t(i)] = 1;
        if (!ok) {
            ++failures;
            if (firstFailure.isEmpty())
                firstFailure = why;
        }
        if (++batchDone < cfg.n)
            return;
        done += cfg.n;
        if (done / cfg.soakEvery != (done - cfg.n) / cfg.soakEvery || done >= cfg.soakTotal) {
            const qint64 now = nowNs();
            reports.push_back({ done, currentRssKiB(), openDescriptors() });
            std::printf("SOAK contender=%s done=%lld rss_kib=%lld fds=%d failures=%lld "
                        "lookups_per_s=%.0f\n",
                        qPrintable(cfg.contender), static_cast<long long>(done),
                        static_cast<long long>(reports.back().rssKiB), reports.back().fds,
                        static_cast<long long>(failures),
                        double(done - lastReportDone) * 1e9
                                / double(std::max<qint64>(1, now - lastReportNs)));
            std::fflush(stdout);
            lastReportNs = now;
            lastReportDone = done;
        }
        if (done >= cfg.soakTotal || nowNs() - startNs > qint64(cfg.maxSeconds) * 1000000000)
            loop.quit();
        else // the next batch from the event loop, not from inside this delivery
            QMetaObject::invokeMethod(
                    &context, [&] { submitBatch(); }, Qt::QueuedConnection);
    };
    if (!batchApi && recordApi) {
        QObject::connect(resolver.get(), &AresResolver::queryFinished, &context,
                         [&](const AresRecordSet &set) {
                             const int i = set.lookupId() - firstId;
                             QString why;
                             const bool ok = i >= 0 && i < cfg.n && checkRecords(set, i, &why);
                             result(i, ok, why);
                         });
    } else if (!batchApi) {
        QObject::connect(resolver.get(), &AresResolver::hostLookupFinished, &context,
                         [&](const AresHostInfo &info) {
                             const int i = info.lookupId() - firstId;
                             QString why;
                             const bool ok = i >= 0 && i < cfg.n && checkAres(info, i, &why);
                             result(i, ok, why);
                         });
    }
    submitBatch = [&] {
        batchDone = 0;
        std::fill(seen.begin(), seen.end(), 0);
        if (batchApi && recordApi) {
            resolver->queryNames(names, AresRecord::A)
                    .then(&context, [&](const QFuture<AresRecordSet> &all) {
                        const auto sets = all.results();
                        for (int i = 0; i < cfg.n; ++i) {
                            QString why = QStringLiteral("no result");
                            result(i, i < sets.size() && checkRecords(sets.at(i), i, &why), why);
                        }
                    });
        } else if (batchApi) {
            resolver->lookupHosts(names, AresResolver::IPv4Family)
                    .then(&context, [&](const QFuture<AresHostInfo> &all) {
                        const auto infos = all.results();
                        for (int i = 0; i < cfg.n; ++i) {
                            QString why = QStringLiteral("no result");
                            result(i, i < infos.size() && checkAres(infos.at(i), i, &why), why);
                        }
                    });
        } else {
            for (int i = 0; i < cfg.n; ++i) {
                const int id = recordApi
                        ? resolver->submitQuery(names.at(i), AresRecord::A)
                        : resolver->submitHostLookup(names.at(i), AresResolver::IPv4Family);
                if (i == 0)
                    firstId = id;
            }
        }
    };
    QTimer::singleShot(std::chrono::seconds(cfg.maxSeconds + 30), &loop, &QEventLoop::quit);
    submitBatch();
    loop.exec();
    const double cpu = cpuSeconds() - cpuStart;
    const double wall = double(nowNs() - startNs) / 1e9;
    // After the warm-up (the first report): the spread of RSS and descriptors.
    qint64 rssMin = Infinity, rssMax = 0;
    int fdsMin = std::numeric_limits<int>::max(), fdsMax = 0;
    for (size_t k = 1; k < reports.size(); ++k) {
        rssMin = std::min(rssMin, reports[k].rssKiB);
        rssMax = std::max(rssMax, reports[k].rssKiB);
        fdsMin = std::min(fdsMin, reports[k].fds);
        fdsMax = std::max(fdsMax, reports[k].fds);
    }
    const bool enough = reports.size() >= 3 && done >= cfg.soakTotal;
    const bool flat = enough && rssMax - rssMin <= 1024 && fdsMax == fdsMin;
    std::printf(
            "SOAKRESULT contender=%s done=%lld batch=%d failures=%lld wall_s=%.1f "
            "lookups_per_s=%.0f "
            "cpu_ms_per_1000=%.2f rss_kib_after_warmup=%lld-%lld fds_after_warmup=%d-%d flat=%s\n",
            qPrintable(cfg.contender), static_cast<long long>(done), cfg.n,
            static_cast<long long>(failures), wall, double(done) / std::max(wall, 1e-9),
            done > 0 ? cpu * 1e6 / double(done) : 0.0, static_cast<long long>(enough ? rssMin : 0),
            static_cast<long long>(rssMax), enough ? fdsMin : 0, fdsMax,
            enough ? (flat ? "yes" : "no") : "not-enough-reports");
    if (!firstFailure.isEmpty())
        std::fprintf(stderr, "soak: first failure: %s\n", qPrintable(firstFailure));
    return failures == 0 && done >= cfg.soakTotal ? 0 : 1;
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
    What a raw contender's name says. The reference of every "× raw" figure
    is the fastest of these loops for the same call ("raw-gai-fast-…",
    "raw-query-fast-…"; run-benchmarks.sh picks the fastest variant of the
    machine at the start of a full run):

      raw-gai-fast[-D|-all][-poll][-rcvbuf]    ares_getaddrinfo(AF_INET), plain
                                               hints plus ARES_AI_NOSORT
      raw-query-fast[-D|-all][-poll][-rcvbuf]  ares_query(A) + parse (1.18:
                                               ares_parse_a_reply; 1.28+:
                                               ares_query_dnsrec, the record)
      D       queries in flight, the next submitted from the callback (default
              100); "all": all N submitted at once
      -poll   poll() every turn over the sockets sock_state_cb reported,
              instead of epoll kept by sock_state_cb
      -rcvbuf a 1 MiB socket receive buffer (ARES_OPT_SOCK_RCVBUF, as QAres's
              default)

    The older names stay for comparison with earlier runs: raw-gai-100 /
    raw-gai-all (QAres's hints: ARES_AI_CANONNAME | ARES_AI_ENVHOSTS),
    raw-gai-nosort-100 (the same plus ARES_AI_NOSORT), raw-query-100 /
    raw-query-all.
*/
struct RawSpec
{
    bool query = false;
    int hintFlags = 0;
    int depth = 100; // 0: all N at once
    bool poll = false;
    bool rcvbuf = false;
};

std::optional<RawSpec> parseRawContender(const QString &name)
{
    static const QRegularExpression legacy(
            QStringLiteral("^raw-(gai|gai-nosort|query)-(100|all)$"));
    static const QRegularExpression fast(
            QStringLiteral("^raw-(gai|query)-fast(?:-([0-9]+|all))?(-poll)?(-rcvbuf)?$"));
    RawSpec spec;
    if (const auto m = legacy.match(name); m.hasMatch()) {
        spec.query = m.captured(1) == QLatin1String("query");
        if (!spec.query)
            spec.hintFlags = ARES_AI_CANONNAME | ARES_AI_ENVHOSTS
                    | (m.captured(1) == QLatin1String("gai-nosort") ? ARES_AI_NOSORT : 0);
        spec.depth = m.captured(2) == QLatin1String("all") ? 0 : 100;
        return spec;
    }
    if (const auto m = fast.match(name); m.hasMatch()) {
        spec.query = m.captured(1) == QLatin1String("query");
        spec.hintFlags = spec.query ? 0 : ARES_AI_NOSORT;
        const QString depth = m.captured(2);
        spec.depth = depth.isEmpty() ? 100 : depth == QLatin1String("all") ? 0 : depth.toInt();
        if (!depth.isEmpty() && depth != QLatin1String("all") && spec.depth <= 0)
            return std::nullopt;
        spec.poll = !m.captured(3).isEmpty();
        spec.rcvbuf = !m.captured(4).isEmpty();
        return spec;
    }
    return std::nullopt;
}

/*!
    A minimal loop over c-ares: epoll kept by sock_state_cb and
    ares_process_fd() per ready descriptor (or, "-poll", poll() every turn
    over the set sock_state_cb keeps; not ares_getsock(), which 1.34
    deprecates). Like QAres it calls ares_timeout()
    (O(queries in flight) in 1.18) only when the timeout it last computed has
    passed, and each submit pulls that deadline in to now + the first-try
    timeout. Same channel options as QAres with the benchmark's options
    (timeout 2 s, 2 tries, lookups "b", no search domains, explicit server, no
    query cache), no socket hooks. Every answer is checked (exactly one A
    record, the expected address); an error, a wrong answer, a second answer
    or none is a failure.
*/
struct RawLoop
{
    RawSpec spec;
    ares_channel channel = nullptr;
    int epollFd = -1;
    std::vector<char> watched = std::vector<char>(65536, 0);
    std::vector<pollfd> pollSet; // "-poll": the sockets sock_state_cb reported
    Tracker *tracker = nullptr;
    std::vector<QByteArray> names;
    int next = 0;
    int n = 0;
    qint64 aresDeadlineNs = Infinity;
    static constexpr int TimeoutMs = 2000;
};
RawLoop *rawLoop = nullptr;

void rawSocketState(void *data, ares_socket_t fd, int readable, int writable)
{
    auto *loop = static_cast<RawLoop *>(data);
    if (loop->spec.poll) {
        auto it = std::find_if(loop->pollSet.begin(), loop->pollSet.end(),
                               [fd](const pollfd &p) { return p.fd == fd; });
        if (!readable && !writable) {
            if (it != loop->pollSet.end())
                loop->pollSet.erase(it);
            return;
        }
        const short events = short((readable ? POLLIN : 0) | (writable ? POLLOUT : 0));
        if (it == loop->pollSet.end())
            loop->pollSet.push_back(pollfd{ fd, events, 0 });
        else
            it->events = events;
        return;
    }
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
    }
    if (info)
        ares_freeaddrinfo(info);
    // The reason is only made for a failure (a QString per lookup would be
    // the loop's own cost, not c-ares's).
    if (ok)
        rawDone(i, true, QString());
    else
        rawDone(i, false,
                status == ARES_SUCCESS ? QStringLiteral("wrong answer")
                                       : QString::fromLatin1(ares_strerror(status)));
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
    if (ok) {
        const ares_dns_rr_t *rr = ares_dns_record_rr_cnt(reply, ARES_SECTION_ANSWER) == 1
                ? ares_dns_record_rr_get_const(reply, ARES_SECTION_ANSWER, 0)
                : nullptr;
        const in_addr *address = rr && ares_dns_rr_get_type(rr) == ARES_REC_TYPE_A
                ? ares_dns_rr_get_addr(rr, ARES_RR_A_ADDR)
                : nullptr;
        ok = address && address->s_addr == htonl(expectedV4(i));
    }
    if (ok)
        rawDone(i, true, QString());
    else
        rawDone(i, false,
                status == ARES_SUCCESS ? QStringLiteral("wrong answer")
                                       : QString::fromLatin1(ares_strerror(int(status))));
}
#else
void rawQueryCallback(void *arg, int status, int, unsigned char *answer, int length)
{
    if (status == ARES_EDESTRUCTION)
        return;
    const int i = int(reinterpret_cast<intptr_t>(arg));
    bool ok = status == ARES_SUCCESS;
    if (ok) {
        ares_addrttl ttls[4];
        int count = 4;
        // ares_parse_a_reply() without a hostent: the addresses only, what
        // the check needs (a hostent costs c-ares's allocations, not the call's).
        ok = ares_parse_a_reply(answer, length, nullptr, ttls, &count) == ARES_SUCCESS && count == 1
                && ttls[0].ipaddr.s_addr == htonl(expectedV4(i));
    }
    if (ok)
        rawDone(i, true, QString());
    else
        rawDone(i, false,
                status == ARES_SUCCESS ? QStringLiteral("wrong answer")
                                       : QString::fromLatin1(ares_strerror(status)));
}
#endif

void rawSubmitNext()
{
    RawLoop &loop = *rawLoop;
    const int i = loop.next++;
    loop.tracker->submitted(i);
    void *arg = reinterpret_cast<void *>(intptr_t(i));
    if (loop.spec.query) {
#if ARES_VERSION >= 0x011c00
        ares_query_dnsrec(loop.channel, loop.names[size_t(i)].constData(), ARES_CLASS_IN,
                          ARES_REC_TYPE_A, rawQueryCallback, arg, nullptr);
#else
        ares_query(loop.channel, loop.names[size_t(i)].constData(), ns_c_in, ns_t_a,
                   rawQueryCallback, arg);
#endif
    } else {
        ares_addrinfo_hints hints = {};
        hints.ai_family = AF_INET;
        hints.ai_flags = loop.spec.hintFlags;
        ares_getaddrinfo(loop.channel, loop.names[size_t(i)].constData(), nullptr, &hints,
                         rawAddrInfoCallback, arg);
    }
    loop.aresDeadlineNs =
            std::min(loop.aresDeadlineNs, nowNs() + qint64(RawLoop::TimeoutMs) * 1000000);
    loop.tracker->submitReturned(loop.tracker->submitNs[size_t(i)]);
}

int runRaw(const ChildConfig &cfg)
{
    const auto spec = parseRawContender(cfg.contender);
    if (!spec)
        return 2;
    QString server = cfg.server;
    HoldSocket hold;
    if (cfg.hold && !hold.open(&server))
        return 2;
    const QHostAddress serverAddress(server.section(u':', 0, 0));
    const int port = server.section(u':', 1, 1).toInt();
    if (serverAddress.protocol() != QAbstractSocket::IPv4Protocol || port <= 0) {
        std::fprintf(stderr, "raw contenders need --server IPv4:PORT\n");
        return 2;
    }
    ares_library_init(ARES_LIB_INIT_ALL);
    RawLoop loop;
    rawLoop = &loop;
    loop.spec = *spec;
    const int window = spec->depth == 0 ? cfg.n : spec->depth;
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
    int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_LOOKUPS
            | ARES_OPT_DOMAINS | ARES_OPT_NOROTATE;
    options.sock_state_cb = rawSocketState;
    options.sock_state_cb_data = &loop;
    mask |= ARES_OPT_SOCK_STATE_CB;
    if (spec->rcvbuf) {
        options.socket_receive_buffer_size = 1 << 20;
        mask |= ARES_OPT_SOCK_RCVBUF;
    }
#if ARES_VERSION >= 0x011700
    // As QAres: no query cache (every name is new here; it would only cost inserts).
    options.qcache_max_ttl = 0;
    mask |= ARES_OPT_QUERY_CACHE;
#endif
    if (ares_init_options(&loop.channel, &options, mask) != ARES_SUCCESS) {
        std::fprintf(stderr, "ares_init_options failed\n");
        return 2;
    }
    if (ares_set_servers_ports_csv(loop.channel, server.toLatin1().constData()) != ARES_SUCCESS) {
        std::fprintf(stderr, "ares_set_servers_ports_csv failed\n");
        return 2;
    }

    Tracker t(cfg.n);
    loop.tracker = &t;
    const qint64 hardDeadline = nowNs() + qint64(cfg.maxSeconds) * 1000000000;
    qint64 nextTick = Infinity;
    qint64 holdEnd = Infinity; // --hold: set after the submits

    begin(t);
    if (cfg.stallProbe) {
        t.tick(nowNs());
        nextTick = t.lastTickNs + 1000000;
    }
    while (loop.next < std::min(window, cfg.n))
        rawSubmitNext();
    t.submitEndNs = nowNs();
    if (cfg.hold)
        holdEnd = t.submitEndNs + qint64(cfg.holdMs) * 1000000;

    epoll_event events[64];
    pollfd pollFds[16];
    while (t.completed < cfg.n) {
        qint64 now = nowNs();
        if (now > hardDeadline || (cfg.hold && now >= holdEnd))
            break;
        // epoll_wait(), not epoll_pwait2(): valgrind 3.19 does not know the latter.
        const qint64 wake =
                std::min({ loop.aresDeadlineNs, nextTick, cfg.hold ? holdEnd : Infinity });
        const int timeoutMs = wake == Infinity
                ? -1
                : int(std::min<qint64>((std::max<qint64>(0, wake - now) + 999999) / 1000000,
                                       1000000));
        if (spec->poll) {
            // A copy: ares_process_fd() below changes the set.
            nfds_t count = 0;
            for (const pollfd &p : loop.pollSet) {
                if (count == nfds_t(std::size(pollFds)))
                    break;
                pollFds[count] = p;
                pollFds[count].revents = 0;
                ++count;
            }
            const int ready = ::poll(pollFds, count, timeoutMs);
            for (nfds_t k = 0; ready > 0 && k < count; ++k) {
                const short e = pollFds[k].revents;
                if (!e)
                    continue;
                const bool error = e & (POLLERR | POLLHUP | POLLNVAL);
                ares_process_fd(loop.channel,
                                (e & POLLIN) || error ? pollFds[k].fd : ARES_SOCKET_BAD,
                                (e & POLLOUT) || error ? pollFds[k].fd : ARES_SOCKET_BAD);
            }
        } else {
            const int ready = epoll_wait(loop.epollFd, events, 64, timeoutMs);
            for (int k = 0; k < ready; ++k) {
                const int fd = events[k].data.fd;
                const uint32_t e = events[k].events;
                const bool error = e & (EPOLLERR | EPOLLHUP);
                ares_process_fd(loop.channel, (e & EPOLLIN) || error ? fd : ARES_SOCKET_BAD,
                                (e & EPOLLOUT) || error ? fd : ARES_SOCKET_BAD);
            }
        }
        now = nowNs();
        if (now >= loop.aresDeadlineNs) {
            ares_process_fd(loop.channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
            timeval tv;
            if (ares_timeout(loop.channel, nullptr, &tv))
                loop.aresDeadlineNs =
                        nowNs() + qint64(tv.tv_sec) * 1000000000 + qint64(tv.tv_usec) * 1000;
            else
                loop.aresDeadlineNs = Infinity;
        }
        if (cfg.stallProbe && now >= nextTick) {
            t.tick(now);
            nextTick = now + 1000000;
        }
    }
    end(t);
    const int status = cfg.hold ? printMemory(cfg, t) : printResult(cfg, t);
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
        *why = QStringLiteral("unshare(CLONE_NEWNS): %1")
                       .arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
        *why = QStringLiteral("making / private: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (mount(resolvConf.constData(), "/etc/resolv.conf", nullptr, MS_BIND, nullptr) != 0) {
        *why = QStringLiteral("bind-mounting %1 over /etc/resolv.conf: %2")
                       .arg(QString::fromLocal8Bit(resolvConf),
                            QString::fromLocal8Bit(strerror(errno)));
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
    QStringLiteral("qares-future"),
    QStringLiteral("qares-signal"),
    QStringLiteral("qares-future-100"),
    QStringLiteral("qares-future-batch"),
    QStringLiteral("qares-query-future-batch"),
    QStringLiteral("qares-signal-100"),
    QStringLiteral("raw-gai-100"),
    QStringLiteral("raw-gai-all"),
    QStringLiteral("raw-query-100"),
    QStringLiteral("raw-query-all"),
    QStringLiteral("qhostinfo"),
    QStringLiteral("qdnslookup"),
    QStringLiteral("raw-gai-nosort-100"),
    QStringLiteral("qares-query-future"),
    QStringLiteral("qares-query-signal"),
    QStringLiteral("qares-query-future-100"),
    QStringLiteral("qares-query-signal-100"),
    QStringLiteral("qares-resolver-signal"),
    QStringLiteral("qares-query-resolver-signal"),
};

// Also "qares-future-capN" / "qares-signal-capN": a fixed cap of N (maxQueriesInFlight N,
// adaptiveQueryWindow off) instead of the default, and "...-capN-rcvbuf": with a 1 MiB socket
// receive buffer too.
bool isKnownContender(const QString &contender)
{
    if (AllContenders.contains(contender) || parseRawContender(contender))
        return true;
    static const QRegularExpression capped(
            QStringLiteral("^qares-(future|signal)-cap[0-9]+(-rcvbuf)?$"));
    return capped.match(contender).hasMatch();
}

bool needsPort53(const QString &contender)
{
    return contender == QLatin1String("qhostinfo") || contender == QLatin1String("qdnslookup");
}

const QStringList CsvColumns = {
    QStringLiteral("scenario"),
    QStringLiteral("contender"),
    QStringLiteral("n"),
    QStringLiteral("run"),
    QStringLiteral("wall_s"),
    QStringLiteral("lookups_per_s"),
    QStringLiteral("cpu_ms_per_1000"),
    QStringLiteral("peak_rss_kib"),
    QStringLiteral("rss_before_kib"),
    QStringLiteral("p50_ms"),
    QStringLiteral("p99_ms"),
    QStringLiteral("failures"),
    QStringLiteral("completed"),
    QStringLiteral("stall_ms"),
    QStringLiteral("stall_incl_submit_ms"),
    QStringLiteral("submit_ms"),
    QStringLiteral("udp_rcvbuf_errors"),
    QStringLiteral("submit_call_max_ms"),
    QStringLiteral("stall_p99_ms"),
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
        QMetaObject::invokeMethod(
                m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
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
                    args << QStringLiteral("--ns53") << o.ns53 << QStringLiteral("--resolv-conf")
                         << resolvConf;
                const qint64 dropsBefore = udpReceiveBufferErrors();
                QProcess child;
                child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
                child.start(QCoreApplication::applicationFilePath(), args);
                if (!child.waitForFinished((o.maxSeconds + 30) * 1000)) {
                    child.kill();
                    child.waitForFinished(5000);
                    std::printf("ERROR contender=%s n=%d: child did not finish\n",
                                qPrintable(contender), n);
                    ++problems;
                    continue;
                }
                QByteArray result;
                for (const QByteArray &line : child.readAllStandardOutput().split('\n')) {
                    if (line.startsWith("RESULT "))
                        result = line;
                }
                if (result.isEmpty() || child.exitCode() != 0) {
                    std::printf("ERROR contender=%s n=%d: no result (exit code %d)\n",
                                qPrintable(contender), n, child.exitCode());
                    ++problems;
                    continue;
                }
                const qint64 drops = dropsBefore < 0 ? -1 : udpReceiveBufferErrors() - dropsBefore;
                result += " udp_rcvbuf_errors=" + QByteArray::number(drops);
                std::printf("%s scenario=%s run=%d\n", result.constData(), qPrintable(o.scenario),
                            run);
                std::fflush(stdout);
                QMap<QString, QString> fields;
                for (const QByteArray &field : result.mid(7).split(' ')) {
                    const qsizetype eq = field.indexOf('=');
                    if (eq > 0)
                        fields.insert(QString::fromLatin1(field.left(eq)),
                                      QString::fromLatin1(field.mid(eq + 1)));
                }
                fields.insert(QStringLiteral("scenario"), o.scenario);
                fields.insert(QStringLiteral("run"), QString::number(run));
                if (o.expectNoFailures
                    && fields.value(QStringLiteral("failures")) != QLatin1String("0"))
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
// Summary: medians and spreads, per-round ratios to the fastest raw loop,
// the table per server set-up, targets, chart data.

double median(std::vector<double> v)
{
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

//! min and max of the values that are numbers
std::pair<double, double> range(const std::vector<double> &v)
{
    double lo = std::nan(""), hi = std::nan("");
    for (double x : v) {
        if (std::isnan(x))
            continue;
        lo = std::isnan(lo) ? x : std::min(lo, x);
        hi = std::isnan(hi) ? x : std::max(hi, x);
    }
    return { lo, hi };
}

QString fmt(double v, int decimals = 1)
{
    return std::isnan(v) ? QStringLiteral("–") : QString::number(v, 'f', decimals);
}

//! "median (min–max)"
QString spread(const std::vector<double> &v, int decimals)
{
    const auto [lo, hi] = range(v);
    if (std::isnan(lo))
        return QStringLiteral("–");
    if (v.size() == 1)
        return fmt(v.front(), decimals);
    return QStringLiteral("%1 (%2–%3)")
            .arg(fmt(median(v), decimals), fmt(lo, decimals), fmt(hi, decimals));
}

QMap<QString, QString> readCsvMap(const QByteArray &headerLine, const QByteArray &line)
{
    const QList<QByteArray> header = headerLine.split(',');
    const QList<QByteArray> cells = line.split(',');
    QMap<QString, QString> row;
    if (cells.size() != header.size())
        return row;
    for (qsizetype c = 0; c < header.size(); ++c)
        row.insert(QString::fromLatin1(header.at(c)), QString::fromLatin1(cells.at(c)));
    return row;
}

QList<QMap<QString, QString>> readCsv(const QString &path)
{
    QList<QMap<QString, QString>> rows;
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly | QIODevice::Text))
        return rows;
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (qsizetype l = 1; l < lines.size(); ++l) {
        auto row = readCsvMap(lines.value(0), lines.at(l));
        if (!row.isEmpty())
            rows << row;
    }
    return rows;
}

struct SummaryInput
{
    QString runs; // runs.csv (the orchestrator's)
    QString callgrind; // contender,n,instructions
    // contender,n,bytes_per_pending,rss_before_kib,rss_held_kib,completed (one row per --hold run)
    QString memory;
    // contender,done,batch,failures,lookups_per_s,cpu_ms_per_1000,rss_kib_after_warmup,
    // fds_after_warmup,flat
    QString soak;
    QString outDir;
    QString refGai = QStringLiteral("raw-gai-fast-100");
    QString refQuery = QStringLiteral("raw-query-fast-100");
    QString chartScenario; // default: the first knot scenario
};

// The APIs of issue 10's table, in its order, with what each is.
const QList<std::pair<QString, QString>> TableApis = {
    { QStringLiteral("qares-resolver-signal"), QStringLiteral("`submitHostLookup` + signal") },
    { QStringLiteral("qares-future-batch"), QStringLiteral("`lookupHosts` (one future)") },
    { QStringLiteral("qares-future"), QStringLiteral("`lookupHost` future per name") },
    { QStringLiteral("qares-signal"), QStringLiteral("`startHostLookup` AresReply per name") },
    { QStringLiteral("qares-query-resolver-signal"), QStringLiteral("`submitQuery` + signal") },
    { QStringLiteral("qares-query-future-batch"), QStringLiteral("`queryNames` (one future)") },
    { QStringLiteral("qares-query-future"), QStringLiteral("`query` future per name") },
    { QStringLiteral("qares-query-signal"), QStringLiteral("`startQuery` AresReply per name") },
};

bool isHighVolume(const QString &api)
{
    return api.endsWith(QLatin1String("resolver-signal")) || api.endsWith(QLatin1String("-batch"));
}

int summarize(const SummaryInput &in)
{
    const QList<QMap<QString, QString>> runs = readCsv(in.runs);
    if (runs.isEmpty()) {
        std::fprintf(stderr, "no runs in %s\n", qPrintable(in.runs));
        return 2;
    }
    auto refFor = [&](const QString &contender) {
        return contender.contains(QLatin1String("query")) ? in.refQuery : in.refGai;
    };
    using Key = std::tuple<QString, QString, int>; // scenario, contender, n
    QMap<Key, QMap<int, QMap<QString, double>>> byRun; // key -> run -> column -> value
    QStringList scenarios;
    for (const auto &row : runs) {
        const QString scenario = row.value(QStringLiteral("scenario"));
        if (!scenarios.contains(scenario))
            scenarios << scenario;
        QMap<QString, double> values;
        for (auto it = row.cbegin(); it != row.cend(); ++it) {
            bool ok = false;
            const double v = it.value().toDouble(&ok);
            values.insert(it.key(), ok ? v : std::nan(""));
        }
        byRun[Key(scenario, row.value(QStringLiteral("contender")),
                  row.value(QStringLiteral("n")).toInt())]
             [row.value(QStringLiteral("run")).toInt()] = values;
    }
    // Values of one column over the rounds.
    auto values = [&](const Key &key, const QString &column) {
        std::vector<double> v;
        for (const auto &run : byRun.value(key))
            v.push_back(run.value(column, std::nan("")));
        return v;
    };
    // Per-round ratio to the reference run of the same round (same scenario and N).
    auto ratios = [&](const Key &key, const QString &column) {
        std::vector<double> v;
        const Key refKey(std::get<0>(key), refFor(std::get<1>(key)), std::get<2>(key));
        const auto refRuns = byRun.value(refKey);
        const auto runsOfKey = byRun.value(key);
        for (auto it = runsOfKey.cbegin(); it != runsOfKey.cend(); ++it) {
            if (refRuns.contains(it.key()))
                v.push_back(it->value(column, std::nan(""))
                            / refRuns.value(it.key()).value(column, std::nan("")));
        }
        return v;
    };
    auto worst = [](const std::vector<double> &v) { return range(v).second; };

    // Callgrind: (I(2000) − I(1000)) / 1000 per contender.
    QMap<QString, double> irPerLookup;
    {
        QFile cg(in.callgrind);
        QMap<QString, QMap<int, double>> ir;
        if (!in.callgrind.isEmpty() && cg.open(QIODevice::ReadOnly | QIODevice::Text)) {
            for (const QByteArray &line : cg.readAll().split('\n')) {
                const QList<QByteArray> cells = line.split(',');
                if (cells.size() == 3 && cells.at(1).toInt() > 0 && cells.at(2).toDouble() > 0)
                    ir[QString::fromLatin1(cells.at(0))][cells.at(1).toInt()] =
                            cells.at(2).toDouble();
            }
        }
        for (auto it = ir.cbegin(); it != ir.cend(); ++it) {
            if (it->contains(1000) && it->contains(2000))
                irPerLookup[it.key()] = (it->value(2000) - it->value(1000)) / 1000;
        }
    }
    auto irRatio = [&](const QString &c) {
        return irPerLookup.value(c, std::nan("")) / irPerLookup.value(refFor(c), std::nan(""));
    };
    // Memory per pending lookup (--hold runs).
    QMap<QString, std::vector<double>> bytesPending;
    for (const auto &row : readCsv(in.memory))
        bytesPending[row.value(QStringLiteral("contender"))].push_back(
                row.value(QStringLiteral("bytes_per_pending")).toDouble());

    QDir().mkpath(in.outDir);
    QFile medians(in.outDir + QStringLiteral("/medians.csv"));
    QFile md(in.outDir + QStringLiteral("/summary.md"));
    if (!medians.open(QIODevice::WriteOnly | QIODevice::Text)
        || !md.open(QIODevice::WriteOnly | QIODevice::Text))
        return 2;
    QTextStream mc(&medians), mo(&md);
    const QStringList medianColumns = {
        QStringLiteral("lookups_per_s"), QStringLiteral("cpu_ms_per_1000"),
        QStringLiteral("peak_rss_kib"),  QStringLiteral("p50_ms"),
        QStringLiteral("p99_ms"),        QStringLiteral("stall_ms"),
        QStringLiteral("stall_p99_ms"),  QStringLiteral("stall_incl_submit_ms"),
        QStringLiteral("submit_ms"),     QStringLiteral("submit_call_max_ms")
    };
    mc << "scenario,contender,n,runs,reference";
    for (const QString &c : medianColumns)
        mc << ',' << c << ',' << c << "_min," << c << "_max";
    mc << ",ratio_tput_median,ratio_tput_min,ratio_tput_max,ratio_cpu_median,ratio_cpu_min,ratio_"
          "cpu_max,"
          "failures_worst_run,udp_rcvbuf_errors_worst_run\n";
    for (auto it = byRun.cbegin(); it != byRun.cend(); ++it) {
        const Key &key = it.key();
        mc << std::get<0>(key) << ',' << std::get<1>(key) << ',' << std::get<2>(key) << ','
           << it->size() << ',' << refFor(std::get<1>(key));
        for (const QString &c : medianColumns) {
            const auto v = values(key, c);
            const auto [lo, hi] = range(v);
            mc << ',' << fmt(median(v), 3) << ',' << fmt(lo, 3) << ',' << fmt(hi, 3);
        }
        for (const QString &c :
             { QStringLiteral("lookups_per_s"), QStringLiteral("cpu_ms_per_1000") }) {
            const auto r = ratios(key, c);
            const auto [lo, hi] = range(r);
            mc << ',' << fmt(median(r), 3) << ',' << fmt(lo, 3) << ',' << fmt(hi, 3);
        }
        mc << ',' << fmt(worst(values(key, QStringLiteral("failures"))), 0) << ','
           << fmt(worst(values(key, QStringLiteral("udp_rcvbuf_errors"))), 0) << "\n";
    }

    mo << "Every ratio is the median of the per-round ratios to the reference run of the same "
          "round "
          "(contenders run interleaved: reference, API 1, API 2, …, reference, …), with their "
          "range over the "
          "rounds in parentheses. References (the fastest raw c-ares loops): host lookups `"
       << in.refGai << "`, record queries `" << in.refQuery << "`.\n";

    // The table, per server set-up, at the largest N of the set-up.
    struct Verdict
    {
        QString what;
        double measured;
        double limit;
        bool atLeast;
    };
    QList<std::pair<QString, QList<Verdict>>> verdicts;
    for (const QString &scenario : scenarios) {
        int big = 0;
        for (auto it = byRun.cbegin(); it != byRun.cend(); ++it) {
            if (std::get<0>(it.key()) == scenario
                && std::get<1>(it.key()).startsWith(QLatin1String("qares-")))
                big = std::max(big, std::get<2>(it.key()));
        }
        if (big == 0)
            continue;
        QList<Verdict> vs;
        mo << "\n### Server set-up `" << scenario << "`, " << big << " names submitted at once\n\n"
           << "| API | × raw lookups/s | CPU/lookup × raw | Ir/lookup × raw | longest stall ms: "
              "max / p99 after the "
              "submit; submit call | bytes/pending lookup | failures |\n"
           << "|---|---:|---:|---:|---:|---:|---:|\n";
        for (const auto &[api, label] : TableApis) {
            const Key key(scenario, api, big);
            if (!byRun.contains(key))
                continue;
            const auto tput = ratios(key, QStringLiteral("lookups_per_s"));
            const auto cpu = ratios(key, QStringLiteral("cpu_ms_per_1000"));
            const auto stall = values(key, QStringLiteral("stall_ms"));
            const auto stallP99 = values(key, QStringLiteral("stall_p99_ms"));
            const auto call = values(key, QStringLiteral("submit_call_max_ms"));
            const double bytes = median(bytesPending.value(api));
            mo << "| " << label << " | " << spread(tput, 2) << " | " << spread(cpu, 2) << " | "
               << fmt(irRatio(api), 2) << " | " << fmt(median(stall), 1) << " (worst "
               << fmt(worst(stall), 1) << ") / " << fmt(median(stallP99), 1) << "; "
               << fmt(median(call), 1) << " | " << fmt(bytes, 0) << " | "
               << fmt(worst(values(key, QStringLiteral("failures"))), 0) << " |\n";
            const bool high = isHighVolume(api);
            const bool futurePerName = api.endsWith(QLatin1String("-future"));
            if (high) {
                vs << Verdict{ api + QStringLiteral(": lookups/s ≥ 0.9× raw"), median(tput), 0.9,
                               true }
                   << Verdict{ api + QStringLiteral(": CPU ≤ 1.15× raw"), median(cpu), 1.15, false }
                   << Verdict{ api + QStringLiteral(": Ir ≤ 1.25× raw"), irRatio(api), 1.25, false }
                   << Verdict{ api + QStringLiteral(": bytes per pending lookup ≤ 256"), bytes, 256,
                               false };
            } else if (futurePerName) {
                vs << Verdict{ api + QStringLiteral(": lookups/s ≥ 0.7× raw"), median(tput), 0.7,
                               true };
            }
            // No stall over 4 ms at any point, the submit call included (the worst round).
            vs << Verdict{ api
                                   + QStringLiteral(
                                           ": longest stall ≤ 4 ms (worst round, after submit)"),
                           worst(stall), 4, false }
               << Verdict{ api + QStringLiteral(": longest submit call ≤ 4 ms (worst round)"),
                           worst(call), 4, false };
        }
        for (const QString &ref : { in.refGai, in.refQuery }) {
            const Key key(scenario, ref, big);
            if (!byRun.contains(key))
                continue;
            mo << "| **" << ref
               << "** (reference): " << spread(values(key, QStringLiteral("lookups_per_s")), 0)
               << " lookups/s, " << spread(values(key, QStringLiteral("cpu_ms_per_1000")), 2)
               << " CPU ms / 1k | 1 | 1 | " << fmt(irPerLookup.value(ref, std::nan("")), 0)
               << " Ir | " << fmt(median(values(key, QStringLiteral("stall_ms"))), 1) << " / "
               << fmt(median(values(key, QStringLiteral("stall_p99_ms"))), 1) << "; "
               << fmt(median(values(key, QStringLiteral("submit_call_max_ms"))), 1) << " | "
               << fmt(median(bytesPending.value(ref.section(u'-', 0, 2) + QStringLiteral("-all"))),
                      0)
               << " (" << ref.section(u'-', 0, 2) << "-all) | "
               << fmt(worst(values(key, QStringLiteral("failures"))), 0) << " |\n";
        }
        // The targets are for the loopback knot set-ups (not knot53 or the 20 ms fake
        // server).
        if (scenario.startsWith(QLatin1String("knot-")))
            verdicts << std::make_pair(scenario, vs);

        // Every contender and N of the set-up, absolute figures.
        mo << "\n<details><summary>every contender and N of `" << scenario << "`</summary>\n\n"
           << "| contender | N | rounds | lookups/s | × raw | CPU ms / 1k | × raw | peak RSS MiB | "
              "p50 / p99 ms | "
              "stall ms max / p99 (incl. submit loop) | submit loop / longest call ms | failures "
              "(worst) | UDP drops |\n"
           << "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
        for (auto it = byRun.cbegin(); it != byRun.cend(); ++it) {
            const Key &key = it.key();
            if (std::get<0>(key) != scenario)
                continue;
            auto med = [&](const char *c) { return median(values(key, QString::fromLatin1(c))); };
            mo << "| " << std::get<1>(key) << " | " << std::get<2>(key) << " | " << it->size()
               << " | " << spread(values(key, QStringLiteral("lookups_per_s")), 0) << " | "
               << spread(ratios(key, QStringLiteral("lookups_per_s")), 2) << " | "
               << spread(values(key, QStringLiteral("cpu_ms_per_1000")), 2) << " | "
               << spread(ratios(key, QStringLiteral("cpu_ms_per_1000")), 2) << " | "
               << fmt(med("peak_rss_kib") / 1024, 1) << " | " << fmt(med("p50_ms"), 1) << " / "
               << fmt(med("p99_ms"), 1) << " | " << fmt(med("stall_ms"), 1) << " / "
               << fmt(med("stall_p99_ms"), 1) << " (" << fmt(med("stall_incl_submit_ms"), 1)
               << ") | " << fmt(med("submit_ms"), 1) << " / " << fmt(med("submit_call_max_ms"), 1)
               << " | " << fmt(worst(values(key, QStringLiteral("failures"))), 0) << " | "
               << fmt(worst(values(key, QStringLiteral("udp_rcvbuf_errors"))), 0) << " |\n";
        }
        mo << "\n</details>\n";
    }

    if (!irPerLookup.isEmpty()) {
        mo << "\n### Instructions per lookup (callgrind, (I(2000) − I(1000)) / 1000, knot on "
              "loopback)\n\n"
           << "| contender | Ir / lookup | × raw (same call) |\n|---|---:|---:|\n";
        for (auto it = irPerLookup.cbegin(); it != irPerLookup.cend(); ++it)
            mo << "| " << it.key() << " | " << fmt(it.value(), 0) << " | "
               << fmt(irRatio(it.key()), 2) << " |\n";
    }
    if (!bytesPending.isEmpty()) {
        mo << "\n### Memory per pending lookup (RSS with N pending − RSS before) / N, a server "
              "that never answers\n\n"
           << "| contender | bytes / pending lookup (median of runs) | runs |\n|---|---:|---:|\n";
        for (auto it = bytesPending.cbegin(); it != bytesPending.cend(); ++it)
            mo << "| " << it.key() << " | " << spread(it.value(), 0) << " | " << it->size()
               << " |\n";
    }
    const auto soak = readCsv(in.soak);
    if (!soak.isEmpty()) {
        mo << "\n### Soak: many lookups in one process, batches submitted at once\n\n"
           << "| contender | lookups | batch | failures | lookups/s | CPU ms / 1k | RSS KiB after "
              "warm-up | descriptors "
              "after warm-up | flat (±1 MiB, same descriptors) "
              "|\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n";
        for (const auto &row : soak) {
            mo << "| " << row.value(QStringLiteral("contender")) << " | "
               << row.value(QStringLiteral("done")) << " | " << row.value(QStringLiteral("batch"))
               << " | " << row.value(QStringLiteral("failures")) << " | "
               << row.value(QStringLiteral("lookups_per_s")) << " | "
               << row.value(QStringLiteral("cpu_ms_per_1000")) << " | "
               << row.value(QStringLiteral("rss_kib_after_warmup")) << " | "
               << row.value(QStringLiteral("fds_after_warmup")) << " | "
               << row.value(QStringLiteral("flat")) << " |\n";
        }
    }

    mo << "\n### Issue 10's targets (each server set-up; a stall under load is mostly preemption, "
          "compare the references' own)\n";
    for (const auto &[scenario, vs] : verdicts) {
        mo << "\n`" << scenario << "`:\n\n| target | measured | verdict |\n|---|---:|---|\n";
        for (const Verdict &v : vs) {
            const QString result = std::isnan(v.measured) ? QStringLiteral("not measured")
                    : (v.atLeast ? v.measured >= v.limit : v.measured <= v.limit)
                    ? QStringLiteral("met")
                    : QStringLiteral("**missed**");
            mo << "| " << v.what << " | " << fmt(v.measured, 2) << " | " << result << " |\n";
        }
    }

    // Against QHostInfo / QDnsLookup (same server, the largest N there): median of per-round
    // ratios.
    for (const QString &scenario : scenarios) {
        for (const QString &other : { QStringLiteral("qhostinfo"), QStringLiteral("qdnslookup") }) {
            int n = 0;
            for (auto it = byRun.cbegin(); it != byRun.cend(); ++it) {
                if (std::get<0>(it.key()) == scenario && std::get<1>(it.key()) == other)
                    n = std::max(n, std::get<2>(it.key()));
            }
            if (n == 0)
                continue;
            const auto otherRuns = byRun.value(Key(scenario, other, n));
            mo << "\n`" << scenario << "`, N=" << n << ", × " << other
               << " (per-round ratio of lookups/s): ";
            QStringList parts;
            for (const auto &[api, label] : TableApis) {
                const auto apiRuns = byRun.value(Key(scenario, api, n));
                std::vector<double> r;
                for (auto it = apiRuns.cbegin(); it != apiRuns.cend(); ++it) {
                    if (otherRuns.contains(it.key()))
                        r.push_back(
                                it->value(QStringLiteral("lookups_per_s"))
                                / otherRuns.value(it.key()).value(QStringLiteral("lookups_per_s")));
                }
                if (!r.empty())
                    parts << QStringLiteral("%1 %2").arg(api, spread(r, 1));
            }
            mo << parts.join(QStringLiteral(", ")) << "\n";
        }
    }

    // Chart data: median lookups/s against N in one knot set-up (QHostInfo and
    // QDnsLookup from knot53, the same zone on port 53).
    QString chartScenario = in.chartScenario;
    for (const QString &s : scenarios) {
        if (chartScenario.isEmpty() && s.startsWith(QLatin1String("knot"))
            && s != QLatin1String("knot53"))
            chartScenario = s;
    }
    QFile chart(in.outDir + QStringLiteral("/chart.dat"));
    if (!chart.open(QIODevice::WriteOnly | QIODevice::Text))
        return 2;
    QTextStream co(&chart);
    QStringList chartContenders;
    for (const auto &[api, label] : TableApis)
        chartContenders << api;
    chartContenders << in.refGai << in.refQuery << QStringLiteral("qhostinfo")
                    << QStringLiteral("qdnslookup");
    auto chartScenarioOf = [&](const QString &c) {
        return needsPort53(c) ? QStringLiteral("knot53") : chartScenario;
    };
    QList<int> ns;
    for (auto it = byRun.cbegin(); it != byRun.cend(); ++it) {
        if (std::get<0>(it.key()) == chartScenarioOf(std::get<1>(it.key()))
            && chartContenders.contains(std::get<1>(it.key()))
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
            const double v =
                    median(values(Key(chartScenarioOf(c), c, n), QStringLiteral("lookups_per_s")));
            co << ' ' << (std::isnan(v) ? QStringLiteral("?") : QString::number(v, 'f', 0));
        }
        co << "\n";
    }
    std::printf("wrote %s/medians.csv, summary.md, chart.dat (chart: %s)\n", qPrintable(in.outDir),
                qPrintable(chartScenario));
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

// --cache-bench: coalescing (queries for 50,000 lookups of 100 names) and
// cache hits per second, one thread, against the in-process test server.
static int runCacheBench(int argc, char **argv, int hits)
{
    QCoreApplication app(argc, argv);
    AresTestServer server;
    if (!server.listen({ QHostAddress::LocalHost })) {
        std::fprintf(stderr, "cannot listen: %s\n", qPrintable(server.errorString()));
        return 2;
    }
    server.setQuestionRecordingEnabled(false);
    QStringList hundred;
    for (int i = 0; i < 100; ++i) {
        hundred << QStringLiteral("c%1.bench.test").arg(i);
        server.addAddress(hundred.last(), QHostAddress(quint32(0x0a000000 + i)));
    }
    AresOptions options;
    options.setServers(QStringList { server.serverString() });
    options.setLookupOrder(AresOptions::LookupOrder::DnsOnly);
    options.setFlag(AresOptions::NoSearch);
    options.setWatchSystemConfiguration(false);
    AresResolver resolver(options);
    const auto run = [&](const QStringList &names, qint64 *failures) {
        QElapsedTimer clock;
        clock.start();
        const QFuture<AresHostInfo> future = resolver.lookupHosts(names, AresResolver::IPv4Family);
        while (!future.isFinished())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        const qint64 ns = clock.nsecsElapsed();
        *failures = 0;
        for (int i = 0; i < future.resultCount(); ++i)
            *failures += future.resultAt(i).error() != AresError::NoError ? 1 : 0;
        *failures += names.size() - future.resultCount();
        return ns;
    };
    QStringList burst;
    for (int i = 0; i < 50000; ++i)
        burst << hundred.at((i * 7) % 100);
    qint64 failures = 0;
    const qint64 burstNs = run(burst, &failures);
    std::printf("CACHE coalescing lookups=50000 names=100 queries=%d failures=%lld ms=%.1f\n",
                server.questionCount(), failures, double(burstNs) / 1e6);
    QStringList cached;
    cached.reserve(hits);
    for (int i = 0; i < hits; ++i)
        cached << hundred.at(i % 100);
    const qint64 before = server.questionCount();
    const qint64 hitsNs = run(cached, &failures);
    std::printf("CACHE hits lookups=%d queries=%lld failures=%lld ms=%.1f per_s=%.0f\n", hits,
                server.questionCount() - before, failures, double(hitsNs) / 1e6,
                double(hits) * 1e9 / double(hitsNs));
    return failures == 0 ? 0 : 1;
}

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

    if (args.contains(QStringLiteral("--cache-bench")))
        return runCacheBench(argc, argv, option("--n").value_or(QStringLiteral("1000000")).toInt());

    if (const auto contender = option("--contender")) {
        ChildConfig cfg;
        cfg.contender = *contender;
        cfg.n = option("--n").value_or(QStringLiteral("1000")).toInt();
        cfg.server = option("--server").value_or(QString());
        cfg.ns53 = option("--ns53").value_or(QString());
        cfg.maxSeconds = option("--max-seconds").value_or(QStringLiteral("120")).toInt();
        cfg.stallProbe = !args.contains(QStringLiteral("--no-stall-probe"));
        cfg.hold = args.contains(QStringLiteral("--hold"));
        cfg.holdMs = option("--hold-ms").value_or(QStringLiteral("500")).toInt();
        cfg.soakTotal = option("--soak").value_or(QStringLiteral("0")).toLongLong();
        cfg.cache = args.contains(QStringLiteral("--cache"));
        cfg.soakEvery = std::max<qint64>(
                1, option("--soak-every").value_or(QStringLiteral("1000000")).toLongLong());
        if ((cfg.hold || cfg.soakTotal > 0) && needsPort53(cfg.contender)) {
            std::fprintf(stderr, "--hold and --soak are for QAres and raw c-ares contenders\n");
            return 2;
        }
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
        if (cfg.soakTotal > 0)
            return runSoak(cfg);
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
    const QCommandLineOption serverOpt(QStringLiteral("server"),
                                       QStringLiteral("DNS server ADDR:PORT (loopback)."),
                                       QStringLiteral("server"));
    const QCommandLineOption ns53Opt(
            QStringLiteral("ns53"),
            QStringLiteral("Loopback address serving on port 53 (QHostInfo, QDnsLookup)."),
            QStringLiteral("address"));
    const QCommandLineOption fakeOpt(
            QStringLiteral("fake"),
            QStringLiteral("Serve from an in-process AresTestServer in its own thread."));
    const QCommandLineOption fakeDelayOpt(QStringLiteral("fake-delay-ms"),
                                          QStringLiteral("Delay per fake-server reply."),
                                          QStringLiteral("ms"), QStringLiteral("0"));
    const QCommandLineOption fakeAddressOpt(QStringLiteral("fake-address"),
                                            QStringLiteral("Fake server address."),
                                            QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption fakePortOpt(
            QStringLiteral("fake-port"),
            QStringLiteral("Fake server port (0: random; 53: also --ns53)."),
            QStringLiteral("port"), QStringLiteral("0"));
    const QCommandLineOption contendersOpt(
            QStringLiteral("contenders"),
            QStringLiteral("Comma-separated: ") + AllContenders.join(u','), QStringLiteral("list"),
            QStringLiteral("qares-future,qares-signal,raw-gai-100"));
    const QCommandLineOption nOpt(QStringLiteral("n"),
                                  QStringLiteral("Comma-separated name counts."),
                                  QStringLiteral("list"), QStringLiteral("1000"));
    const QCommandLineOption repeatOpt(QStringLiteral("repeat"),
                                       QStringLiteral("Runs per contender and N."),
                                       QStringLiteral("count"), QStringLiteral("1"));
    const QCommandLineOption scenarioOpt(QStringLiteral("scenario"),
                                         QStringLiteral("Label for the CSV."),
                                         QStringLiteral("name"), QStringLiteral("adhoc"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"),
                                    QStringLiteral("Append one row per run to this CSV."),
                                    QStringLiteral("file"));
    const QCommandLineOption expectOpt(QStringLiteral("expect-no-failures"),
                                       QStringLiteral("Exit 1 if any lookup failed."));
    const QCommandLineOption maxSecondsOpt(QStringLiteral("max-seconds"),
                                           QStringLiteral("Time limit per run."),
                                           QStringLiteral("s"), QStringLiteral("120"));
    const QCommandLineOption noProbeOpt(QStringLiteral("no-stall-probe"),
                                        QStringLiteral("No 1 ms stall timer (for callgrind)."));
    const QCommandLineOption zoneOpt(QStringLiteral("write-zone"),
                                     QStringLiteral("Write the zone file for --n names and exit."),
                                     QStringLiteral("file"));
    const QCommandLineOption summarizeOpt(QStringLiteral("summarize"),
                                          QStringLiteral("Summarize a runs CSV."),
                                          QStringLiteral("file"));
    const QCommandLineOption callgrindOpt(
            QStringLiteral("callgrind"),
            QStringLiteral("Callgrind CSV (contender,n,instructions)."), QStringLiteral("file"));
    const QCommandLineOption memoryOpt(QStringLiteral("memory"),
                                       QStringLiteral("Memory CSV (--hold runs) for --summarize."),
                                       QStringLiteral("file"));
    const QCommandLineOption soakOpt(QStringLiteral("soak-csv"),
                                     QStringLiteral("Soak CSV for --summarize."),
                                     QStringLiteral("file"));
    const QCommandLineOption refGaiOpt(
            QStringLiteral("ref-gai"),
            QStringLiteral("Reference of host lookups (default raw-gai-fast-100)."),
            QStringLiteral("contender"));
    const QCommandLineOption refQueryOpt(
            QStringLiteral("ref-query"),
            QStringLiteral("Reference of record queries (default raw-query-fast-100)."),
            QStringLiteral("contender"));
    const QCommandLineOption chartScenarioOpt(QStringLiteral("chart-scenario"),
                                              QStringLiteral("Scenario of the chart."),
                                              QStringLiteral("name"));
    const QCommandLineOption outDirOpt(QStringLiteral("out-dir"),
                                       QStringLiteral("Where --summarize writes."),
                                       QStringLiteral("dir"), QStringLiteral("."));
    parser.addOptions(
            { serverOpt,     ns53Opt,    fakeOpt,   fakeDelayOpt, fakeAddressOpt,  fakePortOpt,
              contendersOpt, nOpt,       repeatOpt, scenarioOpt,  csvOpt,          expectOpt,
              maxSecondsOpt, noProbeOpt, zoneOpt,   summarizeOpt, callgrindOpt,    outDirOpt,
              memoryOpt,     soakOpt,    refGaiOpt, refQueryOpt,  chartScenarioOpt });
    parser.process(app);

    const QList<int> ns = parseList(parser.value(nOpt));
    if (parser.isSet(zoneOpt))
        return writeZone(parser.value(zoneOpt), ns.value(0));
    if (parser.isSet(summarizeOpt)) {
        SummaryInput in;
        in.runs = parser.value(summarizeOpt);
        in.callgrind = parser.value(callgrindOpt);
        in.memory = parser.value(memoryOpt);
        in.soak = parser.value(soakOpt);
        in.outDir = parser.value(outDirOpt);
        if (parser.isSet(refGaiOpt))
            in.refGai = parser.value(refGaiOpt);
        if (parser.isSet(refQueryOpt))
            in.refQuery = parser.value(refQueryOpt);
        in.chartScenario = parser.value(chartScenarioOpt);
        return summarize(in);
    }

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
        std::printf("fake server on %s, delay %s ms\n", qPrintable(o.server),
                    qPrintable(parser.value(fakeDelayOpt)));
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
