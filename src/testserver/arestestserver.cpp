// SPDX-License-Identifier: MIT
#include "arestestserver.h"

#include "dnspacket_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdeadlinetimer.h>
#include <QtCore/qhash.h>
#include <QtCore/qloggingcategory.h>
#include <QtCore/qmetaobject.h>
#include <QtCore/qmutex.h>
#include <QtCore/qpointer.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtCore/qvarlengtharray.h>
#include <QtNetwork/qtcpserver.h>
#include <QtNetwork/qtcpsocket.h>
#include <QtNetwork/qudpsocket.h>

#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

// Debug output (one line per query) is off by default: enable with
// QT_LOGGING_RULES="qares.testserver.debug=true".
Q_LOGGING_CATEGORY(lcTestServer, "qares.testserver", QtInfoMsg)

namespace {

namespace Type = TestWire::Type;
namespace Class = TestWire::Class;
namespace RCode = TestWire::RCode;
namespace Flag = TestWire::Flag;

constexpr int MaxCnameSteps = 16;
constexpr quint16 ReplyEdnsPayload = 1232;
constexpr qsizetype PlainUdpLimit = 512;
constexpr qsizetype TcpLimit = 65535;
constexpr qsizetype HeaderSize = 12;
constexpr qsizetype ShortReplySize = 8;
constexpr qsizetype GarbageSize = 40;
constexpr quint16 WrongIdMask = 0x5555;
constexpr int PortAttempts = 32;
constexpr int SocketBufferSize = 4 * 1024 * 1024;
constexpr int MaxDatagramsPerActivation = 1024; // then yield to timers and TCP
constexpr qsizetype DatagramBufferSize = 65536;

qint64 monotonicNs()
{
    // The same clock as QElapsedTimer.
    return QDeadlineTimer::current(Qt::PreciseTimer).deadlineNSecs();
}

quint16 readU16(QByteArrayView data, qsizetype pos)
{
    return quint16((quint16(uchar(data.at(pos))) << 8) | uchar(data.at(pos + 1)));
}

// Strips one trailing dot unless it is escaped by an odd number of backslashes.
QByteArray withoutTrailingDot(QByteArray name)
{
    if (!name.endsWith('.'))
        return name;
    qsizetype backslashes = 0;
    for (qsizetype i = name.size() - 2; i >= 0 && name.at(i) == '\\'; --i)
        ++backslashes;
    if (backslashes % 2 == 0)
        name.chop(1);
    return name;
}

// The owner as given (original case, no trailing dot) and the lookup key.
QByteArray ownerName(const QString &name)
{
    return withoutTrailingDot(name.toUtf8());
}

QByteArray nameKey(const QString &name)
{
    return ownerName(name).toLower();
}

// The parent of a (dotted, escaped) key; the parent of a single label is the root "".
QByteArray parentKey(const QByteArray &key)
{
    for (qsizetype i = 0; i < key.size(); ++i) {
        if (key.at(i) == '\\')
            ++i;
        else if (key.at(i) == '.')
            return key.mid(i + 1);
    }
    return QByteArray();
}

QByteArray joinName(const char *label, const QByteArray &zone)
{
    QByteArray name(label);
    if (!zone.isEmpty())
        name += '.' + zone;
    return name;
}

// Deterministic junk that starts like a reply to `id` but whose first label runs past the end.
QByteArray garbageReply(quint16 id)
{
    QByteArray junk(GarbageSize, Qt::Uninitialized);
    quint32 x = 0x9e3779b9u ^ id;
    for (char &c : junk) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = char(x & 0xff);
    }
    junk[0] = char(id >> 8);
    junk[1] = char(id & 0xff);
    junk[2] = char(0x81);
    junk[3] = char(0x80);
    junk[4] = 0;
    junk[5] = 1; // one question ...
    junk[12] = char(63); // ... whose 63-byte label does not fit in the message
    return junk;
}

struct StoredRecord
{
    quint16 type = 0;
    quint32 ttl = 0;
    QByteArray rdata;
};

struct StoredName
{
    QByteArray owner;
    QList<StoredRecord> records;
};

struct SoaZone
{
    QByteArray owner;
    quint32 minimumTtl = 0;
    QByteArray rdata;
};

struct FaultEntry
{
    AresTestServer::Fault fault;
    int hits = 0;
};

enum class Action { None, Send, Close };

struct Outcome
{
    Action action = Action::None;
    QByteArray payload;
    qint64 dueNs = 0; //!< 0: now
};

struct PendingReply
{
    Action action = Action::None;
    QPointer<QUdpSocket> udp;
    QHostAddress peer;
    quint16 peerPort = 0;
    QPointer<QTcpSocket> tcp;
    QByteArray payload;
};

