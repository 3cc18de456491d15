// SPDX-License-Identifier: MIT
//
// What qares-resolve prints: every result (host lookup or record set) made
// into one Outcome, then written as a table row, +short lines or a JSON line,
// and the progress line on a terminal.
#ifndef QARESRESOLVE_REPORT_H
#define QARESRESOLVE_REPORT_H

#include "cli.h"

#include <QAres/AresHostInfo>
#include <QAres/AresRecord>

#include <QtCore/qelapsedtimer.h>
#include <QtCore/qlist.h>
#include <QtCore/qstring.h>
#include <QtCore/qtextstream.h>

#include <optional>

//! One answer: an address of a host lookup, or a record in presentation form.
struct Answer
{
    QString type; //!< "A", "MX", ...
    int ttl = -1; //!< seconds; -1 when unknown (IP literals)
    QString data; //!< "192.0.2.1", "10 mx.example.test."
    bool isAddress = false;
};

//! The result of one lookup, whatever API gave it.
struct Outcome
{
    QString name; //!< as given
    QString qname; //!< as sent (ASCII); the in-addr.arpa / ip6.arpa name for reverse lookups
    QString lookup; //!< "host", "query", "search" or "reverse"
    QString type; //!< "A+AAAA", "A", "AAAA" for host lookups, the record type otherwise
    AresError error = AresError::NoError;
    QString errorString;
    int aresStatus = 0;
    int rcode = -1; //!< the reply's rcode; -1 when unknown (host lookups, no reply)
    QList<Answer> answers;
    QString canonicalName;
    QStringList aliases; //!< the owners of the CNAME records followed
    double elapsedMs = 0;

    bool succeeded() const { return error == AresError::NoError && !answers.isEmpty(); }

    static Outcome fromHostInfo(const AresHostInfo &info, const QString &name, const QString &type);
    static Outcome fromRecordSet(const AresRecordSet &set, const QString &name,
                                 const QString &lookup, const QString &type);
    //! A lookup refused before it reached QAres (an address line of -f that is no address).
    static Outcome invalid(const QString &name, const QString &lookup, const QString &type,
                           const QString &why);
};

//! The data of \a record in presentation form: AresRecord::toString() without owner, TTL,
//! class, type.
QString presentationData(const AresRecord &record);

QString formatTableRow(const Outcome &outcome);
QStringList formatShort(const Outcome &outcome);
QString formatJson(const Outcome &outcome);

/*!
    "resolved 1234/5000" on stderr, redrawn in place at most ten times a
    second, and cleared before anything else is written to a terminal it
    shares with stdout. Only shown when stderr is a terminal.
*/
class ProgressLine
{
public:
    ProgressLine(QTextStream &err, qsizetype total, bool enabled);
    bool isEnabled() const { return m_enabled; }
    void update(qsizetype done);
    //! Removes the line (before printing to the terminal); update() draws it again.
    void clear();

    //! Whether stdout and stderr are terminals.
    static bool stdoutIsTerminal();
    static bool stderrIsTerminal();

private:
    QTextStream &m_err;
    const qsizetype m_total;
    const bool m_enabled;
    bool m_shown = false;
    qsizetype m_width = 0;
    QElapsedTimer m_sinceDraw;
};

/*!
    Writes outcomes in the chosen format, as they finish or (ordered) in the
    order of their indexes, and counts the failures.
*/
class Printer
{
public:
    Printer(Cli::Format format, bool ordered, qsizetype total, QTextStream &out, QTextStream &err,
            ProgressLine &progress);
    void add(qsizetype index, const Outcome &outcome);
    qsizetype failures() const { return m_failures; }
    //! The table's last line: lookups, wall and summed time, failures.
    void summary(double wallMs);

private:
    void write(const Outcome &outcome);

    const Cli::Format m_format;
    const bool m_ordered;
    QTextStream &m_out;
    QTextStream &m_err;
    ProgressLine &m_progress;
    const bool m_sharedTerminal;
    QList<std::optional<Outcome>> m_pending; //!< ordered: outcomes waiting for earlier ones
    qsizetype m_nextToWrite = 0;
    qsizetype m_done = 0;
    qsizetype m_failures = 0;
    double m_summedMs = 0;
};

#endif // QARESRESOLVE_REPORT_H
