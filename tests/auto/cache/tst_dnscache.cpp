// SPDX-License-Identifier: MIT
// QAres's TTL cache as pure logic (src/cache/): replies built here, time from
// an injected clock. What goes in (only the question's chain, RFC 2308
// negative TTLs, TTL 0, clamps), how long it stays (per record, LRU under a
// cap, a million random names), serve-stale, and the replies written back.
#include "cache/dnscache_p.h"

#include <QtCore/qrandom.h>
#include <QtTest/qtest.h>

using namespace QAresPrivate::Cache;

namespace {

constexpr quint16 A = 1;
constexpr quint16 CNAME = 5;
constexpr quint16 SOA = 6;
constexpr quint16 MX = 15;
constexpr quint16 AAAA = 28;

struct Rr
{
    QByteArray owner; // dotted
    quint16 type;
    quint32 ttl;
    QByteArray rdata; // wire form
};

void put16(QByteArray &out, quint16 v)
{
    out.append(char(v >> 8));
    out.append(char(v & 0xff));
}
void put32(QByteArray &out, quint32 v)
{
    put16(out, quint16(v >> 16));
    put16(out, quint16(v));
}

QByteArray name(const char *dotted)
{
    return DnsCache::wireName(dotted);
}
QByteArray ipv4(quint8 a, quint8 b, quint8 c, quint8 d)
{
    const char bytes[] = { char(a), char(b), char(c), char(d) };
    return QByteArray(bytes, 4);
}
// SOA rdata: mname, rname, serial, refresh, retry, expire, minimum.
QByteArray soa(quint32 minimum)
{
    QByteArray r = name("ns.test") + name("admin.test");
    for (quint32 v : { 1u, 3600u, 600u, 86400u })
        put32(r, v);
    put32(r, minimum);
    return r;
}

struct Reply
{
    quint16 id = 0x1234;
    QByteArray qname;
    quint16 qtype = A;
    int rcode = 0;
    bool truncated = false;
    bool response = true;
    QList<Rr> answers;
    QList<Rr> authority;

    QByteArray bytes() const
    {
        QByteArray out;
        put16(out, id);
        out.append(char((response ? 0x80 : 0) | 0x01 | (truncated ? 0x02 : 0)));
        out.append(char(0x80 | rcode));
        put16(out, 1);
        put16(out, quint16(answers.size()));
        put16(out, quint16(authority.size()));
        put16(out, 0);
        out += name(qname.constData());
        put16(out, qtype);
        put16(out, 1);
        for (const QList<Rr> *section : { &answers, &authority }) {
            for (const Rr &rr : *section) {
                out += name(rr.owner.constData());
                put16(out, rr.type);
                put16(out, 1);
                put32(out, rr.ttl);
                put16(out, quint16(rr.rdata.size()));
                out += rr.rdata;
            }
        }
        return out;
    }
};

Reply addressReply(const QByteArray &qname, quint32 ttl, quint8 last = 1)
{
    Reply r;
    r.qname = qname;
    r.answers = { { qname, A, ttl, ipv4(192, 0, 2, last) } };
    return r;
}

Key key(const char *dotted, quint16 type = A)
{
    return Key{ DnsCache::lowerName(name(dotted)), type, 1 };
}

// One line per entry: "CNAME www.test>a.test 290; A a.test 192.0.2.1 590; rcode 0".
QString describe(const Hit &hit)
{
    if (!hit)
        return QStringLiteral("miss");
    QStringList parts;
    const auto text = [&](const Record &r) {
        QString s;
        if (r.type == CNAME)
            s = QStringLiteral("CNAME ");
        else if (r.type == A)
            s = QStringLiteral("A ");
        else if (r.type == AAAA)
            s = QStringLiteral("AAAA ");
        else if (r.type == SOA)
            s = QStringLiteral("SOA ");
        else
            s = QStringLiteral("TYPE%1 ").arg(r.type);
        s += QString::fromLatin1(DnsCache::dottedName(r.owner));
        if (r.type == CNAME)
            s += u'>' + QString::fromLatin1(DnsCache::dottedName(r.rdata));
        else if (r.type == A)
            s += QStringLiteral(" %1.%2.%3.%4")
                         .arg(uchar(r.rdata[0]))
                         .arg(uchar(r.rdata[1]))
                         .arg(uchar(r.rdata[2]))
                         .arg(uchar(r.rdata[3]));
        s += u' ' + QString::number(hit.remaining(r));
        return s;
    };
    for (const Record &r : hit.entry->chain)
        parts << text(r);
    for (const Record &r : hit.entry->records)
        parts << text(r);
    for (const Record &r : hit.entry->authority)
        parts << text(r);
    parts << QStringLiteral("rcode %1%2")
                     .arg(hit.entry->rcode)
                     .arg(hit.stale ? QStringLiteral(" stale") : QString());
    return parts.join(QStringLiteral("; "));
}

} // namespace

