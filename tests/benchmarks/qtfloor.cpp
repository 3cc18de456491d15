// SPDX-License-Identifier: MIT
//
// qares-qt-floor: what Qt's own result machinery costs per lookup, with no
// DNS and no QAres at all. Each "lookup" is only the result delivery shape
// that a QAres API and the benchmark's user code use:
//
//   future    QPromise<AresHostInfo> started, future.then(&context, functor)
//             (the continuation's future dropped, as the benchmark does);
//             later addResult() + finish(), the continuation runs from the
//             event loop (a posted QMetaCallEvent), the promise is destroyed
//   future-inline  the same with then(functor), no context: the continuation
//             runs inside finish(), on the thread that reports the result
//   reply     a QObject per lookup, connect(finished -> context lambda), emit,
//             deleteLater() in the slot (AresReply's shape)
//   signal    one connection on one object's signal, emitted once per lookup
//             with the AresHostInfo (a resolver-level signal's shape)
//   none      only the answers are made and counted: the baseline to
//             subtract from the others
//
// All N are created first (held, as N queued lookups are), then completed in
// one go and delivered by the event loop. Prints one line:
//   FLOOR shape=S n=N bytes_per_lookup=B peak_rss_kib=K
// bytes_per_lookup is (VmRSS after creating the N, before completing them -
// VmRSS before creating them) / N. Instructions per lookup come from two
// callgrind runs (N = 1000 and 2000), as for qares-benchmark; see
// docs/performance.md.

#include <areshostinfo.h>

#include <QtCore/qcoreapplication.h>
#include <QtCore/qfile.h>
#include <QtCore/qfuture.h>
#include <QtCore/qpromise.h>
#include <QtCore/qtimer.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace {

qint64 statusKib(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

class Emitter : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void finished();
    void lookedUp(const AresHostInfo &info);
};

AresHostInfo answer(int i)
{
    AresHostInfo info;
    info.setHostName(QStringLiteral("n%1.bench.test").arg(i));
    info.setAddresses({ QHostAddress(quint32(0x0a000000u + quint32(i))) });
    return info;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString shape = args.value(1);
    const int n = args.value(2).toInt();
    const QStringList shapes = { QStringLiteral("future"), QStringLiteral("future-inline"),
                                 QStringLiteral("reply"), QStringLiteral("signal"),
                                 QStringLiteral("none") };
    if (!shapes.contains(shape)
        || n <= 0 || n > 1000000) {
        std::fprintf(
                stderr,
                "usage: qares-qt-floor future|future-inline|reply|signal|none N (1..1000000)\n");
        return 2;
    }

    QObject context;
    int delivered = 0;
    auto onResult = [&delivered](const AresHostInfo &info) {
        if (!info.addresses().isEmpty())
            ++delivered;
    };

    const qint64 rssBefore = statusKib("VmRSS:");
    std::vector<QPromise<AresHostInfo>> promises;
    std::vector<Emitter *> replies;
    Emitter single;
    const bool future = shape.startsWith(QLatin1String("future"));
    if (future) {
        promises.reserve(size_t(n));
        for (int i = 0; i < n; ++i) {
            promises.emplace_back();
            promises.back().start();
            if (shape == QLatin1String("future"))
                promises.back().future().then(&context, onResult);
            else
                promises.back().future().then(onResult);
        }
    } else if (shape == QLatin1String("reply")) {
        replies.reserve(size_t(n));
        for (int i = 0; i < n; ++i) {
            auto *reply = new Emitter;
            replies.push_back(reply);
            QObject::connect(reply, &Emitter::finished, &context, [&onResult, reply, i] {
                onResult(answer(i));
                reply->deleteLater();
            });
        }
    } else if (shape == QLatin1String("signal")) {
        QObject::connect(&single, &Emitter::lookedUp, &context, onResult);
    }
    const qint64 rssHeld = statusKib("VmRSS:");

    // Complete them all from the event loop, as the resolver's delivery pass does.
    QTimer::singleShot(0, &context, [&] {
        for (int i = 0; i < n; ++i) {
            if (future) {
                promises[size_t(i)].addResult(answer(i));
                promises[size_t(i)].finish();
            } else if (shape == QLatin1String("reply")) {
                Q_EMIT replies[size_t(i)]->finished();
            } else if (shape == QLatin1String("signal")) {
                Q_EMIT single.lookedUp(answer(i));
            } else {
                onResult(answer(i));
            }
        }
        promises.clear();
        replies.clear();
        QTimer::singleShot(0, &app, &QCoreApplication::quit); // after the posted continuations
    });
    app.exec();

    std::printf("FLOOR shape=%s n=%d delivered=%d bytes_per_lookup=%.0f peak_rss_kib=%lld\n",
                qPrintable(shape), n, delivered, double(rssHeld - rssBefore) * 1024.0 / n,
                statusKib("VmHWM:"));
    return delivered == n ? 0 : 1;
}

#include "qtfloor.moc"
