// SPDX-License-Identifier: MIT
#include "areschannel_p.h"
#include "aresrecord.h"
#include "aressort_p.h"
#include "aresstatus_p.h"
#include "transport/tlsbridge_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qfile.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qsocketnotifier.h>
#include <QtCore/qurl.h>
#include <QtCore/qvarlengtharray.h>

#include "aresfeatures_p.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

Q_LOGGING_CATEGORY(lcAresChannel, "qares.channel", QtWarningMsg)

namespace QAresPrivate {

static void initLibraryOnce()
{
    // ares_library_init() is not thread-safe: once per process, under a lock.
    static std::once_flag once;
    std::call_once(once, [] {
        const int status = ares_library_init(ARES_LIB_INIT_ALL);
        if (status != ARES_SUCCESS)
            qCWarning(lcAresChannel, "ares_library_init failed: %s", ares_strerror(status));
    });
}

static QHostAddress toHostAddress(const struct sockaddr *address);

// The cache's view of what c-ares sent (the questions its replies must answer).
[[maybe_unused]] static void noteSentToCache(void *data, int fd, const void *buffer,
                                             ares_ssize_t sent)
{
    if (sent > 0) {
        static_cast<Channel *>(data)->noteSent(fd, static_cast<const unsigned char *>(buffer),
                                               sent);
    }
}

[[maybe_unused]] static void noteSentvToCache(void *data, int fd, const struct iovec *vector,
                                              int count, ares_ssize_t sent)
{
    auto *channel = static_cast<Channel *>(data);
    for (int i = 0; i < count && sent > 0; ++i) {
        const ares_ssize_t part = qMin<ares_ssize_t>(sent, ares_ssize_t(vector[i].iov_len));
        channel->noteSent(fd, static_cast<const unsigned char *>(vector[i].iov_base), part);
        sent -= part;
    }
}

// Socket hooks. With its own socket functions installed, c-ares leaves the
// socket as it is given (non-blocking mode, buffer sizes, device and local
// address are QAres's), so the hook applies those. Every reply c-ares reads
// passes through the receive hook (UDP datagrams whole, TCP streams in any
// pieces): the channel notes the SERVFAIL/REFUSED/NOTIMP that c-ares folds
// into one status, and keeps record queries' replies as they came.
static ares_socket_t hookSocket(int domain, int type, int protocol, void *data)
{
    auto *channel = static_cast<Channel *>(data);
    if (channel->isEncrypted()) {
        // Encrypted servers only: TCP through a TLS bridge, never a UDP socket (nothing in clear).
        if ((type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != SOCK_STREAM) {
            errno = EACCES;
            return ARES_SOCKET_BAD;
        }
        const int fd = channel->openBridgeSocket(domain);
        if (fd < 0)
            return ARES_SOCKET_BAD;
        channel->streamOpened(fd);
        return fd;
    }
    const int fd = ::socket(domain, type | SOCK_CLOEXEC | SOCK_NONBLOCK, protocol);
    if (fd < 0)
        return ARES_SOCKET_BAD;
    if (!channel->configureSocket(fd, domain)) {
        const int error = errno;
        ::close(fd);
        errno = error;
        return ARES_SOCKET_BAD;
    }
    if ((type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) == SOCK_STREAM)
        channel->streamOpened(fd);
    return fd;
}

static int hookClose(ares_socket_t fd, void *data)
{
    auto *channel = static_cast<Channel *>(data);
    channel->streamClosed(fd);
    channel->closeBridge(fd);
    return ::close(fd);
}

static ares_ssize_t hookRecvFrom(ares_socket_t fd, void *buffer, size_t length, int flags,
                                 struct sockaddr *from, ares_socklen_t *fromLength, void *data)
{
    const ares_ssize_t received = ::recvfrom(fd, buffer, length, flags, from, fromLength);
    if (received > 0) {
        // c-ares reads UDP with an address (one whole message per call), TCP without.
        static_cast<Channel *>(data)->noteReceived(fd, !from, static_cast<const unsigned char *>(buffer),
                                                   received);
    }
    return received;
}

#if QARES_CARES_SOCKET_FUNCTIONS_EX
static int hookSetSockOpt(ares_socket_t fd, ares_socket_opt_t option, const void *value,
                          ares_socklen_t size, void *)
{
    switch (option) {
    case ARES_SOCKET_OPT_SENDBUF_SIZE:
        return ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, value, size);
    case ARES_SOCKET_OPT_RECVBUF_SIZE:
        return ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, value, size);
    case ARES_SOCKET_OPT_BIND_DEVICE:
        return ::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, value, size);
    case ARES_SOCKET_OPT_TCP_FASTOPEN:
        break; // not offered: c-ares then connects as usual
    }
    errno = ENOSYS;
    return -1;
}

static int hookConnect(ares_socket_t fd, const struct sockaddr *address, ares_socklen_t length,
                       unsigned int, void *data)
{
    auto *channel = static_cast<Channel *>(data);
    if (channel->isBridged(fd))
        return channel->connectBridge(fd, address) ? 0 : -1;
    return ::connect(fd, address, length);
}

static ares_ssize_t hookSendTo(ares_socket_t fd, const void *buffer, size_t length, int flags,
                               const struct sockaddr *address, ares_socklen_t addressLength,
                               void *data)
{
    const ares_ssize_t sent =
            ::sendto(fd, buffer, length, flags | MSG_NOSIGNAL, address, addressLength);
    noteSentToCache(data, fd, buffer, sent);
    return sent;
}

static int hookGetSockName(ares_socket_t fd, struct sockaddr *address, ares_socklen_t *length, void *data)
{
    auto *channel = static_cast<Channel *>(data);
    if (channel->isBridged(fd))
        return channel->bridgeSockName(fd, address, length);
    return ::getsockname(fd, address, length);
}

