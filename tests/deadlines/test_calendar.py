"""The Russian production calendar: transfers, worked Saturdays, extra days off."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.deadlines import calendar
from protokol.errors import GrammarError

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2023-02-24", False),  # transferred from 1 January
        ("2023-05-08", False),  # transferred from 8 January
        ("2023-02-22", True),
        ("2023-06-12", False),  # Russia Day
        ("2023-06-17", False),  # an ordinary Saturday
        ("2024-04-27", True),  # worked Saturday
        ("2024-11-02", True),
        ("2024-12-28", True),
        ("2024-04-29", False),
        ("2024-04-30", False),
        ("2024-05-10", False),
        ("2024-12-30", False),
        ("2024-12-31", False),
        ("2020-03-30", False),  # spring 2020, Presidential decrees
        ("2020-04-15", False),
        ("2020-05-07", False),
        ("2020-05-12", True),
        ("2020-07-01", False),
        ("2021-02-20", True),
        ("2021-05-05", False),
        ("2021-11-02", False),
        ("2021-11-05", False),
        ("2022-03-05", True),
        ("2022-03-07", False),
        ("2022-05-03", False),
        ("2022-05-10", False),
        ("2025-11-01", True),
        ("2025-11-03", False),
        ("2025-12-31", False),
        ("2026-01-09", False),
        ("2026-12-31", False),
        ("2026-11-04", False),
        ("2026-11-05", True),
    ],
)
def test_is_working_day(day, working):
    assert calendar.is_working_day(D(day)) is working


def test_previous_and_next_working_day():
    assert calendar.previous_working_day(D("2023-08-20")) == D("2023-08-18")
    assert calendar.previous_working_day(D("2024-12-31")) == D("2024-12-28")
    assert calendar.next_working_day(D("2023-07-01")) == D("2023-07-03")
    assert calendar.next_working_day(D("2023-12-30")) == D("2024-01-09")


def test_add_working_days():
    assert calendar.add_working_days(D("2023-06-20"), 10) == D("2023-07-04")
    assert calendar.add_working_days(D("2023-06-09"), 1) == D("2023-06-13")  # over Russia Day
    assert calendar.add_working_days(D("2024-04-26"), 1) == D("2024-04-27")  # worked Saturday
    assert calendar.add_working_days(D("2023-06-20"), 0) == D("2023-06-20")
    assert calendar.add_working_days(D("2023-07-04"), -10) == D("2023-06-20")


def test_working_days_count():
    assert calendar.working_days(D("2023-06-01"), D("2023-06-30")) == 21
    assert calendar.working_days(D("2024-01-01"), D("2024-12-31")) == 248


def test_overrides_file_is_checked():
    with pytest.raises(GrammarError) as err:
        calendar.load_overrides({"working": [{"date": D("2024-04-27")}]})
    assert err.value.file == "calendar/ru-overrides.yaml" and err.value.rule == "working"
    with pytest.raises(GrammarError):
        calendar.load_overrides({"holidays": []})
    with pytest.raises(GrammarError):
        calendar.load_overrides({"non_working": [{"from": D("2020-05-08"), "to": D("2020-05-06"), "source": "x"}]})


def test_every_listed_working_weekend_is_a_weekend_and_known_to_holidays():
    import holidays

    _, worked = calendar.overrides()
    for day in worked:
        assert day.weekday() >= 5
        assert day in holidays.RU(years=day.year).weekend_workdays
