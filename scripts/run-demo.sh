#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets everything up, builds, and runs the main job: the QML demo
# (examples/parallel-lookups) resolving many names in parallel against its
# embedded offline DNS servers (loopback only).
#
# With a display ($DISPLAY or $WAYLAND_DISPLAY) the window opens and the
# lookups start at once. Without one, the demo runs offscreen, prints its
# summary, writes a screenshot to build/parallel-lookups.png and exits.
# Extra arguments go to the demo (see: parallel-lookups --help).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$here/scripts/setup.sh"
"$here/scripts/build.sh" "$here/build" -DQARES_BUILD_TESTS=OFF -DQARES_BUILD_EXAMPLES=ON -DQARES_BUILD_QML=ON
app="$here/build/examples/parallel-lookups/parallel-lookups"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$app" --autostart "$@"
fi
echo "No display: running the demo offscreen; screenshot in build/parallel-lookups.png"
exec "$app" --platform offscreen --autostart --quit-when-done \
    --screenshot "$here/build/parallel-lookups.png" "$@"
