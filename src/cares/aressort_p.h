// SPDX-License-Identifier: MIT
#ifndef ARESSORT_P_H
#define ARESSORT_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include <cstddef>
#include <functional>

struct ares_addrinfo_node;

namespace QAresPrivate {

/*!
    Sorts the \a count \a nodes (the addresses of one ares_getaddrinfo() answer) in the
    RFC 6724 destination address order that c-ares 1.18's own sort
    (ares__sortaddrinfo) produces, which QAres turns off with ARES_AI_NOSORT
    so that the common one-address answer costs no system calls.

    The rules applied are those c-ares applies: 1 (avoid unusable
    destinations), 2 (matching scope), 5 (matching label), 6 (higher
    precedence), 8 (smaller scope), 9 (longest matching prefix, IPv6 only)
    and 10 (otherwise keep the order). The source address for each
    destination comes, as in c-ares, from connecting a UDP socket to it (no
    packet is sent): four system calls per address. \a prepareSocket gets
    each socket first (local address, device), as c-ares's socket hook would.
*/
void sortAddressesRfc6724(const ares_addrinfo_node **nodes, size_t count,
                          const std::function<bool(int fd, int domain)> &prepareSocket);

} // namespace QAresPrivate

#endif // ARESSORT_P_H