Q_DECLARE_METATYPE(QAresPrivate::Cache::Limits)

class tst_DnsCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init() { m_now = 1000000; }

    void store_data();
    void store();
    void ttlZeroRemoves();
    void chainRemainingTtls();
    void lruEviction();
    void millionRandomNames();
    void serveStale();
    void writeReplyRoundTrip();
    void compressedNames();
    void removeName();
    void wireNames();

private:
    DnsCache::Clock clock()
    {
        return [this] { return m_now; };
    }
    qint64 m_now = 0;
};

// Each row: a reply stored under the limits, then the entry for its
// question read after \a after seconds.
void tst_DnsCache::store_data()
{
    QTest::addColumn<QByteArray>("reply");
    QTest::addColumn<Limits>("limits");
    QTest::addColumn<int>("after");
    QTest::addColumn<QString>("expected");

    const Limits defaults;
    QTest::newRow("positive") << addressReply("www.test", 300).bytes() << defaults << 100
                              << QStringLiteral("A www.test 192.0.2.1 200; rcode 0");
    QTest::newRow("positive-expired")
            << addressReply("www.test", 300).bytes() << defaults << 300 << QStringLiteral("miss");
    QTest::newRow("ttl-0") << addressReply("www.test", 0).bytes() << defaults << 0
                           << QStringLiteral("miss");
    QTest::newRow("ttl-top-bit-is-0") << addressReply("www.test", 0x80000000u).bytes() << defaults
                                      << 0 << QStringLiteral("miss");
    Limits clamps;
    clamps.minimumTtl = 60;
    clamps.maximumTtl = 100;
    QTest::newRow("clamp-minimum") << addressReply("www.test", 5).bytes() << clamps << 10
                                   << QStringLiteral("A www.test 192.0.2.1 50; rcode 0");
    QTest::newRow("clamp-minimum-not-ttl-0")
            << addressReply("www.test", 0).bytes() << clamps << 0 << QStringLiteral("miss");
    QTest::newRow("clamp-maximum") << addressReply("www.test", 100000).bytes() << clamps << 10
                                   << QStringLiteral("A www.test 192.0.2.1 90; rcode 0");

    Reply nx;
    nx.qname = "gone.test";
    nx.rcode = 3;
    nx.authority = { { "test", SOA, 3600, soa(60) } };
    QTest::newRow("nxdomain-soa-minimum")
            << nx.bytes() << defaults << 10 << QStringLiteral("SOA test 50; rcode 3");
    nx.authority = { { "test", SOA, 30, soa(600) } };
    QTest::newRow("nxdomain-soa-ttl")
            << nx.bytes() << defaults << 10 << QStringLiteral("SOA test 20; rcode 3");
    nx.authority = { { "test", SOA, 7200, soa(7200) } };
    QTest::newRow("nxdomain-clamped")
            << nx.bytes() << defaults << 0 << QStringLiteral("SOA test 900; rcode 3");
    nx.authority = { { "test", SOA, 3600, soa(60) } };
    QTest::newRow("nxdomain-expired") << nx.bytes() << defaults << 60 << QStringLiteral("miss");
    nx.authority = {};
    QTest::newRow("nxdomain-without-soa") << nx.bytes() << defaults << 0 << QStringLiteral("miss");
    nx.authority = { { "other.example", SOA, 3600, soa(60) } };
    QTest::newRow("nxdomain-soa-elsewhere")
            << nx.bytes() << defaults << 0 << QStringLiteral("miss");
    nx.authority = { { "ne.test", SOA, 3600,
                       soa(60) } }; // "gone.test" ends with it, not at a label
    QTest::newRow("nxdomain-soa-not-label")
            << nx.bytes() << defaults << 0 << QStringLiteral("miss");

    Reply nodata;
    nodata.qname = "www.test";
    nodata.qtype = AAAA;
    nodata.authority = { { "test", SOA, 300, soa(120) } };
    QTest::newRow("nodata") << nodata.bytes() << defaults << 20
                            << QStringLiteral("SOA test 100; rcode 0");

    Reply outside = addressReply("www.test", 300);
    outside.answers.prepend({ "evil.test", A, 300, ipv4(203, 0, 113, 66) });
    outside.answers.append({ "www.test", MX, 300, QByteArray("\x00\x0a\x00", 3) });
    QTest::newRow("records-outside-ignored") << outside.bytes() << defaults << 0
                                             << QStringLiteral("A www.test 192.0.2.1 300; rcode 0");
    Reply other;
    other.qname = "www.test";
    other.answers = { { "evil.test", A, 300, ipv4(203, 0, 113, 66) } };
    QTest::newRow("answer-to-another-name")
            << other.bytes() << defaults << 0 << QStringLiteral("miss");

    Reply truncated = addressReply("www.test", 300);
    truncated.truncated = true;
    QTest::newRow("truncated") << truncated.bytes() << defaults << 0 << QStringLiteral("miss");
    Reply servfail = addressReply("www.test", 300);
    servfail.rcode = 2;
    QTest::newRow("servfail") << servfail.bytes() << defaults << 0 << QStringLiteral("miss");
    Reply query = addressReply("www.test", 300);
    query.response = false;
    QTest::newRow("not-a-response") << query.bytes() << defaults << 0 << QStringLiteral("miss");
    QTest::newRow("short") << QByteArray("\x12\x34\x81", 3) << defaults << 0
                           << QStringLiteral("miss");
    QByteArray cut = addressReply("www.test", 300).bytes();
    cut.chop(2);
    QTest::newRow("cut-rdata") << cut << defaults << 0 << QStringLiteral("miss");

    Reply chain;
    chain.qname = "www.test";
    chain.answers = { { "www.test", CNAME, 300, name("a.test") },
                      { "a.test", A, 60, ipv4(192, 0, 2, 7) } };
    QTest::newRow("chain") << chain.bytes() << defaults << 10
                           << QStringLiteral("CNAME www.test>a.test 290; A a.test 192.0.2.7 50; "
                                             "rcode 0");
    QTest::newRow("chain-shortest-ends-it")
            << chain.bytes() << defaults << 60 << QStringLiteral("miss");
    Reply loop;
    loop.qname = "www.test";
    loop.answers = { { "www.test", CNAME, 300, name("a.test") },
                     { "a.test", CNAME, 300, name("www.test") } };
    QTest::newRow("cname-loop") << loop.bytes() << defaults << 0 << QStringLiteral("miss");
    Reply chainNx = nx;
    chainNx.qname = "www.test";
    chainNx.answers = { { "www.test", CNAME, 300, name("gone.test") } };
    chainNx.authority = { { "test", SOA, 3600, soa(60) } };
    QTest::newRow("chain-to-nxdomain")
            << chainNx.bytes() << defaults << 0
            << QStringLiteral("CNAME www.test>gone.test 300; SOA test 60; rcode 3");
}

