"""The structure rules of the sixteenth sweep (documents 200-225): a tab-separated table past a
page's foot and the next page's head, a running head with its page number, a title's end that names
no month, one Срок line under numbered sub-items of one sentence, "пгт Ключевской", several people
after ВЫСТУПИЛИ, group labels alone among the attendees, "Просить прокуратуру …", "(сбор – …)" and
"(сбор)", "ПОРУЧИТЬ:" opening a question's decisions."""

from __future__ import annotations

from protokol.structure.executors import split_addressee
from protokol.structure.fields import item_fields
from tests.structure.conftest import by_id, parse_file, parse_lines


def test_a_table_goes_on_past_a_page_foot_and_head(write_txt):
    result = parse_file(write_txt("\n".join([
        "ПРОТОКОЛ № 3", "заседания штаба", "", "Решили:", "",
        "№ п/п\tПоручение\tОтветственный\tСрок",
        "1.\tПровести обследование моста\tОтдел дорожного хозяйства\tдо 10.05.2030",
        "                                        Страница 1 из 2",
        "Продолжение таблицы",
        "1\t2\t3\t4",
        "2.\tНаправить претензию подрядчику\tПравовое управление\tдо 12.05.2030"])))
    found = by_id(result)
    assert list(found) == ["1", "2"]
    assert found["2"].text == "Направить претензию подрядчику"
    assert [e.name for e in found["2"].executors] == ["Правовое управление"]


def test_a_running_head_with_its_page_number_is_no_part_of_an_item():
    result = parse_lines(
        "ПРОТОКОЛ № 4", "совещания", "",
        "1. Отделу культуры провести конкурс чтецов.",
        "Протокол № 4 от 12.03.2030                         2",
        "2. Отделу спорта провести турнир.")
    found = by_id(result)
    assert found["1"].text == "Отделу культуры провести конкурс чтецов."
    assert found["1"].references == ()


def test_a_title_ending_with_months_counted_keeps_them():
    result = parse_lines("ПОСТАНОВЛЕНИЕ", "", "12.10.2030 № 5", "",
                         "Об итогах работы за 9 месяцев 2030 года", "", "1. Информацию принять к сведению.")
    assert result.protocol.title == "Об итогах работы за 9 месяцев 2030 года"


def test_one_term_under_numbered_sub_items_of_one_sentence():
    result = parse_lines(
        "ПРОТОКОЛ № 5", "заседания комиссии", "",
        "2. Управлению образования (Туманова А.А.):",
        "2.1. организовать классные часы;",
        "2.2. обеспечить занятость подростков.",
        "Срок: до 30 ноября 2030 г.",
        date=None)
    found = by_id(result)
    assert [d.due for d in found["2.1"].deadlines] == ["2030-11-30"]
    assert [d.due for d in found["2.2"].deadlines] == ["2030-11-30"]


def test_a_settlement_with_a_stressed_ending_is_the_place():
    result = parse_lines("ПРОТОКОЛ № 8", "заседания комиссии района", "",
                         "пгт Ключевской                                 29 июля 2030 г.", "",
                         "1. Информацию принять к сведению.")
    assert result.protocol.place == "Ключевской"
    assert result.protocol.title == "заседания комиссии района"


def test_every_person_who_spoke():
    result = parse_lines(
        "ПРОТОКОЛ № 2", "заседания комиссии", "",
        "1. СЛУШАЛИ:", "Горбунова С.С. – начальника отдела, который доложил о работе.",
        "ВЫСТУПИЛИ:", "Котов Л.Л., Прохорова В.В. – начальник отдела дорожного хозяйства.",
        "РЕШИЛИ:", "1. Информацию принять к сведению.")
    assert set(result.sections[0].speakers) >= {"Горбунов С.С.", "Котов Л.Л.", "Прохорова В.В."}


def test_group_labels_alone_among_the_attendees_name_no_one():
    result = parse_lines(
        "ПРОТОКОЛ № 3", "заседания Совета", "", "Присутствовали:", "члены Совета:",
        "Андреев Б.Б. – индивидуальный предприниматель;",
        "Дмитриев Г.Г. – председатель отделения.", "приглашённые:", "Ефремова Ж.Ж. – начальник отдела.",
        "", "1. Информацию принять к сведению.")
    assert result.protocol.attendees == ("Андреев Б.Б. – индивидуальный предприниматель",
                                         "Дмитриев Г.Г. – председатель отделения", "Ефремова Ж.Ж. – начальник отдела")


def test_who_is_asked_in_the_accusative():
    fields = item_fields("Просить прокуратуру города рассмотреть вопрос о соблюдении прав потребителей.", lead_in=False)
    assert fields.addressee == "прокуратуру города"
    assert [e.name for e in split_addressee("прокуратуру города")] == ["Прокуратура города"]
    assert item_fields("Рекомендовать отделу культуры провести конкурс.", lead_in=False).addressee == "отделу культуры"


def test_who_gathers_the_answers_answers_for_them():
    result = parse_lines(
        "ПРОТОКОЛ № 6", "совещания", "",
        "1. Органам местного самоуправления представить информацию ежеквартально (сбор – министерство строительства края).",
        "2. Министерству энергетики края, министерству финансов края (сбор) представить предложения до 15 сентября 2030 г.")
    found = by_id(result)
    assert found["1"].responsible == ("министерство строительства края",)
    assert "сбор" not in found["1"].text
    assert "Министерство финансов края" in found["2"].responsible
    assert [e.name for e in found["2"].executors] == ["Министерство энергетики края", "Министерство финансов края"]


def test_poruchit_opens_a_questions_decisions():
    result = parse_lines(
        "ПРОТОКОЛ № 9", "заседания штаба", "",
        "1. О готовности больниц", "ПОРУЧИТЬ:", "1) министерству здравоохранения области (Рогов Р.Р.) обеспечить резерв коек;",
        "2. О вакцинации", "ПОРУЧИТЬ:", "1) министерству здравоохранения области обеспечить вакцинацию.")
    assert [s.number for s in result.sections] == ["1", "2"]
    assert list(by_id(result)) == ["1.1", "2.1"]
