// SPDX-License-Identifier: MIT
#ifndef DOHFRONT_H
#define DOHFRONT_H

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qobject.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslkey.h>

#include <memory>

class DohFrontPrivate;

/*!
    A DNS over HTTPS front for tests: listens on a free TCP port of 127.0.0.1,
    terminates TLS (ALPN "h2" and "http/1.1" offered, or "http/1.1" only),
    serves RFC 8484 requests (POST and GET) with the in-memory servers of
    dohtestservers.h (HTTP/2 on nghttp2's server API, HTTP/1.1 by hand) and
    forwards each DNS query to a plain DNS server's TCP port (the fake
    server), the reply back as the response. It binds UDP on the same port
    to see any query sent there in clear, and counts a connection whose
    first byte is not a TLS handshake record as plaintext (and closes it).

    Hostile modes change the responses; every count is of this front's
    connections since the last reset().
*/
class DohFront : public QObject
{
    Q_OBJECT
public:
    enum class Mode {
        Normal, //!< 200, application/dns-message, the server's reply
        StallHandshake, //!< accept TCP, never answer the ClientHello
        HttpStatus, //!< the status of setStatus() (a text body), no DNS reply
        Redirect, //!< 301 to another DoH URL
        WrongContentType, //!< 200 with the reply as text/html
        TruncatedBody, //!< a Content-Length beyond the body, then the connection closes
        OversizedBody, //!< the reply padded to 70,000 octets
        CloseMidReply, //!< half of the response's bytes, then the connection closes
        WrongQuestion, //!< the reply, its question's name changed
    };
    Q_ENUM(Mode)

    explicit DohFront(QObject *parent = nullptr);
    ~DohFront() override;

    //! Listens on 127.0.0.1 (a free port for TCP and UDP), forwarding to 127.0.0.1:\a backendPort.
    bool listen(quint16 backendPort);
    quint16 port() const;
    QString errorString() const;
    //! The certificate (with its chain after it, if any) and key new connections present.
    void setIdentity(const QList<QSslCertificate> &chain, const QSslKey &key);
    void setMode(Mode mode);
    //! HttpStatus mode's status (503 unless set).
    void setStatus(int status);
    //! Offer "http/1.1" only in ALPN (a server without HTTP/2); for new connections.
    void setHttp1Only(bool only);

    int connections() const; //!< TCP connections accepted
    int handshakes() const; //!< TLS handshakes completed
    int plaintextConnections() const; //!< connections that did not start with a TLS handshake
    int udpDatagrams() const; //!< datagrams received on the UDP port
    int requests() const; //!< HTTP requests read
    int openConnections() const;
    //! The most HTTP/2 streams one connection had open at once.
    int maxConcurrentStreams() const;
    //! ALPN protocol negotiated by the last handshake ("h2", "http/1.1", or empty).
    QByteArray lastNegotiatedProtocol() const;
    //! "POST /dns-query" or "GET /dns-query?dns=...", one per request read.
    QList<QByteArray> requestLines() const;
    //! The length of every DNS message received in a request.
    QList<int> queryLengths() const;
    void reset(); //!< zeroes the counts; open connections stay

private:
    Q_DISABLE_COPY_MOVE(DohFront)
    std::unique_ptr<DohFrontPrivate> const d;
};

#endif // DOHFRONT_H
