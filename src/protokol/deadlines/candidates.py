"""The matches of the rules in a text, and the gates that spare running most rules.

A rule runs on a text only when its trigger (given by the grammar's author) passes and
its cover (cover.py: strings its pattern cannot match without, read by the machine) is
found; the cheaper test comes first: the covers, then the triggers that are patterns.
A trigger whose matches begin with a digit is searched from the text's first digit.
Neither gate changes a result: a rule that fails one cannot match. A rule that passes
is searched from its first match, found by its finder (plan.finder), if any; a trigger
that is a pattern and does not begin with a digit is not searched when each rule it
gates has a finder (the finders skip to where a match may begin, the trigger's search
tries every place).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, compress, repeat
from operator import is_not
from typing import Any, TypeVar

from protokol.deadlines import cover
from protokol.deadlines.grammar import Grammar, Step

T = TypeVar("T")
# id(grammar) -> (the grammar, what is derived from it), for the last few grammars
PerGrammar = dict[int, tuple[Grammar, Any]]


def of_grammar(cache: PerGrammar, grammar: Grammar, make: Callable[[Grammar], T]) -> T:
    """make(grammar), remembered in `cache` for the grammar (by identity: it is not
    hashable), for the last few grammars."""
    known = cache.get(id(grammar))
    if known is None or known[0] is not grammar:
        if len(cache) >= 4:
            cache.clear()
        known = cache[id(grammar)] = (grammar, make(grammar))
    return known[1]  # type: ignore[no-any-return]


# (start - end, order, start, match, step, strong): sorted, the best first
Candidate = tuple[int, int, int, re.Match[str], Step, bool]


def candidates(
    folded: str, grammar: Grammar, triggers: bool, need_strong: bool = False, find: bool = False,
    passed: list[bool | None] | None = None,
) -> list[Candidate]:
    """Every match of every rule whose gates pass, best first (triggers=False: of every
    rule, no gate).

    need_strong: return nothing at once when no match could be one find_deadlines
    reports (most running text: no rule need run at all). passed: the text's
    trigger_results, if found already.
    """
    if passed is None:
        passed = grammar.trigger_results(folded)  # plain-word triggers found at once
    if need_strong and not strong_possible(folded, grammar, passed):
        return []
    out: list[Candidate] = []
    gates = of_grammar(_GATES, grammar, _Gates) if triggers else None
    finders = gates.finders if gates is not None else {}
    cores = gates.cores if gates is not None else {}
    # a finder's class lists the ASCII digits: a core's finder is not used, nor a rule's
    # for its next matches, on a text holding another script's
    ascii_digits = gates is not None and cover.gate_text(folded) is not None
    for step in _passing(folded, grammar, passed) if gates is not None else grammar.plan:
        rule = step.rule
        finder = finders.get(step.order)
        core = cores.get(step.order)
        if core is not None and core.search(folded) is None and ascii_digits:
            continue  # (cores.py: no match of the rule's core, no match of the rule)
        if finder is None:
            found = rule.regex.finditer(folded)
        else:  # the rule's first match is where its finder's is, if anywhere
            first = finder.search(folded)
            if first is None:
                continue
            found = (_found(rule.regex, finder, folded, first.start()) if ascii_digits
                     else rule.regex.finditer(folded, first.start()))
        for match in found:
            start, end = match.span()
            if end > start:
                # (whether scan_deadlines may report it matters only when finding)
                out.append((start - end, step.order, start, match, step, find and rule.strong(match)))
    out.sort(key=lambda c: c[:3])
    return out


def _found(regex: Any, finder: Any, folded: str, at: int) -> Iterator[re.Match[str]]:
    """The rule's matches from `at`, where its finder found the first: what
    regex.finditer(folded, at) gives, each next one looked for with the finder (a rule's
    pattern begins with a look: finditer would try it at every place; the finder skips
    to where a match may begin, and a pattern with a finder matches nothing empty)."""
    while True:
        found = regex.match(folded, at)
        if found is None or found.end() == at:  # (not expected: the plain search then)
            yield from regex.finditer(folded, at)
            return
        yield found
        after = finder.search(folded, found.end())
        if after is None:
            return
        at = after.start()


class _Gates:
    """What the gates of a grammar need: the distinct patterns of the rules' covers; for
    each trigger (then for no trigger) the steps it gates, grouped by the covers they
    need (indices into the patterns); the triggers searched from the first digit; the
    triggers that are patterns left to the finders of the rules they gate; the finders."""

    __slots__ = ("patterns", "words", "checks", "known", "gated", "always", "digit_led", "found", "finders", "cores")

    def __init__(self, grammar: Grammar) -> None:
        from protokol.deadlines.compiled import literal_words
        from protokol.deadlines.grammar.plan import DIGITS, first_chars  # (the parse of patterns: not at start)

        table = grammar.covers or {}
        patterns = list(dict.fromkeys(p for found in table.values() for p in found))
        self.patterns = tuple(patterns)
        # a cover of a few strings is looked for with `in` (a search of the text for one
        # string costs less than a pattern's search for one of them)
        self.words = tuple(literal_words(p.pattern, limit=FEW) for p in patterns)
        # how _passing tests each: the strings, a class of single characters (one search
        # for "a digit", not ten), else the pattern's search
        self.checks = tuple(_check(p, few) for p, few in zip(patterns, self.words))
        # the covers' results known from whether the text holds an ASCII digit: a cover
        # with every digit among its strings is found in a text with one, a cover whose
        # strings each hold a digit is not found in a text without
        self.known = {digit: tuple(_known_by_digit(p, few, digit) for p, few in zip(patterns, self.words))
                      for digit in (True, False)}

        def grouped(steps: tuple[Step, ...]) -> tuple[tuple[tuple[int, ...], tuple[Step, ...]], ...]:
            groups: dict[tuple[int, ...], list[Step]] = {}
            for step in steps:
                groups.setdefault(tuple(patterns.index(p) for p in table.get(step.order, ())), []).append(step)
            return tuple((needs, tuple(group)) for needs, group in groups.items())

        always, gated = grammar.step_gate or ((), ())
        self.always = grouped(always)
        self.gated = tuple(map(grouped, gated))
        led: dict[int, Any] = {}
        for index in grammar.pattern_triggers:
            regex = grammar.triggers[index].regex
            chars = first_chars(regex.pattern, regex.flags)
            if chars and set(chars) <= set(DIGITS):
                led[index] = _digit_led(regex)
        self.digit_led = led
        self.finders = finders = dict(grammar.finders or {})  # (stored: decoded now)
        self.cores = dict(grammar.cores or {})  # (stored: decoded now)
        self.found = frozenset(i for i in grammar.pattern_triggers if i not in led
                               and all(s.order in finders for s in gated[i]))


def _known_by_digit(pattern: Any, few: tuple[str, ...] | None, digit: bool) -> bool | None:
    """A cover's result on a text with (without) an ASCII digit when that alone decides
    it, else None. (A cover's pattern is its strings' alternation: it matches a digit
    whole exactly when the digit is one of them.)"""
    if digit:
        every = set(DIGITS) <= set(few) if few is not None else all(pattern.fullmatch(d) for d in DIGITS)
        return True if every else None
    return False if few is not None and all(set(DIGITS) & set(string) for string in few) else None


DIGITS = "0123456789"


def _check(pattern: Any, few: tuple[str, ...] | None) -> Any:
    """The strings, or a pattern to search (its `search` looked up at each use: a lazy
    pattern's is the compiled pattern's own once it is compiled)."""
    if few is None:
        return pattern
    if all(len(string) == 1 for string in few):
        return re.compile("[" + "".join(map(re.escape, few)) + "]")
    return few


def _digit_led(regex: Any) -> Any:
    """A pattern finding where `regex` matches, for a regex whose matches begin with a
    digit: the regex itself when it begins with a class (the search skips to the
    characters of the class at once), else "a digit where the regex matches"."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    parsed = list(parser.parse(regex.pattern, regex.flags))
    if parsed and str(parsed[0][0]) == "IN":
        return regex
    from protokol.deadlines.compiled import finder_text

    return re.compile(finder_text(r"\d", regex.pattern, regex.flags), regex.flags)


