"""One pdfium text page -> Segments, in time linear in its characters.

pdfium gives a page's text as rectangles (one a text object) and the text inside a
rectangle (FPDFText_GetBoundedText); the character at a point gives a rectangle's
baseline and font size (FPDFText_GetCharIndexAtPos). Both scan every character of the
page on each call, so a page of n characters in n rectangles (each glyph on its own
baseline) took n^2 steps: 20,000 glyphs 8.6 s.

A small page keeps those calls (fast in C: chars x rects below ``SCAN_LIMIT``). A large
one is read once, character by character (box, code point), into a grid of cells; each
rectangle then looks only at the characters in its cells and rebuilds what pdfium
would have returned, with pdfium's own rules (GetTextByPredicate, GetIndexAtPos,
single-precision rectangles), so both ways give identical Segments (a test checks it).
"""

from __future__ import annotations

import codecs
import ctypes
import functools
import math
from collections import defaultdict
from typing import Any

from protokol.errors import ReadError
from protokol.readers.layout import Segment

SCAN_LIMIT = 1_000_000  # chars x rects of a page read with pdfium's per-rectangle calls
_TOL_X, _TOL_Y = 2.0, 4.0  # tolerance of the character lookup at a rectangle's left edge
_WORK_PER_CHAR, _WORK_BASE = 40, 200_000  # see _CharIndex.work


class Budget:
    """How much of something one document may make pdfium hand over, e.g. characters:
    those of its pages plus those of the rectangles' texts (overlapping rectangles
    repeat characters), or page objects (pages sharing one huge content stream)."""

    def __init__(self, path: str, limit: int, what: str = "characters of text") -> None:
        self.path, self.limit, self.what, self.used = path, limit, what, 0

    def take(self, n: int) -> None:
        self.used += n
        if self.used > self.limit:
            raise ReadError(self.path, f"PDF has too many {self.what} (limit {self.limit})")


@functools.cache
def pdfium_call(name: str, restype: Any = ctypes.c_int) -> Any:
    """pdfium's function `name` as pypdfium2.raw loads it, without its argument types:
    converting to them (pypdfium2's own pointer types) costs 2-4 times the call itself
    (FPDFText_GetRect: 6 us against 1.5). The arguments then go as they are: handles
    and byref() as pointers, ints as C ints, doubles as ctypes.c_double."""
    import pypdfium2.raw as raw

    fn = getattr(raw, name)
    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)  # the same library and calling convention
    bare.restype = restype
    return bare


def check_objects(page: Any, objects: Budget, forms: Budget, paths: list[Any] | None = None) -> None:
    """Count a loaded page's objects, those inside its form XObjects included, into the
    budgets (a form drawn 10 times that draws another 10 times ... is a fan-out); the path
    objects drawn at the page's top level go into ``paths`` (pdf_tables.page_rules)."""
    import pypdfium2.raw as raw

    handle = getattr(page, "raw", page)  # a PdfPage or its FPDF_PAGE handle
    count_page, in_page = pdfium_call("FPDFPage_CountObjects"), pdfium_call("FPDFPage_GetObject", raw.FPDF_PAGEOBJECT)
    count_form, in_form = raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject  # an unsigned long index
    type_of, form_type, path_type = pdfium_call("FPDFPageObj_GetType"), raw.FPDF_PAGEOBJ_FORM, raw.FPDF_PAGEOBJ_PATH
    stack: list[Any] = [None]  # None: the page; else a form object
    while stack:
        form = stack.pop()
        n = count_page(handle) if form is None else count_form(form)
        objects.take(max(n, 0))
        for j in range(n):
            obj = in_page(handle, j) if form is None else in_form(form, j)
            kind = type_of(obj)
            if kind == form_type:
                forms.take(1)
                stack.append(obj)
            elif kind == path_type and paths is not None and form is None:
                paths.append(obj)


