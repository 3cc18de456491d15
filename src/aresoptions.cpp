// SPDX-License-Identifier: MIT
#include "aresoptions.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdebug.h>
#include <QtCore/qfileinfo.h>
#include <QtCore/qurl.h>

using namespace std::chrono_literals;

static bool isDomainName(const QString &domain);

AresServer AresServer::tls(const QHostAddress &address, const QString &authenticationName, quint16 port)
{
    AresServer server(address, port);
    server.m_transport = Transport::Tls;
    server.m_authenticationName = authenticationName;
    return server;
}

AresServer AresServer::https(const QHostAddress &address, const QString &authenticationName,
                             const QString &path, quint16 port)
{
    AresServer server(address, port);
    server.m_transport = Transport::Https;
    server.m_authenticationName = authenticationName;
    server.m_path = path;
    return server;
}

static QString addressPortString(const QHostAddress &address, quint16 port)
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + address.toString() + u"]:" + QString::number(port);
    return address.toString() + u':' + QString::number(port);
}

// "https://dns.example:443/dns-query#ipaddr=192.0.2.1&pin-sha256=...&method=get": the DoH URL,
// then what it does not say (the bootstrap address, pins, the method) as parameters after '#'.
static QString httpsServerString(const AresServer &server, const QString &hostPort)
{
    QStringList parameters;
    QString text = QStringLiteral("https://");
    if (server.authenticationName().isEmpty()) {
        text += hostPort;
    } else {
        text += server.authenticationName() + u':' + QString::number(server.port());
        parameters.append(u"ipaddr=" + server.address().toString());
    }
    text += server.path();
    for (const QByteArray &pin : server.spkiPins())
        parameters.append(u"pin-sha256=" + QString::fromLatin1(pin.toBase64().toPercentEncoding()));
    if (server.httpMethod() == AresServer::HttpMethod::Get)
        parameters.append(QStringLiteral("method=get"));
    if (!parameters.isEmpty())
        text += u'#' + parameters.join(u'&');
    return text;
}

QString AresServer::toString() const
{
    const QString hostPort = addressPortString(m_address, m_port);
    if (m_transport == Transport::Plain)
        return hostPort;
    if (m_transport == Transport::Https)
        return httpsServerString(*this, hostPort);
    QString text = QStringLiteral("dns+tls://") + hostPort;
    QStringList parameters;
    if (!m_authenticationName.isEmpty())
        parameters.append(u"hostname=" + m_authenticationName);
    for (const QByteArray &pin : m_spkiPins)
        parameters.append(u"pin-sha256=" + QString::fromLatin1(pin.toBase64().toPercentEncoding()));
    if (!parameters.isEmpty())
        text += u'?' + parameters.join(u'&');
    return text;
}

// "192.0.2.1", "192.0.2.1:53", "[2001:db8::1]:53", "2001:db8::1": the address
// and port, or an empty string and the reason. A host that is not an IP
// address leaves *address null and says so in *notAnAddress (if given).
static QString parseAddressPort(const QString &t, quint16 defaultPort, QHostAddress *address,
                                quint16 *port, QString *host = nullptr)
{
    QString hostText = t;
    QString portText;
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        if (close < 0)
            return QCoreApplication::translate("AresOptions", "missing ']'");
        hostText = t.mid(1, close - 1);
        const QString rest = t.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return QCoreApplication::translate("AresOptions", "expected ':' after ']'");
            portText = rest.mid(1);
            if (portText.isEmpty())
                return QCoreApplication::translate("AresOptions", "empty port");
        }
    } else if (t.count(u':') == 1) {
        const qsizetype colon = t.indexOf(u':');
        hostText = t.left(colon);
        portText = t.mid(colon + 1);
        if (portText.isEmpty())
            return QCoreApplication::translate("AresOptions", "empty port");
    }
    // More than one ':' without brackets: a bare IPv6 address.

    *port = defaultPort;
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint p = portText.toUInt(&ok, 10);
        if (!ok || p == 0 || p > 65535)
            return QCoreApplication::translate("AresOptions", "port must be 1..65535");
        *port = quint16(p);
    }
    if (hostText.contains(u'%') || !address->setAddress(hostText)) {
        *address = QHostAddress();
        if (host && !t.startsWith(u'[') && isDomainName(hostText)) {
            *host = hostText;
            return QString();
        }
        return QCoreApplication::translate("AresOptions", "not an IP address");
    }
    if (address->protocol() != QAbstractSocket::IPv4Protocol
        && address->protocol() != QAbstractSocket::IPv6Protocol)
        return QCoreApplication::translate("AresOptions", "not an IPv4 or IPv6 address");
    if (t.startsWith(u'[') && address->protocol() != QAbstractSocket::IPv6Protocol)
        return QCoreApplication::translate("AresOptions", "brackets are for IPv6 addresses");
    return QString();
}

