"""Placeholders of rule patterns expanded: {macro}, {start=macro}, {lexicon},
{lexicon:grammemes}, {lexicon.value}, {zones} (grammars/README.md, "Placeholders"), and
patterns compiled as the matcher needs them (folded text, whole words).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from protokol.deadlines.compiled import LazyPattern, lazy
from protokol.deadlines.lexicon import Lexicon
from protokol.deadlines.results import Unit
from protokol.errors import GrammarError

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


class BuildContext(NamedTuple):  # (not a dataclass: a frozen one costs ~2 ms to define at import)
    lexicons: Mapping[str, Lexicon]
    zones: tuple[tuple[str, str], ...]
    macros: Mapping[str, str]
    grammemes: frozenset[str]
    units: Mapping[str, Unit]
    profiles: frozenset[str]
    triggers: Mapping[str, str]  # triggers.yaml: name -> pattern
    inline: dict[str, str]  # inline trigger pattern -> the rule that wrote it (no copies)


def compile_pattern(file: str, rule: str | None, pattern: str) -> LazyPattern:
    if any(len(m[0]) == 1 for m in CAPITALS.finditer(pattern)):
        raise GrammarError(file, rule, "patterns match folded text: write them in lower case, е for ё")
    try:
        # a whole match never starts or ends inside a word
        return lazy(rf"(?<!\w)(?:{pattern})(?!\w)", FLAGS)
    except re.error as exc:
        raise GrammarError(file, rule, f"bad pattern: {exc}") from None



def expand(file: str, rule: str, pattern: str, ctx: BuildContext, stack: tuple[str, ...] = ()) -> str:
    def replace(m: re.Match[str]) -> str:
        return _placeholder(file, rule, m, ctx, stack)

    return PLACEHOLDER.compiled.sub(replace, pattern)



def _placeholder(file: str, rule: str, m: re.Match[str], ctx: BuildContext, stack: tuple[str, ...]) -> str:
    name, prefix, value, gram = m["name"], m["prefix"], m["value"], m["gram"]
    if name in ctx.macros:
        if name in stack:
            raise GrammarError(file, rule, f"macro {name!r} refers to itself")
        if value or gram:
            raise GrammarError(file, rule, f"macro {{{name}}} takes no value or grammemes")
        text = expand(file, rule, ctx.macros[name], ctx, (*stack, name))
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

