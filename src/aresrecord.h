// SPDX-License-Identifier: MIT
#ifndef ARESRECORD_H
#define ARESRECORD_H

#include "areserror.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qmap.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qvariant.h>
#include <QtNetwork/qhostaddress.h>

class AresRecordPrivate;
class AresRecordSetPrivate;
class QRandomGenerator;

namespace QAresPrivate {
struct RecordAccess;
}

/*!
    One DNS resource record: an implicitly shared value type, cheap to copy,
    readable from QML.

    Every record has an owner name(), a type(), a recordClass(), a ttl() and
    its rdata(). For the types listed in docs/records.md the RDATA is also
    decoded and the typed accessors below give its fields; an accessor that
    does not apply to the record's type returns its default (0, an empty
    string or list, a null address). Records of any other type keep only the
    raw rdata() (isDecoded() is \c false).

    Names are given in two forms: in Unicode (IDNA labels decoded; name(),
    target(), ...) and as on the wire in ASCII presentation form (aceName(),
    aceTarget(), ...), without the trailing dot. The root is ".". Octets that
    are not printable ASCII appear as \c{\DDD}, a '.' inside a label as
    \c{\.}, as dig prints them.
*/
class QARES_EXPORT AresRecord
{
    Q_GADGET
    Q_PROPERTY(bool valid READ isValid)
    Q_PROPERTY(AresRecord::Type type READ type)
    Q_PROPERTY(int typeValue READ typeValue)
    Q_PROPERTY(QString typeName READ typeName)
    Q_PROPERTY(int recordClass READ recordClass)
    Q_PROPERTY(QString name READ name)
    Q_PROPERTY(QString aceName READ aceName)
    Q_PROPERTY(int ttl READ ttl)
    Q_PROPERTY(QByteArray rdata READ rdata)
    Q_PROPERTY(bool decoded READ isDecoded)
    Q_PROPERTY(QString addressString READ addressString)
    Q_PROPERTY(QString target READ target)
    Q_PROPERTY(QString aceTarget READ aceTarget)
    Q_PROPERTY(int preference READ preference)
    Q_PROPERTY(int priority READ priority)
    Q_PROPERTY(int weight READ weight)
    Q_PROPERTY(int port READ port)
    //! A list of ArrayBuffers in JavaScript (QML cannot read a QList<QByteArray> property).
    Q_PROPERTY(QVariantList txtStrings READ txtStringsVariant)
    Q_PROPERTY(QString text READ text)
    Q_PROPERTY(QString soaMailbox READ soaMailbox)
    Q_PROPERTY(uint soaSerial READ soaSerial)
    Q_PROPERTY(uint soaRefresh READ soaRefresh)
    Q_PROPERTY(uint soaRetry READ soaRetry)
    Q_PROPERTY(uint soaExpire READ soaExpire)
    Q_PROPERTY(uint soaMinimum READ soaMinimum)
    Q_PROPERTY(int caaFlags READ caaFlags)
    Q_PROPERTY(bool caaCritical READ isCaaCritical)
    Q_PROPERTY(QString caaTag READ caaTag)
    Q_PROPERTY(QByteArray caaValue READ caaValue)
    Q_PROPERTY(int naptrOrder READ naptrOrder)
    Q_PROPERTY(QByteArray naptrFlags READ naptrFlags)
    Q_PROPERTY(QByteArray naptrServices READ naptrServices)
    Q_PROPERTY(QByteArray naptrRegexp READ naptrRegexp)
    Q_PROPERTY(QString uri READ uri)
    Q_PROPERTY(int tlsaUsage READ tlsaUsage)
    Q_PROPERTY(int tlsaSelector READ tlsaSelector)
    Q_PROPERTY(int tlsaMatchingType READ tlsaMatchingType)
    Q_PROPERTY(QByteArray tlsaData READ tlsaData)
    Q_PROPERTY(bool aliasMode READ isAliasMode)
    Q_PROPERTY(QStringList alpn READ alpn)
    Q_PROPERTY(bool noDefaultAlpn READ noDefaultAlpn)
    Q_PROPERTY(int svcPort READ svcPort)
    Q_PROPERTY(QStringList hintStrings READ hintStrings)
    Q_PROPERTY(QByteArray ech READ ech)
public:
    /*!
        Record types, valued as on the wire. Any other 16-bit value is a
        valid Type too (AresRecord::Type(64000)): such records come back raw.
        The underlying type is int, as QML and QMetaType read enums.
    */
    enum Type : int {
        A = 1,
        NS = 2,
        CNAME = 5,
        SOA = 6,
        PTR = 12,
        MX = 15,
        TXT = 16,
        AAAA = 28,
        SRV = 33,
        NAPTR = 35,
        OPT = 41, //!< the EDNS pseudo-record (in AresRecordSet::additionals())
        TLSA = 52,
        SVCB = 64,
        HTTPS = 65,
        ANY = 255, //!< a query type: every record of the name
        URI = 256,
        CAA = 257,
    };
    Q_ENUM(Type)

