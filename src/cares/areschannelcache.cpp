// SPDX-License-Identifier: MIT
// The channel's side of QAres's TTL cache (src/cache/, docs/caching.md):
//
// - stores the replies to the queries c-ares sent: the send hooks note each
//   query's ID and question, the receive hook hands over each reply, and a
//   reply goes into the cache only if it answers a question sent under its
//   ID (UDP sockets are connected: only the server's datagrams arrive);
// - answers a request from the cache before c-ares is asked, walking the
//   names c-ares would try (search domains, ndots) as long as the cache
//   knows each one's answer; otherwise c-ares asks the servers as usual;
// - lets identical requests in flight share one: the first goes to c-ares,
//   the others wait for its result (a copy each);
// - serve-stale (RFC 8767): a request that failed (timeouts, SERVFAIL,
//   REFUSED) is answered from an entry expired no longer than the limit.
#include "areschannel_p.h"
#include "dnsstream_p.h"
#include "aressort_p.h"
#include "cache/dnscache_p.h"

#include "aresfeatures_p.h"

#include <QtCore/qloggingcategory.h>
#include <QtCore/qvarlengtharray.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

Q_DECLARE_LOGGING_CATEGORY(lcAresChannel)

namespace QAresPrivate {

using Cache::DnsCache;
using Cache::Hit;
using Cache::Key;

namespace {

constexpr quint16 typeA = 1;
constexpr quint16 typeAaaa = 28;
constexpr quint16 classIn = 1;
constexpr qsizetype headerSize = 12;
constexpr qsizetype maxSentQuestions = 8192; // more means most are stale: start again

// A message's ID and question (name lower-cased, type, class) as bytes; false if it has none.
bool questionOf(const unsigned char *message, qsizetype size, quint16 *id, QByteArray *question)
{
    if (size < headerSize || readBe16(message + 4) != 1)
        return false;
    qsizetype pos = headerSize;
    while (pos < size && message[pos] != 0) {
        if (message[pos] > 63)
            return false; // compressed or not a label: not c-ares's question
        pos += 1 + message[pos];
    }
    if (pos + 5 > size)
        return false;
    *id = readBe16(message);
    *question = DnsCache::lowerName(QByteArrayView(
            reinterpret_cast<const char *>(message) + headerSize, pos + 5 - headerSize));
    return true;
}

} // namespace

struct Channel::CacheSpec
{
    bool host = true;
    Family family = Family::Any; // host lookups
    bool search = false; // search domains apply
    quint16 type = 0; // record queries
    quint8 hostFlags = 0;
    QByteArray name; // ACE, without a trailing dot

