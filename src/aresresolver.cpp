// SPDX-License-Identifier: MIT
#include "aresresolver.h"

#include "engine/resolver_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qloggingcategory.h>

Q_LOGGING_CATEGORY(lcAres, "qares.resolver", QtWarningMsg)

using QAresPrivate::Channel;
using QAresPrivate::Lookup;

static Channel::Family toChannelFamily(AresResolver::Family family)
{
    switch (family) {
    case AresResolver::IPv4Family:
        return Channel::Family::IPv4;
    case AresResolver::IPv6Family:
        return Channel::Family::IPv6;
    case AresResolver::AnyFamily:
        break;
    }
    return Channel::Family::Any;
}

AresResolverPrivate::AresResolverPrivate(AresResolver *q)
    : q(q), m_deadlineTimer(q), m_cancelSweepTimer(q)
{
    qRegisterMetaType<AresHostInfo>();
    m_deadlineTimer.setSingleShot(true);
    QObject::connect(&m_deadlineTimer, &QTimer::timeout, q, [this] { onDeadlineTimer(); });
    m_cancelSweepTimer.setSingleShot(true);
    QObject::connect(&m_cancelSweepTimer, &QTimer::timeout, q, [this] { sweepCanceled(); });
}

bool AresResolverPrivate::applyOptions(const AresOptions &options)
{
    QString errorString;
    auto channel = Channel::create(options, this, &errorString);
    if (!channel) {
        m_errorString = errorString;
        qCDebug(lcAres) << "options rejected:" << errorString;
        return false;
    }
    if (m_channel) {
        // Lookups already in c-ares finish on the configuration they started with.
        if (m_channel->pendingRequests() > 0)
            m_retiredChannels.push_back(std::move(m_channel));
        else
            m_channel.reset();
    }
    m_channel = std::move(channel);
    m_channel->setParent(q); // owned by m_channel; a child so that tests can inspect its timer and notifiers
    m_options = options;
    configureCache(options);
    m_window.configure(options.maxQueriesInFlight(), options.adaptiveQueryWindow()); // a new channel: start over
    m_errorString.clear();
    watchSystemFiles();
    return true;
}

void AresResolverPrivate::watchSystemFiles()
{
    QStringList files;
    if (m_options.watchSystemConfiguration()) {
        // The files c-ares reads on Unix: resolv.conf (or resolvConfPath())
        // and the hosts file ($CARES_HOSTS, or /etc/hosts).
        files.append(m_options.resolvConfPath().isEmpty() ? QStringLiteral("/etc/resolv.conf")
                                                          : m_options.resolvConfPath());
        const QString hosts = qEnvironmentVariable("CARES_HOSTS");
        files.append(hosts.isEmpty() ? QStringLiteral("/etc/hosts") : hosts);
    }
    setWatchedFiles(files);
}

void AresResolverPrivate::setWatchedFiles(const QStringList &files)
{
    if (files == m_watchedFiles)
        return;
    if (!files.isEmpty() && !m_systemWatch) {
        m_systemWatch = QAresPrivate::SystemConfigWatcher::forCurrentThread();
        QObject::connect(m_systemWatch.get(), &QAresPrivate::SystemConfigWatcher::changed, q,
                         [this](const QString &path) { systemFileChanged(path); });
        QObject::connect(m_systemWatch.get(), &QAresPrivate::SystemConfigWatcher::networkChanged,
                         q, [this] { reloadSystemConfiguration("the network changed"); });
    }
    for (const QString &file : std::as_const(files))
        m_systemWatch->watch(file);
    if (m_systemWatch) {
        for (const QString &file : std::as_const(m_watchedFiles))
            m_systemWatch->unwatch(file);
    }
    m_watchedFiles = files;
    if (files.isEmpty() && m_systemWatch) {
        QObject::disconnect(m_systemWatch.get(), nullptr, q, nullptr);
        m_systemWatch.reset();
    }
}

void AresResolverPrivate::systemFileChanged(const QString &path)
{
    if (m_watchedFiles.contains(path))
        reloadSystemConfiguration(qPrintable(path));
}

bool AresResolverPrivate::reloadSystemConfiguration(const char *reason)
{
    if (m_destroying)
        return false;
    if (!applyOptions(m_options)) {
        // E.g. a resolv.conf line starting with NUL: keep the configuration in force.
        qCWarning(lcAres).nospace() << "not following " << reason << ": " << m_errorString;
        return false;
    }
    qCDebug(lcAres) << "system configuration re-read:" << reason;
    scheduleDelivery(); // queued lookups go to the new channel
    Q_EMIT q->systemConfigurationChanged(); // last: a slot may delete the resolver
    return true;
}

