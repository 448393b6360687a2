"""Resolve a rule's match against the protocol date: groups -> Deadline.

A rule's `result:` (results.Result) names the builder that makes its Deadline and the
inputs (groups) it reads; the units it counts in carry their meaning (results.Unit,
from lexicon/units.yaml). grammars/README.md documents builders, inputs and groups.
Shared pieces read dates, times, zones and counts out of the groups.
A match that cannot be a real deadline (31 June, 25:00) raises Unresolvable, and
the extractor lets a shorter match or the fallback take the text.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace


from protokol.deadlines import calendar, regulation
from protokol.deadlines.grammar import Grammar, Rule
from protokol.deadlines.results import Unit
from protokol.deadlines.rrule import Recurrence
from protokol.deadlines.spans import (  # noqa: F401 - Unresolvable is imported from here
    Unresolvable, current, infer_span, month_end, month_span, part_of_month, part_of_year, plus_months,
)
from protokol.deadlines.timefmt import iso
from protokol.model import Bound, Deadline, DeadlineKind

Groups = Mapping[str, str]
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MEETING = re.compile(r"протокол|совещани|заседани|встреч|решени", re.IGNORECASE)
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


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
    """Build what the rule's `result:` declares from the groups its inputs read."""
    try:
        return BUILDERS[rule.result.build](rule, text, g, ctx)
    except OverflowError:  # date arithmetic past 9999-12-31 (or before 0001-01-01)
        raise Unresolvable("the date is not representable") from None


# ---------------------------------------------------------------- kinds