void tst_DnsCache::store()
{
    QFETCH(QByteArray, reply);
    QFETCH(Limits, limits);
    QFETCH(int, after);
    QFETCH(QString, expected);
    DnsCache cache(limits, clock());
    cache.store(reply);
    m_now += after * 1000;
    quint16 type = A;
    if (QByteArrayView(QTest::currentDataTag()) == "nodata")
        type = AAAA;
    const char *question = QByteArrayView(QTest::currentDataTag()).startsWith("nxdomain")
            ? "gone.test"
            : "www.test";
    QCOMPARE(describe(cache.find(key(question, type))), expected);
}

void tst_DnsCache::ttlZeroRemoves()
{
    DnsCache cache(Limits(), clock());
    QVERIFY(cache.store(addressReply("www.test", 300).bytes()));
    QCOMPARE(int(cache.size()), 1);
    QVERIFY(!cache.store(addressReply("www.test", 0).bytes()));
    QCOMPARE(int(cache.size()), 0);
    QCOMPARE(describe(cache.find(key("www.test"))), QStringLiteral("miss"));
}

// Each record keeps its own TTL along the chain; the entry lives as long as the shortest.
void tst_DnsCache::chainRemainingTtls()
{
    DnsCache cache(Limits(), clock());
    Reply chain;
    chain.qname = "WWW.Example.TEST"; // the key is lower-cased, the owners keep their case
    chain.answers = { { "WWW.Example.TEST", CNAME, 3000, name("a.test") },
                      { "a.test", CNAME, 30, name("b.test") },
                      { "b.test", A, 600, ipv4(192, 0, 2, 1) },
                      { "b.test", A, 700, ipv4(192, 0, 2, 2) } };
    QVERIFY(cache.store(chain.bytes()));
    m_now += 10000;
    QCOMPARE(describe(cache.find(key("www.example.test"))),
             QStringLiteral("CNAME WWW.Example.TEST>a.test 2990; CNAME a.test>b.test 20; "
                            "A b.test 192.0.2.1 590; A b.test 192.0.2.2 690; rcode 0"));
    m_now += 20000;
    QCOMPARE(describe(cache.find(key("www.example.test"))), QStringLiteral("miss"));
}

