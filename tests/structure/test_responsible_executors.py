"""Who acts when an item tells no one but names who answers: the body of its "Ответственный:"
line or cell is its executor, the person in brackets beside it that executor's person, and a
person alone shows in the Исполнители column (as in a table row, so in a text line)."""

from __future__ import annotations

from dataclasses import replace

from protokol.output.table import render
from protokol.structure.annotate import annotate
from tests.structure.conftest import by_id, parse_file, parse_lines


def _who(directive):
    return [(e.name, e.type, e.role, e.person) for e in directive.executors]


def test_a_body_with_its_person_on_an_answer_line_is_the_executor():
    result = parse_lines("ПРОТОКОЛ", "рабочего совещания", "05.09.2027 № 14",
                         "1. Подготовить предложения по ремонту моста через р. Липовку.",
                         "Отв.: комитет дорожного хозяйства (Мельников Т.Р.)",
                         "Срок: до 20.09.2027",
                         "2. Направить сведения о закупках.",
                         "Ответственный: Гусева А.П.")
    found = by_id(result)
    assert found["1"].addressees == ("комитет дорожного хозяйства",)
    assert _who(found["1"]) == [("Комитет дорожного хозяйства", "organization", "executor", "Мельников Т.Р.")]
    assert found["1"].responsible == ("комитет дорожного хозяйства (Мельников Т.Р.)",)
    # a person alone answers, and is no body
    assert found["2"].addressees == () and found["2"].executors == ()
    assert found["2"].responsible == ("Гусева А.П.",)


def test_an_item_that_tells_someone_keeps_its_own_executor():
    result = parse_lines("ПРОТОКОЛ", "05.09.2027 № 14",
                         "1. Отделу экономики (Белова Н.Н.) подготовить отчет.",
                         "Ответственный: комитет финансов.")
    assert _who(by_id(result)["1"]) == [("Отдел экономики", "organization", "executor", "Белова Н.Н.")]


def test_a_table_rows_answer_cell_gives_the_executors_person(docx_file):
    path = docx_file("ПРОТОКОЛ", "заседания штаба", "от 02.08.2027 № 9", "Решили:",
                     [["№", "Поручение", "Ответственный", "Срок"],
                      ["1", "Восстановить освещение в сквере.", "МБУ «Горсвет» (Кротов Л.Л.)", "до 15.08.2027"],
                      ["2", "Доложить о ходе работ.", "Кротов Л.Л.", "к 20.08.2027"]])
    result = parse_file(path)
    found = by_id(result)
    assert _who(found["1"]) == [("МБУ «Горсвет»", "organization", "executor", "Кротов Л.Л.")]
    assert found["2"].executors == () and found["2"].responsible == ("Кротов Л.Л.",)
    # annotate() again gives the same executors, the person found in the responsible too
    assert annotate(result) == result
    # the terminal's Исполнители column: the body, and the person who alone answers
    lines = render([result], width=120).splitlines()
    assert any("Восстановить" in line and "МБУ «Горсвет»" in line for line in lines)
    assert any("Доложить" in line and "Кротов Л.Л." in line for line in lines)


def test_without_the_responsible_the_person_is_not_guessed():
    result = parse_lines("ПРОТОКОЛ", "05.09.2027 № 14", "1. Провести смотр.", "Ответственный: управление спорта (Лис В.В.)")
    directive = by_id(result)["1"]
    bare = replace(directive, responsible=(), executors=())
    again = annotate(replace(result, sections=(replace(result.sections[0], directives=(bare,)),)))
    assert _who(by_id(again)["1"]) == [("Управление спорта", "organization", "executor", None)]
