"""Robustness of structure on whole acts: what follows the body (signature, the act's date
under it, appendices), page numbers, votes, lists run into one line, the council's РЕШЕНИЕ."""

from __future__ import annotations

from tests.structure.conftest import by_id, parse_file, parse_lines

ACT = ("АДМИНИСТРАЦИЯ РАЙОНА", "ПОСТАНОВЛЕНИЕ", "от 02.06.2025 № 50", "О проведении смотра")


def test_appendix_listing_members_gives_no_tasks_and_the_body_ends_at_the_signature():
    result = parse_lines(*ACT, "1. Создать комиссию (приложение).", "2. Комиссии провести смотр до 1 июля 2025 г.",
                         "Глава района          И.И. Сомов", "Приложение", "к постановлению администрации района",
                         "от 02.06.2025 № 50", "СОСТАВ комиссии", "1. Сомов Иван Ильич – глава района;",
                         "2. Агеева Мария Петровна – заместитель главы.")
    assert list(by_id(result)) == ["1", "2"]
    assert by_id(result)["2"].text == "Комиссии провести смотр до 1 июля 2025 г."
    assert result.protocol.signatory is not None and result.protocol.signatory.name == "И.И. Сомов"


def test_plan_appendix_is_a_section_of_its_own(write_txt):
    text = "\n".join([*ACT, "1. Утвердить план (приложение).", "Глава района          И.И. Сомов", "",
                      "Приложение № 1", "к постановлению администрации района", "ПЛАН мероприятий",
                      "№ п/п\tМероприятие\tСрок\tОтветственный", "1.\tПокраска ограждений\tдо 1 июля 2025 г.\tОтдел ЖКХ"])
    result = parse_file(write_txt(text))
    assert [(s.number, s.title) for s in result.sections] == [(None, ""), ("Приложение 1", "ПЛАН мероприятий")]
    row = by_id(result)["Приложение 1.1"]
    assert (row.addressees, row.deadlines[0].due) == (("Отдел ЖКХ",), "2025-07-01")
    assert not [w for w in result.warnings if w.code == "duplicate_number"]


def test_place_date_and_number_under_the_signature_are_the_acts(write_txt):
    text = ("УКАЗ\nГУБЕРНАТОРА ОБЛАСТИ\n\n1. Министерству финансов области в месячный срок подготовить порядок.\n\n"
            "Губернатор области          О.И. Варламов\n\nг. Приреченск\n7 октября 2025 года\n№ 112\n")
    result = parse_file(write_txt(text))
    p = result.protocol
    assert (p.date, p.number, p.place, p.signatory.name if p.signatory else None) == (
        "2025-10-07", "112", "Приреченск", "О.И. Варламов")
    assert by_id(result)["1"].deadlines[0].due == "2025-11-07"


def test_page_numbers_between_items_are_skipped():
    d = by_id(parse_lines(*ACT, "1. Отделу культуры:", "1.1. Провести смотр до 1 июля 2025 г.", "- 2 -",
                          "2. Отделу ЖКХ:", "а) покрасить ограждения;", "3", "б) убрать территорию."))
    assert list(d) == ["1", "1.1", "2", "2.а", "2.б"]
    assert (d["1.1"].kind, d["2.а"].text) == ("task", "покрасить ограждения;")


def test_entry_into_force_is_a_note():
    d = by_id(parse_lines(*ACT, "1. Провести смотр.", "2. Настоящее постановление вступает в силу со дня подписания."))
    assert (d["1"].kind, d["2"].kind) == ("task", "note")


def test_vote_records_are_no_part_of_a_decision():
    d = by_id(parse_lines("ПРОТОКОЛ № 4", "заседания комиссии", "от 18.09.2025", "РЕШИЛИ:",
                          "1. Отделу ЖКХ провести ремонт до 1 октября 2025 г.", "ГОЛОСОВАЛИ: «за» – 12, «против» – нет.",
                          "2. Отделу культуры провести концерт.", "Решение принято единогласно."))
    assert [(x.id, x.text) for x in d.values()] == [
        ("1", "Отделу ЖКХ провести ремонт до 1 октября 2025 г."), ("2", "Отделу культуры провести концерт.")]


