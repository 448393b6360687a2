"""Whole clauses: the same deadlines through `protokol deadline`, read_deadline and parse."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import protokol
from protokol.deadlines import read_deadline, scan_deadlines

CLAUSES = [
    # (clause, protocol date, [(kind, bound, start, due, rrule)])
    ("1. Провести 14 мая 2024 года смотр-конкурс хоров.", "2024-04-02",
     [("once", "on", None, "2024-05-14", None)]),
    ("2. Провести с 3.10.2022 по 7.10.2022 неделю безопасности.", "2022-09-20",
     [("period", None, "2022-10-03", "2022-10-07", None)]),
    ("3. Организовать и провести 8 и 9 июня 2024 года ярмарку.", "2024-05-20",
     [("once", "on", None, "2024-06-08", None), ("once", "on", None, "2024-06-09", None)]),
    ("4. Во исполнение распоряжения от 3 марта 2021 года № 12-р провести 10 апреля 2021 года субботник.",
     "2021-03-20", [("once", "on", None, "2021-04-10", None)]),
    ("5. Создать с 01.02.2023 единую службу приема обращений.", "2023-01-10",
     [("period", None, "2023-02-01", None, None)]),
    ("6. Установить День рыбака и отмечать его во второе воскресенье июля.", "2020-03-01",
     [("recurring", None, None, None, "FREQ=YEARLY;BYMONTH=7;BYDAY=2SU")]),
    ("День города - 12 сентября;", "2019-01-10",
     [("recurring", None, None, None, "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=12")]),
    ("7. Подготовить план работы на 2025 год и представить его до 1 декабря 2024 года.", "2024-10-01",
     [("once", "by", None, "2024-12-01", None)]),
]


def _tuples(found):
    return [(d.kind, d.bound, d.start, d.due, d.rrule) for d in found]


@pytest.mark.parametrize(("text", "date", "expected"), CLAUSES)
def test_a_clause_gives_its_deadlines_and_nothing_else(text, date, expected):
    assert _tuples(read_deadline(text, date)) == expected
    assert _tuples(scan_deadlines(text, date)) == expected


@pytest.mark.parametrize(("text", "date", "expected"), CLAUSES[:5])
def test_parse_finds_the_same_deadlines_in_a_directive(text, date, expected):
    body = text if text[0].isdigit() else f"1. {text}"
    result = protokol.parse_text(f"ПРОТОКОЛ\nот {date}\n\n{body}\n", date=date, rules="none")
    directives = [d for s in result.sections for d in s.directives]
    assert [_tuples(d.deadlines) for d in directives] == [expected]


def test_the_cli_deadline_reads_a_clause_and_notes_a_missing_date():
    clause = "1. Провести 14 мая смотр-конкурс хоров."
    proc = subprocess.run([sys.executable, "-m", "protokol", "deadline", clause], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0
    assert [(d["kind"], d["text"], d["due"]) for d in json.loads(proc.stdout)] == [("once", "14 мая", None)]
    assert proc.stderr.count("\n") == 1 and "needs --date" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "protokol", "deadline", clause, "--date", "2024-04-02"],
                          capture_output=True, text=True, timeout=60)
    assert proc.stderr == "" and json.loads(proc.stdout)[0]["due"] == "2024-05-14"


def test_a_deadline_before_the_document_date_is_kept_and_warned():
    result = protokol.parse_text("ПРОТОКОЛ\n\n1. Представить отчет до 1 марта 2024 года.\n", date="2024-04-02",
                                 rules="none")
    directive = result.sections[0].directives[0]
    assert [d.due for d in directive.deadlines] == ["2024-03-01"]
    assert [w.code for w in result.warnings] == ["deadline_before_document"]
