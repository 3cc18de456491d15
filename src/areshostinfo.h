// SPDX-License-Identifier: MIT
#ifndef ARESHOSTINFO_H
#define ARESHOSTINFO_H

#include "aresdiagnostics.h"
#include "areserror.h"
#include "aresrecord.h"

#include <QtCore/qlist.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qhostaddress.h>

/*!
    \file areshostinfo.h
    The AresHostInfo class (also as <QAres/AresHostInfo>).
*/

class AresHostInfoPrivate;

/*!
    One address to connect to, as getaddrinfo() gives it with a service: the
    address, the port of the service asked for (0 without one) and the
    address's TTL (-1 where unknown). A plain value, readable from QML; made
    by AresHostInfo::endpoints().
*/
class QARES_EXPORT AresEndpoint
{
    Q_GADGET
    Q_PROPERTY(QString address READ addressString) //!< addressString()
    Q_PROPERTY(int port READ port) //!< port()
    Q_PROPERTY(int ttl READ ttl) //!< ttl()
public:
    /*! A null address, port 0, TTL -1. */
    AresEndpoint() = default;
    /*! \a address with \a port and \a ttl. */
    AresEndpoint(const QHostAddress &address, quint16 port, int ttl)
        : m_address(address), m_ttl(ttl), m_port(port)
    {
    }
    /*! The address. */
    QHostAddress address() const { return m_address; }
    /*! address() as text, for QML. */
    QString addressString() const { return m_address.toString(); }
    /*! The port of the service asked for; 0 without one. */
    quint16 port() const { return m_port; }
    /*! The address's TTL in seconds; -1 where unknown. */
    int ttl() const { return m_ttl; }
    /*! Same address, port and TTL. */
    friend bool operator==(const AresEndpoint &a, const AresEndpoint &b)
    {
        return a.m_address == b.m_address && a.m_port == b.m_port && a.m_ttl == b.m_ttl;
    }
    /*! Not operator==(). */
    friend bool operator!=(const AresEndpoint &a, const AresEndpoint &b) { return !(a == b); }

private:
    QHostAddress m_address;
    int m_ttl = -1;
    quint16 m_port = 0;
};
Q_DECLARE_TYPEINFO(AresEndpoint, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(AresEndpoint)

namespace QAresPrivate {
struct HostInfoAccess;
}

/*!
    The result of a host lookup (AresResolver::lookupHost()) or a reverse
    lookup (AresResolver::lookupAddress()): an implicitly shared value type,
    cheap to copy, readable from QML.

    On success error() is AresError::NoError. Host lookups fill addresses()
    with one TTL per address in ttls(), in RFC 6724 destination order
    (QAres sorts them with the rules c-ares 1.18 uses, see
    docs/architecture.md), and canonicalName(). Reverse lookups fill
    hostName() with the first PTR name and aliases() with the others, and
    keep the queried address in addresses(). On failure error() says why,
    errorString() says it in words with the details, and aresStatus() keeps
    the c-ares status (0 when the failure did not come from c-ares).

    Record queries (AresResolver::query()) give an AresRecordSet instead; an
    AresReply of a record query still carries an AresHostInfo with only the
    name, error() and errorString().

    The setters exist to build results by hand (in tests, or to feed code
    that takes an AresHostInfo); the resolver fills in its results itself.
    The properties are what QML reads, each through the accessor named.
*/
class QARES_EXPORT AresHostInfo
{
    Q_GADGET
    Q_PROPERTY(QString hostName READ hostName) //!< hostName()
    Q_PROPERTY(QString aceHostName READ aceHostName) //!< aceHostName()
    Q_PROPERTY(QString canonicalName READ canonicalName) //!< canonicalName()
    Q_PROPERTY(QString aceCanonicalName READ aceCanonicalName) //!< aceCanonicalName()
    Q_PROPERTY(QStringList aliases READ aliases) //!< aliases()
    Q_PROPERTY(QList<AresRecord> cnameChain READ cnameChain) //!< cnameChain()
    Q_PROPERTY(QStringList addressStrings READ addressStrings) //!< addressStrings()
    Q_PROPERTY(QList<int> ttls READ ttls) //!< ttls()
    Q_PROPERTY(QList<AresEndpoint> endpoints READ endpoints) //!< endpoints()
    Q_PROPERTY(int port READ port) //!< port()
    Q_PROPERTY(QAres::Error error READ error) //!< error()
    Q_PROPERTY(QString errorString READ errorString) //!< errorString()
    Q_PROPERTY(int aresStatus READ aresStatus) //!< aresStatus()
    Q_PROPERTY(int lookupId READ lookupId) //!< lookupId()
    Q_PROPERTY(AresDiagnostics diagnostics READ diagnostics) //!< diagnostics()
    Q_PROPERTY(bool fromCache READ fromCache) //!< fromCache()
    Q_PROPERTY(bool stale READ isStale) //!< isStale()
public:
    /*! An empty result: no name, no addresses, NoError, lookupId() -1. */
    AresHostInfo();
    //! @{
    /*!
        Copies share the data until one of them is modified (implicit
        sharing); moves and swap() exchange it without copying.
    */
    AresHostInfo(const AresHostInfo &other);
    AresHostInfo(AresHostInfo &&other) noexcept;
    AresHostInfo &operator=(const AresHostInfo &other);
    AresHostInfo &operator=(AresHostInfo &&other) noexcept;
    void swap(AresHostInfo &other) noexcept { d.swap(other.d); }
    //! @}
    ~AresHostInfo(); //!< Destroys it (and the shared data with its last copy).

    /*!
        For host lookups the name asked for, in Unicode (an IDNA name comes
        back decoded); for reverse lookups the name found.
    */
    QString hostName() const;
    void setHostName(const QString &name); //!< Sets hostName().
    /*! hostName() in ASCII Compatible Encoding, as on the wire. */
    QString aceHostName() const;
    void setAceHostName(const QString &name); //!< Sets aceHostName().

    /*! The end of the CNAME chain (Unicode); equals hostName() when there is no CNAME. */
    QString canonicalName() const;
    void setCanonicalName(const QString &name); //!< Sets canonicalName().
    /*! canonicalName() in ASCII Compatible Encoding, as on the wire. */
    QString aceCanonicalName() const;
    /*!
        Host lookups: the owner names of the CNAME records followed, in ACE
        form, starting with the name asked for; empty without CNAME. Reverse
        lookups: the PTR names other than hostName().
    */
    QStringList aliases() const;
    void setAliases(const QStringList &aliases); //!< Sets aliases().
    /*!
        Host lookups: the CNAME records followed, in order, each with its
        owner (the alias), TTL and target, as a record query's
        AresRecordSet::cnameChain() gives them; empty without CNAME, and for
        reverse lookups.
    */
    QList<AresRecord> cnameChain() const;

    /*!
        Host lookups: the addresses found, in the order to try them (RFC
        6724), empty on failure. Reverse lookups: the address asked for,
        on failure too.
    */
    QList<QHostAddress> addresses() const;
    void setAddresses(const QList<QHostAddress> &addresses); //!< Sets addresses().
    /*! addresses() as text ("192.0.2.1", "2001:db8::1"), for QML. */
    QStringList addressStrings() const;
    /*!
        Time to live of each address in seconds, parallel to addresses();
        -1 where unknown (IP literals, reverse lookups). Answers from the
        hosts file read 0 (c-ares gives them no TTL).
    */
    QList<int> ttls() const;
    void setTtls(const QList<int> &ttls); //!< Sets ttls().
    /*! The smallest known TTL, -1 when none is known. */
    int minimumTtl() const;

    /*!
        Host lookups: addresses() with the port of the service asked for
        (AresHostRequest::setService(), 0 without one) and each address's
        TTL, in the same order: what to connect to. Reverse lookups: the
        address asked for, port 0.
    */
    QList<AresEndpoint> endpoints() const;
    /*!
        The port of the service of the lookup (AresHostRequest::service());
        0 without one.
    */
    quint16 port() const;
    void setPort(quint16 port); //!< Sets port().

    /*! Why the lookup failed; AresError::NoError on success. */
    AresError error() const;
    void setError(AresError error); //!< Sets error().
    /*!
        The failure in words, with the details QAres knows (such as the name
        or the server's response code); QAres::errorDescription() of error()
        when no text was set; empty on success.
    */
    QString errorString() const;
    void setErrorString(const QString &errorString); //!< Sets errorString().
    /*! The raw c-ares status, for logs; 0 when the outcome did not come from c-ares. */
    int aresStatus() const;
    void setAresStatus(int status); //!< Sets aresStatus().

    /*! The id of the lookup (as returned by the id-based APIs); -1 if none. */
    int lookupId() const;
    void setLookupId(int id); //!< Sets lookupId().

    /*!
        How the resolver obtained this result: the lookup's timings as the
        resolver measured them (time queued, time in c-ares, total),
        excluding its delivery. Invalid for results built by hand.
    */
    AresDiagnostics diagnostics() const;

    /*!
        true when the answer came from the resolver's cache (docs/caching.md):
        ttls() and the CNAME chain's TTLs are then what is left of them.
        Also diagnostics().fromCache().
    */
    bool fromCache() const;
    /*!
        true when the cache served it after it expired, because every server
        failed or timed out (AresOptions::staleAnswerLimit(), RFC 8767).
    */
    bool isStale() const;

private:
    friend struct QAresPrivate::HostInfoAccess;
    QSharedDataPointer<AresHostInfoPrivate> d;
};
Q_DECLARE_SHARED(AresHostInfo)
Q_DECLARE_METATYPE(AresHostInfo)

#ifndef QT_NO_DEBUG_STREAM
/*!
    Writes \a info to \a debug on one line: the name, then the addresses
    with their TTLs and the canonical name, or the error and its string:
    `AresHostInfo("www.example.org", 192.0.2.1 ttl 300)`.
*/
QARES_EXPORT QDebug operator<<(QDebug debug, const AresHostInfo &info);
#endif

#endif // ARESHOSTINFO_H
