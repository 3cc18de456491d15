// SPDX-License-Identifier: MIT
#ifndef QMLRESOLVER_H
#define QMLRESOLVER_H

#include <aresoptions.h>
#include <aresresolver.h>

#include <QtCore/qobject.h>
#include <QtCore/qstringlist.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include <functional>
#include <memory>

/*!
    \qmltype Resolver
    A configured AresResolver for QML. Every option of AresOptions that makes
    sense in QML is a property; changes apply to lookups started afterwards.

    The underlying AresResolver is created on first use, after the element's
    properties are set. If the options are rejected (a bad server string, an
    out-of-range value) errorString says why, \c valid is false, and lookups
    through this resolver fail with AresError.ResolverError — they never fall
    back to the system's servers.

    Resolver has the enums of AresOptions (LookupOrder: Resolver.DnsOnly, ...;
    Flag; EncryptionProfile), the core's own.
*/
class QmlResolver : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(Resolver)
    QML_EXTENDED_NAMESPACE(AresOptions)
    //! "127.0.0.1:5353", "[::1]:53", "192.0.2.1"; empty: the system's servers.
    Q_PROPERTY(QStringList servers READ servers WRITE setServers NOTIFY optionsChanged)
    //! Per-try timeout in ms (c-ares doubles it per round); default 2000.
    Q_PROPERTY(int timeout READ timeout WRITE setTimeout NOTIFY optionsChanged)
    //! Tries per server (1 to 100); default 2.
    Q_PROPERTY(int tries READ tries WRITE setTries NOTIFY optionsChanged)
    //! Dots a name needs to be tried as-is before the search domains (0 to 15); -1: the system's.
    Q_PROPERTY(int ndots READ ndots WRITE setNdots NOTIFY optionsChanged)
    //! Search domains of search() and host lookups; empty: the system's (noSearch: none).
    Q_PROPERTY(QStringList searchDomains READ searchDomains WRITE setSearchDomains
                       NOTIFY optionsChanged)
    //! Spread queries over the servers in turn instead of always asking the first one first.
    Q_PROPERTY(bool rotate READ rotate WRITE setRotate NOTIFY optionsChanged)
    //! Always use TCP, never UDP.
    Q_PROPERTY(bool tcpOnly READ tcpOnly WRITE setTcpOnly NOTIFY optionsChanged)
    //! Only ever query the first server.
    Q_PROPERTY(bool primaryServerOnly READ primaryServerOnly WRITE setPrimaryServerOnly
                       NOTIFY optionsChanged)
    //! Accept truncated UDP answers instead of retrying over TCP.
    Q_PROPERTY(bool ignoreTruncation READ ignoreTruncation WRITE setIgnoreTruncation
                       NOTIFY optionsChanged)
    //! Clear the RD bit: ask the servers not to recurse.
    Q_PROPERTY(bool noRecursion READ noRecursion WRITE setNoRecursion NOTIFY optionsChanged)
    //! Never append search domains.
    Q_PROPERTY(bool noSearch READ noSearch WRITE setNoSearch NOTIFY optionsChanged)
    //! Send an EDNS0 OPT record (a larger UDP payload, 1232 bytes).
    Q_PROPERTY(bool edns READ edns WRITE setEdns NOTIFY optionsChanged)
    //! Keep the sockets open when no lookup is pending.
    Q_PROPERTY(bool stayOpen READ stayOpen WRITE setStayOpen NOTIFY optionsChanged)
    //! Where host and reverse lookups look: hosts file, DNS, or both in either order
    //! (Resolver.HostsFileThenDns, DnsThenHostsFile, DnsOnly, HostsFileOnly).
    Q_PROPERTY(AresOptions::LookupOrder lookupOrder READ lookupOrder WRITE setLookupOrder
                       NOTIFY optionsChanged)
    //! DNS queries in flight at once at most (A+AAAA counts two); default 1000, the ceiling of a
    //! window that starts at 150 and adapts to the round trip
    //! (AresOptions::adaptiveQueryWindow); 0: no cap.
    Q_PROPERTY(int maxQueriesInFlight READ maxQueriesInFlight WRITE setMaxQueriesInFlight
                       NOTIFY optionsChanged)
    //! The window grows from 150 towards maxQueriesInFlight while the round trip stays flat
    //! (default true); false: maxQueriesInFlight is a fixed cap.
    Q_PROPERTY(bool adaptiveQueryWindow READ adaptiveQueryWindow WRITE setAdaptiveQueryWindow
                       NOTIFY optionsChanged)
    //! Overall time per lookup in ms, queueing included; default 10000; 0: none.
    Q_PROPERTY(int deadline READ deadline WRITE setDeadline NOTIFY optionsChanged)
    //! Re-read resolv.conf and the hosts file when they change (default true;
    //! AresOptions::watchSystemConfiguration): see systemConfigurationChanged.
    Q_PROPERTY(bool watchSystemConfiguration READ watchSystemConfiguration WRITE
                       setWatchSystemConfiguration NOTIFY optionsChanged)
    // The TTL cache (AresOptions::cacheEnabled() and its limits; docs/caching.md).
    //! Keep answers for their TTL, coalesce identical lookups (default true).
    Q_PROPERTY(bool cacheEnabled READ cacheEnabled WRITE setCacheEnabled NOTIFY optionsChanged)
    //! Questions the cache keeps at most (default 10000).
    Q_PROPERTY(int maximumCacheEntries READ maximumCacheEntries WRITE setMaximumCacheEntries
                       NOTIFY optionsChanged)
    //! Shortest TTL kept, in seconds (default 0).
    Q_PROPERTY(int minimumTtl READ minimumTtl WRITE setMinimumTtl NOTIFY optionsChanged)
    //! Longest TTL kept, in seconds (default 86400).
    Q_PROPERTY(int maximumTtl READ maximumTtl WRITE setMaximumTtl NOTIFY optionsChanged)
    //! Longest a negative answer is kept, in seconds (default 900).
    Q_PROPERTY(int maximumNegativeTtl READ maximumNegativeTtl WRITE setMaximumNegativeTtl
                       NOTIFY optionsChanged)
    //! Serve-stale: how long past expiry an answer may be served when the servers fail, in
    //! seconds (default 0: off).
    Q_PROPERTY(int staleAnswerLimit READ staleAnswerLimit WRITE setStaleAnswerLimit
                       NOTIFY optionsChanged)
    //! Why the options are rejected; empty while they are accepted.
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    //! The options are accepted (errorString is empty); false: every lookup fails with
    //! ResolverError.
    Q_PROPERTY(bool valid READ isValid NOTIFY errorStringChanged)
