#!/usr/bin/env bash
# The before/after pictures of the README's preset section, made by the tool itself from
# SampleImages/ into docs/presets/ (crops of the periapical, the whole panoramic, downsized).
#   bash scripts/make-preset-pictures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product radiograph >/dev/null
bin="$(swift build -c release --show-bin-path)/radiograph"
out=docs/presets
mkdir -p "$out"
crop=(--crop 300,200,1000,1400 --resize 400x0)
"$bin" render SampleImages/io_periapical.dcm -o "$out/periapical-plain.png" --overwrite "${crop[@]}"
for preset in intraoral endodontic periodontal caries; do
    "$bin" render SampleImages/io_periapical.dcm -o "$out/periapical-$preset.png" --overwrite --preset "$preset" "${crop[@]}"
done
small=(--crop 150,100,800,1200 --resize 400x0)
"$bin" render SampleImages/io_for_processing.dcm -o "$out/for-processing-plain.png" --overwrite "${small[@]}"
"$bin" render SampleImages/io_for_processing.dcm -o "$out/for-processing-intraoral.png" --overwrite --preset intraoral "${small[@]}"
"$bin" render SampleImages/px_panoramic.dcm -o "$out/panoramic-plain.png" --overwrite --resize 800x0
"$bin" render SampleImages/px_panoramic.dcm -o "$out/panoramic-panoramic.png" --overwrite --preset panoramic --resize 800x0
ls -la "$out"
