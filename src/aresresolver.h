// SPDX-License-Identifier: MIT
#ifndef ARESRESOLVER_H
#define ARESRESOLVER_H

#include "areshostinfo.h"
#include "aresnameinfo.h"
#include "aresoptions.h"
#include "aresrecord.h"
#include "aresreply.h"

#include <QtCore/qfuture.h>
#include <QtCore/qobject.h>

#include <functional>
#include <memory>
#include <type_traits>

/*!
    \file aresresolver.h
    The AresResolver class (also as <QAres/AresResolver>).
*/

class AresResolverPrivate;
class AresHostRequest;

/*!
    Resolves names asynchronously with c-ares, inside the event loop of the
    thread the resolver lives in: no helper threads, no blocking.

    Each resolver owns one c-ares channel configured by options(). Host
    lookups (lookupHost()), reverse lookups (lookupAddress()) and record
    queries of any type (query(), search()) give their results four ways:
    as a QFuture (QFuture<AresHostInfo>, QFuture<AresRecordSet>; one future
    for many names with lookupHosts() and queryNames()), as an
    AresReply object with a finished() signal (startHostLookup(),
    startAddressLookup(), startQuery(), startSearch()), through the
    resolver's own hostLookupFinished() and queryFinished() signals for
    lookups started by id (submitHostLookup(), submitAddressLookup(),
    submitQuery(), submitSearch(): no object per lookup, for high volumes),
    and, for host lookups, QHostInfo-style with a receiver and a slot or
    functor plus an id (lookupHost(name, receiver, member)). Name-info
    lookups (lookupNameInfo(): getnameinfo()'s host and service name of an
    address and port) give an AresNameInfo in four shapes too (no batch):
    a future, an AresReply (startNameInfoLookup()), nameInfoFinished() by
    id (submitNameInfoLookup()) and a functor with a context plus an id.

    \par Delivery and what is safe
    Every lookup finishes exactly once: with its answer, an error, a
    cancellation, its deadline, or ResolverDestroyedError when the resolver
    is destroyed first. A name is checked (validity, IDNA, a trailing dot,
    IP literals) when its lookup starts, the names of lookupHosts() and
    queryNames() as each leaves the queue; an invalid name's
    InvalidRequestError (an IP literal's address) wins over a deadline, an
    abort or a cancellation that came while it waited. Results are
    delivered from the resolver's event loop, never from inside the call that started the lookup and never
    while c-ares is running, so slots, receivers and continuations may start
    lookups, cancel, change options and delete the resolver. Only the
    ResolverDestroyedError results are delivered from inside the destructor.

    \par Cancelling
    AresReply::abort(), abortLookup(), abortHostLookup() and abortAll()
    finish a lookup on the next pass of the event loop. QFuture::cancel() has no notification
    in Qt 6.4 short of a QFutureWatcher per lookup, so the resolver looks
    for canceled futures about every 16 ms while futures are pending (less
    often with tens of thousands pending) and before a queued lookup is
    sent; a canceled future finishes canceled, without a result, so its
    then() continuations do not run and onCanceled() handlers do. c-ares
    1.18 cannot cancel one query: a late answer is dropped.

    \par Threads
    lookupHost(), lookupAddress(), lookupNameInfo() (the QFuture
    overloads), lookupHosts(), query(), search() and queryNames() may be
    called from any thread: the request is marshalled to the
    resolver's thread, and the future may be waited on or continued
    anywhere. Everything else must be called from the resolver's thread.
    Never block the resolver's thread on a future (waitForFinished(),
    result()): the answer is delivered by that thread's event loop.
*/
class QARES_EXPORT AresResolver : public QObject
{
    Q_OBJECT
    //! options() and setOptions(), notified by optionsChanged().
    Q_PROPERTY(AresOptions options READ options WRITE setOptions NOTIFY optionsChanged)
    //! pendingLookups(); no signal tells when it changes.
    Q_PROPERTY(int pendingLookups READ pendingLookups)
    //! errorString(); it changes only with setOptions() and the constructor.
    Q_PROPERTY(QString errorString READ errorString)
public:
    /*! The address families a host lookup asks for. */
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