def page_segments(tp: Any, page_no: int, budget: Budget,
                  scan_limit: int = SCAN_LIMIT, turn: int = 0) -> list[Segment]:
    """The Segments of one text page (page_no counts from 1): a pypdfium2 PdfTextPage or
    its raw FPDF_TEXTPAGE handle. ``turn``: the page's /Rotate in quarters (pdf_turned.py)."""
    import pypdfium2 as pdfium

    handle = getattr(tp, "raw", tp)
    n_chars = pdfium_call("FPDFText_CountChars")(handle)
    if n_chars == -1:
        raise pdfium.PdfiumError("Failed to get character count.")
    budget.take(n_chars)
    n_rects = pdfium_call("FPDFText_CountRects")(handle, 0, -1)
    if n_rects == -1:
        raise pdfium.PdfiumError("Failed to count rectangles.")
    budget.take(n_rects)
    rects = _rects(handle, n_rects)
    if turn in (1, 3) and n_chars * n_rects <= scan_limit:
        from protokol.readers.pdf_turned import turned_page, turned_segments

        if turned_page(rects):
            return turned_segments(handle, rects, page_no, budget, turn)
    index = _CharIndex.build(handle, n_chars, budget) if n_chars * n_rects > scan_limit else None
    if index is None:
        return _scanned(handle, rects, n_chars, page_no, budget)
    segs = []
    x, y = ctypes.c_double(), ctypes.c_double()
    xref, yref = ctypes.byref(x), ctypes.byref(y)
    origin, font_size = pdfium_call("FPDFText_GetCharOrigin"), pdfium_call("FPDFText_GetFontSize", ctypes.c_double)
    for rect in rects:
        left, bottom, right, top = rect
        # pdfium reports a hyphen that ends a line as U+0002
        text = index.text_in(rect).replace("\x02", "-")
        idx = index.char_at(left + 0.5, (top + bottom) / 2)
        base, size = bottom, top - bottom
        if idx >= 0 and origin(handle, idx, xref, yref):
            base = y.value
            size = font_size(handle, idx) or size
        if text.strip():
            segs.append(Segment(text, left, right, base, size, page_no))
    return segs


def _scanned(handle: Any, rects: list[tuple[float, float, float, float]], n_chars: int, page_no: int,
             budget: Budget) -> list[Segment]:
    """page_segments through pdfium's per-rectangle calls, each scanning the page's
    characters (fast in C on a page of normal size): a rectangle's text
    (FPDFText_GetBoundedText, in one call instead of pypdfium2's two: the text has at
    most 4 UTF-16 units a character, the character, a space, CR LF, and pdfium counts a
    NUL after it, never inside: it skips code 0), and the character at its left edge
    (FPDFText_GetCharIndexAtPos) for its baseline and font size. The loop is written
    out, with no helper calls: it runs ~50 times a page."""
    size = 4 * n_chars + 4
    buf = (ctypes.c_ushort * size)()
    x, y = ctypes.c_double(), ctypes.c_double()
    xref, yref = ctypes.byref(x), ctypes.byref(y)
    # the doubles of the calls, set before each (see pdfium_call)
    c_left, c_bottom, c_right, c_top = (ctypes.c_double() for _ in range(4))
    c_x, c_y, no_tol = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(0.0)
    tol_x, tol_y = ctypes.c_double(_TOL_X), ctypes.c_double(_TOL_Y)
    bounded, index_at = pdfium_call("FPDFText_GetBoundedText"), pdfium_call("FPDFText_GetCharIndexAtPos")
    origin, font_size = pdfium_call("FPDFText_GetCharOrigin"), pdfium_call("FPDFText_GetFontSize", ctypes.c_double)
    units_of, segs = memoryview(buf).cast("B"), []  # the buffer's bytes, read without a copy
    for left, bottom, right, top in rects:
        c_left.value, c_bottom.value, c_right.value, c_top.value = left, bottom, right, top
        n = bounded(handle, c_left, c_top, c_right, c_bottom, buf, size)
        units = units_of[:2 * n - 2] if n > 1 else b""  # the count holds a closing NUL
        try:
            text = str(units, "utf-16-le")
            whole = 2 * len(text) == len(units)  # False: a surrogate pair
        except UnicodeDecodeError:  # a lone surrogate
            whole = False
        if n >= size or not whole:
            # pypdfium2's get_text_bounded, as the reader always used it here: it
            # sizes its buffer in code points, which cuts such a text short
            text = _bounded_text(handle, left, bottom, right, top)
        budget.take(len(text))
        # a box that holds the point ends pdfium's scan with or without a tolerance;
        # without one each character costs a third less (the answer is the same)
        c_x.value, c_y.value = left + 0.5, (top + bottom) / 2
        idx = index_at(handle, c_x, c_y, no_tol, no_tol)
        if idx < 0:
            idx = index_at(handle, c_x, c_y, tol_x, tol_y)
        base, height = bottom, top - bottom
        if idx >= 0 and origin(handle, idx, xref, yref):
            base = y.value
            height = font_size(handle, idx) or height
        if "\x02" in text:  # pdfium reports a hyphen that ends a line as U+0002
            text = text.replace("\x02", "-")
        if text and not text.isspace():
            segs.append(Segment(text, left, right, base, height, page_no))
    return segs


