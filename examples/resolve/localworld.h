// SPDX-License-Identifier: MIT
//
// The offline world of qares-resolve --local: what the embedded
// AresTestServer answers, and the names resolved when none are given.
#ifndef QARESRESOLVE_LOCALWORLD_H
#define QARESRESOLVE_LOCALWORLD_H

#include <QtCore/qstringlist.h>

class AresTestServer;

namespace LocalWorld {

/*!
    Programs \a server with the zone example.test: addresses with their PTR
    records (192.0.2.0/24, 2001:db8::/32), a CNAME, MX, TXT, SRV, HTTPS and a
    record of the unnamed type 65280; realistic latencies, a SERVFAIL and a
    name that never answers.
*/
void populate(AresTestServer &server);

//! The host names (and an IP literal) looked up by --local without names.
QStringList demoNames();

} // namespace LocalWorld

#endif // QARESRESOLVE_LOCALWORLD_H
