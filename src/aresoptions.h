// SPDX-License-Identifier: MIT
#ifndef ARESOPTIONS_H
#define ARESOPTIONS_H

#include "qaresglobal.h"

#include <QtCore/qlist.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qsslconfiguration.h>

#include <chrono>

/*!
    \file aresoptions.h
    The AresOptions and AresServer classes (also as <QAres/AresOptions> and
    <QAres/AresServer>).
*/

/*!
    One DNS server: an address (IPv4 or IPv6), a port and a transport.

    Written as c-ares writes it: `"192.0.2.1"`, `"192.0.2.1:5353"`,
    `"2001:db8::1"`, `"[2001:db8::1]:5353"` (plain DNS). DNS over TLS
    (RFC 7858) servers are written as URIs, `"dns+tls://192.0.2.1:853?hostname=dns.example"`
    (c-ares 1.34's form; `tls://` is the same), or as systemd-resolved writes
    them, `"192.0.2.1:853#dns.example"`. DNS over HTTPS (RFC 8484) servers
    are written as `"dns+https://192.0.2.1/dns-query?hostname=dns.example"`
    or as a DoH URL with its bootstrap address,
    `"https://dns.example/dns-query#192.0.2.1"`. See docs/encrypted-dns.md.
*/
class QARES_EXPORT AresServer
{
    Q_GADGET
    Q_PROPERTY(QHostAddress address READ address) //!< address()
    Q_PROPERTY(quint16 port READ port) //!< port()
    Q_PROPERTY(Transport transport READ transport) //!< transport()
    Q_PROPERTY(QString authenticationName READ authenticationName) //!< authenticationName()
    Q_PROPERTY(QString path READ path) //!< path()
public:
    /*! How queries reach the server. */
    enum class Transport : quint8 {
        Plain, //!< UDP, with TCP for truncated answers (port 53 by default)
        Tls, //!< DNS over TLS, RFC 7858 (TCP, port 853 by default)
        Https, //!< DNS over HTTPS, RFC 8484 (HTTP/2 or HTTP/1.1 over TLS, port 443 by default)
    };
    Q_ENUM(Transport)

    /*! How DNS over HTTPS queries are sent (RFC 8484 section 4.1). */
    enum class HttpMethod : quint8 {
        Post, //!< the query is the body of a POST request (the default)
        Get, //!< the query is the `dns` parameter of a GET request (base64url)
    };
    Q_ENUM(HttpMethod)

    /*! An invalid server: a null address (and port 53). */
    AresServer() = default;
    /*! The plain DNS server at \a address, port \a port. */
    AresServer(const QHostAddress &address, quint16 port = 53) : m_address(address), m_port(port) { }
    /*!
        The DNS over TLS server at \a address, port \a port, whose certificate
        must be valid for \a authenticationName (also sent as SNI); with an
        empty name, for \a address.
    */
    static AresServer tls(const QHostAddress &address,
                          const QString &authenticationName = QString(), quint16 port = 853);
    /*!
        The DNS over HTTPS server at \a address (its bootstrap address: no
        lookup is made to find it), port \a port, whose queries go to \a path
        (an absolute path, possibly with a query of its own) and whose
        certificate must be valid for \a authenticationName (also sent as SNI
        and as the request's authority); with an empty name, for \a address.
    */
    static AresServer https(const QHostAddress &address, const QString &authenticationName,
                            const QString &path = QStringLiteral("/dns-query"),
                            quint16 port = 443);

