"""A lead-in ending with ":" over paragraphs that each open with an infinitive and have no
dash or letter ("Комиссии:" / "представить … до 20 апреля;" / "обеспечить …."): each is a task
of the lead-in, with its own term, as if dashed; other paragraphs under an item stay its text."""

from __future__ import annotations

from tests.structure.conftest import parse_lines

HEAD = ("ПРИКАЗ", "от 10 февраля 2029 г. № 7", "О проведении инвентаризации", "ПРИКАЗЫВАЮ:")


def _items(result):
    return [(d.id, d.kind, [x.due for x in d.deadlines if x.text]) for s in result.sections for d in s.directives]


def test_tasks_listed_without_dashes():
    result = parse_lines(*HEAD, "1. Провести инвентаризацию имущества.", "2. Инвентаризационной комиссии:",
                         "представить результаты до 20 апреля 2029 г.;", "обеспечить сохранность документов.",
                         "3. Отделу кадров обеспечить явку работников.")
    assert _items(result) == [("1", "task", []), ("2", "group", []), ("2.-1", "task", ["2029-04-20"]),
                              ("2.-2", "task", []), ("3", "task", [])]
    found = {d.id: d for s in result.sections for d in s.directives}
    assert found["2.-2"].addressees == ("Инвентаризационной комиссии",)


def test_a_line_that_opens_with_no_verb_stays_the_items_text():
    result = parse_lines(*HEAD, "1. Инвентаризационной комиссии провести проверку в следующем составе:",
                         "председатель – Котов К.К., члены – Лисин Л.Л., Мухина М.М.")
    assert _items(result) == [("1", "task", [])]


def test_after_a_sentence_an_infinitive_line_stays_the_items_text():
    # the item ends with a full stop, not ":": no list opens
    result = parse_lines(*HEAD, "1. Провести инвентаризацию имущества.", "обеспечить сохранность документов.")
    assert _items(result) == [("1", "task", [])]
