#!/usr/bin/env python3
"""Radiograph's synthetic dental captures: deterministic, realistic enough for a dentist to read.

    python generate.py OUTDIR        # writes the four uncompressed DICOM files + pixels.sha256

How a capture is made (all lengths in millimetres, converted with the pixel spacing):

1. **Projection model.** A radiograph records the line integral of attenuation along each ray, so
   every structure is given a 3-D cross-section and contributes ``mu * chord length``: a root is an
   elliptic cylinder (bright in the middle, thinning to its edges), enamel is the difference of the
   crown and of the dentine core inside it (so it is brightest where the beam runs tangentially
   through it), the pulp is a hole in the dentine, a socket is a hole in the bone that is 0.2 mm
   wider than its root (the periodontal ligament space shows up as a thin dark line by itself) and
   is lined by a 0.25 mm cortical shell (the lamina dura shows up as a thin bright line by itself).
2. **Bone** is a slab of trabecular bone between two cortical plates; its texture is ridged,
   band-passed noise at two scales (plates and rods of trabeculae, dark marrow spaces).
3. **Detector and processing.** The summed attenuation A goes through a soft exposure curve
   ``lo + (hi - lo) * (1 - exp(-A / A0))`` (the "for presentation" processing), metal exceeds the
   top of that curve and clips at the largest stored value, quantum noise grows with density
   (fewer photons behind dense matter), and a Gaussian of about one pixel stands for the
   scintillator and focal-spot blur. The sensor's rounded corners hold no data and are stored 0.

Every random field comes from ``numpy.random.default_rng(seed)`` with a fixed seed and every
filter is a deterministic FFT, so the same numpy gives the same bytes on every run
(``pixels.sha256`` records them). Patients, dates and UIDs are synthetic; UIDs are ``2.25.<uuid5>``
of a fixed namespace, so they never change between runs.
"""
from __future__ import annotations

import hashlib
import math
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.sr.codedict import codes
from pydicom.uid import ExplicitVRLittleEndian

NAMESPACE = uuid.UUID("3b0c9a52-6f0e-5d1a-9c55-7a1d0e4b2f60")  # fixed: UIDs stay stable

IO_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.3"
IO_PROCESSING = "1.2.840.10008.5.1.4.1.1.1.3.1"
DX_PRESENTATION = "1.2.840.10008.5.1.4.1.1.1.1"

# Effective linear attenuation (1/mm) at dental kV, relative: what matters is their ratios.
MU_SOFT = 0.10
MU_TRAB = 0.40      # trabecular bone, average (texture modulates it)
MU_CORT = 1.15      # cortical bone: plates, lamina dura, canal walls, crest
MU_DENTIN = 1.30
MU_ENAMEL = 2.9
MU_PULP = 0.10
MU_GUTTA = 3.2      # gutta-percha root filling: very bright, below saturation
MU_METAL = 60.0     # amalgam, cast crowns, titanium: far past the top of the curve


def uid(name: str) -> str:
    """A UID under the 2.25 root from a name-based UUID (PS3.5 B.2): stable across runs."""
    return "2.25." + str(uuid.uuid5(NAMESPACE, name).int)


# ------------------------------------------------------------------------------------------------
# Fields and filters
# ------------------------------------------------------------------------------------------------

def gaussian(a: np.ndarray, sy: float, sx: float | None = None) -> np.ndarray:
    """Gaussian blur (sigma in px) through the FFT, with reflected borders."""
    sx = sy if sx is None else sx
    pad = int(3 * max(sy, sx)) + 2
    p = np.pad(a.astype(np.float64), pad, mode="reflect")
    fy = np.fft.fftfreq(p.shape[0])[:, None]
    fx = np.fft.rfftfreq(p.shape[1])[None, :]
    g = np.exp(-2.0 * np.pi ** 2 * ((sy * fy) ** 2 + (sx * fx) ** 2))
    out = np.fft.irfft2(np.fft.rfft2(p) * g, s=p.shape)
    return out[pad:-pad, pad:-pad]


def noise(rng: np.random.Generator, shape, sy: float, sx: float | None = None) -> np.ndarray:
    """Gaussian-filtered white noise, zero mean, unit standard deviation."""
    n = gaussian(rng.standard_normal(shape), sy, sx)
    n -= n.mean()
    return n / (n.std() + 1e-12)


def ridged(rng, shape, scale: float, aniso: float = 1.0) -> np.ndarray:
    """Trabecular pattern 0..1: bright, thin strands where band-passed noise crosses zero."""
    a = noise(rng, shape, scale * aniso, scale) - 0.6 * noise(rng, shape, 2.2 * scale * aniso, 2.2 * scale)
    a /= a.std()
    return np.exp(-(a / 0.45) ** 2)


def trabecular(rng, shape, px_mm: float, aniso: float = 1.4) -> np.ndarray:
    """Radiographic trabecular texture (0..1, mean ~0.5).

    The beam crosses many trabeculae, so the image is a superposition: three layers of fine
    strands (~0.5 mm apart), one of coarse marrow spaces, and a slow density variation.
    """
    s1 = 0.12 / px_mm
    s2 = 0.30 / px_mm
    t = sum(0.22 * ridged(rng, shape, s1 * f, aniso) for f in (0.8, 1.0, 1.25))
    t += 0.35 * ridged(rng, shape, s2, aniso)
    t -= 0.35 * np.clip(noise(rng, shape, 1.6 * s2), 0, None)   # marrow spaces
    t += 0.20 * noise(rng, shape, 4.0 * s2)
    t = gaussian(t, 0.6)
    t = (t - np.percentile(t, 1)) / (np.percentile(t, 99) - np.percentile(t, 1))
    return np.clip(t, 0, 1)


def smoothstep(t):
    t = np.clip(t, 0.0, 1.0)
    return t * t * (3 - 2 * t)


def chord(d, r):
    """Length of a chord through a disc of radius r at distance d from its centre."""
    return 2.0 * np.sqrt(np.clip(r * r - d * d, 0.0, None))


def rounded_corners(h: int, w: int, radius: float) -> np.ndarray:
    """True inside the sensor's active area (a rectangle with rounded corners)."""
    y, x = np.mgrid[0:h, 0:w]
    dx = np.maximum(np.maximum(radius - x, x - (w - 1 - radius)), 0)
    dy = np.maximum(np.maximum(radius - y, y - (h - 1 - radius)), 0)
    return dx * dx + dy * dy <= radius * radius


def profile(t, pts):
    """Piecewise-linear profile through (t, value) points (the final blur rounds its corners)."""
    ts, vs = zip(*pts)
    return np.interp(t, ts, vs)


# ------------------------------------------------------------------------------------------------
# Teeth
# ------------------------------------------------------------------------------------------------

