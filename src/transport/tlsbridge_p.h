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
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtCore/qstring.h>
#include <QtNetwork/qabstractsocket.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtNetwork/qsslerror.h>

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
    //! "dns.example (127.0.0.1:853)" or "127.0.0.1:853", for error strings.
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

private:
    void onEncrypted();
    void onSslErrors(const QList<QSslError> &errors);
    void onSocketError(QAbstractSocket::SocketError error);
    void onServerReadable();
    void onLocalReadable();
    void onServerClosed();
    void flushToLocal();
    bool forwardQueries();
    void fail(const QString &reason);
    void closeLocal();

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
};

} // namespace QAresPrivate::Transport

#endif // TLSBRIDGE_P_H
