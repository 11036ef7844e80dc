"""Golden files for the point operations of the enhancement pipeline (RadiographCoreTests).

Deterministic: numpy.random.default_rng(seed). Run with the peers' venv:
    ../shared/peers/.venv/bin/python Tests/Fixtures/enhance/generate_point.py
Produces (8-bit binary PGM, P5):
- point/equalize_in_WxH.pgm   skewed 8-bit values (most pixels dark, a bright tail, one unused gap)
- point/equalize_cv_WxH.pgm   cv2.equalizeHist of it (OpenCV's rule: the lowest occupied level goes to 0)
"""
import pathlib
import cv2
import numpy as np

out = pathlib.Path(__file__).parent / "point"
out.mkdir(exist_ok=True)


def pgm(path, a):
    h, w = a.shape
    path.write_bytes(f"P5\n{w} {h}\n255\n".encode() + a.astype(np.uint8).tobytes())


rng = np.random.default_rng(4018)
for w, h in [(1, 1), (17, 13), (64, 3), (65, 40)]:
    a = np.clip(rng.gamma(2.0, 18.0, size=(h, w)) + 20, 0, 255).astype(np.uint8)
    a[a == 60] = 61  # a gap in the histogram
    if w * h > 1:
        a.flat[0] = 250
    pgm(out / f"equalize_in_{w}x{h}.pgm", a)
    pgm(out / f"equalize_cv_{w}x{h}.pgm", cv2.equalizeHist(a))
print("opencv", cv2.__version__, "numpy", np.__version__)
