// SPDX-License-Identifier: MIT
// The DNS-over-HTTPS client codec (src/transport/doh*), in memory: the client
// session talks to the servers of dohtestservers.h, never to a socket.
#include "dohsession_p.h"

#include "dohtestservers.h"
#if QARES_HAVE_NGHTTP2
#  include "dohhttp2_p.h"
#endif

#include <QtCore/qurl.h>
#include <QtTest/qtest.h>

#include <set>

using namespace QAresPrivate::Transport;
using DohTest::Request;

namespace {

const DohTarget Target = { "dns.example", "/dns-query" };

// A query for A \a name with \a id (RD set, one question).
QByteArray makeQuery(quint16 id, const QByteArray &name)
{
    QByteArray q;
    q.append(char(id >> 8)).append(char(id & 0xff));
    q.append("\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00", 10);
    for (const QByteArray &label : name.split('.')) {
        q.append(char(label.size()));
        q.append(label);
    }
    q.append('\0');
    q.append("\x00\x01\x00\x01", 4);
    return q;
}

// The reply to \a query: the same ID and question, QR set, one A record.
QByteArray makeReply(const QByteArray &query)
{
    QByteArray r = query;
    r[2] = char(quint8(r[2]) | 0x80);
    r[7] = 1; // ANCOUNT
    r.append("\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\xc0\x00\x02\x01", 16);
    return r;
}

// The question name of a message, "?" if it has none.
QByteArray questionName(const QByteArray &message)
{
    QByteArray name;
    for (qsizetype i = 12; i < message.size();) {
        const int length = quint8(message.at(i));
        if (length == 0)
            return name;
        if (!name.isEmpty())
            name += '.';
        name += message.mid(i + 1, length);
        i += 1 + length;
    }
    return "?";
}

quint16 idOf(const QByteArray &message)
{
    return message.size() < 2 ? 0 : quint16((quint8(message[0]) << 8) | quint8(message[1]));
}

// The DNS message a request carries: its body (POST) or its dns= parameter (GET).
QByteArray messageOf(const Request &request)
{
    if (request.method == "POST")
        return request.body;
    const qsizetype at = request.path.indexOf("dns=");
    if (at < 0)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(
            request.path.mid(at + 4),
            QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? *decoded : QByteArray();
}

const char *errorName(DohError error)
{
    switch (error) {
    case DohError::NoError:
        return "NoError";
    case DohError::InvalidQuery:
        return "InvalidQuery";
    case DohError::HttpStatus:
        return "HttpStatus";
    case DohError::Redirect:
        return "Redirect";
    case DohError::ContentType:
        return "ContentType";
    case DohError::BodyMissing:
        return "BodyMissing";
    case DohError::BodyTruncated:
        return "BodyTruncated";
    case DohError::BodyTooLarge:
        return "BodyTooLarge";
    case DohError::StreamReset:
        return "StreamReset";
    case DohError::GoAway:
        return "GoAway";
    case DohError::MalformedResponse:
        return "MalformedResponse";
    case DohError::ProtocolError:
        return "ProtocolError";
    case DohError::ConnectionClosed:
        return "ConnectionClosed";
    }
    return "?";
}

// "ok q1.example id=4660" or "ContentType", for one-string comparisons.
QString describe(const DohOutcome &outcome)
{
    if (outcome.error != DohError::NoError)
        return QString::fromLatin1(errorName(outcome.error));
    return QStringLiteral("ok %1 id=%2")
            .arg(QString::fromLatin1(questionName(outcome.reply)))
            .arg(idOf(outcome.reply));
}

// Moves bytes both ways, \a chunk octets at a time (0: all at once), until
// neither side has any; then tells the client if the server closed.
void pump(DohSession &client, DohTest::Server &server, int chunk = 0)
{
    const auto feed = [chunk](const QByteArray &bytes, auto &&to) {
        if (chunk <= 0) {
            if (!bytes.isEmpty())
                to(bytes);
            return;
        }
        for (qsizetype i = 0; i < bytes.size(); i += chunk)
            to(bytes.mid(i, chunk));
    };
    for (int round = 0; round < 1000; ++round) {
        const QByteArray toServer = client.takeOutgoing();
        feed(toServer, [&](const QByteArray &b) { server.receive(b); });
        const QByteArray toClient = server.takeOutgoing();
        feed(toClient, [&](const QByteArray &b) { client.receive(b); });
        if (toServer.isEmpty() && toClient.isEmpty())
            break;
    }
    if (server.closed && client.isUsable())
        client.connectionClosed();
}

// Every ticket exactly once; returns the outcomes by ticket.
std::map<quint64, DohOutcome> byTicket(const QList<DohOutcome> &outcomes)
{
    std::map<quint64, DohOutcome> map;
    for (const DohOutcome &outcome : outcomes) {
        if (!map.emplace(outcome.ticket, outcome).second)
            qWarning("ticket %llu has two outcomes", outcome.ticket);
    }
    return map;
}

std::unique_ptr<DohSession> makeSession(const QByteArray &alpn, DohSession::Method method)
{
    QString error;
    auto session = DohSession::create(alpn, Target, method, &error);
    if (!session)
        qWarning("no session: %s", qPrintable(error));
    return session;
}

DohTest::Http1Server::Answer http1Answer(const QByteArray &reply)
{
    return { "HTTP/1.1 200 OK\r\nContent-Type: application/dns-message\r\nContent-Length: "
                     + QByteArray::number(reply.size()) + "\r\n\r\n" + reply,
             false };
}

// The server's raw answer: "{reply}" and "{len}" replaced for the request's message.
QByteArray fillIn(QByteArray pattern, const Request &request)
{
    const QByteArray reply = makeReply(messageOf(request));
    pattern.replace("{len}", QByteArray::number(reply.size()));
    pattern.replace("{hexlen}", QByteArray::number(reply.size(), 16));
    pattern.replace("{reply}", reply);
    return pattern;
}

QList<QByteArray> protocols()
{
    QList<QByteArray> list = { "http/1.1" };
    if (DohSession::http2Available())
        list.prepend("h2");
    return list;
}

std::unique_ptr<DohTest::Server> makeServer(const QByteArray &alpn)
{
#if QARES_HAVE_NGHTTP2
    if (alpn == "h2") {
        auto server = std::make_unique<DohTest::Http2Server>();
        server->handler = [](const Request &request) {
            DohTest::Http2Server::Response response;
            response.body = makeReply(messageOf(request));
            return std::optional(response);
        };
        return server;
    }
#endif
    Q_UNUSED(alpn);
    auto server = std::make_unique<DohTest::Http1Server>();
    server->handler = [](const Request &request) {
        return std::optional(http1Answer(makeReply(messageOf(request))));
    };
    return server;
}

} // namespace

class tst_Doh : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void http1Errors_data();
    void http1Errors();
#if QARES_HAVE_NGHTTP2
    void http2Errors_data();
    void http2Errors();
    void http2ManyOutOfOrder();
    void http2MaxConcurrentStreams_data();
    void http2MaxConcurrentStreams();
    void http2GarbageFromServer();
#endif
    void http1Pipelined_data();
    void http1Pipelined();
    void closedWithPending_data();
    void closedWithPending();
    void invalidQuery();
    void create_data();
    void create();
    void targetFromUrl_data();
    void targetFromUrl();
    void tcpFraming();
};

