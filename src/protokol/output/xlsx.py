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
from copy import copy
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from protokol.model import Deadline, ParseResult, Reference
from protokol.output.humanize import zone_label
from protokol.output.register import COLUMNS, DATE_COLUMNS, REFERENCE_KIND_RU, WIDE_COLUMNS, Resolve, all_references, entries

REGISTER = "Реестр"
DETAILS = "Протоколы"
REFERENCES = "Ссылки"
DATE_FORMAT = "DD.MM.YYYY"
TIME_FORMAT = "DD.MM.YYYY HH:MM"
MAX_WIDTHS = {"Поручение": 60, "Раздел": 40, "Ссылки на документы": 50}  # wider text wraps
MAX_WIDTH = 40
MIN_WIDTH = 6
FALLBACK_STAMP = dt.datetime(2000, 1, 1)
MAX_CELL = 32767  # Excel's limit on the characters of one cell
CONTINUED = "Продолжение"
CONTINUED_COLUMNS = ("Лист", "Ячейка", "Часть", "Текст")
CONTINUED_NOTE = " […продолжение на листе «{sheet}», {where}]"
Overflow = list[tuple[str, str, int, str]]  # sheet, cell, part (2, 3, ...), text


def render(results: Sequence[ParseResult], *, all_kinds: bool = False, resolve: Resolve | None = None,
           **_: Any) -> bytes:
    """The workbook as bytes (notes and groups too with all_kinds; references to protocols
    of the same archive name their file with resolve)."""
    from openpyxl import Workbook

    book = Workbook()
    overflow: Overflow = []
    _register(book.active, results, overflow, all_kinds, resolve)
    _details(book.create_sheet(DETAILS), results, overflow)
    _references(book.create_sheet(REFERENCES), results, overflow, resolve)
    if overflow:
        _continued(book.create_sheet(CONTINUED), overflow)
    stamp = fixed_stamp(results)
    book.properties.creator = "protokol"
    book.properties.created = stamp
    book.properties.modified = stamp
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue(), book, stamp)


def fixed_stamp(results: Sequence[ParseResult]) -> dt.datetime:
    for result in results:
        if result.protocol.date:
            return dt.datetime.fromisoformat(result.protocol.date)
    return FALLBACK_STAMP


# ---------------------------------------------------------------- register sheet


def _register(sheet: Any, results: Sequence[ParseResult], overflow: Overflow, all_kinds: bool,
              resolve: Resolve | None) -> None:
    sheet.title = REGISTER
    _header(sheet, COLUMNS)
    styles: dict[tuple[int, str | None], Any] = {}
    for row in entries(results, all_kinds, resolve):
        _style_row(sheet, append(sheet, row.cells, overflow), row.deadline, styles)
    _layout(sheet, COLUMNS)


def _header(sheet: Any, columns: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _style_row(sheet: Any, row: int, deadline: Deadline | None, styles: dict[tuple[int, str | None], Any]) -> None:
    """Alignment (and a date's number format) of each cell of the row. A cell styled
    like one before it gets a copy of that cell's style record, as openpyxl keeps it: the
    same workbook, without setting each style object again (most of the register's cost)."""
    from openpyxl.styles import Alignment

    for col, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=row, column=col)
        fmt = _date_format(cell.value, deadline) if name in DATE_COLUMNS and cell.value is not None else None
        known = styles.get((col, fmt))
        if known is not None:
            cell._style = copy(known)
            continue
        if fmt is not None:
            cell.number_format = fmt
        cell.alignment = Alignment(wrap_text=name in WIDE_COLUMNS, vertical="top")
        styles[(col, fmt)] = copy(cell._style)


def _date_format(value: dt.date, deadline: Deadline | None) -> str:
    if not isinstance(value, dt.datetime):
        return DATE_FORMAT
    label = zone_label(deadline.timezone if deadline else None)
    return f'{TIME_FORMAT} "{label}"' if label else TIME_FORMAT


def _layout(sheet: Any, columns: Sequence[str]) -> None:
    """Widths that fit each column's longest line (header words included), capped so
    long texts wrap; frozen header; autofilter over every row."""
    from openpyxl.utils import get_column_letter

    for col, name in enumerate(columns, 1):
        longest = max((_shown_width(c.value) for c in next(sheet.iter_cols(col, col, 2)) if c.value is not None),
                      default=0) if sheet.max_row > 1 else 0
        heading = max(len(word) for word in name.split())
        width = max(MIN_WIDTH, heading + 2, min(longest + 2, MAX_WIDTHS.get(name, MAX_WIDTH)))
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(sheet.max_row, 1)}"


def _shown_width(value: Any) -> int:
    if isinstance(value, dt.datetime):
        return 20
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


# ---------------------------------------------------------------- details sheet

DETAIL_COLUMNS = ("Организация", "Протокол", "Дата", "Номер", "Место", "Председатель", "Секретарь",
                  "Присутствовали", "Подписал", "Контроль", "Файл", "SHA-256")
REFERENCE_COLUMNS = ("Номер протокола", "Дата протокола", "Пункт", "Вид документа", "Номер документа",
                     "Дата документа", "Кем издан", "Как в тексте", "Файл", "Файл документа")


def _details(sheet: Any, results: Sequence[ParseResult], overflow: Overflow) -> None:
    """One row per protocol under a header row."""
    _table(sheet, DETAIL_COLUMNS, (detail_values(r) for r in results), overflow)


def _references(sheet: Any, results: Sequence[ParseResult], overflow: Overflow, resolve: Resolve | None) -> None:
    """One row per reference: the protocol's own ("Пункт" empty), then each item's;
    "Файл документа": the archive's file of a protocol it names (batch)."""
    _table(sheet, REFERENCE_COLUMNS, (values for r in results for values in reference_values(r, resolve)),
           overflow)


def _table(sheet: Any, columns: Sequence[str], rows: Iterable[Sequence[Any]], overflow: Overflow) -> None:
    from openpyxl.styles import Alignment

    _header(sheet, columns)
    for values in rows:
        for cell in _row_cells(sheet, append(sheet, values, overflow), len(values)):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    _layout(sheet, columns)


def detail_values(result: ParseResult) -> list[Any]:
    """The values of DETAIL_COLUMNS for one result (the date as a real date)."""
    p = result.protocol
    sign = " ".join(x for x in (p.signatory.position, p.signatory.name) if x) if p.signatory else None
    return [
        p.organization, p.title, _day(p.date), p.number, p.place, p.chair, p.secretary,
        "; ".join(p.attendees) or None, sign, p.controller, result.source.path, result.source.sha256,
    ]


def reference_values(result: ParseResult, resolve: Resolve | None = None) -> Iterator[list[Any]]:
    p = result.protocol
    for item, ref in all_references(result):
        yield [p.number, _day(p.date), item, _reference_kind(ref), ref.number, _day(ref.date), ref.issuer,
               ref.as_written, result.source.path, resolve(ref, p.organization) if resolve else None]


def _reference_kind(ref: Reference) -> str:
    return REFERENCE_KIND_RU.get(ref.kind, ref.kind)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


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
