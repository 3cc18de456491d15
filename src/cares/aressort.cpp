// SPDX-License-Identifier: MIT
// RFC 6724 destination address selection, following c-ares 1.18's
// ares__sortaddrinfo.c (itself from Android's getaddrinfo.c).
#include "aressort_p.h"

#include <ares.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <vector>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace QAresPrivate {

namespace {

enum Scope { NodeLocal = 0x01, LinkLocal = 0x02, SiteLocal = 0x05, Global = 0x0e };

struct Address
{
    sockaddr_storage storage;
    const sockaddr *sa() const { return reinterpret_cast<const sockaddr *>(&storage); }
    const in6_addr &v6() const { return reinterpret_cast<const sockaddr_in6 *>(&storage)->sin6_addr; }
    uint32_t v4() const { return ntohl(reinterpret_cast<const sockaddr_in *>(&storage)->sin_addr.s_addr); }
};

bool isLoopback6(const in6_addr &a) { return IN6_IS_ADDR_LOOPBACK(&a); }
bool is6to4(const in6_addr &a) { return a.s6_addr[0] == 0x20 && a.s6_addr[1] == 0x02; }
bool isTeredo(const in6_addr &a)
{
    return a.s6_addr[0] == 0x20 && a.s6_addr[1] == 0x01 && a.s6_addr[2] == 0 && a.s6_addr[3] == 0;
}
bool isUla(const in6_addr &a) { return (a.s6_addr[0] & 0xfe) == 0xfc; }
bool isSiteLocal(const in6_addr &a) { return IN6_IS_ADDR_SITELOCAL(&a); }
bool is6bone(const in6_addr &a) { return a.s6_addr[0] == 0x3f && a.s6_addr[1] == 0xfe; }
bool isV4Compat(const in6_addr &a) { return IN6_IS_ADDR_V4COMPAT(&a); }

int scopeOf(const Address &address)
{
    if (address.storage.ss_family == AF_INET6) {
        const in6_addr &a = address.v6();
        if (IN6_IS_ADDR_MULTICAST(&a))
            return a.s6_addr[1] & 0x0f;
        if (isLoopback6(a) || IN6_IS_ADDR_LINKLOCAL(&a))
            return LinkLocal; // RFC 4291 2.5.3: loopback has link-local scope
        if (isSiteLocal(a))
            return SiteLocal;
        return Global;
    }
    if (address.storage.ss_family == AF_INET) {
        const uint32_t a = address.v4();
        if ((a >> 24) == 127 || (a & 0xffff0000) == 0xa9fe0000) // 127/8, 169.254/16
            return LinkLocal;
        return Global; // RFC 6724 3.2: private and shared addresses too
    }
    return NodeLocal;
}

int labelOf(const Address &address)
{
    if (address.storage.ss_family == AF_INET)
        return 4;
    if (address.storage.ss_family != AF_INET6)
        return 1;
    const in6_addr &a = address.v6();
    if (isLoopback6(a))
        return 0;
    if (IN6_IS_ADDR_V4MAPPED(&a))
        return 4;
    if (is6to4(a))
        return 2;
    if (isTeredo(a))
        return 5;
    if (isUla(a))
        return 13;
    if (isV4Compat(a))
        return 3;
    if (isSiteLocal(a))
        return 11;
    if (is6bone(a))
        return 12;
    return 1;
}

int precedenceOf(const Address &address)
{
    if (address.storage.ss_family == AF_INET)
        return 35;
    if (address.storage.ss_family != AF_INET6)
        return 1;
    const in6_addr &a = address.v6();
    if (isLoopback6(a))
        return 50;
    if (IN6_IS_ADDR_V4MAPPED(&a))
        return 35;
    if (is6to4(a))
        return 30;
    if (isTeredo(a))
        return 5;
    if (isUla(a))
        return 3;
    if (isV4Compat(a) || isSiteLocal(a) || is6bone(a))
        return 1;
    return 40;
}

int commonPrefixLength(const in6_addr &a, const in6_addr &b)
{
    for (int i = 0; i < 16; ++i) {
        const int x = a.s6_addr[i] ^ b.s6_addr[i];
        if (x)
            return i * 8 + __builtin_clz(unsigned(x)) - 24;
    }
    return 128;
}

struct Entry
{
    const ares_addrinfo_node *node;
    Address destination;
    Address source;
    bool hasSource;
    int order;
};

// 1 = found, 0 = unusable destination.
bool findSourceAddress(const Address &destination, Address *source,
                       const std::function<bool(int, int)> &prepareSocket)
{
    const int family = destination.storage.ss_family;
    socklen_t length = family == AF_INET ? sizeof(sockaddr_in) : family == AF_INET6 ? sizeof(sockaddr_in6) : 0;
    if (length == 0)
        return false;
    const int fd = ::socket(family, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
    if (fd < 0)
        return false;
    bool found = false;
    if (!prepareSocket || prepareSocket(fd, family)) {
        // No packet is sent: connect() on a UDP socket only picks the route.
        int result;
        do {
            result = ::connect(fd, destination.sa(), length);
        } while (result == -1 && errno == EINTR);
        socklen_t sourceLength = sizeof source->storage;
        found = result == 0
                && ::getsockname(fd, reinterpret_cast<sockaddr *>(&source->storage), &sourceLength) == 0;
    }
    ::close(fd);
    if (!found)
        std::memset(&source->storage, 0, sizeof source->storage);
    return found;
}

// < 0: a first.
int compare(const Entry &a, const Entry &b)
{
    // Rule 1: avoid unusable destinations.
    if (a.hasSource != b.hasSource)
        return int(b.hasSource) - int(a.hasSource);
    // Rule 2: prefer matching scope.
    const int scopeDstA = scopeOf(a.destination);
    const int scopeDstB = scopeOf(b.destination);
    // (An unusable destination's source is all zero, as in c-ares.)
    const bool scopeMatchA = scopeOf(a.source) == scopeDstA;
    const bool scopeMatchB = scopeOf(b.source) == scopeDstB;
    if (scopeMatchA != scopeMatchB)
        return int(scopeMatchB) - int(scopeMatchA);
    // Rules 3 (deprecated) and 4 (home addresses): not known, as in c-ares.
    // Rule 5: prefer matching label.
    const bool labelMatchA = labelOf(a.source) == labelOf(a.destination);
    const bool labelMatchB = labelOf(b.source) == labelOf(b.destination);
    if (labelMatchA != labelMatchB)
        return int(labelMatchB) - int(labelMatchA);
    // Rule 6: prefer higher precedence.
    const int precedenceA = precedenceOf(a.destination);
    const int precedenceB = precedenceOf(b.destination);
    if (precedenceA != precedenceB)
        return precedenceB - precedenceA;
    // Rule 7 (native transport): not known, as in c-ares.
    // Rule 8: prefer smaller scope.
    if (scopeDstA != scopeDstB)
        return scopeDstA - scopeDstB;
    // Rule 9: longest matching prefix, IPv6 only (as in c-ares).
    if (a.hasSource && b.hasSource && a.destination.storage.ss_family == AF_INET6
        && b.destination.storage.ss_family == AF_INET6 && a.source.storage.ss_family == AF_INET6
        && b.source.storage.ss_family == AF_INET6) {
        const int prefixA = commonPrefixLength(a.source.v6(), a.destination.v6());
        const int prefixB = commonPrefixLength(b.source.v6(), b.destination.v6());
        if (prefixA != prefixB)
            return prefixB - prefixA;
    }
    // Rule 10: leave the order unchanged.
    return a.order - b.order;
}

} // namespace

void sortAddressesRfc6724(const ares_addrinfo_node **nodes, size_t count,
                          const std::function<bool(int fd, int domain)> &prepareSocket)
{
    if (count < 2)
        return;
    std::vector<Entry> entries;
    entries.reserve(count);
    for (size_t i = 0; i < count; ++i) {
        const ares_addrinfo_node *node = nodes[i];
        Entry entry {};
        entry.node = node;
        entry.order = int(entries.size());
        const socklen_t length = node->ai_family == AF_INET ? sizeof(sockaddr_in)
                : node->ai_family == AF_INET6                ? sizeof(sockaddr_in6)
                                                             : 0;
        if (length > 0 && node->ai_addr && node->ai_addrlen >= length) {
            std::memcpy(&entry.destination.storage, node->ai_addr, length);
            entry.hasSource = findSourceAddress(entry.destination, &entry.source, prepareSocket);
        }
        entries.push_back(entry);
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return compare(a, b) < 0; });
    for (size_t i = 0; i < count; ++i)
        nodes[i] = entries[i].node;
}

} // namespace QAresPrivate