void tst_Doh::roundTrip_data()
{
    QTest::addColumn<QByteArray>("alpn");
    QTest::addColumn<bool>("get");
    QTest::addColumn<int>("chunk");
    for (const QByteArray &alpn : protocols()) {
        for (const bool get : { false, true }) {
            for (const int chunk : { 0, 1, 7 }) {
                const QByteArray name = alpn + (get ? "-get" : "-post")
                        + (chunk ? "-by-" + QByteArray::number(chunk) : QByteArray("-whole"));
                QTest::newRow(name.constData()) << alpn << get << chunk;
            }
        }
    }
}

// One query and its reply: the request is RFC 8484's, the caller's ID comes back.
void tst_Doh::roundTrip()
{
    QFETCH(QByteArray, alpn);
    QFETCH(bool, get);
    QFETCH(int, chunk);
    auto client = makeSession(alpn, get ? DohSession::Method::Get : DohSession::Method::Post);
    QVERIFY(client);
    QCOMPARE(client->protocol(), alpn);
    auto server = makeServer(alpn);
    const QByteArray query = makeQuery(0x1234, "q1.example");
    const quint64 ticket = client->submit(query);
    QVERIFY(ticket != 0);
    QCOMPARE(client->pendingCount(), 1);
    pump(*client, *server, chunk);

    QCOMPARE(server->requests.size(), 1);
    const Request &request = server->requests.first();
    QCOMPARE(request.method, get ? QByteArray("GET") : QByteArray("POST"));
    QCOMPARE(request.authority, QByteArray("dns.example"));
    QCOMPARE(request.scheme, QByteArray("https"));
    QCOMPARE(request.accept, QByteArray("application/dns-message"));
    QByteArray zeroId = query;
    zeroId[0] = zeroId[1] = 0;
    QCOMPARE(messageOf(request), zeroId);
    if (get) {
        QVERIFY2(request.path.startsWith("/dns-query?dns="), request.path.constData());
        QCOMPARE(request.path.count('='), 1); // base64url without padding
        QVERIFY(request.body.isEmpty());
    } else {
        QCOMPARE(request.path, QByteArray("/dns-query"));
        QCOMPARE(request.contentType, QByteArray("application/dns-message"));
    }

    const QList<DohOutcome> outcomes = client->takeOutcomes();
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.first().ticket, ticket);
    QCOMPARE(describe(outcomes.first()), QStringLiteral("ok q1.example id=4660"));
    QCOMPARE(outcomes.first().httpStatus, 200);
    QByteArray expected = makeReply(query);
    QCOMPARE(outcomes.first().reply, expected);
    QCOMPARE(client->pendingCount(), 0);
    QVERIFY(client->isUsable());
}