static int hookBind(ares_socket_t fd, unsigned int, const struct sockaddr *address, socklen_t length,
                    void *)
{
    return ::bind(fd, address, length);
}

static unsigned int hookNameToIndex(const char *name, void *)
{
    return ::if_nametoindex(name);
}

static const char *hookIndexToName(unsigned int index, char *buffer, size_t length, void *)
{
    return length >= IF_NAMESIZE ? ::if_indextoname(index, buffer) : nullptr;
}

static const ares_socket_functions_ex socketHooks = {
    1, ARES_SOCKFUNC_FLAG_NONBLOCKING, hookSocket, hookClose, hookSetSockOpt, hookConnect,
    hookRecvFrom, hookSendTo, hookGetSockName, hookBind, hookNameToIndex, hookIndexToName,
};
#else
static int hookConnect(ares_socket_t fd, const struct sockaddr *address, ares_socklen_t length,
                       void *data)
{
    auto *channel = static_cast<Channel *>(data);
    if (channel->isBridged(fd))
        return channel->connectBridge(fd, address) ? 0 : -1;
    return ::connect(fd, address, length);
}

static ares_ssize_t hookSendv(ares_socket_t fd, const struct iovec *vector, int count, void *data)
{
    msghdr message = {};
    message.msg_iov = const_cast<iovec *>(vector);
    message.msg_iovlen = size_t(count);
    // A closed TCP peer raises no SIGPIPE.
    const ares_ssize_t sent = ::sendmsg(fd, &message, MSG_NOSIGNAL);
    noteSentvToCache(data, fd, vector, count, sent);
    return sent;
}

static const ares_socket_functions socketHooks = { hookSocket, hookClose, hookConnect,
                                                   hookRecvFrom, hookSendv };
#endif

// CVE-2024-25629: c-ares 1.18 over-reads config lines that start with NUL.
static bool isSafeConfigFile(const QString &path, QString *errorString)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *errorString = QCoreApplication::translate("AresResolver", "cannot read resolv.conf \"%1\": %2")
                               .arg(path, file.errorString());
        return false;
    }
    constexpr qint64 maxSize = 1 << 20;
    const QByteArray content = file.read(maxSize + 1);
    if (content.size() > maxSize) {
        *errorString =
                QCoreApplication::translate("AresResolver", "resolv.conf \"%1\" is larger than 1 MiB")
                        .arg(path);
        return false;
    }
    if (content.startsWith('\0') || content.contains(QByteArrayView("\n\0", 2))) {
        *errorString = QCoreApplication::translate(
                               "AresResolver", "resolv.conf \"%1\" has a line starting with a NUL byte")
                               .arg(path);
        return false;
    }
    return true;
}

static int toAresFlags(AresOptions::Flags flags)
{
    int result = 0;
    if (flags & AresOptions::TcpOnly)
        result |= ARES_FLAG_USEVC;
    if (flags & AresOptions::PrimaryServerOnly)
        result |= ARES_FLAG_PRIMARY;
    if (flags & AresOptions::IgnoreTruncation)
        result |= ARES_FLAG_IGNTC;
    if (flags & AresOptions::NoRecursion)
        result |= ARES_FLAG_NORECURSE;
    if (flags & AresOptions::NoSearch)
        result |= ARES_FLAG_NOSEARCH;
    if (flags & AresOptions::NoAliases)
        result |= ARES_FLAG_NOALIASES;
    if (flags & AresOptions::Edns)
        result |= ARES_FLAG_EDNS;
    if (flags & AresOptions::StayOpen)
        result |= ARES_FLAG_STAYOPEN;
    return result;
}

static const char *lookupsString(AresOptions::LookupOrder order)
{
    switch (order) {
    case AresOptions::LookupOrder::HostsFileThenDns:
        return "fb";
    case AresOptions::LookupOrder::DnsThenHostsFile:
        return "bf";
    case AresOptions::LookupOrder::DnsOnly:
        return "b";
    case AresOptions::LookupOrder::HostsFileOnly:
        return "f";
    }
    return "fb";
}

// "127.0.0.1:53,[::1]:5353": the form every c-ares version takes.
static QByteArray serversCsv(const QList<AresServer> &servers)
{
    QByteArray csv;
    for (const AresServer &server : servers) {
        if (!csv.isEmpty())
            csv += ',';
        if (server.address().protocol() == QAbstractSocket::IPv6Protocol) {
            QHostAddress address = server.address();
#if !QARES_CARES_SCOPED_SERVERS
            address.setScopeId(QString()); // older c-ares reads no scope
#endif
            csv += '[' + address.toString().toLatin1() + ']';
        } else {
            csv += server.address().toString().toLatin1();
        }
        csv += ':' + QByteArray::number(server.port());
    }
    return csv;
}

static int keepFirstServerOnly(ares_channel channel)
{
#if QARES_CARES_GET_SERVERS_CSV
    char *csv = ares_get_servers_csv(channel);
    if (!csv)
        return ARES_ENOMEM;
    QByteArray first(csv);
    ares_free_string(csv);
    const qsizetype comma = first.indexOf(',');
    if (comma < 0)
        return ARES_SUCCESS;
    first.truncate(comma);
    return ares_set_servers_ports_csv(channel, first.constData());
#else
    ares_addr_port_node *list = nullptr;
    if (ares_get_servers_ports(channel, &list) != ARES_SUCCESS || !list)
        return ARES_SUCCESS;
    ares_addr_port_node *rest = std::exchange(list->next, nullptr);
    const int status = ares_set_servers_ports(channel, list);
    list->next = rest;
    ares_free_data(list);
    return status;
#endif
}

