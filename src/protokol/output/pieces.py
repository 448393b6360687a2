"""One result's share of the archive's files, rendered on its own (a batch worker does
it for its file, as it renders the file's directives.csv rows), so that the end of a run
only puts the shares together (protokol.output.assembly).

    piece = render_piece(result)                 # JSON-able; None: no directive at all

A piece holds the result's register rows (sheet "Реестр") and its rows of sheets
"Протоколы" and "Ссылки" as SpreadsheetML text (protokol.output.sheet_xml: the row
number left open) with each column's widest value, its register.csv rows, its
references.jsonl lines and its calendar components (VTODO and VEVENT, with their UIDs).
What is rendered here is what the archive's files get for the same result: the result
as batch keeps it (its directive records regrouped, output.archive), the same register
entries, values and styles as output/xlsx.py's, the same components as output/ics.py's.

Two things depend on the whole archive and cannot be rendered alone: a reference to a
protocol (the archive's file it names: output.archive.resolver), and a text longer than
Excel's limit (its note names the cell where it goes on). Without `resolve` and `at`, such
a result raises Held: the end renders it again, knowing both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from protokol.model import ParseResult, Reference
from protokol.output.humanize import zone_label
from protokol.output.register import COLUMNS, DATE_COLUMNS, WIDE_COLUMNS, Resolve, all_references, entries
from protokol.output.sheet_xml import STYLE_ID, cell_xml, clean, letter, row_xml, shown_width

OPEN = "\x04"  # a cell, a field or a line filled in at the end (never in one: control characters are
# dropped from cells, escaped in CSV fields and JSON)
_REFS_AT = COLUMNS.index("Ссылки на документы")
MAX_CELL = 32767  # Excel's limit on the characters of one cell
CONTINUED = "Продолжение"
CONTINUED_NOTE = " […продолжение на листе «{sheet}», {where}]"
REGISTER, DETAILS, REFERENCES = "Реестр", "Протоколы", "Ссылки"
DETAIL_COLUMNS = ("Организация", "Протокол", "Дата", "Номер", "Место", "Председатель", "Секретарь",
                  "Присутствовали", "Подписал", "Контроль", "Файл", "SHA-256")
REFERENCE_COLUMNS = ("Номер протокола", "Дата протокола", "Пункт", "Вид документа", "Номер документа",
                     "Дата документа", "Кем издан", "Как в тексте", "Файл", "Файл документа")
REFERENCE_KIND_RU = {"protocol": "протокол", "letter": "письмо", "order": "приказ", "decree": "указ",
                     "resolution": "постановление", "law": "закон", "other": "документ"}
ICS_KINDS = ("todo", "event")  # the archive's calendar: both (output/ics.py's default)
Overflow = list[tuple[str, str, int, str]]  # sheet, cell, part (2, 3, ...), text


class Held(Exception):
    """The result needs the whole archive (see the module docstring)."""


def resolvable(ref: Reference) -> bool:
    """Whether a reference may name a file of the archive (output.archive.resolver)."""
    return ref.kind == "protocol" and bool(ref.number)


class _Open:
    """A cell left open: OPEN in its row's text, filled in once the archive is known."""


LEFT_OPEN = _Open()


class Sheet:
    """Rows of one sheet: their text (sheet_xml.row_xml), each column's widest value, and
    the parts of over-long texts (`overflow`) when the rows' place is known (`at`)."""

    def __init__(self, title: str, columns: int, at: int | None, overflow: Overflow) -> None:
        self.title, self.at, self.overflow = title, at, overflow
        self.rows: list[str] = []
        self.widths = [0] * columns

    def add(self, values: Sequence[Any], styles: Iterable[int | str | None], number: bool = False) -> None:
        cells = []
        for col, (value, style) in enumerate(zip(values, styles), 1):
            if value is LEFT_OPEN:
                cells.append(OPEN)
                continue
            value = clean(value)
            if isinstance(value, str) and len(value) > MAX_CELL:
                value = self._cut(col, value)
            if value is not None and not (number and col == 1):
                self.widths[col - 1] = max(self.widths[col - 1], shown_width(value))
            cells.append(cell_xml(col, value, style, number and col == 1))
        self.rows.append(row_xml(cells))

    def _cut(self, col: int, value: str) -> str:
        if self.at is None:
            raise Held("a text longer than a cell holds")
        return cut(self.title, f"{letter(col)}{self.at + len(self.rows)}", value, self.overflow)


