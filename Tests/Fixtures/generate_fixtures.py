#!/usr/bin/env python3
"""Small DICOM fixtures for Radiograph's tests: windowing oracle cases and bad inputs.

    python generate_fixtures.py [OUTDIR]     # default: the folder of this script

Deterministic: pixels come from numpy.random.default_rng with fixed seeds, UIDs are 2.25.<uuid5> of
a fixed namespace, dates are fixed; DCMTK's dcmcjpeg/dcmcjpls/dcmcrle make the compressed copies.
Writes every fixture, manifest.json (one record per file) and checks that DCMTK decodes each
windowing fixture (dcmj2pnm, or dcml2pnm for JPEG-LS). Run it with SampleImages/.venv (numpy and
pydicom pinned in SampleImages/requirements.txt) or through generate.sh beside it.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.sequence import Sequence
from pydicom.uid import (ExplicitVRLittleEndian, JPEGLosslessSV1, JPEGLSLossless, RLELossless, UID)

NAMESPACE = uuid.UUID("9d2f4c1e-0b7a-5e3f-8a61-2c4d6e8f0a13")
DX = "1.2.840.10008.5.1.4.1.1.1.1"     # Digital X-Ray Image Storage - For Presentation
CR = "1.2.840.10008.5.1.4.1.1.1"       # Computed Radiography Image Storage (rescale, signed, LUTs)
IO = "1.2.840.10008.5.1.4.1.1.1.3"     # Digital Intra-Oral X-Ray Image Storage - For Presentation

OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
manifest: list[dict] = []


def uid(name: str) -> str:
    return "2.25." + str(uuid.uuid5(NAMESPACE, name).int)


def pattern(rows: int, cols: int, lo: int, hi: int, seed: int) -> np.ndarray:
    """Half a ramp from lo to hi (both included), half uniform random values in [lo, hi]."""
    n = rows * cols
    if n == 1:
        return np.array([[(lo + hi) // 2]], dtype=np.int64)
    k = max(n // 2, 2)
    ramp = np.rint(np.linspace(lo, hi, k)).astype(np.int64)
    rand = np.random.default_rng(seed).integers(lo, hi, n - k, endpoint=True)
    return np.concatenate([ramp, rand]).reshape(rows, cols)


def dataset(name: str, pixels: np.ndarray, *, bits_allocated=16, bits_stored=14, signed=False,
            photometric="MONOCHROME2", sop=DX, modality="DX", window=None, explanation=None) -> Dataset:
    rows, cols = pixels.shape
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = sop
    ds.file_meta.MediaStorageSOPInstanceUID = uid(f"fixture/{name}")
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.file_meta.ImplementationClassUID = uid("fixture/implementation")
    ds.file_meta.ImplementationVersionName = "RADIOGRAPH_FIX1"
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.SOPClassUID = sop
    ds.SOPInstanceUID = ds.file_meta.MediaStorageSOPInstanceUID
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = "20260115"
    ds.StudyTime = ds.SeriesTime = ds.ContentTime = "120000"
    ds.AccessionNumber = ""
    ds.Modality = modality
    ds.Manufacturer = "Radiograph test fixture"
    ds.ReferringPhysicianName = ""
    ds.SeriesDescription = name
    ds.PatientName = "FIXTURE^" + name.upper()[:40]
    ds.PatientID = "FIX-" + name[:40]
    ds.PatientBirthDate = ""
    ds.PatientSex = "O"
    ds.StudyInstanceUID = uid("fixture/study")
    ds.SeriesInstanceUID = uid(f"fixture/{name}/series")
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.PatientOrientation = ["L", "F"]
    ds.BurnedInAnnotation = "NO"
    ds.LossyImageCompression = "00"
    if sop == CR:
        ds.BodyPartExamined = ""
        ds.ViewPosition = ""
        ds.Laterality = ""   # dciodvfy: absent is an error, empty a warning (body part unknown)
    else:
        ds.AnatomicRegionSequence = Sequence()
        ds.AcquisitionContextSequence = Sequence()
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows, ds.Columns = rows, cols
    ds.BitsAllocated = bits_allocated
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    if sop in (DX, IO):
        ds.PresentationIntentType = "FOR PRESENTATION"
        ds.PixelIntensityRelationship = "LIN"
        ds.PixelIntensityRelationshipSign = 1 if photometric == "MONOCHROME1" else -1
        ds.RescaleIntercept = 0
        ds.RescaleSlope = 1
        ds.RescaleType = "US"
        ds.PresentationLUTShape = "INVERSE" if photometric == "MONOCHROME1" else "IDENTITY"
        ds.ImagerPixelSpacing = [0.1, 0.1]
        ds.DetectorType = "SCINTILLATOR"
        ds.ImageLaterality = "U"
    if window is not None:
        centers, widths = zip(*window) if isinstance(window[0], tuple) else ([window[0]], [window[1]])
        centers, widths = [f"{v:g}" for v in centers], [f"{v:g}" for v in widths]
        ds.WindowCenter = centers if len(centers) > 1 else centers[0]
        ds.WindowWidth = widths if len(widths) > 1 else widths[0]
        if explanation:
            ds.WindowCenterWidthExplanation = explanation
    set_pixels(ds, pixels, bits_allocated, signed)
    return ds


def set_pixels(ds: Dataset, pixels: np.ndarray, bits_allocated: int, signed: bool, raw: bytes | None = None):
    if raw is None:
        dtype = {8: "u1", 16: "<u2"}[bits_allocated]
        if signed:
            raw = pixels.astype("<i2").tobytes()
        else:
            raw = pixels.astype(dtype).tobytes()
    ds.PixelData = raw
    ds["PixelData"].VR = "OB" if bits_allocated == 8 else "OW"


TS_NAMES = {ExplicitVRLittleEndian: "Explicit VR Little Endian", JPEGLosslessSV1: "JPEG Lossless SV1",
            JPEGLSLossless: "JPEG-LS Lossless", RLELossless: "RLE Lossless"}


def save(name: str, ds: Dataset, purpose: str, *, expect="ok", dcmtk_options=None, notes=None,
         pixels: np.ndarray | None = None, **extra) -> Path:
    path = OUT / f"{name}.dcm"
    ds.save_as(path, enforce_file_format=True)
    record(path, ds, purpose, expect=expect, dcmtk_options=dcmtk_options, notes=notes, pixels=pixels, **extra)
    return path


def record(path: Path, ds: Dataset | None, purpose: str, *, expect="ok", dcmtk_options=None, notes=None,
           pixels=None, **extra):
    r = {"name": path.name, "purpose": purpose}
    if ds is not None:
        ts = ds.file_meta.TransferSyntaxUID
        r.update(rows=int(ds.Rows), cols=int(ds.Columns), bitsAllocated=int(ds.BitsAllocated),
                 bitsStored=int(ds.BitsStored), highBit=int(ds.HighBit), signed=bool(ds.PixelRepresentation),
                 photometric=str(ds.PhotometricInterpretation), transferSyntax=TS_NAMES.get(ts, str(ts)),
                 transferSyntaxUID=str(ts))
        if "RescaleSlope" in ds and (float(ds.RescaleSlope) != 1 or float(ds.RescaleIntercept) != 0):
            r["rescale"] = {"slope": float(ds.RescaleSlope), "intercept": float(ds.RescaleIntercept)}
        if "WindowCenter" in ds:
            c = ds.WindowCenter if ds["WindowCenter"].VM > 1 else [ds.WindowCenter]
            w = ds.WindowWidth if ds["WindowWidth"].VM > 1 else [ds.WindowWidth]
            r["windows"] = [{"center": float(a), "width": float(b)} for a, b in zip(c, w)]
        if "VOILUTFunction" in ds:
            r["voiLUTFunction"] = str(ds.VOILUTFunction)
        if "VOILUTSequence" in ds:
            r["voiLUTs"] = [{"descriptor": [int(v) for v in it.LUTDescriptor], "explanation": str(it.LUTExplanation)}
                            for it in ds.VOILUTSequence]
        if "ModalityLUTSequence" in ds:
            it = ds.ModalityLUTSequence[0]
            r["modalityLUT"] = {"descriptor": [int(v) for v in it.LUTDescriptor], "type": str(it.ModalityLUTType)}
        if "PresentationLUTShape" in ds:
            r["presentationLUTShape"] = str(ds.PresentationLUTShape)
    if pixels is not None:
        r["storedMin"], r["storedMax"] = int(pixels.min()), int(pixels.max())
        r["pixelsSHA256"] = hashlib.sha256(np.ascontiguousarray(pixels, dtype="<i4").tobytes()).hexdigest()
    r["expect"] = expect
    if dcmtk_options is not None:
        r["dcmtkOptions"] = dcmtk_options
    if notes:
        r["notes"] = notes
    r.update(extra)
    r["fileSHA256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    r["bytes"] = path.stat().st_size
    manifest.append(r)


def dcmtk(tool: str, *args: str):
    subprocess.run([tool, *args], check=True, capture_output=True)


def lut_item(descriptor, data: np.ndarray, bits: int, explanation: str, packed8=False) -> Dataset:
    it = Dataset()
    it.add(DataElement(0x00283002, "US", list(descriptor)))        # LUT Descriptor
    it.LUTExplanation = explanation
    if bits == 8 and packed8:
        b = data.astype("u1").tobytes()
        if len(b) % 2:
            b += b"\x00"
        it.add(DataElement(0x00283006, "OW", b))                    # two 8-bit entries per word
    else:
        it.add(DataElement(0x00283006, "OW", data.astype("<u2").tobytes()))
    return it


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in list(OUT.glob("*.dcm")) + list(OUT.glob("*.txt")):
        old.unlink()
    win_opts = ["+Wi", "1"]

    # ---- 14-bit base image (128 x 96), the same pixels in several encodings ---------------------
    p14 = pattern(96, 128, 0, 16383, seed=14)
    save("win_u14_mono2", dataset("win_u14_mono2", p14, window=(8192, 8000), explanation="NORMAL"),
         "unsigned 14-bit MONOCHROME2 with one linear window", dcmtk_options=win_opts, pixels=p14)
    save("win_u14_mono1_inverse", dataset("win_u14_mono1_inverse", p14, photometric="MONOCHROME1",
                                          window=(8192, 8000), explanation="NORMAL"),
         "MONOCHROME1 with Presentation LUT Shape INVERSE: low stored values display white",
         dcmtk_options=win_opts, pixels=p14)
    ds = dataset("win_u14_mono2_inverse", p14, window=(8192, 8000), explanation="NORMAL")
    ds.PresentationLUTShape = "INVERSE"
    save("win_u14_mono2_inverse", ds,
         "MONOCHROME2 with Presentation LUT Shape INVERSE (not allowed by the DX IOD, seen in the wild): "
         "the presentation LUT inverts the display", dcmtk_options=win_opts, pixels=p14)
    ds = dataset("win_u14_multi", p14, window=((8192, 8000), (12000.5, 2001)), explanation=["NORMAL", "NARROW"])
    save("win_u14_multi", ds, "two stored windows with explanations: the first is the default, the second "
         "selectable (dcmj2pnm +Wi 2)", dcmtk_options=win_opts, pixels=p14,
         dcmtkOptionsSecond=["+Wi", "2"])
    ds = dataset("win_u14_sigmoid", p14, window=(8192, 6000), explanation="SIGMOID")
    ds.VOILUTFunction = "SIGMOID"
    save("win_u14_sigmoid", ds, "VOI LUT Function SIGMOID with one window", dcmtk_options=win_opts, pixels=p14)
    save("win_none_u14", dataset("win_none_u14", p14, sop=CR, modality="CR"),
         "no window and no VOI LUT: the reader must choose (auto-window / full range); dcmj2pnm +Wm uses min-max",
         dcmtk_options=["+Wm"], pixels=p14)
    # The same 14-bit pixels compressed by DCMTK's lossless encoders.
    base = OUT / "win_u14_mono2.dcm"
    for name, tool, args, purpose in (
            ("win_u14_jpeg_lossless", "dcmcjpeg", ["+e1"], "win_u14_mono2 as JPEG Lossless SV1 (dcmcjpeg +e1)"),
            ("win_u14_jpegls_lossless", "dcmcjpls", ["+el"], "win_u14_mono2 as JPEG-LS lossless (dcmcjpls +el)"),
            ("win_u14_rle", "dcmcrle", [], "win_u14_mono2 as RLE Lossless (dcmcrle)")):
        path = OUT / f"{name}.dcm"
        dcmtk(tool, *args, str(base), str(path))
        record(path, pydicom.dcmread(path, stop_before_pixels=True), purpose, dcmtk_options=win_opts, pixels=p14,
               sameStoredPixelsAs="win_u14_mono2.dcm")

    # ---- signed ---------------------------------------------------------------------------------
    s16 = pattern(48, 64, -32768, 32767, seed=16)
    save("win_s16", dataset("win_s16", s16, bits_stored=16, signed=True, sop=CR, modality="CR",
                            window=(0, 40000), explanation="WIDE"),
         "signed 16-bit (Pixel Representation 1) with negative values", dcmtk_options=win_opts, pixels=s16)
    s12 = pattern(48, 64, -2048, 2047, seed=12)
    save("win_s12_in16", dataset("win_s12_in16", s12, bits_stored=12, signed=True, sop=CR, modality="CR",
                                 window=(-100, 3000), explanation="NORMAL"),
         "signed 12-bit stored in 16 allocated (high bit 11), negative values sign-extended into bits 12-15",
         dcmtk_options=win_opts, pixels=s12)
    ds = dataset("win_s12_in16_dirty", s12, bits_stored=12, signed=True, sop=CR, modality="CR",
                 window=(-100, 3000), explanation="NORMAL")
    dirty = ((s12.astype(np.int64) & 0x0FFF) | 0xA000).astype("<u2")   # bits 12-15 hold garbage
    set_pixels(ds, None, 16, True, raw=dirty.tobytes())
    save("win_s12_in16_dirty", ds, "as win_s12_in16 but bits 12-15 hold 1010b instead of the sign: a reader "
         "must mask to Bits Stored and sign-extend from the high bit", dcmtk_options=win_opts, pixels=s12,
         sameStoredPixelsAs="win_s12_in16.dcm")

    # ---- rescale ----------------------------------------------------------------------------------
    u12 = pattern(48, 64, 0, 4095, seed=121)
    ds = dataset("win_rescale_int", u12, bits_stored=12, sop=CR, modality="CR", window=(3000, 6000))
    ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType = 2, -1024, "US"
    save("win_rescale_int", ds, "integer rescale (slope 2, intercept -1024); window in rescaled units",
         dcmtk_options=win_opts, pixels=u12)
    ds = dataset("win_rescale_frac", u12, bits_stored=12, sop=CR, modality="CR", window=(600.5, 1001))
    ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType = "0.37", "-100.25", "US"
    save("win_rescale_frac", ds, "fractional rescale (slope 0.37, intercept -100.25), 3072 pixels: fewer than "
         "3x the 4096-entry LUT, so DCMTK evaluates each pixel directly", dcmtk_options=win_opts, pixels=u12)
    big = pattern(512, 512, 0, 4095, seed=512)
    ds = dataset("win_rescale_frac_large", big, bits_stored=12, sop=CR, modality="CR", window=(600.5, 1001))
    ds.RescaleSlope, ds.RescaleIntercept, ds.RescaleType = "0.37", "-100.25", "US"
    save("win_rescale_frac_large", ds, "the same fractional rescale on 512x512 = 262144 pixels: more than 3x the "
         "LUT, so DCMTK windows through its optimisation LUT (its integer-truncation quirk shows here)",
         dcmtk_options=win_opts, pixels=big)

    # ---- 8-bit, odd size (the pixel data gets a padding byte) ---------------------------------------
    u8 = pattern(49, 65, 0, 255, seed=8)
    save("win_u8", dataset("win_u8", u8, bits_allocated=8, bits_stored=8, window=(128, 200), explanation="NORMAL"),
         "8 bits allocated and stored, unsigned; 65x49 = 3185 bytes of pixels + 1 padding byte",
         dcmtk_options=win_opts, pixels=u8)

    # ---- LUTs -----------------------------------------------------------------------------------------
    x = np.arange(4096, dtype=np.float64)
    lut16 = np.rint(65535 * np.sqrt(x / 4095)).astype(np.int64)
    lut8 = np.rint(255 * (1 - np.exp(-3 * x / 4095)) / (1 - np.exp(-3))).astype(np.int64)
    ds = dataset("voilut_16bit", u12, bits_stored=12, sop=CR, modality="CR")
    ds.VOILUTSequence = Sequence([lut_item([4096, 0, 16], lut16, 16, "SQRT 16 BIT")])
    save("voilut_16bit", ds, "VOI LUT Sequence, one LUT: 4096 entries for 12-bit input (first mapped 0), "
         "16-bit entries (sqrt curve), no window", dcmtk_options=["+Wl", "1"], pixels=u12,
         lutData=[{"formula": "round(65535*sqrt(x/4095))"}])
    ds = dataset("voilut_two", u12, bits_stored=12, sop=CR, modality="CR")
    ds.VOILUTSequence = Sequence([lut_item([4096, 0, 16], lut16, 16, "SQRT 16 BIT"),
                                  lut_item([4096, 0, 8], lut8, 8, "EXP 8 BIT", packed8=True)])
    save("voilut_two", ds, "VOI LUT Sequence with two LUTs: the 16-bit one of voilut_16bit, then 8-bit entries "
         "packed two per 16-bit word (LUT Data 2048 words, low byte first)", dcmtk_options=["+Wl", "1"],
         dcmtkOptionsSecond=["+Wl", "2"], pixels=u12,
         lutData=[{"formula": "round(65535*sqrt(x/4095))"},
                  {"formula": "round(255*(1-exp(-3x/4095))/(1-exp(-3)))"}])
    mlut = np.rint(40000 * np.log1p(x / 400) / np.log1p(4095 / 400)).astype(np.int64)
    ds = dataset("modlut_seq", u12, bits_stored=12, sop=CR, modality="CR", window=(20000, 30000))
    it = lut_item([4096, 0, 16], mlut, 16, "LOG TO 40000")
    it.ModalityLUTType = "US"
    ds.ModalityLUTSequence = Sequence([it])
    save("modlut_seq", ds, "Modality LUT Sequence (4096 x 16-bit, a log curve to 0..40000) instead of rescale; "
         "the window is in the LUT's output units", dcmtk_options=win_opts, pixels=u12,
         lutData=[{"formula": "round(40000*ln(1+x/400)/ln(1+4095/400))"}])

    # ---- sizes -------------------------------------------------------------------------------------
    one = pattern(1, 1, 0, 16383, seed=1)
    save("size_1x1", dataset("size_1x1", one, window=(8192, 8000)), "a 1x1 image (value 8191)",
         dcmtk_options=win_opts, pixels=one)
    col = pattern(37, 1, 0, 16383, seed=2)
    save("size_w1_h37", dataset("size_w1_h37", col, window=(8192, 8000)), "one column, 37 rows",
         dcmtk_options=win_opts, pixels=col)
    row = pattern(1, 37, 0, 16383, seed=3)
    save("size_w37_h1", dataset("size_w37_h1", row, window=(8192, 8000)), "one row, 37 columns",
         dcmtk_options=win_opts, pixels=row)
    for w in (1, 2, 3, 15, 16, 17, 63, 64, 65):
        p = pattern(5, w, 0, 16383, seed=100 + w)
        save(f"width_{w:02d}", dataset(f"width_{w:02d}", p, window=(8192, 8000)),
             f"width {w}, 5 rows, 14-bit: row strides that are not multiples of a vector width",
             dcmtk_options=win_opts, pixels=p)

    # ---- bad inputs -------------------------------------------------------------------------------
    bad = OUT / "bad_not_dicom.dcm"
    bad.write_text("This is not a DICOM file.\nIt is plain text with a .dcm extension.\n")
    record(bad, None, "plain text named .dcm", expect="notDICOM")
    bad = OUT / "bad_empty.dcm"
    bad.write_bytes(b"")
    record(bad, None, "an empty (0-byte) file", expect="notDICOM")
    good = (OUT / "win_u14_mono2.dcm").read_bytes()
    pixel_bytes = 96 * 128 * 2
    bad = OUT / "bad_truncated.dcm"
    bad.write_bytes(good[: len(good) - pixel_bytes // 2])
    record(bad, pydicom.dcmread(base, stop_before_pixels=True), "win_u14_mono2.dcm cut in the middle of its pixel "
           "data (the Pixel Data element announces more bytes than the file holds)", expect="truncated")
    ds = dataset("bad_pixeldata_short", p14, window=(8192, 8000))
    set_pixels(ds, None, 16, False, raw=p14[:80].astype("<u2").tobytes())
    save("bad_pixeldata_short", ds, "well-formed file whose Pixel Data holds 80 of 96 rows "
         "(20480 bytes instead of rows*cols*2 = 24576)", expect="pixelDataTooShort")
    ds = dataset("bad_bitsstored_gt_allocated", p14, window=(8192, 8000))
    ds.BitsStored, ds.HighBit = 17, 16
    save("bad_bitsstored_gt_allocated", ds, "Bits Stored 17 > Bits Allocated 16 (High Bit 16)",
         expect="bitsStoredExceedsAllocated")
    ds = dataset("bad_zero_rows", p14, window=(8192, 8000))
    ds.Rows = 0
    set_pixels(ds, None, 16, False, raw=b"")
    save("bad_zero_rows", ds, "Rows 0 (Columns 128) and empty Pixel Data", expect="zeroSize")
    ds = dataset("bad_window_width_zero", p14, window=(8192, 0), explanation="BROKEN")
    save("bad_window_width_zero", ds, "Window Width 0 stored (PS3.3 requires >= 1); the pixels are fine",
         expect="invalidWindow", pixels=p14,
         notes="A lenient reader may instead ignore the window and fall back to its auto-window; "
               "either way it must not divide by zero. dcmj2pnm +Wi 1 refuses the window (see README).")
    bad = OUT / "bad_preamble_garbage.dcm"
    garbage = np.random.default_rng(666).integers(0, 256, 4096, dtype=np.uint8).tobytes()
    bad.write_bytes(b"\x00" * 128 + b"DICM" + garbage)
    record(bad, None, "128-byte preamble and 'DICM', then 4096 random bytes", expect="notDICOM")

    # ---- DCMTK must decode every windowing fixture -----------------------------------------------
    with tempfile.TemporaryDirectory() as tmp:
        for r in manifest:
            if r["expect"] != "ok" or "dcmtkOptions" not in r:
                continue
            tool = "dcml2pnm" if r.get("transferSyntaxUID") == JPEGLSLossless else "dcmj2pnm"
            r["dcmtkTool"] = tool
            for key in ("dcmtkOptions", "dcmtkOptionsSecond"):
                if key in r:
                    subprocess.run([tool, *r[key], "+op", str(OUT / r["name"]), tmp + "/o.pgm"], check=True,
                                   capture_output=True)
    (OUT / "manifest.json").write_text(json.dumps({"fixtures": manifest}, indent=1) + "\n")
    total = sum(r["bytes"] for r in manifest)
    print(f"{len(manifest)} fixtures, {total} bytes")


if __name__ == "__main__":
    main()
