"""The structure rules of the seventh sweep: "2.1)" sub-items, a bare "Председатель" of an
approval block that names no chair, the word "подпись" between a position and a name, the
person in parentheses after each listed addressee, a word hyphenated inside a paragraph,
and a table typed with vertical bars in a .txt."""

from __future__ import annotations

import pytest

from protokol.model import Document
from protokol.pipeline import parse_document
from protokol.readers.txt import parse as parse_txt
from protokol.structure.executors import split_addressee
from protokol.structure.lines import mend_broken_words
from protokol.structure.markers import markers


def _parse(text: str):  # type: ignore[no-untyped-def]
    return parse_document(Document("mem.txt", "txt", "0" * 64, parse_txt(text)))


def _directives(result):  # type: ignore[no-untyped-def]
    return [d for s in result.sections for d in s.directives]


def test_sub_items_numbered_with_a_parenthesis_nest_under_their_lead_in():
    result = _parse("РЕШИЛИ:\n1. Главам поселений:\n1.1) провести сходы граждан;\n"
                    "1.2) обновить списки до 1 мая 2026 г.\n2. Информацию принять к сведению.\n")
    got = [(d.id, d.kind, d.addressees) for d in _directives(result)]
    assert got == [("1", "group", ("Главам поселений",)), ("1.1", "task", ("Главам поселений",)),
                   ("1.2", "task", ("Главам поселений",)), ("2", "note", ())]


@pytest.mark.parametrize("text", ["Председатель Правительства", "Председатель Совета Федерации",
                                  "Председатель правления банка"])
def test_a_position_that_begins_with_председатель_names_no_chair(text):
    assert markers()["chair"].match(text) is None


@pytest.mark.parametrize("text, rest", [
    ("Председатель: Иванов И.И.", "Иванов И.И."),
    ("Председатель комиссии Петров П.П.", "Петров П.П."),
    ("Председатель – А.А. Смирнов", "А.А. Смирнов"),
    ("Председатель", ""),
])
def test_a_chair_line_still_names_the_chair(text, rest):
    m = markers()["chair"].match(text)
    assert m is not None and text[m.end():] == rest


def test_an_approval_block_gives_no_chair():
    result = _parse("УТВЕРЖДАЮ\nПредседатель Правительства\nСеверной области\nИ.И. Носов\n\n"
                    "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ\nпо итогам совещания\n\n1. Минфину области подготовить отчёт.\n")
    assert result.protocol.chair is None


@pytest.mark.parametrize("line", ["Председатель комиссии      подпись      В.П. Рогожин",
                                  "Председатель комиссии   (подпись)   В.П. Рогожин",
                                  "Председатель комиссии ____/подпись/____ В.П. Рогожин"])
def test_the_word_подпись_is_no_part_of_the_signatorys_position(line):
    result = _parse(f"ПРОТОКОЛ № 1\n\n1. Отделу культуры провести смотр.\n\n{line}\n")
    assert result.protocol.signatory is not None
    assert (result.protocol.signatory.position, result.protocol.signatory.name) == ("Председатель комиссии", "В.П. Рогожин")


def test_each_listed_addressee_keeps_the_person_in_its_parentheses():
    found = split_addressee("Администрации города (Иванов И.И.), МКУ «Служба заказчика» (Петров П.П.)")
    assert [(e.name, e.person) for e in found] == [("Администрация города", "Иванов И.И."),
                                                   ("МКУ «Служба заказчика»", "Петров П.П.")]


def test_a_co_executor_gets_the_person_in_parentheses_beside_it():
    result = _parse("1. Отделу ЖКХ (Рябова С.А.) совместно с МУП «Водоканал» (Клёнов Е.Е.) провести проверку.\n")
    executors = _directives(result)[0].executors
    assert [(e.name, e.role, e.person) for e in executors] == [
        ("Отдел ЖКХ", "executor", "Рябова С.А."), ("МУП «Водоканал»", "co_executor", "Клёнов Е.Е.")]


