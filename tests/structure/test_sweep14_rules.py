"""The structure rules of the fourteenth sweep (documents 177-199): a post and its holder on an
Ответственный line, the dashed list under "Ответственные исполнители:", a перечень signed by its
approval block, Roman items that tell someone, "Решили: 1.1. …" on one line, speakers in brackets
closing a heading (surnames alone too), a table's Соисполнители column, a body of an Ответственный
cell read in the nominative, "Отв. исп.:" / "Соисп.:" / "Срок исп.:" lines, a board's "Вопрос № 1
повестки дня:" and "Формулировка решения:", votes "«ПРОТИВ» – нет", a field line ending the
attendees, "назначить ответственных за …" naming no one."""

from __future__ import annotations

from protokol.structure.annotate import annotate
from protokol.structure.executors import listed, split_addressee
from protokol.structure.fields import item_fields
from protokol.structure.markers import markers
from protokol.structure.names import post_and_person, split_people
from tests.structure.conftest import by_id, parse_lines


def test_a_post_and_its_holder_answer_and_act():
    posts: list[tuple[str, str]] = []
    assert split_people("начальник отдела дорожного хозяйства Петров И.И.", posts) == ["Петров И.И."]
    assert posts == [("начальник отдела дорожного хозяйства", "Петров И.И.")]
    assert post_and_person("директор МКУ «Служба благоустройства» Громов Д.С.") == (
        "директор МКУ «Служба благоустройства»", "Громов Д.С.")
    assert post_and_person("отдел культуры (Попова Е.А.)") is None  # a body, no post
    posts.clear()
    assert split_people("Петров И.И. (начальник отдела ЖКХ)", posts) == ["Петров И.И."]
    assert posts == [("начальник отдела ЖКХ", "Петров И.И.")]
    assert [(e.name, e.type, e.person) for e in listed("и.о. начальника управления образования Крылова К.К.", "executor")] == [
        ("И.о. начальника управления образования", "position", "Крылова К.К.")]
    assert post_and_person("заместитель главы Иванов И.И., Петров П.П.") is None  # two people
    result = parse_lines(
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ", "по итогам совещания 14 января 2029 г.",
        "1. Организовать дежурство техники.",
        "Ответственный: начальник отдела дорожного хозяйства Петров И.И.",
        "Срок: до 1 марта 2029 г.",
        "2. Управлению образования провести проверку.",
        "Ответственный: начальник управления Сомова А.А.")
    found = by_id(result)
    assert found["1"].responsible == ("Петров И.И.",)
    assert [(e.name, e.type, e.person) for e in found["1"].executors] == [
        ("Начальник отдела дорожного хозяйства", "position", "Петров И.И.")]
    assert found["2"].responsible == ("Сомова А.А.",)
    assert [e.name for e in found["2"].executors] == ["Управление образования"]  # told in the text: no post
    assert annotate(result) == result
    mixed = by_id(parse_lines("ПРОТОКОЛ", "совещания", "от 12.03.2029 № 5", "1. Провести совещание.",
                              "Ответственные: отдел культуры, начальник отдела спорта Лебедев Л.Л."))["1"]
    assert [(e.name, e.type, e.person) for e in mixed.executors] == [  # his post's person, not the body's
        ("Отдел культуры", "organization", None), ("Начальник отдела спорта", "position", "Лебедев Л.Л.")]


def test_the_dashed_list_under_executors_answers_for_the_item():
    result = parse_lines(
        "ПРОТОКОЛ", "заседания комиссии", "от 21.02.2029 № 1",
        "1. Провести обследования мест массового пребывания людей.",
        "Ответственные исполнители:",
        "- управление по делам ГО и ЧС города (Беляев А.С.);",
        "- отдел МВД России по городу (по согласованию).",
        "Срок: до 1 апреля 2029 г.",
        "2. Отделу культуры провести концерт.")
    found = by_id(result)
    assert list(found) == ["1", "2"]
    assert found["1"].kind == "task" and [d.due for d in found["1"].deadlines] == ["2029-04-01"]
    assert [(e.name, e.person) for e in found["1"].executors] == [
        ("Управление по делам ГО и ЧС города", "Беляев А.С."), ("Отдел МВД России по городу", None)]


