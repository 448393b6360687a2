"""A text that one rule's match spans whole is read without the general search
(extract._whole_match): the rules tried are those whose pattern may begin with the
text's first character (plan.start_table), each at the start only. The result must be
the general search's."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.deadlines.grammar.plan import first_chars
from protokol.deadlines.lexicon import fold

ANCHOR = dt.date(2023, 6, 20)


@pytest.mark.parametrize(("pattern", "chars"), [
    (r"до\s+\d", "д"),
    (r"(?:до|к|не\s+позднее)\s+\d", "дкн"),
    (r"(?<!\w)(?:в\s+)?срок", "вс"),
    (r"(?:в\s+)?[0-3]?\d", "0123456789в"),
    (r"[1-3]\d|i", "123i"),
    (r"(?=\d)\d", "0123456789"),
    (r"(?P<a>x)?(?P<b>y)+", "xy"),
    (r"x*", None),  # may match nothing
    (r"\w+", None),  # a category other than digits
    (r"[^x]", None),
    (r".x", None),
    (r"(?i)да", None),  # case folded: not told
])
def test_first_chars(pattern, chars):
    assert first_chars(pattern) == (None if chars is None else "".join(sorted(chars)))


def test_every_example_begins_with_a_character_its_rule_is_listed_under(grammar):
    """A rule whose pattern matches at the start of a text is tried for it."""
    assert grammar.starts
    for index, step in enumerate(grammar.plan):
        for example in step.rule.examples:
            folded = fold(example.text)
            match = step.rule.regex.match(folded)
            if match is not None and match.end() > 0:
                assert index in grammar.starting(folded[0]), (step.rule.name, example.text)


def test_each_character_lists_its_rules_in_rule_order(grammar):
    for steps in grammar.starts.values():
        orders = [grammar.plan[i].order for i in steps]
        assert orders == sorted(orders)


def _both(text, date=ANCHOR):
    from protokol.deadlines import _context
    from protokol.deadlines.extract import _whole_match, scan

    ctx = _context(date, "federal", "back")
    general = scan(text, ctx, triggers=False)  # every rule, every place, no shortcut
    assert scan(text, ctx) == general, text
    return _whole_match(text, fold(text), ctx)


def test_every_example_reads_the_same_whole(grammar):
    taken = 0
    for rule in grammar.rules:
        for example in rule.examples:
            for text in (example.text, example.text + " ", example.text.upper(), "1. " + example.text):
                taken += _both(text, example.date) is not None
    assert taken > 100  # the shortcut is in use


@pytest.mark.parametrize("text", [
    "постоянно", "в установленные сроки", "до 15 мая 2024 г.", "не позднее 12:30 (МСК) 1 июля 2024 г.",
    "в течение 10 рабочих дней", "ежемесячно до 5 числа", "в III квартале 2024 г.", "по средам",
    "до 31 июня 2024 г.",  # no such day: a shorter match or nothing
    "Утвердить план до 1 июля 2024 г.",  # a clause approving a document: the general search
])
def test_whole_texts(text):
    _both(text)


def test_whole_match_is_taken_for_a_bare_expression():
    assert _both("до 15 мая 2024 г.") is not None
    assert _both("до 15 мая 2024 г. и далее") is None
    assert _both("") is None


WORDS = ["до", "в", "не позднее", "15", "мая", "2024", "г.", "года", "течение", "10", "рабочих", "дней", "ежемесячно",
         "числа", "по", "средам", "постоянно", "квартале", "III", "с", "1", "12:30", "срок", "-", ",", "(МСК)", "31.12.2024"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=7), st.sampled_from([None, ANCHOR]))
def test_word_soup_reads_the_same(words, date):
    _both(" ".join(words), date)


def test_pattern_first_chars_hold_on_word_soup(grammar):
    """No rule matches at the start of a text whose first character it is not listed under."""
    texts = [" ".join(WORDS[i:i + 4]) for i in range(len(WORDS))] + [w for w in WORDS]
    for text in map(fold, texts):
        listed = grammar.starting(text[0]) or ()
        for index, step in enumerate(grammar.plan):
            match = step.rule.regex.match(text)
            if match is not None and match.end() > 0:
                assert index in listed, (step.rule.name, text)
    assert re.match(r"\d", "٣") and grammar.starting("٣") is None  # another script's digit: not told


def test_a_hit_made_at_less_cost_is_an_explained():
    import dataclasses

    from protokol.deadlines.extract import Explained, _hit
    from protokol.model import Deadline

    deadline = Deadline(text="постоянно", kind="continuous")
    made = _hit(0, 9, "markers.continuous", "markers", deadline)
    assert made == Explained(0, 9, "markers.continuous", "markers", deadline)
    assert hash(made) == hash(Explained(0, 9, "markers.continuous", "markers", deadline))
    assert repr(made).startswith("Explained(start=0, end=9")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 1  # type: ignore[misc]
