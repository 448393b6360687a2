"""The plan's shortcuts change no result: triggers that need a digit are skipped on
text without one only when their pattern proves it, and a match with nothing around
it is never a reference."""

from __future__ import annotations

import pytest

from protokol.deadlines import context
from protokol.deadlines.grammar.plan import needs_digit


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"\d", True),
    (r"\d{4}", True),
    (r"(?:до|к|по)\s+[«\"]?\d", True),
    (r"(?<![\d.])(?:[01]?\d|2[0-3])(?::[0-5]\d|\s*ч)", True),
    (r"(?=[0-9])", True),
    (r"(?:5|7)x", True),
    (r"(?<!\w)с\s", False),
    (r"[0-9]?x", False),
    (r"\d*", False),
    (r"(?!\d)x", False),
    (r"[^0-9]", False),
    (r"\d|x", False),
    (r"[0-9a]", False),
    (r"(?:\d{0,2})y", False),
])
def test_needs_digit(pattern, needs):
    assert needs_digit(pattern) is needs


def test_digit_triggers_are_patterns_that_need_a_digit(grammar):
    assert grammar.digit_triggers  # the gate is in use
    for index in grammar.digit_triggers:
        trigger = grammar.triggers[index]
        assert trigger.words is None and needs_digit(trigger.regex.pattern)
    others = [t for i, t in enumerate(grammar.triggers) if i not in grammar.digit_triggers and t.words is None]
    assert all(not needs_digit(t.regex.pattern) for t in others)


@pytest.mark.parametrize("text", ["постоянно", "по средам", "ежеквартально", "в течение месяца", "до конца года"])
def test_no_digit_no_digit_trigger(grammar, text):
    results = grammar.trigger_results(text)
    for index in grammar.digit_triggers:
        assert results[index] is False
        assert grammar.triggers[index].regex.search(text) is None


@pytest.mark.parametrize("around", ["", " ", "  \n "])
def test_nothing_around_a_match_is_no_reference(grammar, around):
    folded = f"{around}15 июля 2023 г.{around}"
    start, end = len(around), len(around) + len("15 июля 2023 г.")
    for rule in grammar.rules:
        assert context.not_a_deadline(folded, start, end, rule.stage, rule.name) is False


def test_pattern_triggers_searched_are_those_gating_a_rule(grammar):
    gating = {s.trigger for s in grammar.plan}
    for index, trigger in enumerate(grammar.triggers):
        assert (index in grammar.pattern_triggers) == (trigger.words is None and index in gating)


@pytest.mark.parametrize("text", ["до 15 июля 2023 г.", "в 10:00", "2 раза в месяц", "с 8-00 до 12-00 по средам"])
def test_digit_only_triggers_pass_with_a_digit(grammar, text):
    results = grammar.trigger_results(text)
    for index in grammar.digit_only:
        assert results[index] is True and grammar.triggers[index].regex.search(text) is not None
