"""Deadlines as an iCalendar file of to-dos (icalendar, imported only here).

One VTODO per directive deadline that has a date or an RRULE (the directives of the
control register: tasks, plus notes and groups that carry a deadline):

* DUE: effective_due if the regulation moved the date, else due; a DATE, or a
  DATE-TIME with TZID when the deadline names a zone (a VTIMEZONE is added), UTC when
  it only has an offset, floating when naive.
* recurring: RRULE (UNTIL written to match DTSTART's value type), DTSTART = DUE = the
  first occurrence on or after the deadline's start, else the protocol date, at the
  BYHOUR/BYMINUTE time. Without either anchor date the deadline is left out.
* recurring on the N-th working day of a month (working_day): no RRULE can say it, so
  DTSTART = DUE = the first such day on or after the start (else the protocol date)
  and RDATE the next ones (RDATES in all), counted on the production calendar.
* UID: sha1(protocol number + directive id + deadline index)@protokol, so a re-import
  updates the to-do; DTSTAMP: the protocol date, 00:00 UTC (never now()).
* VALARM DISPLAY, TRIGGER;RELATED=END:-<remind> (remind="1d" default; "none" omits it;
  at most MAX_REMIND, so no client's arithmetic on it can overflow).
* Dates near 9999-12-31: a conversion to another zone or UTC that would leave the
  calendar keeps the value as written instead (no OverflowError).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator, Sequence
from typing import Any

from protokol.model import Deadline, Directive, ParseResult, Section
from protokol.output.humanize import date_ru, describe, parse_iso
from protokol.output.register import in_register, section_label
from protokol.output.rrule import parse_rrule

PRODID = "-//protokol//protokol//RU"
FALLBACK_STAMP = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
SUMMARY_LENGTH = 80
_REMIND = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
MAX_REMIND = dt.timedelta(days=366)
RDATES = 12  # the due days a working_day to-do lists (DTSTART and the RDATEs)
_UNITS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}  # seconds
When = dt.date  # a date, or a datetime (a subclass)


def render(results: Sequence[ParseResult], *, remind: str | None = "1d", **_: Any) -> bytes:
    from icalendar import Calendar

    before = parse_remind(remind)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    for result in results:
        for todo in todos(result, before):
            cal.add_component(todo)
    if hasattr(cal, "add_missing_timezones"):  # icalendar >= 6
        cal.add_missing_timezones()
    return cal.to_ical()


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


# ---------------------------------------------------------------- to-dos


def todos(result: ParseResult, before: dt.timedelta | None) -> Iterator[Any]:
    for section in result.sections:
        for directive in section.directives:
            if not in_register(directive):
                continue
            for index, deadline in enumerate(directive.deadlines):
                todo = _todo(result, section, directive, index, deadline, before)
                if todo is not None:
                    yield todo


def _todo(result: ParseResult, section: Section, directive: Directive, index: int, deadline: Deadline,
          before: dt.timedelta | None) -> Any:
    from icalendar import Todo, vRecur

    timing = schedule(deadline, result.protocol.date)
    if timing is None:
        return None
    start, due, rule = timing
    todo = Todo()
    todo.add("uid", uid(result, directive, index))
    todo.add("dtstamp", stamp(result))
    if start is not None:
        todo.add("dtstart", start)
    todo.add("due", due)
    if rule:
        todo.add("rrule", vRecur.from_ical(rule))
    elif deadline.kind == "recurring" and deadline.working_day:
        # an RRULE cannot name the N-th working day: the next dates, counted on the
        # production calendar, as RDATE
        more = working_day_dates(deadline, result.protocol.date)[1:]
        if more:
            todo.add("rdate", more)
    title = summary(directive)
    todo.add("summary", title)
    todo.add("description", description(result, section, directive, deadline))
    todo.add("status", "NEEDS-ACTION")
    if before is not None:
        todo.add_component(_alarm(title, before))
    return todo


def _alarm(text: str, before: dt.timedelta) -> Any:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before, parameters={"RELATED": "END"})
    return alarm


def uid(result: ParseResult, directive: Directive, index: int) -> str:
    key = result.protocol.number or f"{result.protocol.date}|{result.source.path}"
    return hashlib.sha1(f"{key}\x1f{directive.id}\x1f{index}".encode()).hexdigest() + "@protokol"


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
    if directive.addressees:
        lines.append("Исполнители: " + "; ".join(directive.addressees))
    if directive.responsible:
        lines.append("Ответственные: " + "; ".join(directive.responsible))
    lines.append(f"Срок: {deadline.text} — {describe(deadline)}")
    lines.append(f"Раздел: {section_label(section)}".rstrip())
    head = " ".join(x for x in ("Протокол", f"№ {p.number}" if p.number else "",
                                 f"от {date_ru(p.date)}" if p.date else "") if x)
    lines.append(head)
    lines.append(f"Источник: {result.source.path}")
    return "\n".join(lines)


# ---------------------------------------------------------------- dates


def schedule(deadline: Deadline, protocol_date: str | None) -> tuple[When | None, When, str | None] | None:
    """(DTSTART or None, DUE, RRULE or None); None when the deadline has no date to put."""
    if deadline.kind == "recurring" and deadline.working_day:
        dates = working_day_dates(deadline, protocol_date)
        return (dates[0], dates[0], None) if dates else None
    if deadline.kind == "recurring" and deadline.rrule:
        return _recurring(deadline, protocol_date)
    value = deadline.effective_due or deadline.due
    if not value:
        return None
    due = _moment(value, deadline.timezone)
    start = _start(deadline.start, due) if deadline.start else None
    return start, due, None


def working_day_dates(deadline: Deadline, protocol_date: str | None, count: int = RDATES) -> list[dt.date]:
    """The due days of a recurring working_day deadline from its start (else the
    protocol date) on: the N-th working day of each month its rrule names."""
    from protokol.deadlines.workdays import NoSuchDay, occurrences

    anchor = deadline.start or protocol_date
    if not anchor:
        return []
    try:
        return occurrences(deadline, dt.date.fromisoformat(anchor[:10]), count)
    except (NoSuchDay, ValueError):
        return []


def _moment(value: str, timezone: str | None) -> When:
    """A contract date string as an icalendar-ready value."""
    parsed = parse_iso(value)
    assert parsed is not None
    if not isinstance(parsed, dt.datetime) or parsed.tzinfo is None:
        return parsed
    zone = _zone(timezone)
    try:
        return parsed.astimezone(zone) if zone else parsed.astimezone(dt.timezone.utc)
    except OverflowError:  # 9999-12-31 late in the day, moved east past the calendar's end
        return parsed


def _start(value: str, due: When) -> When:
    """A period's first day, of DUE's value type (a DATE-TIME start is 00:00 in DUE's zone)."""
    day = dt.date.fromisoformat(value[:10])
    if isinstance(due, dt.datetime):
        return dt.datetime.combine(day, dt.time(0, 0), tzinfo=due.tzinfo)
    return day


def _zone(name: str | None) -> dt.tzinfo | None:
    if not name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _recurring(deadline: Deadline, protocol_date: str | None) -> tuple[When, When, str] | None:
    anchor = deadline.start or protocol_date
    if not anchor:
        return None
    rule = parse_rrule(deadline.rrule or "")
    day = dt.date.fromisoformat(anchor[:10])
    if rule.hour is None:
        base: When = day
    else:
        base = dt.datetime.combine(day, dt.time(rule.hour, rule.minute or 0), tzinfo=_zone(deadline.timezone))
    value = rrule_value(deadline.rrule or "", base, deadline.until)
    first = first_occurrence(value, base)
    return first, _window_end(deadline, first), value


def _window_end(deadline: Deadline, first: When) -> When:
    """DUE of a window of hours (start and due both with a time): its close, else `first`."""
    if not (deadline.start and deadline.due and "T" in deadline.start and "T" in deadline.due):
        return first
    if not isinstance(first, dt.datetime):
        return first
    length = dt.datetime.fromisoformat(deadline.due) - dt.datetime.fromisoformat(deadline.start)
    return first + length if length > dt.timedelta(0) else first


def rrule_value(value: str, dtstart: When, until: str | None = None) -> str:
    """The RRULE with UNTIL of DTSTART's value type (RFC 5545: DATE, UTC if zoned, else floating)."""
    parts = [p for p in value.split(";") if p and not p.upper().startswith("UNTIL=")]
    written = next((p.split("=", 1)[1] for p in value.split(";") if p.upper().startswith("UNTIL=")), None)
    last = dt.datetime.strptime(written[:8], "%Y%m%d").date() if written else None
    if until and not written:
        last = dt.date.fromisoformat(until[:10])
    if last is None:
        return ";".join(parts)
    if written and len(written) > 8 and isinstance(dtstart, dt.datetime) and dtstart.tzinfo:
        text = written  # already the UTC moment the contract wrote
    else:
        text = _until(last, dtstart)
    return ";".join([parts[0], f"UNTIL={text}", *parts[1:]])


def _until(last: dt.date, dtstart: When) -> str:
    if not isinstance(dtstart, dt.datetime):
        return last.strftime("%Y%m%d")
    end = dt.datetime.combine(last, dt.time(23, 59, 59))
    if dtstart.tzinfo is None:
        return end.strftime("%Y%m%dT%H%M%S")
    try:
        return end.replace(tzinfo=dtstart.tzinfo).astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    except OverflowError:  # a zone west of UTC on 9999-12-31: the calendar's last second
        return "99991231T235959Z"


def first_occurrence(value: str, base: When) -> When:
    """The first occurrence on or after `base` (base itself when the rule yields none)."""
    from dateutil.rrule import rrulestr

    start = base if isinstance(base, dt.datetime) else dt.datetime.combine(base, dt.time(0, 0))
    try:
        found = rrulestr(value, dtstart=start).after(start, inc=True)
    except (ValueError, TypeError, OverflowError):  # a rule dateutil cannot expand (or past 9999): the anchor
        return base
    if found is None:
        return base
    return found if isinstance(base, dt.datetime) else found.date()
