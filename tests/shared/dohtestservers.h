// SPDX-License-Identifier: MIT
#ifndef DOHTESTSERVERS_H
#define DOHTESTSERVERS_H

// In-memory DoH servers for tst_doh: a hand-written HTTP/1.1 responder and an
// HTTP/2 server on nghttp2's server API. Neither touches a socket: bytes go in
// with receive() and come out of takeOutgoing().

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>

#include <functional>
#include <map>
#include <optional>

#if QARES_HAVE_NGHTTP2
#  include <nghttp2/nghttp2.h>
#  include <cstring>
#endif

namespace DohTest {

//! A request as a server read it.
struct Request
{
    qint32 stream = 0; // HTTP/2 stream ID; the request's index for HTTP/1.1
    QByteArray method;
    QByteArray path;
    QByteArray authority; // :authority or Host
    QByteArray scheme;
    QByteArray accept;
    QByteArray contentType;
    QByteArray body;
};

class Server
{
public:
    virtual ~Server() = default;
    virtual void receive(const QByteArray &bytes) = 0;
    virtual QByteArray takeOutgoing() = 0;
    bool closed = false; // the server closed the connection after its output
    QList<Request> requests; // every complete request, in arrival order
};

//! HTTP/1.1: \a handler gives the raw response to each request (nullopt: none, held).
class Http1Server : public Server
{
public:
    struct Answer
    {
        QByteArray bytes;
        bool closeAfter = false;
    };
    std::function<std::optional<Answer>(const Request &)> handler;
    bool malformedRequest = false;

    void receive(const QByteArray &bytes) override
    {
        m_in += bytes;
        for (int guard = 0; guard < 10000 && !closed; ++guard) {
            const qsizetype end = m_in.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = m_in.left(end).split('\n');
            Request request;
            request.stream = int(requests.size());
            const QList<QByteArray> first = lines.first().trimmed().split(' ');
            if (first.size() != 3 || first.at(2) != "HTTP/1.1") {
                malformedRequest = true;
                return;
            }
            request.method = first.at(0);
            request.path = first.at(1);
            request.scheme = "https";
            qint64 length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                const QByteArray name = line.left(colon).toLower();
                const QByteArray value = line.mid(colon + 1).trimmed();
                if (name == "host")
                    request.authority = value;
                else if (name == "accept")
                    request.accept = value;
                else if (name == "content-type")
                    request.contentType = value;
                else if (name == "content-length")
                    length = value.toLongLong();
            }
            if (m_in.size() < end + 4 + length)
                return;
            request.body = m_in.mid(end + 4, length);
            m_in.remove(0, end + 4 + length);
            requests.append(request);
            held.append(request);
            answerHeld();
        }
    }
    //! Answers the held requests, in order, as far as the handler answers them now.
    void answerHeld()
    {
        while (!held.isEmpty() && !closed) {
            const std::optional<Answer> answer = handler(held.first());
            if (!answer)
                return;
            held.removeFirst();
            m_out += answer->bytes;
            closed = answer->closeAfter;
        }
    }
    QByteArray takeOutgoing() override { return std::exchange(m_out, {}); }
    QList<Request> held;

private:
    QByteArray m_in;
    QByteArray m_out;
};

#if QARES_HAVE_NGHTTP2
//! HTTP/2 on nghttp2's server API: \a handler decides each response (nullopt: held).
class Http2Server : public Server
{
public:
    struct Response
    {
        int status = 200;
        QByteArray contentType = "application/dns-message"; // empty: no header
        QByteArray location;
        QByteArray body;
        qint64 contentLength = -2; // -2: the body's size, -1: no header
        quint32 reset = 0; // RST_STREAM with this code instead of a response
        bool goAway = false; // GOAWAY (last stream 0) instead of a response
    };
    std::function<std::optional<Response>(const Request &)> handler;
    int open = 0;
    int maxOpen = 0;
    QList<qint32> held; // complete requests without a response yet

