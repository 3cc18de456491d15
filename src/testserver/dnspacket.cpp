// SPDX-License-Identifier: MIT
#include "dnspacket_p.h"

#include <QtCore/qstringlist.h>
#include <QtNetwork/qhostaddress.h>

namespace TestWire {

namespace {

constexpr qsizetype HeaderSize = 12;
constexpr int MaxNameWireLength = 255;
constexpr int MaxLabelLength = 63;

inline quint16 readU16(const uchar *p)
{
    return quint16((quint16(p[0]) << 8) | p[1]);
}

inline quint32 readU32(const uchar *p)
{
    return (quint32(p[0]) << 24) | (quint32(p[1]) << 16) | (quint32(p[2]) << 8) | quint32(p[3]);
}

inline void appendU16(QByteArray &out, quint16 value)
{
    out.append(char(value >> 8));
    out.append(char(value & 0xff));
}

inline void appendU32(QByteArray &out, quint32 value)
{
    appendU16(out, quint16(value >> 16));
    appendU16(out, quint16(value & 0xffff));
}

void appendName(QByteArray &out, const QByteArray &dotted)
{
    const QByteArray wire = encodeName(dotted);
    // An unencodable name cannot come from the wire; write the root name rather than garbage.
    out.append(wire.isEmpty() ? QByteArray(1, '\0') : wire);
}

bool readRecord(QByteArrayView data, qsizetype *pos, ResourceRecord *record)
{
    const auto *bytes = reinterpret_cast<const uchar *>(data.data());
    if (!readName(data, pos, &record->name))
        return false;
    if (data.size() - *pos < 10)
        return false;
    const uchar *p = bytes + *pos;
    record->type = readU16(p);
    record->klass = readU16(p + 2);
    record->ttl = readU32(p + 4);
    const quint16 rdlength = readU16(p + 8);
    *pos += 10;
    if (data.size() - *pos < rdlength)
        return false;
    record->rdata = QByteArray(data.data() + *pos, rdlength);
    record->rdataOffset = *pos;
    *pos += rdlength;
    return true;
}

QString nameForDisplay(const QByteArray &name)
{
    return name.isEmpty() ? QStringLiteral(".") : QString::fromUtf8(name);
}

// Reads a name inside rdata: relative to the whole message when we have it, else to rdata alone.
bool readRdataName(const ResourceRecord &record, QByteArrayView message, qsizetype rdataPos,
                   qsizetype *consumed, QByteArray *name)
{
    if (!message.isEmpty() && record.rdataOffset >= 0
        && record.rdataOffset + record.rdata.size() <= message.size()) {
        qsizetype offset = record.rdataOffset + rdataPos;
        if (!readName(message.first(record.rdataOffset + record.rdata.size()), &offset, name))
            return false;
        *consumed = offset - record.rdataOffset - rdataPos;
        return true;
    }
    qsizetype offset = rdataPos;
    if (!readName(record.rdata, &offset, name))
        return false;
    *consumed = offset - rdataPos;
    return true;
}

QString formatRdata(const ResourceRecord &record, QByteArrayView message)
{
    const QByteArray &rd = record.rdata;
    const auto *p = reinterpret_cast<const uchar *>(rd.constData());
    auto hex = [&rd]() -> QString {
        return u"\\# " % QString::number(rd.size()) % u' ' % QString::fromLatin1(rd.toHex());
    };
    switch (record.type) {
    case Type::A:
        if (rd.size() == 4)
            return QHostAddress(readU32(p)).toString();
        return hex();
    case Type::AAAA:
        if (rd.size() == 16)
            return QHostAddress(p).toString();
        return hex();
    case Type::CNAME:
    case Type::PTR:
    case Type::NS: {
        QByteArray name;
        qsizetype used = 0;
        if (readRdataName(record, message, 0, &used, &name) && used == rd.size())
            return nameForDisplay(name);
        return hex();
    }
    case Type::MX: {
        QByteArray name;
        qsizetype used = 0;
        if (rd.size() >= 3 && readRdataName(record, message, 2, &used, &name)
            && used + 2 == rd.size())
            return QString::number(readU16(p)) % u' ' % nameForDisplay(name);
        return hex();
    }
    case Type::SRV: {
        QByteArray name;
        qsizetype used = 0;
        if (rd.size() >= 7 && readRdataName(record, message, 6, &used, &name)
            && used + 6 == rd.size()) {
            return QString::number(readU16(p)) % u' ' % QString::number(readU16(p + 2)) % u' '
                    % QString::number(readU16(p + 4)) % u' ' % nameForDisplay(name);
        }
        return hex();
    }
    case Type::SOA: {
        QByteArray mname, rname;
        qsizetype used1 = 0, used2 = 0;
        if (readRdataName(record, message, 0, &used1, &mname)
            && readRdataName(record, message, used1, &used2, &rname)
            && used1 + used2 + 20 == rd.size()) {
            const uchar *n = p + used1 + used2;
            QStringList parts = { nameForDisplay(mname), nameForDisplay(rname) };
            for (int i = 0; i < 5; ++i)
                parts.append(QString::number(readU32(n + 4 * i)));
            return parts.join(u' ');
        }
        return hex();
    }
    case Type::TXT: {
        QStringList parts;
        qsizetype pos = 0;
        while (pos < rd.size()) {
            const int len = p[pos];
            if (pos + 1 + len > rd.size())
                return hex();
            parts.append(u'"' % QString::fromUtf8(rd.mid(pos + 1, len)) % u'"');
            pos += 1 + len;
        }
        return parts.join(u' ');
    }
    default:
        return hex();
    }
}

} // namespace

QByteArray encodeName(QByteArrayView dotted, bool *ok)
{
    QByteArray out;
    out.reserve(dotted.size() + 2);
    QByteArray label;
    bool good = true;
    bool labelPending = false;
    auto flush = [&]() {
        if (label.isEmpty() || label.size() > MaxLabelLength) {
            good = false;
            return;
        }
        out.append(char(label.size()));
        out.append(label);
        label.clear();
        labelPending = false;
    };

    const qsizetype n = dotted.size();
    const bool root = n == 0 || (n == 1 && dotted.at(0) == '.');
    for (qsizetype i = 0; !root && good && i < n; ++i) {
        const char c = dotted.at(i);
        if (c == '\\') {
            if (i + 1 >= n) {
                good = false;
                break;
            }
            label.append(dotted.at(++i));
            labelPending = true;
        } else if (c == '.') {
            flush();
        } else {
            label.append(c);
            labelPending = true;
        }
    }
    if (good && labelPending)
        flush();
    out.append('\0');
    if (out.size() > MaxNameWireLength)
        good = false;
    if (ok)
        *ok = good;
    return good ? out : QByteArray();
}

bool readName(QByteArrayView message, qsizetype *offset, QByteArray *name)
{
    const auto *data = reinterpret_cast<const uchar *>(message.data());
    const qsizetype size = message.size();
    qsizetype pos = *offset;
    qsizetype runStart = pos; // compression pointers must point before this
    qsizetype resume = -1; // where the caller continues, once we followed a pointer
    int wireLength = 1; // the terminating root label
    QByteArray result;

    for (;;) {
        if (pos < 0 || pos >= size)
            return false;
        const uchar len = data[pos];
        if ((len & 0xc0) == 0xc0) {
            if (pos + 1 >= size)
                return false;
            const qsizetype target = (qsizetype(len & 0x3f) << 8) | data[pos + 1];
            if (target >= runStart)
                return false; // forward or self pointer: could loop
            if (resume < 0)
                resume = pos + 2;
            pos = runStart = target;
            continue;
        }
        if (len & 0xc0)
            return false; // extended/obsolete label types
        if (len == 0) {
            ++pos;
            break;
        }
        if (size - pos - 1 < len)
            return false;
        wireLength += 1 + len;
        if (wireLength > MaxNameWireLength)
            return false;
        if (!result.isEmpty())
            result.append('.');
        for (int i = 1; i <= len; ++i) {
            const char c = char(data[pos + i]);
            if (c == '.' || c == '\\')
                result.append('\\');
            result.append(c);
        }
        pos += 1 + len;
    }
    *offset = resume >= 0 ? resume : pos;
    if (name)
        *name = result;
    return true;
}

std::optional<Message> parseMessage(QByteArrayView data, QString *error)
{
    auto fail = [error](const char *why) -> std::optional<Message> {
        if (error)
            *error = QString::fromLatin1(why);
        return std::nullopt;
    };
    if (data.size() < HeaderSize)
        return fail("message shorter than the header");
    const auto *p = reinterpret_cast<const uchar *>(data.data());
    Message message;
    message.id = readU16(p);
    message.flags = readU16(p + 2);
    const int qdcount = readU16(p + 4);
    const int ancount = readU16(p + 6);
    const int nscount = readU16(p + 8);
    const int arcount = readU16(p + 10);

    qsizetype pos = HeaderSize;
    for (int i = 0; i < qdcount; ++i) {
        Question question;
        if (!readName(data, &pos, &question.name))
            return fail("bad question name");
        if (data.size() - pos < 4)
            return fail("truncated question");
        question.type = readU16(p + pos);
        question.klass = readU16(p + pos + 2);
        pos += 4;
        message.questions.append(question);
    }
    for (int i = 0; i < ancount; ++i) {
        ResourceRecord record;
        if (!readRecord(data, &pos, &record))
            return fail("bad answer record");
        message.answers.append(record);
    }
    for (int i = 0; i < nscount; ++i) {
        ResourceRecord record;
        if (!readRecord(data, &pos, &record))
            return fail("bad authority record");
        message.authorities.append(record);
    }
    for (int i = 0; i < arcount; ++i) {
        ResourceRecord record;
        if (!readRecord(data, &pos, &record))
            return fail("bad additional record");
        if (record.type == Type::OPT) {
            if (message.hasEdns)
                return fail("more than one OPT record");
            if (!record.name.isEmpty())
                return fail("OPT record with a non-root owner");
            message.hasEdns = true;
            message.ednsPayloadSize = record.klass;
            message.ednsTtl = record.ttl;
            message.ednsOptions = record.rdata;
        } else {
            message.additionals.append(record);
        }
    }
    return message;
}

QByteArray serializeMessage(const Message &message)
{
    QByteArray out;
    out.reserve(512);
    appendU16(out, message.id);
    appendU16(out, message.flags);
    appendU16(out, quint16(message.questions.size()));
    appendU16(out, quint16(message.answers.size()));
    appendU16(out, quint16(message.authorities.size()));
    appendU16(out, quint16(message.additionals.size() + (message.hasEdns ? 1 : 0)));

    qsizetype qnameOffset = -1;
    QByteArray qname;
    for (const Question &question : message.questions) {
        if (qnameOffset < 0) {
            qnameOffset = out.size();
            qname = question.name;
        }
        appendName(out, question.name);
        appendU16(out, question.type);
        appendU16(out, question.klass);
    }

    auto appendRecord = [&](const ResourceRecord &record) {
        if (qnameOffset >= 0 && !record.name.isEmpty()
            && record.name.compare(qname, Qt::CaseInsensitive) == 0) {
            appendU16(out, quint16(0xc000 | qnameOffset));
        } else {
            appendName(out, record.name);
        }
        appendU16(out, record.type);
        appendU16(out, record.klass);
        appendU32(out, record.ttl);
        appendU16(out, quint16(record.rdata.size()));
        out.append(record.rdata);
    };
    for (const ResourceRecord &record : message.answers)
        appendRecord(record);
    for (const ResourceRecord &record : message.authorities)
        appendRecord(record);
    for (const ResourceRecord &record : message.additionals)
        appendRecord(record);
    if (message.hasEdns) {
        out.append('\0');
        appendU16(out, Type::OPT);
        appendU16(out, message.ednsPayloadSize);
        appendU32(out, message.ednsTtl);
        appendU16(out, quint16(message.ednsOptions.size()));
        out.append(message.ednsOptions);
    }
    return out;
}

QByteArray buildQuery(quint16 id, QByteArrayView name, quint16 type, bool recursionDesired,
                      int ednsPayloadSize, quint16 klass)
{
    Message query;
    query.id = id;
    query.setFlag(Flag::RD, recursionDesired);
    query.questions.append(Question{ name.toByteArray(), type, klass });
    if (ednsPayloadSize >= 0) {
        query.hasEdns = true;
        query.ednsPayloadSize = quint16(ednsPayloadSize);
    }
    return serializeMessage(query);
}

QString typeName(quint16 type)
{
    switch (type) {
    case Type::A:
        return QStringLiteral("A");
    case Type::NS:
        return QStringLiteral("NS");
    case Type::CNAME:
        return QStringLiteral("CNAME");
    case Type::SOA:
        return QStringLiteral("SOA");
    case Type::PTR:
        return QStringLiteral("PTR");
    case Type::MX:
        return QStringLiteral("MX");
    case Type::TXT:
        return QStringLiteral("TXT");
    case Type::AAAA:
        return QStringLiteral("AAAA");
    case Type::SRV:
        return QStringLiteral("SRV");
    case Type::OPT:
        return QStringLiteral("OPT");
    case Type::ANY:
        return QStringLiteral("ANY");
    default:
        return u"TYPE" % QString::number(type);
    }
}

QString rcodeName(quint8 rcode)
{
    switch (rcode) {
    case RCode::NoError:
        return QStringLiteral("NOERROR");
    case RCode::FormErr:
        return QStringLiteral("FORMERR");
    case RCode::ServFail:
        return QStringLiteral("SERVFAIL");
    case RCode::NxDomain:
        return QStringLiteral("NXDOMAIN");
    case RCode::NotImp:
        return QStringLiteral("NOTIMP");
    case RCode::Refused:
        return QStringLiteral("REFUSED");
    default:
        return u"RCODE" % QString::number(rcode);
    }
}

QString formatRecord(const ResourceRecord &record, QByteArrayView message)
{
    QString text = nameForDisplay(record.name) % u' ' % typeName(record.type) % u' '
            % QString::number(record.ttl) % u' ' % formatRdata(record, message);
    if (record.klass != Class::IN)
        text += u" class=" % QString::number(record.klass);
    return text;
}

QString formatMessage(const Message &message, QByteArrayView raw)
{
    QString text = rcodeName(message.rcode());
    if (message.hasFlag(Flag::TC))
        text += u" tc";
    for (const ResourceRecord &record : message.answers)
        text += u"; " % formatRecord(record, raw);
    for (const ResourceRecord &record : message.authorities)
        text += u"; auth " % formatRecord(record, raw);
    for (const ResourceRecord &record : message.additionals)
        text += u"; add " % formatRecord(record, raw);
    if (message.hasEdns)
        text += u"; edns " % QString::number(message.ednsPayloadSize);
    return text;
}

} // namespace TestWire
