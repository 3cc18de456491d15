// SPDX-License-Identifier: MIT
// Host lookups of an AresHostRequest (getaddrinfo's service and hints): what
// QAres does itself before the lookup takes the path of lookupHost(name,
// family). The service becomes a port here, not in c-ares: the same on every
// c-ares version (1.18 looks up TCP services only), and for IP literals too.
#include "resolver_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtNetwork/qnetworkinterface.h>

using QAresPrivate::Lookup;

namespace {

constexpr AresHostRequest::Flags knownFlags = AresHostRequest::CanonicalName
        | AresHostRequest::NumericHost | AresHostRequest::NumericService | AresHostRequest::V4Mapped
        | AresHostRequest::All | AresHostRequest::AddressConfig | AresHostRequest::NoSort
        | AresHostRequest::NoCache;

// AI_ADDRCONFIG: the families this machine has an address of, loopback (and
// IPv6 link-local) addresses not counted.
AresResolver::Family configuredFamily()
{
    bool v4 = false;
    bool v6 = false;
    const QList<QHostAddress> addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &address : addresses) {
        if (address.isLoopback())
            continue;
        if (address.protocol() == QAbstractSocket::IPv4Protocol)
            v4 = true;
        else if (address.protocol() == QAbstractSocket::IPv6Protocol && !address.isLinkLocal())
            v6 = true;
    }
    if (v4 && !v6)
        return AresResolver::IPv4Family;
    if (v6 && !v4)
        return AresResolver::IPv6Family;
    return AresResolver::AnyFamily;
}

} // namespace

void AresResolverPrivate::startHostRequest(Lookup *lookup, const QString &name,
                                           const AresHostRequest &request)
{
    setUpHostRequest(lookup, name, request);
    if (!lookup->finished)
        enqueue(lookup);
}

void AresResolverPrivate::setUpHostRequest(Lookup *lookup, const QString &name,
                                           const AresHostRequest &request)
{
    const AresHostRequest::Flags flags = request.flags();
    AresResolver::Family family = request.family();
    auto reject = [&](const QString &reason) {
        lookup->unicodeName = name; // reported as hostName()
        lookup->nameChecked = true; // the request is refused, not its name
        lookup->weight = family == AresResolver::AnyFamily ? 2 : 1;
        finish(lookup, AresError::InvalidRequestError, reason);
    };
    if (flags & ~knownFlags)
        return reject(QCoreApplication::translate("AresResolver", "Unknown host lookup flags 0x%1")
                              .arg(int(flags & ~knownFlags), 0, 16));
    const QString service = request.service();
    if (!service.isEmpty()) {
        bool numeric = false;
        const uint number = service.toUInt(&numeric);
        if (numeric && number <= 0xFFFF) {
            lookup->hostPort = quint16(number);
        } else if (flags & AresHostRequest::NumericService) {
            return reject(QCoreApplication::translate(
                                  "AresResolver", "Service \"%1\" is not a port number (NumericService)")
                                  .arg(service));
        } else {
            const char *protocol =
                    request.socketType() == AresHostRequest::DatagramSocket ? "udp" : "tcp";
            const int port = numeric ? -1 : QAresPrivate::servicePort(service.toLatin1(), protocol);
            if (port < 0)
                return reject(QCoreApplication::translate("AresResolver", "Unknown service \"%1\" for %2")
                                      .arg(service, QLatin1String(protocol)));
            lookup->hostPort = quint16(port);
        }
    }
    if (flags & AresHostRequest::NumericHost)
        lookup->hostFlags |= Lookup::HostNumericOnly; // admit() refuses a name that is no literal
    if ((flags & AresHostRequest::AddressConfig) && family == AresResolver::AnyFamily)
        family = configuredFamily();
    if (flags & AresHostRequest::NoSort)
        lookup->hostFlags |= Lookup::HostNoSort;
    if (flags & AresHostRequest::NoCache)
        lookup->cacheFlags |= Lookup::CacheBypass;
    // As getaddrinfo(): AI_V4MAPPED only with AF_INET6, AI_ALL only with AI_V4MAPPED.
    if ((flags & AresHostRequest::V4Mapped) && family == AresResolver::IPv6Family) {
        lookup->hostFlags |= Lookup::HostV4Mapped;
        if (flags & AresHostRequest::All)
            lookup->hostFlags |= Lookup::HostAll;
    }
    setUpHost(lookup, name, family);
}
