// SPDX-License-Identifier: MIT
#include "frontlistener.h"

#include <QtCore/qsocketnotifier.h>
#include <QtNetwork/qnetworkdatagram.h>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

FrontListener::FrontListener(QObject *owner, std::function<void(int)> startTls)
    : m_owner(owner), m_startTls(std::move(startTls))
{
    QObject::connect(&m_udp, &QUdpSocket::readyRead, owner, [this] {
        while (m_udp.hasPendingDatagrams()) {
            m_udp.receiveDatagram();
            ++datagrams;
        }
    });
}

bool FrontListener::listenBoth(QString *errorString)
{
    for (int attempt = 0; attempt < 20; ++attempt) {
        if (!listen(QHostAddress::LocalHost, 0)) {
            *errorString = QTcpServer::errorString();
            return false;
        }
        if (m_udp.bind(QHostAddress::LocalHost, serverPort()))
            return true;
        close();
    }
    *errorString = QStringLiteral("no port free for both TCP and UDP");
    return false;
}

void FrontListener::incomingConnection(qintptr descriptor)
{
    const int fd = int(descriptor);
    ++connections;
    ++open;
    // Look at the first byte before TLS starts: a ClientHello record starts with 0x16.
    auto *notifier = new QSocketNotifier(fd, QSocketNotifier::Read, m_owner);
    QObject::connect(notifier, &QSocketNotifier::activated, m_owner, [this, notifier, fd] {
        char first = 0;
        const ssize_t n = ::recv(fd, &first, 1, MSG_PEEK);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        delete notifier;
        if (n <= 0 || first != 0x16) {
            if (n > 0)
                ++plaintext;
            drop(fd);
            return;
        }
        m_startTls(fd);
    });
}

void FrontListener::stall(int fd)
{
    auto *notifier = new QSocketNotifier(fd, QSocketNotifier::Read, m_owner);
    QObject::connect(notifier, &QSocketNotifier::activated, m_owner, [this, notifier, fd] {
        char buffer[4096];
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
            delete notifier;
            drop(fd);
        }
    });
}

void FrontListener::drop(int fd)
{
    --open;
    ::close(fd);
}
