// SPDX-License-Identifier: MIT
// Writes fuzz_doh's seed corpus: the bytes the test servers of tst_doh
// (tests/shared/dohtestservers.h) send for fuzz_doh's four queries, in
// both protocols and methods, with well-formed and faulty responses.
#include "dohsession_p.h"
#include "dohtestservers.h"

#include <QtCore/qdir.h>
#include <QtCore/qfile.h>

#include <cstdio>

using namespace QAresPrivate::Transport;

QByteArray fuzzDohQuery(int i);

namespace {

QByteArray messageOf(const DohTest::Request &request)
{
    if (request.method == "POST")
        return request.body;
    const qsizetype at = request.path.indexOf("dns=");
    return at < 0 ? QByteArray()
                  : QByteArray::fromBase64(request.path.mid(at + 4), QByteArray::Base64UrlEncoding);
}

QByteArray replyTo(const QByteArray &query)
{
    QByteArray r = query;
    if (r.size() > 2)
        r[2] = char(quint8(r[2]) | 0x80);
    return r;
}

// The server's bytes for the four queries, answered by \a server.
QByteArray transcript(bool h2, bool get, DohTest::Server &server)
{
    auto client =
            DohSession::create(h2 ? "h2" : "http/1.1", { "dns.example", "/dns-query" },
                               get ? DohSession::Method::Get : DohSession::Method::Post, nullptr);
    client->setMaxPipelined(4);
    for (int i = 0; i < 4; ++i)
        client->submit(fuzzDohQuery(i));
    QByteArray fromServer;
    for (int round = 0; round < 100; ++round) {
        const QByteArray out = client->takeOutgoing();
        if (!out.isEmpty())
            server.receive(out);
        const QByteArray in = server.takeOutgoing();
        if (in.isEmpty() && out.isEmpty())
            break;
        fromServer += in;
        if (!in.isEmpty())
            client->receive(in);
    }
    return fromServer;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_doh_seeds DIR\n");
        return 2;
    }
    QDir().mkpath(QString::fromLocal8Bit(argv[1]));
    int n = 0;
    const auto write = [&](quint8 mode, const QByteArray &bytes) {
        for (const quint8 piece : { quint8(255), quint8(0), quint8(6) }) {
            QFile file(QString::fromLocal8Bit(argv[1])
                       + QStringLiteral("/seed-%1").arg(n++, 2, 10, QChar(u'0')));
            if (!file.open(QIODevice::WriteOnly))
                return false;
            file.write(QByteArray(1, char(mode)) + QByteArray(1, char(piece)) + bytes);
        }
        return true;
    };
    const QList<QByteArray> http1 = {
        "HTTP/1.1 200 OK\r\nContent-Type: application/dns-message\r\nContent-Length: {len}\r\n\r\n"
        "{reply}",
        "HTTP/1.1 200 OK\r\nContent-Type: application/dns-message\r\n"
        "Transfer-Encoding: chunked\r\n\r\n{hexlen};x=y\r\n{reply}\r\n0\r\nTrailer: 1\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nno",
        "HTTP/1.1 301 Moved\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n",
    };
    for (const QByteArray &pattern : http1) {
        for (const bool get : { false, true }) {
            DohTest::Http1Server server;
            server.handler = [&](const DohTest::Request &request) {
                const QByteArray reply = replyTo(messageOf(request));
                QByteArray bytes = pattern;
                bytes.replace("{len}", QByteArray::number(reply.size()));
                bytes.replace("{hexlen}", QByteArray::number(reply.size(), 16));
                bytes.replace("{reply}", reply);
                return std::optional(DohTest::Http1Server::Answer{ bytes, false });
            };
            if (!write(quint8((get ? 2 : 0) | (3 << 2)), transcript(false, get, server)))
                return 1;
        }
    }
#if QARES_HAVE_NGHTTP2
    for (const bool get : { false, true }) {
        for (const int fault : { 0, 1, 2 }) {
            DohTest::Http2Server server(fault == 2 ? 2 : 100);
            server.handler = [&](const DohTest::Request &request) {
                DohTest::Http2Server::Response response;
                response.body = replyTo(messageOf(request));
                if (fault == 1 && request.stream == 3)
                    response.reset = NGHTTP2_CANCEL;
                return std::optional(response);
            };
            if (!write(quint8(1 | (get ? 2 : 0)), transcript(true, get, server)))
                return 1;
        }
    }
#endif
    return 0;
}
