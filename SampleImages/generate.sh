#!/usr/bin/env bash
# Regenerates SampleImages/*.dcm: pinned venv, deterministic pixels, DCMTK compression.
#   bash SampleImages/generate.sh
set -euo pipefail
cd "$(dirname "$0")"
bash ../scripts/setup.sh >/dev/null
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.venv/bin/python make_samples.py "$work"
dcmcjpls +el "$work/io_periapical.dcm" io_periapical.dcm            # JPEG-LS lossless
dcmcjpeg +e1 "$work/px_panoramic.dcm" px_panoramic.dcm               # JPEG lossless SV1
dcmcjpeg +e1 "$work/io_bitewing_mono1.dcm" io_bitewing_mono1.dcm     # JPEG lossless SV1
dcmcjpls +el "$work/io_for_processing.dcm" io_for_processing.dcm    # JPEG-LS lossless
# Checksums of the uncompressed (pixel-exact) files: the generator is deterministic.
(cd "$work" && sha256sum *.dcm) > SHA256SUMS.uncompressed
for f in *.dcm; do if dciodvfy "$f" 2>&1 | grep -q "^Error"; then echo "dciodvfy: errors in $f" >&2; exit 1; fi; done
ls -la *.dcm
