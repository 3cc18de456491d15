// SPDX-License-Identifier: MIT
#ifndef ARESRESOLVER_H
#define ARESRESOLVER_H

#include "areshostinfo.h"
#include "aresoptions.h"
#include "aresrecord.h"
#include "aresreply.h"

#include <QtCore/qfuture.h>
#include <QtCore/qobject.h>

#include <functional>
#include <memory>
#include <type_traits>

class AresResolverPrivate;

/*!
    Resolves names asynchronously with c-ares, inside the event loop of the
    thread the resolver lives in: no helper threads, no blocking.

    Each resolver owns one c-ares channel configured by options(). Host
    lookups (lookupHost()), reverse lookups (lookupAddress()) and record
    queries of any type (query(), search()) give their results three ways:
    as a QFuture (QFuture<AresHostInfo>, QFuture<AresRecordSet>), as an
    AresReply object with a finished() signal (startHostLookup(),
    startAddressLookup(), startQuery(), startSearch()), and, for host
    lookups, QHostInfo-style with a receiver and a slot or functor plus an
    id (lookupHost(name, receiver, member)).

    \section Delivery and what is safe
    Every lookup finishes exactly once: with its answer, an error, a
    cancellation, its deadline, or ResolverDestroyedError when the resolver
    is destroyed first. Results are delivered from the resolver's event
    loop, never from inside the call that started the lookup and never
    while c-ares is running, so slots, receivers and continuations may start
    lookups, cancel, change options and delete the resolver. Only the
    ResolverDestroyedError results are delivered from inside the destructor.

    \section Cancelling
    AresReply::abort(), abortHostLookup() and abortAll() finish a lookup on
    the next pass of the event loop. QFuture::cancel() has no notification
    in Qt 6.4 short of a QFutureWatcher per lookup, so the resolver looks
    for canceled futures about every 16 ms while futures are pending (less
    often with tens of thousands pending) and before a queued lookup is
    sent; a canceled future finishes canceled, without a result, so its
    then() continuations do not run and onCanceled() handlers do. c-ares
    1.18 cannot cancel one query: a late answer is dropped.

    \section Threads
    lookupHost(), lookupAddress() (the QFuture overloads), query() and
    search() may be called from any thread: the request is marshalled to the
    resolver's thread, and the future may be waited on or continued
    anywhere. Everything else must be called from the resolver's thread.
    Never block the resolver's thread on a future (waitForFinished(),
    result()): the answer is delivered by that thread's event loop.
*/
class QARES_EXPORT AresResolver : public QObject
{
    Q_OBJECT
    Q_PROPERTY(AresOptions options READ options WRITE setOptions NOTIFY optionsChanged)
    Q_PROPERTY(int pendingLookups READ pendingLookups)
    Q_PROPERTY(QString errorString READ errorString)
public:
    enum Family {
        AnyFamily,  //!< A and AAAA
        IPv4Family, //!< A only
        IPv6Family, //!< AAAA only
    };
    Q_ENUM(Family)

    /*! A resolver with default AresOptions (the system's servers). */
    explicit AresResolver(QObject *parent = nullptr);
    /*!
        A resolver configured by \a options. If they are rejected the
        resolver falls back to the defaults and errorString() says why.
    */
    explicit AresResolver(const AresOptions &options, QObject *parent = nullptr);
    /*! Finishes every pending lookup with ResolverDestroyedError first. */
    ~AresResolver() override;

    AresOptions options() const;
    /*!
        Applies \a options to lookups started from now on; lookups already
        running finish on the old configuration. Returns \c false, keeps the
        current configuration and sets errorString() if they are rejected.
    */
    bool setOptions(const AresOptions &options);
    /*! Why the last setOptions() (or the constructor) rejected options; empty otherwise. */
    QString errorString() const;

    /*!
        Host lookup with getaddrinfo semantics: the hosts file and DNS in the
        order of AresOptions::lookupOrder(), search domains, IP literals
        answered without network. Non-ASCII names go out in IDNA form. A
        trailing dot makes the name absolute: no search domains, and (as
        with glibc) no hosts file match, whose names have no dot.
    */
    QFuture<AresHostInfo> lookupHost(const QString &name, Family family = AnyFamily);
    /*!
        Reverse lookup (PTR) of \a address, IPv4 or IPv6: hostName() is the
        first name found, aliases() the others, addresses() the address
        asked for, ttls() -1. No PTR record gives NotFoundError; an
        address that is neither IPv4 nor IPv6 gives InvalidRequestError.
        c-ares 1.18 reports every failure of a reverse lookup as not found:
        QAres reports SERVFAIL, NOTIMP, REFUSED and timeouts as
        ServerFailureError, ServerRefusedError and TimeoutError, as for
        host lookups.
    */
    QFuture<AresHostInfo> lookupAddress(const QHostAddress &address);