struct Endpoint
{
    QHostAddress address;
    QUdpSocket *udp = nullptr;
    QTcpServer *tcp = nullptr;
};

struct TcpConnection
{
    QByteArray buffer;
    QHostAddress peer;
    quint16 peerPort = 0;
    QHostAddress local;
    bool closing = false;
};

} // namespace

class AresTestServerPrivate
{
public:
    explicit AresTestServerPrivate(AresTestServer *qq);

    bool listen(const QList<QHostAddress> &wanted, quint16 wantedPort);
    bool bindAll(const QList<QHostAddress> &usable, quint16 wantedPort, QString *error);
    void closeSockets();
    bool listenTcp(QString *error);
    void closeTcp();
    void setError(const QString &message);

    void readUdp(QUdpSocket *socket, const QHostAddress &local);
    void acceptConnections(QTcpServer *server, const QHostAddress &local);
    void readTcp(QTcpSocket *socket);
    void dropConnection(QTcpSocket *socket);

    Outcome handleMessage(QByteArrayView data, AresTestServer::Transport transport,
                          const QHostAddress &peer, quint16 peerPort, const QHostAddress &local);
    void countMalformed();
    AresTestServer::Fault takeFault(const QByteArray &key); // mutex held
    void resolve(const QByteArray &key, const TestWire::Question &question,
                 TestWire::Message *reply) const; // mutex held
    void addSoa(const QByteArray &key, TestWire::Message *reply) const; // mutex held
    void addRecord(const QByteArray &owner, quint16 type, const QByteArray &rdata,
                   quint32 ttl); // mutex held

    void deliverUdp(QUdpSocket *socket, const QHostAddress &peer, quint16 peerPort,
                    const QByteArray &payload);
    void deliverTcp(QTcpSocket *socket, Action action, const QByteArray &payload);
    void schedule(qint64 dueNs, PendingReply &&reply);
    void armDelayTimer();
    void firePending();

    template<typename Function>
    void runInServerThread(Function &&function)
    {
        if (QThread::currentThread() == q->thread())
            function();
        else
            QMetaObject::invokeMethod(q, std::forward<Function>(function),
                                      Qt::BlockingQueuedConnection);
    }

    AresTestServer *const q;

    // Guarded by mutex: touched by the public API from any thread.
    mutable QMutex mutex;
    QHash<QByteArray, StoredName> records;
    QHash<QByteArray, SoaZone> zones;
    QHash<QByteArray, FaultEntry> faults;
    std::optional<FaultEntry> wildcard;
    QHash<QByteArray, int> wildcardHits;
    QList<AresTestServer::Question> questions;
    int questionTotal = 0;
    int malformedCount = 0;
    bool recordQuestions = true;
    quint16 port = 0;
    QList<QHostAddress> addresses;
    QString errorString;
    bool tcpWanted = true;
    int openTcp = 0;

    // Used in the server's thread only.
    std::vector<Endpoint> endpoints;
    bool tcpListening = false;
    QHash<QTcpSocket *, TcpConnection> connections;
    std::multimap<qint64, PendingReply> pending; // by due time; FIFO among equal times
    QTimer *delayTimer;
    QByteArray datagram;
};

AresTestServerPrivate::AresTestServerPrivate(AresTestServer *qq) : q(qq), delayTimer(new QTimer(qq))
{
    delayTimer->setSingleShot(true);
    delayTimer->setTimerType(Qt::PreciseTimer);
    QObject::connect(delayTimer, &QTimer::timeout, q, [this] { firePending(); });
}

void AresTestServerPrivate::setError(const QString &message)
{
    QMutexLocker locker(&mutex);
    errorString = message;
}

bool AresTestServerPrivate::listen(const QList<QHostAddress> &wanted, quint16 wantedPort)
{
    QList<QHostAddress> usable;
    for (const QHostAddress &address : wanted) {
        if (usable.contains(address))
            continue;
        QUdpSocket probe;
        if (probe.bind(address, 0, QAbstractSocket::DontShareAddress)) {
            usable.append(address);
        } else if (address.protocol() == QAbstractSocket::IPv6Protocol) {
            qCDebug(lcTestServer) << "skipping unavailable address" << address
                                  << probe.errorString();
        } else {
            setError(QCoreApplication::translate("AresTestServer", "Cannot bind %1: %2")
                             .arg(address.toString(), probe.errorString()));
            return false;
        }
    }
    if (usable.isEmpty()) {
        setError(QCoreApplication::translate("AresTestServer", "No usable address to listen on"));
        return false;
    }

    QString error;
    const int attempts = wantedPort == 0 ? PortAttempts : 1;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        if (bindAll(usable, wantedPort, &error)) {
            QMutexLocker locker(&mutex);
            errorString.clear();
            return true;
        }
        qCDebug(lcTestServer) << "bind attempt" << attempt << "failed:" << error;
    }
    setError(error);
    return false;
}

