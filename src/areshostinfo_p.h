// SPDX-License-Identifier: MIT
#ifndef ARESHOSTINFO_P_H
#define ARESHOSTINFO_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the QAres API.
//

#include "aresdiagnostics_p.h"
#include "areshostinfo.h"

class AresHostInfoPrivate : public QSharedData
{
public:
    // The lookup's timings (see QAresPrivate::DiagnosticsAccess), in the
    // padding after the reference count and at the end: no larger for them.
    quint32 queuedUs = QAresPrivate::DiagnosticsAccess::NotMeasured;
    QString hostName;
    QString aceHostName;
    QString canonicalName;
    QStringList aliases;
    QStringList aliasTargets; // host lookups: the CNAME records' targets and TTLs (cnameChain())
    QList<int> aliasTtls;
    QList<QHostAddress> addresses;
    QList<int> ttls;
    QString errorString;
    AresError error = AresError::NoError;
    int aresStatus = 0;
    int lookupId = -1;
    quint16 port = 0; // the service's (AresHostRequest); endpoints() pairs it with each address
    quint8 transport = 0; // DiagnosticsAccess::transportByte()
    quint8 cacheState = 0; // DiagnosticsAccess::CacheState bits (in what was padding)
    quint32 wireUs = QAresPrivate::DiagnosticsAccess::NotSubmitted;
};

namespace QAresPrivate {

/*! The resolver's way to fill in a result without a setter call (and detach check) per field. */
struct HostInfoAccess
{
    /*! \a info's private, unshared: a new one when \a info is default-constructed. */
    static AresHostInfoPrivate *fill(AresHostInfo &info);
    /*! \a info's private, to read (shared, not detached). */
    static const AresHostInfoPrivate *read(const AresHostInfo &info) { return info.d.constData(); }
};

} // namespace QAresPrivate

#endif // ARESHOSTINFO_P_H
