// SPDX-License-Identifier: MIT
#include "report.h"

#include <QtCore/qjsonarray.h>
#include <QtCore/qjsondocument.h>
#include <QtCore/qjsonobject.h>
#include <QtCore/qmetaobject.h>

#include <cmath>

#ifdef Q_OS_WIN
#include <io.h>
#else
#include <unistd.h>
#endif

namespace {

// The column where the answers start in the table: name (24), time (6), " ms  ".
constexpr qsizetype NameWidth = 24;
constexpr qsizetype TimeWidth = 6;
constexpr qsizetype AnswerColumn = NameWidth + 1 + TimeWidth + 5;

QString errorName(AresError error)
{
    return QString::fromLatin1(QMetaEnum::fromType<QAres::Error>().valueToKey(int(error)));
}

QString failureText(const Outcome &outcome)
{
    if (!outcome.errorString.isEmpty())
        return outcome.errorString;
    return outcome.error == AresError::NoError ? QStringLiteral("no answer")
                                               : QAres::errorDescription(outcome.error);
}

int minimumTtl(const QList<Answer> &answers)
{
    int minimum = -1;
    for (const Answer &answer : answers) {
        if (answer.ttl >= 0 && (minimum < 0 || answer.ttl < minimum))
            minimum = answer.ttl;
    }
    return minimum;
}

QJsonValue ttlValue(int ttl)
{
    return ttl < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(ttl);
}

int fileDescriptorIsTerminal(int fd)
{
#ifdef Q_OS_WIN
    return _isatty(fd);
#else
    return isatty(fd);
#endif
}

} // namespace

Outcome Outcome::fromHostInfo(const AresHostInfo &info, const QString &name, const QString &type)
{
    Outcome o;
    o.name = name;
    o.qname = info.aceHostName().isEmpty() ? name : info.aceHostName();
    o.lookup = QStringLiteral("host");
    o.type = type;
    o.error = info.error();
    o.errorString = info.errorString();
    o.aresStatus = info.aresStatus();
    const QList<QHostAddress> addresses = info.addresses();
    const QList<int> ttls = info.ttls();
    for (qsizetype i = 0; i < addresses.size(); ++i) {
        const bool v4 = addresses.at(i).protocol() == QAbstractSocket::IPv4Protocol;
        o.answers.append(Answer{ v4 ? QStringLiteral("A") : QStringLiteral("AAAA"),
                                 ttls.value(i, -1), addresses.at(i).toString(), true });
    }
    o.canonicalName = info.canonicalName();
    o.aliases = info.aliases();
    return o;
}

Outcome Outcome::fromRecordSet(const AresRecordSet &set, const QString &name, const QString &lookup,
                               const QString &type)
{
    Outcome o;
    o.name = name;
    o.qname = set.aceName().isEmpty() ? name : set.aceName();
    o.lookup = lookup;
    o.type = type;
    o.error = set.error();
    o.errorString = set.errorString();
    o.aresStatus = set.aresStatus();
    o.rcode = set.rcode();
    const QList<AresRecord> records = set.records();
    for (const AresRecord &record : records)
        o.answers.append(
                Answer{ record.typeName(), record.ttl(), presentationData(record), false });
    o.canonicalName = set.canonicalName();
    const QList<AresRecord> chain = set.cnameChain();
    for (const AresRecord &cname : chain)
        o.aliases.append(cname.aceName());
    return o;
}

Outcome Outcome::invalid(const QString &name, const QString &lookup, const QString &type,
                         const QString &why)
{
    Outcome o;
    o.name = name;
    o.qname = name;
    o.lookup = lookup;
    o.type = type;
    o.error = AresError::InvalidRequestError;
    o.errorString = why;
    return o;
}

QString presentationData(const AresRecord &record)
{
    // toString() is "owner ttl class type data", and the owner is escaped (no spaces).
    return record.toString().section(u' ', 4);
}

QString formatTableRow(const Outcome &outcome)
{
    const QString label =
            outcome.lookup == u"host" ? outcome.name : outcome.name + u' ' + outcome.type;
    QString row = label.leftJustified(NameWidth) + u' '
            + QString::number(qRound64(outcome.elapsedMs)).rightJustified(TimeWidth) + u" ms  ";
    if (!outcome.succeeded())
        return row + failureText(outcome);

    const QString canonical = outcome.aliases.isEmpty()
            ? QString()
            : QStringLiteral(" (canonical %1)").arg(outcome.canonicalName);
    if (outcome.lookup == u"host") {
        QStringList addresses;
        for (const Answer &answer : outcome.answers)
            addresses.append(answer.data);
        row += addresses.join(u' ') + canonical;
        const int ttl = minimumTtl(outcome.answers);
        if (ttl >= 0)
            row += QStringLiteral(" ttl %1").arg(ttl);
        return row;
    }
    for (qsizetype i = 0; i < outcome.answers.size(); ++i) {
        const Answer &answer = outcome.answers.at(i);
        if (i > 0)
            row += u'\n' + QString(AnswerColumn, u' ');
        row += answer.data + QStringLiteral(" ttl %1").arg(answer.ttl);
        if (i == 0)
            row += canonical;
    }
    return row;
}