# Crown outline (half-width as a fraction of the largest) from the cusp tips (0) to the CEJ (1).
CROWN_PROFILES = {
    "molar":    [(0.0, 0.80), (0.07, 0.92), (0.25, 1.0), (0.55, 0.96), (0.85, 0.85), (1.0, 0.77)],
    "premolar": [(0.0, 0.45), (0.08, 0.78), (0.30, 1.0), (0.60, 0.93), (0.85, 0.80), (1.0, 0.72)],
    "canine":   [(0.0, 0.18), (0.12, 0.70), (0.35, 1.0), (0.70, 0.88), (1.0, 0.70)],
    "incisor":  [(0.0, 0.88), (0.10, 1.0), (0.45, 0.92), (0.80, 0.75), (1.0, 0.66)],
}


@dataclass
class Tooth:
    """A tooth in the image plane. Lengths in mm; (x, y) in px is the cusp-tip level on the axis."""
    x: float
    y: float
    kind: str
    crown_w: float          # mesio-distal width at the height of contour
    crown_h: float          # cusp tip to cemento-enamel junction
    root_len: float         # CEJ to apex
    apex_down: bool = True  # mandibular tooth (crown up); False for a maxillary tooth
    tilt: float = 0.0       # degrees, positive turns the apex toward +x
    roots: int = 1          # 1 or 2 (a lower molar's mesial and distal root)
    depth: float = 1.1      # bucco-lingual / mesio-distal ratio of the cross-sections
    root_curve: float = 0.0  # apical third bends by this much (mm, toward +x)
    enamel: float = 1.0     # enamel thickness scale
    rcf: bool = False       # root-canal filling (gutta-percha) in the canal(s)
    gone: bool = False      # extracted (keeps its slot in an arch)

    # -- geometry -------------------------------------------------------------------------------
    def extent_px(self, px: float) -> tuple[float, float]:
        return (self.crown_w * 0.8 + abs(self.root_curve) + 1.5) / px, (self.crown_h + self.root_len + 1.5) / px

    def local(self, X, Y, px):
        """(u, s) in mm: u across the tooth, s along it from the cusp tips toward the apex."""
        dx = (X - self.x) * px
        dy = (Y - self.y) * px * (1 if self.apex_down else -1)
        t = math.radians(self.tilt) * (1 if self.apex_down else -1)
        u = dx * math.cos(t) - dy * math.sin(t)
        s = dx * math.sin(t) + dy * math.cos(t)
        return u, s

    def crown_half(self, s):
        t = np.clip(s / self.crown_h, 0, 1)
        return 0.5 * self.crown_w * profile(t, CROWN_PROFILES[self.kind])

    def occlusal(self, u):
        """s of the occlusal/incisal surface above lateral position u (cusps at s = 0)."""
        r = np.clip(np.abs(u) / (0.5 * self.crown_w), 0, 1.2)
        if self.kind == "molar":      # mesial and distal cusps, central fossa between
            return np.where(r < 0.5, 1.3 * np.cos(np.pi * r) ** 2, 3.6 * (r - 0.5) ** 2)
        if self.kind == "premolar":   # one buccal cusp
            return 1.9 * r ** 1.6
        if self.kind == "canine":
            return 3.0 * r ** 1.2
        return 0.5 * r ** 2          # incisal edge

    def fields(self, X, Y, px):
        """Projected thicknesses (mm): enamel, dentine, pulp, gutta-percha, socket, lamina dura."""
        u, s = self.local(X, Y, px)
        ch, rl = self.crown_h, self.root_len
        wn = 0.5 * self.crown_w * CROWN_PROFILES[self.kind][-1][1]          # half-width at CEJ
        v = (s - ch) / rl                                                     # 0 at CEJ, 1 at apex
        # Apical bend, and a slight irregularity of the outline (no real tooth is straight).
        u = u - self.root_curve * np.clip((v - 0.55) / 0.45, 0, 1) ** 2
        ph = (self.x * 0.013 + self.y * 0.007) % (2 * np.pi)
        u = u + 0.12 * np.sin(s * 0.9 + ph) + 0.07 * np.sin(s * 2.3 + 2 * ph)
        k = self.depth
        # Roots are ribbon-shaped: deeper bucco-lingually than wide, increasingly so below the CEJ.
        kr = self.depth * (1.0 + 0.15 * smoothstep((s - ch) / (0.3 * rl)))
        s_top = self.occlusal(u)
        top_ramp = np.sqrt(np.clip((s - s_top) / 1.2, 0, 1))
        in_crown = (s <= ch + 0.2)
        # Crown outer and dentine core (the dentino-enamel junction).
        wc = self.crown_half(s)
        e_side = 1.1 * self.enamel * smoothstep((ch - s) / (0.55 * ch))
        e_occ = (1.7 if self.kind in ("molar", "premolar") else 1.0) * self.enamel
        outer_c = k * chord(u, wc) * top_ramp * in_crown
        core_ramp = np.sqrt(np.clip((s - s_top - e_occ) / 1.2, 0, 1))
        core_c = k * chord(u, np.maximum(wc - e_side, 0)) * core_ramp * in_crown
        # Roots (below the CEJ): one, or a mesial and a distal one diverging from a trunk.
        pdl, ld = 0.20, 0.28
        # Sockets extend past the apex by the PDL width: evaluate them on a slightly longer root.
        v_s = (s - ch) / (rl + pdl)
        in_sock = (v_s >= -0.3) & (v_s <= 1)
        signs = [0.0] if self.roots == 1 else [-1.0, 1.0]
        root = np.zeros_like(u)
        canal = np.zeros_like(u)
        sock = np.zeros_like(u)
        lam = np.zeros_like(u)
        if self.roots == 2:   # the root trunk between the CEJ and the furcation
            fade = smoothstep((0.24 - v) / 0.10)
            for vx, is_socket in ((v, False), (v_s, True)):
                wt = wn * (1.0 - 0.4 * np.clip(vx, 0, 1))
                if not is_socket:
                    root = np.maximum(root, kr * chord(u, wt) * fade * (vx >= -0.2 / rl))
                else:
                    a = kr * chord(u, wt + pdl) * fade * in_sock
                    b = kr * chord(u, wt + pdl + ld) * fade * in_sock
                    sock = np.maximum(sock, b)
                    lam = np.maximum(lam, b - a)
        for sgn in signs:
            for vx, is_socket in ((v, False), (v_s, True)):
                vc = np.clip(vx, 0, 1)
                taper = np.sqrt(np.clip(1 - vc ** 4, 0, 1))
                if self.roots == 1:
                    w, cen = wn * (1.0 - 0.55 * vc) * taper, 0.0
                else:
                    w, cen = wn * 0.43 * (1 - 0.40 * vc) * taper + 0.05, sgn * wn * (0.52 + 0.30 * vc)
                if not is_socket:
                    in_root = (vx >= -0.2 / rl) & (vx <= 1)
                    root = np.maximum(root, kr * chord(u - cen, w) * in_root)
                    cw = (0.11 * w + 0.09) * (1 - 0.6 * vc)
                    canal = np.maximum(canal, 1.8 * kr * chord(u - cen, cw) * in_root * (vx < 0.985))
                else:
                    a = kr * chord(u - cen, w + pdl) * in_sock
                    b = kr * chord(u - cen, w + pdl + ld) * in_sock
                    sock = np.maximum(sock, b)
                    lam = np.maximum(lam, b - a)
        # Pulp chamber: from under the cusps (two horns in molars/premolars) to the canal orifices.
        wp = wn * 0.46
        horn = 0.9 if self.kind in ("molar", "premolar") else 0.3
        roof = ch * 0.50 - horn * np.clip(np.abs(u) / max(wp, 1e-6), 0, 1) ** 2
        floor = ch + (0.18 if self.roots == 2 else 0.0) * rl
        cham_w = wp * np.where(s < ch, 1.0, np.clip(1 - (s - ch) / (0.25 * rl) * 0.75, 0.25, 1))
        # A rounded roof (with horns toward the cusps), a floor at the furcation or the canal.
        cham_w = cham_w * np.sqrt(np.clip((s - (ch * 0.50 - horn)) / (0.30 * ch), 0, 1))
        chamber = 1.1 * k * chord(u, cham_w) * smoothstep((s - roof) / 0.8) * smoothstep((floor - s) / 0.6)
        pulp = np.maximum(chamber, canal)
        # Crown and root meet at the CEJ (each runs 0.2 mm past it, so there is no seam).
        outer = np.maximum(outer_c, root)
        core = np.maximum(core_c, root)
        enamel = np.clip(outer - core, 0, None)
        pulp = np.minimum(pulp, 0.85 * core)
        dentin = np.clip(core - pulp, 0, None)
        gp = pulp if self.rcf else np.zeros_like(pulp)
        return dict(enamel=enamel, dentin=dentin, pulp=pulp - gp, gutta=gp, socket=sock, lamina=lam,
                    u=u, s=s)


