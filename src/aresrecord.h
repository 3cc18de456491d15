// SPDX-License-Identifier: MIT
#ifndef ARESRECORD_H
#define ARESRECORD_H

#include "aresdiagnostics.h"
#include "areserror.h"

#include <QtCore/qbytearray.h>
#include <QtCore/qlist.h>
#include <QtCore/qmap.h>
#include <QtCore/qmetatype.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qvariant.h>
#include <QtNetwork/qhostaddress.h>

/*!
    \file aresrecord.h
    The AresRecord and AresRecordSet classes (also as <QAres/AresRecord> and
    <QAres/AresRecordSet>).
*/

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
    are not printable ASCII appear as `\DDD`; a '.', '\\', '"', '(', ')',
    ';', '@' or '$' inside a label gets a backslash, as dig prints them.

    The properties are what QML reads, each through the accessor named.
*/
class QARES_EXPORT AresRecord
{
    Q_GADGET
    Q_PROPERTY(bool valid READ isValid) //!< isValid()
    Q_PROPERTY(AresRecord::Type type READ type) //!< type()
    Q_PROPERTY(int typeValue READ typeValue) //!< typeValue()
    Q_PROPERTY(QString typeName READ typeName) //!< typeName()
    Q_PROPERTY(int recordClass READ recordClass) //!< recordClass()
    Q_PROPERTY(QString name READ name) //!< name()
    Q_PROPERTY(QString aceName READ aceName) //!< aceName()
    Q_PROPERTY(int ttl READ ttl) //!< ttl()
    Q_PROPERTY(QByteArray rdata READ rdata) //!< rdata()
    Q_PROPERTY(bool decoded READ isDecoded) //!< isDecoded()
    Q_PROPERTY(QString addressString READ addressString) //!< addressString()
    Q_PROPERTY(QString target READ target) //!< target()
    Q_PROPERTY(QString aceTarget READ aceTarget) //!< aceTarget()
    Q_PROPERTY(int preference READ preference) //!< preference()
    Q_PROPERTY(int priority READ priority) //!< priority()
    Q_PROPERTY(int weight READ weight) //!< weight()
    Q_PROPERTY(int port READ port) //!< port()
    //! txtStrings(), as a list of ArrayBuffers in JavaScript (QML cannot read a QList<QByteArray>).
    Q_PROPERTY(QVariantList txtStrings READ txtStringsVariant)
    Q_PROPERTY(QString text READ text) //!< text()
    Q_PROPERTY(QString soaMailbox READ soaMailbox) //!< soaMailbox()
    Q_PROPERTY(uint soaSerial READ soaSerial) //!< soaSerial()
    Q_PROPERTY(uint soaRefresh READ soaRefresh) //!< soaRefresh()
    Q_PROPERTY(uint soaRetry READ soaRetry) //!< soaRetry()
    Q_PROPERTY(uint soaExpire READ soaExpire) //!< soaExpire()
    Q_PROPERTY(uint soaMinimum READ soaMinimum) //!< soaMinimum()
    Q_PROPERTY(int caaFlags READ caaFlags) //!< caaFlags()
    Q_PROPERTY(bool caaCritical READ isCaaCritical) //!< isCaaCritical()
    Q_PROPERTY(QString caaTag READ caaTag) //!< caaTag()
    Q_PROPERTY(QByteArray caaValue READ caaValue) //!< caaValue()
    Q_PROPERTY(int naptrOrder READ naptrOrder) //!< naptrOrder()
    Q_PROPERTY(QByteArray naptrFlags READ naptrFlags) //!< naptrFlags()
    Q_PROPERTY(QByteArray naptrServices READ naptrServices) //!< naptrServices()
    Q_PROPERTY(QByteArray naptrRegexp READ naptrRegexp) //!< naptrRegexp()
    Q_PROPERTY(QString uri READ uri) //!< uri()
    Q_PROPERTY(int tlsaUsage READ tlsaUsage) //!< tlsaUsage()
    Q_PROPERTY(int tlsaSelector READ tlsaSelector) //!< tlsaSelector()
    Q_PROPERTY(int tlsaMatchingType READ tlsaMatchingType) //!< tlsaMatchingType()
    Q_PROPERTY(QByteArray tlsaData READ tlsaData) //!< tlsaData()
    Q_PROPERTY(bool aliasMode READ isAliasMode) //!< isAliasMode()
    Q_PROPERTY(QStringList alpn READ alpn) //!< alpn()
    Q_PROPERTY(bool noDefaultAlpn READ noDefaultAlpn) //!< noDefaultAlpn()
    Q_PROPERTY(int svcPort READ svcPort) //!< svcPort()
    Q_PROPERTY(QStringList hintStrings READ hintStrings) //!< hintStrings()
    Q_PROPERTY(QByteArray ech READ ech) //!< ech()
public:
    /*!
        Record types, valued as on the wire. Any other 16-bit value is a
        valid Type too (AresRecord::Type(64000)): such records come back raw.
        The underlying type is int, as QML and QMetaType read enums.
    */
    enum Type : int {
        A = 1, //!< IPv4 address: address()
        NS = 2, //!< authoritative name server: target()
        CNAME = 5, //!< alias: target() is the canonical name
        SOA = 6, //!< start of a zone of authority: target() and the soa...() accessors
        PTR = 12, //!< domain name pointer (reverse lookups): target()
        MX = 15, //!< mail exchanger: preference(), exchange()
        TXT = 16, //!< text strings: txtStrings(), txtJoined(), text()
        AAAA = 28, //!< IPv6 address: address()
        SRV = 33, //!< service location (RFC 2782): priority(), weight(), port(), target()
        NAPTR = 35, //!< naming authority pointer (RFC 3403): the naptr...() accessors
        //! redirection of the names below the owner (RFC 6672): target() replaces the owner
        DNAME = 39,
        OPT = 41, //!< the EDNS pseudo-record (in AresRecordSet::additionals())
        TLSA = 52, //!< TLS certificate association (DANE, RFC 6698): the tlsa...() accessors
        SVCB = 64, //!< service binding (RFC 9460): priority(), target(), the SvcParams
        HTTPS = 65, //!< SVCB for HTTPS (RFC 9460), decoded as SVCB
        ANY = 255, //!< a query type: every record of the name
        URI = 256, //!< URI (RFC 7553): priority(), weight(), uri()
        CAA = 257, //!< certification authority authorization (RFC 8659): the caa...() accessors
    };
    Q_ENUM(Type)

