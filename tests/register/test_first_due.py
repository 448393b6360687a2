"""The register's "Первый срок" of recurring deadlines, the working-day ones included."""

from __future__ import annotations

import dataclasses
import datetime as dt

from protokol.api import parse_text
from protokol.output import register

WORKING_DAY = """ПРОТОКОЛ
совещания по исполнению бюджета
от 12.03.2024 № 7

1. Финансовому управлению представлять отчет об исполнении бюджета ежемесячно не позднее 5 рабочего дня месяца, следующего за отчетным.
2. Отделу кадров представлять сведения ежеквартально не позднее 3 рабочего дня первого месяца квартала.
"""


def _cells(text: str) -> list[dict]:
    found = register.rows([parse_text(text, name="wd.txt")])
    return [dict(zip(register.COLUMNS, row)) for row in found]


def test_working_day_first_due_is_the_nth_working_day_after_the_protocol():
    rows = _cells(WORKING_DAY)
    monthly = next(r for r in rows if r["Пункт"] == "1")
    # the 5th working day of March 2024 (the 7th) is before the protocol; April's is the 5th
    assert monthly["Первый срок"] == dt.date(2024, 4, 5)
    assert monthly["Как получена дата"] == "по тексту"


def test_working_day_first_due_follows_the_months_of_its_rule():
    rows = _cells(WORKING_DAY)
    quarterly = next(r for r in rows if r["Пункт"] == "2")
    first = quarterly["Первый срок"]
    assert isinstance(first, dt.date)
    assert first.month in (1, 4, 7, 10) and first > dt.date(2024, 3, 12)


def test_working_day_first_due_starts_at_the_deadline_start():
    deadline = parse_text(WORKING_DAY).sections[0].directives[0].deadlines[0]
    assert deadline.working_day == 5
    later = dataclasses.replace(deadline, start="2024-06-01")
    assert register.first_due(later, "2024-03-12") == dt.date(2024, 6, 7)