// The name is kept as given: admit() checks it (scheduler.cpp).
void AresResolverPrivate::setUpHost(Lookup *lookup, const QString &name,
                                    AresResolver::Family family)
{
    lookup->family = toChannelFamily(family);
    lookup->weight =
            family == AresResolver::AnyFamily || (lookup->hostFlags & Lookup::HostV4Mapped) ? 2 : 1;
    lookup->unicodeName = name; // until admit() checked it; reported as hostName() if invalid
    if (m_destroying) {
        lookup->nameChecked = true; // not looked at
        finish(lookup, AresError::ResolverDestroyedError,
               QCoreApplication::translate("AresResolver",
                                           "Resolver destroyed before the lookup could start"));
    }
}

void AresResolverPrivate::startHost(Lookup *lookup, const QString &name,
                                    AresResolver::Family family)
{
    setUpHost(lookup, name, family);
    if (!lookup->finished)
        enqueue(lookup);
}

bool AresResolverPrivate::rejectAddress(Lookup *lookup, const QHostAddress &address,
                                        const char *invalidText)
{
    if (m_destroying) {
        finish(lookup, AresError::ResolverDestroyedError,
               QCoreApplication::translate("AresResolver",
                                           "Resolver destroyed before the lookup could start"));
        return true;
    }
    const auto protocol = address.protocol();
    if (protocol != QAbstractSocket::IPv4Protocol && protocol != QAbstractSocket::IPv6Protocol) {
        finish(lookup, AresError::InvalidRequestError,
               QCoreApplication::translate("AresResolver", invalidText));
        return true;
    }
    return false;
}

void AresResolverPrivate::startAddress(Lookup *lookup, const QHostAddress &address)
{
    lookup->address = address;
    if (!rejectAddress(lookup, address,
                       QT_TRANSLATE_NOOP("AresResolver", "Invalid address for a reverse lookup")))
        enqueue(lookup);
}

void AresResolverPrivate::dropIdleChannels()
{
    m_retiredChannels.erase(std::remove_if(m_retiredChannels.begin(), m_retiredChannels.end(),
                                           [](const auto &channel) { return channel->pendingRequests() == 0; }),
                            m_retiredChannels.end());
}

void AresResolverPrivate::shutdown()
{
    m_destroying = true;
    setWatchedFiles({});
    m_deadlineTimer.stop();
    m_cancelSweepTimer.stop();
    const QString destroyed = QCoreApplication::translate("AresResolver", "Resolver destroyed");
    m_lookups.forEach([&](Lookup *lookup) {
        if (!lookup->inCares)
            finish(lookup, AresError::ResolverDestroyedError, destroyed);
    });
    // The names of lookupHosts()/queryNames() calls still queued: a lookup
    // each, finished the same way, delivered below.
    for (QAresPrivate::BatchFeed *feed : std::as_const(m_feeds)) {
        while (!feed->done()) {
            Lookup *lookup = makeFeedLookup(feed);
            finish(lookup, AresError::ResolverDestroyedError, destroyed);
        }
    }
    clearQueue();
    // ares_destroy() calls back for every request still in c-ares
    // (ARES_EDESTRUCTION), synchronously.
    m_channel.reset();
    m_retiredChannels.clear();
    // Deliver everything now; user code may still start lookups (they finish
    // at once with ResolverDestroyedError) until nothing is left.
    while (!m_completed.empty()) {
        Lookup *lookup = m_completed.front();
        m_completed.pop_front();
        deliver(lookup);
    }
    flushBatches(); // nothing left: every batch got its last result above
    // Replies are deleted with the resolver (they are not its QObject children).
    while (m_replies)
        delete m_replies; // ~AresReply() unlinks it
}

// ---------------------------------------------------------------------------

AresResolver::AresResolver(QObject *parent) : AresResolver(AresOptions(), parent) { }

AresResolver::AresResolver(const AresOptions &options, QObject *parent)
    : QObject(parent), d(new AresResolverPrivate(this))
{
    if (!d->applyOptions(options)) {
        const QString reason = d->m_errorString;
        qCWarning(lcAres) << "options rejected, using the defaults:" << reason;
        d->applyOptions(AresOptions());
        d->m_errorString = reason;
    }
}

AresResolver::~AresResolver()
{
    d->shutdown();
}

AresOptions AresResolver::options() const
{
    return d->m_options;
}

bool AresResolver::setOptions(const AresOptions &options)
{
    if (d->m_destroying)
        return false;
    if (options == d->m_options && d->m_channel) {
        d->m_errorString.clear();
        return true;
    }
    if (!d->applyOptions(options))
        return false;
    Q_EMIT optionsChanged();
    d->scheduleDelivery(); // the cap may have grown: let queued lookups in
    return true;
}

bool AresResolver::reloadSystemConfiguration()
{
    return d->reloadSystemConfiguration("reloadSystemConfiguration()");
}