    /*! SvcParamKeys of SVCB/HTTPS records (RFC 9460). */
    enum SvcParamKey : int {
        MandatoryKey = 0, //!< "mandatory": mandatoryKeys()
        AlpnKey = 1, //!< "alpn": alpn()
        NoDefaultAlpnKey = 2, //!< "no-default-alpn": noDefaultAlpn()
        PortKey = 3, //!< "port": svcPort()
        Ipv4HintKey = 4, //!< "ipv4hint": ipv4Hints()
        EchKey = 5, //!< "ech": ech()
        Ipv6HintKey = 6, //!< "ipv6hint": ipv6Hints()
    };
    Q_ENUM(SvcParamKey)

    /*! An invalid record (isValid() is \c false). */
    AresRecord();
    //! @{
    /*!
        Copies share the record (implicit sharing; a record cannot be
        modified); moves and swap() exchange it without copying.
    */
    AresRecord(const AresRecord &other);
    AresRecord(AresRecord &&other) noexcept;
    AresRecord &operator=(const AresRecord &other);
    AresRecord &operator=(AresRecord &&other) noexcept;
    void swap(AresRecord &other) noexcept { d.swap(other.d); }
    //! @}
    ~AresRecord(); //!< Destroys it (and the shared data with its last copy).

    /*!
        Builds a record from uncompressed \a rdata as it appears on the wire,
        decoding it if \a type is one of the known types. Returns an invalid
        record if \a name is not a valid name or the RDATA does not match the
        type's format (\a errorString, if given, says why).
    */
    static AresRecord fromRdata(const QString &name, Type type, const QByteArray &rdata,
                                int ttl = 0, int recordClass = 1, QString *errorString = nullptr);

