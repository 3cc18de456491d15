// SPDX-License-Identifier: MIT
#ifndef PADDING_P_H
#define PADDING_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include <QtCore/qbytearray.h>
#include <QtCore/qbytearrayview.h>

namespace QAresPrivate::Transport {

//! The block size queries are padded to over encrypted transports (RFC 8467 section 4.1).
constexpr int queryPaddingBlock = 128;

/*!
    \a query with an EDNS(0) Padding option (RFC 7830) that makes its length a
    multiple of queryPaddingBlock. A query without an OPT record gets one
    (UDP payload size 1232, no flags). Returns \a query unchanged when it is
    not a plain one-question query as c-ares writes it (no answer or
    authority records, at most an OPT record in the additional section,
    uncompressed question name), when it already has a Padding option, or
    when padding would make it longer than 65535 bytes.
*/
QByteArray padQuery(QByteArrayView query);

} // namespace QAresPrivate::Transport

#endif // PADDING_P_H
