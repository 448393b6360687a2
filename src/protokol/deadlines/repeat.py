"""The builder `repeat` (a rule's result `build: repeat`): groups -> a recurring
Deadline with its RFC 5545 RRULE: weekdays, a day of the month (of each month or of
the months of each period), the n-th weekday of a month, a yearly date, "N раз в
<unit>", every <unit>; the N-th working day of the months (working_day, counted by
the outputs on the production calendar: workdays.py); a weekly window of hours.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from protokol.deadlines.grammar import Rule
from protokol.deadlines.results import Unit
from protokol.deadlines.rrule import Recurrence
from protokol.deadlines.spans import Unresolvable, infer_span, month_span, part_of_month, part_of_year
from protokol.deadlines.timefmt import iso
from protokol.deadlines.values import (
    WEEKDAYS, Context, Groups, bound_of, count, date_of, day_number, has_date, make_date, month_of, ordinal, time_of,
    unit_of, weekdays, written_year, year_of,
    words_number, working_day_number,
)
from protokol.model_core import Deadline

# the days of the group "yeardays": "1 апреля", "1-го апреля", "05.04" (a month in figures)
YEAR_DAY = re.compile(r"(\d{1,2})(?:(?:-?(?:го|е))?\s+([а-я]+)|\.(\d\d))")
MORE_TIMES = re.compile(r"(\d{1,2})\s*[:.-]\s*\d\d")  # the hours of the group "hours"
# the days of a group "monthday" that lists several ("5 и 20", "1, 10 и до 20-го")
DAY_LIST = re.compile(r"\s*(?:,|\bи\b)\s*(?:(?:до|к)\s+)?")


def recurring(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    lex = ctx.grammar.lexicons
    unit = ctx.grammar.units.get(lex["frequency"].lookup(g["freq"])) if "freq" in g else None
    if "workday" in g or "workdayw" in g or "workdayl" in g:  # "ежемесячно до 3-го рабочего дня месяца"
        return _recurring_working_day(rule, text, unit, g, ctx)
    if "yeardays" in g:  # "ежегодно до 1 апреля и до 1 октября"
        return _yearly_days(rule, text, g, ctx)
    if "start_hour" in g:  # "с 8-00 до 12-00 по средам"
        return _weekly_window(rule, text, g, ctx)
    if "start_day" in g and has_date(g, "until_") and month_of(g, ctx, "start_") is None:
        g = {**g, "start_mnum": str(month_of(g, ctx, "until_"))}  # "с 1 по 10 декабря"
        g.update({f"start_{k}": g[f"until_{k}"] for k in ("year", "nyear", "curyear") if f"until_{k}" in g})
    if (unit is not None and unit.freq == "YEARLY" and "start_day" in g and has_date(g, "until_")
            and not written_year(g, "start_") and not written_year(g, "until_")):
        return _yearly_window(rule, text, g, ctx)
    if unit is not None and unit.freq == "YEARLY" and ("part" in g or "part_month" in g):
        # "ежегодно в IV квартале", "ежегодно в декабре"
        return _yearly_part(rule, text, g, ctx)
    if "part" in g and lex["units"].lookup(g["part"]) == "decade":  # "в первой декаде каждого месяца"
        return _monthly_decade(rule, text, g, ctx)
    parts = _base_recurrence(unit, g, ctx)
    time, zone = time_of(g, ctx)
    hours = _hours(g, time)
    start = date_of(g, ctx, ctx.anchor, "start_") if has_date(g, "start_") else None
    if start is None and ("start_year" in g or "start_month" in g or "start_q" in g or "start_qw" in g):
        # "…, начиная с (февраля) 2025 года", "начиная со II квартала (полугодия) 2024 года"
        part = unit_of(ctx.grammar.lexicons["units"].lookup(g.get("unit", "")), ctx)
        size = part.months if part is not None and part.months and ("start_q" in g or "start_qw" in g) else 0
        month = (ordinal(g, ctx, "start_") - 1) * size + 1 if size else month_of(g, ctx, "start_") or 1
        if month > 12:
            raise Unresolvable(f"no such part of a year: month {month}")
        start = infer_span(lambda y: month_span(y, month), year_of(g, ctx, "start_"), ctx.anchor)[0]
    until = date_of(g, ctx, start or ctx.anchor, "until_") if has_date(g, "until_") else None
    if until is None and "until_year" in g:  # "ежемесячно в течение 2025 года": to the year's end
        until = make_date(int(g["until_year"]), 12, 31)
        if start is not None and until < start:
            raise Unresolvable("years in the wrong order")
    if until is None and time is None and zone is None and parts.until is None and parts.hour is None \
            and parts.minute is None and parts.zone is None:
        recurrence = parts  # (what the line below would make again)
    else:
        recurrence = Recurrence(
            parts.freq, parts.interval, until, parts.bymonth, parts.bymonthday, parts.byday,
            time.hour if time else None, time.minute if time else None, zone, hours,
        )
    return Deadline(
        text=text,
        kind=rule.kind,
        bound=bound_of(rule, g),
        start=start.isoformat() if start else None,
        until=until.isoformat() if until else None,
        rrule=recurrence.value(),
        timezone=zone,
    )


def _yearly_days(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """"ежегодно до 1 апреля и до 1 октября": one yearly rrule with every month, when the
    days are the same (BYMONTH x BYMONTHDAY is every pair: days of their own are no one rule)."""
    months = ctx.grammar.lexicons["months"]
    found = [(int(day), months.lookup(word) if word else int(month))
             for day, word, month in YEAR_DAY.findall(g["yeardays"])]
    if len({day for day, _ in found}) != 1 or any(month is None for _, month in found):
        raise Unresolvable("days of their own in a yearly list")
    day = found[0][0]
    for _, month in found:
        make_date(2000, month, day)  # rejects 31 June
    bymonth = tuple(sorted({month for _, month in found}))
    return Deadline(text=text, kind=rule.kind, bound=bound_of(rule, g),
                    rrule=Recurrence("YEARLY", bymonth=bymonth, bymonthday=(day,)).value())


def _hours(g: Groups, time: dt.time | None) -> tuple[int, ...]:
    """"в 9:00 и 17:00": every hour of the day's times (the pattern takes only times with
    the first one's minute: one RRULE cannot pair an hour with its own minute); () with one time."""
    if "hours" not in g or time is None:
        return ()
    return tuple(sorted({time.hour, *(int(hour) for hour in MORE_TIMES.findall(g["hours"]))}))


