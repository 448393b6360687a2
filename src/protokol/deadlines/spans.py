"""Calendar arithmetic of deadlines: months added, periods of the year, the period
holding a day. A date that cannot exist (past 9999-12-31) raises Unresolvable."""

from __future__ import annotations

import calendar as cal
import datetime as dt
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from protokol.deadlines.results import Unit


class Unresolvable(Exception):
    """The matched text names no real date."""


def plus_months(day: dt.date, months: int) -> dt.date:
    """relativedelta clamps to the month's end; past year 9999 there is no date."""
    index = day.year * 12 + day.month - 1 + months
    if not 1 <= index // 12 <= dt.MAXYEAR:
        raise Unresolvable("the date is not representable")
    return day + relativedelta(months=months)


def part_of_year(unit: Unit, index: int, year: int | None, anchor: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    months = unit.months
    if months is None or months >= 12 or 12 % months or not 1 <= index <= 12 // months:
        raise Unresolvable(f"{unit.name} number {index}")

    def span(y: int) -> tuple[dt.date, dt.date]:
        first = dt.date(y, months * (index - 1) + 1, 1)
        return first, month_end(y, first.month + months - 1)

    return infer_span(span, year, anchor)


def part_of_month(
    unit: Unit, index: int, month: int, year: int | None, anchor: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The `index`-th part of `unit.days` days of a month ("вторая декада мая" = 11-20);
    the last part runs to the month's end ("третья декада" = 21-31)."""
    days = unit.days or 0
    parts = 30 // days if days else 0
    if not 1 <= index <= parts:
        raise Unresolvable(f"{unit.name} number {index} of a month")

    def span(y: int) -> tuple[dt.date, dt.date]:
        first = dt.date(y, month, (index - 1) * days + 1)
        return first, month_end(y, month) if index == parts else first + dt.timedelta(days=days - 1)

    return infer_span(span, year, anchor)


def current(unit: Unit, year: int | None, following: bool, anchor: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """"до конца года / месяца / квартала / недели": the unit holding the protocol date
    (or the one after it). Month units tile the year; a unit of days that ends on a
    weekday (a week ends on Sunday) is the one holding the protocol date."""
    size = unit.months
    if size == 12 and year is not None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if size is None and (unit.days is None or (unit.days > 1 and unit.ends is None)):
        raise Unresolvable(f"no period unit {unit.name!r}")
    if anchor is None:
        return None, None
    if size is None:
        assert unit.days is not None
        ends = anchor.weekday() if unit.ends is None else unit.ends
        last = anchor + dt.timedelta(days=(ends - anchor.weekday()) % 7 + (unit.days if following else 0))
        return last - dt.timedelta(days=unit.days - 1), last
    base = dt.date(year or anchor.year, anchor.month, 1)
    first_month = (base.month - 1) // size * size + 1
    first = plus_months(dt.date(base.year, first_month, 1), size if following else 0)
    last = plus_months(first, size) - dt.timedelta(days=1)
    return first, last


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, cal.monthrange(year, month)[1])


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), month_end(year, month)


def infer_span(
    span: Callable[[int], tuple[dt.date, dt.date]], year: int | None, anchor: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The period of the given year, else the first one ending on or after the anchor."""
    if year is not None:
        return span(year)
    if anchor is None:
        return None, None
    first, last = span(anchor.year)
    if last >= anchor:
        return first, last
    if anchor.year == dt.MAXYEAR:
        raise Unresolvable("the next such period is past 9999-12-31")
    return span(anchor.year + 1)


def event_day(event: str | None, anchor: dt.date | None) -> dt.date | None:
    """The day of the calendar an event names ("начала учебного года": 1 September, "Дня
    Победы": 9 May), the first on or after the protocol date; None for no event or date."""
    if event is None or anchor is None:
        return None
    month, day = (5, 9) if "побед" in event else (9, 1)
    found = dt.date(anchor.year, month, day)
    return found if found >= anchor else dt.date(anchor.year + 1, month, day)
