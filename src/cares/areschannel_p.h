// SPDX-License-Identifier: MIT
#ifndef ARESCHANNEL_P_H
#define ARESCHANNEL_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
// This directory is the only place that includes <ares.h>.
//

#include "aresoptions.h"

#include <QtCore/qhash.h>
#include <QtCore/qmap.h>
#include <QtCore/qobject.h>
#include <QtCore/qtimer.h>

#include <chrono>
#include <memory>

class QSocketNotifier;
struct ares_channeldata;
struct sockaddr;
struct ares_addrinfo;
struct hostent;

namespace QAresPrivate {

namespace Transport {
class TlsBridge;
struct TlsPeer;
}
namespace Cache {
class DnsCache;
}
class Channel;

/*!
    The clock of timers, deadlines and round trips: CLOCK_MONOTONIC through
    steady_clock, without QElapsedTimer's extra work (it costs twice as much
    per read, and these are read per lookup).
*/
inline qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
}
//! monotonicNs() in whole milliseconds.
inline qint64 monotonicMs()
{
    return monotonicNs() / 1000000;
}

/*!
    What one c-ares request produced, recorded on c-ares's stack. Plain data:
    no user code may run while it is built.
*/
struct ChannelResult
{
    int status = 0;
    int timeouts = 0;
    int wireRcode = 0; // SERVFAIL/NOTIMP/REFUSED seen on the wire when status is ECONNREFUSED
    QString hostName;
    QString canonicalName;
    QStringList aliases;
    QStringList aliasTargets; // host lookups: aliases[i] is a CNAME to aliasTargets[i], with TTL aliasTtls[i]
    QList<int> aliasTtls;
    QList<QHostAddress> addresses;
    QList<int> ttls;
    // Encrypted servers: why the last TLS connection failed, when the request
    // failed after one did (the lookup's error is then EncryptionError).
    QString encryptionFailure;
    // The transport of the servers (AresServer::Transport), and whether the request got an
    // answer (NXDOMAIN and NODATA included) over an authenticated encrypted connection.
    quint8 transport = 0;
    bool authenticated = false;
    // Where the answer came from (src/cache/): ChannelResult::CacheState bits.
    enum CacheState : quint8 { FromCache = 0x1, Stale = 0x2, Coalesced = 0x4 };
    quint8 cacheState = 0;
    // Record queries: the reply as the server sent it, when there is one.
    // Valid only until requestDone() returns.
    QByteArrayView answer;
};

/*!
    Base of a caller's record for one request. The channel passes it back to
    ChannelListener::requestDone() exactly once: with the answer, an error,
    ARES_ECANCELLED (cancelAll()) or ARES_EDESTRUCTION (channel destroyed).
    It must stay alive until then.
*/
struct ChannelRequest
{
    Channel *channel = nullptr;
    QByteArray name; // ACE name asked for (PTR name for reverse lookups), for wire error attribution
    // Host lookups of an ASCII name may leave name empty and point here at
    // the same text instead (no Latin-1 copy: c-ares copies the name itself).
    const QString *asciiName = nullptr;
    // Record queries on c-ares >= 1.28: the id c-ares gave the query (its reply is found by it).
    quint16 queryId = 0;
    // Host lookups of an AresHostRequest (in what was padding: no size cost): the
    // service's port (for the result's endpoints) and what getAddrInfo() does
    // beyond c-ares, which accepts ARES_AI_V4MAPPED and ARES_AI_ALL but ignores them.
    // HostNumericOnly (AresHostRequest::NumericHost) is the engine's: the name must be a literal.
    enum HostFlag : quint8 {
        HostNoSort = 0x1,
        HostV4Mapped = 0x2,
        HostAll = 0x4,
        HostNumericOnly = 0x8,
    };
    quint16 hostPort = 0;
    quint8 hostFlags = 0;
    // The resolver's cache (src/cache/), in what was padding: in, whether to bypass
    // it; out (from CacheStateShift on), the result's ChannelResult::CacheState.
    enum CacheFlag : quint8 { CacheBypass = 0x1 };
    static constexpr int CacheStateShift = 4;
    quint8 cacheFlags = 0;
    // The name asked for was absolute (CheckedName::absolute): no search
    // domains. name never carries the trailing dot; getAddrInfo() gives
    // c-ares one, the only place that writes it.
    bool absolute = false;
    /*! The ACE name asked for: name, or asciiName's text. */
    QByteArray aceName() const { return name.isEmpty() && asciiName ? asciiName->toLatin1() : name; }
};

class ChannelListener
{
public:
    /*!
        Called on c-ares's stack: record the result, run no user code, and do
        not call back into the channel (no submit, cancel or destroy).
    */
    virtual void requestDone(ChannelRequest *request, ChannelResult &&result) = 0;

protected:
    ~ChannelListener() = default;
};

