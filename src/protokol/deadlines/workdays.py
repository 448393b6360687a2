"""The N-th working day of a month (contract 1.1's `working_day`), on the production
calendar (calendar.py): reading N, the date of a once, and the dates of a recurring
deadline, which an RRULE cannot give (its months do; the day is counted here).

    occurrences(deadline, after, count=12) -> [date]
        The next `count` due days on or after `after` of a Deadline with working_day
        set: the N-th working day of each month its rrule names (FREQ=MONTHLY with
        INTERVAL, or FREQ=YEARLY with BYMONTH), or its due for a once. Outputs that
        expand recurrences (ics) use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping

from protokol.deadlines import calendar
from protokol.deadlines.lexicon import Lexicon
from protokol.model_core import Deadline

MOST = 23  # no month has more working days than 23


class NoSuchDay(ValueError):
    """A working day number no month has, or a month pattern that is not one."""


def number(g: Mapping[str, str], ordinals: Lexicon, numbers: Lexicon) -> int:
    """N of "5-го", "пятого", "первых пяти" (the groups workday / workdayw); -1 for
    "последнего" (workdayl: the last working day, counted from the month's end)."""
    if "workdayl" in g:
        return -1
    if "workday" in g:
        n = int(g["workday"])
    else:
        word = g["workdayw"]
        n = ordinals.lookup(word) or numbers.lookup(word)
        if n is None:
            raise NoSuchDay(f"not a number: {word!r}")
    if not 1 <= n <= MOST:
        raise NoSuchDay(f"working day {n} of a month")
    return int(n)


def first_on_or_after(n: int, anchor: dt.date, month: int | None = None, year: int | None = None) -> dt.date:
    """The N-th working day of month/year; a missing year (or month) is the first such
    day on or after `anchor`."""
    if year is not None and month is not None:
        return _nth(year, month, n)
    y, m = anchor.year, anchor.month
    for _ in range(25):
        if month is None or m == month:
            day = calendar.nth_working_day(y, m, n)
            if day is not None and day >= anchor:
                return day
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    raise NoSuchDay(f"no working day {n} after {anchor}")


def next_month(n: int, anchor: dt.date) -> dt.date:
    """The N-th working day of the month after the anchor's."""
    y, m = (anchor.year + 1, 1) if anchor.month == 12 else (anchor.year, anchor.month + 1)
    return _nth(y, m, n)


def _nth(year: int, month: int, n: int) -> dt.date:
    day = calendar.nth_working_day(year, month, n)
    if day is None:
        raise NoSuchDay(f"{year}-{month:02d} has fewer than {n} working days")
    return day


def occurrences(deadline: Deadline, after: dt.date, count: int = 12) -> list[dt.date]:
    """The due days of a working_day deadline on or after `after` (at most `count`)."""
    n = deadline.working_day
    if n is None:
        return []
    if deadline.kind != "recurring" or not deadline.rrule:
        due = dt.date.fromisoformat(deadline.due[:10]) if deadline.due else None
        return [due] if due is not None and due >= after else []
    parts = _parts(deadline.rrule)
    start = dt.date.fromisoformat(deadline.start[:10]) if deadline.start else after
    until = dt.date.fromisoformat(deadline.until[:10]) if deadline.until else None
    out: list[dt.date] = []
    for year, month in _months(parts, start):
        if len(out) >= count or year > 9999:
            break
        day = calendar.nth_working_day(year, month, n)
        if day is None or day < after:
            continue
        if until is not None and day > until:
            break
        out.append(day)
    return out


def _parts(rrule: str) -> dict[str, str]:
    parts = dict(p.split("=", 1) for p in rrule.split(";") if "=" in p)
    if parts.get("FREQ") not in ("MONTHLY", "YEARLY"):
        raise NoSuchDay(f"a working day of a month needs FREQ=MONTHLY or YEARLY: {rrule}")
    return parts


def _months(parts: dict[str, str], start: dt.date) -> Iterator[tuple[int, int]]:
    """The months of the rule, from the month holding `start` on (at most 100 years)."""
    interval = int(parts.get("INTERVAL", "1"))
    bymonth = {int(m) for m in parts["BYMONTH"].split(",")} if "BYMONTH" in parts else None
    step = interval if parts["FREQ"] == "MONTHLY" else 1
    index = start.year * 12 + start.month - 1
    for k in range(0, 1200, step):
        year, month = divmod(index + k, 12)
        if parts["FREQ"] == "YEARLY":
            if (year - start.year) % interval or (bymonth is not None and month + 1 not in bymonth):
                continue
            if bymonth is None and month + 1 != start.month:
                continue
        elif bymonth is not None and month + 1 not in bymonth:
            continue
        yield year, month + 1