def tooth_box(t: Tooth, px: float, h: int, w: int):
    ex, ey = t.extent_px(px)
    y0, y1 = (t.y - 2 / px, t.y + ey) if t.apex_down else (t.y - ey, t.y + 2 / px)
    x0, x1 = t.x - ex - abs(t.tilt) / 45 * ey, t.x + ex + abs(t.tilt) / 45 * ey
    return (max(int(y0), 0), min(int(y1) + 1, h), max(int(x0), 0), min(int(x1) + 1, w))


class Canvas:
    """Thickness maps (mm) of each material; the attenuation is their weighted sum."""

    def __init__(self, h, w, px):
        self.h, self.w, self.px = h, w, px
        self.Y, self.X = np.mgrid[0:h, 0:w].astype(np.float64)
        z = lambda: np.zeros((h, w))
        self.enamel, self.dentin, self.pulp, self.gutta = z(), z(), z(), z()
        self.socket, self.lamina, self.metal = z(), z(), z()

    def add_tooth(self, t: Tooth):
        if t.gone:
            return
        y0, y1, x0, x1 = tooth_box(t, self.px, self.h, self.w)
        if y1 <= y0 or x1 <= x0:
            return
        f = t.fields(self.X[y0:y1, x0:x1], self.Y[y0:y1, x0:x1], self.px)
        for name in ("enamel", "dentin", "pulp", "gutta"):
            getattr(self, name)[y0:y1, x0:x1] += f[name]
        self.socket[y0:y1, x0:x1] = np.maximum(self.socket[y0:y1, x0:x1], f["socket"])
        self.lamina[y0:y1, x0:x1] = np.maximum(self.lamina[y0:y1, x0:x1], f["lamina"])
        return f, (y0, y1, x0, x1)

    def teeth_attenuation(self):
        return (MU_ENAMEL * self.enamel + MU_DENTIN * self.dentin + MU_PULP * self.pulp
                + MU_GUTTA * self.gutta + MU_METAL * self.metal)


def expose(A, rng, bits, *, a0, lo, hi, noise_frac, blur_px, metal=None):
    """Attenuation -> stored values: exposure curve, density-dependent quantum noise, blur, clip."""
    top = (1 << bits) - 1
    sig = lo + (hi - lo) * (1.0 - np.exp(-A / a0))
    # Photons behind the object fall as exp(-A * k): noise (in stored units) grows with density.
    sd = noise_frac * (0.6 + 0.8 * np.clip(sig, 0, 1))
    n = rng.standard_normal(A.shape) * sd
    img = gaussian(sig, blur_px) + gaussian(n, 0.6) * 2.0
    img = np.clip(np.rint(img * top), 0, top)
    if metal is not None:
        img[metal] = top
    return img.astype(np.uint16)


# ------------------------------------------------------------------------------------------------
# Scenes
# ------------------------------------------------------------------------------------------------

def box_local(u, s, u0, u1, s0, s1, r):
    """Soft (0..1) rounded box in a tooth's local (u, s) coordinates, corner radius r (mm)."""
    cu, cs = (u0 + u1) / 2, (s0 + s1) / 2
    hu, hs = (u1 - u0) / 2 - r, (s1 - s0) / 2 - r
    qx, qy = np.abs(u - cu) - hu, np.abs(s - cs) - hs
    d = np.hypot(np.maximum(qx, 0), np.maximum(qy, 0)) + np.minimum(np.maximum(qx, qy), 0) - r
    return np.clip(0.5 - d / 0.04, 0, 1)


def crest_line(teeth, px, x, below_cej=1.5):
    """The alveolar crest: scalloped, peaking between teeth 1.5 mm below their CEJs."""
    pts = []
    order = sorted(teeth, key=lambda t: t.x)
    for a, b in zip(order, order[1:]):
        cej_a = a.y + (a.crown_h if a.apex_down else -a.crown_h) / px
        cej_b = b.y + (b.crown_h if b.apex_down else -b.crown_h) / px
        sgn = 1 if a.apex_down else -1
        mid = (a.x + a.crown_w / 2 / px + b.x - b.crown_w / 2 / px) / 2
        pts.append((mid, (cej_a + cej_b) / 2 + sgn * below_cej / px))
    for t in order:
        cej = t.y + (t.crown_h if t.apex_down else -t.crown_h) / px
        sgn = 1 if t.apex_down else -1
        pts.append((t.x, cej + sgn * (below_cej + 1.2) / px))
    pts.sort()
    xs, ys = zip(*pts)
    return np.interp(x, xs, ys)


