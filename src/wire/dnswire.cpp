// SPDX-License-Identifier: MIT
#include "dnswire_p.h"
#include "dnswireparser_p.h"

#include <QtCore/qcoreapplication.h>

#include <cstring>

namespace QAresPrivate::Wire {

ParseResult failure(Error error, qsizetype offset, QString detail)
{
    ParseResult result;
    result.error = error;
    result.offset = offset;
    result.detail = std::move(detail);
    return result;
}

namespace {

// A name's presentation form: at most 254 label octets of 4 characters each
// (\DDD) plus the dots between at most 127 labels.
constexpr qsizetype maxPresentationLength = 254 * 4 + 127;

// The octets a presentation form escapes, as dig (BIND) writes names: those
// outside 0x21..0x7e as \DDD, and the ones special in zone files with a
// backslash: . \ " ( ) ; @ $
constexpr bool isSpecialInNames(int c)
{
    return c == '.' || c == '\\' || c == '"' || c == '(' || c == ')' || c == ';' || c == '@'
            || c == '$';
}

struct EscapeTable
{
    bool escaped[256];
    constexpr EscapeTable() : escaped()
    {
        for (int c = 0; c < 256; ++c)
            escaped[c] = c < 0x21 || c > 0x7e || isSpecialInNames(c);
    }
};
constexpr EscapeTable escapeTable;

/*! Writes the presentation form of one label at out; returns the characters written. */
qsizetype writePresentationLabel(char *out, const uchar *label, int length)
{
    // Most labels need no escape: copied as they are, one table look-up per octet.
    int plain = 0;
    while (plain < length && !escapeTable.escaped[label[plain]])
        ++plain;
    std::memcpy(out, label, size_t(plain));
    char *p = out + plain;
    for (int i = plain; i < length; ++i) {
        const uchar c = label[i];
        if (isSpecialInNames(c)) {
            *p++ = '\\';
            *p++ = char(c);
        } else if (c < 0x21 || c > 0x7e) {
            *p++ = '\\';
            *p++ = char('0' + c / 100);
            *p++ = char('0' + (c / 10) % 10);
            *p++ = char('0' + c % 10);
        } else {
            *p++ = char(c);
        }
    }
    return p - out;
}

/*
    Reads one RDATA in [pos, end) and writes its self-contained form (names
    expanded) to out.
*/
class RdataReader
{
public:
    RdataReader(const Reader &message, qsizetype start, qsizetype end, bool allowPointers)
        : m_message(message), m_pos(start), m_end(end), m_allowPointers(allowPointers)
    {
    }

    bool failed() const { return !m_result.ok(); }
    ParseResult result() const { return m_result; }
    bool atEnd() const { return m_pos == m_end; }
    qsizetype remaining() const { return m_end - m_pos; }
    QByteArray expanded() const { return m_out; }

