"""The deadline grammar: lexicons + macros + rules per stage, loaded and checked once.

Every problem is a GrammarError(file, rule, why) raised here, at load time: unknown
keys, bad regular expressions, unknown placeholders or grammemes, a result that
cannot be built from the pattern's groups (results.py), unknown or copied triggers,
rules without examples. Matching never meets a broken grammar. The schema is
documented in grammars/README.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Any, NamedTuple

from protokol.deadlines import regulation
from protokol.deadlines.compiled import LazyPattern, lazy, literal_words, step_gate, word_gate
from protokol.errors import GrammarError
from protokol.grammar_files import read_grammar_yaml
from protokol.deadlines.lexicon import LEXICONS, Lexicon, fold, load_lexicon, load_times_per, load_zones
from protokol.deadlines.results import Result, Unit, load_result, load_units
from protokol.model import Deadline, DeadlineKind

# Recognition stages, in order (like dateparser's PARSERS). Ties between
# overlapping matches of equal length go to the earlier stage.
STAGES = ("markers", "recurring", "relative", "period", "once")
RULE_KEYS = frozenset({"name", "result", "find", "pattern", "trigger", "find_trigger", "note", "examples"})
FIND = frozenset({"always", "with_by", "never"})
EXAMPLE_KEYS = frozenset({"text", "date", "rules", "roll", "expect"})
DEADLINE_ORDER = tuple(f.name for f in fields(Deadline))
DEADLINE_FIELDS = frozenset(DEADLINE_ORDER)
INT_FIELDS = frozenset({"working_day"})
PREFIXES = ("start", "until", "after")
# (the patterns of building are compiled only when the grammar is built from its files)
PLACEHOLDER = LazyPattern(
    r"\{(?:(?P<prefix>[a-z]+)=)?(?P<name>[a-z_]+)(?:\.(?P<value>[a-z_]+))?(?::(?P<gram>[A-Za-z0-9,-]+))?\}"
)
GROUP_DEF = LazyPattern(r"\(\?P<(\w+)>|\(\?\((\w+)\)")
# Patterns are matched against folded text (lexicon.fold: lower case, ё -> е), so they
# are compiled case-sensitively (much faster) and must not contain capital letters.
FLAGS = re.VERBOSE
CAPITALS = LazyPattern(r"\\.|\(\?P[<=]|[A-ZА-ЯЁё]")
TRIGGERS = "deadlines/triggers.yaml"
UNITS = "lexicon/units.yaml"
# lexicons whose values are unit names (each needs a meaning in units.yaml)
UNIT_LEXICONS = ("units", "unit_adjectives", "frequency")
TRIGGER_NAME = LazyPattern(r"[a-z_]+")
ANCHOR = dt.date(2023, 6, 20)  # the default protocol date of examples


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    date: dt.date | None
    rules: str
    roll: str
    expect: tuple[dict[str, Any], ...]


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
        return _strong(self.find, self.by_groups, match)


@dataclass(frozen=True, slots=True)
class Trigger:
    """A regex, or (faster) plain words of which one must occur in the folded text."""

    regex: LazyPattern
    words: tuple[str, ...] | None

    def search(self, folded: str) -> bool:
        if self.words is not None:
            return any(map(folded.__contains__, self.words))
        return self.regex.search(folded) is not None


@dataclass(frozen=True, slots=True)
class Step:
    """One rule in the order the recogniser tries it."""

    trigger: int  # index into Grammar.triggers, -1: none
    order: int  # the rule's rank among equal-length matches
    rule: Rule
    find_trigger: int = -1  # the same for the rule's find_trigger


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

    def trigger_results(self, folded: str) -> list[bool | None]:
        """Each trigger's result on `folded` where the trigger is plain words; None
        where it is a pattern (to be searched when a rule needs it)."""
        if self.word_gate is None:
            return [None] * len(self.triggers)
        regex, triggers_of, unknown = self.word_gate
        results = list(unknown)
        for word in regex.findall(folded):
            for index in triggers_of[word]:
                results[index] = True
        return results

    def steps_passing(self, folded: str, passed: list[bool | None]) -> list[Step]:
        """The plan's steps whose trigger passes on `folded`, in no particular order;
        `passed` is trigger_results(folded), completed here (patterns searched once)."""
        if self.step_gate is None:
            return [s for s in self.plan if s.trigger < 0 or self.triggers[s.trigger].search(folded)]
        always, gated = self.step_gate
        steps = list(always)
        triggers = self.triggers
        for index, ok in enumerate(passed):
            if ok is None:
                ok = passed[index] = triggers[index].search(folded)
            if ok:
                steps.extend(gated[index])
        return steps

    def may_find(self, folded: str) -> bool:
        if self.find_gate is None:
            return True
        words, patterns = self.find_gate
        return any(map(folded.__contains__, words)) or any(p.search(folded) for p in patterns)

    def zone(self, phrase: str) -> str | None:
        return _zone_of(self.zones, fold(phrase.strip()))


@lru_cache(maxsize=256)
def _zone_of(zones: tuple[tuple[LazyPattern, str], ...], folded: str) -> str | None:
    for regex, zone in zones:
        if regex.fullmatch(folded):
            return zone
    return None


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


def read_sources() -> dict[str, Any]:
    return {name: read_grammar_yaml(name) for name in source_files()}


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The shipped grammar, once per process: as stored by scripts/compile_grammar.py
    when that was built from these very files (compiled.py), else built from them."""
    from protokol.deadlines import compiled

    stored = compiled.load()
    return stored if isinstance(stored, Grammar) else build_grammar(read_sources())


