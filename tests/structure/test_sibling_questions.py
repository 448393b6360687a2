"""A protocol whose questions are "1. О …" over their speakers and decisions "1.1.", "1.2.":
a later "2. Разное" over "2.1." is a question too, though no speakers or marker follow it."""

from __future__ import annotations

from tests.structure.conftest import parse_lines

HEAD = ("ПРОТОКОЛ", "совещания у главы района", "от 3 марта 2029 г. № 7")


def _sections(result):
    return [(s.number, s.title, [d.id for d in s.directives]) for s in result.sections]


def test_a_question_without_speakers_after_one_with_them():
    result = parse_lines(*HEAD, "1. О подготовке к паводку", "(Сидоров К.К.)",
                         "1.1. Информацию принять к сведению.",
                         "1.2. Отделу ГО и ЧС провести учения до 1 апреля 2029 г.",
                         "2. Разное",
                         "2.1. Финансовому управлению подготовить проект решения о бюджете.",
                         "2.2. Отделу культуры провести конкурс до 1 мая 2029 г.")
    assert _sections(result) == [
        ("1", "О подготовке к паводку", ["1.1", "1.2"]),
        ("2", "Разное", ["2.1", "2.2"]),
    ]
    assert [w.code for w in result.warnings] == []


def test_a_middle_question_without_speakers():
    result = parse_lines(*HEAD, "1. О ремонте дорог", "(Котов В.В.)",
                         "1.1. Комитету по дорогам завершить ямочный ремонт до 1 июня 2029 г.",
                         "2. О благоустройстве дворов",
                         "2.1. Управлению ЖКХ подготовить перечень дворов.",
                         "3. Об отоплении", "(Лисин П.П.)",
                         "3.1. Теплосетям завершить опрессовку до 1 сентября 2029 г.")
    assert [s.number for s in result.sections] == ["1", "2", "3"]
    assert [d.id for d in result.sections[1].directives] == ["2.1"]


def test_a_numbered_item_with_lettered_sub_items_stays_an_item():
    # "2." over "а)", not over "2.1.": its sub-items are no decisions of a question
    result = parse_lines(*HEAD, "1. О подготовке к паводку", "(Сидоров К.К.)",
                         "1.1. Отделу ГО и ЧС провести учения до 1 апреля 2029 г.",
                         "1.2. Информацию принять к сведению.",
                         "2. Главам поселений:",
                         "а) очистить водопропускные трубы;",
                         "б) проверить готовность сил и средств.")
    assert [s.number for s in result.sections] == ["1"]
    found = result.sections[0].directives
    assert [(d.number, d.kind) for d in found][-3:] == [("2", "group"), ("а)", "task"), ("б)", "task")]
    assert found[-1].addressees == ("Главам поселений",)


def test_without_a_question_heading_top_items_stay_items():
    # no "1." is a question (nothing shows one): "2." over "2.1." is an item with sub-items
    result = parse_lines(*HEAD, "ПОСТАНОВИЛИ:",
                         "1. Утвердить план работы на 2029 год.",
                         "2. Главам поселений:",
                         "2.1. провести сходы граждан до 1 мая 2029 г.;",
                         "2.2. представить отчеты до 1 июня 2029 г.")
    assert [s.number for s in result.sections] == [None]
    assert [d.id for d in result.sections[0].directives] == ["1", "2", "2.1", "2.2"]
