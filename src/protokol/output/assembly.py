"""The archive's files put together from each result's share (protokol.output.pieces).

    assembly = Assembly()
    for piece in pieces:              # in the archive's order
        assembly.add(piece)
    assembly.write(folder)            # register.xlsx, register.csv, calendar.ics, references.jsonl

Each share is placed as it comes: its rows numbered, written to a spooled temporary
file per output (memory stays bounded), its column widths, zone labels and calendar
UIDs (a second copy of a protocol adds no component) taken in. A held share (a result
that names a protocol, or with a text longer than a cell: pieces.Held) leaves a hole
of its known size; once every share is in, the archive's resolver is known and `again`
gives each held result back, rendered into its hole. What the files hold is what
rendering the results together gave (tests compare them).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import orjson

from protokol.model import ParseResult
from protokol.output.pieces import (
    _REFS_AT, CONTINUED, DETAIL_COLUMNS, DETAILS, MAX_CELL, OPEN, REFERENCE_COLUMNS, REFERENCES, REGISTER, cut,
    render_piece,
)
from protokol.output.register import COLUMNS, Resolve
from protokol.output.sheet_xml import (
    STYLE_ID, STYLES, cell_xml, clean, letter, placed, row_xml, shown_width, zoned_labels,
)

REGISTER_XLSX = "register.xlsx"
REGISTER_CSV = "register.csv"
CALENDAR = "calendar.ics"
REFERENCES_JSONL = "references.jsonl"
FALLBACK_STAMP = dt.datetime(2000, 1, 1)
SHEETS = (REGISTER, DETAILS, REFERENCES)
_KEYS = {REGISTER: "register", DETAILS: "details", REFERENCES: "references"}
_STREAMS = (*SHEETS, "csv", "jsonl")
_SPOOL = 8 << 20  # bytes of a stream kept in memory before it goes to a temporary file
_OPEN = OPEN.encode("ascii")
_CELL = re.compile(r"([A-Z]+)(\d+)")
CONTINUED_COLUMNS = ("Лист", "Ячейка", "Часть", "Текст")


class _Stream:
    """Bytes in order, with holes filled in when written out."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(_SPOOL)
        self.holes: list[tuple[int, int]] = []  # (offset, held share's number)

    def write(self, data: bytes) -> None:
        self.file.write(data)

    def hole(self, number: int) -> None:
        self.holes.append((self.file.tell(), number))

    def copy_to(self, target: IO[bytes], fill: Callable[[int], bytes], items: Iterator[bytes] = iter(())) -> None:
        """The bytes into `target`: each hole filled by `fill(number)`, each OPEN byte
        replaced by the next of `items`."""
        end = self.file.tell()
        self.file.seek(0)
        at = 0
        for offset, number in [*self.holes, (end, -1)]:
            while at < offset:
                chunk = self.file.read(min(1 << 20, offset - at))
                at += len(chunk)
                parts = chunk.split(_OPEN)
                target.write(parts[0])
                for part in parts[1:]:
                    target.write(next(items))
                    target.write(part)
            if number >= 0:
                target.write(fill(number))
        self.file.seek(end)

    def lines(self) -> Iterator[Any]:
        """What was written as JSON lines, in order."""
        end = self.file.tell()
        self.file.seek(0)
        for line in self.file:
            yield orjson.loads(line)
        self.file.seek(end)


