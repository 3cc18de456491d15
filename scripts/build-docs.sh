#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the API reference (HTML and QAres.qch) into BUILD_DIR and lists where
# it landed. Fails on any warning: of CMake, of Doxygen (an undocumented public
# symbol, a reference that does not resolve), of the checks of docs/ (an enum
# value without documentation, a broken link, a QML property without a
# comment) and of qhelpgenerator. The QML module is configured too: the page of
# its types is made from its qares.qmltypes (qmltyperegistrar; moc and the
# registrar run, the plugin is not built).
# Needs doxygen and qt6-documentation-tools (scripts/setup.sh installs them).
# Usage: scripts/build-docs.sh BUILD_DIR [extra cmake args]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 1 ]; then
    echo "usage: $0 BUILD_DIR [extra cmake args]" >&2
    exit 2
fi
build_dir="$1"; shift
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

if ! cmake -S "$here" -B "$build_dir" -G Ninja -DQARES_BUILD_DOCS=ON \
    -DQARES_BUILD_TESTS=OFF -DQARES_BUILD_EXAMPLES=OFF -DQARES_BUILD_QML=ON "$@" >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
if grep -q "CMake Warning" "$log"; then
    cat "$log" >&2
    echo "build-docs.sh: CMake warned while configuring $build_dir" >&2
    exit 1
fi

if ! cmake --build "$build_dir" --target docs >"$log" 2>&1; then
    cat "$log" >&2
    echo "build-docs.sh: the API reference did not build" >&2
    exit 1
fi
cat "$log"
if grep -qiE "warning:|error:|cmake warning|cmake error" "$log"; then
    echo "build-docs.sh: the API reference built with warnings" >&2
    exit 1
fi

html="$(cd "$build_dir" && pwd)/docs/html/index.html"
qch="$(cd "$build_dir" && pwd)/docs/QAres.qch"
for f in "$html" "$qch"; do
    if [ ! -s "$f" ]; then
        echo "build-docs.sh: $f is missing" >&2
        exit 1
    fi
done
echo "HTML: $html"
echo "Qt Help: $qch"
