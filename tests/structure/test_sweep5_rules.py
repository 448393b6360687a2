"""The structure rules of the fifth sweep: OCR slips in item numbers, an act's items in
Roman numerals, a person in brackets in the middle of an addressee, a list of people
heard in the accusative, a feminine surname the dictionary does not know, an inline
addressee ending with a colon, a question's heading under a bare СЛУШАЛИ."""

from __future__ import annotations

import pytest

from protokol.model import Document
from protokol.pipeline import parse_document
from protokol.readers.txt import parse as parse_txt
from protokol.structure.fields import item_fields
from protokol.structure.labels import Label, split_label
from protokol.structure.people import nominative


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parse_document(Document("mem.txt", "txt", "0" * 64, parse_txt(text)))


@pytest.mark.parametrize(
    "text, display, path, rest",
    [
        ("1 . Управлению образования", "1", (1,), "Управлению образования"),
        ("2, Рекомендовать ГИБДД", "2", (2,), "Рекомендовать ГИБДД"),
        ("1.1 провести обследование", "1.1", (1, 1), "провести обследование"),
    ],
)
def test_an_item_number_with_a_scanners_slip_is_a_label(text, display, path, rest):
    assert split_label(text) == (Label("arabic", display, path), rest)


@pytest.mark.parametrize("text", ["2, 3 и 4 пункты", "1.5 тыс. рублей", "2,5 процента"])
def test_numbers_that_are_no_label_stay_text(text):
    label, _ = split_label(text)
    assert label is None or label.path != (2,) and label.display != "1.5"


def test_an_acts_items_numbered_in_roman_are_items_not_sections():
    result = _parse("ПОСТАНОВЛЕНИЕ\nот 04.02.2026 № 5\n\nI. Провести месячник с 1 по 28 февраля 2026 года.\n"
                    "II. Отделу культуры (Рыбина О.О.) обеспечить проведение мероприятий.\n"
                    "III. Контроль за исполнением постановления возложить на заместителя главы Сафонову Л.В.\n")
    assert [s.number for s in result.sections] == [None]
    items = {d.id: d for s in result.sections for d in s.directives}
    assert list(items) == ["I", "II", "III"] and all(d.parent is None for d in items.values())
    assert items["II"].responsible == ("Рыбина О.О.",)
    assert items["III"].responsible == ("Сафонова Л.В.",)


def test_roman_question_headings_with_decisions_stay_sections():
    result = _parse("ПРОТОКОЛ\nот 04.02.2026 № 5\n\nI. О паводке\nРЕШИЛИ:\n1. Принять к сведению.\n"
                    "II. О пожарах\nРЕШИЛИ:\n1. Провести обходы до 1 мая 2026 г.\n")
    assert [s.number for s in result.sections] == ["I", "II"]


def test_a_person_in_brackets_before_a_co_executor_is_responsible():
    fields = item_fields("Отделу надзорной деятельности (Воронин Г.А.) совместно с администрациями поселений "
                         "провести обходы", lead_in=False)
    assert fields.responsible == ("Воронин Г.А.",)


def test_an_inline_addressee_loses_its_colon():
    fields = item_fields("Руководителям медицинских организаций: обеспечить запас вакцины", lead_in=False)
    assert fields.addressee == "Руководителям медицинских организаций"


@pytest.mark.parametrize(
    "name, case, want",
    [("Ракову С.Н.", "accs", "Ракова С.Н."), ("Раковой С.Н.", "datv", "Ракова С.Н."),
     ("Петрову А.А.", "datv", "Петров А.А."), ("Зайцеву Л.М.", "accs", "Зайцева Л.М.")],
)
def test_a_surname_in_the_nominative(name, case, want):
    assert nominative(name, case) == want


def test_the_people_heard_in_a_list_are_all_in_the_accusative():
    result = _parse("ПРОТОКОЛ\nот 04.02.2026 № 5\n\n1. О готовности к зиме\n"
                    "СЛУШАЛИ: Кожевникова Б.Л., Полякову С.Д.\nРЕШИЛИ:\n1. Принять к сведению.\n")
    assert result.sections[0].speakers == ("Кожевников Б.Л.", "Полякова С.Д.")


def test_a_questions_heading_under_a_bare_slushali():
    result = _parse("ПРОТОКОЛ\nот 04.02.2026 № 5\n\nСЛУШАЛИ:\n1. О готовности к зиме\n"
                    "Докладчик: Кожевников Б.Л.\nРЕШИЛИ:\n1. Принять к сведению.\n")
    assert [(s.number, s.title) for s in result.sections] == [("1", "О готовности к зиме")]


def test_otv_with_no_sign_before_a_name_is_the_responsible():
    result = _parse("ПРОТОКОЛ\nот 12.05.2026 № 2\n\nПОСТАНОВИЛИ:\n"
                    "1. Информацию представить в октябре 2026 г. – отв. Лапина О.О.\n"
                    "2. Назначить отв. за проведение операции отдел опеки.\n")
    items = {d.id: d for s in result.sections for d in s.directives}
    assert items["1"].responsible == ("Лапина О.О.",)
    assert items["1"].text == "Информацию представить в октябре 2026 г."
    assert items["2"].text == "Назначить отв. за проведение операции отдел опеки."


def test_people_in_brackets_on_a_line_under_a_decision_answer_for_it():
    result = _parse("ПРОТОКОЛ\nот 09.09.2026 № 7\n\nРЕШИЛИ:\n1. Провести учения до 1 октября 2026 г.\n"
                    "(Иванов И.И., Петров П.П.)\n2. Актуализировать паспорта безопасности.\nСрок: IV квартал 2026 г.\n"
                    "(Кузьмина Т.Т.)\n")
    assert [s.number for s in result.sections] == [None]
    items = {d.id: d for s in result.sections for d in s.directives}
    assert list(items) == ["1", "2"]
    assert items["1"].responsible == ("Иванов И.И.", "Петров П.П.")
    assert items["2"].responsible == ("Кузьмина Т.Т.",)


def test_a_question_over_its_speakers_in_brackets_stays_a_question():
    result = _parse("ПРОТОКОЛ\nот 09.09.2026 № 7\n\n1. О мерах безопасности\n(Карпов И.Н.)\nРешили:\n"
                    "1.1. Принять к сведению.\n2. О паспортах безопасности\n(Лукин С.В.)\nРешили:\n"
                    "2.1. Провести обследование до 1 ноября 2026 г.\n")
    assert [(s.number, s.speakers) for s in result.sections] == [("1", ("Карпов И.Н.",)), ("2", ("Лукин С.В.",))]
