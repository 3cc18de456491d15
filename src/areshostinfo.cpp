// SPDX-License-Identifier: MIT
#include "areshostinfo.h"
#include "areshostinfo_p.h"
#include "aressharedempty_p.h"

#include "wire/dnswire_p.h"

#include <QtCore/qdebug.h>
#include <QtCore/qurl.h>

#include <algorithm>

using QAresPrivate::sharedEmpty;

AresHostInfo::AresHostInfo() : d(sharedEmpty<AresHostInfoPrivate>()) { }

namespace QAresPrivate {

AresHostInfoPrivate *HostInfoAccess::fill(AresHostInfo &info)
{
    if (info.d.constData() == sharedEmpty<AresHostInfoPrivate>())
        info.d.reset(new AresHostInfoPrivate); // nothing to copy from the shared empty one
    return info.d.data(); // detaches if shared
}

} // namespace QAresPrivate

AresHostInfo::AresHostInfo(const AresHostInfo &other) = default;
AresHostInfo::AresHostInfo(AresHostInfo &&other) noexcept = default;
AresHostInfo &AresHostInfo::operator=(const AresHostInfo &other) = default;
AresHostInfo &AresHostInfo::operator=(AresHostInfo &&other) noexcept = default;
AresHostInfo::~AresHostInfo() = default;

QString AresHostInfo::hostName() const { return d->hostName; }
void AresHostInfo::setHostName(const QString &name) { d->hostName = name; }
QString AresHostInfo::aceHostName() const { return d->aceHostName; }
void AresHostInfo::setAceHostName(const QString &name) { d->aceHostName = name; }
QString AresHostInfo::canonicalName() const { return d->canonicalName; }
void AresHostInfo::setCanonicalName(const QString &name) { d->canonicalName = name; }
QString AresHostInfo::aceCanonicalName() const
{
    return QString::fromLatin1(QUrl::toAce(d->canonicalName));
}

QStringList AresHostInfo::aliases() const { return d->aliases; }

QList<AresRecord> AresHostInfo::cnameChain() const
{
    QList<AresRecord> chain;
    chain.reserve(d->aliasTargets.size());
    for (qsizetype i = 0; i < d->aliasTargets.size() && i < d->aliases.size(); ++i) {
        const QByteArray target = QAresPrivate::Wire::encodeName(d->aliasTargets.at(i).toLatin1());
        chain.append(AresRecord::fromRdata(d->aliases.at(i), AresRecord::CNAME, target, d->aliasTtls.value(i)));
    }
    return chain;
}
void AresHostInfo::setAliases(const QStringList &aliases) { d->aliases = aliases; }
QList<QHostAddress> AresHostInfo::addresses() const { return d->addresses; }
void AresHostInfo::setAddresses(const QList<QHostAddress> &addresses) { d->addresses = addresses; }

QStringList AresHostInfo::addressStrings() const
{
    QStringList result;
    result.reserve(d->addresses.size());
    for (const QHostAddress &address : d->addresses)
        result.append(address.toString());
    return result;
}

QList<int> AresHostInfo::ttls() const { return d->ttls; }
void AresHostInfo::setTtls(const QList<int> &ttls) { d->ttls = ttls; }

int AresHostInfo::minimumTtl() const
{
    int result = -1;
    for (int ttl : d->ttls) {
        if (ttl >= 0 && (result < 0 || ttl < result))
            result = ttl;
    }
    return result;
}

QList<AresEndpoint> AresHostInfo::endpoints() const
{
    QList<AresEndpoint> result;
    result.reserve(d->addresses.size());
    for (qsizetype i = 0; i < d->addresses.size(); ++i)
        result.append(AresEndpoint(d->addresses.at(i), d->port, d->ttls.value(i, -1)));
    return result;
}

quint16 AresHostInfo::port() const
{
    return d->port;
}
void AresHostInfo::setPort(quint16 port)
{
    d->port = port;
}

AresError AresHostInfo::error() const { return d->error; }
void AresHostInfo::setError(AresError error) { d->error = error; }

QString AresHostInfo::errorString() const
{
    if (d->errorString.isEmpty() && d->error != AresError::NoError)
        return QAres::errorDescription(d->error);
    return d->errorString;
}

void AresHostInfo::setErrorString(const QString &errorString) { d->errorString = errorString; }
int AresHostInfo::aresStatus() const { return d->aresStatus; }
void AresHostInfo::setAresStatus(int status) { d->aresStatus = status; }
int AresHostInfo::lookupId() const { return d->lookupId; }
void AresHostInfo::setLookupId(int id) { d->lookupId = id; }

AresDiagnostics AresHostInfo::diagnostics() const
{
    return QAresPrivate::DiagnosticsAccess::make(d->queuedUs, d->wireUs, d->transport,
                                                 d->cacheState);
}

bool AresHostInfo::fromCache() const
{
    return d->cacheState & QAresPrivate::DiagnosticsAccess::FromCache;
}

bool AresHostInfo::isStale() const
{
    return d->cacheState & QAresPrivate::DiagnosticsAccess::Stale;
}

#ifndef QT_NO_DEBUG_STREAM
QDebug operator<<(QDebug debug, const AresHostInfo &info)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "AresHostInfo(" << info.hostName();
    if (info.error() != AresError::NoError) {
        debug << ", " << info.error() << ", " << info.errorString() << ')';
        return debug;
    }
    const QList<QHostAddress> addresses = info.addresses();
    const QList<int> ttls = info.ttls();
    for (qsizetype i = 0; i < addresses.size(); ++i)
        debug.noquote() << ", " << addresses.at(i).toString() << " ttl " << ttls.value(i);
    if (!info.canonicalName().isEmpty() && info.canonicalName() != info.hostName())
        debug.quote() << ", canonical " << info.canonicalName();
    debug << ')';
    return debug;
}
#endif

#include "moc_areshostinfo.cpp"
