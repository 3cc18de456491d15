// SPDX-License-Identifier: MIT
#include "dnspacket_p.h"
#include "arestestserver.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QMutex>
#include <QtCore/QScopeGuard>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QNetworkDatagram>
#include <QtNetwork/QTcpSocket>
#include <QtNetwork/QUdpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <functional>
#include <optional>

using namespace std::chrono_literals;
using FaultKind = AresTestServer::FaultKind;
using Transport = AresTestServer::Transport;
namespace Type = TestWire::Type;
namespace Flag = TestWire::Flag;

namespace {

constexpr std::chrono::milliseconds WaitTimeout = 5s;

// Warnings that point at socket/timer misuse fail the test (checked in cleanup()).
QMutex badWarningsMutex;
QStringList badWarnings;
QtMessageHandler previousHandler = nullptr;

void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg || type == QtCriticalMsg) {
        static const char *const patterns[] = { "QSocketNotifier", "QObject",   "QTimer",
                                                "Invalid socket",  "QIODevice", "QAbstractSocket" };
        for (const char *pattern : patterns) {
            if (message.contains(QLatin1StringView(pattern))) {
                QMutexLocker locker(&badWarningsMutex);
                badWarnings.append(message);
                break;
            }
        }
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

// Runs the event loop until done() holds or the timeout passes. The signals given to on()
// wake it up to check again.
class Waiter
{
public:
    template<typename Sender, typename Signal> Waiter &on(const Sender *sender, Signal signal)
    {
        QObject::connect(sender, signal, &m_loop, &QEventLoop::quit);
        return *this;
    }

    bool until(const std::function<bool()> &done, std::chrono::milliseconds timeout = WaitTimeout)
    {
        const QDeadlineTimer deadline(timeout);
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &m_loop, &QEventLoop::quit);
        while (!done()) {
            if (deadline.hasExpired())
                return false;
            timer.start(std::chrono::milliseconds(qMax<qint64>(1, deadline.remainingTime())));
            m_loop.exec();
        }
        return true;
    }

private:
    QEventLoop m_loop;
};

class UdpClient
{
public:
    explicit UdpClient(const QHostAddress &bindAddress = QHostAddress::LocalHost)
    {
        m_bound = m_socket.bind(bindAddress, 0);
    }

    bool isBound() const { return m_bound; }
    quint16 localPort() const { return m_socket.localPort(); }

    bool send(const QByteArray &message, const QHostAddress &server, quint16 port)
    {
        return m_socket.writeDatagram(message, server, port) == message.size();
    }

    std::optional<QByteArray> receive(std::chrono::milliseconds timeout = WaitTimeout)
    {
        Waiter waiter;
        waiter.on(&m_socket, &QUdpSocket::readyRead);
        if (!waiter.until([this] { return m_socket.hasPendingDatagrams(); }, timeout))
            return std::nullopt;
        return m_socket.receiveDatagram().data();
    }

private:
    QUdpSocket m_socket;
    bool m_bound = false;
};

QByteArray frame(const QByteArray &message)
{
    QByteArray framed;
    framed.append(char(message.size() >> 8));
    framed.append(char(message.size() & 0xff));
    framed.append(message);
    return framed;
}

class TcpClient
{
public:
    bool connectTo(const QHostAddress &address, quint16 port)
    {
        m_socket.connectToHost(address, port);
        Waiter waiter;
        waiter.on(&m_socket, &QTcpSocket::stateChanged).on(&m_socket, &QTcpSocket::errorOccurred);
        waiter.until([this] {
            return m_socket.state() == QAbstractSocket::ConnectedState
                    || m_socket.state() == QAbstractSocket::UnconnectedState;
        });
        return isConnected();
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QAbstractSocket::SocketError error() const { return m_socket.error(); }
    quint16 localPort() const { return m_socket.localPort(); }

    void sendRaw(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    void send(const QByteArray &message) { sendRaw(frame(message)); }

    bool hasFrame() const
    {
        return m_buffer.size() >= 2
                && m_buffer.size() - 2 >= ((uchar(m_buffer.at(0)) << 8) | uchar(m_buffer.at(1)));
    }

    //! The next reply, or nullopt on timeout or when the server closed the connection first.
    std::optional<QByteArray> receive(std::chrono::milliseconds timeout = WaitTimeout)
    {
        Waiter waiter;
        waiter.on(&m_socket, &QTcpSocket::readyRead).on(&m_socket, &QTcpSocket::disconnected);
        waiter.until(
                [this] {
                    pull();
                    return hasFrame() || m_socket.state() == QAbstractSocket::UnconnectedState;
                },
                timeout);
        if (!hasFrame())
            return std::nullopt;
        const qsizetype length = (uchar(m_buffer.at(0)) << 8) | uchar(m_buffer.at(1));
        const QByteArray message = m_buffer.mid(2, length);
        m_buffer.remove(0, 2 + length);
        return message;
    }

    bool waitForDisconnected(std::chrono::milliseconds timeout = WaitTimeout)
    {
        Waiter waiter;
        waiter.on(&m_socket, &QTcpSocket::disconnected).on(&m_socket, &QTcpSocket::readyRead);
        return waiter.until(
                [this] {
                    pull();
                    return m_socket.state() == QAbstractSocket::UnconnectedState;
                },
                timeout);
    }

    void disconnectFromHost() { m_socket.disconnectFromHost(); }
    qsizetype buffered()
    {
        pull();
        return m_buffer.size();
    }

private:
    void pull()
    {
        if (m_socket.isOpen())
            m_buffer += m_socket.readAll();
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

const char *transportTag(Transport transport)
{
    return transport == Transport::Udp ? "udp" : "tcp";
}

// One string per reply, for readable comparisons: formatMessage() with a prefix for a
// mismatched ID or question, or "short:N" / "garbage:N" for unparseable replies.
QString describeReply(const QByteArray &raw, quint16 expectedId, const QByteArray &expectedName)
{
    if (raw.size() < 12)
        return u"short:" % QString::number(raw.size());
    const std::optional<TestWire::Message> message = TestWire::parseMessage(raw);
    if (!message)
        return u"garbage:" % QString::number(raw.size());
    QString prefix;
    if (message->id != expectedId)
        prefix += u"id^" % QString::number(message->id ^ expectedId, 16) % u' ';
    if (message->questions.size() != 1)
        prefix += u"questions:" % QString::number(message->questions.size()) % u' ';
    else if (message->questions.constFirst().name != expectedName)
        prefix += u"question:" % QString::fromUtf8(message->questions.constFirst().name) % u' ';
    return prefix % TestWire::formatMessage(*message, raw);
}

std::optional<QByteArray> exchange(Transport transport, const AresTestServer &server,
                                   const QByteArray &query,
                                   const QHostAddress &address = QHostAddress::LocalHost)
{
    if (transport == Transport::Udp) {
        UdpClient client(address);
        if (!client.isBound() || !client.send(query, address, server.port()))
            return std::nullopt;
        return client.receive();
    }
    TcpClient client;
    if (!client.connectTo(address, server.port()))
        return std::nullopt;
    client.send(query);
    return client.receive();
}

// Asks one question and describes the reply, or "none" when nothing came within the timeout.
QString ask(const AresTestServer &server, const QByteArray &name,
            Transport transport = Transport::Udp, quint16 type = Type::A)
{
    static quint16 nextId = 100;
    const quint16 id = nextId++;
    const std::optional<QByteArray> raw =
            exchange(transport, server, TestWire::buildQuery(id, name, type));
    return raw ? describeReply(*raw, id, name) : QStringLiteral("none");
}

QByteArray wireName(const QList<QByteArray> &labels)
{
    QByteArray out;
    for (const QByteArray &label : labels) {
        out.append(char(label.size()));
        out.append(label);
    }
    out.append('\0');
    return out;
}

QByteArray header(quint16 id, quint16 flags, quint16 qd, quint16 an = 0, quint16 ns = 0,
                  quint16 ar = 0)
{
    QByteArray out;
    for (quint16 value : { id, flags, qd, an, ns, ar }) {
        out.append(char(value >> 8));
        out.append(char(value & 0xff));
    }
    return out;
}

QByteArray deterministicJunk(qsizetype size, quint32 seed)
{
    QByteArray junk(size, Qt::Uninitialized);
    for (char &c : junk) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        c = char(seed & 0xff);
    }
    return junk;
}

AresTestServer::Fault fault(FaultKind kind, std::chrono::milliseconds delay = 0ms, int count = -1)
{
    AresTestServer::Fault result;
    result.kind = kind;
    result.delay = delay;
    result.count = count;
    return result;
}

} // namespace

class tst_AresTestServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void listenDefaults();
    void listenErrors();
    void relisten();
    void encodeName_data();
    void encodeName();
    void packetRoundTrip();
    void answers_data();
    void answers();
    void faults_data();
    void faults();
    void faultWildcard();
    void faultCount();
    void delay_data();
    void delay();
    void delayedRepliesDoNotBlock();
    void truncation_data();
    void truncation();
    void edns_data();
    void edns();
    void tcpPipelining();
    void tcpSplitQuery();
    void tcpConnections();
    void tcpDisabled();
    void ipv6();
    void questionsRecorded();
    void malformed_data();
    void malformed();
    void udpBurst_data();
    void udpBurst();
};

void tst_AresTestServer::initTestCase()
{
    previousHandler = qInstallMessageHandler(messageHandler);
}

void tst_AresTestServer::cleanup()
{
    QMutexLocker locker(&badWarningsMutex);
    const QStringList warnings = std::exchange(badWarnings, {});
    locker.unlock();
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
}

void tst_AresTestServer::listenDefaults()
{
    AresTestServer server;
    QVERIFY(!server.isListening());
    QCOMPARE(server.port(), 0);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    QVERIFY(server.isListening());
    QVERIFY(server.port() != 0);
    QVERIFY(server.isTcpEnabled());
    QCOMPARE(server.addresses().constFirst(), QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(server.serverString(), u"127.0.0.1:" % QString::number(server.port()));
    QVERIFY(server.errorString().isEmpty());

    AresTestServer other;
    QVERIFY2(other.listen(), qPrintable(other.errorString()));
    QVERIFY(other.port() != server.port());

    server.close();
    QVERIFY(!server.isListening());
    QCOMPARE(server.port(), 0);
    QVERIFY(server.addresses().isEmpty());
}

void tst_AresTestServer::listenErrors()
{
    AresTestServer first;
    QVERIFY2(first.listen({ QHostAddress::LocalHost }), qPrintable(first.errorString()));

    AresTestServer second;
    QVERIFY(!second.listen({ QHostAddress::LocalHost }, first.port()));
    QVERIFY(!second.isListening());
    QVERIFY(!second.errorString().isEmpty());

    // An IPv4 address this machine does not have (TEST-NET-1): binding fails, nothing is sent.
    AresTestServer third;
    QVERIFY(!third.listen({ QHostAddress(QStringLiteral("192.0.2.1")) }));
    QVERIFY(!third.errorString().isEmpty());
    QCOMPARE(third.port(), 0);

    // The failed servers did not disturb the first one.
    first.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    QCOMPARE(ask(first, "host.example"), QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));
}

void tst_AresTestServer::relisten()
{
    AresTestServer server;
    server.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    QVERIFY2(server.listen({ QHostAddress::LocalHost }), qPrintable(server.errorString()));
    const quint16 port = server.port();
    server.close();
    QVERIFY2(server.listen({ QHostAddress::LocalHost }, port), qPrintable(server.errorString()));
    QCOMPARE(server.port(), port);
    QCOMPARE(ask(server, "host.example"), QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));
    QCOMPARE(ask(server, "host.example", Transport::Tcp),
             QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));

    // listen() while listening starts over on a fresh port.
    QVERIFY2(server.listen({ QHostAddress::LocalHost }), qPrintable(server.errorString()));
    QVERIFY(server.port() != 0);
    QCOMPARE(ask(server, "host.example"), QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));
}