    /*!
        The options in use: those of the constructor or of the last
        setOptions() that accepted them; the defaults if the constructor's
        were rejected.
    */
    AresOptions options() const;
    /*!
        Applies \a options to lookups started from now on; lookups already
        running finish on the old configuration. Returns \c false, keeps the
        current configuration and sets errorString() if they are rejected.
    */
    bool setOptions(const AresOptions &options);
    /*!
        Why the last setOptions(), reloadSystemConfiguration() (or the
        constructor) failed; empty after a success.
    */
    QString errorString() const;

    /*!
        Re-reads resolv.conf (or AresOptions::resolvConfPath()) and the
        hosts file now into a fresh channel with the same options, as a
        change of those files does under
        AresOptions::watchSystemConfiguration() (which need not be on):
        lookups already sent finish on the old channel, queued and later
        ones use the new one, servers given with AresOptions::setServers()
        stay, and new sockets are opened (after a network change, from the
        new source address). For applications that learn of a network
        change by other means than those QAres follows.

        On success emits systemConfigurationChanged() before returning (a
        slot may delete the resolver: then do not touch it after the call)
        and returns \c true. If the files cannot be used, keeps the
        configuration in force, sets errorString() and returns \c false.
    */
    Q_INVOKABLE bool reloadSystemConfiguration();

