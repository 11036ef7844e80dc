"""OpenCV doing the closest thing to Radiograph's annotation and mount work, for a side-by-side ratio.

Annotation: 50 marks with text on the periapical's 8-bit display image — anti-aliased lines,
polylines, ellipses, rectangles, markers and Hershey text (cv2.putText; OpenCV's FreeType module is
not in the wheel), each with a label, on a copy of the image. Mount: 18 display images scaled with
INTER_AREA into 400-px-wide slots of an fmx-18 layout, turned (cv2.rotate) and pasted, with labels.
Prints JSON lines like radiograph-compare. Usage: python peers-annotate.py RUNS FILE.dcm [FILE ...]
"""
import json
import sys
import time

import cv2
import numpy as np
import pydicom


def display8(path):
    ds = pydicom.dcmread(path)
    a = ds.pixel_array.astype(np.float64)
    if "WindowCenter" in ds:
        c, w = float(ds.WindowCenter), float(ds.WindowWidth)
    else:  # no stored window (For Processing): the 0.5–99.5 percentiles
        lo, hi = np.percentile(a, [0.5, 99.5])
        c, w = (lo + hi) / 2, max(hi - lo, 2)
    y = ((a - (c - 0.5)) / (w - 1) + 0.5) * 255
    return np.clip(np.rint(y), 0, 255).astype(np.uint8)


def measure(runs, fn):
    fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2], times[0]


def annotate(img):
    out = img.copy()
    h, w = out.shape
    font = cv2.FONT_HERSHEY_SIMPLEX
    for i in range(50):
        x = int(60 + (i % 5) / 5 * (w - 200)); y = int(60 + (i // 5) / 10 * (h - 160))
        k = i % 12
        if k in (0, 9):
            cv2.line(out, (x, y), (x + 180, y + 120), 255, 2, cv2.LINE_AA)
        elif k == 1:
            cv2.arrowedLine(out, (x, y + 100), (x + 150, y + 10), 255, 2, cv2.LINE_AA)
        elif k in (2, 3, 4, 7):
            pts = np.array([(x, y), (x + 40, y + 60), (x + 80, y + 90), (x + 150, y + 110)], np.int32)
            cv2.polylines(out, [pts], k == 7, 255, 2, cv2.LINE_AA)
        elif k == 5:
            cv2.rectangle(out, (x, y), (x + 160, y + 110), 255, 2, cv2.LINE_AA)
        elif k in (6, 10):
            cv2.ellipse(out, (x + 80, y + 55), (80, 55), 0, 0, 360, 255, 2, cv2.LINE_AA)
        else:
            cv2.drawMarker(out, (x + 60, y + 60), 255, cv2.MARKER_CROSS, 12, 2, cv2.LINE_AA)
        # Label with a dark outline, as Radiograph's halo.
        cv2.putText(out, f"mark {i}: 12.34 mm", (x, y + 150), font, 0.6, 0, 4, cv2.LINE_AA)
        cv2.putText(out, f"mark {i}: 12.34 mm", (x, y + 150), font, 0.6, 255, 1, cv2.LINE_AA)
    return out


def mount(images):
    cell, margin = 400, 40
    canvas = np.zeros((int(3.86 * cell) + 2 * margin, int(7.6 * cell) + 2 * margin), np.uint8)
    for i, img in enumerate(images):
        row = 0 if i < 7 else (1 if i < 11 else 2)
        col = i if row == 0 else (i - 7 if row == 1 else i - 11)
        portrait = row != 1
        sw, sh = (cell, int(1.33 * cell)) if portrait else (int(1.33 * cell), cell)
        x0 = margin + int(col * (1.1 * cell if portrait else 1.43 * cell))
        y0 = margin + [0, int(1.43 * cell), int(2.53 * cell)][row]
        im = img if (img.shape[0] >= img.shape[1]) == portrait else cv2.rotate(img, cv2.ROTATE_90_CLOCKWISE)
        if row == 0:
            im = cv2.rotate(im, cv2.ROTATE_180)
        s = min(sw / im.shape[1], sh / im.shape[0], 1)
        im = cv2.resize(im, (max(1, round(im.shape[1] * s)), max(1, round(im.shape[0] * s))), interpolation=cv2.INTER_AREA)
        canvas[y0:y0 + im.shape[0], x0:x0 + im.shape[1]] = im
        cv2.putText(canvas, f"slot {i}", (x0 + 8, y0 + 24), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 255, 1, cv2.LINE_AA)
    return canvas


def main():
    runs = int(sys.argv[1])
    files = sys.argv[2:]
    cv2.setNumThreads(2)
    first = display8(files[0])
    med, mn = measure(runs, lambda: annotate(first))
    print(json.dumps({"section": "annotate", "peer": "OpenCV 50 marks + Hershey text (incl. image copy)", "median_s": med, "min_s": mn}))
    images = [display8(files[i % len(files)]) for i in range(18)]
    med, mn = measure(runs, lambda: mount(images))
    print(json.dumps({"section": "mount", "peer": "OpenCV fmx-18 composition from display images (resize area, rotate, paste, text)", "median_s": med, "min_s": mn}))
    med, mn = measure(max(3, runs // 2), lambda: mount([display8(files[i % len(files)]) for i in range(18)]))
    print(json.dumps({"section": "mount", "peer": "pydicom + numpy window + OpenCV fmx-18 mount from files", "median_s": med, "min_s": mn}))


main()
