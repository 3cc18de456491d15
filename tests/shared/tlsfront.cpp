// SPDX-License-Identifier: MIT
#include "tlsfront.h"

#include <QtCore/qpointer.h>
#include <QtCore/qsocketnotifier.h>
#include <QtNetwork/qnetworkdatagram.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtNetwork/qsslsocket.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtNetwork/qudpsocket.h>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

class TlsFrontPrivate;

namespace {
class Listener : public QTcpServer
{
public:
    explicit Listener(TlsFrontPrivate *front) : m_front(front) { }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    TlsFrontPrivate *m_front;
};
} // namespace

class TlsFrontPrivate
{
public:
    explicit TlsFrontPrivate(TlsFront *q) : q(q), listener(this) { }
    void accept(int fd);
    void startTls(int fd);
    void forward(QSslSocket *client, QTcpSocket *backend, QByteArray *pending);

    TlsFront *q;
    Listener listener;
    QUdpSocket udp;
    quint16 backendPort = 0;
    QList<QSslCertificate> chain;
    QSslKey key;
    TlsFront::Mode mode = TlsFront::Mode::Normal;
    QString errorString;
    QByteArray lastProtocol;
    QList<int> queryLengths;
    int connections = 0;
    int handshakes = 0;
    int plaintext = 0;
    int datagrams = 0;
    int replies = 0;
    int open = 0;
};

void Listener::incomingConnection(qintptr descriptor)
{
    m_front->accept(int(descriptor));
}

void TlsFrontPrivate::accept(int fd)
{
    ++connections;
    ++open;
    // Look at the first byte before TLS starts: a ClientHello record starts with 0x16.
    auto *notifier = new QSocketNotifier(fd, QSocketNotifier::Read, q);
    QObject::connect(notifier, &QSocketNotifier::activated, q, [this, notifier, fd] {
        char first = 0;
        const ssize_t n = ::recv(fd, &first, 1, MSG_PEEK);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        delete notifier;
        if (n <= 0 || first != 0x16) {
            if (n > 0)
                ++plaintext;
            --open;
            ::close(fd);
            return;
        }
        startTls(fd);
    });
}

