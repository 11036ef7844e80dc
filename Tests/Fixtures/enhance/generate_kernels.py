"""Golden files for the enhancement kernels (RadiographCoreTests), made by OpenCV.

Deterministic (numpy.random.default_rng). Run with the peers' venv:
    ../shared/peers/.venv/bin/python Tests/Fixtures/enhance/generate_kernels.py
Files in kernels/ are binary PGM (P5; maxval 255 for 8-bit, 65535 big-endian for 16-bit):
- in8_WxH.pgm, in16_WxH.pgm: smooth structures plus noise (like a radiograph), 8 and 16 bits.
- clahe8_c<clip>_<tx>x<ty>_WxH.pgm: cv2.createCLAHE(clip, (tx, ty)).apply(in8)
- clahe16_c<clip>_<tx>x<ty>_WxH.pgm: the same on in16 (OpenCV's 65,536 bins)
- median<k>_<8|16>_WxH.pgm: cv2.medianBlur(in, k)
- unsharp_<8|16>_s<sigma>_a<amount>_WxH.pgm: cv2.addWeighted(in, 1+a, cv2.GaussianBlur(in, (0,0), s), -a, 0)
- look_in16_320x256.pgm / look_cv8_320x256.pgm: a crop of the peers' 14-bit periapical windowed
  (C 9065, W 14636, linear) to 16 bits, and OpenCV's 8-bit CLAHE (clip 2, 2x2 tiles: 160x128-px tiles,
  near a periapical's 187x250 at 8x8) of its 8-bit window.
"""
import pathlib
import sys
import cv2
import numpy as np

out = pathlib.Path(__file__).parent / "kernels"
out.mkdir(exist_ok=True)


def pgm(path, a):
    h, w = a.shape
    if a.dtype == np.uint8:
        path.write_bytes(f"P5\n{w} {h}\n255\n".encode() + a.tobytes())
    else:
        path.write_bytes(f"P5\n{w} {h}\n65535\n".encode() + a.astype(">u2").tobytes())


def picture(w, h, seed, top):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    base = 0.35 + 0.25 * np.sin(xx / max(w, 2) * 5.0) * np.cos(yy / max(h, 2) * 3.0)
    base += 0.3 * ((xx - w / 2) ** 2 + (yy - h / 2) ** 2 < (min(w, h) / 3) ** 2)
    base += rng.normal(0, 0.04, size=(h, w))
    return np.clip(base * top, 0, top).round()


sizes = [(1, 1), (2, 2), (3, 5), (15, 9), (16, 16), (17, 13), (63, 40), (64, 64), (65, 33), (1, 37), (37, 1)]
for w, h in sizes:
    a8 = picture(w, h, 100 + w * 7 + h, 255).astype(np.uint8)
    a16 = picture(w, h, 200 + w * 7 + h, 65535).astype(np.uint16)
    pgm(out / f"in8_{w}x{h}.pgm", a8)
    pgm(out / f"in16_{w}x{h}.pgm", a16)
    for k in (3, 5):
        pgm(out / f"median{k}_8_{w}x{h}.pgm", cv2.medianBlur(a8, k))
        pgm(out / f"median{k}_16_{w}x{h}.pgm", cv2.medianBlur(a16, k))
    for s, amt in ((0.8, 1.0), (2.0, 1.0), (5.0, 0.5)):
        for a, bits in ((a8, 8), (a16, 16)):
            blur = cv2.GaussianBlur(a, (0, 0), s)
            pgm(out / f"unsharp_{bits}_s{s:g}_a{amt:g}_{w}x{h}.pgm", cv2.addWeighted(a, 1 + amt, blur, -amt, 0))
    for clip, (tx, ty) in ((2.0, (8, 8)), (1.0, (2, 3)), (4.0, (1, 1)), (40.0, (16, 16))):
        if tx > w or ty > h:
            continue
        c = cv2.createCLAHE(clipLimit=clip, tileGridSize=(tx, ty))
        pgm(out / f"clahe8_c{clip:g}_{tx}x{ty}_{w}x{h}.pgm", c.apply(a8))
        pgm(out / f"clahe16_c{clip:g}_{tx}x{ty}_{w}x{h}.pgm", c.apply(a16))

