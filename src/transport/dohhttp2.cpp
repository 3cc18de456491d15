// SPDX-License-Identifier: MIT
#include "dohhttp2_p.h"

#include <QtCore/qcoreapplication.h>

#include <nghttp2/nghttp2.h>

#include <cstring>

namespace QAresPrivate::Transport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DohSession", text);
}

constexpr int MaxRefusals = 3;
constexpr uint32_t AssumedStreamLimit = 100; // until the server's SETTINGS (RFC 9113 6.5.2)
constexpr uint32_t StreamLimitCap = 1000;

using Stream = DohHttp2Session::Stream;

DohHttp2Session *sessionOf(void *user)
{
    return static_cast<DohHttp2Session *>(user);
}

Stream *streamOf(nghttp2_session *session, int32_t streamId)
{
    return static_cast<Stream *>(nghttp2_session_get_stream_user_data(session, streamId));
}

QString http2ErrorName(uint32_t code)
{
    return QString::fromLatin1(nghttp2_http2_strerror(code));
}

int onHeader(nghttp2_session *session, const nghttp2_frame *frame, const uint8_t *name,
             size_t nameLength, const uint8_t *value, size_t valueLength, uint8_t, void *user)
{
    if (frame->hd.type != NGHTTP2_HEADERS)
        return 0;
    if (Stream *stream = streamOf(session, frame->hd.stream_id)) {
        sessionOf(user)->onHeader(
                stream, QByteArray(reinterpret_cast<const char *>(name), qsizetype(nameLength)),
                QByteArray(reinterpret_cast<const char *>(value), qsizetype(valueLength)));
    }
    return 0;
}

int onDataChunk(nghttp2_session *session, uint8_t, int32_t streamId, const uint8_t *data,
                size_t length, void *user)
{
    if (Stream *stream = streamOf(session, streamId))
        sessionOf(user)->onData(stream, reinterpret_cast<const char *>(data), length);
    return 0;
}

int onStreamClose(nghttp2_session *, int32_t streamId, uint32_t errorCode, void *user)
{
    sessionOf(user)->onStreamClose(streamId, errorCode);
    return 0;
}

int onFrameRecv(nghttp2_session *, const nghttp2_frame *frame, void *user)
{
    if (frame->hd.type == NGHTTP2_GOAWAY)
        sessionOf(user)->onGoAway(frame->goaway.last_stream_id, frame->goaway.error_code);
    else if (frame->hd.type == NGHTTP2_RST_STREAM)
        sessionOf(user)->onServerReset(frame->hd.stream_id);
    return 0;
}

int onFrameNotSent(nghttp2_session *session, const nghttp2_frame *frame, int libError, void *user)
{
    if (frame->hd.type != NGHTTP2_HEADERS)
        return 0;
    if (Stream *stream = streamOf(session, frame->hd.stream_id))
        sessionOf(user)->onRequestNotSent(stream, libError);
    return 0;
}

ssize_t readRequestBody(nghttp2_session *, int32_t, uint8_t *buffer, size_t length, uint32_t *flags,
                        nghttp2_data_source *source, void *)
{
    auto *stream = static_cast<Stream *>(source->ptr);
    const size_t left = size_t(stream->requestBody.size() - stream->sent);
    const size_t n = qMin(length, left);
    if (n)
        std::memcpy(buffer, stream->requestBody.constData() + stream->sent, n);
    stream->sent += qsizetype(n);
    if (stream->sent == stream->requestBody.size())
        *flags |= NGHTTP2_DATA_FLAG_EOF;
    return ssize_t(n);
}

nghttp2_nv header(const QByteArray &name, const QByteArray &value)
{
    return { reinterpret_cast<uint8_t *>(const_cast<char *>(name.constData())),
             reinterpret_cast<uint8_t *>(const_cast<char *>(value.constData())),
             size_t(name.size()), size_t(value.size()), NGHTTP2_NV_FLAG_NONE };
}

} // namespace

