// SPDX-License-Identifier: MIT
#ifndef DOHSESSION_P_H
#define DOHSESSION_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
// This directory knows QtNetwork only (no <ares.h>): src/cares/ calls it.
//

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qstring.h>

#include <deque>
#include <memory>

class QUrl;

namespace QAresPrivate::Transport {

//! Why a DNS-over-HTTPS query failed (DohOutcome::error).
enum class DohError {
    NoError,
    InvalidQuery, // shorter than a DNS header or longer than 65535 octets
    HttpStatus, // a status other than 2xx and 3xx; the string holds the status line
    Redirect, // 3xx: never followed (RFC 8484 section 5.1 leaves it to the client)
    ContentType, // not application/dns-message
    BodyMissing, // an empty body
    BodyTruncated, // shorter than its Content-Length, cut by the close, or < a DNS header
    BodyTooLarge, // more than 65535 octets
    StreamReset, // HTTP/2 RST_STREAM from the server
    GoAway, // HTTP/2 GOAWAY: the stream was not (or will not be) processed
    MalformedResponse, // not HTTP; the connection cannot be used any more
    ProtocolError, // an HTTP/2 connection error
    ConnectionClosed, // the connection ended before the response
};

//! The one outcome of a query given to DohSession::submit().
struct DohOutcome
{
    quint64 ticket = 0; // what submit() returned
    QByteArray reply; // the DNS reply with the caller's ID; empty on error
    DohError error = DohError::NoError;
    QString errorString; // translated; empty on success
    int httpStatus = 0; // 0 if no status was read
    /*!
        The server did not process the query (it was never sent, or HTTP/2
        REFUSED_STREAM/GOAWAY said so): it may be sent again on another
        connection.
    */
    bool retryable = false;
};

//! Where the queries go: from a URI template such as https://dns.example/dns-query{?dns}.
struct DohTarget
{
    QByteArray authority; // host[:port], for Host: and :authority
    QByteArray path; // "/dns-query", possibly with a query of its own ("?a=b")
    /*!
        Reads \a url (scheme https, a host, an absolute path; "{?dns}" at the
        end is dropped). On failure returns an empty target and sets
        \a error.
    */
    static DohTarget fromUrl(const QUrl &url, QString *error);
    bool isValid() const { return !authority.isEmpty() && path.startsWith('/'); }
};

/*!
    A DNS-over-HTTPS client session (RFC 8484) without I/O: it turns DNS
    queries into HTTP requests and HTTP responses into DNS replies, over one
    connection whose TLS (and ALPN) someone else handles.

    The owner writes takeOutgoing() to the connection whenever it is not
    empty (after create(), submit() and receive()), hands every received
    (decrypted) byte to receive(), calls connectionClosed() when the
    connection ends, and collects takeOutcomes(). Every submit() gets
    exactly one outcome: a reply, or an error saying what went wrong; when
    the session is destroyed with queries pending, they get none (the owner
    calls connectionClosed() first if it wants them).

    The DNS ID is sent as 0 (RFC 8484 section 4.1, for HTTP caches); the
    reply handed back carries the caller's ID again. Replies may come in
    any order (HTTP/2); match them by ticket, or by ID and question as
    c-ares does.

    HTTP/2 (ALPN "h2", through libnghttp2 when the build has it): one stream
    per query, as many at once as the server's SETTINGS_MAX_CONCURRENT_STREAMS
    allows (100 until its SETTINGS arrive), the rest queued; a stream the
    server refuses (REFUSED_STREAM, without GOAWAY) is sent again, up to
    three times.

    HTTP/1.1 (ALPN "http/1.1" or none): keep-alive, requests written one at
    a time by default (setMaxPipelined() allows more): a server or proxy that
    mishandles pipelining loses every request written after the first, and
    concurrency is what HTTP/2 is for. Responses delimited by Content-Length,
    chunked, or by the close.
*/
class DohSession
{
public:
    enum class Method { Post, Get };
    static constexpr int MaxMessageSize = 65535;
    static constexpr int MaxHeaderBytes = 16384; // the response head, HTTP/1.1

