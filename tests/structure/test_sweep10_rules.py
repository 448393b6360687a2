"""The structure rules of the tenth sweep: a body's heading with no number over items numbered
anew under each heading, "Исполнитель:" / "Соисполнители:" lines as executors, the documents
an act's reasons cite as the protocol's references, a перечень's own date joined to its title
line, a scanner's space inside a header date's day, a table right under "1.2. … :", "Председатель
КЧС и ОПБ:", a Word table's vertically merged cell."""

from __future__ import annotations

import pytest

from protokol.structure.fields import addressee_heading
from protokol.structure.header_dates import find_date
from protokol.structure.markers import markers
from tests.structure.conftest import by_id, parse_file, parse_lines


def test_a_bodys_heading_over_items_numbered_anew_is_their_lead_in():
    result = parse_lines(
        "ПРОТОКОЛ", "оперативного совещания у главы города", "12.01.2027 № 2",
        "Управлению образования (Лосева Е.Г.):",
        "1. Обеспечить контроль температурного режима в школах.",
        "2. Представить информацию о питании до 20 января 2027 г.",
        "Управлению ЖКХ:",
        "1. Организовать вывоз снега.",
        "Срок: постоянно.",
        "2. Проверить кровли домов до 25 января 2027 г.",
        "Глава города   Н.Н. Бельский")
    found = by_id(result)
    assert list(found) == ["-1", "-1.1", "-1.2", "-2", "-2.1", "-2.2"]
    assert found["-1"].kind == "group"
    assert found["-1.2"].text == "Представить информацию о питании до 20 января 2027 г."
    assert found["-1.2"].addressees == ("Управлению образования",)
    assert found["-1.2"].responsible == ("Лосева Е.Г.",)
    assert found["-2.1"].addressees == ("Управлению ЖКХ",)
    assert [d.kind for d in found["-2.1"].deadlines] == ["continuous"]


def test_the_first_heading_opens_the_decisions_without_a_marker():
    result = parse_lines(
        "ПРОТОКОЛ", "совещания", "от 08.11.2027 № 41", "Председательствовал: глава округа Сафонов Д.И.",
        "Финансовому управлению (Орлова Н.Н.):", "1. Подготовить предложения до 20 ноября 2027 г.",
        "2. Обеспечить исполнение кассового плана.")
    assert list(by_id(result)) == ["-1", "-1.1", "-1.2"]
    assert result.protocol.chair == "глава округа Сафонов Д.И."


@pytest.mark.parametrize("text", ["Управлению образования (Лосева Е.Г.):", "МКУ «Управление гражданской защиты»:",
                                  "Главам сельских поселений:"])
def test_addressee_heading(text):
    assert addressee_heading(text)


@pytest.mark.parametrize("text", ["По итогам совещания решено:", "ПОРУЧЕНО:", "Присутствовали:",
                                  "Российской Федерации от 27.04.2021 N 404н приказываю:",
                                  "Управлению образования обеспечить:", "главам поселений:",
                                  "Управлению образования обеспечить контроль."])
def test_no_addressee_heading(text):
    assert not addressee_heading(text)


def test_a_heading_after_a_sentence_cut_by_a_line_break_is_still_text():
    result = parse_lines("ПРОТОКОЛ № 1", "12.01.2027", "1. Провести совещание с руководителями и",
                         "Управлению образования:", "2. Обеспечить контроль.")
    assert list(by_id(result)) == ["1", "2"]


def test_executor_and_co_executor_lines():
    result = parse_lines(
        "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ", "главы округа по итогам приёма граждан", "от 11 мая 2027 г. № 12-п",
        "1. Рассмотреть возможность установки детской площадки.",
        "Исполнитель: управление благоустройства (Кирсанов Б.Б.).",
        "Соисполнители: управление архитектуры и градостроительства, МКУ «Служба заказчика».",
        "Срок – до 1 июня 2027 г.",
        "2. Подготовить ответ заявителю.", "Исполнитель: Петров П.П.",
        "3. Управлению образования рассмотреть вопрос о месте в детском саду.",
        "Исполнитель: отдел опеки.", "Соисполнитель: комиссия по комплектованию.")
    found = by_id(result)
    assert [(e.name, e.role, e.person) for e in found["1"].executors] == [
        ("Управление благоустройства", "executor", "Кирсанов Б.Б."),
        ("Управление архитектуры и градостроительства", "co_executor", None),
        ("МКУ «Служба заказчика»", "co_executor", None)]
    assert "Кирсанов Б.Б." in " ".join(found["1"].responsible)
    assert found["1"].addressees == ()  # the text names none: executors, no addressee made up
    assert found["2"].executors == ()  # a person alone answers for it, no executor
    assert found["2"].responsible == ("Петров П.П.",)
    # the text's own addressee stays the executor; the co-executor line adds to it
    assert [(e.name, e.role) for e in found["3"].executors] == [
        ("Управление образования", "executor"), ("Комиссия по комплектованию", "co_executor")]
    assert (result.protocol.date, result.protocol.number) == ("2027-05-11", "12-п")


def test_responsible_executor_line_names_the_executor():
    result = parse_lines("ПРОТОКОЛ № 4", "26.10.2027", "1. Разработать план мероприятий.",
                         "Ответственный исполнитель: отдел по делам ГО и ЧС администрации района (Сухов М.М.).",
                         "2. Провести проверки.", "Ответственный: отдел экономики.")
    found = by_id(result)
    assert [e.name for e in found["1"].executors] == ["Отдел по делам ГО и ЧС администрации района"]
    # an item that tells no one else: the body its "Ответственный:" line names acts, as a table's cell
    assert [(e.name, e.role, e.person) for e in found["2"].executors] == [("Отдел экономики", "executor", None)]


