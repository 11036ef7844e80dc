#!/usr/bin/env bash
# Regenerates SampleImages/*.dcm: pinned venv, deterministic pixels, DCMTK lossless compression,
# dciodvfy check, checksums.
#   bash SampleImages/generate.sh           # regenerate, compress, validate, rewrite the checksums
#   bash SampleImages/generate.sh --check   # regenerate into a temporary folder and compare with
#                                           # the committed PIXELS.sha256 and SHA256SUMS
set -euo pipefail
cd "$(dirname "$0")"
check=0
[ "${1:-}" = "--check" ] && check=1

# Tools: DCMTK (compression) and dicom3tools (dciodvfy), installed only when missing.
need=()
command -v dcmcjpls >/dev/null || need+=(dcmtk)
command -v dciodvfy >/dev/null || need+=(dicom3tools)
python3 -c "import ensurepip" 2>/dev/null || need+=(python3-venv)
if ((${#need[@]})); then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
    $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
# Python 3.11 with the pinned numpy and pydicom (the pixels depend on numpy's generator and FFT).
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python generate.py "$work/raw"
mkdir -p "$work/out"
dcmcjpls +el "$work/raw/io_periapical.dcm"     "$work/out/io_periapical.dcm"      # JPEG-LS lossless
dcmcjpeg +e1 "$work/raw/px_panoramic.dcm"      "$work/out/px_panoramic.dcm"       # JPEG lossless SV1
dcmcrle      "$work/raw/io_bitewing_mono1.dcm" "$work/out/io_bitewing_mono1.dcm"  # RLE lossless
dcmcjpls +el "$work/raw/io_for_processing.dcm" "$work/out/io_for_processing.dcm"  # JPEG-LS lossless

status=0
for f in "$work"/out/*.dcm; do
    if dciodvfy "$f" 2>&1 | grep -q "^Error"; then
        echo "dciodvfy: errors in $(basename "$f")" >&2; dciodvfy "$f" 2>&1 | grep "^Error" >&2; status=1
    fi
done
(cd "$work/out" && sha256sum io_periapical.dcm px_panoramic.dcm io_bitewing_mono1.dcm io_for_processing.dcm) > "$work/SHA256SUMS"

if ((check)); then
    if diff <(sort -k2 "$work/raw/pixels.sha256") <(sort -k2 PIXELS.sha256); then
        echo "pixels: identical to PIXELS.sha256"
    else
        echo "pixels: DIFFERENT from PIXELS.sha256" >&2; status=1
    fi
    if diff "$work/SHA256SUMS" SHA256SUMS; then
        echo "files: identical to SHA256SUMS"
    else
        echo "files: differ from SHA256SUMS (expected with another DCMTK version; the pixels decide)" >&2
    fi
    exit $status
fi
((status == 0)) || exit $status
cp "$work"/out/*.dcm .
cp "$work/raw/pixels.sha256" PIXELS.sha256
cp "$work/SHA256SUMS" SHA256SUMS
ls -l *.dcm