void tst_DnsCache::lruEviction()
{
    Limits limits;
    limits.maximumEntries = 3;
    DnsCache cache(limits, clock());
    for (const char *n : { "a.test", "b.test", "c.test" })
        QVERIFY(cache.store(addressReply(n, 300).bytes()));
    QVERIFY(cache.find(key("a.test"))); // now the most recent
    QVERIFY(cache.store(addressReply("d.test", 300).bytes()));
    QCOMPARE(int(cache.size()), 3);
    QString present;
    for (const char *n : { "a.test", "b.test", "c.test", "d.test" })
        present += cache.find(key(n)) ? u'+' : u'-';
    QCOMPARE(present, QStringLiteral("+-++"));
    QCOMPARE(cache.statistics().evictions, quint64(1));
    limits.maximumEntries = 1;
    cache.setLimits(limits); // the newest stays: d.test was read last
    QCOMPARE(int(cache.size()), 1);
    QVERIFY(cache.find(key("d.test")));
}

// A flood of random names never grows the cache past its cap.
void tst_DnsCache::millionRandomNames()
{
    Limits limits;
    limits.maximumEntries = 10000;
    DnsCache cache(limits, clock());
    QRandomGenerator random(42);
    constexpr int total = 1000000;
    QByteArray last;
    for (int i = 0; i < total; ++i) {
        last = "r" + QByteArray::number(random.generate(), 36) + QByteArray::number(i, 36)
                + ".flood.test";
        QVERIFY(cache.store(addressReply(last, 300).bytes()));
        QVERIFY(cache.size() <= limits.maximumEntries);
    }
    QCOMPARE(cache.size(), limits.maximumEntries);
    QCOMPARE(cache.statistics().stored, quint64(total));
    QCOMPARE(cache.statistics().evictions, quint64(total - limits.maximumEntries));
    QVERIFY(cache.find(key(last.constData())));
}

void tst_DnsCache::serveStale()
{
    Limits limits;
    limits.staleLimit = 60;
    DnsCache cache(limits, clock());
    QVERIFY(cache.store(addressReply("www.test", 300).bytes()));
    m_now += 330 * 1000;
    QCOMPARE(describe(cache.find(key("www.test"))), QStringLiteral("miss"));
    QCOMPARE(describe(cache.find(key("www.test"), true)),
             QStringLiteral("A www.test 192.0.2.1 30; rcode 0 stale"));
    m_now += 31 * 1000; // 61 s past expiry
    QCOMPARE(describe(cache.find(key("www.test"), true)), QStringLiteral("miss"));
    QCOMPARE(int(cache.size()), 0);

    // Without a limit an expired entry is never served.
    DnsCache strict(Limits(), clock());
    QVERIFY(strict.store(addressReply("www.test", 300).bytes()));
    m_now += 301 * 1000;
    QCOMPARE(describe(strict.find(key("www.test"), true)), QStringLiteral("miss"));
}

