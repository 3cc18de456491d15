// SPDX-License-Identifier: MIT
#include "tlsbridge_p.h"

#include "padding_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qcryptographichash.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qsocketnotifier.h>
#include <QtNetwork/qsslcertificate.h>
#include <QtNetwork/qsslcipher.h>
#include <QtNetwork/qsslkey.h>
#include <QtNetwork/qsslsocket.h>

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

Q_LOGGING_CATEGORY(lcAresTls, "qares.tls", QtWarningMsg)

namespace QAresPrivate::Transport {

// Bytes of c-ares's queries held while the handshake runs (c-ares writes at most its queries in
// flight, each at most 64 KiB + 2): beyond this the bridge gives up rather than grow without end.
static constexpr qsizetype maxPendingToServer = 16 << 20;

QString TlsPeer::displayName() const
{
    QString hostPort;
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        hostPort = u'[' + address.toString() + u"]:" + QString::number(port);
    else
        hostPort = address.toString() + u':' + QString::number(port);
    if (https) {
        return u"https://" + QString::fromLatin1(dohTarget.authority + dohTarget.path) + u" ("
                + hostPort + u')';
    }
    return authenticationName.isEmpty() ? hostPort : authenticationName + u" (" + hostPort + u')';
}

TlsBridge::TlsBridge(int localFd, const TlsPeer &peer, const QSslConfiguration &configuration,
                     QObject *parent)
    : QObject(parent), m_peer(peer), m_configuration(configuration), m_fd(localFd)
{
}

TlsBridge::~TlsBridge()
{
    closeLocal();
}

void TlsBridge::start()
{
    m_socket = new QSslSocket(this);
    QSslConfiguration configuration = m_configuration;
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    // RFC 7858 section 3.1; DoH: HTTP/2 if the build has it, HTTP/1.1.
    const QList<QByteArray> dot{ QByteArrayLiteral("dot") };
    configuration.setAllowedNextProtocols(m_peer.https ? DohSession::alpnProtocols() : dot);
    m_socket->setSslConfiguration(configuration);
    connect(m_socket, &QSslSocket::connected, this, [this] { m_connected = true; });
    connect(m_socket, &QSslSocket::encrypted, this, &TlsBridge::onEncrypted);
    connect(m_socket, &QSslSocket::sslErrors, this, &TlsBridge::onSslErrors);
    connect(m_socket, &QSslSocket::errorOccurred, this, &TlsBridge::onSocketError);
    connect(m_socket, &QSslSocket::readyRead, this, &TlsBridge::onServerReadable);
    connect(m_socket, &QSslSocket::disconnected, this, &TlsBridge::onServerClosed);

    m_localRead = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_localRead, &QSocketNotifier::activated, this, &TlsBridge::onLocalReadable);
    m_localWrite = new QSocketNotifier(m_fd, QSocketNotifier::Write, this);
    m_localWrite->setEnabled(false);
    connect(m_localWrite, &QSocketNotifier::activated, this, &TlsBridge::flushToLocal);

    // The address as text: no host lookup. The peer name is what SNI carries and what the
    // certificate is checked against; without one, the certificate must name the address.
    const QString host = m_peer.address.toString();
    qCDebug(lcAresTls, "connecting to %s", qPrintable(m_peer.displayName()));
    m_socket->connectToHostEncrypted(
            host, m_peer.port, m_peer.authenticationName.isEmpty() ? host : m_peer.authenticationName);
}

