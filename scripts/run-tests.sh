#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets everything up, builds, and runs the whole test suite twice: a normal
# build (g++) and an ASan+UBSan build (clang). All DNS traffic stays on
# loopback: the tests start their own servers.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="$(nproc)"
"$here/scripts/setup.sh"

echo "== build (g++) and test"
"$here/scripts/build.sh" "$here/build" -DQARES_BUILD_TESTS=ON -DQARES_BUILD_EXAMPLES=ON -DQARES_BUILD_QML=ON
ctest --test-dir "$here/build" --output-on-failure -j "$jobs"

echo "== build (clang, ASan+UBSan) and test"
CC=clang CXX=clang++ "$here/scripts/build.sh" "$here/build-asan" -DQARES_SANITIZE=ON -DQARES_BUILD_EXAMPLES=ON \
    -DQARES_BUILD_FUZZ=ON
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir "$here/build-asan" --output-on-failure -j "$jobs" -LE install
