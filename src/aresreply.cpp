// SPDX-License-Identifier: MIT
#include "aresreply.h"

#include "aresresolver_p.h"

AresReply::AresReply(AresResolver *resolver, int id) : QObject(resolver), d(new AresReplyPrivate)
{
    d->resolver = resolver;
    d->id = id;
}

AresReply::~AresReply()
{
    if (!d->finished && d->resolver)
        d->resolver->d->cancel(d->id);
}

bool AresReply::isFinished() const { return d->finished; }
AresHostInfo AresReply::hostInfo() const { return d->info; }
AresRecordSet AresReply::recordSet() const { return d->records; }
AresError AresReply::error() const { return d->info.error(); }
QString AresReply::errorString() const { return d->info.errorString(); }
int AresReply::lookupId() const { return d->id; }

void AresReply::abort()
{
    if (!d->finished && d->resolver)
        d->resolver->d->cancel(d->id);
}

#include "moc_aresreply.cpp"
