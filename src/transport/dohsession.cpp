// SPDX-License-Identifier: MIT
#include "dohsession_p.h"

#include "dohhttp1_p.h"
#if QARES_HAVE_NGHTTP2
#  include "dohhttp2_p.h"
#endif

#include <QtCore/qcoreapplication.h>
#include <QtCore/qurl.h>

namespace QAresPrivate::Transport {

namespace {

constexpr int DnsHeaderSize = 12;
constexpr char DnsMessageType[] = "application/dns-message";

QString tr(const char *text)
{
    return QCoreApplication::translate("DohSession", text);
}

// "application/dns-message", any case, with or without parameters.
bool isDnsMessageType(const QByteArray &contentType)
{
    QByteArray type = contentType;
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().compare(DnsMessageType, Qt::CaseInsensitive) == 0;
}

} // namespace

DohTarget DohTarget::fromUrl(const QUrl &url, QString *error)
{
    DohTarget target;
    const auto bad = [&](const char *why) {
        if (error)
            *error = tr(why);
        return DohTarget();
    };
    if (!url.isValid())
        return bad("the DoH URL is not valid");
    if (url.scheme() != u"https")
        return bad("the DoH URL's scheme is not https");
    if (url.host().isEmpty())
        return bad("the DoH URL has no host");
    if (!url.userInfo().isEmpty())
        return bad("the DoH URL has user information");
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    target.authority = host;
    if (url.port() != -1 && url.port() != 443)
        target.authority += ':' + QByteArray::number(url.port());
    QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    // The RFC 8484 URI template's variable, written out or percent-encoded by QUrl.
    for (const char *variable : { "{?dns}", "%7B?dns%7D", "%7b?dns%7d" }) {
        if (path.endsWith(variable))
            path.chop(qstrlen(variable));
    }
    if (path.isEmpty() || !path.startsWith('/'))
        return bad("the DoH URL has no path");
    if (url.hasQuery()) {
        QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
        if (query == "dns}" || query == "dns%7D") // "{?dns}" split by QUrl at the '?'
            query.clear();
        if (!query.isEmpty())
            path += '?' + query;
    }
    if (path.endsWith('{'))
        path.chop(1);
    if (path.endsWith("%7B"))
        path.chop(3);
    target.path = path;
    return target;
}

std::unique_ptr<DohSession> DohSession::create(const QByteArray &alpn, const DohTarget &target,
                                               Method method, QString *error)
{
    if (!target.isValid()) {
        if (error)
            *error = tr("the DoH target has no authority or path");
        return nullptr;
    }
    if (alpn.isEmpty() || alpn == "http/1.1")
        return std::make_unique<DohHttp1Session>(target, method);
    if (alpn == "h2") {
#if QARES_HAVE_NGHTTP2
        return std::make_unique<DohHttp2Session>(target, method);
#else
        if (error)
            *error = tr("HTTP/2 is not available: QAres was built without libnghttp2");
        return nullptr;
#endif
    }
    if (error)
        *error = tr("the server chose an unsupported protocol: %1").arg(QString::fromLatin1(alpn.left(64)));
    return nullptr;
}

bool DohSession::http2Available()
{
    return QARES_HAVE_NGHTTP2;
}

QList<QByteArray> DohSession::alpnProtocols()
{
    QList<QByteArray> protocols;
    if (http2Available())
        protocols.append(QByteArrayLiteral("h2"));
    protocols.append(QByteArrayLiteral("http/1.1"));
    return protocols;
}

DohSession::DohSession(const DohTarget &target, Method method) : m_target(target), m_method(method)
{
}

DohSession::~DohSession() = default;

quint64 DohSession::submit(const QByteArray &query)
{
    Query q;
    q.ticket = m_nextTicket++;
    if (query.size() < DnsHeaderSize || query.size() > MaxMessageSize) {
        fail(q, DohError::InvalidQuery,
             tr("the DNS query is %1 octets long (12 to 65535 are possible)").arg(query.size()));
        return q.ticket;
    }
    if (!m_usable) {
        fail(q, DohError::ConnectionClosed,
             tr("the DoH connection cannot take more queries: %1").arg(m_errorString), 0, true);
        return q.ticket;
    }
    q.callerId = quint16((quint8(query.at(0)) << 8) | quint8(query.at(1)));
    q.message = query;
    q.message[0] = 0;
    q.message[1] = 0;
    m_queue.push_back(std::move(q));
    schedule();
    return m_nextTicket - 1;
}

QList<DohOutcome> DohSession::takeOutcomes()
{
    return std::exchange(m_outcomes, {});
}

QByteArray DohSession::requestPath(const Query &query) const
{
    if (m_method == Method::Post)
        return m_target.path;
    const QByteArray dns =
            query.message.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return m_target.path + (m_target.path.contains('?') ? "&dns=" : "?dns=") + dns;
}

void DohSession::finish(const Query &query, const ResponseHead &head, const QByteArray &body,
                        bool bodyTooLarge)
{
    const QString statusLine = QString::fromLatin1(head.statusLine.left(200));
    if (head.status >= 300 && head.status < 400) {
        fail(query, DohError::Redirect,
             tr("the DoH server redirected (%1) to \"%2\"; redirects are not followed")
                     .arg(statusLine, QString::fromLatin1(head.location.left(200))),
             head.status);
        return;
    }
    if (head.status < 200 || head.status >= 300) {
        fail(query, DohError::HttpStatus, tr("the DoH server answered %1").arg(statusLine), head.status);
        return;
    }
    if (!isDnsMessageType(head.contentType)) {
        fail(query, DohError::ContentType,
             tr("the DoH response's content type is \"%1\", not application/dns-message")
                     .arg(QString::fromLatin1(head.contentType.left(100))),
             head.status);
        return;
    }
    if (bodyTooLarge) {
        fail(query, DohError::BodyTooLarge,
             tr("the DoH response's body is longer than 65535 octets"), head.status);
        return;
    }
    if (head.contentLength >= 0 && body.size() != head.contentLength) {
        fail(query, DohError::BodyTruncated,
             tr("the DoH response's body has %1 of the %2 octets its Content-Length says")
                     .arg(body.size())
                     .arg(head.contentLength),
             head.status);
        return;
    }
    if (body.isEmpty()) {
        fail(query, DohError::BodyMissing, tr("the DoH response has no body"), head.status);
        return;
    }
    if (body.size() < DnsHeaderSize) {
        fail(query, DohError::BodyTruncated,
             tr("the DoH response's body (%1 octets) is shorter than a DNS header").arg(body.size()),
             head.status);
        return;
    }
    DohOutcome outcome;
    outcome.ticket = query.ticket;
    outcome.reply = body;
    outcome.reply[0] = char(query.callerId >> 8);
    outcome.reply[1] = char(query.callerId & 0xff);
    outcome.httpStatus = head.status;
    m_outcomes.append(std::move(outcome));
}

void DohSession::fail(const Query &query, DohError error, const QString &errorString,
                      int httpStatus, bool retryable)
{
    DohOutcome outcome;
    outcome.ticket = query.ticket;
    outcome.error = error;
    outcome.errorString = errorString;
    outcome.httpStatus = httpStatus;
    outcome.retryable = retryable;
    m_outcomes.append(std::move(outcome));
}

void DohSession::setUnusable(const QString &reason)
{
    if (!m_usable)
        return;
    m_usable = false;
    m_errorString = reason;
}

namespace TcpFraming {

QByteArray frame(const QByteArray &message)
{
    if (message.size() > 0xffff)
        return {};
    QByteArray framed;
    framed.reserve(message.size() + 2);
    framed.append(char(message.size() >> 8));
    framed.append(char(message.size() & 0xff));
    framed.append(message);
    return framed;
}

bool takeMessage(QByteArray &buffer, QByteArray *message)
{
    if (buffer.size() < 2)
        return false;
    const int length = (quint8(buffer.at(0)) << 8) | quint8(buffer.at(1));
    if (buffer.size() < 2 + length)
        return false;
    if (message)
        *message = buffer.mid(2, length);
    buffer.remove(0, 2 + length);
    return true;
}

} // namespace TcpFraming

} // namespace QAresPrivate::Transport
