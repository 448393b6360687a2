"""The speed hints of the extractor give what the plain search gives: a rule's core
(cores.py) is found wherever the rule matches, a pattern searched as its finder
(context.Sought) is found where the pattern is, the gates' shortcuts keep every reading."""

from __future__ import annotations

import re

import pytest

from protokol.deadlines import context
from protokol.deadlines.cores import core_finder, core_text
from protokol.deadlines.extract import scan
from protokol.deadlines.grammar import grammar
from protokol.deadlines.lexicon import fold
from protokol.deadlines.resolve import Context


def test_core_leaves_out_the_opening():
    assert core_text(r"(?<!\w)(?:до\s+|к\s+)?(?P<day>\d+)\s+марта(?!\w)", 0) == r"(?P<day>\d+)\s+марта(?!\w)"
    # into a group that is the next part; a verbose pattern's spaces and comments are skipped
    assert core_text("(?<!\\w)(?: (?:до \\s+)?  # an opening\n  \\d+ )", re.VERBOSE) == "\\d+"


def test_no_core_when_nothing_is_left_out_or_alternatives():
    assert core_text(r"\d+\s+марта", 0) is None
    assert core_text(r"(?:до\s+)?\d+|срок", 0) is None
    assert core_text(r"(?:до\s+)?", 0) is None  # nothing left


def test_core_finder_only_when_narrower():
    wide = re.compile(r"[0123456789дк](?<=(?=(?:x))[0123456789дк])")  # a rule's finder (plan.finder lists its characters)
    found = core_finder(r"(?<!\w)(?:до\s+|к\s+)?\d+\s+марта", 0, wide)
    assert found is not None and found.search("сдать 5 марта") and not found.search("до конца года")
    assert core_finder(r"(?<!\w)(?:до\s+)?\d+", 0, re.compile(r"[0123456789](?<=(?=(?:x))[0123456789])")) is None


def test_every_rule_matching_its_examples_finds_its_core():
    g = grammar()
    for rule in g.rules:
        finder = (g.finders or {}).get(g.rules.index(rule))
        core = core_finder(rule.regex.pattern, rule.regex.flags, finder)
        if core is None:
            continue
        for example in rule.examples:
            text = fold(example.text)
            if rule.regex.search(text):
                assert core.search(text), (rule.name, example.text)


@pytest.mark.parametrize("name", ["REFERENCE_BEFORE", "PAST_BEFORE", "CITED_TITLE_BEFORE", "PERIOD_OF_BEFORE",
                                  "NOUN_BEFORE", "CELEBRATE_BEFORE", "PLANNED_BEFORE", "DATE_OF_BEFORE"])
def test_sought_pattern_found_where_the_pattern_is(name):
    sought = getattr(context, name)
    plain = re.compile(sought.pattern, sought.flags)
    texts = ["письмо от ", "по состоянию на ", "№ 12 «о бюджете на ", "отчет за ", "итоги ", "которые были ",
             "проведения работы ", "отмечать ежегодно ", "запланированные ", "от «", "(", "просто текст ", ""]
    for text in texts:
        assert (sought.search(text) is None) == (plain.search(text) is None), text


def test_running_text_read_alike_with_and_without_the_gates():
    ctx = Context(grammar(), None, "federal", "back")
    texts = ["Представить отчет в срок до 1 июля 2023 г. и 5 мая", "Для представителей 70 центров (кластеров):",
             "Продолжить работу, в том числе в Ульяновской области (ГАПОУ «Техникум № 244»).",
             "Обеспечить с 1 по 15 марта 2024 года, далее ежемесячно до 5 числа", "в среду, 12.03.2024 в 10:00",
             "Утвердить план на 2024 год до 1 февраля", "Срочно направить, не позднее 3 рабочих дней"]
    for text in texts:
        assert scan(text, ctx, whole=False) == scan(text, ctx, whole=False, triggers=False), text
