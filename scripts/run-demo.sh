#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets everything up, builds, and runs the main job: the QML demo
# (examples/parallel-lookups) resolving many names in parallel against its
# embedded offline DNS servers (loopback only).
#
# With a display ($DISPLAY or $WAYLAND_DISPLAY) the window opens and the
# lookups start at once. Without one, the demo runs offscreen, prints its
# summary, writes a screenshot to build-demo/parallel-lookups.png and exits.
# It builds in its own folder, build-demo/ (or $QARES_DEMO_BUILD_DIR), apart
# from the test build in build/.
# Extra arguments go to the demo (see: parallel-lookups --help).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
build_dir="${QARES_DEMO_BUILD_DIR:-$here/build-demo}"
"$here/scripts/build.sh" "$build_dir" -DQARES_BUILD_TESTS=OFF -DQARES_BUILD_EXAMPLES=ON -DQARES_BUILD_QML=ON
app="$build_dir/examples/parallel-lookups/parallel-lookups"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$app" --autostart "$@"
fi
echo "No display: running the demo offscreen; screenshot in $build_dir/parallel-lookups.png"
exec "$app" --platform offscreen --autostart --quit-when-done \
    --screenshot "$build_dir/parallel-lookups.png" "$@"