    /*!
        Host lookup with getaddrinfo semantics: the hosts file and DNS in the
        order of AresOptions::lookupOrder(), search domains, IP literals
        answered without network. Non-ASCII names go out in IDNA form. A
        trailing dot makes the name absolute: no search domains, and (as
        with glibc) no hosts file match, whose names have no dot.
    */
    QFuture<AresHostInfo> lookupHost(const QString &name, Family family = AnyFamily);
    /*!
        Host lookup of AresHostRequest::name() as getaddrinfo() with a service
        and hints does it: the family, the service's port (in
        AresHostInfo::endpoints() and AresHostInfo::port()) and the
        AresHostRequest::Flags. An unknown service, a service that is not a
        number with NumericService, or a name that is not an IP address
        with NumericHost give InvalidRequestError, without a query. Otherwise
        as lookupHost(name, family).
    */
    QFuture<AresHostInfo> lookupHost(const AresHostRequest &request);
    /*!
        One host lookup per name of \a names, as lookupHost() does it, and one
        future for all of them, as QtConcurrent::mapped() gives: result \e i
        is the AresHostInfo of `names[i]`. For many lookups at once this is
        the QFuture API to use: Qt's shared state, continuation and event,
        which a lookupHost() future costs per name, are paid once per call
        (docs/performance.md has the figures).

        \li Each result is reported at its index by the resolver's delivery
            pass (an event-loop pass) after its lookup finished; those that
            finished together are reported together, in runs of consecutive
            indexes. A QFutureWatcher's `resultReadyAt(i)` therefore streams
            them in completion order, not in the order of \a names;
            isResultReadyAt(i) and resultAt(i) read one. The progress range
            is 0 to `names.size()` from the start and progressValue()
            counts the results reported, so a QFutureWatcher can drive a
            progress bar.
        \li The future finishes when every lookup has: then() continuations
            run once, with all results (take a `QFuture<AresHostInfo>`
            argument and read results() or resultAt(i)); resultCount() is
            then `names.size()`.
        \li Errors are per result (AresHostInfo::error()), as with
            lookupHost(); the future never holds an exception. A name given
            twice is looked up twice, one result at each index.
        \li Each lookup counts against AresOptions::maxQueriesInFlight(),
            waits in the queue like any other and has its own deadline.
            The call does not look at the names: it queues them as given,
            in one piece, so it takes as long for 50,000 names as for ten.
            Each name's lookup is made, and its name checked, as it leaves
            the queue; lookups started after the call wait behind all of
            its names. An invalid name gives InvalidRequestError (also when
            its deadline passed or it was aborted while it waited); its
            deadline and AresDiagnostics::queuedTime() count from the call,
            its lookupId() is handed out as it leaves the queue.
        \li QFuture::cancel() cancels every lookup of the call not yet
            finished; the resolver notices it as for lookupHost() (within
            about 16 ms, and before a queued lookup is sent). No result is
            reported after the cancel, the future finishes canceled (then()
            continuations do not run, onCanceled() handlers do), the results
            reported before it stay readable.
        \li abortAll() gives the unfinished lookups OperationCancelledError
            results; destroying the resolver gives them
            ResolverDestroyedError results, reported and the future finished
            from inside the destructor (the future is not canceled). If the
            resolver is destroyed before a call made from another thread
            reached its thread, the future finishes canceled, without results.
        \li Memory: the future keeps every result until the last QFuture
            copy of it is destroyed (docs/performance.md has the bytes per
            name). For an unbounded stream of names, call it in chunks.
        \li An empty \a names gives a finished future without results.

        May be called from any thread, as lookupHost().
    */
    QFuture<AresHostInfo> lookupHosts(const QStringList &names, Family family = AnyFamily);
    /*!
        As lookupHosts(names, family), each name looked up with the family,
        service, socket type and flags of \a request (whose name() is not
        used), as lookupHost(const AresHostRequest &) does.
    */
    QFuture<AresHostInfo> lookupHosts(const QStringList &names, const AresHostRequest &request);
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
        Name-info lookup of \a address and \a port, as getnameinfo() and
        ares_getnameinfo() do it: AresNameInfo::hostName() is the name the
        address's PTR record gives (the hosts file and DNS in the order of
        AresOptions::lookupOrder()), AresNameInfo::serviceName() the port's
        name in the services database (`/etc/services`), the port as a
        number when it has none, empty for port 0. \a flags are those of
        getnameinfo() (AresNameInfo::Flag).

        Without NameRequired an address without a name (NXDOMAIN, no PTR
        record) gives its numeric form, as getnameinfo() does
        (AresNameInfo::isNumericHost()); with it, NotFoundError. Unlike
        ares_getnameinfo(), a server failure or a timeout is an error
        (ServerFailureError, ServerRefusedError, TimeoutError), never the
        numeric form. NumericHost answers without network. An address that
        is neither IPv4 nor IPv6, NumericHost with NameRequired, or more
        than one of DatagramService, SctpService and DccpService give
        InvalidRequestError. Each lookup counts one against
        AresOptions::maxQueriesInFlight() and has its deadline, as
        lookupAddress(). May be called from any thread, as lookupHost().
    */
    QFuture<AresNameInfo> lookupNameInfo(const QHostAddress &address, quint16 port = 0,
                                         AresNameInfo::Flags flags = AresNameInfo::NoFlags);

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
    /*!
        query() of every name of \a names for \a type, with one future for
        all of them: result \e i is the AresRecordSet of `names[i]`.
        Results, order, cancellation, errors, memory and threads as for
        lookupHosts(): reported at their index as each query finishes
        (`resultReadyAt(i)` in completion order), the future finishes when
        all have, each query counts against maxQueriesInFlight() and has its
        own deadline, errors are per result.
    */
    QFuture<AresRecordSet> queryNames(const QStringList &names, AresRecord::Type type);
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
    /*! As lookupHost(const AresHostRequest &), returning an AresReply, as startHostLookup(). */
    AresReply *startHostLookup(const AresHostRequest &request);
    /*! As lookupAddress(), returning an AresReply, as startHostLookup(). */
    AresReply *startAddressLookup(const QHostAddress &address);
    /*!
        As lookupNameInfo(), returning an AresReply (read
        AresReply::nameInfo()), as startHostLookup().
    */
    AresReply *startNameInfoLookup(const QHostAddress &address, quint16 port = 0,
                                   AresNameInfo::Flags flags = AresNameInfo::NoFlags);

    /*!
        As lookupHost(), for high volumes: returns the lookup's id at once and
        delivers the result through hostLookupFinished() (whose
        AresHostInfo::lookupId() is that id), with no object per lookup. Call
        from the resolver's thread. The signal is never emitted from inside
        this call, so connecting once, before or after the first submit, is
        enough.

        Ids are positive and, on one resolver, consecutive in the order
        lookups are started through any of its APIs (the lookups of
        lookupHosts() and queryNames() as each name leaves the queue), so a
        caller may keep per-lookup data in an array indexed by id minus the
        first id. After
        2^31 - 1 lookups they wrap around to 1, skipping ids still in use.
    */
    int submitHostLookup(const QString &name, Family family = AnyFamily);
    /*!
        As lookupHost(const AresHostRequest &), delivered through
        hostLookupFinished(), as submitHostLookup().
    */
    int submitHostLookup(const AresHostRequest &request);
    /*! As lookupAddress(), delivered through hostLookupFinished(), as submitHostLookup(). */
    int submitAddressLookup(const QHostAddress &address);
    /*!
        As lookupNameInfo(), delivered through nameInfoFinished() (whose
        AresNameInfo::lookupId() is the returned id), as submitHostLookup().
    */
    int submitNameInfoLookup(const QHostAddress &address, quint16 port = 0,
                             AresNameInfo::Flags flags = AresNameInfo::NoFlags);
    /*!
        As query(), delivered through queryFinished() (whose
        AresRecordSet::lookupId() is the returned id), as submitHostLookup().
    */
    int submitQuery(const QString &name, AresRecord::Type type);
    /*! As search(), delivered through queryFinished(), as submitQuery(). */
    int submitSearch(const QString &name, AresRecord::Type type);
    /*!
        Finishes the pending lookup \a id with OperationCancelledError, as
        abortAll() does for every lookup: its result is still delivered
        once, on the next pass of the event loop (hostLookupFinished() or
        queryFinished(), AresReply::finished(), the QHostInfo-style receiver,
        the future's result), and a late answer is dropped. Works for the id
        of any lookup (submit…(), AresReply::lookupId(), lookupHost() with a
        receiver); unknown ids and ids of finished lookups are ignored. Use
        abortHostLookup() for QHostInfo's semantics (the receiver is not
        called).
    */
    void abortLookup(int id);

    /*!
        QHostInfo::lookupHost() style: calls \a member of \a receiver, a slot
        taking `const AresHostInfo &` (`SLOT(lookedUp(AresHostInfo))`),
        with the result of an AnyFamily host lookup; returns the lookup id
        for abortHostLookup(). The receiver is called in its own thread and
        not at all if it is destroyed first. Call from the resolver's
        thread.
    */
    int lookupHost(const QString &name, const QObject *receiver, const char *member);
    /*!
        As above with a functor taking `const AresHostInfo &`, called in
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
        As lookupNameInfo(), calling \a functor (taking `const AresNameInfo &`)
        in \a context's thread with the result, unless \a context was
        destroyed first; returns the lookup id (for abortLookup(), which
        still calls the functor, with OperationCancelledError, or
        abortHostLookup(), which does not). Call from the resolver's thread.
    */
    template<typename Functor>
    int lookupNameInfo(const QHostAddress &address, quint16 port, AresNameInfo::Flags flags,
                       const QObject *context, Functor &&functor)
    {
        return lookupNameInfoWithCallback(
                address, port, flags, context,
                std::function<void(const AresNameInfo &)>(std::forward<Functor>(functor)));
    }
    /*!
        Aborts the id-based lookup \a id: as with QHostInfo::abortHostLookup()
        its receiver is not called, even if the result is already waiting
        for delivery; the same for the functor of lookupNameInfo(). Unknown
        ids, ids of delivered lookups and ids of lookups started through the
        other APIs are ignored (abortLookup()
        aborts those, and delivers their result).
    */
    void abortHostLookup(int id);

    /*!
        Aborts every pending lookup: each finishes with
        OperationCancelledError on the next pass of the event loop (futures
        get that result, replies emit finished(), hostLookupFinished() and
        queryFinished() are emitted, receivers are called), and
        c-ares drops its state for them at once (ares_cancel()). With
        thousands pending, they are delivered over the next passes, a
        bounded number per pass (the names of a lookupHosts() or
        queryNames() call still queued too), so that no pass stalls the
        event loop.
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

    /*!
        Empties the resolver's cache (AresOptions::cacheEnabled(),
        docs/caching.md): lookups from now on ask the servers. Lookups in
        flight are not affected. Safe in any slot of the resolver's thread.
    */
    void flushCache();
    /*!
        Removes what the cache knows of \a name (every type; the name as
        asked, not the names its CNAME chain leads to); a Unicode name is
        taken in its IDNA form. Safe in any slot of the resolver's thread.
    */
    void flushCache(const QString &name);
    /*! The questions (a name and a type each) the cache holds now; 0 when it is off. */
    int cacheSize() const;