Channel::Channel(ChannelListener *listener, int firstTryTimeoutMs)
    : m_listener(listener), m_timer(this), m_firstTryTimeoutMs(firstTryTimeoutMs)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Channel::onTimer);
}

bool Channel::configureSocket(int fd, int domain) const
{
    if (m_sendBufferSize > 0
        && ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &m_sendBufferSize, sizeof m_sendBufferSize) != 0)
        return false;
    if (m_receiveBufferSize > 0
        && ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &m_receiveBufferSize, sizeof m_receiveBufferSize) != 0)
        return false;
    if (!m_device.isEmpty()
        && ::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, m_device.constData(), socklen_t(m_device.size())) != 0) {
        qCWarning(lcAresChannel, "cannot bind a socket to device %s: %s", m_device.constData(), strerror(errno));
        return false;
    }
    if (domain == AF_INET && !m_localIPv4.isNull()) {
        sockaddr_in local = {};
        local.sin_family = AF_INET;
        local.sin_addr.s_addr = htonl(m_localIPv4.toIPv4Address());
        return ::bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) == 0;
    }
    if (domain == AF_INET6 && !m_localIPv6.isNull()) {
        sockaddr_in6 local = {};
        local.sin6_family = AF_INET6;
        const Q_IPV6ADDR address = m_localIPv6.toIPv6Address();
        memcpy(&local.sin6_addr, address.c, 16);
        return ::bind(fd, reinterpret_cast<const sockaddr *>(&local), sizeof local) == 0;
    }
    return true;
}

std::unique_ptr<Channel> Channel::create(const AresOptions &options, ChannelListener *listener,
                                         QString *errorString)
{
    initLibraryOnce();
    if (!options.validate(errorString))
        return nullptr;

    const int timeoutMs = int(options.timeout().count());
    std::unique_ptr<Channel> channel(new Channel(listener, timeoutMs));

    ares_options opts = {};
    int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_LOOKUPS
            | ARES_OPT_SOCK_STATE_CB;
    opts.flags = toAresFlags(options.flags());
    if (options.hasEncryptedServers()) {
        // DNS over TLS runs under c-ares's TCP path (the socket hooks bridge it).
        opts.flags |= ARES_FLAG_USEVC;
        channel->m_encrypted = true;
        channel->m_transport = options.servers().constFirst().transport(); // one kind (validate())
        channel->m_tlsServers = options.servers();
        channel->m_sslConfiguration = options.sslConfiguration();
    }
    opts.timeout = timeoutMs;
    opts.tries = options.tries();
    QByteArray lookups = lookupsString(options.lookupOrder());
    opts.lookups = lookups.data();
    opts.sock_state_cb = [](void *data, ares_socket_t fd, int readable, int writable) {
        static_cast<Channel *>(data)->setSocketState(fd, readable != 0, writable != 0);
    };
    opts.sock_state_cb_data = channel.get();
    mask |= options.rotate() ? ARES_OPT_ROTATE : ARES_OPT_NOROTATE;
    if (options.ndots() >= 0) {
        mask |= ARES_OPT_NDOTS;
        opts.ndots = options.ndots();
    }
    if (options.testFlag(AresOptions::Edns)) {
        mask |= ARES_OPT_EDNSPSZ;
        opts.ednspsz = options.ednsPayloadSize();
    }
    if (options.udpPort()) {
        mask |= ARES_OPT_UDP_PORT;
        opts.udp_port = options.udpPort();
    }
    if (options.tcpPort()) {
        mask |= ARES_OPT_TCP_PORT;
        opts.tcp_port = options.tcpPort();
    }
    // Applied by hookSocket(): c-ares does not configure sockets it gets from hooks.
    channel->m_sendBufferSize = options.socketSendBufferSize();
    channel->m_receiveBufferSize = options.socketReceiveBufferSize();
    channel->m_device = options.localDevice().toLocal8Bit();
    channel->m_localIPv4 = options.localIPv4Address();
    channel->m_localIPv6 = options.localIPv6Address();
    QList<QByteArray> domainStorage;
    QList<char *> domains;
    const QStringList searchDomains = options.searchDomains();
    if (!searchDomains.isEmpty()) {
        for (const QString &domain : searchDomains) {
            QString d = domain;
            if (d.endsWith(u'.'))
                d.chop(1);
            domainStorage.append(QUrl::toAce(d));
        }
        for (QByteArray &domain : domainStorage) {
            if (domain.isEmpty()) {
                *errorString = QCoreApplication::translate("AresResolver", "invalid search domain");
                return nullptr;
            }
            domains.append(domain.data());
        }
        mask |= ARES_OPT_DOMAINS;
        opts.domains = domains.data();
        opts.ndomains = int(domains.size());
    }
    if (options.testFlag(AresOptions::NoSearch)) {
        // ares_getaddrinfo() in 1.18 ignores ARES_FLAG_NOSEARCH: search nothing.
        mask |= ARES_OPT_DOMAINS;
        opts.domains = nullptr;
        opts.ndomains = 0;
    }
#if QARES_CARES_QUERY_CACHE
    // c-ares's own cache would answer retries and rotation from memory,
    // lower TTLs and call back inside the submit: off, on every version.
    mask |= ARES_OPT_QUERY_CACHE;
    opts.qcache_max_ttl = 0;
#endif
    QByteArray resolvConf;
    if (!options.resolvConfPath().isEmpty()) {
#if ARES_VERSION >= 0x010f00
        if (!isSafeConfigFile(options.resolvConfPath(), errorString))
            return nullptr;
        resolvConf = QFile::encodeName(options.resolvConfPath());
        mask |= ARES_OPT_RESOLVCONF;
        opts.resolvconf_path = resolvConf.data();
#else
        *errorString = QCoreApplication::translate("AresResolver",
                                                   "resolvConfPath needs c-ares 1.15 or later");
        return nullptr;
#endif
    }

    int status = ares_init_options(&channel->m_channel, &opts, mask);
    if (status != ARES_SUCCESS) {
        channel->m_channel = nullptr;
        *errorString =
                QCoreApplication::translate("AresResolver", "cannot create the c-ares channel: %1")
                        .arg(statusMessage(status));
        return nullptr;
    }
#if QARES_CARES_SOCKET_FUNCTIONS_EX
    ares_set_socket_functions_ex(channel->m_channel, &socketHooks, channel.get());
#else
    ares_set_socket_functions(channel->m_channel, &socketHooks, channel.get());
#endif

    const QList<AresServer> servers = options.servers();
    if (!servers.isEmpty()) {
        const QByteArray csv = serversCsv(servers);
        status = ares_set_servers_ports_csv(channel->m_channel, csv.constData());
        if (status != ARES_SUCCESS) {
            *errorString = QCoreApplication::translate("AresResolver", "c-ares rejected the servers: %1")
                                   .arg(statusMessage(status));
            return nullptr;
        }
    }
    if (options.testFlag(AresOptions::PrimaryServerOnly)) {
        // c-ares 1.18 does not implement ARES_FLAG_PRIMARY: keep only the first server.
        status = keepFirstServerOnly(channel->m_channel);
        if (status != ARES_SUCCESS) {
            *errorString = QCoreApplication::translate(
                                   "AresResolver", "cannot restrict c-ares to the primary server: %1")
                                   .arg(statusMessage(status));
            return nullptr;
        }
    }
    channel->readSearchConfiguration();
    if (lcAresChannel().isDebugEnabled()) {
        char *servers = nullptr;
#if QARES_CARES_GET_SERVERS_CSV
        servers = ares_get_servers_csv(channel->m_channel);
#endif
        qCDebug(lcAresChannel).nospace()
                << "channel: c-ares " << ares_version(nullptr) << " (built with " << ARES_VERSION_STR
                << "), servers " << (servers ? servers : "as configured") << ", timeout " << timeoutMs
                << " ms, tries " << opts.tries << ", ndots " << channel->m_ndots << ", search "
                << channel->m_searchDomains;
        if (servers)
            ares_free_string(servers);
    }
    return channel;
}