static QString checkedAuthenticationName(const QString &name, QString *why)
{
    QString n = name.trimmed();
    if (n.endsWith(u'.'))
        n.chop(1);
    if (n.isEmpty() || !isDomainName(n)) {
        *why = QCoreApplication::translate("AresOptions", "invalid authentication name \"%1\"").arg(name);
        return QString();
    }
    return n.toLower();
}

static bool decodePin(const QString &text, QByteArray *pin, QString *why)
{
    const auto decoded =
            QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != 32) {
        *why = QCoreApplication::translate(
                       "AresOptions", "pin-sha256 \"%1\" is not the base64 of a SHA-256 digest")
                       .arg(text);
        return false;
    }
    *pin = decoded.decoded;
    return true;
}

// The parameters of dns+tls:// and dns+https:// URIs (and of a DoH URL's '#'): what a server
// string says beyond its host and port.
struct ServerParameters
{
    enum Set { None, Tls, Https }; // which keys are allowed: none, those of DoT, DoT's and method
    QString name;
    QList<QByteArray> pins;
    AresServer::HttpMethod method = AresServer::HttpMethod::Post;
};

// Reads "key=value&..." into *parameters and *address (ipaddr, only when the host is a name);
// returns an empty string, or the reason.
static QString readServerParameters(const QString &query, ServerParameters::Set allowed,
                                    QHostAddress *address, ServerParameters *parameters)
{
    const QStringList items = query.split(u'&', Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const qsizetype equals = item.indexOf(u'=');
        const QString key = item.left(equals).toLower();
        const QString value =
                equals < 0 ? QString() : QUrl::fromPercentEncoding(item.mid(equals + 1).toUtf8());
        if (equals < 0 || value.isEmpty())
            return QCoreApplication::translate("AresOptions", "parameter \"%1\" has no value")
                    .arg(key);
        QString why;
        if (allowed != ServerParameters::None && key == u"hostname") {
            parameters->name = checkedAuthenticationName(value, &why);
            if (parameters->name.isEmpty())
                return why;
        } else if (allowed != ServerParameters::None && key == u"ipaddr") {
            if (!address->isNull() || !address->setAddress(value)
                || (address->protocol() != QAbstractSocket::IPv4Protocol
                    && address->protocol() != QAbstractSocket::IPv6Protocol)) {
                return QCoreApplication::translate(
                        "AresOptions",
                        "ipaddr must be an IP address, given once, with a host name");
            }
        } else if (allowed != ServerParameters::None && key == u"pin-sha256") {
            QByteArray pin;
            if (!decodePin(value, &pin, &why))
                return why;
            parameters->pins.append(pin);
        } else if (allowed == ServerParameters::Https && key == u"method") {
            if (value.compare(u"get", Qt::CaseInsensitive) == 0)
                parameters->method = AresServer::HttpMethod::Get;
            else if (value.compare(u"post", Qt::CaseInsensitive) == 0)
                parameters->method = AresServer::HttpMethod::Post;
            else
                return QCoreApplication::translate("AresOptions",
                                                   "method must be get or post, not \"%1\"")
                        .arg(value);
        } else {
            return QCoreApplication::translate("AresOptions", "unsupported parameter \"%1\"")
                    .arg(key);
        }
    }
    return QString();
}

// "dns+tls://dns.example?ipaddr=192.0.2.1", "https://dns.example/dns-query#192.0.2.1": a host
// that is a name is the name to authenticate, and the address must be given (no lookup is
// made). Sets *name (if \a host is not empty); returns an empty string, or the reason.
static QString hostAsName(const QString &host, const QHostAddress &address, bool url,
                          QString *name)
{
    if (host.isEmpty())
        return QString();
    if (address.isNull())
        return QCoreApplication::translate(
                "AresOptions",
                url ? "a DoH URL naming a host needs its bootstrap address after '#' "
                      "(no lookup is made)"
                    : "a server named by host name needs its ipaddr (no lookup is made)");
    if (!name->isEmpty())
        return QCoreApplication::translate("AresOptions",
                                           "hostname given twice (host and parameter)");
    QString why;
    *name = checkedAuthenticationName(host, &why);
    return why;
}

