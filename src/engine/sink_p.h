// SPDX-License-Identifier: MIT
#ifndef QARES_ENGINE_SINK_P_H
#define QARES_ENGINE_SINK_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//
// Where a lookup's result goes. Every lookup has one sink (Lookup::sink),
// and every API shape is one implementation of the same callback,
// Sink::deliver(): a future per lookup, a batch future, an AresReply, a
// receiver or functor, the resolver's signals.
//

#include "areshostinfo.h"
#include "aresnameinfo.h"
#include "aresrecord.h"

#include <QtCore/qfutureinterface.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qpromise.h>

#include <algorithm>
#include <memory>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

class AresResolver;
class AresResolverPrivate;

namespace QAresPrivate {

/*!
    A lookup's result, of the type its kind gives: host and reverse lookups
    an AresHostInfo, record queries an AresRecordSet, name-info lookups an
    AresNameInfo. Each carries its own error.
*/
using Result = std::variant<AresHostInfo, AresRecordSet, AresNameInfo>;

/*!
    The one callback a lookup ends in. deliver() is called exactly once per
    lookup attached to the sink, on the resolver's thread, from the delivery
    pass (or the resolver's destructor), after the lookup was released: it
    may run user code, which may delete the resolver, so it touches nothing
    of the resolver after running it. A sink owned by its lookup (a future,
    a receiver) frees itself in deliver(); the resolver's and a reply's
    outlive their lookups; a batch frees itself with its last result.
*/
class Sink
{
public:
    enum class Shape : quint8 { Signal, Reply, Receiver, Future, Batch };

    Sink() = default;
    virtual ~Sink() = default;
    Q_DISABLE_COPY_MOVE(Sink)

    virtual Shape shape() const = 0;
    //! Its future was canceled (QFuture::cancel()): polled by the cancel sweep and pump().
    virtual bool isCanceled() const { return false; }
    //! The result of the lookup at \a index (batches; 0 otherwise).
    virtual void deliver(Result &&result, int index) = 0;
};

/*! submit…(): the resolver's hostLookupFinished(), queryFinished(), nameInfoFinished(). */
class SignalSink final : public Sink
{
public:
    explicit SignalSink(AresResolver *resolver) : m_resolver(resolver) { }
    Shape shape() const override { return Shape::Signal; }
    void deliver(Result &&result, int index) override;

private:
    AresResolver *const m_resolver;
};

/*!
    The QHostInfo-style receiver or a functor with a context object: a
    connection to one of these signals. Owned by its lookup until delivered
    (or deleted by AresResolver::abortHostLookup(): the receiver is not called).
*/
class ReceiverSink final : public QObject, public Sink
{
    Q_OBJECT
public:
    ReceiverSink() = default;
    Shape shape() const override { return Shape::Receiver; }
    void deliver(Result &&result, int index) override;

Q_SIGNALS:
    void hostInfoReady(const AresHostInfo &info);
    void nameInfoReady(const AresNameInfo &info);
};

/*! A future per lookup (lookupHost(), query(), lookupNameInfo()…): owned by its lookup. */
template <typename T>
class FutureSink final : public Sink
{
public:
    explicit FutureSink(QPromise<T> &&promise) : m_promise(std::move(promise)) { }
    Shape shape() const override { return Shape::Future; }
    bool isCanceled() const override { return m_promise.isCanceled(); }
    void deliver(Result &&result, int) override
    {
        const std::unique_ptr<FutureSink> self(this);
        m_promise.addResult(std::as_const(*std::get_if<T>(&result)));
        m_promise.finish(); // may run continuations
    }

private:
    QPromise<T> m_promise;
};

/*!
    The sink shared by the lookups of one lookupHosts() or queryNames() call:
    one future for all of them (the result of lookup i at index i) and the
    count of lookups not yet delivered. Allocated once per call; frees
    itself with its last result, after its future finished.

    The results of one delivery pass are collected (deliver()) and reported
    together at its end (flush()), sorted, as runs of consecutive indexes:
    one QFutureInterface::reportResults() per run instead of one
    addResult() per lookup (each of which takes the future's mutex and adds
    a node to Qt's result map). A watcher still sees resultReadyAt() for
    each index.
*/
class BatchSink : public Sink
{
public:
    Shape shape() const override { return Shape::Batch; }
    //! Reports the results collected since the last flush.
    virtual void flush() = 0;

    AresResolverPrivate *engine = nullptr; // set when its lookups are created
    int left = 0;         // lookups of the batch not yet delivered
    int flushIndex = -1;  // its place in AresResolverPrivate::m_batchesToFlush, -1 if not there
    size_t liveIndex = 0; // its place in AresResolverPrivate::m_batches (O(1) removal)

protected:
    //! One result collected: the engine's bookkeeping; true for the batch's last one.
    bool collected();
};

template <typename T>
class BatchSinkOf final : public BatchSink
{
public:
    // QPromise has no addResults() in Qt 6.4: results are reported through
    // the interface it shares; the promise gives the destructor's
    // semantics (destroyed unfinished, the future finishes canceled).
    QFutureInterface<T> state;
    QPromise<T> promise { state };

    bool isCanceled() const override { return state.isCanceled(); }
    void deliver(Result &&result, int index) override
    {
        m_pending.emplace_back(index, std::move(*std::get_if<T>(&result)));
        if (!collected())
            return;
        const std::unique_ptr<BatchSinkOf> self(this);
        flush();
        promise.finish(); // may run continuations
    }
    void flush() override
    {
        if (m_pending.empty())
            return;
        std::sort(m_pending.begin(), m_pending.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t i = 0; i < m_pending.size();) {
            size_t end = i + 1;
            while (end < m_pending.size() && m_pending[end].first == m_pending[end - 1].first + 1)
                ++end;
            if (end - i == 1) {
                // By const reference: Qt 6.4's rvalue reportResult() announces a
                // result only once every result before its index is in
                // (resultReadyAt() would not stream in completion order).
                state.reportResult(std::as_const(m_pending[i].second), m_pending[i].first);
            } else {
                QList<T> run;
                run.reserve(qsizetype(end - i));
                for (size_t k = i; k < end; ++k)
                    run.append(std::move(m_pending[k].second));
                state.reportResults(run, m_pending[i].first);
            }
            i = end;
        }
        m_reported += int(m_pending.size());
        state.setProgressValue(m_reported); // of 0..N, set at the start: a progress bar follows
        m_pending.clear();
    }

private:
    std::vector<std::pair<int, T>> m_pending; // collected, not yet reported (capacity kept)
    int m_reported = 0;                       // results reported: the future's progress value
};

} // namespace QAresPrivate

#endif // QARES_ENGINE_SINK_P_H
