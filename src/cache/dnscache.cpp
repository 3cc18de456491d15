// SPDX-License-Identifier: MIT
#include "dnscache_p.h"

#include <atomic>
#include <chrono>

namespace QAresPrivate::Cache {

namespace {

constexpr quint16 typeCname = 5;
constexpr quint16 typeSoa = 6;
constexpr qsizetype headerSize = 12;
constexpr int maxChain = 16; // CNAMEs followed from the question's name

quint16 be16(const uchar *p)
{
    return quint16((p[0] << 8) | p[1]);
}
quint32 be32(const uchar *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
}
void put16(QByteArray &out, quint16 v)
{
    out.append(char(v >> 8));
    out.append(char(v & 0xff));
}
void put32(QByteArray &out, quint32 v)
{
    put16(out, quint16(v >> 16));
    put16(out, quint16(v & 0xffff));
}

/*
    Reads the name at \a pos of \a msg (compression pointers followed, each
    backwards, at most 128 labels), appends its uncompressed wire form to
    \a out and moves \a pos past it. False if it is malformed.
*/
bool readName(QByteArrayView msg, qsizetype &pos, QByteArray &out)
{
    const auto *bytes = reinterpret_cast<const uchar *>(msg.data());
    qsizetype at = pos;
    bool jumped = false;
    qsizetype length = 0;
    for (int labels = 0; labels < 128; ++labels) {
        if (at >= msg.size())
            return false;
        const uchar len = bytes[at];
        if ((len & 0xc0) == 0xc0) {
            if (at + 1 >= msg.size())
                return false;
            const qsizetype target = ((len & 0x3f) << 8) | bytes[at + 1];
            if (target >= at)
                return false; // only backwards: no loops
            if (!jumped)
                pos = at + 2;
            jumped = true;
            at = target;
            continue;
        }
        if (len & 0xc0)
            return false;
        if (at + 1 + len > msg.size())
            return false;
        length += 1 + len;
        if (length > 255)
            return false;
        out.append(msg.data() + at, 1 + len);
        at += 1 + len;
        if (len == 0) {
            if (!jumped)
                pos = at;
            return true;
        }
    }
    return false;
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && qstrnicmp(a.data(), a.size(), b.data(), b.size()) == 0;
}

// RDATA with its names uncompressed (RFC 3597 section 4: the types that may
// be compressed); other types are copied as they are.
bool readRdata(QByteArrayView msg, qsizetype pos, quint16 length, quint16 type, QByteArray &out)
{
    const qsizetype end = pos + length;
    const auto name = [&](qsizetype &at) { return readName(msg, at, out) && at <= end; };
    const auto fixed = [&](qsizetype &at, qsizetype n) {
        if (at + n > end)
            return false;
        out.append(msg.data() + at, n);
        at += n;
        return true;
    };
    qsizetype at = pos;
    switch (type) {
    case 2: // NS
    case 5: // CNAME
    case 12: // PTR
    case 39: // DNAME
        return name(at) && at == end;
    case 15: // MX
        return fixed(at, 2) && name(at) && at == end;
    case 33: // SRV
        return fixed(at, 6) && name(at) && at == end;
    case 6: // SOA
        return name(at) && name(at) && fixed(at, 20) && at == end;
    default:
        out.append(msg.data() + pos, length);
        return true;
    }
}

struct Parsed
{
    Record record;
    bool used = false;
};

} // namespace

static std::atomic<qint64> testClockOffset{ 0 };

void advanceClockForTesting(qint64 ms)
{
    testClockOffset += ms;
}

quint32 Hit::remaining(const Record &record) const
{
    if (stale)
        return staleTtl;
    const qint64 left = qint64(record.ttl) - ageMs / 1000;
    return left > 0 ? quint32(left) : 0;
}

DnsCache::DnsCache(const Limits &limits, Clock clock) : m_limits(limits), m_clock(std::move(clock))
{
}

DnsCache::~DnsCache()
{
    clear();
}

qint64 DnsCache::now() const
{
    if (m_clock)
        return m_clock();
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count()
            + testClockOffset.load(std::memory_order_relaxed);
}

void DnsCache::setLimits(const Limits &limits)
{
    m_limits = limits;
    evictToCap();
}

QByteArray DnsCache::lowerName(QByteArrayView wire)
{
    QByteArray lower = wire.toByteArray();
    for (char &c : lower) {
        if (c >= 'A' && c <= 'Z')
            c = char(c + ('a' - 'A'));
    }
    return lower;
}

QByteArray DnsCache::wireName(QByteArrayView dotted)
{
    if (dotted.endsWith('.'))
        dotted.chop(1);
    QByteArray wire;
    wire.reserve(dotted.size() + 2);
    qsizetype start = 0;
    while (start < dotted.size()) {
        qsizetype dot = dotted.indexOf('.', start);
        if (dot < 0)
            dot = dotted.size();
        const qsizetype len = dot - start;
        if (len == 0 || len > 63)
            return QByteArray();
        wire.append(char(len));
        wire.append(dotted.data() + start, len);
        start = dot + 1;
    }
    wire.append('\0');
    if (wire.size() > 255)
        return QByteArray();
    return wire;
}

QByteArray DnsCache::dottedName(QByteArrayView wire)
{
    QByteArray dotted;
    qsizetype at = 0;
    while (at < wire.size() && wire.at(at) != 0) {
        const qsizetype len = uchar(wire.at(at));
        if (!dotted.isEmpty())
            dotted.append('.');
        dotted.append(wire.sliced(at + 1, qMin(len, wire.size() - at - 1)));
        at += 1 + len;
    }
    return dotted.isEmpty() ? QByteArray(".") : dotted;
}

bool DnsCache::store(QByteArrayView reply)
{
    const auto reject = [this] {
        ++m_statistics.rejected;
        return false;
    };
    if (reply.size() < headerSize)
        return reject();
    const auto *bytes = reinterpret_cast<const uchar *>(reply.data());
    const bool response = bytes[2] & 0x80;
    const int opcode = (bytes[2] >> 3) & 0x0f;
    const bool truncated = bytes[2] & 0x02;
    const int rcode = bytes[3] & 0x0f;
    if (!response || opcode != 0 || truncated || (rcode != 0 && rcode != 3) || be16(bytes + 4) != 1)
        return reject();
    const int answers = be16(bytes + 6);
    const int authorities = be16(bytes + 8);

    Entry probe;
    qsizetype pos = headerSize;
    QByteArray qname;
    if (!readName(reply, pos, qname) || pos + 4 > reply.size())
        return reject();
    probe.key.name = lowerName(qname);
    probe.key.type = be16(bytes + pos);
    probe.key.rrClass = be16(bytes + pos + 2);
    pos += 4;

    // The answer and authority sections (the additional one is never used).
    QList<Parsed> answer;
    QList<Parsed> authority;
    for (int i = 0; i < answers + authorities; ++i) {
        Parsed parsed;
        if (!readName(reply, pos, parsed.record.owner) || pos + 10 > reply.size())
            return reject();
        parsed.record.type = be16(bytes + pos);
        parsed.record.rrClass = be16(bytes + pos + 2);
        quint32 ttl = be32(bytes + pos + 4);
        if (ttl & 0x80000000u)
            ttl = 0; // RFC 2181 section 8
        parsed.record.ttl = ttl;
        const quint16 length = be16(bytes + pos + 8);
        pos += 10;
        if (pos + length > reply.size())
            return reject();
        if (!readRdata(reply, pos, length, parsed.record.type, parsed.record.rdata))
            return reject();
        pos += length;
        (i < answers ? answer : authority).append(std::move(parsed));
    }

    // Follow the chain from the question's name; only its records count.
    QByteArray current = qname;
    for (int step = 0; step <= maxChain; ++step) {
        bool foundRecords = false;
        for (Parsed &p : answer) {
            if (!p.used && p.record.type == probe.key.type && p.record.rrClass == probe.key.rrClass
                && sameName(p.record.owner, current)) {
                p.used = true;
                probe.records.append(p.record);
                foundRecords = true;
            }
        }
        if (foundRecords || probe.key.type == typeCname)
            break;
        Parsed *cname = nullptr;
        for (Parsed &p : answer) {
            if (!p.used && p.record.type == typeCname && p.record.rrClass == probe.key.rrClass
                && sameName(p.record.owner, current)) {
                cname = &p;
                break;
            }
        }
        if (!cname)
            break;
        if (step == maxChain)
            return reject(); // too long to be followed here
        cname->used = true;
        probe.chain.append(cname->record);
        current = cname->record.rdata;
    }

    const auto clampTtl = [this](qint64 ttl) {
        if (ttl == 0)
            return qint64(0);
        return qMax(m_limits.minimumTtl, qMin(ttl, m_limits.maximumTtl));
    };
    qint64 lifetime = std::numeric_limits<qint64>::max();
    for (Record &r : probe.chain) {
        r.ttl = quint32(clampTtl(r.ttl));
        lifetime = qMin<qint64>(lifetime, r.ttl);
    }
    probe.rcode = quint8(rcode);
    if (!probe.records.isEmpty()) {
        if (rcode != 0)
            return reject();
        for (Record &r : probe.records) {
            r.ttl = quint32(clampTtl(r.ttl));
            lifetime = qMin<qint64>(lifetime, r.ttl);
        }
    } else {
        // RFC 2308: a negative answer is cached only with an SOA, for
        // min(SOA TTL, SOA MINIMUM); the SOA must be at or above the name.
        const Parsed *soa = nullptr;
        for (const Parsed &p : authority) {
            if (p.record.type != typeSoa || p.record.rrClass != probe.key.rrClass)
                continue;
            const QByteArray owner = lowerName(p.record.owner);
            const QByteArray end = lowerName(current);
            if (end.endsWith(owner)
                && (owner.size() == end.size() || owner.size() == 1 ||
                    [&] { // a whole label boundary
                        qsizetype at = 0;
                        while (at < end.size() - owner.size())
                            at += 1 + uchar(end.at(at));
                        return at == end.size() - owner.size();
                    }())) {
                soa = &p;
                break;
            }
        }
        if (!soa || soa->record.rdata.size() < 20)
            return reject();
        const auto *tail = reinterpret_cast<const uchar *>(soa->record.rdata.constData())
                + soa->record.rdata.size() - 4;
        qint64 negative = qMin<qint64>(soa->record.ttl, be32(tail) & 0x7fffffffu);
        if (negative > 0)
            negative = qMax(m_limits.minimumTtl, qMin(negative, m_limits.maximumNegativeTtl));
        Record soaRecord = soa->record;
        soaRecord.ttl = quint32(negative);
        probe.authority.append(std::move(soaRecord));
        lifetime = qMin(lifetime, negative);
    }

    const auto existing = m_entries.constFind(probe.key);
    if (lifetime <= 0) {
        if (existing != m_entries.cend())
            erase(*existing);
        return reject();
    }
    Entry *entry = existing != m_entries.cend() ? *existing : nullptr;
    if (entry) {
        unlink(entry);
    } else {
        entry = new Entry;
        entry->key = probe.key;
        m_entries.insert(entry->key, entry);
    }
    entry->rcode = probe.rcode;
    entry->flags = quint16((bytes[2] << 8) | bytes[3]);
    entry->chain = std::move(probe.chain);
    entry->records = std::move(probe.records);
    entry->authority = std::move(probe.authority);
    entry->storedMs = now();
    entry->lifetimeMs = lifetime * 1000;
    pushFront(entry);
    ++m_statistics.stored;
    evictToCap();
    return true;
}

Hit DnsCache::find(const Key &key, bool allowStale)
{
    const auto it = m_entries.constFind(key);
    if (it == m_entries.cend()) {
        ++m_statistics.misses;
        return {};
    }
    Entry *entry = *it;
    const qint64 t = now();
    Hit hit;
    hit.ageMs = t - entry->storedMs;
    if (t >= entry->expiresMs()) {
        const bool servable =
                m_limits.staleLimit > 0 && t - entry->expiresMs() <= m_limits.staleLimit * 1000;
        if (!servable) {
            if (m_limits.staleLimit <= 0 || t - entry->expiresMs() > m_limits.staleLimit * 1000)
                erase(entry);
            ++m_statistics.misses;
            return {};
        }
        if (!allowStale) {
            ++m_statistics.misses;
            return {};
        }
        hit.stale = true;
        ++m_statistics.staleHits;
    } else {
        ++m_statistics.hits;
    }
    hit.entry = entry;
    if (entry != m_newest) {
        unlink(entry);
        pushFront(entry);
    }
    return hit;
}

void DnsCache::clear()
{
    for (Entry *entry : std::as_const(m_entries))
        delete entry;
    m_entries.clear();
    m_newest = m_oldest = nullptr;
}

int DnsCache::remove(QByteArrayView wireName)
{
    const QByteArray lower = lowerName(wireName);
    QList<Entry *> doomed;
    for (Entry *entry : std::as_const(m_entries)) {
        if (entry->key.name == lower)
            doomed.append(entry);
    }
    for (Entry *entry : std::as_const(doomed))
        erase(entry);
    return int(doomed.size());
}

void DnsCache::unlink(Entry *entry)
{
    (entry->newer ? entry->newer->older : m_newest) = entry->older;
    (entry->older ? entry->older->newer : m_oldest) = entry->newer;
    entry->newer = entry->older = nullptr;
}

void DnsCache::pushFront(Entry *entry)
{
    entry->older = m_newest;
    entry->newer = nullptr;
    if (m_newest)
        m_newest->newer = entry;
    m_newest = entry;
    if (!m_oldest)
        m_oldest = entry;
}

void DnsCache::erase(Entry *entry)
{
    unlink(entry);
    m_entries.remove(entry->key);
    delete entry;
}

void DnsCache::evictToCap()
{
    const qsizetype cap = qMax<qsizetype>(0, m_limits.maximumEntries);
    while (m_entries.size() > cap && m_oldest) {
        erase(m_oldest);
        ++m_statistics.evictions;
    }
}

QByteArray DnsCache::writeReply(const Hit &hit, quint16 id, QByteArrayView questionName)
{
    const Entry &entry = *hit.entry;
    QByteArray out;
    out.reserve(512);
    put16(out, id);
    out.append(char(0x80 | ((entry.flags >> 8) & 0x05))); // QR; AA, RD as the server set them
    out.append(char((entry.flags & 0xb0) | entry.rcode)); // RA, AD, CD as the server set them
    put16(out, 1);
    put16(out, quint16(entry.chain.size() + entry.records.size()));
    put16(out, quint16(entry.authority.size()));
    put16(out, 0);
    out.append(questionName.data(), questionName.size());
    put16(out, entry.key.type);
    put16(out, entry.key.rrClass);
    const auto write = [&](const Record &r) {
        out.append(r.owner);
        put16(out, r.type);
        put16(out, r.rrClass);
        put32(out, hit.remaining(r));
        put16(out, quint16(r.rdata.size()));
        out.append(r.rdata);
    };
    for (const Record &r : entry.chain)
        write(r);
    for (const Record &r : entry.records)
        write(r);
    for (const Record &r : entry.authority)
        write(r);
    return out;
}

} // namespace QAresPrivate::Cache
