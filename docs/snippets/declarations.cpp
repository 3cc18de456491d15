// SPDX-License-Identifier: MIT
// The guides' lists of member declarations (an API at a glance):
// docs/check-snippets.cmake pastes each into the class below and compiles it
// against the build tree's QAres, warnings as errors, so every type and default
// they name exists. An #include in the list is already done here, and so empty.
#include <QAres/QAres>

class Declarations
{
public:
    // @snippet@
};