def _bounded_text(handle: Any, left: float, bottom: float, right: float, top: float) -> str:
    """pypdfium2's PdfTextPage.get_text_bounded(left, bottom, right, top)."""
    import pypdfium2.raw as raw

    n = raw.FPDFText_GetBoundedText(handle, left, top, right, bottom, None, 0)
    if n <= 0:
        return ""
    buf = (ctypes.c_ushort * n)()
    raw.FPDFText_GetBoundedText(handle, left, top, right, bottom, buf, n)
    return codecs.decode(buf, "utf-16-le", errors="ignore")  # type: ignore[call-overload]


def _rects(handle: Any, n: int) -> list[tuple[float, float, float, float]]:
    """PdfTextPage.get_rect(j) for each j below n (left, bottom, right, top), with one
    set of ctypes doubles instead of four new ones a rectangle."""
    import pypdfium2 as pdfium

    l, b, r, t = (ctypes.c_double() for _ in range(4))
    refs = ctypes.byref(l), ctypes.byref(t), ctypes.byref(r), ctypes.byref(b)  # pdfium's order: ltrb
    get, out = pdfium_call("FPDFText_GetRect"), []
    for j in range(n):
        if not get(handle, j, *refs):
            raise pdfium.PdfiumError("Failed to get rectangle. (Make sure count_rects() was called with "
                                     "default params once before subsequent get_rect() calls.)")
        out.append((l.value, b.value, r.value, t.value))
    return out


def _f32(v: float) -> float:
    return ctypes.c_float(v).value


def _normal(l: float, b: float, r: float, t: float) -> tuple[float, float, float, float]:
    """CFX_FloatRect::Normalize."""
    if l > r:
        l, r = r, l
    if b > t:
        b, t = t, b
    return l, b, r, t


def _meets(rect: tuple[float, float, float, float], box: tuple[float, float, float, float]) -> bool:
    """IsRectIntersect of normalised rectangles, NaN included (CFX_FloatRect::Intersect)."""
    il, ib = max(rect[0], box[0]), max(rect[1], box[1])
    ir, it = min(rect[2], box[2]), min(rect[3], box[3])
    return not (il > ir or ib > it) and not (il >= ir or ib >= it)