DohHttp2Session::DohHttp2Session(const DohTarget &target, Method method)
    : DohSession(target, method)
{
    nghttp2_session_callbacks *callbacks = nullptr;
    nghttp2_option *option = nullptr;
    if (nghttp2_session_callbacks_new(&callbacks) != 0 || nghttp2_option_new(&option) != 0) {
        nghttp2_session_callbacks_del(callbacks);
        setUnusable(tr("out of memory for the HTTP/2 session"));
        m_dead = true;
        return;
    }
    nghttp2_session_callbacks_set_on_header_callback(callbacks, ::QAresPrivate::Transport::onHeader);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, onDataChunk);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks,
                                                           ::QAresPrivate::Transport::onStreamClose);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, onFrameRecv);
    nghttp2_session_callbacks_set_on_frame_not_send_callback(callbacks, onFrameNotSent);
    nghttp2_option_set_peer_max_concurrent_streams(option, AssumedStreamLimit);
    const int rv = nghttp2_session_client_new2(&m_session, callbacks, this, option);
    nghttp2_session_callbacks_del(callbacks);
    nghttp2_option_del(option);
    if (rv != 0) {
        m_session = nullptr;
        setUnusable(tr("the HTTP/2 session could not be created: %1")
                            .arg(QString::fromLatin1(nghttp2_strerror(rv))));
        m_dead = true;
        return;
    }
    // No server push; this client does not take streams from the server.
    const nghttp2_settings_entry settings[] = {
        { NGHTTP2_SETTINGS_ENABLE_PUSH, 0 },
        { NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 0 },
    };
    nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, 2);
}

DohHttp2Session::~DohHttp2Session()
{
    nghttp2_session_del(m_session);
}

int DohHttp2Session::streamLimit() const
{
    if (!m_session)
        return 0;
    const uint32_t limit =
            nghttp2_session_get_remote_settings(m_session, NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS);
    return int(qMin(limit, StreamLimitCap));
}

int DohHttp2Session::pendingCount() const
{
    int count = int(m_queue.size());
    for (const auto &entry : m_streams)
        count += entry.second->done ? 0 : 1;
    return count;
}

void DohHttp2Session::schedule()
{
    if (m_dead || !isUsable())
        return;
    const QByteArray method = m_method == Method::Post ? "POST" : "GET";
    static const QByteArray dnsMessage = QByteArrayLiteral("application/dns-message");
    while (!m_queue.empty() && int(m_streams.size()) < streamLimit()) {
        auto stream = std::make_unique<Stream>();
        stream->query = std::move(m_queue.front());
        m_queue.pop_front();
        // nghttp2 copies the names and values: they need to live until the submit only.
        QList<QByteArray> strings = {
            ":method",    method,
            ":scheme",    "https",
            ":authority", m_target.authority,
            ":path",      requestPath(stream->query),
            "accept",     dnsMessage,
        };
        if (m_method == Method::Post) {
            stream->requestBody = stream->query.message;
            strings << "content-type" << dnsMessage << "content-length"
                    << QByteArray::number(stream->query.message.size());
        }
        QList<nghttp2_nv> headers;
        headers.reserve(strings.size() / 2);
        for (qsizetype i = 0; i + 1 < strings.size(); i += 2)
            headers.append(header(strings.at(i), strings.at(i + 1)));
        nghttp2_data_provider body;
        body.source.ptr = stream.get();
        body.read_callback = readRequestBody;
        const int32_t id =
                nghttp2_submit_request(m_session, nullptr, headers.constData(), size_t(headers.size()),
                                       m_method == Method::Post ? &body : nullptr, stream.get());
        if (id < 0) {
            const QString why = tr("the HTTP/2 request could not be made: %1")
                                        .arg(QString::fromLatin1(nghttp2_strerror(id)));
            fail(stream->query, DohError::ProtocolError, why, 0, true);
            if (id == NGHTTP2_ERR_STREAM_ID_NOT_AVAILABLE) {
                setUnusable(why);
                for (const Query &query : m_queue)
                    fail(query, DohError::ProtocolError, why, 0, true);
                m_queue.clear();
            }
            continue;
        }
        stream->id = id;
        m_streams[id] = std::move(stream);
    }
}

