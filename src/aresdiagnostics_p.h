// SPDX-License-Identifier: MIT
#ifndef ARESDIAGNOSTICS_P_H
#define ARESDIAGNOSTICS_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "aresdiagnostics.h"

#include <limits>

class AresDiagnosticsPrivate : public QSharedData
{
public:
    quint32 queuedUs = 0;
    quint32 wireUs = 0;
    bool valid = false;
    bool submitted = false;
    // The transport (see DiagnosticsAccess::transportByte()).
    quint8 transport = 0;
    quint8 cacheState = 0; // QAresPrivate::DiagnosticsAccess::FromCache, ...
};

namespace QAresPrivate {

/*!
    The results keep a lookup's timings as two 32-bit microsecond counts in
    their own private (no allocation, no pointer per result); the
    AresDiagnostics is made from them when read.
*/
struct DiagnosticsAccess
{
    //! queuedUs: not measured (a result built by hand).
    static constexpr quint32 NotMeasured = std::numeric_limits<quint32>::max();
    //! wireUs: never handed to c-ares.
    static constexpr quint32 NotSubmitted = std::numeric_limits<quint32>::max();
    //! A measured duration (wraps after 71 minutes, as the clock it is read from), kept off the markers.
    static quint32 clamp(quint32 us) { return us < NotMeasured ? us : NotMeasured - 1; }
    static AresDiagnostics make(quint32 queuedUs, quint32 wireUs, quint8 transport = 0,
                                quint8 cacheState = 0);
    //! AresServer::Transport in the low bits, AuthenticatedBit when the answer came over TLS.
    static constexpr quint8 AuthenticatedBit = 0x80;
    static quint8 transportByte(quint8 transport, bool authenticated)
    {
        return quint8(transport | (authenticated ? AuthenticatedBit : 0));
    }
    //! cacheState bits: where the answer came from (the resolver's cache, src/cache/).
    enum CacheState : quint8 { FromCache = 0x1, Stale = 0x2, Coalesced = 0x4 };
};

} // namespace QAresPrivate

#endif // ARESDIAGNOSTICS_P_H
