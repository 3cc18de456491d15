// SPDX-License-Identifier: MIT
#ifndef TLSBRIDGE_P_H
#define TLSBRIDGE_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
// This directory knows QtNetwork only (no <ares.h>): src/cares/ calls it.
//

#include <QtCore/qbytearray.h>
#include <QtCore/qhash.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qstring.h>
#include <QtNetwork/qabstractsocket.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtNetwork/qsslerror.h>

#include "dohsession_p.h"

#include <memory>

class QSocketNotifier;
class QSslSocket;

namespace QAresPrivate::Transport {

//! Where a bridge connects to, and how the server is authenticated (RFC 8310).
struct TlsPeer
{
    QHostAddress address;
    quint16 port = 853;
    QString authenticationName; // SNI and certificate name; empty: the certificate is checked for address
    QList<QByteArray> spkiPins; // SHA-256 of a SubjectPublicKeyInfo in the chain; empty: none required
    // DNS over HTTPS (RFC 8484) instead of DNS over TLS: where the queries go, and how.
    bool https = false;
    DohTarget dohTarget;
    DohSession::Method dohMethod = DohSession::Method::Post;
    /*!
        "dns.example (127.0.0.1:853)" or "127.0.0.1:853", for error strings;
        "https://dns.example/dns-query (127.0.0.1:443)" for DoH.
    */
    QString displayName() const;
};

/*!
    DNS over TLS under c-ares's TCP path. c-ares holds one end of a
    socketpair(AF_UNIX, SOCK_STREAM) as if it were its TCP connection to the
    server; the bridge holds the other end (\a localFd) and a QSslSocket to
    the real server, non-blocking on the thread it lives in. Bytes c-ares
    writes are sent once the handshake and the checks succeeded (buffered
    until then, so nothing is ever sent in clear), each query padded to a
    multiple of 128 bytes (RFC 7830, RFC 8467); decrypted bytes are written
    to the socketpair as they come, so c-ares's own notifier fires.

    A failure (handshake, certificate, pin, connection) closes the bridge's
    end, which c-ares sees as a closed connection (it retries or fails the
    query), and emits failed() with the reason first.

    With TlsPeer::https, the bridge speaks DNS over HTTPS on the same TLS
    connection (ALPN "h2", "http/1.1"): each frame c-ares writes becomes a
    request of a DohSession (HTTP/2 streams at once, HTTP/1.1 one after the
    other), each reply goes back to c-ares as a frame with the query's ID.
    A query the server answered with an HTTP error (or with a DNS reply to
    another question) gets a SERVFAIL from the bridge, so that c-ares moves
    on as for a failing server, and queryFailed() names the reason; a query
    the server did not process stays unanswered, and the bridge closes its
    end once the connection cannot carry more, so that c-ares sends it again
    on a new connection.
*/
class TlsBridge : public QObject
{
    Q_OBJECT
public:
    //! Takes ownership of \a localFd (non-blocking). Call start() to connect.
    TlsBridge(int localFd, const TlsPeer &peer, const QSslConfiguration &configuration,
              QObject *parent = nullptr);
    ~TlsBridge() override;

    void start();
    /*!
        Ends the bridge at once without a signal: closes the local end and
        aborts the TLS connection (c-ares closed its end).
    */
    void shutdown();

    const TlsPeer &peer() const { return m_peer; }
    //! \c true once the handshake and the checks succeeded.
    bool isEstablished() const { return m_established; }
    //! \c true while the handshake runs.
    bool isHandshaking() const { return !m_established && !m_done; }

Q_SIGNALS:
    //! The handshake and checks succeeded; c-ares's queries now flow.
    void established();
    /*!
        The bridge closed its end during the handshake or the checks because
        of \a reason (already translated). Not emitted when the TCP
        connection itself could not be made (refused, unreachable): c-ares
        sees that as it sees a refused plain TCP connection.
    */
    void failed(const QString &reason);
    //! DoH: the server did not answer a query with a DNS reply because of \a reason.
    void queryFailed(const QString &reason);
    //! DoH: a DNS reply came (of any response code).
    void answered();

private:
    void onEncrypted();
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError(QAbstractSocket::SocketError error);
    void onServerReadable();
    void onLocalReadable();
    void onServerClosed();
    void flushToLocal();
    bool forwardQueries();
    bool forwardDohQueries();
    void fail(const QString &reason);
    void closeLocal();
    // DNS over HTTPS
    bool startDoh();
    void submitDoh(const QByteArray &query);
    void pumpDoh();

    TlsPeer m_peer;
    QSslConfiguration m_configuration;
    QSslSocket *m_socket = nullptr;
    QSocketNotifier *m_localRead = nullptr;
    QSocketNotifier *m_localWrite = nullptr;
    QByteArray m_fromLocal; // c-ares's bytes not yet a whole frame
    QByteArray m_toServer; // c-ares's padded frames until the handshake is done
    QByteArray m_toLocal; // decrypted bytes the socketpair did not take yet
    QString m_sslErrors;
    int m_fd = -1;
    bool m_connected = false; // TCP connected: TLS is being negotiated
    bool m_established = false;
    bool m_done = false; // failed or shut down
    bool m_closeWhenFlushed = false; // the server closed: close the local end once m_toLocal is out
    std::unique_ptr<DohSession> m_doh; // DoH: made once ALPN is known
    QList<QByteArray> m_dohWaiting; // DoH: padded queries until the session exists
    qsizetype m_dohWaitingBytes = 0;
    QHash<quint64, QByteArray> m_dohQueries; // DoH: by ticket, the query sent (for its question)
};

} // namespace QAresPrivate::Transport

#endif // TLSBRIDGE_P_H
