"""The control register as an Excel workbook (openpyxl, imported only here).

Sheet "Реестр": the register rows of output/register.py (frozen header, autofilter,
real dates as DD.MM.YYYY, a time as DD.MM.YYYY HH:MM with the zone in the number
format, column widths fitted to their contents). Sheet "Протоколы": the details of
every protocol, one row per result. Sheet "Ссылки": one row per reference to another
document (protocol or item, kind, number, date, issuer, as written).

Cells are data, never formulas: every text cell is written as an explicit string cell
(data type "s"), so "=HYPERLINK(...)" or a DDE payload from a document or a file name
stays text. A text longer than Excel's 32,767 characters per cell is never cut: the cell
holds its start and says where it goes on, sheet "Продолжение" holds the rest in order
(Лист, Ячейка, Часть, Текст); that sheet exists only when needed.

Byte-identical output: the workbook's created/modified properties are the first
protocol's date (else 2000-01-01) and every zip entry carries that date too.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from protokol.model import ParseResult
from protokol.output.assembly import CONTINUED_COLUMNS
from protokol.output.pieces import (  # noqa: F401 - the workbook's names, kept here too
    CONTINUED, CONTINUED_NOTE, DETAIL_COLUMNS, DETAILS, MAX_CELL, REFERENCE_COLUMNS, REFERENCES, REGISTER, Overflow,
)
from protokol.output.register import Resolve
from protokol.output.xlsx_book import DATE_FORMAT, MAX_WIDTH, MAX_WIDTHS, MIN_WIDTH, TIME_FORMAT  # noqa: F401

FALLBACK_STAMP = dt.datetime(2000, 1, 1)


def render(results: Sequence[ParseResult], *, all_kinds: bool = False, resolve: Resolve | None = None,
           **_: Any) -> bytes:
    """The workbook as bytes (notes and groups too with all_kinds; references to protocols
    of the same archive name their file with resolve). Each result's rows are written as
    batch's workers write them (output/pieces.py) and put together by output/assembly.py."""
    from protokol.output.assembly import assemble

    raw = io.BytesIO()
    assemble(results, resolve, all_kinds, calendar=False).write_xlsx(raw)
    return raw.getvalue()


def fixed_stamp(results: Sequence[ParseResult]) -> dt.datetime:
    for result in results:
        if result.protocol.date:
            return dt.datetime.fromisoformat(result.protocol.date)
    return FALLBACK_STAMP


# ---------------------------------------------------------------- cells (the agenda's workbook too)


def _clean(value: Any) -> Any:
    """Excel refuses control characters (a docx may hold a vertical tab): drop them; "" -> None."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) or None


def append(sheet: Any, values: Sequence[Any], overflow: Overflow) -> int:
    """One row of values; text as explicit string cells, the part of a text beyond MAX_CELL
    moved to `overflow` with a note in the cell saying where it continues; the row's number.
    (openpyxl's max_row and sheet[row] scan every cell: the row is the one append writes.)"""
    from openpyxl.utils import get_column_letter

    row = sheet._current_row + 1
    cells = []
    for col, value in enumerate(values, 1):
        value = _clean(value)
        if isinstance(value, str) and len(value) > MAX_CELL:
            where = f"{get_column_letter(col)}{row}"
            note = CONTINUED_NOTE.format(sheet=CONTINUED, where=f"{sheet.title}!{where}")
            keep = MAX_CELL - len(note)
            overflow.extend((sheet.title, where, n, value[start:start + MAX_CELL])
                            for n, start in enumerate(range(keep, len(value), MAX_CELL), 2))
            value = value[:keep] + note
        cells.append(value)
    sheet.append(cells)
    for cell in _row_cells(sheet, row, len(cells)):
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl makes "=..." a formula; a document's text never is one
    return row


def _row_cells(sheet: Any, row: int, width: int) -> list[Any]:
    return [sheet.cell(row=row, column=col) for col in range(1, width + 1)]


def _continued(sheet: Any, overflow: Overflow) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(list(CONTINUED_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in overflow:
        sheet.cell(row=append(sheet, entry, []), column=4).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (12, 10, 8, 100)):
        sheet.column_dimensions[letter].width = width


# ---------------------------------------------------------------- determinism


def _fixed_zip(data: bytes, book: Any, stamp: dt.datetime) -> bytes:
    """Rewrite the package: every entry dated `stamp`, docProps/core.xml with fixed times."""
    from openpyxl.xml.functions import tostring

    book.properties.modified = stamp  # openpyxl's save() sets it to now
    core = tostring(book.properties.to_tree())
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            payload = core if info.filename == "docProps/core.xml" else src.read(info.filename)
            dst.writestr(entry, payload)
    return out.getvalue()
