// SPDX-License-Identifier: MIT
#include "aresdiagnostics.h"
#include "aresdiagnostics_p.h"
#include "aressharedempty_p.h"

#include <QtCore/qdebug.h>

using QAresPrivate::sharedEmpty;

AresDiagnostics::AresDiagnostics() : d(sharedEmpty<AresDiagnosticsPrivate>()) { }
AresDiagnostics::AresDiagnostics(const AresDiagnostics &other) = default;
AresDiagnostics::AresDiagnostics(AresDiagnostics &&other) noexcept = default;
AresDiagnostics &AresDiagnostics::operator=(const AresDiagnostics &other) = default;
AresDiagnostics &AresDiagnostics::operator=(AresDiagnostics &&other) noexcept = default;
AresDiagnostics::~AresDiagnostics() = default;

namespace QAresPrivate {

AresDiagnostics DiagnosticsAccess::make(quint32 queuedUs, quint32 wireUs, quint8 transport,
                                        quint8 cacheState)
{
    AresDiagnostics diagnostics;
    if (queuedUs == NotMeasured)
        return diagnostics;
    auto *d = new AresDiagnosticsPrivate;
    d->valid = true;
    d->queuedUs = queuedUs;
    d->submitted = wireUs != NotSubmitted;
    d->wireUs = d->submitted ? wireUs : 0;
    d->transport = transport;
    d->cacheState = cacheState;
    diagnostics.d.reset(d);
    return diagnostics;
}

} // namespace QAresPrivate

AresServer::Transport AresDiagnostics::transport() const
{
    return AresServer::Transport(d->transport & ~QAresPrivate::DiagnosticsAccess::AuthenticatedBit);
}

bool AresDiagnostics::isEncrypted() const
{
    return (d->transport & QAresPrivate::DiagnosticsAccess::AuthenticatedBit) != 0;
}

bool AresDiagnostics::isValid() const
{
    return d->valid;
}
bool AresDiagnostics::wasSubmitted() const
{
    return d->submitted;
}

std::chrono::microseconds AresDiagnostics::queuedTime() const
{
    return std::chrono::microseconds(d->queuedUs);
}

std::chrono::microseconds AresDiagnostics::wireTime() const
{
    return std::chrono::microseconds(d->wireUs);
}

std::chrono::microseconds AresDiagnostics::totalTime() const
{
    return std::chrono::microseconds(qint64(d->queuedUs) + qint64(d->wireUs));
}

bool AresDiagnostics::fromCache() const
{
    return d->cacheState & QAresPrivate::DiagnosticsAccess::FromCache;
}
bool AresDiagnostics::isStale() const
{
    return d->cacheState & QAresPrivate::DiagnosticsAccess::Stale;
}
bool AresDiagnostics::isCoalesced() const
{
    return d->cacheState & QAresPrivate::DiagnosticsAccess::Coalesced;
}

double AresDiagnostics::queuedMs() const
{
    return double(d->queuedUs) / 1000.0;
}
double AresDiagnostics::wireMs() const
{
    return double(d->wireUs) / 1000.0;
}
double AresDiagnostics::totalMs() const
{
    return (double(d->queuedUs) + double(d->wireUs)) / 1000.0;
}

#ifndef QT_NO_DEBUG_STREAM
QDebug operator<<(QDebug debug, const AresDiagnostics &diagnostics)
{
    const QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "AresDiagnostics(";
    if (!diagnostics.isValid()) {
        debug << "invalid)";
        return debug;
    }
    const auto ms = [](double value) { return QString::number(value, 'f', 3); };
    if (!diagnostics.wasSubmitted()) {
        debug << "not submitted, queued " << ms(diagnostics.queuedMs()) << " ms)";
        return debug;
    }
    debug << "queued " << ms(diagnostics.queuedMs()) << " ms, wire " << ms(diagnostics.wireMs())
          << " ms, total " << ms(diagnostics.totalMs()) << " ms";
    if (diagnostics.fromCache())
        debug << (diagnostics.isStale() ? ", from cache (stale)" : ", from cache");
    if (diagnostics.isCoalesced())
        debug << ", coalesced";
    debug << ')';
    return debug;
}
#endif

#include "moc_aresdiagnostics.cpp"