// The DoH forms (docs/encrypted-dns.md), \a rest being what follows "://":
// - "dns+https://host[:port][/path]?hostname=&ipaddr=&pin-sha256=&method=", c-ares's URI form
//   with the parameters of dns+tls:// (the path is "/dns-query" if none is given);
// - "https://host[:port]/path[?query]#bootstrap", a DoH URL (RFC 8484 URI template, "{?dns}"
//   dropped) whose query is the server's; after '#' the address (when host is a name), or the
//   parameters "ipaddr=...&pin-sha256=...&method=...".
static AresServer parseHttpsServer(bool url, const QString &rest, QString *why)
{
    auto bad = [why](const QString &reason) {
        *why = reason;
        return AresServer();
    };
    const qsizetype authorityEnd = [&] {
        qsizetype end = rest.size();
        for (QChar c : { u'/', u'?', u'#' }) {
            const qsizetype at = rest.indexOf(c);
            if (at >= 0 && at < end)
                end = at;
        }
        return end;
    }();
    const QString authority = rest.left(authorityEnd);
    QString path = rest.mid(authorityEnd);
    QString fragment;
    if (const qsizetype hash = path.indexOf(u'#'); hash >= 0) {
        fragment = path.mid(hash + 1);
        path.truncate(hash);
    }
    QString query;
    if (!url) {
        // dns+https: the query holds QAres's parameters, and the fragment nothing.
        if (const qsizetype question = path.indexOf(u'?'); question >= 0) {
            query = path.mid(question + 1);
            path.truncate(question);
        }
        if (!fragment.isEmpty())
            return bad(QCoreApplication::translate("AresOptions", "unexpected \"#%1\"")
                               .arg(fragment));
        if (path.isEmpty() || path == u"/")
            path = QStringLiteral("/dns-query");
    } else {
        for (const QString &variable : { QStringLiteral("{?dns}"), QStringLiteral("%7B?dns%7D") }) {
            if (path.endsWith(variable, Qt::CaseInsensitive))
                path.chop(variable.size());
        }
        if (path.isEmpty() || path.startsWith(u'?'))
            return bad(QCoreApplication::translate("AresOptions", "a DoH URL needs a path"));
        // The fragment: a bare address, or parameters.
        if (!fragment.isEmpty() && !fragment.contains(u'='))
            fragment = u"ipaddr=" + fragment;
        query = fragment;
    }
    if (authority.isEmpty() || authority.contains(u'@'))
        return bad(QCoreApplication::translate("AresOptions",
                                               "a DoH server needs a host (and no user)"));
    for (QChar c : std::as_const(path)) {
        if (c.unicode() <= 0x20 || c.unicode() >= 0x7f || c == u'\\' || c == u'"' || c == u'<'
            || c == u'>' || c == u'{' || c == u'}')
            return bad(QCoreApplication::translate("AresOptions",
                                                   "the DoH path \"%1\" has a character not "
                                                   "allowed in a URL (percent-encode it)")
                               .arg(path));
    }
    if (path.contains(u"dns=") && path.contains(u'?'))
        return bad(QCoreApplication::translate("AresOptions",
                                               "the DoH path must not hold the dns parameter"));

    QHostAddress address;
    quint16 port = 0;
    QString host;
    const QString addressWhy = parseAddressPort(authority, 443, &address, &port, &host);
    if (!addressWhy.isEmpty())
        return bad(addressWhy);

    ServerParameters parameters;
    const QString parametersWhy =
            readServerParameters(query, ServerParameters::Https, &address, &parameters);
    if (!parametersWhy.isEmpty())
        return bad(parametersWhy);
    QString name = parameters.name;
    if (const QString hostWhy = hostAsName(host, address, url, &name); !hostWhy.isEmpty())
        return bad(hostWhy);
    AresServer server = AresServer::https(address, name, path, port);
    server.setSpkiPins(parameters.pins);
    server.setHttpMethod(parameters.method);
    return server;
}

