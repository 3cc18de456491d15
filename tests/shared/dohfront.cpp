// SPDX-License-Identifier: MIT
#include "dohfront.h"

#include "dohtestservers.h"
#include "frontlistener.h"

#include <QtCore/qhash.h>
#include <QtCore/qset.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtNetwork/qsslsocket.h>
#include <QtNetwork/qtcpsocket.h>

#include <memory>

namespace {

// The DNS message of a request: a POST's body, a GET's dns parameter (base64url).
QByteArray dnsMessageOf(const DohTest::Request &request)
{
    if (request.method == "POST")
        return request.body;
    const qsizetype at = request.path.indexOf("dns=");
    if (at < 0)
        return {};
    QByteArray value = request.path.mid(at + 4);
    if (const qsizetype amp = value.indexOf('&'); amp >= 0)
        value.truncate(amp);
    return QByteArray::fromBase64(value, QByteArray::Base64UrlEncoding);
}

// The reply with the first letter of its question's name changed ('a' -> 'b', others -> 'a').
QByteArray withOtherQuestion(QByteArray reply)
{
    if (reply.size() > 13 && quint8(reply.at(12)) > 0)
        reply[13] = reply.at(13) == 'a' ? 'b' : 'a';
    return reply;
}

} // namespace

class DohFrontPrivate
{
public:
    explicit DohFrontPrivate(DohFront *q) : q(q), listener(q, [this](int fd) { startTls(fd); }) { }
    void startTls(int fd);

    DohFront *q;
    FrontListener listener;
    quint16 backendPort = 0;
    QList<QSslCertificate> chain;
    QSslKey key;
    DohFront::Mode mode = DohFront::Mode::Normal;
    int status = 503;
    bool http1Only = false;
    QString errorString;
    QByteArray lastProtocol;
    QList<QByteArray> requestLines;
    QList<int> queryLengths;
    int handshakes = 0;
    int requests = 0;
    int maxStreams = 0;
};

namespace {

// One client connection: TLS, an HTTP server of dohtestservers.h, a TCP connection to the backend.
class Connection : public QObject
{
public:
    Connection(DohFrontPrivate *front, QSslSocket *client)
        : QObject(front->q), m_front(front), m_client(client), m_mode(front->mode)
    {
        client->setParent(this);
        m_backend = new QTcpSocket(this);
        connect(client, &QSslSocket::encrypted, this, &Connection::onEncrypted);
        connect(client, &QSslSocket::readyRead, this, [this] {
            if (!m_server)
                return;
            m_server->receive(m_client->readAll());
            flush();
        });
        connect(client, &QSslSocket::disconnected, this, [this] {
            --m_front->listener.open;
            deleteLater();
        });
        connect(client, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
            if (m_client->state() != QAbstractSocket::UnconnectedState)
                m_client->abort();
        });
        connect(m_backend, &QTcpSocket::connected, this, [this] {
            if (!m_toBackend.isEmpty())
                m_backend->write(std::exchange(m_toBackend, QByteArray()));
        });
        connect(m_backend, &QTcpSocket::readyRead, this, &Connection::onBackendReadable);
    }

private:
    void onEncrypted()
    {
        ++m_front->handshakes;
        m_protocol = m_client->sslConfiguration().nextNegotiatedProtocol();
        m_front->lastProtocol = m_protocol;
        m_backend->connectToHost(QHostAddress::LocalHost, m_front->backendPort);
#if QARES_HAVE_NGHTTP2
        if (m_protocol == "h2") {
            auto server = std::make_unique<DohTest::Http2Server>();
            m_http2 = server.get();
            server->handler = [this](const DohTest::Request &request) {
                startQuery(request);
                return std::optional<DohTest::Http2Server::Response>();
            };
            m_server = std::move(server);
            flush();
            return;
        }
#endif
        auto server = std::make_unique<DohTest::Http1Server>();
        m_http1 = server.get();
        server->handler = [this](const DohTest::Request &request) {
            return http1Answer(request);
        };
        m_server = std::move(server);
        flush();
    }

    void startQuery(const DohTest::Request &request)
    {
        if (m_started.contains(request.stream))
            return;
        m_started.insert(request.stream);
        ++m_front->requests;
        m_front->requestLines.append(request.method + ' ' + request.path);
        const QByteArray query = dnsMessageOf(request);
        m_front->queryLengths.append(int(query.size()));
        if (m_http2)
            m_front->maxStreams = qMax(m_front->maxStreams, m_http2->maxOpen);
        if (query.size() < 12) {
            respond(request.stream, QByteArray()); // a 400 below
            return;
        }
        const quint16 id = m_nextId++;
        m_streams.insert(id, request.stream);
        QByteArray frame = query;
        frame[0] = char(id >> 8);
        frame[1] = char(id & 0xff);
        frame.prepend(char(query.size() & 0xff));
        frame.prepend(char(query.size() >> 8));
        if (m_backend->state() == QAbstractSocket::ConnectedState)
            m_backend->write(frame);
        else
            m_toBackend += frame;
    }

