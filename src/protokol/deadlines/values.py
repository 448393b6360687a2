"""Values read out of a match's groups: dates, years, months, times and zones,
weekdays, counts and ordinals, units and bounds, against the Context of one reading
(the grammar, the protocol date, the regulation profile, the roll rule).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from protokol.deadlines.grammar import Grammar, Rule
from protokol.deadlines.results import Unit
from protokol.deadlines.spans import Unresolvable
from protokol.model_core import Bound

Groups = Mapping[str, str]
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "ⅰ": 1, "ⅱ": 2, "ⅲ": 3, "ⅳ": 4}  # and the numeral signs "Ⅰ".."Ⅳ" (folded)
WORD = re.compile(r"\w+")
DAY_ENDING = re.compile(r"(?<=\d)-?(?:го|е|му)$")  # "5-го", "10е"
# a month cut short with a dot ("20 дек. 2024 г."; the macro month_abbr)
MONTH_ABBREVIATIONS = {
    f"{word}.": n for word, n in (
        ("янв", 1), ("фев", 2), ("февр", 2), ("мар", 3), ("апр", 4), ("июн", 6), ("июл", 7), ("авг", 8),
        ("сен", 9), ("сент", 9), ("окт", 10), ("ноя", 11), ("нояб", 11), ("дек", 12),
    )
}
# a month in Roman numerals ("15.IV.2024")
ROMAN_MONTHS = {
    r: n for n, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"), 1)
}


@dataclass(frozen=True, slots=True)
class Context:
    grammar: Grammar
    anchor: dt.date | None
    rules: str
    roll: str


def bound_of(rule: Rule, g: Groups) -> Bound | None:
    """"by" / "on" when the inputs of that name matched, else the result's bound."""
    if "by" in g:
        return "by"
    if "on" in g:
        return "on"
    return rule.result.bound


def unit_of(name: str | None, ctx: Context) -> Unit | None:
    return ctx.grammar.units.get(name) if name is not None else None


def unit_of_rule(rule: Rule, g: Groups, ctx: Context) -> Unit | None:
    """The unit the input "unit" names, else the result's default unit ("4 кв." = quarter)."""
    if "unit" in g:
        return unit_of(ctx.grammar.lexicons["units"].lookup(g["unit"]), ctx)
    return unit_of(rule.result.defaults.get("unit"), ctx)


def written_year(g: Groups, p: str = "") -> bool:
    """Does the date of the groups give its year (a number, or "текущего года")?"""
    return f"{p}year" in g or f"{p}nyear" in g or f"{p}curyear" in g


def has_date(g: Groups, p: str = "") -> bool:
    return f"{p}day" in g or f"{p}nday" in g


def date_of(g: Groups, ctx: Context, not_before: dt.date | None, p: str = "") -> dt.date | None:
    """The date of groups day/month/year (or nday/mnum/nyear); a missing year is inferred."""
    day = day_number(g.get(f"{p}day") or g[f"{p}nday"], ctx)
    month = month_of(g, ctx, p)
    if month is None:
        raise Unresolvable("a day without a month")
    year = year_of(g, ctx, p)
    if year is not None:
        return make_date(year, month, day)
    make_date(2000, month, day)  # 2000 is a leap year: rejects 31 June, keeps 29 Feb
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


def day_number(raw: str, ctx: Context) -> int:
    """A day of a month: "25", "25-го", an ordinal word, "двадцать пятого" (a tens word,
    then the ordinal), or "последнего": -1, the last day (as RRULE's BYMONTHDAY=-1)."""
    raw = DAY_ENDING.sub("", raw)
    if raw.isdigit():
        return int(raw)
    *tens, last = WORD.findall(raw)
    value = ctx.grammar.lexicons["ordinals"].lookup(last)
    if value is None:
        if not tens and ctx.grammar.lexicons["words"].lookup(last) == "last":
            return -1
        raise Unresolvable(f"not a day: {raw!r}")
    return int(value) + (words_number(" ".join(tens), ctx) or 0)