    /*!
        A session for the protocol ALPN chose (\a alpn: "h2", "http/1.1", or
        empty for none). Returns nullptr and sets \a error for an unknown
        protocol, for "h2" in a build without libnghttp2, or for an invalid
        \a target.
    */
    static std::unique_ptr<DohSession> create(const QByteArray &alpn, const DohTarget &target,
                                              Method method, QString *error);
    //! \c true if the build has HTTP/2 (libnghttp2).
    static bool http2Available();
    //! The ALPN protocols to offer, best first: "h2" (if available), "http/1.1".
    static QList<QByteArray> alpnProtocols();

    virtual ~DohSession();
    DohSession(const DohSession &) = delete;
    DohSession &operator=(const DohSession &) = delete;

    //! "h2" or "http/1.1".
    virtual QByteArray protocol() const = 0;

    /*!
        Queues the DNS message \a query (its own ID, any value) and returns
        its ticket (never 0). An invalid query, or one given to a session
        that cannot send any more (isUsable() is false), gets its error
        outcome at once.
    */
    quint64 submit(const QByteArray &query);
    //! Bytes received from the server, in order, in pieces of any size.
    virtual void receive(const QByteArray &bytes) = 0;
    //! What to write to the connection now (may be empty).
    virtual QByteArray takeOutgoing() = 0;
    /*!
        The connection ended (or the owner ends it): every query pending gets
        its outcome (a reply delimited by the close, or ConnectionClosed).
    */
    virtual void connectionClosed() = 0;

    //! The outcomes since the last call, in the order they were decided.
    QList<DohOutcome> takeOutcomes();
    bool hasOutcomes() const { return !m_outcomes.isEmpty(); }
    //! The queries without an outcome yet (queued or in flight).
    virtual int pendingCount() const = 0;
    /*!
        \c false once the session cannot take new queries: the connection
        closed or failed, HTTP/2 GOAWAY, HTTP/1.1 "Connection: close". Open a
        new connection (and session) for more.
    */
    bool isUsable() const { return m_usable; }
    //! Why the session is not usable (translated), if it is not.
    QString errorString() const { return m_errorString; }

    //! HTTP/1.1 only: how many requests may be written before their responses (default 1).
    void setMaxPipelined(int count) { m_maxPipelined = qMax(1, count); }

protected:
    struct Query
    {
        quint64 ticket = 0;
        quint16 callerId = 0;
        QByteArray message; // with ID 0
        int refusals = 0;
    };
    struct ResponseHead
    {
        int status = 0;
        QByteArray statusLine; // "HTTP/1.1 404 Not Found", or ":status 404" for HTTP/2
        QByteArray contentType;
        QByteArray location;
        qint64 contentLength = -1;
    };

    DohSession(const DohTarget &target, Method method);

    //! The request's path: the target's path, with "?dns=" (or "&dns=") for GET.
    QByteArray requestPath(const Query &query) const;
    //! Decides the outcome of a complete response.
    void finish(const Query &query, const ResponseHead &head, const QByteArray &body, bool bodyTooLarge);
    void fail(const Query &query, DohError error, const QString &errorString, int httpStatus = 0,
              bool retryable = false);
    //! Marks the session unusable (the first reason wins).
    void setUnusable(const QString &reason);
    //! Sends what the protocol allows from m_queue.
    virtual void schedule() = 0;

    DohTarget m_target;
    Method m_method;
    std::deque<Query> m_queue; // not sent yet
    int m_maxPipelined = 1;

private:
    QList<DohOutcome> m_outcomes;
    QString m_errorString;
    quint64 m_nextTicket = 1;
    bool m_usable = true;
};

//! The 2-octet length prefix of DNS over TCP (RFC 1035 section 4.2.2), as c-ares writes it.
namespace TcpFraming {
//! \a message with its length prefix; empty if it is longer than 65535 octets.
QByteArray frame(const QByteArray &message);
/*!
    Removes the first complete message from \a buffer into \a message and
    returns \c true; returns \c false (leaving \a buffer) if it holds none
    yet.
*/
bool takeMessage(QByteArray &buffer, QByteArray *message);
} // namespace TcpFraming

} // namespace QAresPrivate::Transport

#endif // DOHSESSION_P_H
