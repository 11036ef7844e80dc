#!/usr/bin/env python3
"""Radiograph's synthetic dental captures (deterministic; see README.md).

Draws anatomy with signed-distance shapes on a float canvas whose value is "density" (0 = air,
1 = enamel), adds trabecular bone texture (band-passed noise) and quantum noise from fixed seeds,
maps density to stored values, then writes uncompressed DICOM with pydicom. generate.sh compresses
them with DCMTK's encoders. Patients, UIDs and dates are synthetic.
"""
from __future__ import annotations

import datetime
import sys
import uuid
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "uncompressed"
NAMESPACE = uuid.UUID("6f1c2a4e-2b1d-4c55-9d7e-2d0b7a1e5c01")  # fixed: UIDs are stable across runs


def uid(name: str) -> str:
    """A 2.25 UID from a name-based UUID (PS3.5 B.2)."""
    return "2.25." + str(uuid.uuid5(NAMESPACE, name).int)


# ---------------------------------------------------------------------------------------------
# Canvas helpers
# ---------------------------------------------------------------------------------------------

def smooth_noise(rng: np.random.Generator, shape, sigma: float) -> np.ndarray:
    """White noise low-passed with a Gaussian of `sigma` px (through the FFT), scaled to unit std."""
    n = rng.standard_normal(shape)
    fy = np.fft.fftfreq(shape[0])[:, None]
    fx = np.fft.rfftfreq(shape[1])[None, :]
    g = np.exp(-2 * (np.pi * sigma) ** 2 * (fx ** 2 + fy ** 2))
    s = np.fft.irfft2(np.fft.rfft2(n) * g, s=shape)
    return s / (s.std() + 1e-12)


def trabecular(rng, shape, scale: float) -> np.ndarray:
    """Bone texture: two band-passed noise fields, ridged into a network of trabeculae (0..1)."""
    a = smooth_noise(rng, shape, 2.0 * scale) - smooth_noise(rng, shape, 6.0 * scale)
    b = smooth_noise(rng, shape, 1.2 * scale)
    ridges = 1.0 - np.tanh(np.abs(a) * 1.8)
    t = 0.7 * ridges + 0.3 * (b * 0.5 + 0.5)
    return np.clip(t, 0, 1)


def soft(d: np.ndarray, width: float) -> np.ndarray:
    """1 inside (d < 0), 0 outside, with an anti-aliased edge `width` px wide."""
    return np.clip(0.5 - d / max(width, 1e-6), 0.0, 1.0)


def rounded_rect_mask(h, w, radius) -> np.ndarray:
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    dx = np.maximum(np.maximum(radius - x, x - (w - 1 - radius)), 0)
    dy = np.maximum(np.maximum(radius - y, y - (h - 1 - radius)), 0)
    return (dx ** 2 + dy ** 2) <= radius ** 2


class Tooth:
    """A tooth along a vertical axis: crown (bulbous), CEJ, one or two tapering roots.

    y grows toward the apex (crown up for a lower tooth drawn with `flip=False`).
    """

    def __init__(self, cx, crown_top, cej, apex, crown_w, root_w, roots=1, root_gap=0.0, tilt=0.0):
        self.cx, self.top, self.cej, self.apex = cx, crown_top, cej, apex
        self.crown_w, self.root_w, self.roots, self.root_gap, self.tilt = crown_w, root_w, roots, root_gap, tilt

    def fields(self, y, x):
        """Signed horizontal distance to the tooth outline (<0 inside) and to the pulp/canal."""
        x = x - self.tilt * (y - self.cej)
        u = (y - self.top) / max(self.cej - self.top, 1)  # 0 at the top of the crown, 1 at the CEJ
        crown_half = self.crown_w / 2 * np.sqrt(np.clip(1 - (1 - np.clip(u, 0, 1.2)) ** 4, 0, 1)) * \
            np.where(u > 1, np.clip(1 - (u - 1) * 2.5, 0.75, 1), 1 - 0.08 * (u - 0.55) ** 2)
        v = np.clip((y - self.cej) / max(self.apex - self.cej, 1), 0, 1)  # 0 at CEJ, 1 at apex
        root_half = self.root_w / 2 * (1 - v ** 1.6) + 1.5
        in_root_range = (y >= self.cej) & (y <= self.apex)
        if self.roots == 1:
            d_root = np.abs(x - self.cx) - root_half
            d_canal = np.abs(x - self.cx) - (root_half * 0.16 + 2.5)
        else:
            spread = self.root_gap / 2 * (0.35 + 0.65 * v)
            d1 = np.abs(x - (self.cx - spread)) - root_half * 0.55
            d2 = np.abs(x - (self.cx + spread)) - root_half * 0.55
            trunk = np.where(v < 0.22, np.abs(x - self.cx) - root_half, np.inf)
            d_root = np.minimum(np.minimum(d1, d2), trunk)
            c1 = np.abs(x - (self.cx - spread)) - (root_half * 0.09 + 2.5)
            c2 = np.abs(x - (self.cx + spread)) - (root_half * 0.09 + 2.5)
            d_canal = np.minimum(c1, c2)
        d_root = np.where(in_root_range, d_root, np.inf)
        d_canal = np.where(in_root_range & (v < 0.97), d_canal, np.inf)
        d_crown = np.where((y >= self.top) & (y <= self.cej + (self.apex - self.cej) * 0.08),
                           np.abs(x - self.cx) - crown_half, np.inf)
        # Occlusal surface: round the top.
        d_crown = np.maximum(d_crown, self.top - y)
        outline = np.minimum(d_crown, d_root)
        # Pulp chamber in the lower crown, joining the canal(s).
        chamber_top = self.top + (self.cej - self.top) * 0.45
        d_chamber = np.where((y > chamber_top) & (y < self.cej + (self.apex - self.cej) * 0.12),
                             np.abs(x - self.cx) - self.crown_w * 0.22, np.inf)
        d_chamber = np.maximum(d_chamber, chamber_top - y)
        pulp = np.minimum(d_chamber, d_canal)
        enamel_depth = np.where(y < self.cej, -outline, np.inf)
        return outline, pulp, enamel_depth, d_root