@pytest.mark.parametrize("text, mended", [
    ("Провести 27 ию- ня 2026 г.", "Провести 27 июня 2026 г."),
    ("Контроль за ходом испол- нения решения", "Контроль за ходом исполнения решения"),
    ("сельско- и лесохозяйственных", "сельско- и лесохозяйственных"),
    ("военно- промышленных предприятий", "военно- промышленных предприятий"),
    ("с 1 по 5- е число", "с 1 по 5- е число"),
])
def test_a_word_hyphenated_inside_a_paragraph_is_mended(text, mended):
    assert mend_broken_words(text) == mended


def test_a_table_typed_with_vertical_bars_is_read_as_a_table_of_decisions():
    result = _parse("ПРОТОКОЛ № 2\n\n№ п/п | Поручение | Ответственный | Срок\n"
                    "1 | Провести ревизию котельных | МУП «Теплосеть» (Горелов А.В.) | до 20.08.2026\n"
                    "| 2 | Представить графики промывки | управляющие организации | еженедельно |\n")
    got = [(d.id, d.text, d.responsible, [x.kind for x in d.deadlines]) for d in _directives(result)]
    assert got == [("1", "Провести ревизию котельных", ("МУП «Теплосеть» (Горелов А.В.)",), ["once"]),
                   ("2", "Представить графики промывки", ("управляющие организации",), ["recurring"])]


def test_a_line_with_one_bar_is_no_table_row():
    blocks = parse_txt("Провести проверку | при необходимости повторить.\n")
    assert blocks[0].cells == ()


def test_a_remark_in_parentheses_is_no_part_of_an_executors_name():
    found = split_addressee("Главам сельских поселений (по согласованию), ГБУЗ «ЦРБ» (по согласованию)")
    assert [(e.name, e.as_written) for e in found] == [
        ("Главы сельских поселений", "Главам сельских поселений (по согласованию)"),
        ("ГБУЗ «ЦРБ»", "ГБУЗ «ЦРБ» (по согласованию)")]


def test_a_deadline_inside_the_responsible_brackets_is_the_items_deadline():
    from protokol.structure.items import split_tail

    text, deadlines, responsible = split_tail("Завершить ремонт (ответственный – Пестов А.Л., срок – до 25 октября 2026 г.).")
    assert (text, deadlines, responsible) == ("Завершить ремонт.", ["до 25 октября 2026 г."], ["Пестов А.Л."])


def test_поручено_opens_the_decisions_of_a_question():
    result = _parse("ПРОТОКОЛ № 3\n\n1. О подготовке к зиме\n\nПоручено:\n1.1. Отделу ЖКХ провести проверку котельных.\n")
    assert [(s.number, s.title, [d.id for d in s.directives]) for s in result.sections] == [
        ("1", "О подготовке к зиме", ["1.1"])]


def test_a_running_head_under_a_page_number_is_no_part_of_the_item():
    result = _parse("ПРОТОКОЛ № 5\n\n1. Отделу ЖКХ обеспечить запас материалов\n2\nПротокол № 5 от 12.03.2026\n"
                    "на срок не менее месяца.\n2. Отделу культуры провести смотр.\n")
    assert [d.text for d in _directives(result)] == [
        "Отделу ЖКХ обеспечить запас материалов на срок не менее месяца.", "Отделу культуры провести смотр."]


def test_a_chair_line_loses_its_sentences_full_stop_not_an_initials():
    result = _parse("ПРОТОКОЛ № 1\n\nПредседательствовал: Кудрявцев Н.Н., заместитель главы района.\n"
                    "Секретарь: Лапшина Ю.А.\n\n1. Отделу культуры провести смотр.\n")
    assert (result.protocol.chair, result.protocol.secretary) == ("Кудрявцев Н.Н., заместитель главы района", "Лапшина Ю.А.")


def test_co_executors_under_an_item_answer_for_it():
    result = _parse("1. Отделу образования обеспечить работу лагерей.\nСоисполнители: учреждения культуры района.\n")
    d = _directives(result)[0]
    assert (d.text, d.responsible) == ("Отделу образования обеспечить работу лагерей.", ("учреждения культуры района",))