AresServer AresServer::fromString(const QString &text, QString *errorString)
{
    auto fail = [&](const QString &why) {
        if (errorString)
            *errorString =
                    QCoreApplication::translate("AresOptions", "invalid server \"%1\": %2").arg(text, why);
        return AresServer();
    };
    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(QCoreApplication::translate("AresOptions", "empty"));

    const qsizetype schemeEnd = t.indexOf(u"://");
    if (schemeEnd < 0) {
        // "address[:port]" (plain) or "address[:port]#name" (DNS over TLS, systemd-resolved).
        const qsizetype hash = t.indexOf(u'#');
        QHostAddress address;
        quint16 port = 0;
        const QString why =
                parseAddressPort(hash < 0 ? t : t.left(hash), hash < 0 ? 53 : 853, &address, &port);
        if (!why.isEmpty())
            return fail(why);
        if (hash < 0)
            return AresServer(address, port);
        QString nameWhy;
        const QString name = checkedAuthenticationName(t.mid(hash + 1), &nameWhy);
        if (name.isEmpty())
            return fail(nameWhy);
        return AresServer::tls(address, name, port);
    }

    const QString scheme = t.left(schemeEnd).toLower();
    Transport transport;
    quint16 defaultPort;
    if (scheme == u"dns") {
        transport = Transport::Plain;
        defaultPort = 53;
    } else if (scheme == u"dns+tls" || scheme == u"tls") {
        transport = Transport::Tls;
        defaultPort = 853;
    } else if (scheme == u"dns+https" || scheme == u"https") {
        QString why;
        const AresServer server = parseHttpsServer(scheme == u"https", t.mid(schemeEnd + 3), &why);
        if (!server.isValid())
            return fail(why);
        return server;
    } else {
        return fail(QCoreApplication::translate("AresOptions", "unknown scheme \"%1\"").arg(scheme));
    }
    QString rest = t.mid(schemeEnd + 3);
    QString fragment;
    if (const qsizetype hash = rest.indexOf(u'#'); hash >= 0) {
        fragment = rest.mid(hash + 1);
        rest.truncate(hash);
    }
    QString query;
    if (const qsizetype question = rest.indexOf(u'?'); question >= 0) {
        query = rest.mid(question + 1);
        rest.truncate(question);
    }
    if (rest.endsWith(u'/'))
        rest.chop(1);
    if (rest.contains(u'/') || rest.contains(u'@'))
        return fail(QCoreApplication::translate("AresOptions", "a server URI has no path or user"));

    QHostAddress address;
    quint16 port = 0;
    QString host;
    const QString why = parseAddressPort(rest, defaultPort, &address, &port,
                                         transport == Transport::Tls ? &host : nullptr);
    if (!why.isEmpty())
        return fail(why);

    ServerParameters parameters;
    const QString parametersWhy = readServerParameters(
            query, transport == Transport::Tls ? ServerParameters::Tls : ServerParameters::None,
            &address, &parameters);
    if (!parametersWhy.isEmpty())
        return fail(parametersWhy);
    QString name = parameters.name;
    if (!fragment.isEmpty()) {
        if (transport != Transport::Tls || !name.isEmpty())
            return fail(QCoreApplication::translate("AresOptions", "unexpected \"#%1\"").arg(fragment));
        QString nameWhy;
        name = checkedAuthenticationName(fragment, &nameWhy);
        if (name.isEmpty())
            return fail(nameWhy);
    }
    if (const QString hostWhy = hostAsName(host, address, false, &name); !hostWhy.isEmpty())
        return fail(hostWhy);
    if (transport == Transport::Plain)
        return AresServer(address, port);
    AresServer server = AresServer::tls(address, name, port);
    server.m_spkiPins = parameters.pins;
    return server;
}