    /*! The server's address. */
    QHostAddress address() const { return m_address; }
    /*! The server's port, 53 unless given (853 for tls(), 443 for https()). */
    quint16 port() const { return m_port; }
    /*! The transport; Plain unless made by tls(), https() or setTransport(). */
    Transport transport() const { return m_transport; }
    /*! Sets transport() (the port stays as it is). */
    void setTransport(Transport transport) { m_transport = transport; }
    /*! \c true if the transport is Tls or Https. */
    bool isEncrypted() const { return m_transport != Transport::Plain; }
    /*!
        The authentication domain name (RFC 8310): sent as SNI and checked
        against the server's certificate. Empty: the certificate must be
        valid for address().
    */
    QString authenticationName() const { return m_authenticationName; }
    /*! Sets authenticationName() (valid: a domain name, or empty). */
    void setAuthenticationName(const QString &name) { m_authenticationName = name; }
    /*!
        SPKI pins (RFC 7858 section 4.2): SHA-256 digests (32 bytes each, not
        base64) of the SubjectPublicKeyInfo of a key in the server's
        certificate chain. When not empty, one of them must match, in
        addition to the certificate check. Empty by default.
    */
    QList<QByteArray> spkiPins() const { return m_spkiPins; }
    /*! Sets spkiPins() (valid: each 32 bytes). */
    void setSpkiPins(const QList<QByteArray> &pins) { m_spkiPins = pins; }
    /*!
        DNS over HTTPS: the path the queries are sent to, with its query if it
        has one ("/dns-query" unless given). Unused by the other transports.
    */
    QString path() const { return m_path; }
    /*! Sets path() (valid for Https: an absolute path, "/..."). */
    void setPath(const QString &path) { m_path = path; }
    /*! DNS over HTTPS: how queries are sent; Post unless set. */
    HttpMethod httpMethod() const { return m_httpMethod; }
    /*! Sets httpMethod(). */
    void setHttpMethod(HttpMethod method) { m_httpMethod = method; }

    /*!
        \c true if the address is not null and the port not 0.
        AresOptions::validate() also requires an IPv4 or IPv6 address.
    */
    bool isValid() const { return !m_address.isNull() && m_port != 0; }

    /*!
        "127.0.0.1:5353" or "[::1]:5353" for plain servers (the port is
        always written); "dns+tls://127.0.0.1:853?hostname=dns.example" for
        DNS over TLS, with a `pin-sha256` parameter (base64) per pin;
        "https://dns.example:443/dns-query#ipaddr=127.0.0.1" for DNS over
        HTTPS (the URL, then the address, pins and method after `#`).
    */
    QString toString() const;
    /*!
        Parses \a text: an address with an optional port (plain DNS; 53 if
        none), `dns://` (plain), `dns+tls://` or `tls://` URIs (DNS over TLS;
        853 if no port) with the parameters `hostname` (the authentication
        name), `ipaddr` (the address, when the URI names a host) and
        `pin-sha256` (a base64 SPKI pin, repeatable), or
        `address[:port]#name` (DNS over TLS, as systemd-resolved writes it),
        `dns+https://host[:port]/path` URIs (DNS over HTTPS; 443 if no port;
        the parameters of `dns+tls://` and `method=get`), or DoH URLs,
        `https://host[:port]/path[?query]`, with the bootstrap address after
        `#` (`#192.0.2.1`, or `#ipaddr=192.0.2.1&pin-sha256=...&method=get`)
        when the host is a name. Returns an invalid server and, if \a errorString is given, a reason
        when \a text is none of these.
    */
    static AresServer fromString(const QString &text, QString *errorString = nullptr);

    /*!
        \c true if \a a and \a b have the same address, port, transport, name,
        pins, path and method.
    */
    friend bool operator==(const AresServer &a, const AresServer &b)
    {
        return a.m_port == b.m_port && a.m_address == b.m_address && a.m_transport == b.m_transport
                && a.m_authenticationName == b.m_authenticationName && a.m_spkiPins == b.m_spkiPins
                && a.m_path == b.m_path && a.m_httpMethod == b.m_httpMethod;
    }
    /*! \c true if \a a and \a b differ in anything operator==() compares. */
    friend bool operator!=(const AresServer &a, const AresServer &b) { return !(a == b); }

private:
    QHostAddress m_address;
    QString m_authenticationName;
    QList<QByteArray> m_spkiPins;
    QString m_path = QStringLiteral("/dns-query");
    quint16 m_port = 53;
    Transport m_transport = Transport::Plain;
    HttpMethod m_httpMethod = HttpMethod::Post;
};
Q_DECLARE_TYPEINFO(AresServer, Q_RELOCATABLE_TYPE);

