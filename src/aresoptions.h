// SPDX-License-Identifier: MIT
#ifndef ARESOPTIONS_H
#define ARESOPTIONS_H

#include "qaresglobal.h"

#include <QtCore/qlist.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qhostaddress.h>

#include <chrono>

/*!
    \file aresoptions.h
    The AresOptions and AresServer classes (also as <QAres/AresOptions> and
    <QAres/AresServer>).
*/

/*!
    One DNS server: an address (IPv4 or IPv6) and a port.

    Written as c-ares writes it: \c "192.0.2.1", \c "192.0.2.1:5353",
    \c "2001:db8::1", \c "[2001:db8::1]:5353".
*/
class QARES_EXPORT AresServer
{
    Q_GADGET
    Q_PROPERTY(QHostAddress address READ address) //!< address()
    Q_PROPERTY(quint16 port READ port) //!< port()
public:
    /*! An invalid server: a null address (and port 53). */
    AresServer() = default;
    /*! The server at \a address, port \a port. */
    AresServer(const QHostAddress &address, quint16 port = 53) : m_address(address), m_port(port) { }

    /*! The server's address. */
    QHostAddress address() const { return m_address; }
    /*! The server's port, 53 unless given. */
    quint16 port() const { return m_port; }
    /*!
        \c true if the address is not null and the port not 0.
        AresOptions::validate() also requires an IPv4 or IPv6 address.
    */
    bool isValid() const { return !m_address.isNull() && m_port != 0; }

    /*! "127.0.0.1:5353" or "[::1]:5353"; the port is always written. */
    QString toString() const;
    /*!
        Parses \a text. Returns an invalid server and, if \a errorString is
        given, a reason when \a text is not an address with an optional port.
        A missing port means 53.
    */
    static AresServer fromString(const QString &text, QString *errorString = nullptr);

    /*! \c true if \a a and \a b have the same address and port. */
    friend bool operator==(const AresServer &a, const AresServer &b)
    { return a.m_port == b.m_port && a.m_address == b.m_address; }
    /*! \c true if \a a and \a b differ in address or port. */
    friend bool operator!=(const AresServer &a, const AresServer &b) { return !(a == b); }

private:
    QHostAddress m_address;
    quint16 m_port = 53;
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
    overall deadline of 10 s per lookup (c-ares 1.18 alone would wait up to
    ~75 s against a dead server), an in-flight window of 150 DNS queries per
    resolver that adapts up to 1,000 with the round-trip time, and
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
    ~AresOptions();
    void swap(AresOptions &other) noexcept { d.swap(other.d); }
    //! @}

    /*! The servers to ask, in order. Empty (the default): the system's. */
    QList<AresServer> servers() const;
    /*! Sets servers() (valid: each an IPv4 or IPv6 address with a port). */
    void setServers(const QList<AresServer> &servers);
    /*!
        Sets the servers from c-ares style strings ("127.0.0.1:5353",
        "[::1]:5353", "192.0.2.1"). On a bad entry returns \c false, sets
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
        keeps 150. 150 is the safe fixed value: c-ares 1.18 sends from one
        UDP socket per server, so a burst lands in one socket of the server
        too, and more queries at once than that socket's buffer holds are
        dropped (each drop costs a retry after the timeout; the
        measurements are in docs/performance.md). A value of 150 or less is
        a fixed cap. Without adaptiveQueryWindow() this is the fixed cap
        (set both, e.g. 150 and \c false, for a fixed window of 150).
        0: no cap.
    */
    int maxQueriesInFlight() const;
    void setMaxQueriesInFlight(int queries); //!< Sets maxQueriesInFlight() (valid: 0 or more).

    /*!
        Whether the number of queries in flight adapts to the servers'
        round-trip time (like TCP Vegas) between 150 and
        maxQueriesInFlight(); default \c true. It grows while the round trip
        stays within 8/7 of the smallest seen recently (servers under ~3 ms,
        loopback and LAN, keep 150: more would add little), shrinks when
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
        Overall time a lookup may take from the call, queueing included; then
        it finishes with TimeoutError. Default 10 s; 0: no deadline. If the
        resolver's thread was blocked past a deadline (a long slot, a busy
        GUI thread), the lookups due get as long again as the block lasted,
        up to one timeout(), to finish what the block held up (a retry
        after SERVFAIL), once per block.
    */
    std::chrono::milliseconds deadline() const;
    void setDeadline(std::chrono::milliseconds deadline); //!< Sets deadline() (valid: 0 or more).

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
/*! Writes \a server to \a debug on one line: `AresServer(127.0.0.1:53)`. */
QARES_EXPORT QDebug operator<<(QDebug debug, const AresServer &server);
/*!
    Writes \a options to \a debug on one line: the servers, the timeout,
    tries and deadline, and every other option that differs from the
    defaults.
*/
QARES_EXPORT QDebug operator<<(QDebug debug, const AresOptions &options);
#endif

#endif // ARESOPTIONS_H
