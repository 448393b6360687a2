"""The N-th working day of a month (contract 1.1's working_day): reading, the due date
of a once, the expansion of a recurring one on the production calendar, and what the
outputs make of it; and weekly windows of hours."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.deadlines import calendar, read_deadline, scan_deadlines, workdays
from protokol.model import Deadline

D = dt.date.fromisoformat


def _brute_nth(year: int, month: int, n: int) -> dt.date | None:
    """The n-th working day, counted with working_days() over growing prefixes."""
    day = dt.date(year, month, 1)
    while day.month == month:
        if calendar.is_working_day(day) and calendar.working_days(dt.date(year, month, 1), day) == n:
            return day
        day += dt.timedelta(days=1)
    return None


@pytest.mark.parametrize("year", [2020, 2021, 2023, 2024, 2025])
def test_nth_working_day_agrees_with_counting(year):
    for month in range(1, 13):
        for n in (1, 3, 10, 20, 23):
            assert calendar.nth_working_day(year, month, n) == _brute_nth(year, month, n)


def test_nth_working_day_over_the_new_year_holidays():
    assert calendar.nth_working_day(2024, 1, 1) == D("2024-01-09")
    assert calendar.nth_working_day(2024, 5, 5) == D("2024-05-08")
    assert calendar.nth_working_day(2023, 2, 25) is None  # no month has 25 working days


def test_recurring_monthly_expands_on_the_production_calendar():
    found = read_deadline("ежемесячно до 3-го рабочего дня месяца, следующего за отчетным", "2023-06-20")
    assert [(d.kind, d.bound, d.rrule, d.working_day, d.due) for d in found] == [
        ("recurring", "by", "FREQ=MONTHLY", 3, None)]
    days = workdays.occurrences(found[0], D("2023-06-20"), 8)
    assert days == [D(x) for x in ("2023-07-05", "2023-08-03", "2023-09-05", "2023-10-04", "2023-11-03",
                                   "2023-12-05", "2024-01-11", "2024-02-05")]
    assert all(calendar.is_working_day(d) for d in days)


def test_recurring_quarterly_expands_in_its_months():
    text = "ежеквартально, не позднее 10 рабочего дня месяца, следующего за отчетным кварталом"
    (found,) = read_deadline(text, "2023-06-20")
    assert (found.rrule, found.working_day) == ("FREQ=YEARLY;BYMONTH=1,4,7,10", 10)
    assert workdays.occurrences(found, D("2023-06-20"), 4) == [
        D("2023-07-14"), D("2023-10-13"), D("2024-01-22"), D("2024-04-12")]


def test_expansion_starts_on_the_anchor_day_and_stops_at_until():
    deadline = Deadline("x", "recurring", rrule="FREQ=MONTHLY;UNTIL=20231031", until="2023-10-31", working_day=1)
    # 2023-07-03 is July's first working day: on the anchor day it counts
    assert workdays.occurrences(deadline, D("2023-07-03"), 12) == [D("2023-07-03"), D("2023-08-01"),
                                                                   D("2023-09-01"), D("2023-10-02")]
    every_other = Deadline("x", "recurring", rrule="FREQ=MONTHLY;INTERVAL=2", start="2023-07-01", working_day=2)
    assert workdays.occurrences(every_other, D("2023-07-01"), 3) == [D("2023-07-04"), D("2023-09-04"),
                                                                     D("2023-11-02")]


def test_a_month_without_that_many_working_days_is_skipped():
    deadline = Deadline("x", "recurring", rrule="FREQ=MONTHLY", working_day=23)
    days = workdays.occurrences(deadline, D("2023-01-01"), 3)
    assert all(calendar.working_days(d.replace(day=1), d) == 23 for d in days)
    assert D("2023-01-01") < days[0]


def test_once_expands_to_its_due():
    (found,) = read_deadline("до 3-го рабочего дня июля 2023 г.", "2023-06-20")
    assert (found.kind, found.due, found.working_day) == ("once", "2023-07-05", 3)
    assert workdays.occurrences(found, D("2023-06-20")) == [D("2023-07-05")]
    assert workdays.occurrences(found, D("2023-07-06")) == []


def test_once_without_protocol_date_needs_the_month_and_year():
    (bare,) = read_deadline("не позднее 5 рабочего дня", None)
    assert (bare.kind, bare.due, bare.working_day) == ("once", None, 5)
    (named,) = read_deadline("до 5 рабочего дня июля 2023 г.", None)
    assert (named.due, named.working_day) == ("2023-07-07", 5)


def test_duration_and_ordinal_are_told_apart():
    """"5 рабочих дней" is a duration, "5 рабочего дня" the fifth working day, and
    "21 рабочего дня" (a number ending in 1) a duration again."""
    assert read_deadline("не позднее 5 рабочих дней", "2023-06-20")[0].kind == "relative"
    assert read_deadline("не позднее 5 рабочего дня", "2023-06-20")[0].kind == "once"
    assert read_deadline("не позднее 11 рабочего дня", "2023-06-20")[0].kind == "once"
    assert read_deadline("не позднее 21 рабочего дня", "2023-06-20")[0].kind == "relative"


def test_found_in_running_text():
    text = "Представлять отчет ежемесячно до 5-го рабочего дня месяца, следующего за отчетным, в министерство."
    assert [(d.rrule, d.working_day) for d in scan_deadlines(text, "2023-06-20")] == [("FREQ=MONTHLY", 5)]


def test_ics_lists_the_working_days(tmp_path):
    import protokol
    from protokol.output.ics import render

    result = protokol.parse_text(
        "ПРОТОКОЛ\nсовещания\n20 июня 2023 г.   № 5\nРЕШИЛИ:\n1. Представлять отчет.\n"
        "Срок: ежемесячно до 3-го рабочего дня месяца, следующего за отчетным.\n"
        "2. Проводить прием граждан.\nСрок: с 8-00 до 12-00 часов по средам\n"
    )
    ics = render([result], remind="none").decode().replace("\r\n ", "")
    first, second = ics.split("BEGIN:VTODO")[1:]
    assert "DTSTART;VALUE=DATE:20230705" in first and "DUE;VALUE=DATE:20230705" in first
    assert "RDATE;VALUE=DATE:20230803,20230905,20231004" in first and "RRULE" not in first
    assert "DTSTART:20230621T080000" in second and "DUE:20230621T120000" in second
    assert "BYHOUR=8" in second


def test_described_in_russian():
    from protokol.output.humanize import describe

    (monthly,) = read_deadline("ежемесячно до 3-го рабочего дня месяца", "2023-06-20")
    assert describe(monthly) == "ежемесячно, до 3-го рабочего дня месяца"
    (once,) = read_deadline("до 5 рабочего дня июля 2023 г.", "2023-06-20")
    assert describe(once) == "до 07.07.2023 (5-й рабочий день)"
    (window,) = read_deadline("по средам и пятницам с 9.00 до 13.00", "2023-06-20")
    assert describe(window) == "по средам и пятницам с 09:00 до 13:00, с 21.06.2023"


@pytest.mark.parametrize("written", ["8-00", "8.00", "8:00", "8 ч."])
@pytest.mark.parametrize("tail", [" часов", ""])
def test_weekly_window_spellings(written, tail):
    (found,) = read_deadline(f"с {written} до 12-00{tail} по средам", "2023-06-20")
    assert (found.kind, found.rrule, found.start, found.due) == (
        "recurring", "FREQ=WEEKLY;BYDAY=WE;BYHOUR=8;BYMINUTE=0", "2023-06-21T08:00:00", "2023-06-21T12:00:00")


def test_weekly_window_every_weekday():
    codes = {"понедельникам": "MO", "вторникам": "TU", "средам": "WE", "четвергам": "TH", "пятницам": "FR",
             "субботам": "SA", "воскресеньям": "SU"}
    for word, code in codes.items():
        (found,) = read_deadline(f"по {word} с 10:00 до 11:30", "2023-06-20")
        assert found.rrule == f"FREQ=WEEKLY;BYDAY={code};BYHOUR=10;BYMINUTE=0"
        assert D(found.start[:10]).weekday() == list(codes.values()).index(code)
        assert found.due[11:] == "11:30:00"
