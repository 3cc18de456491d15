// SPDX-License-Identifier: MIT
#ifndef QARESTEST_H
#define QARESTEST_H

// Helpers shared by the Qt Test suites (header only).

#include <QtCore/qdeadlinetimer.h>
#include <areserror.h>
#include <areshostinfo.h>
#include <aresrecord.h>

#include <QtCore/qeventloop.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qtestsupport_core.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>

#include <atomic>
#include <chrono>
#include <memory>

namespace QAresTest {

//! Runs the event loop until \a future finished or \a timeout passed; returns whether it finished.
template <typename T>
bool waitFor(const QFuture<T> &future, std::chrono::milliseconds timeout = std::chrono::seconds(10))
{
    if (future.isFinished())
        return true;
    QFutureWatcher<T> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    watcher.setFuture(future);
    if (!future.isFinished())
        loop.exec();
    return future.isFinished();
}

//! Result i of a batch future (lookupHosts(), queryNames()) for i < \a count, as \a describe
//! gives it, joined by \a separator; "missing" where no result was reported at i.
template <typename T, typename Describe>
QString describeResults(const QFuture<T> &future, qsizetype count, Describe describe,
                        const QString &separator)
{
    QStringList parts;
    for (int i = 0; i < int(count); ++i)
        parts.append(future.isResultReadyAt(i) ? describe(future.resultAt(i))
                                               : QStringLiteral("missing"));
    return parts.join(separator);
}

//! Runs \a work on a thread of its own while this thread's event loop runs (so that a
//! resolver living here answers what \a work waits for), until \a work returned and its
//! thread ended; false if that took longer than \a timeout (the thread, still running, is
//! then destroyed: Qt aborts the test).
template <typename Work>
bool runOnAnotherThread(Work work, std::chrono::milliseconds timeout = std::chrono::seconds(10))
{
    std::atomic<bool> done = false;
    std::unique_ptr<QThread> thread(QThread::create([&] {
        work();
        done = true;
    }));
    thread->start();
    return QTest::qWaitFor([&] { return done.load(); }, int(timeout.count()))
            && thread->wait(QDeadlineTimer(timeout));
}

//! The AresError's name: "EncryptionError".
inline QString errorKey(AresError error)
{
    return QString::fromLatin1(QMetaEnum::fromType<AresError>().valueToKey(int(error)));
}

//! "error <key>", or the addresses sorted, space-separated.
inline QString hostLine(const AresHostInfo &info)
{
    if (info.error() != AresError::NoError)
        return QStringLiteral("error ") + errorKey(info.error());
    QStringList addresses;
    for (const QHostAddress &address : info.addresses())
        addresses.append(address.toString());
    addresses.sort();
    return addresses.join(u' ');
}

//! "error <key>", or the host name and the addresses sorted, space-separated.
inline QString namedHostLine(const AresHostInfo &info)
{
    if (info.error() != AresError::NoError)
        return QStringLiteral("error ") + errorKey(info.error());
    return info.hostName() + QLatin1Char(' ') + hostLine(info);
}

//! "error <key>", or the records (AresRecord::toString()) sorted, ';'-separated.
inline QString recordLine(const AresRecordSet &set)
{
    if (set.error() != AresError::NoError)
        return QStringLiteral("error ") + errorKey(set.error());
    QStringList records;
    for (const AresRecord &record : set.records())
        records.append(record.toString());
    records.sort();
    return records.join(u';');
}

/*!
    Qt warnings about socket notifiers, timers and objects collected since the
    last clear(): they mean the event glue is wrong (e.g. a notifier left on a
    reused descriptor), so tests fail on them (check in cleanup()).
*/
inline QStringList &glueWarnings()
{
    static QStringList warnings;
    return warnings;
}

namespace Detail {
inline QtMessageHandler &previousHandler()
{
    static QtMessageHandler handler = nullptr;
    return handler;
}

inline void collectGlueWarnings(QtMsgType type, const QMessageLogContext &context,
                                const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg
        && (message.contains(u"QSocketNotifier") || message.contains(u"socket notifier")
            || message.contains(u"Invalid socket") || message.contains(u"QTimer")
            || message.contains(u"QObject"))) {
        glueWarnings().append(message);
    }
    if (previousHandler())
        previousHandler()(type, context, message);
}
} // namespace Detail

//! Installs the message handler that fills glueWarnings(); call once, from initTestCase().
inline void installGlueWarningCheck()
{
    Detail::previousHandler() = qInstallMessageHandler(Detail::collectGlueWarnings);
}

} // namespace QAresTest

#endif // QARESTEST_H
