"""Golden files for the neighbourhood filters (UnsharpMaskTests, MedianTests, DenoiseTests).

Deterministic: numpy.random.default_rng with fixed seeds, no clock, no file from outside this
repository; two runs write byte-identical files. Made with the peers' venv:
    /work/shared/peers/.venv/bin/python Tests/Fixtures/enhance/generate_filters.py
which held (and this script checks, see VERSIONS below) OpenCV 5.0.0 (opencv-python) and numpy 2.4.6.
The tests read the files only; CI needs no Python.

Every file in filters/ is binary PGM (P5): maxval 255 for 8-bit, 65535 (big-endian) for 16-bit.
WxH is the image size; <d> is 8 or 16 (the pixel depth). Sizes: see SIZES below (the awkward
widths 1, 2, 3, 15, 16, 17, 63, 64, 65; 1xN and Nx1; most smaller than a sigma-5 kernel).

- in<d>_WxH.pgm: the input: a smooth radiograph-like background, a bright disc, a vertical step
  edge, Gaussian noise, and a few pixels forced to 0 and to the top value (so that sharpening
  saturates).
- median<k>_<d>_WxH.pgm: cv2.medianBlur(in, k), k = 3, 5 (OpenCV replicates the border).
- gauss_<d>_s<sigma>_WxH.pgm: cv2.GaussianBlur(in, (0, 0), sigma) (BORDER_REFLECT_101, OpenCV's
  kernel size: round(sigma*(3 if 8-bit else 4)*2+1)|1; fixed-point arithmetic on 8-bit).
- gaussf_<d>_s<sigma>_WxH.pgm: the same Gaussian in float64, rounded: rint(float_blur(in)) (see
  unsharpf). OpenCV 5.0.0's GaussianBlur on the 2x2 images is up to 1.5 levels off this exact
  result (sigma 2 and 5, 8- and 16-bit), hence this second oracle.
- unsharp_<d>_s<sigma>_a<amount>_WxH.pgm: cv2.addWeighted(in, 1+amount, GaussianBlur(in), -amount, 0)
  (OpenCV rounds the blur to the pixel type first: the reason for the +-1 tolerance).
- unsharpf_<d>_s<sigma>_a<amount>_t<threshold>_WxH.pgm: the same unsharp mask in float64 with the
  threshold: blur = cv2.sepFilter2D(in as float64, CV_64F, k, k, BORDER_REFLECT_101) with
  k = cv2.getGaussianKernel(ksize, sigma, CV_64F); d = in - blur;
  out = clip(rint(in + amount*d), 0, top) where |d| >= threshold, else in. (OpenCV has no threshold.)
  The threshold is 3.5 (8-bit) or 700 (16-bit), raised by steps of 0.125 until no |d| lies within
  0.02 (8-bit) or 0.25 (16-bit) of it, so that float32 rounding in the Swift kernel cannot flip a
  decision; the threshold used is in the file name.
- denoise_<d>_st<strength>_r<radius>_WxH.pgm: the self-guided filter (He, Sun, Tang) of
  RadiographCore's `denoised(_:)`, written plainly in numpy float64 (guided() below): I = in/top,
  eps = (0.05*strength)^2, window (2r+1)^2 cut at the image edges (means divide by the pixels
  inside), a = var/(var+eps), b = (1-a)*mean, out = clip(rint((mean(a)*I + mean(b))*top), 0, top).
"""
import pathlib

import cv2
import numpy as np

VERSIONS = {"opencv": cv2.__version__, "numpy": np.__version__}
assert VERSIONS == {"opencv": "5.0.0", "numpy": "2.4.6"}, f"regenerate with the pinned versions, not {VERSIONS}"

out = pathlib.Path(__file__).parent / "filters"
out.mkdir(exist_ok=True)
for old in out.glob("*.pgm"):
    old.unlink()

SIZES = [(1, 1), (2, 2), (3, 3), (1, 23), (23, 1), (2, 9), (3, 7), (15, 9), (16, 16), (17, 13),
         (63, 12), (64, 7), (65, 48), (9, 64)]
GAUSS = [0.8, 2.0, 5.0]
UNSHARP = [(0.8, 1.0), (2.0, 1.0), (5.0, 0.5)]
UNSHARP_THRESHOLD = {8: (2.0, 1.0, 3.5), 16: (2.0, 1.0, 700.0)}  # the first threshold t0 + i*step that fits
step = 0.125
DENOISE = [(0.1, 2), (0.5, 3)]


