"""The agenda in every format but the table and html (agenda/table.py, output/html.py).

json: an array of occurrences (Occurrence.to_dict, full texts); jsonl: one per line;
csv and xlsx: one row per occurrence, every text cell through output.safe (never a
formula), xlsx written like the register (explicit string cells, fixed zip dates);
ics: one VTODO per occurrence, its UID stable (protocol, item, deadline, day).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from protokol.agenda.collect import STATUS_RU, Occurrence
from protokol.output.humanize import describe
from protokol.output.safe import spreadsheet_text

COLUMNS = ("Дата", "Время", "Статус", "Исполнитель", "Протокол", "Дата протокола", "Пункт", "Поручение",
           "Срок (как в тексте)", "Срок", "Файл")
WIDTHS = (12, 8, 12, 35, 16, 14, 10, 70, 30, 30, 30)


def describe_dict(deadline: dict[str, Any]) -> str:
    """humanize.describe of a contract Deadline dict; remembered per distinct deadline (an
    archive's report describes the same standard deadlines thousands of times)."""
    import orjson

    try:
        key = orjson.dumps(deadline, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # a value JSON cannot hold: described as it is
        return _describe(deadline)
    return _described(key)


@lru_cache(maxsize=4096)
def _described(key: bytes) -> str:
    import orjson

    return _describe(orjson.loads(key))


def _describe(deadline: dict[str, Any]) -> str:
    from protokol.model import Deadline

    known: dict[str, Any] = {k: deadline.get(k) for k in Deadline.__dataclass_fields__ if k in deadline}
    try:
        return describe(Deadline(**known))
    except (TypeError, ValueError):
        return str(deadline.get("text") or "")


def render_json(items: Sequence[Occurrence], **_: Any) -> str:
    from protokol.output.json import contract_dumps

    return contract_dumps([o.to_dict() for o in items]) + "\n"


def render_jsonl(items: Sequence[Occurrence], **_: Any) -> bytes:
    return b"".join(jsonl_chunks(items))


def jsonl_chunks(items: Sequence[Occurrence], size: int = 1 << 20) -> Iterator[bytes]:
    """One occurrence per line (Occurrence.to_dict), as UTF-8 bytes in chunks of about
    `size`: a big agenda is written as it is made, never held whole. The part of a line
    that comes from its item and deadline is written once per deadline and reused for its
    other occurrences."""
    import orjson

    dumps, newline = orjson.dumps, orjson.OPT_APPEND_NEWLINE
    lines: list[bytes] = []
    tails: dict[int, bytes] = {}  # id of the deadline dict (alive as long as items) -> its part
    starts: dict[tuple[Any, ...], bytes] = {}  # (day, time, zone, status) -> a line's first part
    held = 0
    for o in items:
        deadline = o.deadline
        if deadline.get("kind") != "recurring":  # one occurrence: one line, nothing to reuse
            record = o.to_dict()
            try:
                line = dumps(record, option=newline)
            except orjson.JSONEncodeError:
                line = _line(record)
        else:
            tail = tails.get(id(deadline))
            if tail is None:
                record = o.to_dict()
                tail = tails[id(deadline)] = _line({k: record[k] for k in list(record)[4:]})[1:]
            zone = deadline.get("timezone")
            key = (o.date, o.time, zone, o.status) if zone is None or isinstance(zone, str) else None
            start = starts.get(key) if key is not None else None
            if start is None:
                start = _line({"date": o.date.isoformat(), "time": o.time, "timezone": zone,
                               "status": o.status})[:-2] + b","
                if key is not None:
                    starts[key] = start
            line = start + tail
        lines.append(line)
        held += len(line)
        if held >= size:
            yield b"".join(lines)
            lines, held = [], 0
    if lines:
        yield b"".join(lines)


def _line(record: dict[str, Any]) -> bytes:
    """A compact JSON line (orjson; what it refuses, a lone surrogate or an int past 64
    bits, is written by json with \\u escapes)."""
    import json

    import orjson

    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        return json.dumps(record, separators=(",", ":")).encode("ascii") + b"\n"


def row(o: Occurrence) -> list[Any]:
    return [o.date, o.time or "", STATUS_RU[o.status], o.executor, o.protocol_number or "",
            dt.date.fromisoformat(o.protocol_date) if o.protocol_date else None, o.item, o.text,
            o.deadline.get("text") or "", describe_dict(o.deadline), o.source]


def render_csv(items: Sequence[Occurrence], *, excel: bool = False, **_: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for o in items:
        writer.writerow([_csv_cell(v, excel) for v in row(o)])
    return ("\ufeff" if excel else "") + out.getvalue()


def _csv_cell(value: Any, excel: bool) -> str:
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y") if excel else value.isoformat()
    return "" if value is None else spreadsheet_text(str(value))


def render_xlsx(items: Sequence[Occurrence], **_: Any) -> bytes:
    """Sheet "Сроки": one row per occurrence, written by the register's own cell writer
    (output.xlsx.append: explicit string cells, long texts continued on another sheet)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from protokol.output import xlsx

    book = Workbook()
    sheet = book.active
    sheet.title = "Сроки"
    overflow: xlsx.Overflow = []
    xlsx.append(sheet, COLUMNS, [])
    for o in items:
        xlsx.append(sheet, row(o), overflow)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
            if isinstance(cell.value, dt.date):
                cell.number_format = xlsx.DATE_FORMAT
    for col, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(sheet.max_row, 1)}"
    if overflow:
        xlsx._continued(book.create_sheet(xlsx.CONTINUED), overflow)
    stamp = min((dt.datetime.combine(o.date, dt.time()) for o in items), default=xlsx.FALLBACK_STAMP)
    book.properties.creator = "protokol"
    book.properties.created = book.properties.modified = stamp
    raw = io.BytesIO()
    book.save(raw)
    return xlsx._fixed_zip(raw.getvalue(), book, stamp)


def render_ics(items: Sequence[Occurrence], *, remind: str | None = "1d", **_: Any) -> bytes:
    from icalendar import Calendar, Todo

    from protokol.output.ics import PRODID, parse_remind

    before = parse_remind(remind)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    for o in items:
        todo = Todo()
        key = "\x1f".join((o.protocol_number or o.source, o.item, o.deadline.get("text") or "", o.date.isoformat()))
        todo.add("uid", hashlib.sha1(key.encode()).hexdigest() + "@protokol")
        todo.add("dtstamp", dt.datetime.combine(o.date, dt.time(), tzinfo=dt.timezone.utc))
        todo.add("due", _due(o))
        todo.add("summary", f"{o.item}: {o.summary}")
        todo.add("description", "\n".join(x for x in (o.text, f"Исполнитель: {o.executor}" if o.executor else "",
                                                      f"Срок: {o.deadline.get('text') or ''}", o.source) if x))
        todo.add("status", "NEEDS-ACTION")
        if before is not None:
            todo.add_component(_alarm(o.summary, before))
        cal.add_component(todo)
    return cal.to_ical()  # type: ignore[no-any-return]


def _alarm(text: str, before: dt.timedelta) -> Any:
    """A DISPLAY reminder `before` the to-do's DUE."""
    from icalendar import Alarm

    alarm = Alarm()
    for key, value in (("action", "DISPLAY"), ("description", text)):
        alarm.add(key, value)
    alarm.add("trigger", -before, parameters={"RELATED": "END"})
    return alarm


def _due(o: Occurrence) -> dt.date | dt.datetime:
    """The occurrence's day, or its moment in the deadline's zone (floating without one)."""
    if o.time is None:
        return o.date
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    hour, minute = (int(x) for x in o.time.split(":"))
    try:
        zone = ZoneInfo(o.deadline["timezone"]) if o.deadline.get("timezone") else None
    except (ZoneInfoNotFoundError, ValueError):
        zone = None
    return dt.datetime.combine(o.date, dt.time(hour, minute), tzinfo=zone)
