"""The plan the recogniser follows, made once when the grammar is built: the distinct
triggers, each rule as a Step in the order it is tried (rules scan_deadlines may
report first), and the gates that let a text skip every rule whose trigger it fails
(one scan for all triggers of plain words: compiled.word_gate).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from protokol.deadlines.compiled import Finder, LazyPattern, finder_text, lazy, prefix_tree, step_gate, word_gate
from protokol.deadlines.grammar.rules import Grammar, Rule, Step, Trigger


DIGIT_ONLY = frozenset({r"\d"})  # triggers that pass on any text with a digit (DIGIT finds one)


def make_plan(grammar: Grammar) -> Grammar:
    """The grammar with its triggers, plan and gates filled in."""
    rules = grammar.rules
    triggers = tuple(dict.fromkeys(t for r in rules for t in (r.trigger, r.find_trigger) if t is not None))

    def index(trigger: Trigger | None) -> int:
        return -1 if trigger is None else triggers.index(trigger)

    steps = [Step(index(r.trigger), order, r, index(r.find_trigger)) for order, r in enumerate(rules)]
    # rules find_deadlines may report come first: with none of them matching, the
    # others need not run at all
    plan = tuple(sorted(steps, key=lambda s: s.rule.find == "never"))
    digits = tuple(i for i, t in enumerate(triggers) if t.words is None and needs_digit(t.regex.pattern))
    finders = finder_table(plan)
    return replace(grammar, triggers=triggers, plan=plan, find_gate=find_gate(list(rules)),
                   word_gate=word_gate(triggers), step_gate=step_gate(triggers, plan), digit_triggers=digits,
                   digit_only=tuple(i for i in digits if triggers[i].regex.pattern in DIGIT_ONLY),
                   pattern_triggers=tuple(i for i, t in enumerate(triggers)
                                          if t.words is None and any(s.trigger == i for s in plan)),
                   starts=start_table(plan), covers=cover_table(plan), finders=finders,
                   cores=core_table(plan, finders))


def cover_table(plan: tuple[Step, ...]) -> dict[int, tuple[LazyPattern, ...]]:
    """For each step's order, patterns of its rule's covers (cover.covers), compiled now
    (stored with the grammar); one pattern for the same cover of several rules."""
    from protokol.deadlines.cover import covers

    made: dict[tuple[str, ...], LazyPattern] = {}
    out: dict[int, tuple[LazyPattern, ...]] = {}
    for step in plan:
        found = covers(step.rule.regex.pattern, step.rule.regex.flags)
        for strings in found:
            if strings not in made:
                made[strings] = lazy(prefix_tree(set(strings)))
        out[step.order] = tuple(made[strings] for strings in found)
    return out


def start_table(plan: tuple[Step, ...]) -> dict[str, tuple[int, ...]]:
    """For each character some pattern may begin a match with, the plan's steps (their
    indices, in rule order) whose pattern may match a text beginning with it; a pattern
    that may begin with any character is listed under every one. A character not in the
    table (another script's digit, say) has no entry: Grammar.starting gives None."""
    firsts = [first_chars(s.rule.regex.pattern, s.rule.regex.flags) for s in plan]
    alphabet = {c for found in firsts if found is not None for c in found}
    order = sorted(range(len(plan)), key=lambda i: plan[i].order)
    return {c: tuple(i for i in order if c in (firsts[i] or c)) for c in sorted(alphabet)}


def core_table(plan: tuple[Step, ...], finders: dict[int, Finder]) -> dict[int, Finder]:
    """For each step's order whose rule has a core narrower than its finder, the core's
    finder (cores.core_finder)."""
    from protokol.deadlines.cores import core_finder

    out: dict[int, Finder] = {}
    for step in plan:
        found = core_finder(step.rule.regex.pattern, step.rule.regex.flags, finders.get(step.order))
        if found is not None:
            out[step.order] = found
    return out


def finder_table(plan: tuple[Step, ...]) -> dict[int, Finder]:
    """For each step's order whose rule's matches begin with known characters
    (first_chars), the finder of its pattern (finder())."""
    out: dict[int, Finder] = {}
    for step in plan:
        found = finder(step.rule.regex.pattern, step.rule.regex.flags)
        if found is not None:
            out[step.order] = found
    return out


def finder(pattern: str, flags: int = 0) -> Finder | None:
    """A pattern whose first match begins where the first match of `pattern` does: a
    class of the characters a match may begin with, then the pattern looked for from
    that character ("[F](?<=(?=(?:P))[F])"). The regular expression engine skips
    the characters not in a class that begins a pattern, but tries a match at every
    place of a pattern that begins with a look ("(?<!\\w)", as most rules do); so the
    pattern is tried only where a match may begin. None when the characters are not
    known (a pattern that may match nothing) or the engine refuses the pattern so
    wrapped (a group referred to inside a look behind)."""
    chars = first_chars(pattern, flags)
    if chars is None:
        return None
    head = "[" + "".join(map(re.escape, chars)) + "]"
    try:
        compiled = re.compile(finder_text(head, pattern, flags), flags)
    except re.error:
        return None
    return Finder(head, pattern, flags & ~re.UNICODE, compiled)


DIGITS = "0123456789"


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """The characters a match of the pattern may begin with, read from its parse (a
    superset); None when that may be any character (or the pattern may match nothing)."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    try:
        parsed = parser.parse(pattern, flags)
        found, nullable = _first_of_seq(parsed)
    except _AnyChar:
        return None
    return None if nullable or (flags | parsed.state.flags) & re.IGNORECASE else "".join(sorted(found))


class _AnyChar(Exception):
    """A part of the pattern may begin with a character not listed."""


def _first_of_seq(items: Any) -> tuple[set[str], bool]:
    """(the first characters, whether the sequence may match the empty string)"""
    found: set[str] = set()
    for op, av in items:
        chars, nullable = _first_of(str(op), av)
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_of(name: str, av: Any) -> tuple[set[str], bool]:
    if name == "LITERAL":
        return {chr(av)}, False
    if name == "IN":
        return _first_in(av), False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width: what follows begins the match
        return set(), True
    if name == "SUBPATTERN":
        if av[1] & re.IGNORECASE:  # (?i:...)
            raise _AnyChar(name)
        return _first_of_seq(av[-1])
    if name == "ATOMIC_GROUP":
        return _first_of_seq(av)
    if name == "BRANCH":
        found: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, empty = _first_of_seq(branch)
            found, nullable = found | chars, nullable or empty
        return found, nullable
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        found, nullable = _first_of_seq(av[2])
        return found, nullable or av[0] == 0
    raise _AnyChar(name)


def _first_in(items: Any) -> set[str]:
    found: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            found.add(chr(av))
        elif name == "RANGE" and av[1] - av[0] < 256:
            found |= {chr(c) for c in range(av[0], av[1] + 1)}
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            found |= set(DIGITS)  # (other digits are in no table: Grammar.starting)
        else:
            raise _AnyChar(name)
    return found


def needs_digit(pattern: str) -> bool:
    """Does every text the pattern finds something in hold a digit (\\d)? Read from the
    pattern's parse: a sequence needs one when one of its parts does, a branch when each
    of its alternatives does, a repeat when it repeats at least once, a positive look
    when what it looks for does. Anything else is taken as not needing one."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    return _seq_needs_digit(parser.parse(pattern))


def _seq_needs_digit(items: Any) -> bool:
    return any(_needs_digit(op, av) for op, av in items)


def _needs_digit(op: Any, av: Any) -> bool:
    name = str(op)
    if name == "LITERAL":
        return chr(av).isdigit() and chr(av) in "0123456789"
    if name == "IN":
        return bool(av) and all(_digit_item(str(o), a) for o, a in av)
    if name == "SUBPATTERN":
        return _seq_needs_digit(av[-1])
    if name == "BRANCH":
        return all(_seq_needs_digit(b) for b in av[1])
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return av[0] >= 1 and _seq_needs_digit(av[2])
    if name == "ASSERT":
        return _seq_needs_digit(av[1])
    if name == "ATOMIC_GROUP":
        return _seq_needs_digit(av)
    if name == "GROUPREF_EXISTS":
        return _seq_needs_digit(av[1]) and av[2] is not None and _seq_needs_digit(av[2])
    return False


def _digit_item(op: str, av: Any) -> bool:
    if op == "LITERAL":
        return chr(av) in "0123456789"
    if op == "RANGE":
        return chr(av[0]) in "0123456789" and chr(av[1]) in "0123456789"
    return op == "CATEGORY" and str(av) == "CATEGORY_DIGIT"



def find_gate(rules: list[Rule]) -> tuple[tuple[str, ...], tuple[LazyPattern, ...]] | None:
    """One necessary condition per rule find_deadlines may report (its find_trigger,
    else its trigger), pooled: plain words tested at once, then the patterns."""
    words: list[str] = []
    patterns: list[LazyPattern] = []
    for rule in rules:
        if rule.find == "never":
            continue
        trigger = rule.find_trigger or rule.trigger
        if trigger is None:
            return None
        if trigger.words is not None:
            words.extend(trigger.words)
        else:
            patterns.append(trigger.regex)
    return tuple(dict.fromkeys(words)), tuple(dict.fromkeys(patterns))