    void onBackendReadable()
    {
        m_fromBackend += m_backend->readAll();
        while (m_fromBackend.size() >= 2) {
            const int length = (quint8(m_fromBackend.at(0)) << 8) | quint8(m_fromBackend.at(1));
            if (m_fromBackend.size() < 2 + length)
                break;
            QByteArray reply = m_fromBackend.mid(2, length);
            m_fromBackend.remove(0, 2 + length);
            if (reply.size() < 12)
                continue;
            const quint16 id = quint16((quint8(reply.at(0)) << 8) | quint8(reply.at(1)));
            const auto it = m_streams.find(id);
            if (it == m_streams.end())
                continue;
            const qint32 stream = it.value();
            m_streams.erase(it);
            reply[0] = 0; // DoH: ID 0 (RFC 8484 section 4.1)
            reply[1] = 0;
            respond(stream, reply);
        }
    }

    // The response to \a stream for the reply \a reply (empty: the query was not DNS), as the
    // mode says.
    void respond(qint32 stream, const QByteArray &reply)
    {
        if (m_mode == DohFront::Mode::CloseMidReply)
            m_cutNext = true;
        if (m_http1) {
            m_replies.insert(stream, reply);
            m_http1->answerHeld();
        }
#if QARES_HAVE_NGHTTP2
        if (m_http2) {
            DohTest::Http2Server::Response response;
            response.body = reply;
            if (reply.isEmpty()) {
                response.status = 400;
                response.contentType = "text/plain";
                response.body = "bad request";
            }
            switch (m_mode) {
            case DohFront::Mode::Normal:
            case DohFront::Mode::StallHandshake:
            case DohFront::Mode::CloseMidReply:
                break;
            case DohFront::Mode::HttpStatus:
                response.status = m_front->status;
                response.contentType = "text/plain";
                response.body = "unavailable";
                break;
            case DohFront::Mode::Redirect:
                response.status = 301;
                response.location = "https://elsewhere.test/dns-query";
                response.contentType.clear();
                response.body.clear();
                break;
            case DohFront::Mode::WrongContentType:
                response.contentType = "text/html";
                break;
            case DohFront::Mode::TruncatedBody:
                response.contentLength = response.body.size() + 10;
                m_closeAfterFlush = true;
                break;
            case DohFront::Mode::OversizedBody:
                response.body.append(QByteArray(70000 - response.body.size(), '\0'));
                break;
            case DohFront::Mode::WrongQuestion:
                response.body = withOtherQuestion(response.body);
                break;
            }
            m_http2->respond(stream, response);
        }
#endif
        flush();
    }

    std::optional<DohTest::Http1Server::Answer> http1Answer(const DohTest::Request &request)
    {
        const auto it = m_replies.find(request.stream);
        if (it == m_replies.end()) {
            startQuery(request);
            return std::nullopt;
        }
        QByteArray body = it.value();
        m_replies.erase(it);
        QByteArray statusLine = "HTTP/1.1 200 OK";
        QByteArray headers = "Content-Type: application/dns-message\r\n";
        qint64 length = -2;
        bool close = false;
        if (body.isEmpty()) {
            statusLine = "HTTP/1.1 400 Bad Request";
            headers = "Content-Type: text/plain\r\n";
            body = "bad request";
        }
        switch (m_mode) {
        case DohFront::Mode::Normal:
        case DohFront::Mode::StallHandshake:
        case DohFront::Mode::CloseMidReply:
            break;
        case DohFront::Mode::HttpStatus:
            statusLine = "HTTP/1.1 " + QByteArray::number(m_front->status) + " Unavailable";
            headers = "Content-Type: text/plain\r\n";
            body = "unavailable";
            break;
        case DohFront::Mode::Redirect:
            statusLine = "HTTP/1.1 301 Moved Permanently";
            headers = "Location: https://elsewhere.test/dns-query\r\n";
            body.clear();
            break;
        case DohFront::Mode::WrongContentType:
            headers = "Content-Type: text/html\r\n";
            break;
        case DohFront::Mode::TruncatedBody:
            length = body.size() + 10;
            close = true;
            break;
        case DohFront::Mode::OversizedBody:
            body.append(QByteArray(70000 - body.size(), '\0'));
            break;
        case DohFront::Mode::WrongQuestion:
            body = withOtherQuestion(body);
            break;
        }
        if (length == -2)
            length = body.size();
        DohTest::Http1Server::Answer answer;
        answer.bytes = statusLine + "\r\n" + headers + "Content-Length: "
                + QByteArray::number(length) + "\r\n\r\n" + body;
        answer.closeAfter = close;
        return answer;
    }

