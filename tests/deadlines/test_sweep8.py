"""An eighth sweep of deadline clauses: the terms of поручения of ministries, regional
governments, штабы, комиссии and companies read against a protocol of 2024-11-13 (a
Wednesday), in shapes the earlier sweeps left: a day written as an ordinal word ("до
первого декабря", "к пятнадцатому числу следующего месяца", "до тридцать первого марта
2025 г."); two times of a day ("ежедневно в 9:00 и 17:00": one rrule, BYHOUR=9,17);
"в начале / в середине / в конце" of a month or a year; a period across quarters; a
decade of each month; times with zones, weekdays, working days, repeats with anchors,
slips of typing and of a scanner; and terms that name an event no date in the text gives
("к началу отопительного сезона", "по итогам заседания"): kept as one `unparsed`, never
dated. Fields as in test_sweep.py; NONE as in test_sweep3.py.

Measured on the code before this sweep (main at 91a97b0, its own grammar): 91/144 right
(BEFORE below); after: 147/147.
"""

from __future__ import annotations

import pytest

from protokol.deadlines import read_deadline
from tests.deadlines.test_sweep import E, _matches
from tests.deadlines.test_sweep3 import NONE

DATE = "2024-11-13"  # a Wednesday; 28 December 2024 is a working Saturday, 1-8 January 2025 holidays
FIRST_OF_QUARTER = "FREQ=YEARLY;BYMONTH=1,4,7,10"