    quint8 u8()
    {
        if (!need(1))
            return 0;
        const quint8 v = m_message.data()[m_pos];
        copy(1);
        return v;
    }
    quint16 u16()
    {
        if (!need(2))
            return 0;
        const uchar *p = m_message.data() + m_pos;
        const quint16 v = quint16((p[0] << 8) | p[1]);
        copy(2);
        return v;
    }
    quint32 u32()
    {
        if (!need(4))
            return 0;
        const uchar *p = m_message.data() + m_pos;
        const quint32 v =
                (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | p[3];
        copy(4);
        return v;
    }
    QByteArray bytes(qsizetype count)
    {
        if (!need(count))
            return {};
        QByteArray v(reinterpret_cast<const char *>(m_message.data() + m_pos), count);
        copy(count);
        return v;
    }
    QByteArray rest() { return bytes(remaining()); }
    //! A <character-string>: one length octet, then that many octets.
    QByteArray characterString()
    {
        const quint8 length = u8();
        return failed() ? QByteArray() : bytes(length);
    }
    QByteArray name()
    {
        if (failed())
            return {};
        QByteArray presentation;
        QByteArray wire;
        const ParseResult r =
                m_message.readName(&m_pos, m_end, m_allowPointers, &presentation, &wire);
        if (!r.ok()) {
            // A name running past the RDATA is bad RDATA, not a cut-off message.
            m_result = r.error == Error::Truncated
                    ? failure(Error::BadRdata, r.offset,
                              QCoreApplication::translate("AresRecordSet",
                                                          "a name runs past the RDATA"))
                    : r;
            return {};
        }
        m_out.append(wire);
        return presentation;
    }
    void fail(const QString &detail)
    {
        if (!failed())
            m_result = failure(Error::BadRdata, m_pos, detail);
    }
    //! Fails unless everything was consumed.
    void expectEnd(const char *type)
    {
        if (!failed() && !atEnd())
            fail(QCoreApplication::translate("AresRecordSet", "%1 RDATA has %2 octets too many")
                         .arg(QLatin1String(type))
                         .arg(remaining()));
    }

private:
    bool need(qsizetype count)
    {
        if (failed())
            return false;
        if (count > remaining()) {
            m_result = failure(
                    Error::BadRdata, m_pos,
                    QCoreApplication::translate("AresRecordSet",
                                                "RDATA ends early (%1 more octets needed, %2 left)")
                            .arg(count)
                            .arg(remaining()));
            return false;
        }
        return true;
    }
    void copy(qsizetype count)
    {
        m_out.append(reinterpret_cast<const char *>(m_message.data() + m_pos), count);
        m_pos += count;
    }

    const Reader &m_message;
    qsizetype m_pos;
    qsizetype m_end;
    bool m_allowPointers;
    QByteArray m_out;
    ParseResult m_result;
};

ParseResult checkSvcParam(quint16 key, const QByteArray &value, qsizetype offset)
{
    auto bad = [offset](const QString &detail) { return failure(Error::BadRdata, offset, detail); };
    switch (key) {
    case SvcKey::Mandatory:
        if (value.isEmpty() || value.size() % 2)
            return bad(QCoreApplication::translate(
                    "AresRecordSet", "mandatory: the value must be a non-empty list of keys"));
        break;
    case SvcKey::Alpn: {
        if (value.isEmpty())
            return bad(QCoreApplication::translate("AresRecordSet", "alpn: empty value"));
        qsizetype p = 0;
        while (p < value.size()) {
            const int length = quint8(value.at(p));
            if (length == 0 || p + 1 + length > value.size())
                return bad(QCoreApplication::translate("AresRecordSet",
                                                       "alpn: malformed protocol id list"));
            p += 1 + length;
        }
        break;
    }
    case SvcKey::NoDefaultAlpn:
        if (!value.isEmpty())
            return bad(QCoreApplication::translate("AresRecordSet",
                                                   "no-default-alpn: the value must be empty"));
        break;
    case SvcKey::Port:
        if (value.size() != 2)
            return bad(QCoreApplication::translate("AresRecordSet",
                                                   "port: the value must be 2 octets"));
        break;
    case SvcKey::Ipv4Hint:
        if (value.isEmpty() || value.size() % 4)
            return bad(QCoreApplication::translate(
                    "AresRecordSet",
                    "ipv4hint: the value must be a non-empty list of IPv4 addresses"));
        break;
    case SvcKey::Ipv6Hint:
        if (value.isEmpty() || value.size() % 16)
            return bad(QCoreApplication::translate(
                    "AresRecordSet",
                    "ipv6hint: the value must be a non-empty list of IPv6 addresses"));
        break;
    default: // ech and unknown keys: opaque
        break;
    }
    return {};
}

} // namespace

ParseResult Reader::readName(qsizetype *pos, qsizetype limit, bool allowPointers,
                             QByteArray *presentation, QByteArray *wire) const
{
    qsizetype p = *pos;
    if (allowPointers && presentation && !wire && p + 1 < limit && (m_data[p] & 0xc0) == 0xc0) {
        const qsizetype target = (qsizetype(m_data[p] & 0x3f) << 8) | m_data[p + 1];
        if (target < p) { // then also inside the message
            for (const KnownName &known : m_known) {
                if (known.start == target && known.hops < maxPointerHops) {
                    *presentation = known.presentation;
                    *pos = p + 2;
                    return {};
                }
            }
        }
    }
    const qsizetype start = p;
    qsizetype end = -1;   // where the in-place part ends (after the first pointer)
    qsizetype runStart = p; // pointers must go strictly below where the current run began
    int wireLength = 0;
    int hops = 0;
    char text[maxPresentationLength]; // built here, one QByteArray at the end
    qsizetype textLength = 0;
    if (wire)
        wire->clear();
    for (;;) {
        if (p >= limit)
            return failure(Error::Truncated, p,
                           QCoreApplication::translate("AresRecordSet",
                                                       "the name runs past the end of its data"));
        const uchar length = m_data[p];
        if ((length & 0xc0) == 0xc0) {
            if (!allowPointers)
                return failure(
                        Error::BadPointer, p,
                        QCoreApplication::translate("AresRecordSet",
                                                    "a compression pointer where none is allowed"));
            if (p + 1 >= limit)
                return failure(Error::Truncated, p,
                               QCoreApplication::translate("AresRecordSet",
                                                           "the compression pointer is cut off"));
            const qsizetype target = (qsizetype(length & 0x3f) << 8) | m_data[p + 1];
            if (target >= m_size)
                return failure(
                        Error::BadPointer, p,
                        QCoreApplication::translate(
                                "AresRecordSet", "pointer to %1, past the end of the message (%2)")
                                .arg(target)
                                .arg(m_size));
            if (target >= runStart)
                return failure(Error::BadPointer, p,
                               QCoreApplication::translate("AresRecordSet",
                                                           "pointer to %1 does not point backwards")
                                       .arg(target));
            if (++hops > maxPointerHops)
                return failure(Error::TooManyPointers, p,
                               QCoreApplication::translate("AresRecordSet",
                                                           "more than %1 compression pointers")
                                       .arg(maxPointerHops));
            if (end < 0)
                end = p + 2;
            p = runStart = target;
            limit = m_size;
            continue;
        }
        if (length & 0xc0)
            return failure(Error::BadLabelType, p,
                           QCoreApplication::translate(
                                   "AresRecordSet",
                                   "label length byte 0x%1 (labels are at most 63 octets)")
                                   .arg(length, 2, 16, QLatin1Char('0')));
        wireLength += 1 + length;
        if (wireLength > maxNameLength)
            return failure(Error::NameTooLong, p,
                           QCoreApplication::translate("AresRecordSet",
                                                       "the name is longer than 255 octets"));
        if (length == 0) {
            ++p;
            break;
        }
        if (p + 1 + length > limit)
            return failure(Error::Truncated, p,
                           QCoreApplication::translate("AresRecordSet",
                                                       "a label runs past the end of its data"));
        if (presentation) {
            if (textLength > 0)
                text[textLength++] = '.';
            textLength += writePresentationLabel(text + textLength, m_data + p + 1, length);
        }
        if (wire)
            wire->append(reinterpret_cast<const char *>(m_data + p), 1 + length);
        p += 1 + length;
    }
    if (wire)
        wire->append('\0');
    if (presentation) {
        if (textLength == 0)
            *presentation = QByteArray(".");
        else if (m_hint && m_hint->size() == textLength
                 && std::memcmp(m_hint->constData(), text, size_t(textLength)) == 0)
            *presentation = *m_hint; // the same octets: shared, not allocated
        else
            *presentation = QByteArray(text, textLength);
        if (allowPointers) {
            KnownName &slot = m_known[m_nextKnown];
            m_nextKnown = (m_nextKnown + 1) % knownNameSlots;
            slot.start = start;
            slot.hops = hops;
            slot.presentation = *presentation;
        }
    }
    *pos = end >= 0 ? end : p;
    return {};
}

ParseResult decodeInto(const Reader &message, qsizetype start, qsizetype end, bool allowPointers,
                       Record *r)
{
    if (r->type == Type::A || r->type == Type::AAAA) {
        // The address is the RDATA itself: one allocation of its size, no RdataReader.
        const qsizetype size = r->type == Type::A ? 4 : 16;
        if (end - start != size)
            return failure(
                    Error::BadRdata, start,
                    QCoreApplication::translate("AresRecordSet",
                                                "%1 RDATA must be %2 octets, not %3")
                            .arg(r->type == Type::A ? QStringLiteral("A") : QStringLiteral("AAAA"))
                            .arg(size)
                            .arg(end - start));
        r->rdata = QByteArray(reinterpret_cast<const char *>(message.data() + start), size);
        r->decoded = true;
        return {};
    }
    RdataReader in(message, start, end, allowPointers);
    switch (r->type) {
    case Type::CNAME:
    case Type::NS:
    case Type::PTR:
    case Type::DNAME:
        r->target = in.name();
        in.expectEnd(r->type == Type::CNAME ? "CNAME"
                             : r->type == Type::NS  ? "NS"
                             : r->type == Type::PTR ? "PTR"
                                                    : "DNAME");
        break;
    case Type::MX:
        r->preference = in.u16();
        r->target = in.name();
        in.expectEnd("MX");
        break;
    case Type::SRV:
        r->priority = in.u16();
        r->weight = in.u16();
        r->port = in.u16();
        r->target = in.name();
        in.expectEnd("SRV");
        break;
    case Type::TXT: {
        QList<QByteArray> &strings = r->extraForWriting().strings;
        if (in.atEnd())
            in.fail(QCoreApplication::translate("AresRecordSet",
                                                "TXT RDATA must hold at least one string"));
        while (!in.failed() && !in.atEnd())
            strings.append(in.characterString());
        break;
    }
    case Type::SOA: {
        RecordExtra &x = r->extraForWriting();
        r->target = in.name();
        x.mailbox = in.name();
        x.serial = in.u32();
        x.refresh = in.u32();
        x.retry = in.u32();
        x.expire = in.u32();
        x.minimum = in.u32();
        in.expectEnd("SOA");
        break;
    }
    case Type::CAA: {
        RecordExtra &x = r->extraForWriting();
        r->flags = in.u8();
        x.tag = in.characterString();
        if (!in.failed() && x.tag.isEmpty())
            in.fail(QCoreApplication::translate("AresRecordSet", "CAA tag is empty"));
        x.value = in.rest();
        break;
    }
    case Type::NAPTR:
        r->order = in.u16();
        r->preference = in.u16();
        for (int i = 0; i < 3; ++i)
            r->extraForWriting().strings.append(in.characterString());
        r->target = in.name();
        in.expectEnd("NAPTR");
        break;
    case Type::URI:
        r->priority = in.u16();
        r->weight = in.u16();
        r->extraForWriting().value = in.rest();
        if (!in.failed() && r->value().isEmpty())
            in.fail(QCoreApplication::translate("AresRecordSet", "URI target is empty"));
        break;
    case Type::TLSA:
        r->usage = in.u8();
        r->selector = in.u8();
        r->matchingType = in.u8();
        r->extraForWriting().value = in.rest();
        break;
    case Type::SVCB:
    case Type::HTTPS: {
        r->priority = in.u16();
        r->target = in.name();
        int previousKey = -1;
        while (!in.failed() && !in.atEnd()) {
            SvcParam param;
            param.key = in.u16();
            const quint16 length = in.u16();
            const qsizetype valueOffset = end - in.remaining();
            param.value = in.bytes(length);
            if (in.failed())
                break;
            if (int(param.key) <= previousKey) {
                in.fail(QCoreApplication::translate(
                                "AresRecordSet",
                                "SvcParamKeys must be in strictly ascending order (%1 after %2)")
                                .arg(param.key)
                                .arg(previousKey));
                break;
            }
            previousKey = param.key;
            const ParseResult check = checkSvcParam(param.key, param.value, valueOffset);
            if (!check.ok())
                return check;
            r->extraForWriting().params.append(std::move(param));
        }
        break;
    }
    default:
        r->rdata = QByteArray(reinterpret_cast<const char *>(message.data() + start), end - start);
        return {};
    }
    if (in.failed())
        return in.result();
    r->rdata = in.expanded();
    r->decoded = true;
    return {};
}

ParseResult readRecord(const Reader &reader, qsizetype *pos, Record *record)
{
    const uchar *d = reader.data();
    const qsizetype size = reader.size();
    qsizetype p = *pos;
    ParseResult r = reader.readName(&p, size, true, &record->name, nullptr);
    if (!r.ok())
        return r;
    if (p + 10 > size)
        return failure(
                Error::Truncated, p,
                QCoreApplication::translate("AresRecordSet", "the record header is cut off"));
    record->type = quint16((d[p] << 8) | d[p + 1]);
    record->klass = quint16((d[p + 2] << 8) | d[p + 3]);
    record->rawTtl = (quint32(d[p + 4]) << 24) | (quint32(d[p + 5]) << 16)
            | (quint32(d[p + 6]) << 8) | d[p + 7];
    record->ttl = record->type == Type::OPT ? 0 : clampTtl(record->rawTtl);
    const qsizetype rdlength = (d[p + 8] << 8) | d[p + 9];
    p += 10;
    if (p + rdlength > size)
        return failure(
                Error::Truncated, p,
                QCoreApplication::translate("AresRecordSet",
                                            "RDATA of %1 octets runs past the end of the message")
                        .arg(rdlength));
    r = decodeInto(reader, p, p + rdlength, true, record);
    if (!r.ok()) {
        r.detail = QCoreApplication::translate("AresRecordSet", "record %1 type %2: %3")
                           .arg(QString::fromLatin1(record->name))
                           .arg(record->type)
                           .arg(r.detail);
        return r;
    }
    *pos = p + rdlength;
    return {};
}

namespace {

// parseMessage()'s sink: a Wire::Message.
class MessageSink
{
public:
    explicit MessageSink(Message *message) : m_message(message) { }