def build_grammar(sources: Mapping[str, Any]) -> Grammar:
    """Validate and compile a grammar from parsed YAML documents keyed by file name."""
    from protokol import morph

    known = morph.known_grammemes()
    lexicons = {name: load_lexicon(name, sources[f"lexicon/{name}.yaml"]) for name in LEXICONS}
    zones = load_zones(sources["lexicon/timezones.yaml"], _compile)
    units = load_units(UNITS, sources[UNITS].get("meaning") if isinstance(sources[UNITS], dict) else None,
                       {v for name in UNIT_LEXICONS for v in lexicons[name].values()})
    ctx = _Context(
        lexicons, zones, _macros(sources["deadlines/macros.yaml"]), known, units, frozenset(regulation.PROFILES),
        _named_triggers(sources[TRIGGERS]), {},
    )
    rules: list[Rule] = []
    names: set[str] = set()
    for stage in STAGES:
        file = f"deadlines/{stage}.yaml"
        for raw in _rule_list(file, sources[file]):
            rule = _rule(file, stage, raw, ctx)
            if rule.name in names:
                raise GrammarError(file, rule.name, "duplicate rule name")
            names.add(rule.name)
            rules.append(rule)
    times = load_times_per(sources["lexicon/times_per.yaml"], lexicons["units"])
    triggers = tuple(dict.fromkeys(t for r in rules for t in (r.trigger, r.find_trigger) if t is not None))

    def index(trigger: Trigger | None) -> int:
        return -1 if trigger is None else triggers.index(trigger)

    steps = [Step(index(r.trigger), order, r, index(r.find_trigger)) for order, r in enumerate(rules)]
    # rules find_deadlines may report come first: with none of them matching, the
    # others need not run at all
    plan = tuple(sorted(steps, key=lambda s: s.rule.find == "never"))
    compiled_zones = tuple((lazy(p, FLAGS), z) for p, z in zones)
    return Grammar(tuple(rules), lexicons, compiled_zones, times, units, triggers, plan, _find_gate(rules),
                   word_gate(triggers), step_gate(triggers, plan))


def _find_gate(rules: list[Rule]) -> tuple[tuple[str, ...], tuple[LazyPattern, ...]] | None:
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


# ---------------------------------------------------------------- pieces


class _Context(NamedTuple):  # (not a dataclass: a frozen one costs ~2 ms to define at import)
    lexicons: Mapping[str, Lexicon]
    zones: tuple[tuple[str, str], ...]
    macros: Mapping[str, str]
    grammemes: frozenset[str]
    units: Mapping[str, Unit]
    profiles: frozenset[str]
    triggers: Mapping[str, str]  # triggers.yaml: name -> pattern
    inline: dict[str, str]  # inline trigger pattern -> the rule that wrote it (no copies)


def _macros(data: Any) -> dict[str, str]:
    file = "deadlines/macros.yaml"
    if not isinstance(data, dict) or set(data) != {"macros"} or not isinstance(data["macros"], dict):
        raise GrammarError(file, None, "needs exactly the key 'macros': name -> pattern")
    for name, pattern in data["macros"].items():
        if not isinstance(pattern, str):
            raise GrammarError(file, name, "a macro is a pattern string")
    return dict(data["macros"])


