"""The structure rules of the twelfth sweep: control kept by the signer under the last item,
attendees "(по списку)", "ОНДиПР", a table of decisions under a subject heading, "Мэр города",
a title's closing initial, a cited document beside an addressee, questions "По вопросу № 1 «О …»"
over "РЕШЕНИЕ КОМИССИИ:", a quotation's numbered lines, listed positions each with its person,
a position after a responsible person's name, a body already in the nominative, and `annotate`
run again on its own result."""

from __future__ import annotations

import pytest

from protokol.structure.annotate import annotate
from protokol.structure.executors import executors_of
from protokol.structure.fields import item_fields
from protokol.structure.markers import markers
from protokol.structure.names import split_people
from protokol.structure.people import nominative
from tests.structure.conftest import by_id, parse_file, parse_lines


def test_control_kept_by_the_signer_under_a_sub_item_is_a_note_at_the_top():
    result = parse_lines(
        "ПРОТОКОЛ", "совещания", "от 14.03.2028 № 1",
        "1. Управлению образования провести проверку школ.",
        "2. Рекомендовать главам поселений актуализировать паспорта безопасности.",
        "Срок: в течение 2028 года.",
        "Контроль за исполнением решений комиссии оставляю за собой.",
        "Председатель комиссии   С.П. Лобанов")
    found = by_id(result)
    assert list(found) == ["1", "2", "-1"]
    assert found["2"].kind == "task"  # not the group of the control line
    assert found["-1"].kind == "note"
    assert result.protocol.controller is None  # the contract's controller is the one "возложить на" names


@pytest.mark.parametrize("line", ["Присутствовали: члены комиссии (по списку).", "Присутствовали: члены КЧС и ОПБ – по списку.",
                                  "Присутствовали: 14 человек (список прилагается)."])
def test_a_list_held_elsewhere_names_no_attendee(line):
    result = parse_lines("ПРОТОКОЛ", "заседания комиссии", "от 14.03.2028 № 1", line,
                         "1. Отделу культуры провести концерт.")
    assert result.protocol.attendees == ()


def test_a_person_named_beside_the_list_stays_an_attendee():
    result = parse_lines("ПРОТОКОЛ", "заседания комиссии", "от 14.03.2028 № 1",
                         "Присутствовали: Петров П.П. (по списку приглашённых)", "1. Отделу культуры провести концерт.")
    assert result.protocol.attendees == ("Петров П.П. (по списку приглашённых)",)


def test_an_abbreviation_joined_by_a_lower_case_i_is_a_body():
    fields = item_fields("Рекомендовать ОНДиПР по Сосновскому округу проводить рейды.", lead_in=False)
    assert fields.addressee == "ОНДиПР по Сосновскому округу"
    assert [e.name for e in executors_of((fields.addressee,))] == ["ОНДиПР по Сосновскому округу"]


@pytest.mark.parametrize("body", ["Отдел социальной защиты населения", "Отдел культурно-массовой работы"])
def test_a_body_in_the_nominative_keeps_its_adjective(body):
    assert [e.name for e in executors_of((body,))] == [body]


def test_a_table_of_decisions_under_a_subject_heading_is_that_questions(write_txt):
    result = parse_file(write_txt("\n".join([
        "ПРОТОКОЛ", "заседания штаба", "от 21.02.2028 № 2",
        "1. О ходе догазификации населённых пунктов",
        "№ п/п\tПоручение\tОтветственный\tСрок",
        "1\tОбеспечить приём заявок граждан\tАдминистрации поселений\tпостоянно",
        "2\tЗавершить строительство газопровода\tУправление строительства\tдо 1 октября 2028 г.",
        "Руководитель штаба   П.А. Гущин"])))
    assert [(s.number, s.title) for s in result.sections] == [("1", "О ходе догазификации населённых пунктов")]
    assert list(by_id(result)) == ["1.1", "1.2"]
    assert not [w for w in result.warnings if w.code == "duplicate_number"]


