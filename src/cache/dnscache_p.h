// SPDX-License-Identifier: MIT
#ifndef QARES_CACHE_DNSCACHE_P_H
#define QARES_CACHE_DNSCACHE_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//
// QAres's TTL cache (docs/caching.md): pure logic on QtCore, with an
// injectable clock. One entry per question as it was sent (the name in wire
// form, lower-cased; type; class), holding that question's answer as the
// server gave it: the CNAME chain from the question's name, the records of
// the question's type at its end, or, for a negative answer, the SOA that
// says how long it may be remembered (RFC 2308). Records outside the chain
// are dropped. Each record keeps its own TTL; an entry lives as long as its
// shortest. The entries are kept in least-recently-used order under a cap.
//

#include "qaresglobal.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qhash.h>
#include <QtCore/qlist.h>

#include <functional>

namespace QAresPrivate::Cache {

/*! The cache's settings; TTLs in seconds. */
struct Limits
{
    qint64 minimumTtl = 0; // shorter TTLs are raised to it (TTL 0 is never cached)
    qint64 maximumTtl = 86400; // longer TTLs are lowered to it
    qint64 maximumNegativeTtl = 900; // cap of RFC 2308's negative TTL
    qint64 staleLimit = 0; // RFC 8767: how long past expiry an entry may be served
    qsizetype maximumEntries = 10000; // questions kept; the least recently used go first
};

//! The TTL a stale answer is given (RFC 8767, section 4: 30 seconds).
constexpr quint32 staleTtl = 30;

/*! One resource record as cached: names (owner, and in RDATA) uncompressed. */
struct Record
{
    QByteArray owner; // wire form, as the server wrote it (case kept)
    quint16 type = 0;
    quint16 rrClass = 0;
    quint32 ttl = 0; // as received, clamped (seconds)
    QByteArray rdata;
};

/*! The cache key: the question as it was sent. */
struct Key
{
    QByteArray name; // wire form, ASCII letters lower-cased
    quint16 type = 0;
    quint16 rrClass = 1;
    friend bool operator==(const Key &a, const Key &b)
    {
        return a.type == b.type && a.rrClass == b.rrClass && a.name == b.name;
    }
};
inline size_t qHash(const Key &key, size_t seed = 0)
{
    return ::qHash(key.name, seed) ^ (size_t(key.type) << 16 | key.rrClass);
}

/*! One question's answer. */
struct Entry
{
    Key key;
    quint8 rcode = 0; // 0 (NOERROR) or 3 (NXDOMAIN)
    quint16 flags = 0; // the reply's header flags as the server sent them (AA, RD, RA, AD, CD)
    QList<Record> chain; // the CNAMEs from the question's name, in order
    QList<Record> records; // the question's type at the chain's end; empty for a negative answer
    QList<Record> authority; // negative answers: the SOA, with the negative TTL as its TTL
    qint64 storedMs = 0; // the clock's time when it was stored
    qint64 lifetimeMs = 0; // the shortest TTL (the negative TTL for negative answers)
    Entry *newer = nullptr; // least-recently-used list
    Entry *older = nullptr;

    bool isNegative() const { return records.isEmpty(); }
    qint64 expiresMs() const { return storedMs + lifetimeMs; }
};

/*! What find() found. */
struct Hit
{
    const Entry *entry = nullptr;
    qint64 ageMs = 0; // since it was stored
    bool stale = false;
    explicit operator bool() const { return entry != nullptr; }
    //! A record's TTL now: its TTL less the age, or staleTtl when stale.
    quint32 remaining(const Record &record) const;
};

/*! The counters of one cache, since it was made. */
struct Statistics
{
    quint64 hits = 0;
    quint64 staleHits = 0;
    quint64 misses = 0;
    quint64 stored = 0;
    quint64 rejected = 0; // replies not stored: not cacheable, or TTL 0
    quint64 evictions = 0;
};

class DnsCache
{
public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    explicit DnsCache(const Limits &limits = Limits(), Clock clock = Clock());
    ~DnsCache();
    DnsCache(const DnsCache &) = delete;
    DnsCache &operator=(const DnsCache &) = delete;

    const Limits &limits() const { return m_limits; }
    //! New limits; entries over the new cap are evicted.
    void setLimits(const Limits &limits);
    qint64 now() const;

    /*!
        Stores \a reply, the answer to the question it repeats, if it is a
        cacheable one: a response (QR) to a standard query, not truncated,
        one question, NOERROR with records of the question's type at the end
        of its CNAME chain, or NXDOMAIN/NODATA with an SOA in the authority
        section (RFC 2308). A cacheable answer with a TTL of 0 replaces no
        entry: it removes the one there was. The caller checks that the
        reply answers a question it asked (ID and question). Returns true if
        it stored it.
    */
    bool store(QByteArrayView reply);
    /*!
        The entry for the question, if it is fresh, or expired no longer than
        staleLimit ago with \a allowStale. Moves it to the front of the LRU
        list. Counts a hit or a miss.
    */
    Hit find(const Key &key, bool allowStale = false);
    //! Removes everything.
    void clear();
    //! Removes the entries of every type and class for \a wireName.
    int remove(QByteArrayView wireName);

    qsizetype size() const { return m_entries.size(); }
    const Statistics &statistics() const { return m_statistics; }

    /*!
        The reply the server would give now for \a hit: header with \a id,
        the server's flags (AA, RD, RA, AD, CD) and the entry's rcode, the
        question (\a questionName as asked, in wire form), the chain and
        records with their remaining TTLs, the SOA of a negative answer.
        Names uncompressed.
    */
    static QByteArray writeReply(const Hit &hit, quint16 id, QByteArrayView questionName);

    /*! "www.example.com" (with or without a trailing dot) in wire form; empty if invalid. */
    static QByteArray wireName(QByteArrayView dotted);
    /*! A wire-form name as text: "www.example.com" (the root is "."). */
    static QByteArray dottedName(QByteArrayView wire);
    /*! \a wire with ASCII letters lower-cased. */
    static QByteArray lowerName(QByteArrayView wire);

private:
    void unlink(Entry *entry);
    void pushFront(Entry *entry);
    void erase(Entry *entry);
    void evictToCap();

    Limits m_limits;
    Clock m_clock;
    QHash<Key, Entry *> m_entries;
    Entry *m_newest = nullptr;
    Entry *m_oldest = nullptr;
    Statistics m_statistics;
};

/*!
    For tests: moves the clock of every cache made without a clock of its own
    (those of the resolvers) forward by \a ms, so that TTLs run out without
    waiting. Resolver's thread, or before any resolver exists.
*/
QARES_EXPORT void advanceClockForTesting(qint64 ms);

} // namespace QAresPrivate::Cache

#endif // QARES_CACHE_DNSCACHE_P_H
