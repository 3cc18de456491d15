// SPDX-License-Identifier: MIT
// The resolver's TTL cache (src/cache/, docs/caching.md): made from the
// options, handed to the current channel, flushed on request. One per
// resolver; a new configuration (setOptions(), a changed resolv.conf or
// hosts file) starts with an empty one.
#include "resolver_p.h"

#include <QtCore/qurl.h>

using QAresPrivate::Cache::DnsCache;

void AresResolverPrivate::configureCache(const AresOptions &options)
{
    for (const auto &channel : m_retiredChannels)
        channel->setCache(nullptr); // the old configuration's answers stay out
    if (!options.cacheEnabled()) {
        if (m_channel)
            m_channel->setCache(nullptr);
        m_cache.reset();
        return;
    }
    QAresPrivate::Cache::Limits limits;
    limits.minimumTtl = options.minimumTtl().count();
    limits.maximumTtl = options.maximumTtl().count();
    limits.maximumNegativeTtl = options.maximumNegativeTtl().count();
    limits.staleLimit = options.staleAnswerLimit().count();
    limits.maximumEntries = options.maximumCacheEntries();
    if (m_cache) {
        m_cache->clear();
        m_cache->setLimits(limits);
    } else {
        m_cache = std::make_unique<DnsCache>(limits);
    }
    if (m_channel)
        m_channel->setCache(m_cache.get());
}

void AresResolver::flushCache()
{
    if (d->m_cache)
        d->m_cache->clear();
}

void AresResolver::flushCache(const QString &name)
{
    if (!d->m_cache)
        return;
    const QByteArray wire = DnsCache::wireName(QUrl::toAce(name));
    if (!wire.isEmpty())
        d->m_cache->remove(wire);
}

int AresResolver::cacheSize() const
{
    return d->m_cache ? int(d->m_cache->size()) : 0;
}