class AresOptionsPrivate;

/*!
    The configuration of an AresResolver: an implicitly shared value type.

    Setters never fail silently: those taking text return \c false with a
    reason and keep the previous value; AresResolver::setOptions() validates
    the whole set again (validate()) and keeps the previous configuration if
    it is rejected. The other setters store what they are given; "valid:"
    below says what validate() accepts.

    The defaults suit an interactive application: 2 s per try, 2 tries, an
    overall deadline of 10 s per lookup (c-ares's own tries alone can take
    much longer against a dead server: docs/event-loop.md), an in-flight
    window of 150 DNS queries per resolver that adapts up to 1,000 with the
    round-trip time, and
    a 1 MiB socket receive buffer. Options left unset (servers, search
    domains, ndots) come from the system's resolv.conf, or from
    resolvConfPath() when set.
*/
class QARES_EXPORT AresOptions
{
    Q_GADGET
public:
    /*! Switches of the channel, each mapped to a c-ares flag; none is set by default. */
    enum Flag {
        NoFlags = 0x0, //!< none of the flags below
        TcpOnly = 0x1, //!< always use TCP (ARES_FLAG_USEVC)
        PrimaryServerOnly = 0x2, //!< only query the first server (ARES_FLAG_PRIMARY)
        IgnoreTruncation = 0x4, //!< accept truncated UDP answers instead of retrying over TCP (ARES_FLAG_IGNTC)
        NoRecursion = 0x8, //!< clear the RD bit (ARES_FLAG_NORECURSE)
        NoSearch = 0x10, //!< never append search domains (ARES_FLAG_NOSEARCH)
        NoAliases = 0x20, //!< ignore HOSTALIASES (ARES_FLAG_NOALIASES)
        Edns = 0x40, //!< send an EDNS0 OPT record (ARES_FLAG_EDNS), see ednsPayloadSize()
        StayOpen = 0x80, //!< keep sockets open when idle (ARES_FLAG_STAYOPEN)
    };
    //! A combination of Flag values (flags(), setFlags()).
    Q_DECLARE_FLAGS(Flags, Flag)
    Q_FLAG(Flags)

    /*! Where host lookups look, and in which order (c-ares "lookups"). */
    enum class LookupOrder {
        HostsFileThenDns, //!< "fb", the default
        DnsThenHostsFile, //!< "bf"
        DnsOnly,          //!< "b"
        HostsFileOnly,    //!< "f"
    };
    Q_ENUM(LookupOrder)

    /*!
        What may happen when an encrypted server (AresServer::isEncrypted())
        cannot be reached securely (RFC 8310 section 5).
    */
    enum class EncryptionProfile {
        Strict, //!< never send a query in clear: a failed handshake or check fails the lookup with EncryptionError (the default)
        Opportunistic, //!< fall back to plain DNS and say so on the result: reserved, not supported yet (validate() refuses it)
    };
    Q_ENUM(EncryptionProfile)

    /*! The defaults given with each option below. */
    AresOptions();
    //! @{
    /*!
        Copies share the options until one of them is modified (implicit
        sharing); moves and swap() exchange them without copying.
    */
    AresOptions(const AresOptions &other);
    AresOptions(AresOptions &&other) noexcept;
    AresOptions &operator=(const AresOptions &other);
    AresOptions &operator=(AresOptions &&other) noexcept;
    void swap(AresOptions &other) noexcept { d.swap(other.d); }
    //! @}
    ~AresOptions(); //!< Destroys it (and the shared data with its last copy).

    /*! The servers to ask, in order. Empty (the default): the system's. */
    QList<AresServer> servers() const;
    /*!
        Sets servers() (valid: each an IPv4 or IPv6 address with a port;
        either all plain or all DNS over TLS, for now).
    */
    void setServers(const QList<AresServer> &servers);
    /*!
        Sets the servers from strings as AresServer::fromString() reads
        them ("127.0.0.1:5353", "[::1]:5353", "192.0.2.1",
        "dns+tls://192.0.2.1?hostname=dns.example"). On a bad entry returns \c false, sets
        \a errorString and leaves the servers unchanged.
    */
    bool setServers(const QStringList &servers, QString *errorString = nullptr);
    /*! servers() as AresServer::toString() writes them, ports included. */
    QStringList serverStrings() const;

