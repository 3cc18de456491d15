// SPDX-License-Identifier: MIT
#ifndef DNSWIREPARSER_P_H
#define DNSWIREPARSER_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "dnswire_p.h"

/*
    The message reader behind parseMessage(), open to other destinations:
    MessageParser<Sink> makes every check parseMessage() makes and hands
    what it reads to a sink, which decides where the records live. The
    Message sink (parseMessage()) fills a Wire::Message; the record queries
    of the library read straight into the records of an AresRecordSet
    (src/aresrecord.cpp), without a Message and its lists in between. Both
    are the same code up to the sink, and the fuzz target checks that they
    agree.

    A sink provides:

        void header(quint16 id, quint16 flags, const quint16 counts[4]);
        // Called only for counts the message's size allows, > 0, when TC is not set:
        void reserveQuestions(int count);
        void reserve(Section section, int count);
        void question(QByteArray &&name, quint16 type, quint16 klass);
        Record *addRecord(Section section);       // a default Record, filled in place
        void dropRecord(Section section);         // takes out the one addRecord() gave last
        void setCutShort();
*/
namespace QAresPrivate::Wire {

enum class Section { Answer, Authority, Additional };

constexpr qsizetype headerSize = 12;
constexpr qsizetype minQuestionSize = 5; // root name, type, class
constexpr qsizetype minRecordSize = 11;  // root name, type, class, ttl, rdlength

ParseResult failure(Error error, qsizetype offset, QString detail);

/*
    A bounds-checked view of a message. Names may point anywhere before
    themselves; everything else stays inside [pos, limit).
*/
class Reader
{
public:
    Reader(const uchar *data, qsizetype size) : m_data(data), m_size(size) { }

    qsizetype size() const { return m_size; }
    const uchar *data() const { return m_data; }

    /*
        A name expected in the message (the name asked for): a name read
        whose presentation form has the same octets shares it instead of
        allocating its own. Must outlive the reader.
    */
    void setNameHint(const QByteArray *hint) { m_hint = hint; }

    /*
        Names already read in full, by where they start, with the pointers
        they took: a name that is just a pointer to one of them (as the
        owner names of most records are: to the question) shares its
        presentation form instead of decoding it again. Taking the pointer
        checks the same as reading it: the name it reaches was read from
        there before without error, with a larger or equal limit, so only
        the pointer itself and the one hop it adds remain to check.
    */
    struct KnownName
    {
        qsizetype start = -1;
        int hops = 0;
        QByteArray presentation;
    };
    static constexpr int knownNameSlots = 4;

    /*
        Reads the name at *pos whose in-place part must end by limit. Stores
        the presentation form in *presentation and the uncompressed wire form
        in *wire (either may be null) and moves *pos past the in-place part.
    */
    ParseResult readName(qsizetype *pos, qsizetype limit, bool allowPointers,
                         QByteArray *presentation, QByteArray *wire) const;

private:
    const uchar *m_data;
    qsizetype m_size;
    const QByteArray *m_hint = nullptr;
    mutable KnownName m_known[knownNameSlots];
    mutable int m_nextKnown = 0;
};

/*
    Decodes the RDATA in [start, end) of \a message into \a r (whose type is
    set); see decodeRdata().
*/
ParseResult decodeInto(const Reader &message, qsizetype start, qsizetype end, bool allowPointers,
                       Record *r);

/*! Reads one record at *pos into \a record and moves *pos past it. */
ParseResult readRecord(const Reader &reader, qsizetype *pos, Record *record);

template<typename Sink>
class MessageParser
{
public:
    MessageParser(QByteArrayView data, Sink *sink)
        : m_reader(reinterpret_cast<const uchar *>(data.data()), data.size()), m_sink(sink)
    {
    }

    void setNameHint(const QByteArray *hint) { m_reader.setNameHint(hint); }

