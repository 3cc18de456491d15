#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Runs the whole test suite on Debian 13 (c-ares 1.34, Qt 6.8, g++ 14) in a
# root made with debootstrap from Debian's own packages: scripts/setup.sh
# inside it, then the g++ build with -Werror, all of ctest, and the API reference
# (scripts/build-docs.sh: Doxygen 1.9.8, Qt 6.8's qhelpgenerator). Run as root on
# Debian 12 (or any Debian with debootstrap); loopback is shared with the
# root, so the tests' servers work as on the machine itself.
#
# The root is kept between runs in QARES_DEBIAN13_ROOT (default
# /var/cache/qares/debian13, outside the checkout) and made again when it is
# missing or when scripts/setup.sh (the package list) changed. The build
# directory inside it is made afresh every run. Every mount is undone on
# every exit, failures and signals included.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="${QARES_DEBIAN13_ROOT:-/var/cache/qares/debian13}"
suite=trixie
stamp_file="$root/.qares-root-stamp"

if [ "$(id -u)" != 0 ]; then
    echo "run-tests-debian13: needs root (debootstrap, chroot, mounts)" >&2
    exit 2
fi

# The machine's own Debian mirror (deb822 or one-line sources), suite trixie.
mirror() {
    local uri=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        uri="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)"
    fi
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri="$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; ++i) if ($i ~ /^https?:/) { print $i; exit } }' \
            /etc/apt/sources.list)"
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

mounted=()
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; --i)); do
        umount "${mounted[i]}" 2>/dev/null || umount -l "${mounted[i]}" 2>/dev/null || true
    done
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mount_in_root() { # mount_in_root TARGET MOUNT-ARGS...
    local target="$1"; shift
    mkdir -p "$target"
    mount "$@" "$target"
    mounted+=("$target")
}

# A run killed with SIGKILL could not unmount: undo what it left, deepest first.
mounted_under_root() { findmnt -rn -o TARGET | grep "^$root/" | sort -r || true; }
unmount_stale() {
    local target
    for target in $(mounted_under_root); do
        umount "$target" 2>/dev/null || umount -l "$target"
    done
    if [ -n "$(mounted_under_root)" ]; then
        echo "run-tests-debian13: cannot unmount what is mounted under $root" >&2
        exit 1
    fi
}

started=$SECONDS
unmount_stale
stamp="$suite $(sha256sum "$here/scripts/setup.sh" | cut -d' ' -f1)"
if [ ! -f "$stamp_file" ] || [ "$(cat "$stamp_file")" != "$stamp" ]; then
    if ! command -v debootstrap >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    fi
    echo "== debian13: making the root in $root ($suite from $(mirror))"
    rm -rf "$root" "$root.new"
    mkdir -p "$(dirname "$root")"
    debootstrap --variant=minbase "$suite" "$root.new" "$(mirror)" >"$root.new.log" 2>&1 \
        || { tail -n 20 "$root.new.log" >&2; exit 1; }
    rm -f "$root.new.log"
    mv "$root.new" "$root"
    fresh=1
else
    echo "== debian13: reusing the root in $root"
    fresh=0
fi

cp /etc/resolv.conf "$root/etc/resolv.conf" # apt's name lookups inside the root
mount_in_root "$root/proc" -t proc proc
mount_in_root "$root/dev/pts" --bind /dev/pts # pseudo-terminals (a test runs under script(1))
mount_in_root "$root/src" --bind "$here"
mount -o remount,bind,ro "$root/src"

echo "== debian13: setup"
chroot "$root" bash /src/scripts/setup.sh
[ "$fresh" = 1 ] && echo "$stamp" >"$stamp_file"
echo "== debian13: root ready after $((SECONDS - started)) s"
chroot "$root" sh -c 'dpkg-query -W -f "\${Package} \${Version}\n" libc-ares-dev qt6-base-dev g++ cmake'

build_started=$SECONDS
echo "== debian13: build (g++, -Werror)"
rm -rf "$root/var/tmp/qares-build"
chroot "$root" env -C /src scripts/build.sh /var/tmp/qares-build \
    -DQARES_BUILD_TESTS=ON -DQARES_BUILD_EXAMPLES=ON -DQARES_BUILD_QML=ON
echo "== debian13: built in $((SECONDS - build_started)) s; test"
test_started=$SECONDS
chroot "$root" ctest --test-dir /var/tmp/qares-build --output-on-failure -j "$(nproc)"
echo "== debian13: tested in $((SECONDS - test_started)) s; API reference"
docs_started=$SECONDS
# Doxygen 1.9.8 and Qt 6.8's qhelpgenerator: the same script, failing on any warning.
rm -rf "$root/var/tmp/qares-docs"
chroot "$root" env -C /src scripts/build-docs.sh /var/tmp/qares-docs
echo "== debian13: API reference in $((SECONDS - docs_started)) s; stage took $((SECONDS - started)) s"
