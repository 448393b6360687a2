"""Deadlines as an iCalendar file (icalendar, imported only here).

For each directive deadline that has a date or an RRULE (tasks, plus notes and groups
that carry a deadline), `ics_kind` chooses a VTODO ("todo"), a VEVENT ("event") or
both ("both", the default: calendars that show only events import them too):

* VTODO: DUE = effective_due if the regulation moved the date, else due; a period's
  first day is its DTSTART. VEVENT on the same day: all-day (DTSTART;VALUE=DATE,
  DURATION:P1D) or, when a time is given, EVENT_LENGTH long from that time;
  TRANSP:TRANSPARENT (a deadline does not make anyone busy).
* Times: a zoned DATE-TIME is written in UTC ("...Z"), so every reader takes the same
  moment without a VTIMEZONE; naive times stay floating (output/ics_dates.py).
* recurring: RRULE (UNTIL of DTSTART's value type), DTSTART = the first occurrence on
  or after the deadline's start, else the protocol date. Without either anchor date
  the deadline is left out.
* recurring on the N-th working day of a month (working_day): no RRULE can say it, so
  DTSTART = DUE = the first such day on or after the start (else the protocol date)
  and RDATE the next ones (RDATES in all), counted on the production calendar.
* UID: sha1(organization, protocol number and date, directive id, deadline index,
  component)@protokol: two protocols both numbered "№ 1" differ by organization or
  date, renaming the file changes nothing, a re-import updates the entries (a protocol
  without a number adds the sha256 of its bytes instead). Two copies of one protocol
  (its .docx and its .pdf) give the same UIDs: the calendar keeps the first only.
  DTSTAMP: the protocol date, 00:00 UTC (never now()).
* VALARM DISPLAY, -<remind> before the due moment (remind="1d" default; "none" omits it;
  at most MAX_REMIND, so no client's arithmetic on it can overflow).
* Dates near 9999-12-31: a conversion that would leave the calendar keeps the wall
  time instead (no OverflowError).

`render_calendar(results)` is the same for a whole archive (batch's calendar.ics).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from protokol.model import Deadline, Directive, ParseResult, Section
from protokol.output.humanize import act_label, describe
from protokol.output.ics_dates import Timing, first_occurrence, portable, rrule_value, schedule, working_day_dates
from protokol.output.register import section_label

PRODID = "-//protokol//protokol//RU"
FALLBACK_STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
SUMMARY_LENGTH = 80
_REMIND = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
MAX_REMIND = dt.timedelta(days=366)
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}  # seconds
EVENT_LENGTH = dt.timedelta(minutes=30)
ONE_DAY = dt.timedelta(days=1)
__all__ = ["calendar_text", "component_text", "component_texts", "first_occurrence", "render", "render_calendar", "rrule_value",
           "schedule"]


def render(results: Sequence[ParseResult], *, remind: str | None = "1d", ics_kind: str = "both",
           **_: Any) -> bytes:
    """The calendar as bytes; ics_kind: "todo", "event" or "both"."""
    before = parse_remind(remind)
    kinds = ics_kinds(ics_kind)
    seen: set[str] = set()
    texts = []
    for result in results:
        for key, text in component_texts(result, before, kinds):
            if key not in seen:  # a second copy of the same protocol adds nothing
                seen.add(key)
                texts.append(text)
    return calendar_text(texts)


FOLD_LIMIT = 75  # octets: icalendar folds a content line of this length or more


def calendar_text(components: Iterable[str]) -> bytes:
    """The calendar of these components (component_text), in order: what icalendar's
    to_ical() writes for a Calendar holding them (a test compares the two)."""
    head, end = _frame()
    return head + "".join(components).encode("utf-8") + end


def _frame() -> tuple[bytes, bytes]:
    """The calendar's own lines before its components (PRODID and the rest, as icalendar
    writes a Calendar holding them: a test compares), and its last line."""
    head = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n"
    return head.encode("utf-8"), b"END:VCALENDAR\r\n"


def component_text(item: Any) -> str:
    """One component's content lines (its alarm's too), as the calendar writes them."""
    return _lines(item)


def _lines(component: Any) -> str:
    """component.to_ical(), at less cost: each property's line made from icalendar's own
    text of its value and parameters, as its content lines are (without a Contentline and
    a Parameters object a line); a line shorter than the fold limit (most of them) taken as
    it is, a longer one folded by `folded` (icalendar's folding walks every character)."""
    out = []
    for name, value in component.property_items(sorted=True):
        text = value.to_ical() if hasattr(value, "to_ical") else value  # BEGIN, END: the name's bytes
        params = getattr(value, "params", None)
        given = params.to_ical(sorted=True) if params else b""
        line = f"{name};{_text(given)}:{_text(text)}" if given else f"{name}:{_text(text)}"
        raw = line.encode("utf-8")
        out.append(line if len(raw) < FOLD_LIMIT else folded(raw))
        out.append("\r\n")
    return "".join(out)


def _text(value: str | bytes) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def folded(raw: bytes, limit: int = FOLD_LIMIT) -> str:
    """A content line (UTF-8) folded as icalendar folds it: pieces of at most limit - 1
    octets, cut between characters, and never right after a backslash or a caret (an
    escape stays whole) unless that is the piece's only character; joined by CRLF and a
    space. A test compares it with icalendar's own folding."""
    pieces, start, size = [], 0, len(raw)
    while size - start >= limit:
        end = start + limit - 1
        while raw[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if end - start > 1 and raw[end - 1] in b"\\^":
            end -= 1
        pieces.append(raw[start:end])
        start = end
    pieces.append(raw[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


render_calendar = render  # one calendar for a whole archive: the same function


def ics_kinds(value: str) -> tuple[str, ...]:
    """"todo" | "event" | "both" -> the components to write; ValueError otherwise."""
    kinds = {"todo": ("todo",), "event": ("event",), "both": ("todo", "event")}
    if value not in kinds:
        raise ValueError(f"invalid calendar kind {value!r}: use todo, event or both")
    return kinds[value]


def parse_remind(value: str | None) -> dt.timedelta | None:
    """"30m", "2h", "1d", "1w" -> a timedelta; "none" (or None) -> no reminder."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "none"):
        return None
    match = _REMIND.match(value) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"invalid reminder {value!r}: use a number and m, h, d or w (30m, 2h, 1d, 1w) or 'none'")
    digits = match.group(1).lstrip("0")
    seconds = int(digits or 0) * _UNITS[match.group(2).lower()] if len(digits) < 10 else None
    if seconds is None or seconds > MAX_REMIND.total_seconds():
        raise ValueError(f"reminder {value.strip()!r} is too early: at most {MAX_REMIND.days} days before")
    return dt.timedelta(seconds=seconds)


# ---------------------------------------------------------------- components


def components(result: ParseResult, before: dt.timedelta | None, kinds: tuple[str, ...] = ("todo",)) -> Iterator[Any]:
    """The VTODOs and/or VEVENTs of one result, in document order (icalendar objects)."""
    for kind, props in _entries(result, kinds):
        yield _component(kind, props, before)


def component_texts(result: ParseResult, before: dt.timedelta | None,
                    kinds: tuple[str, ...] = ("todo",)) -> Iterator[tuple[str, str]]:
    """(UID, component_text) of each of components(): the same text, written from the
    same values by output/ics_lines.py without building icalendar objects (a test
    compares the two on every test document)."""
    from protokol.output.ics_lines import text_of

    for kind, props in _entries(result, kinds):
        text = text_of(kind, props, before)
        yield props[0][1], text if text is not None else component_text(_component(kind, props, before))


def _entries(result: ParseResult, kinds: tuple[str, ...]) -> Iterator[tuple[str, list[tuple[str, Any]]]]:
    for section in result.sections:
        # a lead-in's term its sub-items take ("а) …; б) … Доклад – до …"): their entries, not its own too
        taken = {(d.parent, x) for d in section.directives if d.parent for x in d.deadlines}
        for directive in section.directives:
            if directive.kind != "task" and not directive.deadlines:
                continue
            for index, deadline in enumerate(directive.deadlines):
                if directive.kind == "group" and (directive.id, deadline) in taken:
                    continue
                timing = schedule(deadline, result.protocol.date)
                if timing is None:
                    continue
                for kind in kinds:
                    yield kind, _properties(kind, result, section, directive, index, deadline, portable(timing))


def _properties(kind: str, result: ParseResult, section: Section, directive: Directive, index: int,
                deadline: Deadline, timing: Timing) -> list[tuple[str, Any]]:
    """A component's properties, in the order they are added: UID first, SUMMARY (the
    alarm's text too) after RRULE / RDATE; an RRULE as its text."""
    start, due, rule = timing
    props: list[tuple[str, Any]] = [("uid", uid(result, directive, index, kind)), ("dtstamp", stamp(result))]
    if kind == "todo":
        if start is not None:
            props.append(("dtstart", start))
        props.append(("due", due))
    else:
        props.append(("dtstart", due))
        # DURATION, not DTEND: an end date is never computed (9999-12-31 has no next day)
        props.append(("duration", EVENT_LENGTH if isinstance(due, dt.datetime) else ONE_DAY))
        props.append(("transp", "TRANSPARENT"))
    if rule:
        props.append(("rrule", rule))
    elif deadline.kind == "recurring" and deadline.working_day:
        # an RRULE cannot name the N-th working day: the next dates, counted on the
        # production calendar, as RDATE
        more = working_day_dates(deadline, result.protocol.date)[1:]
        if more:
            props.append(("rdate", more))
    props.append(("summary", summary(directive)))
    props.append(("description", description(result, section, directive, deadline)))
    props.append(("status", "NEEDS-ACTION" if kind == "todo" else "CONFIRMED"))
    return props


def _component(kind: str, props: list[tuple[str, Any]], before: dt.timedelta | None) -> Any:
    from icalendar import Event, Todo, vRecur

    item = Todo() if kind == "todo" else Event()
    title = ""
    for name, value in props:
        item.add(name, vRecur.from_ical(value) if name == "rrule" else value)
        if name == "summary":
            title = value
    if before is not None:
        item.add_component(_alarm(title, before, "END" if kind == "todo" else "START"))
    return item


def _alarm(text: str, before: dt.timedelta, related: str) -> Any:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before, parameters={"RELATED": related})
    return alarm


def uid(result: ParseResult, directive: Directive, index: int, kind: str = "todo") -> str:
    p = result.protocol
    key = "\x1f".join(x or "" for x in (p.organization, p.number, p.date, None if p.number else result.source.sha256))
    suffix = "" if kind == "todo" else f"\x1f{kind}"
    return hashlib.sha1(f"{key}\x1f{directive.id}\x1f{index}{suffix}".encode()).hexdigest() + "@protokol"


def stamp(result: ParseResult) -> dt.datetime:
    if result.protocol.date:
        return dt.datetime.fromisoformat(result.protocol.date).replace(tzinfo=dt.timezone.utc)
    return FALLBACK_STAMP


def summary(directive: Directive) -> str:
    text = " ".join(directive.text.split())
    if len(text) > SUMMARY_LENGTH:
        cut = text[: SUMMARY_LENGTH - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:") + "…"
    return f"{directive.id}: {text}"


def description(result: ParseResult, section: Section, directive: Directive, deadline: Deadline) -> str:
    p = result.protocol
    lines = [directive.text, ""]
    main = [e.name for e in directive.executors if e.role == "executor"]
    co = [e.name for e in directive.executors if e.role == "co_executor"]
    if main or directive.addressees:
        lines.append("Исполнители: " + "; ".join(main or directive.addressees))
    if co:
        lines.append("Соисполнители: " + "; ".join(co))
    if directive.responsible:
        lines.append("Ответственные: " + "; ".join(directive.responsible))
    lines.append(f"Срок: {deadline.text} — {describe(deadline)}")
    lines.append(f"Раздел: {section_label(section)}".rstrip())
    lines.append(act_label(p.act, p.number, p.date))
    lines.append(f"Источник: {result.source.path}")
    return "\n".join(lines)