def month_of(g: Groups, ctx: Context, p: str = "") -> int | None:
    if f"{p}month" in g:
        word = g[f"{p}month"]
        return MONTH_ABBREVIATIONS.get(word) or ctx.grammar.lexicons["months"].lookup(word)
    if f"{p}mnum" in g:
        raw = g[f"{p}mnum"]
        return int(raw) if raw.isdigit() else ROMAN_MONTHS[raw.lower()]
    return None


def year_of(g: Groups, ctx: Context, p: str = "") -> int | None:
    """The written year; "т.г." / "текущего года" is the protocol's year, "следующего года" the next."""
    raw = g.get(f"{p}year") or g.get(f"{p}nyear")
    if raw is None:
        if f"{p}curyear" not in g or ctx.anchor is None:
            return None
        word = g[f"{p}curyear"].split()[0]  # "следующего года" is the year after the protocol's
        return ctx.anchor.year + (ctx.grammar.lexicons["words"].lookup(word) == "next")
    year = int(raw)
    return year + 2000 if year < 100 else year


def make_date(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise Unresolvable(f"no date {day}.{month}.{year}") from None


def time_of(g: Groups, ctx: Context) -> tuple[dt.time | None, str | None]:
    if "hour" not in g:
        return None, None
    try:
        time = dt.time(int(g["hour"]), int(g.get("minute") or 0))
    except ValueError:
        raise Unresolvable("no such time") from None
    zone = ctx.grammar.zone(g["tz"]) if "tz" in g else None
    return time, (None if zone == "local" else zone)


def weekdays(g: Groups, ctx: Context) -> tuple[str, ...]:
    lex = ctx.grammar.lexicons["weekdays"]
    words = WORD.findall(g.get("weekdays", "")) + WORD.findall(g.get("weekday", ""))  # "вторник и четверг"
    found = set(map(lex.lookup, words))
    return tuple(filter(found.__contains__, WEEKDAYS))


def next_weekday(ctx: Context, word: str, next_week: bool = False) -> dt.date | None:
    """The first such weekday after the protocol date; with next_week ("среды следующей
    недели"), that weekday of the week (Monday to Sunday) after the protocol's."""
    if ctx.anchor is None:
        return None
    wanted = WEEKDAYS.index(ctx.grammar.lexicons["weekdays"].lookup(word))
    ahead = 7 - ctx.anchor.weekday() + wanted if next_week else (wanted - ctx.anchor.weekday() - 1) % 7 + 1
    return ctx.anchor + dt.timedelta(days=ahead)


def count(g: Groups, ctx: Context) -> int:
    """N of "10", "10 (десяти)", "десяти", "двадцати пяти", "трех" in "трехдневный"."""
    if "n" in g:
        return int(g["n"])
    words = g.get("nw") or g.get("ncomb")
    return words_number(words, ctx) or 1


def words_number(words: str | None, ctx: Context) -> int | None:
    if not words:
        return None
    lex = ctx.grammar.lexicons["numbers"]
    values = [lex.lookup(w) for w in WORD.findall(words)]
    if not values or None in values:
        raise Unresolvable(f"not a number: {words!r}")
    return sum(values)


def ordinal(g: Groups, ctx: Context, p: str = "") -> int:
    if f"{p}qw" in g:
        return int(ctx.grammar.lexicons["ordinals"].lookup(g[f"{p}qw"]))
    q = g[f"{p}q"].lower()
    return ROMAN[q] if q in ROMAN else int(q)


def working_day_number(g: Groups, ctx: Context) -> int:
    """N of "5-го рабочего дня", "пятого рабочего дня", "первых пяти рабочих дней"."""
    from protokol.deadlines import workdays

    lex = ctx.grammar.lexicons
    try:
        return workdays.number(g, lex["ordinals"], lex["numbers"])
    except workdays.NoSuchDay as exc:
        raise Unresolvable(str(exc)) from None
