// SPDX-License-Identifier: MIT
#ifndef ARESREPLY_H
#define ARESREPLY_H

#include "areshostinfo.h"
#include "aresnameinfo.h"
#include "aresrecord.h"

#include <QtCore/qobject.h>

#include <memory>

/*!
    \file aresreply.h
    The AresReply class (also as <QAres/AresReply>).
*/

class AresResolver;
class AresReplyPrivate;

/*!
    One lookup, as an object with signals, in the manner of QNetworkReply.
    Created by AresResolver::startHostLookup(),
    AresResolver::startAddressLookup(), AresResolver::startQuery(),
    AresResolver::startSearch() and AresResolver::startNameInfoLookup(), in
    the resolver's thread.

    The resolver owns it: a reply still alive when the resolver is destroyed
    is deleted with it, after its finished(). It is not a QObject child of
    the resolver (parent() is null unless you set one), because removing one
    of many children from a QObject's children list costs O(children).
    Delete it yourself (deleteLater() in the slot) once you are done with
    it, or replies pile up until the resolver goes; giving it a parent that
    deletes it is fine too. Deleting a reply that has not finished aborts its
    lookup, and finished() is then not emitted.

    Host and reverse lookups report through hostInfo(), record queries
    through recordSet(), name-info lookups through nameInfo(); error() and
    errorString() work for all. The
    properties (for QML) read the accessors named and change once, notified
    by finished().
*/
class QARES_EXPORT AresReply : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool finished READ isFinished NOTIFY finished) //!< isFinished()
    Q_PROPERTY(AresHostInfo hostInfo READ hostInfo NOTIFY finished) //!< hostInfo()
    Q_PROPERTY(AresRecordSet recordSet READ recordSet NOTIFY finished) //!< recordSet()
    Q_PROPERTY(AresNameInfo nameInfo READ nameInfo NOTIFY finished) //!< nameInfo()
    Q_PROPERTY(QAres::Error error READ error NOTIFY finished) //!< error()
    Q_PROPERTY(QString errorString READ errorString NOTIFY finished) //!< errorString()
public:
    /*!
        Aborts the lookup if it has not finished (finished() is then not
        emitted) and leaves the resolver's list of replies. In a slot
        connected to finished(), prefer deleteLater().
    */
    ~AresReply() override;

    /*! \c true once the lookup has finished: from the emission of finished() on. */
    bool isFinished() const;
    /*!
        The result of a host or reverse lookup; an empty AresHostInfo until
        finished() was emitted. For a record query it holds only the name,
        error() and errorString(): read recordSet().
    */
    AresHostInfo hostInfo() const;
    /*!
        The result of a record query (AresResolver::startQuery(),
        startSearch()); an empty AresRecordSet for host lookups and until
        finished() was emitted. error() and errorString() apply to both kinds.
    */
    AresRecordSet recordSet() const;
    /*!
        The result of a name-info lookup (AresResolver::startNameInfoLookup());
        an empty AresNameInfo for the other kinds and until finished() was
        emitted. hostInfo() then holds the address asked for and the error.
    */
    AresNameInfo nameInfo() const;
    /*! Why the lookup failed, for every kind; NoError on success and until finished(). */
    AresError error() const;
    /*! The failure in words (AresHostInfo::errorString()); empty on success, until finished(). */
    QString errorString() const;
    /*! The lookup's id, the same as AresHostInfo::lookupId(). */
    int lookupId() const;

public Q_SLOTS:
    /*!
        Finishes the lookup with OperationCancelledError (finished() follows
        from the event loop); a late answer is dropped. No-op once finished.
    */
    void abort();

Q_SIGNALS:
    /*!
        Emitted exactly once, for every outcome: an answer, an error,
        abort(), AresResolver::abortAll(), the deadline, or the resolver
        being destroyed (ResolverDestroyedError). It is emitted from the
        event loop of the resolver's thread (or, for ResolverDestroyedError,
        from the resolver's destructor), never from inside the start call (a
        connection made right after it always sees the signal) and never
        while c-ares is running. When it is emitted, isFinished() is
        \c true and the results are readable.

        In a slot it is safe to read the results, delete the reply (prefer
        deleteLater()), start new lookups, abort others, call
        AresResolver::setOptions() and delete the resolver. The exception is
        ResolverDestroyedError: then the signal comes from inside the
        resolver's destructor, which deletes the reply afterwards; do not
        delete the resolver there. Lookups started from such a slot finish
        with ResolverDestroyedError before the destructor returns.
    */
    void finished();

private:
    friend class AresResolverPrivate;
    explicit AresReply(AresResolver *resolver, int id);
    std::unique_ptr<AresReplyPrivate> d;
};

#endif // ARESREPLY_H