    /*!
        Record query for exactly \a name (ares_query): no search domains, no
        hosts file. \a type is valued as on the wire; any 16-bit type works
        (AresRecord::Type(64000)), unknown ones come back raw; 0, OPT and
        the types 249 to 252 (TKEY, TSIG, IXFR, AXFR) are refused with
        InvalidRequestError. The name is validated and IDNA-encoded as for
        lookupHost(); an IPv6 literal is refused (query
        AresRecord::reverseName() with type PTR instead). Each query counts
        one against AresOptions::maxQueriesInFlight().

        The result holds the records of the type owned by the end of the
        CNAME chain, the chain, the reply's sections, rcode and flags. Errors:
        NotFoundError (NXDOMAIN) and NoDataError (no records of the type)
        keep the authority SOA; ServerFailureError, ServerRefusedError,
        TimeoutError, InvalidReplyError (the reply could not be read), and
        the cases shared with host lookups (cancellation, deadline,
        ResolverDestroyedError). May be called from any thread, as
        lookupHost().
    */
    QFuture<AresRecordSet> query(const QString &name, AresRecord::Type type);
    /*!
        As query(), but with the search domains and ndots of options()
        (ares_search): a name with fewer dots than ndots is tried with each
        search domain first; a trailing dot makes the name absolute.
    */
    QFuture<AresRecordSet> search(const QString &name, AresRecord::Type type);
    /*! As query(), returning an AresReply (read AresReply::recordSet()). */
    AresReply *startQuery(const QString &name, AresRecord::Type type);
    /*! As search(), returning an AresReply (read AresReply::recordSet()). */
    AresReply *startSearch(const QString &name, AresRecord::Type type);

    /*!
        As lookupHost(), returning an AresReply (read AresReply::hostInfo()).
        The resolver owns the reply and deletes it when it is destroyed;
        delete it yourself (deleteLater()) when done with it. Call from the
        resolver's thread.
    */
    AresReply *startHostLookup(const QString &name, Family family = AnyFamily);
    /*! As lookupAddress(), returning an AresReply, as startHostLookup(). */
    AresReply *startAddressLookup(const QHostAddress &address);

    /*!
        QHostInfo::lookupHost() style: calls \a member of \a receiver, a slot
        taking \c{const AresHostInfo &} (\c{SLOT(lookedUp(AresHostInfo))}),
        with the result of an AnyFamily host lookup; returns the lookup id
        for abortHostLookup(). The receiver is called in its own thread and
        not at all if it is destroyed first. Call from the resolver's
        thread.
    */
    int lookupHost(const QString &name, const QObject *receiver, const char *member);
    /*!
        As above with a functor taking \c{const AresHostInfo &}, called in
        \a context's thread unless \a context was destroyed first.
    */
    template <typename Functor,
              std::enable_if_t<!std::is_convertible_v<Functor, const char *>, bool> = true>
    int lookupHost(const QString &name, const QObject *context, Functor &&functor)
    {
        return lookupHostWithCallback(name, context,
                                      std::function<void(const AresHostInfo &)>(
                                              std::forward<Functor>(functor)));
    }
    /*!
        Aborts the id-based lookup \a id: as with QHostInfo::abortHostLookup()
        its receiver is not called, even if the result is already waiting
        for delivery. Unknown ids, ids of delivered lookups and ids of
        lookups started through the other APIs are ignored.
    */
    void abortHostLookup(int id);

    /*!
        Aborts every pending lookup: each finishes with
        OperationCancelledError on the next pass of the event loop (futures
        get that result, replies emit finished(), receivers are called), and
        c-ares drops its state for them at once (ares_cancel()).
    */
    void abortAll();

    /*! Lookups started and not yet delivered, queued ones included. */
    int pendingLookups() const;
    /*! DNS queries in c-ares now (A+AAAA counts two); at most AresOptions::maxQueriesInFlight(). */
    int queriesInFlight() const;
    /*!
        The number of DNS queries the resolver lets into c-ares now: with
        AresOptions::adaptiveQueryWindow() (the default) it moves between
        150 (or maxQueriesInFlight() if lower) and maxQueriesInFlight() with
        the servers' round-trip time; otherwise it is maxQueriesInFlight().
        0: no cap. For diagnostics and tests; starts over when setOptions()
        changes the options.
    */
    int queryWindow() const;

Q_SIGNALS:
    /*!
        Emitted by setOptions() when it accepted options that differ from the
        current ones, before it returns. Lookups already running keep their
        old configuration; a slot may start lookups (they use the new
        options) or call setOptions().
    */
    void optionsChanged();

private:
    int lookupHostWithCallback(const QString &name, const QObject *context,
                               std::function<void(const AresHostInfo &)> callback);

    friend class AresReply;
    Q_DISABLE_COPY_MOVE(AresResolver)
    std::unique_ptr<AresResolverPrivate> const d;
};

#endif // ARESRESOLVER_H