def pgm(path, a):
    h, w = a.shape
    if a.dtype == np.uint8:
        path.write_bytes(f"P5\n{w} {h}\n255\n".encode() + a.tobytes())
    else:
        path.write_bytes(f"P5\n{w} {h}\n65535\n".encode() + a.astype(">u2").tobytes())


def picture(w, h, seed, top):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    base = 0.3 + 0.2 * np.sin(xx / max(w, 2) * 4.0 + 0.5) * np.cos(yy / max(h, 2) * 3.0)
    base += 0.25 * ((xx - w / 2) ** 2 + (yy - h / 2) ** 2 < (min(w, h) / 3) ** 2)
    base += 0.2 * (xx >= w * 0.7)
    base += rng.normal(0, 0.03, size=(h, w))
    a = np.clip(base * top, 0, top).round()
    flat = a.reshape(-1)
    n = max(1, flat.size // 40)
    flat[rng.choice(flat.size, n, replace=False)] = 0
    flat[rng.choice(flat.size, n, replace=False)] = top
    return a


def ksize(sigma, bits):
    return int(round(sigma * (3 if bits == 8 else 4) * 2 + 1)) | 1


def float_blur(a, sigma, bits):
    k = cv2.getGaussianKernel(ksize(sigma, bits), sigma, cv2.CV_64F)
    return cv2.sepFilter2D(a.astype(np.float64), cv2.CV_64F, k, k, borderType=cv2.BORDER_REFLECT_101)


def box_mean(x, r):
    """Mean over the (2r+1)^2 window, cut at the edges: a plain double loop over the offsets."""
    h, w = x.shape
    total = np.zeros_like(x)
    count = np.zeros_like(x)
    for dy in range(-r, r + 1):
        for dx in range(-r, r + 1):
            ys, ye = max(0, -dy), min(h, h - dy)
            xs, xe = max(0, -dx), min(w, w - dx)
            if ys >= ye or xs >= xe:
                continue
            total[ys:ye, xs:xe] += x[ys + dy:ye + dy, xs + dx:xe + dx]
            count[ys:ye, xs:xe] += 1
    return total / count


def guided(a, strength, r, top):
    i = a.astype(np.float64) / top
    eps = (0.05 * strength) ** 2
    m = box_mean(i, r)
    var = np.maximum(box_mean(i * i, r) - m * m, 0)
    ca = var / (var + eps)
    cb = (1 - ca) * m
    return np.clip(np.rint((box_mean(ca, r) * i + box_mean(cb, r)) * top), 0, top)


for w, h in SIZES:
    for bits, dtype, top in ((8, np.uint8, 255), (16, np.uint16, 65535)):
        a = picture(w, h, bits * 1000 + w * 7 + h, top).astype(dtype)
        pgm(out / f"in{bits}_{w}x{h}.pgm", a)
        for k in (3, 5):
            pgm(out / f"median{k}_{bits}_{w}x{h}.pgm", cv2.medianBlur(a, k))
        for s in GAUSS:
            pgm(out / f"gauss_{bits}_s{s:g}_{w}x{h}.pgm", cv2.GaussianBlur(a, (0, 0), s))
            exact = np.clip(np.rint(float_blur(a, s, bits)), 0, top)
            pgm(out / f"gaussf_{bits}_s{s:g}_{w}x{h}.pgm", exact.astype(dtype))
        for s, amt in UNSHARP:
            blur = cv2.GaussianBlur(a, (0, 0), s)
            pgm(out / f"unsharp_{bits}_s{s:g}_a{amt:g}_{w}x{h}.pgm", cv2.addWeighted(a, 1 + amt, blur, -amt, 0))
        s, amt, t0 = UNSHARP_THRESHOLD[bits]
        d = a.astype(np.float64) - float_blur(a, s, bits)
        margin = 0.02 if bits == 8 else 0.25
        t = next(t0 + step * i for i in range(1000) if not np.any(np.abs(np.abs(d) - (t0 + step * i)) < margin))
        sharp = np.where(np.abs(d) >= t, np.clip(np.rint(a + amt * d), 0, top), a)
        pgm(out / f"unsharpf_{bits}_s{s:g}_a{amt:g}_t{t:g}_{w}x{h}.pgm", sharp.astype(dtype))
        for st, r in DENOISE:
            pgm(out / f"denoise_{bits}_st{st:g}_r{r}_{w}x{h}.pgm", guided(a, st, r, top).astype(dtype))

print(VERSIONS, len(list(out.glob("*.pgm"))), "files,", sum(p.stat().st_size for p in out.glob("*.pgm")), "bytes")
