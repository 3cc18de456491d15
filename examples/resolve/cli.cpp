// SPDX-License-Identifier: MIT
#include "cli.h"

#include <QAres/AresOptions>

#include <QtCore/qmetaobject.h>

#include <algorithm>
#include <limits>
#include <utility>

namespace Cli {

namespace {

bool isDigits(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) {
        return c >= u'0' && c <= u'9';
    });
}

class Parser
{
public:
    explicit Parser(const QStringList &arguments) : m_arguments(arguments) { }
    ParseResult run();

private:
    bool fail(const QString &message)
    {
        if (m_result.error.isEmpty())
            m_result.error = message;
        return false;
    }
    bool argument(const QString &argument);
    bool longOption(const QString &name, const std::optional<QString> &inlineValue);
    bool shortOption(const QString &argument);
    bool plusOption(const QString &option);
    bool value(const QString &option, const std::optional<QString> &inlineValue, QString *value);
    bool number(const QString &option, const QString &text, int min, int max, int *value);
    bool milliseconds(const QString &option, const QString &text, int min,
                      std::optional<std::chrono::milliseconds> *value);
    bool server(const QString &text);
    bool type(const QString &text);
    bool address(const QString &text);
    bool file(const QString &text);
    bool family(AresResolver::Family family, const QString &source);
    bool format(Format format, const QString &source);
    bool noValue(const QString &option, const std::optional<QString> &inlineValue);
    bool finish();

    const QStringList m_arguments;
    qsizetype m_next = 0;
    ParseResult m_result;
    Invocation &m_invocation = m_result.invocation;
    QString m_familySource;
    QString m_formatSource;
};

ParseResult Parser::run()
{
    bool namesOnly = false;
    while (m_next < m_arguments.size() && m_invocation.action == Invocation::Action::Resolve) {
        const QString a = m_arguments.at(m_next++);
        if (namesOnly) {
            m_invocation.targets.append(Target{ Target::Name, a, {} });
        } else if (a == u"--") {
            namesOnly = true;
        } else if (!argument(a)) {
            return m_result;
        }
    }
    if (m_invocation.action == Invocation::Action::Resolve)
        finish();
    return m_result;
}

bool Parser::argument(const QString &a)
{
    if (a.startsWith(u"--")) {
        const qsizetype equals = a.indexOf(u'=');
        if (equals < 0)
            return longOption(a.mid(2), std::nullopt);
        return longOption(a.mid(2, equals - 2), a.mid(equals + 1));
    }
    if (a == u"-")
        return fail(QStringLiteral(
                "\"-\" alone is not an option: \"-f -\" reads names from standard input"));
    if (a.startsWith(u'-'))
        return shortOption(a);
    if (a.startsWith(u'+'))
        return plusOption(a.mid(1));
    if (a.startsWith(u'@'))
        return server(a.mid(1));
    m_invocation.targets.append(Target{ Target::Name, a, {} });
    return true;
}

bool Parser::value(const QString &option, const std::optional<QString> &inlineValue, QString *value)
{
    if (inlineValue) {
        *value = *inlineValue;
        return true;
    }
    if (m_next >= m_arguments.size())
        return fail(QStringLiteral("%1 needs a value").arg(option));
    *value = m_arguments.at(m_next++);
    return true;
}

bool Parser::noValue(const QString &option, const std::optional<QString> &inlineValue)
{
    if (inlineValue)
        return fail(QStringLiteral("%1 takes no value").arg(option));
    return true;
}

bool Parser::number(const QString &option, const QString &text, int min, int max, int *value)
{
    bool ok = isDigits(text) && text.size() <= 10;
    const qint64 n = ok ? text.toLongLong(&ok) : 0;
    if (!ok || n < min || n > max)
        return fail(QStringLiteral("%1 expects a number from %2 to %3, not \"%4\"")
                            .arg(option)
                            .arg(min)
                            .arg(max)
                            .arg(text));
    *value = int(n);
    return true;
}

bool Parser::milliseconds(const QString &option, const QString &text, int min,
                          std::optional<std::chrono::milliseconds> *value)
{
    int ms = 0;
    if (!number(option, text, min, std::numeric_limits<int>::max(), &ms))
        return false;
    *value = std::chrono::milliseconds(ms);
    return true;
}