// Every option once: its type, name and default. The private's members and
// its operator== are both made from this list, so an option cannot be left
// out of the comparison.
#define QARES_OPTIONS_FIELDS(F)                                                                \
  F(QList<AresServer>, servers, )                                                              \
  F(std::chrono::milliseconds, timeout, 2000ms)                                                \
  F(int, tries, 2)                                                                             \
  F(int, ndots, -1)                                                                            \
  F(bool, rotate, false)                                                                       \
  F(AresOptions::Flags, flags, )                                                               \
  F(int, ednsPayloadSize, 1232)                                                                \
  F(QStringList, searchDomains, )                                                              \
  F(AresOptions::LookupOrder, lookupOrder, AresOptions::LookupOrder::HostsFileThenDns)         \
  F(quint16, udpPort, 0)                                                                       \
  F(quint16, tcpPort, 0)                                                                       \
  F(QHostAddress, localIPv4, )                                                                 \
  F(QHostAddress, localIPv6, )                                                                 \
  F(QString, localDevice, )                                                                    \
  F(QString, resolvConfPath, )                                                                 \
  F(int, sendBuffer, 0)                                                                        \
  F(int, receiveBuffer, 1 << 20)                                                               \
  F(int, maxQueriesInFlight, 1000)                                                             \
  F(bool, adaptiveQueryWindow, true)                                                           \
  F(std::chrono::milliseconds, deadline, 10000ms)                                              \
  F(bool, watchSystemConfiguration, true)                                                      \
  F(bool, cacheEnabled, true)                                                                  \
  F(int, maximumCacheEntries, 10000)                                                           \
  F(std::chrono::seconds, minimumTtl, 0s)                                                      \
  F(std::chrono::seconds, maximumTtl, 86400s)                                                  \
  F(std::chrono::seconds, maximumNegativeTtl, 900s)                                            \
  F(std::chrono::seconds, staleAnswerLimit, 0s)                                                \
  F(AresOptions::EncryptionProfile, encryptionProfile, AresOptions::EncryptionProfile::Strict) \
  F(QSslConfiguration, sslConfiguration, QSslConfiguration::defaultConfiguration())

class AresOptionsPrivate : public QSharedData
{
public:
#define QARES_OPTION_MEMBER(type, name, init) type name{ init };
    QARES_OPTIONS_FIELDS(QARES_OPTION_MEMBER)
#undef QARES_OPTION_MEMBER

    bool operator==(const AresOptionsPrivate &o) const
    {
#define QARES_OPTION_EQUAL(type, name, init) &&name == o.name
        return true QARES_OPTIONS_FIELDS(QARES_OPTION_EQUAL);
#undef QARES_OPTION_EQUAL
    }
};
#undef QARES_OPTIONS_FIELDS

AresOptions::AresOptions() : d(new AresOptionsPrivate) { }
AresOptions::AresOptions(const AresOptions &other) = default;
AresOptions::AresOptions(AresOptions &&other) noexcept = default;
AresOptions &AresOptions::operator=(const AresOptions &other) = default;
AresOptions &AresOptions::operator=(AresOptions &&other) noexcept = default;
AresOptions::~AresOptions() = default;

bool operator==(const AresOptions &a, const AresOptions &b)
{
    return a.d == b.d || *a.d == *b.d;
}

QList<AresServer> AresOptions::servers() const { return d->servers; }
void AresOptions::setServers(const QList<AresServer> &servers) { d->servers = servers; }

bool AresOptions::setServers(const QStringList &servers, QString *errorString)
{
    QList<AresServer> parsed;
    parsed.reserve(servers.size());
    for (const QString &text : servers) {
        const AresServer server = AresServer::fromString(text, errorString);
        if (!server.isValid())
            return false;
        parsed.append(server);
    }
    d->servers = parsed;
    return true;
}

QStringList AresOptions::serverStrings() const
{
    QStringList result;
    result.reserve(d->servers.size());
    for (const AresServer &server : d->servers)
        result.append(server.toString());
    return result;
}

