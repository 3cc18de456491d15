// SPDX-License-Identifier: MIT
//
// The command line of qares-resolve, read left to right as dig reads its
// own: names, @server, +short, -t TYPE, -x ADDR, -f FILE and --long options,
// in any order. Parsing only checks and records; nothing here touches the
// network or the file system.
#ifndef QARESRESOLVE_CLI_H
#define QARESRESOLVE_CLI_H

#include <QAres/AresRecord>
#include <QAres/AresResolver>

#include <QtCore/qlist.h>
#include <QtCore/qstring.h>
#include <QtCore/qstringlist.h>
#include <QtNetwork/qhostaddress.h>

#include <chrono>
#include <optional>

namespace Cli {

enum class Format {
    Table, //!< one line per lookup, with its time (the default)
    Short, //!< +short: the answers only, one per line
    Json, //!< --json: one JSON object per lookup and line (JSON Lines)
};

//! One thing to resolve, in command-line order.
struct Target
{
    enum Kind {
        Name, //!< a name (an address too, with --reverse)
        Address, //!< -x ADDR: a reverse lookup
        File, //!< -f FILE: names read from FILE ("-": standard input)
    };
    Kind kind = Name;
    QString text;
    QHostAddress address; //!< for Address
};

struct Invocation
{
    enum class Action { Resolve, Help, Version };
    Action action = Action::Resolve;

    QList<Target> targets;
    QList<AresRecord::Type> types; //!< -t, in order; empty: A+AAAA host lookups
    AresResolver::Family family = AresResolver::AnyFamily;
    bool reverse = false; //!< --reverse: every name (and file line) is an address

    QStringList servers; //!< @server and --server, already checked
    bool local = false;

    Format format = Format::Table;
    bool ordered = false; //!< print in the order given instead of as they finish
    bool check = false;

    bool tcp = false;
    bool edns = false;
    int ednsPayloadSize = 0; //!< 0: QAres's default
    bool search = false;
    QStringList searchDomains;
    std::optional<int> ndots;
    std::optional<std::chrono::milliseconds> timeout;
    std::optional<int> tries;
    std::optional<std::chrono::milliseconds> deadline;
};

struct ParseResult
{
    Invocation invocation;
    QString error; //!< why the command line is wrong; empty when it is fine
};

//! Reads \a arguments (without the program name).
ParseResult parse(const QStringList &arguments);

/*!
    A record type as AresRecord knows it ("MX", "https"), a number ("65280")
    or RFC 3597's "TYPE65280". Returns nothing and sets \a error for unknown
    names, numbers outside 1..65535 and the types QAres refuses to query (OPT,
    TKEY, TSIG, IXFR, AXFR).
*/
std::optional<AresRecord::Type> parseType(const QString &text, QString *error);

QString helpText();

} // namespace Cli

#endif // QARESRESOLVE_CLI_H
