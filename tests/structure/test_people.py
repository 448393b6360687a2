"""People beside addressees, the controller, sub-items of a txt lead-in, header dates."""

from __future__ import annotations

from protokol.model import Document
from protokol.pipeline import parse_document
from protokol.readers.txt import parse as parse_txt


def parse(text: str) -> Document:
    return Document("mem.txt", "txt", "0" * 64, parse_txt(text))

TEXT = """Распоряжение от 05.04.2021 г N 17-р
О проведении субботника
В соответствии с постановлением администрации района от 01.02.2020 № 3:
1. Отделу благоустройства (Ковалев) подготовить инвентарь.
2. Заместителю главы района Зуеву П.П. организовать вывоз мусора.
3. Отделу кадров (Белова Т.Т.):
а) оповестить сотрудников;
б) составить списки участников.
4. Контроль за исполнением настоящего распоряжения возложить на заместителя главы района Морозову Е.Е.
"""


def _directives():
    result = parse_document(parse(TEXT))
    return result, {d.id: d for s in result.sections for d in s.directives}


def test_person_in_parentheses_or_after_the_addressee_is_responsible():
    _, d = _directives()
    assert (d["1"].addressees, d["1"].responsible) == (("Отделу благоустройства",), ("Ковалев",))
    assert (d["2"].addressees, d["2"].responsible) == (("Заместителю главы района",), ("Зуев П.П.",))


def test_lettered_sub_items_of_a_txt_lead_in_inherit_addressee_and_person():
    _, d = _directives()
    assert d["3"].kind == "group"
    for key, text in (("3.а", "оповестить сотрудников;"), ("3.б", "составить списки участников.")):
        assert (d[key].text, d[key].addressees, d[key].responsible) == (text, ("Отделу кадров",), ("Белова Т.Т.",))


def test_controller_is_responsible_and_the_protocols_controller():
    result, d = _directives()
    assert d["4"].kind == "task" and d["4"].responsible == ("Морозова Е.Е.",)
    assert result.protocol.controller == "заместителя главы района Морозову Е.Е."


def test_header_number_with_n_and_no_cited_date():
    result, _ = _directives()
    assert (result.protocol.date, result.protocol.number) == ("2021-04-05", "17-р")
    cited = parse_document(parse("О мерах\nВ соответствии с постановлением Правительства от 2.11.2000 г. № 8:\n"
                                 "1. Провести учения.\n"))
    assert cited.protocol.date is None


def test_responsible_list_not_split_inside_parentheses():
    from protokol.structure.names import split_people

    assert split_people("Минприроды области (Смирнов В.Г., Орлов П.П.); главы районов") == [
        "Минприроды области (Смирнов В.Г., Орлов П.П.)", "главы районов"]
    assert split_people("Иванов И.И., Петров П.П. и Сидоров С.С.") == ["Иванов И.И.", "Петров П.П.", "Сидоров С.С."]
