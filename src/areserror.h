// SPDX-License-Identifier: MIT
#ifndef ARESERROR_H
#define ARESERROR_H

#include "qaresglobal.h"

#include <QtCore/qobjectdefs.h>
#include <QtCore/qstring.h>

/*!
    \file areserror.h
    QAres::Error, its short name AresError, and QAres::errorDescription()
    (also as <QAres/AresError>).
*/

/*!
    The QAres namespace holds the enums shared by the whole library, so that
    C++ and QML see one set of values.
*/
namespace QAres {
Q_NAMESPACE_EXPORT(QARES_EXPORT)

/*!
    Why a lookup did not produce an answer. Names follow QDnsLookup::Error
    where it has an equivalent; the c-ares specific cases are added.

    Every c-ares status maps to one value (see docs/errors.md), except
    ARES_ECONNREFUSED, which c-ares 1.18 also reports when every server
    answered SERVFAIL, NOTIMP or REFUSED: QAres then reports what the
    servers said. The status is kept in AresHostInfo::aresStatus() and
    AresRecordSet::aresStatus() for logs.
*/
enum class Error {
    NoError = 0, //!< the lookup succeeded
    ResolverError, //!< internal/system failure (out of memory, bad configuration, ...)
    //! cancelled: AresReply::abort(), AresResolver::abortAll() (a canceled QFuture has no
    //! result)
    OperationCancelledError,
    InvalidRequestError, //!< rejected before it was sent (bad name, address or type)
    InvalidReplyError, //!< the server's reply could not be parsed
    ServerFailureError, //!< every server answered SERVFAIL (or NOTIMP)
    ServerRefusedError, //!< every server answered REFUSED
    NotFoundError, //!< the name does not exist (NXDOMAIN); for reverse lookups also: no PTR record
    NoDataError, //!< the name exists but has no record of the requested type
    TimeoutError, //!< no answer within the tries, or the lookup's deadline passed
    ConnectionRefusedError, //!< no server could be reached (connection refused or unreachable)
    ResolverDestroyedError, //!< the AresResolver was destroyed while the lookup was pending
    //! the server answered FORMERR: it could not read the query (e.g. EDNS it does not know)
    ServerFormatError,
    //! no encrypted server was reached securely (TLS failed: errorString() says why)
    EncryptionError,
};
Q_ENUM_NS(Error)

/*! A short English description of \a error, without details. */
QARES_EXPORT QString errorDescription(Error error);

} // namespace QAres

/*! The short name of QAres::Error, as the rest of the API spells it: AresError::TimeoutError. */
using AresError = QAres::Error;

#endif // ARESERROR_H
