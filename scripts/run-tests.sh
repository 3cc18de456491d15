#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets everything up, builds, and runs the whole test suite on both stacks:
# on this Debian 12 machine a normal build (g++), the API reference and an
# ASan+UBSan build (clang), then in a Debian 13 root (c-ares 1.34, Qt 6.8, g++ 14, and
# the API reference with Doxygen 1.9.8; see scripts/run-tests-debian13.sh). All DNS traffic stays on loopback: the
# tests start their own servers.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"
started=$SECONDS
stage() { echo "== $1 (at $((SECONDS - started)) s)"; }
"$here/scripts/setup.sh"

stage "build (g++) and test"
"$here/scripts/build.sh" "$here/build" -DQARES_BUILD_TESTS=ON -DQARES_BUILD_EXAMPLES=ON -DQARES_BUILD_QML=ON
ctest --test-dir "$here/build" --output-on-failure -j "$jobs"

stage "API reference (Doxygen: fails on an undocumented public symbol or a broken link)"
"$here/scripts/build-docs.sh" "$here/build-docs"

stage "build (clang, ASan+UBSan) and test"
CC=clang CXX=clang++ "$here/scripts/build.sh" "$here/build-asan" -DQARES_SANITIZE=ON -DQARES_BUILD_EXAMPLES=ON \
    -DQARES_BUILD_FUZZ=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$here/build-asan" --output-on-failure -j "$jobs" -LE install

stage "Debian 13: build (g++) and test"
"$here/scripts/run-tests-debian13.sh"
stage "all stages passed"
