"""Deadlines in plain Russian: a table of examples."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.model import Deadline
from protokol.output.humanize import date_ru, describe, plural, zone_label
from protokol.output.rrule import parse_rrule

MSK = "Europe/Moscow"

EXAMPLES = [
    (Deadline("до 1 июля 2023 г.", "once", "by", due="2023-07-01", effective_due="2023-06-30"),
     "до 01.07.2023 (факт. 30.06.2023)"),
    (Deadline("22 июня 2023 г.", "once", "on", due="2023-06-22"), "22.06.2023"),
    (Deadline("до 15.07.2023", "once", "by", due="2023-07-15"), "до 15.07.2023"),
    (Deadline("не позднее 9:00 (МСК) 20 августа 2023 г.", "once", "by", due="2023-08-20T09:00:00+03:00",
              timezone=MSK), "до 20.08.2023 09:00 МСК"),
    (Deadline("до 9:00 20 августа", "once", "by", due="2023-08-20T09:00:00"), "до 20.08.2023 09:00"),
    (Deadline("x", "recurring", "by", rrule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0", timezone=MSK),
     "еженедельно, пт до 18:00 МСК"),
    (Deadline("x", "recurring", "by", rrule="FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=0", timezone=MSK),
     "еженедельно, чт до 12:00 МСК"),
    (Deadline("x", "recurring", rrule="FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0"), "ежедневно, в 09:00 и 17:00"),
    (Deadline("x", "recurring", rrule="FREQ=DAILY;BYHOUR=8,13,18;BYMINUTE=30", timezone=MSK),
     "ежедневно, в 08:30, 13:30 и 18:30 МСК"),
    (Deadline("x", "recurring", until="2023-08-20", rrule="FREQ=WEEKLY;UNTIL=20230820"),
     "еженедельно, до 20.08.2023"),
    (Deadline("x", "recurring", rrule="FREQ=WEEKLY;UNTIL=20230820"), "еженедельно, до 20.08.2023"),
    (Deadline("x", "recurring", until="2023-08-20", timezone=MSK,
              rrule="FREQ=WEEKLY;UNTIL=20230820T205959Z;BYDAY=FR;BYHOUR=18;BYMINUTE=0"),
     "еженедельно, пт до 18:00 МСК, до 20.08.2023"),
    (Deadline("ежедневно", "recurring", rrule="FREQ=DAILY"), "ежедневно"),
    (Deadline("еженедельно", "recurring", rrule="FREQ=WEEKLY"), "еженедельно"),
    (Deadline("по понедельникам", "recurring", rrule="FREQ=WEEKLY;BYDAY=MO"), "по понедельникам"),
    (Deadline("x", "recurring", rrule="FREQ=WEEKLY;BYDAY=MO,WE"), "по понедельникам и средам"),
    (Deadline("x", "recurring", rrule="FREQ=MONTHLY;BYMONTHDAY=5"), "ежемесячно, 5-го"),
    (Deadline("x", "recurring", rrule="FREQ=MONTHLY;BYMONTHDAY=-1"), "ежемесячно, последний день месяца"),
    (Deadline("x", "recurring", rrule="FREQ=MONTHLY;BYDAY=-1FR"), "ежемесячно, последний пт"),
    (Deadline("x", "recurring", rrule="FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10"),
     "ежеквартально: янв, апр, июл, окт, 10-го"),
    (Deadline("x", "recurring", rrule="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25"), "ежегодно: дек, 25-го"),
    (Deadline("x", "recurring", rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"), "раз в 2 недели, пн"),
    (Deadline("x", "recurring", rrule="FREQ=DAILY;INTERVAL=5"), "раз в 5 дней"),
    (Deadline("x", "recurring", rrule="FREQ=MONTHLY;INTERVAL=3"), "раз в 3 месяца"),
    (Deadline("x", "recurring", rrule="FREQ=DAILY;COUNT=3"), "ежедневно, 3 раза"),
    (Deadline("x", "recurring", start="2023-07-01", rrule="FREQ=DAILY"), "ежедневно, с 01.07.2023"),
    (Deadline("в течение 10 рабочих дней", "relative", "by", due="2023-07-04"), "до 04.07.2023"),
    (Deadline("до конца 2023 года", "period", "by", due="2023-12-31"), "до 31.12.2023"),
    (Deadline("в III квартале 2023 г.", "period", start="2023-07-01", due="2023-09-30"),
     "с 01.07.2023 по 30.09.2023"),
    (Deadline("постоянно", "continuous"), "постоянно"),
    (Deadline("незамедлительно", "asap"), "незамедлительно"),
    (Deadline("в установленные сроки", "as_established"), "в установленные сроки"),
    (Deadline("к заседанию", "unparsed"), "не распознан: к заседанию"),
    (Deadline("до 1 декабря", "once", "by"), "до 1 декабря"),  # no date resolved: the text
]


@pytest.mark.parametrize("deadline, expected", EXAMPLES, ids=[e[1] for e in EXAMPLES])
def test_describe(deadline, expected):
    assert describe(deadline) == expected


def test_rrule_parts():
    rule = parse_rrule("RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=4;UNTIL=20240101;BYMONTH=1,7;BYMONTHDAY=10;"
                       "BYDAY=MO,-1FR;BYHOUR=9;BYMINUTE=30")
    assert (rule.freq, rule.interval, rule.count, rule.until) == ("YEARLY", 2, 4, dt.date(2024, 1, 1))
    assert (rule.bymonth, rule.bymonthday, rule.byday, rule.hour, rule.minute) == (
        (1, 7), (10,), ("MO", "-1FR"), 9, 30)
    with pytest.raises(ValueError):
        parse_rrule("BYDAY=MO")


@pytest.mark.parametrize("n, word", [(1, "день"), (2, "дня"), (5, "дней"), (11, "дней"), (21, "день"),
                                     (22, "дня"), (12, "дней"), (104, "дня")])
def test_plural(n, word):
    assert plural(n, ("день", "дня", "дней")) == word


def test_small_helpers():
    assert zone_label("Europe/Moscow") == "МСК"
    assert zone_label("Asia/Yekaterinburg") == "МСК+2"
    assert zone_label("Europe/Berlin") == "Europe/Berlin"
    assert zone_label(None) == ""
    assert date_ru("2023-08-20T09:00:00+03:00") == "20.08.2023 09:00"
    assert date_ru(None) == ""


def test_broken_rrule_falls_back_to_the_text():
    assert describe(Deadline("каждую неделю", "recurring", rrule="BYDAY=MO")) == "каждую неделю"
