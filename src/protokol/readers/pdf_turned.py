"""A page shown turned by a quarter (/Rotate 90 or 270) whose text is drawn turned the other
way, so that it reads upright on the screen: a landscape page printed to PDF as a turned
portrait one. pdfium gives its text rectangles in the page's own space, where the lines run
up or down the page; read there, their baselines and sizes mean nothing and the layout runs
lines together. Such a page's rectangles are turned into the space of the page as shown."""

from __future__ import annotations

import ctypes
from typing import Any

from protokol.readers.layout import Segment

TALL = 1.5  # a rectangle this many times taller than wide holds a line running up or down


def turned_page(rects: list[tuple[float, float, float, float]]) -> bool:
    """Most of the page's text (by the length of its rectangles) runs up or down the page."""
    along = across = 0.0
    for left, bottom, right, top in rects:
        width, height = right - left, top - bottom
        if height > TALL * width:
            along += height
        else:
            across += width
    return along > across


def turned_segments(handle: Any, rects: list[tuple[float, float, float, float]], page_no: int, budget: Any,
                    turn: int) -> list[Segment]:
    """The Segments of a page shown turned by `turn` quarters clockwise (1 or 3), in the
    space of the page as shown: x along its lines, the baseline growing upwards. A line's
    baseline and font size come from its first character, found at the line's start."""
    from protokol.readers.pdf_text import _bounded_text, pdfium_call

    x, y = ctypes.c_double(), ctypes.c_double()
    index_at = pdfium_call("FPDFText_GetCharIndexAtPos")
    origin, font_size = pdfium_call("FPDFText_GetCharOrigin"), pdfium_call("FPDFText_GetFontSize", ctypes.c_double)
    tol = ctypes.c_double(2.0)
    segs = []
    for left, bottom, right, top in rects:
        text = _bounded_text(handle, left, bottom, right, top).replace("\x02", "-")
        budget.take(len(text))
        if not text or text.isspace():
            continue
        # shown turned clockwise, the page's bottom edge is on the left: lines run up it
        start_y = bottom + 0.5 if turn == 1 else top - 0.5
        idx = index_at(handle, ctypes.c_double((left + right) / 2), ctypes.c_double(start_y), tol, tol)
        size = right - left
        line = -right if turn == 1 else left  # the shown bottom of the line's box
        if idx >= 0 and origin(handle, idx, ctypes.byref(x), ctypes.byref(y)):
            line = -x.value if turn == 1 else x.value
            size = font_size(handle, idx) or size
        x0, x1 = (bottom, top) if turn == 1 else (-top, -bottom)
        segs.append(Segment(text, x0, x1, line, size, page_no))
    return segs
