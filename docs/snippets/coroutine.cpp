// SPDX-License-Identifier: MIT
// The guides' C++20 coroutines with QCoro, at namespace scope, as members of
// Mailer: docs/check-snippets.cmake pastes each in place of the snippet line
// below and compiles it against the build tree's QAres and QCoro, warnings as
// errors (only when the build found QCoro, as examples/coroutines).
// snippet-std: c++20
// snippet-needs: QCoro
#include <QAres/QAres>

#include <QCoroTask>
#include <QtCore/QDebug>
#include <QtCore/QObject>

class Mailer : public QObject
{
public:
    QCoro::Task<> send(QString domain);

    AresResolver *m_resolver = nullptr;
};

// @snippet@