void tst_AresTestServer::encodeName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("decoded");

    const QByteArray l63(63, 'a');
    const QByteArray l61(61, 'b');
    QTest::newRow("simple") << QStringLiteral("www.example.com")
                            << wireName({ "www", "example", "com" })
                            << QByteArray("www.example.com");
    QTest::newRow("trailing-dot") << QStringLiteral("example.com.")
                                  << wireName({ "example", "com" }) << QByteArray("example.com");
    QTest::newRow("root-empty") << QString() << wireName({}) << QByteArray();
    QTest::newRow("root-dot") << QStringLiteral(".") << wireName({}) << QByteArray();
    QTest::newRow("escaped-dot") << QStringLiteral("a\\.b.c") << wireName({ "a.b", "c" })
                                 << QByteArray("a\\.b.c");
    QTest::newRow("escaped-backslash")
            << QStringLiteral("a\\\\.c") << wireName({ "a\\", "c" }) << QByteArray("a\\\\.c");
    QTest::newRow("label-63") << QString::fromLatin1(l63) << wireName({ l63 }) << l63;
    QTest::newRow("name-255") << QString::fromLatin1(l63 + '.' + l63 + '.' + l63 + '.' + l61)
                              << wireName({ l63, l63, l63, l61 })
                              << (l63 + '.' + l63 + '.' + l63 + '.' + l61);
    QTest::newRow("empty-label") << QStringLiteral("a..b") << QByteArray() << QByteArray();
    QTest::newRow("leading-dot") << QStringLiteral(".a") << QByteArray() << QByteArray();
    QTest::newRow("double-trailing-dot") << QStringLiteral("a..") << QByteArray() << QByteArray();
    QTest::newRow("label-64") << QString::fromLatin1(QByteArray(64, 'a')) << QByteArray()
                              << QByteArray();
    QTest::newRow("name-256") << QString::fromLatin1(l63 + '.' + l63 + '.' + l63 + '.' + l61 + 'c')
                              << QByteArray() << QByteArray();
    QTest::newRow("dangling-backslash") << QStringLiteral("a\\") << QByteArray() << QByteArray();
}

void tst_AresTestServer::encodeName()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, decoded);

    const QByteArray encoded = TestWire::encodeName(name.toUtf8());
    QCOMPARE(encoded, wire);
    if (wire.isEmpty())
        return;
    qsizetype offset = 0;
    QByteArray back;
    QVERIFY(TestWire::readName(encoded, &offset, &back));
    QCOMPARE(offset, encoded.size());
    QCOMPARE(back, decoded);
}

