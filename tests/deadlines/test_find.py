"""scan_deadlines: the deadlines of running text, read in their context."""

from __future__ import annotations

import pytest

from protokol.deadlines import scan_deadlines as find_deadlines
from tests.deadlines.conftest import PROTOCOL_DATE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Направить предложения в срок до 1 июля 2023 г. в адрес Департамента.",
         [("в срок до 1 июля 2023 г.", "once", "2023-07-01")]),
        ("Представить отчет в срок не позднее 15.07.2023 на почту.", [("в срок не позднее 15.07.2023", "once", "2023-07-15")]),
        ("Разместить пост-релиз не позднее 9:00 (МСК) 20 августа 2023 г.",
         [("не позднее 9:00 (МСК) 20 августа 2023 г.", "once", "2023-08-20T09:00:00+03:00")]),
        ("Обеспечить готовность к 1 сентября.", [("к 1 сентября", "once", "2023-09-01")]),
        ("Продолжить исполнение поручений протоколов от 17 января 2023 г. №Д05-3/05пр в установленные сроки;",
         [("в установленные сроки", "as_established", None)]),
        ("Подготовить предложения в течение 10 рабочих дней.", [("в течение 10 рабочих дней", "relative", "2023-07-04")]),
        ("Внести изменения в 3-дневный срок со дня подписания протокола.",
         [("в 3-дневный срок со дня подписания протокола", "relative", "2023-06-23")]),
        ("Направить сведения в месячный срок.", [("в месячный срок", "relative", "2023-07-20")]),
        ("Осуществлять мониторинг постоянно.", [("постоянно", "continuous", None)]),
        ("Незамедлительно проинформировать Департамент.", [("Незамедлительно", "asap", None)]),
        ("Доработать матрицы в кратчайшие сроки и направить их до 30 июня 2023 г.",
         [("в кратчайшие сроки", "asap", None), ("до 30 июня 2023 г.", "once", "2023-06-30")]),
        ("Провести работу до конца 2023 года.", [("до конца 2023 года", "period", "2023-12-31")]),
    ],
)
def test_finds_strong_markers(text, expected):
    found = find_deadlines(text, PROTOCOL_DATE)
    assert [(d.text, d.kind, d.due) for d in found] == expected
    for d in found:
        assert d.text in text


@pytest.mark.parametrize(
    "text",
    [
        "Продолжить исполнение поручений протоколов от 17 января 2023 г. №Д05-3/05пр, от 21 февраля 2023 г.",
        "письмо Минпросвещения России №05-1659 от 29 мая 2023 г.",
        "осуществлять замены слушателей программ до начала стажировок",
        "Предоставить информацию об ответственных присутствующих на еженедельном совещании",
        "Сформировать инфоповоды (не менее 3 х в неделю от региона).",
        "Загружать медиаматериалы (три еженедельных инфоповода с еженедельными отчетами)",
        "контроль успеваемости слушателей на основе еженедельной рассылки",
        "не менее 2-х тем по каждой из программ",
        "членам постоянно действующей рабочей группы",
        "участникам ежегодно проводимого конкурса",
        "",
        # a date of another document, a reporting or planning period, a past event
        "во исполнение распоряжения от 12 марта 2019 года № 45-р",
        "письмо № 07-112 от 14 апреля 2022 г. учесть",
        "отчет за I квартал 2023 года и план на 2024 год",
        "в 2019 году было проведено четыре смотра",
        "ветеран труда Петров П.П. (1931 год)",
    ],
)
def test_no_deadline(text):
    assert find_deadlines(text, PROTOCOL_DATE) == []


def test_unparsed_only_for_a_date_like_leftover():
    assert [d.kind for d in find_deadlines("Срок – когда-нибудь 31.06.2023", PROTOCOL_DATE)] == ["unparsed"]
    assert find_deadlines("Срок исполнения поручения продлить", PROTOCOL_DATE) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Обеспечить подключение к ВКС, которое состоится 22 июня 2023 года в 9-30(МСК);",
         [("22 июня 2023 года в 9-30(МСК)", "once", "on", "2023-06-22T09:30:00+03:00")]),
        ("совещание 20.06.2023 в 10:00 по адресу ул. Ленина, д. 5", [("20.06.2023 в 10:00", "once", "on", "2023-06-20T10:00:00")]),
        ("обеспечить сдачу отчета еженедельно по пятницам", [("еженедельно по пятницам", "recurring", None, None)]),
        ("Провести 12 сентября 2023 года смотр-конкурс.", [("12 сентября 2023 года", "once", "on", "2023-09-12")]),
        ("Провести с 4 по 8 сентября 2023 года декаду чтения.", [("с 4 по 8 сентября 2023 года", "period", None, "2023-09-08")]),
    ],
)
def test_a_bare_date_of_an_action_is_its_deadline(text, expected):
    assert [(d.text, d.kind, d.bound, d.due) for d in find_deadlines(text, PROTOCOL_DATE)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # a strong "до 20 августа" inside a longer recurring match that is not strong
        "Направлять отчет еженедельно до 20 августа 2023 г. в Департамент.",
        "Направить предложения в срок до 1 июля 2023 г. в адрес Департамента.",
        "совещание 20.06.2023 в 10:00 по адресу ул. Ленина, д. 5",
        "Обеспечить сдачу отчета еженедельно по пятницам до 12:00",
        "Представить отчет до 15.07.2023, далее ежеквартально",
    ],
)
def test_find_is_the_strong_part_of_a_full_scan(text):
    """find mode may skip rules, but never changes what a full scan would keep."""
    from protokol.deadlines import _context
    from protokol.deadlines.extract import _candidates, _select, scan
    from protokol.deadlines.lexicon import fold

    ctx = _context(PROTOCOL_DATE, "federal", "back")
    full = _select(text, _candidates(fold(text), ctx.grammar, triggers=False, find=True), ctx)
    expected = [h.deadline for h, strong in full if strong]
    assert [h.deadline for h in scan(text, ctx, find=True)] == expected
