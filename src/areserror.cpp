// SPDX-License-Identifier: MIT
#include "areserror.h"

#include <QtCore/qcoreapplication.h>

namespace QAres {

QString errorDescription(Error error)
{
    switch (error) {
    case Error::NoError:
        return QCoreApplication::translate("AresError", "No error");
    case Error::ResolverError:
        return QCoreApplication::translate("AresError", "Resolver error");
    case Error::OperationCancelledError:
        return QCoreApplication::translate("AresError", "Operation cancelled");
    case Error::InvalidRequestError:
        return QCoreApplication::translate("AresError", "Invalid request");
    case Error::InvalidReplyError:
        return QCoreApplication::translate("AresError", "Invalid reply received");
    case Error::ServerFailureError:
        return QCoreApplication::translate("AresError", "Server failure");
    case Error::ServerRefusedError:
        return QCoreApplication::translate("AresError", "Server refused to answer");
    case Error::NotFoundError:
        return QCoreApplication::translate("AresError", "Host not found");
    case Error::NoDataError:
        return QCoreApplication::translate("AresError", "No record of the requested type");
    case Error::TimeoutError:
        return QCoreApplication::translate("AresError", "Timed out");
    case Error::ConnectionRefusedError:
        return QCoreApplication::translate("AresError", "Could not contact DNS servers");
    case Error::ResolverDestroyedError:
        return QCoreApplication::translate("AresError", "Resolver destroyed");
    case Error::ServerFormatError:
        return QCoreApplication::translate("AresError", "Server could not read the query");
    case Error::EncryptionError:
        return QCoreApplication::translate("AresError", "Encrypted connection failed");
    }
    return QCoreApplication::translate("AresError", "Unknown error");
}

} // namespace QAres

#include "moc_areserror.cpp"