    /*! Time to wait for an answer on the first try (c-ares doubles it per round). Default 2000 ms. */
    std::chrono::milliseconds timeout() const;
    void setTimeout(std::chrono::milliseconds timeout); //!< Sets timeout() (valid: at least 1 ms).

    /*! How many times each server is tried. Default 2. */
    int tries() const;
    void setTries(int tries); //!< Sets tries() (valid: 1 to 100).

    /*! Dots a name needs to be tried as-is before the search domains. -1 (default): the system's. */
    int ndots() const;
    void setNdots(int ndots); //!< Sets ndots() (valid: 0 to 15, or -1).

    /*! Spread queries over the servers instead of always starting with the first. Default off. */
    bool rotate() const;
    void setRotate(bool rotate); //!< Sets rotate().

    /*! The flags set; NoFlags by default. */
    Flags flags() const;
    void setFlags(Flags flags); //!< Sets flags(), replacing all of them.
    /*! Sets \a flag if \a on is \c true, clears it otherwise; the other flags stay. */
    void setFlag(Flag flag, bool on = true);
    /*! \c true if \a flag is set in flags(). */
    bool testFlag(Flag flag) const { return flags().testFlag(flag); }

    /*! UDP payload size advertised with EDNS (the Edns flag). Default 1232. */
    int ednsPayloadSize() const;
    void setEdnsPayloadSize(int size); //!< Sets ednsPayloadSize() (valid: 512 to 65535).

    /*! Search domains. Empty (the default): the system's; use the NoSearch flag to search none. */
    QStringList searchDomains() const;
    //! Sets searchDomains() (valid: domain names).
    void setSearchDomains(const QStringList &domains);

    /*!
        Where host and reverse lookups look; default HostsFileThenDns.
        Record queries ask DNS only.
    */
    LookupOrder lookupOrder() const;
    void setLookupOrder(LookupOrder order); //!< Sets lookupOrder().

    /*!
        UDP port for servers given without one, which are those read from
        resolv.conf (an AresServer always has a port); c-ares udp_port.
        0 (default): 53.
    */
    quint16 udpPort() const;
    void setUdpPort(quint16 port); //!< Sets udpPort().
    /*! As udpPort(), for TCP (c-ares tcp_port). */
    quint16 tcpPort() const;
    void setTcpPort(quint16 port); //!< Sets tcpPort().

    /*! Local IPv4 address to send from; null (the default): any. */
    QHostAddress localIPv4Address() const;
    //! Sets localIPv4Address() (valid: null or IPv4).
    void setLocalIPv4Address(const QHostAddress &address);
    /*! Local IPv6 address to send from; null (the default): any. */
    QHostAddress localIPv6Address() const;
    //! Sets localIPv6Address() (valid: null or IPv6).
    void setLocalIPv6Address(const QHostAddress &address);
    /*! Network device to bind to (SO_BINDTODEVICE; needs privileges). Empty: none. */
    QString localDevice() const;
    //! Sets localDevice() (valid: up to 31 characters).
    void setLocalDevice(const QString &device);

    /*! resolv.conf to read instead of the system's. Empty: the system's. */
    QString resolvConfPath() const;
    //! Sets resolvConfPath() (valid: a readable file).
    void setResolvConfPath(const QString &path);

    /*!
        Socket buffer sizes in bytes; 0: the system's. The send buffer
        defaults to the system's; the receive buffer to 1 MiB, so that a
        burst of maxQueriesInFlight() answers fits in c-ares 1.18's one UDP
        socket per server (the kernel caps it at net.core.rmem_max).
    */
    int socketSendBufferSize() const;
    void setSocketSendBufferSize(int bytes); //!< Sets socketSendBufferSize() (valid: 0 or more).
    /*! The receive buffer size in bytes; see socketSendBufferSize(). */
    int socketReceiveBufferSize() const;
    //! Sets socketReceiveBufferSize() (valid: 0 or more).
    void setSocketReceiveBufferSize(int bytes);