bool AresTestServerPrivate::bindAll(const QList<QHostAddress> &usable, quint16 wantedPort,
                                    QString *error)
{
    std::vector<Endpoint> bound;
    auto discard = [&bound] {
        for (const Endpoint &endpoint : bound) {
            delete endpoint.udp;
            delete endpoint.tcp;
        }
    };

    quint16 chosen = wantedPort;
    for (const QHostAddress &address : usable) {
        Endpoint endpoint;
        endpoint.address = address;
        endpoint.udp = new QUdpSocket(q);
        bound.push_back(endpoint);
        // No SO_REUSEADDR: on Linux it would let another UDP socket share the port.
        if (!endpoint.udp->bind(address, chosen, QAbstractSocket::DontShareAddress)) {
            *error = QCoreApplication::translate("AresTestServer", "UDP bind to %1:%2: %3")
                             .arg(address.toString(), QString::number(chosen),
                                  endpoint.udp->errorString());
            discard();
            return false;
        }
        if (chosen == 0)
            chosen = endpoint.udp->localPort();
    }
    // TCP is always reserved here, so that setTcpEnabled(true) can use the same port later.
    for (Endpoint &endpoint : bound) {
        endpoint.tcp = new QTcpServer(q);
        if (!endpoint.tcp->listen(endpoint.address, chosen)) {
            *error = QCoreApplication::translate("AresTestServer", "TCP listen on %1:%2: %3")
                             .arg(endpoint.address.toString(), QString::number(chosen),
                                  endpoint.tcp->errorString());
            discard();
            return false;
        }
    }

    datagram.resize(DatagramBufferSize);
    endpoints = std::move(bound);
    QList<QHostAddress> inUse;
    for (const Endpoint &endpoint : endpoints) {
        inUse.append(endpoint.address);
        QUdpSocket *udp = endpoint.udp;
        // Best effort: the kernel caps these at net.core.[rw]mem_max.
        udp->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, SocketBufferSize);
        udp->setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, SocketBufferSize);
        QObject::connect(udp, &QUdpSocket::readyRead, q,
                         [this, udp, local = endpoint.address] { readUdp(udp, local); });
        QTcpServer *tcp = endpoint.tcp;
        QObject::connect(tcp, &QTcpServer::newConnection, q,
                         [this, tcp, local = endpoint.address] { acceptConnections(tcp, local); });
    }
    tcpListening = true;
    bool keepTcp;
    {
        QMutexLocker locker(&mutex);
        port = chosen;
        addresses = inUse;
        keepTcp = tcpWanted;
    }
    if (!keepTcp)
        closeTcp();
    qCDebug(lcTestServer) << "listening on" << inUse << "port" << chosen;
    return true;
}

template<typename T>
static void disposeOf(T *object, QObject *receiver)
{
    if (!object)
        return;
    QObject::disconnect(object, nullptr, receiver, nullptr);
    object->close();
    object->deleteLater(); // we may be inside one of its signals
}

void AresTestServerPrivate::closeTcp()
{
    for (Endpoint &endpoint : endpoints) {
        disposeOf(endpoint.tcp, q);
        endpoint.tcp = nullptr;
    }
    tcpListening = false;
}

bool AresTestServerPrivate::listenTcp(QString *error)
{
    quint16 currentPort;
    {
        QMutexLocker locker(&mutex);
        currentPort = port;
    }
    for (Endpoint &endpoint : endpoints) {
        auto *tcp = new QTcpServer(q);
        if (!tcp->listen(endpoint.address, currentPort)) {
            *error = QCoreApplication::translate("AresTestServer", "TCP listen on %1:%2: %3")
                             .arg(endpoint.address.toString(), QString::number(currentPort),
                                  tcp->errorString());
            delete tcp;
            closeTcp();
            return false;
        }
        endpoint.tcp = tcp;
        QObject::connect(tcp, &QTcpServer::newConnection, q,
                         [this, tcp, local = endpoint.address] { acceptConnections(tcp, local); });
    }
    tcpListening = true;
    return true;
}

void AresTestServerPrivate::closeSockets()
{
    pending.clear();
    delayTimer->stop();
    for (const Endpoint &endpoint : endpoints) {
        disposeOf(endpoint.udp, q);
        disposeOf(endpoint.tcp, q);
    }
    endpoints.clear();
    tcpListening = false;
    const QList<QTcpSocket *> sockets = connections.keys();
    connections.clear();
    for (QTcpSocket *socket : sockets) {
        QObject::disconnect(socket, nullptr, q, nullptr);
        socket->abort();
        socket->deleteLater();
    }
    QMutexLocker locker(&mutex);
    port = 0;
    addresses.clear();
    openTcp = 0;
}