# The look test: a crop of the periapical phantom, windowed (DCMTK's linear rule) to 16 and 8 bits.
peers = pathlib.Path(__file__).resolve().parents[4] / "shared" / "peers"
sys.path.insert(0, str(peers))
src = cv2.imread(str(peers / "data/phantoms/io_periapical_14bit.png"), cv2.IMREAD_UNCHANGED)
crop = src[600:856, 300:620].astype(np.float64)
c, wd = 9065.0, 14636.0


def window(x, top):
    y = ((x - (c - 0.5)) / (wd - 1) + 0.5) * top
    return np.floor(np.clip(y, 0, top))


pgm(out / "look_in16_320x256.pgm", window(crop, 65535).astype(np.uint16))
w8 = window(crop, 255).astype(np.uint8)
pgm(out / "look_cv8_320x256.pgm", cv2.createCLAHE(clipLimit=2.0, tileGridSize=(2, 2)).apply(w8))
print("opencv", cv2.__version__, "numpy", np.__version__)

# Resize: cv2.resize(in, (w, h), interpolation) -> resize_<area|bilinear|lanczos>_<8|16>_<in WxH>_to_<WxH>.pgm
modes = {"area": cv2.INTER_AREA, "bilinear": cv2.INTER_LINEAR, "lanczos": cv2.INTER_LANCZOS4}
for (w, h), targets in {
    (64, 64): [(32, 32), (16, 16), (8, 8), (20, 13), (64, 64), (100, 70)],
    (65, 33): [(13, 11), (7, 5), (130, 66), (1, 1)],
    (17, 13): [(5, 4), (17, 26), (3, 3)],
    (3, 5): [(7, 5), (1, 2)],
    (1, 37): [(1, 9), (3, 37)],
    (37, 1): [(9, 1)],
    (1, 1): [(3, 2)],
}.items():
    for bits in (8, 16):
        a = cv2.imread(str(out / f"in{bits}_{w}x{h}.pgm"), cv2.IMREAD_UNCHANGED)
        for tw, th in targets:
            for name, mode in modes.items():
                pgm(out / f"resize_{name}_{bits}_{w}x{h}_to_{tw}x{th}.pgm", cv2.resize(a, (tw, th), interpolation=mode))

# Guided filter (self-guided, He et al.) in float64, the definition RadiographCore implements:
# I = in / top; box means over the (2r+1)^2 window cut at the edges; a = var / (var + eps),
# b = (1 - a) * mean; q = mean(a) * I + mean(b); eps = (0.05 * strength)^2; out = round(q * top).
# -> denoise_<8|16>_s<strength>_r<radius>_WxH.pgm


def box(x, r):
    h, w = x.shape
    c = np.cumsum(np.cumsum(np.pad(x, ((1, 0), (1, 0))), 0), 1)
    ys = np.arange(h)
    xs = np.arange(w)
    y0 = np.clip(ys - r, 0, h)[:, None]
    y1 = np.clip(ys + r + 1, 0, h)[:, None]
    x0 = np.clip(xs - r, 0, w)[None, :]
    x1 = np.clip(xs + r + 1, 0, w)[None, :]
    s = c[y1, x1] - c[y0, x1] - c[y1, x0] + c[y0, x0]
    return s / ((y1 - y0) * (x1 - x0))


for w, h in [(1, 1), (3, 5), (17, 13), (64, 64), (65, 33), (1, 37)]:
    for bits in (8, 16):
        a = cv2.imread(str(out / f"in{bits}_{w}x{h}.pgm"), cv2.IMREAD_UNCHANGED).astype(np.float64)
        top = 255.0 if bits == 8 else 65535.0
        for strength, r in ((0.2, 2), (1.0, 3)):
            i = a / top
            m = box(i, r)
            v = np.maximum(box(i * i, r) - m * m, 0)
            eps = (0.05 * strength) ** 2
            ca = v / (v + eps)
            cb = (1 - ca) * m
            q = box(ca, r) * i + box(cb, r)
            o = np.clip(np.rint(q * top), 0, top).astype(np.uint8 if bits == 8 else np.uint16)
            pgm(out / f"denoise_{bits}_s{strength:g}_r{r}_{w}x{h}.pgm", o)