def _yearly_window(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """"ежегодно с 1 по 10 декабря": the same days every year; the rrule at the opening
    day, start and due the first window that has not ended on the protocol date."""
    until = date_of(g, ctx, ctx.anchor, "until_")
    month, day = month_of(g, ctx, "start_") or 1, int(g["start_day"])
    make_date(2000, month, day)  # rejects 31 June
    start = None
    if until is not None:
        start = make_date(until.year, month, day) if (month, day) <= (until.month, until.day) else \
            make_date(until.year - 1, month, day)
    return Deadline(text=text, kind=rule.kind, bound=bound_of(rule, g),
                    start=start.isoformat() if start else None, due=until.isoformat() if until else None,
                    rrule=Recurrence("YEARLY", bymonth=(month,), bymonthday=(day,)).value())


def _yearly_part(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """"ежегодно в IV квартале", "ежегодно в декабре": that part of every year, as a yearly window."""
    if "part" not in g:
        if not (month := month_of(g, ctx, "part_")):
            raise Unresolvable("no month of a year")
        start, due = infer_span(lambda y: month_span(y, month), None, ctx.anchor)
    elif (part := unit_of(ctx.grammar.lexicons["units"].lookup(g["part"]) or "quarter", ctx)) is None:  # "кв." is a quarter
        raise Unresolvable("no part of a year")
    else:
        start, due = part_of_year(part, ordinal(g, ctx), None, ctx.anchor)
    if start is None or due is None:
        raise Unresolvable("no date to count from")
    return Deadline(text=text, kind=rule.kind, bound=bound_of(rule, g), start=start.isoformat(),
                    due=due.isoformat(), rrule=Recurrence("YEARLY", bymonth=(start.month,), bymonthday=(1,)).value())


def _monthly_decade(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """"ежемесячно в первой декаде": that decade of every month, as a monthly window (as
    _yearly_part): the rrule at its first day, start and due the first one not ended."""
    decade = unit_of("decade", ctx)
    if decade is None or ctx.anchor is None:
        raise Unresolvable("no date to count from")
    year, month = ctx.anchor.year, ctx.anchor.month
    start, due = part_of_month(decade, ordinal(g, ctx), month, year, None)
    if due is not None and due < ctx.anchor:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        start, due = part_of_month(decade, ordinal(g, ctx), month, year, None)
    if start is None or due is None:
        raise Unresolvable("no date to count from")
    return Deadline(text=text, kind=rule.kind, bound=bound_of(rule, g), start=start.isoformat(),
                    due=due.isoformat(), rrule=Recurrence("MONTHLY", bymonthday=(start.day,)).value())


def _base_recurrence(unit: Unit | None, g: Groups, ctx: Context) -> Recurrence:
    lex = ctx.grammar.lexicons
    if "monthday" in g:
        return _monthday(unit, g, ctx)
    if "weekday" in g and ("q" in g or "qw" in g or "last" in g):  # "в третье воскресенье августа"
        return _nth_weekday(g, ctx)
    if "day" in g and "month" in g:  # "ежегодно до 1 февраля"
        month = lex["months"].lookup(g["month"])
        return Recurrence("YEARLY", bymonth=(month,), bymonthday=(day_number(g["day"], ctx),))
    if "nday" in g and "mnum" in g:  # "ежегодно до 01.03"
        make_date(2000, int(g["mnum"]), int(g["nday"]))  # rejects 31.06
        return Recurrence("YEARLY", bymonth=(int(g["mnum"]),), bymonthday=(int(g["nday"]),))
    if "per" in g:  # "2 раза в месяц"
        return _times_per(g, ctx)
    byday = WEEKDAYS[:5] if "workdays" in g else weekdays(g, ctx)
    if "exceptdays" in g:  # "ежедневно, кроме воскресенья": the other days of the week
        left = set(weekdays({"weekdays": g["exceptdays"]}, ctx))
        byday = tuple(d for d in WEEKDAYS if d not in left)
    interval = 1
    if unit is None and "unit" in g:  # "каждые две недели"
        unit = unit_of(lex["units"].lookup(g["unit"]), ctx)
        interval = count(g, ctx) if ("n" in g or "nw" in g) else 1
    if unit is None and byday:  # "по рабочим дням до 17:00" is each working day
        unit = ctx.grammar.units.get("day" if "workdays" in g else "week")
    if unit is not None and unit.freq is None and 1 in ctx.grammar.times_per.get(unit.name, {}):
        return _spread(ctx.grammar.times_per[unit.name][1], 1)  # "ежедекадно": once a decade
    if unit is None or unit.freq is None:
        raise Unresolvable(f"no frequency in {g}")
    return Recurrence(unit.freq, interval=unit.interval * interval, byday=byday)


def _nth_weekday(g: Groups, ctx: Context) -> Recurrence:
    """"во второе воскресенье сентября" (yearly), "третий четверг месяца" (monthly; "раз
    в два месяца" every second month), "в последнюю пятницу июня" (-1)."""
    lex = ctx.grammar.lexicons
    nth = -1 if "last" in g else ordinal(g, ctx)
    if not 1 <= abs(nth) <= 5:
        raise Unresolvable(f"weekday number {nth} of a month")
    byday = (f"{nth}{lex['weekdays'].lookup(g['weekday'])}",)
    if "month" in g:
        return Recurrence("YEARLY", bymonth=(lex["months"].lookup(g["month"]),), byday=byday)
    interval = count(g, ctx) if ("n" in g or "nw" in g) else 1
    return Recurrence("MONTHLY", interval=interval, byday=byday)


def _monthday(unit: Unit | None, g: Groups, ctx: Context) -> Recurrence:
    # "до 5 числа", "до 5 и 20 числа", "первого и пятнадцатого числа": each day of the list
    days = sorted({day_number(day, ctx) for day in DAY_LIST.split(g["monthday"])})
    if not all(1 <= day <= 31 or day == -1 for day in days):
        raise Unresolvable(f"days {days} of a month")
    if not ({"freq", "by", "unit"} & set(g)):
        raise Unresolvable("a bare day of the month repeats nothing")
    months = _months(unit, g, ctx)
    return Recurrence(months.freq, bymonth=months.bymonth, bymonthday=tuple(days))


def _months(unit: Unit | None, g: Groups, ctx: Context) -> Recurrence:
    """The months a day of the month repeats in: each month, or (a period named) the
    last, the ordinal or the first month of each period, or the month after each one."""
    lex = ctx.grammar.lexicons
    named = [unit] + [unit_of(lex["units"].lookup(g[k]), ctx) for k in ("unit", "reporting") if k in g]
    period = next((u.months for u in named if u is not None and u.months and 1 < u.months <= 12), None)
    if period is not None:
        # the last month of each period ("последнего месяца квартала"), else the month after
        # each one ("месяца, следующего за отчетным кварталом")
        # (or the ordinal month: "третьего месяца квартала", "второго месяца, следующего за ...")
        first = ordinal(g, ctx) if ("q" in g or "qw" in g) else period if "last" in g else 1
        if not 1 <= first <= period:
            raise Unresolvable(f"month {first} of a period of {period}")
        return Recurrence("YEARLY", bymonth=tuple(range(first, 13, period)))
    return Recurrence("MONTHLY")


def _recurring_working_day(rule: Rule, text: str, unit: Unit | None, g: Groups, ctx: Context) -> Deadline:
    """The N-th working day of each month the rrule names; without a frequency, a
    month word or a reporting period nothing repeats (once.working_day reads it)."""
    if not ({"freq", "unit", "reporting"} & set(g)) or ("freq" not in g and ({"nextword", "current"} & set(g))):
        raise Unresolvable("no month repeats")  # "до 5 рабочего дня следующего месяца" is once
    n = working_day_number(g, ctx)
    if n == -1 and "q" not in g and "qw" not in g:  # the last working day of a quarter is in its last month
        g = {**g, "last": g["workdayl"]}
    return Deadline(text=text, kind=rule.kind, bound=bound_of(rule, g), rrule=_months(unit, g, ctx).value(),
                    working_day=n)


def _weekly_window(rule: Rule, text: str, g: Groups, ctx: Context) -> Deadline:
    """Weekly (or daily) hours: the rrule at the opening time; start and due: the first window."""
    try:
        opens = dt.time(int(g["start_hour"]), int(g.get("start_minute") or 0))
        closes = dt.time(int(g["until_hour"]), int(g.get("until_minute") or 0))
    except ValueError:
        raise Unresolvable("no such time") from None
    if closes <= opens:
        raise Unresolvable("a window that closes before it opens")
    byday = WEEKDAYS[:5] if "workdays" in g else weekdays(g, ctx)  # "в рабочие дни с 9.00 до 18.00"
    freq = "WEEKLY" if byday else ctx.grammar.lexicons["frequency"].lookup(g.get("freq", ""))
    if freq not in ("WEEKLY", "day", "hour"):
        raise Unresolvable("a window of hours repeats weekly on named days, daily or hourly")
    daily = not byday or "workdays" in g
    if freq == "hour":  # "ежечасно с 8.00 до 20.00": each hour of the window, every day
        hours = tuple(h for h in range(opens.hour, closes.hour + 1) if dt.time(h, opens.minute) <= closes)
        recurrence = Recurrence("HOURLY", hour=opens.hour, minute=opens.minute, hours=hours)
    else:
        recurrence = Recurrence("DAILY" if daily else "WEEKLY", byday=byday, hour=opens.hour, minute=opens.minute)
    first = None
    if ctx.anchor is not None:  # daily ("ежедневно с 8.00 до 10.00"): every day is wanted
        wanted = {WEEKDAYS.index(d) for d in byday} if byday else set(range(7))
        first = next(ctx.anchor + dt.timedelta(days=k) for k in range(7)
                     if (ctx.anchor + dt.timedelta(days=k)).weekday() in wanted)
    return Deadline(
        text=text, kind=rule.kind, bound=bound_of(rule, g),
        due=iso(first, closes, None) if first else None,
        start=iso(first, opens, None) if first else None,
        rrule=recurrence.value(),
    )


def _times_per(g: Groups, ctx: Context) -> Recurrence:
    lex = ctx.grammar.lexicons
    times = int(g["times"]) if "times" in g else words_number(g.get("timesw"), ctx) or 1
    unit = lex["units"].lookup(g["unit"])
    row = ctx.grammar.times_per.get(unit, {}).get(times)
    if row is None:
        raise Unresolvable(f"{times} times per {unit}")
    every = count(g, ctx)  # "один раз в два месяца": once per 2 months
    named = weekdays(g, ctx)
    if named and unit == "week" and every == 1:  # "два раза в неделю (по вторникам и пятницам)"
        return Recurrence("WEEKLY", byday=named)
    if every > 1 and (times > 1 or row.get("byday") or row.get("bymonthday")):
        raise Unresolvable(f"{times} times per {every} {unit}")
    return _spread(row, every)


def _spread(row: Mapping[str, Any], every: int) -> Recurrence:
    """The recurrence of a row of lexicon/times_per.yaml, once per `every` units."""
    return Recurrence(
        str(row["freq"]),
        interval=int(row.get("interval", 1)) * every,
        byday=tuple(row.get("byday", ())),
        bymonthday=tuple(row.get("bymonthday", ())),
    )


