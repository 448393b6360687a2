"""The header's faster scans find exactly what the plain patterns find: dates tried only
where a match can start (structure/header_dates.py's _word_dates)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.structure import header, header_dates

PIECES = ["«", "»", " ", "\u2003", "\n", "\t", "1", "12", "123", "٣", "2024", "20245", "мая", "Июня", "ДЕКАБРЯ",
          "г.", "года", "_", "от", "протокола", ".", "05.06.2024", "№", "а", "ма", "«12» марта 2023 г.", "1.2.2024", "01.01.20245", "..", "5.05.2024."]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_word_dates_are_finditer(text: str) -> None:
    fast = [(m.span(), m.groupdict()) for m in header_dates._word_dates(text)]
    plain = [(m.span(), m.groupdict()) for m in header_dates.WORD_DATE.finditer(text)]
    assert fast == plain


def test_word_dates_examples() -> None:
    text = "совещания «  12 » мая 2024 г. и 123 июня 2025 года, 7 июля"
    assert [m[0] for m in header_dates._word_dates(text)] == [m[0] for m in header_dates.WORD_DATE.finditer(text)]
    assert [m.start() for m in header_dates._word_dates(text)][:1] == [text.index("«")]
    assert header_dates.find_date(text) == "2024-05-12"


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_dot_dates_are_finditer(text: str) -> None:
    fast = [(m.span(), m.groupdict()) for m in header_dates._dot_dates(text)]
    plain = [(m.span(), m.groupdict()) for m in header_dates.DOT_DATE.finditer(text)]
    assert fast == plain


EVENT_PIECES = ["по", "ПО", "пᲂ", "итогам", "ИТОГАМ", "итᲂгам", " ", "\u2003", "рабочей", "поездки", "а", "1", "«", "-",
                "по итогам совещания", "упо"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(EVENT_PIECES), max_size=12).map("".join))
def test_event_of_is_the_pattern(text: str) -> None:
    assert header._event_of(text) == (header.EVENT_OF.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_scans_from_the_first_digit(text: str) -> None:
    digit = header_dates.DIGIT.search(text)
    first = digit.start() if digit else len(text)
    assert [m.span() for m in header_dates._word_dates(text, first)] == [m.span() for m in header_dates.WORD_DATE.finditer(text)]
    assert [m.span() for m in header_dates._dot_dates(text, first)] == [m.span() for m in header_dates.DOT_DATE.finditer(text)]