bool Parser::server(const QString &text)
{
    QString why;
    const AresServer parsed = AresServer::fromString(text, &why);
    if (!parsed.isValid())
        return fail(why
                    + QStringLiteral(" (a server is an IPv4 or IPv6 address with an optional port: "
                                     "192.0.2.53, 127.0.0.1:5353, [::1]:5353; DNS over TLS: "
                                     "tls://192.0.2.1#dns.example; DNS over HTTPS: "
                                     "https://dns.example/dns-query#192.0.2.1)"));
    m_invocation.servers.append(parsed.toString());
    return true;
}

bool Parser::type(const QString &text)
{
    QString why;
    const std::optional<AresRecord::Type> parsed = parseType(text, &why);
    if (!parsed)
        return fail(why);
    m_invocation.types.append(*parsed);
    return true;
}

bool Parser::address(const QString &text)
{
    QHostAddress parsed;
    if (!parsed.setAddress(text) || text.contains(u'%'))
        return fail(
                QStringLiteral(
                        "\"%1\" is not an IPv4 or IPv6 address (-x and --reverse take addresses)")
                        .arg(text));
    m_invocation.targets.append(Target{ Target::Address, text, parsed });
    return true;
}

bool Parser::file(const QString &text)
{
    if (text.isEmpty())
        return fail(QStringLiteral("-f needs a file name (\"-\" for standard input)"));
    m_invocation.targets.append(Target{ Target::File, text, {} });
    return true;
}

bool Parser::family(AresResolver::Family family, const QString &source)
{
    if (!m_familySource.isEmpty() && m_invocation.family != family)
        return fail(QStringLiteral("%1 and %2 exclude each other").arg(m_familySource, source));
    m_invocation.family = family;
    m_familySource = source;
    return true;
}

bool Parser::format(Format format, const QString &source)
{
    if (!m_formatSource.isEmpty() && m_invocation.format != format)
        return fail(QStringLiteral("%1 and %2 exclude each other").arg(m_formatSource, source));
    m_invocation.format = format;
    m_formatSource = source;
    return true;
}

bool Parser::longOption(const QString &name, const std::optional<QString> &inlineValue)
{
    const QString option = u"--" + name;
    Invocation &inv = m_invocation;
    QString v;
    if (name == u"help" || name == u"version") {
        if (!noValue(option, inlineValue))
            return false;
        inv.action = name == u"help" ? Invocation::Action::Help : Invocation::Action::Version;
        return true;
    }
    if (name == u"local" || name == u"ordered" || name == u"tcp" || name == u"search"
        || name == u"check" || name == u"reverse") {
        if (!noValue(option, inlineValue))
            return false;
        bool &flag = name == u"local" ? inv.local
                : name == u"ordered"  ? inv.ordered
                : name == u"tcp"      ? inv.tcp
                : name == u"search"   ? inv.search
                : name == u"check"    ? inv.check
                                      : inv.reverse;
        flag = true;
        return true;
    }
    if (name == u"json" || name == u"short")
        return noValue(option, inlineValue)
                && format(name == u"json" ? Format::Json : Format::Short, option);
    if (name == u"edns") {
        inv.edns = true;
        return !inlineValue || number(option, *inlineValue, 512, 65535, &inv.ednsPayloadSize);
    }
    if (name == u"server")
        return value(option, inlineValue, &v) && server(v);
    if (name == u"type")
        return value(option, inlineValue, &v) && type(v);
    if (name == u"file")
        return value(option, inlineValue, &v) && file(v);
    if (name == u"family") {
        if (!value(option, inlineValue, &v))
            return false;
        if (v == u"any")
            return family(AresResolver::AnyFamily, option + u' ' + v);
        if (v == u"4" || v == u"6")
            return family(v == u"4" ? AresResolver::IPv4Family : AresResolver::IPv6Family,
                          option + u' ' + v);
        return fail(QStringLiteral("--family expects any, 4 or 6, not \"%1\"").arg(v));
    }
    if (name == u"timeout")
        return value(option, inlineValue, &v) && milliseconds(option, v, 1, &inv.timeout);
    if (name == u"deadline")
        return value(option, inlineValue, &v) && milliseconds(option, v, 0, &inv.deadline);
    if (name == u"tries") {
        int n = 0;
        if (!value(option, inlineValue, &v) || !number(option, v, 1, 100, &n))
            return false;
        inv.tries = n;
        return true;
    }
    if (name == u"ndots") {
        int n = 0;
        if (!value(option, inlineValue, &v) || !number(option, v, 0, 15, &n))
            return false;
        inv.ndots = n;
        return true;
    }
    if (name == u"domain") {
        if (!value(option, inlineValue, &v))
            return false;
        inv.searchDomains.append(v);
        inv.search = true;
        return true;
    }
    return fail(QStringLiteral("unknown option %1").arg(option));
}

