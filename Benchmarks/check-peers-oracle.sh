#!/usr/bin/env bash
# Renders every window case of ../shared/peers (29 dcmj2pnm references in peers/out/ref/window/)
# with `radiograph render --window C,W` and compares every pixel. Prints one line per case and
# exits 1 on any difference. The fractional-rescale case is run twice: with the standard's exact
# arithmetic (expected to differ by at most 1, as documented) and with --dcmtk-rescale (exact).
#   bash Benchmarks/check-peers-oracle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
peers=$(cd ../shared/peers 2>/dev/null && pwd) || { echo "no ../shared/peers beside the repository" >&2; exit 1; }
[ -d "$peers/out/ref/window" ] || (cd "$peers" && bash setup.sh >/dev/null && bash run.sh --only oracle >/dev/null)
swift build -c release --product radiograph 2>&1 | tail -1
cli="$(swift build -c release --show-bin-path)/radiograph"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$peers/.venv/bin/python" - "$cli" "$peers" "$work" <<'PY'
import pathlib, subprocess, sys
import cv2
cli, peers, work = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
failed = 0
cases = sorted((peers / "out/ref/window").glob("*.png"))
for ref in cases:
    stem, rest = ref.stem.split("__")
    _, c, w = rest.split("_")
    c, w = c[1:], w[1:]
    src = next(p for p in [peers / f"data/phantoms/{stem}.dcm", peers / f"data/phantoms/oracle/{stem}.dcm",
                           peers / f"data/real/{stem}.dcm"] if p.exists())
    expected = cv2.imread(str(ref), cv2.IMREAD_UNCHANGED)
    for extra in ([], ["--dcmtk-rescale"]) if stem == "cr_rescale_frac" else ([],):
        out = work / f"{ref.stem}{'-dcmtk' if extra else ''}.png"
        subprocess.run([cli, "render", str(src), "--output", str(out), "--window", f"{c},{w}", "--overwrite", *extra],
                       check=True)
        got = cv2.imread(str(out), cv2.IMREAD_UNCHANGED)
        diff = abs(got.astype(int) - expected.astype(int))
        n, m = int((diff > 0).sum()), int(diff.max())
        tolerance = 1 if (stem == "cr_rescale_frac" and not extra) else 0
        ok = m <= tolerance
        failed += not ok
        label = " (--dcmtk-rescale)" if extra else (" (standard rescale, tolerance 1)" if tolerance else "")
        print(f"{'ok  ' if ok else 'FAIL'} {stem} c={c} w={w}{label}: {n} px differ, max {m}")
print(f"{len(cases) + 1 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