Q_SIGNALS:
    /*!
        Emitted by setOptions() when it accepted options that differ from the
        current ones, before it returns. Lookups already running keep their
        old configuration; a slot may start lookups (they use the new
        options) or call setOptions().
    */
    void optionsChanged();
    /*!
        Emitted when the resolver has re-read resolv.conf and the hosts file
        because one of them or the network changed
        (AresOptions::watchSystemConfiguration()), from the event loop,
        after the change settled; and by reloadSystemConfiguration(). Lookups started from
        the slot on use the new configuration; a slot may do anything,
        delete the resolver included. A file that cannot be used (e.g. one
        c-ares refuses) leaves the configuration in force, without the
        signal; options() are unchanged either way.
    */
    void systemConfigurationChanged();

    /*!
        Emitted exactly once for every lookup started with submitHostLookup()
        or submitAddressLookup(), and only for those, whatever its outcome:
        an answer, an error, abortLookup(), abortAll(), the deadline, or the
        resolver being destroyed (ResolverDestroyedError). \a info carries
        the result, the error, and the id submit…() returned
        (AresHostInfo::lookupId()).

        It is emitted from the event loop of the resolver's thread, never
        from inside submit…() and never while c-ares is running. The
        exception is the destructor: lookups still pending then are finished
        with ResolverDestroyedError (those whose answer already arrived with
        that answer) and emitted from inside ~AresResolver().

        In a slot it is safe to read \a info, submit or start lookups, abort
        lookups (abortLookup(), abortAll()), call setOptions() and delete the
        resolver (with a direct connection; the results not yet emitted then
        come from its destructor, as above). In a slot reached from the
        destructor do not delete the resolver; lookups submitted there
        finish with ResolverDestroyedError before the destructor returns.
        Connected across threads (a queued connection), \a info is a copy
        and the slot runs later in the receiver's thread.
    */
    void hostLookupFinished(const AresHostInfo &info);
    /*!
        As hostLookupFinished(), for the record queries started with
        submitQuery() and submitSearch(): \a records carries the result, the
        error and the id (AresRecordSet::lookupId()).
    */
    void queryFinished(const AresRecordSet &records);
    /*!
        As hostLookupFinished(), for the name-info lookups started with
        submitNameInfoLookup(): \a info carries the result, the error and
        the id (AresNameInfo::lookupId()).
    */
    void nameInfoFinished(const AresNameInfo &info);

