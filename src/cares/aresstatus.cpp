// SPDX-License-Identifier: MIT
#include "aresstatus_p.h"

#include "aresfeatures_p.h"

#include <QtCore/qcoreapplication.h>

#include <ares.h>

namespace QAresPrivate {

AresError errorFromStatus(int status, int wireRcode)
{
    switch (status) {
    case ARES_SUCCESS:
        return AresError::NoError;
    case ARES_ENODATA:
        return AresError::NoDataError;
    case ARES_EFORMERR:
        return AresError::ServerFormatError; // the server says our query was malformed
    case ARES_ESERVFAIL:
    case ARES_ENOTIMP:
        return AresError::ServerFailureError;
    case ARES_ENOTFOUND:
        return AresError::NotFoundError;
    case ARES_EREFUSED:
        return AresError::ServerRefusedError;
    case ARES_EBADQUERY:
    case ARES_EBADNAME:
    case ARES_EBADFAMILY:
    case ARES_EBADSTR:
    case ARES_EBADFLAGS:
    case ARES_ENONAME:
    case ARES_EBADHINTS:
    case ARES_ESERVICE: // a service name getaddrinfo does not know
        return AresError::InvalidRequestError;
    case ARES_EBADRESP:
        return AresError::InvalidReplyError;
    case ARES_ECONNREFUSED:
        switch (wireRcode) {
        case 2:
        case 4:
            return AresError::ServerFailureError;
        case 5:
            return AresError::ServerRefusedError;
        default:
            return AresError::ConnectionRefusedError;
        }
    case ARES_ETIMEOUT:
        return AresError::TimeoutError;
    case ARES_EDESTRUCTION:
        return AresError::ResolverDestroyedError;
    case ARES_ECANCELLED:
        return AresError::OperationCancelledError;
    case ARES_EOF:
    case ARES_EFILE:
    case ARES_ENOMEM:
    case ARES_ENOTINITIALIZED:
    case ARES_ELOADIPHLPAPI:
    case ARES_EADDRGETNETWORKPARAMS:
#if QARES_CARES_STATUS_ENOSERVER
    case ARES_ENOSERVER: // an empty server list (QAres always configures one)
#endif
    default:
        return AresError::ResolverError;
    }
}

QString errorStringFromStatus(int status, int wireRcode)
{
    const AresError error = errorFromStatus(status, wireRcode);
    QString details;
    if (status == ARES_ECONNREFUSED && wireRcode != 0) {
        // c-ares 1.18 reports these rcodes as "connection refused".
        const char *rcode = wireRcode == 2 ? "SERVFAIL" : wireRcode == 4 ? "NOTIMP" : "REFUSED";
        details = QCoreApplication::translate("AresResolver", "every server answered ")
                + QLatin1String(rcode);
    } else {
        details = statusName(status) + QStringLiteral(": ") + statusMessage(status);
    }
    return QAres::errorDescription(error) + QStringLiteral(" (") + details + u')';
}

QString statusName(int status)
{
    switch (status) {
#define QARES_STATUS(s) \
  case s:               \
    return QStringLiteral(#s);
        QARES_STATUS(ARES_SUCCESS)
        QARES_STATUS(ARES_ENODATA)
        QARES_STATUS(ARES_EFORMERR)
        QARES_STATUS(ARES_ESERVFAIL)
        QARES_STATUS(ARES_ENOTFOUND)
        QARES_STATUS(ARES_ENOTIMP)
        QARES_STATUS(ARES_EREFUSED)
        QARES_STATUS(ARES_EBADQUERY)
        QARES_STATUS(ARES_EBADNAME)
        QARES_STATUS(ARES_EBADFAMILY)
        QARES_STATUS(ARES_EBADRESP)
        QARES_STATUS(ARES_ECONNREFUSED)
        QARES_STATUS(ARES_ETIMEOUT)
        QARES_STATUS(ARES_EOF)
        QARES_STATUS(ARES_EFILE)
        QARES_STATUS(ARES_ENOMEM)
        QARES_STATUS(ARES_EDESTRUCTION)
        QARES_STATUS(ARES_EBADSTR)
        QARES_STATUS(ARES_EBADFLAGS)
        QARES_STATUS(ARES_ENONAME)
        QARES_STATUS(ARES_EBADHINTS)
        QARES_STATUS(ARES_ENOTINITIALIZED)
        QARES_STATUS(ARES_ELOADIPHLPAPI)
        QARES_STATUS(ARES_EADDRGETNETWORKPARAMS)
        QARES_STATUS(ARES_ECANCELLED)
        QARES_STATUS(ARES_ESERVICE)
#if QARES_CARES_STATUS_ENOSERVER
        QARES_STATUS(ARES_ENOSERVER)
#endif
#undef QARES_STATUS
    }
    return QStringLiteral("ARES_%1").arg(status);
}

QString statusMessage(int status)
{
    return QString::fromLatin1(ares_strerror(status));
}

RoundTrip roundTripOf(int status, int timeouts)
{
    if (status == ARES_ETIMEOUT)
        return RoundTrip::TimedOut;
    if (status != ARES_SUCCESS && status != ARES_ENODATA && status != ARES_ENOTFOUND)
        return RoundTrip::None;
    return timeouts > 0 ? RoundTrip::TimedOut : RoundTrip::Answered;
}

} // namespace QAresPrivate