void tst_Doh::http1Errors_data()
{
    QTest::addColumn<QByteArray>("response"); // "{reply}", "{len}" filled in
    QTest::addColumn<bool>("closeAfter");
    QTest::addColumn<int>("chunk");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("fragment"); // of the error string
    QTest::addColumn<bool>("usableAfter");

    const QByteArray ok = "HTTP/1.1 200 OK\r\nContent-Type: application/dns-message\r\n";
    const QByteArray big(70000, 'x');
    struct Row
    {
        const char *name;
        QByteArray response;
        bool closeAfter;
        const char *expected;
        const char *fragment;
        bool usableAfter;
    };
    const Row rows[] = {
        { "ok-chunked",
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
          "Content-Type: application/dns-message\r\n\r\n{hexlen}\r\n{reply}\r\n0\r\n\r\n",
          false, "ok", "", true },
        { "ok-close-delimited", ok + "\r\n{reply}", true, "ok", "", false },
        { "ok-100-continue",
          "HTTP/1.1 100 Continue\r\n\r\n" + ok + "Content-Length: {len}\r\n\r\n{reply}", false,
          "ok", "", true },
        { "ok-content-type-parameters",
          "HTTP/1.1 200 OK\r\ncontent-type: Application/DNS-Message; charset=x\r\n"
          "content-length: {len}\r\n\r\n{reply}",
          false, "ok", "", true },
        { "ok-connection-close", ok + "Connection: close\r\nContent-Length: {len}\r\n\r\n{reply}",
          false, "ok", "", false },
        { "status-404", "HTTP/1.1 404 Not Found\r\nContent-Length: 3\r\n\r\nno!", false,
          "HttpStatus", "HTTP/1.1 404 Not Found", true },
        { "status-503-chunked",
          "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
          "3\r\nbad\r\n0\r\n\r\n",
          false, "HttpStatus", "503 Service Unavailable", true },
        { "redirect-301",
          "HTTP/1.1 301 Moved Permanently\r\nLocation: https://other.example/dns\r\n"
          "Content-Length: 0\r\n\r\n",
          false, "Redirect", "https://other.example/dns", true },
        { "redirect-307-no-body",
          "HTTP/1.1 307 Temporary Redirect\r\nLocation: /x\r\n"
          "Content-Length: 0\r\n\r\n",
          false, "Redirect", "not followed", true },
        { "content-type-html",
          "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len}\r\n\r\n{reply}",
          false, "ContentType", "text/html", true },
        { "content-type-missing", "HTTP/1.1 200 OK\r\nContent-Length: {len}\r\n\r\n{reply}", false,
          "ContentType", "application/dns-message", true },
        { "body-missing", ok + "Content-Length: 0\r\n\r\n", false, "BodyMissing", "no body", true },
        { "body-204", "HTTP/1.1 204 No Content\r\nContent-Type: application/dns-message\r\n\r\n",
          false, "BodyMissing", "no body", true },
        { "body-shorter-than-header", ok + "Content-Length: 5\r\n\r\nabcde", false, "BodyTruncated",
          "shorter than a DNS header", true },
        { "body-cut-by-close", ok + "Content-Length: 100\r\n\r\n{reply}", true, "BodyTruncated",
          "middle of a response's body", false },
        { "head-cut-by-close", "HTTP/1.1 200 OK\r\nContent-Ty", true, "BodyTruncated",
          "middle of a response's header", false },
        { "chunked-cut-by-close",
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
          "Content-Type: application/dns-message\r\n\r\n{hexlen}\r\n{reply}\r\n",
          true, "BodyTruncated", "middle of a response's body", false },
        { "body-too-large", ok + "Content-Length: 70000\r\n\r\n" + big, false, "BodyTooLarge",
          "65535", true },
        { "body-too-large-chunked",
          ok + "Transfer-Encoding: chunked\r\n\r\n11170\r\n" + big + "\r\n0\r\n\r\n", false,
          "BodyTooLarge", "65535", true },
        { "body-too-large-close-delimited", ok + "\r\n" + big, true, "BodyTooLarge", "65535",
          false },
        { "not-http", "SSH-2.0-OpenSSH_9.2\r\n\r\n", false, "MalformedResponse",
          "not an HTTP/1.1 response", false },
        { "status-not-digits", "HTTP/1.1 2x0 OK\r\n\r\n", false, "MalformedResponse",
          "not an HTTP/1.1 response", false },
        { "bad-content-length", ok + "Content-Length: 12a\r\n\r\n", false, "MalformedResponse",
          "Content-Length", false },
        { "two-content-lengths", ok + "Content-Length: 5\r\nContent-Length: 6\r\n\r\n", false,
          "MalformedResponse", "Content-Length", false },
        { "bad-chunk-size", ok + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", false,
          "MalformedResponse", "chunk size", false },
        { "gzip-coding", ok + "Transfer-Encoding: gzip\r\n\r\n", false, "MalformedResponse",
          "transfer coding", false },
        { "bad-header-line", ok + "NoColonHere\r\n\r\n", false, "MalformedResponse",
          "bad header line", false },
        { "header-too-long", ok + "X-Long: " + QByteArray(20000, 'a') + "\r\n\r\n", false,
          "MalformedResponse", "longer than 16384", false },
        { "switching-protocols", "HTTP/1.1 101 Switching Protocols\r\n\r\n", false,
          "MalformedResponse", "101", false },
        { "closed-without-response", "", true, "ConnectionClosed", "closed before the response",
          false },
    };
    for (const Row &row : rows) {
        for (const int chunk : { 0, 1 }) {
            const QByteArray name = QByteArray(row.name) + (chunk ? "-by-1" : "");
            QTest::newRow(name.constData())
                    << row.response << row.closeAfter << chunk << QString::fromLatin1(row.expected)
                    << QString::fromLatin1(row.fragment) << row.usableAfter;
        }
    }
}