private:
    int lookupHostWithCallback(const QString &name, const QObject *context,
                               std::function<void(const AresHostInfo &)> callback);
    int lookupNameInfoWithCallback(const QHostAddress &address, quint16 port,
                                   AresNameInfo::Flags flags, const QObject *context,
                                   std::function<void(const AresNameInfo &)> callback);

    friend class AresReply;
    Q_DISABLE_COPY_MOVE(AresResolver)
    std::unique_ptr<AresResolverPrivate> const d;
};

class AresHostRequestPrivate;

/*!
    What a host lookup asks for beyond a name, as getaddrinfo()'s service and
    hints say it: the address family, a service (a name from the services
    database, `/etc/services`, or a port number), the socket type whose
    service port is meant, and the `AI_` flags. An implicitly shared value
    type, for AresResolver::lookupHost(const AresHostRequest &) and its
    startHostLookup(), submitHostLookup() and lookupHosts() overloads.

    ```cpp
    AresHostRequest request(QStringLiteral("www.example.org"));
    request.setService(QStringLiteral("https"));      // or setPort(443)
    resolver->lookupHost(request).then(this, [](const AresHostInfo &info) {
        for (const AresEndpoint &endpoint : info.endpoints())
            qDebug() << endpoint.address() << endpoint.port(); // ... 443
    });
    ```
*/
class QARES_EXPORT AresHostRequest
{
    Q_GADGET
public:
    /*! The socket type whose service port is looked up (getaddrinfo()'s `ai_socktype`). */
    enum SocketType {
        AnySocket, //!< as StreamSocket for the service (c-ares looks up TCP services then)
        StreamSocket, //!< the TCP service (SOCK_STREAM)
        DatagramSocket, //!< the UDP service (SOCK_DGRAM)
    };
    Q_ENUM(SocketType)

