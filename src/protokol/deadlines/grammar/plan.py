"""The plan the recogniser follows, made once when the grammar is built: the distinct
triggers, each rule as a Step in the order it is tried (rules scan_deadlines may
report first), and the gates that let a text skip every rule whose trigger it fails
(one scan for all triggers of plain words: compiled.word_gate).
"""

from __future__ import annotations

from dataclasses import replace

from protokol.deadlines.compiled import LazyPattern, step_gate, word_gate
from protokol.deadlines.grammar.rules import Grammar, Rule, Step, Trigger


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
    return replace(grammar, triggers=triggers, plan=plan, find_gate=find_gate(list(rules)),
                   word_gate=word_gate(triggers), step_gate=step_gate(triggers, plan))


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