def intraoral_scene(rng, h, w, px, teeth, *, lower=True, upper_teeth=(), canal=None, trab_mm=9.0):
    """Soft tissue, alveolar bone with sockets and lamina dura, teeth; returns (A, canvas)."""
    cv = Canvas(h, w, px)
    x = np.arange(w, dtype=np.float64)
    Y, X = cv.Y, cv.X
    for t in list(teeth) + list(upper_teeth):
        cv.add_tooth(t)
    tex = trabecular(rng, (h, w), px)
    bone = np.zeros((h, w))
    crest_cortex = np.zeros((h, w))
    depth_below = np.zeros((h, w))
    for arch, sgn in ((teeth, 1), (upper_teeth, -1)):
        if not arch:
            continue
        crest = crest_line(arch, px, x) + 8 * noise(rng, (1, w), 60)[0]
        dist = sgn * (Y - crest[None, :]) * px           # mm into the bone
        b = smoothstep(dist / 0.5)
        bone = np.maximum(bone, b)
        depth_below = np.maximum(depth_below, np.clip(dist, 0, None))
        crest_cortex += np.exp(-((dist - 0.25) / 0.22) ** 2)
    # Soft tissue: cheek and tongue everywhere, the gingiva over the crest, less near the occlusal plane.
    soft = 15.0 + 3.0 * noise(rng, (h, w), 4 / px) + 4.0 * np.clip(bone + 0.5, 0, 1)
    # Bone slab: thin at the crest, thicker toward the basal bone; cortical plates thicken too.
    slab = trab_mm * (0.55 + 0.45 * smoothstep(depth_below / 4.0)) + 3.0 * smoothstep((depth_below - 10) / 12)
    plates = 1.6 + 1.4 * smoothstep((depth_below - 8) / 14)
    sockets = cv.socket
    # Roots displace part of the trabecular bone; the rest lies buccal and lingual of them.
    trab = np.clip(slab - 0.6 * sockets, 0, None) * (0.55 + 0.9 * tex)
    A_bone = MU_CORT * plates + MU_TRAB * trab + MU_CORT * cv.lamina + MU_CORT * 0.9 * crest_cortex
    if canal is not None:   # mandibular canal: a tube through the bone with a thin cortical wall
        cy = canal(x)
        d = (Y - cy[None, :]) * px
        r = 1.5
        hole = chord(d, r) * 2.0
        wall = (chord(d, r + 0.25) - chord(d, r)) * 1.2
        A_bone += -MU_TRAB * 1.0 * hole + MU_CORT * 0.7 * wall
    A = MU_SOFT * soft + bone * A_bone + cv.teeth_attenuation()
    return A, cv


def periapical():
    """Lower right posterior periapical (FDI 47-44), size-2 sensor, 14 bits."""
    px, w, h = 0.0185, 1500, 2000
    rng = np.random.default_rng(20260115)
    mm = lambda v: v / px
    cusp = mm(5.6)
    t47 = Tooth(mm(0.2), cusp + mm(0.3), "molar", 10.5, 7.2, 12.5, tilt=-5, roots=2, depth=0.95, root_curve=-0.8)
    t46 = Tooth(mm(10.9), cusp, "molar", 11.0, 7.5, 13.0, tilt=-3, roots=2, depth=0.95, root_curve=-0.6)
    t45 = Tooth(mm(19.75), cusp - mm(0.2), "premolar", 7.1, 8.0, 14.5, tilt=-1, depth=1.15, rcf=True)
    t44 = Tooth(mm(26.7), cusp - mm(0.1), "premolar", 7.0, 8.3, 14.2, tilt=1.5, depth=1.15)
    teeth = [t47, t46, t45, t44]
    canal = lambda x: mm(31.2) + mm(1.6) * (x / w) - mm(0.8) * np.sin(np.pi * x / w)
    A, cv = intraoral_scene(rng, h, w, px, teeth, canal=canal)
    # Mesio-occlusal amalgam in 46 (mesial is +x): occlusal box and proximal box, saturating.
    u, s = t46.local(cv.X, cv.Y, px)
    inside = (s > t46.occlusal(u) - 0.05) & (np.abs(u) < t46.crown_half(np.clip(s, 0, None)) + 0.08)
    fill = np.maximum(box_local(u, s, -2.3, 2.6, -1.0, 2.9, 0.7), box_local(u, s, 1.7, 6.5, -1.0, 5.0, 0.6)) * inside
    metal = fill > 0.5
    A += MU_METAL * 4.0 * fill
    # 45 is root-filled (gutta-percha in chamber and canal) with a composite in the access cavity.
    u5, s5 = t45.local(cv.X, cv.Y, px)
    inside5 = (s5 > t45.occlusal(u5) - 0.05)
    A += 1.0 * 2.5 * box_local(u5, s5, -1.3, 1.3, -1.0, 4.6, 0.6) * inside5
    # An early interproximal carious lesion on the distal surface of 44, just under the contact.
    u4, s4 = t44.local(cv.X, cv.Y, px)
    edge = -t44.crown_half(np.clip(s4, 0, None))
    lesion = np.exp(-(((u4 - edge - 0.35) / 0.55) ** 2 + ((s4 - 3.0) / 0.8) ** 2))
    A -= 3.0 * lesion * (cv.enamel + cv.dentin > 0)
    A *= (1.0 - 0.04 * cv.X / w) * (1.0 - 0.03 * cv.Y / h)   # heel effect
    stored = expose(A, rng, 14, a0=17.0, lo=0.04, hi=1.10, noise_frac=0.0022, blur_px=1.3, metal=metal)
    stored[~rounded_corners(h, w, mm(2.6))] = 0
    return stored


def upsample(a: np.ndarray, h: int, w: int, step: int) -> np.ndarray:
    """Bilinear upsampling of a field sampled every `step` px back to h x w."""
    yy = np.minimum(np.arange(h) / step, a.shape[0] - 1.0001)
    xx = np.minimum(np.arange(w) / step, a.shape[1] - 1.0001)
    y0, x0 = yy.astype(int), xx.astype(int)
    fy, fx = (yy - y0)[:, None], (xx - x0)[None, :]
    a00, a01 = a[y0][:, x0], a[y0][:, x0 + 1]
    a10, a11 = a[y0 + 1][:, x0], a[y0 + 1][:, x0 + 1]
    return (a00 * (1 - fx) + a01 * fx) * (1 - fy) + (a10 * (1 - fx) + a11 * fx) * fy


def polygon_sdf(h: int, w: int, pts, step: int = 4) -> np.ndarray:
    """Signed distance (px, negative inside) to a closed polygon, computed coarse and upsampled."""
    gy, gx = np.mgrid[0:h // step + 2, 0:w // step + 2].astype(np.float64) * step
    p = np.asarray(pts, np.float64)
    q = np.roll(p, -1, axis=0)
    d2 = np.full(gy.shape, np.inf)
    inside = np.zeros(gy.shape, bool)
    for (x0, y0), (x1, y1) in zip(p, q):
        ex, ey = x1 - x0, y1 - y0
        t = np.clip(((gx - x0) * ex + (gy - y0) * ey) / (ex * ex + ey * ey + 1e-12), 0, 1)
        d2 = np.minimum(d2, (gx - x0 - t * ex) ** 2 + (gy - y0 - t * ey) ** 2)
        cross = ((y0 > gy) != (y1 > gy)) & (gx < x0 + (gy - y0) * ex / (ey + 1e-12))
        inside ^= cross
    d = np.sqrt(d2) * np.where(inside, -1.0, 1.0)
    return upsample(d, h, w, step)


def smooth_curve(pts, n=24):
    """Catmull-Rom spline through the points of a closed outline, n samples per span."""
    p = np.asarray(pts, np.float64)
    out = []
    for i in range(len(p)):
        p0, p1, p2, p3 = p[i - 1], p[i], p[(i + 1) % len(p)], p[(i + 2) % len(p)]
        for t in np.linspace(0, 1, n, endpoint=False):
            t2, t3 = t * t, t * t * t
            out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t2
                              + (-p0 + 3 * p1 - 3 * p2 + p3) * t3))
    return out


