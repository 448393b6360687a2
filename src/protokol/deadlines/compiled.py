"""Lazy patterns and the trigger gates of the deadline grammar as built.

Building the grammar from its YAML files imports PyYAML and pymorphy3 (the word forms
of every lemma) and checks every rule against its examples, which compiles every
pattern: about a third of a second, before the first deadline is read. The build's
result is stored by `python scripts/compile_grammar.py` in grammars/built/ (stored.py:
the format, the fingerprint of what it was built from, loading it back).

Patterns are stored as text and compiled on first use (LazyPattern): a text is tried
only against the rules whose trigger it passes, so most are never compiled at all.
Word forms are stored as generated, so pymorphy3 is not imported to read deadlines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """A regular expression compiled the first time it is used (re.Pattern's matching
    methods, pattern, flags, groupindex). Equal when pattern and flags are."""

    __slots__ = ("pattern", "flags", "_compiled", "finditer", "findall", "search", "fullmatch", "match")
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    search: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]

    def __init__(self, pattern: str, flags: int = 0, compiled: re.Pattern[str] | None = None) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled = compiled
        if compiled is not None:
            self._bind(compiled)
        else:
            self.finditer = lambda *a: self._compile().finditer(*a)
            self.findall = lambda *a: self._compile().findall(*a)
            self.search = lambda *a: self._compile().search(*a)
            self.fullmatch = lambda *a: self._compile().fullmatch(*a)
            self.match = lambda *a: self._compile().match(*a)

    @property
    def compiled(self) -> re.Pattern[str]:
        return self._compile()

    @property
    def is_compiled(self) -> bool:
        return self._compiled is not None

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self._compile().groupindex)

    def _compile(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self.pattern, self.flags)
            self._bind(compiled)
        return compiled

    def _bind(self, compiled: re.Pattern[str]) -> None:
        # later calls go straight to the compiled pattern's methods
        self.finditer, self.findall, self.search = compiled.finditer, compiled.findall, compiled.search
        self.fullmatch, self.match = compiled.fullmatch, compiled.match

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (LazyPattern, re.Pattern)):
            return (self.pattern, self.flags) == (other.pattern, other.flags & ~re.UNICODE)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:40]!r}..., {self.flags})"


class Finder(LazyPattern):
    """A rule's finder (grammar/plan.finder): `head` (a class of the characters a match
    may begin with), then `inner` (the rule's pattern) looked for from there; stored
    as those two, the rule's pattern text once for both."""

    __slots__ = ("head", "inner")

    def __init__(self, head: str, inner: str, flags: int = 0, compiled: re.Pattern[str] | None = None) -> None:
        self.head, self.inner = head, inner
        super().__init__(finder_text(head, inner, flags), flags, compiled)


def finder_text(head: str, inner: str, flags: int) -> str:
    body = inner + "\n" if flags & re.VERBOSE else inner  # (a comment at its end ends there)
    return f"{head}(?<=(?=(?:{body})){head})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """A pattern compiled now (so a bad one is reported at once), handed out lazily."""
    return LazyPattern(pattern, flags & ~re.UNICODE, re.compile(pattern, flags))


def literal_words(pattern: str, limit: int = 64, spelled: int = 2048) -> tuple[str, ...] | None:
    """The words a pattern made only of literal text, (?:...) groups and | matches, each
    of which is found in a text exactly when the pattern is (a word holding another is
    dropped); None for any other pattern, one spelling more than `spelled` strings, or
    more than `limit` words left.

    "(?:понедельник|понедельника|вторник)" -> ("вторник", "понедельник").
    """
    found = _alternation(pattern, 0, spelled)
    if found is None or found[1] != len(pattern) or "" in found[0]:
        return None
    words: list[str] = []
    for word in sorted(found[0], key=lambda w: (len(w), w)):
        if not any(kept in word for kept in words):
            words.append(word)
    return tuple(words) if len(words) <= limit else None


def _alternation(pattern: str, pos: int, limit: int) -> tuple[set[str], int] | None:
    """(the strings of alternatives from pos, the position after them) or None."""
    options: set[str] = set()
    while True:
        strings = {""}
        while pos < len(pattern) and pattern[pos] not in "|)":
            if pattern.startswith("(?:", pos):
                inner = _alternation(pattern, pos + 3, limit)
                if inner is None or not pattern.startswith(")", inner[1]):
                    return None
                pos = inner[1] + 1
                # "(?:…)?", as prefix_tree writes a word that ends where longer ones go on
                optional = pattern.startswith("?", pos) and not pattern.startswith("??", pos)
                strings = {a + b for a in strings for b in (inner[0] | {""} if optional else inner[0])}
                pos += optional
            elif pattern[pos] == "\\" and pos + 1 < len(pattern) and not pattern[pos + 1].isalnum():
                strings = {a + pattern[pos + 1] for a in strings}
                pos += 2
            elif pattern[pos] in ".^$*+?{}[]()\\":
                return None
            else:
                strings = {a + pattern[pos] for a in strings}
                pos += 1
            if len(strings) > limit:
                return None
        options |= strings
        if len(options) > limit:
            return None
        if pos < len(pattern) and pattern[pos] == "|":
            pos += 1
            continue
        return options, pos


def prefix_tree(words: set[str]) -> str:
    """The words as one regex factored by common prefixes ("ab(?:c|d)?"): at a place it
    matches the longest of the words beginning there, as the plain alternation of the
    words longest first does, without trying every word at every place."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _branches(trie)


def _branches(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _branches(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"{body}?" if len(branches) > 1 else f"(?:{body})?"


# ---------------------------------------------------------------- gates of the triggers


def word_gate(
    triggers: tuple[Any, ...],
) -> tuple[LazyPattern, dict[str, tuple[int, ...]], tuple[bool | None, ...]] | None:
    """(pattern, word -> triggers, results before the scan) for Grammar.trigger_results.

    The word found at a place is the longest of the words beginning there, so the
    others beginning there are the words that begin it: a trigger passes exactly when
    one of the found words begins with one of its words."""
    words = {w for t in triggers if t.words is not None for w in t.words}
    if not words:
        return None
    triggers_of = {
        word: tuple(i for i, t in enumerate(triggers) if t.words is not None and any(map(word.startswith, t.words)))
        for word in sorted(words)
    }
    unknown = tuple(None if t.words is None else False for t in triggers)
    return lazy(f"(?=({prefix_tree(words)}))"), triggers_of, unknown


def step_gate(triggers: tuple[Any, ...], plan: tuple[Any, ...]) -> tuple[tuple[Any, ...], tuple[tuple[Any, ...], ...]]:
    """(the plan's steps without a trigger, for each trigger the steps it gates), for
    Grammar.steps_passing."""
    return (
        tuple(s for s in plan if s.trigger < 0),
        tuple(tuple(s for s in plan if s.trigger == index) for index in range(len(triggers))),
    )
