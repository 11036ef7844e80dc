#!/usr/bin/env bash
# Installs, only when missing, every Debian package Radiograph needs to build, test and run.
# Safe to run any number of times; it runs `apt-get update` only when something must be installed.
#   bash scripts/setup.sh
set -euo pipefail

# Build: DCMTK (C++ shim), libpng/libjpeg/libtiff (codec shim), OpenJPEG, SQLite, FreeType (text shim), pkg-config.
# Run: DejaVu fonts (annotation text; Font.dejaVuSans reads /usr/share/fonts/truetype/dejavu).
# Test: dcmtk (dcmj2pnm is the windowing reference), dicom3tools (dciodvfy validates what we write).
PACKAGES=(
    pkg-config
    libdcmtk-dev dcmtk
    libpng-dev libjpeg-dev libtiff-dev libopenjp2-7-dev zlib1g-dev
    libsqlite3-dev
    libfreetype-dev fonts-dejavu-core
    dicom3tools libopenjp2-tools
)

missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
    echo "setup: all ${#PACKAGES[@]} Debian packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    SUDO=sudo
fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
