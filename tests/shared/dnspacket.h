// SPDX-License-Identifier: MIT
#ifndef FAKEDNS_DNSPACKET_H
#define FAKEDNS_DNSPACKET_H

#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>
#include <QtCore/qlist.h>
#include <QtCore/qstring.h>

#include <optional>

/*!
    A tiny DNS message reader and writer (RFC 1035, RFC 6891 OPT), shared by
    AresTestServer and the tests that talk to it. It is deliberately independent
    of the library's own wire code in src/, so the two can check each other.

    Names are handled in "dotted" presentation form without the trailing dot:
    labels joined by '.', with a literal '.' or '\\' inside a label escaped by a
    backslash. The root name is the empty string. Other bytes are kept as is.

    Everything here is bounds-checked: parsing never reads outside the given
    buffer, compression pointers must point strictly backwards (so they cannot
    loop), and names are limited to 255 bytes on the wire.
*/
namespace FakeDns {

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
    OPT = 41,
    ANY = 255,
};
} // namespace Type

namespace Class {
enum : quint16 { IN = 1, CH = 3, ANY = 255 };
} // namespace Class

namespace RCode {
enum : quint8 { NoError = 0, FormErr = 1, ServFail = 2, NxDomain = 3, NotImp = 4, Refused = 5 };
} // namespace RCode

//! Bits of the header flags word.
namespace Flag {
enum : quint16 {
    QR = 0x8000,
    OpcodeMask = 0x7800,
    AA = 0x0400,
    TC = 0x0200,
    RD = 0x0100,
    RA = 0x0080,
    AD = 0x0020,
    CD = 0x0010,
    RCodeMask = 0x000f,
};
} // namespace Flag

struct Question
{
    QByteArray name; //!< dotted, no trailing dot
    quint16 type = 0;
    quint16 klass = Class::IN;
};

struct ResourceRecord
{
    QByteArray name; //!< owner, dotted, no trailing dot
    quint16 type = 0;
    quint16 klass = Class::IN;
    quint32 ttl = 0;
    QByteArray rdata;
    //! Offset of rdata in the parsed message (for compressed names inside rdata); -1 if built.
    qsizetype rdataOffset = -1;
};

struct Message
{
    quint16 id = 0;
    quint16 flags = 0; //!< QR, opcode, AA, TC, RD, RA, Z, AD, CD and the low 4 bits of the rcode
    QList<Question> questions;
    QList<ResourceRecord> answers;
    QList<ResourceRecord> authorities;
    QList<ResourceRecord> additionals; //!< without the OPT record, which is split out below

    bool hasEdns = false; //!< an OPT pseudo-record is (to be) present
    quint16 ednsPayloadSize = 0; //!< the OPT record's class field
    quint32 ednsTtl = 0; //!< extended rcode, version and flags (the OPT record's TTL field)
    QByteArray ednsOptions; //!< the OPT record's rdata

    bool hasFlag(quint16 flag) const { return (flags & flag) != 0; }
    void setFlag(quint16 flag, bool on = true)
    {
        flags = on ? quint16(flags | flag) : quint16(flags & ~flag);
    }
    quint8 opcode() const { return quint8((flags & Flag::OpcodeMask) >> 11); }
    quint8 rcode() const { return quint8(flags & Flag::RCodeMask); }
    void setRcode(quint8 rcode) { flags = quint16((flags & ~Flag::RCodeMask) | (rcode & 0xf)); }
};

/*!
    Encodes \a dotted as an uncompressed wire name. A single trailing dot is
    accepted. Returns an empty QByteArray (and sets *\a ok to false) for empty
    labels, labels over 63 bytes or names over 255 bytes.
*/
QByteArray encodeName(QByteArrayView dotted, bool *ok = nullptr);

/*!
    Reads a possibly compressed name at *\a offset in \a message. On success
    stores the dotted form in *\a name (if not null), advances *\a offset past
    the name as it appears at that position, and returns true.
*/
bool readName(QByteArrayView message, qsizetype *offset, QByteArray *name);

//! Parses a whole message. Trailing bytes after the last record are ignored.
std::optional<Message> parseMessage(QByteArrayView data, QString *error = nullptr);

/*!
    Serializes \a message. Owner names equal (case-insensitively) to the first
    question's name are written as a compression pointer to it; everything else
    is written uncompressed. If hasEdns is set an OPT record is appended.
*/
QByteArray serializeMessage(const Message &message);

//! A standard query with one question. \a ednsPayloadSize < 0: no OPT record.
QByteArray buildQuery(quint16 id, QByteArrayView name, quint16 type, bool recursionDesired = true,
                      int ednsPayloadSize = -1, quint16 klass = Class::IN);

//! "A", "AAAA", ... or "TYPE<n>".
QString typeName(quint16 type);
//! "NOERROR", "SERVFAIL", ... or "RCODE<n>".
QString rcodeName(quint8 rcode);

/*!
    One record as "owner TYPE ttl rdata", e.g. "host.example A 300 192.0.2.1".
    \a message is the raw message the record was parsed from (needed for
    compressed names in rdata); it may be empty for built records.
*/
QString formatRecord(const ResourceRecord &record, QByteArrayView message = {});

/*!
    A one-line summary of a reply for test expectations:
    "RCODE[ tc][; answer]...[; auth record]...[; add record]...[; edns N]",
    e.g. "NOERROR; host.example A 300 192.0.2.1" or "NXDOMAIN; auth example SOA ...".
*/
QString formatMessage(const Message &message, QByteArrayView raw = {});

} // namespace FakeDns

#endif // FAKEDNS_DNSPACKET_H
