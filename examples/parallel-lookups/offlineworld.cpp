// SPDX-License-Identifier: MIT
#include "offlineworld.h"

#ifdef PARALLEL_LOOKUPS_OFFLINE
#  include "arestestserver.h"
#endif

#include <array>

namespace {

enum class Kind { Ok, Cname, ServFail, NxDomain, Drop };

struct Entry
{
    const char *name;
    int delayMs;
    Kind kind;
};

// Latencies like a real resolver's: cached (5-20 ms), nearby (30-90 ms),
// far away (120-400 ms). Failures are marked by kind.
constexpr std::array<Entry, 50> world = { {
        { "www.example.test", 18, Kind::Ok },
        { "mail.example.test", 42, Kind::Cname },
        { "api.shop.test", 95, Kind::Ok },
        { "cdn.shop.test", 12, Kind::Cname },
        { "static.news.test", 8, Kind::Ok },
        { "images.news.test", 64, Kind::Ok },
        { "login.bank.test", 210, Kind::Ok },
        { "pay.bank.test", 330, Kind::Ok },
        { "broken.bank.test", 120, Kind::ServFail },
        { "docs.project.test", 35, Kind::Ok },
        { "git.project.test", 150, Kind::Ok },
        { "ci.project.test", 275, Kind::Ok },
        { "old.project.test", 55, Kind::NxDomain },
        { "video.stream.test", 380, Kind::Ok },
        { "edge1.stream.test", 22, Kind::Ok },
        { "edge2.stream.test", 27, Kind::Ok },
        { "blackhole.stream.test", 0, Kind::Drop },
        { "maps.geo.test", 88, Kind::Ok },
        { "tiles.geo.test", 140, Kind::Cname },
        { "search.web.test", 5, Kind::Ok },
        { "ads.web.test", 190, Kind::Ok },
        { "tracker.web.test", 70, Kind::NxDomain },
        { "chat.social.test", 115, Kind::Ok },
        { "push.social.test", 240, Kind::Ok },
        { "media.social.test", 160, Kind::Cname },
        { "weather.data.test", 300, Kind::Ok },
        { "feeds.data.test", 48, Kind::Ok },
        { "ntp.infra.test", 10, Kind::Ok },
        { "dns.infra.test", 15, Kind::Ok },
        { "vpn.infra.test", 260, Kind::ServFail },
        { "mirror.linux.test", 355, Kind::Ok },
        { "security.linux.test", 125, Kind::Ok },
        { "packages.linux.test", 80, Kind::Ok },
        { "ftp.linux.test", 30, Kind::NxDomain },
        { "shop.store.test", 100, Kind::Ok },
        { "cart.store.test", 135, Kind::Ok },
        { "legacy.store.test", 0, Kind::Drop },
        { "auth.cloud.test", 60, Kind::Ok },
        { "s3.cloud.test", 175, Kind::Cname },
        { "queue.cloud.test", 225, Kind::Ok },
        { "metrics.cloud.test", 38, Kind::Ok },
        { "status.cloud.test", 400, Kind::Ok },
        { "wiki.team.test", 52, Kind::Ok },
        { "calendar.team.test", 185, Kind::Ok },
        { "files.team.test", 285, Kind::ServFail },
        { "intranet.team.test", 75, Kind::NxDomain },
        { "game.fun.test", 320, Kind::Ok },
        { "music.fun.test", 145, Kind::Ok },
        { "radio.fun.test", 25, Kind::Ok },
        { "news.fun.test", 205, Kind::Ok },
} };

#ifdef PARALLEL_LOOKUPS_OFFLINE
/*
    The records of one name besides A/AAAA, as a zone would publish them:
    MX and NS pointing into the zone, SPF and a verification token (TXT),
    CAA for a CA, SRV for the name's service, HTTPS with ALPN and address
    hints. Every fifth name has no HTTPS record and every seventh no SRV,
    so those rows show NODATA (with the zone's SOA) as real zones do.
*/
void addRecordTypes(AresTestServer &server, const QString &owner, const QString &zone, int i,
                    const QHostAddress &v4, const QHostAddress &v6)
{
    const quint32 day = 86400;
    server.addRecord(owner, AresTestRecord::mx(10, QStringLiteral("mx1.") + zone), 3600);
    server.addRecord(owner, AresTestRecord::mx(20, QStringLiteral("mx2.") + zone), 3600);
    server.addRecord(owner, AresTestRecord::ns(QStringLiteral("ns1.") + zone), day);
    server.addRecord(owner, AresTestRecord::ns(QStringLiteral("ns2.") + zone), day);
    server.addRecord(owner,
                     AresTestRecord::txt({ "v=spf1 mx include:_spf." + zone.toLatin1() + " -all" }),
                     300);
    server.addRecord(
            owner,
            AresTestRecord::txt({ "site-verification="
                                  + QByteArray::number(0x5eed0000u + quint32(i) * 7919u, 16) }),
            3600);
    server.addRecord(owner, AresTestRecord::caa(0, "issue", "letsencrypt.org"), 3600);
    server.addRecord(owner, AresTestRecord::caa(0, "iodef", "mailto:security@" + zone.toLatin1()),
                     3600);
    if (i % 7 != 0) {
        server.addRecord(owner, AresTestRecord::srv(10, 60, 443, owner), 600);
        server.addRecord(
                owner,
                AresTestRecord::srv(20, 10, 8443, QStringLiteral("backup-%1.").arg(i) + zone), 600);
    }
    if (i % 5 != 0) {
        AresTestRecord::SvcParams params;
        params.alpn = i % 3 == 0 ? QList<QByteArray>{ "h2" } : QList<QByteArray>{ "h3", "h2" };
        if (i % 4 == 0)
            params.port = 8443;
        params.ipv4Hints = { v4 };
        params.ipv6Hints = { v6 };
        server.addRecord(owner, AresTestRecord::https(1, QStringLiteral("."), params), 300);
    }
}
#endif

} // namespace