QStringList formatShort(const Outcome &outcome)
{
    QStringList lines;
    if (outcome.succeeded()) {
        for (const Answer &answer : outcome.answers)
            lines.append(answer.data);
    }
    return lines;
}

QString formatJson(const Outcome &outcome)
{
    QJsonArray answers;
    for (const Answer &answer : outcome.answers) {
        QJsonObject a{ { QStringLiteral("type"), answer.type },
                       { QStringLiteral("ttl"), ttlValue(answer.ttl) } };
        a.insert(answer.isAddress ? QStringLiteral("address") : QStringLiteral("data"),
                 answer.data);
        answers.append(a);
    }
    const QJsonObject object{
        { QStringLiteral("name"), outcome.name },
        { QStringLiteral("qname"), outcome.qname },
        { QStringLiteral("lookup"), outcome.lookup },
        { QStringLiteral("type"), outcome.type },
        { QStringLiteral("error"), errorName(outcome.error) },
        { QStringLiteral("errorString"), outcome.errorString },
        { QStringLiteral("aresStatus"), outcome.aresStatus },
        { QStringLiteral("rcode"),
          outcome.rcode < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(outcome.rcode) },
        { QStringLiteral("answers"), answers },
        { QStringLiteral("canonicalName"), outcome.canonicalName },
        { QStringLiteral("aliases"), QJsonArray::fromStringList(outcome.aliases) },
        { QStringLiteral("timeMs"), std::round(outcome.elapsedMs * 10) / 10 },
    };
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// ---------------------------------------------------------------------------

ProgressLine::ProgressLine(QTextStream &err, qsizetype total, bool enabled)
    : m_err(err), m_total(total), m_enabled(enabled)
{
}

void ProgressLine::update(qsizetype done)
{
    if (!m_enabled || (m_shown && done < m_total && m_sinceDraw.elapsed() < 100))
        return;
    const QString text = QStringLiteral("resolved %1/%2").arg(done).arg(m_total);
    m_err << '\r' << text.leftJustified(m_width);
    m_err.flush();
    m_shown = true;
    m_width = text.size();
    m_sinceDraw.start();
}

void ProgressLine::clear()
{
    if (!m_shown)
        return;
    m_err << '\r' << QString(m_width, u' ') << '\r';
    m_err.flush();
    m_shown = false;
}

bool ProgressLine::stdoutIsTerminal()
{
    return fileDescriptorIsTerminal(1) != 0;
}

bool ProgressLine::stderrIsTerminal()
{
    return fileDescriptorIsTerminal(2) != 0;
}

// ---------------------------------------------------------------------------

Printer::Printer(Cli::Format format, bool ordered, qsizetype total, QTextStream &out,
                 QTextStream &err, ProgressLine &progress)
    : m_format(format),
      m_ordered(ordered),
      m_out(out),
      m_err(err),
      m_progress(progress),
      m_sharedTerminal(progress.isEnabled() && ProgressLine::stdoutIsTerminal())
{
    if (m_ordered)
        m_pending.resize(total);
}

void Printer::add(qsizetype index, const Outcome &outcome)
{
    ++m_done;
    m_summedMs += outcome.elapsedMs;
    if (!outcome.succeeded())
        ++m_failures;
    if (!m_ordered) {
        write(outcome);
    } else if (index >= 0 && index < m_pending.size()) {
        m_pending[index] = outcome;
        while (m_nextToWrite < m_pending.size() && m_pending.at(m_nextToWrite)) {
            write(*m_pending.at(m_nextToWrite));
            m_pending[m_nextToWrite].reset();
            ++m_nextToWrite;
        }
    }
    m_progress.update(m_done);
}

void Printer::write(const Outcome &outcome)
{
    const bool errorToStderr = m_format == Cli::Format::Short && !outcome.succeeded();
    if (m_sharedTerminal || errorToStderr)
        m_progress.clear();
    switch (m_format) {
    case Cli::Format::Table:
        m_out << formatTableRow(outcome) << '\n';
        break;
    case Cli::Format::Json:
        m_out << formatJson(outcome) << '\n';
        break;
    case Cli::Format::Short:
        if (errorToStderr) {
            m_err << "qares-resolve: " << outcome.name
                  << (outcome.lookup == u"host" ? QString() : u' ' + outcome.type) << ": "
                  << failureText(outcome) << '\n';
            m_err.flush();
        }
        for (const QString &line : formatShort(outcome))
            m_out << line << '\n';
        break;
    }
    m_out.flush();
}

void Printer::summary(double wallMs)
{
    if (m_format != Cli::Format::Table)
        return;
    m_out << m_done << " lookups in " << qRound64(wallMs) << " ms wall, " << qRound64(m_summedMs)
          << " ms summed (" << QString::number(m_summedMs / qMax(wallMs, 0.001), 'f', 1)
          << "x parallel), " << m_failures << " failed\n";
    m_out.flush();
}