    /*! SvcParamKeys of SVCB/HTTPS records (RFC 9460). */
    enum SvcParamKey : int {
        MandatoryKey = 0,
        AlpnKey = 1,
        NoDefaultAlpnKey = 2,
        PortKey = 3,
        Ipv4HintKey = 4,
        EchKey = 5,
        Ipv6HintKey = 6,
    };
    Q_ENUM(SvcParamKey)

    /*! An invalid record (isValid() is \c false). */
    AresRecord();
    AresRecord(const AresRecord &other);
    AresRecord(AresRecord &&other) noexcept;
    AresRecord &operator=(const AresRecord &other);
    AresRecord &operator=(AresRecord &&other) noexcept;
    ~AresRecord();
    void swap(AresRecord &other) noexcept { d.swap(other.d); }

    /*!
        Builds a record from uncompressed \a rdata as it appears on the wire,
        decoding it if \a type is one of the known types. Returns an invalid
        record if \a name is not a valid name or the RDATA does not match the
        type's format (\a errorString, if given, says why).
    */
    static AresRecord fromRdata(const QString &name, Type type, const QByteArray &rdata, int ttl = 0,
                                int recordClass = 1, QString *errorString = nullptr);

    /*!
        The owner name for a PTR query of \a address: "4.3.2.1.in-addr.arpa"
        for IPv4, the nibble form under ip6.arpa for IPv6; empty for a null
        address.
    */
    static QString reverseName(const QHostAddress &address);
    /*! "A", "HTTPS", ... or "TYPE64000" (RFC 3597) for types without a name. */
    static QString typeName(Type type);

    bool isValid() const;
    Type type() const;
    int typeValue() const { return int(type()); }
    QString typeName() const;
    /*! The class, 1 (IN) for nearly everything; the OPT record keeps its payload size here. */
    int recordClass() const;
    /*! Owner name, Unicode. */
    QString name() const;
    /*! Owner name in ASCII presentation form, as on the wire. */
    QString aceName() const;
    /*! Seconds; a wire TTL with the top bit set reads 0 (RFC 2181 section 8). */
    int ttl() const;
    /*! The RDATA, with compressed names expanded for the decoded types. */
    QByteArray rdata() const;
    /*! \c true if the typed accessors apply (a known type with valid RDATA). */
    bool isDecoded() const;

    /*! A, AAAA. */
    QHostAddress address() const;
    QString addressString() const;

    /*!
        The name in the RDATA, Unicode: CNAME and DNAME-like targets (CNAME,
        NS, PTR), the MX exchange, the SRV target, the NAPTR replacement, the
        SVCB/HTTPS TargetName, the SOA primary name server (MNAME).
    */
    QString target() const;
    QString aceTarget() const;
    /*! MX: same as target(). */
    QString exchange() const { return target(); }
    /*! MX, NAPTR. */
    int preference() const;
    /*! SRV, URI, SVCB/HTTPS (SvcPriority; 0 is alias mode). */
    int priority() const;
    /*! SRV, URI. */
    int weight() const;
    /*! SRV. */
    int port() const;

    /*! TXT: the character-strings, as bytes (they may hold any octet, NUL included). */
    QList<QByteArray> txtStrings() const;
    /*! TXT: the strings concatenated, as for SPF/DKIM (RFC 7208 section 3.3). */
    QByteArray txtJoined() const;
    /*! txtJoined() decoded as UTF-8. */
    QString text() const;

