"""Dates of the calendar: a deadline's DTSTART, DUE and RRULE (see output/ics.py).

`schedule` gives the values in the deadline's own zone; `portable` turns them into
what every reader takes the same way: a zoned DATE-TIME in UTC ("...Z", no VTIMEZONE
needed), a recurring one with DTSTART in UTC and the time taken off the RRULE
(DTSTART carries it). When the UTC day is not the local day (a rule at 01:00 MSK on
Mondays) or UTC would leave the calendar (9999-12-31), the local wall time is kept
floating instead.
"""

from __future__ import annotations

import datetime as dt

from protokol.model import Deadline
from protokol.output.humanize import parse_iso
from protokol.output.rrule import first_occurrence, parse_rrule

When = dt.date  # a date, or a datetime (a subclass)
Timing = tuple["When | None", When, "str | None"]
RDATES = 12  # the due days a working_day to-do lists (DTSTART and the RDATEs)


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
    if rule.hour is None and rule.freq not in ("HOURLY", "MINUTELY"):
        base: When = day
    else:  # a time of day, or a series within a day ("ежечасно": a DATE-TIME DTSTART, from 00:00)
        base = dt.datetime.combine(day, dt.time(rule.hour or 0, rule.minute or 0), tzinfo=_zone(deadline.timezone))
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


def portable(timing: Timing) -> Timing:
    """schedule()'s values with zoned DATE-TIMEs in UTC (see the module docstring)."""
    start, due, rule = timing
    if not isinstance(due, dt.datetime) or due.tzinfo is None:
        return timing
    if rule is None:
        return (_utc(start) if start is not None else None), _utc(due), None
    first = start if isinstance(start, dt.datetime) and start.tzinfo is not None else due
    utc = _utc(first)
    parts = [p for p in rule.split(";") if not p.upper().startswith(("BYHOUR=", "BYMINUTE="))]
    calendar_rule = any(p.upper().startswith(("BYDAY=", "BYMONTHDAY=")) for p in parts)
    if not isinstance(utc, dt.datetime) or utc.tzinfo is None or (calendar_rule and utc.date() != first.date()):
        local = first.replace(tzinfo=None)  # floating: the wall time as written
        # a UTC UNTIL's day becomes a floating UNTIL; a window's close keeps its length
        return local, local + (due - first), rrule_value(rule, local)
    return utc, _utc(due), ";".join(parts)


def _utc(value: When) -> When:
    if not (isinstance(value, dt.datetime) and value.tzinfo is not None):
        return value
    try:
        return value.astimezone(dt.timezone.utc)
    except OverflowError:  # past the calendar's end in UTC: the wall time, floating
        return value.replace(tzinfo=None)