    /*!
        The owner name for a PTR query of \a address: "4.3.2.1.in-addr.arpa"
        for IPv4, the nibble form under ip6.arpa for IPv6; empty for a null
        address.
    */
    static QString reverseName(const QHostAddress &address);
    /*! "A", "HTTPS", ... or "TYPE64000" (RFC 3597) for types without a name. */
    static QString typeName(Type type);

    /*! \c true for a record read from a reply or made by fromRdata(). */
    bool isValid() const;
    /*! The type, as on the wire: a value without a name for types QAres does not know. */
    Type type() const;
    /*! type() as an int, for QML. */
    int typeValue() const { return int(type()); }
    /*! typeName(type()): "MX", or "TYPE64000" for a type without a name. */
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

    /*! A, AAAA: the address. */
    QHostAddress address() const;
    /*! address() as text; empty for other types. */
    QString addressString() const;

    /*!
        The name in the RDATA, Unicode: CNAME and DNAME-like targets (CNAME,
        NS, PTR), the MX exchange, the SRV target, the NAPTR replacement, the
        SVCB/HTTPS TargetName, the SOA primary name server (MNAME).
    */
    QString target() const;
    /*! target() in ASCII presentation form, as on the wire. */
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

    /*!
        SOA: the mailbox of the person responsible for the zone (RNAME),
        Unicode; the primary name server (MNAME) is target().
    */
    QString soaMailbox() const;
    /*! soaMailbox() in ASCII presentation form, as on the wire. */
    QString aceSoaMailbox() const;
    /*! SOA: the zone's serial number. */
    quint32 soaSerial() const;
    /*! SOA: seconds before a secondary server checks the zone for changes. */
    quint32 soaRefresh() const;
    /*! SOA: seconds before a secondary server retries a failed refresh. */
    quint32 soaRetry() const;
    /*! SOA: seconds after which a secondary that cannot refresh stops answering for the zone. */
    quint32 soaExpire() const;
    /*! SOA: the MINIMUM field, which caps the TTL of negative answers (RFC 2308). */
    quint32 soaMinimum() const;

    /*! CAA: the flags octet. */
    int caaFlags() const;
    /*! CAA: \c true if the issuer critical flag (0x80) is set in caaFlags(). */
    bool isCaaCritical() const { return (caaFlags() & 0x80) != 0; }
    /*! CAA: the property tag ("issue", "issuewild", "iodef", ...). */
    QString caaTag() const;
    /*! CAA: the property value, as bytes. */
    QByteArray caaValue() const;

    /*! NAPTR: the order; preference() and target() (the replacement) complete the record. */
    int naptrOrder() const;
    /*! NAPTR: the flags string ("S", "A", "U", "P", ...). */
    QByteArray naptrFlags() const;
    /*! NAPTR: the service parameters ("SIP+D2U", "E2U+sip", ...). */
    QByteArray naptrServices() const;
    /*! NAPTR: the substitution expression. */
    QByteArray naptrRegexp() const;

    /*! URI: the target URI; priority() and weight() complete it. */
    QString uri() const;

    /*! TLSA: the certificate usage (0 to 3, RFC 6698). */
    int tlsaUsage() const;
    /*! TLSA: the selector: 0 the full certificate, 1 its SubjectPublicKeyInfo. */
    int tlsaSelector() const;
    /*! TLSA: the matching type: 0 the data itself, 1 its SHA-256, 2 its SHA-512. */
    int tlsaMatchingType() const;
    /*! TLSA: the certificate association data, as bytes. */
    QByteArray tlsaData() const;

