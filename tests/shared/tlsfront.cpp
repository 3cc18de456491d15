// SPDX-License-Identifier: MIT
#include "tlsfront.h"

#include "frontlistener.h"

#include <QtCore/qpointer.h>
#include <QtNetwork/qsslconfiguration.h>
#include <QtNetwork/qsslsocket.h>
#include <QtNetwork/qtcpsocket.h>

#include <memory>

class TlsFrontPrivate
{
public:
    explicit TlsFrontPrivate(TlsFront *q) : q(q), listener(q, [this](int fd) { startTls(fd); }) { }
    void startTls(int fd);
    void forward(QSslSocket *client, QTcpSocket *backend, QByteArray *pending);

    TlsFront *q;
    FrontListener listener;
    quint16 backendPort = 0;
    QList<QSslCertificate> chain;
    QSslKey key;
    TlsFront::Mode mode = TlsFront::Mode::Normal;
    QString errorString;
    QByteArray lastProtocol;
    QList<int> queryLengths;
    int handshakes = 0;
    int replies = 0;
};

void TlsFrontPrivate::startTls(int fd)
{
    if (mode == TlsFront::Mode::StallHandshake) {
        listener.stall(fd);
        return;
    }
    auto *client = new QSslSocket(q);
    if (!client->setSocketDescriptor(fd)) {
        listener.drop(fd);
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
    QObject::connect(
            client, &QSslSocket::readyRead, q, [this, client, backend, toBackend, fromClient] {
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
        --listener.open;
        client->deleteLater();
    });
    QObject::connect(client, &QSslSocket::errorOccurred, q, [client](QAbstractSocket::SocketError) {
        if (client->state() != QAbstractSocket::UnconnectedState)
            client->abort();
    });
    client->startServerEncryption();
}

TlsFront::TlsFront(QObject *parent) : QObject(parent), d(new TlsFrontPrivate(this)) { }

TlsFront::~TlsFront() = default;

bool TlsFront::listen(quint16 backendPort)
{
    d->backendPort = backendPort;
    return d->listener.listenBoth(&d->errorString);
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
    return d->listener.connections;
}
int TlsFront::handshakes() const
{
    return d->handshakes;
}
int TlsFront::plaintextConnections() const
{
    return d->listener.plaintext;
}
int TlsFront::udpDatagrams() const
{
    return d->listener.datagrams;
}
int TlsFront::repliesForwarded() const
{
    return d->replies;
}
int TlsFront::openConnections() const
{
    return d->listener.open;
}
QByteArray TlsFront::lastNegotiatedProtocol() const
{
    return d->lastProtocol;
}
void TlsFront::reset()
{
    d->listener.connections = d->listener.plaintext = d->listener.datagrams = 0;
    d->handshakes = d->replies = 0;
    d->lastProtocol.clear();
    d->queryLengths.clear();
}

QList<int> TlsFront::queryLengths() const
{
    return d->queryLengths;
}