def test_the_documents_an_acts_reasons_cite_are_the_protocols_references():
    result = parse_lines(
        "АДМИНИСТРАЦИЯ ОКРУГА", "РАСПОРЯЖЕНИЕ", "от 03.06.2027 № 388-р", "О мерах по предупреждению лесных пожаров",
        "Во исполнение поручения Губернатора области от 27.05.2027 № 61-пг и в соответствии с постановлением "
        "Правительства Российской Федерации от 07.10.2020 № 1614:",
        "1. Отделу ГО и ЧС организовать патрулирование.")
    assert [(r.kind, r.number, r.date) for r in result.protocol.references] == [
        ("other", "61-пг", "2027-05-27"), ("resolution", "1614", "2020-10-07")]
    assert (result.protocol.date, result.protocol.number) == ("2027-06-03", "388-р")


def test_a_scanners_space_inside_the_day_of_a_date_in_words():
    assert find_date("от 1 6 июня 2027 г.") == "2027-06-16"
    assert find_date("1 6 июня 2027 г.") == "2027-06-16"
    assert find_date("№ 1 6 июня 2027 г.") == "2027-06-06"  # number 1 of 6 June


def test_a_table_right_under_an_item_ending_with_a_colon_gives_its_sub_items(docx_file):
    path = docx_file(
        "ПРОТОКОЛ № 7", "от 10 октября 2027 г.",
        "1. О прохождении паводкоопасного периода",
        "1.1. Информацию принять к сведению.",
        "1.2. Утвердить план мероприятий:",
        [["№ п/п", "Мероприятие", "Срок исполнения", "Ответственный исполнитель"],
         ["1", "Очистка водопропускных труб", "до 1 марта 2028 г.", "Главы сельских поселений"],
         ["2", "Создание резерва", "до 15 марта 2028 г.", "Отдел по делам ГО и ЧС"]],
        "1.3. Главам сельских поселений уточнить списки населения до 1 февраля 2028 г.")
    result = parse_file(path)
    assert [s.number for s in result.sections] == ["1"]
    found = by_id(result)
    assert list(found) == ["1.1", "1.2", "1.2.1", "1.2.2", "1.3"]
    assert found["1.2"].kind == "group"
    assert found["1.2.1"].text == "Очистка водопропускных труб"
    assert found["1.3"].parent is None


@pytest.mark.parametrize("line", ["Присутствовали: согласно приложению.", "Присутствовали: по списку (прилагается)."])
def test_attendees_listed_elsewhere_are_none(line):
    result = parse_lines("ПРОТОКОЛ № 9", "совещания", "15.04.2027", line, "1. Отделу ЖКХ провести проверку.")
    assert result.protocol.attendees == ()


def test_chair_of_a_commission_by_its_abbreviation():
    assert markers()["chair"].match("Председатель КЧС и ОПБ: глава района Егоров С.В.")
    assert markers()["chair"].match("Председатель АТК – глава района")
    assert not markers()["chair"].match("Председатель Правительства")


def _perechen_table(path, rows: list[list[str]], merges: list[tuple[int, int]]):
    """A .docx перечень whose table has each cell (row, column) of `merges` merged into the one below."""
    import docx

    document = docx.Document()
    document.add_paragraph("ПЕРЕЧЕНЬ ПОРУЧЕНИЙ")
    document.add_paragraph("от 04.03.2027 № 27-пп")
    table = document.add_table(rows=len(rows), cols=4)
    for row, cells in zip(table.rows, rows):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    for r, c in merges:
        table.cell(r, c).merge(table.cell(r + 1, c))
    document.save(path)
    return by_id(parse_file(path))


HEAD = ["№ п/п", "Поручение", "Срок", "Ответственный"]


def test_a_cell_merged_with_the_one_above_holds_its_text_in_its_row(tmp_path):
    found = _perechen_table(tmp_path / "merged.docx", [
        HEAD,
        ["1.", "Заключить контракты на ремонт дорог", "до 1 апреля 2027 г.", "Министерство транспорта (Рябцев Е.Е.)"],
        ["2.", "Представить отчёт о ремонте", "ежемесячно", ""],
        ["3.", "Установить ограждения", "до 15 августа 2027 г.", "Главы муниципальных образований"]],
        [(1, 3)])  # one Ответственный for rows 1 and 2
    assert list(found) == ["1", "2", "3"]
    assert found["2"].addressees == ("Министерство транспорта",)
    assert found["2"].responsible == ("Министерство транспорта (Рябцев Е.Е.)",)
    assert found["3"].addressees == ("Главы муниципальных образований",)


def test_a_row_merged_in_its_first_cell_goes_on_without_a_copy(tmp_path):
    found = _perechen_table(tmp_path / "one_measure.docx", [
        HEAD, ["1.", "Провести ремонт дорог", "до 1 апреля 2027 г.", "Отдел ЖКХ"], ["", "", "до 1 мая 2027 г.", ""]],
        [(1, 0), (1, 1), (1, 3)])  # one measure over two rows, two terms
    assert list(found) == ["1"]
    assert found["1"].text == "Провести ремонт дорог"
    assert found["1"].addressees == ("Отдел ЖКХ",)