QStringList OfflineWorld::presetNames()
{
    QStringList names;
    for (const Entry &e : world)
        names.append(QString::fromLatin1(e.name));
    return names;
}

#ifdef PARALLEL_LOOKUPS_OFFLINE
void OfflineWorld::populate(AresTestServer &server)
{
    using Fault = AresTestServer::Fault;
    using FaultKind = AresTestServer::FaultKind;
    int i = 0;
    for (const Entry &e : world) {
        ++i;
        const QString name = QString::fromLatin1(e.name);
        const QString zone = name.section(QLatin1Char('.'), 1);
        server.setSoa(zone, 60);
        const quint32 ttl = quint32(30 + (i * 97) % 3570);
        const QHostAddress v4(QStringLiteral("198.51.100.%1").arg(i));
        const QHostAddress v6(QStringLiteral("2001:db8:%1::%2").arg(i, 0, 16).arg(i * 7, 0, 16));
        const std::chrono::milliseconds delay(e.delayMs);
        switch (e.kind) {
        case Kind::Ok:
        case Kind::ServFail:
            server.addAddress(name, v4, ttl);
            server.addAddress(name, v6, ttl);
            addRecordTypes(server, name, zone, i, v4, v6);
            break;
        case Kind::Cname: {
            const QString target = QStringLiteral("origin-%1.").arg(i) + zone;
            server.addCname(name, target, 300);
            server.addAddress(target, v4, ttl);
            server.addAddress(target, v6, ttl);
            addRecordTypes(server, target, zone, i, v4, v6);
            break;
        }
        case Kind::NxDomain:
        case Kind::Drop:
            break;
        }
        FaultKind fault = FaultKind::None;
        if (e.kind == Kind::ServFail)
            fault = FaultKind::ServFail;
        else if (e.kind == Kind::Drop)
            fault = FaultKind::Drop;
        server.setFault(name, Fault{ fault, delay, -1 });
    }
}
#endif
