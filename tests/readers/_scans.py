"""Scans made from text PDFs, as a scanner would: pages rendered to grey images with noise,
a slight rotation and a stamp-like blot, wrapped back into an image-only PDF (Pillow).

Deterministic: the noise comes from a seeded generator, so a scan is the same bytes on
every run. Used by tests/readers/test_ocr*.py, tests/hostile/test_formats_*.py and
benchmarks/ocr.py.
"""

from __future__ import annotations

import io
import random
from typing import Any

SCAN_DPI = 200  # what an office scanner is usually set to


def page_image(page: Any, dpi: int = SCAN_DPI, angle: float = 0.7, noise: float = 0.02,
               blot: bool = True, seed: int = 0) -> Any:
    """One pypdfium2 page as a scanned grey Pillow image."""
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    img = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    img = img.filter(ImageFilter.GaussianBlur(0.6))  # the scanner's optics
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if blot:
        _stamp(ImageDraw.Draw(img), img.size, rng)
    return _speckle(img, noise, rng)


def _stamp(draw: Any, size: tuple[int, int], rng: random.Random) -> None:
    """A round seal, half over the text of the lower right quarter, and a smudge."""
    w, h = size
    cx, cy, r = int(w * 0.72), int(h * 0.78), int(min(w, h) * 0.09)
    for k in range(3):  # the seal's rings
        rr = r - k * max(3, r // 8)
        draw.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=150, width=max(2, r // 30))
    sx, sy = int(w * rng.uniform(0.15, 0.35)), int(h * rng.uniform(0.3, 0.6))
    draw.ellipse((sx, sy, sx + w // 25, sy + h // 60), fill=200)  # a light grey smudge


def _speckle(img: Any, amount: float, rng: random.Random) -> Any:
    """Salt and pepper: `amount` of the pixels flipped to black or white."""
    px = img.load()
    w, h = img.size
    for _ in range(int(w * h * amount)):
        px[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 255))
    return img


def images_to_pdf(images: list[Any], dpi: int = SCAN_DPI) -> bytes:
    """An image-only PDF of the images, one a page, at `dpi` (page size follows)."""
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out.getvalue()


def scan_pdf(data: bytes, pages: list[int] | None = None, seed: int = 0, **options: Any) -> bytes:
    """The scan of a text PDF: every page (or the 1-based `pages`) as a scanned image
    (`seed` varies the noise and the blot)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        numbers = pages or list(range(1, len(pdf) + 1))
        images = [page_image(pdf[n - 1], seed=seed + n, **options) for n in numbers]
    finally:
        pdf.close()
    return images_to_pdf(images, options.get("dpi", SCAN_DPI))


def mixed_pdf(data: bytes, text_page: int, scanned_page: int) -> bytes:
    """A two-page PDF: `text_page` of `data` as text, then `scanned_page` as a scan."""
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(scan_pdf(data, [scanned_page]))
    out = pdfium.PdfDocument.new()
    src = pdfium.PdfDocument(data)
    try:
        out.import_pages(src, [text_page - 1])
        out.import_pages(scan, [0])
        buf = io.BytesIO()
        out.save(buf)
        return buf.getvalue()
    finally:
        for doc in (out, src, scan):
            doc.close()


def garbage_layer_pdf(image: Any, lines: list[bytes], dpi: int = SCAN_DPI) -> bytes:
    """A one-page PDF: the grey `image` with an invisible text layer of `lines` over it, in
    Helvetica (WinAnsi), as a scanner's broken OCR leaves it: cp1251 bytes show as "Ïðîòîêîë"."""
    import zlib

    w, h = image.size
    pw, ph = w * 72 / dpi, h * 72 / dpi
    text = b"".join(b"1 0 0 1 72 %.1f Tm (%s) Tj\n" % (ph - 72 - 16 * k, line) for k, line in enumerate(lines))
    content = b"q %.2f 0 0 %.2f 0 0 cm /Im1 Do Q\nBT 3 Tr /F1 12 Tf\n%sET" % (pw, ph, text)
    pixels = zlib.compress(image.convert("L").tobytes())
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents 4 0 R "
        b"/Resources << /Font << /F1 6 0 R >> /XObject << /Im1 5 0 R >> >> >>" % (pw, ph),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream" % (w, h, len(pixels), pixels),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    from tests.hostile.test_pdf_bombs import build

    return build(objects)
