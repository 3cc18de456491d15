#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures and builds QAres. Usage: scripts/build.sh BUILD_DIR [extra cmake args]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$1"; shift
cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DQARES_WARNINGS_AS_ERRORS=ON "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