// What writeReply() makes is a reply the cache (and so a reader) takes as the same answer.
void tst_DnsCache::writeReplyRoundTrip()
{
    DnsCache cache(Limits(), clock());
    Reply chain;
    chain.qname = "www.test";
    chain.rcode = 3;
    chain.answers = { { "www.test", CNAME, 300, name("gone.test") } };
    chain.authority = { { "test", SOA, 3600, soa(60) } };
    QVERIFY(cache.store(chain.bytes()));
    m_now += 5000;
    const Hit hit = cache.find(key("www.test"));
    QVERIFY(hit);
    const QByteArray written = DnsCache::writeReply(hit, 0xbeef, name("WWW.test"));
    QCOMPARE(uchar(written[0]), 0xbe);
    QCOMPARE(uchar(written[1]), 0xef);
    QCOMPARE(written[3] & 0x0f, 3);
    QCOMPARE(uchar(written[2]), 0x81); // QR, RD as the reply had them (no AA, no TC)
    QCOMPARE(uchar(written[3]) & 0xf0, 0x80); // RA
    DnsCache second(Limits(), clock());
    QVERIFY(second.store(written));
    QCOMPARE(describe(second.find(key("www.test"))),
             QStringLiteral("CNAME www.test>gone.test 295; SOA test 55; rcode 3"));
}

// Compressed owners and RDATA names come out whole.
void tst_DnsCache::compressedNames()
{
    QByteArray m;
    put16(m, 1);
    m.append(char(0x81));
    m.append(char(0x80));
    put16(m, 1);
    put16(m, 2);
    put16(m, 0);
    put16(m, 0);
    m += name("www.test"); // at 12
    put16(m, A);
    put16(m, 1);
    m += QByteArray("\xc0\x0c", 2); // www.test
    put16(m, CNAME);
    put16(m, 1);
    put32(m, 300);
    put16(m, 4);
    m += QByteArray("\x01"
                    "a\xc0\x10",
                    4); // a. + "test" at 16
    const qsizetype aAt = m.size() - 4;
    m += QByteArray(1, char(0xc0)) + char(aAt);
    put16(m, A);
    put16(m, 1);
    put32(m, 300);
    put16(m, 4);
    m += ipv4(192, 0, 2, 9);
    DnsCache cache(Limits(), clock());
    QVERIFY(cache.store(m));
    QCOMPARE(describe(cache.find(key("www.test"))),
             QStringLiteral("CNAME www.test>a.test 300; A a.test 192.0.2.9 300; rcode 0"));
    // A pointer forwards (or to itself) is refused.
    QByteArray bad = m;
    bad[aAt + 2] = char(0xc0);
    bad[aAt + 3] = char(aAt + 2);
    DnsCache other(Limits(), clock());
    QVERIFY(!other.store(bad));
}

void tst_DnsCache::removeName()
{
    DnsCache cache(Limits(), clock());
    QVERIFY(cache.store(addressReply("www.test", 300).bytes()));
    Reply v6;
    v6.qname = "www.test";
    v6.qtype = AAAA;
    v6.answers = { { "www.test", AAAA, 300, QByteArray(16, '\x01') } };
    QVERIFY(cache.store(v6.bytes()));
    QVERIFY(cache.store(addressReply("other.test", 300).bytes()));
    QCOMPARE(cache.remove(name("WWW.test")), 2);
    QCOMPARE(int(cache.size()), 1);
    QVERIFY(cache.find(key("other.test")));
    cache.clear();
    QCOMPARE(int(cache.size()), 0);
}

void tst_DnsCache::wireNames()
{
    QCOMPARE(DnsCache::wireName("www.test."), QByteArray("\x03www\x04test\x00", 10));
    QCOMPARE(DnsCache::wireName("a..test"), QByteArray());
    QCOMPARE(DnsCache::wireName(QByteArray(64, 'a')), QByteArray());
    QCOMPARE(DnsCache::dottedName(name("www.test")), QByteArray("www.test"));
    QCOMPARE(DnsCache::dottedName(QByteArray(1, '\0')), QByteArray("."));
    QCOMPARE(DnsCache::lowerName("\x03WwW"), QByteArray("\x03www"));
}

QTEST_GUILESS_MAIN(tst_DnsCache)
#include "tst_dnscache.moc"
