#!/usr/bin/env bash
# Archive crash and concurrency checks (issue 6), with figures:
#  1. kill -9 at random points during ingests, KILLS times (every 10th round the patient is purged
#     under the retention rule, so stores keep happening); then `archive verify` must exit 0, the
#     index must hold exactly what the audit trail says was stored and not destroyed, every image
#     must read back byte for byte as a source file, and a final uninterrupted ingest must find
#     every image either already present or store it.
#  2. 8 writer processes and 4 reader processes on one patient at once: every process exits 0 (no
#     busy error reaches the user) and the patient ends with exactly 8 × 10 images.
#   bash scripts/archive-stress.sh [--kills N] [--binary PATH]     (default 1000 kills; CI runs fewer)
set -euo pipefail
cd "$(dirname "$0")/.."
kills=1000
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --kills) kills=$2; shift 2 ;;
        --binary) bin=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 64 ;;
    esac
done
if [ -z "$bin" ]; then
    swift build -c release --product radiograph >/dev/null
    bin="$(swift build -c release --show-bin-path)/radiograph"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export RADIOGRAPH_KEY_FILE="$work/master.key" RADIOGRAPH_ACTOR=stress RADIOGRAPH_ROLE=administrator

# Small distinct captures: a 64×64 crop of the periapical wrapped as new IO objects (new UIDs each).
"$bin" render SampleImages/io_periapical.dcm --bits 16 --window none --crop 700,900,64,64 -o "$work/tiny.tif" >/dev/null
make_captures() {  # folder count patient-id
    mkdir -p "$1"
    for i in $(seq "$2"); do
        "$bin" dicomize "$work/tiny.tif" -o "$1/c$i.dcm" --modality IO --patient-id "$3" --patient-name "STRESS^TEST" \
            --bits-stored 16 --teeth 46 --encoding explicit >/dev/null
    done
}

