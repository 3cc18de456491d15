// SPDX-License-Identifier: MIT
#ifndef QMLENUMS_H
#define QMLENUMS_H

#include <areserror.h>
#include <aresnameinfo.h>
#include <aresresolver.h>

#include <QtCore/qobject.h>
#include <QtQml/qqml.h>

// The core's enums under the core's names, for QML: each type here carries
// the enums of one C++ class or namespace as its own (QML_EXTENDED_NAMESPACE),
// so a value added in src/ is there in QML without an edit here. Nothing is
// created from these types: QML reads their enums only.

/*!
    \qmltype AresError
    The error codes of QAres::Error (C++ AresError), as DnsLookup.error and
    LookupModel's role \c error give them: AresError.NoError,
    AresError.NotFoundError, AresError.TimeoutError, ... (also scoped:
    AresError.Error.TimeoutError). Enums only; not an object QML creates.
*/
class QmlAresError : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(AresError)
    QML_UNCREATABLE("AresError holds the error codes only")
    QML_EXTENDED_NAMESPACE(QAres)
};

/*!
    \qmltype AresNameInfo
    The flags of AresNameInfo::Flag for DnsLookup.nameInfoFlags:
    AresNameInfo.NoFqdn, AresNameInfo.NumericService, ... combined with `|`.
    Enums only; not an object QML creates.
*/
class QmlAresNameInfo : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(AresNameInfo)
    QML_UNCREATABLE("AresNameInfo holds the name-info flags only")
    QML_EXTENDED_NAMESPACE(AresNameInfo)
};

/*!
    \qmltype AresHostRequest
    The flags of AresHostRequest::Flag for DnsLookup.hostFlags:
    AresHostRequest.V4Mapped, AresHostRequest.All, AresHostRequest.NoSort,
    ... combined with `|`. Enums only; not an object QML creates.
*/
class QmlAresHostRequest : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(AresHostRequest)
    QML_UNCREATABLE("AresHostRequest holds the host-lookup flags only")
    QML_EXTENDED_NAMESPACE(AresHostRequest)
};

#endif // QMLENUMS_H
