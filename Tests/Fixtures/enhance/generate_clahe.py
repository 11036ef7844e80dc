"""Golden files for the CLAHE kernel (Tests/RadiographCoreTests/CLAHETests.swift).

Run with the peers' venv (OpenCV 5.0.0, numpy 2.4.6 when these files were made):
    ../shared/peers/.venv/bin/python Tests/Fixtures/enhance/generate_clahe.py
Deterministic: no random generator; two runs give byte-identical files. Writes clahe/ (raw
little-endian pixels, row-major, no header; the size is in the name; .u8 = 8-bit, .u16 = 16-bit):

Inputs are not stored: `synth(w, h, seed, top, limit)` below is integer-only and
CLAHETests.swift computes the same pixels (a ramp, a bright disk and hashed noise; with
`limit > top`, one pixel in sixteen above `top`, which CLAHE reads as `top`).

- u8_c<clip>_<tx>x<ty>_WxH.u8: cv2.createCLAHE(clipLimit=clip, tileGridSize=(tx, ty)).apply(in)
  on synth(w, h, seed 1, 255, 255) as uint8.
- u16_c<clip>_<tx>x<ty>_WxH.u16: the same call on synth(w, h, seed 2, 65535, 65535) as uint16
  (OpenCV's 16-bit CLAHE: 65,536 bins).
- v<bits>b<bins>_c<clip>_<tx>x<ty>_WxH.u16: clahe_ref(in, clip, tx, ty, bits, bins) below on
  synth(w, h, seed 3, 2^bits - 1, 65535): a float32 numpy re-implementation of OpenCV's algorithm
  at any bin count (checked here to equal cv2 on every u8 and u16 case), with, for fewer bins than
  values, the in-bin interpolation of RadiographCore (maps through the bins' centres).
- look_in16_320x256.u16: a crop (x 560, y 700) of the peers' phantom
  data/phantoms/io_periapical_14bit.png (14-bit stored values), windowed linearly to 16 bits with
  centre 9065, width 14636 (DICOM's linear VOI function in DCMTK's order, truncated: the peers'
  common.window_dcmtk). Root, periodontal ligament, trabecular bone and a crown.
- look_cv8_c2_<t>x<t>_320x256.u8: cv2.createCLAHE(2.0, (t, t)).apply of the same crop windowed to
  8 bits (same window), t = 8 and 2: the 8-bit look the 16-bit CLAHE is compared with.
"""
import pathlib

import cv2
import numpy as np

out = pathlib.Path(__file__).parent / "clahe"
out.mkdir(exist_ok=True)
for old in out.glob("*.u*"):
    old.unlink()
f32 = np.float32


