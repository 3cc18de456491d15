// SPDX-License-Identifier: MIT
// Record queries: one query per request, or a walk of the search domains,
// with the reply handed over as the server sent it; the caller's wire reader
// (src/wire/) parses it. The same behaviour on every c-ares version:
//
// - c-ares 1.18 hands ares_query()'s callback the reply as received. From
//   1.28 the callbacks get a parsed record (ares_query() re-encodes it, and
//   fails on records it cannot write back), so QAres keeps the replies its
//   receive hook sees and hands over the one c-ares accepted.
// - ares_search() drops the last negative reply (1.18: after more than one
//   try; 1.28: always), and 1.34 changed when it stops. QAres walks the
//   search domains itself, with 1.18's rules, and keeps the reply.
#include "areschannel_p.h"
#include "dnsstream_p.h"

#include "aresfeatures_p.h"

#include <QtCore/qloggingcategory.h>

Q_DECLARE_LOGGING_CATEGORY(lcAresChannel)

namespace QAresPrivate {

namespace {

constexpr int classIn = 1;
constexpr qsizetype headerSize = 12;

bool isOnionName(QByteArrayView name)
{
    constexpr QByteArrayView onion("onion");
    if (name.size() < onion.size())
        return false;
    const QByteArrayView tail = name.last(onion.size());
    return qstrnicmp(tail.data(), tail.size(), onion.data(), onion.size()) == 0
            && (name.size() == onion.size() || name.at(name.size() - onion.size() - 1) == '.');
}

} // namespace

/*!
    One search(): the names tried in order, as c-ares 1.18's ares_search()
    tries them: the name as is first when it has at least ndots dots, then
    under each search domain, then as is if not yet tried. A not-found or
    no-data answer goes on to the next name; any other outcome ends the
    walk with it. At the end the as-is answer is delivered (no-data instead
    of not-found if some name had no data), with its reply.
*/
struct Channel::SearchWalk
{
    SearchWalk(ChannelRequest *request, const QByteArray &name, int type)
        : request(request), name(name), type(type)
    {
    }

