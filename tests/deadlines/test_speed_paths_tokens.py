"""The deadline stage's fast paths of this round give what the plain code gives: the
trigger words and the leftovers' date words looked up token by token in C, the gates'
loop, a leftover region's date words deciding its pieces', a piece trimmed with
str.strip, and Deadline built by fast_init."""

from __future__ import annotations

import dataclasses
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.deadlines import leftovers
from protokol.deadlines.candidates import _GATES, _Gates, _passing, of_grammar
from protokol.deadlines.grammar import grammar
from protokol.deadlines.grammar.rules import WORD
from protokol.deadlines.lexicon import fold
from protokol.model_core import Deadline

from tests.deadlines.test_speed_paths import TEXTS

PIECES = ["до", "с", "по", "рабочих", "дней", "среды", "окружающей", "среда", "мая", "июня", "еженедельно",
          "2023", "15.07", "9:30", "16-00", "ч", "срок", "–", "и", "а также", ",", ";", "(", ")", "«", "»", ".",
          "число", "рабочей", "группы", "следующего", "квартала", "постоянно", "\t", "\xa0", "١٢"]


def _soup(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(PIECES) for _ in range(n))


SOUP = [_soup(random.Random(k), k % 23) for k in range(400)]


def _plain_trigger_results(g, text):
    """Each trigger of plain words found by its words; the others as trigger_results has them."""
    found = g.trigger_results(text)
    return [any(w in text for w in t.words) if t.words is not None else found[i] for i, t in enumerate(g.triggers)]


def _plain_has_date_word(text, g):
    dates = leftovers._date_words(g)[0]
    if "сред" in text and leftovers._WEEKDAY_SREDA.search(text) is not None:
        text = leftovers._ENVIRONMENT.sub(" ", text)
    return any(w in dates for w in WORD.findall(text))


def test_trigger_words_looked_up_in_c_are_the_words_found():
    g = grammar()
    for text in TEXTS + SOUP:
        for _ in range(2):  # (a text's tokens new, then remembered)
            assert g.trigger_results(text) == _plain_trigger_results(g, text), text


def test_date_words_looked_up_in_c_are_the_words_found():
    g = grammar()
    for text in TEXTS + SOUP:
        for _ in range(2):
            assert leftovers._has_date_word(text, g) == _plain_has_date_word(text, g), text


def test_passing_steps_are_those_whose_trigger_and_covers_pass():
    g = grammar()
    gates = of_grammar(_GATES, g, _Gates)
    plan = {s.order: s for s in g.plan}
    for text in TEXTS + SOUP:
        fast = sorted(s.order for s in _passing(text, g, g.trigger_results(text)))
        want = sorted(s.order for s in g.steps_passing(text, g.trigger_results(text)))
        # the gates may drop a step whose cover is not found, and keep one whose trigger
        # is a pattern left to the rule's finder
        assert all(plan[o].trigger in gates.found for o in set(fast) - set(want)), text
        for order in set(want) - set(fast):
            assert plan[order].rule.regex.search(text) is None, (plan[order].rule.name, text)


def _plain_spans(text, folded, taken, g):
    """leftovers.spans with every piece asked for its date words (no region's answer)."""
    out, cursor = [], 0
    for start, end in [*taken, (len(text), len(text))]:
        if text[cursor:start].strip(leftovers.TRIM) and (
                leftovers._may_hold_a_shape(None) and True):
            pos = cursor
            for sep in [*leftovers.SEPARATORS.finditer(folded, cursor, start), None]:
                stop = sep.start() if sep else start
                piece = _plain_trimmed(text, pos, stop)
                if piece and (leftovers.DATE_SHAPE.search(folded[piece[0]:piece[1]])
                              or _plain_has_date_word(folded[piece[0]:piece[1]], g)):
                    out.append(piece)
                pos = sep.end() if sep else start
        cursor = max(cursor, end)
    return out


def _plain_trimmed(text, start, end):
    while start < end and text[start] in leftovers.TRIM:
        start += 1
    while end > start and text[end - 1] in leftovers.TRIM:
        end -= 1
    return (start, end) if end > start else None


def test_leftover_pieces_are_those_the_plain_checks_keep():
    g = grammar()
    for text in TEXTS + SOUP:
        folded = fold(text)
        for taken in ([], [(0, min(3, len(text)))], [(len(text) // 3, len(text) // 2)]):
            assert leftovers.spans(text, folded, taken, g) == _plain_spans(text, folded, taken, g), (text, taken)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=leftovers.TRIM + "аб1 ", max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_trimmed_with_strip_is_the_plain_loop(text, start, end):
    start, end = min(start, len(text)), min(end, len(text))
    assert leftovers._trimmed(text, start, end) == _plain_trimmed(text, start, end)


def test_deadline_built_by_fast_init_is_the_dataclass_s():
    made = Deadline("до 1 июля", "once", "by", "2023-07-01", derived_by="x", working_day=3)
    assert [getattr(made, f.name) for f in dataclasses.fields(Deadline)] == [
        "до 1 июля", "once", "by", "2023-07-01", None, None, None, None, None, "x", 3]
    assert made == Deadline(text="до 1 июля", kind="once", bound="by", due="2023-07-01", derived_by="x",
                            working_day=3)
    assert dataclasses.replace(made, bound="on").bound == "on" and hash(made) == hash(dataclasses.replace(made))
    assert Deadline("x", "unparsed").to_dict()["kind"] == "unparsed"
