"""Dates at the ends of the calendar: a deadline past 9999-12-31 (or before 0001-01-01)
cannot be written, so it is kept as written with due null ("unparsed", which a parse
reports with the warning unparsed_deadline), never an OverflowError."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from protokol.deadlines import default_deadline, parse_deadline, scan_deadlines

EXPRESSIONS = [
    "в течение 30 дней", "в течение 10 рабочих дней", "через 2 недели", "в течение месяца",
    "в течение квартала", "в месячный срок", "в 3-дневный срок", "не позднее 10 дней", "в течение 100 лет",
    "в течение 999 месяцев", "до конца года", "до конца следующего месяца", "до конца следующего года",
    "до конца недели", "до конца следующей недели", "до конца квартала", "в I полугодии", "в мае",
    "до 1 июля", "до 31 декабря", "до 1 января", "с 1 по 15 июля", "с июля по сентябрь", "срочно",
    "оперативно", "еженедельно", "ежемесячно до 5 числа", "по пятницам до 31 декабря", "в понедельник",
    "до 18 часов", "еженедельно, начиная с 1 июля", "ежедневно до 18:00 (МСК) до 31 декабря",
    "2 раза в месяц", "каждые две недели", "ежегодно до 1 февраля", "до 12.06",
]
DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
EDGES = st.one_of(
    DATES,
    st.dates(min_value=dt.date(9990, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(1, 12, 31)),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(date=EDGES, text=st.sampled_from(EXPRESSIONS), roll=st.sampled_from(["back", "forward", "none"]))
@example(date=dt.date(9999, 12, 20), text="в течение 30 дней", roll="back")
@example(date=dt.date(9999, 12, 31), text="до конца следующего месяца", roll="forward")
@example(date=dt.date(1, 1, 1), text="до 1 января", roll="back")
def test_never_raises_at_any_date(date, text, roll):
    found = parse_deadline(text, date, roll=roll)
    assert found and all(d.text for d in found)
    for d in found:
        assert d.kind == "unparsed" or d.due is None or "0001-01-01" <= d.due[:10] <= "9999-12-31"
    scan_deadlines(f"Обеспечить {text}.", date)
    default_deadline(date, roll=roll)


def test_past_the_calendar_is_kept_as_written():
    (d,) = parse_deadline("в течение 30 дней", dt.date(9999, 12, 20))
    assert (d.text, d.kind, d.due) == ("в течение 30 дней", "unparsed", None)
    (d,) = parse_deadline("в течение 5 дней", dt.date(9999, 12, 20))
    assert (d.kind, d.due) == ("relative", "9999-12-25")
    (d,) = parse_deadline("до конца следующего месяца", dt.date(9999, 12, 20))
    assert (d.kind, d.due) == ("unparsed", None)
    assert default_deadline(dt.date(9999, 12, 20)) is None
    assert default_deadline(dt.date(9999, 11, 20)).due == "9999-12-20"


def _protokol(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "protokol", *args], input=stdin, capture_output=True,
                          text=True, timeout=60)


def test_cli_deadline_past_9999(tmp_path):
    proc = _protokol("deadline", "в течение 30 дней", "--date", "9999-12-20")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    (d,) = json.loads(proc.stdout)
    assert (d["text"], d["due"]) == ("в течение 30 дней", None)
    path = tmp_path / "p.txt"
    path.write_text("ПРОТОКОЛ\n1. Иванову подготовить отчет.\nСрок – в течение 30 дней.\n2. Петрову учесть.\n",
                    encoding="utf-8")
    proc = _protokol("parse", str(path), "--date", "9999-12-20")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    result = json.loads(proc.stdout)
    (first, second) = result["sections"][0]["directives"]
    assert [(d["text"], d["due"]) for d in first["deadlines"]] == [("в течение 30 дней.", None)]
    assert second["deadlines"] == []  # no default deadline past 9999-12-31
    assert [w["code"] for w in result["warnings"]] == ["unparsed_deadline"]
