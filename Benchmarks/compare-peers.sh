#!/usr/bin/env bash
# Radiograph and the peers (../shared/peers: DCMTK, OpenCV, numpy, libvips, C) measured side by side
# in one run on the same inputs; prints a table of ratios and writes it to results/latest.md.
#   bash Benchmarks/compare-peers.sh [--runs N]
# Needs ../shared/peers (beside the repository). Takes ~5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")"
runs=7
[ "${1:-}" = "--runs" ] && runs=$2
peers=$(cd ../../shared/peers 2>/dev/null && pwd) || { echo "no ../shared/peers beside the repository" >&2; exit 1; }
bash ../scripts/setup.sh >/dev/null
bash "$peers/setup.sh" >/dev/null
(cd "$peers" && .venv/bin/python make_phantoms.py >/dev/null && .venv/bin/python realdata.py >/dev/null)
swift build -c release --product radiograph-compare 2>&1 | tail -1
(cd .. && swift build -c release --product radiograph 2>&1 | tail -1)
compare="$(swift build -c release --show-bin-path)/radiograph-compare"
cli="$(cd .. && swift build -c release --show-bin-path)/radiograph"
mkdir -p results
out=results/raw.jsonl
: > "$out"
inputs=("$peers/data/phantoms/io_periapical_14bit.dcm" "$peers/data/phantoms/px_panoramic_12bit.dcm"
        "$peers/data/real/RG1_UNCR.dcm" "$peers/data/real/RG3_UNCR.dcm")
echo "peers: floor, window, clahe, unsharp, median, batch, decode (bench_peers.py) ..."
(cd "$peers" && .venv/bin/python bench_peers.py --only floor,window,clahe,unsharp,median,batch,decode --runs "$runs" > /dev/null)
cp "$peers/out/results.json" results/peers.json
echo "radiograph: window, decode ..."
"$compare" window "$runs" "${inputs[@]}" >> "$out"
"$compare" decode 5 "$peers"/data/phantoms/variants/*.dcm "$peers"/data/real/*.dcm >> "$out"
echo "radiograph: enhancement kernels, presets, acquisition with the intraoral preset ..."
"$compare" enhance "$runs" "${inputs[@]:0:2}" >> "$out"
"$compare" acquire 15 "${inputs[0]}" >> "$out"
"$compare" acquire-preset 15 "${inputs[0]}" >> "$out"
echo "radiograph: batch (enhance, 50 periapicals, window + PNG) ..."
for jobs in 1 2; do
    for what in "window+PNG" "window+CLAHE+PNG"; do
        extra=()
        [ "$what" = "window+CLAHE+PNG" ] && extra=(--clahe 2,8x8)
        for i in 1 2 3 4; do  # first run is the warm-up
            rm -rf /tmp/radiograph-compare-batch
            start=$(date +%s.%N)
            /usr/bin/time -f %M -o /tmp/radiograph-compare-rss "$cli" enhance "$peers/data/phantoms/batch" \
                --output /tmp/radiograph-compare-batch --jobs $jobs --quiet "${extra[@]}" 2>/dev/null
            end=$(date +%s.%N)
            rss=$(cat /tmp/radiograph-compare-rss)
            [ $i -gt 1 ] && echo "{\"section\": \"batch\", \"peer\": \"radiograph enhance --jobs $jobs: $what\", \"seconds\": $(echo "$end - $start" | bc), \"peak_rss_kb\": $rss}" >> "$out"
        done
    done
done
mb=$(du -sm /tmp/radiograph-compare-batch | cut -f1)
rm -rf /tmp/radiograph-compare-batch
python3 report.py results/peers.json "$out" "$mb" | tee results/latest.md