    /*!
        The most DNS queries that may be in flight at once (an A+AAAA host
        lookup counts two; IPv4Family or IPv6Family lookups, reverse lookups
        and record queries count one). Lookups beyond the current window
        (AresResolver::queryWindow()) wait in a FIFO queue. Default 1,000.

        With adaptiveQueryWindow() (the default) this is the ceiling: the
        window starts at 150 (or at this value if lower) and grows towards
        it only while the round-trip time stays near its minimum, so a
        distant server (throughput is about window / round trip) gets more
        queries at once while a loopback or LAN server, or one that queues,
        keeps 150. 150 is the safe fixed value: a burst from one c-ares
        socket lands in one socket of the server, and queries beyond what
        that socket's buffer holds are dropped, each costing a retry after
        the timeout (docs/performance.md). A value of 150 or less is a fixed
        cap. Without adaptiveQueryWindow() this is the fixed cap
        (set both, e.g. 150 and \c false, for a fixed window of 150).
        0: no cap.
    */
    int maxQueriesInFlight() const;
    void setMaxQueriesInFlight(int queries); //!< Sets maxQueriesInFlight() (valid: 0 or more).

    /*!
        Whether the number of queries in flight adapts to the servers'
        round-trip time (like TCP Vegas) between 150 and
        maxQueriesInFlight(); default \c true. It grows while the round trip
        stays within 8/7 of the smallest seen recently (loopback and LAN
        servers keep 150: more would add little), shrinks when
        the round trip grows with load, halves when a query times out, and
        starts over at 150 when setOptions() changes the options. A server
        that drops queries without answering slower first is only noticed
        by its timeouts: set maxQueriesInFlight() to what such a server
        takes. \c false: a fixed cap of maxQueriesInFlight(). See
        docs/performance.md.
    */
    bool adaptiveQueryWindow() const;
    void setAdaptiveQueryWindow(bool adaptive); //!< Sets adaptiveQueryWindow().

    /*!
        Follow the system's configuration: when the resolv.conf the
        channel read (resolvConfPath(), or /etc/resolv.conf) or the hosts
        file ($CARES_HOSTS, or /etc/hosts) changes — rewritten, or replaced
        by a rename as NetworkManager and systemd-resolved do — the
        resolver re-reads them into a fresh channel with these same options
        and emits AresResolver::systemConfigurationChanged(). Lookups already
        sent finish on the old channel; queued and later ones use the new
        one. Servers given with setServers() stay in force (the file still
        gives search domains and options). Default \c true. The resolvers
        of one thread share one file watcher (on Linux one inotify
        descriptor, which wakes the thread only when those directories
        change). A change of the network that QNetworkInformation reports
        (reachability, transport medium) makes a fresh channel too, where
        a backend is loaded (the first watching resolver of the main thread
        loads one if the application did not). See
        docs/system-configuration.md.
    */
    bool watchSystemConfiguration() const;
    void setWatchSystemConfiguration(bool watch); //!< Sets watchSystemConfiguration().

    /*!
        Overall time a lookup may take from the call, queueing included; then
        it finishes with TimeoutError. Default 10 s; 0: no deadline. If the
        resolver's thread was blocked past a deadline (a long slot, a busy
        GUI thread), the lookups due get as long again as the block lasted,
        up to one timeout(), to finish what the block held up (a retry
        after SERVFAIL), once per block.
    */
    std::chrono::milliseconds deadline() const;
    void setDeadline(std::chrono::milliseconds deadline); //!< Sets deadline() (valid: 0 or more).

