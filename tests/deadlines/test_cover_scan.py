"""The covers found token by token (deadlines/cover_scan.py) never miss a cover the plain
search finds, so the gates never skip a rule that would have matched: on every grammar
example, the speed tests' texts, word soup and texts built to put a cover's strings at
the edges (the text's start and end, double spaces, tabs, control characters)."""

from __future__ import annotations

import random

from protokol.deadlines import cover
from protokol.deadlines.candidates import _GATES, _Gates, _passing, candidates, of_grammar
from protokol.deadlines.cover_scan import END, START, covers_found, marked, scan_table
from protokol.deadlines.grammar import grammar
from protokol.deadlines.grammar.plan import cover_patterns
from protokol.deadlines.lexicon import fold

from tests.deadlines.test_speed_paths import TEXTS
from tests.deadlines.test_speed_paths_tokens import SOUP


def _strings(gates):
    """Each cover's strings, read back from its pattern (a prefix tree of them)."""
    from protokol.deadlines.compiled import literal_words

    return [literal_words(p.pattern, limit=10**6, spelled=10**6) for p in gates.patterns]


def _edge_texts(gates):
    """Each string of each cover alone, at the start, at the end, between double spaces,
    after a tab, glued to a control character."""
    rng = random.Random(5)
    out = []
    for strings in _strings(gates):
        for s in rng.sample(strings, min(3, len(strings))) if strings else ():
            out += [s, s.strip(), f"{s}конец", f"начало{s}", f"а  {s}  б", f"\t{s.strip()}\t",
                    f"{START}{s}{END}", f"x{s.strip()}y z", f"{s} {s}", f"1{s}2"]
    return out


def _texts(g, gates):
    examples = [fold(e.text) for r in g.rules for e in r.examples]
    return examples + TEXTS + SOUP + _edge_texts(gates) + ["", " ", "  ", "\xa0", "١٢ мая", "\x02", "\x03 \x02"]


def test_a_cover_the_plain_search_finds_is_found_by_the_tokens():
    g = grammar()
    gates = of_grammar(_GATES, g, _Gates)
    assert gates.scan is not None and len(gates.scan[2]) > 0.9 * len(gates.patterns)
    known: dict[str, tuple[int, ...]] = {}
    decided = gates.scan[2]
    missed = 0
    for text in _texts(g, gates):
        gate = cover.gate_text(text)
        if gate is None:
            continue
        for _ in range(2):  # (the tokens new, then remembered)
            found = covers_found(gate, gates.scan, known)
            assert found <= set(decided)
            for i in decided:
                if gates.patterns[i].search(gate) is not None:
                    assert i in found, (gates.patterns[i].pattern[:60], text)
                elif i in found:
                    missed += 1  # said found where it is not (the first or last token)
    assert missed < 0.05 * len(decided) * len(_texts(g, gates))


def test_the_strings_marked_as_found_in_a_token():
    assert marked(" день ") == f"{START}день{END}"
    assert marked(" 1") == f"{START}1" and marked("а ") == f"а{END}" and marked("сред") == "сред"
    assert marked(" ") is None and marked("с 1") is None and marked("") is None and marked("  ") is None


def test_a_table_finds_the_covers_of_each_string_it_begins_with():
    scan = scan_table([(" до ", " по "), ("до",), ("с 1", "срок"), ("1",)])
    regex, of_word, decided = scan
    assert decided == (0, 1, 3)  # ("с 1" is of another shape: that cover is tested as before)
    assert covers_found("выполнить до 1 мая", scan, {}) == {0, 1, 3}
    assert covers_found("подготовить доклад", scan, {}) == {1}
    assert covers_found("по плану", scan, {}) == {0}  # (the first token: said found)
    assert covers_found("срок", scan, {}) == set()
    assert regex.findall(f"{START}до{END}") == [f"{START}до{END}", "до"] and of_word[f"{START}до{END}"] == (0,)


def test_the_table_numbers_the_covers_as_the_gates_do():
    g = grammar()
    gates = of_grammar(_GATES, g, _Gates)
    assert gates.patterns == tuple(cover_patterns(dict(g.covers)))
    strings = _strings(gates)
    for i in gates.scan[2]:
        assert strings[i] is not None and all(marked(s) is not None for s in strings[i])


def test_the_gates_with_the_tokens_keep_every_rule_that_matches(monkeypatch):
    g = grammar()
    gates = of_grammar(_GATES, g, _Gates)
    plain = _Gates(g)
    plain.scan = None  # the covers tested one by one, as before
    plan = {s.order: s for s in g.plan}
    for text in _texts(g, gates):
        fast = {s.order for s in _passing(text, g, g.trigger_results(text))}
        slow = {s.order for s in _with(monkeypatch, g, plain, gates, _passing, text, g, g.trigger_results(text))}
        assert slow <= fast, text
        for order in fast - slow:  # (a cover said found where it is not)
            assert plan[order].rule.regex.search(text) is None, (plan[order].rule.name, text)
        assert _seen(candidates(text, g, True)) == \
            _seen(_with(monkeypatch, g, plain, gates, candidates, text, g, True)), text


def _seen(found):
    return [(c[0], c[1], c[2], c[3].span(), c[3].groupdict(), c[5]) for c in found]


def _with(monkeypatch, g, gates, back, call, *args):
    """call(*args) with `gates` as the grammar's gates."""
    monkeypatch.setitem(_GATES, id(g), (g, gates))
    try:
        return call(*args)
    finally:
        monkeypatch.setitem(_GATES, id(g), (g, back))
