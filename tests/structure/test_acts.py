"""Acts (распоряжения, постановления): header date, number and place; who is addressed
by "Рекомендовать / Предложить / Поручить"; "Ответственным исполнителем определить X"."""

from __future__ import annotations

import pytest

from protokol.structure.fields import item_fields
from tests.structure.conftest import by_id, parse_lines

BODY = ("1. Отделу кадров обеспечить проведение конкурса.",
        "2. Контроль за исполнением распоряжения оставляю за собой.")


@pytest.mark.parametrize(("head", "want"), [
    (("Распоряжение от 14.03.2007 г № 2214", "О проведении конкурса"), ("2007-03-14", "2214", None)),
    (("АДМИНИСТРАЦИЯ ГОРОДА", "ПОСТАНОВЛЕНИЕ", "03.02.2016 № 415", "О проведении конкурса"),
     ("2016-02-03", "415", None)),
    (("ПОСТАНОВЛЕНИЕ администрации города от 03.02.2016 № 415",), ("2016-02-03", "415", None)),
    (("РАСПОРЯЖЕНИЕ", "от 20.06.2023 № 97-р", "г. Тюмень"), ("2023-06-20", "97-р", "Тюмень")),
    (("РАСПОРЯЖЕНИЕ", "от « 20 » июня 2023 г.", "№ 97-р"), ("2023-06-20", "97-р", None)),
    (("РАСПОРЯЖЕНИЕ", "20.06.2023          № 97-р", "г. Тюмень"), ("2023-06-20", "97-р", "Тюмень")),
    (("ПРОТОКОЛ", "совещания", "«20» июня 2023 г.", "г. Тюмень",
      "В соответствии с протоколом от 17 января 2023 г. № 3:"), ("2023-06-20", None, "Тюмень")),
    (("г. Тюмень", "О проведении конкурса", "В целях проведения конкурса 1 июня 2023 года:"), (None, None, "Тюмень")),
])
def test_act_header(head, want):
    p = parse_lines(*head, *BODY).protocol
    assert (p.date, p.number, p.place) == want


def test_date_and_number_separated_by_a_tab_in_txt(write_txt):
    from tests.structure.conftest import parse_file

    p = parse_file(write_txt("РАСПОРЯЖЕНИЕ\n20.06.2023\t\t\t\t№ 97-р\nг. Тюмень\n" + "\n".join(BODY))).protocol
    assert (p.date, p.number, p.place) == ("2023-06-20", "97-р", "Тюмень")


def test_joined_date_line_is_cut_off_the_title(write_txt):
    from tests.structure.conftest import parse_file

    p = parse_file(write_txt("ПРОТОКОЛ № 4\nсовещания по подготовке к празднику\nот « 20 » июня 2023 г.\n"
                             + "\n".join(BODY))).protocol
    assert (p.title, p.date) == ("совещания по подготовке к празднику", "2023-06-20")


@pytest.mark.parametrize(("text", "addressee", "responsible"), [
    ("Рекомендовать главам муниципальных образований издать распоряжения.",
     "главам муниципальных образований", ()),
    ("Поручить отделу культуры администрации района организацию праздника.",
     "отделу культуры администрации района", ()),
    ("Рекомендовать МУП «Теплосеть» провести опрессовку сетей.", "МУП «Теплосеть»", ()),
    ("Предложить главе сельского поселения Иванову И.И. рассмотреть вопрос.",
     "главе сельского поселения", ("Иванов И.И.",)),
    ("Поручить Комитету по физической культуре и спорту проведение соревнований.",
     "Комитету по физической культуре и спорту", ()),
    ("Поручить подготовку доклада.", None, ()),
    ("Ответственным исполнителем определить Минфин России.", None, ("Минфин России",)),
    ("Назначить ответственным исполнителем Сидорову Е.В.", None, ("Сидорова Е.В.",)),
    ("Ответственным за проведение конкурса назначить отдел культуры (Петрова А.А.).", None,
     ("отдел культуры", "Петрова А.А.")),
    # the fourth sweep: "Возложить на X …" names X; a nominative subject is no addressee; people of co-executors
    ("Возложить на заместителя директора Сидорову А.А. исполнение обязанностей директора.", None, ("Сидорова А.А.",)),
    ("Возложить на отдел кадров ведение табеля.", None, ()),
    ("Решения комиссии, предусмотренные протоколом от 18.03.2025 № 1, считать исполненными.", None, ()),
    ("Администрации района обеспечить уборку.", "Администрации района", ()),
    ("Минфину края (Белоусова И.В.) совместно с Минстроем края (Козлов П.П.) рассмотреть вопрос.",
     "Минфину края совместно с Минстроем края", ("Белоусова И.В.", "Козлов П.П.")),
])
def test_addressee_after_an_instruction_verb_and_the_appointed_responsible(text, addressee, responsible):
    fields = item_fields(text, lead_in=False)
    assert (fields.addressee, fields.responsible) == (addressee, responsible)


def test_appointed_responsible_is_a_task_with_no_addressee():
    d = by_id(parse_lines("РАСПОРЯЖЕНИЕ", "от 20.06.2023 № 5",
                          "1. Ответственным исполнителем определить Минфин России."))
    assert (d["1"].kind, d["1"].addressees, d["1"].responsible) == ("task", (), ("Минфин России",))


def test_thirty_item_act_gives_thirty_directives():
    items = [f"{n}. Отделу № {n} провести проверку объектов до {n % 28 + 1} июля 2023 г." for n in range(1, 31)]
    result = parse_lines("РАСПОРЯЖЕНИЕ", "от 20.06.2023 № 5", "О проверке объектов", *items)
    d = by_id(result)
    assert list(d) == [str(n) for n in range(1, 31)]
    assert all(x.kind == "task" and len(x.deadlines) == 1 for x in d.values())
    assert [s.number for s in result.sections] == [None]



def test_a_cited_document_date_stays_in_the_title():
    p = parse_lines("ПРОТОКОЛ", "совещания по исполнению письма Минфина края от 2 февраля 2024 г.",
                    "14 февраля 2024 г. № 9-пр", *BODY).protocol
    assert (p.title, p.date) == ("совещания по исполнению письма Минфина края от 2 февраля 2024 г", "2024-02-14")
