// SPDX-License-Identifier: MIT
// The fixture of the AresResolver suites (tst_hostlookups, tst_resolveroptions,
// …): a fake server with a few names for every test, hermetic options pointing
// at it, and the helpers the suites share.
#ifndef RESOLVERTESTCASE_H
#define RESOLVERTESTCASE_H

#include <aresresolver.h>

#include "caresversion.h"
#include "arestestserver.h"
#include "qarestest.h"

#include <QtCore/qdir.h>
#include <QtCore/qelapsedtimer.h>
#include <QtCore/qeventloop.h>
#include <QtCore/qfile.h>
#include <QtCore/qfuturewatcher.h>
#include <QtCore/qpointer.h>
#include <QtCore/qregularexpression.h>
#include <QtCore/qsocketnotifier.h>
#include <QtCore/qtemporaryfile.h>
#include <QtCore/qthread.h>
#include <QtCore/qtimer.h>
#include <QtCore/qtranslator.h>
#include <QtCore/qurl.h>
#include <QtTest/qsignalspy.h>
#include <QtTest/qtest.h>

#include <algorithm>
#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace std::chrono_literals;
using Fault = AresTestServer::Fault;
using FaultKind = AresTestServer::FaultKind;

using QAresTest::waitFor;

inline constexpr quint16 TypeA = 1;
inline constexpr quint16 TypePTR = 12;

inline int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
}

// One line per result so that failures diff readably.
inline QString describe(const AresHostInfo &info)
{
    if (info.error() != AresError::NoError) {
        const char *key = QMetaEnum::fromType<AresError>().valueToKey(int(info.error()));
        return QStringLiteral("error %1").arg(QString::fromLatin1(key));
    }
    QStringList parts;
    const QList<QHostAddress> addresses = info.addresses();
    for (qsizetype i = 0; i < addresses.size(); ++i)
        parts.append(addresses.at(i).toString() + u'/' + QString::number(info.ttls().value(i)));
    parts.sort();
    return parts.join(u' ');
}

/*
    Each suite derives from this (the AresResolver suites, tst_endpoints,
    tst_nameinfo): before every test a fresh fake server with host.test
    (A + AAAA), two.test (two A), v4only.test and the suite's own records
    (addRecords()); after it, no warning of the resolver's event-loop glue
    (QSocketNotifier, QTimer) may have been printed.
*/
class ResolverTestCase : public QObject
{
    Q_OBJECT

protected:
    // A hermetic resolver: explicit loopback servers (m_server when none are
    // given), 1 try, a short timeout, DNS only, no search, not following the
    // machine's resolv.conf and hosts file.
    AresOptions testOptions(const QList<AresTestServer *> &servers = {}) const;

    // Called by init() with m_server listening: records a suite wants in
    // every test on top of the common ones.
    virtual void addRecords() { }

    std::unique_ptr<AresTestServer> m_server;

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
};

#endif // RESOLVERTESTCASE_H
