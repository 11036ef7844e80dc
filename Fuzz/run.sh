#!/usr/bin/env bash
# Builds the libFuzzer harness over the in-memory DICOM read + decode path (clang, ASan + UBSan)
# and runs it, seeded with Tests/Fixtures/*.dcm.
#   bash Fuzz/run.sh [SECONDS]        default 60; CI runs a short smoke
# The corpus grows in .build-fuzz/corpus; crashes are written to .build-fuzz/crash-* and make the
# script fail. Figures of the last run go to .build-fuzz/last-run.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash scripts/setup.sh >/dev/null
clangxx=$(command -v clang++ || true)
[ -x /opt/swift/usr/bin/clang++ ] && clangxx=/opt/swift/usr/bin/clang++
[ -n "$clangxx" ] || { echo "fuzz: clang++ with libFuzzer is needed (the Swift toolchain ships one)" >&2; exit 1; }
out=.build-fuzz
mkdir -p "$out/corpus"
libs="-ldcmjpls -ldcmtkcharls -ldcmjpeg -lijg8 -lijg12 -lijg16 -ldcmimgle -ldcmdata -loflog -lofstd -lopenjp2 -lz"
if [ ! -x "$out/dicom_read_fuzzer" ] || [ -n "$(find Sources/CRadiographDCMTK Fuzz -newer "$out/dicom_read_fuzzer" -type f)" ]; then
    echo "fuzz: building the harness"
    "$clangxx" -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
        -I Sources/CRadiographDCMTK/include Sources/CRadiographDCMTK/shim.cpp Sources/CRadiographDCMTK/j2k.cpp \
        Sources/CRadiographDCMTK/depth_guard.cpp \
        Fuzz/dicom_read_fuzzer.cpp $libs -o "$out/dicom_read_fuzzer"
fi
cp -n Tests/Fixtures/*.dcm "$out/corpus/" 2>/dev/null || true
# DCMTK's shared libraries are not instrumented: coverage guides on the shim's paths, the
# sanitizers check every access the shim makes and every allocation.
ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 "$out/dicom_read_fuzzer" "$out/corpus" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -artifact_prefix="$out/" -print_final_stats=1 2> "$out/log.txt" || status=$?
grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^Done|ERROR|SUMMARY" "$out/log.txt" \
    | tee "$out/last-run.txt"
if [ "${status:-0}" -ne 0 ]; then
    echo "fuzz: the harness found a problem (see $out/log.txt and $out/crash-*)" >&2
    exit 1
fi