    /*!
        SVCB/HTTPS: \c true in alias mode (SvcPriority 0). priority() is the
        SvcPriority, target() the TargetName.
    */
    bool isAliasMode() const;
    /*! Every SvcParam, key → value as on the wire, the unknown ones included. */
    QMap<quint16, QByteArray> svcParams() const;
    /*! The SvcParams this library does not decode (keys 7 and up), raw. */
    QMap<quint16, QByteArray> unknownSvcParams() const;
    /*! SVCB/HTTPS: the keys listed by the mandatory SvcParam; empty if absent. */
    QList<quint16> mandatoryKeys() const;
    /*! SVCB/HTTPS: the protocol ids of the alpn SvcParam ("h2", "h3", ...); empty if absent. */
    QStringList alpn() const;
    /*! SVCB/HTTPS: \c true if the no-default-alpn SvcParam is present. */
    bool noDefaultAlpn() const;
    /*! The port SvcParam, -1 if absent. */
    int svcPort() const;
    /*! SVCB/HTTPS: the addresses of the ipv4hint SvcParam; empty if absent. */
    QList<QHostAddress> ipv4Hints() const;
    /*! SVCB/HTTPS: the addresses of the ipv6hint SvcParam; empty if absent. */
    QList<QHostAddress> ipv6Hints() const;
    /*! ipv4hint then ipv6hint addresses, as strings. */
    QStringList hintStrings() const;
    /*! SVCB/HTTPS: the ech SvcParam (an ECHConfigList) as on the wire; empty if absent. */
    QByteArray ech() const;

    /*! One line in the style of dig: "host.test. 300 IN A 192.0.2.1" ("\# n hex" for raw types). */
    QString toString() const;

    /*!
        \c true if \a a and \a b are both invalid, or have the same type,
        class, TTL, owner name (ASCII case ignored) and RDATA.
    */
    friend QARES_EXPORT bool operator==(const AresRecord &a, const AresRecord &b);
    /*! The opposite of operator==(). */
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

    The properties are what QML reads, each through the accessor named.
*/
class QARES_EXPORT AresRecordSet
{
    Q_GADGET
    Q_PROPERTY(QString name READ name) //!< name()
    Q_PROPERTY(QString aceName READ aceName) //!< aceName()
    Q_PROPERTY(AresRecord::Type type READ type) //!< type()
    Q_PROPERTY(QList<AresRecord> records READ records) //!< records()
    Q_PROPERTY(QList<AresRecord> cnameChain READ cnameChain) //!< cnameChain()
    Q_PROPERTY(QString canonicalName READ canonicalName) //!< canonicalName()
    Q_PROPERTY(AresRecord authoritySoa READ authoritySoa) //!< authoritySoa()
    Q_PROPERTY(int negativeTtl READ negativeTtl) //!< negativeTtl()
    Q_PROPERTY(int rcode READ rcode) //!< rcode()
    Q_PROPERTY(bool authoritative READ isAuthoritative) //!< isAuthoritative()
    Q_PROPERTY(bool truncated READ isTruncated) //!< isTruncated()
    Q_PROPERTY(bool recursionDesired READ isRecursionDesired) //!< isRecursionDesired()
    Q_PROPERTY(bool recursionAvailable READ isRecursionAvailable) //!< isRecursionAvailable()
    Q_PROPERTY(bool authenticData READ isAuthenticData) //!< isAuthenticData()
    Q_PROPERTY(QAres::Error error READ error) //!< error()
    Q_PROPERTY(QString errorString READ errorString) //!< errorString()
    Q_PROPERTY(int aresStatus READ aresStatus) //!< aresStatus()
    Q_PROPERTY(int lookupId READ lookupId) //!< lookupId()
    Q_PROPERTY(AresDiagnostics diagnostics READ diagnostics) //!< diagnostics()
    Q_PROPERTY(bool fromCache READ fromCache) //!< fromCache()
    Q_PROPERTY(bool stale READ isStale) //!< isStale()
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
    //! A combination of Flag values (flags()).
    Q_DECLARE_FLAGS(Flags, Flag)
    Q_FLAG(Flags)

    /*! An empty set: no name, no records, NoError, rcode() -1, lookupId() -1. */
    AresRecordSet();
    //! @{
    /*!
        Copies share the set (implicit sharing; a record set cannot be
        modified); moves and swap() exchange it without copying.
    */
    AresRecordSet(const AresRecordSet &other);
    AresRecordSet(AresRecordSet &&other) noexcept;
    AresRecordSet &operator=(const AresRecordSet &other);
    AresRecordSet &operator=(AresRecordSet &&other) noexcept;
    void swap(AresRecordSet &other) noexcept { d.swap(other.d); }
    //! @}
    ~AresRecordSet(); //!< Destroys it (and the shared data with its last copy).

