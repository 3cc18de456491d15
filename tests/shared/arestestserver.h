// SPDX-License-Identifier: MIT
#ifndef ARESTESTSERVER_H
#define ARESTESTSERVER_H

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qobject.h>
#include <QtCore/qstring.h>
#include <QtNetwork/qhostaddress.h>

#include <chrono>
#include <memory>

class AresTestServerPrivate;

/*!
    \class AresTestServer
    \brief An in-process authoritative DNS server on loopback, for tests, examples and benchmarks.

    The server answers UDP and TCP queries on one port on 127.0.0.1 and (when
    available) ::1, from records you program with addAddress(), addCname(),
    addPtr() and addRecord(). It answers like an authoritative server that also
    offers recursion: replies carry AA and RA, echo the ID, the RD bit and the
    question. Faults (drops, error rcodes, truncation, delays, malformed or
    mismatched replies, TCP closes and stalls) are injected per name with
    setFault(). Every query received is recorded (questions()) before faults
    apply, so dropped queries are visible too.

    Answering rules, for the query name (case-insensitive, no trailing dot):
    \list
    \li records of the query type exist: they are the answer;
    \li the name has a CNAME and the type is not CNAME: the CNAME goes into the
        answer and the chain is followed inside the server's data (at most 16
        steps, loops stop at the first repeated name), adding the target's
        records of the query type;
    \li type ANY (255): every record of the name (no CNAME following);
    \li the name exists with other types only: NOERROR with an empty answer;
    \li unknown name (also at the end of a CNAME chain): NXDOMAIN.
    \endlist
    Negative answers for names under a zone given to setSoa() carry the zone's
    SOA in the authority section. Queries of a class other than IN or ANY get
    REFUSED.

    UDP replies are limited to 512 bytes, or to the payload size the client
    advertises in an OPT record (EDNS, at least 512). A larger answer is sent
    with TC set and empty answer, authority and additional sections (the OPT
    record is kept). TCP replies are never truncated (up to 65535 bytes).
    Queries carrying an OPT record get one back, with a payload size of 1232.

    Malformed queries never crash the server: messages shorter than a header
    or with the QR bit set are ignored; undecodable ones or ones without
    exactly one question get FORMERR; opcodes other than QUERY get NOTIMP.
    None of these is recorded in questions(); malformedQueryCount() counts them.

    \section1 Threads

    All public functions are thread-safe. Configuration and inspection
    functions take an internal mutex; listen(), close() and setTcpEnabled()
    run in the thread the object lives in: when called from another thread
    they block until that thread's event loop has executed them (so that
    thread must be running an event loop, and must not be waiting for the
    caller). The object can be moved to a worker thread before listen().

    questionReceived() is emitted from the server's thread, once for every
    recorded query, after it was recorded and before the reply is sent (or
    scheduled). It costs nothing when not connected.
*/
class AresTestServer : public QObject
{
    Q_OBJECT
public:
    enum class Transport { Udp, Tcp };
    Q_ENUM(Transport)

    enum class FaultKind {
        None, //!< answer normally (use with Fault::delay)
        Drop, //!< no reply at all
        ServFail, //!< rcode SERVFAIL, empty answer
        Refused, //!< rcode REFUSED, empty answer
        NxDomain, //!< rcode NXDOMAIN, empty answer (SOA in authority if setSoa() covers the name)
        NotImp, //!< rcode NOTIMP, empty answer
        FormErr, //!< rcode FORMERR, empty answer
        NoData, //!< NOERROR with an empty answer, even if records exist (SOA as for NxDomain)
        Truncate, //!< UDP: TC set, empty answer; TCP: the normal full answer
        WrongId, //!< the normal reply with ID = query ID ^ 0x5555
        WrongQuestion, //!< the normal reply whose question name is "wrong.invalid"
        Garbage, //!< 40 deterministic junk bytes (with the query's ID), not parseable as DNS
        ShortReply, //!< the first 8 bytes of the normal reply (shorter than a DNS header)
        TcpClose, //!< TCP: close the connection without answering; UDP: as Drop
        TcpStall, //!< TCP: never answer this query, keep the connection open; UDP: as Drop
    };
    Q_ENUM(FaultKind)

    struct Fault
    {
        FaultKind kind = FaultKind::None;
        //! Delay before replying (or before closing, for TcpClose); applies with kind None too.
        std::chrono::milliseconds delay { 0 };
        /*!
            The fault (kind and delay) applies to the first \c count queries
            for the name, counted over every transport and query type, then
            the name is answered normally; -1 = always. For the wildcard "*",
            the count runs separately for every name it matches.
        */
        int count = -1;
    };