Channel::~Channel()
{
    if (m_channel) {
        // Runs every pending callback with ARES_EDESTRUCTION, synchronously, and
        // reports every socket closed through sock_state_cb.
        ares_destroy(m_channel);
        m_channel = nullptr;
    }
    qDeleteAll(m_flights); // none left: each ended with its request
    for (const SocketWatch &watch : std::as_const(m_sockets)) {
        delete watch.read;
        delete watch.write;
    }
    for (const int peer : std::as_const(m_bridgePeers))
        ::close(peer);
}

int Channel::openBridgeSocket(int domain)
{
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0)
        return -1;
    // c-ares gets fds[0]; the bridge, made at connect(), gets fds[1].
    Bridge bridge;
    bridge.domain = domain;
    m_bridges.insert(fds[0], bridge);
    m_bridgePeers.insert(fds[0], fds[1]);
    return fds[0];
}

bool Channel::connectBridge(int fd, const sockaddr *address)
{
    const auto it = m_bridges.find(fd);
    if (it == m_bridges.end() || it->bridge) {
        errno = EISCONN;
        return false;
    }
    const QHostAddress host = toHostAddress(address);
    const quint16 port = address->sa_family == AF_INET
            ? ntohs(reinterpret_cast<const sockaddr_in *>(address)->sin_port)
            : ntohs(reinterpret_cast<const sockaddr_in6 *>(address)->sin6_port);
    const AresServer *server = nullptr;
    int index = 0;
    for (const AresServer &candidate : std::as_const(m_tlsServers)) {
        if (candidate.port() == port
            && candidate.address().isEqual(host, QHostAddress::StrictConversion)) {
            server = &candidate;
            break;
        }
        ++index;
    }
    if (!server) {
        // Not one of the encrypted servers (a server c-ares read elsewhere): refused, not in clear.
        qCWarning(lcAresChannel, "refusing a connection to %s:%u, not a configured encrypted server",
                  qPrintable(host.toString()), port);
        errno = ECONNREFUSED;
        return false;
    }
    Transport::TlsPeer peer;
    peer.address = server->address();
    peer.port = server->port();
    peer.authenticationName = server->authenticationName();
    peer.spkiPins = server->spkiPins();
    if (server->transport() == AresServer::Transport::Https)
        setHttpsPeer(*server, &peer);
    const int bridgeFd = m_bridgePeers.take(fd);
    auto *bridge = new Transport::TlsBridge(bridgeFd, peer, m_sslConfiguration, this);
    it->bridge = bridge;
    // A server's failure is kept until its next connection starts or succeeds: a lookup that
    // fails meanwhile fails because of it (complete()).
    // DoH: an HTTP failure stays until a DNS reply comes (connectHttpsBridge()), not merely a new
    // connection (c-ares's next try of the failed query opens one).
    if (!peer.https) {
        m_encryptionFailures.remove(index);
        connect(bridge, &Transport::TlsBridge::established, this,
                [this, index] { m_encryptionFailures.remove(index); });
    }
    connect(bridge, &Transport::TlsBridge::failed, this,
            [this, index](const QString &reason) { m_encryptionFailures.insert(index, reason); });
    if (peer.https)
        connectHttpsBridge(bridge, index);
    bridge->start();
    return true;
}

