// SPDX-License-Identifier: MIT
#ifndef ARESNAMEINFO_H
#define ARESNAMEINFO_H

#include "areserror.h"

#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtNetwork/qhostaddress.h>

/*!
    \file aresnameinfo.h
    The AresNameInfo class (also as <QAres/AresNameInfo>).
*/

class AresNameInfoPrivate;

/*!
    The result of a name-info lookup (AresResolver::lookupNameInfo(), as
    getnameinfo() and c-ares's ares_getnameinfo() give it): the host name
    of an address and the service name of a port. An implicitly shared value
    type, cheap to copy, readable from QML.

    On success error() is AresError::NoError, hostName() is the name the
    address's PTR record gives (or the address as text, see
    NumericHost and NameRequired) and serviceName() the name of the port in
    the services database (`/etc/services`: port 80 is "http"), or the port
    as a number when it has none; empty for port 0. On failure error() says
    why and errorString() says it in words; aresStatus() keeps the c-ares
    status (0 when the failure did not come from c-ares).

    The setters exist to build results by hand (in tests, or to feed code
    that takes an AresNameInfo); the resolver fills in its results itself.
*/
class QARES_EXPORT AresNameInfo
{
    Q_GADGET
    Q_PROPERTY(QString hostName READ hostName) //!< hostName()
    Q_PROPERTY(QString serviceName READ serviceName) //!< serviceName()
    Q_PROPERTY(QString addressString READ addressString) //!< addressString()
    Q_PROPERTY(int port READ port) //!< port()
    Q_PROPERTY(bool numericHost READ isNumericHost) //!< isNumericHost()
    Q_PROPERTY(QAres::Error error READ error) //!< error()
    Q_PROPERTY(QString errorString READ errorString) //!< errorString()
    Q_PROPERTY(int aresStatus READ aresStatus) //!< aresStatus()
    Q_PROPERTY(int lookupId READ lookupId) //!< lookupId()
public:
    /*!
        How a name-info lookup works, as getnameinfo()'s `NI_` flags (and
        c-ares's `ARES_NI_` ones) say it; combine them with `|`. Without
        flags the host name comes from DNS (the address as text if it has
        none) and the service name from the TCP services.
    */
    enum Flag {
        NoFlags = 0x0, //!< DNS for the host, TCP services for the port
        NoFqdn = 0x1, //!< only the first labels of a name in the machine's own domain (NI_NOFQDN)
        NumericHost = 0x2, //!< the address as text, without DNS (NI_NUMERICHOST)
        NameRequired = 0x4, //!< fail with NotFoundError when the address has no name (NI_NAMEREQD)
        NumericService = 0x8, //!< the port as a number, without the services database (NI_NUMERICSERV)
        DatagramService = 0x10, //!< the UDP service of the port (NI_DGRAM); TCP without it
        SctpService = 0x20, //!< the SCTP service of the port
        DccpService = 0x40, //!< the DCCP service of the port
        NumericScope = 0x80, //!< an IPv6 scope as its interface index, not its name (NI_NUMERICSCOPE)
        IdnHostName = 0x400, //!< the host name decoded from IDNA to Unicode (NI_IDN)
    };
    //! The Flag values combined, as AresResolver::lookupNameInfo() takes them.
    Q_DECLARE_FLAGS(Flags, Flag)
    Q_FLAG(Flags)

    /*! An empty result: no names, NoError, lookupId() -1. */
    AresNameInfo();
    //! @{
    /*!
        Copies share the data until one of them is modified (implicit
        sharing); moves and swap() exchange it without copying.
    */
    AresNameInfo(const AresNameInfo &other);
    AresNameInfo(AresNameInfo &&other) noexcept;
    AresNameInfo &operator=(const AresNameInfo &other);
    AresNameInfo &operator=(AresNameInfo &&other) noexcept;
    void swap(AresNameInfo &other) noexcept { d.swap(other.d); }
    //! @}
    ~AresNameInfo(); //!< Destroys it (and the shared data with its last copy).

    /*!
        The address's name, as on the wire (ACE form) unless the lookup
        asked for IdnHostName; the address as text when NumericHost was asked
        for or the address has no name (and NameRequired was not asked for).
        Empty on failure.
    */
    QString hostName() const;
    void setHostName(const QString &name); //!< Sets hostName().
    /*!
        The port's service name for the protocol asked for ("http"), the
        port as a number ("8080") when it has none or NumericService was asked
        for; empty for port 0 and on failure.
    */
    QString serviceName() const;
    void setServiceName(const QString &name); //!< Sets serviceName().
    /*! \c true when hostName() is the address as text, not a name found in DNS or the hosts file. */
    bool isNumericHost() const;
    void setNumericHost(bool numeric); //!< Sets isNumericHost().

    /*! The address asked for. */
    QHostAddress address() const;
    void setAddress(const QHostAddress &address); //!< Sets address().
    /*! address() as text, for QML. */
    QString addressString() const;
    /*! The port asked for. */
    quint16 port() const;
    void setPort(quint16 port); //!< Sets port().
    /*! The flags the lookup ran with. */
    Flags flags() const;
    void setFlags(Flags flags); //!< Sets flags().

    /*! Why the lookup failed; AresError::NoError on success. */
    AresError error() const;
    void setError(AresError error); //!< Sets error().
    /*!
        The failure in words, with the details QAres knows;
        QAres::errorDescription() of error() when no text was set; empty on
        success.
    */
    QString errorString() const;
    void setErrorString(const QString &errorString); //!< Sets errorString().
    /*! The raw c-ares status, for logs; 0 when the outcome did not come from c-ares. */
    int aresStatus() const;
    void setAresStatus(int status); //!< Sets aresStatus().

    /*! The id of the lookup (as returned by the id-based APIs); -1 if none. */
    int lookupId() const;
    void setLookupId(int id); //!< Sets lookupId().

private:
    QSharedDataPointer<AresNameInfoPrivate> d;
};
Q_DECLARE_SHARED(AresNameInfo)
Q_DECLARE_OPERATORS_FOR_FLAGS(AresNameInfo::Flags)
Q_DECLARE_METATYPE(AresNameInfo)

#ifndef QT_NO_DEBUG_STREAM
/*!
    Writes \a info to \a debug on one line: the address and port, then the
    host and service names, or the error and its string:
    `AresNameInfo(192.0.2.1 port 80, "www.example.org", "http")`.
*/
QARES_EXPORT QDebug operator<<(QDebug debug, const AresNameInfo &info);
#endif

#endif // ARESNAMEINFO_H
