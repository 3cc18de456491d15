// SPDX-License-Identifier: MIT
#include "localworld.h"

#include "arestestserver.h"

using namespace std::chrono_literals;

namespace LocalWorld {

namespace {

// An A or AAAA record per address, and the PTR record pointing back.
void addHost(AresTestServer &server, const QString &name, const QStringList &addresses, quint32 ttl)
{
    for (const QString &text : addresses) {
        const QHostAddress address(text);
        server.addAddress(name, address, ttl);
        server.addPtr(AresTestServer::reverseName(address), name, ttl);
    }
}

} // namespace

void populate(AresTestServer &server)
{
    using Fault = AresTestServer::Fault;
    using Kind = AresTestServer::FaultKind;
    const QString zone = QStringLiteral("example.test");
    server.setSoa(zone, 60);

    addHost(server, QStringLiteral("www.example.test"),
            { QStringLiteral("192.0.2.10"), QStringLiteral("2001:db8::10") }, 300);
    server.addCname(QStringLiteral("mail.example.test"), QStringLiteral("mx.example.test"), 600);
    addHost(server, QStringLiteral("mx.example.test"), { QStringLiteral("192.0.2.25") }, 600);
    addHost(server, QStringLiteral("mx2.example.test"), { QStringLiteral("192.0.2.26") }, 600);
    addHost(server, QStringLiteral("slow.example.test"), { QStringLiteral("192.0.2.99") }, 30);
    addHost(server, QStringLiteral("v6.example.test"), { QStringLiteral("2001:db8::6") }, 120);
    addHost(server, QStringLiteral("broken.example.test"), { QStringLiteral("192.0.2.66") }, 30);

    // Records of other types, so that -t has something to find offline.
    server.addRecord(zone, AresTestRecord::mx(10, QStringLiteral("mx.example.test")), 3600);
    server.addRecord(zone, AresTestRecord::mx(20, QStringLiteral("mx2.example.test")), 3600);
    server.addRecord(zone, AresTestRecord::txt({ "v=spf1 mx -all" }), 3600);
    server.addRecord(QStringLiteral("_imaps._tcp.example.test"),
                     AresTestRecord::srv(0, 5, 993, QStringLiteral("mx.example.test")), 3600);
    // HTTPS 1 . alpn="h2,h3" ipv4hint=192.0.2.10 ipv6hint=2001:db8::10
    AresTestRecord::SvcParams params;
    params.alpn = { "h2", "h3" };
    params.ipv4Hints = { QHostAddress(QStringLiteral("192.0.2.10")) };
    params.ipv6Hints = { QHostAddress(QStringLiteral("2001:db8::10")) };
    server.addRecord(QStringLiteral("www.example.test"),
                     AresTestRecord::https(1, QString(), params), 300);
    server.addRecord(QStringLiteral("raw.example.test"),
                     AresTestRecord::raw(65280, QByteArray::fromHex("00ff10")), 300);

    // Latencies, a failure and a timeout.
    server.setFault(QStringLiteral("www.example.test"), Fault{ Kind::None, 20ms, -1 });
    server.setFault(QStringLiteral("mail.example.test"), Fault{ Kind::None, 45ms, -1 });
    server.setFault(QStringLiteral("slow.example.test"), Fault{ Kind::None, 400ms, -1 });
    server.setFault(QStringLiteral("v6.example.test"), Fault{ Kind::None, 10ms, -1 });
    server.setFault(QStringLiteral("broken.example.test"), Fault{ Kind::ServFail, 30ms, -1 });
    server.setFault(QStringLiteral("blackhole.example.test"), Fault{ Kind::Drop, 0ms, -1 });
}

QStringList demoNames()
{
    return { QStringLiteral("www.example.test"),       QStringLiteral("mail.example.test"),
             QStringLiteral("slow.example.test"),      QStringLiteral("v6.example.test"),
             QStringLiteral("broken.example.test"),    QStringLiteral("missing.example.test"),
             QStringLiteral("blackhole.example.test"), QStringLiteral("127.0.0.1") };
}

} // namespace LocalWorld
