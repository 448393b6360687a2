"""The only place that imports pymorphy3. Loaded lazily, answers cached per word.

What leaves this module is words, normal forms and grammemes: lemma, forms,
known_grammemes, plus the questions the callers ask of a word (has_tag, is_known,
nominative_surname).
The analyzer itself stays here.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    import pymorphy3  # heavy: ~0.3 s and tens of MB, so only on first use

    return pymorphy3.MorphAnalyzer()


def _grammemes(tag: Any) -> frozenset[str]:
    return frozenset(str(tag).replace(" ", ",").split(","))


def _fold(text: str) -> str:
    return text.lower().replace("ё", "е")


@lru_cache(maxsize=65536)
def _parses(word: str) -> tuple[tuple[str, frozenset[str], float], ...]:
    try:
        parses = _analyzer().parse(word)
    except (ValueError, KeyError):
        # pymorphy3 asks unicodedata.name() about a lone character, which raises for
        # characters without a name in Python's Unicode tables (U+17000, a Tangut
        # ideograph): such a "word" has no Russian reading
        return ()
    return tuple((p.normal_form, _grammemes(p.tag), p.score) for p in parses)


def lemma(word: str) -> str:
    """Most probable normal form of a word, lower case."""
    parses = _parses(word.lower())
    return parses[0][0] if parses else word.lower()


def has_tag(word: str, *grammemes: str, min_score: float = 0.0) -> bool:
    """True when some parse of the word carries all the grammemes."""
    want = set(grammemes)
    return any(want <= tags and score >= min_score for _, tags, score in _parses(word.lower()))


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    """True when the word is in the dictionary (not merely guessed)."""
    return bool(_analyzer().word_is_known(word.lower()))


def forms(normal: str, pos: tuple[str, ...] = ()) -> tuple[tuple[str, frozenset[str]], ...]:
    """Every form (word, grammemes) of the lexeme whose normal form is `normal` (ё and е
    alike) and whose part of speech is one of `pos` (any, if empty); () when there is none."""
    want = _fold(normal)
    for parse in _analyzer().parse(normal):
        if _fold(parse.normal_form) == want and (not pos or parse.tag.POS in pos):
            return tuple((form.word, _grammemes(form.tag)) for form in parse.lexeme if form.tag.POS == parse.tag.POS)
    return ()


def known_grammemes() -> frozenset[str]:
    """Every grammeme the analyzer knows; grammar loaders check rules against it."""
    return frozenset(str(g) for g in _analyzer().TagClass.KNOWN_GRAMMEMES)


@lru_cache(maxsize=4096)
def nominative_surname(word: str, case: str) -> str:
    """A surname written in `case` ("accs", "datv", "gent") in the nominative, its gender
    kept ("Чиркову" accs -> "Чиркова", "Салькова" accs -> "Сальков"); unchanged when no
    surname reading in that case exists."""
    try:
        parses = _analyzer().parse(word.lower())
    except (ValueError, KeyError):
        return word
    for p in parses:
        if "Surn" in p.tag and case in p.tag and "sing" in p.tag:
            nominative = p.inflect({"nomn"})
            if nominative is not None:
                return "-".join(part.capitalize() for part in nominative.word.split("-"))
    return word
