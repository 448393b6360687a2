"""PDF: text-layer lines -> paragraphs, running headers/footers and page numbers removed.

Two engines read the text layer into the same ``Segment`` values: pypdfium2 (the
default, ~1 ms a page) and pdfplumber (~40 ms a page, kept as the reference; a test
asserts both give identical Documents on the samples). Everything after that is
shared (layout.py), so the two engines can only differ in what the PDF library
reports, not in how paragraphs are made.
"""

from __future__ import annotations

import io

from protokol.errors import ReadError
from protokol.model import Block
from protokol.readers.layout import Segment, paragraphs

ENGINES = ("pdfium", "pdfplumber")


def read_pdf(data: bytes, path: str = "", limits=None, engine: str = "pdfium") -> tuple[Block, ...]:
    from protokol.readers import Limits

    limits = limits or Limits()
    if engine == "pdfium":
        pages = _pdfium_pages(data, path, limits.max_pages)
    elif engine == "pdfplumber":
        pages = _plumber_pages(data, path, limits.max_pages)
    else:
        raise ValueError(f"unknown PDF engine {engine!r}; one of {ENGINES}")
    if not any(pages):
        raise ReadError(path, "PDF has no text layer (scanned?)")
    return paragraphs(pages)


def _too_many(path: str, n: int, max_pages: int) -> None:
    if n > max_pages:
        raise ReadError(path, f"PDF has {n} pages (limit {max_pages})")


# ---------------------------------------------------------------- pypdfium2


def _pdfium_pages(data: bytes, path: str, max_pages: int) -> list[list[Segment]]:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(path, "encrypted PDF") from None
        raise ReadError(path, f"corrupt PDF: {exc}") from None
    try:
        _too_many(path, len(pdf), max_pages)
        out = []
        x, y = ctypes.c_double(), ctypes.c_double()
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            segs = []
            for j in range(tp.count_rects()):
                left, bottom, right, top = tp.get_rect(j)
                # pdfium reports a hyphen that ends a line as U+0002
                text = tp.get_text_bounded(left, bottom, right, top).replace("\x02", "-")
                idx = raw.FPDFText_GetCharIndexAtPos(tp.raw, left + 0.5, (top + bottom) / 2, 2.0, 4.0)
                base, size = bottom, top - bottom
                if idx >= 0 and raw.FPDFText_GetCharOrigin(tp.raw, idx, ctypes.byref(x), ctypes.byref(y)):
                    base = y.value
                    size = raw.FPDFText_GetFontSize(tp.raw, idx) or size
                if text.strip():
                    segs.append(Segment(text, left, right, base, size, i + 1))
            tp.close()
            page.close()
            out.append(segs)
        return out
    except pdfium.PdfiumError as exc:  # a page or its text that pdfium cannot load
        raise ReadError(path, f"corrupt PDF: {exc}") from None
    finally:
        pdf.close()


# ---------------------------------------------------------------- pdfplumber


def _plumber_pages(data: bytes, path: str, max_pages: int) -> list[list[Segment]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        n = len(pdf.pages)
    except PDFPasswordIncorrect:
        raise ReadError(path, "encrypted PDF") from None
    except Exception as exc:  # pdfminer raises many unrelated types on bad input
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise ReadError(path, "encrypted PDF") from None
        raise ReadError(path, f"corrupt PDF: {exc.__class__.__name__}") from None
    with pdf:
        _too_many(path, n, max_pages)
        return [_plumber_segments(page.chars, k + 1) for k, page in enumerate(pdf.pages)]


def _plumber_segments(chars: list[dict], page: int) -> list[Segment]:
    """Characters in content order -> runs on one baseline without a wide gap."""
    segs: list[Segment] = []
    text: list[str] = []
    x0 = x1 = base = size = 0.0

    def flush() -> None:
        if "".join(text).strip():
            segs.append(Segment("".join(text), x0, x1, base, size, page))

    for c in chars:
        cb, cx0, cx1 = c["matrix"][5], c["x0"], c["x1"]
        if text and abs(cb - base) <= 0.3 * size and -1.0 <= cx0 - x1 <= 4 * size:
            if cx0 - x1 > 0.2 * size and text[-1] != " " and c["text"] != " ":
                text.append(" ")
            text.append(c["text"])
            x1 = max(x1, cx1)
        else:
            if text:
                flush()
            text, x0, x1, base, size = [c["text"]], cx0, cx1, cb, c["size"]
    if text:
        flush()
    return segs
