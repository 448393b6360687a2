"""Structure markers (grammars/structure/markers.yaml), compiled and checked once."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from protokol.errors import GrammarError
from protokol.grammar_files import read_yaml
from protokol.structure import scout

FILE = "structure/markers.yaml"
KEYS = frozenset({"pattern", "requires", "match", "no_match"})
NAMES = frozenset(
    {
        "protocol_word", "decisions", "heard", "agenda", "chair", "secretary", "attendees",
        "speaker", "deadline_line", "responsible_line", "note", "in_force", "editorial", "vote", "instruction", "modal", "control", "control_kept",
        "signature_position", "decisions_inline", "question", "table_number", "table_text",
        "table_deadline", "table_responsible", "appoint", "addressee_deadline", "addressee_reason", "act_word",
    }
)


@dataclass(frozen=True, slots=True)
class Marker:
    """A compiled marker; with `requires`, text holding none of those words is not
    searched at all: the pattern is slow to try at every position (`match`, tried at
    the start only, does not need the hint). Text is compared
    case-folded, which also takes the letters IGNORECASE treats as equal ("ᲃ", "с").
    `search` and `finditer` go through the pattern's scout (structure/scout.py), made on
    first use, when it has one: the same matches, the text skipped to where one may begin;
    when every match begins with one of a few words, those are looked for in the folded
    text instead (scout.starts)."""

    pattern: re.Pattern[str]
    requires: tuple[str, ...] = ()
    scouted: list[Any] = field(default_factory=list, compare=False, repr=False)  # (_scout)
    # the pattern's own match: tried at the start only, a pattern fails at once where it
    # cannot match (the required words are looked for, through the whole text, by search
    # alone); a field, so that a call reaches the engine with no Python frame between
    match: Callable[[str], re.Match[str] | None] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "match", self.pattern.match)

    def possible(self, text: str) -> bool:
        if not self.requires:
            return True
        fold = _casefold(text)
        for word in self.requires:  # (a loop of `in`: any(map(fold.__contains__, ...)) costs twice as much)
            if word in fold:
                return True
        return False

    def search(self, text: str) -> re.Match[str] | None:
        words, found = self.scouted or self._scout()  # (no call once made)
        if words and len(fold := _casefold(text)) == len(text):  # each character folded to one
            return scout.find_from(words, self.pattern, text, fold)  # (no match lacks the required words)
        if not self.possible(text):
            return None
        return scout.search(found, self.pattern, text) if found else self.pattern.search(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        words, found = self.scouted or self._scout()
        if words and len(fold := _casefold(text)) == len(text):
            return scout.find_all(words, self.pattern, text, fold)
        if not self.possible(text):
            return iter(())
        return scout.finditer(found, self.pattern, text) if found else self.pattern.finditer(text)

    def _scout(self) -> tuple[tuple[str, ...] | None, re.Pattern[str] | None]:
        """(the words every match begins with, or None; the scout, or None)"""
        if not self.scouted:
            words = scout.starts(self.pattern.pattern, self.pattern.flags)
            self.scouted.extend((words, scout.scout(self.pattern.pattern, self.pattern.flags)))
        return self.scouted[0], self.scouted[1]

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.pattern.sub(repl, text, count=count) if self.possible(text) else text


# the same line is tested against several markers in turn: fold it once
_casefold = lru_cache(maxsize=1024)(str.casefold)  # a document's items, each before and after its tail is cut
folded = _casefold  # the text case-folded, for other scouts of the same texts (references)


def compile_markers(data: Any, file: str = FILE) -> dict[str, Marker]:
    """Validate the marker table and compile it; every example is checked here."""
    if not isinstance(data, dict):
        raise GrammarError(file, None, "top level must be a mapping of marker names")
    unknown = set(data) - NAMES
    missing = NAMES - set(data)
    if unknown or missing:
        raise GrammarError(file, None, f"unknown {sorted(unknown)} / missing {sorted(missing)} markers")
    return {name: _compile_one(file, name, rule) for name, rule in data.items()}


def _compile_one(file: str, name: str, rule: Any) -> Marker:
    if not isinstance(rule, dict) or set(rule) - KEYS or "pattern" not in rule:
        raise GrammarError(file, name, f"needs 'pattern' and only keys {sorted(KEYS)}")
    try:
        pattern = re.compile(rule["pattern"], re.IGNORECASE)
    except re.error as exc:
        raise GrammarError(file, name, f"bad pattern: {exc}") from None
    requires = rule.get("requires", [])
    if not isinstance(requires, list) or not all(isinstance(w, str) and w and w == w.casefold() for w in requires):
        raise GrammarError(file, name, "requires must be a list of lower-case words")
    marker = Marker(pattern, tuple(requires))
    if not rule.get("match"):
        raise GrammarError(file, name, "has no examples to match")
    for text in rule.get("match", []):
        if not pattern.search(text):
            raise GrammarError(file, name, f"example does not match: {text!r}")
        if not marker.possible(text):
            raise GrammarError(file, name, f"example has none of the required words: {text!r}")
    for text in rule.get("no_match", []):
        if pattern.match(text) and name not in {"note", "modal", "addressee_deadline"}:
            raise GrammarError(file, name, f"counter-example matches: {text!r}")
        if name in {"note", "modal", "addressee_deadline"} and pattern.search(text):
            raise GrammarError(file, name, f"counter-example matches: {text!r}")
    return marker


@lru_cache(maxsize=1)
def markers() -> dict[str, Marker]:
    return compile_markers(read_yaml(FILE))
