"""The infinitive search: the regex finds exactly the WORD tokens with an infinitive ending."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.structure.fields import INFINITIVE_END, INFINITIVE_LIKE, WORD

PIECES = ["ть", "ТЬ", "ти", "Ти", "чь", "ться", "ТЬСЯ", "тись", "чься", "ся", "сь", "т", "ь", "а", "Ё", "ё",
          "обеспечи", "Представи", "-", "--", " ", ".", "1", "x", "ъ", "ᲄь"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


def expected(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in WORD.finditer(text) if m.group(0).lower().endswith(INFINITIVE_END)]


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_same_tokens_as_word_and_endswith(text):
    assert [(m.start(), m.group(0)) for m in INFINITIVE_LIKE.finditer(text)] == expected(text)


def test_examples():
    text = "Минфину обеспечить-таки подготовку; ОБЕСПЕЧИТЬ, провести и добиться, спасти-то, беречь"
    assert [m.group(0) for m in INFINITIVE_LIKE.finditer(text)] == [w for _, w in expected(text)]
    assert [m.group(0) for m in INFINITIVE_LIKE.finditer(text)] == ["ОБЕСПЕЧИТЬ", "провести", "добиться", "беречь"]


def test_a_long_word_is_not_quadratic():
    from tests.hostile.test_big_inputs import assert_linear

    def none_found(text: str) -> None:
        assert list(INFINITIVE_LIKE.finditer(text)) == []

    assert_linear(none_found, lambda n: "а" * n + " " + "а-" * (n // 2), 12_500)  # up to 200,000 letters
