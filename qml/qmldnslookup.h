// SPDX-License-Identifier: MIT
#ifndef QMLDNSLOOKUP_H
#define QMLDNSLOOKUP_H

#include <areserror.h>
#include <areshostinfo.h>
#include <aresresolver.h>

#include <QtCore/qabstractitemmodel.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qpointer.h>
#include <QtCore/qvariant.h>
#include <QtQml/qqml.h>
#include <QtQml/qqmlparserstatus.h>

#include "qmlrecords.h"
#include "qmlresolver.h"

/*!
    The answers of one lookup as a list model, one row per record, for a
    ListView or Repeater. Owned by its DnsLookup.

    Roles: \c type (wire value), \c typeName, \c name (owner), \c ttl (seconds,
    -1 unknown), \c display (the RDATA as dig prints it: "10 mx1.example.org."),
    \c record (the whole record as a JS object, as in DnsLookup.records), and
    for A/AAAA (and the queried address of Reverse) \c address and \c family
    ("IPv4"/"IPv6"); empty strings for other types.
*/
class QmlDnsResultModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    //! The number of rows (records).
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    //! The role ids (from Qt::UserRole + 1); QML reads the roles by name.
    enum Roles {
        AddressRole = Qt::UserRole + 1,
        TtlRole,
        FamilyRole,
        TypeRole,
        TypeNameRole,
        NameRole,
        DisplayRole,
        RecordRole,
    };
    Q_ENUM(Roles)

    explicit QmlDnsResultModel(QObject *parent = nullptr) : QAbstractListModel(parent) { }
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_records.size()); }
    /*! Replaces the rows with \a records (QmlRecords::toMap() objects). */
    void setRecords(const QVariantList &records);

Q_SIGNALS:
    /*! Emitted after the rows were replaced with a different number of rows. */
    void countChanged();

private:
    QVariantList m_records;
};

