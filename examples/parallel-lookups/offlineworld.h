// SPDX-License-Identifier: MIT
#ifndef OFFLINEWORLD_H
#define OFFLINEWORLD_H

#include <QtCore/qstringlist.h>

class AresTestServer;

namespace OfflineWorld {

/*! The preset names (about 50), in display order. */
QStringList presetNames();

#ifdef PARALLEL_LOOKUPS_OFFLINE
/*!
    Fills \a server with the offline world: every preset name with A and
    AAAA records, MX, NS, TXT (SPF, a verification token), CAA, SRV and
    HTTPS records (a few names lack SRV or HTTPS: NODATA with the zone's
    SOA), and a per-name latency between 5 and 400 ms; a few CNAMEs,
    SERVFAIL and NXDOMAIN answers, and names that never answer (Drop).
    Every zone has an SOA (queryable at the zone's apex).
*/
void populate(AresTestServer &server);
#endif

} // namespace OfflineWorld

#endif // OFFLINEWORLD_H
