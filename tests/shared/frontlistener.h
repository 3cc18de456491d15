// SPDX-License-Identifier: MIT
#ifndef FRONTLISTENER_H
#define FRONTLISTENER_H

#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qudpsocket.h>

#include <functional>

/*!
    The listening half of the tests' encrypted fronts (TlsFront, DohFront):
    TCP and UDP on the same free port of 127.0.0.1. Every datagram is counted
    (a query sent in clear); a TCP connection whose first byte is not a TLS
    handshake record (0x16) is counted as plaintext and closed, the others
    go to the start function (or are stalled).
*/
class FrontListener : public QTcpServer
{
public:
    //! \a startTls takes each connection that starts with a TLS handshake (its descriptor).
    FrontListener(QObject *owner, std::function<void(int)> startTls);

    //! Listens on 127.0.0.1 (a free port for TCP and UDP); on failure, sets \a errorString.
    bool listenBoth(QString *errorString);
    //! Holds connection \a fd and reads nothing: its TLS handshake never ends.
    void stall(int fd);
    //! Closes connection \a fd, which the start function did not take.
    void drop(int fd);

    int connections = 0; // TCP connections accepted
    int plaintext = 0; // connections that did not start with a TLS handshake
    int datagrams = 0; // datagrams on the UDP port
    int open = 0; // connections not closed yet

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    QObject *m_owner;
    std::function<void(int)> m_startTls;
    QUdpSocket m_udp;
};

#endif // FRONTLISTENER_H
