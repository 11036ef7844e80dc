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
    if r.get("section") == "batch" and "window+" in r.get("peer", "") and "median_s" in r:
        peer_batch[r["peer"]] = r
        print(f"| {r['peer']} | {r['median_s']:.2f} | {50 / r['median_s']:.1f} | – |")
our_batch = {}
our_rss = {}
for r in ours:
    if r["section"] == "batch":
        our_batch.setdefault(r["peer"], []).append(r["seconds"])
        our_rss[r["peer"]] = max(our_rss.get(r["peer"], 0), r.get("peak_rss_kb", 0))
for peer, secs in our_batch.items():
    m = statistics.median(secs)
    our_batch[peer] = m
    print(f"| {peer} (peak RSS {our_rss[peer] / 1024:.0f} MB) | {m:.2f} | {50 / m:.1f} | – |")
for what, goal in (("window+PNG", 1.0), ("window+CLAHE+PNG", 2.0)):
    two = next((v for k, v in our_batch.items() if "--jobs 2" in k and k.endswith(": " + what)), None)
    py2 = next((r["median_s"] for k, r in peer_batch.items() if "2 processes" in k and k.endswith(": " + what)), None)
    if two and py2:
        print(f"\n{what}: Radiograph with 2 jobs runs at {py2 / two:.2f}x the 2-process Python pipeline's images/s "
              f"(goal {goal:g}x: {'met' if py2 / two >= goal else 'not met'}).")

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


def table(section, title, peers_like, goal=None):
    theirs = [r for r in rows if r.get("section") == section and "ns_per_px" in r and any(p in r["peer"] for p in peers_like)]
    mine = [r for r in ours if r.get("section") == section]
    if not mine:
        return
    names = [i for i in inputs if any(r.get("input") == i for r in mine)]
    print(f"\n### {title} (ns per pixel, median; same run)\n")
    print("| implementation | " + " | ".join(short.get(i, i) for i in names) + " |")
    print("|" + "---|" * (len(names) + 1))
    for label in sorted({r["peer"] for r in theirs}) + sorted({r["peer"] for r in mine}):
        source = theirs if any(r["peer"] == label for r in theirs) else mine
        vals = [next((r["ns_per_px"] for r in source if r["peer"] == label and r.get("input") == i), None) for i in names]
        print(f"| {label} | " + " | ".join(f"{v:.2f}" if v is not None else "–" for v in vals) + " |")
    if goal:
        print()
        for text in goal():
            print(f"- {text}")


def lookup(source, section, peer_part, name="io_periapical_14bit"):
    return next((r["ns_per_px"] for r in source if r.get("section") == section and peer_part in r.get("peer", "")
                 and r.get("input") == name and "ns_per_px" in r), None)


def goals_clahe():
    out = []
    for thr, limit in (("1 thr", 4.0), ("2 thr", 2.5)):
        v = next(
            (r["ns_per_px"] for r in ours if r["section"] == "clahe" and "16-bit windowed" in r["peer"]
             and r["peer"].endswith(thr) and r["input"] == "io_periapical_14bit"), None)
        cv16 = lookup(rows, "clahe", f"opencv CLAHE 16-bit input, {thr}")
        cv8 = lookup(rows, "clahe", f"opencv CLAHE 8-bit (after window), {thr}")
        if v:
            out.append(f"CLAHE 8x8 16-bit periapical, {thr}: {v:.2f} ns/px (goal ≤ {limit}: {'met' if v <= limit else 'not met'}); "
                       f"OpenCV 16-bit {cv16 / v:.2f}x slower, OpenCV 8-bit {cv8 / v:.2f}x slower" if cv16 and cv8 else
                       f"CLAHE {thr}: {v:.2f} ns/px")
    return out


def goals_unsharp():
    v = next((r["ns_per_px"] for r in ours if r["section"] == "unsharp" and r["peer"].endswith("2 thr")
              and r["input"] == "io_periapical_14bit"), None)
    cv = lookup(rows, "unsharp", "opencv GaussianBlur+addWeighted, 2 thr")
    return [f"unsharp σ2 16-bit periapical, 2 thr: {v:.2f} ns/px (goal ≤ 2.5: {'met' if v <= 2.5 else 'not met'})"
            + (f"; OpenCV 2 thr {cv / v:.2f}x slower" if cv else "")] if v else []


def goals_median():
    v = next((r["ns_per_px"] for r in ours if r["section"] == "median" and "3x3" in r["peer"] and r["peer"].endswith("1 thr")
              and r["input"] == "io_periapical_14bit"), None)
    cv = lookup(rows, "median", "opencv medianBlur, 1 thr")
    return [f"median 3x3 16-bit periapical, 1 thr: {v:.2f} ns/px (goal ≤ 0.5: {'met' if v <= 0.5 else 'not met'})"
            + (f"; OpenCV {cv / v:.2f}x slower" if cv else "")] if v else []


table("clahe", "CLAHE, clip 2, 8×8 tiles", ["opencv", "skimage"], goals_clahe)
table("unsharp", "Unsharp mask σ 2, amount 1, 16-bit", ["opencv", "skimage", "libvips"], goals_unsharp)
table("median", "Median filters, 16-bit", ["opencv", "scipy", "skimage", "libvips"], goals_median)
table("denoise", "Edge-preserving denoise (guided filter)", [])
table("resize", "Resize", [])
table("preset", "Whole render with each preset (DICOM pixels in memory → 8-bit)", [])
acq = [r for r in ours if r["section"] == "acquire"]
if acq:
    print("\n### Acquisition path (bytes in memory → display-ready 8-bit, all cores)\n")
    for r in acq:
        ms = r["median_s"] * 1000
        goal = 20 if "preset" in r["peer"] else 15
        print(f"- {r['peer']} on {r['input']} ({r['transfer_syntax']}): {ms:.1f} ms (goal ≤ {goal} ms: {'met' if ms <= goal else 'not met'})")
