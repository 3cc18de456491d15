// SPDX-License-Identifier: MIT
#ifndef DNSWIRE_P_H
#define DNSWIRE_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qlist.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>

/*!
    A DNS message reader (RFC 1035, 2181, 2782, 3403, 6698, 6844/8659, 7553,
    9460) for the answers of ares_query()/ares_search()/ares_send().

    It depends on QtCore only, never reads outside the buffer it is given,
    and rejects what it cannot read exactly: header counts that promise more
    than the message holds, bytes after the last record, names longer than
    255 octets, label types other than plain labels and pointers, pointers
    that do not point strictly backwards (which also rules out loops) or that
    chain more than maxPointerHops times, and RDATA that does not match its
    type's format. The only leniency: a message with the TC bit set may end
    early; then the sections hold the records that were complete.

    Names are given in presentation form without the trailing dot ("." for
    the root), as dig prints them: '.' and '\\' inside a label are escaped
    with a backslash, bytes outside 0x21..0x7e as \\DDD (decimal).
*/
namespace QAresPrivate::Wire {

namespace Type {
enum : quint16 {
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
    DNAME = 39,
    OPT = 41,
    TLSA = 52,
    SVCB = 64,
    HTTPS = 65,
    ANY = 255,
    URI = 256,
    CAA = 257,
};
} // namespace Type

//! SvcParamKeys (RFC 9460 section 14.3.2).
namespace SvcKey {
enum : quint16 {
    Mandatory = 0,
    Alpn = 1,
    NoDefaultAlpn = 2,
    Port = 3,
    Ipv4Hint = 4,
    Ech = 5,
    Ipv6Hint = 6,
};
} // namespace SvcKey

//! Bits of the header's flags word.
namespace Flag {
enum : quint16 {
    QR = 0x8000,
    AA = 0x0400,
    TC = 0x0200,
    RD = 0x0100,
    RA = 0x0080,
    AD = 0x0020,
    CD = 0x0010,
};
} // namespace Flag

constexpr int maxNameLength = 255; //!< octets on the wire, the final zero included
constexpr int maxPointerHops = 128;

enum class Error {
    None,
    Truncated,       //!< the message ends inside a header, question, record or name
    CountMismatch,   //!< the header counts promise more entries than the message holds
    TrailingData,    //!< bytes after the last record the counts announce
    BadLabelType,    //!< a length byte with the top bits 01 or 10 (a "label" over 63 octets)
    NameTooLong,     //!< a name over 255 octets on the wire
    BadPointer,      //!< a compression pointer to itself, forward, or past the end
    TooManyPointers, //!< more than maxPointerHops pointers in one name
    BadRdata,        //!< RDATA that does not match its type's format
};

//! "Truncated", "BadPointer", ... for tests and logs.
QString errorName(Error error);

struct SvcParam
{
    quint16 key = 0;
    QByteArray value; //!< as on the wire
};

struct Question
{
    QByteArray name;
    quint16 type = 0;
    quint16 klass = 1;
};

/*!
    The RDATA fields of the less common types (SOA, TXT, NAPTR, CAA, URI,
    TLSA, SVCB/HTTPS): a Record holds them apart, allocated only for those
    types, so that the common ones (A, AAAA, CNAME, NS, PTR, MX, SRV, raw)
    stay small.
*/
struct RecordExtra : public QSharedData
{
    QByteArray mailbox;          //!< SOA rname
    quint32 serial = 0, refresh = 0, retry = 0, expire = 0, minimum = 0; //!< SOA
    QList<QByteArray> strings;   //!< TXT; NAPTR flags, services, regexp
    QByteArray tag;              //!< CAA
    QByteArray value;            //!< CAA value, URI target, TLSA certificate association data
    QList<SvcParam> params;      //!< SVCB/HTTPS, in wire (ascending key) order
};

/*!
    One resource record. The typed fields are filled when decoded is true
    (the type is one this reader knows and its RDATA was valid); which ones
    depends on the type, the rest keep their defaults.
*/
struct Record
{
    QByteArray name;
    /*!
        The RDATA. For the decoded types that hold names, compressed names
        are expanded, so it stands on its own; otherwise as on the wire.
    */
    QByteArray rdata;
    QByteArray
            target; //!< CNAME, NS, PTR, MX exchange, SRV, NAPTR replacement, SVCB/HTTPS, SOA mname
    quint16 type = 0;
    quint16 klass = 1;
    quint32 ttl = 0;    //!< clamped: a TTL with the top bit set is 0 (RFC 2181 section 8)
    quint32 rawTtl = 0; //!< as on the wire (the OPT record keeps its flags here)
    quint16 preference = 0;      //!< MX, NAPTR
    quint16 order = 0;           //!< NAPTR
    quint16 priority = 0;        //!< SRV, URI, SVCB/HTTPS (SvcPriority)
    quint16 weight = 0;          //!< SRV, URI
    quint16 port = 0;            //!< SRV
    quint8 flags = 0;            //!< CAA
    quint8 usage = 0, selector = 0, matchingType = 0; //!< TLSA
    bool decoded = false;

