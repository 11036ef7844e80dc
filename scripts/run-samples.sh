#!/usr/bin/env bash
# The main job on SampleImages/: set-up, release build, then
#   - every sample rendered to PNG with its stored window (auto-window when none is stored) into
#     out/samples/, with a JSON report;
#   - the intraoral samples enhanced with the intraoral preset and the panoramic with the panoramic
#     preset into out/samples-enhanced/, with a report and a contact sheet.
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
"$bin" enhance SampleImages/io_*.dcm --preset intraoral --output out/samples-enhanced --overwrite --json "$@" \
    --contact-sheet out/samples-enhanced-intraoral.png > out/samples-enhanced-intraoral.json
"$bin" enhance SampleImages/px_*.dcm --preset panoramic --output out/samples-enhanced --overwrite --json "$@" \
    > out/samples-enhanced-panoramic.json
echo "wrote out/samples-enhanced/ (reports: out/samples-enhanced-*.json, contact sheet: out/samples-enhanced-intraoral.png)"