class _Grid:
    """Boxes in a hierarchy of grids (cells `cell`, 8x, 64x ... as wide): each box sits
    in the level where it covers at most 2x2 cells, so a query looks at few cells and a
    large box does not fill many; non-finite boxes go in a list every query returns."""

    def __init__(self, boxes: list[tuple[float, float, float, float]], cell: float) -> None:
        self.levels: list[tuple[float, dict[tuple[int, int], list[int]]]] = []
        self.everywhere: list[int] = []
        for k, box in enumerate(boxes):
            if not all(map(math.isfinite, box)):
                self.everywhere.append(k)
                continue
            size, level = cell, 0
            while max(box[2] - box[0], box[3] - box[1]) > size and level < 40:
                size, level = size * 8, level + 1
            while len(self.levels) <= level:
                self.levels.append((cell * 8 ** len(self.levels), defaultdict(list)))
            c, cells = self.levels[level]
            x0, y0, x1, y1 = _cells(box, c)
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    cells[cx, cy].append(k)

    def near(self, box: tuple[float, float, float, float], n: int) -> list[int]:
        """Indexes (ascending) of the boxes that may meet `box` (closed); all for a NaN."""
        if not all(map(math.isfinite, box)):
            return list(range(n))
        found: set[int] = set(self.everywhere)
        for c, cells in self.levels:
            x0, y0, x1, y1 = _cells(box, c)
            if (x1 - x0 + 1) * (y1 - y0 + 1) > len(cells):
                for (cx, cy), ks in cells.items():
                    if x0 <= cx <= x1 and y0 <= cy <= y1:
                        found.update(ks)
            else:
                for cx in range(x0, x1 + 1):
                    for cy in range(y0, y1 + 1):
                        found.update(cells.get((cx, cy), ()))
        return sorted(found)


def _cells(box: tuple[float, float, float, float], c: float) -> tuple[int, int, int, int]:
    """The cells a finite box covers (division and floor are monotonic: a point in the
    box lies in one of them)."""
    return math.floor(box[0] / c), math.floor(box[1] / c), math.floor(box[2] / c), math.floor(box[3] / c)


