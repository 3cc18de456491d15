// SPDX-License-Identifier: MIT
#ifndef ARESRECORD_P_H
#define ARESRECORD_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "aresdiagnostics_p.h"
#include "aresrecord.h"
#include "wire/dnswire_p.h"

namespace QAresPrivate {

/*! Builds the public record types from what the wire reader produced. */
struct RecordAccess
{
    static AresRecord fromWire(const Wire::Record &record);
    static AresRecord fromWire(Wire::Record &&record);

    /*!
        The record set for a query of \a aceName (presentation form) and
        \a type answered by the DNS message \a answer, read straight into
        the set's records with every check of Wire::parseMessage(): follows
        the CNAME chain, picks the records of the type owned by its end,
        keeps the authority SOA. Sets no error. \a unicodeName, if not null,
        is the Unicode form of \a aceName (otherwise derived from it). If
        the message cannot be read, *result says why and the set is a
        default one.
    */
    static AresRecordSet fromAnswer(QByteArrayView answer, const QByteArray &aceName, quint16 type,
                                    const QString &unicodeName, Wire::ParseResult *result);
    /*! Appends a valid record to \a list and gives its fields to fill in. */
    static Wire::Record *appendRecord(QList<AresRecord> *list);
    /*! A record set without a (usable) reply, for errors. */
    static AresRecordSet forQuestion(const QByteArray &aceName, const QString &unicodeName,
                                     quint16 type);

    static void setName(AresRecordSet *set, const QString &unicodeName, const QByteArray &aceName);
    static void setError(AresRecordSet *set, AresError error, const QString &errorString, int aresStatus);
    static void setLookupId(AresRecordSet *set, int id);
    static void setRcode(AresRecordSet *set, int rcode);
    //! The lookup's timings (DiagnosticsAccess's encoding).
    static void setTimes(AresRecordSet *set, quint32 queuedUs, quint32 wireUs);
    static void times(const AresRecordSet &set, quint32 *queuedUs, quint32 *wireUs);
};

} // namespace QAresPrivate

#endif // ARESRECORD_P_H
