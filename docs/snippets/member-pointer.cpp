// SPDX-License-Identifier: MIT
// The guides' C++ fragments that run in a member function of a QObject holding an
// `AresResolver *resolver`: docs/check-snippets.cmake pastes each in place of the
// snippet line below and compiles it against the build tree's QAres, warnings as
// errors. Besides `this` and `resolver` they may call connectTo(host, port).
#include <QAres/QAres>

#include <QtCore/QDebug>
#include <QtCore/QObject>

#include <chrono>

class Client : public QObject
{
public:
    void snippet();
    void connectTo(const QString &host, quint16 port);

    AresResolver *resolver = nullptr;
};

void Client::snippet()
{
    // @snippet@
}
