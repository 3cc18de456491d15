// SPDX-License-Identifier: MIT
// Name-info lookups (lookupNameInfo()) in every result shape: a future, an
// AresReply, the resolver's nameInfoFinished() signal, a functor with a context.
#include "aresresolver.h"

#include "engine/resolver_p.h"

using QAresPrivate::Lookup;

QFuture<AresNameInfo> AresResolver::lookupNameInfo(const QHostAddress &address, quint16 port,
                                                   AresNameInfo::Flags flags)
{
    return d->startWithFuture<AresNameInfo>(Lookup::Kind::NameInfo,
                                            [d = d.get(), address, port, flags](Lookup *lookup) {
                                                d->startNameInfo(lookup, address, port, flags);
                                            });
}

AresReply *AresResolver::startNameInfoLookup(const QHostAddress &address, quint16 port,
                                             AresNameInfo::Flags flags)
{
    return d->startWithReply(Lookup::Kind::NameInfo, [&](Lookup *lookup) {
        d->startNameInfo(lookup, address, port, flags);
    });
}

int AresResolver::submitNameInfoLookup(const QHostAddress &address, quint16 port,
                                       AresNameInfo::Flags flags)
{
    return d->submitToSignal(Lookup::Kind::NameInfo,
                             [&](Lookup *lookup) { d->startNameInfo(lookup, address, port, flags); });
}

int AresResolver::lookupNameInfoWithCallback(const QHostAddress &address, quint16 port,
                                             AresNameInfo::Flags flags, const QObject *context,
                                             std::function<void(const AresNameInfo &)> callback)
{
    auto *sink = new QAresPrivate::ReceiverSink;
    QObject::connect(sink, &QAresPrivate::ReceiverSink::nameInfoReady, context,
                     [callback = std::move(callback)](const AresNameInfo &info) { callback(info); });
    return d->startWithSink(Lookup::Kind::NameInfo, sink, [&](Lookup *lookup) {
        d->startNameInfo(lookup, address, port, flags);
    });
}