def test_list_run_into_its_lead_ins_line():
    d = by_id(parse_lines("РАСПОРЯЖЕНИЕ от 03.03.2025 № 77-р О паводке",
                          "В целях безопасности населения: 1. Создать комиссию. 2. Главам поселений: 2.1. Провести "
                          "проверку до 15 марта 2025 года. 3. Контроль оставляю за собой."))
    assert list(d) == ["1", "2", "2.1", "3"]
    assert d["2.1"].addressees == ("Главам поселений",)


def test_council_decision_header_is_no_list_of_decisions():
    result = parse_lines("СОВЕТ ДЕПУТАТОВ ПОСЕЛЕНИЯ", "РЕШЕНИЕ", "от 12.03.2025 № 45", "О публичных слушаниях",
                         "Совет депутатов решил:", "1) назначить публичные слушания на 10 апреля 2025 года;",
                         "2) решение опубликовать.")
    p = result.protocol
    assert (p.date, p.number, p.title, p.organization) == (
        "2025-03-12", "45", "О публичных слушаниях", "СОВЕТ ДЕПУТАТОВ ПОСЕЛЕНИЯ")
    assert list(by_id(result)) == ["1", "2"]


def test_place_beside_the_date_and_a_code_beside_the_date():
    assert parse_lines("ПРОТОКОЛ № 7", "г. Лесногорск   «03» апреля 2025 г.", "1. Провести смотр.").protocol.place == \
        "Лесногорск"
    p = parse_lines("Перечень поручений по итогам встречи", "14 февраля 2025 г.        Пр-417", "1. Провести смотр.").protocol
    assert (p.date, p.number) == ("2025-02-14", "Пр-417")
    p = parse_lines(*ACT[:3], "с. Приозёрное", "О проведении праздника", "1. Провести праздник.").protocol
    assert (p.place, p.title) == ("Приозёрное", "О проведении праздника")


def test_one_responsible_line_after_sub_items_with_their_own_terms_answers_for_all():
    d = by_id(parse_lines(*ACT, "1. Правительству области:", "а) разработать меры поддержки.", "Срок – 1 июля 2025 г.;",
                          "б) представить предложения.", "Срок – 1 июня 2025 г.", "Ответственный: Петров П.П.",
                          "2. Отделу культуры провести смотр."))
    assert (d["1.а"].responsible, d["1.б"].responsible, d["2"].responsible) == (("Петров П.П.",), ("Петров П.П.",), ())


def test_person_after_the_addressee_mid_sentence_answers_for_the_item():
    d = by_id(parse_lines(*ACT, "1. Отделу информационной безопасности (Ситников Ю.В.) во исполнение поручения "
                                "от 5 марта 2025 г. № 12 провести аудит до 1 июля 2025 г."))
    assert (d["1"].addressees, d["1"].responsible) == (("Отделу информационной безопасности",), ("Ситников Ю.В.",))


def test_term_and_responsible_on_one_line_under_the_item():
    d = by_id(parse_lines(*ACT, "1. Отделу ЖКХ провести ремонт.", "Срок: до 01.12.2025; отв.: Петров П.П.",
                          "2. Отделу культуры провести концерт.", "Ответственный: Сидоров С.С. Срок – до 12.07.2025."))
    assert [(x.responsible, [t.due for t in x.deadlines]) for x in d.values()] == [
        (("Петров П.П.",), ["2025-12-01"]), (("Сидоров С.С.",), ["2025-07-12"])]


def test_editors_notes_and_repealed_items():
    d = by_id(parse_lines(*ACT, "1. Отделу ЖКХ ежемесячно, до 3 числа, представлять отчет.",
                          "(п. 1 в ред. Постановления от 14.04.2025 N 402)", "2. Утратил силу. - Постановление от 14.04.2025 N 402.",
                          "3. Отделу культуры провести концерт. (п. 3 введен Постановлением от 14.04.2025 N 402)"))
    assert d["1"].text == "Отделу ЖКХ ежемесячно, до 3 числа, представлять отчет."
    assert (d["2"].kind, d["3"].text) == ("note", "Отделу культуры провести концерт.")


