"""The start of a series: "ежегодно, начиная с 2026 года", "ежемесячно (начиная с марта)";
the next days of a yearly list: "ежегодно до 1 июля и 25 декабря"; the end of a series:
"ежемесячно до 5 числа до конца 2025 года", "2025-2027 гг. (ежегодно)", "ежедневно до особого
распоряжения".

A start with no end (a period with start and no due: "с 2026 года", "начиная со II
квартала") right after a recurring deadline is the first day of that recurrence: the
recurrence is read again from that day, so its first window or occurrence is the first
on or after it, and the start's words become part of its text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from protokol.deadlines.resolve import Context, Unresolvable, groups_of, resolve
from protokol.deadlines.rrule import Recurrence
from protokol.model_core import Deadline

if TYPE_CHECKING:
    from protokol.deadlines.extract import Explained

# what may stand between a frequency and the start of its series
GAP = re.compile(r"\s*[,(]?\s*(?:начиная\s+)?")
# the rrule of one year-less day of every year ("ежегодно до 1 июля")
YEARLY_DAY = re.compile(r"FREQ=YEARLY;BYMONTH=\d{1,2};BYMONTHDAY=\d{1,2}")
# a date that names its year ("25 декабря 2025 г.", "до 25.12.2025", "25 декабря т.г.")
WRITTEN_YEAR = re.compile(r"(?:19|20)\d\d|\d\d?\.\d\d?\.\d\d|г\.|года|году")


def yearly_next(text: str, prev: Deadline, hit: Deadline) -> Deadline | None:
    """The next day of a yearly list ("ежегодно до 1 июля и 25 декабря": `hit` is "25
    декабря", read as a date) as a yearly series of its own, when the list's first day is
    one (BYMONTH x BYMONTHDAY would cross days of their own: one series a day); None
    when `hit` is no such day (the caller checks that only "," or "и" stands between)."""
    if (prev.kind != "recurring" or hit.kind != "once" or prev.until is not None or prev.start is not None
            or not YEARLY_DAY.fullmatch(prev.rrule or "") or hit.due is None or "T" in hit.due
            or WRITTEN_YEAR.search(text)):
        return None
    day = dt.date.fromisoformat(hit.due)
    bound = prev.bound if hit.bound == "on" else hit.bound
    return Deadline(text=hit.text, kind="recurring", bound=bound,
                    rrule=f"FREQ=YEARLY;BYMONTH={day.month};BYMONTHDAY={day.day}")


def started_from(text: str, folded: str, prev: Explained, hit: Explained, ctx: Context) -> Deadline | None:
    """The recurring deadline of `prev` started from the start `hit` names, or None when
    `hit` is no such start of it."""
    d = prev.deadline
    start = hit.deadline
    if (d.kind != "recurring" or start.kind != "period" or start.start is None or start.due is not None
            or not GAP.fullmatch(folded, prev.end, hit.start) or not folded.startswith(("с", "начиная"), hit.start)):
        return None
    first = dt.date.fromisoformat(start.start)
    again = _read_from(text, folded, prev, first, ctx)
    if again is None:
        return None
    begin = again.start if again.start is not None and again.start >= start.start else _first_on(again, first)
    return replace(again, text=text[prev.start:hit.end], start=begin)


def _first_on(deadline: Deadline, first: dt.date) -> str:
    """The first occurrence of the recurrence on or after `first` (that day itself when
    the rule alone cannot tell, as for the N-th working day)."""
    from dateutil.rrule import rrulestr

    if deadline.rrule is None or deadline.working_day is not None:
        return first.isoformat()
    begin = dt.datetime.combine(first, dt.time())
    try:
        day = rrulestr(deadline.rrule, dtstart=begin, ignoretz=True).after(begin, inc=True)
    except (ValueError, TypeError):
        return first.isoformat()
    return (day.date() if day is not None else first).isoformat()


def _read_from(text: str, folded: str, hit: Explained, first: dt.date, ctx: Context) -> Deadline | None:
    """The hit's rule read again with `first` as its anchor (None when it does not resolve)."""
    rule = next((r for r in ctx.grammar.rules if r.name == hit.rule), None)
    match = rule.regex.match(folded, hit.start) if rule is not None else None
    if rule is None or match is None or match.end() != hit.end:
        return None
    anchor = first if ctx.anchor is None or ctx.anchor < first else ctx.anchor
    try:
        return resolve(rule, text[hit.start:hit.end], groups_of(match), replace(ctx, anchor=anchor))
    except Unresolvable:
        return None


# what may stand between a series and the years or the end that bound it
BOUND_GAP = re.compile(r"\.?\s*[,(]?\s*")


def bounded(text: str, folded: str, prev: Explained, hit: Explained) -> Deadline | None:
    """A series and what bounds it, next to each other, as one recurring deadline (its
    text spans both): an end ("… до конца 2025 года": UNTIL), whole years on either side
    ("2025-2027 гг. (ежегодно)": from the first one's 1 January to the last one's 31
    December), "до особого распоряжения" (no end: the series alone). None otherwise."""
    if not BOUND_GAP.fullmatch(folded, prev.end, hit.start):
        return None
    series_, other = (prev.deadline, hit.deadline) if prev.deadline.kind == "recurring" else (hit.deadline, prev.deadline)
    if series_.kind != "recurring" or series_.until is not None or series_.rrule is None:
        return None
    span = text[prev.start:hit.end]
    if other.kind == "continuous" and other is hit.deadline and folded.startswith("до особ", hit.start):
        return replace(series_, text=span)
    if other.kind != "period" or other.due is None:
        return None
    due = dt.date.fromisoformat(other.due[:10])
    if other.start is None and other is hit.deadline and other.bound == "by" and folded.startswith("до конца", hit.start):
        start = None  # "ежемесячно до 5 числа до конца 2025 года"
    elif other.start is not None and other.start[5:] == "01-01" and other.due[5:] == "12-31" and series_.start is None:
        start = other.start  # "в 2025-2027 гг.": whole years
    else:
        return None
    rrule = _with_until(series_.rrule, due, series_.timezone)
    if rrule is None:
        return None
    bound = series_.bound or ("by" if other.bound == "by" else None)  # "еженедельно до конца года", as "… до 20 августа"
    return replace(series_, text=span, bound=bound, start=start if start is not None else series_.start,
                   until=due.isoformat(), rrule=rrule)


def _with_until(rrule: str, until: dt.date, zone: str | None) -> str | None:
    """The rrule with UNTIL in its place after FREQ, INTERVAL and COUNT (as rrule.Recurrence
    writes it: a DATE, or with a time of day the day's last second, in UTC when zoned); None
    when it has an UNTIL already."""
    parts = rrule.split(";")
    if any(p.startswith("UNTIL=") for p in parts):
        return None
    timed = any(p.startswith("BYHOUR=") for p in parts)
    value = Recurrence("DAILY", until=until, hour=0 if timed else None, zone=zone).value().split(";")[1]  # "UNTIL=…"
    at = next((i for i, p in enumerate(parts) if not p.startswith(("FREQ=", "INTERVAL=", "COUNT="))), len(parts))
    return ";".join([*parts[:at], value, *parts[at:]])
