"""A term written both in the item's text and on its "Срок:" line is one deadline: the text's
copy is dropped when it says the same thing in other words, kept when it says another."""

from __future__ import annotations

from protokol.structure.clause import read_clause
from tests.structure.conftest import by_id, parse_lines

HEAD = ("ПРОТОКОЛ", "совещания", "от 2 февраля 2029 г. № 4")


def _terms(directive):
    return [(d.text, d.due) for d in directive.deadlines]


def test_the_same_date_in_the_text_and_on_the_term_line():
    found = by_id(parse_lines(*HEAD, "1. Подрядчику завершить работы до 20 апреля 2029 года.",
                              "Срок: до 20.04.2029."))
    assert _terms(found["1"]) == [("до 20.04.2029", "2029-04-20")]


def test_another_date_in_the_text_is_kept():
    found = by_id(parse_lines(*HEAD, "1. Подрядчику завершить работы до 20 апреля 2029 года.",
                              "Срок: до 25.04.2029."))
    assert _terms(found["1"]) == [("до 25.04.2029", "2029-04-25"), ("до 20 апреля 2029 года", "2029-04-20")]


def test_a_recurring_term_written_twice():
    found = by_id(parse_lines(*HEAD, "1. Отделу представлять сводку еженедельно по пятницам.",
                              "Срок: еженедельно, по пятницам."))
    assert [d.rrule for d in found["1"].deadlines] == ["FREQ=WEEKLY;BYDAY=FR"]


def test_a_whole_clause_read_alike():
    found = read_clause("1. Подрядчику завершить работы до 20 апреля 2029 года. Срок: до 20.04.2029.",
                        "2029-02-02")
    assert [(d.text, d.due) for d in found] == [("до 20.04.2029", "2029-04-20")]


def test_a_bracket_restating_the_day():
    found = by_id(parse_lines(*HEAD, "1. Школам провести линейки до 1 сентября 2029 года (к новому учебному году)."))
    assert _terms(found["1"]) == [("до 1 сентября 2029 года", "2029-09-01")]


def test_two_days_stay_two():
    from protokol.deadlines import read_deadline, scan_deadlines

    assert [d.due for d in read_deadline("16 и 17 марта 2029 г.", "2029-02-02")] == ["2029-03-16", "2029-03-17"]
    said_twice = "до 1 сентября 2029 года (к новому учебному году)"
    assert [d.due for d in read_deadline(said_twice, "2029-02-02")] == ["2029-09-01"]  # one expression
    # running text keeps every span it holds (the clause reading above drops the second)
    assert [d.due for d in scan_deadlines(said_twice, "2029-02-02")] == ["2029-09-01", "2029-09-01"]


def test_the_control_clause_takes_no_default_term():
    # under the federal rules a task with no term is due in a month; who controls delivers nothing
    result = parse_lines(*HEAD, "1. Отделу культуры провести фестиваль.",
                         "2. Контроль за исполнением настоящего протокола возложить на заместителя главы Котова К.К.",
                         rules="federal")
    found = by_id(result)
    assert [(x.derived_by, x.due) for x in found["1"].deadlines] == [("federal.no_deadline", "2029-03-02")]
    assert found["2"].deadlines == () and found["2"].kind == "task"