void DohHttp2Session::onHeader(Stream *stream, const QByteArray &name, const QByteArray &value)
{
    if (stream->done)
        return;
    if (name == ":status") {
        bool ok = value.size() == 3;
        const int status = ok ? value.toInt(&ok) : 0;
        if (!ok || status < 200) // 1xx: informational, the response follows
            return;
        stream->head = ResponseHead();
        stream->head.status = status;
        stream->head.statusLine = "HTTP/2 " + value;
    } else if (name == "content-type") {
        stream->head.contentType = value;
    } else if (name == "location") {
        stream->head.location = value;
    } else if (name == "content-length") {
        bool ok = false;
        const qint64 length = value.toLongLong(&ok);
        stream->head.contentLength = ok ? length : -1;
        if (ok && length > MaxMessageSize) {
            stream->tooLarge = true;
            stream->done = true;
            finish(stream->query, stream->head, {}, true);
            nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, stream->id, NGHTTP2_CANCEL);
        }
    }
}

void DohHttp2Session::onData(Stream *stream, const char *data, size_t size)
{
    if (stream->done)
        return;
    if (stream->body.size() + qint64(size) > MaxMessageSize) {
        stream->done = true;
        finish(stream->query, stream->head, {}, true);
        nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, stream->id, NGHTTP2_CANCEL);
        return;
    }
    stream->body.append(data, qsizetype(size));
}

void DohHttp2Session::onServerReset(qint32 streamId)
{
    const auto it = m_streams.find(streamId);
    if (it != m_streams.end())
        it->second->serverReset = true;
}

void DohHttp2Session::onStreamClose(qint32 streamId, quint32 errorCode)
{
    const auto it = m_streams.find(streamId);
    if (it == m_streams.end())
        return;
    std::unique_ptr<Stream> stream = std::move(it->second);
    m_streams.erase(it);
    if (stream->done)
        return;
    const Query &query = stream->query;
    const ResponseHead &head = stream->head;
    if (errorCode == NGHTTP2_NO_ERROR) {
        if (head.status == 0) {
            fail(query, DohError::MalformedResponse,
                 tr("the DoH server ended the HTTP/2 stream without a response"));
        } else {
            finish(query, head, stream->body, stream->tooLarge);
        }
        return;
    }
    if (errorCode == NGHTTP2_REFUSED_STREAM) {
        if (m_goAway) {
            fail(query, DohError::GoAway,
                 tr("the DoH server sent GOAWAY before it processed the query"), 0, true);
        } else if (query.refusals + 1 < MaxRefusals) {
            Query again = query;
            ++again.refusals;
            m_queue.push_front(std::move(again)); // sent by schedule() after this call
        } else {
            fail(query, DohError::StreamReset,
                 tr("the DoH server refused the HTTP/2 stream %1 times").arg(MaxRefusals), 0, true);
        }
        return;
    }
    if (stream->serverReset) {
        fail(query, DohError::StreamReset,
             tr("the DoH server reset the HTTP/2 stream (%1)").arg(http2ErrorName(errorCode)),
             head.status);
    } else if (head.contentLength >= 0 && stream->body.size() != head.contentLength) {
        // nghttp2 checks the body against content-length and resets the stream itself.
        fail(query, DohError::BodyTruncated,
             tr("the DoH response's body has %1 of the %2 octets its content-length says")
                     .arg(stream->body.size())
                     .arg(head.contentLength),
             head.status);
    } else {
        fail(query, DohError::MalformedResponse,
             tr("the DoH response broke the rules of HTTP/2 (stream closed with %1)")
                     .arg(http2ErrorName(errorCode)),
             head.status);
    }
}