def _named_triggers(data: Any) -> dict[str, str]:
    if not isinstance(data, dict) or set(data) != {"triggers"} or not isinstance(data["triggers"], dict):
        raise GrammarError(TRIGGERS, None, "needs exactly the key 'triggers': name -> pattern")
    for name, pattern in data["triggers"].items():
        if not isinstance(name, str) or not TRIGGER_NAME.fullmatch(name) or not isinstance(pattern, str):
            raise GrammarError(TRIGGERS, str(name), "a trigger is name (a-z, _) -> pattern string")
    return dict(data["triggers"])


def _rule_list(file: str, data: Any) -> list[Any]:
    if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        raise GrammarError(file, None, "needs exactly the key 'rules': a list of rules")
    return data["rules"]


def _rule(file: str, stage: str, raw: Any, ctx: _Context) -> Rule:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise GrammarError(file, None, f"a rule must be a mapping with a name: {raw!r}")
    name = raw["name"]
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise GrammarError(file, name, f"unknown keys {sorted(unknown)}; allowed {sorted(RULE_KEYS)}")
    if not name.startswith(f"{stage}."):
        raise GrammarError(file, name, f"rule names of this file start with '{stage}.'")
    find = raw.get("find", "never")
    if find not in FIND:
        raise GrammarError(file, name, f"find must be one of {sorted(FIND)}")
    if not isinstance(raw.get("pattern"), str) or not raw["pattern"].strip():
        raise GrammarError(file, name, "needs a pattern")
    regex = _compile(file, name, _expand(file, name, raw["pattern"], ctx, ()))
    result = load_result(file, name, raw.get("result"), regex.compiled, ctx.units, ctx.profiles)
    examples = _examples(file, name, raw.get("examples"))
    trigger = _trigger(file, name, raw.get("trigger"), ctx, [e.text for e in examples])
    if raw.get("find_trigger") is not None and find == "never":
        raise GrammarError(file, name, "find_trigger needs find: always or with_by")
    by_groups = tuple(n for n in regex.groupindex if find == "with_by" and n.rstrip("0123456789") == "by")
    strong = [e.text for e in examples if any(_strong(find, by_groups, m) for m in regex.finditer(fold(e.text)))]
    find_trigger = _trigger(file, name, raw.get("find_trigger"), ctx, strong)
    return Rule(
        name, stage, file, result, find, regex, examples, raw.get("note"), trigger,
        find_trigger, by_groups,
    )


def _strong(find: str, by_groups: tuple[str, ...], match: re.Match[str]) -> bool:
    if find == "always":
        return True
    return any(match.group(name) is not None for name in by_groups)


def _trigger(file: str, rule: str, raw: Any, ctx: _Context, examples: list[str]) -> Trigger | None:
    """A trigger, checked against the example texts it must pass."""
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw:
        raise GrammarError(file, rule, "trigger must be a trigger name or a pattern")
    if TRIGGER_NAME.fullmatch(raw):
        if raw not in ctx.triggers:
            raise GrammarError(file, rule, f"unknown trigger name {raw!r} (declare it in {TRIGGERS})")
        raw = ctx.triggers[raw]
    else:
        first = ctx.inline.setdefault(raw, rule)
        if first != rule:
            raise GrammarError(file, rule, f"trigger copied from {first}: declare it once in {TRIGGERS}, use its name")
    source = _expand(file, rule, raw, ctx, ())
    try:
        regex = lazy(source)
    except re.error as exc:
        raise GrammarError(file, rule, f"bad trigger: {exc}") from None
    # a trigger of plain words (placeholders expanded) is tested with `in`, never compiled
    trigger = Trigger(regex, literal_words(source))
    for example in examples:
        if not trigger.search(fold(example)):
            raise GrammarError(file, rule, f"trigger misses example {example!r}")
    return trigger


def _compile(file: str, rule: str | None, pattern: str) -> LazyPattern:
    if any(len(m[0]) == 1 for m in CAPITALS.finditer(pattern)):
        raise GrammarError(file, rule, "patterns match folded text: write them in lower case, е for ё")
    try:
        # a whole match never starts or ends inside a word
        return lazy(rf"(?<!\w)(?:{pattern})(?!\w)", FLAGS)
    except re.error as exc:
        raise GrammarError(file, rule, f"bad pattern: {exc}") from None