void tst_AresTestServer::packetRoundTrip()
{
    TestWire::Message message;
    message.id = 0xbeef;
    message.flags = Flag::QR | Flag::AA | Flag::RD | Flag::RA;
    message.questions.append({ "Host.Example", Type::A, TestWire::Class::IN });
    TestWire::ResourceRecord record;
    record.name = "host.example";
    record.type = Type::A;
    record.ttl = 0xffffffffu;
    record.rdata = QByteArray("\xc0\x00\x02\x01", 4);
    message.answers.append(record);
    TestWire::ResourceRecord cname;
    cname.name = "other.example";
    cname.type = Type::CNAME;
    cname.ttl = 5;
    cname.rdata = TestWire::encodeName("host.example");
    message.answers.append(cname);
    message.hasEdns = true;
    message.ednsPayloadSize = 1232;

    const QByteArray raw = TestWire::serializeMessage(message);
    // The owner equal to the question name is a pointer to offset 12.
    QVERIFY(raw.contains(QByteArray("\xc0\x0c", 2)));
    const std::optional<TestWire::Message> parsed = TestWire::parseMessage(raw);
    QVERIFY(parsed);
    QCOMPARE(parsed->id, 0xbeef);
    QCOMPARE(parsed->flags, message.flags);
    QCOMPARE(TestWire::formatMessage(*parsed, raw),
             QStringLiteral("NOERROR; Host.Example A 4294967295 192.0.2.1; "
                            "other.example CNAME 5 host.example; edns 1232"));
    QCOMPARE(TestWire::serializeMessage(*parsed), raw);

    // Every truncation of a valid message fails cleanly.
    for (qsizetype size = 0; size < raw.size(); ++size)
        QVERIFY2(!TestWire::parseMessage(raw.first(size)), qPrintable(QString::number(size)));

    // Deterministic mutations never crash the parser or the formatter (run under ASan to
    // catch reads out of bounds).
    quint32 seed = 12345;
    auto next = [&seed] {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        return seed;
    };
    for (int round = 0; round < 20000; ++round) {
        QByteArray mutated = raw;
        const int flips = 1 + int(next() % 4);
        for (int i = 0; i < flips; ++i)
            mutated[qsizetype(next() % quint32(mutated.size()))] = char(next() & 0xff);
        if (next() % 4 == 0)
            mutated.truncate(qsizetype(next() % quint32(mutated.size())));
        if (const std::optional<TestWire::Message> parsed = TestWire::parseMessage(mutated))
            QVERIFY(!TestWire::formatMessage(*parsed, mutated).isEmpty());
    }
}

void tst_AresTestServer::answers_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("klass");
    QTest::addColumn<QString>("expected");

    const QString soa = QStringLiteral(
            "soa.example SOA 30 ns.soa.example hostmaster.soa.example 1 3600 600 86400 30");
    struct Row
    {
        const char *tag;
        QByteArray name;
        int type;
        QString expected;
        int klass = TestWire::Class::IN;
    };
    const QList<Row> rows = {
        { "a", "host.example", Type::A,
          QStringLiteral("NOERROR; host.example A 300 192.0.2.1; host.example A 300 192.0.2.2") },
        { "a-mixed-case", "HOST.Example", Type::A,
          QStringLiteral("NOERROR; HOST.Example A 300 192.0.2.1; HOST.Example A 300 192.0.2.2") },
        { "aaaa", "host.example", Type::AAAA,
          QStringLiteral("NOERROR; host.example AAAA 600 2001:db8::1") },
        { "ttl-max", "ttl.example", Type::A,
          QStringLiteral("NOERROR; ttl.example A 4294967295 192.0.2.3") },
        { "ttl-zero", "ttl0.example", Type::A,
          QStringLiteral("NOERROR; ttl0.example A 0 192.0.2.4") },
        { "added-with-trailing-dot", "trailing.example", Type::A,
          QStringLiteral("NOERROR; trailing.example A 300 192.0.2.5") },
        { "cname-chain", "alias1.example", Type::A,
          QStringLiteral("NOERROR; alias1.example CNAME 100 alias2.example; "
                         "Alias2.Example CNAME 200 Host.Example; "
                         "host.example A 300 192.0.2.1; host.example A 300 192.0.2.2") },
        { "cname-chain-aaaa", "alias2.example", Type::AAAA,
          QStringLiteral("NOERROR; alias2.example CNAME 200 Host.Example; host.example AAAA 600 "
                         "2001:db8::1") },
        { "cname-qtype-cname", "alias1.example", Type::CNAME,
          QStringLiteral("NOERROR; alias1.example CNAME 100 alias2.example") },
        { "cname-target-nodata", "alias2.example", Type::MX,
          QStringLiteral("NOERROR; alias2.example CNAME 200 Host.Example") },
        { "cname-loop", "loop1.example", Type::A,
          QStringLiteral("NOERROR; loop1.example CNAME 300 loop2.example; loop2.example CNAME 300 "
                         "loop1.example") },
        { "cname-dangling", "dangling.example", Type::A,
          QStringLiteral("NXDOMAIN; dangling.example CNAME 300 nowhere.example") },
        { "ptr", "1.2.0.192.in-addr.arpa", Type::PTR,
          QStringLiteral("NOERROR; 1.2.0.192.in-addr.arpa PTR 300 host.example") },
        { "ptr-ipv6", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
          Type::PTR,
          QStringLiteral("NOERROR; "
                         "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa "
                         "PTR 300 host.example") },
        { "mx-raw-rdata", "mail.example", Type::MX,
          QStringLiteral("NOERROR; mail.example MX 300 10 mx.example") },
        { "txt-raw-rdata", "text.example", Type::TXT,
          QStringLiteral("NOERROR; text.example TXT 300 \"hello world\"") },
        { "any", "host.example", Type::ANY,
          QStringLiteral("NOERROR; host.example A 300 192.0.2.1; host.example A 300 192.0.2.2; "
                         "host.example AAAA 600 2001:db8::1") },
        { "nodata", "ttl.example", Type::AAAA, QStringLiteral("NOERROR") },
        { "nxdomain", "missing.example", Type::A, QStringLiteral("NXDOMAIN") },
        { "nodata-soa", "www.soa.example", Type::AAAA, u"NOERROR; auth " % soa },
        { "nxdomain-soa", "missing.soa.example", Type::A, u"NXDOMAIN; auth " % soa },
        { "nxdomain-deep-soa", "a.b.missing.SOA.example", Type::A, u"NXDOMAIN; auth " % soa },
        { "soa-at-apex", "soa.example", Type::SOA, u"NOERROR; " % soa },
        { "apex-nodata-soa", "soa.example", Type::A, u"NOERROR; auth " % soa },
        { "outside-soa-zone", "missing.other", Type::A, QStringLiteral("NXDOMAIN") },
        { "root", "", Type::NS, QStringLiteral("NXDOMAIN") },
        { "class-chaos", "host.example", Type::A, QStringLiteral("REFUSED"), TestWire::Class::CH },
        { "class-any", "host.example", Type::A,
          QStringLiteral("NOERROR; host.example A 300 192.0.2.1; host.example A 300 192.0.2.2"),
          TestWire::Class::ANY },
    };
    for (Transport transport : { Transport::Udp, Transport::Tcp }) {
        for (const Row &row : rows) {
            QTest::addRow("%s-%s", row.tag, transportTag(transport))
                    << transport << row.name << row.type << row.klass << row.expected;
        }
    }
}

