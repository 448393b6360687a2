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


# ---------------------------------------------------------------- the derived table


def test_the_table_is_derived_from_the_installed_holidays_and_the_overrides_file():
    """Fails when holidays was upgraded or ru-overrides.yaml edited without
    `python scripts/gen_calendar_table.py` (the library then reads holidays directly)."""
    import json

    from protokol.grammar_files import grammar_text

    assert json.loads(grammar_text(calendar.TABLE)) == calendar.build_table(), (
        "grammars/calendar/ru-table.json is stale: run python scripts/gen_calendar_table.py"
    )


def test_the_table_answers_as_holidays_does_for_every_year_it_holds():
    assert calendar._table() is not None  # the installed holidays is the table's
    for year in calendar.YEARS:
        assert (calendar._public_holidays(year), calendar._weekend_workdays(year)) == calendar._from_holidays(year)
    assert calendar.overrides() == calendar.load_overrides(calendar.read_grammar_yaml(calendar.FILE))


def test_holidays_version_is_read_without_importing_holidays():
    import subprocess
    import sys

    code = (
        "import sys, datetime as dt\n"
        "from protokol.deadlines import calendar\n"
        "assert calendar.is_working_day(dt.date(2024, 4, 27)) and not calendar.is_working_day(dt.date(2020, 4, 15))\n"
        "assert 'holidays' not in sys.modules and 'yaml' not in sys.modules, sorted(sys.modules)\n"
        "print(calendar.holidays_version())\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    import holidays

    assert proc.stdout.strip() == holidays.__version__


@pytest.fixture
def fresh_calendar():
    caches = (calendar._table, calendar.overrides, calendar._public_holidays, calendar._weekend_workdays,
              calendar.is_working_day)
    for cache in caches:
        cache.cache_clear()
    yield
    for cache in caches:
        cache.cache_clear()


def test_another_holidays_version_falls_back_to_holidays(monkeypatch, fresh_calendar):
    monkeypatch.setattr(calendar, "holidays_version", lambda: "0.0-not-the-table's")
    assert calendar._table() is None
    asked = []
    real = calendar._from_holidays.__wrapped__
    monkeypatch.setattr(calendar, "_from_holidays", lambda year: asked.append(year) or real(year))
    assert calendar.is_working_day(D("2023-02-24")) is False  # a transfer holidays.RU knows
    assert calendar.is_working_day(D("2024-04-29")) is False
    assert asked == [2023, 2024]


def test_a_changed_overrides_file_is_read_from_yaml(monkeypatch, fresh_calendar):
    text = calendar.grammar_text(calendar.FILE)
    data = calendar.read_grammar_yaml(calendar.FILE)
    data["non_working"].append({"date": D("2023-06-21"), "source": "a test"})
    monkeypatch.setattr(calendar, "grammar_text", lambda name: text + "# edited\n")
    monkeypatch.setattr(calendar, "read_grammar_yaml", lambda name: data)
    assert D("2023-06-21") in calendar.overrides()[0]
    assert calendar.is_working_day(D("2023-06-21")) is False  # a Wednesday


def test_years_outside_the_table_come_from_holidays(fresh_calendar):
    assert 2101 not in calendar.YEARS
    assert calendar.is_working_day(D("2101-01-01")) is False  # New Year holidays
    assert calendar.is_working_day(D("2101-01-10")) is True