    void header(quint16 id, quint16 flags, const quint16 counts[4])
    {
        m_message->id = id;
        m_message->flags = flags;
        m_message->questionCount = counts[0];
        m_message->answerCount = counts[1];
        m_message->authorityCount = counts[2];
        m_message->additionalCount = counts[3];
    }
    void reserveQuestions(int count) { m_message->questions.reserve(count); }
    void reserve(Section section, int count) { list(section).reserve(count); }
    void question(QByteArray &&name, quint16 type, quint16 klass)
    {
        Question &q = m_message->questions.emplace_back();
        q.name = std::move(name);
        q.type = type;
        q.klass = klass;
    }
    Record *addRecord(Section section) { return &list(section).emplace_back(); }
    void dropRecord(Section section) { list(section).removeLast(); }
    void setCutShort() { m_message->cutShort = true; }

private:
    QList<Record> &list(Section section)
    {
        switch (section) {
        case Section::Answer:
            return m_message->answers;
        case Section::Authority:
            return m_message->authorities;
        case Section::Additional:
            break;
        }
        return m_message->additionals;
    }

    Message *m_message;
};

} // namespace


const RecordExtra &Record::emptyExtra()
{
    static const RecordExtra empty;
    return empty;
}

QString errorName(Error error)
{
    switch (error) {
    case Error::None:
        return QStringLiteral("None");
    case Error::Truncated:
        return QStringLiteral("Truncated");
    case Error::CountMismatch:
        return QStringLiteral("CountMismatch");
    case Error::TrailingData:
        return QStringLiteral("TrailingData");
    case Error::BadLabelType:
        return QStringLiteral("BadLabelType");
    case Error::NameTooLong:
        return QStringLiteral("NameTooLong");
    case Error::BadPointer:
        return QStringLiteral("BadPointer");
    case Error::TooManyPointers:
        return QStringLiteral("TooManyPointers");
    case Error::BadRdata:
        return QStringLiteral("BadRdata");
    }
    return QString();
}

QString ParseResult::toString() const
{
    if (ok())
        return QStringLiteral("None");
    return QStringLiteral("%1 at %2: %3").arg(errorName(error)).arg(offset).arg(detail);
}

int Message::rcode() const
{
    for (const Record &record : additionals) {
        if (record.type == Type::OPT)
            return extendedRcode(flags, &record);
    }
    return extendedRcode(flags, nullptr);
}

ParseResult parseMessage(QByteArrayView data, Message *message)
{
    *message = Message();
    MessageSink sink(message);
    return MessageParser<MessageSink>(data, &sink).parse();
}

ParseResult decodeRdata(Record *record)
{
    const QByteArray rdata = record->rdata; // kept alive while decoding
    const Reader reader(reinterpret_cast<const uchar *>(rdata.constData()), rdata.size());
    Record decoded;
    decoded.name = record->name;
    decoded.type = record->type;
    decoded.klass = record->klass;
    decoded.ttl = record->ttl;
    decoded.rawTtl = record->rawTtl;
    const ParseResult r = decodeInto(reader, 0, rdata.size(), false, &decoded);
    if (r.ok())
        *record = std::move(decoded);
    return r;
}

QByteArray encodeName(QByteArrayView presentation)
{
    if (presentation.isEmpty())
        return {};
    if (presentation == QByteArrayView("."))
        return QByteArray(1, '\0');
    QByteArray out;
    bool trailingDot = false; // an unescaped final '.': the name is absolute
    QByteArray label;
    auto flush = [&out, &label]() {
        if (label.isEmpty() || label.size() > 63)
            return false;
        out.append(char(label.size()));
        out.append(label);
        label.clear();
        return true;
    };
    for (qsizetype i = 0; i < presentation.size(); ++i) {
        const char c = presentation.at(i);
        if (c == '.') {
            if (!flush())
                return {};
            trailingDot = i + 1 == presentation.size();
        } else if (c == '\\') {
            if (i + 1 >= presentation.size())
                return {};
            const char next = presentation.at(i + 1);
            if (next >= '0' && next <= '9') {
                if (i + 3 >= presentation.size())
                    return {};
                int value = 0;
                for (int k = 1; k <= 3; ++k) {
                    const char digit = presentation.at(i + k);
                    if (digit < '0' || digit > '9')
                        return {};
                    value = value * 10 + (digit - '0');
                }
                if (value > 255)
                    return {};
                label.append(char(value));
                i += 3;
            } else {
                label.append(next);
                ++i;
            }
        } else {
            label.append(c);
        }
    }
    if (!trailingDot && !flush())
        return {};
    out.append('\0');
    if (out.size() > maxNameLength)
        return {};
    return out;
}

bool sameName(QByteArrayView a, QByteArrayView b)
{
    // Names of different lengths never match; the same octets (the usual
    // case: a compression pointer to the question, often the very same
    // QByteArray) need no case folding.
    if (a.size() != b.size())
        return false;
    if (a.data() == b.data() || a.isEmpty()
        || std::memcmp(a.data(), b.data(), size_t(a.size())) == 0)
        return true;
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace QAresPrivate::Wire