    ChannelRequest *request;
    QByteArray name;
    int type;
    int nextDomain = 0;
    bool tryingAsIs = false;
    bool asIsTried = false;
    int asIsStatus = ARES_SUCCESS;
    int timeouts = 0;
    QByteArray asIsReply;
    QByteArray noDataReply; // the last no-data answer's
};

void Channel::readSearchConfiguration()
{
    ares_options options = {};
    int mask = 0;
    if (ares_save_options(m_channel, &options, &mask) != ARES_SUCCESS)
        return;
    m_ndots = options.ndots;
    m_searchDomains.clear();
    for (int i = 0; i < options.ndomains; ++i)
        m_searchDomains.append(QByteArray(options.domains[i]));
    ares_destroy_options(&options);
}

void Channel::query(ChannelRequest *request, int type, bool search)
{
    request->channel = this;
    ++m_pending;
    if (m_cache && !(request->cacheFlags & ChannelRequest::CacheBypass)
        && lookUpQuery(request, type, search)) {
        return; // answered, or waits for an identical request's answer
    }
    ++m_recordQueries;
    // The name without a trailing dot (ares_query() would drop one): an
    // absolute name is not searched.
    const QByteArray &name = request->name;
    if (!search || request->absolute || m_searchDomains.isEmpty()) {
        sendQuery(name, type, request, nullptr);
    } else if (isOnionName(name)) {
        // RFC 7686; c-ares refuses the name itself, but not under a search domain.
        finishQuery(request, ARES_ENOTFOUND, 0, {});
    } else {
        auto *walk = new SearchWalk(request, name, type);
        walk->tryingAsIs = name.count('.') >= m_ndots;
        if (walk->tryingAsIs)
            sendQuery(name, type, request, walk);
        else
            sendQuery(name + '.' + m_searchDomains.at(walk->nextDomain++), type, request, walk);
    }
    requestSubmitted();
}

void Channel::finishQuery(ChannelRequest *request, int status, int timeouts, QByteArrayView reply)
{
    ChannelResult result;
    result.status = status;
    result.timeouts = timeouts;
    result.answer = reply;
    if (status == ARES_ECONNREFUSED)
        result.wireRcode = qMax(0, wireRcodeFor(request->name));
    if (--m_recordQueries == 0)
        m_replies.clear();
    complete(request, std::move(result));
}

void Channel::searchStepDone(SearchWalk *walk, int status, int timeouts, QByteArrayView reply)
{
    walk->timeouts += timeouts;
    if (status == ARES_ENOTFOUND || status == ARES_ENODATA) {
        if (walk->tryingAsIs) {
            walk->asIsTried = true;
            walk->asIsStatus = status;
            walk->asIsReply = reply.toByteArray();
        }
        if (status == ARES_ENODATA)
            walk->noDataReply = reply.toByteArray();
        if (walk->nextDomain < m_searchDomains.size()) {
            walk->tryingAsIs = false;
            sendQuery(walk->name + '.' + m_searchDomains.at(walk->nextDomain++), walk->type, walk->request,
                      walk);
            return;
        }
        if (!walk->asIsTried) {
            walk->tryingAsIs = true;
            sendQuery(walk->name, walk->type, walk->request, walk);
            return;
        }
        const std::unique_ptr<SearchWalk> done(walk);
        if (walk->asIsStatus == ARES_ENOTFOUND && !walk->noDataReply.isNull())
            finishQuery(walk->request, ARES_ENODATA, walk->timeouts, walk->noDataReply);
        else
            finishQuery(walk->request, walk->asIsStatus, walk->timeouts, walk->asIsReply);
        return;
    }
    const std::unique_ptr<SearchWalk> done(walk);
    finishQuery(walk->request, status, walk->timeouts, reply);
}

#if QARES_CARES_DNSREC

void Channel::sendQuery(const QByteArray &name, int type, ChannelRequest *request, SearchWalk *walk)
{
    // The callback's argument: the request, or the walk it belongs to.
    void *arg = walk ? static_cast<void *>(walk) : static_cast<void *>(request);
    const auto callback = walk
            ? +[](void *arg, ares_status_t status, size_t timeouts, const ares_dns_record_t *record) {
                  auto *walk = static_cast<SearchWalk *>(arg);
                  Channel *channel = walk->request->channel;
                  const QByteArray reply = channel->takeReply(walk->request->queryId, status, record);
                  channel->searchStepDone(walk, status, int(timeouts), reply);
              }
            : +[](void *arg, ares_status_t status, size_t timeouts, const ares_dns_record_t *record) {
                  auto *request = static_cast<ChannelRequest *>(arg);
                  Channel *channel = request->channel;
                  const QByteArray reply = channel->takeReply(request->queryId, status, record);
                  channel->finishQuery(request, status, int(timeouts), reply);
              };
    unsigned short id = 0;
    const ares_status_t status = ares_query_dnsrec(m_channel, name.constData(), ares_dns_class_t(classIn),
                                                   ares_dns_rec_type_t(type), callback, arg, &id);
    if (status == ARES_SUCCESS) // otherwise the callback ran already
        request->queryId = id;
}

// A reply kept for id matches the one c-ares accepted if its question, flags
// and counts do (replies to the same id may come from another server, over
// TCP after a truncated one, or be spoofed).
static bool sameMessage(const QByteArray &reply, const ares_dns_record_t *record)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(reply.constData());
    const int rcode = bytes[3] & 0x0f;
    const bool truncated = bytes[2] & 0x02;
    if (rcode != (int(ares_dns_record_get_rcode(record)) & 0x0f)
        || truncated != bool(ares_dns_record_get_flags(record) & ARES_FLAG_TC)
        || readBe16(bytes + 4) != ares_dns_record_query_cnt(record)
        || readBe16(bytes + 6) != ares_dns_record_rr_cnt(record, ARES_SECTION_ANSWER)
        || readBe16(bytes + 8) != ares_dns_record_rr_cnt(record, ARES_SECTION_AUTHORITY)) {
        return false;
    }
    // The question's type (after the first name, uncompressed in a question).
    qsizetype pos = headerSize;
    while (pos < reply.size() && bytes[pos] != 0 && bytes[pos] < 64)
        pos += 1 + bytes[pos];
    ares_dns_rec_type_t type = {};
    if (pos + 3 > reply.size() || bytes[pos] != 0
        || ares_dns_record_query_get(record, 0, nullptr, &type, nullptr) != ARES_SUCCESS) {
        return false;
    }
    return readBe16(bytes + pos + 1) == quint16(type);
}