void tst_AresTestServer::answers()
{
    QFETCH(Transport, transport);
    QFETCH(QByteArray, name);
    QFETCH(int, type);
    QFETCH(int, klass);
    QFETCH(QString, expected);

    AresTestServer server;
    const QHostAddress host1(QStringLiteral("192.0.2.1"));
    const QHostAddress host6(QStringLiteral("2001:db8::1"));
    server.addAddress(QStringLiteral("host.example"), host1);
    server.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("192.0.2.2")));
    server.addAddress(QStringLiteral("host.example"), host6, 600);
    server.addAddress(QStringLiteral("ttl.example"), QHostAddress(QStringLiteral("192.0.2.3")),
                      0xffffffffu);
    server.addAddress(QStringLiteral("ttl0.example"), QHostAddress(QStringLiteral("192.0.2.4")), 0);
    server.addAddress(QStringLiteral("trailing.example."),
                      QHostAddress(QStringLiteral("192.0.2.5")));
    server.addCname(QStringLiteral("alias1.example"), QStringLiteral("alias2.example"), 100);
    server.addCname(QStringLiteral("Alias2.Example"), QStringLiteral("Host.Example"), 200);
    server.addCname(QStringLiteral("loop1.example"), QStringLiteral("loop2.example"));
    server.addCname(QStringLiteral("loop2.example"), QStringLiteral("loop1.example"));
    server.addCname(QStringLiteral("dangling.example"), QStringLiteral("nowhere.example"));
    server.addPtr(AresTestServer::reverseName(host1), QStringLiteral("host.example"));
    server.addPtr(AresTestServer::reverseName(host6), QStringLiteral("host.example"));
    server.addRecord(QStringLiteral("mail.example"),
                     AresTestRecord::mx(10, QStringLiteral("mx.example")));
    server.addRecord(QStringLiteral("text.example"), AresTestRecord::txt({ "hello world" }));
    server.setSoa(QStringLiteral("soa.example"), 30);
    server.addAddress(QStringLiteral("www.soa.example"), QHostAddress(QStringLiteral("192.0.2.6")));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    const QByteArray query =
            TestWire::buildQuery(0x4242, name, quint16(type), true, -1, quint16(klass));
    const std::optional<QByteArray> raw = exchange(transport, server, query);
    QVERIFY(raw);
    const std::optional<TestWire::Message> reply = TestWire::parseMessage(*raw);
    QVERIFY(reply);
    QCOMPARE(reply->id, 0x4242);
    QVERIFY(reply->hasFlag(Flag::QR));
    QVERIFY(reply->hasFlag(Flag::AA));
    QVERIFY(reply->hasFlag(Flag::RA));
    QVERIFY(reply->hasFlag(Flag::RD));
    QCOMPARE(reply->opcode(), 0);
    QVERIFY(!reply->hasEdns);
    QCOMPARE(reply->questions.size(), 1);
    QCOMPARE(reply->questions.constFirst().name, name);
    QCOMPARE(reply->questions.constFirst().type, type);
    QCOMPARE(reply->questions.constFirst().klass, klass);
    QCOMPARE(TestWire::formatMessage(*reply, *raw), expected);
}

void tst_AresTestServer::faults_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<FaultKind>("kind");
    QTest::addColumn<QString>("expected");

    const QString normal = QStringLiteral("NOERROR; fault.example A 300 192.0.2.1");
    struct Row
    {
        const char *tag;
        FaultKind kind;
        QString udp;
        QString tcp;
    };
    const QList<Row> rows = {
        { "none", FaultKind::None, normal, normal },
        { "drop", FaultKind::Drop, QStringLiteral("none"), QStringLiteral("none") },
        { "servfail", FaultKind::ServFail, QStringLiteral("SERVFAIL"), QStringLiteral("SERVFAIL") },
        { "refused", FaultKind::Refused, QStringLiteral("REFUSED"), QStringLiteral("REFUSED") },
        { "nxdomain", FaultKind::NxDomain, QStringLiteral("NXDOMAIN"), QStringLiteral("NXDOMAIN") },
        { "notimp", FaultKind::NotImp, QStringLiteral("NOTIMP"), QStringLiteral("NOTIMP") },
        { "formerr", FaultKind::FormErr, QStringLiteral("FORMERR"), QStringLiteral("FORMERR") },
        { "nodata", FaultKind::NoData, QStringLiteral("NOERROR"), QStringLiteral("NOERROR") },
        { "truncate", FaultKind::Truncate, QStringLiteral("NOERROR tc"), normal },
        { "wrong-id", FaultKind::WrongId, u"id^5555 " % normal, u"id^5555 " % normal },
        { "wrong-question", FaultKind::WrongQuestion, u"question:wrong.invalid " % normal,
          u"question:wrong.invalid " % normal },
        { "garbage", FaultKind::Garbage, QStringLiteral("garbage:40"),
          QStringLiteral("garbage:40") },
        { "short-reply", FaultKind::ShortReply, QStringLiteral("short:8"),
          QStringLiteral("short:8") },
        { "tcp-close", FaultKind::TcpClose, QStringLiteral("none"), QStringLiteral("closed") },
        { "tcp-stall", FaultKind::TcpStall, QStringLiteral("none"), QStringLiteral("none") },
    };
    for (Transport transport : { Transport::Udp, Transport::Tcp }) {
        for (const Row &row : rows) {
            QTest::addRow("%s-%s", row.tag, transportTag(transport))
                    << transport << row.kind << (transport == Transport::Udp ? row.udp : row.tcp);
        }
    }
}

