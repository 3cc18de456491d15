// SPDX-License-Identifier: MIT
#ifndef ENCRYPTEDZONE_H
#define ENCRYPTEDZONE_H

// The records the DoT and DoH suites (tst_dot, tst_dohlive) serve from the fake server.

#include "arestestserver.h"

namespace QAresTest {

/*!
    host.test (A 192.0.2.1 TTL 300, AAAA 2001:db8::1 TTL 600, MX 10 mx1.test and
    20 mx2.test), www.corp.test (A 192.0.2.80), the PTR of 192.0.2.1, and
    n0.test .. n39.test (A 192.0.2.0 + i).
*/
inline void addEncryptedTestZone(AresTestServer &server)
{
    const QString host = QStringLiteral("host.test");
    server.addAddress(host, QHostAddress(QStringLiteral("192.0.2.1")), 300);
    server.addAddress(host, QHostAddress(QStringLiteral("2001:db8::1")), 600);
    server.addAddress(QStringLiteral("www.corp.test"), QHostAddress(QStringLiteral("192.0.2.80")),
                      300);
    server.addPtr(AresTestServer::reverseName(QHostAddress(QStringLiteral("192.0.2.1"))), host);
    server.addRecord(host, AresTestRecord::mx(10, QStringLiteral("mx1.test")));
    server.addRecord(host, AresTestRecord::mx(20, QStringLiteral("mx2.test")));
    for (int i = 0; i < 40; ++i) {
        server.addAddress(QStringLiteral("n%1.test").arg(i),
                          QHostAddress(quint32(0xc0000200 + i)));
    }
}

} // namespace QAresTest

#endif // ENCRYPTEDZONE_H