class _CharIndex:
    """A page's characters (normalised boxes, code points, baselines) in a _Grid."""

    def __init__(self, handle: Any, codes: list[int], boxes: list[tuple[float, float, float, float]],
                 budget: Budget) -> None:
        self.handle, self.codes, self.boxes, self.budget = handle, codes, boxes, budget
        self.nonspace = [0]  # nonspace[k]: characters other than " " before index k
        for u in codes:
            self.nonspace.append(self.nonspace[-1] + (u != 32))
        heights = sorted(t - b for l, b, r, t in boxes if math.isfinite(t - b) and t - b > 0.01)
        cell = min(max(heights[len(heights) // 2] if heights else 10.0, 0.05), 1000.0)
        self.cell, self.grid = cell, _Grid(boxes, cell)
        self._coarse: _Grid | None = None  # cells as large as the tolerance: for char_at
        self._origin_y: dict[int, float] = {}
        # characters a page may make us examine: glyphs piled on one spot make every
        # query meet all of them (quadratic); a real page examines a few per character
        self.work = _WORK_PER_CHAR * len(boxes) + _WORK_BASE

    def _near(self, grid: _Grid, box: tuple[float, float, float, float]) -> list[int]:
        found = grid.near(box, len(self.boxes))
        self.work -= len(found)
        if self.work < 0:
            raise ReadError(self.budget.path, "PDF text too dense to read (glyphs piled on one another)")
        return found

    @classmethod
    def build(cls, handle: Any, n: int, budget: Budget) -> _CharIndex | None:
        l, r, b, t = (ctypes.c_double() for _ in range(4))
        refs = ctypes.byref(l), ctypes.byref(r), ctypes.byref(b), ctypes.byref(t)
        get_box, get_code = pdfium_call("FPDFText_GetCharBox"), pdfium_call("FPDFText_GetUnicode", ctypes.c_uint)
        codes, boxes = [], []
        for k in range(n):
            codes.append(get_code(handle, k))
            if not get_box(handle, k, *refs):
                return None  # not expected for an index below the count: let pdfium answer
            boxes.append(_normal(l.value, b.value, r.value, t.value))
        if codes and max(codes) > 0x10FFFF:
            return None  # a code point Python cannot hold: let pdfium answer
        return cls(handle, codes, boxes, budget)

    def _y(self, k: int) -> float:
        if k not in self._origin_y:
            import pypdfium2.raw as raw

            x, y = ctypes.c_double(), ctypes.c_double()
            raw.FPDFText_GetCharOrigin(self.handle, k, ctypes.byref(x), ctypes.byref(y))
            self._origin_y[k] = y.value
        return self._origin_y[k]

    def text_in(self, rect: tuple[float, float, float, float]) -> str:
        """FPDFText_GetBoundedText: CPDF_TextPage::GetTextByRect, then pypdfium2's decoding."""
        left, bottom, right, top = rect
        rl, rb, rr, rt = _normal(_f32(left), _f32(bottom), _f32(right), _f32(top))
        boxes, hits = self.boxes, []
        if rl < rr and rb < rt:  # else nothing meets it (or a NaN: test each the long way)
            odd = set(self.grid.everywhere)  # a NaN box meets every rectangle, as in pdfium
            for k in self._near(self.grid, (rl, rb, rr, rt)):
                cl, cb, cr, ct = boxes[k]
                if k in odd:
                    if _meets((rl, rb, rr, rt), boxes[k]):
                        hits.append(k)
                elif cl < rr and rl < cr and cb < rt and rb < ct and cl < cr and cb < ct:
                    hits.append(k)
        elif not all(map(math.isfinite, (rl, rb, rr, rt))):
            hits = [k for k, box in enumerate(boxes) if _meets((rl, rb, rr, rt), box)]
        self.budget.take(len(hits))
        out: list[int] = []
        posy, prev = 0.0, -1
        codes, nonspace = self.codes, self.nonspace
        for k in hits:
            contains_prev = prev >= 0 and k == prev + 1
            if prev >= 0 and k > prev + 1 and codes[prev + 1] == 32:
                out.append(32)
            add_feed = nonspace[k] - nonspace[prev + 1] > 0
            y = self._y(k)
            if abs(posy - y) > 0 and not contains_prev and add_feed:
                posy = y
                if out:
                    out.extend((13, 10))
            if codes[k]:
                out.append(codes[k])
            prev = k
        if hits and prev + 1 < len(codes) and codes[prev + 1] == 32:
            out.append(32)
        text = "".join(map(chr, out))
        if out and max(out) >= 0xD800:  # pdfium sizes the UTF-16 buffer in code points
            text = text.encode("utf-16-le", "surrogatepass")[:2 * len(out)].decode("utf-16-le", "ignore")
        return text

    def char_at(self, x: float, y: float) -> int:
        """FPDFText_GetCharIndexAtPos: CPDF_TextPage::GetIndexAtPos in single precision.
        The first character whose box holds the point; else the nearest one whose box
        widened by the tolerance holds it (the earliest of equals)."""
        px, py = _f32(x), _f32(y)
        boxes = self.boxes
        for k in self._near(self.grid, (px, py, px, py)):
            l, b, r, t = boxes[k]
            if l <= px <= r and b <= py <= t:
                return k
        hx, hy = _f32(_TOL_X) / 2, _f32(_TOL_Y) / 2
        near, xdif, ydif = -1, 5000.0, 5000.0
        window = (px - 2 * hx, py - 2 * hy, px + 2 * hx, py + 2 * hy)
        if self._coarse is None:
            self._coarse = _Grid(boxes, max(self.cell, 2 * _TOL_Y))
        for k in self._near(self._coarse, window):
            l, b, r, t = boxes[k]
            if (px < l - 2 * hx - abs(l) * 1e-6 or px > r + 2 * hx + abs(r) * 1e-6
                    or py < b - 2 * hy - abs(b) * 1e-6 or py > t + 2 * hy + abs(t) * 1e-6):
                continue  # far outside even the widened box, whatever the rounding
            el, eb, er, et = _f32(l - hx), _f32(b - hy), _f32(r + hx), _f32(t + hy)
            if not (el <= px <= er and eb <= py <= et):
                continue
            cur_x = min(abs(_f32(px - l)), abs(_f32(px - r)))
            cur_y = min(abs(_f32(py - b)), abs(_f32(py - t)))
            if cur_y + cur_x < xdif + ydif:
                xdif, ydif, near = cur_x, cur_y, k
        return near
