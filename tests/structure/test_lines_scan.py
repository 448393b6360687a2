"""structure/lines.py's faster scans find exactly what the patterns they replace find."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.structure import lines
from protokol.structure.labels import INLINE_HINT

PIECES = ["1.", "2", ".", ":", " ", "\u2003", "\n", "«", "\"", "“", "А", "Я", "Ё", "я", "ё", "Z", "z", "٣", "²",
          "1. Создать", "01.07.2024", "постановляю:", "Принять", "а)", "ᲂ", ";"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_inline_hint_is_the_pattern(text: str) -> None:
    assert lines._inline_hint(text) == (INLINE_HINT.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_list_start_is_the_pattern(text: str) -> None:
    fast, plain = lines._list_start(text), lines.LIST_START.search(text)
    assert (fast and fast.span()) == (plain and plain.span())


def test_every_hint_end_character() -> None:
    for code in range(0x3000):
        text = f"1. {chr(code)}"
        assert lines._inline_hint(text) == (INLINE_HINT.search(text) is not None), hex(code)


def test_every_digit_before_the_dot() -> None:
    for code in range(0x20000):
        text = f"{chr(code)}. А"
        assert lines._inline_hint(text) == (INLINE_HINT.search(text) is not None), hex(code)