bool Parser::shortOption(const QString &a)
{
    const QChar letter = a.at(1);
    const QString rest = a.mid(2);
    const std::optional<QString> attached =
            rest.isEmpty() ? std::nullopt : std::optional<QString>(rest);
    QString v;
    switch (letter.unicode()) {
    case u'4':
    case u'6':
    case u'h':
    case u'v':
        if (!rest.isEmpty())
            break;
        if (letter == u'h' || letter == u'v') {
            m_invocation.action =
                    letter == u'h' ? Invocation::Action::Help : Invocation::Action::Version;
            return true;
        }
        return family(letter == u'4' ? AresResolver::IPv4Family : AresResolver::IPv6Family, a);
    case u't':
        return value(QStringLiteral("-t"), attached, &v) && type(v);
    case u'x':
        return value(QStringLiteral("-x"), attached, &v) && address(v);
    case u'f':
        return value(QStringLiteral("-f"), attached, &v) && file(v);
    case u's':
        return value(QStringLiteral("-s"), attached, &v) && server(v);
    default:
        break;
    }
    return fail(QStringLiteral("unknown option %1").arg(a));
}

bool Parser::plusOption(const QString &option)
{
    if (option == u"short")
        return format(Format::Short, QStringLiteral("+short"));
    if (option == u"tcp" || option == u"vc") {
        m_invocation.tcp = true;
        return true;
    }
    if (option == u"search" || option == u"nosearch") {
        m_invocation.search = option == u"search";
        return true;
    }
    return fail(QStringLiteral("unknown option +%1 (qares-resolve knows +short, +tcp, +vc, +search "
                               "and +nosearch)")
                        .arg(option));
}

bool Parser::finish()
{
    Invocation &inv = m_invocation;
    if (inv.family != AresResolver::AnyFamily && !inv.types.isEmpty())
        return fail(
                QStringLiteral("%1 selects the family of host lookups: it does not combine with -t")
                        .arg(m_familySource));
    if (inv.local && !inv.servers.isEmpty())
        return fail(QStringLiteral(
                "--local asks the embedded server: it does not combine with @server or --server"));
    if (inv.reverse) {
        const QList<Target> targets = std::exchange(inv.targets, {});
        for (const Target &target : targets) {
            if (target.kind != Target::Name)
                inv.targets.append(target);
            else if (!address(target.text))
                return false;
        }
    }
    if (inv.targets.isEmpty() && !inv.local)
        return fail(QStringLiteral("no names to resolve: give names, -x ADDRESS or -f FILE"));
    return true;
}

} // namespace

ParseResult parse(const QStringList &arguments)
{
    return Parser(arguments).run();
}

