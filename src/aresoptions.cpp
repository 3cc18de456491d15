// SPDX-License-Identifier: MIT
#include "aresoptions.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qdebug.h>
#include <QtCore/qfileinfo.h>

using namespace std::chrono_literals;

QString AresServer::toString() const
{
    if (m_address.protocol() == QAbstractSocket::IPv6Protocol)
        return u'[' + m_address.toString() + u"]:" + QString::number(m_port);
    return m_address.toString() + u':' + QString::number(m_port);
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

    QString host = t;
    QString portText;
    if (t.startsWith(u'[')) {
        const qsizetype close = t.indexOf(u']');
        if (close < 0)
            return fail(QCoreApplication::translate("AresOptions", "missing ']'"));
        host = t.mid(1, close - 1);
        const QString rest = t.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return fail(QCoreApplication::translate("AresOptions", "expected ':' after ']'"));
            portText = rest.mid(1);
            if (portText.isEmpty())
                return fail(QCoreApplication::translate("AresOptions", "empty port"));
        }
    } else if (t.count(u':') == 1) {
        const qsizetype colon = t.indexOf(u':');
        host = t.left(colon);
        portText = t.mid(colon + 1);
        if (portText.isEmpty())
            return fail(QCoreApplication::translate("AresOptions", "empty port"));
    }
    // More than one ':' without brackets: a bare IPv6 address.

    QHostAddress address;
    if (host.contains(u'%') || !address.setAddress(host))
        return fail(QCoreApplication::translate("AresOptions", "not an IP address"));
    if (address.protocol() != QAbstractSocket::IPv4Protocol
        && address.protocol() != QAbstractSocket::IPv6Protocol)
        return fail(QCoreApplication::translate("AresOptions", "not an IPv4 or IPv6 address"));
    if (t.startsWith(u'[') && address.protocol() != QAbstractSocket::IPv6Protocol)
        return fail(QCoreApplication::translate("AresOptions", "brackets are for IPv6 addresses"));

    quint16 port = 53;
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint p = portText.toUInt(&ok, 10);
        if (!ok || p == 0 || p > 65535)
            return fail(QCoreApplication::translate("AresOptions", "port must be 1..65535"));
        port = quint16(p);
    }
    return AresServer(address, port);
}

// Every option once: its type, name and default. The private's members and
// its operator== are both made from this list, so an option cannot be left
// out of the comparison.
#define QARES_OPTIONS_FIELDS(F)                                                        \
  F(QList<AresServer>, servers, )                                                      \
  F(std::chrono::milliseconds, timeout, 2000ms)                                        \
  F(int, tries, 2)                                                                     \
  F(int, ndots, -1)                                                                    \
  F(bool, rotate, false)                                                               \
  F(AresOptions::Flags, flags, )                                                       \
  F(int, ednsPayloadSize, 1232)                                                        \
  F(QStringList, searchDomains, )                                                      \
  F(AresOptions::LookupOrder, lookupOrder, AresOptions::LookupOrder::HostsFileThenDns) \
  F(quint16, udpPort, 0)                                                               \
  F(quint16, tcpPort, 0)                                                               \
  F(QHostAddress, localIPv4, )                                                         \
  F(QHostAddress, localIPv6, )                                                         \
  F(QString, localDevice, )                                                            \
  F(QString, resolvConfPath, )                                                         \
  F(int, sendBuffer, 0)                                                                \
  F(int, receiveBuffer, 1 << 20)                                                       \
  F(int, maxQueriesInFlight, 1000)                                                     \
  F(bool, adaptiveQueryWindow, true)                                                   \
  F(std::chrono::milliseconds, deadline, 10000ms)

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
std::chrono::milliseconds AresOptions::deadline() const { return d->deadline; }
void AresOptions::setDeadline(std::chrono::milliseconds deadline) { d->deadline = deadline; }

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
    debug << ')';
    return debug;
}
#endif

#include "moc_aresoptions.cpp"