/*!
    \qmltype DnsLookup
    One declarative lookup. Set \c name (and \c type), then call start(), or
    set \c autoStart to run it on creation and again whenever name, type,
    search or resolver change. One element can run any number of lookups in
    turn, of any type; start() while running abandons the running lookup (its
    answer is dropped and finished is not emitted for it).

    \c type is a host lookup (DnsLookup.Host, HostIPv4, HostIPv6: getaddrinfo
    semantics), a reverse lookup (DnsLookup.Reverse, name = an address), or
    any DNS record type by its wire value: DnsLookup.A, MX, TXT, SRV, HTTPS,
    CAA, ... or any number 1..65535 (unknown types come back raw). Record
    types run AresResolver::query(), or search() when \c search is set.
    DnsLookup has the enums of AresRecord (Type and SvcParamKey, the core's
    own: a record type added there is DnsLookup's too); \c error is one of
    AresError's values.
    DnsLookup.NameInfo runs AresResolver::lookupNameInfo() (getnameinfo) of
    the address in name with \c port and \c nameInfoFlags: hostName and
    serviceName give the result.

    While running, the result properties of the previous lookup are cleared.
    When the lookup ends — answer, error, abort(), deadline, or the resolver
    going away — the properties are updated first, then \c finished is
    emitted, exactly once per start(), from the event loop (never inside start()).
*/
class QmlDnsLookup : public QObject, public QQmlParserStatus
{
    Q_OBJECT
    Q_INTERFACES(QQmlParserStatus)
    QML_NAMED_ELEMENT(DnsLookup)
    QML_EXTENDED_NAMESPACE(AresRecord)
    //! What to look up: a host name, an address (Reverse), or the owner name of the records.
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged)
    //! A record type (DnsLookup.MX: AresRecord::Type, or any wire value 1..65535) or a Kind.
    Q_PROPERTY(int type READ type WRITE setType NOTIFY typeChanged)
    //! Record types only: true runs search() (search domains, ndots), false query() (exactly name).
    Q_PROPERTY(bool search READ search WRITE setSearch NOTIFY searchChanged)
    //! null: the engine's DefaultResolver.
    Q_PROPERTY(QmlResolver *resolver READ resolver WRITE setResolver NOTIFY resolverChanged)
    //! true: start() on creation and whenever name, type, search or resolver change.
    Q_PROPERTY(bool autoStart READ autoStart WRITE setAutoStart NOTIFY autoStartChanged)
    //! A lookup is running: status is Running.
    Q_PROPERTY(bool running READ isRunning NOTIFY statusChanged)
    //! Idle (none started yet), Running, Done (answered) or Failed (see error).
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    //! Why the last lookup failed (AresError.NotFoundError, ...); AresError.NoError while
    //! running and when it succeeded.
    Q_PROPERTY(QAres::Error error READ error NOTIFY resultChanged)
    //! The error as text, for people; empty without error.
    Q_PROPERTY(QString errorString READ errorString NOTIFY resultChanged)
    //! Addresses as strings: host lookups, A/AAAA record queries, the queried address for Reverse.
    Q_PROPERTY(QStringList addresses READ addresses NOTIFY resultChanged)
    //! TTL in seconds per address, parallel to addresses; -1 where unknown.
    Q_PROPERTY(QList<int> ttls READ ttls NOTIFY resultChanged)
    //! The smallest TTL of the answers (records); -1 if none is known.
    Q_PROPERTY(int minimumTtl READ minimumTtl NOTIFY resultChanged)
    //! [{ address, ttl, family }, ...]: a JS-friendly copy of the addresses.
    Q_PROPERTY(QVariantList results READ results NOTIFY resultChanged)
    /*!
        Every answer record as a JS object: { type, typeName, name, ttl,
        display, decoded, rdata, ...the fields of its type } (see docs/qml.md).
        Host lookups give their addresses as A/AAAA records, Reverse its PTR names.
    */
    Q_PROPERTY(QVariantList records READ records NOTIFY resultChanged)
    //! The same records as a list model (roles type, typeName, name, ttl, display, record,
    //! address, family).
    Q_PROPERTY(QAbstractItemModel *model READ model CONSTANT)
    //! The end of the CNAME chain (the records' owner).
    Q_PROPERTY(QString canonicalName READ canonicalName NOTIFY resultChanged)
    //! The CNAME records followed, in order, as records objects (host lookups and record queries).
    Q_PROPERTY(QVariantList cnameChain READ cnameChain NOTIFY resultChanged)
    //! For Reverse: the name found; otherwise the name asked for.
    Q_PROPERTY(QString hostName READ hostName NOTIFY resultChanged)
    //! Host lookups: the CNAME owners followed; Reverse: the PTR names after hostName; record
    //! queries: the owners of cnameChain.
    Q_PROPERTY(QStringList aliases READ aliases NOTIFY resultChanged)
    //! Record queries: the reply's response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, ...);
    //! -1 unknown.
    Q_PROPERTY(int rcode READ rcode NOTIFY resultChanged)
    //! Record queries: the reply had the AA bit.
    Q_PROPERTY(bool authoritative READ authoritative NOTIFY resultChanged)
    //! Record queries, negative answers: min(SOA TTL, SOA minimum) (RFC 2308); -1 without SOA.
    Q_PROPERTY(int negativeTtl READ negativeTtl NOTIFY resultChanged)
    //! Record queries, negative answers: the authority section's SOA as a record object; {} if
    //! none.
    Q_PROPERTY(QVariantMap authoritySoa READ authoritySoa NOTIFY resultChanged)
    //! NameInfo: the port whose service name is looked up (0..65535; 0: none). Host kinds: the
    //! endpoints' port when service is empty.
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY portChanged)
    //! Host kinds: a service name ("https") or port number; the endpoints get its port.
    Q_PROPERTY(QString service READ service WRITE setService NOTIFY serviceChanged)
    //! Host kinds: AresHostRequest.Flag values (AresHostRequest.V4Mapped, ...) combined with |.
    Q_PROPERTY(int hostFlags READ hostFlags WRITE setHostFlags NOTIFY hostFlagsChanged)
    //! Host kinds: [{ address, port, ttl }, ...], the addresses with the service's port (0
    //! without one).
    Q_PROPERTY(QVariantList endpoints READ endpoints NOTIFY resultChanged)
    //! NameInfo: AresNameInfo.Flag values (AresNameInfo.NoFqdn, ...) combined with |.
    Q_PROPERTY(int nameInfoFlags READ nameInfoFlags WRITE setNameInfoFlags
                       NOTIFY nameInfoFlagsChanged)
    //! NameInfo: the port's service name ("http"), or the port as a number; empty for port 0.
    Q_PROPERTY(QString serviceName READ serviceName NOTIFY resultChanged)
    //! NameInfo: hostName is the address as text (NumericHost, or no name found).
    Q_PROPERTY(bool numericHost READ numericHost NOTIFY resultChanged)
    /*!
        Milliseconds the lookup took as the resolver measured it
        (diagnostics.totalMs, rounded: without the delivery to this element);
        from start() to the delivery for failures found before the resolver
        started it; -1 before the first one ended.
    */
    Q_PROPERTY(int elapsed READ elapsed NOTIFY resultChanged)
    /*!
        How the resolver obtained the result (AresDiagnostics: queuedMs,
        wireMs, totalMs, submitted, valid); invalid while running and for
        failures found before the resolver started the lookup.
    */
    Q_PROPERTY(AresDiagnostics diagnostics READ diagnostics NOTIFY resultChanged)