void AresTestServerPrivate::readUdp(QUdpSocket *socket, const QHostAddress &local)
{
    QPointer<QUdpSocket> guard(socket);
    for (int i = 0; i < MaxDatagramsPerActivation; ++i) {
        if (!guard || socket->state() != QAbstractSocket::BoundState
            || !socket->hasPendingDatagrams())
            return;
        QHostAddress peer;
        quint16 peerPort = 0;
        const qint64 size =
                socket->readDatagram(datagram.data(), datagram.size(), &peer, &peerPort);
        if (size < 0)
            return;
        Outcome outcome = handleMessage(QByteArrayView(datagram.constData(), size),
                                        AresTestServer::Transport::Udp, peer, peerPort, local);
        if (outcome.action != Action::Send)
            continue; // Close and stalls are TCP-only; over UDP they are drops
        if (outcome.dueNs == 0) {
            deliverUdp(guard, peer, peerPort, outcome.payload);
        } else {
            PendingReply reply;
            reply.action = Action::Send;
            reply.udp = guard;
            reply.peer = peer;
            reply.peerPort = peerPort;
            reply.payload = std::move(outcome.payload);
            schedule(outcome.dueNs, std::move(reply));
        }
    }
    // More datagrams may be queued: the socket stays readable, so we come back next loop pass.
}

void AresTestServerPrivate::acceptConnections(QTcpServer *server, const QHostAddress &local)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        socket->setParent(q); // outlive the listener (setTcpEnabled(false))
        TcpConnection connection;
        connection.peer = socket->peerAddress();
        connection.peerPort = socket->peerPort();
        connection.local = local;
        connections.insert(socket, connection);
        {
            QMutexLocker locker(&mutex);
            ++openTcp;
        }
        QObject::connect(socket, &QTcpSocket::readyRead, q, [this, socket] { readTcp(socket); });
        QObject::connect(socket, &QTcpSocket::disconnected, q,
                         [this, socket] { dropConnection(socket); });
        if (socket->bytesAvailable() > 0)
            readTcp(socket);
    }
}

void AresTestServerPrivate::dropConnection(QTcpSocket *socket)
{
    if (connections.remove(socket)) {
        QMutexLocker locker(&mutex);
        --openTcp;
    }
    QObject::disconnect(socket, nullptr, q, nullptr);
    socket->deleteLater();
}

void AresTestServerPrivate::readTcp(QTcpSocket *socket)
{
    auto it = connections.find(socket);
    if (it == connections.end())
        return;
    if (it->closing) {
        socket->readAll();
        return;
    }
    it->buffer.append(socket->readAll());
    // Work on our own copy: callbacks below may close or drop the connection.
    const QByteArray buffer = std::exchange(it->buffer, QByteArray());
    const QHostAddress peer = it->peer;
    const quint16 peerPort = it->peerPort;
    const QHostAddress local = it->local;
    QPointer<QTcpSocket> guard(socket);

    qsizetype pos = 0;
    while (buffer.size() - pos >= 2) {
        const qsizetype length = readU16(buffer, pos);
        if (buffer.size() - pos - 2 < length)
            break;
        const QByteArrayView message(buffer.constData() + pos + 2, length);
        pos += 2 + length;
        Outcome outcome =
                handleMessage(message, AresTestServer::Transport::Tcp, peer, peerPort, local);
        if (!guard || !connections.contains(socket))
            return; // closed by a slot
        if (outcome.action == Action::None)
            continue;
        if (outcome.dueNs == 0) {
            deliverTcp(socket, outcome.action, outcome.payload);
            if (!guard || !connections.contains(socket) || connections.value(socket).closing)
                return;
        } else {
            PendingReply reply;
            reply.action = outcome.action;
            reply.tcp = guard;
            reply.payload = std::move(outcome.payload);
            schedule(outcome.dueNs, std::move(reply));
        }
    }
    it = connections.find(socket);
    if (it != connections.end() && !it->closing)
        it->buffer.prepend(buffer.mid(pos)); // data that arrived meanwhile goes after it
}

void AresTestServerPrivate::countMalformed()
{
    QMutexLocker locker(&mutex);
    ++malformedCount;
}