// DNS over HTTPS: the URL the server's queries go to (its name, or its address, as authority).
void Channel::setHttpsPeer(const AresServer &server, Transport::TlsPeer *peer)
{
    peer->https = true;
    peer->dohMethod = server.httpMethod() == AresServer::HttpMethod::Get
            ? Transport::DohSession::Method::Get
            : Transport::DohSession::Method::Post;
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(server.authenticationName().isEmpty() ? server.address().toString()
                                                      : server.authenticationName());
    url.setPort(server.port());
    const QString path = server.path();
    const qsizetype question = path.indexOf(u'?');
    url.setPath(question < 0 ? path : path.left(question), QUrl::TolerantMode);
    if (question >= 0)
        url.setQuery(path.mid(question + 1), QUrl::TolerantMode);
    QString why;
    peer->dohTarget = Transport::DohTarget::fromUrl(url, &why);
    if (!peer->dohTarget.isValid())
        qCWarning(lcAresChannel, "DoH server %s: %s", qPrintable(server.toString()),
                  qPrintable(why));
}

// DNS over HTTPS: an HTTP error keeps the server's failure (the lookup's EncryptionError names it)
// until a DNS reply comes from it again.
void Channel::connectHttpsBridge(Transport::TlsBridge *bridge, int index)
{
    connect(bridge, &Transport::TlsBridge::queryFailed, this,
            [this, index](const QString &reason) { m_encryptionFailures.insert(index, reason); });
    connect(bridge, &Transport::TlsBridge::answered, this, [this, index] {
        if (!m_encryptionFailures.isEmpty())
            m_encryptionFailures.remove(index);
    });
}

int Channel::bridgeSockName(int fd, sockaddr *address, unsigned int *length) const
{
    // c-ares 1.34 keeps its own address for DNS cookies: an unspecified one of the server's family.
    const int domain = m_bridges.value(fd).domain;
    const socklen_t size = domain == AF_INET6 ? sizeof(sockaddr_in6) : sizeof(sockaddr_in);
    if (*length < size) {
        errno = EINVAL;
        return -1;
    }
    memset(address, 0, size);
    address->sa_family = sa_family_t(domain == AF_INET6 ? AF_INET6 : AF_INET);
    *length = size;
    return 0;
}

void Channel::closeBridge(int fd)
{
    if (m_bridges.isEmpty())
        return;
    const auto it = m_bridges.find(fd);
    if (it == m_bridges.end())
        return;
    if (Transport::TlsBridge *bridge = it->bridge) {
        bridge->shutdown();
        bridge->deleteLater(); // c-ares may be inside one of its signals' aftermath; never inside its slots
    }
    m_bridges.erase(it);
    if (const int peer = m_bridgePeers.take(fd); peer > 0)
        ::close(peer); // never connected
}

void Channel::setSocketState(int fd, bool readable, bool writable)
{
    auto it = m_sockets.find(fd);
    if (!readable && !writable) {
        // The descriptor is about to be closed and may be reused at once, even
        // within this ares_process_fd(): tear down now, not with deleteLater().
        if (it != m_sockets.end()) {
            qCDebug(lcAresChannel, "socket %d closed", fd);
            delete it->read;
            delete it->write;
            m_sockets.erase(it);
        }
        return;
    }
    if (it == m_sockets.end()) {
        qCDebug(lcAresChannel, "socket %d opened (%s)", fd, m_streams.contains(fd) ? "TCP" : "UDP");
        it = m_sockets.insert(fd, SocketWatch());
    }
    auto ensure = [this, fd](QSocketNotifier *&notifier, QSocketNotifier::Type type, bool enabled) {
        if (!notifier) {
            if (!enabled)
                return;
            notifier = new QSocketNotifier(fd, type, this);
            connect(notifier, &QSocketNotifier::activated, this,
                    [this](QSocketDescriptor socket) { processFd(int(socket)); });
        }
        notifier->setEnabled(enabled);
    };
    ensure(it->read, QSocketNotifier::Read, readable);
    ensure(it->write, QSocketNotifier::Write, writable);
}

void Channel::processFd(int fd)
{
    const auto it = m_sockets.constFind(fd);
    if (it == m_sockets.cend())
        return;
    // Process both directions c-ares waits for: an error or hang-up is
    // reported on one notifier but concerns both.
    const bool read = it->read && it->read->isEnabled();
    const bool write = it->write && it->write->isEnabled();
    ares_process_fd(m_channel, read ? fd : ARES_SOCKET_BAD, write ? fd : ARES_SOCKET_BAD);
}