def _expand(file: str, rule: str, pattern: str, ctx: _Context, stack: tuple[str, ...]) -> str:
    def replace(m: re.Match[str]) -> str:
        return _placeholder(file, rule, m, ctx, stack)

    return PLACEHOLDER.compiled.sub(replace, pattern)


def _placeholder(file: str, rule: str, m: re.Match[str], ctx: _Context, stack: tuple[str, ...]) -> str:
    name, prefix, value, gram = m["name"], m["prefix"], m["value"], m["gram"]
    if name in ctx.macros:
        if name in stack:
            raise GrammarError(file, rule, f"macro {name!r} refers to itself")
        if value or gram:
            raise GrammarError(file, rule, f"macro {{{name}}} takes no value or grammemes")
        text = _expand(file, rule, ctx.macros[name], ctx, (*stack, name))
        if prefix:
            if prefix not in PREFIXES:
                raise GrammarError(file, rule, f"unknown group prefix {prefix!r}; allowed {PREFIXES}")
            text = GROUP_DEF.compiled.sub(lambda g: _prefixed(g, prefix), text)
        return f"(?:{text})"
    if prefix:
        raise GrammarError(file, rule, f"only macros take a prefix: {m[0]}")
    if name == "zones":
        return "(?:" + "|".join(p for p, _ in ctx.zones) + ")"
    lexicon = ctx.lexicons.get(name)
    if lexicon is None:
        raise GrammarError(file, rule, f"unknown placeholder {m[0]}")
    grammemes = frozenset(gram.split(",")) if gram else frozenset()
    bad = grammemes - ctx.grammemes
    if bad:
        raise GrammarError(file, rule, f"unknown grammemes {sorted(bad)} in {m[0]}")
    if value is not None and value not in {str(v) for v in lexicon.values()}:
        raise GrammarError(file, rule, f"lexicon {name!r} has no value {value!r} ({m[0]})")
    found = next((v for v in lexicon.values() if str(v) == value), None)
    alternation = lexicon.alternation(grammemes, found)
    if not alternation:
        raise GrammarError(file, rule, f"no word form carries {m[0]}")
    return f"(?:{alternation})"


def _prefixed(g: re.Match[str], prefix: str) -> str:
    if g[1]:
        return f"(?P<{prefix}_{g[1]}>"
    return f"(?({prefix}_{g[2]})"


def _examples(file: str, rule: str, raw: Any) -> tuple[Example, ...]:
    if not isinstance(raw, list) or not raw:
        raise GrammarError(file, rule, "a rule needs at least one example")
    return tuple(_example(file, rule, item) for item in raw)


def _example(file: str, rule: str, item: Any) -> Example:
    if not isinstance(item, dict) or set(item) - EXAMPLE_KEYS or "text" not in item or "expect" not in item:
        raise GrammarError(file, rule, f"example needs text and expect, only keys {sorted(EXAMPLE_KEYS)}: {item!r}")
    date = item.get("date", ANCHOR)
    if date is not None and not isinstance(date, dt.date):
        raise GrammarError(file, rule, f"example date must be YYYY-MM-DD: {item!r}")
    expect = item["expect"] if isinstance(item["expect"], list) else [item["expect"]]
    for one in expect:
        if not isinstance(one, dict) or set(one) - DEADLINE_FIELDS or "kind" not in one:
            raise GrammarError(file, rule, f"expect needs kind and only Deadline fields: {one!r}")
        if any(isinstance(v, bool) for v in one.values()):
            raise GrammarError(file, rule, f'expect values are strings (quote "on"): {one!r}')
    text = str(item["text"])
    filled = tuple(
        {f: _expected(f, one.get(f)) for f in DEADLINE_ORDER} | {"text": str(one.get("text", text))}
        for one in expect
    )
    return Example(text, date, str(item.get("rules", "federal")), str(item.get("roll", "back")), filled)


def _expected(field: str, value: Any) -> Any:
    """An expected field as the Deadline holds it: strings, working_day a number."""
    if value is None:
        return None
    return int(value) if field in INT_FIELDS else str(value)
