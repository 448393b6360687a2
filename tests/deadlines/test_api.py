"""parse_deadline / explain / default_deadline: the contract around the grammar."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.deadlines import scan_deadlines, default_deadline, explain, parse_deadline
from protokol.model import Deadline
from tests.deadlines.conftest import PROTOCOL_DATE


def test_unrecognised_text_is_one_unparsed_deadline():
    assert parse_deadline("по согласованию с заказчиком", PROTOCOL_DATE) == [
        Deadline(text="по согласованию с заказчиком", kind="unparsed")
    ]
    assert parse_deadline("", PROTOCOL_DATE) == [Deadline(text="", kind="unparsed")]
    assert parse_deadline("  31 июня 2023 г. ", PROTOCOL_DATE) == [Deadline(text="31 июня 2023 г.", kind="unparsed")]


def test_several_deadlines_and_labels():
    text = "до 1 июля 2023 г. (первый этап), до 1 октября 2023 г. (второй этап)"
    found = explain(text, PROTOCOL_DATE)
    assert [(e.deadline.text, e.deadline.due) for e in found] == [
        ("до 1 июля 2023 г.", "2023-07-01"), ("до 1 октября 2023 г.", "2023-10-01")
    ]
    assert [(e.start, e.end) for e in found] == [(0, 17), (33, 53)]
    assert all(text[e.start:e.end] == e.deadline.text for e in found)


def test_a_leftover_that_looks_like_a_deadline_is_kept_unparsed():
    """Only a leftover holding a date-like token is unparsed; other words are not reported."""
    found = parse_deadline("до 1 июля 2023 г., далее – по итогам 3 этапа и к 31.06", PROTOCOL_DATE)
    assert [(d.kind, d.text) for d in found] == [("once", "до 1 июля 2023 г."), ("unparsed", "к 31.06")]
    found = parse_deadline("до 15 числа каждого квартала (отчет по форме 2)", PROTOCOL_DATE)
    assert [(d.kind, d.text, d.rrule) for d in found] == [
        ("recurring", "до 15 числа каждого квартала", "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=15"),
    ]
    found = parse_deadline("провести в мае или позже, по согласованию", PROTOCOL_DATE)
    assert [d.kind for d in found] == ["period"]
    found = parse_deadline("сдать отчет в четверьг 12.13", PROTOCOL_DATE)
    assert [(d.kind, d.text) for d in found] == [("unparsed", "сдать отчет в четверьг 12.13")]


def test_a_clause_gives_only_its_deadlines():
    found = parse_deadline("1. Провести 14 мая 2024 года смотр-конкурс хоров.", PROTOCOL_DATE)
    assert [(d.kind, d.text, d.bound, d.due) for d in found] == [("once", "14 мая 2024 года", "on", "2024-05-14")]
    assert scan_deadlines("Утвердить состав комиссии.", PROTOCOL_DATE) == []
    assert [d.kind for d in parse_deadline("Утвердить состав комиссии.", PROTOCOL_DATE)] == ["unparsed"]


def test_explain_names_rule_and_stage():
    (item,) = explain("Срок – до 12:00 (МСК) четверга.", PROTOCOL_DATE)
    assert (item.start, item.end, item.rule, item.stage) == (7, 30, "recurring.weekday_by_time", "recurring")
    (item,) = explain("непонятно когда", PROTOCOL_DATE)
    assert (item.rule, item.stage, item.deadline.kind) == ("fallback.unparsed", "fallback", "unparsed")


def test_without_a_protocol_date_nothing_is_guessed():
    assert parse_deadline("до 1 июля", None)[0] == Deadline(text="до 1 июля", kind="once", bound="by")
    assert parse_deadline("в течение 10 рабочих дней", None)[0].due is None
    assert parse_deadline("до 1 июля 2023 г.", None)[0].due == "2023-07-01"
    assert parse_deadline("срочно", None)[0] == Deadline(text="срочно", kind="asap")
    assert default_deadline(None) is None


def test_default_deadline():
    assert default_deadline(PROTOCOL_DATE) == Deadline(
        text="", kind="relative", bound="by", due="2023-07-20", derived_by="federal.no_deadline"
    )
    assert default_deadline(dt.date(2023, 1, 31)).due == "2023-02-28"  # clamped to the month's end
    moved = default_deadline(dt.date(2023, 6, 1))  # 1 July 2023 is a Saturday
    assert (moved.due, moved.effective_due, moved.derived_by) == (
        "2023-07-01", "2023-06-30", "federal.no_deadline+federal.roll_back"
    )
    assert default_deadline(PROTOCOL_DATE, rules="none") is None


def test_rules_and_roll_are_checked():
    with pytest.raises(ValueError, match="rules"):
        parse_deadline("до 1 июля", PROTOCOL_DATE, rules="regional")
    with pytest.raises(ValueError, match="roll"):
        parse_deadline("до 1 июля", PROTOCOL_DATE, roll="sideways")
    with pytest.raises(TypeError):
        parse_deadline("до 1 июля", 20230620)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        parse_deadline("до 1 июля", "20.06.2023")
    assert parse_deadline("до 1 июля", "2023-06-20") == parse_deadline("до 1 июля", PROTOCOL_DATE)


def test_nothing_depends_on_today():
    text = "до 1 декабря"
    assert parse_deadline(text, dt.date(2019, 12, 2))[0].due == "2020-12-01"
    assert parse_deadline(text, dt.date(2030, 11, 30))[0].due == "2030-12-01"


def test_output_is_deterministic():
    texts = ["ежедневно до 18:00 (МСК) до 31 июля 2023 г.", "в III квартале 2023 г.", "2 раза в месяц"]
    first = [parse_deadline(t, PROTOCOL_DATE) for t in texts]
    assert first == [parse_deadline(t, PROTOCOL_DATE) for t in texts]


def test_cached_results_are_not_shared_mutable_state():
    from protokol.deadlines import explain

    first = explain("до 1 июля 2023 г.", PROTOCOL_DATE)
    first.clear()
    again = parse_deadline("до 1 июля 2023 г.", PROTOCOL_DATE)
    assert [d.due for d in again] == ["2023-07-01"]
    assert parse_deadline("до 1 июля", PROTOCOL_DATE)[0].due != parse_deadline("до 1 июля", dt.date(2024, 8, 1))[0].due
