"""table: the rich terminal view as a string."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from protokol.model import Deadline, Directive, Links, Location, ParseResult, Protocol, Section, Source
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


# ---------------------------------------------------------------- fitting the terminal

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "protocol-2023-06-20-D05-78.docx"
WORD = re.compile(r"(?<![\w-])[А-Яа-яЁё]+(?![\w…-])")  # a whole word: not cut short, not after a hyphen
RUN = re.compile(r"[А-Яа-яЁё]+")


@pytest.fixture(scope="module")
def sample():
    from protokol.convert import parse_source

    return parse_source(str(SAMPLE))


def test_sample_fits_80_columns_without_splitting_a_word(sample):
    text = table.render([sample], width=80)
    lines = text.splitlines()
    assert max(len(line) for line in lines) == 80
    document = set(RUN.findall(json.dumps(sample.to_dict(), ensure_ascii=False)))
    document |= set(RUN.findall(" ".join(table.describe(x) for s in sample.sections for d in s.directives
                                          for x in d.deadlines)))
    printed = {w for line in lines for cell in line.split("│") for w in WORD.findall(cell.strip())}
    labels = {"Пункт", "Поручение", "Исполнители", "Срок", "Протокол", "от", "Председатель", "Файл", "Докладчики",
              "к", "сведению", "группа", "то", "же", "просрочен", "факт", "Предупреждения"}
    assert printed - document - labels == set()
    assert len(lines) < 700  # 1,300 lines when words were folded into 9-column cells


def test_fit_wraps_at_spaces_and_hyphens_and_shortens():
    assert table.fit("образовательно-производственных центров", 16) == "образовательно-\nпроизводственных\nцентров"
    assert table.fit("один два три четыре пять", 9, lines=2) == "один два\nтри…"
    assert table.fit("Представителям", 8) == "Предста…"
    assert table.fit("см. https://example.org/a/very/long/path", 12) == "см.\nhttps://exam\nple.org/a/ve\nry/long/path"


def _item(id_: str, addressees: tuple[str, ...], **extra) -> Directive:
    return Directive(id_, id_, None, "task", "Сделать.", addressees, (), None, (), Links(), Location(1))


def test_repeated_addressees_are_written_once_then_same():
    lead = "Органам исполнительной власти субъектов Российской Федерации совместно с муниципалитетами"
    items = (_item("1.1", (lead,)), _item("1.2", (lead,)), _item("1.3", ("Минфину России",)))
    result = ParseResult(Source("p.txt", "txt", "0"), Protocol(), (Section("1", "Раздел", (), items),))
    text = table.render([result], width=100)
    assert text.count("Органам") == 1 and "совместно" not in text
    assert "то же" in text and "Минфину России" in text


def test_executors_are_shown_when_the_model_has_them():
    class WithExecutors:  # the contract 1.1 field, as another branch adds it to Directive
        def __init__(self, directive: Directive) -> None:
            self._d = directive
            self.executors = (type("E", (), {"name": "Минфин России", "role": "executor"})(),)

        def __getattr__(self, name: str):
            return getattr(self._d, name)

    item = WithExecutors(_item("1", ("Министерству финансов Российской Федерации",)))
    result = ParseResult(Source("p.txt", "txt", "0"), Protocol(), (Section("1", "Раздел", (), (item,)),))
    text = table.render([result], width=100)
    assert "Минфин России" in text and "Министерству" not in text
