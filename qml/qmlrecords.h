// SPDX-License-Identifier: MIT
#ifndef QMLRECORDS_H
#define QMLRECORDS_H

#include <areserror.h>
#include <areshostinfo.h>
#include <aresrecord.h>

#include <QtCore/qlist.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>
#include <QtCore/qvariant.h>

class AresReply;
class AresResolver;

namespace QmlRecords {

/*!
    The lookup kinds above the 16-bit record types (the values of
    DnsLookup.Kind); every value 1..65535 is a record type, queried as on the wire.
*/
enum HostKind : int {
    HostKindAny = 0x10000,
    HostKindIPv4,
    HostKindIPv6,
    HostKindReverse,
    //! DnsLookup only (AresResolver::startNameInfoLookup(): a port and flags too)
    HostKindNameInfo,
};

/*! \c true for 1..65535 (a record query), \c false for the host kinds and anything else. */
constexpr bool isRecordType(int type)
{
    return type >= 1 && type <= 0xFFFF;
}
/*! \c true for the values DnsLookup and LookupModel can run. */
constexpr bool isValidType(int type)
{
    return isRecordType(type) || (type >= HostKindAny && type <= HostKindReverse);
}

/*! "A", "MX", "TYPE64000"; "Host", "HostIPv4", "HostIPv6", "Reverse" for the host kinds. */
QString typeName(int type);

/*! The RDATA in presentation form, as dig prints it: "10 mx1.example.org.". */
QString rdataText(const AresRecord &record);

/*!
    A record as a JS object: \c type (wire value), \c typeName, \c name, \c ttl,
    \c display (rdataText()), \c decoded, \c rdata (hex) and the typed fields
    of its type (see docs/qml.md).
*/
QVariantMap toMap(const AresRecord &record);
QVariantList toMaps(const QList<AresRecord> &records);

/*!
    The outcome of one lookup of any kind, in the form DnsLookup and
    LookupModel expose it: host lookups and record queries alike.
*/
struct Result
{
    AresError error = AresError::NoError;
    QString errorString;
    //! The name asked for (Reverse: the name found).
    QString hostName;
    QString canonicalName;
    QStringList aliases;
    //! A/AAAA answers (host lookups; A and AAAA records of record queries).
    QList<QHostAddress> addresses;
    //! Parallel to addresses; -1 where unknown.
    QList<int> ttls;
    //! Every answer as toMap() objects (host lookups: synthesized A/AAAA or PTR records).
    QVariantList records;
    QVariantList cnameChain;
    QVariantMap authoritySoa;
    int rcode = -1;
    bool authoritative = false;
    int negativeTtl = -1;
    //! The smallest TTL of records; -1 if none is known.
    int minimumTtl = -1;
    //! How the resolver obtained it: its own timings (invalid for failures found before it
    //! started).
    AresDiagnostics diagnostics;

    QStringList addressStrings() const;
    //! The records' display texts joined with ", " (Done), or the error text (Failed).
    QString answerText() const;

    static Result fromHostInfo(const AresHostInfo &info, int type, const QString &name);
    static Result fromRecordSet(const AresRecordSet &set);
    static Result failure(const QString &name, AresError error, const QString &errorString);
};

/*!
    Starts a lookup of \a name with \a type on \a resolver: a host or reverse
    lookup, or a record query (startSearch() if \a search, else
    startQuery()). Returns null and sets \a errorString if \a type is not a
    valid type; the caller delivers that as InvalidRequestError.
*/
AresReply *start(AresResolver *resolver, const QString &name, int type, bool search,
                 QString *errorString);

/*! The result of a finished \a reply started by start() with \a type for \a name. */
Result resultOf(const AresReply *reply, int type, const QString &name);

} // namespace QmlRecords

#endif // QMLRECORDS_H
