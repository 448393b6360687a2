"""Deadlines in plain Russian, shared by the table, md, xlsx and csv renderers.

>>> from protokol.model import Deadline
>>> describe(Deadline("до 1 июля", "once", "by", due="2023-07-01", effective_due="2023-06-30"))
'до 01.07.2023 (факт. 30.06.2023)'
>>> describe(Deadline("пт", "recurring", rrule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0",
...                   timezone="Europe/Moscow"))
'еженедельно, пт до 18:00 МСК'
"""

from __future__ import annotations

import datetime as dt

from protokol.acts import act_heading
from protokol.model import Deadline
from protokol.output.rrule import Rule, parse_rrule

KIND_RU = {
    "once": "однократный",
    "recurring": "периодический",
    "relative": "относительный",
    "period": "период",
    "continuous": "постоянно",
    "asap": "незамедлительно",
    "as_established": "в установленные сроки",
    "unparsed": "не распознан",
}

DIRECTIVE_KIND_RU = {"task": "поручение", "note": "к сведению", "group": "группа"}

ZONE_RU = {
    "Europe/Moscow": "МСК",
    "Europe/Kaliningrad": "МСК-1",
    "Europe/Samara": "МСК+1",
    "Asia/Yekaterinburg": "МСК+2",
    "Asia/Omsk": "МСК+3",
    "Asia/Krasnoyarsk": "МСК+4",
    "Asia/Novosibirsk": "МСК+4",
    "Asia/Irkutsk": "МСК+5",
    "Asia/Yakutsk": "МСК+6",
    "Asia/Chita": "МСК+6",
    "Asia/Vladivostok": "МСК+7",
    "Asia/Magadan": "МСК+8",
    "Asia/Sakhalin": "МСК+8",
    "Asia/Kamchatka": "МСК+9",
}

WEEKDAY_SHORT = {"MO": "пн", "TU": "вт", "WE": "ср", "TH": "чт", "FR": "пт", "SA": "сб", "SU": "вс"}
WEEKDAY_PLURAL = {
    "MO": "понедельникам", "TU": "вторникам", "WE": "средам", "TH": "четвергам",
    "FR": "пятницам", "SA": "субботам", "SU": "воскресеньям",
}
MONTH_SHORT = ("янв", "фев", "мар", "апр", "май", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
FREQ_RU = {
    "MINUTELY": "ежеминутно", "HOURLY": "ежечасно", "DAILY": "ежедневно", "WEEKLY": "еженедельно",
    "MONTHLY": "ежемесячно", "YEARLY": "ежегодно",
}
_UNITS = {  # one, few, many
    "MINUTELY": ("минуту", "минуты", "минут"),
    "HOURLY": ("час", "часа", "часов"),
    "DAILY": ("день", "дня", "дней"),
    "WEEKLY": ("неделю", "недели", "недель"),
    "MONTHLY": ("месяц", "месяца", "месяцев"),
    "YEARLY": ("год", "года", "лет"),
}
_FIXED = {
    "continuous": "постоянно",
    "asap": "незамедлительно",
    "as_established": "в установленные сроки",
}
QUARTER_MONTHS = ((1, 4, 7, 10), (2, 5, 8, 11), (3, 6, 9, 12))


# ---------------------------------------------------------------- values


def parse_iso(value: str | None) -> dt.date | dt.datetime | None:
    """A contract date: "YYYY-MM-DD" -> date; with a time -> datetime (aware if offset given)."""
    if not value:
        return None
    if "T" in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)


def local_value(value: str | None) -> dt.date | dt.datetime | None:
    """Like parse_iso, but a datetime is naive wall time in its own zone (for spreadsheets)."""
    parsed = parse_iso(value)
    if isinstance(parsed, dt.datetime):
        return parsed.replace(tzinfo=None)
    return parsed


def zone_label(timezone: str | None) -> str:
    """"Europe/Moscow" -> "МСК"; other IANA names are kept as they are."""
    if not timezone:
        return ""
    return ZONE_RU.get(timezone, timezone)


def date_ru(value: str | None) -> str:
    """"2023-08-20" -> "20.08.2023"; "2023-08-20T09:00:00+03:00" -> "20.08.2023 09:00"."""
    parsed = local_value(value)
    if parsed is None:
        return ""
    if isinstance(parsed, dt.datetime):
        return parsed.strftime("%d.%m.%Y %H:%M")
    return parsed.strftime("%d.%m.%Y")


def act_label(act: str | None, number: str | None, date: str | None) -> str:
    """A document's heading: "Распоряжение № 45-р от 12.03.2026" ("Протокол" when the kind
    is unknown; the number and the date as far as they are known)."""
    return " ".join(x for x in (act_heading(act), f"№ {number}" if number else "",
                                f"от {date_ru(date)}" if date else "") if x)