_GATES: PerGrammar = {}
FEW = 12  # the most strings of a cover looked for one by one


def _passing(folded: str, grammar: Grammar, passed: list[bool | None]) -> list[Step]:
    """The plan's steps whose trigger passes and whose covers are found, in no particular
    order; `passed` is trigger_results(folded), completed here with the triggers that
    are patterns (each searched at most once, and only when a rule it gates may run)."""
    if grammar.step_gate is None:
        return grammar.steps_passing(folded, passed)
    gates: _Gates = of_grammar(_GATES, grammar, _Gates)
    text = cover.gate_text(folded)  # None: no cover applies
    first = cover.first_digit(folded)
    # (with no digit of another script, the first digit is an ASCII one)
    found = list(gates.known[first is not None]) if text is not None else []
    checks, gated, left = gates.checks, gates.gated, gates.found
    steps: list[Step] = []
    # the triggers that did not fail, found in C (-1: the steps without a trigger)
    indices: Iterable[int] = compress(range(len(passed)), map(is_not, passed, repeat(False)))
    if gates.always:
        indices = chain((-1,), indices)
    # (one loop, the covers tested in place: a function call for each group cost more
    # than the tests)
    for index in indices:
        entries = gated[index] if index >= 0 else gates.always
        if not entries:
            continue
        if text is None:
            groups = [group for _, group in entries]
        else:
            groups = []
            for needs, group in entries:
                for i in needs:
                    ok = found[i]
                    if ok is None:
                        check = checks[i]
                        if type(check) is tuple:  # a few strings, looked for with `in`
                            ok = False
                            for string in check:
                                if string in text:
                                    ok = True
                                    break
                        else:  # a pattern's search
                            ok = check.search(text) is not None
                        found[i] = ok
                    if not ok:
                        break
                else:
                    groups.append(group)
            if not groups:
                continue
        if index >= 0 and passed[index] is None and index not in left:  # a trigger that is a pattern
            ok = passed[index] = _pattern_passes(index, folded, grammar, gates, first)
            if not ok:
                continue
        for group in groups:
            steps += group
    return steps


