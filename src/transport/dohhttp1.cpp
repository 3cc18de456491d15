// SPDX-License-Identifier: MIT
#include "dohhttp1_p.h"

#include <QtCore/qcoreapplication.h>

#include <cctype>

namespace QAresPrivate::Transport {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("DohSession", text);
}

constexpr qsizetype MaxChunkLine = 1024;

// The value of a header line, or nothing if its name is not \a name.
bool headerValue(const QByteArray &line, const char *name, QByteArray *value)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return false;
    if (line.left(colon).compare(name, Qt::CaseInsensitive) != 0)
        return false;
    *value = line.mid(colon + 1).trimmed();
    return true;
}

bool hasToken(const QByteArray &list, const char *token)
{
    for (const QByteArray &item : list.split(',')) {
        if (item.trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

DohHttp1Session::DohHttp1Session(const DohTarget &target, Method method)
    : DohSession(target, method)
{
}

DohHttp1Session::~DohHttp1Session() = default;

int DohHttp1Session::pendingCount() const
{
    return int(m_sent.size() + m_queue.size());
}

void DohHttp1Session::schedule()
{
    while (isUsable() && !m_queue.empty() && int(m_sent.size()) < m_maxPipelined) {
        Query query = std::move(m_queue.front());
        m_queue.pop_front();
        const bool post = m_method == Method::Post;
        m_out += (post ? "POST " : "GET ") + requestPath(query) + " HTTP/1.1\r\nHost: "
                + m_target.authority + "\r\nAccept: application/dns-message\r\n";
        if (post) {
            m_out += "Content-Type: application/dns-message\r\nContent-Length: "
                    + QByteArray::number(query.message.size()) + "\r\n\r\n" + query.message;
        } else {
            m_out += "\r\n";
        }
        m_sent.push_back(std::move(query));
    }
}

QByteArray DohHttp1Session::takeOutgoing()
{
    return std::exchange(m_out, {});
}

void DohHttp1Session::receive(const QByteArray &bytes)
{
    if (m_state == State::Dead || bytes.isEmpty())
        return;
    m_in += bytes;
    parse();
    schedule();
}

void DohHttp1Session::resetResponse()
{
    m_state = State::Head;
    m_framing = Framing::None;
    m_head = ResponseHead();
    m_body.clear();
    m_remaining = 0;
    m_tooLarge = false;
}

void DohHttp1Session::appendBody(const char *data, qsizetype size)
{
    if (m_tooLarge)
        return;
    if (m_body.size() + size > MaxMessageSize) {
        m_tooLarge = true;
        m_body.clear();
        return;
    }
    m_body.append(data, size);
}

void DohHttp1Session::parse()
{
    // Bounded: each pass consumes input or ends the loop.
    while (m_state != State::Dead) {
        switch (m_state) {
        case State::Head: {
            if (m_in.isEmpty())
                return;
            if (m_sent.empty()) {
                malformed(tr("the DoH server sent %1 octets no request asked for").arg(m_in.size()));
                return;
            }
            qsizetype end = m_in.indexOf("\r\n\r\n");
            qsizetype skip = 4;
            const qsizetype lfEnd = m_in.indexOf("\n\n");
            if (lfEnd >= 0 && (end < 0 || lfEnd < end)) {
                end = lfEnd;
                skip = 2;
            }
            if (end < 0) {
                if (m_in.size() > MaxHeaderBytes)
                    malformed(tr("the DoH response's header is longer than %1 octets").arg(MaxHeaderBytes));
                return;
            }
            if (end > MaxHeaderBytes) {
                malformed(tr("the DoH response's header is longer than %1 octets").arg(MaxHeaderBytes));
                return;
            }
            const QByteArray head = m_in.left(end);
            m_in.remove(0, end + skip);
            if (!parseHead(head))
                return;
            break;
        }
        case State::Body: {
            if (m_framing == Framing::Close) {
                appendBody(m_in.constData(), m_in.size());
                m_in.clear();
                return; // until connectionClosed()
            }
            const qsizetype n = qMin<qint64>(m_remaining, m_in.size());
            appendBody(m_in.constData(), n);
            m_in.remove(0, n);
            m_remaining -= n;
            if (m_remaining > 0)
                return;
            responseDone();
            break;
        }
        case State::ChunkSize:
        case State::Trailers: {
            const qsizetype lf = m_in.indexOf('\n');
            if (lf < 0) {
                if (m_in.size() > MaxChunkLine)
                    malformed(tr("the DoH response has a chunk line longer than %1 octets").arg(MaxChunkLine));
                return;
            }
            QByteArray line = m_in.left(lf);
            m_in.remove(0, lf + 1);
            if (line.endsWith('\r'))
                line.chop(1);
            if (m_state == State::Trailers) {
                if (line.isEmpty())
                    responseDone();
                break;
            }
            const qsizetype semicolon = line.indexOf(';');
            const QByteArray size = (semicolon >= 0 ? line.left(semicolon) : line).trimmed();
            bool ok = !size.isEmpty() && size.size() <= 8;
            for (char c : size)
                ok = ok && std::isxdigit(static_cast<unsigned char>(c));
            const qint64 chunk = ok ? size.toLongLong(&ok, 16) : 0;
            if (!ok) {
                malformed(tr("the DoH response has a bad chunk size \"%1\"")
                                  .arg(QString::fromLatin1(line.left(40))));
                return;
            }
            if (chunk == 0) {
                m_state = State::Trailers;
            } else {
                m_remaining = chunk;
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            const qsizetype n = qMin<qint64>(m_remaining, m_in.size());
            appendBody(m_in.constData(), n);
            m_in.remove(0, n);
            m_remaining -= n;
            if (m_remaining > 0)
                return;
            m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            if (m_in.size() < 2 && !(m_in.size() == 1 && m_in.at(0) == '\n'))
                return;
            if (m_in.startsWith("\r\n")) {
                m_in.remove(0, 2);
            } else if (m_in.startsWith('\n')) {
                m_in.remove(0, 1);
            } else {
                malformed(tr("the DoH response has a chunk without its CRLF"));
                return;
            }
            m_state = State::ChunkSize;
            break;
        }
        case State::Dead:
            return;
        }
    }
}

bool DohHttp1Session::parseHead(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QByteArray statusLine = lines.takeFirst();
    // HTTP-version SP 3DIGIT SP [reason]
    const bool versionOk = statusLine.startsWith("HTTP/1.1 ") || statusLine.startsWith("HTTP/1.0 ");
    bool statusOk = versionOk && statusLine.size() >= 12
            && (statusLine.size() == 12 || statusLine.at(12) == ' ');
    int status = 0;
    for (int i = 9; statusOk && i < 12; ++i) {
        const char c = statusLine.at(i);
        statusOk = c >= '0' && c <= '9';
        status = status * 10 + (c - '0');
    }
    if (!statusOk || status < 100) {
        malformed(tr("the DoH server's answer is not an HTTP/1.1 response: \"%1\"")
                          .arg(QString::fromLatin1(statusLine.left(60))));
        return false;
    }
    if (status == 101) {
        malformed(tr("the DoH server switched protocols unasked (101)"));
        return false;
    }
    if (status < 200) { // 1xx: informational, the response follows
        m_state = State::Head;
        return true;
    }
    m_head = ResponseHead();
    m_head.status = status;
    m_head.statusLine = statusLine;
    bool chunked = false;
    bool keepAlive = statusLine.startsWith("HTTP/1.1");
    bool hasLength = false;
    for (const QByteArray &line : std::as_const(lines)) {
        if (line.isEmpty() || line.indexOf(':') <= 0 || line.startsWith(' ') || line.startsWith('\t')) {
            malformed(tr("the DoH response has a bad header line \"%1\"")
                              .arg(QString::fromLatin1(line.left(60))));
            return false;
        }
        QByteArray value;
        if (headerValue(line, "content-type", &value)) {
            m_head.contentType = value;
        } else if (headerValue(line, "location", &value)) {
            m_head.location = value;
        } else if (headerValue(line, "content-length", &value)) {
            bool ok = !value.isEmpty() && value.size() <= 15;
            for (char c : value)
                ok = ok && c >= '0' && c <= '9';
            const qint64 length = ok ? value.toLongLong(&ok) : -1;
            if (!ok || (hasLength && length != m_head.contentLength)) {
                malformed(tr("the DoH response has a bad Content-Length \"%1\"")
                                  .arg(QString::fromLatin1(value.left(40))));
                return false;
            }
            hasLength = true;
            m_head.contentLength = length;
        } else if (headerValue(line, "transfer-encoding", &value)) {
            const QList<QByteArray> codings = value.split(',');
            if (codings.last().trimmed().compare("chunked", Qt::CaseInsensitive) != 0
                || codings.size() > 1) {
                malformed(tr("the DoH response has a transfer coding QAres cannot read: \"%1\"")
                                  .arg(QString::fromLatin1(value.left(40))));
                return false;
            }
            chunked = true;
        } else if (headerValue(line, "connection", &value)) {
            if (hasToken(value, "close"))
                keepAlive = false;
            else if (hasToken(value, "keep-alive"))
                keepAlive = true;
        }
    }
    m_closeAfter = !keepAlive;
    if (chunked) {
        // RFC 9112 section 6.3: Transfer-Encoding overrides Content-Length.
        m_head.contentLength = -1;
        m_framing = Framing::Chunked;
        m_state = State::ChunkSize;
    } else if (status == 204 || status == 304) {
        m_head.contentLength = -1;
        responseDone();
    } else if (hasLength) {
        m_framing = Framing::Length;
        m_remaining = m_head.contentLength;
        m_state = State::Body;
        if (m_remaining == 0)
            responseDone();
    } else {
        m_framing = Framing::Close;
        m_closeAfter = true;
        m_state = State::Body;
    }
    return true;
}

void DohHttp1Session::responseDone()
{
    Query query = std::move(m_sent.front());
    m_sent.pop_front();
    finish(query, m_head, m_body, m_tooLarge);
    const bool close = m_closeAfter;
    resetResponse();
    if (close) {
        const QString why = tr("the DoH server closes the connection after a response");
        setUnusable(why);
        failAll(DohError::ConnectionClosed, why);
        m_state = State::Dead;
    }
}

void DohHttp1Session::malformed(const QString &why)
{
    if (!m_sent.empty()) {
        Query query = std::move(m_sent.front());
        m_sent.pop_front();
        fail(query, DohError::MalformedResponse, why, m_head.status);
    }
    setUnusable(why);
    failAll(DohError::ConnectionClosed,
            tr("the DoH connection is unusable after a malformed response: %1").arg(why));
    m_state = State::Dead;
}

void DohHttp1Session::failAll(DohError error, const QString &why)
{
    // Written but unanswered: the server may have processed them.
    for (const Query &query : m_sent)
        fail(query, error, why);
    m_sent.clear();
    for (const Query &query : m_queue)
        fail(query, DohError::ConnectionClosed, why, 0, true);
    m_queue.clear();
}

void DohHttp1Session::connectionClosed()
{
    if (m_state == State::Dead) {
        failAll(DohError::ConnectionClosed, tr("the DoH connection closed"));
        return;
    }
    if (!m_sent.empty()) {
        if (m_state == State::Body && m_framing == Framing::Close) {
            responseDone(); // delimited by the close
        } else if (m_state != State::Head || !m_in.isEmpty()) {
            Query query = std::move(m_sent.front());
            m_sent.pop_front();
            fail(query, DohError::BodyTruncated,
                 m_state == State::Head
                         ? tr("the DoH connection closed in the middle of a response's header")
                         : tr("the DoH connection closed in the middle of a response's body"),
                 m_head.status);
        }
    }
    const QString why = tr("the DoH connection closed before the response");
    setUnusable(tr("the DoH connection closed"));
    failAll(DohError::ConnectionClosed, why);
    m_in.clear();
    m_state = State::Dead;
}

} // namespace QAresPrivate::Transport