/*!
    One c-ares channel driven by the Qt event loop of the thread it lives in:
    QSocketNotifiers follow sock_state_cb, one QTimer follows ares_timeout().
*/
class Channel : public QObject
{
    Q_OBJECT
public:
    /*! Creates a channel for \a options; returns null and \a errorString if c-ares refuses them. */
    static std::unique_ptr<Channel> create(const AresOptions &options, ChannelListener *listener,
                                           QString *errorString);
    ~Channel() override; // ares_destroy(): pending requests end with ARES_EDESTRUCTION

    enum class Family : quint8 { Any, IPv4, IPv6 };
    /*! ares_getaddrinfo() of the request's name (with a trailing dot if it is absolute). */
    void getAddrInfo(ChannelRequest *request, Family family);
    void getHostByAddr(ChannelRequest *request, const QHostAddress &address);
    /*!
        The host name of \a address (ares_getnameinfo(), the PTR record, the
        hosts file as lookupOrder() says), in ChannelResult::hostName; with
        \a noFqdn the machine's own domain is cut off it (ARES_NI_NOFQDN).
        No name is ARES_ENOTFOUND (the caller decides about the numeric
        form); server failures and timeouts are told apart as for
        getHostByAddr().
    */
    void getNameInfo(ChannelRequest *request, const QHostAddress &address, bool noFqdn);
    /*!
        A query of the request's name for records of \a type, class IN; with
        \a search and a name that is not absolute, of the name under each
        search domain as resolv.conf's rules say (walked here, the same on
        every c-ares version). The reply comes back in ChannelResult::answer
        as the server sent it.
    */
    void query(ChannelRequest *request, int type, bool search);
    /*! ares_cancel(): every pending request ends with ARES_ECANCELLED, synchronously. */
    void cancelAll();

    /*! Applies buffer sizes, device and local address to a new socket (socket hook). */
    bool configureSocket(int fd, int domain) const;
    /*! Called by the socket hooks with every piece c-ares reads (a UDP datagram, or TCP bytes). */
    void noteReceived(int fd, bool stream, const unsigned char *buffer, qsizetype length);
    void streamOpened(int fd);
    void streamClosed(int fd);

    int pendingRequests() const { return m_pending; }

    // The resolver's TTL cache (src/cache/, docs/caching.md): null when off.
    // Requests are answered from it before c-ares is asked, identical ones in
    // flight share one, and the replies to the queries c-ares sent are stored.
    void setCache(Cache::DnsCache *cache);
    /*! Called by the send hooks with what c-ares wrote (\a sent bytes of it). */
    void noteSent(int fd, const unsigned char *buffer, qsizetype length);