    explicit Http2Server(quint32 maxConcurrentStreams = 100)
    {
        nghttp2_session_callbacks *callbacks = nullptr;
        nghttp2_session_callbacks_new(&callbacks);
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, onBeginHeaders);
        nghttp2_session_callbacks_set_on_header_callback(callbacks, onHeader);
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, onData);
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, onFrame);
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, onClose);
        nghttp2_session_server_new(&m_session, callbacks, this);
        nghttp2_session_callbacks_del(callbacks);
        const nghttp2_settings_entry settings[] = {
            { NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, maxConcurrentStreams },
        };
        nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, 1);
    }
    ~Http2Server() override { nghttp2_session_del(m_session); }

    void receive(const QByteArray &bytes) override
    {
        if (closed)
            return;
        const ssize_t rv = nghttp2_session_mem_recv(
                m_session, reinterpret_cast<const uint8_t *>(bytes.constData()), bytes.size());
        if (rv < 0)
            protocolError = nghttp2_strerror(int(rv));
    }
    QByteArray takeOutgoing() override
    {
        QByteArray out = std::exchange(rawOut, {});
        for (int guard = 0; guard < 100000 && !closed; ++guard) {
            const uint8_t *data = nullptr;
            const ssize_t n = nghttp2_session_mem_send(m_session, &data);
            if (n <= 0)
                break;
            out.append(reinterpret_cast<const char *>(data), n);
        }
        return out;
    }
    //! Sends the response \a response on \a stream.
    void respond(qint32 stream, const Response &response)
    {
        held.removeAll(stream);
        if (response.goAway) {
            nghttp2_submit_goaway(m_session, NGHTTP2_FLAG_NONE, 0, NGHTTP2_NO_ERROR, nullptr, 0);
            return;
        }
        if (response.reset) {
            nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, stream, response.reset);
            return;
        }
        Outgoing &out = m_bodies[stream];
        out.body = response.body;
        out.offset = 0;
        QList<QByteArray> strings;
        strings << ":status" << QByteArray::number(response.status);
        if (!response.contentType.isEmpty())
            strings << "content-type" << response.contentType;
        if (!response.location.isEmpty())
            strings << "location" << response.location;
        const qint64 length =
                response.contentLength == -2 ? response.body.size() : response.contentLength;
        if (length >= 0)
            strings << "content-length" << QByteArray::number(length);
        QList<nghttp2_nv> headers;
        for (qsizetype i = 0; i < strings.size(); i += 2) {
            headers.append({ reinterpret_cast<uint8_t *>(strings[i].data()),
                             reinterpret_cast<uint8_t *>(strings[i + 1].data()),
                             size_t(strings[i].size()), size_t(strings[i + 1].size()),
                             NGHTTP2_NV_FLAG_NONE });
        }
        nghttp2_data_provider provider;
        provider.source.ptr = &out;
        provider.read_callback = readBody;
        nghttp2_submit_response(m_session, stream, headers.constData(), headers.size(),
                                response.body.isEmpty() ? nullptr : &provider);
    }
    //! Answers the held requests with the handler, in the order of \a order (indexes into held).
    void respondHeld(const QList<qint32> &streams)
    {
        for (qint32 stream : streams) {
            const std::optional<Response> response = handler(m_requests.at(stream));
            if (response)
                respond(stream, *response);
        }
    }
    QByteArray rawOut; // bytes sent before nghttp2's (garbage tests)
    QByteArray protocolError;

private:
    struct Outgoing
    {
        QByteArray body;
        qsizetype offset = 0;
    };

    static Http2Server *self(void *user) { return static_cast<Http2Server *>(user); }
    static int onBeginHeaders(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST) {
            Http2Server *server = self(user);
            server->m_requests[frame->hd.stream_id].stream = frame->hd.stream_id;
            server->maxOpen = qMax(server->maxOpen, ++server->open);
        }
        return 0;
    }
    static int onHeader(nghttp2_session *, const nghttp2_frame *frame, const uint8_t *name,
                        size_t nameLength, const uint8_t *value, size_t valueLength, uint8_t,
                        void *user)
    {
        Request &request = self(user)->m_requests[frame->hd.stream_id];
        const QByteArray n(reinterpret_cast<const char *>(name), nameLength);
        const QByteArray v(reinterpret_cast<const char *>(value), valueLength);
        if (n == ":method")
            request.method = v;
        else if (n == ":path")
            request.path = v;
        else if (n == ":authority")
            request.authority = v;
        else if (n == ":scheme")
            request.scheme = v;
        else if (n == "accept")
            request.accept = v;
        else if (n == "content-type")
            request.contentType = v;
        return 0;
    }
    static int onData(nghttp2_session *, uint8_t, int32_t stream, const uint8_t *data,
                      size_t length, void *user)
    {
        self(user)->m_requests[stream].body.append(reinterpret_cast<const char *>(data), length);
        return 0;
    }
    static int onFrame(nghttp2_session *, const nghttp2_frame *frame, void *user)
    {
        if ((frame->hd.type == NGHTTP2_HEADERS || frame->hd.type == NGHTTP2_DATA)
            && (frame->hd.flags & NGHTTP2_FLAG_END_STREAM)) {
            Http2Server *server = self(user);
            const qint32 stream = frame->hd.stream_id;
            server->requests.append(server->m_requests[stream]);
            const std::optional<Response> response = server->handler(server->m_requests[stream]);
            if (response)
                server->respond(stream, *response);
            else
                server->held.append(stream);
        }
        return 0;
    }
    static int onClose(nghttp2_session *, int32_t stream, uint32_t, void *user)
    {
        Http2Server *server = self(user);
        if (server->m_requests.erase(stream))
            --server->open;
        server->m_bodies.erase(stream);
        server->held.removeAll(stream);
        return 0;
    }
    static ssize_t readBody(nghttp2_session *, int32_t, uint8_t *buffer, size_t length,
                            uint32_t *flags, nghttp2_data_source *source, void *)
    {
        auto *out = static_cast<Outgoing *>(source->ptr);
        const size_t n = qMin(length, size_t(out->body.size() - out->offset));
        std::memcpy(buffer, out->body.constData() + out->offset, n);
        out->offset += n;
        if (out->offset == out->body.size())
            *flags |= NGHTTP2_DATA_FLAG_EOF;
        return ssize_t(n);
    }

    nghttp2_session *m_session = nullptr;
    std::map<qint32, Request> m_requests;
    std::map<qint32, Outgoing> m_bodies;
};
#endif

} // namespace DohTest

#endif // DOHTESTSERVERS_H
