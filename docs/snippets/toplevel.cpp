// SPDX-License-Identifier: MIT
// The guides' C++ fragments that stand at the top of a source file (includes,
// declarations): docs/check-snippets.cmake pastes each in place of the snippet
// line below and compiles it against the build tree's QAres, warnings as errors.
// @snippet@