    /*! SOA: the primary name server is target(). */
    QString soaMailbox() const;
    QString aceSoaMailbox() const;
    quint32 soaSerial() const;
    quint32 soaRefresh() const;
    quint32 soaRetry() const;
    quint32 soaExpire() const;
    quint32 soaMinimum() const;

    /*! CAA. */
    int caaFlags() const;
    bool isCaaCritical() const { return (caaFlags() & 0x80) != 0; }
    QString caaTag() const;
    QByteArray caaValue() const;

    /*! NAPTR: preference() and target() (the replacement) complete it. */
    int naptrOrder() const;
    QByteArray naptrFlags() const;
    QByteArray naptrServices() const;
    QByteArray naptrRegexp() const;

    /*! URI: the target URI; priority() and weight() complete it. */
    QString uri() const;

    /*! TLSA. */
    int tlsaUsage() const;
    int tlsaSelector() const;
    int tlsaMatchingType() const;
    QByteArray tlsaData() const;

    /*! SVCB/HTTPS: priority() is the SvcPriority, target() the TargetName. */
    bool isAliasMode() const;
    /*! Every SvcParam, key → value as on the wire, the unknown ones included. */
    QMap<quint16, QByteArray> svcParams() const;
    /*! The SvcParams this library does not decode (keys 7 and up), raw. */
    QMap<quint16, QByteArray> unknownSvcParams() const;
    QList<quint16> mandatoryKeys() const;
    QStringList alpn() const;
    bool noDefaultAlpn() const;
    /*! The port SvcParam, -1 if absent. */
    int svcPort() const;
    QList<QHostAddress> ipv4Hints() const;
    QList<QHostAddress> ipv6Hints() const;
    /*! ipv4hint then ipv6hint addresses, as strings. */
    QStringList hintStrings() const;
    QByteArray ech() const;

    /*! One line in the style of dig: "host.test. 300 IN A 192.0.2.1" ("\# n hex" for raw types). */
    QString toString() const;

    friend QARES_EXPORT bool operator==(const AresRecord &a, const AresRecord &b);
    friend bool operator!=(const AresRecord &a, const AresRecord &b) { return !(a == b); }

private:
    QVariantList txtStringsVariant() const;

    friend struct QAresPrivate::RecordAccess;
    QSharedDataPointer<AresRecordPrivate> d;
};
Q_DECLARE_SHARED(AresRecord)

/*!
    The answer to a record query (AresResolver::query() or search()): an
    implicitly shared value type, readable from QML.

    records() are the answers for the question: the answer-section records
    of the asked type owned by the name the CNAME chain leads to (for type
    ANY, all of that name's records). The chain itself is in cnameChain();
    answer-section records owned by other names are never attributed to the
    question, but stay visible in answers().

    On success error() is NoError and records() is not empty. NoDataError
    (the name exists without records of the type) and NotFoundError
    (NXDOMAIN) keep the authority section's SOA, if the server sent one:
    negativeTtl() is how long the negative answer may be cached (RFC 2308).
*/
class QARES_EXPORT AresRecordSet
{
    Q_GADGET
    Q_PROPERTY(QString name READ name)
    Q_PROPERTY(QString aceName READ aceName)
    Q_PROPERTY(AresRecord::Type type READ type)
    Q_PROPERTY(QList<AresRecord> records READ records)
    Q_PROPERTY(QList<AresRecord> cnameChain READ cnameChain)
    Q_PROPERTY(QString canonicalName READ canonicalName)
    Q_PROPERTY(AresRecord authoritySoa READ authoritySoa)
    Q_PROPERTY(int negativeTtl READ negativeTtl)
    Q_PROPERTY(int rcode READ rcode)
    Q_PROPERTY(bool authoritative READ isAuthoritative)
    Q_PROPERTY(bool truncated READ isTruncated)
    Q_PROPERTY(bool recursionDesired READ isRecursionDesired)
    Q_PROPERTY(bool recursionAvailable READ isRecursionAvailable)
    Q_PROPERTY(bool authenticData READ isAuthenticData)
    Q_PROPERTY(QAres::Error error READ error)
    Q_PROPERTY(QString errorString READ errorString)
    Q_PROPERTY(int aresStatus READ aresStatus)
    Q_PROPERTY(int lookupId READ lookupId)
public:
    /*! Header flags of the reply (RFC 1035, RFC 4035). */
    enum Flag {
        Authoritative = 0x0400,      //!< AA
        Truncated = 0x0200,          //!< TC
        RecursionDesired = 0x0100,   //!< RD
        RecursionAvailable = 0x0080, //!< RA
        AuthenticData = 0x0020,      //!< AD
        CheckingDisabled = 0x0010,   //!< CD
    };
    Q_DECLARE_FLAGS(Flags, Flag)
    Q_FLAG(Flags)

