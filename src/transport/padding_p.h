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

/*!
    The question section of \a message (its first question: name, type and
    class, as the octets stand), or an empty view if \a message has no
    question that can be read without decompressing.
*/
QByteArrayView questionOf(QByteArrayView message);

/*!
    \c true if \a reply asks the question \a query asks (the name compared
    without regard to ASCII case, the type and the class).
*/
bool sameQuestion(QByteArrayView query, QByteArrayView reply);

/*!
    A SERVFAIL reply to \a query: its ID, RD and question, no records. What
    an encrypted transport hands c-ares for a query that got no DNS reply
    from the server (an HTTP error), so that c-ares moves on as for a server
    failure. Empty if \a query has no readable question.
*/
QByteArray serverFailureFor(QByteArrayView query);

} // namespace QAresPrivate::Transport

#endif // PADDING_P_H
