// SPDX-License-Identifier: MIT
#include "aresname_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qurl.h>
#include <QtNetwork/qhostaddress.h>

namespace QAresPrivate {

static bool isAsciiHostChar(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'-' || c == u'_';
}

static QString checkAsciiLabels(QStringView name)
{
    if (name.size() > 253)
        return QCoreApplication::translate("AresResolver", "name is longer than 253 characters");
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name.at(i) == u'.') {
            const qsizetype labelLength = i - labelStart;
            if (labelLength == 0)
                return QCoreApplication::translate("AresResolver", "name has an empty label");
            if (labelLength > 63)
                return QCoreApplication::translate("AresResolver",
                                                   "name has a label longer than 63 characters");
            labelStart = i + 1;
        } else if (!isAsciiHostChar(name.at(i).unicode())) {
            return QCoreApplication::translate(
                           "AresResolver", "name contains the character '%1', not allowed in host names")
                    .arg(name.at(i));
        }
    }
    return QString();
}

// Character classes of the one-pass check below (ASCII only).
enum : unsigned char {
    HostChar = 1,    // letter, digit, '-' or '_'
    NotDigit = 2,    // a host character other than a digit
    UpperCase = 4,
};

struct HostCharTable
{
    unsigned char classes[128] = {};
    constexpr HostCharTable()
    {
        for (int c = 0; c < 128; ++c) {
            const bool digit = c >= '0' && c <= '9';
            const bool upper = c >= 'A' && c <= 'Z';
            if (digit || upper || (c >= 'a' && c <= 'z') || c == '-' || c == '_')
                classes[c] = HostChar | (digit ? 0 : NotDigit) | (upper ? UpperCase : 0);
        }
    }
};
static constexpr HostCharTable hostChars;

// The common case in one pass: an ASCII name of letter-digit-hyphen(-underscore)
// labels, not an IP literal. Returns false when the full check must decide.
// Also notes whether the name is already what hostNameFromAce() would make
// of it (isPlainAceName() without upper case), so that a result naming the
// name asked for needs no second scan.
static bool checkPlainHostName(const QString &input, CheckedName *result)
{
    qsizetype size = input.size();
    const auto *chars = reinterpret_cast<const char16_t *>(input.constData());
    if (size > 1 && chars[size - 1] == u'.')
        --size; // absolute name: one trailing dot is fine (checkHostName() notes it)
    if (size == 0 || size > 253)
        return false;
    unsigned char seen = 0;
    bool plainLabels = true;
    const char16_t *p = chars;
    const char16_t *const end = chars + size;
    for (;;) {
        // One label: host characters up to a dot or the end.
        const char16_t *const label = p;
        while (p != end && *p < 128) {
            const unsigned char classes = hostChars.classes[*p];
            if (!classes)
                break;
            seen |= classes;
            ++p;
        }
        const qsizetype labelLength = p - label;
        if (labelLength == 0 || labelLength > 63)
            return false;
        if (label[0] == u'-' || p[-1] == u'-' || (labelLength >= 4 && label[2] == u'-' && label[3] == u'-'))
            plainLabels = false;
        if (p == end)
            break;
        if (*p != u'.')
            return false; // not a host character
        ++p;
    }
    if (!(seen & NotDigit))
        return false; // an IPv4 literal, or a malformed one
    if (size == input.size())
        result->unicode = input; // shared, no temporary
    else
        result->unicode = input.left(size);
    result->aceIsUnicode = true; // no Latin-1 copy here: the caller makes it when it needs it
    result->aceIsHostName = plainLabels && !(seen & UpperCase);
    return true;
}