    AresRecordSet();
    AresRecordSet(const AresRecordSet &other);
    AresRecordSet(AresRecordSet &&other) noexcept;
    AresRecordSet &operator=(const AresRecordSet &other);
    AresRecordSet &operator=(AresRecordSet &&other) noexcept;
    ~AresRecordSet();
    void swap(AresRecordSet &other) noexcept { d.swap(other.d); }

    /*! The name asked for, Unicode (for search(): as given, before search domains). */
    QString name() const;
    /*! The name asked for in ASCII, as sent. */
    QString aceName() const;
    AresRecord::Type type() const;

    QList<AresRecord> records() const;
    /*! The CNAME records followed from the question to canonicalName(), in order. */
    QList<AresRecord> cnameChain() const;
    /*! The owner of records(): the end of the CNAME chain (Unicode); the name queried if none. */
    QString canonicalName() const;
    QString aceCanonicalName() const;

    /*! The sections of the reply as received. */
    QList<AresRecord> answers() const;
    QList<AresRecord> authorities() const;
    QList<AresRecord> additionals() const;

    /*! The SOA of the authority section (negative answers); invalid if none. */
    AresRecord authoritySoa() const;
    /*! min(SOA TTL, SOA minimum) when authoritySoa() is valid, otherwise -1. */
    int negativeTtl() const;

    /*! The DNS response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, ...); -1 without a reply. */
    int rcode() const;
    Flags flags() const;
    bool isAuthoritative() const { return flags().testFlag(Authoritative); }
    bool isTruncated() const { return flags().testFlag(Truncated); }
    bool isRecursionDesired() const { return flags().testFlag(RecursionDesired); }
    bool isRecursionAvailable() const { return flags().testFlag(RecursionAvailable); }
    bool isAuthenticData() const { return flags().testFlag(AuthenticData); }

    AresError error() const;
    QString errorString() const;
    /*! The raw c-ares status, for logs; 0 when the outcome did not come from c-ares. */
    int aresStatus() const;
    /*! The id of the lookup (AresReply::lookupId()); -1 if none. */
    int lookupId() const;

    /*! MX records() sorted by preference, lowest first (stable for equal preferences). */
    QList<AresRecord> sortedMx() const;
    /*!
        SRV records() in the order to try them (RFC 2782): by priority, and
        within a priority by weighted random selection. Uses \a generator, or
        QRandomGenerator::global() if null. A single "." target means the
        service is not available: then the list is empty.
    */
    QList<AresRecord> orderedSrv(QRandomGenerator *generator = nullptr) const;

    /*! sortedMx() for any list of MX records. */
    static QList<AresRecord> sortByPreference(QList<AresRecord> records);
    /*! orderedSrv() for any list of SRV records. */
    static QList<AresRecord> orderByPriorityAndWeight(QList<AresRecord> records,
                                                      QRandomGenerator *generator = nullptr);

private:
    friend struct QAresPrivate::RecordAccess;
    QSharedDataPointer<AresRecordSetPrivate> d;
};
Q_DECLARE_SHARED(AresRecordSet)
Q_DECLARE_OPERATORS_FOR_FLAGS(AresRecordSet::Flags)

Q_DECLARE_METATYPE(AresRecord)
Q_DECLARE_METATYPE(AresRecordSet)

#endif // ARESRECORD_H
