"""agenda.collect: occurrences across protocols, status, order, executor filter, groups."""

from __future__ import annotations

import datetime as dt

import pytest

from protokol.agenda import Window, agenda
from protokol.agenda.collect import status
from protokol.agenda.executors import executor_names, short_addressee
from tests.agenda.helpers import deadline, protocol, task

D = dt.date
TODAY = D(2024, 3, 6)  # a Wednesday
WINDOW = Window(TODAY, TODAY + dt.timedelta(days=14), TODAY)

FIRST = protocol(
    "12-пр", "2024-02-20",
    task("I.1", "Минфину России подготовить предложения по финансированию программы.",
         deadline("до 1 марта 2024 г.", due="2024-03-01"), addressees=("Минфину России",)),
    task("I.2", "Минэкономразвития России представить доклад.",
         deadline("до 8 марта 2024 г.", due="2024-03-08", effective_due="2024-03-07"),
         addressees=("Минэкономразвития России",)),
    task("I.3", "Представлять сведения еженедельно.", deadline("по понедельникам", "recurring",
                                                                rrule="FREQ=WEEKLY;BYDAY=MO"),
         addressees=("Органам исполнительной власти субъектов Российской Федерации совместно с муниципалитетами",)),
    task("I.4", "Принять к сведению.", deadline("до 7 марта", due="2024-03-07"), kind="note"),
    task("I.5", "Обеспечить постоянно.", deadline("постоянно", "continuous"), addressees=("Минфину России",)),
    path="a.txt")
SECOND = protocol(
    "3", "2024-01-15",
    task("1", "Рассмотреть вопрос на заседании.", deadline("6 марта 2024 г.", due="2024-03-06", bound="on"),
         addressees=("Министерству финансов края",),
         executors=[{"name": "Минфин края", "as_written": "Министерству финансов края", "type": "organization",
                     "role": "executor"},
                    {"name": "Совет", "as_written": "Совету", "type": "organization", "role": "co_executor"}]),
    path="b.txt")


def ids(items):
    return [(o.date.isoformat(), o.item) for o in items]


def test_every_occurrence_sorted_by_day_with_overdue_first():
    items = agenda([FIRST, SECOND], WINDOW)
    assert ids(items) == [("2024-03-01", "I.1"), ("2024-03-06", "1"), ("2024-03-07", "I.2"),
                          ("2024-03-11", "I.3"), ("2024-03-18", "I.3")]
    assert [o.status for o in items] == ["overdue", "today", "this_week", "later", "later"]


def test_notes_and_undated_kinds_are_not_listed():
    items = agenda([FIRST], WINDOW)
    assert "I.4" not in {o.item for o in items} and "I.5" not in {o.item for o in items}


def test_status_boundaries():
    assert status(D(2024, 3, 5), TODAY) == "overdue"
    assert status(TODAY, TODAY) == "today"
    assert status(D(2024, 3, 10), TODAY) == "this_week"  # Sunday of the same week
    assert status(D(2024, 3, 11), TODAY) == "later"


@pytest.mark.parametrize(("query", "found"), [
    ("Минфин", {"I.1", "1"}),            # a short form finds "Минфину России" and "Минфин края"
    ("минфина россии", {"I.1"}),          # another case, lower case: not the region's
    ("МИНЭКОНОМРАЗВИТИЯ", {"I.2"}),
    ("органы власти", {"I.3"}),           # plural nominative finds the dative phrase
    ("Минфин края", {"1"}),               # executors (contract 1.1) are searched too
    ("Росстат", set()),
])
def test_executor_filter_ignores_case_and_form(query, found):
    assert {o.item for o in agenda([FIRST, SECOND], WINDOW, executor=query)} == found


def test_executors_are_preferred_to_addressees_and_addressees_are_shortened():
    items = {o.item: o for o in agenda([FIRST, SECOND], WINDOW)}
    assert items["1"].executors == ("Минфин края",)  # the co-executor is not the executor
    assert items["I.3"].executor == "Органам исполнительной власти субъектов Российской Федерации"
    assert executor_names({"addressees": ["Минфину России", "Минфину России"]}) == ("Минфину России",)


def test_short_addressee():
    assert short_addressee("Минфину России (Иванову И.И.)") == "Минфину России"
    assert short_addressee("Руководителям органов власти субъектов Российской Федерации в сфере образования") == (
        "Руководителям органов власти субъектов Российской Федерации…")


def test_group_by_executor_protocol_date():
    by_executor = agenda([FIRST, SECOND], WINDOW, group_by="executor")
    assert [o.executor for o in by_executor] == ["Минфин края", "Минфину России", "Минэкономразвития России",
                                                 *["Органам исполнительной власти субъектов Российской Федерации"] * 2]
    by_protocol = agenda([FIRST, SECOND], WINDOW, group_by="protocol")
    assert [o.protocol_number for o in by_protocol] == ["3", "12-пр", "12-пр", "12-пр", "12-пр"]
    assert [o.date for o in by_protocol[1:]] == sorted(o.date for o in by_protocol[1:])  # by day inside a group
    assert by_protocol[0].group("protocol") == "№ 3 от 15.01.2024"
    by_date = agenda([FIRST, SECOND], WINDOW, group_by="date")
    assert ids(by_date) == ids(agenda([FIRST, SECOND], WINDOW))
    with pytest.raises(ValueError):
        agenda([FIRST], WINDOW, group_by="colour")


def test_to_dict_keeps_the_full_text_and_the_deadline():
    item = agenda([FIRST], WINDOW)[0].to_dict()
    assert item["text"] == "Минфину России подготовить предложения по финансированию программы."
    assert item["protocol"] == {"number": "12-пр", "date": "2024-02-20", "source": "a.txt"}
    assert item["deadline"]["text"] == "до 1 марта 2024 г." and item["status"] == "overdue"


def test_same_input_same_output_whatever_the_order_of_protocols():
    assert ids(agenda([FIRST, SECOND], WINDOW)) == ids(agenda([SECOND, FIRST], WINDOW))


@pytest.mark.parametrize("executors", [
    [], [{"name": "Минфин края", "role": "executor"}, {"name": "Минюст", "role": "co_executor"}],
    [{"name": "Минюст", "role": "co_executor"}], [{"name": None, "role": "co_executor"}],
    [{"name": "Минфин края"}, {"name": "Минфин края", "role": None}],
])
def test_executors_of_a_dict_and_of_an_object_are_the_same(executors):
    """The quick reading of a contract dict gives what the general one gives."""
    from types import SimpleNamespace

    directive = {"addressees": ["Минфину России (Иванову И.И.)"], "executors": executors}
    as_object = SimpleNamespace(addressees=directive["addressees"],
                                executors=[SimpleNamespace(**e) for e in executors])
    assert executor_names(directive) == executor_names(as_object)
    assert executor_names(directive)  # never empty while there is an addressee


def test_the_executor_filter_answers_the_same_when_asked_again():
    from protokol.agenda.executors import executor_filter

    wanted = executor_filter("Минфин")
    for _ in range(2):
        assert wanted(("Минфину России",)) and wanted(["Минфину России"])
        assert not wanted(("Минюсту России",)) and not wanted(["Минюсту России"])