std::optional<AresRecord::Type> parseType(const QString &text, QString *error)
{
    const QString upper = text.toUpper();
    const QMetaEnum types = QMetaEnum::fromType<AresRecord::Type>();
    int value = -1;
    if (isDigits(upper) || (upper.startsWith(u"TYPE") && isDigits(upper.mid(4)))) {
        const QString digits = isDigits(upper) ? upper : upper.mid(4);
        value = digits.size() <= 5 ? digits.toInt() : 65536;
        if (value < 1 || value > 65535) {
            *error = QStringLiteral("record type %1 is out of range (1 to 65535)").arg(text);
            return std::nullopt;
        }
    } else {
        bool known = false;
        value = types.keyToValue(upper.toLatin1().constData(), &known);
        if (!known) {
            QStringList names;
            for (int i = 0; i < types.keyCount(); ++i) {
                if (types.value(i) != AresRecord::OPT)
                    names.append(QString::fromLatin1(types.key(i)));
            }
            *error = QStringLiteral("unknown record type \"%1\": use %2, a number or TYPEnnn")
                             .arg(text, names.join(QStringLiteral(", ")));
            return std::nullopt;
        }
    }
    if (value == AresRecord::OPT || (value >= 249 && value <= 252)) {
        *error = QStringLiteral("type %1 cannot be queried: QAres refuses OPT (41), TKEY (249), "
                                "TSIG (250), "
                                "IXFR (251) and AXFR (252)")
                         .arg(text);
        return std::nullopt;
    }
    return AresRecord::Type(value);
}

QString helpText()
{
    return QString::fromUtf8(
            R"(Usage: qares-resolve [options] [@server[:port]...] [+short] NAME...)"
            R"( [-x ADDRESS...] [-f FILE...]

Resolves every name at once with QAres (c-ares on the Qt event loop) and
prints each result as it arrives, with the time it took.

What to look up:
  NAME                 an A and AAAA host lookup, or with -t a record query
  -t, --type TYPE      query records of TYPE instead: a name QAres knows (A, NS,
                       CNAME, SOA, PTR, MX, TXT, AAAA, SRV, NAPTR, TLSA, SVCB,
                       HTTPS, ANY, URI, CAA), a number or TYPEnnn; repeatable:
                       every name is asked for every type
  -x ADDRESS           reverse lookup: the PTR records of ADDRESS (IPv4 or IPv6)
                       under in-addr.arpa or ip6.arpa; repeatable
  --reverse            every NAME and every line of -f is an address to reverse
  -f, --file FILE      names from FILE, one per line (blank lines and lines
                       starting with # skipped); "-" reads standard input
  -4, -6               host lookups of IPv4 (A) or IPv6 (AAAA) addresses only
                       (the default is both)
  --family any|4|6     the same

Where to ask:
  @SERVER[:PORT]       this server: 192.0.2.53, 127.0.0.1:5353, [::1]:5353;
                       DoT: tls://192.0.2.1#dns.example; DoH:
                       https://dns.example/dns-query#192.0.2.1;
                       repeatable, asked in order
  -s, --server SERVER  the same
  --local              an embedded offline DNS server on 127.0.0.1, started for
                       the run (without names: its demo names)
                       Without these: the system's configuration (resolv.conf,
                       and the hosts file first for host lookups).

How to ask:
  --tcp, +tcp, +vc     TCP only
  --edns[=SIZE]        send an EDNS0 OPT record advertising SIZE bytes
                       (512 to 65535, default 1232)
  --timeout MS         the first try's timeout in milliseconds; c-ares doubles
                       it every round (default 2000, 500 with --local)
  --tries N            tries per server, 1 to 100 (default 2)
  --deadline MS        the most a lookup may take, queueing included
                       (default: no limit beyond the tries)
  --search, +search    apply the search domains and ndots (default, as dig:
                       the name as given; +nosearch says so again)
  --domain NAME        search domain NAME instead of the system's; repeatable,
                       implies --search
  --ndots N            dots a name needs to be tried as is before the search
                       domains, 0 to 15 (default: the system's)

Output:
  (default)            a table: name, milliseconds, answers, TTL; a summary
  +short, --short      the answers only, one per line (errors on stderr)
  --json               one JSON object per lookup and line (JSON Lines)
  --ordered            print in the order given instead of as lookups finish
  --check              also fail unless every lookup was reported exactly once
  -h, --help           this help
  -v, --version        the versions of qares-resolve, QAres and Qt

On a terminal, with more than 20 lookups, stderr shows "resolved N/TOTAL"
while they run.

Exit status: 0 when every lookup gave an answer (at least one address or
record), 1 when any failed (NXDOMAIN, no data, timeout, ...), 2 for a bad
command line or an unreadable file.
)");
}

} // namespace Cli
