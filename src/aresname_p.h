// SPDX-License-Identifier: MIT
#ifndef ARESNAME_P_H
#define ARESNAME_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include <QtCore/qbytearray.h>
#include <QtCore/qstring.h>
#include <QtNetwork/qhostaddress.h>

#include <optional>

namespace QAresPrivate {

/*!
    Everything QAres decides about a name asked for, decided once, by
    checkHostName(): whether it is valid (error), its ACE form (IDNA), whether
    it is absolute (a trailing dot) and whether it is an IP literal. The
    engine and the channel use these fields and never look at the text again
    for them; the trailing dot itself is put back only where c-ares needs it
    (Channel::getAddrInfo()).
*/
struct CheckedName
{
    QByteArray ace;   // what c-ares gets, without a trailing dot; empty when aceIsUnicode
    QString unicode;  // the name in Unicode, without a trailing dot, for reporting back
    QString error;    // non-empty: rejected, with the reason
    std::optional<QHostAddress> literal; // set when the name is an IP literal (a QHostAddress allocates)
    // The ACE form is unicode's text (an ASCII name, a literal): not made here,
    // aceBytes() converts it when it is needed.
    bool aceIsUnicode = false;
    // aceIsUnicode, and hostNameFromAce() of the name is the name itself
    // (lower case, no "??--" label, no label starting or ending with '-')
    bool aceIsHostName = false;
    // The name ended with one dot: no search domains (and, for host lookups,
    // no hosts file match).
    bool absolute = false;
    bool isValid() const { return error.isEmpty(); }
    QByteArray aceBytes() const { return aceIsUnicode ? unicode.toLatin1() : ace; }
};

/*!
    Validates a host name or IP literal before it reaches c-ares (which sends
    whatever it is given): rejects empty names, control characters and NUL,
    names over 253 octets, labels over 63, empty labels, characters outside
    letters/digits/'-'/'_', malformed IP literals; converts non-ASCII names
    with IDNA (QUrl::toAce). One trailing dot makes the name absolute.
*/
CheckedName checkHostName(const QString &name);

/*!
    A name from DNS (ASCII Compatible Encoding) in Unicode, as
    QUrl::fromAce(IgnoreIDNWhitelist) returns it: names of plain
    letter-digit-hyphen(-underscore) labels without an "xn--" label are only
    lower-cased here (shared, no allocation when already lower case);
    everything else goes through QUrl::fromAce().
*/
QString hostNameFromAce(const QString &ace);

} // namespace QAresPrivate

#endif // ARESNAME_P_H
