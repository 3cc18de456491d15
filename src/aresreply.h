// SPDX-License-Identifier: MIT
#ifndef ARESREPLY_H
#define ARESREPLY_H

#include "areshostinfo.h"
#include "aresrecord.h"

#include <QtCore/qobject.h>

#include <memory>

class AresResolver;
class AresReplyPrivate;

/*!
    One lookup, as an object with signals, in the manner of QNetworkReply.
    Created by AresResolver::startHostLookup(),
    AresResolver::startAddressLookup(), AresResolver::startQuery() and
    AresResolver::startSearch(). The resolver owns it: a reply still
    alive when the resolver is destroyed is deleted with it (after its
    finished()). It is not a QObject child of the resolver (parent() is null
    unless you set one), because removing one of 50,000 children from a
    QObject's children list costs O(children); deleting the reply yourself,
    or giving it a parent that deletes it first, is fine.

    finished() is emitted exactly once, from the event loop of the resolver's
    thread — never from inside the start call, so a connection made right
    after the start call always sees it. It is emitted for every outcome:
    an answer, an error, abort(), the deadline, or the resolver being
    destroyed (then just before the reply itself is deleted with it).

    In a slot connected to finished() it is safe to read hostInfo(), to
    delete the reply (prefer deleteLater()), to start new lookups, to abort
    others, to change the resolver's options and to delete the resolver.

    Deleting a reply that has not finished aborts its lookup.
*/
class QARES_EXPORT AresReply : public QObject
{
    Q_OBJECT
    Q_PROPERTY(bool finished READ isFinished NOTIFY finished)
    Q_PROPERTY(AresHostInfo hostInfo READ hostInfo NOTIFY finished)
    Q_PROPERTY(AresRecordSet recordSet READ recordSet NOTIFY finished)
    Q_PROPERTY(QAres::Error error READ error NOTIFY finished)
    Q_PROPERTY(QString errorString READ errorString NOTIFY finished)
public:
    ~AresReply() override;

    bool isFinished() const;
    /*! The result; an empty AresHostInfo until finished() was emitted. */
    AresHostInfo hostInfo() const;
    /*!
        The result of a record query (AresResolver::startQuery(),
        startSearch()); an empty AresRecordSet for host lookups and until
        finished() was emitted. error() and errorString() apply to both kinds.
    */
    AresRecordSet recordSet() const;
    AresError error() const;
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
    void finished();

private:
    friend class AresResolverPrivate;
    explicit AresReply(AresResolver *resolver, int id);
    std::unique_ptr<AresReplyPrivate> d;
};

#endif // ARESREPLY_H
