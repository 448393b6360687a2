"""The days a deadline falls on inside a window (dateutil for recurrences, the production
calendar for working-day rules). Pure: the window and `today` are passed in.

    >>> import datetime as dt
    >>> w = Window(dt.date(2023, 7, 3), dt.date(2023, 7, 16), dt.date(2023, 7, 3))
    >>> [str(d) for d, _ in occurrences({"kind": "recurring", "rrule": "FREQ=WEEKLY;BYDAY=MO"}, "2023-06-20", w)]
    ['2023-07-03', '2023-07-10']

A dated deadline (once, relative, period) gives its effective_due, else its due: inside
the window, or before it when the window keeps overdue ones. A recurring one is expanded
from its `start`, else the protocol's date, to its `until` (or the RRULE's UNTIL or
COUNT); only occurrences inside the window are listed (a past occurrence of a recurring
task is not "overdue": the next one replaces it). `working_day` (contract 1.1: "до 6-го
рабочего дня месяца") puts each occurrence on that working day of its month, counted on
the production calendar (negative: from the month's end).
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from protokol.deadlines.calendar import is_working_day

DATED = frozenset({"once", "relative", "period"})
MAX_OCCURRENCES = 5000  # occurrences of one deadline in one window (a daily rule over 13 years)
When = tuple[dt.date, "str | None"]  # the day, and "HH:MM" when the deadline gives a time


@dataclass(frozen=True, slots=True)
class Window:
    """Days first..last (both included) seen from `today`; `overdue`: also dated deadlines
    that fell before the window (and before today)."""

    first: dt.date
    last: dt.date
    today: dt.date
    overdue: bool = True

    def keeps(self, day: dt.date) -> bool:
        if self.first <= day <= self.last:
            return True
        return self.overdue and day < min(self.first, self.today)


def occurrences(deadline: dict[str, Any], anchor: str | None, window: Window) -> list[When]:
    """The (day, time) pairs of one contract Deadline inside `window`; `anchor` is the
    protocol's date ("YYYY-MM-DD" or None)."""
    kind = deadline.get("kind")
    if kind in DATED:
        value = deadline.get("effective_due") or deadline.get("due")
        when = split_iso(value) if isinstance(value, str) else None
        return [when] if when is not None and window.keeps(when[0]) else []
    rule = deadline.get("rrule")
    if kind != "recurring" or not rule or not isinstance(rule, str):
        return []
    first = _day(deadline.get("start") or anchor)
    until = _day(deadline.get("until"))
    if first is None or (until is None and deadline.get("until")):
        return []
    if first > window.last or (until is not None and until < window.first):
        return []  # dateutil never gives a day before the start, nor one after until
    start = _moved_start(rule, first, window.first)
    return list(expand(rule, start, until, deadline.get("working_day"), window.first, window.last))