SWEEP8 = [
    # a day written as an ordinal word
    ("до первого декабря", [E("once", "2024-12-01", bound="by")]),
    ("Представить предложения в министерство не позднее двадцать пятого декабря 2024 года.",
     [E("once", "2024-12-25", bound="by")]),
    ("до тридцать первого марта 2025 г.", [E("once", "2025-03-31", bound="by")]),
    ("Провести выездное совещание двадцатого ноября.", [E("once", "2024-11-20", bound="on")]),
    ("в срок до десятого января 2025 года", [E("once", "2025-01-10", bound="by")]),
    ("к пятнадцатому декабря", [E("once", "2024-12-15", bound="by")]),
    ("Срок: до второго февраля.", [E("once", "2025-02-02", bound="by")]),
    ("не позднее тридцатого ноября 2024 г.", [E("once", "2024-11-30", bound="by")]),
    ("до двадцать первого января", [E("once", "2025-01-21", bound="by")]),
    ("Информацию направить к пятнадцатому числу следующего месяца.", [E("once", "2024-12-15", bound="by")]),
    ("в срок до двадцатого числа текущего месяца", [E("once", "2024-11-20", bound="by")]),
    ("к первому апреля 2025 года", [E("once", "2025-04-01", bound="by")]),
    ("до первого декабря 2024 г. и далее ежеквартально",
     [E("once", "2024-12-01", bound="by"), E("recurring", rrule="FREQ=MONTHLY;INTERVAL=3")]),
    ("до первого числа следующего месяца", [E("once", "2024-12-01", bound="by")]),
    ("ежемесячно, не позднее третьего числа месяца, следующего за отчетным",
     [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=3")]),
    ("ежемесячно до двадцать пятого числа", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=25")]),
    ("ежемесячно в срок до 1-го числа", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=1")]),
    ("ежегодно до первого марта", [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1")]),
    ("с первого по десятое декабря", [E("period", "2024-12-10", "2024-12-01")]),
    # several days of each month: each of them
    ("первого и пятнадцатого числа каждого месяца", [E("recurring", rrule="FREQ=MONTHLY;BYMONTHDAY=1,15")]),
    ("Сведения представлять ежемесячно до 5 и 20 числа.", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=5,20")]),
    ("1 и 15 числа каждого месяца", [E("recurring", rrule="FREQ=MONTHLY;BYMONTHDAY=1,15")]),
    ("ежемесячно, до последнего числа отчетного месяца", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=-1")]),
    ("до последнего числа текущего месяца", [E("once", "2024-11-30", bound="by")]),
    # two times of a day: one series, both hours
    ("ежедневно в 9:00 и 17:00", [E("recurring", rrule="FREQ=DAILY;BYHOUR=9,17;BYMINUTE=0")]),
    ("Докладывать в оперативный штаб ежедневно в 8.00 и 20.00 (МСК).",
     [E("recurring", rrule="FREQ=DAILY;BYHOUR=8,20;BYMINUTE=0")]),
    ("ежедневно к 10:00 и 16:00", [E("recurring", bound="by", rrule="FREQ=DAILY;BYHOUR=10,16;BYMINUTE=0")]),
    ("ежедневно в 9:30 и 17:30", [E("recurring", rrule="FREQ=DAILY;BYHOUR=9,17;BYMINUTE=30")]),
    ("ежедневно до 11.00 и до 17.00 часов", [E("recurring", bound="by", rrule="FREQ=DAILY;BYHOUR=11,17;BYMINUTE=0")]),
    ("ежедневно в 9:00, 13:00 и 18:00", [E("recurring", rrule="FREQ=DAILY;BYHOUR=9,13,18;BYMINUTE=0")]),
    ("ежедневно в 08:00 и в 18:00 (мск)", [E("recurring", rrule="FREQ=DAILY;BYHOUR=8,18;BYMINUTE=0")]),
    ("ежедневно до 10:00", [E("recurring", bound="by", rrule="FREQ=DAILY;BYHOUR=10;BYMINUTE=0")]),
    # minutes of their own: one RRULE cannot say it; the first time is the series', the second is kept
    ("ежедневно в 9:00 и 17:30", [E("recurring", rrule="FREQ=DAILY;BYHOUR=9;BYMINUTE=0"), E("unparsed")]),
    # the beginning, the middle, the end of a month or a year
    ("в начале декабря", [E("period", "2024-12-10", "2024-12-01")]),
    ("в конце мая", [E("period", "2025-05-31")]),  # as "в конце марта": the month's end, no start
    ("Провести итоговое заседание в конце ноября.", [E("period", "2024-11-30")]),
    ("в середине декабря 2024 г.", [E("period", "2024-12-20", "2024-12-11")]),
    ("в середине апреля", [E("period", "2025-04-20", "2025-04-11")]),
    ("в конце января 2025 года", [E("period", "2025-01-31")]),
    ("в начале 2025 года", [E("period", "2025-03-31", "2025-01-01")]),
    ("в конце 2025 года", [E("period", "2025-12-31")]),
    ("в середине 2025 года", [E("period", "2025-07-31", "2025-06-01")]),
    ("в конце года", [E("period", "2024-12-31")]),
    ("в середине года", [E("period", "2025-07-31", "2025-06-01")]),  # this year's middle has passed
    ("в начале следующего года", [E("period", "2025-03-31", "2025-01-01")]),
    ("в конце текущего месяца", [E("period", "2024-11-30")]),
    ("в начале следующего месяца", [E("period", "2024-12-10", "2024-12-01")]),
    ("во второй декаде следующего месяца", [E("period", "2024-12-20", "2024-12-11")]),
    ("в начале I квартала 2025 года", [E("period", "2025-01-31", "2025-01-01")]),  # a quarter in thirds
    ("в середине II квартала 2025 г.", [E("period", "2025-05-31", "2025-05-01")]),
    ("Совещание провести в середине дня.", NONE),
    ("Рассмотреть вопрос в начале заседания.", NONE),
    # one period across quarters, half-years, months
    ("в IV кв. 2024 г. - I кв. 2025 г.", [E("period", "2025-03-31", "2024-10-01")]),
    ("Срок: IV квартал 2024 года — I квартал 2025 года.", [E("period", "2025-03-31", "2024-10-01")]),
    ("в течение IV квартала 2024 г. – II квартала 2025 г.", [E("period", "2025-06-30", "2024-10-01")]),
    ("с IV квартала 2024 г. по II квартал 2025 г.", [E("period", "2025-06-30", "2024-10-01")]),
    ("в III–IV кварталах 2025 года", [E("period", "2025-12-31", "2025-07-01")]),
    ("ноябрь – декабрь 2024 г.", [E("period", "2024-12-31", "2024-11-01")]),
    ("в период с 01.12.2024 по 28.02.2025", [E("period", "2025-02-28", "2024-12-01")]),
    ("с 18 по 22 ноября 2024 г.", [E("period", "2024-11-22", "2024-11-18")]),
    ("Срок: 10.12.2024 - 20.12.2024", [E("period", "2024-12-20", "2024-12-10")]),
    ("в I полугодии 2025 г.", [E("period", "2025-06-30", "2025-01-01")]),
    ("в течение декабря", [E("period", "2024-12-31", "2024-12-01")]),
    ("до конца I квартала 2025 г.", [E("period", "2025-03-31", bound="by")]),
    ("Срок: 2025 г.", [E("period", "2025-12-31", "2025-01-01")]),
    ("с 1 декабря 2024 г.", [E("period", None, "2024-12-01")]),
    # a decade of each month
    ("в первой декаде каждого месяца", [E("recurring", "2024-12-10", "2024-12-01", rrule="FREQ=MONTHLY;BYMONTHDAY=1")]),
    ("ежемесячно во второй декаде", [E("recurring", "2024-11-20", "2024-11-11", rrule="FREQ=MONTHLY;BYMONTHDAY=11")]),
    ("в третьей декаде каждого месяца", [E("recurring", "2024-11-30", "2024-11-21", rrule="FREQ=MONTHLY;BYMONTHDAY=21")]),
    ("Проводить сверку в первой декаде месяца, ежемесячно.",
     [E("recurring", "2024-12-10", "2024-12-01", rrule="FREQ=MONTHLY;BYMONTHDAY=1")]),
    # times with zones
    ("до 18:00 (МСК) 15 ноября 2024 г.", [E("once", "2024-11-15T18:00:00+03:00", bound="by")]),
    ("не позднее 10.00 по местному времени 20.11.2024", [E("once", "2024-11-20T10:00:00", bound="by")]),
    ("до 12:00 (по московскому времени) 25 ноября 2024 года", [E("once", "2024-11-25T12:00:00+03:00", bound="by")]),
    ("22 ноября 2024 года в 15.00 (МСК+2)", [E("once", "2024-11-22T15:00:00+05:00", bound="on")]),
    ("до 17 ч 00 мин 29.11.2024", [E("once", "2024-11-29T17:00:00", bound="by")]),
    ("до 16:00 (Мск) 2 декабря 2024 г.", [E("once", "2024-12-02T16:00:00+03:00", bound="by")]),
    ("Доклад представить 19.11.2024 к 9.00.", [E("once", "2024-11-19T09:00:00", bound="on")]),
    ("до 12:00 20.11.2024 по московскому времени", [E("once", "2024-11-20T12:00:00+03:00", bound="by")]),
    ("до 12:00 20 ноября 2024 г. мск", [E("once", "2024-11-20T12:00:00+03:00", bound="by")]),
    ("не позднее 17 часов 22 ноября 2024 года", [E("once", "2024-11-22T17:00:00", bound="by")]),
    ("до 16 ч. 00 мин. 20 ноября 2024 г.", [E("once", "2024-11-20T16:00:00", bound="by")]),
    # weekdays
    ("в пятницу", [E("once", "2024-11-15", bound="on")]),
    ("еженедельно по четвергам до 15:00", [E("recurring", bound="by", rrule="FREQ=WEEKLY;BYDAY=TH;BYHOUR=15;BYMINUTE=0")]),
    ("каждую среду к 10.00 (МСК)", [E("recurring", bound="by", rrule="FREQ=WEEKLY;BYDAY=WE;BYHOUR=10;BYMINUTE=0")]),
    ("по вторникам и пятницам", [E("recurring", rrule="FREQ=WEEKLY;BYDAY=TU,FR")]),
    ("Заседания штаба проводить еженедельно, по средам.", [E("recurring", rrule="FREQ=WEEKLY;BYDAY=WE")]),
    ("по понедельникам, до 11-00", [E("recurring", bound="by", rrule="FREQ=WEEKLY;BYDAY=MO;BYHOUR=11;BYMINUTE=0")]),
    ("еженедельно по пятницам до 12:00 (МСК), начиная с 22 ноября 2024 г.",
     [E("recurring", start="2024-11-22", bound="by", rrule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=12;BYMINUTE=0")]),
    ("каждый первый вторник месяца", [E("recurring", rrule="FREQ=MONTHLY;BYDAY=1TU")]),
    ("по будним дням до 17.00", [E("recurring", bound="by", rrule="FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=17;BYMINUTE=0")]),
    ("Мониторинг проводить ежедневно с понедельника по пятницу.", [E("recurring", rrule="FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR")]),
    # hours of work, the opening hour written bare: each day's window (the first: start and due)
    ("Организовать работу горячей линии с 9 до 18 часов ежедневно.",
     [E("recurring", "2024-11-13T18:00:00", "2024-11-13T09:00:00", rrule="FREQ=DAILY;BYHOUR=9;BYMINUTE=0")]),
    ("с 9 до 18 ч. по будним дням",
     [E("recurring", "2024-11-13T18:00:00", "2024-11-13T09:00:00", rrule="FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9")]),
    # working days and other durations
    ("в течение 5 рабочих дней", [E("relative", "2024-11-20", bound="by")]),
    ("в течение 5 будних дней", [E("relative", "2024-11-20", bound="by")]),
    ("не позднее 5 раб. дней", [E("relative", "2024-11-20", bound="by")]),
    ("в течение 10 рабочих дней с даты подписания настоящего протокола", [E("relative", "2024-11-27", bound="by")]),
    ("в течение 3-х рабочих дней со дня получения запроса", [E("relative", bound="by")]),
    ("в течение двух недель", [E("relative", "2024-11-27", bound="by")]),
    ("в 7-дневный срок", [E("relative", "2024-11-20", bound="by")]),
    ("в течение 30 календарных дней", [E("relative", "2024-12-13", bound="by")]),
    ("в месячный срок", [E("relative", "2024-12-13", bound="by")]),
    ("в течение 15 дней после завершения работ", [E("relative", bound="by")]),
    ("в срок не позднее 10 (десяти) рабочих дней со дня подписания протокола", [E("relative", "2024-11-27", bound="by")]),
    ("в 2-недельный срок", [E("relative", "2024-11-27", bound="by")]),
    ("в трехдневный срок", [E("relative", "2024-11-16", bound="by")]),
    ("Протокол направить членам штаба на следующий день после заседания.", [E("relative", "2024-11-14", bound="on")]),
    # repeats with anchors
    ("ежемесячно, до 5-го числа месяца, следующего за отчетным", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=5")]),
    ("ежеквартально, не позднее 15 числа месяца, следующего за отчётным кварталом",
     [E("recurring", bound="by", rrule=f"{FIRST_OF_QUARTER};BYMONTHDAY=15")]),
    ("ежегодно, к 20 декабря", [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=20")]),
    ("ежегодно в срок до 15 января года, следующего за отчетным",
     [E("recurring", bound="by", rrule="FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=15")]),
    ("раз в полгода", [E("recurring", rrule="FREQ=MONTHLY;INTERVAL=6")]),
    ("ежедневно к 08:30 (МСК)", [E("recurring", bound="by", rrule="FREQ=DAILY;BYHOUR=8;BYMINUTE=30")]),
    ("еженедельно по понедельникам до 31 декабря 2024 г.", [E("recurring", rrule="FREQ=WEEKLY;UNTIL=20241231;BYDAY=MO")]),
    ("1 раз в квартал", [E("recurring", rrule="FREQ=MONTHLY;INTERVAL=3")]),
    # a year the series runs in: from its first day to its last
    ("Отчет направлять ежемесячно, не позднее 3 числа месяца, следующего за отчетным, в течение 2025 года.",
     [E("recurring", start="2025-01-01", bound="by", rrule="FREQ=MONTHLY;UNTIL=20251231;BYMONTHDAY=3")]),
    ("ежеквартально в течение 2025 года", [E("recurring", start="2025-01-01", rrule="FREQ=MONTHLY;INTERVAL=3;UNTIL=20251231")]),
    ("не позднее 20-го числа месяца, следующего за отчётным", [E("recurring", bound="by", rrule="FREQ=MONTHLY;BYMONTHDAY=20")]),
    ("до 25.11.2024, далее – еженедельно по понедельникам",
     [E("once", "2024-11-25", bound="by"), E("recurring", rrule="FREQ=WEEKLY;BYDAY=MO")]),
    ("ежедневно, кроме выходных, до 16:00",
     [E("recurring", bound="by", rrule="FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=16;BYMINUTE=0")]),
    ("ежегодно 1 сентября", [E("recurring", rrule="FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=1")]),
    # slips of typing and of a scanner, odd dashes and abbreviations
    ("до 01.02.2025г.", [E("once", "2025-02-01", bound="by")]),
    ("до 2О.12.2024", [E("once", "2024-12-20", bound="by")]),
    ("дo 15 дeкабря 2024 г.", [E("once", "2024-12-15", bound="by")]),
    ("до 10 декабря2024 года", [E("once", "2024-12-10", bound="by")]),
    ("Срок — до 27 декабря 2024 г.", [E("once", "2024-12-27", bound="by")]),
    ("до 5.12.24", [E("once", "2024-12-05", bound="by")]),
    ("в срок до 27.12.2024года", [E("once", "2024-12-27", bound="by")]),
    ("до 20 дек. 2024 г.", [E("once", "2024-12-20", bound="by")]),
    ("не позднее 10 янв. 2025 года", [E("once", "2025-01-10", bound="by")]),
    ("до 1 -го декабря 2024 г.", [E("once", "2024-12-01", bound="by")]),
    # markers
    ("до особого распоряжения", [E("continuous")]),
    ("Срок: постоянно.", [E("continuous")]),
    ("в постоянном режиме", [E("continuous")]),
    ("Незамедлительно.", [E("asap")]),
    ("в кратчайшие сроки", [E("asap")]),
    ("в сроки, установленные планом", [E("as_established")]),
    ("по мере необходимости", [E("continuous")]),  # no date: stays on control, as "постоянно"
    # an event no date in the text gives: kept, never dated
    ("к началу отопительного сезона", NONE),
    ("По итогам заседания направить протокол членам комиссии.", NONE),
    ("после завершения ремонтных работ", NONE),
    ("до окончания срока действия контракта", NONE),
    ("при необходимости", NONE),
    ("на период действия режима повышенной готовности", NONE),
    # ordinal words and "числа" that name no day
    ("Назначить первого заместителя главы района ответственным за подготовку к паводку.", NONE),
    ("Из числа членов комиссии избрать секретаря.", NONE),
    ("Рассмотреть проект во втором чтении.", NONE),
]

# the clauses read right on the code before this sweep (main at 91a97b0), of all of them
BEFORE = (91, len(SWEEP8))


def hit_rate() -> tuple[int, int, list[str]]:
    """(right, total, the clauses read wrong): the sweep's figure for a report."""
    missed = [text for text, expected in SWEEP8 if not _matches(read_deadline(text, DATE), expected)]
    return len(SWEEP8) - len(missed), len(SWEEP8), missed


@pytest.mark.parametrize(("text", "expected"), SWEEP8, ids=[f"x{n:03d}" for n in range(1, len(SWEEP8) + 1)])
def test_an_eighth_sweep_clause_gives_the_clerks_reading(text, expected):
    found = read_deadline(text, DATE)
    shown = [(d.kind, d.bound, d.start, d.due, d.rrule) for d in found]
    assert _matches(found, expected), shown