class Assembly:
    """See the module docstring. `again(n)`: the n-th result (0-based, in order of
    `add`), for held shares; `all_kinds`: notes and groups in the register too."""

    def __init__(self, again: Callable[[int], ParseResult] | None = None, all_kinds: bool = False) -> None:
        self.again, self.all_kinds = again, all_kinds
        self.streams = {name: _Stream() for name in _STREAMS}
        self.calendar = _Stream()
        self.next = {name: 2 for name in SHEETS}  # the next row of each sheet
        self.widths = {REGISTER: [0] * len(COLUMNS), DETAILS: [0] * len(DETAIL_COLUMNS),
                       REFERENCES: [0] * len(REFERENCE_COLUMNS)}
        self.zones: dict[str, int] = {}  # zone label -> style index
        self.keys: list[tuple[Any, ...]] = []
        self.stamp: dt.datetime | None = None
        self.uids: set[str] = set()
        self.overflow: list[tuple[tuple[int, int, int, int], list[Any]]] = []
        self.held: list[tuple[int, tuple[int, int, int]]] = []
        self.filled: dict[str, dict[int, bytes]] = {name: {} for name in _STREAMS}
        self.info = {REGISTER: _Stream(), REFERENCES: _Stream()}  # the open cells: [row, ...]
        self.resolved = {name: _Stream() for name in (REGISTER, REFERENCES, "csv", "jsonl")}
        self.done = False

    def at(self) -> tuple[int, int, int]:
        """The rows the next share's register, details and references rows start at."""
        return self.next[REGISTER], self.next[DETAILS], self.next[REFERENCES]

    def add(self, piece: dict[str, Any]) -> None:
        """The next result's share: pieces.render_piece's, or a held one ({"held": true,
        "key", "rows" (register rows), "refs" (references), "calendar"})."""
        number = len(self.keys)
        self.keys.append(tuple(piece["key"]))
        if self.stamp is None and piece["key"][1]:
            self.stamp = dt.datetime.fromisoformat(piece["key"][1])
        for uid, text in piece["calendar"]:
            if uid not in self.uids:  # a second copy of the same protocol adds nothing
                self.uids.add(uid)
                self.calendar.write(text.encode("utf-8"))
        at = self.at()
        if piece.get("held"):
            for stream in self.streams.values():
                stream.hole(number)
            self.held.append((number, at))
            counts = (piece["rows"], 1, piece["refs"])
        else:
            self._place(piece, at, self.streams)
            counts = (len(piece["register"]), len(piece["details"]), len(piece["references"]))
        for name, count in zip(SHEETS, counts):
            self.next[name] += count

    def _place(self, piece: dict[str, Any], at: tuple[int, int, int], streams: dict[str, Any]) -> None:
        from protokol.output.csv import numbered

        for index, sheet in enumerate(SHEETS):
            rows = piece[_KEYS[sheet]]
            for template in rows:
                for label in zoned_labels(template):
                    self.zones.setdefault(label, len(STYLES) + 1 + len(self.zones))
            data = "".join(placed(t, at[index] + i, self.zones) for i, t in enumerate(rows))
            streams[sheet].write(data.encode("ascii"))
            widths = self.widths[sheet]
            for col, width in enumerate(piece[f"{_KEYS[sheet]}_widths"]):
                widths[col] = max(widths[col], width)
        for index, sheet in ((0, REGISTER), (2, REFERENCES)):
            marked = (at[index] + i for i, t in enumerate(piece[_KEYS[sheet]]) if OPEN in t)
            for row, item in zip(marked, piece[f"{_KEYS[sheet]}_open"]):
                self.info[sheet].write(orjson.dumps([row, *item]) + b"\n")
        streams["csv"].write(numbered(piece["csv"], at[0] - 1).encode("utf-8"))
        streams["jsonl"].write(piece["jsonl"].encode("utf-8"))
        self._overflow(piece["overflow"])

    def _overflow(self, entries: Iterable[Sequence[Any]]) -> None:
        for entry in entries:
            col, row = _CELL.fullmatch(entry[1]).groups()  # type: ignore[union-attr]
            key = (SHEETS.index(entry[0]), int(row), _column(col), entry[2])
            self.overflow.append((key, list(entry)))

    # ------------------------------------------------------------ the files

    def _complete(self) -> None:
        """Now that the archive's resolver is known: the cells left open filled in (in
        order, into `resolved`), every held share rendered."""
        if self.done:
            return
        self.done = True
        from protokol.output.archive import _references, key_resolver
        from protokol.output.csv import field_text
        from protokol.output.json import jsonl_text
        from protokol.output.register import references_text

        resolve = key_resolver(self.keys)
        for row, refs, org in self.info[REGISTER].lines():
            value = references_text(_references(refs), resolve, org)
            self._write_open(REGISTER, _REFS_AT + 1, row, value)
            self.resolved["csv"].write(orjson.dumps(field_text(value, excel=True)) + b"\n")
        for row, source, item, ref, org in self.info[REFERENCES].lines():
            to = resolve(_references([ref])[0], org)
            self._write_open(REFERENCES, len(REFERENCE_COLUMNS), row, to)
            line = jsonl_text([{"from": source, "item": item, "to": to, "reference": ref}])
            self.resolved["jsonl"].write(orjson.dumps(line) + b"\n")
        for number, at in self.held:
            assert self.again is not None, "a held share needs `again`"
            piece = render_piece(self.again(number), resolve, at, all_kinds=self.all_kinds, calendar=False)
            parts = {name: _Bytes() for name in _STREAMS}
            self._place(piece, at, parts)
            for name, part in parts.items():
                self.filled[name][number] = part.data
        self.held = []

    def _write_open(self, sheet: str, col: int, row: int, value: str | None) -> None:
        """An open cell's text, at its place (cut when too long, its width taken in)."""
        value = clean(value)
        if isinstance(value, str) and len(value) > MAX_CELL:
            value = cut(sheet, f"{letter(col)}{row}", value, entries := [])  # type: ignore[var-annotated]
            self._overflow(entries)
        if value is not None:
            self.widths[sheet][col - 1] = max(self.widths[sheet][col - 1], shown_width(value))
        self.resolved[sheet].write(orjson.dumps(placed(cell_xml(col, value, STYLE_ID["wrap"]), row)) + b"\n")

    def _stream(self, name: str, target: IO[bytes]) -> None:
        items = (item.encode("utf-8") for item in self.resolved[name].lines()) if name in self.resolved else iter(())
        self.streams[name].copy_to(target, lambda number: self.filled[name].pop(number), items)

    def write(self, folder: str | os.PathLike[str], names: Iterable[str] = (REGISTER_XLSX, REGISTER_CSV, CALENDAR,
                                                                               REFERENCES_JSONL)) -> None:
        """The files named (all four by default) in `folder`, each all or nothing."""
        self._complete()
        writers = {REGISTER_XLSX: self.write_xlsx, REGISTER_CSV: self.write_csv, CALENDAR: self.write_calendar,
                   REFERENCES_JSONL: lambda target: self._stream("jsonl", target)}
        for name in names:
            _atomic(Path(folder) / name, writers[name])

    def write_csv(self, target: IO[bytes]) -> None:
        from protokol.output.csv import header

        self._complete()
        target.write(header(excel=True).encode("utf-8"))
        self._stream("csv", target)

    def write_calendar(self, target: IO[bytes]) -> None:
        from protokol.output.ics import calendar_text

        head = calendar_text([])
        end = b"END:VCALENDAR\r\n"
        target.write(head[:-len(end)])
        self.calendar.copy_to(target, lambda number: b"")
        target.write(end)

    def write_xlsx(self, target: IO[bytes]) -> None:
        from protokol.output.xlsx_book import Frame, write_book

        self._complete()
        frames = [Frame(sheet, columns, self.next[sheet] - 2, functools.partial(self._stream, sheet),
                        self.widths[sheet], numbered=sheet == REGISTER)
                  for sheet, columns in zip(SHEETS, (COLUMNS, DETAIL_COLUMNS, REFERENCE_COLUMNS))]
        if self.overflow:
            frames.append(Frame(CONTINUED, CONTINUED_COLUMNS, len(self.overflow), self._continued,
                                fixed=(12, 10, 8, 100), head="bold"))
        write_book(target, frames, self.stamp or FALLBACK_STAMP, sorted(self.zones, key=self.zones.__getitem__))

    def _continued(self, target: IO[bytes]) -> None:
        styles = (None, None, None, STYLE_ID["wrap"])
        for row, (_, entry) in enumerate(sorted(self.overflow, key=lambda e: e[0]), 2):
            cells = [cell_xml(col, value, style) for col, (value, style) in enumerate(zip(entry, styles), 1)]
            target.write(placed(row_xml(cells), row).encode("ascii"))


def _column(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


class _Bytes:
    def __init__(self) -> None:
        self.data = b""

    def write(self, data: bytes) -> None:
        self.data += data


def _atomic(target: Path, write: Callable[[IO[bytes]], None]) -> None:
    """All or nothing: a temporary file beside the target, then os.replace."""
    partial = target.with_name(f".{target.name}.partial")
    try:
        with open(partial, "wb") as fh:
            write(fh)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)  # a full disk leaves nothing half-written behind
        raise


def assemble(results: Sequence[ParseResult], resolve: Resolve | None, all_kinds: bool = False,
             calendar: bool = True, remind: dt.timedelta | None = dt.timedelta(days=1)) -> Assembly:
    """The assembly of results rendered here, in order (no share is held: the resolver
    and every row are known)."""
    assembly = Assembly(all_kinds=all_kinds)
    for result in results:
        assembly.add(render_piece(result, resolve, assembly.at(), all_kinds=all_kinds, remind=remind,
                                  calendar=calendar))
    return assembly