    // The names c-ares tries, in order (its rules: as is first with ndots dots or more).
    QList<QByteArray> candidates(const QList<QByteArray> &domains, int ndots) const
    {
        if (!search || domains.isEmpty())
            return { name };
        QList<QByteArray> names;
        const bool asIsFirst = name.count('.') >= ndots;
        if (asIsFirst)
            names.append(name);
        for (const QByteArray &domain : domains)
            names.append(name + '.' + domain);
        if (!asIsFirst)
            names.append(name);
        return names;
    }
    QByteArray key() const
    {
        QByteArray k = DnsCache::lowerName(name);
        k += '\0';
        k += char(host ? 'h' : 'q');
        k += char(int(family) + '0');
        k += char(search ? 's' : '-');
        k += char(hostFlags);
        k += char(type >> 8);
        k += char(type & 0xff);
        return k;
    }
};

struct Channel::Flight
{
    CacheSpec spec;
    QByteArray key;
    QList<ChannelRequest *> followers;
};

void Channel::setCache(Cache::DnsCache *cache)
{
    m_cache = cache;
}

// The name is as the engine decided it (admit()): never with a trailing dot,
// ChannelRequest::absolute says whether search domains apply.
bool Channel::lookUpHost(ChannelRequest *request, Family family)
{
    CacheSpec spec;
    spec.host = true;
    spec.family = family;
    spec.search = !request->absolute;
    spec.hostFlags = request->hostFlags & ChannelRequest::HostNoSort;
    spec.name = request->aceName();
    return lookUpCache(request, spec);
}

bool Channel::lookUpQuery(ChannelRequest *request, int type, bool search)
{
    CacheSpec spec;
    spec.host = false;
    spec.type = quint16(type);
    spec.search = search && !request->absolute;
    spec.name = request->name;
    return lookUpCache(request, spec);
}

bool Channel::lookUpCache(ChannelRequest *request, const CacheSpec &spec)
{
    ChannelResult result;
    QByteArray reply;
    if (cachedResult(spec, false, result, reply)) {
        result.answer = reply;
        complete(request, std::move(result));
        return true;
    }
    return joinFlight(request, spec);
}

bool Channel::cachedResult(const CacheSpec &spec, bool allowStale, ChannelResult &result,
                           QByteArray &reply)
{
    if (!m_cache)
        return false;
    const QList<QByteArray> names = spec.candidates(m_searchDomains, m_ndots);
    QVarLengthArray<quint16, 2> types;
    if (spec.host) {
        if (spec.family != Family::IPv6)
            types.append(typeA);
        if (spec.family != Family::IPv4)
            types.append(typeAaaa);
    } else {
        types.append(spec.type);
    }
    bool stale = false;
    Hit asIs;
    Hit lastNoData;
    QByteArray asIsWire;
    QByteArray noDataWire;
    const auto queryStatus = [](const Cache::Entry &entry) {
        // As ares_query() reports them: NXDOMAIN, and NOERROR without any answer record.
        return entry.rcode == 3                                    ? ARES_ENOTFOUND
                : entry.chain.isEmpty() && entry.records.isEmpty() ? ARES_ENODATA
                                                                   : ARES_SUCCESS;
    };
    for (const QByteArray &name : names) {
        const QByteArray wire = DnsCache::wireName(name);
        if (wire.isEmpty())
            return false;
        const QByteArray lower = DnsCache::lowerName(wire);
        QVarLengthArray<Hit, 2> hits;
        bool positive = false;
        for (const quint16 type : types) {
            const Hit hit = m_cache->find(Key{ lower, type, classIn }, allowStale);
            if (!hit)
                return false; // not known: the servers are asked (the whole walk, by c-ares)
            stale = stale || hit.stale;
            positive = positive || !hit.entry->isNegative();
            hits.append(hit);
        }
        if (!positive && names.size() > 1) {
            if (spec.host)
                continue; // c-ares goes on to the next name
            // A record query's walk goes on (Channel::SearchWalk's rules).
            if (name == spec.name) {
                asIs = hits.first();
                asIsWire = wire;
            }
            if (hits.first().entry->rcode == 0) {
                lastNoData = hits.first();
                noDataWire = wire;
            }
            continue;
        }
        result.cacheState = ChannelResult::FromCache | (stale ? ChannelResult::Stale : 0);
        if (!spec.host) {
            const Hit &hit = hits.first();
            result.status = queryStatus(*hit.entry);
            reply = DnsCache::writeReply(hit, 0, wire);
            return true;
        }
        // A host lookup: the addresses of each type, the chain of the first that has one.
        struct Address
        {
            sockaddr_in6 storage;
            ares_addrinfo_node node;
        };
        QVarLengthArray<Address, 8> addresses;
        int status = ARES_SUCCESS;
        for (const Hit &hit : hits) {
            const Cache::Entry &entry = *hit.entry;
            if (entry.isNegative()) {
                if (!positive && status != ARES_ENOTFOUND)
                    status = entry.rcode == 3 ? ARES_ENOTFOUND : ARES_ENODATA;
                continue;
            }
            if (result.aliases.isEmpty()) {
                for (const Cache::Record &cname : entry.chain) {
                    result.aliases.append(QString::fromLatin1(DnsCache::dottedName(cname.owner)));
                    result.aliasTargets.append(QString::fromLatin1(DnsCache::dottedName(cname.rdata)));
                    result.aliasTtls.append(int(hit.remaining(cname)));
                }
                if (!entry.chain.isEmpty())
                    result.canonicalName = result.aliasTargets.constLast();
            }
            for (const Cache::Record &record : entry.records) {
                Address address = {};
                if (record.type == typeA && record.rdata.size() == 4) {
                    auto *in = reinterpret_cast<sockaddr_in *>(&address.storage);
                    in->sin_family = AF_INET;
                    memcpy(&in->sin_addr, record.rdata.constData(), 4);
                    address.node.ai_family = AF_INET;
                    address.node.ai_addrlen = sizeof(sockaddr_in);
                } else if (record.type == typeAaaa && record.rdata.size() == 16) {
                    address.storage.sin6_family = AF_INET6;
                    memcpy(&address.storage.sin6_addr, record.rdata.constData(), 16);
                    address.node.ai_family = AF_INET6;
                    address.node.ai_addrlen = sizeof(sockaddr_in6);
                } else {
                    continue;
                }
                address.node.ai_ttl = int(hit.remaining(record));
                addresses.append(address);
            }
        }
        QVarLengthArray<const ares_addrinfo_node *, 8> nodes;
        for (Address &address : addresses) {
            address.node.ai_addr = reinterpret_cast<sockaddr *>(&address.storage);
            nodes.append(&address.node);
        }
        if (nodes.size() > 1 && !(spec.hostFlags & ChannelRequest::HostNoSort)) {
            sortAddressesRfc6724(nodes.data(), size_t(nodes.size()),
                                 [this](int fd, int domain) { return configureSocket(fd, domain); });
        }
        for (const ares_addrinfo_node *node : nodes) {
            if (node->ai_family == AF_INET) {
                const auto *in = reinterpret_cast<const sockaddr_in *>(node->ai_addr);
                result.addresses.append(QHostAddress(ntohl(in->sin_addr.s_addr)));
            } else {
                const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(node->ai_addr);
                result.addresses.append(QHostAddress(in6->sin6_addr.s6_addr));
            }
            result.ttls.append(node->ai_ttl);
        }
        result.status = status;
        if (name != spec.name)
            result.hostName = QString::fromLatin1(name); // found under a search domain
        return true;
    }
    // A walk that ended without an answer. A host lookup's end is left to
    // c-ares (the status it gives then); a record query's ends as SearchWalk does.
    if (spec.host || !asIs)
        return false; // the as-is name is always among the names: not reached
    result.cacheState = ChannelResult::FromCache | (stale ? ChannelResult::Stale : 0);
    const bool noData = asIs.entry->rcode == 3 && lastNoData;
    const Hit &hit = noData ? lastNoData : asIs;
    result.status = noData ? ARES_ENODATA : queryStatus(*hit.entry);
    reply = DnsCache::writeReply(hit, 0, noData ? noDataWire : asIsWire);
    return true;
}

bool Channel::joinFlight(ChannelRequest *request, const CacheSpec &spec)
{
    QByteArray key = spec.key();
    if (ChannelRequest *leader = m_leaders.value(key)) {
        m_flights.value(leader)->followers.append(request);
        return true;
    }
    auto *flight = new Flight;
    flight->spec = spec;
    flight->key = key;
    m_leaders.insert(std::move(key), request);
    m_flights.insert(request, flight);
    return false;
}

// From complete(), for the request c-ares answered: serve-stale if it failed,
// then the same result to each request that waited for it.
void Channel::completeFlight(ChannelRequest *request, ChannelResult &result)
{
    const auto it = m_flights.find(request);
    if (it == m_flights.end())
        return;
    const std::unique_ptr<Flight> flight(*it);
    m_flights.erase(it);
    m_leaders.remove(flight->key);
    const int status = result.status;
    const bool failed = status == ARES_ETIMEOUT || status == ARES_ECONNREFUSED
            || status == ARES_ESERVFAIL || status == ARES_EREFUSED;
    if (failed && m_cache && m_cache->limits().staleLimit > 0) {
        ChannelResult stale;
        if (cachedResult(flight->spec, true, stale, m_staleReply)) {
            qCDebug(lcAresChannel, "serving a stale answer after status %d", status);
            stale.timeouts = result.timeouts;
            stale.answer = m_staleReply; // valid until the next stale answer: past requestDone()
            result = std::move(stale);
        }
    }
    for (ChannelRequest *follower : std::as_const(flight->followers)) {
        ChannelResult copy = result; // implicitly shared lists; the answer view stays valid
        copy.cacheState |= ChannelResult::Coalesced;
        complete(follower, std::move(copy));
    }
}

void Channel::noteSent(int fd, const unsigned char *buffer, qsizetype length)
{
    if (!m_cache || length <= 0)
        return;
    if (!m_streams.contains(fd)) {
        noteSentMessage(buffer, length);
        return;
    }
    // TCP: two octets of length, then the query, in any pieces.
    splitDnsStream(m_sentStreams[fd], buffer, length,
                   [this](const unsigned char *message, qsizetype size) {
                       noteSentMessage(message, size);
                   });
}

void Channel::noteSentMessage(const unsigned char *message, qsizetype size)
{
    quint16 id = 0;
    QByteArray question;
    if (!questionOf(message, size, &id, &question) || (message[2] & 0x80))
        return;
    if (m_sentQuestions.size() >= maxSentQuestions)
        m_sentQuestions.clear();
    m_sentQuestions.insert(id, std::move(question));
}

void Channel::noteCacheReply(const unsigned char *message, qsizetype size)
{
    if (!m_cache || m_sentQuestions.isEmpty())
        return;
    quint16 id = 0;
    QByteArray question;
    if (!questionOf(message, size, &id, &question))
        return;
    const auto it = m_sentQuestions.find(id);
    if (it == m_sentQuestions.end() || *it != question) {
        qCDebug(lcAresChannel, "reply %u: not to a question sent, not cached", id);
        return;
    }
    // A truncated reply is followed by the TCP one to the same question.
    if (message[2] & 0x02)
        return;
    m_sentQuestions.erase(it);
    m_cache->store(QByteArrayView(reinterpret_cast<const char *>(message), size));
}

} // namespace QAresPrivate