void Channel::onTimer()
{
    ares_process_fd(m_channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    if (m_pending == 0) {
        m_timer.stop();
        return;
    }
    // Before c-ares 1.22 the only place that walks every query in flight
    // (ares_timeout() is O(n) there).
    armTimerFromCares(false);
}

void Channel::armTimerFromCares(bool onlyIfEarlier)
{
    timeval tv;
    if (!ares_timeout(m_channel, nullptr, &tv)) {
        if (!onlyIfEarlier)
            m_timer.stop();
        return;
    }
    const qint64 ms = qint64(tv.tv_sec) * 1000 + (tv.tv_usec + 999) / 1000; // round up
    const qint64 due = monotonicMs() + ms;
    if (onlyIfEarlier && m_timer.isActive() && m_timerDueMs <= due)
        return;
    m_timerDueMs = due;
    m_timer.start(int(qMin<qint64>(ms, std::numeric_limits<int>::max())));
}

void Channel::requestSubmitted()
{
    // A query added to an open socket produces no sock_state_cb: pull the
    // timer in to this query's first-try expiry if that is earlier.
    if (m_pending == 0)
        return;
#if QARES_CARES_TIMEOUTS_BY_EXPIRY
    // O(1) here, and the only way to know the expiry: it follows the server's latency.
    armTimerFromCares(true);
#else
    // In O(1): the configured timeout is the first try's.
    const qint64 due = monotonicMs() + m_firstTryTimeoutMs;
    if (!m_timer.isActive() || m_timerDueMs > due) {
        m_timerDueMs = due;
        m_timer.start(m_firstTryTimeoutMs);
    }
#endif
}

void Channel::complete(ChannelRequest *request, ChannelResult &&result)
{
    // A request that failed after a TLS connection did failed because of it (the strict
    // profile: there is no other way to the servers). NXDOMAIN and NODATA are answers.
    if (!m_encryptionFailures.isEmpty() && result.status != ARES_SUCCESS
        && result.status != ARES_ENODATA && result.status != ARES_ENOTFOUND
        && result.status != ARES_ECANCELLED && result.status != ARES_EDESTRUCTION) {
        result.encryptionFailure = m_encryptionFailures.first(); // of the first server that failed
    }
    noteTransport(result);
    if (!m_flights.isEmpty())
        completeFlight(request, result); // serve-stale, and the requests that waited for this one
    --m_pending;
    if (m_pending == 0) {
        m_timer.stop(); // idle: no wake-ups
        m_wireRcodes.clear();
    }
    m_listener->requestDone(request, std::move(result));
}

// The transport the request's servers are reached by, and whether it got an answer over it.
void Channel::noteTransport(ChannelResult &result) const
{
    result.transport = quint8(m_transport);
    result.authenticated = m_encrypted && result.encryptionFailure.isEmpty()
            && (result.status == ARES_SUCCESS || result.status == ARES_ENODATA
                || result.status == ARES_ENOTFOUND);
}

void Channel::getAddrInfo(ChannelRequest *request, Family family)
{
    request->channel = this;
    ++m_pending;
    if (m_cache && !(request->cacheFlags & ChannelRequest::CacheBypass)
        && !(request->hostFlags & ChannelRequest::HostV4Mapped)
        && lookUpHost(request, family)) {
        return; // answered, or waits for an identical request's answer
    }
    ares_addrinfo_hints hints = {};
    hints.ai_family = family == Family::IPv4 ? AF_INET : family == Family::IPv6 ? AF_INET6 : AF_UNSPEC;
    if (request->hostFlags & ChannelRequest::HostV4Mapped)
        hints.ai_family = AF_UNSPEC; // the A records too, mapped in addrInfoCallback()
    // c-ares 1.18 sorts every answer, even of one address, with a UDP socket,
    // connect, getsockname and close per address: sort here instead, only
    // answers of two or more (addrInfoCallback), in the same RFC 6724 order.
    hints.ai_flags = ARES_AI_CANONNAME | ARES_AI_ENVHOSTS | ARES_AI_NOSORT;
    // The name as c-ares takes it: the ACE form, and the trailing dot of an
    // absolute name, which tells c-ares not to apply search domains (the
    // only place that writes it). c-ares copies the name: a buffer on the
    // stack is enough for a checked name (<= 253).
    char buffer[256];
    QByteArray copy;
    const char *name = buffer;
    const qsizetype size = request->name.isEmpty() && request->asciiName ? request->asciiName->size()
                                                                          : request->name.size();
    if (size + 2 > qsizetype(sizeof buffer)) {
        copy = request->aceName();
        if (request->absolute)
            copy += '.';
        name = copy.constData();
    } else {
        if (request->name.isEmpty() && request->asciiName) {
            const auto *chars = reinterpret_cast<const char16_t *>(request->asciiName->constData());
            for (qsizetype i = 0; i < size; ++i)
                buffer[i] = char(chars[i]); // ASCII (CheckedName::aceIsUnicode)
        } else {
            memcpy(buffer, request->name.constData(), size_t(size));
        }
        qsizetype end = size;
        if (request->absolute)
            buffer[end++] = '.';
        buffer[end] = '\0';
    }
    ares_getaddrinfo(m_channel, name, nullptr, &hints, &Channel::addrInfoCallback,
                     request);
    requestSubmitted();
}

void Channel::getHostByAddr(ChannelRequest *request, const QHostAddress &address)
{
    request->channel = this;
    request->name = AresRecord::reverseName(address).toLatin1(); // the PTR name c-ares asks for
    ++m_pending;
    ++m_reversePending;
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const in_addr addr { htonl(address.toIPv4Address()) };
        ares_gethostbyaddr(m_channel, &addr, sizeof addr, AF_INET, &Channel::hostCallback, request);
    } else {
        const Q_IPV6ADDR addr = address.toIPv6Address();
        ares_gethostbyaddr(m_channel, addr.c, 16, AF_INET6, &Channel::hostCallback, request);
    }
    requestSubmitted();
}

void Channel::cancelAll()
{
    if (m_pending > 0)
        ares_cancel(m_channel);
}

static QHostAddress toHostAddress(const struct sockaddr *address)
{
    if (address->sa_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(address);
        return QHostAddress(ntohl(in->sin_addr.s_addr));
    }
    if (address->sa_family == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(address);
        return QHostAddress(in6->sin6_addr.s6_addr);
    }
    return QHostAddress();
}

// c-ares 1.18 hands TTLs >= 2^31 over as negative ints; RFC 2181 section 8:
// treat a TTL with the top bit set as zero.
static int sanitizedTtl(int ttl)
{
    return ttl < 0 ? 0 : ttl;
}

// One-address answers of the same TTL share one (implicitly shared) TTL
// list instead of allocating one each.
inline const QList<int> &Channel::singleTtlList(int ttl)
{
    if (m_singleTtl.size() != 1 || m_singleTtl.constFirst() != ttl)
        m_singleTtl = QList<int> { ttl };
    return m_singleTtl;
}