def crown_region(t: Tooth, X, Y, px, grow=0.25):
    """A soft mask of the tooth's crown grown by `grow` mm (a cast crown or a crown's outline)."""
    u, s = t.local(X, Y, px)
    d_side = np.abs(u) - (t.crown_half(np.clip(s, 0, t.crown_h)) + grow)
    d_top = (t.occlusal(u) - grow) - s
    d_cej = s - (t.crown_h + 0.3)
    d = np.maximum(np.maximum(d_side, d_top), d_cej)
    return np.clip(0.5 - d / (2 * px), 0, 1)


# Permanent teeth from the midline backwards: kind, crown width, crown height, root length (mm),
# roots (as seen in a panoramic: two for lower molars, two superimposed for upper molars).
UPPER = [("incisor", 8.6, 10.5, 13.0, 1), ("incisor", 6.6, 9.0, 13.0, 1), ("canine", 7.6, 10.0, 17.0, 1),
         ("premolar", 7.0, 8.5, 14.0, 1), ("premolar", 6.8, 8.0, 14.0, 1), ("molar", 10.2, 7.5, 12.5, 2),
         ("molar", 9.2, 7.0, 12.0, 2), ("molar", 8.6, 6.5, 11.0, 2)]
LOWER = [("incisor", 5.4, 9.0, 12.5, 1), ("incisor", 5.9, 9.5, 14.0, 1), ("canine", 6.9, 11.0, 16.0, 1),
         ("premolar", 7.0, 8.5, 14.0, 1), ("premolar", 7.1, 8.0, 14.5, 1), ("molar", 11.0, 7.5, 13.0, 2),
         ("molar", 10.5, 7.0, 13.0, 2), ("molar", 10.0, 7.0, 11.0, 2)]


