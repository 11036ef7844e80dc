#!/usr/bin/env bash
# Set-up (Debian packages, only when missing) and the whole test suite.
#   bash scripts/test.sh [extra swift test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
swift test "$@"
