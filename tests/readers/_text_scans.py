"""Scans of protocols typed here (not printed from a PDF): each line of text drawn on an
A4 page image with Pillow (a Times-like serif, 12-13 pt), then degraded as a scanner
does: blur, a slight rotation, salt and pepper noise and a stamp-like grey box over part
of the text (tests/readers/_scans.py). Deterministic: a seeded generator, fixed fonts.
Used by tests/readers/test_scan_protocols.py."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.readers._scans import _speckle, images_to_pdf

FONTS = ["/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"]
PT = 11.5  # the body's font size
MARGIN = (62, 50)  # left, top margins in points (22 mm, 18 mm)


def font(dpi: int, bold: bool = False) -> Any:
    from PIL import ImageFont

    path = next((f for f in FONTS if Path(f).exists()), None)
    if path is None:
        raise FileNotFoundError(f"no serif font: install fonts-liberation or fonts-dejavu ({FONTS})")
    if bold:
        b = path.replace("-Regular", "-Bold").replace("Serif.ttf", "Serif-Bold.ttf")
        path = b if Path(b).exists() else path
    return ImageFont.truetype(path, round(PT * dpi / 72))


def page(lines: list[str], dpi: int) -> Any:
    """One A4 page with `lines` typed on it; a line starting ">" is indented (a paragraph's
    first line), "^" centred and bold (a heading), "#" a page header or footer line."""
    from PIL import Image, ImageDraw

    w, h = round(595 * dpi / 72), round(842 * dpi / 72)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    left, y = MARGIN[0] * dpi / 72, MARGIN[1] * dpi / 72
    step = PT * 1.35 * dpi / 72
    for line in lines:
        f = font(dpi, bold=line.startswith("^"))
        text = line.lstrip(">^#")
        x = left
        if line.startswith(("^", "#")):
            x = (w - draw.textlength(text, font=f)) / 2
        elif line.startswith(">"):
            x = left + 24 * dpi / 72
        if x + draw.textlength(text, font=f) > w - 28 * dpi / 72:
            raise ValueError(f"the line runs off the page: {text!r}")
        draw.text((x, y), text, font=f, fill=0)
        y += step
    return img


def scan(pages: list[list[str]], dpi: int = 300, angle: float = 0.8, noise: float = 0.01,
         stamp: tuple[float, float] | None = (0.55, 0.8), blur: float = 0.6, seed: int = 0) -> bytes:
    """An image-only PDF of the typed `pages`, scanned at `dpi`: blurred, turned by `angle`
    degrees, speckled, with a grey stamp box whose top left corner is at `stamp`
    (fractions of the page) on the last page."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    images = []
    for n, lines in enumerate(pages):
        img = page(lines, dpi)
        if stamp and n == len(pages) - 1:
            w, h = img.size
            x, y = int(w * stamp[0]), int(h * stamp[1])
            draw = ImageDraw.Draw(img)
            draw.rectangle((x, y, x + w // 3, y + h // 14), outline=120, width=max(2, dpi // 60))
            draw.text((x + dpi // 10, y + dpi // 12), "КОПИЯ ВЕРНА", font=font(dpi // 2), fill=150)
        img = img.filter(ImageFilter.GaussianBlur(blur * dpi / 300))
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        images.append(_speckle(img, noise, rng))
    return images_to_pdf(images, dpi)
