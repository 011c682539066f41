#!/usr/bin/env bash
# grader/scripts/install-deps.sh -- installs the system packages the kit needs.
#
# Installs only what is missing, with sudo when not root. Swift itself is
# not a Debian package: if swiftc is missing, say so and stop.
#
#   qemu-system-x86   qemu-system-i386, which boots every test
#   libxml2-dev       the JUnit report writer links libxml2
#   libxml2-utils     xmllint, used by the tests to validate reports
#   binutils          objdump, which the tests use to prove the image has no SSE
#   gdb, tar, gzip, git: debugging and submissions (usually present)
set -euo pipefail

packages=(qemu-system-x86 libxml2-dev libxml2-utils binutils gdb tar gzip git make pkg-config)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} > 0)); then
    echo "installing: ${missing[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "error: not root and no sudo: install ${missing[*]} by hand"; exit 1; }
        sudo="sudo"
    fi
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
    echo "system packages: all present"
fi

if ! command -v swiftc >/dev/null; then
    echo "error: swiftc not found: install the Swift 6.3 toolchain (swift.org) and put it on PATH"
    exit 1
fi
