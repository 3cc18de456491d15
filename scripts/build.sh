#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures and builds QAres with -Werror; a CMake warning fails the build too.
# Usage: scripts/build.sh BUILD_DIR [extra cmake args]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$1"; shift
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DQARES_WARNINGS_AS_ERRORS=ON "$@" >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
if grep -q "CMake Warning" "$log"; then
    cat "$log" >&2
    echo "build.sh: CMake warned while configuring $build_dir" >&2
    exit 1
fi
cmake --build "$build_dir" --parallel "$(nproc)"
