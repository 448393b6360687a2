"""agenda.expand: the days of one deadline inside a window."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.agenda.expand import Window, expand, nth_working_day, occurrences
from tests.agenda.helpers import deadline

D = dt.date


def days(found):
    return [d.isoformat() for d, _ in found]


WINDOW = Window(D(2024, 3, 4), D(2024, 3, 17), today=D(2024, 3, 4))


@pytest.mark.parametrize(("due", "effective", "kept"), [
    ("2024-03-10", None, True),           # inside
    ("2024-03-17", None, True),           # the window's last day is included
    ("2024-03-18", None, False),          # after it
    ("2024-02-01", None, True),           # before it: overdue
    ("2024-03-09", "2024-03-07", True),   # moved by the regulation rule: the moved day counts
])
def test_dated_in_window_or_overdue(due, effective, kept):
    found = occurrences(deadline("до ...", due=due, effective_due=effective), "2024-01-10", WINDOW)
    assert days(found) == ([effective or due] if kept else [])


def test_no_overdue_drops_what_fell_before_the_window():
    window = Window(D(2024, 3, 4), D(2024, 3, 17), today=D(2024, 3, 4), overdue=False)
    assert occurrences(deadline("до 1 февраля", due="2024-02-01"), None, window) == []
    assert days(occurrences(deadline("до 5 марта", due="2024-03-05"), None, window)) == ["2024-03-05"]


def test_a_window_before_today_keeps_its_own_days_only_once():
    window = Window(D(2024, 3, 4), D(2024, 3, 10), today=D(2024, 3, 20))
    assert days(occurrences(deadline("x", due="2024-03-05"), None, window)) == ["2024-03-05"]
    assert days(occurrences(deadline("x", due="2024-03-15"), None, window)) == []  # between window and today


def test_time_is_kept_as_written():
    found = occurrences(deadline("не позднее 9:00 (МСК) 10 марта", due="2024-03-10T09:00:00+03:00",
                                 timezone="Europe/Moscow"), None, WINDOW)
    assert found == [(D(2024, 3, 10), "09:00")]


def test_undated_kinds_give_nothing():
    for kind in ("continuous", "asap", "as_established", "unparsed"):
        assert occurrences(deadline("постоянно", kind), "2024-03-01", WINDOW) == []


def test_weekly_from_the_protocol_date():
    rule = deadline("по понедельникам", "recurring", rrule="FREQ=WEEKLY;BYDAY=MO")
    assert days(occurrences(rule, "2024-02-20", WINDOW)) == ["2024-03-04", "2024-03-11"]
    # a protocol dated after the window starts: nothing before it
    assert days(occurrences(rule, "2024-03-06", WINDOW)) == ["2024-03-11"]
    assert occurrences(rule, None, WINDOW) == []  # no anchor at all


def test_recurring_until_from_the_field_and_from_the_rule():
    field = deadline("еженедельно до 12 марта", "recurring", rrule="FREQ=WEEKLY;BYDAY=FR", until="2024-03-12")
    assert days(occurrences(field, "2024-01-09", WINDOW)) == ["2024-03-08"]
    written = deadline("еженедельно до 12 марта", "recurring", rrule="FREQ=WEEKLY;BYDAY=FR;UNTIL=20240312")
    assert days(occurrences(written, "2024-01-09", WINDOW)) == ["2024-03-08"]
    ended = deadline("еженедельно до 1 марта", "recurring", rrule="FREQ=DAILY", until="2024-03-01")
    assert occurrences(ended, "2024-01-09", WINDOW) == []


def test_recurring_start_and_time():
    rule = deadline("с 12 марта ежедневно до 18:00", "recurring", rrule="FREQ=DAILY;BYHOUR=18;BYMINUTE=0",
                    start="2024-03-15")
    found = occurrences(rule, "2024-01-09", WINDOW)
    assert days(found) == ["2024-03-15", "2024-03-16", "2024-03-17"]
    assert {t for _, t in found} == {"18:00"}


def test_monthly_and_quarterly():
    monthly = deadline("ежемесячно до 5 числа", "recurring", rrule="FREQ=MONTHLY;BYMONTHDAY=5")
    window = Window(D(2024, 1, 1), D(2024, 4, 30), today=D(2024, 1, 1))
    assert days(occurrences(monthly, "2023-12-20", window)) == ["2024-01-05", "2024-02-05", "2024-03-05", "2024-04-05"]
    quarterly = deadline("ежеквартально до 10 числа", "recurring", rrule="FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10")
    assert days(occurrences(quarterly, "2023-12-20", Window(D(2024, 1, 1), D(2024, 12, 31), D(2024, 1, 1)))) == [
        "2024-01-10", "2024-04-10", "2024-07-10", "2024-10-10"]


def test_working_day_rule_on_the_production_calendar():
    # January 2024: 1-8 are holidays, so the 3rd working day is the 11th; May 2024: 1 and 9-10 off
    rule = deadline("до 3-го рабочего дня месяца", "recurring", rrule="FREQ=MONTHLY", working_day=3)
    window = Window(D(2024, 1, 1), D(2024, 5, 31), today=D(2024, 1, 1))
    assert days(occurrences(rule, "2023-12-25", window)) == [
        "2024-01-11", "2024-02-05", "2024-03-05", "2024-04-03", "2024-05-06"]
    last = deadline("в последний рабочий день месяца", "recurring", rrule="FREQ=MONTHLY", working_day=-1)
    # 2024-03-31 is a Sunday; 2024-04-27 (a Saturday) was worked, 29-30 April were days off
    assert days(occurrences(last, "2024-03-01", Window(D(2024, 3, 1), D(2024, 4, 30), D(2024, 3, 1)))) == [
        "2024-03-29", "2024-04-27"]


def test_working_day_rule_respects_start_and_until():
    rule = deadline("до 3-го рабочего дня", "recurring", rrule="FREQ=MONTHLY", working_day=3, until="2024-03-01")
    window = Window(D(2024, 1, 1), D(2024, 5, 31), today=D(2024, 1, 1))
    assert days(occurrences(rule, "2024-01-20", window)) == ["2024-02-05"]


def test_nth_working_day_past_the_month():
    assert nth_working_day(2024, 2, 25) is None
    assert nth_working_day(2024, 2, 1) == D(2024, 2, 1)


def test_unreadable_rule_and_huge_window_are_bounded():
    assert expand("FREQ=NEVER", D(2024, 1, 1), None, None, D(2024, 1, 1), D(2024, 2, 1)) == ()
    found = expand("FREQ=DAILY", D(1990, 1, 1), None, None, D(1990, 1, 1), D(2099, 1, 1))
    assert len(found) == 5000


@pytest.mark.parametrize("rule", [
    "FREQ=DAILY", "FREQ=WEEKLY", "FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=0", "FREQ=MONTHLY",
    "FREQ=MONTHLY;BYMONTHDAY=5", "FREQ=MONTHLY;BYDAY=1MO", "FREQ=YEARLY", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10",
    "FREQ=WEEKLY;INTERVAL=2", "FREQ=DAILY;COUNT=900", "FREQ=MONTHLY;BYMONTHDAY=-1"])
def test_an_old_start_gives_what_dateutil_gives_from_it(rule):
    """Starts far before the window are moved to share cached expansions: never a change."""
    from dateutil.rrule import rrulestr

    window = Window(D(2026, 2, 20), D(2027, 3, 10), D(2026, 2, 20))
    for start in (D(2021, 1, 31), D(2022, 8, 17), D(2023, 6, 20), D(2024, 2, 29), D(2025, 12, 30), D(2026, 2, 3)):
        found = occurrences(deadline("x", "recurring", rrule=rule), start.isoformat(), window)
        expected = rrulestr(rule, dtstart=dt.datetime.combine(start, dt.time())).between(
            dt.datetime(2026, 2, 20), dt.datetime(2027, 3, 10, 23, 59), inc=True)
        assert days(found) == [x.date().isoformat() for x in expected], (rule, start)



@pytest.mark.parametrize(("rule", "start", "until", "expected"), [
    ("FREQ=DAILY", "2024-03-17", None, ["2024-03-17"]),                 # starts on the window's last day
    ("FREQ=DAILY", "2024-03-18", None, []),                             # starts after it: not expanded
    ("FREQ=WEEKLY;BYDAY=MO", "2024-03-11", None, ["2024-03-11"]),
    ("FREQ=WEEKLY;BYDAY=MO", "2024-02-01", "2024-03-04", ["2024-03-04"]),  # ends on its first day
    ("FREQ=WEEKLY;BYDAY=MO", "2024-02-01", "2024-03-03", []),           # ends before it: not expanded
    ("FREQ=WEEKLY;BYDAY=MO;UNTIL=20240303", "2024-02-01", None, []),
    ("FREQ=WEEKLY;BYDAY=MO", "2024-02-01", "2024-03-10", ["2024-03-04"]),
])
def test_a_rule_outside_the_window_gives_nothing_and_one_at_its_edges_its_days(rule, start, until, expected):
    found = occurrences(deadline("x", "recurring", rrule=rule, start=start, until=until), "2024-01-10", WINDOW)
    assert days(found) == expected
