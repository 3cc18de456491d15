// SPDX-License-Identifier: MIT
// Name-info lookups (lookupNameInfo(): getnameinfo's host and service) on the
// lookup machinery: the same queue, window, deadline, cancellation and
// delivery as reverse lookups, with an AresNameInfo for a result.
#include "resolver_p.h"

#include "aresname_p.h"
#include "cares/aresstatus_p.h"

#include <QtCore/qcoreapplication.h>
#include <QtCore/qloggingcategory.h>
#include <QtNetwork/qnetworkinterface.h>

using QAresPrivate::ChannelResult;
using QAresPrivate::Lookup;

namespace {

constexpr AresNameInfo::Flags knownFlags = AresNameInfo::NoFqdn | AresNameInfo::NumericHost
        | AresNameInfo::NameRequired | AresNameInfo::NumericService | AresNameInfo::DatagramService
        | AresNameInfo::SctpService | AresNameInfo::DccpService | AresNameInfo::NumericScope
        | AresNameInfo::IdnHostName;

const char *serviceProtocol(AresNameInfo::Flags flags)
{
    if (flags & AresNameInfo::DatagramService)
        return "udp";
    if (flags & AresNameInfo::SctpService)
        return "sctp";
    if (flags & AresNameInfo::DccpService)
        return "dccp";
    return "tcp";
}

// The address as text, as getnameinfo() writes it: an IPv6 scope after '%',
// by interface name unless NumericScope (by index then).
QString numericHost(const QHostAddress &address, AresNameInfo::Flags flags)
{
    QHostAddress bare = address;
    const QString scope = address.scopeId();
    bare.setScopeId(QString());
    QString text = bare.toString();
    if (scope.isEmpty())
        return text;
    bool isIndex = false;
    const int index = scope.toInt(&isIndex);
    QString shown = scope;
    if (flags & AresNameInfo::NumericScope) {
        if (!isIndex) {
            if (const int found = QNetworkInterface::interfaceIndexFromName(scope); found > 0)
                shown = QString::number(found);
        }
    } else if (isIndex) {
        if (const QString name = QNetworkInterface::interfaceNameFromIndex(index); !name.isEmpty())
            shown = name;
    }
    return text + u'%' + shown;
}

} // namespace

void AresResolverPrivate::startNameInfo(Lookup *lookup, const QHostAddress &address, quint16 port,
                                        AresNameInfo::Flags flags)
{
    qRegisterMetaType<AresNameInfo>();
    lookup->address = address;
    AresNameInfo &result = lookup->nameInfo();
    result.setAddress(address);
    result.setPort(port);
    result.setFlags(flags);
    result.setLookupId(lookup->id);
    if (rejectAddress(lookup, address,
                      QT_TRANSLATE_NOOP("AresResolver", "Invalid address for a name-info lookup")))
        return;
    if (flags & ~knownFlags)
        return finish(lookup, AresError::InvalidRequestError,
                      QCoreApplication::translate("AresResolver", "Unknown name-info flags 0x%1")
                              .arg(int(flags & ~knownFlags), 0, 16));
    const int protocols = int(flags.testFlag(AresNameInfo::DatagramService))
            + int(flags.testFlag(AresNameInfo::SctpService))
            + int(flags.testFlag(AresNameInfo::DccpService));
    if (protocols > 1)
        return finish(lookup, AresError::InvalidRequestError,
                      QCoreApplication::translate(
                              "AresResolver", "Name-info flags ask for more than one service protocol"));
    if ((flags & AresNameInfo::NumericHost) && (flags & AresNameInfo::NameRequired))
        return finish(lookup, AresError::InvalidRequestError,
                      QCoreApplication::translate(
                              "AresResolver",
                              "Name-info flags NumericHost and NameRequired exclude each other"));
    result.setServiceName(QAresPrivate::serviceName(port, serviceProtocol(flags),
                                                    flags & AresNameInfo::NumericService));
    if (flags & AresNameInfo::NumericHost) {
        // No network, as ares_getnameinfo() does it.
        result.setHostName(numericHost(address, flags));
        result.setNumericHost(true);
        return markFinished(lookup);
    }
    enqueue(lookup);
}

// On c-ares's stack: record only.
void AresResolverPrivate::nameInfoDone(Lookup *lookup, const ChannelResult &result)
{
    AresNameInfo &nameInfo = lookup->nameInfo();
    const AresNameInfo::Flags flags = nameInfo.flags();
    const AresError error = QAresPrivate::errorFromStatus(result.status, result.wireRcode);
    if (error == AresError::NoError) {
        nameInfo.setHostName(flags & AresNameInfo::IdnHostName
                                     ? QAresPrivate::hostNameFromAce(result.hostName)
                                     : result.hostName);
    } else if (error == AresError::NotFoundError && !(flags & AresNameInfo::NameRequired)) {
        // No name: the numeric form, as getnameinfo() gives it.
        nameInfo.setHostName(numericHost(*lookup->address, flags));
        nameInfo.setNumericHost(true);
    } else {
        // finish() clears the names, as for every failure.
        return finish(lookup, error,
                      QAresPrivate::errorStringFromStatus(result.status, result.wireRcode),
                      result.status);
    }
    nameInfo.setAresStatus(result.status);
    markFinished(lookup);
}
