"""Tables a PDF draws with ruling lines ("№ п/п | Поручение | Ответственный | Срок"): each
cell's text one block with its (table, row, grid column), as a .docx table's, so that a table
of decisions is read row by row and not as one run of text.

The engines hand over the page's thin path objects (``Rule``: a horizontal or vertical line,
or a thin filled rectangle, as Word and LibreOffice draw cell borders). A table is a set of
at least 3 horizontal and 3 vertical rules that cross one another: at least two rows and two
columns. Its rows are the bands between its horizontal rules, its columns those between its
vertical rules (a cell merged over two columns has its text in the first). Text whose middle
lies in a table is taken out of the page's lines; the cells are read in reading order where
the table stands. A table going on at the top of the next page with the same columns goes on
with the same table number and rows. Bounds: at most MAX_RULES rules a page are looked at,
MAX_PAIRS crossings tried, and grids of at most MAX_BANDS rows or columns.
"""

from __future__ import annotations

import ctypes
import re
from typing import Any, NamedTuple

from protokol.model import Block
from protokol.readers.layout import Line, Segment, join_cell

THIN = 2.5  # points: a rule is at most this thick
LONG = 6.0  # points: and at least this long
NEAR = 2.5  # points: rules closer than this are one; a rule ends this close to another to meet it
MAX_RULES = 4000
MAX_BANDS = 200
MAX_PAIRS = 40_000  # horizontal x vertical lines (after joining) looked at on one page


class Rule(NamedTuple):
    """A thin line drawn on a page, in PDF coordinates (y grows upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float
    page: int


class Grid(NamedTuple):
    xs: tuple[float, ...]  # column edges, left to right
    ys: tuple[float, ...]  # row edges, top to bottom (descending y)

    def holds(self, x: float, y: float) -> bool:
        return self.xs[0] < x < self.xs[-1] and self.ys[-1] < y < self.ys[0]

    def cell(self, x: float, y: float) -> tuple[int, int]:
        """(row, column), 0-based, of a point inside the grid."""
        row = next(i for i in range(len(self.ys) - 1) if y > self.ys[i + 1])
        column = next(i for i in range(len(self.xs) - 1) if x < self.xs[i + 1])
        return row, column


def thin(x0: float, y0: float, x1: float, y1: float, page: int) -> Rule | None:
    """The Rule of a path object's box when it is one (else None)."""
    w, h = x1 - x0, y1 - y0
    if not all(v * 0 == 0 for v in (x0, y0, x1, y1)):  # NaN, infinite
        return None
    if (h <= THIN and w >= LONG) or (w <= THIN and h >= LONG):
        return Rule(x0, y0, x1, y1, page)
    return None


