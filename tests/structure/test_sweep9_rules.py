"""The structure rules of the ninth sweep: "Вопрос 1. О …" questions, the header of a board's
protocol, a "2)" after a lettered lead-in with dashes, abbreviations after "и" inside a body's
name, a superlative in the nominative, "совместно с …" opening a sub-item, the secretary among
the signatures, a scanner's space inside a header date, the person heard before a role that
reads as a plural, references cut short, attendees with list labels or in a Word table, a man's
surname the dictionary does not know in the accusative."""

from __future__ import annotations

import pytest

from protokol.structure.executors import executors_of
from protokol.structure.header_dates import find_date
from protokol.structure.labels import split_label
from protokol.structure.markers import markers
from protokol.structure.names import split_people
from protokol.structure.people import nominative
from protokol.structure.references import find_references
from tests.structure.conftest import by_id, parse_file, parse_lines


def test_вопрос_with_its_number_opens_a_question_and_решение_its_decisions():
    result = parse_lines(
        "ПРОТОКОЛ № 5", "заседания рабочей группы", "12 марта 2026 г.",
        "Вопрос 1. О ремонте дорог", "Решение:", "1. Информацию принять к сведению.",
        "2. Отделу ЖКХ провести обследование дорог до 1 мая 2026 г.",
        "Вопрос № 2: О благоустройстве", "Решение:", "1. Управлению культуры провести субботник.")
    assert [(s.number, s.title) for s in result.sections] == [("1", "О ремонте дорог"), ("2", "О благоустройстве")]
    assert list(by_id(result)) == ["1.1", "1.2", "2.1"]
    assert by_id(result)["1.2"].addressees == ("Отделу ЖКХ",)


@pytest.mark.parametrize("text", ["Вопрос 3", "Вопрос 1 рассмотреть на следующем заседании", "Вопросы 1. О"])
def test_вопрос_without_its_sign_and_a_capital_is_no_label(text):
    assert split_label(text)[0] is None


def test_the_words_вопрос_повестки_дня_are_no_part_of_a_questions_title():
    result = parse_lines(
        "ПРОТОКОЛ № 2", "заседания совета директоров", "15 мая 2026 г.",
        "1. Вопрос повестки дня: Об утверждении бюджета на 2027 год.",
        "Итоги голосования: «ЗА» – 5.", "РЕШИЛИ:", "1.1. Утвердить бюджет общества на 2027 год.")
    assert [(s.number, s.title) for s in result.sections] == [("1", "Об утверждении бюджета на 2027 год")]
    assert list(by_id(result)) == ["1.1"]


def test_the_header_of_a_boards_protocol():
    result = parse_lines(
        "ПРОТОКОЛ № 3", "заседания совета директоров",
        "Дата проведения заседания: 20 мая 2026 г.",
        "Место проведения: г. Северодольск, ул. Ленина, д. 1",
        "Председатель совета директоров: Орлов Иван Петрович",
        "Секретарь совета директоров: Белова Анна Сергеевна",
        "Присутствовали члены совета директоров: Орлов И.П., Сидоров К.К.",
        "Кворум имеется.", "РЕШИЛИ:", "1. Утвердить годовой отчёт общества.")
    p = result.protocol
    assert (p.title, p.date, p.place) == ("заседания совета директоров", "2026-05-20", "Северодольск")
    assert (p.chair, p.secretary) == ("Орлов Иван Петрович", "Белова Анна Сергеевна")
    assert p.attendees == ("Орлов И.П.", "Сидоров К.К.")


@pytest.mark.parametrize("text, chair", [
    ("Руководитель штаба: глава района Баранов С.Ф.", True),
    ("Руководитель рабочей группы – Пименов А.Б.", True),
    ("Руководитель штаба                С.Ф. Баранов", False),  # a signature
    ("Руководителю штаба обеспечить явку", False),
    ("Председатель правления: Кузнецов А.А.", True),
])
def test_who_leads_a_штаб_or_a_group_is_the_chair(text, chair):
    assert (markers()["chair"].match(text) is not None) is chair


