#!/usr/bin/env bash
# The README's annotation and mount pictures, made by the tool itself from SampleImages/ into
# docs/annotate/: the example document burned into the periapical (colour), the same marks drawn
# back from the presentation state, and a full-mouth mount of the intra-oral samples.
#   bash scripts/make-annotation-pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product radiograph >/dev/null
bin="$(swift build -c release --show-bin-path)/radiograph"
out=docs/annotate
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$out"
"$bin" annotate SampleImages/io_periapical.dcm -a SampleImages/io_periapical.annotations.json --colour \
    -o "$out/periapical-annotated.jpg" --quality 88 --gsps "$tmp/gsps.dcm" --report "$out/periapical-report.json" \
    --overwrite --resize 750x0
"$bin" annotate SampleImages/io_periapical.dcm --from-gsps "$tmp/gsps.dcm" -o "$out/periapical-from-gsps.jpg" --quality 88 \
    --overwrite --resize 750x0
io=(SampleImages/io_periapical.dcm SampleImages/io_bitewing_mono1.dcm SampleImages/io_for_processing.dcm)
"$bin" mount -t fmx-18 "${io[@]}" "${io[@]}" "${io[@]}" "${io[@]}" "${io[@]}" "${io[@]}" \
    -o "$out/mount-fmx18.jpg" --cell 150 --quality 88 --json "$out/mount-fmx18.json" --overwrite --allow-mixed-patients
# The report and the mount description name this machine's temporary paths: keep them relative.
sed -i "s|$tmp/||g" "$out/periapical-report.json"
ls -la "$out"
