"""Resolve a rule's match against the protocol date: groups -> Deadline.

A match is a rule plus its named groups (see grammar.GROUPS). Each kind has one
resolver; shared pieces read dates, times, zones and counts out of the groups.
A match that cannot be a real deadline (31 June, 25:00) raises Unresolvable, and
the extractor lets a shorter match or the fallback take the text.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from dateutil.relativedelta import relativedelta

from protokol.deadlines import calendar, regulation
from protokol.deadlines.grammar import Grammar, Rule
from protokol.deadlines.rrule import Recurrence
from protokol.deadlines.timefmt import iso
from protokol.model import Deadline

Groups = Mapping[str, str]
UNIT_FREQ = {
    "day": ("DAILY", 1), "week": ("WEEKLY", 1), "month": ("MONTHLY", 1),
    "quarter": ("MONTHLY", 3), "half": ("MONTHLY", 6), "year": ("YEARLY", 1),
}
UNIT_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}
# the month after a reporting period: "до 10 числа месяца, следующего за отчетным кварталом"
REPORTING_MONTHS = {"quarter": (1, 4, 7, 10), "half": (1, 7), "year": (1,)}
# the last month of a period: "до 20 числа последнего месяца квартала"
LAST_MONTHS = {"quarter": (3, 6, 9, 12), "half": (6, 12), "year": (12,)}
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MEETING = re.compile(r"протокол|совещани|заседани|встреч|решени", re.IGNORECASE)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class Unresolvable(Exception):
    """The matched text names no real date."""


@dataclass(frozen=True, slots=True)
class Context:
    grammar: Grammar
    anchor: dt.date | None
    rules: str
    roll: str


def groups_of(match: re.Match[str]) -> dict[str, str]:
    """Named groups that matched; "minute2" is another spelling of "minute"."""
    out: dict[str, str] = {}
    for name, value in match.groupdict().items():
        if value is not None:
            out.setdefault(name.rstrip("0123456789"), value)
    return out


def resolve(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    return RESOLVERS.get(rule.kind, _marker)(rule, text, g, ctx)


# ---------------------------------------------------------------- kinds


def _once(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    time, zone = _time(g, ctx)
    if _has_date(g):
        day = _date(g, ctx, ctx.anchor)
    elif "weekday" in g:
        day = _next_weekday(ctx, g["weekday"])
    else:
        day = ctx.anchor  # a time alone is on the protocol date
    return _dated(text, "once", _bound(rule, g), day, time, zone, ctx)


def _recurring(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    lex = ctx.grammar.lexicons
    unit = lex["frequency"].lookup(g["freq"]) if "freq" in g else None
    parts = _base_recurrence(unit, g, ctx)
    time, zone = _time(g, ctx)
    start = _date(g, ctx, ctx.anchor, "start_") if _has_date(g, "start_") else None
    until = _date(g, ctx, start or ctx.anchor, "until_") if _has_date(g, "until_") else None
    recurrence = replace(
        parts,
        until=until,
        hour=time.hour if time else None,
        minute=time.minute if time else None,
        zone=zone,
    )
    return Deadline(
        text=text,
        kind="recurring",
        bound=_bound(rule, g),
        start=start.isoformat() if start else None,
        until=until.isoformat() if until else None,
        rrule=recurrence.value(),
        timezone=zone,
    )


def _base_recurrence(unit: str | None, g: Groups, ctx: Context) -> Recurrence:
    lex = ctx.grammar.lexicons
    byday = WEEKDAYS[:5] if "workdays" in g else _weekdays(g, ctx)
    if "monthday" in g:
        return _monthday(unit, g, ctx)
    if "day" in g and "month" in g:  # "ежегодно до 1 февраля"
        return Recurrence("YEARLY", bymonth=(lex["months"].lookup(g["month"]),), bymonthday=(int(g["day"]),))
    if "per" in g:  # "2 раза в месяц"
        return _times_per(g, ctx)
    interval = 1
    if unit is None and "unit" in g:  # "каждые две недели"
        unit = lex["units"].lookup(g["unit"])
        interval = _count(g, ctx) if ("n" in g or "nw" in g) else 1
    if unit is None and byday:
        unit = "week"
    if unit not in UNIT_FREQ:
        raise Unresolvable(f"no frequency in {g}")
    freq, step = UNIT_FREQ[unit]
    return Recurrence(freq, interval=step * interval, byday=byday)


def _monthday(unit: str | None, g: Groups, ctx: Context) -> Recurrence:
    lex = ctx.grammar.lexicons
    day = int(g["monthday"])
    if not 1 <= day <= 31:
        raise Unresolvable(f"day {day} of a month")
    if not ({"freq", "by", "unit"} & set(g)):
        raise Unresolvable("a bare day of the month repeats nothing")
    named = [unit] + [lex["units"].lookup(g[k]) for k in ("unit", "reporting") if k in g]
    period = next((u for u in named if u in REPORTING_MONTHS), None)
    if period is not None:
        months = (LAST_MONTHS if "last" in g else REPORTING_MONTHS)[period]
        return Recurrence("YEARLY", bymonth=months, bymonthday=(day,))
    return Recurrence("MONTHLY", bymonthday=(day,))


def _times_per(g: Groups, ctx: Context) -> Recurrence:
    lex = ctx.grammar.lexicons
    times = int(g["times"]) if "times" in g else _words_number(g.get("timesw"), ctx) or 1
    unit = lex["units"].lookup(g["unit"])
    row = ctx.grammar.times_per.get(unit, {}).get(times)
    if row is None:
        raise Unresolvable(f"{times} times per {unit}")
    return Recurrence(
        str(row["freq"]),
        interval=int(row.get("interval", 1)),
        byday=tuple(row.get("byday", ())),
        bymonthday=tuple(row.get("bymonthday", ())),
    )


def _relative(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    lex = ctx.grammar.lexicons
    unit = lex["units"].lookup(g["unit"]) if "unit" in g else lex["unit_adjectives"].lookup(g.get("unitadj", ""))
    n = _count(g, ctx)
    working = "daykind" in g and lex["words"].lookup(g["daykind"]) == "working"
    start = _relative_start(g, ctx)
    day = _shift(start, n, unit, working) if start else None
    return _dated(text, "relative", _bound(rule, g), day, None, None, ctx)


def _relative_start(g: Groups, ctx: Context) -> dt.date | None:
    if _has_date(g, "after_"):
        return _date(g, ctx, ctx.anchor, "after_")
    if "before" in g or ("after" in g and not MEETING.search(g["after"])):
        return None  # counted from (or back from) an event protokol cannot date
    return ctx.anchor


def _shift(start: dt.date, n: int, unit: str | None, working: bool) -> dt.date:
    if unit == "day":
        return calendar.add_working_days(start, n) if working else start + dt.timedelta(days=n)
    if unit == "week":
        return start + dt.timedelta(weeks=n)
    if unit == "hour":
        return start + dt.timedelta(days=math.ceil(n / 24))
    if unit in UNIT_MONTHS:
        return start + relativedelta(months=n * UNIT_MONTHS[unit])
    raise Unresolvable(f"no duration unit {unit!r}")


def _period(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    first, last = _period_span(g, ctx)
    deadline = _dated(text, "period", _bound(rule, g), last, None, None, ctx)
    if first is None or _open_start(g):
        return deadline
    return replace(deadline, start=first.isoformat())


def _open_start(g: Groups) -> bool:
    """"до конца года", "в конце июля": only the end is named."""
    return "end" in g


def _period_span(g: Groups, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    lex = ctx.grammar.lexicons
    if _has_date(g, "start_") or "start_day" in g:
        return _range(g, ctx)
    year = _year(g, ctx)
    if "start_month" in g:  # "июль – август 2023 г."
        first_month, last_month = (lex["months"].lookup(g[k]) for k in ("start_month", "month"))
        span = _infer_span(lambda y: (dt.date(y, first_month, 1), _month_end(y, last_month)), year, ctx.anchor)
        if span[0] is not None and span[1] is not None and span[0] > span[1]:
            raise Unresolvable("months in the wrong order")
        return span
    if "unit" in g or "qabbr" in g:
        unit = lex["units"].lookup(g["unit"]) if "unit" in g else "quarter"  # "4 кв. 2023 г."
        if "q" in g or "qw" in g:
            return _part_of_year(unit, _ordinal(g, ctx), year, ctx)
        return _current(unit, year, "nextword" in g, ctx)
    if "month" in g:
        month = lex["months"].lookup(g["month"])
        return _infer_span(lambda y: _month_span(y, month), year, ctx.anchor)
    if year is not None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    raise Unresolvable(f"no period in {g}")


def _range(g: Groups, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    last = _date(g, ctx, ctx.anchor)
    if last is None:
        return None, None
    month = _month_of(g, ctx, "start_") or last.month
    year = _year(g, ctx, "start_") or last.year
    day = int(g.get("start_day") or g["start_nday"])
    first = _make_date(year, month, day)
    if first > last and _year(g, ctx, "start_") is None:
        first = _make_date(year - 1, month, day)
    if first > last:
        raise Unresolvable("a period that ends before it starts")
    return first, last


def _part_of_year(unit: str | None, index: int, year: int | None, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    months = {"quarter": 3, "half": 6}.get(unit or "")
    if months is None or not 1 <= index <= 12 // months:
        raise Unresolvable(f"{unit} number {index}")

    def span(y: int) -> tuple[dt.date, dt.date]:
        first = dt.date(y, months * (index - 1) + 1, 1)
        return first, _month_end(y, first.month + months - 1)

    return _infer_span(span, year, ctx.anchor)


def _current(unit: str | None, year: int | None, following: bool, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    """"до конца года / месяца / квартала": the unit holding the protocol date."""
    if unit == "year" and year is not None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if ctx.anchor is None or unit not in UNIT_MONTHS:
        if unit in UNIT_MONTHS:
            return None, None
        raise Unresolvable(f"no period unit {unit!r}")
    size = UNIT_MONTHS[unit]
    base = dt.date(year or ctx.anchor.year, ctx.anchor.month, 1)
    first_month = (base.month - 1) // size * size + 1
    first = dt.date(base.year, first_month, 1) + relativedelta(months=size if following else 0)
    last = first + relativedelta(months=size) - dt.timedelta(days=1)
    return first, last


def _marker(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    key = rule.settings.get("default")
    found = regulation.default_days(ctx.rules, key) if key else None
    if found is None or ctx.anchor is None:
        return Deadline(text=text, kind=rule.kind)
    name, days = found
    return _dated(text, rule.kind, None, ctx.anchor + dt.timedelta(days=days), None, None, ctx, name)


RESOLVERS: dict[str, Callable[[Rule, str, Groups, Context], Deadline]] = {
    "once": _once,
    "recurring": _recurring,
    "relative": _relative,
    "period": _period,
}


# ---------------------------------------------------------------- shared pieces


def _dated(
    text: str,
    kind: str,
    bound: str | None,
    day: dt.date | None,
    time: dt.time | None,
    zone: str | None,
    ctx: Context,
    derived: str | None = None,
) -> Deadline:
    """A Deadline with due, and effective_due when the due day is not a working day."""
    if day is None:
        return Deadline(text=text, kind=kind, bound=bound, timezone=zone if time else None)
    moved, rule = regulation.rolled(day, ctx.roll)
    return Deadline(
        text=text,
        kind=kind,
        bound=bound,
        due=iso(day, time, zone),
        effective_due=iso(moved, time, zone) if moved else None,
        timezone=zone,
        derived_by=regulation.join(derived, rule),
    )


def default_deadline(ctx: Context) -> Deadline | None:
    name = regulation.NO_DEADLINE.get(ctx.rules)
    if name is None or ctx.anchor is None:
        return None
    day = ctx.anchor + relativedelta(months=1)  # relativedelta clamps to the month's end
    return _dated("", "relative", "by", day, None, None, ctx, name)


def _bound(rule: Rule, g: Groups) -> str | None:
    if "by" in g:
        return "by"
    if "on" in g:
        return "on"
    return rule.bound


def _has_date(g: Groups, p: str = "") -> bool:
    return f"{p}day" in g or f"{p}nday" in g


def _date(g: Groups, ctx: Context, not_before: dt.date | None, p: str = "") -> dt.date | None:
    """The date of groups day/month/year (or nday/mnum/nyear); a missing year is inferred."""
    day = int(g.get(f"{p}day") or g[f"{p}nday"])
    month = _month_of(g, ctx, p)
    if month is None:
        raise Unresolvable("a day without a month")
    year = _year(g, ctx, p)
    if year is not None:
        return _make_date(year, month, day)
    _make_date(2000, month, day)  # 2000 is a leap year: rejects 31 June, keeps 29 Feb
    if not_before is None or f"{p}curyear" in g:
        return None
    for year in range(not_before.year, not_before.year + 9):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= not_before:
            return candidate
    raise Unresolvable("no such date")


def _month_of(g: Groups, ctx: Context, p: str = "") -> int | None:
    if f"{p}month" in g:
        return ctx.grammar.lexicons["months"].lookup(g[f"{p}month"])
    if f"{p}mnum" in g:
        return int(g[f"{p}mnum"])
    return None


def _year(g: Groups, ctx: Context, p: str = "") -> int | None:
    """The written year; "т.г." / "текущего года" is the protocol's year."""
    raw = g.get(f"{p}year") or g.get(f"{p}nyear")
    if raw is None:
        return ctx.anchor.year if f"{p}curyear" in g and ctx.anchor else None
    year = int(raw)
    return year + 2000 if year < 100 else year