    /*!
        Whether the resolver keeps answers in its own TTL cache (see
        docs/caching.md); default \c true. Every DNS query the resolver's
        c-ares sends is answered from the cache while its answer's TTL
        lasts, and identical lookups in flight share one query. Answers from
        the hosts file, IP literals and answers to questions not asked are
        never cached. setOptions() starts with an empty cache.
        AresHostRequest::NoCache bypasses it for one host lookup.
    */
    bool cacheEnabled() const;
    void setCacheEnabled(bool enabled); //!< Sets cacheEnabled().
    /*!
        The most questions (a name, a type) the cache keeps; the least
        recently used go first. Default 10,000; 0 keeps nothing.
    */
    int maximumCacheEntries() const;
    void setMaximumCacheEntries(int entries); //!< Sets maximumCacheEntries() (valid: 0 or more).
    /*!
        Shorter TTLs of cached records are raised to this; default 0 s. A TTL
        of 0 still means "do not cache".
    */
    std::chrono::seconds minimumTtl() const;
    void setMinimumTtl(std::chrono::seconds ttl); //!< Sets minimumTtl() (valid: 0 or more).
    /*! Longer TTLs of cached records are lowered to this; default 1 day. */
    std::chrono::seconds maximumTtl() const;
    //! Sets maximumTtl() (valid: 0 or more, not less than minimumTtl()).
    void setMaximumTtl(std::chrono::seconds ttl);
    /*!
        How long a negative answer (no such name, no data) is kept at most;
        default 15 minutes. Its own TTL is that of RFC 2308: the smaller of
        the SOA record's TTL and its MINIMUM field.
    */
    std::chrono::seconds maximumNegativeTtl() const;
    //! Sets maximumNegativeTtl() (valid: 0 or more).
    void setMaximumNegativeTtl(std::chrono::seconds ttl);
    /*!
        Serve-stale (RFC 8767): when every server fails or times out, an
        answer that expired no longer than this ago is served instead,
        marked stale (AresHostInfo::isStale(), AresRecordSet::isStale()),
        with a TTL of 30 s. Default 0 s: off.
    */
    std::chrono::seconds staleAnswerLimit() const;
    //! Sets staleAnswerLimit() (valid: 0 or more).
    void setStaleAnswerLimit(std::chrono::seconds limit);

    /*!
        The profile for encrypted servers; Strict by default. Only used when
        servers() has encrypted servers.
    */
    EncryptionProfile encryptionProfile() const;
    //! Sets encryptionProfile() (valid: Strict, for now).
    void setEncryptionProfile(EncryptionProfile profile);

    /*!
        The TLS configuration of connections to encrypted servers, of which
        QAres uses the CA certificates (the trust anchors), the protocol and
        the ciphers; the peer name, ALPN ("dot") and verification mode are
        QAres's. Default: QSslConfiguration::defaultConfiguration() (the
        system's CA certificates).
    */
    QSslConfiguration sslConfiguration() const;
    void setSslConfiguration(const QSslConfiguration &configuration); //!< Sets sslConfiguration().

    /*! \c true if any of servers() is encrypted (AresServer::isEncrypted()). */
    bool hasEncryptedServers() const;

    /*! Returns \c true if every option is in range; otherwise \c false and the reason. */
    bool validate(QString *errorString = nullptr) const;

    /*! \c true if every option of \a a equals that of \a b. */
    friend QARES_EXPORT bool operator==(const AresOptions &a, const AresOptions &b);
    /*! \c true if any option of \a a differs from that of \a b. */
    friend bool operator!=(const AresOptions &a, const AresOptions &b) { return !(a == b); }

private:
    QSharedDataPointer<AresOptionsPrivate> d;
};
Q_DECLARE_SHARED(AresOptions)
Q_DECLARE_OPERATORS_FOR_FLAGS(AresOptions::Flags)

#ifndef QT_NO_DEBUG_STREAM
/*! Writes \a server to \a debug on one line: `AresServer(127.0.0.1:53)`, toString() inside. */
QARES_EXPORT QDebug operator<<(QDebug debug, const AresServer &server);
/*!
    Writes \a options to \a debug on one line: the servers, the timeout,
    tries and deadline, and every other option that differs from the
    defaults.
*/
QARES_EXPORT QDebug operator<<(QDebug debug, const AresOptions &options);
#endif

#endif // ARESOPTIONS_H