    /*! getaddrinfo()'s `AI_` flags (c-ares's `ARES_AI_` ones), combined with `|`. */
    enum Flag {
        NoFlags = 0x0, //!< DNS (and the hosts file), the sorted addresses of the family asked for
        CanonicalName = 0x1, //!< AI_CANONNAME: QAres always fills AresHostInfo::canonicalName(); accepted for getaddrinfo's sake
        NumericHost = 0x2, //!< AI_NUMERICHOST: the name must be an IP address (no query)
        NumericService = 0x8, //!< AI_NUMERICSERV: the service must be a port number
        V4Mapped = 0x10, //!< AI_V4MAPPED: IPv6Family without AAAA records gives the A records as IPv4-mapped IPv6 addresses (RFC 4291)
        All = 0x20, //!< AI_ALL: with V4Mapped, the AAAA records and the mapped A records
        AddressConfig = 0x40, //!< AI_ADDRCONFIG: AnyFamily asks only for the families this machine has a non-loopback address of
        NoSort = 0x80, //!< AI_NOSORT: the addresses as the answers gave them, not in RFC 6724 order
        NoCache = 0x100, //!< QAres's own: ask the servers, not the cache (the answer is stored)
    };
    //! The Flag values combined.
    Q_DECLARE_FLAGS(Flags, Flag)
    Q_FLAG(Flags)

    /*! A request of no name: AnyFamily, no service, AnySocket, no flags. */
    AresHostRequest();
    /*! A request of \a name for \a family, without a service. */
    explicit AresHostRequest(const QString &name, AresResolver::Family family = AresResolver::AnyFamily);
    //! @{
    /*! Copies share the data until one of them is modified (implicit sharing). */
    AresHostRequest(const AresHostRequest &other);
    AresHostRequest(AresHostRequest &&other) noexcept;
    AresHostRequest &operator=(const AresHostRequest &other);
    AresHostRequest &operator=(AresHostRequest &&other) noexcept;
    void swap(AresHostRequest &other) noexcept { d.swap(other.d); }
    //! @}
    ~AresHostRequest(); //!< Destroys it (and the shared data with its last copy).

    /*! The name to look up, as for AresResolver::lookupHost(). */
    QString name() const;
    void setName(const QString &name); //!< Sets name().
    /*! The address families asked for. */
    AresResolver::Family family() const;
    void setFamily(AresResolver::Family family); //!< Sets family().
    /*!
        The service: a name in the services database for socketType()'s
        protocol ("https"), or a port number ("8443"); empty for none (the
        endpoints' port is 0 then).
    */
    QString service() const;
    void setService(const QString &service); //!< Sets service().
    /*! Sets service() to \a port as a number. */
    void setPort(quint16 port);
    /*! The socket type whose service is meant. */
    SocketType socketType() const;
    void setSocketType(SocketType type); //!< Sets socketType().
    /*! The `AI_` flags. */
    Flags flags() const;
    void setFlags(Flags flags); //!< Sets flags().

private:
    QSharedDataPointer<AresHostRequestPrivate> d;
};
Q_DECLARE_SHARED(AresHostRequest)
Q_DECLARE_OPERATORS_FOR_FLAGS(AresHostRequest::Flags)

#endif // ARESRESOLVER_H