def panoramic():
    """Panoramic: full permanent dentition on a smile-shaped occlusal curve, jaws, rami, sinuses."""
    h, w = 1450, 2900
    px_img = 0.1
    px = px_img / 1.27          # anatomical mm per pixel: the unit magnifies ~1.27x
    rng = np.random.default_rng(19571002)
    xc = w / 2
    cv = Canvas(h, w, px)
    X, Y = cv.X, cv.Y
    x = np.arange(w, dtype=np.float64)
    occ = lambda xx: 735.0 - 0.000105 * (xx - xc) ** 2           # the "smile"
    slope = lambda xx: -0.00021 * (xx - xc)
    teeth = {}
    for arch, table in (("U", UPPER), ("L", LOWER)):
        for side in (-1, 1):                                     # -1: image left = patient right
            pos = xc + side * 3
            for i, (kind, cw, chh, rl, roots) in enumerate(table):
                hmag = 0.82 + 0.05 * i                            # anterior narrowed, posterior widened
                wpx = cw * hmag / px
                cx = pos + side * wpx / 2
                pos += side * (wpx + 2)
                gap = 14 - 1.2 * i
                m = slope(cx)
                tilt = math.degrees(math.atan(-m)) + (4 * side if kind == "molar" else 1.5 * side * (i > 2))
                if arch == "U":
                    tilt = -math.degrees(math.atan(-m)) * 0.5 - (5 * side if kind == "molar" else 0)
                fdi = (10 if side < 0 else 20) + i + 1 if arch == "U" else (40 if side < 0 else 30) + i + 1
                t = Tooth(cx, occ(cx) + (gap / 2 if arch == "L" else -gap / 2), kind, cw * hmag, chh, rl,
                          apex_down=(arch == "L"), tilt=tilt, roots=roots,
                          depth=1.05 if kind != "incisor" else 1.25, root_curve=0.6 * side * (kind == "molar"),
                          rcf=(fdi == 35))
                teeth[fdi] = t
    teeth[46].gone = True                                        # replaced by an implant
    for t in teeth.values():
        cv.add_tooth(t)
    lower = [t for f, t in teeth.items() if f >= 30]
    upper = [t for f, t in teeth.items() if f < 30]
    crest_l = crest_line([t for t in lower], px, x, below_cej=1.6)
    crest_u = crest_line([t for t in upper], px, x, below_cej=1.6)
    # Beyond the last molars the ridges run on (retromolar area, tuberosity).
    span_l = (min(t.x for t in lower) - 60, max(t.x for t in lower) + 60)
    span_u = (min(t.x for t in upper) - 40, max(t.x for t in upper) + 40)
    # ---- mandible ----
    half = [(0, 1335), (300, 1312), (600, 1250), (840, 1160), (990, 1095), (1070, 1080), (1135, 1045),
            (1168, 990), (1178, 860), (1180, 700), (1172, 540), (1160, 440), (1185, 390), (1200, 335),
            (1165, 300), (1120, 318), (1110, 380), (1085, 450), (1030, 500), (975, 460), (940, 385),
            (915, 400), (890, 520), (870, 660), (850, 760)]
    right = [(xc + dx, y) for dx, y in half]
    left = [(xc - dx, y) for dx, y in half]
    # Its top across the dentition is the lower alveolar crest.
    xs = np.linspace(xc + 820, xc - 820, 40)
    crest_pts = [(xx, float(np.interp(xx, x, crest_l)) + 25) for xx in xs]
    outline = smooth_curve(list(reversed(left))[:-1] + right + crest_pts, 5)
    d_mand = polygon_sdf(h, w, outline)
    in_l = smoothstep((Y - crest_l[None, :]) * px / 0.5) * ((X > span_l[0]) & (X < span_l[1])) * (Y < crest_l[None, :] + 150)
    mand = np.maximum(np.clip(0.5 - d_mand / 3, 0, 1), in_l)
    # Cortex: thick along the lower border, thinner on the ramus.
    d_in = -d_mand
    lower_border = smoothstep((Y - 950) / 150)
    cortex = np.exp(-((d_in - (14 + 10 * lower_border)) / (9 + 9 * lower_border)) ** 2) * mand
    cortex *= 0.45 + 0.55 * np.maximum(lower_border, smoothstep((np.abs(X - xc) - 1080) / 60))
    # ---- maxilla ----
    y_pal = 352.0 + 0.00003 * (x - xc) ** 2
    d_up = (crest_u[None, :] - Y)                                  # px above the crest: into bone
    maxilla = smoothstep(d_up * px / 0.5) * (0.35 + 0.65 * smoothstep((Y - y_pal[None, :] + 60) / 140))
    maxilla *= smoothstep((span_u[1] - xc + 90 - np.abs(X - xc) - 0.0004 * np.clip(crest_u[None, :] - Y, 0, None) ** 2) / 120)
    bone = np.clip(mand + maxilla, 0, 1)
    tex = trabecular(rng, (h, w), 0.055, aniso=1.2)   # pixel-scale detail is lost in the tomographic blur
    slab = 10.0 * (0.6 + 0.4 * smoothstep(np.maximum(d_in, d_up) * px / 6))
    trab = np.clip(slab - 0.6 * cv.socket, 0, None) * (0.55 + 0.9 * tex)
    A_bone = MU_CORT * 1.8 + MU_TRAB * trab + MU_CORT * cv.lamina
    A = bone * A_bone + MU_CORT * 9.0 * cortex
    # Crests: a thin cortical line.
    for crest, sgn, span in ((crest_l, 1, span_l), (crest_u, -1, span_u)):
        dist = sgn * (Y - crest[None, :]) * px
        A += MU_CORT * 0.5 * np.exp(-((dist - 0.25) / 0.25) ** 2) * ((X > span[0]) & (X < span[1])) \
            * np.clip(1 - cv.socket / 2.0, 0, 1)
    # Mandibular canals: mandibular foramen on the ramus -> under the molars -> mental foramen.
    for side in (-1, 1):
        path = [(xc + side * d, y) for d, y in ((1060, 640), (1000, 820), (900, 1000), (760, 1075),
                                               (620, 1080), (520, 1045))]
        d = np.full((h, w), 1e9)
        for (x0, y0), (x1, y1) in zip(path, path[1:]):
            ex, ey = x1 - x0, y1 - y0
            t = np.clip(((X - x0) * ex + (Y - y0) * ey) / (ex * ex + ey * ey), 0, 1)
            d = np.minimum(d, np.hypot(X - x0 - t * ex, Y - y0 - t * ey))
        dm = d * px
        A += (-MU_TRAB * 1.6 * chord(dm, 1.6) + MU_CORT * 0.6 * (chord(dm, 1.9) - chord(dm, 1.6))) * mand
    # ---- above the maxilla ----
    # Hard palate and nasal floor: a bright band just above the upper apices.
    pal = np.exp(-((Y - y_pal[None, :]) / 14) ** 2) * smoothstep((780 - np.abs(X - xc)) / 120)
    A += 6.5 * pal + 3.0 * np.exp(-((Y - y_pal[None, :] - 40) / 40) ** 2) * smoothstep((650 - np.abs(X - xc)) / 120)
    # Nasal cavity (dark) with septum and inferior turbinates; maxillary sinuses with thin walls.
    nasal_d = polygon_sdf(h, w, smooth_curve([(xc - 260, 330), (xc - 180, 90), (xc, 40), (xc + 180, 90),
                                               (xc + 260, 330)], 8))
    nasal = np.clip(0.5 - nasal_d / 20, 0, 1) * (Y < y_pal[None, :])
    A += -2.2 * nasal + 3.0 * np.exp(-((X - xc - 6) / 9) ** 2) * nasal
    for side in (-1, 1):
        turb = np.exp(-(((X - xc - side * 140) / 90) ** 2 + ((Y - 270) / 45) ** 2))
        A += 2.5 * turb * nasal
        sd = polygon_sdf(h, w, smooth_curve([(xc + side * 330, 345), (xc + side * 390, 150),
                                             (xc + side * 620, 110), (xc + side * 860, 190),
                                             (xc + side * 880, 330), (xc + side * 700, 395),
                                             (xc + side * 520, 380)], 8))
        A += -1.6 * np.clip(0.5 - sd / 40, 0, 1) + 1.6 * np.exp(-(sd / 5) ** 2)
        # Zygomatic arch and buttress, articular eminence.
        zy = np.exp(-((Y - (300 + 0.12 * (np.abs(X - xc) - 800))) / 45) ** 2) * \
            smoothstep((np.abs(X - xc) - 760) / 60) * smoothstep((1270 - np.abs(X - xc)) / 60) * (side * (X - xc) > 0)
        A += 4.0 * zy
        orbit = polygon_sdf(h, w, smooth_curve([(xc + side * 320, -40), (xc + side * 360, 60),
                                                (xc + side * 600, 85), (xc + side * 790, 20),
                                                (xc + side * 700, -60)], 8))
        A += -1.0 * np.clip(0.5 - orbit / 30, 0, 1) + 1.5 * np.exp(-(orbit / 7) ** 2)
        # Pharyngeal airway over the ramus, and the ghost of the opposite ramus / spine.
        ay = np.exp(-((X - (xc + side * (1010 - 0.08 * (Y - 600)))) / 55) ** 2) * smoothstep((Y - 380) / 80) \
            * smoothstep((1250 - Y) / 100)
        A += -3.5 * ay
        hy = np.exp(-(((X - xc - side * 560) / 160) ** 2 + ((Y - 1420) / 35) ** 2))
        A += 3.0 * hy
    # The cervical spine ghost: a broad, blurred density in the midline of the lower half.
    A += 5.0 * np.exp(-((X - xc) / 230) ** 2) * smoothstep((Y - 650) / 300)
    # Air between the tongue and the palate, above the upper roots; the tongue itself.
    A += -2.2 * np.exp(-((Y - (y_pal[None, :] + 95)) / 35) ** 2) * smoothstep((820 - np.abs(X - xc)) / 100)
    # Soft tissue of the face and neck: everywhere, less toward the lower corners.
    soft = 30 + 10 * noise(rng, (h, w), 90) - 14 * smoothstep((Y - 1150) / 250) * smoothstep((np.abs(X - xc) - 900) / 300)
    A += MU_SOFT * soft
    A = np.clip(A, 0, None)
    # Restorations: a cast crown on 36, an amalgam in 16 and 26, the implant at 46.
    A += cv.teeth_attenuation()
    metal = np.zeros((h, w))
    metal = np.maximum(metal, crown_region(teeth[36], X, Y, px, 0.3))
    for f in (16, 26):
        u, s = teeth[f].local(X, Y, px)
        metal = np.maximum(metal, box_local(u, s, -2.6, 2.4, -1.0, 3.0, 0.7)
                           * (s > teeth[f].occlusal(u) - 0.05) * (np.abs(u) < teeth[f].crown_half(np.clip(s, 0, None))))
    t46 = teeth[46]
    metal = np.maximum(metal, crown_region(t46, X, Y, px, 0.2))
    u, s = t46.local(X, Y, px)
    thread = 0.25 * np.abs(((s - t46.crown_h) / 0.8) % 1.0 - 0.5) * 2
    fixture = np.clip(0.5 - (np.abs(u) - (2.05 - thread - 0.4 * smoothstep((s - t46.crown_h - 9) / 2.5))) / 0.08, 0, 1) \
        * (s > t46.crown_h - 0.5) * (s < t46.crown_h + 2.2 + 10.0)
    metal = np.maximum(metal, fixture)
    A += MU_METAL * 5.0 * metal
    stored = expose(A, rng, 12, a0=26.0, lo=0.02, hi=1.10, noise_frac=0.0012, blur_px=1.8, metal=metal > 0.5)
    return stored


