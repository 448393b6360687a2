"""The control register as an Excel workbook (openpyxl, imported only here).

Sheet "Реестр": the register rows of output/register.py (frozen header, autofilter,
real dates as DD.MM.YYYY, a time as DD.MM.YYYY HH:MM with the zone in the number
format). Sheet "Протокол": the details of every protocol, one row per result.

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


def render(results: Sequence[ParseResult], **_: Any) -> bytes:
    """The workbook as bytes."""
    from openpyxl import Workbook

    book = Workbook()
    _register(book.active, results)
    _details(book.create_sheet(DETAILS), results)
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


def _register(sheet: Any, results: Sequence[ParseResult]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = REGISTER
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cells, deadline in entries(results):
        sheet.append([_clean(v) for v in cells])
        _style_row(sheet, sheet.max_row, deadline)
    _layout(sheet)


def _style_row(sheet: Any, row: int, deadline: Deadline | None) -> None:
    from openpyxl.styles import Alignment

    for col, name in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=row, column=col)
        if isinstance(cell.value, str):
            cell.data_type = "s"  # "=..." from a document or a file name stays text, never a formula
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


def _details(sheet: Any, results: Sequence[ParseResult]) -> None:
    """One row per protocol under a header row."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(DETAIL_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for result in results:
        sheet.append([_clean(v) for v in detail_values(result)])
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                cell.data_type = "s"
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
    """Excel refuses control characters (a docx may hold a vertical tab) and cells over 32767
    characters: drop them, cut it; "" -> None."""
    if not isinstance(value, str):
        return value
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL] or None


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
