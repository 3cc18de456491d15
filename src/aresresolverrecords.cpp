// SPDX-License-Identifier: MIT
// Record queries (query(), search()) on the lookup machinery of aresresolver.cpp:
// the same queue, cap, deadline, cancellation and delivery as host lookups.
#include "answer/answerreader_p.h"
#include "areshostinfo_p.h"
#include "aresrecord_p.h"
#include "engine/resolver_p.h"
#include "cares/aresstatus_p.h"
#include "wire/dnswire_p.h"

#include <QtCore/qcoreapplication.h>

using QAresPrivate::ChannelResult;
using QAresPrivate::Lookup;
using QAresPrivate::RecordAccess;
using QAresPrivate::readRecordSet;
namespace Wire = QAresPrivate::Wire;

static bool isQueryType(quint16 type)
{
    // 0 is reserved; OPT is a pseudo-record; TKEY, TSIG, IXFR and AXFR are not plain queries.
    return type != 0 && type != Wire::Type::OPT && !(type >= 249 && type <= 252);
}

// The name is kept as given: admit() checks it (scheduler.cpp).
void AresResolverPrivate::setUpRecordQuery(Lookup *lookup, const QString &name,
                                           AresRecord::Type type)
{
    qRegisterMetaType<AresRecord>();
    qRegisterMetaType<AresRecordSet>();
    lookup->queryType = quint16(type);
    lookup->weight = 1;
    lookup->unicodeName = name; // until admit() checked it
    // lookup->recordSet() stays empty (shared, no allocation) until a reply
    // or an error fills it; recordSetOf() makes the question-only set then.
    if (m_destroying) {
        lookup->nameChecked = true; // not looked at
        return finish(lookup, AresError::ResolverDestroyedError,
                      QCoreApplication::translate(
                              "AresResolver", "Resolver destroyed before the lookup could start"));
    }
    if (!isQueryType(quint16(type))) {
        lookup->nameChecked = true; // not looked at
        return finish(lookup, AresError::InvalidRequestError,
                      QCoreApplication::translate("AresResolver", "Invalid record type %1 for a query")
                              .arg(int(type)));
    }
}

void AresResolverPrivate::startRecordQuery(Lookup *lookup, const QString &name,
                                           AresRecord::Type type)
{
    setUpRecordQuery(lookup, name, type);
    if (!lookup->finished)
        enqueue(lookup);
}

// On c-ares's stack: record only.
void AresResolverPrivate::recordQueryDone(Lookup *lookup, ChannelResult &&result)
{
    AresError error = QAresPrivate::errorOf(result);
    QString errorString;
    if (!result.answer.isEmpty()) {
        Wire::ParseResult parsed;
        AresRecordSet set = readRecordSet(result.answer, lookup->name, lookup->queryType,
                                                     lookup->unicodeName, &parsed);
        if (parsed.ok()) {
            lookup->recordSet() = std::move(set);
            lookup->recordsSet = true;
            if ((error == AresError::NoError && lookup->recordSet().records().isEmpty())
                || error == AresError::NoDataError) {
                error = AresError::NoDataError;
                errorString = QCoreApplication::translate("AresResolver", "No %1 records for \"%2\"")
                                      .arg(AresRecord::typeName(AresRecord::Type(lookup->queryType)),
                                           lookup->unicodeName);
                const QString canonical = lookup->recordSet().canonicalName();
                if (!canonical.isEmpty() && canonical.compare(lookup->unicodeName, Qt::CaseInsensitive) != 0)
                    errorString += QCoreApplication::translate(
                                           "AresResolver", " (nor for its canonical name \"%1\")")
                                           .arg(canonical);
            }
        } else if (error == AresError::NoError || error == AresError::NoDataError
                   || error == AresError::NotFoundError || error == AresError::InvalidReplyError) {
            error = AresError::InvalidReplyError;
            errorString = QCoreApplication::translate("AresResolver", "Invalid reply for \"%1\" (%2)")
                                  .arg(lookup->unicodeName, parsed.toString());
        }
    } else {
        if (result.wireRcode != 0)
            RecordAccess::setRcode(&recordSetOf(lookup), result.wireRcode);
        if (error == AresError::NoError) { // never report success without a reply
            error = AresError::InvalidReplyError;
            errorString = QCoreApplication::translate(
                    "AresResolver", "Invalid reply (c-ares reported success without one)");
        }
    }
    if (error != AresError::NoError && errorString.isEmpty())
        errorString = QAresPrivate::errorStringOf(result);
    // The error travels in the set itself (made from the question if the
    // reply gave none).
    RecordAccess::setError(&recordSetOf(lookup), error,
                           error == AresError::NoError ? QString() : errorString, result.status);
    markFinished(lookup);
}

// The lookup's record set, to fill in: the one read from the reply, or one
// made from the question (a failure without a usable reply).
AresRecordSet &AresResolverPrivate::recordSetOf(Lookup *lookup)
{
    if (!lookup->recordsSet) {
        lookup->recordSet() =
                RecordAccess::forQuestion(lookup->name, lookup->unicodeName, lookup->queryType);
        lookup->recordsSet = true;
    }
    return lookup->recordSet();
}

QFuture<AresRecordSet> AresResolverPrivate::recordQuery(Lookup::Kind kind, const QString &name,
                                                        AresRecord::Type type)
{
    return startWithFuture<AresRecordSet>(kind, [this, name, type](Lookup *lookup) {
        startRecordQuery(lookup, name, type);
    });
}

// ---------------------------------------------------------------------------

QFuture<AresRecordSet> AresResolver::query(const QString &name, AresRecord::Type type)
{
    return d->recordQuery(Lookup::Kind::Query, name, type);
}

QFuture<AresRecordSet> AresResolver::search(const QString &name, AresRecord::Type type)
{
    return d->recordQuery(Lookup::Kind::Search, name, type);
}

QFuture<AresRecordSet> AresResolver::queryNames(const QStringList &names, AresRecord::Type type)
{
    return d->startBatch<AresRecordSet>(Lookup::Kind::Query, names,
                                        [d = d.get(), type](Lookup *lookup, const QString &name) {
                                            d->setUpRecordQuery(lookup, name, type);
                                        });
}

AresReply *AresResolver::startQuery(const QString &name, AresRecord::Type type)
{
    return d->startWithReply(Lookup::Kind::Query,
                             [&](Lookup *lookup) { d->startRecordQuery(lookup, name, type); });
}

AresReply *AresResolver::startSearch(const QString &name, AresRecord::Type type)
{
    return d->startWithReply(Lookup::Kind::Search,
                             [&](Lookup *lookup) { d->startRecordQuery(lookup, name, type); });
}

int AresResolver::submitQuery(const QString &name, AresRecord::Type type)
{
    return d->submitToSignal(Lookup::Kind::Query, [&](Lookup *l) { d->startRecordQuery(l, name, type); });
}

int AresResolver::submitSearch(const QString &name, AresRecord::Type type)
{
    return d->submitToSignal(Lookup::Kind::Search, [&](Lookup *l) { d->startRecordQuery(l, name, type); });
}
