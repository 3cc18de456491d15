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

#include "qmlresolver.h"

/*!
    The answers of one lookup as a list model (roles: \c address, \c ttl,
    \c family — "IPv4"/"IPv6"), for a ListView or Repeater. Owned by its DnsLookup.
*/
class QmlDnsResultModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Roles { AddressRole = Qt::UserRole + 1, TtlRole, FamilyRole };
    Q_ENUM(Roles)

    explicit QmlDnsResultModel(QObject *parent = nullptr) : QAbstractListModel(parent) { }
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_addresses.size()); }
    void setResults(const QList<QHostAddress> &addresses, const QList<int> &ttls);

Q_SIGNALS:
    /*! Emitted after the rows were replaced with a different number of rows. */
    void countChanged();

private:
    QList<QHostAddress> m_addresses;
    QList<int> m_ttls;
};

/*!
    \qmltype DnsLookup
    One declarative lookup. Set \c name (and \c type), then call start(), or
    set \c autoStart to run it on creation and again whenever name, type or
    resolver change. One element can run any number of lookups in turn;
    start() while running abandons the running lookup (its answer is dropped
    and finished is not emitted for it).

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
    Q_PROPERTY(QString name READ name WRITE setName NOTIFY nameChanged)
    Q_PROPERTY(Type type READ type WRITE setType NOTIFY typeChanged)
    //! null: the engine's DefaultResolver.
    Q_PROPERTY(QmlResolver *resolver READ resolver WRITE setResolver NOTIFY resolverChanged)
    Q_PROPERTY(bool autoStart READ autoStart WRITE setAutoStart NOTIFY autoStartChanged)
    Q_PROPERTY(bool running READ isRunning NOTIFY statusChanged)
    Q_PROPERTY(Status status READ status NOTIFY statusChanged)
    Q_PROPERTY(Error error READ error NOTIFY resultChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY resultChanged)
    //! Addresses as strings (host lookups, and the queried address for Reverse).
    Q_PROPERTY(QStringList addresses READ addresses NOTIFY resultChanged)
    //! TTL in seconds per address, parallel to addresses; -1 where unknown.
    Q_PROPERTY(QList<int> ttls READ ttls NOTIFY resultChanged)
    Q_PROPERTY(int minimumTtl READ minimumTtl NOTIFY resultChanged)
    //! [{ address, ttl, family }, ...]: a JS-friendly copy of the answers.
    Q_PROPERTY(QVariantList results READ results NOTIFY resultChanged)
    //! The same answers as a list model (roles address, ttl, family).
    Q_PROPERTY(QAbstractItemModel *model READ model CONSTANT)
    Q_PROPERTY(QString canonicalName READ canonicalName NOTIFY resultChanged)
    //! For Reverse: the name found; for host lookups: the name asked for.
    Q_PROPERTY(QString hostName READ hostName NOTIFY resultChanged)
    Q_PROPERTY(QStringList aliases READ aliases NOTIFY resultChanged)
    //! Milliseconds from start() to the end of the lookup; -1 before the first one ended.
    Q_PROPERTY(int elapsed READ elapsed NOTIFY resultChanged)
public:
    /*!
        What to look up. Host lookups (getaddrinfo semantics: hosts file, search
        domains, A and/or AAAA) and reverse lookups are valued above 0xFFFF;
        DNS record types, when the record API lands, will be added with their
        wire values (A = 1, MX = 15, TXT = 16, SRV = 33, ...) without changing these.
    */
    enum Type {
        Host = 0x10000, //!< A and AAAA
        HostIPv4,       //!< A only
        HostIPv6,       //!< AAAA only
        Reverse,        //!< PTR of the address in name
    };
    Q_ENUM(Type)

    enum Status { Idle, Running, Done, Failed };
    Q_ENUM(Status)

    //! QAres::Error, mirrored for QML (same values).
    enum Error {
        NoError = int(AresError::NoError),
        ResolverError = int(AresError::ResolverError),
        OperationCancelledError = int(AresError::OperationCancelledError),
        InvalidRequestError = int(AresError::InvalidRequestError),
        InvalidReplyError = int(AresError::InvalidReplyError),
        ServerFailureError = int(AresError::ServerFailureError),
        ServerRefusedError = int(AresError::ServerRefusedError),
        NotFoundError = int(AresError::NotFoundError),
        NoDataError = int(AresError::NoDataError),
        TimeoutError = int(AresError::TimeoutError),
        ConnectionRefusedError = int(AresError::ConnectionRefusedError),
        ResolverDestroyedError = int(AresError::ResolverDestroyedError),
    };
    Q_ENUM(Error)

    explicit QmlDnsLookup(QObject *parent = nullptr);
    ~QmlDnsLookup() override;

    QString name() const { return m_name; }
    void setName(const QString &name);
    Type type() const { return m_type; }
    void setType(Type type);
    QmlResolver *resolver() const { return m_resolver; }
    void setResolver(QmlResolver *resolver);
    bool autoStart() const { return m_autoStart; }
    void setAutoStart(bool on);

    bool isRunning() const { return m_status == Running; }
    Status status() const { return m_status; }
    Error error() const { return Error(int(m_info.error())); }
    QString errorString() const { return m_info.errorString(); }
    QStringList addresses() const { return m_info.addressStrings(); }
    QList<int> ttls() const { return m_info.ttls(); }
    int minimumTtl() const { return m_info.minimumTtl(); }
    QVariantList results() const;
    QAbstractItemModel *model() const { return m_model; }
    QString canonicalName() const { return m_info.canonicalName(); }
    QString hostName() const { return m_info.hostName(); }
    QStringList aliases() const { return m_info.aliases(); }
    int elapsed() const { return m_elapsed; }

    /*! Starts a lookup of name with type, abandoning a running one. */
    Q_INVOKABLE void start();
    /*! Ends the running lookup with OperationCancelledError (finished follows); no-op when idle. */
    Q_INVOKABLE void abort();

    void classBegin() override;
    void componentComplete() override;

Q_SIGNALS:
    void nameChanged();
    void typeChanged();
    void resolverChanged();
    void autoStartChanged();
    /*! Emitted when status (and so running) changes. */
    void statusChanged();
    /*! Emitted when the result properties change: cleared by start(), filled at the end. */
    void resultChanged();
    /*! Emitted once per start(), after the result properties were updated. */
    void finished();

private:
    void scheduleAutoStart();
    void onReplyFinished();
    void finishWith(const AresHostInfo &info);
    void dropReply();

    QString m_name;
    Type m_type = Host;
    QPointer<QmlResolver> m_resolver;
    bool m_autoStart = false;
    bool m_complete = true;
    bool m_autoStartPending = false;
    Status m_status = Idle;
    AresHostInfo m_info;
    int m_elapsed = -1;
    int m_generation = 0;
    QPointer<AresReply> m_reply;
    QElapsedTimer m_clock;
    QmlDnsResultModel *m_model;
};

#endif // QMLDNSLOOKUP_H