def _moved_start(rule: str, start: dt.date, first: dt.date) -> dt.date:
    """A start moved forward by whole weeks (daily and weekly rules), months (monthly, from
    a day up to the 28th) or years (monthly and yearly), staying before the window: the
    occurrences in the window are the same, and an archive of protocols of many dates
    shares a few cached expansions. Rules with COUNT, INTERVAL or BYSETPOS are kept."""
    step = _step(rule)
    if step is None or start >= first:
        return start
    if step == "week":
        return start + dt.timedelta(weeks=max(0, ((first - start).days - 7) // 7))
    if step == "month" and start.day <= 28:
        months = (first.year - start.year) * 12 + first.month - start.month - 2
        if months > 0:
            year, month = divmod(start.month - 1 + months, 12)
            return start.replace(year=start.year + year, month=month + 1)
        return start
    if start.month == 2 and start.day == 29 or first.year - start.year < 3:
        return start
    return start.replace(year=first.year - 2)


@lru_cache(maxsize=4096)
def _step(rule: str) -> str | None:
    parts = dict(p.upper().split("=", 1) for p in rule.removeprefix("RRULE:").split(";") if "=" in p)
    if "COUNT" in parts or parts.get("INTERVAL", "1") != "1" or "BYSETPOS" in parts:
        return None
    freq = parts.get("FREQ")
    if freq in ("DAILY", "WEEKLY"):
        return "week"
    return {"MONTHLY": "month", "YEARLY": "year"}.get(freq or "")


@lru_cache(maxsize=65536)
def split_iso(value: str) -> When | None:
    """"2023-08-20" -> (date, None); "2023-08-20T09:00:00+03:00" -> (date, "09:00") as
    written; None when it is not a date."""
    day = _day(value)
    if day is None:
        return None
    return day, (value[11:16] if len(value) >= 16 and value[10] == "T" else None)


@lru_cache(maxsize=65536)
def _day(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def expand(rule: str, start: dt.date, until: dt.date | None, working_day: int | None,
           first: dt.date, last: dt.date) -> tuple[When, ...]:
    """Occurrences of an RRULE value from `start`, in first..last (cached: an archive repeats
    the same rules and dates). A rule dateutil cannot read gives none."""
    parts, written_until = _parts(rule)
    until = min(x for x in (until, written_until) if x) if (until or written_until) else None
    end = min(last, until) if until else last
    if end < first:
        return ()
    if working_day:
        return _working_days(parts, start, working_day, first, end)
    hour, minute = _time(parts)
    try:
        from dateutil.rrule import rrulestr

        recurrence = rrulestr(";".join(parts), dtstart=dt.datetime.combine(start, dt.time(hour or 0, minute or 0)))
        found = recurrence.xafter(dt.datetime.combine(first, dt.time(0, 0)), inc=True)
        days = itertools.takewhile(lambda moment: moment.date() <= end,
                                   itertools.islice(found, MAX_OCCURRENCES))
        time = None if hour is None else f"{hour:02d}:{minute or 0:02d}"
        found = tuple((moment.date(), time) for moment in days)
        if any(p.upper() in ("FREQ=HOURLY", "FREQ=MINUTELY") for p in parts):
            return tuple(dict.fromkeys(found))  # "ежечасно": one entry a day (at the first hour)
        return found
    except (ValueError, TypeError, OverflowError):
        return ()


def _parts(rule: str) -> tuple[list[str], dt.date | None]:
    """The rule's parts without UNTIL (the window's end bounds it), and UNTIL's day."""
    rule = rule[6:] if rule.upper().startswith("RRULE:") else rule
    parts = [p for p in rule.split(";") if p]
    until = next((p[6:] for p in parts if p.upper().startswith("UNTIL=")), None)
    keep = [p for p in parts if not p.upper().startswith("UNTIL=")]
    try:
        return keep, dt.datetime.strptime(until[:8], "%Y%m%d").date() if until else None
    except ValueError:
        return keep, None


def _time(parts: list[str]) -> tuple[int | None, int | None]:
    values = dict(p.upper().split("=", 1) for p in parts if "=" in p)
    try:
        hour = int(values["BYHOUR"].split(",")[0]) if "BYHOUR" in values else None
        minute = int(values["BYMINUTE"].split(",")[0]) if "BYMINUTE" in values else None
    except ValueError:
        return None, None
    return hour, minute


def _working_days(parts: list[str], start: dt.date, n: int, first: dt.date, end: dt.date) -> tuple[When, ...]:
    """The n-th working day of every month the rule names, from `start` on."""
    from dateutil.rrule import rrulestr

    months = [p for p in parts if p.split("=", 1)[0].upper() in ("FREQ", "INTERVAL", "BYMONTH", "COUNT")]
    freq = next((p for p in months if p.upper().startswith("FREQ=")), "FREQ=MONTHLY")
    if freq.upper() in ("FREQ=DAILY", "FREQ=WEEKLY"):
        months = ["FREQ=MONTHLY" if p is freq else p for p in months]
    try:
        recurrence = rrulestr(";".join(months + ["BYMONTHDAY=1"]), dtstart=dt.datetime(start.year, start.month, 1))
    except (ValueError, TypeError):
        return ()
    found: list[When] = []
    for month in recurrence.xafter(dt.datetime(first.year, first.month, 1) - dt.timedelta(days=1)):
        if month.date() > end or len(found) >= MAX_OCCURRENCES:
            break
        day = nth_working_day(month.year, month.month, n)
        if day is not None and start <= day and first <= day <= end:
            found.append((day, None))
    return tuple(found)


def nth_working_day(year: int, month: int, n: int) -> dt.date | None:
    """The n-th working day of a month (n < 0: counted from its end); None past the month."""
    day = dt.date(year, month, 1)
    if n < 0:
        day = (day + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    step = dt.timedelta(days=1 if n > 0 else -1)
    count = 0
    while day.month == month:
        if is_working_day(day):
            count += 1
            if count == abs(n):
                return day
        day += step
    return None
