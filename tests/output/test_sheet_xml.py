"""Rows written as SpreadsheetML text (output/sheet_xml.py) are the text openpyxl writes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

from protokol.output.sheet_xml import STYLE_ID, cell_xml, clean, letter, placed, row_xml, serial

VALUES = ["a&b<c>d\r\n\t\"'", " leading space", "trailing ", "ё😀€", 5, 123456789012,
          dt.date(1900, 2, 1), dt.date(1900, 3, 1), dt.date(2023, 7, 1), dt.datetime(2023, 7, 1, 9, 30),
          dt.datetime(9999, 12, 31, 23, 59), "=HYPERLINK(\"http://x\")", "+7 999", "-1", "@SUM(A1)",
          "строка\nвторая", "x\u2028y\x85z", clean("bell\x07 and tab\tand vt\x0b"), None]


def _openpyxl_row(values: list, styled: bool) -> str:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(values)
    for cell in sheet[1]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
        if styled:
            cell.font = Font(bold=True)  # the first style the book registers: index 1, sheet_xml's "head"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    raw = io.BytesIO()
    book.save(raw)
    xml = zipfile.ZipFile(raw).read("xl/worksheets/sheet1.xml").decode("ascii")
    return re.search(r"<row r=\"1\">.*?</row>", xml, re.S).group()


def test_row_text_is_openpyxls():
    # openpyxl leaves an empty cell without a style out, and gives a date a style of its own
    plain = [v for v in VALUES if v is not None and not isinstance(v, dt.date)]
    ours = placed(row_xml([cell_xml(col, v, None) for col, v in enumerate(plain, 1)]), 1)
    assert ours == _openpyxl_row(plain, styled=False)
    texts = [v for v in VALUES if not isinstance(v, dt.date)]
    ours = placed(row_xml([cell_xml(col, v, STYLE_ID["head"]) for col, v in enumerate(texts, 1)]), 1)
    assert ours == _openpyxl_row(texts, styled=True)


def test_dates_and_times_are_openpyxls_but_for_their_style():
    dates = [v for v in VALUES if isinstance(v, dt.date)]
    ours = placed(row_xml([cell_xml(col, v, 7) for col, v in enumerate(dates, 1)]), 1)
    theirs = _openpyxl_row(dates, styled=False)
    assert re.sub(r' s="\d+"', "", ours) == re.sub(r' s="\d+"', "", theirs)


def test_formula_like_text_stays_text():
    text = cell_xml(1, "=1+2", None)
    assert 't="inlineStr"' in text and "<f>" not in text


def test_row_number_and_zone_filled_in_at_its_place():
    template = row_xml([cell_xml(1, None, None, number=True), cell_xml(2, dt.datetime(2024, 1, 1, 9), "МСК")])
    assert placed(template, 42, {"МСК": 9}) == (
        '<row r="42"><c r="A42" t="n"><v>41</v></c><c r="B42" s="9" t="n"><v>45292.375</v></c></row>')


def test_serial_is_openpyxls():
    days = [dt.date(1899, 12, 30), dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1),
            dt.date(2024, 2, 29), dt.date(9999, 12, 31)]
    times = [dt.datetime(2023, 8, 20, 9, 0), dt.datetime(2023, 8, 20, 23, 59, 59, 999999),
             dt.datetime(1900, 1, 1, 12, 0), dt.datetime(2000, 1, 1, 0, 0, 1)]
    for value in days + times:
        assert "%.16g" % serial(value) == "%.16g" % to_excel(value)


def test_letters_are_openpyxls():
    assert [letter(n) for n in range(1, 800)] == [get_column_letter(n) for n in range(1, 800)]
