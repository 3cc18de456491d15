// SPDX-License-Identifier: MIT
#include "aresstatus_p.h"

#include "areschannel_p.h"

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

AresError errorOf(const ChannelResult &result)
{
    if (!result.encryptionFailure.isEmpty())
        return AresError::EncryptionError;
    return errorFromStatus(result.status, result.wireRcode);
}

QString errorStringOf(const ChannelResult &result)
{
    if (!result.encryptionFailure.isEmpty()) {
        return QAres::errorDescription(AresError::EncryptionError) + QStringLiteral(" (")
                + result.encryptionFailure + u')';
    }
    return errorStringFromStatus(result.status, result.wireRcode);
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