    void flush()
    {
        if (!m_server || m_dead)
            return;
        QByteArray out = m_server->takeOutgoing();
        if (m_cutNext && !out.isEmpty()) {
            // Half of the response, then the close (TLS close_notify).
            m_client->write(out.left(out.size() / 2));
            m_client->flush();
            m_dead = true;
            m_client->disconnectFromHost();
            return;
        }
        if (!out.isEmpty())
            m_client->write(out);
        if (m_server->closed || m_closeAfterFlush) {
            m_client->flush();
            m_dead = true;
            m_client->disconnectFromHost();
        }
    }

    DohFrontPrivate *m_front;
    QSslSocket *m_client;
    QTcpSocket *m_backend = nullptr;
    DohFront::Mode m_mode;
    QByteArray m_protocol;
    std::unique_ptr<DohTest::Server> m_server;
    DohTest::Http1Server *m_http1 = nullptr;
#if QARES_HAVE_NGHTTP2
    DohTest::Http2Server *m_http2 = nullptr;
#else
    struct NoHttp2
    {
        int maxOpen = 0;
    } *m_http2 = nullptr;
#endif
    QSet<qint32> m_started;
    QHash<quint16, qint32> m_streams; // backend ID -> request
    QHash<qint32, QByteArray> m_replies; // HTTP/1.1: replies by request, until answered in order
    QByteArray m_toBackend;
    QByteArray m_fromBackend;
    quint16 m_nextId = 1;
    bool m_cutNext = false;
    bool m_closeAfterFlush = false;
    bool m_dead = false;
};

} // namespace

void DohFrontPrivate::startTls(int fd)
{
    if (mode == DohFront::Mode::StallHandshake) {
        listener.stall(fd);
        return;
    }
    auto *client = new QSslSocket;
    if (!client->setSocketDescriptor(fd)) {
        listener.drop(fd);
        delete client;
        return;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    QList<QByteArray> protocols;
#if QARES_HAVE_NGHTTP2
    if (!http1Only)
        protocols.append(QByteArrayLiteral("h2"));
#endif
    protocols.append(QByteArrayLiteral("http/1.1"));
    configuration.setAllowedNextProtocols(protocols);
    client->setSslConfiguration(configuration);
    new Connection(this, client);
    client->startServerEncryption();
}

DohFront::DohFront(QObject *parent) : QObject(parent), d(new DohFrontPrivate(this)) { }

DohFront::~DohFront() = default;

bool DohFront::listen(quint16 backendPort)
{
    d->backendPort = backendPort;
    return d->listener.listenBoth(&d->errorString);
}

quint16 DohFront::port() const
{
    return d->listener.serverPort();
}
QString DohFront::errorString() const
{
    return d->errorString;
}
void DohFront::setIdentity(const QList<QSslCertificate> &chain, const QSslKey &key)
{
    d->chain = chain;
    d->key = key;
}
void DohFront::setMode(Mode mode)
{
    d->mode = mode;
}
void DohFront::setStatus(int status)
{
    d->status = status;
}
void DohFront::setHttp1Only(bool only)
{
    d->http1Only = only;
}
int DohFront::connections() const
{
    return d->listener.connections;
}
int DohFront::handshakes() const
{
    return d->handshakes;
}
int DohFront::plaintextConnections() const
{
    return d->listener.plaintext;
}
int DohFront::udpDatagrams() const
{
    return d->listener.datagrams;
}
int DohFront::requests() const
{
    return d->requests;
}
int DohFront::openConnections() const
{
    return d->listener.open;
}
int DohFront::maxConcurrentStreams() const
{
    return d->maxStreams;
}
QByteArray DohFront::lastNegotiatedProtocol() const
{
    return d->lastProtocol;
}
QList<QByteArray> DohFront::requestLines() const
{
    return d->requestLines;
}
QList<int> DohFront::queryLengths() const
{
    return d->queryLengths;
}
void DohFront::reset()
{
    d->listener.connections = d->listener.plaintext = d->listener.datagrams = 0;
    d->handshakes = d->requests = 0;
    d->maxStreams = 0;
    d->lastProtocol.clear();
    d->requestLines.clear();
    d->queryLengths.clear();
}