def cut(title: str, where: str, value: str, overflow: Overflow) -> str:
    """A text too long for cell `where` of sheet `title`: its start and a note saying where
    it goes on; the rest to `overflow`."""
    note = CONTINUED_NOTE.format(sheet=CONTINUED, where=f"{title}!{where}")
    keep = MAX_CELL - len(note)
    overflow.extend((title, where, n, value[start:start + MAX_CELL])
                    for n, start in enumerate(range(keep, len(value), MAX_CELL), 2))
    return value[:keep] + note


def render_piece(result: ParseResult, resolve: Resolve | None = None, at: tuple[int, int, int] | None = None,
                 all_kinds: bool = False, remind: dt.timedelta | None = dt.timedelta(days=1),
                 calendar: bool = True, left_open: bool = False) -> dict[str, Any]:
    """The result's share (see the module docstring); `at`: the rows its register, details
    and references rows start at (else Held when a text is too long for a cell);
    `resolve`: the archive's resolver, or `left_open`: each cell naming a reference that
    may name an archive's file is left OPEN (its row's register cell and register.csv
    field: "register_open", [references, organization]; its "Ссылки" cell and
    references.jsonl line: "references_open", [from, item, reference, organization])."""
    from protokol.output.csv import texts_of
    from protokol.output.json import jsonl_text

    org = result.protocol.organization
    overflow: Overflow = []
    register = Sheet(REGISTER, len(COLUMNS), at and at[0], overflow)
    register_open = []
    rows = list(entries([result], all_kinds, resolve))
    for row in rows:
        cells: Sequence[Any] = row.cells
        if left_open and any(map(resolvable, row.references)):
            cells = [*cells[:_REFS_AT], LEFT_OPEN, *cells[_REFS_AT + 1:]]
            register_open.append([[r.to_dict() for r in row.references], org])
        register.add(cells, _register_styles(row.cells, row.deadline), number=True)
    details = Sheet(DETAILS, len(DETAIL_COLUMNS), at and at[1], overflow)
    values = detail_values(result)
    details.add(values, _table_styles(values))
    references = Sheet(REFERENCES, len(REFERENCE_COLUMNS), at and at[2], overflow)
    references_open, lines = [], []
    for (item, ref), values in zip(all_references(result), reference_values(result, resolve)):
        line = {"from": result.source.path, "item": item, "to": values[-1], "reference": ref.to_dict()}
        if left_open and resolvable(ref):
            values[-1] = LEFT_OPEN
            references_open.append([line["from"], item, line["reference"], org])
            line = {}
        references.add(values, _table_styles(values))
        lines.append(line)
    return {
        "key": _key(result),
        "register": register.rows, "register_widths": register.widths, "register_open": register_open,
        "details": details.rows, "details_widths": details.widths,
        "references": references.rows, "references_widths": references.widths, "references_open": references_open,
        "overflow": overflow,
        "csv": texts_of(rows, excel=True,
                        left_open=(lambda row: any(map(resolvable, row.references))) if left_open else None),
        "jsonl": "".join(jsonl_text([line]) if line else OPEN for line in lines),
        "calendar": calendar_items(result, remind) if calendar else [],
    }


def _register_styles(cells: Sequence[Any], deadline: Any) -> list[int | str]:
    """Each register cell's style: wrapped text in the wide columns, a date's or a time's
    number format (a time's names its zone when it has one)."""
    styles: list[int | str] = []
    for name, value in zip(COLUMNS, cells):
        if name in DATE_COLUMNS and value is not None:
            label = zone_label(deadline.timezone if deadline else None) if isinstance(value, dt.datetime) else ""
            styles.append(label or STYLE_ID["time" if isinstance(value, dt.datetime) else "date"])
        else:
            styles.append(STYLE_ID["wrap" if name in WIDE_COLUMNS else "top"])
    return styles


def _table_styles(values: Sequence[Any]) -> list[int]:
    return [STYLE_ID["wrap-date" if isinstance(v, dt.date) else "wrap"] for v in values]


def detail_values(result: ParseResult) -> list[Any]:
    """The values of DETAIL_COLUMNS for one result (the date as a real date)."""
    p = result.protocol
    sign = " ".join(x for x in (p.signatory.position, p.signatory.name) if x) if p.signatory else None
    return [
        p.organization, p.title, _day(p.date), p.number, p.place, p.chair, p.secretary,
        "; ".join(p.attendees) or None, sign, p.controller, result.source.path, result.source.sha256,
    ]