QByteArray Channel::takeReply(quint16 id, int status, const void *acceptedRecord)
{
    const auto *record = static_cast<const ares_dns_record_t *>(acceptedRecord);
    if (!record && status != ARES_EBADRESP)
        return {}; // no reply (timeouts, refused connections), or refused before it was sent
    const QList<QByteArray> replies = m_replies.take(id);
    if (record) {
        for (auto it = replies.crbegin(); it != replies.crend(); ++it) {
            if (sameMessage(*it, record))
                return *it;
        }
        // Not seen (c-ares read it past the hook?): its re-encoding, which may lose
        // records c-ares cannot write back.
        qCDebug(lcAresChannel, "query %u: the reply c-ares accepted was not seen; using its re-encoding", id);
        unsigned char *buffer = nullptr;
        size_t length = 0;
        if (ares_dns_write(record, &buffer, &length) != ARES_SUCCESS)
            return {};
        QByteArray reply(reinterpret_cast<const char *>(buffer), qsizetype(length));
        ares_free_string(buffer);
        return reply;
    }
    // c-ares rejected what came (ARES_EBADRESP): the wire reader says why.
    return replies.isEmpty() ? QByteArray() : replies.constLast();
}

#else // c-ares < 1.28: ares_query() hands over the reply as it came

void Channel::sendQuery(const QByteArray &name, int type, ChannelRequest *request, SearchWalk *walk)
{
    void *arg = walk ? static_cast<void *>(walk) : static_cast<void *>(request);
    const auto callback = walk
            ? +[](void *arg, int status, int timeouts, unsigned char *answer, int length) {
                  auto *walk = static_cast<SearchWalk *>(arg);
                  walk->request->channel->searchStepDone(walk, status, timeouts,
                                                         QByteArrayView(answer, answer ? length : 0));
              }
            : +[](void *arg, int status, int timeouts, unsigned char *answer, int length) {
                  auto *request = static_cast<ChannelRequest *>(arg);
                  request->channel->finishQuery(request, status, timeouts,
                                                QByteArrayView(answer, answer ? length : 0));
              };
    ares_query(m_channel, name.constData(), classIn, type, callback, arg);
}

#endif

void Channel::streamOpened(int fd)
{
    m_streams.insert(fd, QByteArray());
}

void Channel::streamClosed(int fd)
{
    m_streams.remove(fd);
    m_sentStreams.remove(fd);
}

void Channel::noteReceived(int fd, bool stream, const unsigned char *buffer, qsizetype length)
{
    const auto keep = [this](const unsigned char *message, qsizetype size) {
        if (size < headerSize)
            return;
        noteReply(message, size);
        noteCacheReply(message, size);
#if QARES_CARES_DNSREC
        constexpr qsizetype maxKeptReplies = 4096; // ids; more means most are stale: start again
        constexpr qsizetype maxRepliesPerId = 8;   // a retry, TCP after truncation, a few spoofs
        if (m_recordQueries == 0)
            return;
        if (m_replies.size() >= maxKeptReplies)
            m_replies.clear();
        QList<QByteArray> &replies = m_replies[readBe16(message)];
        if (replies.size() >= maxRepliesPerId)
            replies.removeFirst();
        replies.append(QByteArray(reinterpret_cast<const char *>(message), size));
#endif
    };
    if (!stream) {
        keep(buffer, length);
        return;
    }
    // TCP: two octets of length, then the message (RFC 1035 4.2.2), in any pieces.
    const auto it = m_streams.find(fd);
    if (it != m_streams.end())
        splitDnsStream(*it, buffer, length, keep);
}

} // namespace QAresPrivate