void DohHttp2Session::onGoAway(qint32 lastStreamId, quint32 errorCode)
{
    m_goAway = true;
    const QString why =
            tr("the DoH server sent GOAWAY (%1, last stream %2)").arg(http2ErrorName(errorCode)).arg(lastStreamId);
    setUnusable(why);
    for (const Query &query : m_queue)
        fail(query, DohError::GoAway, why, 0, true);
    m_queue.clear();
}

void DohHttp2Session::onRequestNotSent(Stream *stream, int libError)
{
    if (stream->done)
        return;
    stream->done = true;
    if (libError == NGHTTP2_ERR_START_STREAM_NOT_ALLOWED) {
        fail(stream->query, DohError::GoAway,
             tr("the HTTP/2 connection takes no new streams (GOAWAY)"), 0, true);
    } else {
        fail(stream->query, DohError::ProtocolError,
             tr("the HTTP/2 request was not sent: %1").arg(QString::fromLatin1(nghttp2_strerror(libError))),
             0, true);
    }
}

void DohHttp2Session::failStreams(DohError error, const QString &why, bool retryable)
{
    for (auto &entry : m_streams) {
        Stream &stream = *entry.second;
        if (!stream.done)
            fail(stream.query, error, why, stream.head.status, retryable);
        stream.done = true;
    }
    for (const Query &query : m_queue)
        fail(query, error, why, 0, true);
    m_queue.clear();
}

void DohHttp2Session::fatal(DohError error, const QString &why)
{
    if (m_dead)
        return;
    setUnusable(why);
    failStreams(error, why, false);
    m_dead = true;
}

void DohHttp2Session::flush()
{
    if (m_dead)
        return;
    // Bounded: nghttp2 returns 0 once its queue is empty.
    for (;;) {
        const uint8_t *data = nullptr;
        const ssize_t n = nghttp2_session_mem_send(m_session, &data);
        if (n < 0) {
            fatal(DohError::ProtocolError,
                  tr("the HTTP/2 session failed: %1").arg(QString::fromLatin1(nghttp2_strerror(int(n)))));
            return;
        }
        if (n == 0)
            break;
        m_out.append(reinterpret_cast<const char *>(data), qsizetype(n));
    }
}

void DohHttp2Session::receive(const QByteArray &bytes)
{
    if (m_dead || bytes.isEmpty())
        return;
    const ssize_t rv = nghttp2_session_mem_recv(
            m_session, reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size()));
    if (rv < 0) {
        flush(); // the GOAWAY nghttp2 may have queued
        fatal(DohError::ProtocolError,
              tr("the DoH server broke HTTP/2: %1").arg(QString::fromLatin1(nghttp2_strerror(int(rv)))));
        return;
    }
    schedule();
    flush();
    if (!m_dead && !nghttp2_session_want_read(m_session) && !nghttp2_session_want_write(m_session)) {
        fatal(m_goAway ? DohError::GoAway : DohError::ProtocolError,
              m_goAway ? tr("the DoH server ended the HTTP/2 connection (GOAWAY)")
                       : tr("the HTTP/2 connection ended after a protocol error"));
    }
}

QByteArray DohHttp2Session::takeOutgoing()
{
    flush();
    schedule(); // streams refused while sending
    flush();
    return std::exchange(m_out, {});
}

void DohHttp2Session::connectionClosed()
{
    if (m_dead) {
        failStreams(DohError::ConnectionClosed, tr("the DoH connection closed"), false);
        return;
    }
    const QString why = tr("the DoH connection closed before the response");
    setUnusable(tr("the DoH connection closed"));
    failStreams(DohError::ConnectionClosed, why, false);
    m_dead = true;
}

} // namespace QAresPrivate::Transport
