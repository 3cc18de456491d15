// SPDX-License-Identifier: MIT
#ifndef QTLOOKUPMODEL_H
#define QTLOOKUPMODEL_H

#include <QtCore/qabstractitemmodel.h>
#include <QtCore/qpointer.h>
#include <QtQml/qqml.h>

#include <vector>

/*!
    The comparison lane: the same names through Qt's own resolvers —
    QDnsLookup (a thread pool running res_nquery against one nameserver on
    port 53) or QHostInfo (a thread pool running getaddrinfo with the
    system's configuration). Its roles match QAres' LookupModel so both
    lanes share one delegate and one time axis; its counters are QAres'
    LookupStatistics over it (Main.qml), the same code as LookupModel's.
*/
class QtLookupModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList names READ names WRITE setNames NOTIFY namesChanged)
    Q_PROPERTY(Backend backend READ backend WRITE setBackend NOTIFY backendChanged)
    //! QDnsLookup's nameserver (port 53).
    Q_PROPERTY(QString nameserver READ nameserver WRITE setNameserver NOTIFY backendChanged)
    /*!
        What to ask, as QAres' DnsLookup.type: a host kind (QDnsLookup asks
        one type per lookup: A for Host and HostIPv4, AAAA for HostIPv6) or a
        record type's wire value. See unsupportedReason().
    */
    Q_PROPERTY(int type READ type WRITE setType NOTIFY backendChanged)
    Q_PROPERTY(int count READ count NOTIFY namesChanged)
    //! Bumped whenever a row changes: bind to it to re-read get().
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)
public:
    enum Backend { None, DnsLookup, HostInfo };
    Q_ENUM(Backend)
    enum State { Idle, Running, Done, Failed };
    Q_ENUM(State)
    enum Roles {
        NameRole = Qt::UserRole + 1,
        StatusRole,
        StatusTextRole,
        StartTimeRole,
        EndTimeRole,
        DurationRole,
        AnswerRole,
        AddressesRole,
        TtlsRole,
        TtlRole,
        ErrorStringRole,
    };

    explicit QtLookupModel(QObject *parent = nullptr);
    ~QtLookupModel() override;

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QStringList names() const;
    void setNames(const QStringList &names);
    Backend backend() const { return m_backend; }
    void setBackend(Backend backend);
    QString nameserver() const { return m_nameserver; }
    void setNameserver(const QString &nameserver);
    int type() const { return m_type; }
    void setType(int type);
    int count() const { return int(m_rows.size()); }
    int revision() const { return m_revision; }

    /*!
        Starts every row at once; times are ms since \a origin (monotonic ms,
        as LookupModel.origin), so both lanes share one axis.
    */
    Q_INVOKABLE void start(double origin);
    Q_INVOKABLE void abort();
    Q_INVOKABLE QVariantMap get(int row) const;
    /*!
        Why \a backend cannot look up \a type (a DnsLookup.type value), or
        an empty string if it can: QDnsLookup (Qt 6.4) knows A, AAAA, CNAME,
        MX, NS, PTR, SRV and TXT; QHostInfo only addresses.
    */
    Q_INVOKABLE QString unsupportedReason(int backend, int type) const;

Q_SIGNALS:
    void namesChanged();
    void backendChanged();
    void revisionChanged();
    /*! Every row ended. */
    void finished();

private:
    struct Row
    {
        QString name;
        State state = Idle;
        double startTime = -1;
        double endTime = -1;
        QStringList addresses; // the answers as text: addresses, "10 mx1.zone.", ...
        QList<int> ttls;
        QString error;
        QPointer<QObject> job; // a QDnsLookup
        int hostInfoId = -1;
        int generation = 0;
    };
    double now() const;
    void reset();
    void endRow(int generation, const QStringList &addresses, const QList<int> &ttls,
                const QString &error);

    std::vector<Row> m_rows;
    Backend m_backend = None;
    QString m_nameserver;
    int m_type = 0x10000; // DnsLookup.Host
    double m_origin = 0;
    int m_running = 0; // for finished()
    int m_lastGeneration = 0;
    int m_revision = 0;
};

#endif // QTLOOKUPMODEL_H