def test_law_articles_and_holiday_items(write_txt):
    text = ("ЗАКОН\nОБЛАСТИ\n\nО памятных датах\n\nПринят Законодательным Собранием 20 февраля 2025 года\n\nСтатья 1\n"
            "Установить памятные даты:\n1) 14 марта – День образования области;\n2) 8 июля – День рыбака.\n\nСтатья 2\n"
            "Настоящий Закон вступает в силу через десять дней после дня его официального опубликования.\n\n"
            "Губернатор области          Е.Ю. Комаров\n\nг. Приморск\n3 марта 2025 года\n№ 15-ОЗ\n")
    result = parse_file(write_txt(text))
    assert (result.protocol.date, result.protocol.number, result.protocol.title) == ("2025-03-03", "15-ОЗ", "О памятных датах")
    d = by_id(result)
    assert list(d) == ["1", "1.1", "1.2", "2"]
    assert d["1.1"].deadlines[0].rrule == "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14"
    assert d["2"].kind == "note"


def test_lettered_sub_items_run_into_their_items_line():
    d = by_id(parse_lines(*ACT, "1. Отделу культуры: а) провести концерт 1 июня 2025 г.; б) организовать выставку; "
                                "в) подвести итоги до 10 июня 2025 г."))
    assert [(x.id, x.kind, x.addressees) for x in d.values()] == [
        ("1", "group", ("Отделу культуры",)), ("1.а", "task", ("Отделу культуры",)),
        ("1.б", "task", ("Отделу культуры",)), ("1.в", "task", ("Отделу культуры",))]
    assert d["1.в"].deadlines[0].due == "2025-06-10"


def test_stamp_place_certification_and_footer_stay_out_of_the_last_item():
    for tail in (("Глава района", "П.П. Петров", "М.П."), ("Верно:", "Начальник общего отдела         Т.Т. Тарасова"),
                 ("Глава района          П.П. Петров", "Исп. Лукина О.В.", "тел. 8 (81542) 2-14-37",
                  "Разослать: в дело, прокуратура.")):
        result = parse_lines(*ACT, "1. Отделу культуры провести концерт.", *tail)
        assert by_id(result)["1"].text == "Отделу культуры провести концерт.", tail
        assert result.protocol.signatory is not None, tail


def test_txt_place_line_is_not_joined_to_the_title_or_the_number(write_txt):
    p = parse_file(write_txt("ПРОТОКОЛ\nвыездного совещания по вопросу строительства детского сада\n\n"
                             "г. Ветлуга          05.06.2025\n\n1. Провести проверку.\n")).protocol
    assert (p.title, p.place, p.date) == ("выездного совещания по вопросу строительства детского сада", "Ветлуга",
                                          "2025-06-05")
    p = parse_file(write_txt("ПРОТОКОЛ\nсовещания\n«17» июня 2025 г.          № 3/25\nг. Приреченск\n\n"
                             "1. Провести проверку.\n")).protocol
    assert (p.number, p.place) == ("3/25", "Приреченск")


def test_the_acts_details_under_the_signature_and_then_an_appendix(write_txt):
    text = ("УКАЗ\nГУБЕРНАТОРА ОБЛАСТИ\n\n1. Утвердить перечень (приложение).\n2. Министерству финансов области "
            "в месячный срок подготовить порядок.\n\nГубернатор области          О.И. Варламов\n\nг. Приреченск\n"
            "7 октября 2025 года\n№ 112\n\nПРИЛОЖЕНИЕ\nк указу Губернатора области\nПЕРЕЧЕНЬ мероприятий\n"
            "1. Провести смотр до 1 декабря 2025 г.\n")
    result = parse_file(write_txt(text))
    assert (result.protocol.date, result.protocol.number) == ("2025-10-07", "112")
    d = by_id(result)
    assert d["2"].text == "Министерству финансов области в месячный срок подготовить порядок."
    assert d["Приложение.1"].deadlines[0].due == "2025-12-01"
