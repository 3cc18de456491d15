// SPDX-License-Identifier: MIT
#ifndef QARES_CARES_DNSSTREAM_P_H
#define QARES_CARES_DNSSTREAM_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include <QtCore/qbytearray.h>

namespace QAresPrivate {

inline quint16 readBe16(const unsigned char *p)
{
    return quint16((p[0] << 8) | p[1]);
}

/*!
    Appends \a length bytes of a DNS stream over TCP (RFC 1035 4.2.2: two
    octets of length, then the message, cut anywhere) to \a pending and
    calls \a message(bytes, size) for each message it completes; the rest
    stays in \a pending for the next call.
*/
template <typename Message>
void splitDnsStream(QByteArray &pending, const unsigned char *buffer, qsizetype length,
                    Message &&message)
{
    pending.append(reinterpret_cast<const char *>(buffer), length);
    qsizetype pos = 0;
    const auto *bytes = reinterpret_cast<const unsigned char *>(pending.constData());
    while (pending.size() - pos >= 2) {
        const qsizetype size = readBe16(bytes + pos);
        if (pending.size() - pos - 2 < size)
            break;
        message(bytes + pos + 2, size);
        pos += 2 + size;
    }
    pending.remove(0, pos);
}

} // namespace QAresPrivate

#endif // QARES_CARES_DNSSTREAM_P_H