def draw_tooth(density, y, x, tooth: Tooth, enamel=0.80, dentin=0.45, pulp=0.10, pdl=0.10, lamina=0.14,
               enamel_px=28.0, bone_mask=None):
    """Adds the tooth's attenuation to `density` (radiographs add up what the beam crosses)."""
    outline, pulp_d, enamel_depth, d_root = tooth.fields(y, x)
    inside = soft(outline, 1.5)
    # PDL space (less bone: darker) and lamina dura (cortical: brighter) around the roots.
    if bone_mask is not None:
        density -= pdl * soft(np.abs(d_root - 4.5) - 3.0, 1.2) * bone_mask
        density += lamina * soft(np.abs(d_root - 11.0) - 3.5, 1.5) * bone_mask
    band = soft(enamel_depth - enamel_px, 4.0) * (enamel_depth < np.inf)
    contribution = dentin + (enamel - dentin) * band
    pulp_mask = soft(pulp_d, 1.5)
    contribution = contribution * (1 - pulp_mask) + pulp * pulp_mask
    density += contribution * inside
    return outline


def to_stored(density, rng, bits, lo_frac, hi_frac, noise_frac, gamma=1.0):
    top = (1 << bits) - 1
    v = lo_frac + (hi_frac - lo_frac) * np.clip(density, 0, 1.2) ** gamma
    v = v * top + rng.standard_normal(density.shape) * noise_frac * top
    return np.clip(np.rint(v), 0, top).astype(np.uint16)


# ---------------------------------------------------------------------------------------------
# Captures
# ---------------------------------------------------------------------------------------------

def intraoral(seed: int, w: int, h: int, teeth_spec, filling=None, rcf=None, bitewing=False):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    density = np.full((h, w), 0.06, np.float32)
    # Soft tissue (gingiva, cheek): a smooth band.
    density += 0.10 * soft(-(y - h * 0.18), 60) + 0.04 * smooth_noise(rng, (h, w), 40)
    # Alveolar bone with a crest following the teeth; trabecular texture.
    crest = h * (0.30 if not bitewing else 0.62) + 25 * smooth_noise(rng, (1, w), 120)[0]
    bone = soft(crest[None, :] - y, 12)
    if bitewing:
        crest_up = h * 0.38 + 25 * smooth_noise(rng, (1, w), 120)[0]
        bone = np.maximum(bone, soft(y - crest_up[None, :], 12))
    tex = trabecular(rng, (h, w), 3.0)
    density = density * (1 - bone) + (0.24 + 0.16 * tex) * bone
    if not bitewing:
        # Mandibular canal: a dark band with bright cortical borders, low in the image.
        canal_y = h * 0.86 + 30 * np.sin(x / w * 3.0)
        dc = np.abs(y - canal_y)
        density -= 0.13 * soft(dc - 26, 5) * bone
        density += 0.10 * soft(np.abs(dc - 30) - 5, 3) * bone
    outlines = []
    for spec in teeth_spec:
        outlines.append(draw_tooth(density, y, x, spec, bone_mask=bone))
    inside_any = np.min(np.stack(outlines), axis=0) < 0
    if filling is not None:  # amalgam: an ellipse in the crown of a tooth, saturating
        fx, fy, rx, ry = filling
        d = np.sqrt(((x - fx) / rx) ** 2 + ((y - fy) / ry) ** 2) - 1
        density = np.maximum(density, 1.6 * soft(d * min(rx, ry), 2.0) * (inside_any | True))
    if rcf is not None:  # root-canal filling: gutta-percha, bright, along a canal
        cx, y0, y1, half = rcf
        t = np.clip((y - y0) / (y1 - y0), 0, 1)
        d = np.maximum(np.abs(x - cx) - half * (1 - 0.6 * t), np.maximum(y0 - y, y - y1))
        density += 0.45 * soft(d, 1.5)
    # Heel effect / exposure falloff and a little blur of everything (focal spot).
    density *= (1.0 - 0.06 * (x / w)) * (1.0 - 0.04 * (y / h))
    return rng, density


