// SPDX-License-Identifier: MIT
#include "padding_p.h"

namespace QAresPrivate::Transport {

static quint16 read16(QByteArrayView data, qsizetype at)
{
    return quint16((quint8(data.at(at)) << 8) | quint8(data.at(at + 1)));
}

static void write16(QByteArray *data, qsizetype at, quint16 value)
{
    (*data)[at] = char(value >> 8);
    (*data)[at + 1] = char(value & 0xff);
}

static void append16(QByteArray *data, quint16 value)
{
    data->append(char(value >> 8));
    data->append(char(value & 0xff));
}

QByteArray padQuery(QByteArrayView query)
{
    constexpr quint16 optType = 41;
    constexpr quint16 paddingCode = 12;
    const qsizetype size = query.size();
    if (size < 12 || read16(query, 4) != 1 || read16(query, 6) != 0 || read16(query, 8) != 0)
        return query.toByteArray();
    const quint16 additional = read16(query, 10);
    if (additional > 1)
        return query.toByteArray();
    // The question: an uncompressed name, type and class.
    qsizetype pos = 12;
    for (int labels = 0;; ++labels) {
        if (pos >= size || labels > 127)
            return query.toByteArray();
        const int length = quint8(query.at(pos));
        if (length == 0) {
            ++pos;
            break;
        }
        if (length > 63)
            return query.toByteArray();
        pos += 1 + length;
    }
    pos += 4;
    if (pos > size)
        return query.toByteArray();

    QByteArray padded = query.toByteArray();
    qsizetype rdLengthAt = 0;
    if (additional == 0) {
        if (pos != size)
            return query.toByteArray();
        padded.append('\0'); // root owner
        append16(&padded, optType);
        append16(&padded, 1232); // UDP payload size
        padded.append(4, '\0'); // extended rcode, version, flags
        rdLengthAt = padded.size();
        append16(&padded, 0);
        write16(&padded, 10, 1);
    } else {
        // The OPT record must be the rest of the message: 0, type 41, class, TTL, RDLENGTH, options.
        if (pos + 11 > size || query.at(pos) != '\0' || read16(query, pos + 1) != optType)
            return query.toByteArray();
        rdLengthAt = pos + 9;
        const quint16 rdLength = read16(query, rdLengthAt);
        if (pos + 11 + rdLength != size)
            return query.toByteArray();
        for (qsizetype option = pos + 11; option < size;) {
            if (option + 4 > size)
                return query.toByteArray();
            if (read16(query, option) == paddingCode)
                return query.toByteArray(); // padded already
            option += 4 + read16(query, option + 2);
        }
    }
    const qsizetype unpadded = padded.size() + 4; // with the option's code and length
    const qsizetype padding = (queryPaddingBlock - unpadded % queryPaddingBlock) % queryPaddingBlock;
    if (unpadded + padding > 65535)
        return query.toByteArray();
    append16(&padded, paddingCode);
    append16(&padded, quint16(padding));
    padded.append(padding, '\0');
    write16(&padded, rdLengthAt, quint16(read16(padded, rdLengthAt) + 4 + padding));
    return padded;
}

QByteArrayView questionOf(QByteArrayView message)
{
    const qsizetype size = message.size();
    if (size < 12 || read16(message, 4) == 0)
        return {};
    qsizetype pos = 12;
    for (int labels = 0;; ++labels) {
        if (pos >= size || labels > 127)
            return {};
        const int length = quint8(message.at(pos));
        if (length == 0) {
            ++pos;
            break;
        }
        if (length > 63)
            return {}; // compressed (or not a label)
        pos += 1 + length;
    }
    if (pos + 4 > size)
        return {};
    return message.sliced(12, pos + 4 - 12);
}

bool sameQuestion(QByteArrayView query, QByteArrayView reply)
{
    const QByteArrayView a = questionOf(query);
    const QByteArrayView b = questionOf(reply);
    if (a.isEmpty() || a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        char x = a.at(i);
        char y = b.at(i);
        if (x >= 'A' && x <= 'Z')
            x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = char(y - 'A' + 'a');
        if (x != y)
            return false;
    }
    return true;
}

QByteArray serverFailureFor(QByteArrayView query)
{
    const QByteArrayView question = questionOf(query);
    if (question.isEmpty())
        return {};
    QByteArray reply;
    reply.reserve(12 + question.size());
    reply.append(query.first(2).data(), 2); // the ID
    reply.append(char(0x80 | (query.at(2) & 0x79))); // QR, the opcode and RD
    reply.append(char(0x80 | 2)); // RA, SERVFAIL
    append16(&reply, 1);
    append16(&reply, 0);
    append16(&reply, 0);
    append16(&reply, 0);
    reply.append(question.data(), question.size());
    return reply;
}

} // namespace QAresPrivate::Transport