// Each faulty response: one clear outcome, and the connection usable after it where HTTP allows.
void tst_Doh::http1Errors()
{
    QFETCH(QByteArray, response);
    QFETCH(bool, closeAfter);
    QFETCH(int, chunk);
    QFETCH(QString, expected);
    QFETCH(QString, fragment);
    QFETCH(bool, usableAfter);
    auto client = makeSession("http/1.1", DohSession::Method::Post);
    QVERIFY(client);
    DohTest::Http1Server server;
    server.handler = [&](const Request &request) {
        return std::optional(DohTest::Http1Server::Answer{ fillIn(response, request), closeAfter });
    };
    const quint64 ticket = client->submit(makeQuery(7, "e.example"));
    pump(*client, server, chunk);
    const QList<DohOutcome> outcomes = client->takeOutcomes();
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.first().ticket, ticket);
    const QString got = describe(outcomes.first());
    QVERIFY2(got.section(u' ', 0, 0) == expected,
             qPrintable(got + u": " + outcomes.first().errorString));
    QVERIFY2(outcomes.first().errorString.contains(fragment),
             qPrintable(outcomes.first().errorString));
    QCOMPARE(client->pendingCount(), 0);
    QCOMPARE(client->isUsable(), usableAfter);

    // The next query: answered on the same connection if it is usable, refused at once if not.
    server.handler = [](const Request &request) {
        return std::optional(http1Answer(makeReply(messageOf(request))));
    };
    const quint64 next = client->submit(makeQuery(8, "next.example"));
    pump(*client, server, chunk);
    const QList<DohOutcome> after = client->takeOutcomes();
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().ticket, next);
    QCOMPARE(describe(after.first()),
             usableAfter ? QStringLiteral("ok next.example id=8")
                         : QStringLiteral("ConnectionClosed"));
    if (!usableAfter)
        QVERIFY(after.first().retryable);
}