Outcome AresTestServerPrivate::handleMessage(QByteArrayView data,
                                             AresTestServer::Transport transport,
                                             const QHostAddress &peer, quint16 peerPort,
                                             const QHostAddress &local)
{
    const qint64 receivedNs = monotonicNs();
    Outcome outcome;
    if (data.size() < HeaderSize || (readU16(data, 2) & Flag::QR)) {
        qCDebug(lcTestServer) << "ignoring a message of" << data.size() << "bytes from" << peer
                              << peerPort;
        countMalformed();
        return outcome;
    }
    const quint16 id = readU16(data, 0);
    const quint16 queryFlags = readU16(data, 2);

    TestWire::Message reply;
    reply.id = id;
    reply.flags =
            quint16(Flag::QR | Flag::AA | Flag::RA | (queryFlags & (Flag::RD | Flag::OpcodeMask)));

    const std::optional<TestWire::Message> query = TestWire::parseMessage(data);
    if (query && query->hasEdns) {
        reply.hasEdns = true;
        reply.ednsPayloadSize = ReplyEdnsPayload;
    }
    if (!query || query->questions.size() != 1 || query->opcode() != 0) {
        countMalformed();
        if (query && query->questions.size() == 1) {
            reply.questions = query->questions;
            reply.setRcode(RCode::NotImp);
        } else {
            reply.setRcode(RCode::FormErr);
        }
        qCDebug(lcTestServer) << "malformed or unsupported query from" << peer << peerPort << "->"
                              << TestWire::rcodeName(reply.rcode());
        outcome.action = Action::Send;
        outcome.payload = TestWire::serializeMessage(reply);
        return outcome;
    }

    const TestWire::Question &wireQuestion = query->questions.constFirst();
    reply.questions = query->questions;

    AresTestServer::Question question;
    question.name = wireQuestion.name;
    question.type = wireQuestion.type;
    question.klass = wireQuestion.klass;
    question.id = id;
    question.transport = transport;
    question.recursionDesired = query->hasFlag(Flag::RD);
    question.hasEdns = query->hasEdns;
    question.ednsPayloadSize = query->hasEdns ? query->ednsPayloadSize : 0;
    question.peer = peer;
    question.peerPort = peerPort;
    question.localAddress = local;
    question.receivedAtMs = receivedNs / 1000000;

    const QByteArray key = wireQuestion.name.toLower();
    const bool udp = transport == AresTestServer::Transport::Udp;
    AresTestServer::Fault fault;
    {
        QMutexLocker locker(&mutex);
        ++questionTotal;
        if (recordQuestions)
            questions.append(question);
        fault = takeFault(key);
        resolve(key, wireQuestion, &reply);

        auto emptyReply = [&reply](quint8 rcode) {
            reply.answers.clear();
            reply.authorities.clear();
            reply.additionals.clear();
            reply.setRcode(rcode);
        };
        switch (fault.kind) {
        case AresTestServer::FaultKind::ServFail:
            emptyReply(RCode::ServFail);
            break;
        case AresTestServer::FaultKind::Refused:
            emptyReply(RCode::Refused);
            break;
        case AresTestServer::FaultKind::NotImp:
            emptyReply(RCode::NotImp);
            break;
        case AresTestServer::FaultKind::FormErr:
            emptyReply(RCode::FormErr);
            break;
        case AresTestServer::FaultKind::NxDomain:
            emptyReply(RCode::NxDomain);
            addSoa(key, &reply);
            break;
        case AresTestServer::FaultKind::NoData:
            emptyReply(RCode::NoError);
            addSoa(key, &reply);
            break;
        case AresTestServer::FaultKind::Truncate:
            if (udp) {
                const quint8 rcode = reply.rcode();
                emptyReply(rcode);
                reply.setFlag(Flag::TC);
            }
            break;
        case AresTestServer::FaultKind::WrongId:
            reply.id = id ^ WrongIdMask;
            break;
        case AresTestServer::FaultKind::WrongQuestion:
            reply.questions.first().name = QByteArrayLiteral("wrong.invalid");
            break;
        case AresTestServer::FaultKind::None:
        case AresTestServer::FaultKind::Drop:
        case AresTestServer::FaultKind::Garbage:
        case AresTestServer::FaultKind::ShortReply:
        case AresTestServer::FaultKind::TcpClose:
        case AresTestServer::FaultKind::TcpStall:
            break;
        }
    }

    static const QMetaMethod questionReceivedSignal =
            QMetaMethod::fromSignal(&AresTestServer::questionReceived);
    if (q->isSignalConnected(questionReceivedSignal))
        Q_EMIT q->questionReceived(question);

    qCDebug(lcTestServer) << (udp ? "UDP" : "TCP") << "query" << id << question.name
                          << TestWire::typeName(question.type) << "from" << peer << peerPort
                          << "fault" << fault.kind << "delay" << fault.delay.count() << "ms";

    if (fault.delay.count() > 0)
        outcome.dueNs = receivedNs + std::chrono::nanoseconds(fault.delay).count();

    switch (fault.kind) {
    case AresTestServer::FaultKind::Drop:
    case AresTestServer::FaultKind::TcpStall:
        return outcome; // no reply
    case AresTestServer::FaultKind::TcpClose:
        if (!udp)
            outcome.action = Action::Close;
        return outcome;
    case AresTestServer::FaultKind::Garbage:
        outcome.action = Action::Send;
        outcome.payload = garbageReply(id);
        return outcome;
    default:
        break;
    }

    QByteArray bytes = TestWire::serializeMessage(reply);
    const qsizetype limit = !udp ? TcpLimit
            : query->hasEdns     ? qMax<qsizetype>(PlainUdpLimit, query->ednsPayloadSize)
                                 : PlainUdpLimit;
    if (bytes.size() > limit) {
        reply.answers.clear();
        reply.authorities.clear();
        reply.additionals.clear();
        reply.setFlag(Flag::TC);
        bytes = TestWire::serializeMessage(reply);
    }
    if (fault.kind == AresTestServer::FaultKind::ShortReply)
        bytes.truncate(ShortReplySize);
    outcome.action = Action::Send;
    outcome.payload = std::move(bytes);
    return outcome;
}