def reference_values(result: ParseResult, resolve: Resolve | None = None) -> Iterable[list[Any]]:
    p = result.protocol
    for item, ref in all_references(result):
        yield [p.number, _day(p.date), item, REFERENCE_KIND_RU.get(ref.kind, ref.kind), ref.number, _day(ref.date),
               ref.issuer, ref.as_written, result.source.path, resolve(ref, p.organization) if resolve else None]


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if value else None


def calendar_items(result: ParseResult, remind: dt.timedelta | None) -> list[list[str]]:
    """[UID, text] of each calendar component of the result, in order (output/ics.py)."""
    from protokol.output.ics import component_texts

    return [[key, text] for key, text in component_texts(result, remind, ICS_KINDS)]


_TWO = b"S2"  # a share stored in two streams (an older share is one zlib stream: it starts with 0x78)


def share_bytes(share: dict[str, Any]) -> bytes:
    """A file's cached share as stored, in two zlib streams (level 1: a share's calendar
    and register texts repeat each task's text several times, so it is about a sixth of
    its size, for 0.1 ms of a worker's time): the JSON of what batch's run reads itself
    (its directives.csv rows, its part of index.html: read_share_head), then the JSON of
    its piece of the archive's files ({"share": piece}, which only the archive files'
    child reads: read_piece), after _TWO and the first stream's length, so that neither
    reader inflates or parses the other's part."""
    import zlib

    from protokol.output.json import contract_dumps

    head, tail = ({key: value for key, value in share.items() if key != "share"},
                  {"share": share["share"]} if "share" in share else {})
    first, second = (zlib.compress(contract_dumps(part, indent=None).encode("utf-8"), 1) for part in (head, tail))
    return b"".join((_TWO, len(first).to_bytes(4, "big"), first, second))


def read_share(path: str) -> dict[str, Any] | None:
    """A cached share (share_bytes) whole, or None when missing or unreadable."""
    return _read_share(path, head=True, tail=True)


def read_share_head(path: str) -> dict[str, Any] | None:
    """What batch's run reads of a cached share: all but its piece ("rows", "index")."""
    return _read_share(path, head=True, tail=False)


def read_piece(path: str) -> dict[str, Any] | None:
    """What the archive files' child reads of a cached share: {"share": piece} or {}."""
    return _read_share(path, head=False, tail=True)


def _read_share(path: str, head: bool, tail: bool) -> dict[str, Any] | None:
    """The parts asked for of a cached share, merged; a share of the previous release
    (one stream, the whole share in it) is its own head and tail."""
    import zlib

    import orjson

    try:
        with open(path, "rb") as fh:
            data = fh.read()
        if not data.startswith(_TWO):
            whole = orjson.loads(zlib.decompress(data))
            if not isinstance(whole, dict) or head:
                return whole if isinstance(whole, dict) else None
            return {"share": whole["share"]} if "share" in whole else {}
        cut = 6 + int.from_bytes(data[2:6], "big")
        share: dict[str, Any] = {}
        for wanted, part in ((head, data[6:cut]), (tail, data[cut:])):
            if wanted:
                value = orjson.loads(zlib.decompress(part))
                if not isinstance(value, dict):
                    return None
                share.update(value)
    except (FileNotFoundError, ValueError, zlib.error):
        return None
    return share


def file_share(records: str) -> dict[str, Any] | None:
    """The share of a file batch converted, from its directive records (the lines it adds
    to directives.jsonl): rendered from the result the archive's files see (the records
    regrouped, output.archive), its calendar always, the rest unless held ({"held": true}
    with its key, calendar and counts of rows). None: no directive, nothing to add."""
    if not records:
        return None
    import orjson

    from protokol.output.archive import result_from_dict, results_from_records

    result = result_from_dict(results_from_records(orjson.loads(line) for line in records.splitlines())[0])
    calendar = calendar_items(result, dt.timedelta(days=1))
    try:
        piece = render_piece(result, calendar=False, left_open=True)
    except Held:
        piece = {"held": True, "key": _key(result), "rows": sum(1 for _ in entries([result])),
                 "refs": len(all_references(result))}
    piece["calendar"] = calendar
    return piece


def _key(result: ParseResult) -> list[Any]:
    """What the archive's resolver knows of a protocol: number, date, organization, file."""
    return [result.protocol.number, result.protocol.date, result.protocol.organization, result.source.path]
