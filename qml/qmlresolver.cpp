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

void QmlResolver::setServers(const QStringList &servers)
{
    if (m_servers == servers)
        return;
    m_servers = servers;
    apply();
    Q_EMIT optionsChanged();
}

int QmlResolver::timeout() const
{
    return int(m_options.timeout().count());
}

void QmlResolver::setTimeout(int ms)
{
    if (timeout() == ms)
        return;
    m_options.setTimeout(std::chrono::milliseconds(ms));
    apply();
    Q_EMIT optionsChanged();
}

int QmlResolver::tries() const
{
    return m_options.tries();
}

void QmlResolver::setTries(int tries)
{
    if (m_options.tries() == tries)
        return;
    m_options.setTries(tries);
    apply();
    Q_EMIT optionsChanged();
}

int QmlResolver::ndots() const
{
    return m_options.ndots();
}

void QmlResolver::setNdots(int ndots)
{
    if (m_options.ndots() == ndots)
        return;
    m_options.setNdots(ndots);
    apply();
    Q_EMIT optionsChanged();
}

QStringList QmlResolver::searchDomains() const
{
    return m_options.searchDomains();
}

void QmlResolver::setSearchDomains(const QStringList &domains)
{
    if (m_options.searchDomains() == domains)
        return;
    m_options.setSearchDomains(domains);
    apply();
    Q_EMIT optionsChanged();
}

bool QmlResolver::rotate() const
{
    return m_options.rotate();
}

void QmlResolver::setRotate(bool on)
{
    if (m_options.rotate() == on)
        return;
    m_options.setRotate(on);
    apply();
    Q_EMIT optionsChanged();
}

QmlResolver::LookupOrder QmlResolver::lookupOrder() const
{
    return LookupOrder(int(m_options.lookupOrder()));
}

void QmlResolver::setLookupOrder(LookupOrder order)
{
    if (lookupOrder() == order)
        return;
    m_options.setLookupOrder(AresOptions::LookupOrder(int(order)));
    apply();
    Q_EMIT optionsChanged();
}

int QmlResolver::maxQueriesInFlight() const
{
    return m_options.maxQueriesInFlight();
}

void QmlResolver::setMaxQueriesInFlight(int queries)
{
    if (m_options.maxQueriesInFlight() == queries)
        return;
    m_options.setMaxQueriesInFlight(queries);
    apply();
    Q_EMIT optionsChanged();
}

bool QmlResolver::adaptiveQueryWindow() const
{
    return m_options.adaptiveQueryWindow();
}

void QmlResolver::setAdaptiveQueryWindow(bool adaptive)
{
    if (m_options.adaptiveQueryWindow() == adaptive)
        return;
    m_options.setAdaptiveQueryWindow(adaptive);
    apply();
    Q_EMIT optionsChanged();
}

int QmlResolver::deadline() const
{
    return int(m_options.deadline().count());
}

void QmlResolver::setDeadline(int ms)
{
    if (deadline() == ms)
        return;
    m_options.setDeadline(std::chrono::milliseconds(ms));
    apply();
    Q_EMIT optionsChanged();
}

void QmlResolver::setFlag(AresOptions::Flag flag, bool on)
{
    if (m_options.testFlag(flag) == on)
        return;
    m_options.setFlag(flag, on);
    apply();
    Q_EMIT optionsChanged();
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