AresTestServer::Fault AresTestServerPrivate::takeFault(const QByteArray &key)
{
    const auto it = faults.find(key);
    if (it != faults.end()) {
        if (it->fault.count < 0)
            return it->fault;
        if (it->hits < it->fault.count) {
            ++it->hits;
            return it->fault;
        }
        return {};
    }
    if (wildcard) {
        if (wildcard->fault.count < 0)
            return wildcard->fault;
        int &hits = wildcardHits[key];
        if (hits < wildcard->fault.count) {
            ++hits;
            return wildcard->fault;
        }
    }
    return {};
}

void AresTestServerPrivate::resolve(const QByteArray &key, const TestWire::Question &question,
                                    TestWire::Message *reply) const
{
    if (question.klass != Class::IN && question.klass != Class::ANY) {
        reply->setRcode(RCode::Refused);
        return;
    }
    QByteArray currentKey = key;
    QVarLengthArray<QByteArray, MaxCnameSteps> visited;
    visited.append(key);
    for (int step = 0;; ++step) {
        const auto it = records.constFind(currentKey);
        if (it == records.cend()) {
            reply->setRcode(RCode::NxDomain); // also at the end of a CNAME chain (RFC 6604)
            addSoa(currentKey, reply);
            return;
        }
        const QByteArray &owner = step == 0 ? question.name : it->owner;
        auto append = [&](const StoredRecord &stored) {
            TestWire::ResourceRecord record;
            record.name = owner;
            record.type = stored.type;
            record.ttl = stored.ttl;
            record.rdata = stored.rdata;
            reply->answers.append(record);
        };
        if (question.type == Type::ANY) {
            for (const StoredRecord &stored : it->records)
                append(stored);
            return;
        }
        const StoredRecord *cname = nullptr;
        bool found = false;
        for (const StoredRecord &stored : it->records) {
            if (stored.type == question.type) {
                append(stored);
                found = true;
            } else if (stored.type == Type::CNAME && !cname) {
                cname = &stored;
            }
        }
        if (found)
            return;
        if (!cname) {
            addSoa(currentKey, reply); // no data
            return;
        }
        append(*cname);
        QByteArray target;
        qsizetype offset = 0;
        if (step + 1 >= MaxCnameSteps || !TestWire::readName(cname->rdata, &offset, &target))
            return;
        currentKey = target.toLower();
        if (visited.contains(currentKey))
            return; // a loop: stop after having shown it once
        visited.append(currentKey);
    }
}

void AresTestServerPrivate::addSoa(const QByteArray &key, TestWire::Message *reply) const
{
    if (zones.isEmpty())
        return;
    QByteArray candidate = key;
    for (;;) {
        const auto it = zones.constFind(candidate);
        if (it != zones.cend()) {
            TestWire::ResourceRecord soa;
            soa.name = it->owner;
            soa.type = Type::SOA;
            soa.ttl = it->minimumTtl;
            soa.rdata = it->rdata;
            reply->authorities.append(soa);
            return;
        }
        if (candidate.isEmpty())
            return;
        candidate = parentKey(candidate);
    }
}

void AresTestServerPrivate::addRecord(const QByteArray &owner, quint16 type,
                                      const QByteArray &rdata, quint32 ttl)
{
    const QByteArray key = owner.toLower();
    auto it = records.find(key);
    if (it == records.end())
        it = records.insert(key, StoredName{ owner, {} });
    StoredRecord record;
    record.type = type;
    record.ttl = ttl;
    record.rdata = rdata;
    it->records.append(record);
}

void AresTestServerPrivate::deliverUdp(QUdpSocket *socket, const QHostAddress &peer,
                                       quint16 peerPort, const QByteArray &payload)
{
    if (!socket || socket->state() != QAbstractSocket::BoundState)
        return;
    if (socket->writeDatagram(payload, peer, peerPort) < 0)
        qCDebug(lcTestServer) << "UDP send to" << peer << peerPort
                              << "failed:" << socket->errorString();
}