void TlsBridge::shutdown()
{
    m_done = true;
    closeLocal();
    m_toServer.clear();
    m_toLocal.clear();
    m_dohWaiting.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void TlsBridge::closeLocal()
{
    delete m_localRead;
    m_localRead = nullptr;
    delete m_localWrite;
    m_localWrite = nullptr;
    if (m_fd >= 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

// An empty reason: the TCP connection could not be made (no failed() signal).
void TlsBridge::fail(const QString &reason)
{
    if (m_done)
        return;
    m_done = true;
    qCDebug(lcAresTls, "%s", qPrintable(reason));
    closeLocal(); // c-ares sees its connection closed
    m_toServer.clear();
    m_toLocal.clear();
    m_dohWaiting.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        // Not from inside the socket's own signal: aborted once control is back in the loop.
        QMetaObject::invokeMethod(m_socket, &QSslSocket::abort, Qt::QueuedConnection);
    }
    if (!reason.isEmpty())
        Q_EMIT failed(reason);
}

void TlsBridge::onSslErrors(const QList<QSslError> &errors)
{
    // Not ignored: the handshake then fails and errorOccurred() follows.
    QStringList texts;
    for (const QSslError &error : errors)
        texts.append(error.errorString());
    texts.removeDuplicates();
    m_sslErrors = texts.join(QStringLiteral("; "));
}

void TlsBridge::onEncrypted()
{
    if (!m_peer.spkiPins.isEmpty()) {
        // RFC 7858 section 4.2: the SPKI of a certificate in the chain must match a pin.
        bool matched = false;
        QByteArray leaf;
        const QList<QSslCertificate> chain = m_socket->peerCertificateChain();
        for (const QSslCertificate &certificate : chain) {
            const QByteArray spki = QCryptographicHash::hash(certificate.publicKey().toDer(),
                                                             QCryptographicHash::Sha256);
            if (leaf.isEmpty())
                leaf = spki;
            if (m_peer.spkiPins.contains(spki)) {
                matched = true;
                break;
            }
        }
        if (!matched) {
            fail(QCoreApplication::translate("AresResolver",
                                             "SPKI pin mismatch for %1: its key (pin-sha256 %2) "
                                             "matches none of the %n pin(s)",
                                             nullptr, int(m_peer.spkiPins.size()))
                         .arg(m_peer.displayName(), QString::fromLatin1(leaf.toBase64())));
            return;
        }
    }
    if (m_peer.https && !startDoh())
        return;
    m_established = true;
    qCDebug(lcAresTls, "established %s (%s)", qPrintable(m_peer.displayName()),
            qPrintable(m_socket->sessionCipher().name()));
    if (!m_toServer.isEmpty())
        m_socket->write(std::exchange(m_toServer, QByteArray()));
    Q_EMIT established();
    if (m_doh) {
        const QList<QByteArray> waiting = std::exchange(m_dohWaiting, {});
        m_dohWaitingBytes = 0;
        for (const QByteArray &query : waiting)
            submitDoh(query);
        pumpDoh();
    }
}

// DoH: the session for the protocol ALPN chose (none chosen: HTTP/1.1).
bool TlsBridge::startDoh()
{
    const QByteArray alpn = m_socket->sslConfiguration().nextNegotiatedProtocol();
    QString why;
    m_doh = DohSession::create(alpn, m_peer.dohTarget, m_peer.dohMethod, &why);
    if (!m_doh) {
        fail(QCoreApplication::translate("AresResolver", "DoH server %1: %2")
                     .arg(m_peer.displayName(), why));
        return false;
    }
    qCDebug(lcAresTls, "DoH over %s", m_doh->protocol().constData());
    return true;
}

void TlsBridge::submitDoh(const QByteArray &query)
{
    const quint64 ticket = m_doh->submit(query);
    m_dohQueries.insert(ticket, query);
}

// DoH: what the session has to send goes out, its outcomes go to c-ares as frames.
void TlsBridge::pumpDoh()
{
    if (!m_doh || m_done)
        return;
    const QByteArray out = m_doh->takeOutgoing();
    if (!out.isEmpty() && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(out);
    const QList<DohOutcome> outcomes = m_doh->takeOutcomes();
    for (const DohOutcome &outcome : outcomes) {
        const QByteArray query = m_dohQueries.take(outcome.ticket);
        QString reason;
        if (outcome.error == DohError::NoError) {
            if (sameQuestion(query, outcome.reply)) {
                m_toLocal += TcpFraming::frame(outcome.reply);
                Q_EMIT answered();
                continue;
            }
            reason = QCoreApplication::translate("AresResolver",
                                                 "the DoH server's reply is to another question");
        } else if (outcome.retryable) {
            // Not processed: c-ares sends it again on the next connection, which it opens once
            // this one is closed below.
            continue;
        } else if (outcome.error == DohError::ConnectionClosed) {
            // The connection ended before the response: c-ares sends it again too, and the
            // reason stays the server's until a reply comes.
            Q_EMIT queryFailed(QCoreApplication::translate("AresResolver", "DoH server %1: %2")
                                       .arg(m_peer.displayName(), outcome.errorString));
            if (m_done)
                return;
            continue;
        } else {
            reason = outcome.errorString;
        }
        const QByteArray failure = serverFailureFor(query);
        if (!failure.isEmpty())
            m_toLocal += TcpFraming::frame(failure);
        Q_EMIT queryFailed(QCoreApplication::translate("AresResolver", "DoH server %1: %2")
                                   .arg(m_peer.displayName(), reason));
        if (m_done)
            return;
    }
    if (!m_doh->isUsable() && m_doh->pendingCount() == 0) {
        qCDebug(lcAresTls, "DoH connection to %s ends: %s", qPrintable(m_peer.displayName()),
                qPrintable(m_doh->errorString()));
        m_closeWhenFlushed = true;
    }
    flushToLocal();
}

void TlsBridge::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_established) {
        // After the handshake a close or reset is the server's to make: c-ares reconnects.
        if (error == QAbstractSocket::RemoteHostClosedError)
            return; // disconnected() follows
        qCDebug(lcAresTls, "connection to %s: %s", qPrintable(m_peer.displayName()),
                qPrintable(m_socket->errorString()));
        onServerClosed();
        return;
    }
    QString reason;
    if (!m_connected) {
        // No TCP connection at all: not a TLS failure (c-ares reports it as a refused one).
        qCDebug(lcAresTls, "cannot connect to %s: %s", qPrintable(m_peer.displayName()),
                qPrintable(m_socket->errorString()));
    } else if (!m_sslErrors.isEmpty()) {
        reason = QCoreApplication::translate("AresResolver", "TLS authentication of %1 failed: %2")
                         .arg(m_peer.displayName(), m_sslErrors);
    } else {
        reason = QCoreApplication::translate("AresResolver", "TLS connection to %1 failed: %2")
                         .arg(m_peer.displayName(), m_socket->errorString());
    }
    fail(reason);
}

void TlsBridge::onServerClosed()
{
    if (m_done)
        return;
    if (!m_established) {
        fail(QCoreApplication::translate("AresResolver",
                                         "TLS connection to %1 failed: closed during the handshake")
                     .arg(m_peer.displayName()));
        return;
    }
    onServerReadable(); // what is left
    if (m_doh && !m_done) {
        m_doh->connectionClosed();
        pumpDoh();
    }
    m_closeWhenFlushed = true;
    if (m_toLocal.isEmpty()) {
        m_done = true;
        closeLocal();
    }
}

void TlsBridge::onServerReadable()
{
    if (m_done || !m_established)
        return;
    if (m_doh) {
        m_doh->receive(m_socket->readAll());
        pumpDoh();
        return;
    }
    m_toLocal += m_socket->readAll();
    flushToLocal();
}

void TlsBridge::flushToLocal()
{
    while (!m_toLocal.isEmpty() && m_fd >= 0) {
        const ssize_t sent =
                ::send(m_fd, m_toLocal.constData(), size_t(m_toLocal.size()), MSG_NOSIGNAL);
        if (sent < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                break;
            shutdown(); // c-ares's end is gone
            return;
        }
        m_toLocal.remove(0, sent);
    }
    if (m_localWrite)
        m_localWrite->setEnabled(!m_toLocal.isEmpty());
    if (m_toLocal.isEmpty() && m_closeWhenFlushed) {
        m_done = true;
        closeLocal();
    }
}

void TlsBridge::onLocalReadable()
{
    char buffer[16384];
    for (int i = 0; i < 16 && m_fd >= 0; ++i) {
        const ssize_t received = ::recv(m_fd, buffer, sizeof buffer, 0);
        if (received < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK)
                return;
            shutdown();
            return;
        }
        if (received == 0) {
            shutdown(); // c-ares closed its end
            return;
        }
        if (m_closeWhenFlushed)
            continue; // the server is gone; c-ares learns it once the rest is out
        m_fromLocal.append(buffer, received);
        if (!forwardQueries())
            return;
    }
}