    ParseResult parse()
    {
        const uchar *d = m_reader.data();
        const qsizetype size = m_reader.size();
        if (size < headerSize)
            return failure(Error::Truncated, size,
                           QStringLiteral("%1 octets, shorter than a DNS header").arg(size));
        auto u16at = [d](qsizetype p) { return quint16((d[p] << 8) | d[p + 1]); };
        const quint16 flags = u16at(2);
        // questions, answers, authorities, additionals
        const quint16 counts[4] = { u16at(4), u16at(6), u16at(8), u16at(10) };
        m_sink->header(u16at(0), flags, counts);
        m_pos = headerSize;
        const bool truncatedOk = (flags & Flag::TC) != 0;

        // Counts that cannot possibly fit are rejected before anything is allocated.
        const qsizetype records = qsizetype(counts[1]) + counts[2] + counts[3];
        const qsizetype minimum = counts[0] * minQuestionSize + records * minRecordSize;
        if (!truncatedOk && minimum > size - headerSize)
            return failure(Error::CountMismatch, headerSize,
                           QStringLiteral("the header announces %1 questions and %2 records, "
                                          "which need at least %3 octets; %4 follow the header")
                                   .arg(counts[0])
                                   .arg(records)
                                   .arg(minimum)
                                   .arg(size - headerSize));

        const Section sections[] = { Section::Answer, Section::Authority, Section::Additional };
        // The counts were checked against the size above (unless truncated): reserve them.
        if (!truncatedOk) {
            if (counts[0])
                m_sink->reserveQuestions(counts[0]);
            for (int s = 0; s < 3; ++s) {
                if (counts[s + 1])
                    m_sink->reserve(sections[s], counts[s + 1]);
            }
        }
        for (int i = 0; i < counts[0]; ++i) {
            if (stopsHere(truncatedOk))
                return m_result;
            QByteArray name;
            ParseResult r = m_reader.readName(&m_pos, size, true, &name, nullptr);
            if (r.ok() && m_pos + 4 > size)
                r = failure(Error::Truncated, m_pos, QStringLiteral("the question is cut off"));
            if (!r.ok())
                return cutShort(r, truncatedOk);
            m_sink->question(std::move(name), u16at(m_pos), u16at(m_pos + 2));
            m_pos += 4;
        }
        for (int s = 0; s < 3; ++s) {
            for (int i = 0; i < counts[s + 1]; ++i) {
                if (stopsHere(truncatedOk))
                    return m_result;
                // Read in place (no temporary Record to move and destroy);
                // one that fails is taken out again.
                const ParseResult r = readRecord(m_reader, &m_pos, m_sink->addRecord(sections[s]));
                if (!r.ok()) {
                    m_sink->dropRecord(sections[s]);
                    return r.error == Error::BadRdata ? r : cutShort(r, truncatedOk);
                }
            }
        }
        if (m_pos != size)
            return failure(Error::TrailingData, m_pos,
                           QStringLiteral("%1 octets after the last record").arg(size - m_pos));
        return {};
    }

private:
    // At the end of the data with entries still announced.
    bool stopsHere(bool truncatedOk)
    {
        if (m_pos < m_reader.size())
            return false;
        if (truncatedOk) {
            m_sink->setCutShort();
            m_result = {};
        } else {
            m_result = failure(
                    Error::CountMismatch, m_pos,
                    QStringLiteral("the message ends before the entries its header announces"));
        }
        return true;
    }

    ParseResult cutShort(const ParseResult &r, bool truncatedOk)
    {
        if (truncatedOk && r.error == Error::Truncated) {
            m_sink->setCutShort();
            return {};
        }
        return r;
    }

    Reader m_reader;
    Sink *m_sink;
    qsizetype m_pos = 0;
    ParseResult m_result;
};

/*! The response code from the header's \a flags and the OPT record \a opt, if not null
    (RFC 6891). */
inline int extendedRcode(quint16 flags, const Record *opt)
{
    int rcode = flags & 0x000f;
    if (opt)
        rcode |= int(opt->rawTtl >> 24) << 4;
    return rcode;
}

} // namespace QAresPrivate::Wire

#endif // DNSWIREPARSER_P_H