    //! A: 4 octets, AAAA: 16, network order (the RDATA itself, shared); empty for other types.
    QByteArray address() const
    {
        return decoded && (type == 1 || type == 28) ? rdata : QByteArray();
    }
    const QByteArray &mailbox() const { return extra().mailbox; }
    quint32 serial() const { return extra().serial; }
    quint32 refresh() const { return extra().refresh; }
    quint32 retry() const { return extra().retry; }
    quint32 expire() const { return extra().expire; }
    quint32 minimum() const { return extra().minimum; }
    const QList<QByteArray> &strings() const { return extra().strings; }
    const QByteArray &tag() const { return extra().tag; }
    const QByteArray &value() const { return extra().value; }
    const QList<SvcParam> &params() const { return extra().params; }

    //! The fields of the less common types; empty ones if there are none.
    const RecordExtra &extra() const { return m_extra ? *m_extra : emptyExtra(); }
    //! The same, to fill in: allocated on first use.
    RecordExtra &extraForWriting()
    {
        if (!m_extra)
            m_extra = new RecordExtra;
        return *m_extra;
    }

private:
    static const RecordExtra &emptyExtra();
    QSharedDataPointer<RecordExtra> m_extra;
};

struct Message
{
    quint16 id = 0;
    quint16 flags = 0;
    quint16 questionCount = 0, answerCount = 0, authorityCount = 0, additionalCount = 0;
    QList<Question> questions;
    QList<Record> answers;
    QList<Record> authorities;
    QList<Record> additionals; //!< the OPT record included
    bool cutShort = false;     //!< TC was set and the message ended before the counts were met

    bool hasFlag(quint16 flag) const { return (flags & flag) != 0; }
    /*! The response code, extended by an OPT record's upper bits if there is one (RFC 6891). */
    int rcode() const;
};

struct ParseResult
{
    Error error = Error::None;
    qsizetype offset = 0; //!< where the problem was found
    QString detail;
    bool ok() const { return error == Error::None; }
    //! "BadPointer at 45: pointer to 60 does not point backwards"
    QString toString() const;
};

/*! Parses \a data into \a message; on failure \a message is left partly filled. */
ParseResult parseMessage(QByteArrayView data, Message *message);

/*!
    Decodes \a record's typed fields from its rdata, which must stand on its
    own (no compression pointers). Used to decode records built from raw
    RDATA; parseMessage() decodes in place. Leaves decoded false for types
    this reader does not know.
*/
ParseResult decodeRdata(Record *record);

/*! Uncompressed wire form of a presentation-form name; empty if it is not a valid name. */
QByteArray encodeName(QByteArrayView presentation);

/*! ASCII case-insensitive comparison of presentation-form names. */
bool sameName(QByteArrayView a, QByteArrayView b);

/*! Clamps a wire TTL (RFC 2181 section 8). */
constexpr quint32 clampTtl(quint32 ttl)
{
    return (ttl & 0x80000000u) ? 0 : ttl;
}

} // namespace QAresPrivate::Wire

#endif // DNSWIRE_P_H
