#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets everything up, builds, and runs the main job: resolving names in
# parallel against the embedded offline DNS server (loopback only).
# Extra arguments go to qares-resolve (e.g. --server 127.0.0.1:5353 NAMES...).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
"$here/scripts/build.sh" "$here/build" -DQARES_BUILD_TESTS=OFF
if [ $# -eq 0 ]; then set -- --local; fi
exec "$here/build/examples/resolve/qares-resolve" "$@"