// AI_V4MAPPED (and AI_ALL), which c-ares accepts but ignores: the AAAA
// answers, then (with AI_ALL, or without any AAAA) the A answers as
// ::ffff:a.b.c.d, each part in RFC 6724 order unless AI_NOSORT.
void Channel::mapV4Addresses(const ChannelRequest *request, const ares_addrinfo *info,
                             Channel *channel, ChannelResult &result)
{
    QVarLengthArray<const ares_addrinfo_node *, 16> nodes;
    for (const ares_addrinfo_node *node = info->nodes; node; node = node->ai_next) {
        const int family = node->ai_addr->sa_family;
        if (family == AF_INET || family == AF_INET6)
            nodes.append(node);
    }
    if (nodes.size() > 1 && !(request->hostFlags & ChannelRequest::HostNoSort)) {
        sortAddressesRfc6724(nodes.data(), size_t(nodes.size()), [channel](int fd, int domain) {
            return channel->configureSocket(fd, domain);
        });
    }
    bool anyV6 = false;
    for (const ares_addrinfo_node *node : nodes) {
        if (node->ai_addr->sa_family == AF_INET6) {
            anyV6 = true;
            result.addresses.emplaceBack(toHostAddress(node->ai_addr));
            result.ttls.append(sanitizedTtl(node->ai_ttl));
        }
    }
    if (anyV6 && !(request->hostFlags & ChannelRequest::HostAll))
        return;
    for (const ares_addrinfo_node *node : nodes) {
        if (node->ai_addr->sa_family == AF_INET) {
            result.addresses.emplaceBack(QHostAddress(toHostAddress(node->ai_addr).toIPv6Address()));
            result.ttls.append(sanitizedTtl(node->ai_ttl));
        }
    }
}

void Channel::addrInfoCallback(void *arg, int status, int timeouts, ares_addrinfo *info)
{
    auto *request = static_cast<ChannelRequest *>(arg);
    Channel *channel = request->channel;
    ChannelResult result;
    result.status = status;
    result.timeouts = timeouts;
    if (info) {
        const ares_addrinfo_node *const first = info->nodes;
        if (request->hostFlags & ChannelRequest::HostV4Mapped) {
            mapV4Addresses(request, info, channel, result);
        } else if (first && !first->ai_next) {
            // One address, the common case: no node array, no sort.
            const int family = first->ai_addr->sa_family;
            if (family == AF_INET || family == AF_INET6) {
                result.addresses.reserve(1);
                result.addresses.emplaceBack(toHostAddress(first->ai_addr));
                result.ttls = channel->singleTtlList(sanitizedTtl(first->ai_ttl));
            }
        } else {
            QVarLengthArray<const ares_addrinfo_node *, 16> nodes;
            for (const ares_addrinfo_node *node = info->nodes; node; node = node->ai_next)
                nodes.append(node);
            if (nodes.size() > 1 && !(request->hostFlags & ChannelRequest::HostNoSort)) {
                sortAddressesRfc6724(nodes.data(), size_t(nodes.size()), [channel](int fd, int domain) {
                    return channel->configureSocket(fd, domain);
                });
            }
            result.addresses.reserve(qsizetype(nodes.size()));
            result.ttls.reserve(qsizetype(nodes.size()));
            for (const ares_addrinfo_node *node : nodes) {
                const int family = node->ai_addr->sa_family;
                if (family != AF_INET && family != AF_INET6)
                    continue; // what toHostAddress() makes a null address of
                result.addresses.emplaceBack(toHostAddress(node->ai_addr));
                result.ttls.append(sanitizedTtl(node->ai_ttl));
            }
        }
        for (const ares_addrinfo_cname *cname = info->cnames; cname; cname = cname->next) {
            // With both families c-ares 1.18 lists the chain twice (once per query).
            if (cname->alias && !result.aliases.contains(QLatin1String(cname->alias))) {
                result.aliases.append(QString::fromLatin1(cname->alias));
                result.aliasTargets.append(cname->name ? QString::fromLatin1(cname->name) : QString());
                result.aliasTtls.append(sanitizedTtl(cname->ttl));
            }
            if (cname->name)
                result.canonicalName = QString::fromLatin1(cname->name);
        }
        // Needed only when neither a CNAME nor the name asked for (the
        // listener's fallback) says it.
        if (info->name && result.canonicalName.isEmpty()) {
            const bool asked = request->name.isEmpty() && request->asciiName
                    ? QLatin1String(info->name) == *request->asciiName
                    : qstrcmp(info->name, request->name.constData()) == 0;
            if (!asked)
                result.hostName = QString::fromLatin1(info->name);
        }
        ares_freeaddrinfo(info);
    }
    if (status == ARES_ECONNREFUSED)
        result.wireRcode = qMax(0, channel->wireRcodeFor(request->aceName()));
    channel->complete(request, std::move(result));
}

void Channel::hostCallback(void *arg, int status, int timeouts, hostent *host)
{
    auto *request = static_cast<ChannelRequest *>(arg);
    Channel *channel = request->channel;
    ChannelResult result;
    result.status = status;
    result.timeouts = timeouts;
    --channel->m_reversePending;
    if (status == ARES_SUCCESS && host) {
        result.hostName = QString::fromLatin1(host->h_name);
        // c-ares 1.18 lists every PTR name in h_aliases, h_name included.
        for (char **alias = host->h_aliases; alias && *alias; ++alias) {
            const QString name = QString::fromLatin1(*alias);
            if (name.compare(result.hostName, Qt::CaseInsensitive) != 0
                && !result.aliases.contains(name, Qt::CaseInsensitive)) {
                result.aliases.append(name);
            }
        }
    } else if (status == ARES_ENOTFOUND) {
        channel->recoverReverseFailure(request, timeouts, result);
    }
    channel->complete(request, std::move(result));
}

