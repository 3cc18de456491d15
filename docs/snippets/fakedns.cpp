// SPDX-License-Identifier: MIT
// The guides' C++ fragments of a Qt Test function with the fake DNS server:
// docs/check-snippets.cmake pastes each in place of the snippet line below and
// compiles it against the build tree's QAres, FakeDnsServer and Qt Test,
// warnings as errors.
// snippet-needs: FakeDnsServer
#include <QAres/QAres>

#include "fakednsserver.h"

#include <QtTest/QTest>

#include <chrono>

using namespace std::chrono_literals;

void snippet()
{
    // @snippet@
}
