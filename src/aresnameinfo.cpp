// SPDX-License-Identifier: MIT
#include "aresnameinfo.h"
#include "aressharedempty_p.h"

#include <QtCore/qdebug.h>

class AresNameInfoPrivate : public QSharedData
{
public:
    QString hostName;
    QString serviceName;
    QHostAddress address;
    QString errorString;
    AresNameInfo::Flags flags;
    AresError error = AresError::NoError;
    int aresStatus = 0;
    int lookupId = -1;
    quint16 port = 0;
    bool numericHost = false;
};

AresNameInfo::AresNameInfo() : d(QAresPrivate::sharedEmpty<AresNameInfoPrivate>()) { }
AresNameInfo::AresNameInfo(const AresNameInfo &other) = default;
AresNameInfo::AresNameInfo(AresNameInfo &&other) noexcept = default;
AresNameInfo &AresNameInfo::operator=(const AresNameInfo &other) = default;
AresNameInfo &AresNameInfo::operator=(AresNameInfo &&other) noexcept = default;
AresNameInfo::~AresNameInfo() = default;

QString AresNameInfo::hostName() const
{
    return d->hostName;
}
void AresNameInfo::setHostName(const QString &name)
{
    d->hostName = name;
}
QString AresNameInfo::serviceName() const
{
    return d->serviceName;
}
void AresNameInfo::setServiceName(const QString &name)
{
    d->serviceName = name;
}
bool AresNameInfo::isNumericHost() const
{
    return d->numericHost;
}
void AresNameInfo::setNumericHost(bool numeric)
{
    d->numericHost = numeric;
}
QHostAddress AresNameInfo::address() const
{
    return d->address;
}
void AresNameInfo::setAddress(const QHostAddress &address)
{
    d->address = address;
}
QString AresNameInfo::addressString() const
{
    return d->address.toString();
}
quint16 AresNameInfo::port() const
{
    return d->port;
}
void AresNameInfo::setPort(quint16 port)
{
    d->port = port;
}
AresNameInfo::Flags AresNameInfo::flags() const
{
    return d->flags;
}
void AresNameInfo::setFlags(Flags flags)
{
    d->flags = flags;
}
AresError AresNameInfo::error() const
{
    return d->error;
}
void AresNameInfo::setError(AresError error)
{
    d->error = error;
}

QString AresNameInfo::errorString() const
{
    if (d->errorString.isEmpty() && d->error != AresError::NoError)
        return QAres::errorDescription(d->error);
    return d->errorString;
}

void AresNameInfo::setErrorString(const QString &errorString)
{
    d->errorString = errorString;
}
int AresNameInfo::aresStatus() const
{
    return d->aresStatus;
}
void AresNameInfo::setAresStatus(int status)
{
    d->aresStatus = status;
}
int AresNameInfo::lookupId() const
{
    return d->lookupId;
}
void AresNameInfo::setLookupId(int id)
{
    d->lookupId = id;
}

#ifndef QT_NO_DEBUG_STREAM
QDebug operator<<(QDebug debug, const AresNameInfo &info)
{
    const QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "AresNameInfo(" << info.addressString() << " port " << info.port();
    debug.quote();
    if (info.error() != AresError::NoError)
        debug << ", " << info.error() << ", " << info.errorString() << ')';
    else
        debug << ", " << info.hostName() << ", " << info.serviceName() << ')';
    return debug;
}
#endif

#include "moc_aresnameinfo.cpp"
