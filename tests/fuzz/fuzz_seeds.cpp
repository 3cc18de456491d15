// SPDX-License-Identifier: MIT
// Writes the seed corpus of fuzz_dnswire: one small file per canned reply.
#include "packetbuilder.h"

#include <QtCore/qdir.h>
#include <QtCore/qfile.h>

#include <cstdio>

using P = PacketBuilder;

static QByteArray answer(quint16 type, const QByteArray &rdata)
{
    return P()
            .header(0x1234, 0x8580, 1, 1)
            .question("host.test", type)
            .pointer(12)
            .recordTail(type, 300, rdata);
}

static QByteArray svcParam(quint16 key, const QByteArray &value)
{
    return P::be16(key) + P::be16(quint16(value.size())) + value;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIRECTORY\n", argv[0]);
        return 2;
    }
    const QString dir = QString::fromLocal8Bit(argv[1]);
    if (!QDir().mkpath(dir))
        return 1;
    const QList<QByteArray> seeds = {
        answer(1, P::bytes({ 192, 0, 2, 1 })),
        answer(28, QByteArray(16, '\1')),
        answer(5, QByteArray("\x03www") + P::be16(0xc00c)),
        answer(2, P::encode("ns.test")),
        answer(12, P::encode("ptr.test")),
        answer(15, P::be16(10) + "\x02mx" + P::be16(0xc00c)),
        answer(33, P::be16(1) + P::be16(2) + P::be16(5060) + P::encode("sip.test")),
        answer(16, P::string("v=spf1") + P::string("") + P::string(QByteArray("a\0b", 3))),
        answer(6, P::encode("ns.test") + P::encode("admin.test") + QByteArray(20, '\1')),
        answer(257, P::bytes({ 0 }) + P::string("issue") + "ca.test"),
        answer(35,
               P::be16(1) + P::be16(2) + P::string("S") + P::string("SIP+D2U") + P::string("")
                       + P::encode("_sip.test")),
        answer(256, P::be16(1) + P::be16(1) + "https://x.test/"),
        answer(52, P::bytes({ 3, 1, 1, 0xab, 0xcd })),
        answer(64, P::be16(0) + P::encode("alias.test")),
        answer(65,
               P::be16(1) + P::encode("") + svcParam(0, P::be16(1))
                       + svcParam(1, P::string("h2") + P::string("h3")) + svcParam(2, {})
                       + svcParam(3, P::be16(443)) + svcParam(4, P::bytes({ 192, 0, 2, 1 }))
                       + svcParam(5, "ech") + svcParam(6, QByteArray(16, '\2'))
                       + svcParam(99, "x")),
        answer(64000, "raw"),
        P().header(1, 0x8583, 1, 0, 1, 1)
                .question("nx.test", 1)
                .record("test", 6, 60,
                        P::encode("ns.test") + P::encode("h.test") + QByteArray(20, '\0'))
                .record("", 41, 0, {}, 1232)
                .data(),
        P().header(1, 0x8780, 1, 2)
                .question("tc.test", 1)
                .pointer(12)
                .recordTail(1, 5, P::bytes({ 1, 2, 3, 4 }))
                .data(),
        P().header(1, 0x8580, 1, 2)
                .question("www.test", 1)
                .pointer(12)
                .recordTail(5, 60, P::encode("o.test"))
                .record("o.test", 1, 60, P::bytes({ 1, 2, 3, 4 }))
                .data(),
        P().header(1, 0x8580, 1, 0)
                .raw("\x01" "a")
                .pointer(12)
                .u16(1)
                .u16(1)
                .data(), // a loop
    };
    int n = 0;
    for (const QByteArray &seed : seeds) {
        QFile file(QStringLiteral("%1/seed-%2").arg(dir).arg(n++, 2, 10, QLatin1Char('0')));
        if (!file.open(QIODevice::WriteOnly) || file.write(seed) != seed.size())
            return 1;
    }
    return 0;
}
