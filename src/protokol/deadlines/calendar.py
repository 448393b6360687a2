"""The Russian production calendar: working days, transfers, extra days off.

holidays.RU knows the public holidays and the yearly transfers of days off (e.g.
2023-02-24 and 2023-05-08 off, 2024-04-27 worked); grammars/calendar/ru-overrides.yaml
adds what it does not know (the non-working days of spring 2020 and of 2021 set by
Presidential decrees) with their sources.

Importing holidays loads every country it knows (about 0.1 s), so the days of
holidays.RU for YEARS, and the overrides file as parsed, are kept in a table derived
from them, grammars/calendar/ru-table.json (python scripts/gen_calendar_table.py). The
table names the holidays version it came from and the fingerprint of the overrides
file: with another holidays version installed, or another overrides file, or a year
outside YEARS, the days come from holidays and the YAML file as before.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from protokol.errors import GrammarError
from protokol.grammar_files import fingerprint, grammar_text, read_grammar_yaml, read_json

FILE = "calendar/ru-overrides.yaml"
TABLE = "calendar/ru-table.json"
YEARS = range(1991, 2101)  # the years the table holds (holidays.RU starts in 1991)
ENTRY_KEYS = frozenset({"date", "from", "to", "source"})
ONE_DAY = dt.timedelta(days=1)
Days = frozenset[dt.date]


@lru_cache(maxsize=1)
def overrides() -> tuple[Days, Days]:
    """(extra non-working days, worked weekend days), validated once."""
    table = _table()
    if table is not None and table["overrides"] == fingerprint({FILE: grammar_text(FILE)}):
        return _dates(table["non_working"]), _dates(table["working"])
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
def _public_holidays(year: int) -> Days:
    table = _table()
    if table is not None and year in YEARS:
        return _dates(table["public"][str(year)], year)
    return _from_holidays(year)[0]


@lru_cache(maxsize=64)
def _from_holidays(year: int) -> tuple[Days, Days]:
    """holidays.RU's (public holidays, worked weekend days) of one year."""
    import holidays  # imported here only, when the table cannot answer

    days = holidays.RU(years=year)
    return frozenset(days.keys()), frozenset(days.weekend_workdays)


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
def _weekend_workdays(year: int) -> Days:
    table = _table()
    if table is not None and year in YEARS:
        return _dates(table["weekend_workdays"][str(year)], year)
    return _from_holidays(year)[1]


# ---------------------------------------------------------------- the derived table


@lru_cache(maxsize=1)
def _table() -> dict[str, Any] | None:
    """The derived table, when it was made from the holidays version installed."""
    try:
        table = read_json(TABLE)
    except GrammarError:
        return None
    if not isinstance(table, dict) or table.get("holidays") != holidays_version():
        return None
    if table.get("years") != [YEARS.start, YEARS.stop - 1]:
        return None
    return table


def holidays_version() -> str | None:
    """The installed holidays version, read without importing holidays."""
    from protokol.grammar_files import installed_version

    return installed_version("holidays", "holidays")


def build_table() -> dict[str, Any]:
    """The table from holidays.RU and the overrides file (scripts/gen_calendar_table.py)."""
    import holidays

    non_working, working = load_overrides(read_grammar_yaml(FILE))

    def days(found: Any, year: int) -> list[str]:
        if any(day.year != year for day in found):
            raise ValueError(f"holidays.RU(years={year}) gives days of another year")
        return sorted(day.isoformat()[5:] for day in found)

    by_year = {year: holidays.RU(years=year) for year in YEARS}
    return {
        "note": "generated by scripts/gen_calendar_table.py from holidays.RU and ru-overrides.yaml; do not edit",
        "holidays": holidays.__version__,
        "overrides": fingerprint({FILE: grammar_text(FILE)}),
        "years": [YEARS.start, YEARS.stop - 1],
        "public": {str(year): days(found.keys(), year) for year, found in by_year.items()},
        "weekend_workdays": {str(year): days(found.weekend_workdays, year) for year, found in by_year.items()},
        "non_working": sorted(day.isoformat() for day in non_working),
        "working": sorted(day.isoformat() for day in working),
    }


def _dates(items: list[str], year: int | None = None) -> Days:
    if year is None:
        return frozenset(map(dt.date.fromisoformat, items))
    return frozenset(dt.date(year, int(item[:2]), int(item[3:])) for item in items)


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
    step, left, working = (ONE_DAY if n >= 0 else -ONE_DAY), abs(n), is_working_day
    while left:  # (next_working_day, or previous_working_day, n times)
        day += step
        if working(day):
            left -= 1
    return day


def working_days(first: dt.date, last: dt.date) -> int:
    """How many working days lie in first..last, both included."""
    count, day = 0, first
    while day <= last:
        count += is_working_day(day)
        day += ONE_DAY
    return count


def nth_working_day(year: int, month: int, n: int) -> dt.date | None:
    """The n-th working day (1-based) of a month, counted from its end when n < 0 (-1: the
    last); None when the month has fewer."""
    day = dt.date(year, month, 1)
    if n < 0:
        day = (day + dt.timedelta(days=31)).replace(day=1) - ONE_DAY
        for _ in range(31):
            if day.month != month:
                return None
            if is_working_day(day):
                n += 1
                if n == 0:
                    return day
            day -= ONE_DAY
        return None
    for _ in range(31):
        if day.month != month:
            return None
        if is_working_day(day):
            n -= 1
            if n == 0:
                return day
        day += ONE_DAY
    return None