    //! One received query.
    struct Question
    {
        QByteArray name; //!< qname as received: dotted, no trailing dot, original case ("" = root)
        quint16 type = 0;
        quint16 klass = 1;
        quint16 id = 0;
        Transport transport = Transport::Udp;
        bool recursionDesired = false;
        bool hasEdns = false;
        quint16 ednsPayloadSize = 0; //!< the OPT record's class field, as sent
        QHostAddress peer;
        quint16 peerPort = 0;
        QHostAddress localAddress; //!< which of our addresses received it
        //! Monotonic clock, comparable to QElapsedTimer::msecsSinceReference().
        qint64 receivedAtMs = 0;
    };

    explicit AresTestServer(QObject *parent = nullptr);
    ~AresTestServer() override;

    /*!
        Binds UDP and TCP on one port for every address in \a addresses.
        An IPv6 address that cannot be bound at all on this machine (no IPv6
        loopback) is skipped silently; addresses() tells what is in use.
        \a port 0 picks a port free for UDP and TCP on all addresses (retrying
        a bounded number of times). Closes any previous listening first.
        Returns false and sets errorString() on failure.
    */
    bool listen(const QList<QHostAddress> &addresses
                = { QHostAddress::LocalHost, QHostAddress::LocalHostIPv6 },
                quint16 port = 0);
    //! Closes all sockets and TCP connections and discards delayed replies.
    void close();
    bool isListening() const;
    //! The port in use, 0 when not listening.
    quint16 port() const;
    //! The addresses in use, in the order given to listen().
    QList<QHostAddress> addresses() const;
    QString errorString() const;
    //! c-ares style server string: "127.0.0.1:PORT" or "[::1]:PORT".
    QString serverString(const QHostAddress &address = QHostAddress::LocalHost) const;

    // Records. Names are matched case-insensitively; a trailing dot is ignored.
    // TTLs are in seconds and go on the wire unchanged (the full quint32 range).

    //! An A or AAAA record, by the protocol of \a address.
    void addAddress(const QString &name, const QHostAddress &address, quint32 ttl = 300);
    void addCname(const QString &name, const QString &target, quint32 ttl = 300);
    //! \a name is the owner in in-addr.arpa / ip6.arpa (see reverseName()).
    void addPtr(const QString &name, const QString &target, quint32 ttl = 300);
    //! Any record type, with raw \a rdata (names inside it uncompressed, see encodeName()).
    void addRecord(const QString &name, quint16 type, const QByteArray &rdata, quint32 ttl = 300);
    //! Removes the records of \a name of \a type, or all of its records for type 0.
    void removeRecords(const QString &name, quint16 type = 0);
    /*!
        Makes the server authoritative for \a zone: an SOA record is added at
        the apex (replacing an earlier one; queryable as type SOA), and
        negative answers (NXDOMAIN, no data) for names at or under the zone
        carry that SOA in the authority section, with TTL and minimum field
        \a minimumTtl. The deepest matching zone wins; "" is the root zone.
    */
    void setSoa(const QString &zone, quint32 minimumTtl = 60);
    //! Removes all records and SOA zones.
    void clearRecords();

    //! Uncompressed wire form of \a name, for building rdata; empty if the name is invalid.
    static QByteArray encodeName(const QString &name);
    //! "4.3.2.1.in-addr.arpa" or the nibble form under ip6.arpa, for addPtr().
    static QString reverseName(const QHostAddress &address);

    /*!
        Sets the fault for \a name (case-insensitive), replacing an earlier one
        and restarting its count. "*" sets the wildcard fault, used for every
        name without a fault of its own (even an expired one).
    */
    void setFault(const QString &name, const Fault &fault);
    void clearFault(const QString &name);
    void clearFaults();

    /*!
        false: closes the TCP listeners, so connections to the port are
        refused (established connections stay open). true: listens again on
        the same port; on failure errorString() says why and isTcpEnabled()
        stays false. The setting persists over close() and listen().
    */
    void setTcpEnabled(bool enabled);
    bool isTcpEnabled() const;

    // Observed traffic.
    QList<Question> questions() const;
    //! Number of queries received (recorded or not, see setQuestionRecordingEnabled()).
    int questionCount() const;
    //! Recorded queries for \a name (case-insensitive) of \a type (0 = any type).
    int questionCount(const QString &name, quint16 type = 0) const;
    //! Forgets recorded questions and resets questionCount() and malformedQueryCount().
    void clearQuestions();
    /*!
        With false, questions() stops growing (questionCount() still counts):
        for benchmarks that send many queries. Default true.
    */
    void setQuestionRecordingEnabled(bool enabled);
    //! Messages that were not answerable queries (see the class documentation).
    int malformedQueryCount() const;
    int openTcpConnections() const;

Q_SIGNALS:
    void questionReceived(const AresTestServer::Question &question);

private:
    Q_DISABLE_COPY_MOVE(AresTestServer)
    friend class AresTestServerPrivate;
    std::unique_ptr<AresTestServerPrivate> const d;
};

Q_DECLARE_METATYPE(AresTestServer::Question)
Q_DECLARE_METATYPE(AresTestServer::Fault)

#endif // ARESTESTSERVER_H
