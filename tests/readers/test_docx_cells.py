"""A table cell's w:tcPr as the walk reads it (readers/docx.py _cell_props): its first
w:gridSpan moves the next cell's column, its first w:vMerge (without "restart") repeats the
text of the cell above; other properties around them change nothing."""

from __future__ import annotations

from ._docx import make_docx, p
from .test_docx import blocks


def tc(text: str, props: str = "") -> str:
    return f"<w:tc>{'<w:tcPr>' + props + '</w:tcPr>' if props else ''}{p(text) if text else '<w:p/>'}</w:tc>"


def table(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


def cells(body: str) -> list[tuple[str, tuple[int, int, int] | None]]:
    return [(b.text, b.cell) for b in blocks(make_docx(body))]


W = '<w:tcW w:w="100" w:type="dxa"/>'


def test_grid_span_moves_the_next_column():
    body = table(tc("А", W + '<w:gridSpan w:val="2"/><w:gridSpan w:val="5"/>') + tc("Б", W),
                 tc("В", '<w:shd w:val="clear"/>') + tc("Г", '<w:gridSpan w:val="x"/>') + tc("Д"))
    assert cells(body) == [("А", (1, 1, 1)), ("Б", (1, 1, 3)), ("В", (1, 2, 1)), ("Г", (1, 2, 2)), ("Д", (1, 2, 3))]


def test_a_merged_cell_repeats_the_text_above():
    restart, go_on = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    body = table(tc("1") + tc("Отдел А", W + restart) + tc("текст один"),
                 tc("2") + tc("", W + go_on + restart) + tc("текст два"),  # the first vMerge counts
                 tc("3") + tc("", restart) + tc("текст три"))
    assert cells(body) == [
        ("1", (1, 1, 1)), ("Отдел А", (1, 1, 2)), ("текст один", (1, 1, 3)),
        ("2", (1, 2, 1)), ("Отдел А", (1, 2, 2)), ("текст два", (1, 2, 3)),
        ("3", (1, 3, 1)), ("текст три", (1, 3, 3))]


def test_a_cell_without_properties_or_with_them_not_first():
    body = table(tc("А") + f"<w:tc>{p('Б')}<w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr></w:tc>" + tc("В"))
    assert cells(body) == [("А", (1, 1, 1)), ("Б", (1, 1, 2)), ("В", (1, 1, 3))]
