// SPDX-License-Identifier: MIT
#ifndef ARESFEATURES_P_H
#define ARESFEATURES_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//
// The c-ares features QAres uses where the c-ares it is built against has
// them, by the release that added them: every version check is one of these.
// docs/errors.md lists what differs between versions and how QAres handles it.
//

#include <ares.h>

// ARES_OPT_QUERY_CACHE (1.23; on by default since 1.31): QAres turns it off.
#define QARES_CARES_QUERY_CACHE (ARES_VERSION >= 0x011700)
// ares_query_dnsrec() and friends (1.28; ares_query()/ares_search() are
// deprecated from then on and re-encode the reply they hand over).
#define QARES_CARES_DNSREC (ARES_VERSION >= 0x011c00)
// Queries kept by expiry (1.22): ares_timeout() is O(1), and a first try's
// timeout follows the server's measured latency (not only the configured one).
#define QARES_CARES_TIMEOUTS_BY_EXPIRY (ARES_VERSION >= 0x011600)
// ares_get_servers_csv() (1.24; ares_get_servers_ports() is deprecated from then on).
#define QARES_CARES_GET_SERVERS_CSV (ARES_VERSION >= 0x011800)
// Server strings with an IPv6 scope ("[fe80::1%eth0]:53", 1.22's server configuration).
#define QARES_CARES_SCOPED_SERVERS (ARES_VERSION >= 0x011600)
// ares_set_socket_functions_ex() (1.34; ares_set_socket_functions() is deprecated from then on).
#define QARES_CARES_SOCKET_FUNCTIONS_EX (ARES_VERSION >= 0x012200)
// ARES_ENOSERVER (1.30): no server configured.
#define QARES_CARES_STATUS_ENOSERVER (ARES_VERSION >= 0x011e00)

#endif // ARESFEATURES_P_H
