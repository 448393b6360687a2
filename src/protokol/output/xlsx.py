"""The control register as an Excel workbook (openpyxl, imported only here).

Sheet "Реестр": the register rows of output/register.py (frozen header, autofilter,
real dates as DD.MM.YYYY, a time as DD.MM.YYYY HH:MM with the zone in the number
format). Sheet "Протокол": the details of every protocol, one row per result.

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

from protokol.model import Deadline, ParseResult
from protokol.output.humanize import zone_label
from protokol.output.register import COLUMNS, DATE_COLUMNS, WIDE_COLUMNS, entries

REGISTER = "Реестр"
DETAILS = "Протокол"
DATE_FORMAT = "DD.MM.YYYY"
TIME_FORMAT = "DD.MM.YYYY HH:MM"
WIDTHS = {"№": 6, "Пункт": 10, "Поручение": 60, "Раздел": 30, "Исполнители": 35, "Ответственные": 25,
          "Срок (как в тексте)": 30, "Дата срока": 18, "Фактический срок": 18, "Периодичность": 30,
          "Вид срока": 16, "Файл": 30}
FALLBACK_STAMP = dt.datetime(2000, 1, 1)
MAX_CELL = 32767  # Excel's limit on the characters of one cell
CONTINUED = "Продолжение"
CONTINUED_COLUMNS = ("Лист", "Ячейка", "Часть", "Текст")
CONTINUED_NOTE = " […продолжение на листе «{sheet}», {where}]"
Overflow = list[tuple[str, str, int, str]]  # sheet, cell, part (2, 3, ...), text


def render(results: Sequence[ParseResult], **_: Any) -> bytes:
    """The workbook as bytes."""
    from openpyxl import Workbook

    book = Workbook()
    overflow: Overflow = []
    _register(book.active, results, overflow)
    _details(book.create_sheet(DETAILS), results, overflow)
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


def _register(sheet: Any, results: Sequence[ParseResult], overflow: Overflow) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = REGISTER
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cells, deadline in entries(results):
        append(sheet, cells, overflow)
        _style_row(sheet, sheet.max_row, deadline)
    _layout(sheet)


def _style_row(sheet: Any, row: int, deadline: Deadline | None) -> None:
    from openpyxl.styles import Alignment

    for col, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=row, column=col)
        if name in DATE_COLUMNS and cell.value is not None:
            cell.number_format = _date_format(cell.value, deadline)
        cell.alignment = Alignment(wrap_text=name in WIDE_COLUMNS, vertical="top")


def _date_format(value: dt.date, deadline: Deadline | None) -> str:
    if not isinstance(value, dt.datetime):
        return DATE_FORMAT
    label = zone_label(deadline.timezone if deadline else None)
    return f'{TIME_FORMAT} "{label}"' if label else TIME_FORMAT


def _layout(sheet: Any) -> None:
    from openpyxl.utils import get_column_letter

    for col, name in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(col)].width = WIDTHS.get(name, 15)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(sheet.max_row, 1)}"


# ---------------------------------------------------------------- details sheet

DETAIL_COLUMNS = ("Организация", "Протокол", "Дата", "Номер", "Место", "Председатель", "Секретарь",
                  "Присутствовали", "Подписал", "Файл", "SHA-256")
DETAIL_WIDTHS = {"Организация": 35, "Протокол": 60, "Дата": 12, "Номер": 18, "Место": 15,
                 "Присутствовали": 50, "Подписал": 35, "Файл": 30, "SHA-256": 66}


def _details(sheet: Any, results: Sequence[ParseResult], overflow: Overflow) -> None:
    """One row per protocol under a header row."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(DETAIL_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for result in results:
        append(sheet, detail_values(result), overflow)
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
    for col, name in enumerate(DETAIL_COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(col)].width = DETAIL_WIDTHS.get(name, 25)
    sheet.freeze_panes = "A2"


def detail_values(result: ParseResult) -> list[Any]:
    """The values of DETAIL_COLUMNS for one result (the date as a real date)."""
    p = result.protocol
    sign = " ".join(x for x in (p.signatory.position, p.signatory.name) if x) if p.signatory else None
    return [
        p.organization, p.title, dt.date.fromisoformat(p.date) if p.date else None, p.number, p.place,
        p.chair, p.secretary, "; ".join(p.attendees) or None, sign, result.source.path, result.source.sha256,
    ]


def _clean(value: Any) -> Any:
    """Excel refuses control characters (a docx may hold a vertical tab): drop them; "" -> None."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) or None


def append(sheet: Any, values: Sequence[Any], overflow: Overflow) -> None:
    """One row of values; text as explicit string cells, the part of a text beyond MAX_CELL
    moved to `overflow` with a note in the cell saying where it continues."""
    from openpyxl.utils import get_column_letter

    row = sheet.max_row + 1
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
    for cell in sheet[row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl makes "=..." a formula; a document's text never is one


def _continued(sheet: Any, overflow: Overflow) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.append(list(CONTINUED_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in overflow:
        append(sheet, entry, [])
        sheet.cell(row=sheet.max_row, column=4).alignment = Alignment(wrap_text=True, vertical="top")
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