QString AresResolver::errorString() const
{
    return d->m_errorString;
}

QFuture<AresHostInfo> AresResolver::lookupHost(const QString &name, Family family)
{
    return d->startWithFuture<AresHostInfo>(Lookup::Kind::Host, [d = d.get(), name, family](Lookup *lookup) {
        d->startHost(lookup, name, family);
    });
}

QFuture<AresHostInfo> AresResolver::lookupAddress(const QHostAddress &address)
{
    return d->startWithFuture<AresHostInfo>(Lookup::Kind::Address, [d = d.get(), address](Lookup *lookup) {
        d->startAddress(lookup, address);
    });
}

QFuture<AresHostInfo> AresResolver::lookupHosts(const QStringList &names, Family family)
{
    return d->startBatch<AresHostInfo>(Lookup::Kind::Host, names,
                                       [d = d.get(), family](Lookup *lookup, const QString &name) {
                                           d->setUpHost(lookup, name, family);
                                       });
}

AresReply *AresResolver::startHostLookup(const QString &name, Family family)
{
    return d->startWithReply(Lookup::Kind::Host,
                             [&](Lookup *lookup) { d->startHost(lookup, name, family); });
}

AresReply *AresResolver::startAddressLookup(const QHostAddress &address)
{
    return d->startWithReply(Lookup::Kind::Address,
                             [&](Lookup *lookup) { d->startAddress(lookup, address); });
}

int AresResolver::submitHostLookup(const QString &name, Family family)
{
    return d->submitToSignal(Lookup::Kind::Host, [&](Lookup *l) { d->startHost(l, name, family); });
}

QFuture<AresHostInfo> AresResolver::lookupHost(const AresHostRequest &request)
{
    return d->startWithFuture<AresHostInfo>(Lookup::Kind::Host, [d = d.get(), request](Lookup *lookup) {
        d->startHostRequest(lookup, request.name(), request);
    });
}

QFuture<AresHostInfo> AresResolver::lookupHosts(const QStringList &names, const AresHostRequest &request)
{
    return d->startBatch<AresHostInfo>(Lookup::Kind::Host, names,
                                       [d = d.get(), request](Lookup *lookup, const QString &name) {
                                           d->setUpHostRequest(lookup, name, request);
                                       });
}

AresReply *AresResolver::startHostLookup(const AresHostRequest &request)
{
    return d->startWithReply(Lookup::Kind::Host, [&](Lookup *lookup) {
        d->startHostRequest(lookup, request.name(), request);
    });
}

int AresResolver::submitHostLookup(const AresHostRequest &request)
{
    return d->submitToSignal(Lookup::Kind::Host,
                             [&](Lookup *l) { d->startHostRequest(l, request.name(), request); });
}

int AresResolver::submitAddressLookup(const QHostAddress &address)
{
    return d->submitToSignal(Lookup::Kind::Address, [&](Lookup *l) { d->startAddress(l, address); });
}

void AresResolver::abortLookup(int id)
{
    d->cancel(id);
}

int AresResolver::lookupHost(const QString &name, const QObject *receiver, const char *member)
{
    auto *sink = new QAresPrivate::ReceiverSink;
    QObject::connect(sink, SIGNAL(hostInfoReady(AresHostInfo)), receiver, member);
    return d->startWithSink(Lookup::Kind::Host, sink,
                            [&](Lookup *lookup) { d->startHost(lookup, name, AnyFamily); });
}

int AresResolver::lookupHostWithCallback(const QString &name, const QObject *context,
                                         std::function<void(const AresHostInfo &)> callback)
{
    auto *sink = new QAresPrivate::ReceiverSink;
    QObject::connect(sink, &QAresPrivate::ReceiverSink::hostInfoReady, context,
                     [callback = std::move(callback)](const AresHostInfo &info) { callback(info); });
    return d->startWithSink(Lookup::Kind::Host, sink,
                            [&](Lookup *lookup) { d->startHost(lookup, name, AnyFamily); });
}

void AresResolver::abortHostLookup(int id)
{
    // Lookups with a receiver or functor only (lookupHost(name, receiver,
    // member), lookup…WithCallback()): the receiver is not called.
    Lookup *lookup = d->m_lookups.find(id);
    if (!lookup || !lookup->sink || lookup->sink->shape() != QAresPrivate::Sink::Shape::Receiver)
        return;
    delete std::exchange(lookup->sink, nullptr);
    d->cancel(id);
}

void AresResolver::abortAll()
{
    d->abortAll();
}

int AresResolver::pendingLookups() const
{
    return d->m_undelivered;
}

int AresResolver::queriesInFlight() const
{
    return d->m_queriesInFlight;
}

int AresResolver::queryWindow() const
{
    return d->m_window.window();
}

#include "moc_aresresolver.cpp"