void AresTestServerPrivate::deliverTcp(QTcpSocket *socket, Action action, const QByteArray &payload)
{
    const auto it = connections.find(socket);
    if (it == connections.end() || it->closing)
        return;
    if (action == Action::Close) {
        it->closing = true;
        socket->disconnectFromHost(); // may emit disconnected() and drop the connection now
        return;
    }
    QByteArray frame;
    frame.reserve(payload.size() + 2);
    frame.append(char(payload.size() >> 8));
    frame.append(char(payload.size() & 0xff));
    frame.append(payload);
    socket->write(frame);
}

void AresTestServerPrivate::schedule(qint64 dueNs, PendingReply &&reply)
{
    const bool earliest = pending.empty() || dueNs < pending.begin()->first;
    pending.emplace(dueNs, std::move(reply));
    if (earliest)
        armDelayTimer();
}

void AresTestServerPrivate::armDelayTimer()
{
    if (pending.empty()) {
        delayTimer->stop();
        return;
    }
    const qint64 remainingNs = pending.begin()->first - monotonicNs();
    const qint64 ms = remainingNs <= 0 ? 0 : (remainingNs + 999999) / 1000000; // never early
    delayTimer->start(int(qMin<qint64>(ms, std::numeric_limits<int>::max())));
}

void AresTestServerPrivate::firePending()
{
    const qint64 now = monotonicNs();
    while (!pending.empty() && pending.begin()->first <= now) {
        const PendingReply reply = std::move(pending.extract(pending.begin()).mapped());
        if (reply.tcp)
            deliverTcp(reply.tcp, reply.action, reply.payload);
        else if (reply.action == Action::Send)
            deliverUdp(reply.udp, reply.peer, reply.peerPort, reply.payload);
    }
    armDelayTimer();
}

// ---------------------------------------------------------------------------

AresTestServer::AresTestServer(QObject *parent)
    : QObject(parent), d(std::make_unique<AresTestServerPrivate>(this))
{
}

AresTestServer::~AresTestServer()
{
    d->closeSockets();
}

bool AresTestServer::listen(const QList<QHostAddress> &addresses, quint16 port)
{
    bool ok = false;
    d->runInServerThread([&] {
        d->closeSockets();
        ok = d->listen(addresses, port);
    });
    return ok;
}

void AresTestServer::close()
{
    d->runInServerThread([this] { d->closeSockets(); });
}

bool AresTestServer::isListening() const
{
    QMutexLocker locker(&d->mutex);
    return d->port != 0;
}

quint16 AresTestServer::port() const
{
    QMutexLocker locker(&d->mutex);
    return d->port;
}

QList<QHostAddress> AresTestServer::addresses() const
{
    QMutexLocker locker(&d->mutex);
    return d->addresses;
}

QString AresTestServer::errorString() const
{
    QMutexLocker locker(&d->mutex);
    return d->errorString;
}

QString AresTestServer::serverString(const QHostAddress &address) const
{
    const QString portText = QString::number(port());
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' % address.toString() % u"]:" % portText;
    return address.toString() % u':' % portText;
}

bool AresTestServer::addRecord(const QString &name, const AresTestRecord &record, quint32 ttl)
{
    if (!record.isValid())
        return false;
    const QByteArray owner = ownerName(name);
    QMutexLocker locker(&d->mutex);
    d->addRecord(owner, record.type(), record.rdata(), ttl);
    return true;
}

bool AresTestServer::addRecord(const QString &name, quint16 type, const QByteArray &rdata,
                               quint32 ttl)
{
    return addRecord(name, AresTestRecord::raw(type, rdata), ttl);
}

void AresTestServer::addAddress(const QString &name, const QHostAddress &address, quint32 ttl)
{
    if (!addRecord(name, AresTestRecord::address(address), ttl))
        qCWarning(lcTestServer) << "addAddress: not an IPv4 or IPv6 address:" << address;
}

void AresTestServer::addCname(const QString &name, const QString &target, quint32 ttl)
{
    if (!addRecord(name, AresTestRecord::cname(target), ttl))
        qCWarning(lcTestServer) << "addCname: invalid target" << target;
}

void AresTestServer::addPtr(const QString &name, const QString &target, quint32 ttl)
{
    if (!addRecord(name, AresTestRecord::ptr(target), ttl))
        qCWarning(lcTestServer) << "addPtr: invalid target" << target;
}

void AresTestServer::removeRecords(const QString &name, quint16 type)
{
    const QByteArray key = nameKey(name);
    QMutexLocker locker(&d->mutex);
    const auto it = d->records.find(key);
    if (it == d->records.end())
        return;
    if (type != 0)
        it->records.removeIf([type](const StoredRecord &record) { return record.type == type; });
    if (type == 0 || it->records.isEmpty())
        d->records.erase(it);
}