    // DNS over TLS (src/transport/tlsbridge_p.h): with encrypted servers every
    // socket c-ares opens is one end of a socketpair bridged to a TLS
    // connection; c-ares is never given a socket that reaches the network.
    bool isEncrypted() const { return m_encrypted; }
    /*! The socket hook's part: c-ares's end of a new socketpair, or -1 and errno. */
    int openBridgeSocket(int domain);
    bool isBridged(int fd) const { return !m_bridges.isEmpty() && m_bridges.contains(fd); }
    /*! The connect hook's part: starts the TLS connection to the server at \a address. */
    bool connectBridge(int fd, const struct sockaddr *address);
    /*! An unspecified address of the server's family, for c-ares's getsockname(). */
    int bridgeSockName(int fd, struct sockaddr *address, unsigned int *length) const;
    void closeBridge(int fd);
    //! AresServer::Transport of the servers (one kind per channel).
    AresServer::Transport transport() const { return m_transport; }

private:
    struct SocketWatch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
    };

    Channel(ChannelListener *listener, int firstTryTimeoutMs);
    static void sockStateCallback(void *data, int fd, int readable, int writable);
    static void addrInfoCallback(void *arg, int status, int timeouts, ::ares_addrinfo *result);
    static void mapV4Addresses(const ChannelRequest *request, const ::ares_addrinfo *info,
                               Channel *channel, ChannelResult &result);
    static void hostCallback(void *arg, int status, int timeouts, ::hostent *host);
    static void nameInfoCallback(void *arg, int status, int timeouts, char *node, char *service);
    void recoverReverseFailure(const ChannelRequest *request, int timeouts, ChannelResult &result) const;
    struct SearchWalk;
    void readSearchConfiguration();
    /*! Sends one query for \a request (a step of \a walk, if not null). */
    void sendQuery(const QByteArray &name, int type, ChannelRequest *request, SearchWalk *walk);
    void searchStepDone(SearchWalk *walk, int status, int timeouts, QByteArrayView reply);
    void finishQuery(ChannelRequest *request, int status, int timeouts, QByteArrayView reply);
    void noteReply(const unsigned char *buffer, qsizetype length);
    /*! The reply c-ares accepted for query \a id, as the server sent it (c-ares >= 1.28). */
    QByteArray takeReply(quint16 id, int status, const void *acceptedRecord);

    void setSocketState(int fd, bool readable, bool writable);
    void processFd(int fd);
    void onTimer();
    void requestSubmitted();
    /*! Starts the timer for c-ares's next expiry (only if that is earlier than the timer's, if asked). */
    void armTimerFromCares(bool onlyIfEarlier);
    void complete(ChannelRequest *request, ChannelResult &&result);
    void noteTransport(ChannelResult &result) const;
    static void setHttpsPeer(const AresServer &server, Transport::TlsPeer *peer);
    void connectHttpsBridge(Transport::TlsBridge *bridge, int index);
    const QList<int> &singleTtlList(int ttl);
    /*! Response code of the last UDP reply seen for \a name, or -1. */
    int wireRcodeFor(const QByteArray &name) const;

    // The cache's part (areschannelcache.cpp).
    struct CacheSpec; // what a request asked for, to answer it from the cache
    struct Flight;    // a request in c-ares, and the identical ones waiting for its result
    /*! The result the cache has for \a spec (\a reply holds its answer's bytes), if it has one. */
    bool cachedResult(const CacheSpec &spec, bool allowStale, ChannelResult &result,
                      QByteArray &reply);
    /*!
        True if the cache completed \a request, or it joined an identical one
        in flight; otherwise it leads a new flight and goes to c-ares.
    */
    bool lookUpCache(ChannelRequest *request, const CacheSpec &spec);
    /*! True if \a request joined an identical one in flight; otherwise it leads a new flight. */
    bool joinFlight(ChannelRequest *request, const CacheSpec &spec);
    /*! complete()'s part: serve-stale for a failure, the result to the flight's others. */
    void completeFlight(ChannelRequest *request, ChannelResult &result);
    //! lookUpCache() for getAddrInfo() and query().
    // The request's name (never with a trailing dot) and ChannelRequest::absolute.
    bool lookUpHost(ChannelRequest *request, Family family);
    bool lookUpQuery(ChannelRequest *request, int type, bool search);
    void noteCacheReply(const unsigned char *message, qsizetype size);
    void noteSentMessage(const unsigned char *message, qsizetype size);
    Cache::DnsCache *m_cache = nullptr;
    QHash<quint16, QByteArray> m_sentQuestions; // id -> question (lower-cased), until answered
    QHash<int, QByteArray> m_sentStreams;       // TCP bytes written, not yet a whole message
    QHash<QByteArray, ChannelRequest *> m_leaders; // coalescing key -> the request in c-ares
    QHash<ChannelRequest *, Flight *> m_flights;   // by the request in c-ares
    QByteArray m_staleReply; // a stale answer's bytes, while complete() hands it over

    ::ares_channeldata *m_channel = nullptr;
    ChannelListener *m_listener;
    QHash<int, SocketWatch> m_sockets;
    QHash<QByteArray, int> m_wireRcodes;
    QList<int> m_singleTtl; // the TTL list of the last one-address answer, shared by the next of the same TTL
    QTimer m_timer;
    qint64 m_timerDueMs = 0; // monotonic ms m_timer was last started for (QTimer::remainingTime() is O(timers))
    [[maybe_unused]] int m_firstTryTimeoutMs; // c-ares < 1.22: the first try's expiry at submit
    QList<QByteArray> m_searchDomains; // ACE, as c-ares read them (options, resolv.conf, LOCALDOMAIN)
    int m_ndots = 1;
    // Record queries' replies as they came, by id, while any is pending: c-ares >= 1.28 hands
    // over a re-encoded one. TCP bytes not yet a whole message, by socket.
    QHash<quint16, QList<QByteArray>> m_replies;
    QHash<int, QByteArray> m_streams;
    int m_recordQueries = 0;
    int m_pending = 0;
    int m_reversePending = 0; // while > 0, every rcode of .arpa replies is noted
    int m_sendBufferSize = 0;
    int m_receiveBufferSize = 0;
    QByteArray m_device;
    QHostAddress m_localIPv4;
    QHostAddress m_localIPv6;
    struct Bridge
    {
        Transport::TlsBridge *bridge = nullptr; // null until c-ares connects
        int domain = 0;
    };
    bool m_encrypted = false;
    AresServer::Transport m_transport = AresServer::Transport::Plain;
    QList<AresServer> m_tlsServers;
    QSslConfiguration m_sslConfiguration;
    QHash<int, Bridge> m_bridges; // by c-ares's end of the socketpair
    QHash<int, int> m_bridgePeers; // c-ares's end -> the bridge's end, until connect()
    QMap<int, QString> m_encryptionFailures; // by server index: the last TLS failure, while kept
};

/*!
    The name of \a port in the services database for \a protocol ("tcp",
    "udp", "sctp", "dccp"), as ares_getnameinfo() looks it up; the port as a
    number when it has none or with \a numeric; empty for port 0.
*/
QString serviceName(quint16 port, const char *protocol, bool numeric);
/*! The port of \a service in the services database for \a protocol; -1 if it has none. */
int servicePort(const QByteArray &service, const char *protocol);

} // namespace QAresPrivate

#endif // ARESCHANNEL_P_H