void tst_AresTestServer::faults()
{
    QFETCH(Transport, transport);
    QFETCH(FaultKind, kind);
    QFETCH(QString, expected);

    AresTestServer server;
    server.addAddress(QStringLiteral("fault.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    server.addAddress(QStringLiteral("sentinel.example"),
                      QHostAddress(QStringLiteral("192.0.2.9")));
    server.setFault(QStringLiteral("Fault.EXAMPLE."),
                    fault(kind)); // case and trailing dot do not matter
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    // The faulted query, then a sentinel: the server handles them in order, so whatever
    // comes back before the sentinel's reply is all the faulted query will ever get.
    const QByteArray query = TestWire::buildQuery(1, "fault.example", Type::A);
    const QByteArray sentinel = TestWire::buildQuery(2, "sentinel.example", Type::A);
    auto isSentinel = [](const QByteArray &raw) {
        const std::optional<TestWire::Message> message = TestWire::parseMessage(raw);
        return message && message->id == 2 && message->questions.size() == 1
                && message->questions.constFirst().name == "sentinel.example";
    };

    QStringList replies;
    bool closed = false;
    if (transport == Transport::Udp) {
        UdpClient client;
        QVERIFY(client.send(query, QHostAddress::LocalHost, server.port()));
        QVERIFY(client.send(sentinel, QHostAddress::LocalHost, server.port()));
        for (;;) {
            const std::optional<QByteArray> raw = client.receive();
            QVERIFY2(raw, "no reply to the sentinel");
            if (isSentinel(*raw))
                break;
            replies.append(describeReply(*raw, 1, "fault.example"));
        }
    } else {
        TcpClient client;
        QVERIFY(client.connectTo(QHostAddress::LocalHost, server.port()));
        client.sendRaw(frame(query) + frame(sentinel)); // pipelined in one write
        for (;;) {
            const std::optional<QByteArray> raw = client.receive();
            if (!raw) {
                closed = !client.isConnected();
                QVERIFY2(closed, "no reply to the sentinel");
                break;
            }
            if (isSentinel(*raw))
                break;
            replies.append(describeReply(*raw, 1, "fault.example"));
        }
        if (kind == FaultKind::TcpStall) {
            QVERIFY(client.isConnected());
            QCOMPARE(server.openTcpConnections(), 1);
        }
    }
    QString outcome = replies.isEmpty() ? QStringLiteral("none") : replies.join(u" | ");
    if (closed)
        outcome = replies.isEmpty() ? QStringLiteral("closed") : outcome + u" closed";
    QCOMPARE(outcome, expected);
    // Recorded before the fault applied, dropped or not.
    QCOMPARE(server.questionCount(QStringLiteral("fault.example")), 1);
    QCOMPARE(server.questions().constFirst().name, QByteArray("fault.example"));
}

void tst_AresTestServer::faultWildcard()
{
    AresTestServer server;
    const QHostAddress address(QStringLiteral("192.0.2.1"));
    server.addAddress(QStringLiteral("a.example"), address);
    server.addAddress(QStringLiteral("b.example"), address);
    server.addAddress(QStringLiteral("own.example"), address);
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    // The wildcard's count runs per name; a name's own fault wins over the wildcard.
    server.setFault(QStringLiteral("*"), fault(FaultKind::Refused, 0ms, 1));
    server.setFault(QStringLiteral("own.example"), fault(FaultKind::None));
    QCOMPARE(ask(server, "a.example"), QStringLiteral("REFUSED"));
    QCOMPARE(ask(server, "a.example"), QStringLiteral("NOERROR; a.example A 300 192.0.2.1"));
    QCOMPARE(ask(server, "b.example", Transport::Tcp), QStringLiteral("REFUSED"));
    QCOMPARE(ask(server, "b.example"), QStringLiteral("NOERROR; b.example A 300 192.0.2.1"));
    QCOMPARE(ask(server, "own.example"), QStringLiteral("NOERROR; own.example A 300 192.0.2.1"));
    QCOMPARE(ask(server, "unknown.example"), QStringLiteral("REFUSED"));
    QCOMPARE(ask(server, "unknown.example"), QStringLiteral("NXDOMAIN"));

    // Setting the wildcard again restarts it.
    server.setFault(QStringLiteral("*"), fault(FaultKind::ServFail));
    QCOMPARE(ask(server, "a.example"), QStringLiteral("SERVFAIL"));
    QCOMPARE(ask(server, "a.example", Transport::Tcp), QStringLiteral("SERVFAIL"));
    QCOMPARE(ask(server, "own.example"), QStringLiteral("NOERROR; own.example A 300 192.0.2.1"));
    server.clearFault(QStringLiteral("OWN.example"));
    QCOMPARE(ask(server, "own.example"), QStringLiteral("SERVFAIL"));

    server.clearFaults();
    QCOMPARE(ask(server, "a.example"), QStringLiteral("NOERROR; a.example A 300 192.0.2.1"));
    QCOMPARE(ask(server, "own.example"), QStringLiteral("NOERROR; own.example A 300 192.0.2.1"));
}

void tst_AresTestServer::faultCount()
{
    AresTestServer server;
    server.addAddress(QStringLiteral("count.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    server.addAddress(QStringLiteral("count.example"), QHostAddress(QStringLiteral("2001:db8::1")));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    // Counted per name over both transports and all types.
    server.setFault(QStringLiteral("count.example"), fault(FaultKind::ServFail, 0ms, 3));
    QCOMPARE(ask(server, "count.example"), QStringLiteral("SERVFAIL"));
    QCOMPARE(ask(server, "count.example", Transport::Tcp), QStringLiteral("SERVFAIL"));
    QCOMPARE(ask(server, "count.example", Transport::Udp, Type::AAAA), QStringLiteral("SERVFAIL"));
    QCOMPARE(ask(server, "count.example"),
             QStringLiteral("NOERROR; count.example A 300 192.0.2.1"));
    QCOMPARE(ask(server, "count.example", Transport::Tcp),
             QStringLiteral("NOERROR; count.example A 300 192.0.2.1"));
    QCOMPARE(server.questionCount(QStringLiteral("count.example")), 5);
    QCOMPARE(server.questionCount(QStringLiteral("count.example"), Type::AAAA), 1);

    // A dropped first try, then an answer: the classic retry scenario.
    server.setFault(QStringLiteral("count.example"), fault(FaultKind::Drop, 0ms, 1));
    UdpClient client;
    QVERIFY(client.send(TestWire::buildQuery(1, "count.example", Type::A), QHostAddress::LocalHost,
                        server.port()));
    QVERIFY(client.send(TestWire::buildQuery(2, "count.example", Type::A), QHostAddress::LocalHost,
                        server.port()));
    const std::optional<QByteArray> raw = client.receive();
    QVERIFY(raw);
    QCOMPARE(describeReply(*raw, 2, "count.example"),
             QStringLiteral("NOERROR; count.example A 300 192.0.2.1"));
}

void tst_AresTestServer::delay_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<FaultKind>("kind");
    QTest::addColumn<QString>("expected");

    for (Transport transport : { Transport::Udp, Transport::Tcp }) {
        QTest::addRow("none-%s", transportTag(transport))
                << transport << FaultKind::None
                << QStringLiteral("NOERROR; slow.example A 300 192.0.2.1");
        QTest::addRow("servfail-%s", transportTag(transport))
                << transport << FaultKind::ServFail << QStringLiteral("SERVFAIL");
    }
    QTest::addRow("tcp-close") << Transport::Tcp << FaultKind::TcpClose << QStringLiteral("closed");
}

void tst_AresTestServer::delay()
{
    QFETCH(Transport, transport);
    QFETCH(FaultKind, kind);
    QFETCH(QString, expected);
    constexpr std::chrono::milliseconds Delay = 150ms;

    AresTestServer server;
    server.addAddress(QStringLiteral("slow.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    server.setFault(QStringLiteral("slow.example"), fault(kind, Delay));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    const QByteArray query = TestWire::buildQuery(7, "slow.example", Type::A);
    QElapsedTimer timer;
    QString outcome;
    if (transport == Transport::Udp) {
        UdpClient client;
        timer.start();
        QVERIFY(client.send(query, QHostAddress::LocalHost, server.port()));
        const std::optional<QByteArray> raw = client.receive();
        QVERIFY(raw);
        outcome = describeReply(*raw, 7, "slow.example");
    } else {
        TcpClient client;
        QVERIFY(client.connectTo(QHostAddress::LocalHost, server.port()));
        timer.start();
        client.send(query);
        const std::optional<QByteArray> raw = client.receive();
        outcome = raw ? describeReply(*raw, 7, "slow.example")
                      : (client.isConnected() ? QStringLiteral("none") : QStringLiteral("closed"));
    }
    const qint64 elapsedNs = timer.nsecsElapsed();
    QCOMPARE(outcome, expected);
    QVERIFY2(elapsedNs >= std::chrono::nanoseconds(Delay).count(),
             qPrintable(QString::number(elapsedNs / 1000) + u" us"));
}

void tst_AresTestServer::delayedRepliesDoNotBlock()
{
    AresTestServer server;
    server.addAddress(QStringLiteral("slow.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    server.addAddress(QStringLiteral("fast.example"), QHostAddress(QStringLiteral("192.0.2.2")));
    server.setFault(QStringLiteral("slow.example"), fault(FaultKind::None, 200ms));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    constexpr int SlowCount = 50;
    UdpClient client;
    QElapsedTimer timer;
    timer.start();
    for (int i = 1; i <= SlowCount; ++i)
        QVERIFY(client.send(TestWire::buildQuery(quint16(i), "slow.example", Type::A),
                            QHostAddress::LocalHost, server.port()));
    QVERIFY(client.send(TestWire::buildQuery(1000, "fast.example", Type::A),
                        QHostAddress::LocalHost, server.port()));

    // The undelayed reply overtakes all the delayed ones...
    std::optional<QByteArray> raw = client.receive();
    QVERIFY(raw);
    QCOMPARE(describeReply(*raw, 1000, "fast.example"),
             QStringLiteral("NOERROR; fast.example A 300 192.0.2.2"));
    QVERIFY(timer.elapsed() < 200);

    // ... and the delayed ones all arrive, each no earlier than its delay.
    QList<bool> seen(SlowCount + 1, false);
    for (int i = 0; i < SlowCount; ++i) {
        raw = client.receive();
        QVERIFY2(raw, qPrintable(QString::number(i)));
        QVERIFY(timer.nsecsElapsed() >= std::chrono::nanoseconds(200ms).count());
        const std::optional<TestWire::Message> message = TestWire::parseMessage(*raw);
        QVERIFY(message);
        QVERIFY(message->id >= 1 && message->id <= SlowCount);
        QVERIFY(!seen[message->id]);
        seen[message->id] = true;
        QCOMPARE(message->answers.size(), 1);
    }
}

void tst_AresTestServer::truncation_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<int>("records");
    QTest::addColumn<int>("ednsPayload");
    QTest::addColumn<bool>("truncated");

    // A reply is 12 (header) + 17 (question "big.example") + 16 per A record + 11 (OPT).
    QTest::newRow("udp-509-bytes-fits") << Transport::Udp << 30 << -1 << false;
    QTest::newRow("udp-525-bytes-truncated") << Transport::Udp << 31 << -1 << true;
    QTest::newRow("tcp-525-bytes") << Transport::Tcp << 31 << -1 << false;
    QTest::newRow("tcp-large") << Transport::Tcp << 2000 << -1 << false;
    QTest::newRow("udp-edns-4096") << Transport::Udp << 200 << 4096 << false;
    QTest::newRow("udp-edns-1232-over") << Transport::Udp << 100 << 1232 << true;
    QTest::newRow("udp-edns-1232-exact") << Transport::Udp << 74 << 1232 << false; // 1224 bytes
    QTest::newRow("udp-edns-256-means-512") << Transport::Udp << 29 << 256 << false; // 504 bytes
    QTest::newRow("udp-edns-256-over-512") << Transport::Udp << 30 << 256 << true; // 520 bytes
    QTest::newRow("tcp-edns-512") << Transport::Tcp << 200 << 512 << false;
}

void tst_AresTestServer::truncation()
{
    QFETCH(Transport, transport);
    QFETCH(int, records);
    QFETCH(int, ednsPayload);
    QFETCH(bool, truncated);

    AresTestServer server;
    for (int i = 0; i < records; ++i)
        server.addAddress(QStringLiteral("big.example"), QHostAddress(quint32(0x0a000000 + i)));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    const QByteArray query = TestWire::buildQuery(9, "big.example", Type::A, true, ednsPayload);
    const std::optional<QByteArray> raw = exchange(transport, server, query);
    QVERIFY(raw);
    const std::optional<TestWire::Message> reply = TestWire::parseMessage(*raw);
    QVERIFY(reply);
    QCOMPARE(reply->rcode(), TestWire::RCode::NoError);
    QCOMPARE(reply->hasFlag(Flag::TC), truncated);
    QCOMPARE(reply->answers.size(), truncated ? 0 : records);
    QCOMPARE(reply->hasEdns, ednsPayload >= 0);
    if (transport == Transport::Udp)
        QVERIFY(raw->size() <= qMax(512, ednsPayload));
    if (!truncated) {
        for (int i = 0; i < records; ++i)
            QCOMPARE(reply->answers.at(i).rdata.size(), 4);
    }
}

void tst_AresTestServer::edns_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::newRow("udp") << Transport::Udp;
    QTest::newRow("tcp") << Transport::Tcp;
}

void tst_AresTestServer::edns()
{
    QFETCH(Transport, transport);

    AresTestServer server;
    server.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    std::optional<QByteArray> raw = exchange(
            transport, server, TestWire::buildQuery(1, "host.example", Type::A, true, 1400));
    QVERIFY(raw);
    QCOMPARE(describeReply(*raw, 1, "host.example"),
             QStringLiteral("NOERROR; host.example A 300 192.0.2.1; edns 1232"));
    // Also on negative answers and errors.
    raw = exchange(transport, server,
                   TestWire::buildQuery(2, "missing.example", Type::A, true, 4096));
    QVERIFY(raw);
    QCOMPARE(describeReply(*raw, 2, "missing.example"), QStringLiteral("NXDOMAIN; edns 1232"));
    raw = exchange(transport, server, TestWire::buildQuery(3, "host.example", Type::A, true, -1));
    QVERIFY(raw);
    QCOMPARE(describeReply(*raw, 3, "host.example"),
             QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));

    const QList<AresTestServer::Question> questions = server.questions();
    QCOMPARE(questions.size(), 3);
    QVERIFY(questions.at(0).hasEdns);
    QCOMPARE(questions.at(0).ednsPayloadSize, 1400);
    QCOMPARE(questions.at(1).ednsPayloadSize, 4096);
    QVERIFY(!questions.at(2).hasEdns);
    QCOMPARE(questions.at(2).ednsPayloadSize, 0);
}

void tst_AresTestServer::tcpPipelining()
{
    AresTestServer server;
    server.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    server.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("2001:db8::1")));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    TcpClient client;
    QVERIFY(client.connectTo(QHostAddress::LocalHost, server.port()));
    client.sendRaw(frame(TestWire::buildQuery(1, "host.example", Type::A))
                   + frame(TestWire::buildQuery(2, "host.example", Type::AAAA)));
    std::optional<QByteArray> raw = client.receive();
    QVERIFY(raw);
    QCOMPARE(describeReply(*raw, 1, "host.example"),
             QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));
    raw = client.receive();
    QVERIFY(raw);
    QCOMPARE(describeReply(*raw, 2, "host.example"),
             QStringLiteral("NOERROR; host.example AAAA 300 2001:db8::1"));

    // More queries on the same connection, one after the other.
    for (quint16 id = 3; id < 10; ++id) {
        client.send(TestWire::buildQuery(id, "host.example", Type::A));
        raw = client.receive();
        QVERIFY(raw);
        QCOMPARE(describeReply(*raw, id, "host.example"),
                 QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));
    }
    QCOMPARE(server.questionCount(), 9);
    QCOMPARE(server.openTcpConnections(), 1);
}

