"""The faster spellings of the structure's searches find exactly what the plain ones do:
scouts that skip text (a word a pattern needs), patterns spelled so the regex engine can
skip ahead (no IGNORECASE, one first character), and bracket depths filled between brackets."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.structure import executors, fields, references

# case and look-alike letters included: "ᲂ" and "ᲃ" are a Cyrillic "о" and "с" to IGNORECASE
PIECES = [
    "протокола", "ПРОТОКОЛ", "прᲂтокол", "письмом", "писем", "Приказ", "распоряжения", "указ", "указанный",
    "постановления", "Федерального", "закона", "решение", "поручения", "от", "№", "12-345", "3", "марта",
    "2024", "г.", "Минтранса", "России", "ᲃовместно", "совместно", "во", "взаимодействии", "в", "координации",
    "с", "со", "при", "участии", "участием", "Минфину", "и", "«", "»", "(", ")", "\"", "“", "”", "„", ",", ";",
    " ", "-", ".", "@", "www.", "WwW.", "http://", "HTTPS://", "hTtPſ://", "ſ", "mail.ru", "x_1", "+",
    "провестиблаготворительную", "а" * 41, "ё", "1", "И", "Ё", "Я", "\u2003", "\n",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)
SPACED = st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join)


def _depths_char_by_char(text: str) -> list[int]:
    depth, straight, out = 0, False, []
    for ch in text:
        if ch in "«(":
            depth += 1
        elif ch in "»)":
            depth = max(0, depth - 1)
        elif ch in "\"“”„":
            straight = not straight
            depth += 1 if straight else -1
        out.append(depth)
    return out


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_bracket_depths(text):
    assert executors._depths(text) == _depths_char_by_char(text)


@settings(max_examples=600, deadline=None)
@given(SPACED)
def test_co_executor_markers_need_their_words(text):
    for pattern, words in executors._MARKER_WORDS.items():
        if pattern.search(text):
            assert words.search(text), (pattern.pattern, text)


@settings(max_examples=600, deadline=None)
@given(SPACED, st.integers(min_value=0, max_value=40))
def test_document_words_found_where_the_plain_search_finds_them(text, pos):
    plain = references.DOCUMENT.search(text, pos)
    fast = references._document(text, pos)
    assert (fast.span(), fast.lastgroup) == (plain.span(), plain.lastgroup) if plain else fast is None
    if references.DOCUMENT.search(text):
        assert references._may_name_document(text)


@settings(max_examples=600, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=40))
def test_glued_word_runs(text, start):
    start = min(start, len(text))
    assert [m.span() for m in fields._glued_runs(text, start)] == [m.span() for m in fields.GLUED.finditer(text, start)]


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_links_as_with_ignorecase(text):
    readable = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+", re.I)
    assert fields.URL.findall(text) == readable.findall(text)
    assert bool(fields._MAYBE_LINK.search(text)) == bool(re.search(r"://|www\.|@", text, re.I))


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_initial_at_the_end(text):
    text += "."
    assert executors._ends_with_initial(text) == bool(re.search(r"(?:^|[\s.])[А-ЯЁ]\.$", text))
    assert executors._ends_with_initial("И.") and executors._ends_with_initial("Иванову И.И.")
    assert not executors._ends_with_initial("России.") and not executors._ends_with_initial("ИИ.")


def test_examples():
    text = "Учесть письмо Минтранса России №12-345 от 3 марта 2024 г. и указанный протокол"
    assert references._document(text, 0).group() == "письмо"
    assert references._document(text, 20).group() == "протокол"  # "указанный" is no "указ"
    assert references._document(text, 71) is None
    assert not references._may_name_document("Обеспечить подготовку к 1 июля 2024 г.")
    assert references._may_name_document("прᲂтокол от 1 июля 2024 г.")  # IGNORECASE's "о", lower() leaves it
    assert fields.URL.findall("см. HTTPS://example.org/a и WWW.site.ru") == ["HTTPS://example.org/a", "WWW.site.ru"]
    assert executors._depths("«а (б)» в") == [1, 1, 1, 2, 2, 1, 0, 0, 0]