public:
    explicit QmlResolver(QObject *parent = nullptr);
    ~QmlResolver() override;

    QStringList servers() const { return m_servers; }
    void setServers(const QStringList &servers);
    int timeout() const;
    void setTimeout(int ms);
    int tries() const;
    void setTries(int tries);
    int ndots() const;
    void setNdots(int ndots);
    QStringList searchDomains() const;
    void setSearchDomains(const QStringList &domains);
    bool rotate() const;
    void setRotate(bool on);
    bool tcpOnly() const { return m_options.testFlag(AresOptions::TcpOnly); }
    void setTcpOnly(bool on) { setFlag(AresOptions::TcpOnly, on); }
    bool primaryServerOnly() const { return m_options.testFlag(AresOptions::PrimaryServerOnly); }
    void setPrimaryServerOnly(bool on) { setFlag(AresOptions::PrimaryServerOnly, on); }
    bool ignoreTruncation() const { return m_options.testFlag(AresOptions::IgnoreTruncation); }
    void setIgnoreTruncation(bool on) { setFlag(AresOptions::IgnoreTruncation, on); }
    bool noRecursion() const { return m_options.testFlag(AresOptions::NoRecursion); }
    void setNoRecursion(bool on) { setFlag(AresOptions::NoRecursion, on); }
    bool noSearch() const { return m_options.testFlag(AresOptions::NoSearch); }
    void setNoSearch(bool on) { setFlag(AresOptions::NoSearch, on); }
    bool edns() const { return m_options.testFlag(AresOptions::Edns); }
    void setEdns(bool on) { setFlag(AresOptions::Edns, on); }
    bool stayOpen() const { return m_options.testFlag(AresOptions::StayOpen); }
    void setStayOpen(bool on) { setFlag(AresOptions::StayOpen, on); }
    AresOptions::LookupOrder lookupOrder() const;
    void setLookupOrder(AresOptions::LookupOrder order);
    int maxQueriesInFlight() const;
    void setMaxQueriesInFlight(int queries);
    bool adaptiveQueryWindow() const;
    void setAdaptiveQueryWindow(bool adaptive);
    int deadline() const;
    void setDeadline(int ms);
    bool watchSystemConfiguration() const;
    void setWatchSystemConfiguration(bool watch);

    bool cacheEnabled() const { return m_options.cacheEnabled(); }
    void setCacheEnabled(bool enabled);
    int maximumCacheEntries() const { return m_options.maximumCacheEntries(); }
    void setMaximumCacheEntries(int entries);
    int minimumTtl() const { return int(m_options.minimumTtl().count()); }
    void setMinimumTtl(int seconds);
    int maximumTtl() const { return int(m_options.maximumTtl().count()); }
    void setMaximumTtl(int seconds);
    int maximumNegativeTtl() const { return int(m_options.maximumNegativeTtl().count()); }
    void setMaximumNegativeTtl(int seconds);
    int staleAnswerLimit() const { return int(m_options.staleAnswerLimit().count()); }
    void setStaleAnswerLimit(int seconds);

    QString errorString() const { return m_errorString; }
    bool isValid() const { return m_errorString.isEmpty(); }

    /*!
        Aborts every pending lookup of this resolver (each finishes with
        OperationCancelledError).
    */
    Q_INVOKABLE void abortAll();
    /*! Lookups started and not yet delivered. */
    Q_INVOKABLE int pendingLookups() const;
    /*!
        Re-reads resolv.conf and the hosts file now
        (AresResolver::reloadSystemConfiguration()); false if they cannot
        be used (the configuration in force stays, a warning is logged).
    */
    Q_INVOKABLE bool reloadSystemConfiguration();
    /*!
        Empties the cache (AresResolver::flushCache()), or, with \a name,
        removes what it knows of that name.
    */
    Q_INVOKABLE void flushCache(const QString &name = QString());

    /*!
        The configured AresResolver, created on first call; nullptr while the
        options are rejected (see errorString()).
    */
    AresResolver *resolver();

    /*!
        The resolver a lookup element uses when it sets none: the
        DefaultResolver singleton of \a object's QML engine; nullptr outside an engine.
    */
    static QmlResolver *defaultFor(const QObject *object);

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    /*! Emitted after any option property changed (once per change). */
    void optionsChanged();
    /*! Emitted when errorString (and so valid) changes: options rejected or accepted again. */
    void errorStringChanged();
    /*!
        Emitted when the resolver re-read resolv.conf and the hosts file
        after one or the network changed, or on reloadSystemConfiguration()
        (AresResolver::systemConfigurationChanged()).
    */
    void systemConfigurationChanged();