echo "1. kill -9 during ingests ($kills times)"
make_captures "$work/pool" 60 STRESS-1
"$bin" archive init "$work/a1" >/dev/null
files=("$work"/pool/*.dcm)
start=$(date +%s)
for k in $(seq "$kills"); do
    # A batch of 6 captures from a moving window: new ones, and some already stored (the no-op path).
    first=$(( (k * 3) % ${#files[@]} ))
    batch=()
    for j in 0 1 2 3 4 5; do batch+=("${files[$(( (first + j) % ${#files[@]} ))]}"); done
    "$bin" archive ingest "$work/a1" "${batch[@]}" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf '%03d' $(( RANDOM % 250 )))"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    if [ $((k % 10)) -eq 0 ] && [ "$k" -lt "$kills" ]; then
        "$bin" archive patient "$work/a1" --patient-id STRESS-1 --last-contact 19000101 >/dev/null 2>&1 || true
        "$bin" archive retention purge "$work/a1" >/dev/null 2>&1 || true
    fi
done
elapsed=$(( $(date +%s) - start ))
verify=$("$bin" archive verify "$work/a1" --role auditor) || { echo "verify failed after kills:"; echo "$verify"; exit 1; }
trail=$("$bin" archive audit "$work/a1" --role auditor)
stored=$(echo "$trail" | awk -F'\t' '$5 == "ingest" && $8 == "success" && $9 == "stored"' | wc -l)
destroyed=$(echo "$trail" | awk -F'\t' '$5 == "retention-purge" && $8 == "success" { n += split($10, a, " ") } END { print n + 0 }')
purges=$(echo "$trail" | awk -F'\t' '$5 == "retention-purge" && $8 == "success"' | wc -l)
indexed=$("$bin" archive query "$work/a1" --json | wc -l)
[ "$((stored - destroyed))" -eq "$indexed" ] || { echo "audit: $stored stored, $destroyed destroyed; the index has $indexed"; exit 1; }
# Every image reads back byte for byte as one of the pool's files.
"$bin" archive query "$work/a1" --json | sed 's/.*"sopInstanceUID":"\([^"]*\)".*/\1/' | while read -r uid; do
    "$bin" archive show "$work/a1" "$uid" -o "$work/back.dcm" --overwrite
    found=0
    for f in "${files[@]}"; do cmp -s "$f" "$work/back.dcm" && { found=1; break; }; done
    [ $found -eq 1 ] || { echo "image $uid does not match any source"; exit 1; }
done
final=$("$bin" archive ingest "$work/a1" "${files[@]}")
after=$("$bin" archive query "$work/a1" --json | wc -l)
[ "$after" -eq "${#files[@]}" ] || { echo "after a clean ingest: $after of ${#files[@]}"; exit 1; }
echo "   $kills kills in ${elapsed}s; $stored images stored and committed, $destroyed destroyed by $purges purges, $indexed in the index, all intact; verify: ${verify##*: }"
echo "   clean pass: $final; 0 lost, 0 corrupted"

echo "2. 8 writers + 4 readers on one patient"
"$bin" archive init "$work/a2" >/dev/null
for w in $(seq 8); do make_captures "$work/w$w" 10 STRESS-2; done
pids=()
for w in $(seq 8); do "$bin" archive ingest "$work/a2" "$work/w$w" > "$work/w$w.out" 2>&1 & pids+=($!); done
readers=()
for r in $(seq 4); do
    ( for i in $(seq 25); do "$bin" archive query "$work/a2" --patient-id STRESS-2 --role practitioner >/dev/null || exit 1; done ) &
    readers+=($!)
done
failures=0
for p in "${pids[@]}" "${readers[@]}"; do wait "$p" || failures=$((failures + 1)); done
count=$("$bin" archive query "$work/a2" --patient-id STRESS-2 --json | wc -l)
busy=$(cat "$work"/w*.out | grep -ci "busy\|locked" || true)
v2=$("$bin" archive verify "$work/a2" --role auditor) || { echo "verify failed after the concurrent run:"; echo "$v2"; exit 1; }
echo "   $count of 80 images, $failures failed processes, $busy busy/locked messages, verify clean"
[ "$count" -eq 80 ] && [ "$failures" -eq 0 ] && [ "$busy" -eq 0 ] || exit 1
echo "3. disk full during an ingest (a file-size limit: writes fail with EFBIG)"
"$bin" archive init "$work/a3" >/dev/null
"$bin" render SampleImages/io_periapical.dcm --raw -o "$work/big.tif" >/dev/null
"$bin" dicomize "$work/big.tif" -o "$work/big.dcm" --modality IO --patient-id STRESS-3 --patient-name "STRESS^FULL" \
    --bits-stored 14 --teeth 46 --encoding explicit >/dev/null
set +e
full=$( (trap '' XFSZ; ulimit -f 2048; exec "$bin" archive ingest "$work/a3" "$work/big.dcm") 2>&1 )
status=$?
set -e
[ $status -ne 0 ] || { echo "an ingest past the size limit reported success"; exit 1; }
echo "$full" | grep -q "File too large" || { echo "unclear error: $full"; exit 1; }
left=$("$bin" archive query "$work/a3" --json | wc -l)
failed=$("$bin" archive audit "$work/a3" --role auditor | awk -F'\t' '$5 == "ingest" && $8 == "failed"' | wc -l)
"$bin" archive verify "$work/a3" --role auditor >/dev/null || { echo "verify failed after the full disk"; exit 1; }
[ "$left" -eq 0 ] && [ "$failed" -eq 1 ] || { echo "after the full disk: $left indexed, $failed failure entries"; exit 1; }
"$bin" archive ingest "$work/a3" "$work/big.dcm" >/dev/null
echo "   refused with: $(echo "$full" | grep "File too large" | head -1 | sed "s/.*cannot/cannot/"); 0 partial commits, 1 audited failure, verify clean; stored once space is back"
echo "4. a real full disk and a read-only root (a small tmpfs; needs mount, i.e. root)"
mnt="$work/mnt"
mkdir -p "$mnt"
if mount -t tmpfs -o size=9m tmpfs "$mnt" 2>/dev/null; then
    trap 'umount "$mnt" 2>/dev/null || true; rm -rf "$work"' EXIT
    "$bin" archive init "$mnt/a4" >/dev/null
    "$bin" archive ingest "$mnt/a4" "$work/big.dcm" >/dev/null                 # 6 MB of 9 stored
    "$bin" dicomize "$work/big.tif" -o "$work/big2.dcm" --modality IO --patient-id STRESS-4 --patient-name "STRESS^FULL" \
        --bits-stored 14 --teeth 46 --encoding explicit >/dev/null
    set +e
    enospc=$("$bin" archive ingest "$mnt/a4" "$work/big2.dcm" 2>&1)
    s1=$?
    set -e
    [ $s1 -ne 0 ] && echo "$enospc" | grep -q "No space left" || { echo "full tmpfs: $enospc"; exit 1; }
    n=$("$bin" archive query "$mnt/a4" --json | wc -l)
    f=$("$bin" archive audit "$mnt/a4" --role auditor | awk -F'\t' '$5 == "ingest" && $8 == "failed"' | wc -l)
    "$bin" archive verify "$mnt/a4" --role auditor >/dev/null || { echo "verify failed after ENOSPC"; exit 1; }
    [ "$n" -eq 1 ] && [ "$f" -eq 1 ] || { echo "after ENOSPC: $n indexed, $f failure entries"; exit 1; }
    echo "   full tmpfs: $(echo "$enospc" | grep -o "cannot [^:]*: No space left on device" | head -1); 1 image kept, 0 partial commits, 1 audited failure"
    mount -o remount,ro "$mnt"
    set +e
    rofs=$("$bin" archive ingest "$mnt/a4" "$work/tiny.tif" "$work/w1/c1.dcm" 2>&1)
    s2=$?
    set -e
    mount -o remount,rw "$mnt"
    [ $s2 -ne 0 ] && echo "$rofs" | grep -qi "read-only" || { echo "read-only root: $rofs"; exit 1; }
    n2=$("$bin" archive query "$mnt/a4" --json | wc -l)
    "$bin" archive verify "$mnt/a4" --role auditor >/dev/null || { echo "verify failed after the read-only root"; exit 1; }
    [ "$n2" -eq 1 ] || { echo "after the read-only root: $n2 indexed"; exit 1; }
    echo "   read-only root: $(echo "$rofs" | grep -io "[^:]*read-only[^;]*" | head -1 | sed 's/^ *//'); 0 partial commits (the audit"
    echo "   trail is on the same read-only disk: the refusal is on stderr, not in the trail)"
    umount "$mnt"
else
    echo "   skipped: this machine does not allow mounting a tmpfs (not root, or no CAP_SYS_ADMIN); section 3 covers a full disk"
fi
echo "archive stress: passed"