void tst_AresTestServer::tcpSplitQuery()
{
    AresTestServer server;
    server.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    // A round trip on another connection makes sure the server has read what we sent so far.
    auto sync = [&server] {
        return ask(server, "host.example", Transport::Tcp)
                == QStringLiteral("NOERROR; host.example A 300 192.0.2.1");
    };

    TcpClient client;
    QVERIFY(client.connectTo(QHostAddress::LocalHost, server.port()));
    const QByteArray first = frame(TestWire::buildQuery(7, "host.example", Type::A));
    const QByteArray second = frame(TestWire::buildQuery(8, "host.example", Type::A));
    client.sendRaw(first.left(1)); // half of the length prefix
    QVERIFY(sync());
    client.sendRaw(first.mid(1, 10));
    QVERIFY(sync());
    QCOMPARE(client.buffered(), 0);
    client.sendRaw(first.mid(11) + second.left(5)); // the end of one, the start of the next
    std::optional<QByteArray> raw = client.receive();
    QVERIFY(raw);
    QCOMPARE(describeReply(*raw, 7, "host.example"),
             QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));
    QVERIFY(sync());
    QCOMPARE(client.buffered(), 0);
    client.sendRaw(second.mid(5));
    raw = client.receive();
    QVERIFY(raw);
    QCOMPARE(describeReply(*raw, 8, "host.example"),
             QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));
}

void tst_AresTestServer::tcpConnections()
{
    AresTestServer server;
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    QCOMPARE(server.openTcpConnections(), 0);
    {
        TcpClient one;
        TcpClient two;
        QVERIFY(one.connectTo(QHostAddress::LocalHost, server.port()));
        QVERIFY(two.connectTo(QHostAddress::LocalHost, server.port()));
        QTRY_COMPARE(server.openTcpConnections(), 2);
        one.disconnectFromHost();
        QTRY_COMPARE(server.openTcpConnections(), 1);
        QVERIFY(two.isConnected());
    }
    QTRY_COMPARE(server.openTcpConnections(), 0);

    // close() drops established connections.
    TcpClient three;
    QVERIFY(three.connectTo(QHostAddress::LocalHost, server.port()));
    QTRY_COMPARE(server.openTcpConnections(), 1);
    server.close();
    QCOMPARE(server.openTcpConnections(), 0);
    QVERIFY(three.waitForDisconnected());
}

