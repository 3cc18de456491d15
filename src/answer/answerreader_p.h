// SPDX-License-Identifier: MIT
#ifndef QARES_ANSWER_ANSWERREADER_P_H
#define QARES_ANSWER_ANSWERREADER_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "aresrecord.h"
#include "wire/dnswire_p.h"

namespace QAresPrivate {

/*!
    The record set for a query of \a aceName (presentation form) and \a type
    answered by the DNS message \a answer, read straight into the set's
    records with every check of Wire::parseMessage(): follows the CNAME chain
    from the question's name, picks the records of the type owned by its
    end, keeps the authority SOA. Sets no error. \a unicodeName, if not null,
    is the Unicode form of \a aceName (otherwise derived from it). If the
    message cannot be read, *result says why and the set is a default one.
*/
AresRecordSet readRecordSet(QByteArrayView answer, const QByteArray &aceName, quint16 type,
                            const QString &unicodeName, Wire::ParseResult *result);

} // namespace QAresPrivate

#endif // QARES_ANSWER_ANSWERREADER_P_H
