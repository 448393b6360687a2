"""The Russian production calendar: working days, transfers, extra days off.

holidays.RU knows the public holidays and the yearly transfers of days off (e.g.
2023-02-24 and 2023-05-08 off, 2024-04-27 worked); grammars/calendar/ru-overrides.yaml
adds what it does not know (the non-working days of spring 2020 and of 2021 set by
Presidential decrees) with their sources.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from protokol.errors import GrammarError
from protokol.grammar_files import read_grammar_yaml

FILE = "calendar/ru-overrides.yaml"
ENTRY_KEYS = frozenset({"date", "from", "to", "source"})
ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=1)
def overrides() -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """(extra non-working days, worked weekend days), validated once."""
    return load_overrides(read_grammar_yaml(FILE))


def load_overrides(data: Any, file: str = FILE) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    if not isinstance(data, dict) or set(data) - {"transfers", "non_working", "working"}:
        raise GrammarError(file, None, "allows only the keys 'transfers', 'non_working' and 'working'")
    transfers = data.get("transfers") or {}
    if not isinstance(transfers, dict) or not all(isinstance(y, int) and s for y, s in transfers.items()):
        raise GrammarError(file, "transfers", "year -> source of that year's transfers of days off")
    return (
        frozenset(_days(file, "non_working", data.get("non_working") or [])),
        frozenset(_days(file, "working", data.get("working") or [])),
    )


def _days(file: str, key: str, entries: Any) -> list[dt.date]:
    days: list[dt.date] = []
    for entry in entries:
        if not isinstance(entry, dict) or set(entry) - ENTRY_KEYS or not entry.get("source"):
            raise GrammarError(file, key, f"entry {entry!r}: needs date or from/to, and a source")
        first = entry.get("date", entry.get("from"))
        last = entry.get("date", entry.get("to"))
        if not isinstance(first, dt.date) or not isinstance(last, dt.date) or last < first:
            raise GrammarError(file, key, f"entry {entry!r}: bad date range")
        days.extend(first + dt.timedelta(days=i) for i in range((last - first).days + 1))
    return days


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    import holidays  # imported here only: the table is built per year, on first use

    return frozenset(holidays.RU(years=year).keys())


@lru_cache(maxsize=4096)
def is_working_day(day: dt.date) -> bool:
    """True when `day` is a working day of the five-day week in Russia."""
    extra_off, worked = overrides()
    if day in worked:
        return True
    if day in extra_off or day in _public_holidays(day.year):
        return False
    return day.weekday() < 5 or day in _weekend_workdays(day.year)


@lru_cache(maxsize=64)
def _weekend_workdays(year: int) -> frozenset[dt.date]:
    import holidays

    return frozenset(holidays.RU(years=year).weekend_workdays)


def previous_working_day(day: dt.date) -> dt.date:
    """The last working day strictly before `day`."""
    day -= ONE_DAY
    while not is_working_day(day):
        day -= ONE_DAY
    return day


def next_working_day(day: dt.date) -> dt.date:
    """The first working day strictly after `day`."""
    day += ONE_DAY
    while not is_working_day(day):
        day += ONE_DAY
    return day


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (the day after `day` is the first candidate).

    n = 0 gives `day` itself; negative n counts backwards.
    """
    step = next_working_day if n >= 0 else previous_working_day
    for _ in range(abs(n)):
        day = step(day)
    return day


def working_days(first: dt.date, last: dt.date) -> int:
    """How many working days lie in first..last, both included."""
    count, day = 0, first
    while day <= last:
        count += is_working_day(day)
        day += ONE_DAY
    return count
