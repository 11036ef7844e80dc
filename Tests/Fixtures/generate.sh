#!/usr/bin/env bash
# Regenerates Tests/Fixtures/*.dcm and manifest.json (deterministic), with SampleImages' pinned venv.
#   bash Tests/Fixtures/generate.sh
set -euo pipefail
cd "$(dirname "$0")"
venv=../../SampleImages/.venv
command -v dcmcjpls >/dev/null || { echo "needs DCMTK (apt-get install dcmtk)" >&2; exit 1; }
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r ../../SampleImages/requirements.txt
"$venv/bin/python" generate_fixtures.py