def plural(n: int, forms: tuple[str, str, str]) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return forms[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return forms[1]
    return forms[2]


# ---------------------------------------------------------------- describe


def describe(deadline: Deadline) -> str:
    """One deadline in plain Russian (see the module docstring and tests for the forms)."""
    if deadline.kind in _FIXED:
        return _FIXED[deadline.kind]
    if deadline.kind == "unparsed":
        return f"не распознан: {deadline.text}"
    if deadline.kind == "recurring" and deadline.rrule:
        try:
            rule = parse_rrule(deadline.rrule)
        except ValueError:
            return deadline.text
        if deadline.working_day:  # the N-th working day of each month the rule names
            return describe_rule(rule, until=deadline.until, start=deadline.start) + \
                f", {_working_day(deadline)}"
        if deadline.start and deadline.due and "T" in deadline.start and "T" in deadline.due:
            return _window(rule, deadline)
        return describe_rule(rule, deadline.timezone, deadline.until, deadline.start)
    if deadline.due and deadline.working_day:
        nth = "последний" if deadline.working_day == -1 else f"{deadline.working_day}-й"
        return f"{_dated(deadline)} ({nth} рабочий день)"
    if deadline.due:
        return _dated(deadline)
    return deadline.text


def _working_day(deadline: Deadline) -> str:
    n = deadline.working_day
    if n == -1:  # "в последний рабочий день месяца"
        return "до последнего рабочего дня месяца" if deadline.bound == "by" else "последний рабочий день месяца"
    return f"до {n}-го рабочего дня месяца" if deadline.bound == "by" else f"{n}-й рабочий день месяца"


def _window(rule: Rule, deadline: Deadline) -> str:
    """A weekly window of hours: "по средам с 08:00 до 12:00, с 21.06.2023"."""
    start, due = deadline.start or "", deadline.due or ""
    days = _join_and([WEEKDAY_PLURAL.get(d, d) for d in rule.byday]) if rule.byday else ""
    hours = f"с {start[11:16]} до {due[11:16]}"
    return " ".join(x for x in (f"по {days}" if days else _frequency(rule), hours) if x) + \
        f", с {date_ru(start[:10])}"


def _dated(deadline: Deadline) -> str:
    """once / relative / period: the due date, its bound, the period start, the moved date."""
    due = _with_zone(deadline.due, deadline.timezone)
    if deadline.start and deadline.kind == "period":
        text = f"с {date_ru(deadline.start)} по {due}"
    elif deadline.bound == "on":
        text = due
    else:
        text = f"до {due}"
    if deadline.effective_due and deadline.effective_due != deadline.due:
        text += f" (факт. {date_ru(deadline.effective_due)})"
    return text


def _with_zone(value: str | None, timezone: str | None) -> str:
    text = date_ru(value)
    if value and "T" in value and timezone:
        text += f" {zone_label(timezone)}"
    return text


def describe_rule(rule: Rule, timezone: str | None = None, until: str | None = None,
                  start: str | None = None) -> str:
    """An RRULE in plain Russian: frequency, days, time, then the first and last day."""
    if _by_weekdays(rule):
        parts = ["по " + _join_and([WEEKDAY_PLURAL[d] for d in rule.byday])]
    else:
        parts = [x for x in (_frequency(rule), _when(rule, timezone)) if x]
    if start:
        parts.append(f"с {date_ru(start)}")
    last = until or rule.until_date()
    if last:
        parts.append(f"до {date_ru(last) if isinstance(last, str) else last.strftime('%d.%m.%Y')}")
    if rule.count:
        parts.append(f"{rule.count} {plural(rule.count, ('раз', 'раза', 'раз'))}")
    head, *rest = parts
    if not rest:
        return head
    sep = ": " if _quarterly(rule) or (rule.freq == "YEARLY" and rule.bymonth) else ", "
    return head + sep + ", ".join(rest)


def _by_weekdays(rule: Rule) -> bool:
    """"по понедельникам": every week on bare weekdays, no time of day, no months."""
    return (rule.freq == "WEEKLY" and rule.interval == 1 and bool(rule.byday)
            and all(d in WEEKDAY_PLURAL for d in rule.byday)
            and rule.hour is None and not rule.bymonth and not rule.bymonthday)


def _frequency(rule: Rule) -> str:
    if _quarterly(rule):
        return "ежеквартально"
    if rule.interval == 1:
        return FREQ_RU.get(rule.freq, rule.freq.lower())
    unit = _UNITS.get(rule.freq, (rule.freq.lower(),) * 3)
    return f"раз в {rule.interval} {plural(rule.interval, unit)}"


def _quarterly(rule: Rule) -> bool:
    return rule.freq == "YEARLY" and rule.interval == 1 and tuple(rule.bymonth) in QUARTER_MONTHS


def _when(rule: Rule, timezone: str | None) -> str:
    """Months, month days, weekdays and the time of day, as one phrase."""
    bits: list[str] = []
    if rule.bymonth:
        bits.append(", ".join(MONTH_SHORT[m - 1] for m in rule.bymonth if 1 <= m <= 12))
    if rule.bymonthday:
        bits.append(", ".join(_monthday(d) for d in rule.bymonthday))
    days = ", ".join(_weekday(d) for d in rule.byday)
    time = _time(rule, timezone)
    tail = " ".join(x for x in (days, time) if x)
    if tail:
        bits.append(tail)
    return ", ".join(bits)


def _monthday(day: int) -> str:
    if day == -1:
        return "последний день месяца"
    if day < 0:
        return f"{-day}-й день с конца месяца"
    return f"{day}-го"


def _weekday(code: str) -> str:
    """"FR" -> "пт"; "1MO" -> "1-й пн"; "-1FR" -> "последний пт"."""
    name = WEEKDAY_SHORT.get(code[-2:], code)
    nth = code[:-2]
    if not nth:
        return name
    if nth == "-1":
        return f"последний {name}"
    return f"{nth.lstrip('+')}-й {name}"


def _time(rule: Rule, timezone: str | None) -> str:
    if rule.hour is None:
        return ""
    if len(rule.hours) > 1:  # several times of each day: "в 09:00 и 17:00"
        text = "в " + _join_and([f"{hour:02d}:{rule.minute or 0:02d}" for hour in rule.hours])
    else:
        text = f"до {rule.hour:02d}:{rule.minute or 0:02d}"
    label = zone_label(timezone)
    return f"{text} {label}" if label else text


def _join_and(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " и " + words[-1]
