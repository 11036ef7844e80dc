#!/usr/bin/env python3
"""Turns the peers' results.json and Radiograph's raw.jsonl (same run) into ratio tables (markdown)."""
import json
import statistics
import sys

peers = json.load(open(sys.argv[1]))
ours = [json.loads(line) for line in open(sys.argv[2]) if line.strip()]
batch_mb = sys.argv[3] if len(sys.argv) > 3 else "?"
meta = peers["meta"]
rows = peers["results"]
inputs = [i["name"] for i in peers["inputs"]]
short = {"io_periapical_14bit": "IO periapical", "px_panoramic_12bit": "PX panoramic",
         "RG1_UNCR": "RG1 CR chest", "RG3_UNCR": "RG3 CR tibia"}


def ns(section, peer, name, source):
    for r in source:
        if r.get("section") == section and r.get("peer") == peer and r.get("input") == name:
            return r.get("ns_per_px")
    return None


print(f"Measured {meta['started']} on {meta['machine'].get('cpu', '?')}, {meta['machine'].get('logical_cpus')} CPUs; "
      f"load average at the peers' start {meta.get('loadavg_start')}. Peers and Radiograph ran one after the other "
      f"in the same script run; medians of {meta['runs'].get('inproc', meta['runs']) if isinstance(meta['runs'], dict) else meta['runs']} runs.\n")

print("### Windowing 16 → 8 bit (in memory, ns per pixel, median)\n")
ours_peers = sorted({r["peer"] for r in ours if r["section"] == "window"})
their_peers = ["C 16->8 LUT loop", "numpy LUT apply only", "opencv addWeighted->8U (rounds)", "libvips linear uchar",
               "numpy float64 (DCMTK order)"]
header = "| implementation | " + " | ".join(short.get(i, i) for i in inputs) + " | mean ns/px |"
print(header)
print("|" + "---|" * (len(inputs) + 2))
means = {}
for peer, source in [(p, rows) for p in their_peers] + [(p, ours) for p in ours_peers]:
    vals = [ns("floor" if peer.startswith("C 16") else "window", peer, i, source) for i in inputs]
    if all(v is None for v in vals):
        continue
    present = [v for v in vals if v is not None]
    means[peer] = statistics.mean(present)
    print(f"| {peer} | " + " | ".join(f"{v:.2f}" if v is not None else "–" for v in vals) + f" | {means[peer]:.2f} |")
best = means.get("Radiograph window (LUT apply, new image), 1 thr")
if best:
    print("\nRatios (peer time / Radiograph 1-thread time; above 1 means Radiograph is faster):\n")
    for peer in their_peers:
        if peer in means:
            print(f"- {peer}: {means[peer] / best:.2f}x")

print("\n### Batch: 50 periapicals 1500×2000, DICOM → window → 8-bit PNG\n")
print("| pipeline | seconds (median) | images/s | output MB |")
print("|---|---|---|---|")
peer_batch = {}
for r in rows:
    if r.get("section") == "batch" and "window+PNG" in r.get("peer", "") and "CLAHE" not in r.get("peer", ""):
        peer_batch[r["peer"]] = r
        print(f"| {r['peer']} | {r['median_s']:.2f} | {50 / r['median_s']:.1f} | {r.get('output_mb', '?')} |")
our_batch = {}
for r in ours:
    if r["section"] == "batch":
        our_batch.setdefault(r["peer"], []).append(r["seconds"])
for peer, secs in our_batch.items():
    m = statistics.median(secs)
    our_batch[peer] = m
    print(f"| {peer} | {m:.2f} | {50 / m:.1f} | {batch_mb} |")
two = next((v for k, v in our_batch.items() if "--jobs 2" in k), None)
py2 = next((r["median_s"] for k, r in peer_batch.items() if "2 processes" in k), None)
if two and py2:
    print(f"\nRadiograph with 2 jobs vs the 2-process Python pipeline: {py2 / two:.2f}x its speed "
          f"({'goal met' if two <= py2 else 'goal not met'}).")

dec = [r for r in ours if r["section"] == "decode"]
if dec:
    print("\n### Decode by transfer syntax (ms per image, medians; same run)\n")
    print("| file | transfer syntax | Radiograph in-process | pydicom in-process (best plugin) | DCMTK process (transcode) "
          "| vs pydicom | vs DCMTK process |")
    print("|---|---|---|---|---|---|---|")
    for r in dec:
        name = r["input"]
        py = [x["median_s"] for x in rows if x.get("section") == "decode" and x.get("input") == name
              and x.get("peer", "").startswith("pydicom") and "median_s" in x]
        dc = [x["median_s"] for x in rows if x.get("section") == "decode" and x.get("input") == name
              and "-> uncompressed file" in x.get("peer", "") and "median_s" in x]
        ours_ms = r["median_s"] * 1000
        best_py = min(py) * 1000 if py else None
        dcmtk = min(dc) * 1000 if dc else None
        def cell(v):
            return f"{v:.1f}" if v is not None else "n/a"
        def ratio(v):
            return f"{v / ours_ms:.2f}x" if v is not None else "–"
        print(f"| {name} | {r['transfer_syntax']} | {ours_ms:.1f} | {cell(best_py)} | {cell(dcmtk)} | "
              f"{ratio(best_py)} | {ratio(dcmtk)} |")
    print("\n(Ratios above 1: Radiograph is faster. DCMTK rows are whole processes: ~30 ms of start-up included.)")
