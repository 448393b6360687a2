"""Resolve a rule's match against the protocol date: groups -> Deadline.

A rule's `result:` (results.Result) names the builder that makes its Deadline and the
inputs (groups) it reads; the units it counts in carry their meaning (results.Unit,
from lexicon/units.yaml). grammars/README.md documents builders, inputs and groups.
Shared pieces read dates, times, zones and counts out of the groups.
A match that cannot be a real deadline (31 June, 25:00) raises Unresolvable, and
the extractor lets a shorter match or the fallback take the text. The builder
`repeat` (recurring deadlines) is repeat.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from itertools import compress, repeat
from operator import is_not


from protokol.deadlines import calendar, regulation, workdays
from protokol.deadlines.grammar import Rule
from protokol.deadlines.results import Unit
from protokol.deadlines.repeat import recurring
from protokol.deadlines.rrule import Recurrence
from protokol.deadlines.spans import (  # noqa: F401 - Unresolvable is imported from here
    Unresolvable, current, infer_span, month_end, month_span, part_of_month, part_of_year, plus_months,
)
from protokol.deadlines.timefmt import iso
from protokol.deadlines.values import (  # noqa: F401 - Context and written_year are imported from here
    Context, Groups, bound_of, count, date_of, day_number, has_date, make_date, month_of, next_weekday, ordinal,
    time_of, unit_of, unit_of_rule, working_day_number, year_of, written_year,
)
from protokol.model_core import Bound, Deadline, DeadlineKind

MEETING = re.compile(r"протокол|совещани|заседани|встреч|решени", re.IGNORECASE)
# "со дня его подписания", "с даты подписания настоящего постановления": the act itself signed,
# on its date ("со дня его получения", "… договора": another paper's day, not datable)
SIGNED_HERE = re.compile(r"(?:^|\s)(?:его|ее)\s+(?:подписани|принят|издани)|(?:подписани|принят|издани)\w*\s+(?:настоящ|данн)",
                         re.IGNORECASE)


def groups_of(match: re.Match[str]) -> dict[str, str]:
    """Named groups that matched; "minute2" is another spelling of "minute" (the first
    group, in the pattern's order, that matched gives the value). (Built backwards, so
    an earlier group's value is the one left; the order of the keys means nothing.)"""
    values = match.groups()
    if not values:
        return {}
    pattern = match.re
    known = _NAMES.get(id(pattern))
    backwards = known[1] if known is not None and known[0] is pattern else _group_names(pattern)
    values = values[::-1]
    found = dict(compress(zip(backwards, values), map(is_not, values, repeat(None))))
    found.pop(None, None)
    return found  # type: ignore[return-value]


# pattern id -> (pattern, _group_names): a compiled pattern hashes its whole program
# (tens of kilobytes for a rule), too costly for a key
_NAMES: dict[int, tuple[re.Pattern[str], tuple[str | None, ...]]] = {}


def _group_names(pattern: re.Pattern[str]) -> tuple[str | None, ...]:
    """For each group of the pattern by number, last first, its name without a
    trailing digit (None for a group without a name)."""
    names: list[str | None] = [None] * pattern.groups
    for name, number in pattern.groupindex.items():
        names[number - 1] = name.rstrip("0123456789")
    if len(_NAMES) >= 512:
        _NAMES.clear()
    _NAMES[id(pattern)] = pattern, tuple(reversed(names))
    return _NAMES[id(pattern)][1]


def resolve(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """Build what the rule's `result:` declares from the groups its inputs read."""
    g = _with_defaults(rule, g)
    try:
        return BUILDERS[rule.result.build](rule, text, g, ctx)
    except OverflowError:  # date arithmetic past 9999-12-31 (or before 0001-01-01)
        raise Unresolvable("the date is not representable") from None


def _with_defaults(rule: Rule, g: Groups) -> Groups:
    """The groups, with the constants of the result's `default:` where the text gave none:
    a day and month ("к началу учебного года" is 1 September), a count ("в день
    проведения" is 0 days after it), an ordinal ("до середины года": the first half)."""
    defaults = rule.result.defaults
    if not defaults:
        return g
    n = defaults.get("count")
    for key, p in (("date", ""), ("start_date", "start_")):  # "в течение учебного года": 1.09 to 31.08
        fixed = defaults.get(key)
        if fixed is not None and not has_date(g, p):
            day, month = fixed.split(".")
            g = {**g, f"{p}nday": day, f"{p}mnum": month}
    if n is not None and not {"n", "nw", "ncomb"} & set(g):
        g = {**g, "n": n}
    nth = defaults.get("ordinal")  # "до середины года": the end of its first half
    if nth is not None and not {"q", "qw"} & set(g):
        g = {**g, "q": nth}
    return g


# ---------------------------------------------------------------- kinds


def _once(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    if "workday" in g or "workdayw" in g:  # "до 5-го рабочего дня июля"
        return _once_working_day(rule, text, g, ctx)
    time, zone = time_of(g, ctx)
    if "monthday" in g:  # "до 25 числа текущего (следующего) месяца"
        year, month = (ctx.anchor.year, ctx.anchor.month) if ctx.anchor else (0, 0)
        if "nextword" in g:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        nth = day_number(g["monthday"], ctx)
        day = (month_end(year, month) if nth == -1 else make_date(year, month, nth)) if ctx.anchor else None
    elif has_date(g):
        day = date_of(g, ctx, ctx.anchor)
    elif "weekday" in g:
        day = next_weekday(ctx, g["weekday"], "nextword" in g)
    elif "tomorrow" in g and ctx.anchor is not None:  # "завтра", "послезавтра"
        day = ctx.anchor + dt.timedelta(days=2 if g["tomorrow"].startswith("после") else 1)
    else:
        day = ctx.anchor  # a time alone is on the protocol date
    return _dated(text, rule.kind, bound_of(rule, g), day, time, zone, ctx)


def _once_working_day(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    n = working_day_number(g, ctx)
    try:
        if ctx.anchor is None and not ("month" in g and year_of(g, ctx) is not None):
            day = None
        elif "nextword" in g:
            assert ctx.anchor is not None
            day = workdays.next_month(n, ctx.anchor)
        elif "current" in g:  # "текущего месяца": that month, even when the day has passed
            assert ctx.anchor is not None
            day = workdays.first_on_or_after(n, ctx.anchor, ctx.anchor.month, ctx.anchor.year)
        else:
            month = ctx.grammar.lexicons["months"].lookup(g["month"]) if "month" in g else None
            day = workdays.first_on_or_after(n, ctx.anchor or dt.date.min, month, year_of(g, ctx))
    except workdays.NoSuchDay as exc:
        raise Unresolvable(str(exc)) from None
    return _dated(text, rule.kind, bound_of(rule, g), day, None, None, ctx, working_day=n)



def _relative(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    lex = ctx.grammar.lexicons
    name = lex["units"].lookup(g["unit"]) if "unit" in g else lex["unit_adjectives"].lookup(g.get("unitadj", ""))
    n = count(g, ctx)
    working = "daykind" in g and lex["words"].lookup(g["daykind"]) == "working"
    # counted back from a day ("за 10 дней до 1 сентября") or from the end of the unit
    # holding the protocol date ("за 10 дней до окончания текущего месяца")
    ends = date_of(g, ctx, ctx.anchor, "until_") if has_date(g, "until_") else _period_end(g, ctx)
    if ends is not None:
        day = _shift(ends, -n, unit_of(name, ctx), working) if ctx.anchor else None
        return _dated(text, rule.kind, bound_of(rule, g), day, None, None, ctx)
    start = _relative_start(g, ctx)
    day = _shift(start, n, unit_of(name, ctx), working) if start else None
    return _dated(text, rule.kind, bound_of(rule, g), day, None, None, ctx)


def _period_end(g: Groups, ctx: Context) -> dt.date | None:
    """The last day of the calendar unit holding the protocol date that "до окончания
    (текущего / отчетного) <unit>" names; None when the text names no such end."""
    if "endunit" not in g:
        return None
    unit = unit_of(ctx.grammar.lexicons["units"].lookup(g["endunit"]), ctx)
    if unit is None or ctx.anchor is None:
        return ctx.anchor
    return current(unit, None, False, ctx.anchor)[1]


def _relative_start(g: Groups, ctx: Context) -> dt.date | None:
    if has_date(g, "after_"):
        return date_of(g, ctx, ctx.anchor, "after_")
    if "before" in g or ("after" in g and not MEETING.search(g["after"]) and not SIGNED_HERE.search(g["after"])):
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
    if "start_hour" in g:  # "17 февраля с 10:00 до 12:00": that day's hours
        return _day_hours(rule, text, g, ctx)
    first, last = _period_span(rule, g, ctx)
    return _dated(text, rule.kind, bound_of(rule, g), last, None, None, ctx,
                  start=first.isoformat() if first is not None else None)


def _day_hours(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """A day's window of hours: start and due that day (the protocol's when none is named)."""
    closes, zone = time_of(g, ctx)
    try:
        opens = dt.time(int(g["start_hour"]), int(g.get("start_minute") or 0))
    except ValueError:
        raise Unresolvable("no such time") from None
    if closes is None or closes <= opens:
        raise Unresolvable("a window that closes before it opens")
    if has_date(g) and has_date(g, "until_"):
        raise Unresolvable("two days for one window")
    day = date_of(g, ctx, ctx.anchor) if has_date(g) else \
        date_of(g, ctx, ctx.anchor, "until_") if has_date(g, "until_") else ctx.anchor
    return _dated(text, rule.kind, bound_of(rule, g), day, closes, zone, ctx,
                  start=iso(day, opens, zone) if day is not None else None)


def _end_of(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """"до конца года", "в конце июля": only the end is named, so no start."""
    _, last = _period_span(rule, g, ctx)
    return _dated(text, rule.kind, bound_of(rule, g), last, None, None, ctx)


def _start_of(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """"с 2026 года", "начиная с февраля": only the start is named, so no due."""
    first, _ = _period_span(rule, g, ctx)
    if first is not None and ctx.anchor is not None and first < ctx.anchor - dt.timedelta(days=366):
        raise Unresolvable("a start more than a year before the document: a past event")
    return _dated(text, rule.kind, None, None, None, None, ctx, start=first.isoformat() if first is not None else None)


def _period_span(rule: Rule, g: Groups, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    lex = ctx.grammar.lexicons
    if has_date(g, "start_") or "start_day" in g:
        return _range(g, ctx)
    year = year_of(g, ctx)
    if "start_month" in g:  # "июль – август 2023 г."
        first_month, last_month = (lex["months"].lookup(g[k]) for k in ("start_month", "month"))
        gone = (year or 0) - (year_of(g, ctx, "start_") or year or 0)  # "декабрь 2024 г. – февраль 2025 г.": 1
        span = infer_span(lambda y: (dt.date(y - gone, first_month, 1), month_end(y, last_month)), year, ctx.anchor)
        if span[0] is not None and span[1] is not None and span[0] > span[1]:
            raise Unresolvable("months in the wrong order")
        return span
    unit = unit_of_rule(rule, g, ctx)
    if (unit is not None and unit.days and ("q" in g or "qw" in g or "last" in g) and ("nextword" in g or "current" in g)
            and ctx.anchor is not None):
        # "в начале следующего месяца", "в середине текущего месяца": a part of the protocol's month or the next
        year, month = ctx.anchor.year, ctx.anchor.month
        if "nextword" in g:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if "last" in g:
            return _last_part(unit.days, month, year, ctx)
        return part_of_month(unit, ordinal(g, ctx), month, year, None)
    if unit is not None and "month" in g:  # "вторая декада мая", "в первой половине марта"
        month = lex["months"].lookup(g["month"])
        if "last" in g and unit.days:  # "в последней декаде (неделе) декабря"
            return _last_part(unit.days, month, year, ctx)
        if not unit.days:  # a part of a year named of a month: that share of 30 days
            unit = Unit(unit.name, days=30 * (unit.months or 0) // 12)
        return part_of_month(unit, ordinal(g, ctx), month, year, ctx.anchor)
    if unit is not None:
        if "start_q" in g or "start_qw" in g:  # "в I-II кварталах 2024 года"
            first, last = ordinal(g, ctx, "start_"), ordinal(g, ctx)
            first_year = year_of(g, ctx, "start_")  # "IV квартал 2024 г. – I квартал 2025 г."
            if first >= last and (first_year is None or year is None or first_year >= year):
                raise Unresolvable("parts of a year in the wrong order")
            due = part_of_year(unit, last, year, ctx.anchor)[1]
            return (None, None) if due is None else (part_of_year(unit, first, first_year or due.year, None)[0], due)
        if "edge" in g:  # "в начале IV квартала": its first month; "в середине": its second
            opens = part_of_year(unit, ordinal(g, ctx), year, ctx.anchor)[0]
            if opens is None:
                return None, None
            return month_span(opens.year, opens.month + g["edge"].startswith("середин"))
        if "q" in g or "qw" in g:
            return part_of_year(unit, ordinal(g, ctx), year, ctx.anchor)
        return current(unit, year, "nextword" in g, ctx.anchor)
    if "month" in g:
        month = lex["months"].lookup(g["month"])
        return infer_span(lambda y: month_span(y, month), year, ctx.anchor)
    if "upto_year" in g:  # "до 2026 года": the year before it
        return None, dt.date(int(g["upto_year"]) - 1, 12, 31)
    if "upto_month" in g:  # "до ноября", "к маю 2025 года": the month before that one
        upto = lex["months"].lookup(g["upto_month"])
        return infer_span(lambda y: month_span(y - (upto == 1), (upto - 2) % 12 + 1), year, ctx.anchor)
    if year is not None:
        first_year = year_of(g, ctx, "start_") or year  # "в 2024-2025 годах"
        if first_year > year:
            raise Unresolvable("years in the wrong order")
        if first_year < year and ctx.anchor is not None and year < ctx.anchor.year:
            raise Unresolvable("a run of years that ended before the document: a past period")
        return dt.date(first_year, 1, 1), dt.date(year, 12, 31)
    raise Unresolvable(f"no period in {g}")


def _last_part(days: int, month: int, year: int | None, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    """The last part of `days` days of a month: the last of the parts that tile it ("последняя
    декада" = the third, 21 to the end), else its last `days` days ("последняя неделя")."""
    if 30 % days == 0:
        return part_of_month(Unit("part", days=days), 30 // days, month, year, ctx.anchor)
    return infer_span(lambda y: (month_end(y, month) - dt.timedelta(days=days - 1), month_end(y, month)), year, ctx.anchor)


def _range(g: Groups, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    if not has_date(g):  # "с 1 октября 2023 г.": a start and no end
        return date_of(g, ctx, ctx.anchor, "start_"), None
    last = date_of(g, ctx, ctx.anchor)
    if last is None:
        return None, None
    month = month_of(g, ctx, "start_") or last.month
    year = year_of(g, ctx, "start_") or last.year
    day = day_number(g.get("start_day") or g["start_nday"], ctx)
    first = make_date(year, month, day)
    if first > last and year_of(g, ctx, "start_") is None:
        first = make_date(year - 1, month, day)
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
    "repeat": recurring,
    "shift": _relative,
    "span": _span,
    "end_of": _end_of,
    "start_of": _start_of,
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
    start: str | None = None,
    working_day: int | None = None,
) -> Deadline:
    """A Deadline with due, and effective_due when the due day is not a working day."""
    if day is None:
        return Deadline(text=text, kind=kind, bound=bound, start=start, timezone=zone if time else None,
                        working_day=working_day)
    moved, rule = regulation.rolled(day, ctx.roll)
    return Deadline(
        text=text,
        kind=kind,
        bound=bound,
        due=iso(day, time, zone),
        start=start,
        effective_due=iso(moved, time, zone) if moved else None,
        timezone=zone,
        derived_by=(rule or None) if derived is None else regulation.join(derived, rule),
        working_day=working_day,
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


def yearly(deadline: Deadline, g: Groups, ctx: Context) -> Deadline:
    """A year-less day of a holiday: the same day every year."""
    month = month_of(g, ctx)
    if month is None:
        raise Unresolvable("a day without a month")
    day = day_number(g.get("day") or g["nday"], ctx)
    rule = Recurrence("YEARLY", bymonth=(month,), bymonthday=(day,))
    return Deadline(text=deadline.text, kind="recurring", rrule=rule.value())