void tst_AresTestServer::tcpDisabled()
{
    AresTestServer server;
    for (int i = 0; i < 40; ++i)
        server.addAddress(QStringLiteral("big.example"), QHostAddress(quint32(0x0a000000 + i)));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    const quint16 port = server.port();

    TcpClient established;
    QVERIFY(established.connectTo(QHostAddress::LocalHost, port));

    server.setTcpEnabled(false);
    QVERIFY(!server.isTcpEnabled());
    TcpClient refused;
    QVERIFY(!refused.connectTo(QHostAddress::LocalHost, port));
    QCOMPARE(refused.error(), QAbstractSocket::ConnectionRefusedError);
    // UDP still answers (here: truncated, which would send a client to TCP and be refused).
    QCOMPARE(ask(server, "big.example"), QStringLiteral("NOERROR tc"));
    // Established connections keep working.
    established.send(TestWire::buildQuery(1, "big.example", Type::A));
    std::optional<QByteArray> raw = established.receive();
    QVERIFY(raw);
    QCOMPARE(TestWire::parseMessage(*raw)->answers.size(), 40);

    server.setTcpEnabled(true);
    QVERIFY(server.isTcpEnabled());
    QCOMPARE(server.port(), port);
    raw = exchange(Transport::Tcp, server, TestWire::buildQuery(2, "big.example", Type::A));
    QVERIFY(raw);
    QCOMPARE(TestWire::parseMessage(*raw)->answers.size(), 40);

    // The setting holds over close() and listen().
    server.setTcpEnabled(false);
    server.close();
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    TcpClient refusedAgain;
    QVERIFY(!refusedAgain.connectTo(QHostAddress::LocalHost, server.port()));
    QCOMPARE(refusedAgain.error(), QAbstractSocket::ConnectionRefusedError);
    QCOMPARE(ask(server, "big.example"), QStringLiteral("NOERROR tc"));
}

void tst_AresTestServer::ipv6()
{
    AresTestServer server;
    server.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("2001:db8::1")));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    const QHostAddress v6(QHostAddress::LocalHostIPv6);
    if (!server.addresses().contains(v6))
        QSKIP("::1 cannot be bound on this machine");
    QCOMPARE(server.addresses(),
             QList<QHostAddress>({ QHostAddress(QHostAddress::LocalHost), v6 }));
    QCOMPARE(server.serverString(v6), u"[::1]:" % QString::number(server.port()));

    for (Transport transport : { Transport::Udp, Transport::Tcp }) {
        const std::optional<QByteArray> raw = exchange(
                transport, server, TestWire::buildQuery(6, "host.example", Type::AAAA), v6);
        QVERIFY(raw);
        QCOMPARE(describeReply(*raw, 6, "host.example"),
                 QStringLiteral("NOERROR; host.example AAAA 300 2001:db8::1"));
        const AresTestServer::Question question = server.questions().constLast();
        QCOMPARE(question.transport, transport);
        QCOMPARE(question.localAddress, v6);
        QCOMPARE(question.peer, v6);
    }

    // Only ::1.
    AresTestServer only6;
    QVERIFY2(only6.listen({ v6 }), qPrintable(only6.errorString()));
    QCOMPARE(only6.addresses(), QList<QHostAddress>({ v6 }));
}

void tst_AresTestServer::questionsRecorded()
{
    AresTestServer server;
    server.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));
    QSignalSpy spy(&server, &AresTestServer::questionReceived);
    QVERIFY(spy.isValid());

    QElapsedTimer clock;
    clock.start();
    const qint64 before = clock.msecsSinceReference();

    UdpClient udp;
    QVERIFY(udp.send(TestWire::buildQuery(0x1234, "Host.Example", Type::A, true),
                     QHostAddress::LocalHost, server.port()));
    QVERIFY(udp.receive());
    TcpClient tcp;
    QVERIFY(tcp.connectTo(QHostAddress::LocalHost, server.port()));
    tcp.send(TestWire::buildQuery(0x4321, "host.example", Type::AAAA, false, 1400));
    QVERIFY(tcp.receive());

    QElapsedTimer now;
    now.start();
    const qint64 after = now.msecsSinceReference();

    const QList<AresTestServer::Question> questions = server.questions();
    QCOMPARE(questions.size(), 2);
    const AresTestServer::Question &first = questions.at(0);
    QCOMPARE(first.name, QByteArray("Host.Example"));
    QCOMPARE(first.type, Type::A);
    QCOMPARE(first.klass, 1);
    QCOMPARE(first.id, 0x1234);
    QCOMPARE(first.transport, Transport::Udp);
    QVERIFY(first.recursionDesired);
    QVERIFY(!first.hasEdns);
    QCOMPARE(first.ednsPayloadSize, 0);
    QCOMPARE(first.peer, QHostAddress(QHostAddress::LocalHost));
    QCOMPARE(first.peerPort, udp.localPort());
    QCOMPARE(first.localAddress, QHostAddress(QHostAddress::LocalHost));
    QVERIFY(first.receivedAtMs >= before);
    QVERIFY(first.receivedAtMs <= after);

    const AresTestServer::Question &second = questions.at(1);
    QCOMPARE(second.name, QByteArray("host.example"));
    QCOMPARE(second.type, Type::AAAA);
    QCOMPARE(second.id, 0x4321);
    QCOMPARE(second.transport, Transport::Tcp);
    QVERIFY(!second.recursionDesired);
    QVERIFY(second.hasEdns);
    QCOMPARE(second.ednsPayloadSize, 1400);
    QCOMPARE(second.peerPort, tcp.localPort());
    QVERIFY(second.receivedAtMs >= first.receivedAtMs);

    QCOMPARE(spy.size(), 2);
    QCOMPARE(spy.at(0).at(0).value<AresTestServer::Question>().id, 0x1234);
    QCOMPARE(spy.at(1).at(0).value<AresTestServer::Question>().transport, Transport::Tcp);

    QCOMPARE(server.questionCount(), 2);
    QCOMPARE(server.questionCount(QStringLiteral("HOST.example.")), 2);
    QCOMPARE(server.questionCount(QStringLiteral("host.example"), Type::AAAA), 1);
    QCOMPARE(server.questionCount(QStringLiteral("other.example")), 0);

    server.clearQuestions();
    QCOMPARE(server.questionCount(), 0);
    QVERIFY(server.questions().isEmpty());

    server.setQuestionRecordingEnabled(false);
    QCOMPARE(ask(server, "host.example"), QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));
    QCOMPARE(server.questionCount(), 1);
    QVERIFY(server.questions().isEmpty());
    QCOMPARE(spy.size(), 3);
}

void tst_AresTestServer::malformed_data()
{
    QTest::addColumn<Transport>("transport");
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QString>("expected"); // "none", an rcode, or "any" (only: no crash)

    const quint16 rd = Flag::RD;
    const QByteArray question = wireName({ "host", "example" }) + QByteArray("\0\x01\0\x01", 4);
    QByteArray tooLong;
    for (int i = 0; i < 5; ++i)
        tooLong += char(63) + QByteArray(63, 'x');
    tooLong += '\0';
    const QByteArray opt = QByteArray("\0\0\x29\x04\xd0\0\0\0\0\0\0", 11);

    struct Row
    {
        const char *tag;
        QByteArray message;
        QString expected;
    };
    const QList<Row> rows = {
        { "empty", QByteArray(), QStringLiteral("none") },
        { "short-11", header(0x0101, rd, 1).left(11), QStringLiteral("none") },
        { "response-bit", header(0x0102, Flag::QR | rd, 1) + question, QStringLiteral("none") },
        { "no-question", header(0x0103, rd, 0), QStringLiteral("FORMERR") },
        { "question-missing", header(0x0104, rd, 1), QStringLiteral("FORMERR") },
        { "two-questions", header(0x0105, rd, 2) + question + question, QStringLiteral("FORMERR") },
        { "label-overrun",
          header(0x0106, rd, 1)
                  + QByteArray("\x3f"
                               "abc"),
          QStringLiteral("FORMERR") },
        { "pointer-to-itself", header(0x0107, rd, 1) + QByteArray("\xc0\x0c\0\x01\0\x01", 6),
          QStringLiteral("FORMERR") },
        { "forward-pointer",
          header(0x0108, rd, 1)
                  + QByteArray("\xc0\x12\0\x01\0\x01\x01"
                               "a\0",
                               9),
          QStringLiteral("FORMERR") },
        { "pointer-past-end", header(0x0109, rd, 1) + QByteArray("\xc0", 1),
          QStringLiteral("FORMERR") },
        { "name-too-long", header(0x010a, rd, 1) + tooLong + QByteArray("\0\x01\0\x01", 4),
          QStringLiteral("FORMERR") },
        { "bad-label-type",
          header(0x010b, rd, 1)
                  + QByteArray("\x41"
                               "abc\0\0\x01\0\x01",
                               9),
          QStringLiteral("FORMERR") },
        { "missing-type-class", header(0x010c, rd, 1) + wireName({ "a" }) + QByteArray("\0", 1),
          QStringLiteral("FORMERR") },
        { "additional-missing", header(0x010d, rd, 1, 0, 0, 1) + question,
          QStringLiteral("FORMERR") },
        { "rdlength-overrun",
          header(0x010e, rd, 1, 0, 0, 1) + question + opt.left(9) + QByteArray("\0\x10", 2),
          QStringLiteral("FORMERR") },
        { "two-opt", header(0x010f, rd, 1, 0, 0, 2) + question + opt + opt,
          QStringLiteral("FORMERR") },
        { "opt-not-root",
          header(0x0110, rd, 1, 0, 0, 1) + question + wireName({ "x" }) + opt.mid(1),
          QStringLiteral("FORMERR") },
        { "opcode-status", header(0x0111, rd | (2 << 11), 1) + question, QStringLiteral("NOTIMP") },
        { "junk-300", deterministicJunk(300, 1), QStringLiteral("any") },
        { "junk-4000", header(0x0112, rd, 1, 3, 3, 3) + deterministicJunk(4000, 2),
          QStringLiteral("any") },
    };
    for (Transport transport : { Transport::Udp, Transport::Tcp }) {
        for (const Row &row : rows) {
            QTest::addRow("%s-%s", row.tag, transportTag(transport))
                    << transport << row.message << row.expected;
        }
    }
}

