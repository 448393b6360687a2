"""The deadline stage's fast paths give what the plain searches give: a rule's next matches
found with its finder, the participle patterns searched from the last word, the date
shape's cover split into words and a pattern."""

from __future__ import annotations

import re

import pytest

from protokol.deadlines import context, cover, leftovers
from protokol.deadlines.candidates import _found
from protokol.deadlines.compiled import prefix_tree
from protokol.deadlines.grammar import grammar
from protokol.deadlines.lexicon import fold

# running text in the shapes of protocols: numbers of acts, links, times, quoted names
FILLERS = [
    "Обеспечить участие в ВКС по ссылке https://example.org/?id=A1b07z3 (ГАПОУ «Колледж № 12»)",
    "Продолжить исполнение поручений протоколов от 3 марта 2023 г. №Д01-17/05пр, от 9 мая 2023 г. №Д01-2/05пр",
    "Представить отчет за 2022 год, 15.07, 9:30, 16-00 ч, 5 числа, 10 рабочих дней;",
    "Принять информацию к сведению.", "", "  \t", "№ ٣ и ५ и ０",
]


def _texts() -> list[str]:
    examples = [fold(ex.text) for rule in grammar().rules for ex in rule.examples]
    mixed = [fold(f"{filler} {example}, {filler} {example2}") for filler in FILLERS
             for example, example2 in zip(examples[::7], examples[3::7])]
    return examples + [fold(f) for f in FILLERS] + mixed


TEXTS = _texts()


def test_next_matches_found_with_the_finder_are_finditer_s():
    g = grammar()
    finders = dict(g.finders or {})
    rules = {step.order: step.rule for step in g.plan}
    assert finders
    for order, finder in finders.items():
        regex = rules[order].regex
        # (a finder's class lists the ASCII digits: the extractor takes this path only on
        # a text without another script's, whose gate_text is not None)
        for text in [t for t in TEXTS if cover.gate_text(t) is not None]:
            first = finder.search(text)
            if first is None:
                assert regex.search(text) is None, (rules[order].name, text)
                continue
            plain = [m.span() + (m.groupdict(),) for m in regex.finditer(text, first.start())]
            fast = [m.span() + (m.groupdict(),) for m in _found(regex, finder, text, first.start())]
            assert fast == plain, (rules[order].name, text)


BEFORES = ["работы, проведенные ", "правоотношения, возникшие\t", "возникшие", "заседания, состоявшегося \n",
           "(внесенный  ", "проект внесенный_ ", "а, б ", "   ", "", "сдавших\xa0", "x" * 300 + " проведенной ",
           "слово,проведенного ", "«запланированные» ", "совершивший.\n"]


@pytest.mark.parametrize("name", ["PAST_PARTICIPLE_BEFORE", "PARTICIPLE_BEFORE"])
def test_participles_searched_from_the_last_word(name):
    pattern = getattr(context, name)
    plain = re.compile(pattern.pattern, pattern.flags)
    for before in BEFORES + [text[:k] for text in TEXTS[:200] for k in range(0, len(text), 9)]:
        last = context.last_word_at(before)
        fast = last >= 0 and pattern.search(before, last) is not None
        assert fast == (plain.search(before) is not None), before


def test_shape_cover_split_as_the_whole_pattern():
    whole = [re.compile(prefix_tree(set(c))) for c in cover.covers(leftovers.DATE_SHAPE.pattern)]
    for text in TEXTS + BEFORES:
        gate = cover.gate_text(text)
        expected = gate is None or all(regex.search(gate) for regex in whole)
        assert leftovers._may_hold_a_shape(gate) == expected, text
        if gate is not None and cover.first_digit(text) is None:
            assert leftovers._may_hold_a_shape(gate, digits=False) == expected, text