public:
    /*!
        The lookup kinds of \c type besides the record types: host lookups
        (getaddrinfo semantics: hosts file, search domains, A and/or AAAA),
        reverse and name-info lookups, valued above 0xFFFF. The record types
        themselves are AresRecord::Type's (DnsLookup.A, MX, ...): any value
        1..65535 is one.
    */
    enum Kind {
        Host = QmlRecords::HostKindAny, //!< A and AAAA
        HostIPv4 = QmlRecords::HostKindIPv4, //!< A only
        HostIPv6 = QmlRecords::HostKindIPv6, //!< AAAA only
        Reverse = QmlRecords::HostKindReverse, //!< PTR of the address in name
        NameInfo = QmlRecords::HostKindNameInfo, //!< getnameinfo of the address in name and port
    };
    Q_ENUM(Kind)

    //! Where the element is: no lookup yet, one running, the last one answered or failed.
    enum Status { Idle, Running, Done, Failed };
    Q_ENUM(Status)

    explicit QmlDnsLookup(QObject *parent = nullptr);
    ~QmlDnsLookup() override;

    QString name() const { return m_name; }
    void setName(const QString &name);
    int type() const { return m_type; }
    void setType(int type);
    bool search() const { return m_search; }
    void setSearch(bool on);
    QmlResolver *resolver() const { return m_resolver; }
    void setResolver(QmlResolver *resolver);
    bool autoStart() const { return m_autoStart; }
    void setAutoStart(bool on);

    bool isRunning() const { return m_status == Running; }
    Status status() const { return m_status; }
    QAres::Error error() const { return m_result.error; }
    QString errorString() const { return m_result.errorString; }
    QStringList addresses() const { return m_result.addressStrings(); }
    QList<int> ttls() const { return m_result.ttls; }
    int minimumTtl() const { return m_result.minimumTtl; }
    QVariantList results() const;
    QVariantList records() const { return m_result.records; }
    QAbstractItemModel *model() const { return m_model; }
    QString canonicalName() const { return m_result.canonicalName; }
    QVariantList cnameChain() const { return m_result.cnameChain; }
    QString hostName() const { return m_result.hostName; }
    QStringList aliases() const { return m_result.aliases; }
    int rcode() const { return m_result.rcode; }
    bool authoritative() const { return m_result.authoritative; }
    int negativeTtl() const { return m_result.negativeTtl; }
    QVariantMap authoritySoa() const { return m_result.authoritySoa; }
    int elapsed() const { return m_elapsed; }
    int port() const { return m_port; }
    void setPort(int port);
    int nameInfoFlags() const { return m_nameInfoFlags; }
    void setNameInfoFlags(int flags);
    QString service() const { return m_service; }
    void setService(const QString &service);
    int hostFlags() const { return m_hostFlags; }
    void setHostFlags(int flags);
    QVariantList endpoints() const;
    QString serviceName() const { return m_nameInfo.serviceName(); }
    bool numericHost() const { return m_nameInfo.isNumericHost(); }
    AresDiagnostics diagnostics() const { return m_result.diagnostics; }

    /*! Starts a lookup of name with type, abandoning a running one. */
    Q_INVOKABLE void start();
    /*! Ends the running lookup with OperationCancelledError (finished follows); no-op when idle. */
    Q_INVOKABLE void abort();
    /*! "MX", "TYPE64000", "Host", "Reverse", ... for a value of \c type. */
    Q_INVOKABLE QString typeName(int type) const;

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void nameChanged();
    void typeChanged();
    void searchChanged();
    void resolverChanged();
    void autoStartChanged();
    void portChanged();
    void nameInfoFlagsChanged();
    void serviceChanged();
    void hostFlagsChanged();
    /*! Emitted when status (and so running) changes. */
    void statusChanged();
    /*! Emitted when the result properties change: cleared by start(), filled at the end. */
    void resultChanged();
    /*! Emitted once per start(), after the result properties were updated. */
    void finished();

private:
    void scheduleAutoStart();
    void onReplyFinished();
    void finishWith(const QmlRecords::Result &result);
    void dropReply();

    QString m_name;
    int m_type = Host;
    bool m_search = false;
    QPointer<QmlResolver> m_resolver;
    bool m_autoStart = false;
    bool m_complete = true;
    bool m_autoStartPending = false;
    Status m_status = Idle;
    QmlRecords::Result m_result;
    int m_port = 0;
    int m_nameInfoFlags = 0;
    QString m_service;
    int m_hostFlags = 0;
    quint16 m_resultPort = 0; // host kinds: the service's port of the last result
    AresNameInfo m_nameInfo; // NameInfo: the result's service name and numeric flag
    // What the running lookup was started with (type and name may change meanwhile).
    int m_runningType = 0;
    QString m_runningName;
    int m_elapsed = -1;
    int m_generation = 0;
    QPointer<AresReply> m_reply;
    QElapsedTimer m_clock;
    QmlDnsResultModel *m_model;
};

#endif // QMLDNSLOOKUP_H
