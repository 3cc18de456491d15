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

#include <QtCore/qshareddata.h>

class AresRecordPrivate : public QSharedData
{
public:
    AresRecordPrivate() = default;
    explicit AresRecordPrivate(QAresPrivate::Wire::Record &&record) : r(std::move(record)) { }

    bool valid = false; // next to the reference count: 120 octets in all, see Wire::Record
    QAresPrivate::Wire::Record r;
};

class AresRecordSetPrivate : public QSharedData
{
public:
    /*
        What many answers do not have (the answer to a query for an existing
        name is usually its records and nothing else), allocated when there
        is some: the private stays at 112 octets, in glibc's fast bins.
    */
    struct Extra : public QSharedData
    {
        QList<AresRecord> records; //!< when ownRecords; otherwise records() are the answers
        QList<AresRecord> chain;
        QByteArray aceCanonicalName; //!< when it is not aceName
        QList<AresRecord> authorities;
        QList<AresRecord> additionals;
        AresRecord soa;
        QString errorString;
        bool ownRecords = false;
    };

    quint16 type = 0;
    quint16 flags = 0;
    QString name;
    QByteArray aceName;
    QList<AresRecord> answers;
    QSharedDataPointer<Extra> extra;
    AresError error = AresError::NoError;
    int lookupId = -1;
    qint16 aresStatus = 0; // c-ares's statuses are small: 16 bits keep this at 112 octets
    qint16 rcode = -1; // 12 bits with EDNS
    bool canonicalIsAceName = false; //!< from a reply whose canonical name has aceName's octets
    quint8 transport = 0; //!< DiagnosticsAccess::transportByte()
    quint8 cacheState = 0; //!< DiagnosticsAccess::CacheState bits
    // The lookup's timings (see QAresPrivate::DiagnosticsAccess).
    quint32 queuedUs = QAresPrivate::DiagnosticsAccess::NotMeasured;
    quint32 wireUs = QAresPrivate::DiagnosticsAccess::NotSubmitted;

    const Extra &more() const { return extra ? *extra : emptyExtra; }
    Extra &moreForWriting()
    {
        if (!extra)
            extra = new Extra;
        return *extra;
    }
    const QList<AresRecord> &records() const
    {
        return more().ownRecords ? more().records : answers;
    }

private:
    static const Extra emptyExtra; // a constant, not a function-local static: no guard to check
};

namespace QAresPrivate {

/*! The Unicode form of a name in presentation form (IDNA labels decoded). */
QString unicodeName(const QByteArray &ace);

/*! Builds the public record types from what the wire reader produced. */
struct RecordAccess
{
    static AresRecord fromWire(const Wire::Record &record);
    static AresRecord fromWire(Wire::Record &&record);

    /*! Gives \a set a private of its own (not the shared empty one) to fill in. */
    static AresRecordSetPrivate *newPrivate(AresRecordSet *set);
    static const Wire::Record &wire(const AresRecord &record) { return record.d->r; }
    /*! Appends a valid record to \a list and gives its fields to fill in. */
    static Wire::Record *appendRecord(QList<AresRecord> *list);
    /*! A record set without a (usable) reply, for errors. */
    static AresRecordSet forQuestion(const QByteArray &aceName, const QString &unicodeName,
                                     quint16 type);

    static void setError(AresRecordSet *set, AresError error, const QString &errorString,
                         int aresStatus);
    static void setLookupId(AresRecordSet *set, int id);
    static void setRcode(AresRecordSet *set, int rcode);
    //! The lookup's timings (DiagnosticsAccess's encoding).
    static void setTimes(AresRecordSet *set, quint32 queuedUs, quint32 wireUs);
    static void times(const AresRecordSet &set, quint32 *queuedUs, quint32 *wireUs);
    //! The transport that carried the lookup (DiagnosticsAccess::transportByte()).
    static void setTransport(AresRecordSet *set, quint8 transport);
    //! Where the answer came from (DiagnosticsAccess::CacheState bits).
    static void setCacheState(AresRecordSet *set, quint8 state);
};

} // namespace QAresPrivate

#endif // ARESRECORD_P_H