#if QARES_HAVE_NGHTTP2
void tst_Doh::http2Errors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QByteArray>("body"); // "{reply}": the reply
    QTest::addColumn<qint64>("contentLength");
    QTest::addColumn<quint32>("reset");
    QTest::addColumn<bool>("goAway");
    QTest::addColumn<int>("chunk");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<QString>("fragment");
    QTest::addColumn<bool>("usableAfter");
    struct Row
    {
        const char *name;
        int status;
        QByteArray contentType;
        QByteArray location;
        QByteArray body;
        qint64 contentLength;
        quint32 reset;
        bool goAway;
        const char *expected;
        const char *fragment;
        bool usableAfter;
    };
    const QByteArray dns = "application/dns-message";
    const QByteArray big(70000, 'x');
    const Row rows[] = {
        { "ok-no-content-length", 200, dns, {}, "{reply}", -1, 0, false, "ok", "", true },
        { "status-404", 404, "text/plain", {}, "no", -2, 0, false, "HttpStatus", "HTTP/2 404",
          true },
        { "status-500-no-body", 500, {}, {}, {}, -2, 0, false, "HttpStatus", "HTTP/2 500", true },
        { "redirect-302", 302, {}, "https://other.example/q", {}, -2, 0, false, "Redirect",
          "https://other.example/q", true },
        { "content-type-json", 200, "application/dns-json", {}, "{reply}", -2, 0, false,
          "ContentType", "application/dns-json", true },
        { "content-type-missing", 200, {}, {}, "{reply}", -2, 0, false, "ContentType",
          "not application/dns-message", true },
        { "body-missing", 200, dns, {}, {}, -2, 0, false, "BodyMissing", "no body", true },
        { "body-shorter-than-header", 200, dns, {}, "abc", -2, 0, false, "BodyTruncated",
          "shorter than a DNS header", true },
        { "body-shorter-than-content-length", 200, dns, {}, "{reply}", 100, 0, false,
          "BodyTruncated", "content-length", true },
        { "body-too-large", 200, dns, {}, big, -1, 0, false, "BodyTooLarge", "65535", true },
        { "body-too-large-content-length", 200, dns, {}, big, -2, 0, false, "BodyTooLarge",
          "65535", true },
        { "rst-stream", 0, {}, {}, {}, -2, NGHTTP2_INTERNAL_ERROR, false, "StreamReset",
          "INTERNAL_ERROR", true },
        { "goaway", 0, {}, {}, {}, -2, 0, true, "GoAway", "GOAWAY", false },
    };
    for (const Row &row : rows) {
        for (const int chunk : { 0, 1 }) {
            const QByteArray name = QByteArray(row.name) + (chunk ? "-by-1" : "");
            QTest::newRow(name.constData())
                    << row.status << row.contentType << row.location << row.body
                    << row.contentLength << row.reset << row.goAway << chunk
                    << QString::fromLatin1(row.expected) << QString::fromLatin1(row.fragment)
                    << row.usableAfter;
        }
    }
}

void tst_Doh::http2Errors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, location);
    QFETCH(QByteArray, body);
    QFETCH(qint64, contentLength);
    QFETCH(quint32, reset);
    QFETCH(bool, goAway);
    QFETCH(int, chunk);
    QFETCH(QString, expected);
    QFETCH(QString, fragment);
    QFETCH(bool, usableAfter);
    auto client = makeSession("h2", DohSession::Method::Post);
    QVERIFY(client);
    DohTest::Http2Server server;
    server.handler = [&](const Request &request) {
        DohTest::Http2Server::Response response;
        response.status = status;
        response.contentType = contentType;
        response.location = location;
        response.body = body == "{reply}" ? makeReply(messageOf(request)) : body;
        response.contentLength = contentLength;
        response.reset = reset;
        response.goAway = goAway;
        return std::optional(response);
    };
    const quint64 ticket = client->submit(makeQuery(7, "e.example"));
    pump(*client, server, chunk);
    const QList<DohOutcome> outcomes = client->takeOutcomes();
    QCOMPARE(outcomes.size(), 1);
    QCOMPARE(outcomes.first().ticket, ticket);
    QVERIFY2(describe(outcomes.first()).section(u' ', 0, 0) == expected,
             qPrintable(describe(outcomes.first()) + u": " + outcomes.first().errorString));
    QVERIFY2(outcomes.first().errorString.contains(fragment),
             qPrintable(outcomes.first().errorString));
    if (goAway)
        QVERIFY(outcomes.first().retryable);
    QCOMPARE(client->pendingCount(), 0);
    QCOMPARE(client->isUsable(), usableAfter);

    server.handler = [](const Request &request) {
        DohTest::Http2Server::Response response;
        response.body = makeReply(messageOf(request));
        return std::optional(response);
    };
    const quint64 next = client->submit(makeQuery(8, "next.example"));
    pump(*client, server, chunk);
    const QList<DohOutcome> after = client->takeOutcomes();
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().ticket, next);
    QCOMPARE(describe(after.first()),
             usableAfter ? QStringLiteral("ok next.example id=8")
                         : QStringLiteral("ConnectionClosed"));
}

