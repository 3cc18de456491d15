// SPDX-License-Identifier: MIT
#ifndef ARESSTATUS_P_H
#define ARESSTATUS_P_H

//
//  W A R N I N G
//  -------------
// Private implementation detail of QAres; may change without notice.
//

#include "areserror.h"

namespace QAresPrivate {

/*! c-ares status name ("ARES_ETIMEOUT") and message, for logs and errorString(). */
QString statusName(int status);
QString statusMessage(int status);

/*!
    Maps a c-ares status to the public error. \a wireRcode is the response
    code seen on the wire when c-ares folded a server's SERVFAIL (2), NOTIMP
    (4) or REFUSED (5) into ARES_ECONNREFUSED; 0 otherwise.
*/
AresError errorFromStatus(int status, int wireRcode = 0);

/*! "Host not found (ARES_ENOTFOUND: Domain name not found)". */
QString errorStringFromStatus(int status, int wireRcode = 0);

/*!
    What a finished c-ares request says about the round trip, for the
    in-flight window: a server answered (success, NODATA, NXDOMAIN, with no
    try timed out), a try timed out (ARES_ETIMEOUT, or \a timeouts > 0: an
    answer that came only after a retry), or neither (other errors: no
    sample).
*/
enum class RoundTrip { Answered, TimedOut, None };
RoundTrip roundTripOf(int status, int timeouts);

} // namespace QAresPrivate

#endif // ARESSTATUS_P_H
