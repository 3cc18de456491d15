// SPDX-License-Identifier: MIT
// What a DNS answer means for a record query: the wire reader's records put in
// their sections, the CNAME chain followed from the question, the records of
// the chain's end, the authority SOA. The value types (aresrecord.cpp) only
// hold and present the result.
#include "answerreader_p.h"

#include "aresrecord_p.h"
#include "wire/dnswireparser_p.h"

#include <algorithm>

namespace QAresPrivate {

namespace {

/*
    The wire reader's sink for record queries: each record is read in place
    into the AresRecordPrivate of the AresRecord that holds it in its
    section, the question's name is kept, nothing else.
*/
class RecordSetSink
{
public:
    explicit RecordSetSink(AresRecordSetPrivate *d) : m_d(d) { }

    void header(quint16, quint16 flags, const quint16 *) { m_flags = flags; }
    void reserveQuestions(int) { }
    void reserve(Wire::Section section, int count) { list(section).reserve(count); }
    void question(QByteArray &&name, quint16, quint16)
    {
        if (!m_hasQuestion) {
            m_question = std::move(name);
            m_hasQuestion = true;
        }
    }
    Wire::Record *addRecord(Wire::Section section)
    {
        return RecordAccess::appendRecord(&list(section));
    }
    void dropRecord(Wire::Section section) { list(section).removeLast(); }
    void setCutShort() { }

    quint16 flags() const { return m_flags; }
    //! The first question's name, null if there was none.
    const QByteArray *question() const { return m_hasQuestion ? &m_question : nullptr; }

private:
    QList<AresRecord> &list(Wire::Section section)
    {
        switch (section) {
        case Wire::Section::Answer:
            return m_d->answers;
        case Wire::Section::Authority:
            return m_d->moreForWriting().authorities;
        case Wire::Section::Additional:
            break;
        }
        return m_d->moreForWriting().additionals;
    }

    AresRecordSetPrivate *m_d;
    QByteArray m_question;
    quint16 m_flags = 0;
    bool m_hasQuestion = false;
};

} // namespace


AresRecordSet readRecordSet(QByteArrayView answer, const QByteArray &aceName, quint16 type,
                            const QString &unicode, Wire::ParseResult *result)
{
    AresRecordSet set;
    AresRecordSetPrivate *d = RecordAccess::newPrivate(&set);
    RecordSetSink sink(d);
    {
        Wire::MessageParser<RecordSetSink> parser(answer, &sink);
        parser.setNameHint(
                &aceName); // the question's name and the owners pointing to it share aceName
        *result = parser.parse();
    }
    if (!result->ok())
        return AresRecordSet();
    d->aceName = aceName;
    d->name = unicode.isNull() ? unicodeName(aceName) : unicode;
    d->type = type;
    const Wire::Record *opt = nullptr;
    for (const AresRecord &record : d->more().additionals) {
        if (RecordAccess::wire(record).type == Wire::Type::OPT) {
            opt = &RecordAccess::wire(record);
            break;
        }
    }
    d->rcode = qint16(Wire::extendedRcode(sink.flags(), opt));
    d->flags = sink.flags()
            & (Wire::Flag::AA | Wire::Flag::TC | Wire::Flag::RD | Wire::Flag::RA | Wire::Flag::AD
               | Wire::Flag::CD);
    // The chain starts at the name the reply answers (with a search domain, for search()).
    QByteArray current = sink.question() ? *sink.question() : aceName;
    const auto wire = RecordAccess::wire;

    const QList<AresRecord> &answers = d->answers;
    if (type != Wire::Type::CNAME && type != Wire::Type::ANY) {
        QList<QByteArray> seen; // allocated only when there is a CNAME to follow
        for (qsizetype step = 0; step < answers.size(); ++step) {
            const auto it =
                    std::find_if(answers.cbegin(), answers.cend(), [&](const AresRecord &record) {
                        const Wire::Record &r = wire(record);
                        return r.type == Wire::Type::CNAME && r.decoded
                                && Wire::sameName(r.name, current);
                    });
            if (it == answers.cend())
                break;
            if (seen.isEmpty())
                seen.append(current);
            const QByteArray &target = wire(*it).target;
            const bool loop =
                    std::any_of(seen.cbegin(), seen.cend(), [&target](const QByteArray &name) {
                        return Wire::sameName(name, target);
                    });
            // The records of the sections are shared, not made again.
            d->moreForWriting().chain.append(*it);
            if (loop)
                break;
            current = target;
            seen.append(current);
        }
    }
    // The usual case (the question's name shared aceName): no copy.
    if ((current.constData() == aceName.constData() && current.size() == aceName.size())
        || current == aceName)
        d->canonicalIsAceName = true;
    else
        d->moreForWriting().aceCanonicalName = current;
    auto matches = [&](const AresRecord &record) {
        const Wire::Record &r = wire(record);
        return Wire::sameName(r.name, current) && (type == Wire::Type::ANY || r.type == type);
    };
    // Usually every answer is one: then the list is shared, not built again.
    const auto firstOther = std::find_if_not(answers.cbegin(), answers.cend(), matches);
    if (firstOther != answers.cend()) {
        AresRecordSetPrivate::Extra &more = d->moreForWriting();
        more.ownRecords = true;
        for (auto it = answers.cbegin(); it != firstOther; ++it)
            more.records.append(*it);
        for (auto it = firstOther + 1; it != answers.cend(); ++it) {
            if (matches(*it))
                more.records.append(*it);
        }
    }
    for (const AresRecord &record : d->more().authorities) {
        const Wire::Record &r = wire(record);
        if (r.type == Wire::Type::SOA && r.decoded) {
            d->moreForWriting().soa = record;
            break;
        }
    }
    return set;
}

} // namespace QAresPrivate
