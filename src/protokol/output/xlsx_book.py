"""The register workbook put together from rows already written (protokol.output.sheet_xml).

The workbook's frame only, as openpyxl writes it (its sheets with their header rows,
column widths, frozen header and filter, its styles: sheet_xml.STYLES in that order, then
a time format per zone label; the document properties), is written as text by
protokol.output.xlsx_frame (openpyxl_parts here makes the same bytes with openpyxl, for
the tests); the rows are then put into each sheet's data as they come (streamed: never
the whole register in memory), the package written with fixed dates (deterministic
bytes), deflated at LEVEL.

    write_book(target, [Frame(...), ...], stamp, zones)
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from protokol.output.sheet_xml import STYLE_ID, STYLES, letter

DATE_FORMAT = "DD.MM.YYYY"
TIME_FORMAT = "DD.MM.YYYY HH:MM"
MAX_WIDTHS = {"Поручение": 60, "Раздел": 40, "Ссылки на документы": 50}  # wider text wraps
MAX_WIDTH = 40
MIN_WIDTH = 6
LEVEL = 3  # deflate level of the package's parts: for 1,000 small protocols' sheets 22 ms
# instead of 52 ms at zlib's default (6), for a file a quarter larger (0.53 MB instead of 0.43)


@dataclass
class Frame:
    """One sheet: its title and header, its rows (`count`, written by `rows(target)`),
    each column's widest value (`widest`; fitted widths, frozen header and filter) or
    fixed widths (`fixed`: none of those), and the style of its header cells."""

    title: str
    columns: Sequence[str]
    count: int
    rows: Callable[[IO[bytes]], None]
    widest: Sequence[int] = ()
    fixed: Sequence[float] = ()
    head: str = "head"
    numbered: bool = False  # column A holds the row's number (its width follows the last one)
    widths: list[float] = field(default_factory=list)

    def fitted(self) -> list[float]:
        """Widths that fit each column's longest line (header words included), capped so
        long texts wrap."""
        if self.fixed:
            return list(self.fixed)
        out: list[float] = []
        for col, name in enumerate(self.columns):
            longest = self.widest[col] if self.count else 0
            if self.numbered and col == 0 and self.count:
                longest = len(str(self.count))
            heading = max(len(word) for word in name.split())
            out.append(max(MIN_WIDTH, heading + 2, min(longest + 2, MAX_WIDTHS.get(name, MAX_WIDTH))))
        return out


def time_format(label: str) -> str:
    return f'{TIME_FORMAT} "{label}"' if label else TIME_FORMAT


def write_book(target: IO[bytes], frames: Sequence[Frame], stamp: dt.datetime, zones: Iterable[str] = (),
               frame_by: str = "text") -> None:
    """The workbook of these sheets into `target` (a seekable binary file); `zones`: the
    zone labels of sheet_xml's ZONED times, in the order of their style indices.
    `frame_by`: "text" (protokol.output.xlsx_frame, openpyxl not imported) or "openpyxl"
    (the same bytes, as tests check)."""
    labels = list(zones)
    frame_parts = openpyxl_parts(frames, stamp, labels) if frame_by == "openpyxl" else None
    if frame_parts is None:
        from protokol.output.xlsx_frame import parts

        frame_parts = parts(frames, stamp, labels)
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    sheets = {f"xl/worksheets/sheet{n}.xml": frame for n, frame in enumerate(frames, 1)}
    with zipfile.ZipFile(target, "w") as dst:
        for name, data in frame_parts:
            entry = zipfile.ZipInfo(name, date_time=date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            setattr(entry, "compress_level" if hasattr(entry, "compress_level") else "_compresslevel", LEVEL)
            entry.external_attr = 0o600 << 16
            frame = sheets.get(name)
            if frame is None:
                dst.writestr(entry, data)
                continue
            with dst.open(entry, "w") as sheet:
                _splice(data, frame, sheet)


def openpyxl_parts(frames: Sequence[Frame], stamp: dt.datetime, zones: list[str]) -> list[tuple[str, bytes]]:
    """The frame's parts as openpyxl writes them (the reference of xlsx_frame's text)."""
    book = _skeleton(frames, stamp, zones)
    raw = io.BytesIO()
    book.save(raw)
    from openpyxl.xml.functions import tostring

    book.properties.modified = stamp  # openpyxl's save() sets it to now
    core = tostring(book.properties.to_tree())
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src:
        return [(info.filename, core if info.filename == "docProps/core.xml" else src.read(info.filename))
                for info in src.infolist()]


def _splice(xml: bytes, frame: Frame, out: IO[bytes]) -> None:
    """The frame's sheet with its rows put in after the header row, and its real extent."""
    last = letter(len(frame.columns))
    empty = f'<dimension ref="A1:{last}1"/>'.encode()
    assert empty in xml and xml.count(b"</sheetData>") == 1, "unexpected sheet from openpyxl"
    xml = xml.replace(empty, f'<dimension ref="A1:{last}{frame.count + 1}"/>'.encode(), 1)
    head, tail = xml.split(b"</sheetData>")
    out.write(head)
    frame.rows(out)
    out.write(b"</sheetData>" + tail)


def _skeleton(frames: Sequence[Frame], stamp: dt.datetime, zones: list[str]) -> Any:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    scratch = book.active
    looks = {"head": (True, Alignment(wrap_text=True, vertical="top"), None),
             "top": (False, Alignment(vertical="top"), None),
             "wrap": (False, Alignment(wrap_text=True, vertical="top"), None),
             "date": (False, Alignment(vertical="top"), DATE_FORMAT),
             "time": (False, Alignment(vertical="top"), TIME_FORMAT),
             "wrap-date": (False, Alignment(wrap_text=True, vertical="top"), DATE_FORMAT),
             "bold": (True, None, None)}
    wanted = [looks[name] for name in STYLES] + [(False, Alignment(vertical="top"), time_format(z)) for z in zones]
    for index, (bold, alignment, fmt) in enumerate(wanted, 1):
        cell = Cell(scratch)  # never in the sheet: only its style is kept, by the workbook
        if bold:
            cell.font = Font(bold=True)
        if alignment is not None:
            cell.alignment = alignment
        if fmt is not None:
            cell.number_format = fmt
        if cell.style_id != index:
            raise RuntimeError("openpyxl numbered the register's styles otherwise")
    for n, frame in enumerate(frames):
        sheet = scratch if n == 0 else book.create_sheet()
        sheet.title = frame.title
        sheet.append(list(frame.columns))
        alignment = looks[frame.head][1]  # both header looks are bold
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            if alignment is not None:
                cell.alignment = alignment
            assert cell.style_id == STYLE_ID[frame.head]
        for col, width in enumerate(frame.fitted(), 1):
            sheet.column_dimensions[letter(col)].width = width
        if not frame.fixed:
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = f"A1:{letter(len(frame.columns))}{frame.count + 1}"
    book.properties.creator = "protokol"
    book.properties.created = stamp
    book.properties.modified = stamp
    return book