private:
    // Every option's setter: when the value changes, the options are applied
    // (apply()) and optionsChanged() is emitted, once.
    template<typename T, typename Set>
    void setOption(const T &current, const T &value, Set &&set)
    {
        if (current == value)
            return;
        std::invoke(std::forward<Set>(set), m_options, value);
        apply();
        Q_EMIT optionsChanged();
    }
    void setFlag(AresOptions::Flag flag, bool on);
    void apply();
    void setErrorString(const QString &error);

    AresOptions m_options;
    QStringList m_servers;
    QString m_errorString;
    std::unique_ptr<AresResolver> m_resolver;
    bool m_complete = true;
};

/*!
    \qmltype DefaultResolver
    A singleton Resolver, one per QML engine: used by DnsLookup and
    LookupModel when their \c resolver is not set. Configure it like any
    Resolver: `DefaultResolver.servers = ["127.0.0.1:5353"]`. Without
    servers it uses the system's. Its enums are Resolver's:
    `DefaultResolver.lookupOrder = Resolver.DnsOnly` (Qt 6.4 gives a
    singleton no enums from an extension).
*/
class QmlDefaultResolver : public QmlResolver
{
    Q_OBJECT
    QML_NAMED_ELEMENT(DefaultResolver)
    QML_SINGLETON
public:
    explicit QmlDefaultResolver(QObject *parent = nullptr) : QmlResolver(parent) { }
};

#endif // QMLRESOLVER_H
