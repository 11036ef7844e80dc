#!/usr/bin/env python3
"""Writes deflated-nested-100000.dcm: a Part 10 file in Deflated Explicit VR Little Endian whose
data set holds 100,000 undefined-length sequences inside each other (3.6 MB once inflated, a few
KB on disk). DCMTK's recursive reader overflows its stack on it; Radiograph's nesting pre-check
must inflate it and refuse it. Standard library only; the output is deterministic.

    python3 Tests/Fixtures/regression/make_deflated_nested.py
"""
import struct
import zlib
from pathlib import Path

DEPTH = 100_000
OUT = Path(__file__).with_name("deflated-nested-100000.dcm")


def element(group, elem, vr, value):
    value = value + (b"\0" if len(value) % 2 else b"")
    if vr in (b"OB", b"SQ", b"UN", b"UT"):
        return struct.pack("<HH2sHI", group, elem, vr, 0, len(value)) + value
    return struct.pack("<HH2sH", group, elem, vr, len(value)) + value


def main():
    syntax = b"1.2.840.10008.1.2.1.99"
    sop_class = b"1.2.840.10008.5.1.4.1.1.1.3"  # Digital Intra-Oral X-Ray Image Storage - For Presentation
    instance = b"2.25.1"
    body = (element(0x0002, 0x0001, b"OB", b"\0\1") + element(0x0002, 0x0002, b"UI", sop_class)
            + element(0x0002, 0x0003, b"UI", instance) + element(0x0002, 0x0010, b"UI", syntax))
    meta = element(0x0002, 0x0000, b"UL", struct.pack("<I", len(body))) + body
    data = element(0x0008, 0x0016, b"UI", sop_class) + element(0x0008, 0x0018, b"UI", instance)
    open_ = struct.pack("<HH2sHI", 0x0040, 0xA730, b"SQ", 0, 0xFFFFFFFF) + struct.pack("<HHI", 0xFFFE, 0xE000, 0xFFFFFFFF)
    close = struct.pack("<HHI", 0xFFFE, 0xE00D, 0) + struct.pack("<HHI", 0xFFFE, 0xE0DD, 0)
    data += open_ * DEPTH + close * DEPTH
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = compressor.compress(data) + compressor.flush()
    OUT.write_bytes(b"\0" * 128 + b"DICM" + meta + deflated)
    print(f"{OUT}: {OUT.stat().st_size} bytes ({len(data)} inflated)")


if __name__ == "__main__":
    main()
