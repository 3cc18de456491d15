// SPDX-License-Identifier: MIT
// The guides' C++ fragments that run in a member function of a QObject with an
// AresResolver `resolver`: docs/check-snippets.cmake pastes each in place of the
// snippet line below and compiles it against the build tree's QAres, warnings as
// errors. Besides `this` and `resolver` they may name `names` (a QStringList),
// `m_pending` (their bookkeeping: id to name), `someId` and the slot lookedUp().
#include <QAres/QAres>

#include <QtCore/QDebug>
#include <QtCore/QFutureWatcher>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QStringList>
#include <QtNetwork/QHostAddress>

class Client : public QObject
{
public:
    void snippet();
    void lookedUp(const AresHostInfo &info);

    AresResolver resolver;
    QHash<int, QString> m_pending;
    QStringList names;
    int someId = 0;
};

void Client::snippet()
{
    // @snippet@
}
