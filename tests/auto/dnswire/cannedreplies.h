// SPDX-License-Identifier: MIT
// Canned DNS replies, valid and malformed, and a one-line description of
// what the wire reader made of them: shared by tst_dnswire (Wire::parseMessage)
// and tst_aresrecordparse (the record sets of record queries), which must
// read every one of them the same way.
#ifndef CANNEDREPLIES_H
#define CANNEDREPLIES_H

#include "dnswire_p.h"
#include "packetbuilder.h"

#include <QtCore/qendian.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qhostaddress.h>
#include <QtTest/qtest.h>

namespace CannedReplies {

namespace Wire = QAresPrivate::Wire;
using P = PacketBuilder;

constexpr quint16 ResponseFlags = 0x8580; // QR AA RD RA, NOERROR
constexpr quint16 QuestionOffset = 12;

inline QString quoted(const QByteArray &bytes)
{
    QString out(u'"');
    for (char ch : bytes) {
        const auto c = quint8(ch);
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
            out += QStringLiteral("\\x%1").arg(int(c), 2, 16, QLatin1Char('0'));
        else
            out += QChar(char16_t(c));
    }
    return out + u'"';
}

inline QString typeName(quint16 type)
{
    switch (type) {
    case Wire::Type::A: return QStringLiteral("A");
    case Wire::Type::NS: return QStringLiteral("NS");
    case Wire::Type::CNAME: return QStringLiteral("CNAME");
    case Wire::Type::SOA: return QStringLiteral("SOA");
    case Wire::Type::PTR: return QStringLiteral("PTR");
    case Wire::Type::MX: return QStringLiteral("MX");
    case Wire::Type::TXT: return QStringLiteral("TXT");
    case Wire::Type::AAAA: return QStringLiteral("AAAA");
    case Wire::Type::SRV: return QStringLiteral("SRV");
    case Wire::Type::NAPTR: return QStringLiteral("NAPTR");
    case Wire::Type::OPT: return QStringLiteral("OPT");
    case Wire::Type::TLSA: return QStringLiteral("TLSA");
    case Wire::Type::SVCB: return QStringLiteral("SVCB");
    case Wire::Type::HTTPS: return QStringLiteral("HTTPS");
    case Wire::Type::URI: return QStringLiteral("URI");
    case Wire::Type::CAA: return QStringLiteral("CAA");
    }
    return QStringLiteral("TYPE%1").arg(type);
}

// "owner TYPE ttl fields", fields read from the typed members.
inline QString describe(const Wire::Record &r)
{
    const QString head =
            QString::fromLatin1(r.name) + u' ' + typeName(r.type) + u' ' + QString::number(r.ttl);
    const QString target = QString::fromLatin1(r.target);
    QString fields;
    if (!r.decoded) {
        fields = QStringLiteral("raw %1").arg(QString::fromLatin1(r.rdata.toHex()));
    } else {
        switch (r.type) {
        case Wire::Type::A:
        case Wire::Type::AAAA:
            fields = (r.address().size() == 4
                              ? QHostAddress(qFromBigEndian<quint32>(r.address().constData()))
                              : QHostAddress(
                                      reinterpret_cast<const quint8 *>(r.address().constData())))
                             .toString();
            break;
        case Wire::Type::CNAME:
        case Wire::Type::NS:
        case Wire::Type::PTR:
            fields = target;
            break;
        case Wire::Type::MX:
            fields = QStringLiteral("%1 %2").arg(r.preference).arg(target);
            break;
        case Wire::Type::SRV:
            fields = QStringLiteral("%1 %2 %3 %4")
                             .arg(r.priority)
                             .arg(r.weight)
                             .arg(r.port)
                             .arg(target);
            break;
        case Wire::Type::TXT: {
            QStringList strings;
            for (const QByteArray &s : r.strings())
                strings.append(quoted(s));
            fields = strings.join(u' ');
            break;
        }
        case Wire::Type::SOA:
            fields = QStringLiteral("%1 %2 %3 %4 %5 %6 %7")
                             .arg(target, QString::fromLatin1(r.mailbox()))
                             .arg(r.serial())
                             .arg(r.refresh())
                             .arg(r.retry())
                             .arg(r.expire())
                             .arg(r.minimum());
            break;
        case Wire::Type::CAA:
            fields = QStringLiteral("%1 %2 %3")
                             .arg(r.flags)
                             .arg(QString::fromLatin1(r.tag()), quoted(r.value()));
            break;
        case Wire::Type::NAPTR:
            fields = QStringLiteral("%1 %2 %3 %4 %5 %6")
                             .arg(r.order)
                             .arg(r.preference)
                             .arg(quoted(r.strings().value(0)), quoted(r.strings().value(1)),
                                  quoted(r.strings().value(2)), target);
            break;
        case Wire::Type::URI:
            fields =
                    QStringLiteral("%1 %2 %3").arg(r.priority).arg(r.weight).arg(quoted(r.value()));
            break;
        case Wire::Type::TLSA:
            fields = QStringLiteral("%1 %2 %3 %4")
                             .arg(r.usage)
                             .arg(r.selector)
                             .arg(r.matchingType)
                             .arg(QString::fromLatin1(r.value().toHex()));
            break;
        case Wire::Type::SVCB:
        case Wire::Type::HTTPS: {
            fields = QStringLiteral("%1 %2").arg(r.priority).arg(target);
            for (const Wire::SvcParam &p : r.params())
                fields += QStringLiteral(" %1=%2").arg(p.key).arg(
                        QString::fromLatin1(p.value.toHex()));
            break;
        }
        default:
            fields = QStringLiteral("?");
        }
    }
    return head + u' ' + fields;
}

inline QString describe(const Wire::Message &m)
{
    QStringList parts;
    QString head = QStringLiteral("rcode %1").arg(m.rcode());
    const struct
    {
        quint16 flag;
        const char *name;
    } flags[] = { { Wire::Flag::QR, "qr" }, { Wire::Flag::AA, "aa" }, { Wire::Flag::TC, "tc" },
                  { Wire::Flag::RD, "rd" }, { Wire::Flag::RA, "ra" }, { Wire::Flag::AD, "ad" },
                  { Wire::Flag::CD, "cd" } };
    for (const auto &f : flags) {
        if (m.hasFlag(f.flag))
            head += u' ' + QLatin1String(f.name);
    }
    if (m.cutShort)
        head += QStringLiteral(" cut");
    parts.append(head);
    for (const Wire::Question &q : m.questions)
        parts.append(QStringLiteral("q %1 %2").arg(QString::fromLatin1(q.name), typeName(q.type)));
    for (const Wire::Record &r : m.answers)
        parts.append(QStringLiteral("an ") + describe(r));
    for (const Wire::Record &r : m.authorities)
        parts.append(QStringLiteral("ns ") + describe(r));
    for (const Wire::Record &r : m.additionals)
        parts.append(QStringLiteral("ar ") + describe(r));
    return parts.join(QStringLiteral("; "));
}

// A reply to "host.test" of \a type with one answer owned by a pointer to the question.
inline QByteArray answer(quint16 type, const QByteArray &rdata, quint32 ttl = 300)
{
    return P().header(0x1234, ResponseFlags, 1, 1)
            .question("host.test", type)
            .pointer(QuestionOffset)
            .recordTail(type, ttl, rdata);
}

inline QByteArray svcParam(quint16 key, const QByteArray &value)
{
    return P::be16(key) + P::be16(quint16(value.size())) + value;
}

// 130 (or \a hops) pointers, each to the one before, ending at the question.
inline QByteArray pointerChain(int hops)
{
    P p;
    p.header(1, ResponseFlags, 1, 2).question("host.test", 64000);
    p.pointer(QuestionOffset);
    const qsizetype rdataStart = p.size() + 10;
    QByteArray chain;
    chain += P::be16(quint16(0xc000 | QuestionOffset));
    for (int i = 1; i < hops; ++i)
        chain += P::be16(quint16(0xc000 | (rdataStart + 2 * (i - 1))));
    p.recordTail(64000, 1, chain);
    p.pointer(quint16(rdataStart + 2 * (hops - 1))).recordTail(64000, 1, QByteArray("x"));
    return p;
}

// A label and a pointer back to it, in a raw RDATA, reached by a valid pointer.
inline QByteArray loopThroughBackwardPointer()
{
    P p;
    p.header(1, ResponseFlags, 1, 2).question("host.test", 64000).pointer(QuestionOffset);
    const quint16 loopAt = quint16(p.size() + 10);
    p.recordTail(64000, 1, QByteArray("\x01" "b") + P::be16(0xc000 | loopAt));
    p.pointer(loopAt).recordTail(1, 5, P::bytes({ 1, 2, 3, 4 }));
    return p;
}

inline QByteArray bigTcpAnswer()
{
    // 12 header + 15 question + 2 owner + 10 record header + RDATA = 65535.
    const int rdlength = 65535 - 12 - 15 - 2 - 10;
    QByteArray rdata;
    while (rdata.size() + 256 <= rdlength)
        rdata += P::string(QByteArray(255, 'x'));
    rdata += P::string(QByteArray(rdlength - rdata.size() - 1, 'y'));
    return answer(Wire::Type::TXT, rdata);
}


//! Rows (QByteArray packet, QString expected) of valid messages and their description.
inline void messageRows()
{
    QTest::newRow("nxdomain-with-soa")
            << P().header(7, 0x8583, 1, 0, 1, 0)
                       .question("missing.test", 1)
                       .record("test", 6, 60,
                               P::encode("ns.test") + P::encode("mail.test") + P::be32(1)
                                       + P::be32(2) + P::be32(3) + P::be32(4) + P::be32(30))
                       .data()
            << "rcode 3 qr aa rd ra; q missing.test A; ns test SOA 60 ns.test mail.test 1 2 3 4 30";
    QTest::newRow("all-flags")
            << P().header(1, 0x87b0, 1, 0).question("host.test", 1).data()
            << "rcode 0 qr aa tc rd ra ad cd; q host.test A";
    QTest::newRow("no-flags-servfail")
            << P().header(1, 0x0002, 1, 0).question("host.test", 1).data()
            << "rcode 2; q host.test A";
    QTest::newRow("cname-chain")
            << P().header(1, ResponseFlags, 1, 3)
                       .question("www.test", 1)
                       .pointer(QuestionOffset)
                       .recordTail(5, 60, P::encode("edge.test"))
                       .record("edge.test", 5, 30, P::encode("origin.test"))
                       .record("origin.test", 1, 20, P::bytes({ 192, 0, 2, 80 }))
                       .data()
            << "rcode 0 qr aa rd ra; q www.test A; an www.test CNAME 60 edge.test; "
               "an edge.test CNAME 30 origin.test; an origin.test A 20 192.0.2.80";
    QTest::newRow("opt-extended-rcode")
            << P().header(1, 0x8180, 1, 0, 0, 1)
                       .question("host.test", 1)
                       .record("", 41, 0x01000000, QByteArray(), 1232)
                       .data()
            << "rcode 16 qr rd ra; q host.test A; ar . OPT 0 raw ";
    QTest::newRow("all-sections")
            << P().header(1, ResponseFlags, 1, 1, 1, 1)
                       .question("host.test", 15)
                       .pointer(QuestionOffset)
                       .recordTail(15, 10, P::be16(5) + P::encode("mx.test"))
                       .record("test", 2, 20, P::encode("ns.test"))
                       .record("mx.test", 1, 30, P::bytes({ 10, 0, 0, 1 }))
                       .data()
            << "rcode 0 qr aa rd ra; q host.test MX; an host.test MX 10 5 mx.test; "
               "ns test NS 20 ns.test; ar mx.test A 30 10.0.0.1";
    QTest::newRow("escaped-labels")
            << P().header(1, ResponseFlags, 1, 1)
                       .raw(QByteArray("\x03" "a.b" "\x02" "\\\x01" "\x00", 8))
                       .u16(16)
                       .u16(1)
                       .pointer(QuestionOffset)
                       .recordTail(16, 5, P::string("x"))
                       .data()
            << "rcode 0 qr aa rd ra; q a\\.b.\\\\\\001 TXT; an a\\.b.\\\\\\001 TXT 5 \"x\"";
    // dig's escapes: the characters special in zone files get a backslash.
    QTest::newRow("escaped-zone-file-specials")
            << P().header(1, ResponseFlags, 1, 0)
                       .raw(QByteArray("\x08" "a\"b(c)d;" "\x03" "@$e" "\x00", 14))
                       .u16(16)
                       .u16(1)
                       .data()
            << "rcode 0 qr aa rd ra; q a\\\"b\\(c\\)d\\;.\\@\\$e TXT";
    QTest::newRow("name-255-octets")
            << P().header(1, ResponseFlags, 1, 0)
                       .name(QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.'
                             + QByteArray(63, 'c') + '.' + QByteArray(61, 'd'))
                       .u16(1)
                       .u16(1)
                       .data()
            << (QStringLiteral("rcode 0 qr aa rd ra; q ") + QString(63, u'a') + u'.'
                + QString(63, u'b') + u'.' + QString(63, u'c') + u'.' + QString(61, u'd')
                + QStringLiteral(" A"));
    const QByteArray chain = pointerChain(120);
    QTest::newRow("pointer-chain-120")
            << chain
            << QStringLiteral(
                       "rcode 0 qr aa rd ra; q host.test TYPE64000; an host.test TYPE64000 1 raw ")
                    + QString::fromLatin1(chain.mid(39, 240).toHex())
                    + QStringLiteral("; an host.test TYPE64000 1 raw 78");
    QTest::newRow("tc-ends-at-record-boundary")
            << P().header(1, 0x8780, 1, 3)
                       .question("host.test", 1)
                       .pointer(QuestionOffset)
                       .recordTail(1, 300, P::bytes({ 192, 0, 2, 1 }))
                       .data()
            << "rcode 0 qr aa tc rd ra cut; q host.test A; an host.test A 300 192.0.2.1";
    QTest::newRow("tc-ends-inside-record")
            << (P().header(1, 0x8780, 1, 2)
                        .question("host.test", 1)
                        .pointer(QuestionOffset)
                        .recordTail(1, 300, P::bytes({ 192, 0, 2, 1 }))
                        .data()
                + QByteArray("\xc0\x0c\x00\x01\x00", 5))
            << "rcode 0 qr aa tc rd ra cut; q host.test A; an host.test A 300 192.0.2.1";
    QTest::newRow("tc-header-only")
            << P().header(1, 0x8380, 1, 0).data() << "rcode 0 qr tc rd ra cut";
    QTest::newRow("no-question") << P().header(1, 0x8180, 0, 0).data() << "rcode 0 qr rd ra";
}

//! Rows (QByteArray packet, QString error) of malformed messages and the error name.
inline void malformedRows()
{
    const QByteArray head = P().header(0x1234, ResponseFlags, 1, 1).question("host.test", 1);
    const QByteArray valid = answer(1, P::bytes({ 192, 0, 2, 1 }));
    auto bad = [](quint16 type, const QByteArray &rdata) { return answer(type, rdata); };

    QTest::newRow("empty") << QByteArray() << "Truncated";
    QTest::newRow("short-header") << QByteArray("\x12\x34\x81\x80\x00", 5) << "Truncated";
    QTest::newRow("question-cut")
            << P().header(1, ResponseFlags, 1, 0).name("host.test").u8(0).data() << "Truncated";
    QTest::newRow("question-cut-counts") << valid.left(12 + 11) << "CountMismatch";
    QTest::newRow("question-name-cut")
            << (P().header(1, ResponseFlags, 1, 0).raw("\x04host\x04te").data()) << "Truncated";
    QTest::newRow("record-header-cut") << P().header(1, ResponseFlags, 1, 2)
                                                  .question("host.test", 16)
                                                  .pointer(12)
                                                  .recordTail(16, 5, P::string(QByteArray(19, 't')))
                                                  .raw(QByteArray("\xc0\x0c\x00\x10\x00", 5))
                                                  .data()
                                       << "Truncated";
    QTest::newRow("rdata-past-end")
            << (head + QByteArray("\xc0\x0c\x00\x01\x00\x01\x00\x00\x01\x2c\x00\x04\xc0\x00", 14))
            << "Truncated";
    QTest::newRow("pointer-cut") << (P().header(1, ResponseFlags, 1, 0).raw("\x04host\xc0").data())
                                 << "Truncated";
    QTest::newRow("counts-lie-answers") << P().header(1, ResponseFlags, 1, 2)
                                                   .question("host.test", 1)
                                                   .pointer(12)
                                                   .recordTail(1, 5, P::bytes({ 1, 2, 3, 4 }))
                                                   .data()
                                        << "CountMismatch";
    QTest::newRow("counts-lie-questions")
            << P().header(1, ResponseFlags, 2, 0).question("host.test", 1).data()
            << "CountMismatch";
    QTest::newRow("counts-lie-huge")
            << P().header(1, ResponseFlags, 1, 65535, 65535, 65535).question("host.test", 1).data()
            << "CountMismatch";
    QTest::newRow("counts-lie-additional") << P().header(1, ResponseFlags, 1, 1, 0, 1)
                                                      .question("host.test", 1)
                                                      .pointer(12)
                                                      .recordTail(1, 5, P::bytes({ 1, 2, 3, 4 }))
                                                      .raw(QByteArray(11, '\0'))
                                                      .data()
                                                      .chopped(1)
                                           << "Truncated";
    QTest::newRow("trailing-data") << (valid + QByteArray(2, '\0')) << "TrailingData";
    QTest::newRow("label-64") << P().header(1, ResponseFlags, 1, 0)
                                         .raw(QByteArray(1, char(64)) + QByteArray(64, 'a') + '\0')
                                         .u16(1)
                                         .u16(1)
                                         .data()
                              << "BadLabelType";
    QTest::newRow("label-type-10") << P().header(1, ResponseFlags, 1, 0)
                                              .raw(QByteArray("\x80\x00\x00\x01\x00\x01", 6))
                                              .data()
                                   << "BadLabelType";
    QTest::newRow("name-256-octets")
            << P().header(1, ResponseFlags, 1, 0)
                       .name(QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.'
                             + QByteArray(63, 'c') + '.' + QByteArray(62, 'd'))
                       .u16(1)
                       .u16(1)
                       .data()
            << "NameTooLong";
    QTest::newRow("name-too-long-through-pointer")
            << P().header(1, ResponseFlags, 1, 1)
                       .name(QByteArray(63, 'a') + '.' + QByteArray(63, 'b') + '.'
                             + QByteArray(63, 'c'))
                       .u16(1)
                       .u16(1)
                       .raw(QByteArray(1, char(63)) + QByteArray(63, 'x'))
                       .pointer(12)
                       .recordTail(1, 5, P::bytes({ 1, 2, 3, 4 }))
                       .data()
            << "NameTooLong";
    QTest::newRow("pointer-to-itself")
            << (head + QByteArray("\xc0\x1b", 2)
                + QByteArray("\x00\x01\x00\x01\x00\x00\x00\x05\x00\x04\x01\x02\x03\x04", 14))
            << "BadPointer";
    QTest::newRow("pointer-forward")
            << P().header(1, ResponseFlags, 1, 0).raw("\x01" "a").pointer(20).u16(1).u16(1)
                       .raw(QByteArray("\x00", 1)).data()
            << "BadPointer";
    QTest::newRow("pointer-out-of-range")
            << P().header(1, ResponseFlags, 1, 0).pointer(0x3fff).u16(1).u16(1).data()
            << "BadPointer";
    QTest::newRow("pointer-loop-via-backward-pointer")
            << loopThroughBackwardPointer() << "BadPointer";
    QTest::newRow("pointer-loop-two-names")
            << P().header(1, ResponseFlags, 1, 0).pointer(16).u16(1).pointer(12).data()
            << "BadPointer";
    QTest::newRow("pointer-chain-130") << pointerChain(130) << "TooManyPointers";
    QTest::newRow("a-3-octets") << bad(1, P::bytes({ 192, 0, 2 })) << "BadRdata";
    QTest::newRow("a-5-octets") << bad(1, P::bytes({ 192, 0, 2, 1, 0 })) << "BadRdata";
    QTest::newRow("aaaa-17-octets") << bad(28, QByteArray(17, '\1')) << "BadRdata";
    QTest::newRow("aaaa-empty") << bad(28, QByteArray()) << "BadRdata";
    QTest::newRow("cname-empty") << bad(5, QByteArray()) << "BadRdata";
    QTest::newRow("cname-extra-octet") << bad(5, P::encode("t.test") + '\0') << "BadRdata";
    QTest::newRow("dname-extra-octet") << bad(39, P::encode("t.test") + '\0') << "BadRdata";
    QTest::newRow("mx-name-past-rdata") << bad(15, P::be16(1) + "\x04mail") << "BadRdata";
    QTest::newRow("mx-no-name") << bad(15, P::be16(1)) << "BadRdata";
    QTest::newRow("srv-short") << bad(33, P::be16(1) + P::be16(2)) << "BadRdata";
    QTest::newRow("txt-zero-length-rdata") << bad(16, QByteArray()) << "BadRdata";
    QTest::newRow("txt-string-overrun") << bad(16, QByteArray("\x05" "abc")) << "BadRdata";
    QTest::newRow("txt-second-string-overrun")
            << bad(16, P::string("ok") + QByteArray("\x09" "x")) << "BadRdata";
    QTest::newRow("soa-no-minimum")
            << bad(6, P::encode("a.test") + P::encode("b.test") + QByteArray(16, '\0'))
            << "BadRdata";
    QTest::newRow("soa-extra")
            << bad(6, P::encode("a.test") + P::encode("b.test") + QByteArray(21, '\0'))
            << "BadRdata";
    QTest::newRow("caa-empty-tag") << bad(257, P::bytes({ 0, 0 }) + "x") << "BadRdata";
    QTest::newRow("caa-tag-overrun") << bad(257, P::bytes({ 0, 9 }) + "issue") << "BadRdata";
    QTest::newRow("naptr-missing-replacement")
            << bad(35, P::be16(1) + P::be16(1) + P::string("S") + P::string("") + P::string(""))
            << "BadRdata";
    QTest::newRow("uri-empty-target") << bad(256, P::be16(1) + P::be16(1)) << "BadRdata";
    QTest::newRow("tlsa-short") << bad(52, P::bytes({ 3, 1 })) << "BadRdata";
    QTest::newRow("svcb-no-target") << bad(64, P::be16(1)) << "BadRdata";
    QTest::newRow("svcb-keys-descending") << bad(
            64,
            P::be16(1) + P::encode("") + svcParam(3, P::be16(443)) + svcParam(1, P::string("h2")))
                                          << "BadRdata";
    QTest::newRow("svcb-duplicate-key") << bad(
            65, P::be16(1) + P::encode("") + svcParam(3, P::be16(443)) + svcParam(3, P::be16(80)))
                                        << "BadRdata";
    QTest::newRow("svcb-param-overrun")
            << bad(65, P::be16(1) + P::encode("") + P::be16(3) + P::be16(10) + P::be16(443))
            << "BadRdata";
    QTest::newRow("svcb-param-header-cut")
            << bad(65, P::be16(1) + P::encode("") + P::be16(3)) << "BadRdata";
    QTest::newRow("svcb-port-3-octets")
            << bad(65, P::be16(1) + P::encode("") + svcParam(3, P::bytes({ 1, 2, 3 })))
            << "BadRdata";
    QTest::newRow("svcb-alpn-empty-id")
            << bad(65, P::be16(1) + P::encode("") + svcParam(1, P::string("h2") + P::string("")))
            << "BadRdata";
    QTest::newRow("svcb-alpn-overrun")
            << bad(65, P::be16(1) + P::encode("") + svcParam(1, QByteArray("\x05h2")))
            << "BadRdata";
    QTest::newRow("svcb-no-default-alpn-value")
            << bad(65, P::be16(1) + P::encode("") + svcParam(2, "x")) << "BadRdata";
    QTest::newRow("svcb-ipv4hint-5-octets")
            << bad(65, P::be16(1) + P::encode("") + svcParam(4, QByteArray(5, '\1'))) << "BadRdata";
    QTest::newRow("svcb-ipv6hint-15-octets")
            << bad(65, P::be16(1) + P::encode("") + svcParam(6, QByteArray(15, '\1')))
            << "BadRdata";
    QTest::newRow("svcb-mandatory-odd")
            << bad(65, P::be16(1) + P::encode("") + svcParam(0, QByteArray(3, '\1'))) << "BadRdata";
    QTest::newRow("rdata-name-pointer-forward") << bad(5, P::be16(0xc000 | 0x3000)) << "BadPointer";
    QTest::newRow("bad-rdata-in-authority") << P().header(1, 0x8583, 1, 0, 1, 0)
                                                       .question("x.test", 1)
                                                       .record("test", 6, 5, QByteArray(3, '\0'))
                                                       .data()
                                            << "BadRdata";
}

} // namespace CannedReplies

#endif // CANNEDREPLIES_H
