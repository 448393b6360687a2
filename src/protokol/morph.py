"""The only place that imports pymorphy3. Loaded lazily, answers cached per word."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def analyzer() -> Any:
    import pymorphy3  # heavy: ~0.3 s and tens of MB, so only on first use

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def _parses(word: str) -> tuple[tuple[str, frozenset[str], float], ...]:
    try:
        parses = analyzer().parse(word)
    except (ValueError, KeyError):
        # pymorphy3 asks unicodedata.name() about a lone character, which raises for
        # characters without a name in Python's Unicode tables (U+17000, a Tangut
        # ideograph): such a "word" has no Russian reading
        return ()
    return tuple((p.normal_form, frozenset(str(p.tag).replace(" ", ",").split(",")), p.score) for p in parses)


def lemma(word: str) -> str:
    """Most probable normal form of a word, lower case."""
    parses = _parses(word.lower())
    return parses[0][0] if parses else word.lower()


def lemmas(word: str) -> frozenset[str]:
    """Every normal form the word may have."""
    return frozenset(p[0] for p in _parses(word.lower()))


def has_tag(word: str, *grammemes: str, min_score: float = 0.0) -> bool:
    """True when some parse of the word carries all the grammemes."""
    want = set(grammemes)
    return any(want <= tags and score >= min_score for _, tags, score in _parses(word.lower()))


def tagged_lemma(word: str, *grammemes: str) -> str | None:
    """Normal form of the first parse carrying all the grammemes, if any."""
    want = set(grammemes)
    for normal, tags, _ in _parses(word.lower()):
        if want <= tags:
            return normal
    return None


def known_grammemes() -> frozenset[str]:
    """Every grammeme the analyzer knows; grammar loaders check rules against it."""
    return frozenset(str(g) for g in analyzer().TagClass.KNOWN_GRAMMEMES)


@lru_cache(maxsize=65536)
def is_known(word: str) -> bool:
    """The word is in the dictionary (not only guessed from its ending)."""
    return bool(analyzer().word_is_known(word.lower()))


@lru_cache(maxsize=4096)
def nominative_surname(word: str, case: str) -> str:
    """A surname written in `case` ("accs", "datv", "gent") in the nominative, its gender
    kept ("Чиркову" accs -> "Чиркова", "Салькова" accs -> "Сальков"); unchanged when no
    surname reading in that case exists."""
    try:
        parses = analyzer().parse(word.lower())
    except (ValueError, KeyError):
        return word
    for p in parses:
        if "Surn" in p.tag and case in p.tag and "sing" in p.tag:
            nominative = p.inflect({"nomn"})
            if nominative is not None:
                return "-".join(part.capitalize() for part in nominative.word.split("-"))
    return word
