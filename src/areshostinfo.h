// SPDX-License-Identifier: MIT
#ifndef ARESHOSTINFO_H
#define ARESHOSTINFO_H

#include "areserror.h"

#include <QtCore/qlist.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qhostaddress.h>

class AresHostInfoPrivate;

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
*/
class QARES_EXPORT AresHostInfo
{
    Q_GADGET
    Q_PROPERTY(QString hostName READ hostName)
    Q_PROPERTY(QString aceHostName READ aceHostName)
    Q_PROPERTY(QString canonicalName READ canonicalName)
    Q_PROPERTY(QStringList aliases READ aliases)
    Q_PROPERTY(QStringList addressStrings READ addressStrings)
    Q_PROPERTY(QList<int> ttls READ ttls)
    Q_PROPERTY(QAres::Error error READ error)
    Q_PROPERTY(QString errorString READ errorString)
    Q_PROPERTY(int aresStatus READ aresStatus)
    Q_PROPERTY(int lookupId READ lookupId)
public:
    AresHostInfo();
    AresHostInfo(const AresHostInfo &other);
    AresHostInfo(AresHostInfo &&other) noexcept;
    AresHostInfo &operator=(const AresHostInfo &other);
    AresHostInfo &operator=(AresHostInfo &&other) noexcept;
    ~AresHostInfo();
    void swap(AresHostInfo &other) noexcept { d.swap(other.d); }

    /*!
        For host lookups the name asked for, in Unicode (an IDNA name comes
        back decoded); for reverse lookups the name found.
    */
    QString hostName() const;
    void setHostName(const QString &name);
    /*! hostName() in ASCII Compatible Encoding, as on the wire. */
    QString aceHostName() const;
    void setAceHostName(const QString &name);

    /*! The end of the CNAME chain (Unicode); equals hostName() when there is no CNAME. */
    QString canonicalName() const;
    void setCanonicalName(const QString &name);
    /*!
        Host lookups: the owner names of the CNAME records followed, in ACE
        form, starting with the name asked for; empty without CNAME. Reverse
        lookups: the PTR names other than hostName().
    */
    QStringList aliases() const;
    void setAliases(const QStringList &aliases);

    QList<QHostAddress> addresses() const;
    void setAddresses(const QList<QHostAddress> &addresses);
    QStringList addressStrings() const;
    /*!
        Time to live of each address in seconds, parallel to addresses();
        -1 where unknown (IP literals, reverse lookups). Answers from the
        hosts file read 0 (c-ares gives them no TTL).
    */
    QList<int> ttls() const;
    void setTtls(const QList<int> &ttls);
    /*! The smallest known TTL, -1 when none is known. */
    int minimumTtl() const;

    AresError error() const;
    void setError(AresError error);
    QString errorString() const;
    void setErrorString(const QString &errorString);
    int aresStatus() const;
    void setAresStatus(int status);

    /*! The id of the lookup (as returned by the id-based APIs); -1 if none. */
    int lookupId() const;
    void setLookupId(int id);

private:
    friend struct QAresPrivate::HostInfoAccess;
    QSharedDataPointer<AresHostInfoPrivate> d;
};
Q_DECLARE_SHARED(AresHostInfo)
Q_DECLARE_METATYPE(AresHostInfo)

#endif // ARESHOSTINFO_H
