"""A rule's finder (plan.finder) finds its first match where the rule's own search
does, so searching the rule from there gives the same matches; the general search
with finders gives what it gives with none (scan(..., triggers=False))."""

from __future__ import annotations

import re

import pytest

from protokol.deadlines.extract import scan
from protokol.deadlines.grammar.plan import finder
from protokol.deadlines.lexicon import fold
from protokol.deadlines.resolve import Context

# word soup around the examples: letters a rule may begin with, digits, signs
AROUND = ("", "в ", "до ", "Пункт 3.1, ", "№ 17 от ", " (с 2023 г.) ", "к 5-му, ", "«", "по-прежнему ")


def _texts(grammar):
    for rule in grammar.rules:
        for example in rule.examples:
            for before in AROUND:
                for after in ("", ".", " и далее", ", 12"):
                    yield before + example.text + after


def _matches(regex, text, pos=0):
    return [(m.span(), m.groups()) for m in regex.finditer(text, pos) if m.end() > m.start()]


@pytest.mark.parametrize(("pattern", "flags", "text", "first"), [
    (r"(?<!\w)до\s+\d+", 0, "год до 5 и до 7", 4),
    (r"(?<!\w)до\s+\d+", 0, "подо 5", None),
    (r" (?<!\w) (?:к|по) \s+ \d  # a comment at the end", re.X, "в кино по 3", 7),
    (r"\d+(?:-?го)?", 0, "x 12-го", 2),
])
def test_finder_finds_the_first_match(pattern, flags, text, first):
    found = finder(pattern, flags)
    assert found is not None
    match = found.search(text)
    assert (match.start() if match else None) == first
    own = re.search(pattern, text, flags)
    assert (own.start() if own else None) == first


@pytest.mark.parametrize("pattern", [
    r"\d*", r"(?:x)?", r"(?i)до\s+\d", r"(?x)до\s+\d", r"(?P<a>x)(?<=(?P=a))y",
])
def test_no_finder_where_unknown_or_refused(pattern):
    """May match nothing, IGNORECASE, a global flag or a group inside the look: none."""
    assert finder(pattern) is None


def test_most_rules_have_a_finder(grammar):
    assert grammar.finders is not None
    assert len(grammar.finders) >= len(grammar.rules) * 3 // 4


def test_rules_searched_from_their_finder_match_the_same(grammar):
    by_order = {s.order: s.rule for s in grammar.plan}
    texts = list(dict.fromkeys(_texts(grammar)))
    checked = 0
    for order, found in grammar.finders.items():
        regex = by_order[order].regex
        for text in texts:
            folded = fold(text)
            first = found.search(folded)
            plain = _matches(regex, folded)
            assert (first is None) == (not plain), (by_order[order].name, text)
            if first is not None:
                assert _matches(regex, folded, first.start()) == plain, (by_order[order].name, text)
                checked += 1
    assert checked > 1000


def test_general_search_the_same_with_finders(grammar):
    ctx = Context(grammar, None, "federal", "back")
    for text in list(dict.fromkeys(_texts(grammar)))[::7]:
        assert scan(text, ctx, whole=False) == scan(text, ctx, whole=False, triggers=False), text
