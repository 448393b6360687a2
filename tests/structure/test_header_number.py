"""The document's own number is the one beside its own date, never a cited document's
number in the title or subject line ("О ходе исполнения протокола № 5")."""

from __future__ import annotations

import pytest

from tests.structure.conftest import parse_file, parse_lines

BODY = ("РЕШИЛИ:", "1. Управлению ЖКХ обеспечить вывоз снега. Срок – до 20.03.2024.")


@pytest.mark.parametrize(("head", "want"), [
    (("ПРОТОКОЛ", "заседания комиссии по чрезвычайным ситуациям", "О ходе исполнения протокола № 5 от 01.02.2024",
      "12.03.2024 № 14"), ("2024-03-12", "14")),
    (("ПОСТАНОВЛЕНИЕ", "О внесении изменений в постановление администрации города от 15.01.2020 № 12",
      "от 12.03.2021 № 45"), ("2021-03-12", "45")),
    (("ПРОТОКОЛ", "совещания по исполнению распоряжения Губернатора области № 97-р",
      "20 апреля 2024 г.          № 31"), ("2024-04-20", "31")),
    (("ПРОТОКОЛ", "совещания по исполнению поручений, данных письмом Минстроя края № 12-345",
      "20 апреля 2024 г."), ("2024-04-20", None)),
    (("ПРОТОКОЛ № 8", "заседания штаба", "О ходе исполнения распоряжения от 01.02.2024 № 97-р",
      "20 апреля 2024 г."), ("2024-04-20", "8")),
    (("РАСПОРЯЖЕНИЕ", "от 12.03.2021", "№ 45-р", "Об отмене приказа № 3"), ("2021-03-12", "45-р")),
])
def test_own_number_not_a_cited_one(head, want):
    p = parse_lines(*head, *BODY).protocol
    assert (p.date, p.number) == want


def test_cited_number_stays_in_the_title():
    p = parse_lines("ПРОТОКОЛ", "совещания по исполнению распоряжения Губернатора области № 97-р",
                    "20 апреля 2024 г. № 31", *BODY).protocol
    assert p.title == "совещания по исполнению распоряжения Губернатора области № 97-р"


def test_own_line_joined_to_the_subject_in_txt(write_txt):
    # a txt line that does not end a sentence is joined to the next one: the act's own date
    # and number end the subject line, after the amended act's
    p = parse_file(write_txt("ПОСТАНОВЛЕНИЕ\n\nО внесении изменений в постановление администрации города "
                             "от 15.01.2020 № 12\n\nот 12.03.2021 № 45\n\n" + "\n".join(BODY))).protocol
    assert (p.date, p.number) == ("2021-03-12", "45")


def test_number_on_the_protocol_word_line_below_the_organization():
    p = parse_lines("АДМИНИСТРАЦИЯ ГОРОДА", "ПРОТОКОЛ № 5", "совещания по вопросу благоустройства", "10.01.2024",
                    *BODY).protocol
    assert (p.title, p.date, p.number) == ("совещания по вопросу благоустройства", "2024-01-10", "5")


def test_place_date_and_number_joined_to_the_title_line():
    p = parse_lines("МИНИСТЕРСТВО ЗДРАВООХРАНЕНИЯ ОБЛАСТИ",
                    "ПРОТОКОЛ совещания по вопросу вакцинации населения г. Северск 05.04.2024 № 12-пр",
                    *BODY).protocol
    assert (p.title, p.date, p.number) == ("совещания по вопросу вакцинации населения", "2024-04-05", "12-пр")