def _once(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    time, zone = _time(g, ctx)
    if _has_date(g):
        day = _date(g, ctx, ctx.anchor)
    elif "weekday" in g:
        day = _next_weekday(ctx, g["weekday"])
    else:
        day = ctx.anchor  # a time alone is on the protocol date
    return _dated(text, rule.kind, _bound(rule, g), day, time, zone, ctx)


def _recurring(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    lex = ctx.grammar.lexicons
    unit = ctx.grammar.units.get(lex["frequency"].lookup(g["freq"])) if "freq" in g else None
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
        kind=rule.kind,
        bound=_bound(rule, g),
        start=start.isoformat() if start else None,
        until=until.isoformat() if until else None,
        rrule=recurrence.value(),
        timezone=zone,
    )


def _base_recurrence(unit: Unit | None, g: Groups, ctx: Context) -> Recurrence:
    lex = ctx.grammar.lexicons
    byday = WEEKDAYS[:5] if "workdays" in g else _weekdays(g, ctx)
    if "monthday" in g:
        return _monthday(unit, g, ctx)
    if "weekday" in g and ("q" in g or "qw" in g or "last" in g):  # "в третье воскресенье августа"
        return _nth_weekday(g, ctx)
    if "day" in g and "month" in g:  # "ежегодно до 1 февраля"
        return Recurrence("YEARLY", bymonth=(lex["months"].lookup(g["month"]),), bymonthday=(int(g["day"]),))
    if "per" in g:  # "2 раза в месяц"
        return _times_per(g, ctx)
    interval = 1
    if unit is None and "unit" in g:  # "каждые две недели"
        unit = _unit_of(lex["units"].lookup(g["unit"]), ctx)
        interval = _count(g, ctx) if ("n" in g or "nw" in g) else 1
    if unit is None and byday:
        unit = ctx.grammar.units.get("week")
    if unit is None or unit.freq is None:
        raise Unresolvable(f"no frequency in {g}")
    return Recurrence(unit.freq, interval=unit.interval * interval, byday=byday)


def _nth_weekday(g: Groups, ctx: Context) -> Recurrence:
    """"во второе воскресенье сентября" (yearly), "третий четверг месяца" (monthly; "раз
    в два месяца" every second month), "в последнюю пятницу июня" (-1)."""
    lex = ctx.grammar.lexicons
    nth = -1 if "last" in g else _ordinal(g, ctx)
    if not 1 <= abs(nth) <= 5:
        raise Unresolvable(f"weekday number {nth} of a month")
    byday = (f"{nth}{lex['weekdays'].lookup(g['weekday'])}",)
    if "month" in g:
        return Recurrence("YEARLY", bymonth=(lex["months"].lookup(g["month"]),), byday=byday)
    interval = _count(g, ctx) if ("n" in g or "nw" in g) else 1
    return Recurrence("MONTHLY", interval=interval, byday=byday)


def _monthday(unit: Unit | None, g: Groups, ctx: Context) -> Recurrence:
    lex = ctx.grammar.lexicons
    day = int(g["monthday"])
    if not 1 <= day <= 31:
        raise Unresolvable(f"day {day} of a month")
    if not ({"freq", "by", "unit"} & set(g)):
        raise Unresolvable("a bare day of the month repeats nothing")
    named = [unit] + [_unit_of(lex["units"].lookup(g[k]), ctx) for k in ("unit", "reporting") if k in g]
    period = next((u.months for u in named if u is not None and u.months and 1 < u.months <= 12), None)
    if period is not None:
        # the last month of each period ("последнего месяца квартала"), else the month after
        # each one ("месяца, следующего за отчетным кварталом")
        # (or the ordinal month: "третьего месяца квартала", "второго месяца, следующего за ...")
        first = _ordinal(g, ctx) if ("q" in g or "qw" in g) else period if "last" in g else 1
        if not 1 <= first <= period:
            raise Unresolvable(f"month {first} of a period of {period}")
        return Recurrence("YEARLY", bymonth=tuple(range(first, 13, period)), bymonthday=(day,))
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
    name = lex["units"].lookup(g["unit"]) if "unit" in g else lex["unit_adjectives"].lookup(g.get("unitadj", ""))
    n = _count(g, ctx)
    working = "daykind" in g and lex["words"].lookup(g["daykind"]) == "working"
    ends = _period_end(g, ctx)
    if ends is not None:  # "за 10 дней до окончания текущего месяца": counted back from its end
        day = _shift(ends, -n, _unit_of(name, ctx), working) if ctx.anchor else None
        return _dated(text, rule.kind, _bound(rule, g), day, None, None, ctx)
    start = _relative_start(g, ctx)
    day = _shift(start, n, _unit_of(name, ctx), working) if start else None
    return _dated(text, rule.kind, _bound(rule, g), day, None, None, ctx)


def _period_end(g: Groups, ctx: Context) -> dt.date | None:
    """The last day of the calendar unit holding the protocol date that "до окончания
    (текущего / отчетного) <unit>" names; None when the text names no such end."""
    if "endunit" not in g:
        return None
    unit = _unit_of(ctx.grammar.lexicons["units"].lookup(g["endunit"]), ctx)
    if unit is None or ctx.anchor is None:
        return ctx.anchor
    return current(unit, None, False, ctx.anchor)[1]


def _relative_start(g: Groups, ctx: Context) -> dt.date | None:
    if _has_date(g, "after_"):
        return _date(g, ctx, ctx.anchor, "after_")
    if "before" in g or ("after" in g and not MEETING.search(g["after"])):
        return None  # counted from (or back from) an event protokol cannot date
    return ctx.anchor


def _shift(start: dt.date, n: int, unit: Unit | None, working: bool) -> dt.date:
    """start + n units: working days when asked (of a unit of one day), else calendar time."""
    if unit is None:
        raise Unresolvable("no duration unit")
    if unit.days is not None:
        if unit.days == 1 and working:
            return calendar.add_working_days(start, n)
        return start + dt.timedelta(days=n * unit.days)
    if unit.hours is not None:
        return start + dt.timedelta(days=math.ceil(n * unit.hours / 24))
    assert unit.months is not None
    return plus_months(start, n * unit.months)


def _span(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """A whole period ("в III квартале"): start = its first day, due = its last."""
    first, last = _period_span(rule, g, ctx)
    deadline = _dated(text, rule.kind, _bound(rule, g), last, None, None, ctx)
    if first is None:
        return deadline
    return replace(deadline, start=first.isoformat())


def _end_of(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """"до конца года", "в конце июля": only the end is named, so no start."""
    _, last = _period_span(rule, g, ctx)
    return _dated(text, rule.kind, _bound(rule, g), last, None, None, ctx)


def _period_span(rule: Rule, g: Groups, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    lex = ctx.grammar.lexicons
    if _has_date(g, "start_") or "start_day" in g:
        return _range(g, ctx)
    year = _year(g, ctx)
    if "start_month" in g:  # "июль – август 2023 г."
        first_month, last_month = (lex["months"].lookup(g[k]) for k in ("start_month", "month"))
        span = infer_span(lambda y: (dt.date(y, first_month, 1), month_end(y, last_month)), year, ctx.anchor)
        if span[0] is not None and span[1] is not None and span[0] > span[1]:
            raise Unresolvable("months in the wrong order")
        return span
    unit = _unit(rule, g, ctx)
    if unit is not None and unit.days and "month" in g:  # "вторая декада мая"
        month = lex["months"].lookup(g["month"])
        return part_of_month(unit, _ordinal(g, ctx), month, year, ctx.anchor)
    if unit is not None:
        if "q" in g or "qw" in g:
            return part_of_year(unit, _ordinal(g, ctx), year, ctx.anchor)
        return current(unit, year, "nextword" in g, ctx.anchor)
    if "month" in g:
        month = lex["months"].lookup(g["month"])
        return infer_span(lambda y: month_span(y, month), year, ctx.anchor)
    if year is not None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    raise Unresolvable(f"no period in {g}")


def _range(g: Groups, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    if not _has_date(g):  # "с 1 октября 2023 г.": a start and no end
        return _date(g, ctx, ctx.anchor, "start_"), None
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


def _marker(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """A word, not a date; a regulation may give it a number of days ("срочно")."""
    found = rule.result.regulation.get(ctx.rules)
    if found is None or ctx.anchor is None:
        return Deadline(text=text, kind=rule.kind)
    name, days = found
    return _dated(text, rule.kind, None, ctx.anchor + dt.timedelta(days=days), None, None, ctx, name)


# builder name (a rule's result.build, see results.BUILDERS) -> the function
BUILDERS: dict[str, Callable[[Rule, str, Groups, Context], Deadline]] = {
    "marker": _marker,
    "once": _once,
    "repeat": _recurring,
    "shift": _relative,
    "span": _span,
    "end_of": _end_of,
}


# ---------------------------------------------------------------- shared pieces


def _dated(
    text: str,
    kind: DeadlineKind,
    bound: Bound | None,
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
    try:
        day = plus_months(ctx.anchor, 1)  # clamped to the month's end
        return _dated("", "relative", "by", day, None, None, ctx, name)
    except (Unresolvable, OverflowError):
        return None  # past 9999-12-31: no default deadline can be written


def _bound(rule: Rule, g: Groups) -> Bound | None:
    """"by" / "on" when the inputs of that name matched, else the result's bound."""
    if "by" in g:
        return "by"
    if "on" in g:
        return "on"
    return rule.result.bound


def _unit_of(name: str | None, ctx: Context) -> Unit | None:
    return ctx.grammar.units.get(name) if name is not None else None


def _unit(rule: Rule, g: Groups, ctx: Context) -> Unit | None:
    """The unit the input "unit" names, else the result's default unit ("4 кв." = quarter)."""
    if "unit" in g:
        return _unit_of(ctx.grammar.lexicons["units"].lookup(g["unit"]), ctx)
    return _unit_of(rule.result.defaults.get("unit"), ctx)


def written_year(g: Groups, p: str = "") -> bool:
    """Does the date of the groups give its year (a number, or "текущего года")?"""
    return any(f"{p}{k}" in g for k in ("year", "nyear", "curyear"))


def yearly(deadline: Deadline, g: Groups, ctx: Context) -> Deadline:
    """A year-less day of a holiday: the same day every year."""
    month = _month_of(g, ctx)
    if month is None:
        raise Unresolvable("a day without a month")
    day = int(g.get("day") or g["nday"])
    rule = Recurrence("YEARLY", bymonth=(month,), bymonthday=(day,))
    return Deadline(text=deadline.text, kind="recurring", rrule=rule.value())


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