void AresTestServer::setSoa(const QString &zone, quint32 minimumTtl)
{
    const QByteArray owner = ownerName(zone);
    const AresTestRecord soa = AresTestRecord::soa(QString::fromUtf8(joinName("ns", owner)),
                                                   QString::fromUtf8(joinName("hostmaster", owner)),
                                                   1, 3600, 600, 86400, minimumTtl);
    if (!soa.isValid()) {
        qCWarning(lcTestServer) << "setSoa: invalid zone" << zone;
        return;
    }
    const QByteArray rdata = soa.rdata();

    const QByteArray key = owner.toLower();
    QMutexLocker locker(&d->mutex);
    d->zones.insert(key, SoaZone{ owner, minimumTtl, rdata });
    const auto it = d->records.find(key);
    if (it != d->records.end())
        it->records.removeIf(
                [](const StoredRecord &record) { return record.type == TestWire::Type::SOA; });
    d->addRecord(owner, TestWire::Type::SOA, rdata, minimumTtl);
}

void AresTestServer::clearRecords()
{
    QMutexLocker locker(&d->mutex);
    d->records.clear();
    d->zones.clear();
}

QString AresTestServer::reverseName(const QHostAddress &address)
{
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        const quint32 ip = address.toIPv4Address();
        return QString::number(ip & 0xff) % u'.' % QString::number((ip >> 8) & 0xff) % u'.'
                % QString::number((ip >> 16) & 0xff) % u'.' % QString::number(ip >> 24)
                % u".in-addr.arpa";
    }
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        QString name;
        name.reserve(64 + 9);
        constexpr char16_t digits[] = u"0123456789abcdef";
        for (int i = 15; i >= 0; --i) {
            name += QChar(digits[bytes[i] & 0xf]);
            name += u'.';
            name += QChar(digits[bytes[i] >> 4]);
            name += u'.';
        }
        name += u"ip6.arpa";
        return name;
    }
    return QString();
}

void AresTestServer::setFault(const QString &name, const Fault &fault)
{
    QMutexLocker locker(&d->mutex);
    if (name == u"*") {
        d->wildcard = FaultEntry{ fault, 0 };
        d->wildcardHits.clear();
    } else {
        d->faults.insert(nameKey(name), FaultEntry{ fault, 0 });
    }
}

void AresTestServer::clearFault(const QString &name)
{
    QMutexLocker locker(&d->mutex);
    if (name == u"*") {
        d->wildcard.reset();
        d->wildcardHits.clear();
    } else {
        d->faults.remove(nameKey(name));
    }
}

void AresTestServer::clearFaults()
{
    QMutexLocker locker(&d->mutex);
    d->faults.clear();
    d->wildcard.reset();
    d->wildcardHits.clear();
}

void AresTestServer::setTcpEnabled(bool enabled)
{
    d->runInServerThread([this, enabled] {
        {
            QMutexLocker locker(&d->mutex);
            d->tcpWanted = enabled;
        }
        if (d->endpoints.empty() || enabled == d->tcpListening)
            return;
        if (!enabled) {
            d->closeTcp();
            return;
        }
        QString error;
        if (!d->listenTcp(&error)) {
            qCWarning(lcTestServer) << "setTcpEnabled(true):" << error;
            QMutexLocker locker(&d->mutex);
            d->tcpWanted = false;
            d->errorString = error;
        }
    });
}

bool AresTestServer::isTcpEnabled() const
{
    QMutexLocker locker(&d->mutex);
    return d->tcpWanted;
}

QList<AresTestServer::Question> AresTestServer::questions() const
{
    QMutexLocker locker(&d->mutex);
    return d->questions;
}

int AresTestServer::questionCount() const
{
    QMutexLocker locker(&d->mutex);
    return d->questionTotal;
}

int AresTestServer::questionCount(const QString &name, quint16 type) const
{
    const QByteArray key = nameKey(name);
    QMutexLocker locker(&d->mutex);
    int count = 0;
    for (const Question &question : std::as_const(d->questions)) {
        if ((type == 0 || question.type == type)
            && question.name.compare(key, Qt::CaseInsensitive) == 0) {
            ++count;
        }
    }
    return count;
}

void AresTestServer::clearQuestions()
{
    QMutexLocker locker(&d->mutex);
    d->questions.clear();
    d->questionTotal = 0;
    d->malformedCount = 0;
}

void AresTestServer::setQuestionRecordingEnabled(bool enabled)
{
    QMutexLocker locker(&d->mutex);
    d->recordQuestions = enabled;
}

int AresTestServer::malformedQueryCount() const
{
    QMutexLocker locker(&d->mutex);
    return d->malformedCount;
}

int AresTestServer::openTcpConnections() const
{
    QMutexLocker locker(&d->mutex);
    return d->openTcp;
}