CheckedName checkHostName(const QString &input)
{
    CheckedName result;
    // The one place where a trailing dot is looked at.
    result.absolute = input.size() > 1 && input.endsWith(u'.');
    if (checkPlainHostName(input, &result))
        return result;
    if (input.isEmpty()) {
        result.error = QCoreApplication::translate("AresResolver", "empty host name");
        return result;
    }
    bool ascii = true;
    for (QChar c : input) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) {
            result.error = c.unicode() == 0
                    ? QCoreApplication::translate("AresResolver", "host name contains a NUL character")
                    : QCoreApplication::translate("AresResolver",
                                                  "host name contains a control character");
            return result;
        }
        if (c.unicode() >= 0x80)
            ascii = false;
    }

    QStringView name(input);
    if (name.size() > 1 && name.endsWith(u'.'))
        name.chop(1); // absolute name: one trailing dot is fine

    // IP literals: c-ares answers them without the network; malformed ones are
    // refused here instead of going out as names.
    if (ascii && name.contains(u':')) {
        QHostAddress address;
        if (name.contains(u'%') || !address.setAddress(name.toString())
            || address.protocol() != QAbstractSocket::IPv6Protocol) {
            result.error =
                    QCoreApplication::translate("AresResolver", "malformed IPv6 address literal");
            return result;
        }
        result.unicode = name.toString();
        result.aceIsUnicode = true;
        result.literal = address;
        return result;
    }
    const bool numeric = std::any_of(name.begin(), name.end(), [](QChar c) { return c.isDigit(); })
            && std::all_of(name.begin(), name.end(), [](QChar c) { return c.isDigit() || c == u'.'; });
    if (ascii && numeric) {
        QHostAddress address;
        if (name.count(u'.') != 3 || !address.setAddress(name.toString())
            || address.protocol() != QAbstractSocket::IPv4Protocol) {
            result.error =
                    QCoreApplication::translate("AresResolver", "malformed IPv4 address literal");
            return result;
        }
        result.unicode = name.toString();
        result.aceIsUnicode = true;
        result.literal = address;
        return result;
    }

    QString ace;
    if (ascii) {
        ace = name.size() == input.size() ? input : name.toString(); // shared when nothing was chopped
    } else {
        ace = QString::fromLatin1(QUrl::toAce(name.toString()));
        if (ace.isEmpty()) {
            result.error = QCoreApplication::translate("AresResolver",
                                                       "not a valid internationalized domain name");
            return result;
        }
    }
    result.error = checkAsciiLabels(ace);
    if (!result.isValid())
        return result;
    if (ascii) {
        result.unicode = ace; // the ACE form is the same text
        result.aceIsUnicode = true;
        return result;
    }
    result.ace = ace.toLatin1();
    result.unicode = QUrl::fromAce(result.ace, QUrl::IgnoreIDNWhitelist);
    return result;
}

// True for labels QUrl::fromAce() returns lower-cased and otherwise unchanged.
static bool isPlainAceName(QStringView name, bool *hasUpper)
{
    *hasUpper = false;
    if (name.isEmpty())
        return false;
    qsizetype labelStart = 0;
    for (qsizetype i = 0; i <= name.size(); ++i) {
        if (i == name.size() || name.at(i) == u'.') {
            const qsizetype length = i - labelStart;
            if (length == 0 || length > 63 || name.at(labelStart) == u'-' || name.at(i - 1) == u'-')
                return false;
            if (length >= 4 && name.at(labelStart + 2) == u'-' && name.at(labelStart + 3) == u'-')
                return false; // "xn--" and other reserved "??--" labels: IDNA's business
            labelStart = i + 1;
            continue;
        }
        const char16_t c = name.at(i).unicode();
        if (c >= u'A' && c <= u'Z')
            *hasUpper = true;
        else if (!isAsciiHostChar(c))
            return false;
    }
    return true;
}

QString hostNameFromAce(const QString &ace)
{
    bool hasUpper = false;
    if (isPlainAceName(ace, &hasUpper))
        return hasUpper ? ace.toLower() : ace;
    return QUrl::fromAce(ace.toLatin1(), QUrl::IgnoreIDNWhitelist);
}

} // namespace QAresPrivate