// c-ares writes DNS-over-TCP frames (a 2-byte length, a query): each whole one goes out padded
// (RFC 8467), to the server or into m_toServer until the handshake is done.
bool TlsBridge::forwardQueries()
{
    if (m_peer.https)
        return forwardDohQueries();
    QByteArray out;
    qsizetype pos = 0;
    while (m_fromLocal.size() - pos >= 2) {
        const qsizetype length = (quint8(m_fromLocal.at(pos)) << 8) | quint8(m_fromLocal.at(pos + 1));
        if (m_fromLocal.size() - pos - 2 < length)
            break;
        const QByteArray padded = padQuery(QByteArrayView(m_fromLocal).sliced(pos + 2, length));
        out.append(char(padded.size() >> 8));
        out.append(char(padded.size() & 0xff));
        out.append(padded);
        pos += 2 + length;
    }
    m_fromLocal.remove(0, pos);
    if (out.isEmpty())
        return true;
    if (m_established) {
        m_socket->write(out);
        return true;
    }
    m_toServer.append(out);
    if (m_toServer.size() > maxPendingToServer) {
        fail(QCoreApplication::translate("AresResolver",
                                         "TLS connection to %1: too many queries waiting for the "
                                         "handshake")
                     .arg(m_peer.displayName()));
        return false;
    }
    return true;
}

// DoH: each whole frame's query, padded, becomes a request (or waits for the handshake).
bool TlsBridge::forwardDohQueries()
{
    QByteArray message;
    bool submitted = false;
    while (TcpFraming::takeMessage(m_fromLocal, &message)) {
        const QByteArray padded = padQuery(message);
        if (m_doh) {
            submitDoh(padded);
            submitted = true;
            continue;
        }
        m_dohWaitingBytes += padded.size();
        m_dohWaiting.append(padded);
        if (m_dohWaitingBytes > maxPendingToServer) {
            fail(QCoreApplication::translate("AresResolver",
                                             "TLS connection to %1: too many queries waiting for "
                                             "the handshake")
                         .arg(m_peer.displayName()));
            return false;
        }
    }
    if (submitted)
        pumpDoh();
    return !m_done;
}

} // namespace QAresPrivate::Transport

#include "moc_tlsbridge_p.cpp"