// 100 queries on 100 streams at once, answered in an order unlike the one they were sent in.
void tst_Doh::http2ManyOutOfOrder()
{
    auto client = makeSession("h2", DohSession::Method::Get);
    QVERIFY(client);
    DohTest::Http2Server server(128);
    bool hold = true;
    server.handler = [&](const Request &request) -> std::optional<DohTest::Http2Server::Response> {
        if (hold)
            return std::nullopt;
        DohTest::Http2Server::Response response;
        response.body = makeReply(messageOf(request));
        return response;
    };
    std::map<quint64, int> tickets;
    for (int i = 0; i < 100; ++i) {
        const QByteArray name = "q" + QByteArray::number(i) + ".example";
        tickets[client->submit(makeQuery(quint16(1000 + i), name))] = i;
    }
    pump(*client, server);
    QCOMPARE(server.held.size(), 100);
    QCOMPARE(server.maxOpen, 100);
    QVERIFY(!client->hasOutcomes());
    QCOMPARE(client->pendingCount(), 100);

    // Answer in a scrambled order: 37 is prime to 100, so i*37 mod 100 visits each once.
    QList<qint32> order;
    const QList<qint32> held = server.held;
    for (int i = 0; i < 100; ++i)
        order.append(held.at((i * 37) % 100));
    hold = false;
    QList<QByteArray> answeredNames;
    for (qint32 stream : order) {
        for (const Request &request : std::as_const(server.requests)) {
            if (request.stream == stream)
                answeredNames.append(questionName(messageOf(request)));
        }
    }
    server.respondHeld(order);
    pump(*client, server);

    const QList<DohOutcome> outcomes = client->takeOutcomes();
    QCOMPARE(outcomes.size(), 100);
    const auto map = byTicket(outcomes);
    QCOMPARE(map.size(), size_t(100));
    QList<QByteArray> gotNames;
    for (const DohOutcome &outcome : outcomes)
        gotNames.append(questionName(outcome.reply));
    QCOMPARE(gotNames, answeredNames); // delivered as answered, not as sent
    for (const auto &[ticket, outcome] : map) {
        const int i = tickets.at(ticket);
        QCOMPARE(describe(outcome), QStringLiteral("ok q%1.example id=%2").arg(i).arg(1000 + i));
    }
    QCOMPARE(client->pendingCount(), 0);
}

void tst_Doh::http2MaxConcurrentStreams_data()
{
    QTest::addColumn<bool>("settingsFirst");
    QTest::newRow("settings-first") << true;
    // The server's SETTINGS arrive after the first requests: streams above its
    // limit are refused (REFUSED_STREAM) and sent again.
    QTest::newRow("queries-before-settings") << false;
}

// SETTINGS_MAX_CONCURRENT_STREAMS=2: never more than 2 streams open, the rest queued.
void tst_Doh::http2MaxConcurrentStreams()
{
    QFETCH(bool, settingsFirst);
    auto client = makeSession("h2", DohSession::Method::Post);
    QVERIFY(client);
    auto *h2 = static_cast<DohHttp2Session *>(client.get());
    QCOMPARE(h2->streamLimit(), 100); // assumed until the server's SETTINGS
    DohTest::Http2Server server(2);
    server.handler = [&](const Request &) {
        return std::optional<DohTest::Http2Server::Response>();
    };
    if (settingsFirst) {
        pump(*client, server);
        QCOMPARE(h2->streamLimit(), 2);
    }
    std::map<quint64, int> tickets;
    for (int i = 0; i < 10; ++i)
        tickets[client->submit(makeQuery(quint16(i), "m" + QByteArray::number(i) + ".example"))] =
                i;
    int rounds = 0;
    for (; rounds < 50 && client->pendingCount() > 0; ++rounds) {
        pump(*client, server);
        QVERIFY2(server.open <= 2, qPrintable(QString::number(server.open)));
        QVERIFY(server.held.size() <= 2);
        server.handler = [](const Request &request) {
            DohTest::Http2Server::Response response;
            response.body = makeReply(messageOf(request));
            return std::optional(response);
        };
        server.respondHeld(server.held);
        server.handler = [](const Request &) {
            return std::optional<DohTest::Http2Server::Response>();
        };
    }
    QVERIFY(rounds < 50);
    QCOMPARE(server.maxOpen, 2);
    const QList<DohOutcome> outcomes = client->takeOutcomes();
    const auto map = byTicket(outcomes);
    QCOMPARE(outcomes.size(), 10);
    QCOMPARE(map.size(), size_t(10));
    for (const auto &[ticket, outcome] : map) {
        const int i = tickets.at(ticket);
        QCOMPARE(describe(outcome), QStringLiteral("ok m%1.example id=%1").arg(i));
    }
    QCOMPARE(h2->streamLimit(), 2);
}