def synth(w, h, seed, top, limit):
    """Integer-only test picture; CLAHETests.swift's `synth` computes the same values."""
    a = np.zeros((h, w), np.int64)
    for y in range(h):
        for x in range(w):
            z = (x * 0x9E3779B1 + y * 0x85EBCA77 + seed * 0xC2B2AE3D) & 0xFFFFFFFF
            z ^= z >> 15
            z = (z * 0x2C1B3C6D) & 0xFFFFFFFF
            z ^= z >> 12
            z = (z * 0x297A2D39) & 0xFFFFFFFF
            z ^= z >> 15
            base = (x * 3 + y * 5) * top // (3 * w + 5 * h)
            disk = top // 4 if (2 * x - w) ** 2 + (2 * y - h) ** 2 < min(w, h) ** 2 // 2 else 0
            noise = z % (top // 8 + 1) - top // 16
            v = min(max(base * 3 // 4 + disk + noise, 0), top)
            if limit > top and z >> 28 == 0:
                v = top + 1 + z % (limit - top)
            a[y, x] = v
    return a


def reflect101(i, n):
    if n == 1:
        return 0
    while i < 0 or i >= n:
        i = -i if i < 0 else 2 * n - 2 - i
    return i


def clahe_ref(img, clip, tx, ty, value_bits, bins):
    """OpenCV's CLAHE (clahe.cpp) in float32 numpy at any bin count; centred in-bin maps below it."""
    h, w = img.shape
    maxv = (1 << value_bits) - 1
    a = np.minimum(img.astype(np.int64), maxv)
    if w % tx == 0 and h % ty == 0:
        tw, th, pw, ph = w // tx, h // ty, 0, 0
    else:
        pw, ph = tx - w % tx, ty - h % ty
        tw, th = (w + pw) // tx, (h + ph) // ty
    ext = a[np.array([reflect101(i, h) for i in range(h + ph)])][:, np.array([reflect101(i, w) for i in range(w + pw)])]
    shift = value_bits - (bins.bit_length() - 1)
    area = tw * th
    cl = max(int(clip * area / bins), 1)
    vals = np.arange(maxv + 1)
    maps = np.zeros((ty, tx, maxv + 1), np.float32)
    for j in range(ty):
        for i in range(tx):
            hist = np.bincount((ext[j * th:(j + 1) * th, i * tw:(i + 1) * tw] >> shift).ravel(), minlength=bins)
            hist = hist.astype(np.int64)
            clipped = int(np.maximum(hist - cl, 0).sum())
            hist = np.minimum(hist, cl) + clipped // bins
            residual = clipped - clipped // bins * bins
            if residual:
                step, k = max(bins // residual, 1), 0
                while k < bins and residual > 0:
                    hist[k] += 1
                    k += step
                    residual -= 1
            cdf = np.cumsum(hist)
            if shift == 0:  # OpenCV: saturate_cast(sum * lutScale), lutScale = float(bins - 1) / area
                maps[j, i] = np.rint(cdf.astype(np.float32) * (f32(bins - 1) / f32(area)))[vals]
            else:  # segments between bin centres: start + (levels past the centre) * rise
                scale = f32(maxv) / f32(area)
                c = cdf.astype(np.float32) * scale
                start = np.concatenate([[c[0]], c[:bins - 1], [c[bins - 1]]]).astype(np.float32)
                rise = np.concatenate([[0], hist[1:].astype(np.float32) * (scale / f32(1 << shift)), [0]])
                t = vals + (1 << (shift - 1))
                frac = (t & ((1 << shift) - 1)).astype(np.float32) + f32(0.5)
                maps[j, i] = start[t >> shift] + frac * rise.astype(np.float32)[t >> shift]
    txf = np.arange(w).astype(np.float32) * (f32(1) / f32(tw)) - f32(0.5)
    tx1 = np.floor(txf).astype(np.int64)
    xa = txf - tx1.astype(np.float32)
    xa1 = f32(1) - xa
    tyf = np.arange(h).astype(np.float32) * (f32(1) / f32(th)) - f32(0.5)
    ty1 = np.floor(tyf).astype(np.int64)
    ya = (tyf - ty1.astype(np.float32))[:, None]
    ya1 = f32(1) - ya
    l, r = np.maximum(tx1, 0)[None, :], np.minimum(tx1 + 1, tx - 1)[None, :]
    u, d = np.maximum(ty1, 0)[:, None], np.minimum(ty1 + 1, ty - 1)[:, None]
    res = (maps[u, l, a] * xa1 + maps[u, r, a] * xa) * ya1 + (maps[d, l, a] * xa1 + maps[d, r, a] * xa) * ya
    assert res.dtype == np.float32
    return np.rint(res).astype(np.uint8 if value_bits <= 8 and img.dtype == np.uint8 else np.uint16)


def save(name, a):
    (out / name).write_bytes(a.astype("<u2" if a.dtype == np.uint16 else np.uint8).tobytes())


combos = [(2, 8, 8), (1, 2, 3), (4, 1, 1), (40, 16, 16)]
sizes8 = [(1, 1), (1, 37), (2, 37), (3, 37), (15, 37), (16, 37), (17, 37), (65, 37), (37, 1), (64, 64), (17, 16),
          (16, 17)]
sizes16 = [(1, 1), (1, 37), (3, 37), (17, 37), (65, 37), (37, 1), (17, 16)]
for w, h in sizes8:
    a8 = synth(w, h, 1, 255, 255).astype(np.uint8)
    a16 = synth(w, h, 2, 65535, 65535).astype(np.uint16)
    for clip, tx, ty in combos:
        if tx > w or ty > h:
            continue
        c = cv2.createCLAHE(clipLimit=clip, tileGridSize=(tx, ty))
        o8 = c.apply(a8)
        assert (clahe_ref(a8, clip, tx, ty, 8, 256) == o8).all()
        save(f"u8_c{clip}_{tx}x{ty}_{w}x{h}.u8", o8)
        if (w, h) in sizes16:
            o16 = c.apply(a16)
            assert (clahe_ref(a16, clip, tx, ty, 16, 65536) == o16).all()
            save(f"u16_c{clip}_{tx}x{ty}_{w}x{h}.u16", o16)
for bits, bins in [(16, 4096), (14, 4096), (12, 4096)]:
    for w, h in sizes16:
        a = synth(w, h, 3, (1 << bits) - 1, 65535).astype(np.uint16)
        for clip, tx, ty in combos[:3]:
            if tx <= w and ty <= h:
                save(f"v{bits}b{bins}_c{clip}_{tx}x{ty}_{w}x{h}.u16", clahe_ref(a, clip, tx, ty, bits, bins))


def window_dcmtk(x, center, width, bits_out):
    """DICOM linear VOI window in DCMTK's order, truncated (the peers' common.window_dcmtk)."""
    maxv = float((1 << bits_out) - 1)
    x = np.asarray(x, dtype=np.float64)
    width_1 = width - 1.0
    left, right = center - 0.5 - width_1 / 2.0, center - 0.5 + width_1 / 2.0
    y = (maxv - ((center - 0.5) / width_1 + 0.5) * maxv) + x * (maxv / width_1)
    y = np.where(x <= left, 0.0, np.where(x > right, maxv, y))
    return np.trunc(y).astype(np.uint8 if bits_out <= 8 else np.uint16)


phantom = pathlib.Path(__file__).parents[4] / "shared/peers/data/phantoms/io_periapical_14bit.png"
stored = cv2.imread(str(phantom), cv2.IMREAD_UNCHANGED)[700:956, 560:880]
save("look_in16_320x256.u16", window_dcmtk(stored, 9065, 14636, 16))
for t in (8, 2):
    save(f"look_cv8_c2_{t}x{t}_320x256.u8", cv2.createCLAHE(2.0, (t, t)).apply(window_dcmtk(stored, 9065, 14636, 8)))
print("opencv", cv2.__version__, "numpy", np.__version__, "files", len(list(out.glob("*.u*"))),
      "bytes", sum(p.stat().st_size for p in out.glob("*.u*")))