std::chrono::milliseconds AresOptions::timeout() const { return d->timeout; }
void AresOptions::setTimeout(std::chrono::milliseconds timeout) { d->timeout = timeout; }
int AresOptions::tries() const { return d->tries; }
void AresOptions::setTries(int tries) { d->tries = tries; }
int AresOptions::ndots() const { return d->ndots; }
void AresOptions::setNdots(int ndots) { d->ndots = ndots; }
bool AresOptions::rotate() const { return d->rotate; }
void AresOptions::setRotate(bool rotate) { d->rotate = rotate; }
AresOptions::Flags AresOptions::flags() const { return d->flags; }
void AresOptions::setFlags(Flags flags) { d->flags = flags; }
void AresOptions::setFlag(Flag flag, bool on) { d->flags.setFlag(flag, on); }
int AresOptions::ednsPayloadSize() const { return d->ednsPayloadSize; }
void AresOptions::setEdnsPayloadSize(int size) { d->ednsPayloadSize = size; }
QStringList AresOptions::searchDomains() const { return d->searchDomains; }
void AresOptions::setSearchDomains(const QStringList &domains) { d->searchDomains = domains; }
AresOptions::LookupOrder AresOptions::lookupOrder() const { return d->lookupOrder; }
void AresOptions::setLookupOrder(LookupOrder order) { d->lookupOrder = order; }
quint16 AresOptions::udpPort() const { return d->udpPort; }
void AresOptions::setUdpPort(quint16 port) { d->udpPort = port; }
quint16 AresOptions::tcpPort() const { return d->tcpPort; }
void AresOptions::setTcpPort(quint16 port) { d->tcpPort = port; }
QHostAddress AresOptions::localIPv4Address() const { return d->localIPv4; }
void AresOptions::setLocalIPv4Address(const QHostAddress &address) { d->localIPv4 = address; }
QHostAddress AresOptions::localIPv6Address() const { return d->localIPv6; }
void AresOptions::setLocalIPv6Address(const QHostAddress &address) { d->localIPv6 = address; }
QString AresOptions::localDevice() const { return d->localDevice; }
void AresOptions::setLocalDevice(const QString &device) { d->localDevice = device; }
QString AresOptions::resolvConfPath() const { return d->resolvConfPath; }
void AresOptions::setResolvConfPath(const QString &path) { d->resolvConfPath = path; }
int AresOptions::socketSendBufferSize() const { return d->sendBuffer; }
void AresOptions::setSocketSendBufferSize(int bytes) { d->sendBuffer = bytes; }
int AresOptions::socketReceiveBufferSize() const { return d->receiveBuffer; }
void AresOptions::setSocketReceiveBufferSize(int bytes) { d->receiveBuffer = bytes; }
int AresOptions::maxQueriesInFlight() const { return d->maxQueriesInFlight; }
void AresOptions::setMaxQueriesInFlight(int queries) { d->maxQueriesInFlight = queries; }
bool AresOptions::adaptiveQueryWindow() const { return d->adaptiveQueryWindow; }
void AresOptions::setAdaptiveQueryWindow(bool adaptive) { d->adaptiveQueryWindow = adaptive; }
bool AresOptions::watchSystemConfiguration() const
{
    return d->watchSystemConfiguration;
}
void AresOptions::setWatchSystemConfiguration(bool watch)
{
    d->watchSystemConfiguration = watch;
}
std::chrono::milliseconds AresOptions::deadline() const { return d->deadline; }
void AresOptions::setDeadline(std::chrono::milliseconds deadline) { d->deadline = deadline; }

bool AresOptions::cacheEnabled() const { return d->cacheEnabled; }
void AresOptions::setCacheEnabled(bool enabled) { d->cacheEnabled = enabled; }
int AresOptions::maximumCacheEntries() const { return d->maximumCacheEntries; }
void AresOptions::setMaximumCacheEntries(int entries) { d->maximumCacheEntries = entries; }
std::chrono::seconds AresOptions::minimumTtl() const { return d->minimumTtl; }
void AresOptions::setMinimumTtl(std::chrono::seconds ttl) { d->minimumTtl = ttl; }
std::chrono::seconds AresOptions::maximumTtl() const { return d->maximumTtl; }
void AresOptions::setMaximumTtl(std::chrono::seconds ttl) { d->maximumTtl = ttl; }
std::chrono::seconds AresOptions::maximumNegativeTtl() const { return d->maximumNegativeTtl; }
void AresOptions::setMaximumNegativeTtl(std::chrono::seconds ttl) { d->maximumNegativeTtl = ttl; }
std::chrono::seconds AresOptions::staleAnswerLimit() const { return d->staleAnswerLimit; }
void AresOptions::setStaleAnswerLimit(std::chrono::seconds limit) { d->staleAnswerLimit = limit; }
AresOptions::EncryptionProfile AresOptions::encryptionProfile() const
{
    return d->encryptionProfile;
}
void AresOptions::setEncryptionProfile(EncryptionProfile profile)
{
    d->encryptionProfile = profile;
}
QSslConfiguration AresOptions::sslConfiguration() const
{
    return d->sslConfiguration;
}
void AresOptions::setSslConfiguration(const QSslConfiguration &configuration)
{
    d->sslConfiguration = configuration;
}

bool AresOptions::hasEncryptedServers() const
{
    for (const AresServer &server : d->servers) {
        if (server.isEncrypted())
            return true;
    }
    return false;
}