// Not HTTP/2 at all: every pending query fails with the protocol error.
void tst_Doh::http2GarbageFromServer()
{
    auto client = makeSession("h2", DohSession::Method::Post);
    QVERIFY(client);
    client->submit(makeQuery(1, "a.example"));
    client->submit(makeQuery(2, "b.example"));
    QVERIFY(!client->takeOutgoing().isEmpty());
    client->receive("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    QVERIFY(!client->isUsable());
    const QList<DohOutcome> outcomes = client->takeOutcomes();
    QCOMPARE(outcomes.size(), 2);
    for (const DohOutcome &outcome : outcomes) {
        QCOMPARE(describe(outcome), QStringLiteral("ProtocolError"));
        QVERIFY(!outcome.errorString.isEmpty());
    }
    client->connectionClosed();
    QVERIFY(!client->hasOutcomes());
}
#endif

void tst_Doh::http1Pipelined_data()
{
    QTest::addColumn<int>("depth");
    QTest::newRow("one-at-a-time") << 1;
    QTest::newRow("pipelined-4") << 4;
}

// HTTP/1.1: responses in request order; at most `depth` requests written ahead.
void tst_Doh::http1Pipelined()
{
    QFETCH(int, depth);
    auto client = makeSession("http/1.1", DohSession::Method::Post);
    QVERIFY(client);
    client->setMaxPipelined(depth);
    DohTest::Http1Server server;
    bool hold = true;
    server.handler = [&](const Request &request) -> std::optional<DohTest::Http1Server::Answer> {
        if (hold)
            return std::nullopt;
        return http1Answer(makeReply(messageOf(request)));
    };
    for (int i = 0; i < 10; ++i)
        client->submit(makeQuery(quint16(i), "p" + QByteArray::number(i) + ".example"));
    pump(*client, server);
    QCOMPARE(server.requests.size(), depth);
    hold = false;
    QStringList got;
    for (int round = 0; round < 20 && client->pendingCount() > 0; ++round) {
        server.answerHeld();
        pump(*client, server);
        QVERIFY(server.held.size() <= depth);
    }
    for (const DohOutcome &outcome : client->takeOutcomes())
        got.append(describe(outcome));
    QStringList expected;
    for (int i = 0; i < 10; ++i)
        expected.append(QStringLiteral("ok p%1.example id=%1").arg(i));
    QCOMPARE(got, expected);
    QCOMPARE(server.requests.size(), 10);
}

void tst_Doh::closedWithPending_data()
{
    QTest::addColumn<QByteArray>("alpn");
    for (const QByteArray &alpn : protocols())
        QTest::newRow(alpn.constData()) << alpn;
}

// The connection closes with queries sent and queued: each gets ConnectionClosed, once.
void tst_Doh::closedWithPending()
{
    QFETCH(QByteArray, alpn);
    auto client = makeSession(alpn, DohSession::Method::Post);
    QVERIFY(client);
    std::unique_ptr<DohTest::Server> server;
#if QARES_HAVE_NGHTTP2
    if (alpn == "h2") {
        auto h2 = std::make_unique<DohTest::Http2Server>(3);
        h2->handler = [](const Request &) {
            return std::optional<DohTest::Http2Server::Response>();
        };
        server = std::move(h2);
    }
#endif
    if (!server) {
        auto h1 = std::make_unique<DohTest::Http1Server>();
        h1->handler = [](const Request &) { return std::optional<DohTest::Http1Server::Answer>(); };
        client->setMaxPipelined(3);
        server = std::move(h1);
    }
    pump(*client, *server); // the h2 server's SETTINGS: 3 streams
    for (int i = 0; i < 5; ++i)
        client->submit(makeQuery(quint16(i), "c" + QByteArray::number(i) + ".example"));
    pump(*client, *server);
    QCOMPARE(server->requests.size(), 3);
    QCOMPARE(client->pendingCount(), 5);
    QVERIFY(!client->hasOutcomes());
    client->connectionClosed();
    QCOMPARE(client->pendingCount(), 0);
    QVERIFY(!client->isUsable());
    const QList<DohOutcome> outcomes = client->takeOutcomes();
    QCOMPARE(outcomes.size(), 5);
    QCOMPARE(byTicket(outcomes).size(), size_t(5));
    int retryable = 0;
    for (const DohOutcome &outcome : outcomes) {
        QCOMPARE(describe(outcome), QStringLiteral("ConnectionClosed"));
        QVERIFY(outcome.errorString.contains(u"closed"));
        retryable += outcome.retryable ? 1 : 0;
    }
    QCOMPARE(retryable, 2); // the two never sent
    client->connectionClosed(); // again: nothing more
    client->receive("late bytes");
    QVERIFY(!client->hasOutcomes());
    const quint64 late = client->submit(makeQuery(9, "late.example"));
    const QList<DohOutcome> refused = client->takeOutcomes();
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().ticket, late);
    QCOMPARE(describe(refused.first()), QStringLiteral("ConnectionClosed"));
}

