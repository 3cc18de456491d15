// SPDX-License-Identifier: MIT
// The guides' C++ fragments that program an AresTestServer (QAres::Test):
// docs/check-snippets.cmake pastes each in place of the snippet line below and
// compiles it against the build tree's QAres, QAres::Test and Qt Test,
// warnings as errors.
// snippet-needs: AresTest
#include <QAres/AresTestServer>
#include <QAres/QAres>

#include <QtTest/QTest>

#include <chrono>

using namespace std::chrono_literals;
using namespace Qt::StringLiterals;

void snippet()
{
    AresTestServer server;
    // @snippet@
}