// ares_gethostbyaddr() (and ares_getnameinfo() over it) folds every failed
// DNS query (SERVFAIL, REFUSED, timeouts) into ARES_ENOTFOUND: recover what
// happened on the wire. No reply at all after timeouts means the servers
// timed out, and without timeouts, with TLS failures, that the encrypted
// connection failed; an NXDOMAIN or empty answer stays "not found".
void Channel::recoverReverseFailure(const ChannelRequest *request, int timeouts, ChannelResult &result) const
{
    const int rcode = wireRcodeFor(request->name);
    if (rcode == 2 || rcode == 4 || rcode == 5) {
        result.status = ARES_ECONNREFUSED;
        result.wireRcode = rcode;
    } else if (rcode < 0 && timeouts > 0) {
        result.status = ARES_ETIMEOUT;
    } else if (rcode < 0 && !m_encryptionFailures.isEmpty()) {
        result.status = ARES_ECONNREFUSED; // no reply: the TLS connection failed (complete())
    }
}

void Channel::getNameInfo(ChannelRequest *request, const QHostAddress &address, bool noFqdn)
{
    request->channel = this;
    request->name = AresRecord::reverseName(address).toLatin1(); // the PTR name c-ares asks for
    ++m_pending;
    ++m_reversePending;
    // NAMEREQD always: without it c-ares answers the numeric form for every
    // failure, timeouts and SERVFAIL included (ares_gethostbyaddr() reports
    // them all as not found); the listener makes the numeric form itself
    // for what was really not found.
    const int flags = ARES_NI_LOOKUPHOST | ARES_NI_NAMEREQD | (noFqdn ? ARES_NI_NOFQDN : 0);
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        sockaddr_in in = {};
        in.sin_family = AF_INET;
        in.sin_addr.s_addr = htonl(address.toIPv4Address());
        ares_getnameinfo(m_channel, reinterpret_cast<const sockaddr *>(&in), sizeof in, flags,
                         &Channel::nameInfoCallback, request);
    } else {
        sockaddr_in6 in6 = {};
        in6.sin6_family = AF_INET6;
        const Q_IPV6ADDR addr = address.toIPv6Address();
        memcpy(in6.sin6_addr.s6_addr, addr.c, 16);
        ares_getnameinfo(m_channel, reinterpret_cast<const sockaddr *>(&in6), sizeof in6, flags,
                         &Channel::nameInfoCallback, request);
    }
    requestSubmitted();
}

void Channel::nameInfoCallback(void *arg, int status, int timeouts, char *node, char *)
{
    auto *request = static_cast<ChannelRequest *>(arg);
    Channel *channel = request->channel;
    ChannelResult result;
    result.status = status;
    result.timeouts = timeouts;
    --channel->m_reversePending;
    if (status == ARES_SUCCESS && node)
        result.hostName = QString::fromLatin1(node);
    else if (status == ARES_ENOTFOUND)
        channel->recoverReverseFailure(request, timeouts, result);
    channel->complete(request, std::move(result));
}

int servicePort(const QByteArray &service, const char *protocol)
{
    servent entry = {};
    servent *found = nullptr;
    char buffer[4096];
    if (::getservbyname_r(service.constData(), protocol, &entry, buffer, sizeof buffer, &found) == 0
        && found) {
        return int(ntohs(quint16(found->s_port)));
    }
    return -1;
}

QString serviceName(quint16 port, const char *protocol, bool numeric)
{
    if (port == 0)
        return QString();
    if (!numeric) {
        servent entry = {};
        servent *found = nullptr;
        char buffer[4096];
        if (::getservbyport_r(int(htons(port)), protocol, &entry, buffer, sizeof buffer, &found) == 0
            && found && found->s_name) {
            return QString::fromLatin1(found->s_name);
        }
    }
    return QString::number(port);
}

void Channel::noteReply(const unsigned char *buffer, qsizetype length)
{
    const int rcode = buffer[3] & 0x0f;
    const bool failure = rcode == 2 || rcode == 4 || rcode == 5; // SERVFAIL, NOTIMP, REFUSED
    if (!failure && m_reversePending == 0)
        return;
    // First question's name, uncompressed as c-ares sent it.
    QByteArray name;
    qsizetype pos = 12;
    while (pos < length) {
        const int labelLength = buffer[pos];
        if (labelLength == 0 || labelLength > 63 || pos + 1 + labelLength > length)
            break;
        if (!name.isEmpty())
            name.append('.');
        name.append(reinterpret_cast<const char *>(buffer + pos + 1), labelLength);
        pos += 1 + labelLength;
    }
    if (name.isEmpty() || (!failure && !name.endsWith(".arpa")))
        return;
    if (m_wireRcodes.size() >= 4096)
        m_wireRcodes.clear();
    m_wireRcodes.insert(name.toLower(), rcode);
}

int Channel::wireRcodeFor(const QByteArray &name) const
{
    if (m_wireRcodes.isEmpty() || name.isEmpty())
        return -1;
    const QByteArray lower = name.toLower();
    if (const auto it = m_wireRcodes.constFind(lower); it != m_wireRcodes.cend())
        return *it;
    // Tried with a search domain appended.
    for (auto it = m_wireRcodes.cbegin(); it != m_wireRcodes.cend(); ++it) {
        if (it.key().size() > lower.size() && it.key().startsWith(lower) && it.key().at(lower.size()) == '.')
            return it.value();
    }
    return -1;
}

} // namespace QAresPrivate

#include "moc_areschannel_p.cpp"
