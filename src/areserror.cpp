// SPDX-License-Identifier: MIT
#include "areserror.h"

namespace QAres {

QString errorDescription(Error error)
{
    switch (error) {
    case Error::NoError:
        return QStringLiteral("No error");
    case Error::ResolverError:
        return QStringLiteral("Resolver error");
    case Error::OperationCancelledError:
        return QStringLiteral("Operation cancelled");
    case Error::InvalidRequestError:
        return QStringLiteral("Invalid request");
    case Error::InvalidReplyError:
        return QStringLiteral("Invalid reply received");
    case Error::ServerFailureError:
        return QStringLiteral("Server failure");
    case Error::ServerRefusedError:
        return QStringLiteral("Server refused to answer");
    case Error::NotFoundError:
        return QStringLiteral("Host not found");
    case Error::NoDataError:
        return QStringLiteral("No record of the requested type");
    case Error::TimeoutError:
        return QStringLiteral("Timed out");
    case Error::ConnectionRefusedError:
        return QStringLiteral("Could not contact DNS servers");
    case Error::ResolverDestroyedError:
        return QStringLiteral("Resolver destroyed");
    }
    return QStringLiteral("Unknown error");
}

} // namespace QAres

#include "moc_areserror.cpp"
