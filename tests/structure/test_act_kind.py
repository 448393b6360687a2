"""The kind of act a header names (Protocol.act) and the headings the outputs give it."""

from __future__ import annotations

import pytest

from protokol.output.formats import render
from tests.structure.conftest import parse_lines

BODY = ("1. Отделу культуры организовать выставку до 1 мая 2026 г.",
        "2. Контроль за исполнением оставляю за собой.")


@pytest.mark.parametrize(("head", "act"), [
    (("ПРОТОКОЛ", "совещания у главы района", "от 12.03.2026 № 4"), "протокол"),
    (("П Р О Т О К О Л № 4", "заседания штаба"), "протокол"),
    (("АДМИНИСТРАЦИЯ РАЙОНА", "РАСПОРЯЖЕНИЕ", "от 12.03.2026 № 45-р", "О выставке"), "распоряжение"),
    (("АДМИНИСТРАЦИЯ РАЙОНА", "П О С Т А Н О В Л Е Н И Е", "12.03.2026 № 150"), "постановление"),
    (("ПРИКАЗ № 12", "от 12 марта 2026 г.", "О выставке"), "приказ"),
    (("СОВЕТ ДЕПУТАТОВ", "РЕШЕНИЕ", "от 12.03.2026 № 7/3"), "решение"),
    (("УТВЕРЖДАЮ", "Глава района", "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ", "по итогам совещания 12 марта 2026 г."), "перечень поручений"),
    (("Распоряжение от 12.03.2026 № 45-р", "О выставке"), "распоряжение"),
    (("О выставке", "В целях развития культуры:"), None),  # no kind named
    (("Постановлением администрации от 01.02.2026 № 9 утвержден план.",), None),  # a mention, not a heading
])
def test_act_kind(head, act):
    assert parse_lines(*head, *BODY).protocol.act == act


def test_headings_name_the_act():
    result = parse_lines("АДМИНИСТРАЦИЯ РАЙОНА", "РАСПОРЯЖЕНИЕ", "от 12.03.2026 № 45-р", "О выставке", *BODY)
    for fmt in ("table", "md", "html"):
        assert "Распоряжение № 45-р от 12.03.2026" in render(fmt, [result]), fmt
        assert "Протокол № 45-р" not in render(fmt, [result]), fmt


def test_a_protocol_is_headed_protocol_and_an_unnamed_act_too():
    named = parse_lines("ПРОТОКОЛ", "совещания", "от 12.03.2026 № 4", "РЕШИЛИ:", *BODY)
    unnamed = parse_lines("от 12.03.2026 № 4", *BODY)
    assert "Протокол № 4 от 12.03.2026" in render("md", [named])
    assert unnamed.protocol.act is None and "Протокол № 4 от 12.03.2026" in render("md", [unnamed])


@pytest.mark.parametrize(("head", "act"), [
    (("# из архива района", "Приказ от 12.03.2026 № 45", "О выставке"), "приказ"),
    (("Распоряжение № 45-р от 12.03.2026",), "распоряжение"),
    (("Постановление Правительства от 01.02.2026 № 9 исполнить.",), None),  # a body's mention
    (("Решение о выставке принято 12.03.2026",), None),
])
def test_act_kind_in_small_letters(head, act):
    assert parse_lines(*head, *BODY).protocol.act == act


@pytest.mark.parametrize(("head", "act"), [
    (("Постановление администрации округа Заречный от 21.11.2025 № 833 О выставке",), "постановление"),
    (("Распоряжение Администрации области от 06.05.2025 № 254-р", "О выставке"), "распоряжение"),
    (("Распоряжение от 29.04.2025 г № 285-Р",), "распоряжение"),
    (("Перечень поручений по итогам встречи с предпринимателями", "12 марта 2026 г.    Пр-45"), "перечень поручений"),
])
def test_act_kind_with_its_issuer(head, act):
    assert parse_lines(*head, *BODY).protocol.act == act
