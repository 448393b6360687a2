"""A page scanned sideways or upside down, turned upright before it is read (readers/ocr.py).

Tesseract reads a page turned by 90 or 180 degrees as upside-down letters ("еллэо4и"), and
one turned by 270 degrees as upright text in vertical lines whose places make no layout.
Its orientation detection (``--psm 0``, the ``osd`` model: apt-get install tesseract-ocr-osd)
costs about as much as reading the page, so it is asked only about a page whose reading
looks wrong (``suspicious``: text that is no Russian, or most lines taller than wide), and
the page is turned only when it is confident (``MIN_CONFIDENCE``); the page is then
deskewed again and read once more.
"""

from __future__ import annotations

import re
from typing import Any

MIN_CONFIDENCE = 5.0  # OSD's orientation confidence below this: the page is left as it is
MODEL = "osd"
_ROTATE = re.compile(r"^Rotate:\s*(\d+)\s*$", re.MULTILINE)
_CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)\s*$", re.MULTILINE)
_LINE_BOX = re.compile(r"class=['\"]ocr_line['\"][^>]*?title=['\"]bbox (\d+) (\d+) (\d+) (\d+)")


def suspicious(hocr: str, garbage: bool) -> bool:
    """Whether a page's reading may be of a turned page: its text is garbage (``ocr.garbage``)
    or most of its lines (at least 3) are taller than wide."""
    if garbage:
        return True
    boxes = [tuple(map(int, m.groups())) for m in _LINE_BOX.finditer(hocr)]
    tall = sum(y1 - y0 > x1 - x0 for x0, y0, x1, y1 in boxes)
    return len(boxes) >= 3 and tall > len(boxes) / 2


def osd_command(exe: str, image: str, dpi: int) -> list[str]:
    return [exe, image, "stdout", "--psm", "0", "--dpi", str(dpi)]


def rotation(osd: str) -> int:
    """The degrees (90, 180, 270) OSD's report says to turn the page clockwise by, when it is
    confident; 0 otherwise."""
    rotate, confidence = _ROTATE.search(osd), _CONFIDENCE.search(osd)
    if rotate is None or confidence is None or float(confidence[1]) < MIN_CONFIDENCE:
        return 0
    degrees = int(rotate[1]) % 360
    return degrees if degrees in (90, 180, 270) else 0


def turn(file: str, degrees: int, skew: Any) -> int:
    """The page image in `file` turned clockwise by `degrees` and deskewed again (``skew``:
    ocr.skew), in place; its new height in pixels."""
    from PIL import Image

    with Image.open(file) as opened:
        image = opened.rotate(-degrees, expand=True, fillcolor=255)
    angle = skew(image)
    if angle:
        image = image.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    image.save(file, "PPM")
    return image.height