static bool isDomainName(const QString &domain)
{
    if (domain.isEmpty() || domain.size() > 253)
        return false;
    const QStringList labels = domain.split(u'.');
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QString &label = labels.at(i);
        if (label.isEmpty()) {
            if (i == labels.size() - 1 && i > 0)
                continue; // one trailing dot
            return false;
        }
        if (label.size() > 63)
            return false;
        for (QChar c : label) {
            if (!(c.isLetterOrNumber() || c == u'-' || c == u'_'))
                return false;
        }
    }
    return true;
}

bool AresOptions::validate(QString *errorString) const
{
    auto fail = [&](const QString &why) {
        if (errorString)
            *errorString = why;
        return false;
    };
    for (const AresServer &server : d->servers) {
        if (!server.isValid())
            return fail(QCoreApplication::translate("AresOptions", "invalid server address"));
        const auto p = server.address().protocol();
        if (p != QAbstractSocket::IPv4Protocol && p != QAbstractSocket::IPv6Protocol)
            return fail(QCoreApplication::translate("AresOptions", "server %1 is not an IPv4 or IPv6 address")
                                .arg(server.toString()));
        if (server.transport() == AresServer::Transport::Https && !server.path().startsWith(u'/'))
            return fail(QCoreApplication::translate("AresOptions",
                                                    "server %1: the DoH path must start with '/'")
                                .arg(server.toString()));
        if (server.isEncrypted() && server.transport() != d->servers.constFirst().transport()
            && d->servers.constFirst().isEncrypted())
            return fail(QCoreApplication::translate(
                    "AresOptions",
                    "DNS over TLS and DNS over HTTPS servers cannot be mixed (not supported yet)"));
        if (!server.authenticationName().isEmpty() && !isDomainName(server.authenticationName()))
            return fail(QCoreApplication::translate("AresOptions", "server %1: invalid authentication name")
                                .arg(server.toString()));
        for (const QByteArray &pin : server.spkiPins()) {
            if (pin.size() != 32)
                return fail(QCoreApplication::translate(
                                    "AresOptions", "server %1: an SPKI pin is not a SHA-256 digest")
                                    .arg(server.toString()));
        }
        if (server.isEncrypted() != d->servers.constFirst().isEncrypted())
            return fail(QCoreApplication::translate(
                    "AresOptions", "encrypted and plain servers cannot be mixed (not supported yet)"));
    }
    if (hasEncryptedServers()) {
        if (d->encryptionProfile != EncryptionProfile::Strict)
            return fail(QCoreApplication::translate(
                    "AresOptions", "the opportunistic encryption profile is not supported yet"));
        if (!d->localIPv4.isNull() || !d->localIPv6.isNull() || !d->localDevice.isEmpty())
            return fail(QCoreApplication::translate(
                    "AresOptions",
                    "a local address or device is not supported with encrypted servers yet"));
    }
    if (d->timeout < 1ms || d->timeout > std::chrono::milliseconds(std::numeric_limits<int>::max()))
        return fail(QCoreApplication::translate("AresOptions", "timeout must be at least 1 ms"));
    if (d->tries < 1 || d->tries > 100)
        return fail(QCoreApplication::translate("AresOptions", "tries must be 1..100"));
    if (d->ndots < -1 || d->ndots > 15)
        return fail(QCoreApplication::translate("AresOptions",
                                                "ndots must be 0..15 (or -1 for the system's)"));
    if (d->ednsPayloadSize < 512 || d->ednsPayloadSize > 65535)
        return fail(QCoreApplication::translate("AresOptions", "EDNS payload size must be 512..65535"));
    for (const QString &domain : d->searchDomains) {
        if (!isDomainName(domain))
            return fail(
                    QCoreApplication::translate("AresOptions", "invalid search domain \"%1\"").arg(domain));
    }
    if (!d->localIPv4.isNull() && d->localIPv4.protocol() != QAbstractSocket::IPv4Protocol)
        return fail(QCoreApplication::translate("AresOptions", "local IPv4 address is not IPv4"));
    if (!d->localIPv6.isNull() && d->localIPv6.protocol() != QAbstractSocket::IPv6Protocol)
        return fail(QCoreApplication::translate("AresOptions", "local IPv6 address is not IPv6"));
    if (d->localDevice.size() > 31 || d->localDevice.contains(QChar(0)))
        return fail(QCoreApplication::translate("AresOptions", "invalid local device name"));
    if (!d->resolvConfPath.isEmpty()) {
        const QFileInfo info(d->resolvConfPath);
        if (!info.isFile() || !info.isReadable())
            return fail(QCoreApplication::translate("AresOptions",
                                                    "resolv.conf \"%1\" is not a readable file")
                                .arg(d->resolvConfPath));
    }
    if (d->sendBuffer < 0 || d->receiveBuffer < 0)
        return fail(QCoreApplication::translate("AresOptions",
                                                "socket buffer sizes must not be negative"));
    if (d->maxQueriesInFlight < 0)
        return fail(QCoreApplication::translate("AresOptions",
                                                "maxQueriesInFlight must not be negative"));
    if (d->deadline < 0ms)
        return fail(QCoreApplication::translate("AresOptions", "deadline must not be negative"));
    if (d->maximumCacheEntries < 0)
        return fail(QCoreApplication::translate("AresOptions",
                                                "maximumCacheEntries must not be negative"));
    if (d->minimumTtl < 0s || d->maximumTtl < d->minimumTtl || d->maximumNegativeTtl < 0s
        || d->staleAnswerLimit < 0s) {
        return fail(QCoreApplication::translate(
                "AresOptions", "cache TTLs must not be negative, maximumTtl not below minimumTtl"));
    }
    return true;
}