void tst_AresTestServer::malformed()
{
    QFETCH(Transport, transport);
    QFETCH(QByteArray, message);
    QFETCH(QString, expected);

    AresTestServer server;
    server.addAddress(QStringLiteral("sentinel.example"),
                      QHostAddress(QStringLiteral("192.0.2.9")));
    QVERIFY2(server.listen(), qPrintable(server.errorString()));

    const QByteArray sentinel = TestWire::buildQuery(0x7777, "sentinel.example", Type::A);
    QList<QByteArray> replies;
    bool sawSentinel = false;
    auto take = [&](const QByteArray &raw) {
        const std::optional<TestWire::Message> parsed = TestWire::parseMessage(raw);
        if (parsed && parsed->id == 0x7777 && parsed->answers.size() == 1)
            sawSentinel = true;
        else
            replies.append(raw);
    };
    if (transport == Transport::Udp) {
        UdpClient client;
        QVERIFY(client.send(message, QHostAddress::LocalHost, server.port()));
        QVERIFY(client.send(sentinel, QHostAddress::LocalHost, server.port()));
        while (!sawSentinel) {
            const std::optional<QByteArray> raw = client.receive();
            QVERIFY2(raw, "the server did not answer the query after the malformed one");
            take(*raw);
        }
    } else {
        TcpClient client;
        QVERIFY(client.connectTo(QHostAddress::LocalHost, server.port()));
        client.sendRaw(frame(message) + frame(sentinel));
        while (!sawSentinel) {
            const std::optional<QByteArray> raw = client.receive();
            QVERIFY2(raw, "the server did not answer the query after the malformed one");
            take(*raw);
        }
        QVERIFY(client.isConnected());
    }
    // The server still answers on a fresh socket, too.
    server.addAddress(QStringLiteral("host.example"), QHostAddress(QStringLiteral("192.0.2.1")));
    QCOMPARE(ask(server, "host.example", transport),
             QStringLiteral("NOERROR; host.example A 300 192.0.2.1"));

    if (expected == u"any")
        return;
    if (expected == u"none") {
        QVERIFY(replies.isEmpty());
    } else {
        QCOMPARE(replies.size(), 1);
        const std::optional<TestWire::Message> reply = TestWire::parseMessage(replies.constFirst());
        QVERIFY(reply);
        QCOMPARE(TestWire::rcodeName(reply->rcode()), expected);
        QCOMPARE(reply->id, (uchar(message.at(0)) << 8) | uchar(message.at(1)));
        QVERIFY(reply->hasFlag(Flag::QR));
        QVERIFY(reply->answers.isEmpty());
    }
    QCOMPARE(server.malformedQueryCount(), 1);
    QCOMPARE(server.questionCount(), 2); // the sentinel and host.example
}

void tst_AresTestServer::udpBurst_data()
{
    QTest::addColumn<bool>("serverThread");
    QTest::addColumn<int>("window"); // queries in flight at most

    QTest::newRow("same-thread-paced") << false << 100;
    QTest::newRow("server-thread-paced") << true << 100;
    QTest::newRow("same-thread-all-at-once") << false << 2000;
    QTest::newRow("server-thread-all-at-once") << true << 2000;
}

void tst_AresTestServer::udpBurst()
{
    QFETCH(bool, serverThread);
    QFETCH(int, window);
    constexpr int Total = 2000;

    QUdpSocket client;
    QVERIFY(client.bind(QHostAddress::LocalHost, 0));
    if (window >= Total) {
        // Unpaced, every query and reply must fit in the socket buffers at once; the server
        // asks for 4 MiB. Skip where the kernel caps buffers lower (net.core.rmem_max).
        client.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4 * 1024 * 1024);
        client.setSocketOption(QAbstractSocket::SendBufferSizeSocketOption, 4 * 1024 * 1024);
        if (client.socketOption(QAbstractSocket::ReceiveBufferSizeSocketOption).toInt()
            < 4 * 1024 * 1024)
            QSKIP("socket buffers are capped too low for an unpaced burst (net.core.rmem_max)");
    }

    auto *server = new AresTestServer;
    QThread thread;
    if (serverThread) {
        server->moveToThread(&thread);
        connect(&thread, &QThread::finished, server, &QObject::deleteLater);
        thread.start();
    }
    const auto cleanup = qScopeGuard([&] {
        if (serverThread) {
            thread.quit();
            thread.wait();
        } else {
            delete server;
        }
    });
    // listen() runs in the server's thread; records are configured from this one while it runs.
    QVERIFY2(server->listen({ QHostAddress::LocalHost }), qPrintable(server->errorString()));
    server->addAddress(QStringLiteral("burst.example"), QHostAddress(QStringLiteral("192.0.2.77")),
                       60);
    server->setQuestionRecordingEnabled(false);

    QList<bool> answered(Total, false);
    int sent = 0;
    int received = 0;
    int bad = 0;
    int sendFailures = 0;
    const quint16 port = server->port();
    auto sendMore = [&] {
        while (sent < Total && sent - received < window) {
            const QByteArray query = TestWire::buildQuery(quint16(sent), "burst.example", Type::A);
            if (client.writeDatagram(query, QHostAddress::LocalHost, port) != query.size())
                ++sendFailures;
            ++sent;
        }
    };
    connect(&client, &QUdpSocket::readyRead, &client, [&] {
        while (client.hasPendingDatagrams()) {
            const QByteArray raw = client.receiveDatagram().data();
            const std::optional<TestWire::Message> reply = TestWire::parseMessage(raw);
            if (!reply || reply->id >= Total || answered.at(reply->id)
                || reply->answers.size() != 1) {
                ++bad;
                continue;
            }
            answered[reply->id] = true;
            ++received;
        }
        sendMore();
    });

    sendMore();
    QTRY_COMPARE_WITH_TIMEOUT(received, Total, 30000);
    QCOMPARE(bad, 0);
    QCOMPARE(sendFailures, 0);
    QCOMPARE(server->questionCount(), Total);
    QVERIFY(server->questions().isEmpty());
}

QTEST_GUILESS_MAIN(tst_AresTestServer)
#include "tst_arestestserver.moc"
