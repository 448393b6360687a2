"""Structure markers (grammars/structure/markers.yaml), compiled and checked once."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from protokol.errors import GrammarError
from protokol.grammar_files import read_yaml

FILE = "structure/markers.yaml"
KEYS = frozenset({"pattern", "match", "no_match"})
NAMES = frozenset(
    {
        "protocol_word", "decisions", "heard", "agenda", "chair", "secretary", "attendees",
        "speaker", "deadline_line", "responsible_line", "note", "instruction", "modal",
        "signature_position",
    }
)


def compile_markers(data: Any, file: str = FILE) -> dict[str, re.Pattern[str]]:
    """Validate the marker table and compile it; every example is checked here."""
    if not isinstance(data, dict):
        raise GrammarError(file, None, "top level must be a mapping of marker names")
    unknown = set(data) - NAMES
    missing = NAMES - set(data)
    if unknown or missing:
        raise GrammarError(file, None, f"unknown {sorted(unknown)} / missing {sorted(missing)} markers")
    return {name: _compile_one(file, name, rule) for name, rule in data.items()}


def _compile_one(file: str, name: str, rule: Any) -> re.Pattern[str]:
    if not isinstance(rule, dict) or set(rule) - KEYS or "pattern" not in rule:
        raise GrammarError(file, name, f"needs 'pattern' and only keys {sorted(KEYS)}")
    try:
        pattern = re.compile(rule["pattern"], re.IGNORECASE)
    except re.error as exc:
        raise GrammarError(file, name, f"bad pattern: {exc}") from None
    if not rule.get("match"):
        raise GrammarError(file, name, "has no examples to match")
    for text in rule.get("match", []):
        if not pattern.search(text):
            raise GrammarError(file, name, f"example does not match: {text!r}")
    for text in rule.get("no_match", []):
        if pattern.match(text) and name not in {"note", "modal"}:
            raise GrammarError(file, name, f"counter-example matches: {text!r}")
        if name in {"note", "modal"} and pattern.search(text):
            raise GrammarError(file, name, f"counter-example matches: {text!r}")
    return pattern


@lru_cache(maxsize=1)
def markers() -> dict[str, re.Pattern[str]]:
    return compile_markers(read_yaml(FILE))