    /*! The name asked for, Unicode (for search(): as given, before search domains). */
    QString name() const;
    /*! The name asked for in ASCII, as sent. */
    QString aceName() const;
    /*! The type asked for. */
    AresRecord::Type type() const;

    /*!
        The answers for the question: the records of type() owned by
        canonicalName() (all of its records for ANY); empty on failure.
    */
    QList<AresRecord> records() const;
    /*! The CNAME records followed from the question to canonicalName(), in order. */
    QList<AresRecord> cnameChain() const;
    /*! The owner of records(): the end of the CNAME chain (Unicode); the name queried if none. */
    QString canonicalName() const;
    /*! canonicalName() in ASCII presentation form, as on the wire. */
    QString aceCanonicalName() const;

    /*! The answer section of the reply as received, every owner name included. */
    QList<AresRecord> answers() const;
    /*! The authority section of the reply as received. */
    QList<AresRecord> authorities() const;
    /*! The additional section of the reply as received, with the OPT record if there is one. */
    QList<AresRecord> additionals() const;

    /*! The SOA of the authority section (negative answers); invalid if none. */
    AresRecord authoritySoa() const;
    /*! min(SOA TTL, SOA minimum) when authoritySoa() is valid, otherwise -1. */
    int negativeTtl() const;

    /*! The DNS response code (0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, ...); -1 without a
        reply. */
    int rcode() const;
    /*! The header flags of the reply; none without a reply. */
    Flags flags() const;
    /*! AA: the answer comes from a server authoritative for the name. */
    bool isAuthoritative() const { return flags().testFlag(Authoritative); }
    /*!
        TC: the reply was truncated. c-ares asks again over TCP unless
        AresOptions::IgnoreTruncation is set.
    */
    bool isTruncated() const { return flags().testFlag(Truncated); }
    /*! RD: the query asked for recursion (AresOptions::NoRecursion clears it). */
    bool isRecursionDesired() const { return flags().testFlag(RecursionDesired); }
    /*! RA: the server offers recursion. */
    bool isRecursionAvailable() const { return flags().testFlag(RecursionAvailable); }
    /*!
        AD: the server says it validated the answer with DNSSEC; worth as much
        as the path to that server.
    */
    bool isAuthenticData() const { return flags().testFlag(AuthenticData); }

    /*! Why the query failed; AresError::NoError on success. */
    AresError error() const;
    /*!
        The failure in words, with the details QAres knows (such as the name
        or the server's response code); QAres::errorDescription() of error()
        when no text was set; empty on success.
    */
    QString errorString() const;
    /*! The raw c-ares status, for logs; 0 when the outcome did not come from c-ares. */
    int aresStatus() const;
    /*! The id of the lookup (AresReply::lookupId()); -1 if none. */
    int lookupId() const;
    /*!
        How the resolver obtained this set: the query's timings as the
        resolver measured them (time queued, time in c-ares, total),
        excluding its delivery. Invalid for sets not made by a resolver.
    */
    AresDiagnostics diagnostics() const;

    /*!
        true when the answer came from the resolver's cache (docs/caching.md):
        the records' TTLs are then what is left of them. Also
        diagnostics().fromCache().
    */
    bool fromCache() const;
    /*!
        true when the cache served it after it expired, because every server
        failed or timed out (AresOptions::staleAnswerLimit(), RFC 8767).
    */
    bool isStale() const;

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

#ifndef QT_NO_DEBUG_STREAM
/*!
    Writes \a record to \a debug on one line: its presentation form
    (toString()) inside `AresRecord(...)`.
*/
QARES_EXPORT QDebug operator<<(QDebug debug, const AresRecord &record);
/*!
    Writes \a set to \a debug on one line: the name and type asked for,
    then the records (their data) or the error and its string, and the rcode.
*/
QARES_EXPORT QDebug operator<<(QDebug debug, const AresRecordSet &set);
#endif

#endif // ARESRECORD_H
