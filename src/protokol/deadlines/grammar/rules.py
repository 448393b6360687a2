"""The deadline grammar as built: rules (with their results, examples and triggers),
lexicons, zones and units, and the plan the recogniser follows (plan.py). Values
only: load.py builds them from the YAML files, compiled.py stores and reloads them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from protokol.deadlines.compiled import LazyPattern
from protokol.deadlines.cover import first_digit
from protokol.deadlines.lexicon import LEXICONS, Lexicon, fold
from protokol.deadlines.results import Result, Unit
from protokol.frozen import Frozen, _set
from protokol.model_core import DeadlineKind

# Recognition stages, in order (like dateparser's PARSERS). Ties between
# overlapping matches of equal length go to the earlier stage.
STAGES = ("markers", "recurring", "relative", "period", "once")
TRIGGERS = "deadlines/triggers.yaml"  # the named triggers


def source_files() -> tuple[str, ...]:
    """Every file the grammar is built from, relative to grammars/."""
    return (
        *(f"lexicon/{name}.yaml" for name in LEXICONS),
        "lexicon/timezones.yaml",
        "lexicon/times_per.yaml",
        "deadlines/macros.yaml",
        TRIGGERS,
        *(f"deadlines/{stage}.yaml" for stage in STAGES),
    )


class Example(Frozen):
    text: str
    date: dt.date | None
    rules: str
    roll: str
    expect: tuple[dict[str, Any], ...]
    __slots__ = __match_args__ = ("text", "date", "rules", "roll", "expect")

    def __init__(self, text: str, date: dt.date | None, rules: str, roll: str,
                 expect: tuple[dict[str, Any], ...]) -> None:
        self._fill(text, date, rules, roll, expect)


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    stage: str
    file: str
    result: Result
    find: str
    regex: LazyPattern  # compiled on first use (compiled.py)
    examples: tuple[Example, ...]
    note: str | None
    # A cheap test the text must pass before the rule is tried (a speed hint only:
    # it must hold for every text the pattern can match).
    trigger: Trigger | None = None
    # the same for a match find_deadlines may report: only decides whether the
    # rules need to run at all for find_deadlines
    find_trigger: Trigger | None = None
    # find "with_by": the group names that spell "by" ("by", "by2", ...)
    by_groups: tuple[str, ...] = ()

    @property
    def kind(self) -> DeadlineKind:
        return self.result.kind

    def strong(self, match: re.Match[str]) -> bool:
        """May find_deadlines report this match (found in running text)?"""
        return strong(self.find, self.by_groups, match)


class Trigger(Frozen):
    """A regex, or (faster) plain words of which one must occur in the folded text."""

    regex: LazyPattern
    words: tuple[str, ...] | None
    __slots__ = __match_args__ = ("regex", "words")

    def __init__(self, regex: LazyPattern, words: tuple[str, ...] | None) -> None:
        _set(self, "regex", regex)
        _set(self, "words", words)

    def search(self, folded: str) -> bool:
        if self.words is not None:
            return any(map(folded.__contains__, self.words))
        return self.regex.search(folded) is not None


class Step(Frozen):
    """One rule in the order the recogniser tries it."""

    trigger: int  # index into Grammar.triggers, -1: none
    order: int  # the rule's rank among equal-length matches
    rule: Rule
    find_trigger: int  # the same for the rule's find_trigger (-1: none)
    __slots__ = __match_args__ = ("trigger", "order", "rule", "find_trigger")

    def __init__(self, trigger: int, order: int, rule: Rule, find_trigger: int = -1) -> None:
        _set(self, "trigger", trigger)
        _set(self, "order", order)
        _set(self, "rule", rule)
        _set(self, "find_trigger", find_trigger)


@dataclass(frozen=True, slots=True)
class Grammar:
    rules: tuple[Rule, ...]
    lexicons: Mapping[str, Lexicon]
    zones: tuple[tuple[LazyPattern, str], ...]  # phrase -> IANA zone or "local"
    times_per: Mapping[str, Mapping[int, Mapping[str, Any]]]
    units: Mapping[str, Unit]
    # the distinct triggers, and for each rule the index of its trigger (-1: none)
    triggers: tuple[Trigger, ...] = ()
    plan: tuple[Step, ...] = ()
    # text with none of these words and matching none of these patterns has no match
    # find_deadlines reports (None: some such rule has no trigger, so no such test)
    find_gate: tuple[tuple[str, ...], tuple[LazyPattern, ...]] | None = None
    # every word of the triggers of plain words, found in one scan of the text: a
    # pattern finding at each place the longest word beginning there, and for each
    # word the triggers with a word it begins with (word_gate())
    word_gate: tuple[LazyPattern, Mapping[str, tuple[int, ...]], tuple[bool | None, ...]] | None = None
    # the plan's steps without a trigger, and for each trigger the steps it gates
    step_gate: tuple[tuple[Step, ...], tuple[tuple[Step, ...], ...]] | None = None
    # the triggers (patterns) that only a text holding a digit can pass (plan.needs_digit)
    digit_triggers: tuple[int, ...] = ()
    # the triggers that are a digit and nothing else ("\\d"): they pass with any digit
    digit_only: tuple[int, ...] = ()
    # the triggers that are patterns (searched, not found by word_gate) and gate a rule
    # (a find_trigger only is searched by the extractor when finding, if at all)
    pattern_triggers: tuple[int, ...] = ()
    # for each character a match may begin with, the plan's steps (indices, in rule
    # order) whose pattern may begin a match with it (plan.start_table)
    starts: Mapping[str, tuple[int, ...]] | None = None
    # for each rule's order, patterns finding the strings of its covers (cover.py: one
    # of each must be in a text the rule matches in); None: not made
    covers: Mapping[int, tuple[LazyPattern, ...]] | None = None
    # for each rule's order, a pattern finding the first place its pattern matches at,
    # which begins with a class of the characters a match may begin with (plan.finder):
    # the search skips the other places at once; None or no entry: none made
    finders: Mapping[int, LazyPattern] | None = None
    # for each rule's order whose pattern opens with looks and optional words, the
    # finder of its core (cores.py: found wherever the rule matches), when the core's
    # first characters are fewer than the rule's finder's; None: not made
    cores: Mapping[int, LazyPattern] | None = None

    def trigger_results(self, folded: str) -> list[bool | None]:
        """Each trigger's result on `folded` where the trigger is plain words; None
        where it is a pattern (to be searched when a rule needs it)."""
        if self.word_gate is None:
            results: list[bool | None] = [None] * len(self.triggers)
        else:
            regex, triggers_of, unknown = self.word_gate
            results = list(unknown)
            # token by token (the text split at spaces: a trigger word, a run of \w, lies
            # inside one), remembered: a text's tokens are mostly tokens seen before, and
            # splitting costs less than the gate's scan, even of a short expression (the
            # results are the same either way)
            by_word = _by_word(self.word_gate)
            if by_word is None:
                for word in regex.findall(folded):
                    for index in triggers_of[word]:
                        results[index] = True
            else:
                # the tokens' answers looked up in C; the distinct answers (most are ()
                # or a few tuples shared by many tokens) set the results, a token not
                # seen before is found and remembered first
                words = set(folded.split())
                answers = set(map(by_word.get, words))
                if None in answers:
                    answers.discard(None)
                    for word in words:
                        if word not in by_word:
                            if len(by_word) >= WORDS_KEPT:
                                by_word.clear()
                            answers.add(by_word.setdefault(
                                word, tuple({i for w in regex.findall(word) for i in triggers_of[w]})))
                for found in answers:
                    for index in found or ():  # (None was discarded)
                        results[index] = True
        if self.digit_triggers:
            if first_digit(folded) is None:
                for index in self.digit_triggers:
                    results[index] = False
            else:
                for index in self.digit_only:
                    results[index] = True
        return results

    def steps_passing(self, folded: str, passed: list[bool | None]) -> list[Step]:
        """The plan's steps whose trigger passes on `folded`, in no particular order;
        `passed` is trigger_results(folded), completed here (patterns searched once)."""
        if self.step_gate is None:
            return [s for s in self.plan if s.trigger < 0 or self.triggers[s.trigger].search(folded)]
        always, gated = self.step_gate
        triggers = self.triggers
        for index in self.pattern_triggers:
            if passed[index] is None:
                passed[index] = triggers[index].search(folded)
        steps = list(always)
        for index in [i for i, ok in enumerate(passed) if ok]:
            steps.extend(gated[index])
        return steps

    def starting(self, char: str) -> tuple[int, ...] | None:
        """The plan's steps (indices, in rule order) whose pattern may begin a match with
        `char`; None when the grammar cannot tell (no table, or a character not in it)."""
        return None if self.starts is None else self.starts.get(char)

    def may_find(self, folded: str) -> bool:
        if self.find_gate is None:
            return True
        words, patterns = self.find_gate
        return any(map(folded.__contains__, words)) or any(p.search(folded) for p in patterns)

    def zone(self, phrase: str) -> str | None:
        folded = fold(phrase.strip())
        # remembered by the zones' identity: hashing the tuple of patterns (as an
        # lru_cache key) costs more than the lookup
        found = _ZONES.get((id(self.zones), folded))
        if found is None or found[0] is not self.zones:
            if len(_ZONES) >= 256:
                _ZONES.clear()
            found = _ZONES[id(self.zones), folded] = (self.zones, _zone_of(self.zones, folded))
        return found[1]


_ZONES: dict[tuple[int, str], tuple[Any, str | None]] = {}
WORD = re.compile(r"\w+")
WORDS_KEPT = 65536  # the most words whose triggers are remembered
# id(word_gate) -> (the word gate, word of a text -> the triggers found in it)
_BY_WORD: dict[int, tuple[Any, dict[str, tuple[int, ...]] | None]] = {}


def _by_word(gate: Any) -> dict[str, tuple[int, ...]] | None:
    """The triggers found in each token (a run of characters but spaces) of a text seen,
    remembered: when every trigger word is made of word characters, a text holds one
    exactly when one of its words (runs of them, each inside a token) does, and a
    text's tokens are mostly tokens seen before. None when some trigger word holds
    another character."""
    known = _BY_WORD.get(id(gate))
    if known is None or known[0] is not gate:
        if len(_BY_WORD) >= 4:
            _BY_WORD.clear()
        plain = all(WORD.fullmatch(word) for word in gate[1])
        known = _BY_WORD[id(gate)] = (gate, {} if plain else None)
    return known[1]


def _zone_of(zones: tuple[tuple[LazyPattern, str], ...], folded: str) -> str | None:
    for regex, zone in zones:
        if regex.fullmatch(folded):
            return zone
    return None



def strong(find: str, by_groups: tuple[str, ...], match: re.Match[str]) -> bool:
    if find == "always":
        return True
    return any(match.group(name) is not None for name in by_groups)

