#!/usr/bin/env bash
# Decodes every transfer-syntax variant of ../shared/peers (phantoms) and the real computed
# radiographs of pydicom-data with `radiograph render --raw`, and compares the stored values with
# the reference decoders (pydicom with pylibjpeg / pillow). Lossless: tolerance 0. Lossy JPEG
# (8/12-bit, IJG-based decoders differ): tolerance 2. Prints one line per file; exits 1 on failure.
#   bash Benchmarks/check-peers-decoders.sh
set -euo pipefail
cd "$(dirname "$0")/.."
peers=$(cd ../shared/peers 2>/dev/null && pwd) || { echo "no ../shared/peers beside the repository" >&2; exit 1; }
bash "$peers/setup.sh" >/dev/null
(cd "$peers" && .venv/bin/python make_phantoms.py >/dev/null && .venv/bin/python realdata.py >/dev/null)
swift build -c release --product radiograph 2>&1 | tail -1
cli="$(swift build -c release --show-bin-path)/radiograph"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$peers/.venv/bin/python" - "$cli" "$peers" "$work" <<'PY'
import pathlib, subprocess, sys
import cv2, numpy as np, pydicom
cli, peers, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
files = sorted((peers / "data/phantoms/variants").glob("*.dcm")) + sorted((peers / "data/real").glob("*.dcm"))
failed = 0
for f in files:
    ds = pydicom.dcmread(f)
    reference = ds.pixel_array
    out = work / (f.stem + ".png")
    r = subprocess.run([cli, "render", str(f), "--output", str(out), "--raw", "--overwrite"], capture_output=True, text=True)
    if r.returncode != 0:
        print(f"FAIL {f.name}: {r.stderr.strip()}"); failed += 1; continue
    ours = cv2.imread(str(out), cv2.IMREAD_UNCHANGED)
    if reference.dtype.kind == "i":
        ours = ours.astype(np.uint16).view(np.int16)
    diff = np.abs(ours.astype(np.int64) - reference.astype(np.int64))
    lossy = ds.file_meta.TransferSyntaxUID in ("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51")
    tolerance = 2 if lossy else 0
    ok = diff.max() <= tolerance
    failed += not ok
    print(f"{'ok  ' if ok else 'FAIL'} {f.name} ({ds.file_meta.TransferSyntaxUID.name}): max |diff| {diff.max()} "
          f"on {(diff > 0).sum()} px (tolerance {tolerance})")
print(f"{len(files) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
