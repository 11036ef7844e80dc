"""Independent reference renderings of the text golden, made with Pillow's FreeType binding.

    /work/shared/peers/.venv/bin/python Tests/Fixtures/text/generate_pil.py

Writes `pil_dejavusans_24px.pgm` (ink) and `pil_dejavusans_24px_stroke2.pgm` (ink united with a
2 px FreeType stroke) for "46 12.3 mm" in DejaVu Sans at 24 px, basic layout (no shaping), hinted,
the text's origin on the baseline at PIL_ORIGIN. The string has no pair in DejaVu's `kern` table
(and Pillow 13's basic layout did not kern "AV" when tried), so this checks glyph rasterization,
advances and placement; kerning has its own test. TextTests compares
Radiograph's rendering with these within a stated tolerance: Pillow bundles its own FreeType
(2.14.3 here, Debian has 2.12.1) and its own compositing, so they are a cross-check, not a golden.
"""
import pathlib
import sys

from PIL import Image, ImageDraw, ImageFont, features

TEXT = "46 12.3 mm"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SIZE = 24
CANVAS = (180, 48)
PIL_ORIGIN = (10, 32)  # TextTests.pilOrigin: keep in step

here = pathlib.Path(__file__).parent
font = ImageFont.truetype(FONT, SIZE, layout_engine=ImageFont.Layout.BASIC)


def write(name, stroke):
    image = Image.new("L", CANVAS, 0)
    ImageDraw.Draw(image).text(
        PIL_ORIGIN, TEXT, font=font, fill=255, anchor="ls", stroke_width=stroke, stroke_fill=255
    )
    with open(here / name, "wb") as f:
        f.write(b"P5\n%d %d\n255\n" % CANVAS)
        f.write(image.tobytes())


write("pil_dejavusans_24px.pgm", 0)
write("pil_dejavusans_24px_stroke2.pgm", 2)
print("Pillow", Image.__version__, "FreeType", features.version("freetype2"), file=sys.stderr)
