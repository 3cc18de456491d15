// SPDX-License-Identifier: MIT
#ifndef ARESDIAGNOSTICS_H
#define ARESDIAGNOSTICS_H

#include "aresoptions.h"
#include "qaresglobal.h"

#include <QtCore/qmetatype.h>
#include <QtCore/qobjectdefs.h>
#include <QtCore/qshareddata.h>

#include <chrono>

/*!
    \file aresdiagnostics.h
    The AresDiagnostics class (also as <QAres/AresDiagnostics>).
*/

class AresDiagnosticsPrivate;

namespace QAresPrivate {
struct DiagnosticsAccess;
}

/*!
    How the resolver obtained one result: for now its timings, as the
    resolver measured them on the monotonic clock (the steady clock). An
    implicitly shared value type, cheap to copy, readable from QML; the
    results hand it out with AresHostInfo::diagnostics() and
    AresRecordSet::diagnostics().

    A lookup's life has two parts:
    - queuedTime(): from the call that started it (lookupHost(), query(),
      ...) until the resolver handed its query to c-ares, which it does when
      the query window (AresOptions::maxQueriesInFlight()) has room;
    - wireTime(): from that hand-over until c-ares called back with the
      answer or the error (every try, retry and server asked included).

    totalTime() is their sum: the lookup's own time, up to the moment its
    result was decided. None of them includes the delivery: the wait for the
    event loop to run the resolver's delivery pass, and the time that the
    receivers of the results delivered before it spent (a busy GUI thread
    renders there). Both parts are read when c-ares (or the resolver) is
    called from the event loop: a loop that is blocked also delays the
    reading of an answer that has arrived.

    A lookup that never reached c-ares (canceled or past its deadline while
    queued, or refused before it started) has wasSubmitted() false: its
    totalTime() is its queuedTime() and its wireTime() is zero. A lookup
    that ended while c-ares still had it (its deadline passed, it was
    canceled) counts its wire time up to that end.

    A default-constructed AresDiagnostics (results built by hand, and
    results of lookups that did not run) is not valid: isValid() is false
    and every time is zero.
*/
class QARES_EXPORT AresDiagnostics
{
    Q_GADGET
    Q_PROPERTY(bool valid READ isValid) //!< isValid()
    Q_PROPERTY(bool submitted READ wasSubmitted) //!< wasSubmitted()
    Q_PROPERTY(double queuedMs READ queuedMs) //!< queuedMs()
    Q_PROPERTY(double wireMs READ wireMs) //!< wireMs()
    Q_PROPERTY(double totalMs READ totalMs) //!< totalMs()
    Q_PROPERTY(AresServer::Transport transport READ transport) //!< transport()
    Q_PROPERTY(bool encrypted READ isEncrypted) //!< isEncrypted()
    Q_PROPERTY(bool fromCache READ fromCache) //!< fromCache()
    Q_PROPERTY(bool stale READ isStale) //!< isStale()
    Q_PROPERTY(bool coalesced READ isCoalesced) //!< isCoalesced()
public:
    /*! Invalid diagnostics: no timings (isValid() false). */
    AresDiagnostics();
    //! @{
    /*!
        Copies share the data (implicit sharing; diagnostics cannot be
        modified); moves and swap() exchange it without copying.
    */
    AresDiagnostics(const AresDiagnostics &other);
    AresDiagnostics(AresDiagnostics &&other) noexcept;
    AresDiagnostics &operator=(const AresDiagnostics &other);
    AresDiagnostics &operator=(AresDiagnostics &&other) noexcept;
    void swap(AresDiagnostics &other) noexcept { d.swap(other.d); }
    //! @}
    ~AresDiagnostics(); //!< Destroys it (and the shared data with its last copy).

    /*! true when the resolver measured this lookup (see the class documentation). */
    bool isValid() const;
    /*! true when the lookup's query was handed to c-ares. */
    bool wasSubmitted() const;

    /*! Time spent in the resolver's queue before the hand-over to c-ares. */
    std::chrono::microseconds queuedTime() const;
    /*! Time from the hand-over to c-ares until c-ares called back; zero if never handed over. */
    std::chrono::microseconds wireTime() const;
    /*! queuedTime() + wireTime(): from the start of the lookup until its result was decided. */
    std::chrono::microseconds totalTime() const;

    /*!
        true when the answer came from the resolver's cache (docs/caching.md)
        instead of a server: no query was sent for it. Its TTLs are what is
        left of the cached ones.
    */
    bool fromCache() const;
    /*!
        true when the answer came from the cache after it had expired,
        because every server failed or timed out (serve-stale, RFC 8767,
        AresOptions::staleAnswerLimit()); its TTLs are then 30 s.
    */
    bool isStale() const;
    /*!
        true when an identical lookup was in flight already and this one
        shared its query and its result (no query of its own was sent).
    */
    bool isCoalesced() const;

    /*! queuedTime() in milliseconds (with the microseconds as fraction), for QML. */
    double queuedMs() const;
    /*! wireTime() in milliseconds (with the microseconds as fraction), for QML. */
    double wireMs() const;
    /*! totalTime() in milliseconds (with the microseconds as fraction), for QML. */
    double totalMs() const;

    /*!
        The transport of the servers the lookup's queries went to: Plain, Tls
        (DNS over TLS) or Https (DNS over HTTPS). A lookup that was never
        handed to c-ares (wasSubmitted() false), and answers c-ares found
        without a server (the hosts file, IP literals), say Plain only if
        the resolver's servers are plain: the transport is the resolver's,
        not proof that a message crossed the network.
    */
    AresServer::Transport transport() const;
    /*!
        \c true when transport() is Tls or Https and the lookup succeeded:
        its answer came over a connection whose TLS handshake, certificate
        and pins (if any) were checked (the strict profile allows no other).
        \c false for failed lookups and plain DNS.
    */
    bool isEncrypted() const;

private:
    friend struct QAresPrivate::DiagnosticsAccess;
    QSharedDataPointer<AresDiagnosticsPrivate> d;
};
Q_DECLARE_SHARED(AresDiagnostics)
Q_DECLARE_METATYPE(AresDiagnostics)

#ifndef QT_NO_DEBUG_STREAM
/*!
    Writes \a diagnostics to \a debug on one line, times in milliseconds:
    `AresDiagnostics(queued 0.012 ms, wire 20.341 ms, total 20.353 ms)`,
    `AresDiagnostics(not submitted, queued 3.200 ms)` or
    `AresDiagnostics(invalid)`.
*/
QARES_EXPORT QDebug operator<<(QDebug debug, const AresDiagnostics &diagnostics);
#endif

#endif // ARESDIAGNOSTICS_H
