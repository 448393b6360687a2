"""The deadline grammar: lexicons + macros + rules per stage, loaded and checked once.

    grammar()            the shipped grammar, once per process (stored, else built)
    build_grammar(src)   build and check a grammar from parsed YAML documents (load.py)

The package: rules.py (the values a grammar is made of: Rule, Trigger, Step, Grammar),
load.py (the YAML files -> checked rules; every problem is a GrammarError naming the
file and rule), expand.py (placeholders and macros in patterns), plan.py (the order
rules are tried in and the trigger gates). stored.py stores a built grammar in
grammars/built/deadlines.marshal. The schema is documented in grammars/README.md.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from protokol.deadlines.grammar.rules import STAGES, Example, Grammar, Rule, Step, Trigger

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "STAGES", "Example", "Grammar", "Rule", "Step", "Trigger", "grammar", "build_grammar", "read_sources",
    "source_files",
]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The shipped grammar, once per process: as stored by scripts/compile_grammar.py
    when that was built from these very files (stored.py), else built from them."""
    from protokol.deadlines import stored as store

    stored = store.load()
    return stored if isinstance(stored, Grammar) else build_grammar(read_sources())


def build_grammar(sources: Mapping[str, Any]) -> Grammar:
    """Validate and compile a grammar from parsed YAML documents keyed by file name."""
    from protokol.deadlines.grammar.load import build_grammar as build

    return build(sources)


def source_files() -> tuple[str, ...]:
    """Every file the grammar is built from, relative to grammars/."""
    from protokol.deadlines.grammar.rules import source_files as files

    return files()


def read_sources() -> dict[str, Any]:
    from protokol.deadlines.grammar.load import read_sources as read

    return read()