def _pattern_passes(index: int, folded: str, grammar: Grammar, gates: _Gates, first: re.Match[str] | None) -> bool:
    """Does trigger `index`, a pattern, pass? (first: the text's first digit)"""
    finder = gates.digit_led.get(index)
    if finder is not None:
        # no match begins before the first digit; a look behind still sees it
        return first is not None and finder.search(folded, first.start()) is not None
    return grammar.triggers[index].regex.search(folded) is not None


def strong_possible(folded: str, grammar: Grammar, passed: list[bool | None]) -> bool:
    """Does some rule find_deadlines may report match `folded` with a reportable match?

    Those rules come first in the plan. Triggers found are kept in `passed`.
    """
    if not grammar.may_find(folded):
        return False
    for step in grammar.plan:
        rule = step.rule
        if rule.find == "never":
            return False
        if not (_passes(step.find_trigger, folded, grammar, passed) and _passes(step.trigger, folded, grammar, passed)):
            continue
        for match in rule.regex.finditer(folded):
            if match.end() > match.start() and rule.strong(match):
                return True
    return False


def _passes(index: int, folded: str, grammar: Grammar, passed: list[bool | None]) -> bool:
    """Trigger `index` (-1: none) passes; each is searched at most once per text."""
    if index < 0:
        return True
    ok = passed[index]
    if ok is None:
        ok = passed[index] = grammar.triggers[index].search(folded)
    return ok


def near_strong(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that can decide whether a strong one is taken.

    Whether a candidate is taken depends only on the candidates overlapping it, and on
    theirs in turn: a run of overlapping spans with no strong candidate in it is dropped
    before anything in it is resolved.
    """
    runs: list[tuple[int, int]] = []  # (start, end) of the runs holding a strong candidate
    run_start = run_end = -1
    run_strong = False
    for start, end, strong in sorted((c[2], c[2] - c[0], c[5]) for c in candidates):
        if start >= run_end:  # touching is not overlapping
            if run_strong:
                runs.append((run_start, run_end))
            run_start, run_end, run_strong = start, end, strong
        else:
            run_end, run_strong = max(run_end, end), run_strong or strong
    if run_strong:
        runs.append((run_start, run_end))
    starts = [r[0] for r in runs]

    def in_a_run(start: int) -> bool:
        k = bisect.bisect_right(starts, start) - 1
        return k >= 0 and start < runs[k][1]

    return [c for c in candidates if in_a_run(c[2])]
