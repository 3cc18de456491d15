// SPDX-License-Identifier: MIT
#ifndef OFFLINEWORLD_H
#define OFFLINEWORLD_H

#include <QtCore/qstringlist.h>

class FakeDnsServer;

namespace OfflineWorld {

/*! The preset names (about 50), in display order. */
QStringList presetNames();

#ifdef PARALLEL_LOOKUPS_OFFLINE
/*!
    Fills \a server with the offline world: every preset name with A and
    AAAA records and a per-name latency between 5 and 400 ms, a few CNAMEs,
    SERVFAIL and NXDOMAIN answers, and names that never answer (Drop).
*/
void populate(FakeDnsServer &server);
#endif

} // namespace OfflineWorld

#endif // OFFLINEWORLD_H
