// SPDX-License-Identifier: MIT
#ifndef TLSFRONT_H
#define TLSFRONT_H

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtNetwork/qhostaddress.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslkey.h>

#include <memory>

class TlsFrontPrivate;

/*!
    A DNS over TLS front for tests: listens on a free TCP port of 127.0.0.1,
    terminates TLS (ALPN "dot" offered) and forwards the DNS-over-TCP stream
    to a plain DNS server's TCP port (the fake server), replies back. It binds
    UDP on the same port too, to see any query sent there in clear.

    A connection whose first byte is not a TLS handshake record (0x16) is
    counted as plaintext and closed. Hostile modes change what the client
    sees; every count is of this front's connections since the last reset().
*/
class TlsFront : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Normal, //!< forward replies as they come
        StallHandshake, //!< accept TCP, never answer the ClientHello
        CloseMidReply, //!< send the first half of the first reply, then close (TLS close_notify)
        OneByteRecords, //!< send every reply byte in a TLS record of its own
        WrongLengthPrefix, //!< replies claim to be 65535 bytes long
        WrongId, //!< replies carry another DNS ID
        WrongQuestion, //!< replies' question names another name (its first letter changed)
    };
    Q_ENUM(Mode)

    explicit TlsFront(QObject *parent = nullptr);
    ~TlsFront() override;

    //! Listens on 127.0.0.1 (a free port for TCP and UDP), forwarding to 127.0.0.1:\a backendPort.
    bool listen(quint16 backendPort);
    quint16 port() const;
    QString errorString() const;
    //! The certificate (with its chain after it, if any) and key new connections present.
    void setIdentity(const QList<QSslCertificate> &chain, const QSslKey &key);
    void setMode(Mode mode);

    int connections() const; //!< TCP connections accepted
    int handshakes() const; //!< TLS handshakes completed
    int plaintextConnections() const; //!< connections that did not start with a TLS handshake
    int udpDatagrams() const; //!< datagrams received on the UDP port
    int repliesForwarded() const; //!< DNS replies sent back (whole or in part)
    int openConnections() const;
    //! ALPN protocol negotiated by the last handshake ("dot" if the client offered it).
    QByteArray lastNegotiatedProtocol() const;
    //! The length of every DNS message received from clients (after the 2-byte prefix).
    QList<int> queryLengths() const;
    void reset(); //!< zeroes the counts; open connections stay

private:
    Q_DISABLE_COPY_MOVE(TlsFront)
    std::unique_ptr<TlsFrontPrivate> const d;
};

#endif // TLSFRONT_H
