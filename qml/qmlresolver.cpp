// SPDX-License-Identifier: MIT
#include "qmlresolver.h"

#include <QtQml/qqmlengine.h>

QmlResolver::QmlResolver(QObject *parent) : QObject(parent) { }

QmlResolver::~QmlResolver() = default;

void QmlResolver::classBegin()
{
    m_complete = false;
}

void QmlResolver::componentComplete()
{
    m_complete = true;
    apply();
}

using std::chrono::milliseconds;

void QmlResolver::setServers(const QStringList &servers)
{
    setOption(m_servers, servers, [this](AresOptions &, const QStringList &v) { m_servers = v; });
}

int QmlResolver::timeout() const
{
    return int(m_options.timeout().count());
}
void QmlResolver::setTimeout(int ms)
{
    setOption(timeout(), ms, [](AresOptions &o, int v) { o.setTimeout(milliseconds(v)); });
}

int QmlResolver::tries() const
{
    return m_options.tries();
}
void QmlResolver::setTries(int tries)
{
    setOption(this->tries(), tries, &AresOptions::setTries);
}

int QmlResolver::ndots() const
{
    return m_options.ndots();
}
void QmlResolver::setNdots(int ndots)
{
    setOption(this->ndots(), ndots, &AresOptions::setNdots);
}

QStringList QmlResolver::searchDomains() const
{
    return m_options.searchDomains();
}
void QmlResolver::setSearchDomains(const QStringList &domains)
{
    setOption(searchDomains(), domains, &AresOptions::setSearchDomains);
}

bool QmlResolver::rotate() const
{
    return m_options.rotate();
}
void QmlResolver::setRotate(bool on)
{
    setOption(rotate(), on, &AresOptions::setRotate);
}

AresOptions::LookupOrder QmlResolver::lookupOrder() const
{
    return m_options.lookupOrder();
}
void QmlResolver::setLookupOrder(AresOptions::LookupOrder order)
{
    setOption(lookupOrder(), order, &AresOptions::setLookupOrder);
}

int QmlResolver::maxQueriesInFlight() const
{
    return m_options.maxQueriesInFlight();
}
void QmlResolver::setMaxQueriesInFlight(int queries)
{
    setOption(maxQueriesInFlight(), queries, &AresOptions::setMaxQueriesInFlight);
}

bool QmlResolver::adaptiveQueryWindow() const
{
    return m_options.adaptiveQueryWindow();
}
void QmlResolver::setAdaptiveQueryWindow(bool adaptive)
{
    setOption(adaptiveQueryWindow(), adaptive, &AresOptions::setAdaptiveQueryWindow);
}

int QmlResolver::deadline() const
{
    return int(m_options.deadline().count());
}
void QmlResolver::setDeadline(int ms)
{
    setOption(deadline(), ms, [](AresOptions &o, int v) { o.setDeadline(milliseconds(v)); });
}

bool QmlResolver::watchSystemConfiguration() const
{
    return m_options.watchSystemConfiguration();
}
void QmlResolver::setWatchSystemConfiguration(bool watch)
{
    setOption(watchSystemConfiguration(), watch, &AresOptions::setWatchSystemConfiguration);
}

void QmlResolver::setCacheEnabled(bool enabled)
{
    setOption(cacheEnabled(), enabled, &AresOptions::setCacheEnabled);
}
void QmlResolver::setMaximumCacheEntries(int entries)
{
    setOption(maximumCacheEntries(), entries, &AresOptions::setMaximumCacheEntries);
}
void QmlResolver::setMinimumTtl(int seconds)
{
    setOption(minimumTtl(), seconds,
              [](AresOptions &o, int v) { o.setMinimumTtl(std::chrono::seconds(v)); });
}
void QmlResolver::setMaximumTtl(int seconds)
{
    setOption(maximumTtl(), seconds,
              [](AresOptions &o, int v) { o.setMaximumTtl(std::chrono::seconds(v)); });
}
void QmlResolver::setMaximumNegativeTtl(int seconds)
{
    setOption(maximumNegativeTtl(), seconds,
              [](AresOptions &o, int v) { o.setMaximumNegativeTtl(std::chrono::seconds(v)); });
}
void QmlResolver::setStaleAnswerLimit(int seconds)
{
    setOption(staleAnswerLimit(), seconds,
              [](AresOptions &o, int v) { o.setStaleAnswerLimit(std::chrono::seconds(v)); });
}

void QmlResolver::setFlag(AresOptions::Flag flag, bool on)
{
    setOption(m_options.testFlag(flag), on, [flag](AresOptions &o, bool v) { o.setFlag(flag, v); });
}

bool QmlResolver::reloadSystemConfiguration()
{
    AresResolver *const r = resolver();
    return r && r->reloadSystemConfiguration(); // a slot may destroy this: nothing after it
}

void QmlResolver::abortAll()
{
    if (m_resolver)
        m_resolver->abortAll();
}

int QmlResolver::pendingLookups() const
{
    return m_resolver ? m_resolver->pendingLookups() : 0;
}

void QmlResolver::flushCache(const QString &name)
{
    if (!m_resolver)
        return;
    if (name.isEmpty())
        m_resolver->flushCache();
    else
        m_resolver->flushCache(name);
}

void QmlResolver::setErrorString(const QString &error)
{
    if (m_errorString == error)
        return;
    m_errorString = error;
    Q_EMIT errorStringChanged();
}

// Validates the options and hands them to the resolver if it exists.
void QmlResolver::apply()
{
    if (!m_complete)
        return;
    QString error;
    if (!m_options.setServers(m_servers, &error)) {
        setErrorString(error);
        return;
    }
    if (!m_options.validate(&error)) {
        setErrorString(error);
        return;
    }
    if (m_resolver && !m_resolver->setOptions(m_options)) {
        setErrorString(m_resolver->errorString());
        return;
    }
    setErrorString(QString());
}

AresResolver *QmlResolver::resolver()
{
    if (!m_complete || !isValid())
        return nullptr;
    if (!m_resolver) {
        auto resolver = std::make_unique<AresResolver>(m_options);
        if (!resolver->errorString().isEmpty()) {
            // Rejected: it fell back to the defaults (the system's servers); never use it.
            setErrorString(resolver->errorString());
            return nullptr;
        }
        m_resolver = std::move(resolver);
        connect(m_resolver.get(), &AresResolver::systemConfigurationChanged, this,
                &QmlResolver::systemConfigurationChanged);
    }
    return m_resolver.get();
}

QmlResolver *QmlResolver::defaultFor(const QObject *object)
{
    QQmlEngine *engine = qmlEngine(object);
    if (!engine)
        return nullptr;
    static const int typeId = qmlTypeId("QAres", 1, 0, "DefaultResolver");
    return engine->singletonInstance<QmlDefaultResolver *>(typeId);
}