def grids(rules: list[Rule]) -> list[Grid]:
    """The tables one page's rules draw."""
    rules = [r for r in rules[:MAX_RULES] if all(v * 0 == 0 for v in r)]
    flat = _joined([r for r in rules if r.x1 - r.x0 > r.y1 - r.y0], False)
    tall = _joined([r for r in rules if r.x1 - r.x0 <= r.y1 - r.y0], True)
    if len(flat) < 3 or len(tall) < 3 or len(flat) * len(tall) > MAX_PAIRS:
        return []
    # connected sets of crossing rules (union-find over the pairs that meet)
    parent = list(range(len(flat) + len(tall)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(flat):
        y = (h.y0 + h.y1) / 2
        for j, v in enumerate(tall):
            x = (v.x0 + v.x1) / 2
            if h.x0 - NEAR <= x <= h.x1 + NEAR and v.y0 - NEAR <= y <= v.y1 + NEAR:
                a, b = root(i), root(len(flat) + j)
                if a != b:
                    parent[a] = b
    sets: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(flat):
        sets.setdefault(root(i), ([], []))[0].append(h)
    for j, v in enumerate(tall):
        sets.setdefault(root(len(flat) + j), ([], []))[1].append(v)
    found = []
    for hs, vs in sets.values():
        if len(hs) < 3 or len(vs) < 3:
            continue
        left, right = min(h.x0 for h in hs), max(h.x1 for h in hs)
        bottom, top = min(v.y0 for v in vs), max(v.y1 for v in vs)
        ys = _edges(_spanning([((h.y0 + h.y1) / 2, h.x1 - h.x0) for h in hs], right - left))[::-1]
        xs = _edges(_spanning([((v.x0 + v.x1) / 2, v.y1 - v.y0) for v in vs], top - bottom))
        if 3 <= len(ys) <= MAX_BANDS and 3 <= len(xs) <= MAX_BANDS:
            found.append(Grid(tuple(xs), tuple(ys)))
    return sorted(found, key=lambda g: -g.ys[0])


def _spanning(lines: list[tuple[float, float]], size: float) -> list[float]:
    """The positions whose lines (position, length) cover at least half of the table's width
    (or height): a table's row and column borders, broken by a merged cell or not; not the
    short lines of a title block drawn onto a page's frame (the frame and its block are no
    table of the page's text)."""
    total: dict[int, float] = {}
    for at, length in lines:
        key = round(at / NEAR)
        total[key] = total.get(key, 0.0) + length
    return [at for at, _ in lines if total[round(at / NEAR)] >= 0.5 * size]


def _joined(rules: list[Rule], upright: bool) -> list[Rule]:
    """Rules on one line that touch or overlap made one (Word draws each cell's border on its
    own): horizontal ones by their y, vertical ones by their x."""
    def across(r: Rule) -> float:
        return (r.x0 + r.x1) / 2 if upright else (r.y0 + r.y1) / 2

    def along(r: Rule) -> tuple[float, float]:
        return (r.y0, r.y1) if upright else (r.x0, r.x1)

    out: list[Rule] = []
    line: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (round(across(r) / NEAR), along(r))) + [None]:  # type: ignore[list-item]
        if line and (rule is None or round(across(rule) / NEAR) != round(across(line[0]) / NEAR)
                     or along(rule)[0] > along(line[-1])[1] + NEAR):
            lo, hi = along(line[0])[0], max(along(r)[1] for r in line)
            at = across(line[0])
            out.append(Rule(at, lo, at, hi, line[0].page) if upright else Rule(lo, at, hi, at, line[0].page))
            line = []
        if rule is not None:
            if line and along(rule)[1] > along(line[-1])[1]:
                line.append(rule)
            elif not line:
                line.append(rule)
    return out


def _edges(values: list[float]) -> list[float]:
    """Positions closer than NEAR made one (their first), ascending."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > NEAR:
            out.append(v)
    return out


def same_columns(a: Grid, b: Grid) -> bool:
    return len(a.xs) == len(b.xs) and all(abs(p - q) <= NEAR for p, q in zip(a.xs, b.xs))


Cells = dict[tuple[int, int, int], list]  # (table, row, column), 1-based -> its segments


def take_tables(pages: list[list], rules: list[Rule]) -> tuple[list[list], dict[int, list[tuple[float, Cells]]]]:
    """The pages without the text of their tables, and per page (0-based) each table's top
    and its cells' segments. A page's first table goes on with the table the page before
    ended with (nothing under it but two lines at most: a footer, a page number) when its
    columns are the same; a header row printed again atop it is dropped."""
    by_page: dict[int, list[Rule]] = {}
    for rule in rules:
        by_page.setdefault(rule.page, []).append(rule)
    out_pages, tables = [], {}
    number = rows = 0
    last: Grid | None = None  # the previous page's last table, when it ended that page
    first_row: tuple = ()
    for n, segs in enumerate(pages):
        found = grids(by_page.get(n + 1, []))
        if not found:
            out_pages.append(segs)
            last = None
            continue
        flow, placed = [], [dict() for _ in found]  # type: ignore[var-annotated]
        for seg in segs:
            x, y = seg.x0 + min(1.0, (seg.x1 - seg.x0) / 2), seg.base + 0.3 * seg.size
            k = next((k for k, g in enumerate(found) if g.holds(x, y)), None)
            if k is None:
                flow.append(seg)
            else:
                placed[k].setdefault(found[k].cell(x, y), []).append(seg)
        page_tables = []
        for k, (grid, cells) in enumerate(zip(found, placed)):
            if not cells:
                continue
            cells = _unruled_rows(cells)
            goes_on = k == 0 and last is not None and same_columns(last, grid)
            if goes_on:
                top = min(cells)[0]
                if _row_text(cells, top) == first_row:
                    cells = {key: v for key, v in cells.items() if key[0] != top}
            else:
                number, rows = number + 1, 0
                first_row = _row_text(cells, min(cells)[0])
            order = {row: rows + i + 1 for i, row in enumerate(sorted({r for r, _ in cells}))}
            rows += len(order)
            page_tables.append((grid.ys[0], {(number, order[r], c + 1): v for (r, c), v in cells.items()}))
        out_pages.append(flow)
        tables[n] = page_tables
        bottom = found[-1].ys[-1]
        below = {round(s.base) for s in flow if s.base < bottom}  # a page number, a footer: two lines at most
        last = found[-1] if placed[-1] and len(below) <= 2 else None
    return out_pages, tables


_NUMBER = re.compile(r"\s*\d{1,3}(?:\.\d{1,3})*\.?\s*$")


def _unruled_rows(cells: dict) -> dict:
    """Cells keyed by ((row, part), column): a band of the grid whose first column holds two
    item numbers or more ("1.", "2." under a ruled header, the rows below it not ruled off) is
    cut into one row an item, each starting at its number's line."""
    starts: dict[int, list[float]] = {}
    for (row, column), segs in cells.items():
        if column == 0:
            tops = sorted((s.base + s.size for s in segs if _NUMBER.match(s.text)), reverse=True)
            if len(tops) >= 2:
                starts[row] = tops
    out: dict = {}
    for (row, column), segs in cells.items():
        lines = starts.get(row)
        for seg in segs:
            part = 0 if lines is None else max(sum(1 for top in lines if seg.base + seg.size <= top + 0.5 * seg.size) - 1, 0)
            out.setdefault(((row, part), column), []).append(seg)
    return out


def _row_text(cells: dict, row: int) -> tuple:
    return tuple((c, " ".join(s.text.strip() for s in segs)) for (r, c), segs in sorted(cells.items()) if r == row)


def page_rules(paths: list[Any], page_no: int) -> list[Rule]:
    """The Rules among a loaded page's path objects (pdfium handles, from
    pdf_text.check_objects), at most MAX_RULES of them."""
    from protokol.readers.pdf_text import pdfium_call

    bounds = pdfium_call("FPDFPageObj_GetBounds")
    box = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in box]
    out: list[Rule] = []
    for obj in paths:
        if bounds(obj, *refs):
            rule = thin(box[0].value, box[1].value, box[2].value, box[3].value, page_no)
            if rule is not None:
                out.append(rule)
                if len(out) >= MAX_RULES:
                    break
    return out


class TableMark(Line):
    """Where a table stands among a page's lines: its cells' segments by (table, row, column)."""

    cells: dict[tuple[int, int, int], list[Segment]]


def with_tables(line_pages: list[list[Line]], tables: dict[int, list]) -> list[Line]:
    """The lines of every page with a TableMark before the first line below each table's top."""
    out: list[Line] = []
    for n, page in enumerate(line_pages):
        marks = []
        for top, cells in tables.get(n, ()):
            mark = TableMark("", 0.0, 0.0, top, 0.0, n + 1)
            mark.cells = cells
            marks.append(mark)
        for ln in page:
            while marks and ln.base < marks[0].base:
                out.append(marks.pop(0))
            out.append(ln)
        out.extend(marks)
    return out


def cell_blocks(mark: TableMark, before: int) -> list[Block]:
    """One block a cell, its lines joined as a paragraph's, in the order of the cells."""
    out: list[Block] = []
    for cell in sorted(mark.cells):
        text = join_cell(mark.cells[cell])
        if text:
            out.append(Block(text, before + len(out) + 1, mark.page, None, True, False, cell))
    return out
