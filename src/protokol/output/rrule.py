"""Read an RRULE value into its parts (what the renderers need, nothing more), with
icalendar's RFC 5545 parser.

>>> parse_rrule("FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0").byday
('FR',)
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Rule:
    freq: str
    interval: int = 1
    count: int | None = None
    until: dt.date | dt.datetime | None = None  # a date, or a datetime (UTC when written with Z)
    bymonth: tuple[int, ...] = ()
    bymonthday: tuple[int, ...] = ()
    byday: tuple[str, ...] = ()
    hour: int | None = None  # the first BYHOUR
    minute: int | None = None
    hours: tuple[int, ...] = ()  # every BYHOUR ("ежедневно в 9:00 и 17:00": 9, 17)

    def until_date(self) -> dt.date | None:
        """The calendar day of UNTIL as written (a UTC UNTIL is the last second of a local day,
        which the contract also gives as `until`; this is only the fallback)."""
        if isinstance(self.until, dt.datetime):
            return self.until.date()
        return self.until


@functools.lru_cache(maxsize=512)  # an archive repeats a few rules (the Rule is frozen); icalendar's parse is slow
def parse_rrule(value: str) -> Rule:
    """Parse "FREQ=...;..." (an optional "RRULE:" prefix is dropped); ValueError when it is
    not an RRULE or has no FREQ. Parts the renderers do not use are ignored."""
    from icalendar.prop import vRecur

    if value.upper().startswith("RRULE:"):
        value = value[6:]
    try:
        parts: dict[str, list[Any]] = dict(vRecur.from_ical(value.strip()))
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValueError(f"not an RRULE: {value!r} ({exc})") from None
    if not parts.get("FREQ"):
        raise ValueError(f"RRULE without FREQ: {value!r}")

    def first(name: str) -> int | None:
        return int(parts[name][0]) if parts.get(name) else None

    return Rule(
        freq=str(parts["FREQ"][0]).upper(),
        interval=1 if first("INTERVAL") is None else int(parts["INTERVAL"][0]),
        count=first("COUNT"),
        until=parts["UNTIL"][0] if parts.get("UNTIL") else None,
        bymonth=tuple(int(m) for m in parts.get("BYMONTH", ())),
        bymonthday=tuple(int(d) for d in parts.get("BYMONTHDAY", ())),
        byday=tuple(str(d).upper() for d in parts.get("BYDAY", ())),
        hour=first("BYHOUR"),
        minute=first("BYMINUTE"),
        hours=tuple(int(h) for h in parts.get("BYHOUR", ())),
    )


@functools.lru_cache(maxsize=512)
def first_occurrence(value: str, base: dt.date) -> dt.date:
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