def bitewing_mono1():
    """Right posterior bitewing (upper 17-14 over lower 47-44), stored MONOCHROME1, 12 bits."""
    px, w, h = 0.026, 1300, 1000      # a size-2 sensor held landscape: 33.8 x 26 mm
    rng = np.random.default_rng(4711)
    mm = lambda v: v / px
    occ = mm(13.0)
    lower = [Tooth(mm(3.0), occ + mm(0.35), "molar", 10.5, 7.2, 12.5, tilt=-4, roots=2, depth=0.95),
             Tooth(mm(13.9), occ + mm(0.3), "molar", 11.0, 7.5, 13.0, tilt=-2, roots=2, depth=0.95),
             Tooth(mm(22.75), occ + mm(0.2), "premolar", 7.1, 8.0, 14.5, tilt=0, depth=1.15),
             Tooth(mm(29.7), occ + mm(0.25), "premolar", 7.0, 8.3, 14.2, tilt=2, depth=1.15)]
    upper = [Tooth(mm(0.8), occ - mm(0.35), "molar", 9.2, 7.0, 12.0, apex_down=False, tilt=5, roots=2, depth=1.1),
             Tooth(mm(10.7), occ - mm(0.3), "molar", 10.2, 7.5, 12.5, apex_down=False, tilt=3, roots=2, depth=1.1),
             Tooth(mm(19.2), occ - mm(0.25), "premolar", 6.8, 8.0, 14.0, apex_down=False, tilt=0, depth=1.3),
             Tooth(mm(26.1), occ - mm(0.3), "premolar", 7.0, 8.5, 14.0, apex_down=False, tilt=-2, depth=1.3)]
    A, cv = intraoral_scene(rng, h, w, px, lower, upper_teeth=upper, trab_mm=8.0)
    # Occlusal amalgam in 16, saturating; an interproximal lesion into dentine on the distal of 45.
    t16 = upper[1]
    u, s = t16.local(cv.X, cv.Y, px)
    inside = (s > t16.occlusal(u) - 0.05) & (np.abs(u) < t16.crown_half(np.clip(s, 0, None)))
    fill = box_local(u, s, -3.0, 2.2, -1.0, 3.0, 0.8) * inside
    A += MU_METAL * 4.0 * fill
    t45 = lower[2]
    u, s = t45.local(cv.X, cv.Y, px)
    edge = -t45.crown_half(np.clip(s, 0, None))
    A -= 5.0 * np.exp(-(((u - edge - 0.8) / 0.9) ** 2 + ((s - 3.2) / 1.0) ** 2)) * (cv.enamel + cv.dentin > 0)
    A *= (1.0 - 0.03 * cv.X / w)
    normal = expose(A, rng, 12, a0=17.0, lo=0.04, hi=1.10, noise_frac=0.0025, blur_px=1.2, metal=fill > 0.5)
    active = rounded_corners(h, w, mm(3.0))
    # MONOCHROME1: dense (bright on screen) is stored LOW. Metal stores 0; the corners, which must
    # look black like every sensor's corners, store the maximum.
    mono1 = (4095 - normal.astype(np.int32)).astype(np.uint16)
    mono1[~active] = 4095
    return mono1


def for_processing():
    """Lower anterior periapical (42-32), size-1 sensor, raw log-converted detector data, 14 bits."""
    px, w, h = 0.0185, 1100, 1600
    rng = np.random.default_rng(31415)
    mm = lambda v: v / px
    edge = mm(4.2)
    teeth = [Tooth(mm(-1.2), edge + mm(0.4), "incisor", 5.9, 9.5, 14.0, tilt=-4, depth=1.15),
             Tooth(mm(4.65), edge, "incisor", 5.4, 9.0, 12.5, tilt=-1.5, depth=1.2),
             Tooth(mm(10.1), edge + mm(0.1), "incisor", 5.4, 9.0, 12.5, tilt=1.5, depth=1.2),
             Tooth(mm(15.55), edge + mm(0.3), "incisor", 5.9, 9.5, 14.0, tilt=3, depth=1.15),
             Tooth(mm(22.0), edge + mm(0.9), "canine", 6.9, 11.0, 16.0, tilt=6, depth=1.2)]
    A, cv = intraoral_scene(rng, h, w, px, teeth, trab_mm=7.0)
    A *= (1.0 - 0.05 * cv.X / w)
    # Raw data: stored = offset + gain * A (A = -ln(I/I0), i.e. log-converted, flat-field corrected),
    # no tone curve and no clipping in the anatomy; the noise of A grows as exp(A * k / 2).
    top = (1 << 14) - 1
    sd = 0.0045 * np.exp(0.05 * A)
    A_noisy = gaussian(A, 1.2) + gaussian(rng.standard_normal(A.shape) * sd * 2.0, 0.6) * A.max() / 8
    stored = np.clip(np.rint(1400 + 470 * A_noisy), 0, top).astype(np.uint16)
    stored[~rounded_corners(h, w, mm(2.2))] = 0
    return stored


# ------------------------------------------------------------------------------------------------
# DICOM
# ------------------------------------------------------------------------------------------------

def window_of(stored: np.ndarray, padding: int, bits: int):
    """Center/width from the 0.5 and 99.5 percentiles of the exposed pixels (corners and metal out)."""
    top = (1 << bits) - 1
    v = stored[(stored != padding) & (stored != top) & (stored != 0)]
    lo, hi = np.percentile(v, [0.5, 99.5])
    return int(round((lo + hi) / 2)), int(round(hi - lo))


def code_item(code) -> Dataset:
    item = Dataset()
    item.CodeValue = code.value
    item.CodingSchemeDesignator = code.scheme_designator
    item.CodeMeaning = code.meaning
    return item