def test_a_mayor_signs_and_the_last_item_ends_before_him():
    result = parse_lines("ПОСТАНОВЛЕНИЕ", "14.04.2028 № 412", "О конкурсе",
                         "1. Управлению ЖКХ провести конкурс.",
                         "2. Настоящее постановление вступает в силу со дня его опубликования.",
                         "Мэр города                          Д.С. Гончаров")
    assert result.protocol.signatory is not None and result.protocol.signatory.name == "Д.С. Гончаров"
    assert by_id(result)["2"].text == "Настоящее постановление вступает в силу со дня его опубликования."


def test_a_title_keeps_its_closing_initial():
    result = parse_lines("ПРОТОКОЛ № 9", "совещания у заместителя Губернатора области Карпенко Д.В.",
                         "г. Южноуральск   3 марта 2028 г.", "1. Министерству финансов провести сверку.")
    assert result.protocol.title == "совещания у заместителя Губернатора области Карпенко Д.В."


@pytest.mark.parametrize(("text", "addressee"), [
    ("Во исполнение поручения Президента Российской Федерации от 30.12.2027 № Пр-2590 министерству экономики "
     "области (Соловьёва А.С.) подготовить предложения.", "министерству экономики области"),
    ("Министерству промышленности области в соответствии с постановлением Правительства области от 15.02.2028 "
     "№ 77-п организовать отбор проектов.", "Министерству промышленности области"),
    ("На основании приказа министерства от 01.02.2028 № 12 отделу кадров провести аттестацию.", "отделу кадров"),
])
def test_a_cited_document_is_no_part_of_the_addressee(text, addressee):
    assert item_fields(text, lead_in=False).addressee == addressee


def test_questions_opened_by_po_voprosu_over_the_commissions_decision():
    result = parse_lines(
        "ПРОТОКОЛ", "заседания комиссии", "07.07.2028 № 2",
        "Председатель комиссии: заместитель главы района Сухарев Б.В.",
        "По вопросу № 1 «О состоянии аварийности»",
        "РЕШЕНИЕ КОМИССИИ:",
        "1. Информацию принять к сведению.",
        "2. Отделу дорожного хозяйства установить знаки до 25 августа 2028 г.",
        "По вопросу № 2 «О подготовке к учебному году»",
        "РЕШЕНИЕ КОМИССИИ:",
        "1. Управлению образования проверить школьные автобусы.",
        "Голосовали: единогласно.")
    assert [(s.number, s.title) for s in result.sections] == [
        ("1", "О состоянии аварийности"), ("2", "О подготовке к учебному году")]
    assert list(by_id(result)) == ["1.1", "1.2", "2.1"]
    assert by_id(result)["2.1"].text == "Управлению образования проверить школьные автобусы."


@pytest.mark.parametrize("line", ["РЕШЕНИЕ КОМИССИИ:", "Решение совета:", "РЕШЕНИЕ ШТАБА"])
def test_decisions_marker(line):
    assert markers()["decisions"].match(line)


@pytest.mark.parametrize("line", ["Решение принято.", "Решение комиссии принято единогласно."])
def test_no_decisions_marker(line):
    assert not markers()["decisions"].match(line)


def test_chair_of_a_council_named_in_full():
    result = parse_lines("ПРОТОКОЛ № 4", "заседания общественного совета", "г. Липки   20 июня 2028 г.",
                         "Председатель общественного совета: Курочкина Вера Павловна",
                         "1. Рекомендовать администрации округа включить сквер в перечень.")
    assert result.protocol.chair == "Курочкина Вера Павловна"


def test_the_numbered_lines_of_a_quotation_are_the_quoting_items_text():
    result = parse_lines(
        "РЕШЕНИЕ", "от 22.05.2028 № 14/3", "Совет депутатов решил:",
        "1. Внести в решение Совета депутатов от 20.12.2027 № 9/1 следующие изменения:",
        "1.1. пункт 1 изложить в следующей редакции:",
        "«1. Утвердить основные характеристики бюджета:",
        "1) общий объём доходов в сумме 25 430,5 тыс. рублей;",
        "2) общий объём расходов в сумме 26 110,2 тыс. рублей.»;",
        "1.2. приложение 3 изложить в новой редакции.",
        "2. Опубликовать настоящее решение.")
    found = by_id(result)
    assert list(found) == ["1", "1.1", "1.2", "2"]
    assert found["1.1"].text.endswith("2) общий объём расходов в сумме 26 110,2 тыс. рублей.»;")


