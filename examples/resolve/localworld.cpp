// SPDX-License-Identifier: MIT
#include "localworld.h"

#include "arestestserver.h"

#include <QtCore/qendian.h>

using namespace std::chrono_literals;

namespace LocalWorld {

namespace {

QByteArray u16(quint16 value)
{
    QByteArray bytes(2, Qt::Uninitialized);
    qToBigEndian(value, bytes.data());
    return bytes;
}

QByteArray characterString(const QByteArray &text)
{
    return char(quint8(text.size())) + text;
}

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
    server.addRecord(zone, 15, u16(10) + AresTestServer::encodeName(QStringLiteral("mx.example.test")), 3600);
    server.addRecord(zone, 15, u16(20) + AresTestServer::encodeName(QStringLiteral("mx2.example.test")), 3600);
    server.addRecord(zone, 16, characterString("v=spf1 mx -all"), 3600);
    server.addRecord(QStringLiteral("_imaps._tcp.example.test"), 33,
                     u16(0) + u16(5) + u16(993) + AresTestServer::encodeName(QStringLiteral("mx.example.test")), 3600);
    // HTTPS 1 . alpn="h2,h3" ipv4hint=192.0.2.10 ipv6hint=2001:db8::10
    const QByteArray alpn = characterString("h2") + characterString("h3");
    QByteArray v6hint(16, Qt::Uninitialized);
    const Q_IPV6ADDR v6 = QHostAddress(QStringLiteral("2001:db8::10")).toIPv6Address();
    std::copy(std::begin(v6.c), std::end(v6.c), v6hint.begin());
    QByteArray v4hint(4, Qt::Uninitialized);
    qToBigEndian(QHostAddress(QStringLiteral("192.0.2.10")).toIPv4Address(), v4hint.data());
    server.addRecord(QStringLiteral("www.example.test"), 65,
                     u16(1) + QByteArray(1, '\0') + u16(1) + u16(quint16(alpn.size())) + alpn + u16(4) + u16(4) + v4hint
                             + u16(6) + u16(16) + v6hint,
                     300);
    server.addRecord(QStringLiteral("raw.example.test"), 65280, QByteArray::fromHex("00ff10"), 300);

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
