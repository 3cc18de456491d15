// SPDX-License-Identifier: MIT
#ifndef ARESHOSTINFO_P_H
#define ARESHOSTINFO_P_H

//
//  W A R N I N G
//  -------------
//
// This file is not part of the QAres API.
//

#include "areshostinfo.h"

class AresHostInfoPrivate : public QSharedData
{
public:
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
};

namespace QAresPrivate {

/*! The resolver's way to fill in a result without a setter call (and detach check) per field. */
struct HostInfoAccess
{
    /*! \a info's private, unshared: a new one when \a info is default-constructed. */
    static AresHostInfoPrivate *fill(AresHostInfo &info);
};

} // namespace QAresPrivate

#endif // ARESHOSTINFO_P_H