def test_a_quotation_left_open_takes_no_items():
    result = parse_lines("ПРИКАЗ", "от 01.02.2028 № 5",
                         "1. Пункт 2 изложить в следующей редакции: «2. Провести проверку;",
                         *[f"{n}. Отделу {n} провести работу." for n in range(2, 70)])
    assert len(by_id(result)) == 69  # no "»": read as items, not as one quotation


def test_listed_positions_each_with_a_person():
    text = ("Заместителю главы города Лосевой Н.П., начальнику отдела торговли Ильиной Р.Р. и директору "
            "МБОУ «СОШ № 2» Лапину Е.Е. организовать торговлю.")
    fields = item_fields(text, lead_in=False)
    assert fields.responsible == ("Лосева Н.П.", "Ильина Р.Р.", "Лапин Е.Е.")
    assert fields.addressee == "Заместителю главы города, начальнику отдела торговли и директору МБОУ «СОШ № 2»"


def test_a_position_after_a_name_is_that_persons():
    assert split_people("Петров П.П., заместитель главы администрации района.") == ["Петров П.П."]
    assert split_people("Петров П.П. – заместитель главы района") == ["Петров П.П."]
    assert split_people("Петров П.П., отдел культуры") == ["Петров П.П.", "отдел культуры"]
    # two people; the second's post before his name is his (the fourteenth sweep: it is no part of the person)
    assert split_people("Иванов И.И., глава поселения Мохов А.Н.") == ["Иванов И.И.", "Мохов А.Н."]


def test_a_mans_unknown_surname_in_the_dative():
    assert nominative("Лапину Е.Е.", "datv") == "Лапин Е.Е."
    assert nominative("Лаптевой О.О.", "datv") == "Лаптева О.О."


def test_annotate_again_keeps_the_executors_of_executor_lines():
    result = parse_lines(
        "ПРОТОКОЛ", "заседания совета", "26.10.2027 № 4",
        "1. Разработать план мероприятий.",
        "Ответственный исполнитель: отдел по делам ГО и ЧС администрации района (Сухов М.М.).",
        "Соисполнители: ОМВД России по району, отдел культуры администрации района.",
        "Срок исполнения: до 1 декабря 2027 г.",
        "2. Правительству области:",
        "а) совместно с органами местного самоуправления обеспечить ремонт дорог;",
        "3. Управлению образования провести проверку.",
        "Соисполнитель: отдел культуры.")
    roles = {d.id: [(e.name, e.role) for e in d.executors] for d in by_id(result).values()}
    assert roles["1"] == [("Отдел по делам ГО и ЧС администрации района", "executor"),
                          ("ОМВД России по району", "co_executor"), ("Отдел культуры администрации района", "co_executor")]
    assert ("Отдел культуры", "co_executor") in roles["3"]
    assert annotate(result) == result
    assert annotate(annotate(result)) == result


def test_questions_opened_by_po_pervomu_voprosu_over_numbered_decisions():
    result = parse_lines(
        "ПРОТОКОЛ", "заседания комиссии", "от 10.03.2028 № 2", "ПОВЕСТКА ДНЯ:", "1. О паводке.", "2. О пожарах.",
        "По первому вопросу", "1.1. Главам поселений организовать дежурства.", "1.2. Информацию принять к сведению.",
        "По второму вопросу", "2.1. Отделу ГО и ЧС подготовить памятки до 1 апреля 2028 г.",
        "Председатель комиссии   П.П. Петров")
    assert [(s.number, s.title) for s in result.sections] == [("1", "О паводке"), ("2", "О пожарах")]
    found = by_id(result)
    assert list(found) == ["1.1", "1.2", "2.1"]
    assert found["1.2"].text == "Информацию принять к сведению."


def test_a_line_by_the_question_with_no_decisions_under_it_opens_none():
    result = parse_lines(
        "ПРОТОКОЛ", "совещания", "от 10.03.2028 № 2",
        "1. Отделу культуры подготовить концерт.",
        "По вопросу ремонта дорог доложить на следующем совещании.",
        "2. Отделу ЖКХ провести ремонт.")
    assert [s.number for s in result.sections] == [None]
    assert list(by_id(result)) == ["1", "2"]