def periapical():
    w, h = 1500, 2000
    teeth = [
        Tooth(cx=260, crown_top=330, cej=700, apex=1420, crown_w=500, root_w=330, roots=2, root_gap=250, tilt=0.02),
        Tooth(cx=780, crown_top=300, cej=720, apex=1480, crown_w=400, root_w=260, tilt=-0.015),
        Tooth(cx=1240, crown_top=320, cej=740, apex=1560, crown_w=380, root_w=250, tilt=0.01),
    ]
    rng, density = intraoral(2026, w, h, teeth, filling=(290, 370, 110, 80), rcf=(1240, 560, 1500, 16))
    stored = to_stored(density, rng, 14, 0.08, 0.78, 0.006)
    stored[~rounded_rect_mask(h, w, 130)] = 0  # sensor corners
    return stored


def bitewing_mono1():
    w, h = 1300, 1000
    teeth = []
    for i, cx in enumerate([150, 480, 820, 1150]):
        # Lower teeth (crowns up) and upper teeth (crowns down, drawn by mirroring y below).
        teeth.append(Tooth(cx=cx, crown_top=520, cej=700, apex=1250, crown_w=300 if i else 260,
                           root_w=190, roots=2 if i >= 2 else 1, root_gap=150))
    rng, density = intraoral(77, w, h, teeth, filling=(820, 560, 70, 40), bitewing=True)
    # Upper arch: mirror the lower teeth to the top half.
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    upper = np.full((h, w), 0.0, np.float32)
    for cx in [300, 640, 980]:
        t = Tooth(cx=cx, crown_top=h - 470, cej=h - 300, apex=h + 300, crown_w=300, root_w=200)
        draw_tooth(upper, h - 1 - y, x, t)
    density = density + upper
    stored = to_stored(density, rng, 12, 0.07, 0.80, 0.006)
    stored[~rounded_rect_mask(h, w, 110)] = 0
    # MONOCHROME1: dense is low. Invert everything but the sensor corners' zero stays "no signal".
    corners = stored == 0
    mono1 = (4095 - stored).astype(np.uint16)
    mono1[corners] = 4095  # no exposure behind the corners: white-stored means black displayed
    return mono1


def for_processing():
    w, h = 1100, 1600
    teeth = [
        Tooth(cx=300, crown_top=260, cej=560, apex=1200, crown_w=330, root_w=220, tilt=0.02),
        Tooth(cx=800, crown_top=240, cej=560, apex=1250, crown_w=340, root_w=230, tilt=-0.02),
    ]
    rng, density = intraoral(4242, w, h, teeth, rcf=None)
    # Raw detector data: compressed, low contrast, offset; no window stored.
    stored = to_stored(density, rng, 14, 0.30, 0.62, 0.004, gamma=0.8)
    stored[~rounded_rect_mask(h, w, 100)] = 0
    return stored


