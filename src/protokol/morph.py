"""The only place that imports pymorphy3. Loaded lazily, answers cached per word.

What leaves this module is words, normal forms and grammemes: lemma, forms,
known_grammemes, plus the questions the callers ask of a word (has_tag, is_known,
nominative_surname).
The analyzer itself stays here.
"""

from __future__ import annotations

import os
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


@lru_cache(maxsize=65536)  # asked of the same words in every document
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
            if nominative is not None:  # "Ковалеву" -> "Ковалева": no ё the text did not write
                found = nominative.word if "ё" in word.lower() else nominative.word.replace("ё", "е")
                return "-".join(part.capitalize() for part in found.split("-"))
    return word


_HEAD_POS = frozenset({"NOUN"})
_AGREEING_POS = frozenset({"ADJF", "PRTF", "NUMR"})


@lru_cache(maxsize=65536)
def _parse_objects(word: str) -> tuple[Any, ...]:
    try:
        return tuple(_analyzer().parse(word))
    except (ValueError, KeyError):
        return ()


def _case_parses(word: str, case: str) -> list[Any]:
    word = word.strip(",.;:«»()\"“”„")
    if not word:
        return []
    parses = _parse_objects(word.lower())
    if any(p.tag.POS in ("PREP", "CONJ", "PRCL") for p in parses):
        return []  # "в", "с", "и" also read as abbreviated nouns
    return [p for p in parses if case in p.tag]


def _styled(new: str, old: str) -> str:
    """`new` written in the letter case of `old` (Capitalized, UPPER or lower)."""
    if len(old) > 1 and old.isupper():
        return new.upper()
    if old[:1].isupper():
        return "-".join(part[:1].upper() + part[1:] if i == 0 or old.split("-")[i][:1].isupper() else part
                        for i, part in enumerate(new.split("-"))) if old.count("-") == new.count("-") \
            else new[:1].upper() + new[1:]
    return new


def _inflected(parse: Any, want: set[str], old: str) -> str:
    """`old` inflected to `want`; its leading and trailing punctuation kept."""
    core = old.strip(",.;:«»()\"“”„")
    if "Fixd" in parse.tag or not core:
        return old
    form = parse.inflect(want) if "Supr" not in parse.tag else _superlative(parse, want, core.lower())
    if form is None:
        return old
    start = old.index(core)
    word = form.word if "ё" in core.lower() else form.word.replace("ё", "е")
    return old[:start] + _styled(word, core) + old[start + len(core):]


def _superlative(parse: Any, want: set[str], core: str) -> Any:
    """A superlative's form in `want` of its own stem: the lexeme of "высший" holds "высочайший"
    too ("высшим" is "высшие", not "высочайшие"), the form sharing the longest start with it."""
    forms = [f for f in parse.lexeme if want <= f.tag.grammemes and "Supr" in f.tag]
    if not forms:
        return parse.inflect(want)
    return max(forms, key=lambda f: len(os.path.commonprefix([f.word, core])))


@lru_cache(maxsize=16384)
def nominative_head(words: tuple[str, ...], case: str) -> tuple[tuple[str, ...], int, str | None, str | None]:
    """The leading agreeing group of `words` in `case` ("datv", "ablt", "gent") put in the
    nominative: (new words, how many were read, "sing"|"plur", the head's lemma).

    ("Первому", "заместителю", "главы") datv -> (("Первый", "заместитель"), 2, "sing",
    "заместитель"); an adjective without a noun ("Ответственным от ...") is its own head;
    ((), 0, None, None) when the first word is not in `case`."""
    found: list[tuple[str, list[Any]]] = []
    readings = [_case_parses(word, case) for word in words[:8]]
    for i, parses in enumerate(readings):
        nouns = [p for p in parses if p.tag.POS in _HEAD_POS]
        agreeing = [p for p in parses if p.tag.POS in _AGREEING_POS]
        if nouns and not (agreeing and i + 1 < len(readings) and readings[i + 1]):
            if all(_matching(parses_before, nouns[0]) for _, parses_before in found):
                return _agree(found, words[i], nouns[0], case)
            break  # "Участковым уполномоченным полиции": the plural adjectives are the head
        if not agreeing:
            break
        found.append((words[i], agreeing))
    if not found:
        return (), 0, None, None
    word, parses = found[-1]  # a substantivized adjective: "Ответственным" -> "Ответственные"
    parses = sorted(parses, key=lambda p: p.tag.POS != "ADJF")  # "Заведующему": заведующий, not заведовать
    plural = next((p for p in parses if "plur" in p.tag), parses[0])
    return _agree(found[:-1], word, plural, case)


def _matching(parses: list[Any], noun: Any) -> list[Any]:
    """The readings of an adjective that agree with the noun in number (and gender, singular)."""
    number = "plur" if "plur" in noun.tag else "sing"
    gender = next((g for g in ("masc", "femn", "neut") if g in noun.tag), None)
    return [p for p in parses if number in p.tag and (number == "plur" or gender is None or gender in p.tag
                                                       or "ms-f" in noun.tag)]


def _agree(before: list[tuple[str, list[Any]]], word: str, head: Any, case: str) -> tuple[
        tuple[str, ...], int, str | None, str | None]:
    number = "plur" if "plur" in head.tag else "sing"
    gender = next((g for g in ("masc", "femn", "neut") if g in head.tag), "masc")
    want = {"nomn", number} | ({gender} if number == "sing" else set())
    out = []
    for old, parses in before:
        match = _matching(parses, head) or parses
        out.append(_inflected(match[0], want if match[0].tag.POS != "NUMR" else {"nomn"}, old))
    noun_want = {"nomn", number} if "Pltm" not in head.tag else {"nomn"}
    out.append(_inflected(head, noun_want, word))
    lemma = head.normal_form
    if head.tag.POS == "PRTF":  # "заведующим": заведующий, not заведовать
        form = head.inflect({"nomn", "sing", "masc"})
        lemma = form.word if form is not None else lemma
    return tuple(out), len(out), number, lemma


@lru_cache(maxsize=4096)
def agrees(word: str, case: str, number: str) -> str | None:
    """A participle in `case` and `number` put in the nominative
    ("действующим" datv plur -> "действующие"); None when it has no such reading."""
    for p in _case_parses(word, case):
        if p.tag.POS == "PRTF" and number in p.tag:
            return _inflected(p, {"nomn", number}, word)
    return None