void TlsFrontPrivate::startTls(int fd)
{
    if (mode == TlsFront::Mode::StallHandshake) {
        // Hold the connection and read nothing: the client's handshake never ends.
        auto *notifier = new QSocketNotifier(fd, QSocketNotifier::Read, q);
        QObject::connect(notifier, &QSocketNotifier::activated, q, [this, notifier, fd] {
            char buffer[4096];
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
                delete notifier;
                --open;
                ::close(fd);
            }
        });
        return;
    }
    auto *client = new QSslSocket(q);
    if (!client->setSocketDescriptor(fd)) {
        --open;
        ::close(fd);
        delete client;
        return;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    configuration.setAllowedNextProtocols({ QByteArrayLiteral("dot") });
    client->setSslConfiguration(configuration);
    auto *backend = new QTcpSocket(client);
    // Shared by the lambdas below, freed with the last of them (the sockets' connections).
    const auto toClient = std::make_shared<QByteArray>();
    const auto toBackend = std::make_shared<QByteArray>();
    const TlsFront::Mode connectionMode = mode;
    QObject::connect(client, &QSslSocket::encrypted, q, [this, client, backend] {
        ++handshakes;
        lastProtocol = client->sslConfiguration().nextNegotiatedProtocol();
        backend->connectToHost(QHostAddress::LocalHost, backendPort);
    });
    const auto fromClient = std::make_shared<QByteArray>();
    QObject::connect(client, &QSslSocket::readyRead, q, [this, client, backend, toBackend, fromClient] {
        fromClient->append(client->readAll());
        // Whole query frames go on, their lengths noted.
        while (fromClient->size() >= 2) {
            const int length = (quint8(fromClient->at(0)) << 8) | quint8(fromClient->at(1));
            if (fromClient->size() < 2 + length)
                break;
            queryLengths.append(length);
            toBackend->append(fromClient->left(2 + length));
            fromClient->remove(0, 2 + length);
        }
        if (backend->state() == QAbstractSocket::ConnectedState && !toBackend->isEmpty())
            backend->write(std::exchange(*toBackend, QByteArray()));
    });
    QObject::connect(backend, &QTcpSocket::connected, q, [backend, toBackend] {
        if (!toBackend->isEmpty())
            backend->write(std::exchange(*toBackend, QByteArray()));
    });
    QObject::connect(
            backend, &QTcpSocket::readyRead, q, [this, client, backend, toClient, connectionMode] {
                toClient->append(backend->readAll());
                // Whole DNS-over-TCP frames, each sent as the mode says.
                while (toClient->size() >= 2) {
                    const int length = (quint8(toClient->at(0)) << 8) | quint8(toClient->at(1));
                    if (toClient->size() < 2 + length)
                        break;
                    QByteArray frame = toClient->left(2 + length);
                    toClient->remove(0, 2 + length);
                    ++replies;
                    switch (connectionMode) {
                    case TlsFront::Mode::Normal:
                    case TlsFront::Mode::StallHandshake:
                        client->write(frame);
                        break;
                    case TlsFront::Mode::OneByteRecords:
                        for (char byte : std::as_const(frame)) {
                            client->write(&byte, 1);
                            client->flush(); // one SSL_write, one record
                        }
                        break;
                    case TlsFront::Mode::WrongLengthPrefix:
                        frame[0] = char(0xff); // 65535: more than will ever come
                        frame[1] = char(0xff);
                        client->write(frame);
                        break;
                    case TlsFront::Mode::WrongId:
                        frame[2] = char(frame.at(2) ^ 0x5a);
                        client->write(frame);
                        break;
                    case TlsFront::Mode::WrongQuestion:
                        if (frame.size() > 15 && quint8(frame.at(14)) > 0)
                            frame[15] = frame.at(15) == 'a' ? 'b' : 'a';
                        client->write(frame);
                        break;
                    case TlsFront::Mode::CloseMidReply:
                        client->write(frame.left(frame.size() / 2));
                        client->flush();
                        client->disconnectFromHost();
                        toClient->clear();
                        return;
                    }
                }
            });
    QObject::connect(backend, &QTcpSocket::disconnected, client,
                     [client] { client->disconnectFromHost(); });
    QObject::connect(client, &QSslSocket::disconnected, q, [this, client] {
        --open;
        client->deleteLater();
    });
    QObject::connect(client, &QSslSocket::errorOccurred, q, [client](QAbstractSocket::SocketError) {
        if (client->state() != QAbstractSocket::UnconnectedState)
            client->abort();
    });
    client->startServerEncryption();
}

TlsFront::TlsFront(QObject *parent) : QObject(parent), d(new TlsFrontPrivate(this))
{
    connect(&d->udp, &QUdpSocket::readyRead, this, [this] {
        while (d->udp.hasPendingDatagrams()) {
            d->udp.receiveDatagram();
            ++d->datagrams;
        }
    });
}

TlsFront::~TlsFront() = default;

bool TlsFront::listen(quint16 backendPort)
{
    d->backendPort = backendPort;
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (!d->listener.listen(QHostAddress::LocalHost, 0)) {
            d->errorString = d->listener.errorString();
            return false;
        }
        if (d->udp.bind(QHostAddress::LocalHost, d->listener.serverPort()))
            return true;
        d->listener.close();
    }
    d->errorString = QStringLiteral("no port free for both TCP and UDP");
    return false;
}

quint16 TlsFront::port() const
{
    return d->listener.serverPort();
}
QString TlsFront::errorString() const
{
    return d->errorString;
}
void TlsFront::setIdentity(const QList<QSslCertificate> &chain, const QSslKey &key)
{
    d->chain = chain;
    d->key = key;
}
void TlsFront::setMode(Mode mode)
{
    d->mode = mode;
}
int TlsFront::connections() const
{
    return d->connections;
}
int TlsFront::handshakes() const
{
    return d->handshakes;
}
int TlsFront::plaintextConnections() const
{
    return d->plaintext;
}
int TlsFront::udpDatagrams() const
{
    return d->datagrams;
}
int TlsFront::repliesForwarded() const
{
    return d->replies;
}
int TlsFront::openConnections() const
{
    return d->open;
}
QByteArray TlsFront::lastNegotiatedProtocol() const
{
    return d->lastProtocol;
}
void TlsFront::reset()
{
    d->connections = d->handshakes = d->plaintext = d->datagrams = d->replies = 0;
    d->lastProtocol.clear();
    d->queryLengths.clear();
}

QList<int> TlsFront::queryLengths() const
{
    return d->queryLengths;
}
