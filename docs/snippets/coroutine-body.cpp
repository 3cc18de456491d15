// SPDX-License-Identifier: MIT
// The guides' lines of a C++20 coroutine with QCoro, holding an
// `AresResolver *resolver`: docs/check-snippets.cmake pastes each in place of the
// snippet line below and compiles it against the build tree's QAres and QCoro,
// warnings as errors (only when the build found QCoro, as examples/coroutines).
// snippet-std: c++20
// snippet-needs: QCoro
#include <QAres/QAres>

#include <QCoroFuture>
#include <QCoroTask>

QCoro::Task<> snippet(AresResolver *resolver)
{
    // @snippet@
    co_return;
}
