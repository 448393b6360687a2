"""table: the rich terminal view as a string."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.model import Deadline
from protokol.output import table

ANSI = "\x1b["


def test_plain_text_no_escape_codes(results):
    text = table.render(results)
    assert ANSI not in text
    lines = text.splitlines()
    assert lines[0] == "Протокол № Д05-78/05пр от 20.06.2023"
    assert "Председатель: В.С. Неумывакин" in lines
    assert "IV. Об информационно-медийном сопровождении Всероссийской приемной кампании" in lines
    assert "Докладчики: Бондарь О.А." in lines
    assert all(len(line) <= 120 for line in lines)
    assert all(line == line.rstrip() for line in lines)


def test_columns_and_kinds(result):
    text = table.render([result], width=160)
    header = next(line for line in text.splitlines() if "Пункт" in line)
    assert [c.strip() for c in header.strip("│").split("│")] == ["Пункт", "Поручение", "Исполнители", "Срок"]
    for word in ("к сведению", "группа", "еженедельно, пт до 18:00 МСК", "по понедельникам",
                 "не распознан: к очередному"):
        assert word in text


@pytest.mark.parametrize("width", [80, 100, 200])
def test_width(result, width):
    lines = table.render([result], width=width).splitlines()
    assert max(len(line) for line in lines) == width


def test_color_option(result):
    plain = table.render([result])
    colored = table.render([result], color=True)
    assert ANSI not in plain and ANSI in colored


def test_no_overdue_without_today(result):
    assert "просрочен" not in table.render([result], width=200)


def test_overdue_relative_to_today(result):
    text = table.render([result], width=200, today=dt.date(2023, 7, 15))
    assert text.count("просрочен") == 1  # IV.2.9 (30.06.2023); IV.2.1 is due 18.08.2023
    later = table.render([result], width=200, today=dt.date(2023, 9, 1))
    assert later.count("просрочен") == 2
    colored = table.render([result], width=200, color=True, today=dt.date(2023, 7, 15))
    assert "\x1b[1;31m" in colored


@pytest.mark.parametrize("deadline, today, expected", [
    (Deadline("x", "once", "by", due="2023-07-01"), dt.date(2023, 7, 2), True),
    (Deadline("x", "once", "by", due="2023-07-01"), dt.date(2023, 7, 1), False),
    (Deadline("x", "once", "by", due="2023-07-03", effective_due="2023-06-30"), dt.date(2023, 7, 1), True),
    (Deadline("x", "period", due="2023-09-30", start="2023-07-01"), dt.date(2023, 10, 1), True),
    (Deadline("x", "relative", due="2023-07-04T09:00:00+03:00"), dt.date(2023, 7, 5), True),
    (Deadline("x", "recurring", rrule="FREQ=DAILY"), dt.date(2030, 1, 1), False),
    (Deadline("x", "continuous"), dt.date(2030, 1, 1), False),
    (Deadline("x", "once", "by", due="2023-07-01"), None, False),
])
def test_overdue(deadline, today, expected):
    assert table.overdue(deadline, today) is expected


def test_environment_ignored(result, monkeypatch):
    before = table.render([result])
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert table.render([result]) == before


def test_markup_is_not_interpreted(result):
    from dataclasses import replace

    section = result.sections[0]
    item = replace(section.directives[0], text="Направить [bold]отчет[/bold] :smile:")
    result = replace(result, sections=(replace(section, directives=(item,)),))
    assert "[bold]отчет[/bold] :smile:" in table.render([result], width=200)


def test_deterministic_and_empty(results):
    assert table.render(results) == table.render(results)
    assert table.render([]) == ""


def test_today_may_be_a_datetime():
    deadline = Deadline("x", "once", "by", due="2023-07-01")
    assert table.overdue(deadline, dt.datetime(2023, 7, 2, 8, 0)) is True