def _make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Unresolvable(f"no date {day}.{month}.{year}") from None


def _time(g: Groups, ctx: Context) -> tuple[dt.time | None, str | None]:
    if "hour" not in g:
        return None, None
    try:
        time = dt.time(int(g["hour"]), int(g.get("minute") or 0))
    except ValueError:
        raise Unresolvable("no such time") from None
    zone = ctx.grammar.zone(g["tz"]) if "tz" in g else None
    return time, (None if zone == "local" else zone)


def _weekdays(g: Groups, ctx: Context) -> tuple[str, ...]:
    lex = ctx.grammar.lexicons["weekdays"]
    words = re.findall(r"\w+", g.get("weekdays", "")) + ([g["weekday"]] if "weekday" in g else [])
    found = {lex.lookup(w) for w in words} - {None}
    return tuple(d for d in WEEKDAYS if d in found)


def _next_weekday(ctx: Context, word: str) -> dt.date | None:
    if ctx.anchor is None:
        return None
    wanted = WEEKDAYS.index(ctx.grammar.lexicons["weekdays"].lookup(word))
    ahead = (wanted - ctx.anchor.weekday() - 1) % 7 + 1
    return ctx.anchor + dt.timedelta(days=ahead)


def _count(g: Groups, ctx: Context) -> int:
    """N of "10", "10 (десяти)", "десяти", "двадцати пяти", "трех" in "трехдневный"."""
    if "n" in g:
        return int(g["n"])
    words = g.get("nw") or g.get("ncomb")
    return _words_number(words, ctx) or 1


def _words_number(words: str | None, ctx: Context) -> int | None:
    if not words:
        return None
    lex = ctx.grammar.lexicons["numbers"]
    values = [lex.lookup(w) for w in re.findall(r"\w+", words)]
    if not values or None in values:
        raise Unresolvable(f"not a number: {words!r}")
    return sum(values)


def _ordinal(g: Groups, ctx: Context) -> int:
    if "qw" in g:
        return int(ctx.grammar.lexicons["ordinals"].lookup(g["qw"]))
    q = g["q"].lower()
    return ROMAN[q] if q in ROMAN else int(q)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, cal.monthrange(year, month)[1])


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), _month_end(year, month)


def _infer_span(
    span: Callable[[int], tuple[dt.date, dt.date]], year: int | None, anchor: dt.date | None
) -> tuple[dt.date | None, dt.date | None]:
    """The period of the given year, else the first one ending on or after the anchor."""
    if year is not None:
        return span(year)
    if anchor is None:
        return None, None
    first, last = span(anchor.year)
    return (first, last) if last >= anchor else span(anchor.year + 1)
