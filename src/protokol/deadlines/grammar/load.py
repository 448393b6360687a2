"""Build the deadline grammar from its YAML files: lexicons + macros + rules per stage,
checked once.

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
from dataclasses import fields
from typing import Any

from protokol.deadlines import regulation
from protokol.deadlines.compiled import LazyPattern, lazy, literal_words
from protokol.deadlines.grammar.expand import FLAGS, BuildContext, compile_pattern, expand
from protokol.deadlines.grammar.plan import make_plan
from protokol.deadlines.grammar.rules import (  # source_files: the fingerprint needs it without this module
    STAGES, TRIGGERS, Example, Grammar, Rule, Trigger, source_files, strong,
)
from protokol.deadlines.lexicon import LEXICONS, fold, load_lexicon, load_times_per, load_zones
from protokol.deadlines.results import load_result, load_units
from protokol.errors import GrammarError
from protokol.grammar_files import read_grammar_yaml
from protokol.model_core import Deadline

RULE_KEYS = frozenset({"name", "result", "find", "pattern", "trigger", "find_trigger", "note", "examples"})
FIND = frozenset({"always", "with_by", "never"})
EXAMPLE_KEYS = frozenset({"text", "date", "rules", "roll", "expect"})
DEADLINE_ORDER = tuple(f.name for f in fields(Deadline))
DEADLINE_FIELDS = frozenset(DEADLINE_ORDER)
INT_FIELDS = frozenset({"working_day"})
UNITS = "lexicon/units.yaml"
# lexicons whose values are unit names (each needs a meaning in units.yaml)
UNIT_LEXICONS = ("units", "unit_adjectives", "frequency")
TRIGGER_NAME = LazyPattern(r"[a-z_]+")
ANCHOR = dt.date(2023, 6, 20)  # the default protocol date of examples


def read_sources() -> dict[str, Any]:
    return {name: read_grammar_yaml(name) for name in source_files()}


def build_grammar(sources: Mapping[str, Any]) -> Grammar:
    """Validate and compile a grammar from parsed YAML documents keyed by file name."""
    from protokol import morph

    known = morph.known_grammemes()
    lexicons = {name: load_lexicon(name, sources[f"lexicon/{name}.yaml"]) for name in LEXICONS}
    zones = load_zones(sources["lexicon/timezones.yaml"], compile_pattern)
    units = load_units(UNITS, sources[UNITS].get("meaning") if isinstance(sources[UNITS], dict) else None,
                       {v for name in UNIT_LEXICONS for v in lexicons[name].values()})
    ctx = BuildContext(
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
    compiled_zones = tuple((lazy(p, FLAGS), z) for p, z in zones)
    return make_plan(Grammar(tuple(rules), lexicons, compiled_zones, times, units))



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


def _rule(file: str, stage: str, raw: Any, ctx: BuildContext) -> Rule:
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
    regex = compile_pattern(file, name, expand(file, name, raw["pattern"], ctx, ()))
    result = load_result(file, name, raw.get("result"), regex.compiled, ctx.units, ctx.profiles)
    examples = _examples(file, name, raw.get("examples"))
    trigger = _trigger(file, name, raw.get("trigger"), ctx, [e.text for e in examples])
    if raw.get("find_trigger") is not None and find == "never":
        raise GrammarError(file, name, "find_trigger needs find: always or with_by")
    by_groups = tuple(n for n in regex.groupindex if find == "with_by" and n.rstrip("0123456789") == "by")
    reported = [e.text for e in examples if any(strong(find, by_groups, m) for m in regex.finditer(fold(e.text)))]
    find_trigger = _trigger(file, name, raw.get("find_trigger"), ctx, reported)
    return Rule(
        name, stage, file, result, find, regex, examples, raw.get("note"), trigger,
        find_trigger, by_groups,
    )



def _trigger(file: str, rule: str, raw: Any, ctx: BuildContext, examples: list[str]) -> Trigger | None:
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
    source = expand(file, rule, raw, ctx, ())
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