def write(path: Path, stored: np.ndarray, *, name: str, bits: int, sop_class: str, modality: str,
          spacing: float, patient: tuple[str, str], description: str, laterality: str,
          orientation: list[str], region, modifier=None, teeth=(), photometric="MONOCHROME2",
          processing=False, window=True, kvp=60, ma=7, ms=100, device_processing=""):
    h, w = stored.shape
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class
    ds.file_meta.MediaStorageSOPInstanceUID = uid(f"radiograph/samples/{name}/instance")
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.ImplementationClassUID = uid("radiograph/samples/implementation")
    ds.file_meta.ImplementationVersionName = "RADIOGRAPH_GEN1"
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyDate = ds.SeriesDate = ds.AcquisitionDate = ds.ContentDate = "20260115"
    ds.StudyTime = ds.SeriesTime = ds.AcquisitionTime = ds.ContentTime = "093000"
    ds.AccessionNumber = "SYN" + patient[1][-4:]
    ds.Modality = modality
    ds.PresentationIntentType = "FOR PROCESSING" if processing else "FOR PRESENTATION"
    ds.Manufacturer = "Radiograph synthetic"
    ds.ReferringPhysicianName = ""
    ds.StudyDescription = "Synthetic dental radiograph (not a patient)"
    ds.SeriesDescription = description
    ds.ManufacturerModelName = "SampleImages/generate.py"
    ds.SoftwareVersions = "1"
    ds.PatientName = patient[0]
    ds.PatientID = patient[1]
    ds.PatientBirthDate = ""
    ds.PatientSex = "O"
    ds.KVP = kvp
    ds.XRayTubeCurrent = ma
    ds.ExposureTime = ms
    ds.DetectorType = "SCINTILLATOR"
    ds.PositionerType = "PANORAMIC" if modality == "PX" else "NONE"
    if device_processing:
        ds.AcquisitionDeviceProcessingDescription = device_processing
    ds.StudyInstanceUID = uid(f"radiograph/samples/{name}/study")
    ds.SeriesInstanceUID = uid(f"radiograph/samples/{name}/series")
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.PatientOrientation = orientation
    ds.ImageLaterality = laterality
    ds.BurnedInAnnotation = "NO"
    ds.LossyImageCompression = "00"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows, ds.Columns = h, w
    ds.BitsAllocated = 16
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    # PS3.3 C.8.11.3.1.2 sign: +1 lower values = less beam intensity, -1 higher values = less intensity.
    # Dense (less intensity) is stored high in the MONOCHROME2 files and low in the MONOCHROME1 one.
    ds.PixelIntensityRelationship = "LOG" if processing else "LIN"
    ds.PixelIntensityRelationshipSign = 1 if photometric == "MONOCHROME1" else -1
    ds.RescaleIntercept = 0
    ds.RescaleSlope = 1
    ds.RescaleType = "US"
    # Type 1 in the DX Image module for both intents (For Processing: the shape a display would use).
    ds.PresentationLUTShape = "INVERSE" if photometric == "MONOCHROME1" else "IDENTITY"
    if window:
        padding = (1 << bits) - 1 if photometric == "MONOCHROME1" else 0
        c, wd = window_of(stored, padding, bits)
        ds.WindowCenter = str(c)
        ds.WindowWidth = str(wd)
        ds.WindowCenterWidthExplanation = "P0.5-P99.5 OF EXPOSED PIXELS"
    ds.ImagerPixelSpacing = [spacing, spacing]
    ds.AcquisitionContextSequence = Sequence()
    # Intra-oral Image module: the region (CID 4016) and EITHER a region modifier (CID 4017) OR the
    # teeth imaged (CID 4018); these files name the teeth.
    reg = code_item(region)
    if modifier is not None and not teeth:
        reg.AnatomicRegionModifierSequence = Sequence([code_item(modifier)])
    ds.AnatomicRegionSequence = Sequence([reg])
    if teeth:
        ds.PrimaryAnatomicStructureSequence = Sequence([code_item(t) for t in teeth])
    ds.PixelData = stored.astype("<u2").tobytes()
    ds.save_as(path, enforce_file_format=True)
    return ds


def main(argv):
    out = Path(argv[1]) if len(argv) > 1 else Path("out")
    out.mkdir(parents=True, exist_ok=True)
    sct = codes.SCT
    jobs = [
        ("io_periapical", periapical, dict(
            bits=14, sop_class=IO_PRESENTATION, modality="IO", spacing=0.0185,
            patient=("SYNTHETIC^PERIAPICAL", "SYN-0001"), description="Periapical 47-44 (synthetic)",
            laterality="R", orientation=["L", "F"], region=sct.Mandible,
            teeth=[sct.MandibularRightSecondMolarTooth, sct.MandibularRightFirstMolarTooth,
                   sct.MandibularRightSecondPremolarTooth, sct.MandibularRightFirstPremolarTooth],
            device_processing="SYNTHETIC EXPOSURE CURVE")),
        ("px_panoramic", panoramic, dict(
            bits=12, sop_class=DX_PRESENTATION, modality="PX", spacing=0.1,
            patient=("SYNTHETIC^PANORAMIC", "SYN-0002"), description="Panoramic (synthetic)",
            laterality="B", orientation=["L", "F"], region=sct.JawRegion, kvp=70, ma=10, ms=14000,
            device_processing="SYNTHETIC EXPOSURE CURVE")),
        ("io_bitewing_mono1", bitewing_mono1, dict(
            bits=12, sop_class=IO_PRESENTATION, modality="IO", spacing=0.026,
            patient=("SYNTHETIC^BITEWING", "SYN-0003"), description="Bitewing right, MONOCHROME1 (synthetic)",
            laterality="R", orientation=["L", "F"], region=sct.JawRegion,
            teeth=[sct.PermanentMaxillaryRightSecondMolarTooth, sct.PermanentMaxillaryRightFirstMolarTooth,
                   sct.PermanentMaxillaryRightSecondPremolarTooth, sct.PermanentMaxillaryRightFirstPremolarTooth,
                   sct.MandibularRightSecondMolarTooth, sct.MandibularRightFirstMolarTooth,
                   sct.MandibularRightSecondPremolarTooth, sct.MandibularRightFirstPremolarTooth],
            photometric="MONOCHROME1", device_processing="SYNTHETIC EXPOSURE CURVE")),
        ("io_for_processing", for_processing, dict(
            bits=14, sop_class=IO_PROCESSING, modality="IO", spacing=0.0185,
            patient=("SYNTHETIC^PROCESSING", "SYN-0004"), description="Periapical 42-33, for processing (synthetic)",
            laterality="B", orientation=["L", "F"], region=sct.Mandible,
            teeth=[sct.MandibularRightLateralIncisorTooth, sct.MandibularRightCentralIncisorTooth,
                   sct.MandibularLeftCentralIncisorTooth, sct.MandibularLeftLateralTooth,
                   sct.MandibularLeftCanineTooth],
            processing=True, window=False, device_processing="LOG CONVERTED, FLAT FIELD CORRECTED")),
    ]
    only = set(argv[2:])
    lines = []
    for name, make, kw in jobs:
        if only and name not in only:
            continue
        stored = make()
        write(out / f"{name}.dcm", stored, name=name, **kw)
        digest = hashlib.sha256(stored.astype("<u2").tobytes()).hexdigest()
        lines.append(f"{digest}  {name}.dcm")
        print(f"{name}: {stored.shape[1]}x{stored.shape[0]} min {stored.min()} max {stored.max()} "
              f"pixels sha256 {digest}", flush=True)
    (out / "pixels.sha256").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv)
