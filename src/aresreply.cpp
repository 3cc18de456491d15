// SPDX-License-Identifier: MIT
#include "aresreply.h"

#include "engine/resolver_p.h"

// Not a QObject child of the resolver: removing a child from a QObject's
// children list is O(children), which made deleting 50,000 replies O(n^2).
// The resolver keeps its replies in an intrusive list instead and deletes
// the survivors when it is destroyed.
AresReply::AresReply(AresResolver *resolver, int id) : QObject(), d(new AresReplyPrivate(this))
{
    d->resolver = resolver;
    d->id = id;
}

AresReply::~AresReply()
{
    if (d->resolver) {
        if (!d->finished)
            d->resolver->d->cancel(d->id);
        d->resolver->d->detachReply(this);
    }
}

bool AresReply::isFinished() const { return d->finished; }
AresHostInfo AresReply::hostInfo() const { return d->info; }
AresRecordSet AresReply::recordSet() const { return d->records; }
AresNameInfo AresReply::nameInfo() const
{
    return d->nameInfo;
}
AresError AresReply::error() const { return d->info.error(); }
QString AresReply::errorString() const { return d->info.errorString(); }
int AresReply::lookupId() const { return d->id; }

void AresReply::abort()
{
    if (!d->finished && d->resolver)
        d->resolver->d->cancel(d->id);
}

#include "moc_aresreply.cpp"
