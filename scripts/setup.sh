#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what QAres needs to build, test and run its demo on Debian 12.
# Run as root (or with sudo). Installs only what is missing.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    libc-ares-dev qt6-base-dev qt6-base-dev-tools
    qt6-declarative-dev qt6-declarative-dev-tools
    qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-templates qml6-module-qtquick-window qml6-module-qttest
    qt6-qpa-plugins xvfb xauth
    knot bind9-dnsutils
    netbase  # /etc/services: service names of the name-info tests
    unbound openssl
    clang libclang-rt-dev valgrind
    doxygen qt6-documentation-tools
    qcoro-qt6-dev
    libnghttp2-dev
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "setup: installing ${missing[*]}"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "setup: all packages present"
fi