def test_the_list_under_responsible_as_paragraphs_of_their_own():
    result = parse_lines(  # Word keeps each one a paragraph: no dashes, no line joined to the one above
        "ПРОТОКОЛ", "заседания рабочей группы", "от 18.03.2027 № 3",
        "1. Провести выездные проверки организаций.", "Ответственные:",
        "отдел экономики администрации района (Лебедев К.И.);", "межрайонная ИФНС России № 7 (Шилов М.А.).",
        "Срок: до 30 апреля 2027 г.", "2. Отделу культуры провести концерт.")
    found = by_id(result)
    assert list(found) == ["1", "2"]
    assert [(e.name, e.person) for e in found["1"].executors] == [
        ("Отдел экономики администрации района", "Лебедев К.И."), ("Межрайонная ИФНС России № 7", "Шилов М.А.")]
    assert [d.due for d in found["1"].deadlines] == ["2027-04-30"]


def test_the_approval_block_signs_a_perechen_with_no_signature():
    lines = ("УТВЕРЖДАЮ", "Губернатор Приозёрной области", "_____________ Н.Н. Котов", "«05» апреля 2028 г.",
             "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ", "по итогам заседания совета",
             "1. Министерству финансов области предусмотреть средства.")
    sign = parse_lines(*lines).protocol.signatory
    assert (sign.position, sign.name) == ("Губернатор Приозёрной области", "Н.Н. Котов")
    signed = parse_lines(*lines, "Заместитель Губернатора области                 А.А. Лебедев").protocol.signatory
    assert signed.name == "А.А. Лебедев"  # the body's own signature stays the signatory


def test_roman_items_that_tell_someone_are_items():
    result = parse_lines(
        "РАСПОРЯЖЕНИЕ", "от 17.05.2029 № 211-р", "Об организации отдыха детей",
        "I. Управлению образования (Сафонова Р.И.):",
        "1) организовать работу лагерей;", "2) обеспечить страхование детей.",
        "II. Контроль за исполнением распоряжения возложить на заместителя главы Ветрову А.Н.")
    assert [s.number for s in result.sections] == [None]
    found = by_id(result)
    assert list(found) == ["I", "I.1", "I.2", "II"]
    assert found["I.1"].addressees == ("Управлению образования",) and found["I.1"].responsible == ("Сафонова Р.И.",)
    # the executor a sub-item inherits keeps the person its lead-in names beside it
    assert [(e.name, e.person) for e in found["I.1"].executors] == [("Управление образования", "Сафонова Р.И.")]
    assert result.protocol.controller == "заместителя главы Ветрову А.Н."


def test_decisions_on_the_markers_line_and_speakers_closing_the_heading():
    result = parse_lines(
        "ПРОТОКОЛ", "заседания штаба", "от 26.03.2029 № 4",
        "1. О ходе догазификации (Пахомов И.Н., Ефремова А.А.)",
        "Решили: 1.1. Информацию принять к сведению.",
        "1.2. АО «Газсеть» обеспечить подключение домовладений.",
        "2. О строительстве газопровода (Лавров, Соболева)",
        "Решили: 2.1. Рекомендовать АО «Газсеть» ускорить работы.")
    assert [(s.number, s.title, list(s.speakers)) for s in result.sections] == [
        ("1", "О ходе догазификации", ["Пахомов И.Н.", "Ефремова А.А."]),
        ("2", "О строительстве газопровода", ["Лавров", "Соболева"])]
    assert list(by_id(result)) == ["1.1", "1.2", "2.1"]


def test_a_surname_alone_in_brackets_answers_for_its_addressee():
    fields = item_fields("Министерству финансов края (Тихонов) совместно с министерством образования края "
                         "(Соболева) подготовить предложения.", lead_in=False)
    assert fields.responsible == ("Тихонов", "Соболева")
    assert [(e.name, e.person) for e in split_addressee("Министерству финансов края (Тихонов)")] == [
        ("Министерство финансов края", "Тихонов")]
    assert [e.person for e in split_addressee("Управлению (Роспотребнадзор)")] == [None]


def test_a_body_named_in_the_nominative():
    assert [(e.name, e.type) for e in listed("Администрации сельских поселений", "executor")] == [
        ("Администрации сельских поселений", "group")]
    assert [e.name for e in split_addressee("Центр занятости населения (по согласованию)")] == ["Центр занятости населения"]
    assert [(e.name, e.person) for e in listed("начальник финансового управления Мельникова А.Р.", "executor")] == [
        ("Начальник финансового управления", "Мельникова А.Р.")]