def test_a_перечень_with_its_word_spaced_out_and_its_number_alone():
    result = parse_lines(
        "УТВЕРЖДАЮ", "Президент Российской Федерации", "1 июня 2026 года", "Пр-1010",
        "П Е Р Е Ч Е Н Ь   П О Р У Ч Е Н И Й",
        "по итогам совещания по вопросам экономики 14 мая 2026 года",
        "1. Правительству Российской Федерации обеспечить снижение ставок.")
    p = result.protocol
    assert (p.number, p.date, p.title) == ("Пр-1010", "2026-06-01", "по итогам совещания по вопросам экономики")


def test_a_paren_item_after_a_lettered_lead_in_with_dashes_is_the_next_paren_item():
    result = parse_lines(
        "РЕШИЛИ:", "1) Управлению образования:", "а) открыть лагеря;", "б) организовать подвоз детей:",
        "- из села Ивановка;", "- из посёлка Лесной.", "2) Больнице обеспечить медицинское сопровождение.",
        "3) Отделу ГО и ЧС обследовать места купания.")
    got = {d.id: d.parent for d in by_id(result).values()}
    assert got == {"1": None, "1.а": "1", "1.б": "1", "1.б.-1": "1.б", "1.б.-2": "1.б", "2": None, "3": None}


def test_a_paren_list_under_a_lead_in_still_nests():
    result = parse_lines("РЕШИЛИ:", "1. Отделу культуры:", "1) провести концерт;", "2) подготовить сцену.",
                         "2. Отделу ЖКХ:", "1) убрать площадь;", "2) установить урны.")
    got = {d.id: d.parent for d in by_id(result).values()}
    assert got == {"1": None, "1.1": "1", "1.2": "1", "2": None, "2.1": "2", "2.2": "2"}


@pytest.mark.parametrize("addressee, names", [
    ("Министерству энергетики и ЖКХ области", ["Министерство энергетики и ЖКХ области"]),
    ("Отделу по делам ГО и ЧС администрации района", ["Отдел по делам ГО и ЧС администрации района"]),
    ("Главам поселений и ОМВД России по району", ["Главы поселений", "ОМВД России по району"]),
    ("Управлению образования и МКУ «Центр»", ["Управление образования", "МКУ «Центр»"]),
])
def test_an_abbreviation_after_и_continues_a_bodys_name_unless_it_names_a_body(addressee, names):
    assert [e.name for e in executors_of([addressee])] == names


@pytest.mark.parametrize("text, people", [
    ("Отдел по делам ГО и ЧС (Бочаров А.Н.)", ["Отдел по делам ГО и ЧС (Бочаров А.Н.)"]),
    ("министерство энергетики и ЖКХ области, АО «Газсеть»", ["министерство энергетики и ЖКХ области", "АО «Газсеть»"]),
    ("Иванов И.И. и ОМВД России", ["Иванов И.И.", "ОМВД России"]),
])
def test_a_list_of_responsible_keeps_go_i_chs_together(text, people):
    assert split_people(text) == people


def test_a_superlative_keeps_its_stem_in_the_nominative():
    assert [e.name for e in executors_of(["высшим должностным лицам субъектов Российской Федерации"])] == \
        ["Высшие должностные лица субъектов Российской Федерации"]


def test_совместно_с_opening_a_sub_item_names_co_executors_of_the_lead_in():
    result = parse_lines("1. Министерству здравоохранения области:",
                         "а) совместно с министерством финансов области подготовить предложения;",
                         "б) провести мониторинг.")
    d = by_id(result)
    assert [(e.name, e.role) for e in d["1.а"].executors] == [
        ("Министерство здравоохранения области", "executor"), ("Министерство финансов области", "co_executor")]
    assert d["1.а"].addressees == ("Министерству здравоохранения области",)
    assert [(e.name, e.role) for e in d["1.б"].executors] == [("Министерство здравоохранения области", "executor")]


@pytest.mark.parametrize("last", ["Секретарь комиссии                 А.В. Дьячкова",
                                  "Протокол вёл                        А.В. Дьячкова"])
