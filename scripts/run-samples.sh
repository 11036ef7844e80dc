#!/usr/bin/env bash
# The main job on SampleImages/: set-up, release build, then
#   - every sample rendered to PNG with its stored window (auto-window when none is stored) into
#     out/samples/, with a JSON report;
#   - every sample enhanced with `--preset auto` (the intraoral preset, the panoramic one for the
#     panoramic) into out/samples-enhanced/, with a report and a contact sheet.
#   bash scripts/run-samples.sh [extra `radiograph enhance` options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift build -c release --product radiograph
bin="$(swift build -c release --show-bin-path)/radiograph"
"$bin" info SampleImages/*.dcm
mkdir -p out
"$bin" enhance SampleImages --output out/samples --overwrite --json "$@" > out/samples-report.json
echo "wrote out/samples/ (report: out/samples-report.json)"
"$bin" enhance SampleImages --preset auto --output out/samples-enhanced --overwrite --json "$@" \
    --contact-sheet out/samples-enhanced-sheet.png > out/samples-enhanced-report.json
echo "wrote out/samples-enhanced/ (report: out/samples-enhanced-report.json, contact sheet: out/samples-enhanced-sheet.png)"
