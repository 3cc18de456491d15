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
    through this resolver fail with DnsLookup.ResolverError — they never fall
    back to the system's servers.
*/
class QmlResolver : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(Resolver)
    //! "127.0.0.1:5353", "[::1]:53", "192.0.2.1"; empty: the system's servers.
    Q_PROPERTY(QStringList servers READ servers WRITE setServers NOTIFY optionsChanged)
    //! Per-try timeout in ms (c-ares doubles it per round); default 2000.
    Q_PROPERTY(int timeout READ timeout WRITE setTimeout NOTIFY optionsChanged)
    Q_PROPERTY(int tries READ tries WRITE setTries NOTIFY optionsChanged)
    //! -1: the system's.
    Q_PROPERTY(int ndots READ ndots WRITE setNdots NOTIFY optionsChanged)
    Q_PROPERTY(QStringList searchDomains READ searchDomains WRITE setSearchDomains NOTIFY optionsChanged)
    Q_PROPERTY(bool rotate READ rotate WRITE setRotate NOTIFY optionsChanged)
    Q_PROPERTY(bool tcpOnly READ tcpOnly WRITE setTcpOnly NOTIFY optionsChanged)
    Q_PROPERTY(bool primaryServerOnly READ primaryServerOnly WRITE setPrimaryServerOnly NOTIFY optionsChanged)
    Q_PROPERTY(bool ignoreTruncation READ ignoreTruncation WRITE setIgnoreTruncation NOTIFY optionsChanged)
    Q_PROPERTY(bool noRecursion READ noRecursion WRITE setNoRecursion NOTIFY optionsChanged)
    Q_PROPERTY(bool noSearch READ noSearch WRITE setNoSearch NOTIFY optionsChanged)
    Q_PROPERTY(bool edns READ edns WRITE setEdns NOTIFY optionsChanged)
    Q_PROPERTY(bool stayOpen READ stayOpen WRITE setStayOpen NOTIFY optionsChanged)
    Q_PROPERTY(LookupOrder lookupOrder READ lookupOrder WRITE setLookupOrder NOTIFY optionsChanged)
    //! DNS queries in flight at once at most (A+AAAA counts two); default 1000, the ceiling of a
    //! window that starts at 150 and adapts to the round trip (AresOptions::adaptiveQueryWindow); 0: no cap.
    Q_PROPERTY(int maxQueriesInFlight READ maxQueriesInFlight WRITE setMaxQueriesInFlight NOTIFY optionsChanged)
    //! The window grows from 150 towards maxQueriesInFlight while the round trip stays flat
    //! (default true); false: maxQueriesInFlight is a fixed cap.
    Q_PROPERTY(bool adaptiveQueryWindow READ adaptiveQueryWindow WRITE setAdaptiveQueryWindow NOTIFY optionsChanged)
    //! Overall time per lookup in ms, queueing included; default 10000; 0: none.
    Q_PROPERTY(int deadline READ deadline WRITE setDeadline NOTIFY optionsChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorStringChanged)
    Q_PROPERTY(bool valid READ isValid NOTIFY errorStringChanged)
public:
    enum LookupOrder {
        HostsFileThenDns = int(AresOptions::LookupOrder::HostsFileThenDns),
        DnsThenHostsFile = int(AresOptions::LookupOrder::DnsThenHostsFile),
        DnsOnly = int(AresOptions::LookupOrder::DnsOnly),
        HostsFileOnly = int(AresOptions::LookupOrder::HostsFileOnly),
    };
    Q_ENUM(LookupOrder)

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
    LookupOrder lookupOrder() const;
    void setLookupOrder(LookupOrder order);
    int maxQueriesInFlight() const;
    void setMaxQueriesInFlight(int queries);
    bool adaptiveQueryWindow() const;
    void setAdaptiveQueryWindow(bool adaptive);
    int deadline() const;
    void setDeadline(int ms);

    QString errorString() const { return m_errorString; }
    bool isValid() const { return m_errorString.isEmpty(); }

    /*! Aborts every pending lookup of this resolver (each finishes with OperationCancelledError). */
    Q_INVOKABLE void abortAll();
    /*! Lookups started and not yet delivered. */
    Q_INVOKABLE int pendingLookups() const;

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
    Resolver: \c{DefaultResolver.servers = ["127.0.0.1:5353"]}. Without
    servers it uses the system's.
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