def test_abbreviated_lines_votes_and_markers():
    mk = markers()
    assert mk["responsible_line"].match("Отв. исп.: Мельникова А.Р.")
    assert mk["responsible_line"].match("Соисп.: руководители отраслевых органов")
    assert mk["deadline_line"].match("Срок исп.: до 10 августа 2029 г.")
    assert mk["decisions"].match("Формулировка решения:")
    assert mk["decisions"].match("Заслушав и обсудив информацию, комиссия решила:")
    assert not mk["decisions"].match("Заслушав информацию, комиссия решила провести рейд:")
    assert mk["vote"].match("«ПРОТИВ» – нет;") and mk["vote"].match("Решение принято.")
    assert not mk["vote"].match("Решение принять к сведению.")
    assert item_fields("назначить ответственных за организацию вакцинации.", lead_in=False).responsible == ()
    assert item_fields("Назначить ответственным за организацию питания учителя Карпову Н.Н.",
                       lead_in=False).responsible == ("Карпова Н.Н.",)


def test_the_object_before_the_verb_is_no_part_of_the_addressee():
    # "Информацию направить в …": who sends it is addressed, the information and its recipient are not
    for text, who in [("Главам поселений информацию о паводке направлять в ЕДДС района ежедневно.", "Главам поселений"),
                      ("Отделу образования отчёт о проведении мероприятий представить до 1 мая.", "Отделу образования"),
                      ("Руководителям организаций, осуществляющих деятельность на территории района, обеспечить охрану.",
                       "Руководителям организаций, осуществляющих деятельность на территории района"),
                      ("Комитету по физической культуре и спорту провести турнир.", "Комитету по физической культуре и спорту")]:
        assert item_fields(text, lead_in=False).addressee == who
    assert item_fields("Информацию о выполнении направить в комиссию до 1 июня.", lead_in=False).addressee is None
    assert item_fields("отделу по делам молодёжи – организовать спортивные мероприятия.",
                       lead_in=False).addressee == "отделу по делам молодёжи"  # no dash left at its end


def test_a_boards_decision_titled_over_two_lines():
    result = parse_lines(
        "РЕШЕНИЕ", "совета директоров АО «Водоканал»", "от 15.05.2029 № 7",
        "1. Разработать положение о закупках.",
        "Ответственный за исполнение: корпоративный секретарь Общества Орлова О.О.")
    assert (result.protocol.title, result.protocol.date, result.protocol.number) == (
        "совета директоров АО «Водоканал»", "2029-05-15", "7")
    found = by_id(result)
    assert list(found) == ["1"]  # "РЕШЕНИЕ" is the act's word, not the decisions' marker
    assert [(e.name, e.type, e.person) for e in found["1"].executors] == [
        ("Корпоративный секретарь Общества", "position", "Орлова О.О.")]


def test_a_field_line_ends_the_attendees():
    result = parse_lines(
        "ПРОТОКОЛ", "общественных обсуждений", "от 22.04.2029",
        "Присутствовали: 46 человек (список прилагается).",
        "Заказчик: ООО «ЭкоСтрой».",
        "Замечания участников внесены в журнал учёта замечаний.",
        "РЕШЕНИЕ:", "1. Признать общественные обсуждения состоявшимися.")
    assert list(result.protocol.attendees) == []


def test_a_board_question_with_its_wording_and_votes():
    result = parse_lines(
        "ПРОТОКОЛ № 12", "заседания совета директоров", "Дата проведения заседания: 18 марта 2029 г.",
        "Вопрос № 1 повестки дня: Об утверждении плана закупок.",
        "Формулировка решения:", "1.1. Утвердить план закупок Общества на 2029 год.",
        "Итоги голосования:", "«ЗА» – 5;", "«ПРОТИВ» – нет;", "Решение принято.",
        "Вопрос № 2 повестки дня: О ремонте сетей.",
        "Формулировка решения:", "2.1. Генеральному директору представить график ремонта.", "Решение принято.")
    assert [(s.number, s.title) for s in result.sections] == [("1", "Об утверждении плана закупок"), ("2", "О ремонте сетей")]
    found = by_id(result)
    assert found["1.1"].text == "Утвердить план закупок Общества на 2029 год."
    assert found["2.1"].text == "Генеральному директору представить график ремонта."