def test_the_secretary_among_the_signatures(last):
    result = parse_lines("ПРОТОКОЛ № 1", "заседания комиссии", "10 марта 2026 г.", "РЕШИЛИ:",
                         "1. Отделу культуры провести концерт.", "Председатель комиссии             П.С. Голованов", last)
    assert (result.protocol.secretary, result.protocol.signatory.name) == ("А.В. Дьячкова", "П.С. Голованов")


def test_the_secretary_of_the_header_stays():
    result = parse_lines("ПРОТОКОЛ № 1", "заседания комиссии", "10 марта 2026 г.", "Секретарь: Петрова Е.Е.",
                         "РЕШИЛИ:", "1. Отделу культуры провести концерт.",
                         "Председатель комиссии             П.С. Голованов", "Секретарь комиссии      А.В. Дьячкова")
    assert result.protocol.secretary == "Петрова Е.Е."


def test_a_place_line_with_the_number_beside_it_ends_the_title():
    result = parse_lines("ПРОТОКОЛ", "заседания оперативного штаба", "г. Белоярск            № 7", "24 ноября 2026 г.",
                         "РЕШИЛИ:", "1. Отделу ЖКХ устранить утечки.")
    p = result.protocol
    assert (p.title, p.place, p.number, p.date) == ("заседания оперативного штаба", "Белоярск", "7", "2026-11-24")


@pytest.mark.parametrize("text, date", [
    ("г. Усть-Лесной 1 2.05.2026", "2026-05-12"),
    ("1 2.05.2026", "2026-05-12"),
    ("№ 1 2.05.2026", "2026-05-02"),  # number 1, of 2 May
    ("12.05.2026", "2026-05-12"),
])
def test_a_scanners_space_inside_a_header_dates_day(text, date):
    assert find_date(text) == date


def test_the_person_heard_before_a_role_that_reads_as_a_plural_nominative():
    result = parse_lines("ПРОТОКОЛ № 1", "10 марта 2026 г.", "1. СЛУШАЛИ:",
                         "Никитину Ж.В. – директора центра.", "РЕШИЛИ:", "1.1. Информацию принять к сведению.")
    assert result.sections[0].speakers == ("Никитина Ж.В.",)


def test_a_reference_by_решением_is_found():
    refs = find_references("в соответствии с Правилами, утверждёнными решением Совета депутатов от 18.11.2022 № 21/77.")
    assert [(r.kind, r.number, r.date, r.issuer) for r in refs] == [("other", "21/77", "2022-11-18", "Совета депутатов")]


def test_attendees_lose_their_list_labels_and_a_heading_ends_them():
    result = parse_lines("ПРОТОКОЛ № 3", "совещания", "5 августа 2026 г.", "Присутствовали:",
                         "1. Абрамова Т.С. – начальник управления культуры;", "2. Белов Н.Н. – начальник управления ЖКХ.",
                         "Приглашённые:", "- Ефимов К.К. – предприниматель.", "По итогам совещания:",
                         "1. Управлению культуры утвердить программу.")
    assert result.protocol.attendees == ("Абрамова Т.С. – начальник управления культуры",
                                         "Белов Н.Н. – начальник управления ЖКХ", "Ефимов К.К. – предприниматель")
    assert list(by_id(result)) == ["1"]


def test_attendees_in_a_word_table_of_names_and_positions(docx_file):
    path = docx_file("ПРОТОКОЛ № 8", "заседания совета", "11 ноября 2026 г.", "Присутствовали:",
                     [["Фамилия", "Должность"], ["Бондарь А.В.", "начальник отдела экономики"],
                      ["Грачёва О.П.", "директор центра"]],
                     "РЕШИЛИ:", "1. Отделу экономики подготовить программу.")
    assert parse_file(path).protocol.attendees == ("Бондарь А.В. – начальник отдела экономики",
                                                   "Грачёва О.П. – директор центра")


@pytest.mark.parametrize("name, want", [
    ("Рыбина О.С.", "Рыбин О.С."),  # not in the dictionary as a surname
    ("Петрова П.П.", "Петров П.П."),
    ("Морозову Е.Е.", "Морозова Е.Е."),
    ("Ракову А.А.", "Ракова А.А."),
])
def test_a_surname_in_the_accusative(name, want):
    assert nominative(name, "accs") == want
