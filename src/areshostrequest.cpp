// SPDX-License-Identifier: MIT
#include "aresresolver.h"
#include "aressharedempty_p.h"

class AresHostRequestPrivate : public QSharedData
{
public:
    QString name;
    QString service;
    AresHostRequest::Flags flags;
    AresResolver::Family family = AresResolver::AnyFamily;
    AresHostRequest::SocketType socketType = AresHostRequest::AnySocket;
};

AresHostRequest::AresHostRequest() : d(QAresPrivate::sharedEmpty<AresHostRequestPrivate>()) { }

AresHostRequest::AresHostRequest(const QString &name, AresResolver::Family family)
    : d(new AresHostRequestPrivate)
{
    d->name = name;
    d->family = family;
}

AresHostRequest::AresHostRequest(const AresHostRequest &other) = default;
AresHostRequest::AresHostRequest(AresHostRequest &&other) noexcept = default;
AresHostRequest &AresHostRequest::operator=(const AresHostRequest &other) = default;
AresHostRequest &AresHostRequest::operator=(AresHostRequest &&other) noexcept = default;
AresHostRequest::~AresHostRequest() = default;

QString AresHostRequest::name() const
{
    return d->name;
}
void AresHostRequest::setName(const QString &name)
{
    d->name = name;
}
AresResolver::Family AresHostRequest::family() const
{
    return d->family;
}
void AresHostRequest::setFamily(AresResolver::Family family)
{
    d->family = family;
}
QString AresHostRequest::service() const
{
    return d->service;
}
void AresHostRequest::setService(const QString &service)
{
    d->service = service;
}
void AresHostRequest::setPort(quint16 port)
{
    d->service = QString::number(port);
}
AresHostRequest::SocketType AresHostRequest::socketType() const
{
    return d->socketType;
}
void AresHostRequest::setSocketType(SocketType type)
{
    d->socketType = type;
}
AresHostRequest::Flags AresHostRequest::flags() const
{
    return d->flags;
}
void AresHostRequest::setFlags(Flags flags)
{
    d->flags = flags;
}