#ifndef QT_NO_DEBUG_STREAM
QDebug operator<<(QDebug debug, const AresServer &server)
{
    const QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "AresServer(" << (server.isValid() ? server.toString() : QStringLiteral("invalid"))
                              << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const AresOptions &options)
{
    const QDebugStateSaver saver(debug);
    const AresOptions defaults;
    debug.nospace().noquote() << "AresOptions(servers ";
    if (options.servers().isEmpty())
        debug << "from resolv.conf";
    else
        debug << '[' << options.serverStrings().join(QStringLiteral(", ")) << ']';
    debug << ", timeout " << options.timeout().count() << " ms, tries " << options.tries()
          << ", deadline " << options.deadline().count() << " ms";
    // The rest only where it differs from the defaults.
    const auto other = [&](const char *name, const auto &value, const auto &defaultValue) {
        if (value != defaultValue)
            debug << ", " << name << ' ' << value;
    };
    other("ndots", options.ndots(), defaults.ndots());
    other("rotate", options.rotate(), defaults.rotate());
    if (options.flags() != defaults.flags())
        debug << ", flags " << options.flags();
    if (options.testFlag(AresOptions::Edns))
        debug << ", EDNS payload " << options.ednsPayloadSize();
    if (!options.searchDomains().isEmpty())
        debug << ", search [" << options.searchDomains().join(QStringLiteral(", ")) << ']';
    if (options.lookupOrder() != defaults.lookupOrder())
        debug << ", lookups " << options.lookupOrder();
    other("udpPort", options.udpPort(), defaults.udpPort());
    other("tcpPort", options.tcpPort(), defaults.tcpPort());
    other("localIPv4", options.localIPv4Address().toString(), defaults.localIPv4Address().toString());
    other("localIPv6", options.localIPv6Address().toString(), defaults.localIPv6Address().toString());
    other("device", options.localDevice(), defaults.localDevice());
    other("resolvConf", options.resolvConfPath(), defaults.resolvConfPath());
    other("sendBuffer", options.socketSendBufferSize(), defaults.socketSendBufferSize());
    other("receiveBuffer", options.socketReceiveBufferSize(), defaults.socketReceiveBufferSize());
    other("maxQueriesInFlight", options.maxQueriesInFlight(), defaults.maxQueriesInFlight());
    other("adaptiveQueryWindow", options.adaptiveQueryWindow(), defaults.adaptiveQueryWindow());
    other("watchSystemConfiguration", options.watchSystemConfiguration(),
          defaults.watchSystemConfiguration());
    other("cacheEnabled", options.cacheEnabled(), defaults.cacheEnabled());
    other("maximumCacheEntries", options.maximumCacheEntries(), defaults.maximumCacheEntries());
    other("minimumTtl", options.minimumTtl().count(), defaults.minimumTtl().count());
    other("maximumTtl", options.maximumTtl().count(), defaults.maximumTtl().count());
    other("maximumNegativeTtl", options.maximumNegativeTtl().count(),
          defaults.maximumNegativeTtl().count());
    other("staleAnswerLimit", options.staleAnswerLimit().count(),
          defaults.staleAnswerLimit().count());
    if (options.hasEncryptedServers())
        debug << ", encryption " << options.encryptionProfile();
    debug << ')';
    return debug;
}
#endif

#include "moc_aresoptions.cpp"