def panoramic():
    w, h = 2900, 1450
    rng = np.random.default_rng(1957)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    cx = w / 2
    density = 0.10 + 0.05 * smooth_noise(rng, (h, w), 60)
    # Maxilla and mandible: bone bands following the occlusal smile curve.
    occl = h * 0.50 - 0.00007 * (x - cx) ** 2
    tex = trabecular(rng, (h, w), 2.5)
    lower_bone = soft(occl + 90 - y, 10) * soft(y - (h * 0.93 - 0.00006 * (x - cx) ** 2), 10)
    upper_bone = soft((h * 0.16 - 0.00005 * (x - cx) ** 2) - y, 10) * soft(y - (occl - 90), 10)
    bone = np.clip(lower_bone + upper_bone, 0, 1)
    # Rami and condyles at both sides.
    for side in (-1, 1):
        rx = cx + side * w * 0.40
        d = np.abs(x - rx + side * 0.10 * (y - h * 0.3)) - 120
        ramus = soft(d, 12) * soft(h * 0.22 - y, 10) * soft(y - h * 0.85, 10)
        condyle = soft(np.sqrt((x - (rx + side * 30)) ** 2 + (y - h * 0.20) ** 2) - 70, 6)
        bone = np.maximum(bone, np.maximum(ramus, condyle))
    density = density * (1 - bone) + (0.22 + 0.15 * tex) * bone
    # Cortical border of the mandible (bright line at the lower edge).
    lower_edge = h * 0.93 - 0.00006 * (x - cx) ** 2
    density += 0.22 * soft(np.abs(y - lower_edge + 18) - 14, 4) * (np.abs(x - cx) < w * 0.42)
    # Hard palate (bright band) and maxillary sinuses (dark), airway (dark), spine ghost (blur).
    density += 0.18 * soft(np.abs(y - h * 0.20) - 16, 8) * (np.abs(x - cx) < w * 0.22)
    for side in (-1, 1):
        d = np.sqrt(((x - (cx + side * w * 0.20)) / 260) ** 2 + ((y - h * 0.27) / 110) ** 2) - 1
        density -= 0.12 * soft(d * 110, 20)
    density -= 0.07 * soft(np.abs(y - h * 0.47 + 0.00007 * (x - cx) ** 2) - 18, 10)
    density += 0.08 * soft(np.abs(x - cx) - 160, 80) * soft(y - h * 0.35, 40)
    # 32 teeth: 16 per arch along the curve, wider molars at the back.
    outlines = []
    widths = [95, 92, 105, 115, 118, 150, 160, 150]  # central incisor ... third molar
    root_len = [360, 320, 420, 360, 350, 330, 320, 290]
    crowns = []
    for arch in (1, -1):  # 1 = lower (crowns up), -1 = upper (crowns down)
        pos = cx
        for side in (-1, 1):
            pos = cx + side * 6
            for i, tw in enumerate(widths):
                tc = pos + side * tw / 2
                pos += side * (tw + 8)
                base = h * 0.50 - 0.00007 * (tc - cx) ** 2
                t = Tooth(cx=tc, crown_top=12, cej=12 + 150, apex=12 + 150 + root_len[i],
                          crown_w=tw, root_w=tw * 0.62, roots=2 if i >= 5 else 1, root_gap=tw * 0.45,
                          tilt=0.0)
                ty = (y - base) if arch == 1 else (base - y)
                outline = draw_tooth(density, ty, x, t, enamel_px=18, bone_mask=bone)
                crowns.append((tc, base, arch, i))
                outlines.append(outline)
    stored = to_stored(density, rng, 12, 0.06, 0.80, 0.005)
    # Two metal crowns and an implant saturate at 4095.
    for (tc, base, arch, i) in (crowns[5], crowns[16 + 13]):
        d = np.maximum(np.abs(x - tc) - widths[i] / 2 - 4, np.abs(y - (base - arch * 90)) - 80)
        stored[d < 0] = 4095
    tc, base, arch, i = crowns[20]
    screw = np.maximum(np.abs(x - tc) - (22 - 6 * ((y.astype(np.int32) // 18) % 2)), np.abs(y - (base + 230)) - 170)
    stored[screw < 0] = 4095
    return stored


# ---------------------------------------------------------------------------------------------
# DICOM
# ---------------------------------------------------------------------------------------------

def window_of(stored: np.ndarray):
    """Window from the 0.5 / 99.5 percentiles of pixels that are neither 0 nor saturated."""
    top = stored.max()
    v = stored[(stored > 0) & (stored < top)]
    lo, hi = np.percentile(v, [0.5, 99.5])
    return int(round((lo + hi) / 2)), int(round(hi - lo))


def code(value: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = "SCT"
    item.CodeMeaning = meaning
    return item


def write(name: str, stored: np.ndarray, *, bits: int, sop_class: str, modality: str, spacing: float,
          photometric="MONOCHROME2", presentation_lut="IDENTITY", window=True, for_processing=False,
          patient=("SYNTHETIC^PERIAPICAL", "SYN-0001"), description="", laterality="R", extra=None):
    h, w = stored.shape
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop_class
    ds.file_meta.MediaStorageSOPInstanceUID = uid(name + "/instance")
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.ImplementationClassUID = uid("radiograph/samples/implementation")
    ds.file_meta.ImplementationVersionName = "RADIOGRAPH_SMP"
    date = datetime.date(2026, 1, 15)
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = ds.AcquisitionDate = date.strftime("%Y%m%d")
    ds.StudyTime = ds.SeriesTime = ds.ContentTime = ds.AcquisitionTime = "101500"
    ds.AccessionNumber = "SYNACC0001"
    ds.Modality = modality
    ds.PresentationIntentType = "FOR PROCESSING" if for_processing else "FOR PRESENTATION"
    ds.Manufacturer = "Radiograph synthetic"
    ds.ReferringPhysicianName = ""
    ds.StudyDescription = "Synthetic dental radiograph"
    ds.SeriesDescription = description
    ds.ManufacturerModelName = "make_samples.py"
    ds.PatientName = patient[0]
    ds.PatientID = patient[1]
    ds.PatientBirthDate = "19800101"
    ds.PatientSex = "O"
    ds.DetectorType = "DIRECT" if modality == "IO" else "SCINTILLATOR"
    ds.StudyInstanceUID = uid(name + "/study")
    ds.SeriesInstanceUID = uid(name + "/series")
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.PatientOrientation = ["L", "F"] if modality == "IO" else ["R", "F"]
    ds.BurnedInAnnotation = "NO"
    ds.LossyImageCompression = "00"
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows, ds.Columns = h, w
    ds.BitsAllocated = 16
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.ImagerPixelSpacing = [spacing, spacing]
    ds.PixelIntensityRelationship = "LOG" if for_processing else "LIN"
    ds.PixelIntensityRelationshipSign = -1 if for_processing else 1
    ds.RescaleIntercept = 0
    ds.RescaleSlope = 1
    ds.RescaleType = "US"
    ds.PresentationLUTShape = presentation_lut
    if window:
        c, wd = window_of(stored if photometric == "MONOCHROME2" else stored)
        ds.WindowCenter = c
        ds.WindowWidth = wd
        ds.WindowCenterWidthExplanation = "NORMAL"
    ds.AcquisitionContextSequence = Sequence()
    if modality == "IO":
        ds.ImageLaterality = laterality
        ds.PositionerType = "NONE"
        # SNOMED CT: the region and the teeth (FDI 46, 45) of a lower right posterior periapical.
        ds.AnatomicRegionSequence = Sequence([code("245797002", "Posterior part of lower alveolar ridge")])
        ds.PrimaryAnatomicStructureSequence = Sequence([
            code("245592005", "Entire permanent mandibular right first molar tooth"),
            code("245595007", "Entire permanent mandibular right second premolar tooth")])
    else:
        ds.ImageLaterality = "B"
        ds.AnatomicRegionSequence = Sequence()
    if extra:
        for k, v in extra.items():
            setattr(ds, k, v)
    ds.PixelData = stored.astype("<u2").tobytes()
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.dcm"
    ds.save_as(path, enforce_file_format=True)
    return path


def main():
    io_fp = "1.2.840.10008.5.1.4.1.1.1.3"
    io_proc = "1.2.840.10008.5.1.4.1.1.1.3.1"
    dx_fp = "1.2.840.10008.5.1.4.1.1.1.1"
    write("io_periapical", periapical(), bits=14, sop_class=io_fp, modality="IO", spacing=0.0185,
          description="Periapical, lower right molar region")
    write("px_panoramic", panoramic(), bits=12, sop_class=dx_fp, modality="PX", spacing=0.1,
          patient=("SYNTHETIC^PANORAMIC", "SYN-0002"), description="Panoramic")
    write("io_bitewing_mono1", bitewing_mono1(), bits=12, sop_class=io_fp, modality="IO", spacing=0.02,
          photometric="MONOCHROME1", presentation_lut="INVERSE",
          patient=("SYNTHETIC^BITEWING", "SYN-0003"), description="Bitewing, MONOCHROME1")
    write("io_for_processing", for_processing(), bits=14, sop_class=io_proc, modality="IO", spacing=0.0185,
          window=False, for_processing=True, presentation_lut="IDENTITY",
          patient=("SYNTHETIC^PROCESSING", "SYN-0004"), description="Periapical, for processing")


if __name__ == "__main__":
    main()