void tst_Doh::invalidQuery()
{
    for (const QByteArray &alpn : protocols()) {
        auto client = makeSession(alpn, DohSession::Method::Post);
        QVERIFY(client);
        const quint64 a = client->submit(QByteArray(11, '\0'));
        const quint64 b = client->submit(QByteArray(65536, '\0'));
        QVERIFY(a != b);
        const QList<DohOutcome> outcomes = client->takeOutcomes();
        QCOMPARE(outcomes.size(), 2);
        QCOMPARE(describe(outcomes.at(0)), QStringLiteral("InvalidQuery"));
        QCOMPARE(describe(outcomes.at(1)), QStringLiteral("InvalidQuery"));
        QVERIFY(outcomes.at(0).errorString.contains(u"11 octets"));
        QCOMPARE(client->pendingCount(), 0);
        QVERIFY(client->isUsable());
    }
}

void tst_Doh::create_data()
{
    QTest::addColumn<QByteArray>("alpn");
    QTest::addColumn<QString>("expected"); // the protocol, or "error: fragment"
    QTest::newRow("http/1.1") << QByteArray("http/1.1") << QStringLiteral("http/1.1");
    QTest::newRow("no-alpn") << QByteArray() << QStringLiteral("http/1.1");
    QTest::newRow("h2") << QByteArray("h2")
                        << (DohSession::http2Available() ? QStringLiteral("h2")
                                                         : QStringLiteral("error: libnghttp2"));
    QTest::newRow("h3") << QByteArray("h3") << QStringLiteral("error: unsupported protocol: h3");
}

void tst_Doh::create()
{
    QFETCH(QByteArray, alpn);
    QFETCH(QString, expected);
    QString error;
    auto session = DohSession::create(alpn, Target, DohSession::Method::Post, &error);
    const QString got = session ? QString::fromLatin1(session->protocol()) : u"error: " + error;
    if (expected.startsWith(u"error: "))
        QVERIFY2(got.startsWith(u"error: ") && got.contains(expected.mid(7)), qPrintable(got));
    else
        QCOMPARE(got, expected);
    QCOMPARE(DohSession::alpnProtocols().contains("h2"), DohSession::http2Available());
    QVERIFY(!DohSession::create("h2", DohTarget(), DohSession::Method::Post, &error));
}

void tst_Doh::targetFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected"); // "authority path" or "error: fragment"
    QTest::newRow("plain") << "https://dns.example/dns-query"
                           << "dns.example /dns-query";
    QTest::newRow("template") << "https://dns.example/dns-query{?dns}"
                              << "dns.example /dns-query";
    QTest::newRow("port") << "https://dns.example:8443/q"
                          << "dns.example:8443 /q";
    QTest::newRow("port-443") << "https://dns.example:443/q"
                              << "dns.example /q";
    QTest::newRow("ipv6") << "https://[::1]:8443/dns-query"
                          << "[::1]:8443 /dns-query";
    QTest::newRow("own-query") << "https://dns.example/q?key=v"
                               << "dns.example /q?key=v";
    QTest::newRow("idn") << QString::fromUtf8("https://bücher.example/q")
                         << "xn--bcher-kva.example /q";
    QTest::newRow("http") << "http://dns.example/dns-query"
                          << "error: scheme";
    QTest::newRow("no-path") << "https://dns.example"
                             << "error: path";
    QTest::newRow("no-host") << "https:///dns-query"
                             << "error: host";
    QTest::newRow("userinfo") << "https://u:p@dns.example/q"
                              << "error: user";
}

void tst_Doh::targetFromUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    QString error;
    const DohTarget target = DohTarget::fromUrl(QUrl(url), &error);
    const QString got = target.isValid() ? QString::fromLatin1(target.authority + ' ' + target.path)
                                         : u"error: " + error;
    if (expected.startsWith(u"error: "))
        QVERIFY2(got.startsWith(u"error: ") && got.contains(expected.mid(7)), qPrintable(got));
    else
        QCOMPARE(got, expected);
}

void tst_Doh::tcpFraming()
{
    const QByteArray a = makeQuery(1, "a.example");
    const QByteArray b = makeQuery(2, "b.example");
    const QByteArray stream = TcpFraming::frame(a) + TcpFraming::frame(b);
    QCOMPARE(stream.size(), a.size() + b.size() + 4);
    QCOMPARE(quint8(stream.at(1)), quint8(a.size()));
    // Fed one octet at a time, the messages come out whole, in order, once each.
    QByteArray buffer;
    QList<QByteArray> got;
    for (char c : stream) {
        buffer.append(c);
        QByteArray message;
        while (TcpFraming::takeMessage(buffer, &message))
            got.append(message);
    }
    QCOMPARE(got, (QList<QByteArray>{ a, b }));
    QVERIFY(buffer.isEmpty());
    QVERIFY(TcpFraming::frame(QByteArray(65536, 'x')).isEmpty());
    QCOMPARE(TcpFraming::frame(QByteArray(65535, 'x')).size(), 65537);
}

QTEST_GUILESS_MAIN(tst_Doh)
#include "tst_doh.moc"
