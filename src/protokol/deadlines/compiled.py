"""The deadline grammar as built, stored in grammars/built/deadlines.json.

Building the grammar from its YAML files imports PyYAML and pymorphy3 (the word forms
of every lemma) and checks every rule against its examples, which compiles every
pattern: about a third of a second, before the first deadline is read. The build's
result is stored by `python scripts/compile_grammar.py`, with the fingerprint of what
it was built from: the text of every source file of the grammar, the code of the
modules that build it and the versions of pymorphy3 and its dictionary. grammar.grammar() loads the stored grammar when the
fingerprint is that of the files at hand, and builds from the YAML files otherwise (an
edited rule is never missed; a test says the stored file is stale).

Patterns are stored as text and compiled on first use (LazyPattern): a text is tried
only against the rules whose trigger it passes, so most are never compiled at all.
Word forms are stored as generated, so pymorphy3 is not imported to read deadlines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from protokol.errors import GrammarError
from protokol.grammar_files import fingerprint, grammar_text, read_json

FILE = "built/deadlines.json"
FORMAT = 1


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
                strings = {a + b for a in strings for b in inner[0]}
                pos = inner[1] + 1
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


# ---------------------------------------------------------------- fingerprint


def sources_fingerprint() -> str:
    """Of every grammar source file's text and of the code that builds the grammar."""
    from protokol.deadlines.grammar import load

    texts = {name: grammar_text(name) for name in load.source_files()}
    for module in _builders():
        where = getattr(sys.modules[module], "__file__", None)
        if not where or not where.endswith(".py"):
            return "unknown"  # no source at hand to compare: build from the YAML files
        texts[module] = Path(where).read_text(encoding="utf-8")
    texts["word forms"] = _dictionary_version()  # the forms are pymorphy3's: another dictionary, another grammar
    return fingerprint(texts)


def _dictionary_version() -> str:
    from protokol.grammar_files import installed_version

    code, words = installed_version("pymorphy3", "pymorphy3"), installed_version("pymorphy3_dicts_ru", "pymorphy3-dicts-ru")
    return f"{code}/{words}" if code and words else "unknown"


def _builders() -> tuple[str, ...]:
    import protokol.deadlines.grammar.load  # noqa: F401 - imports the others
    import protokol.deadlines.regulation  # noqa: F401

    return (
        "protokol.deadlines.grammar", "protokol.deadlines.grammar.rules", "protokol.deadlines.grammar.load",
        "protokol.deadlines.grammar.expand", "protokol.deadlines.grammar.plan",
        "protokol.deadlines.lexicon", "protokol.deadlines.results",
        "protokol.deadlines.regulation", "protokol.model_core", __name__,
    )


# ---------------------------------------------------------------- store and load


def load() -> Any:
    """The stored Grammar, or None when it is missing, stale or unreadable."""
    try:
        data = read_json(FILE)
    except GrammarError:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("fingerprint") != sources_fingerprint():
        return None
    try:
        return _decode(data["grammar"], [])
    except (KeyError, TypeError, ValueError, IndexError):
        return None


def store(grammar: Any) -> dict[str, Any]:
    """The JSON document of a built grammar (scripts/compile_grammar.py writes it)."""
    return {
        "note": "generated by scripts/compile_grammar.py from grammars/lexicon and grammars/deadlines; do not edit",
        "format": FORMAT,
        "fingerprint": sources_fingerprint(),
        "grammar": _encode(grammar, {}),
    }


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    from protokol.deadlines import grammar, lexicon, results

    found = (grammar.Grammar, grammar.Rule, grammar.Trigger, grammar.Step, grammar.Example,
             results.Result, results.Unit, lexicon.Lexicon)
    return {cls.__name__: cls for cls in found}


def _encode(value: Any, rules: dict[int, int]) -> Any:
    """JSON of the values a Grammar is made of; the tags say what to rebuild. A rule met
    again (in the plan) is stored as the index of its first appearance in `rules`."""
    from protokol.deadlines.grammar import Rule
    from protokol.deadlines.lexicon import Lexicon

    if isinstance(value, Rule):
        if id(value) in rules:
            return {"rule": rules[id(value)]}
        rules[id(value)] = len(rules)
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (LazyPattern, re.Pattern)):
        return {"re": value.pattern, "flags": value.flags & ~re.UNICODE}
    if isinstance(value, Lexicon):
        return {"lexicon": value.name, "forms": _encode_forms(value)}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if type(value).__name__ not in _classes():
            raise TypeError(f"cannot store a {type(value).__name__}")
        return {"class": type(value).__name__,
                "fields": {f.name: _encode(getattr(value, f.name), rules) for f in dataclasses.fields(value)}}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return {"tuple": [_encode(v, rules) for v in value]}
    if isinstance(value, frozenset):
        return {"frozenset": sorted((_encode(v, rules) for v in value), key=repr)}
    if isinstance(value, list):
        return [_encode(v, rules) for v in value]
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return {"map": {k: _encode(v, rules) for k, v in value.items()}}
    if isinstance(value, dict):
        return {"dict": [[_encode(k, rules), _encode(v, rules)] for k, v in value.items()]}
    raise TypeError(f"cannot store a {type(value).__name__}")


def _encode_forms(lexicon: Any) -> dict[str, Any]:
    """Columns: words, values, and each form's tag set as an index into `tags`."""
    tag_sets: dict[frozenset[str], int] = {}
    for form in lexicon.forms:
        tag_sets.setdefault(form.tags, len(tag_sets))
    return {
        "words": [f.word for f in lexicon.forms],
        "values": [_encode(f.value, {}) for f in lexicon.forms],
        "tags": [sorted(tags) for tags in tag_sets],
        "tag_of": [tag_sets[f.tags] for f in lexicon.forms],
    }


PLAIN = (str, int, type(None), bool, float)


def _decode(value: Any, rules: list[Any]) -> Any:
    if isinstance(value, list):
        return [_decode(v, rules) for v in value]
    if not isinstance(value, dict):
        return value
    if "map" in value:
        return {k: v if type(v) in PLAIN else _decode(v, rules) for k, v in value["map"].items()}
    if "re" in value:
        return LazyPattern(value["re"], value["flags"])
    if "class" in value:
        cls = _classes()[value["class"]]
        slot = len(rules)
        if value["class"] == "Rule":
            rules.append(None)  # its place, in the order the rules were stored
        found = cls(**{name: v if type(v) in PLAIN else _decode(v, rules) for name, v in value["fields"].items()})
        if value["class"] == "Rule":
            rules[slot] = found
        return found
    if "rule" in value:
        return rules[value["rule"]]
    if "tuple" in value:
        return tuple(v if type(v) in PLAIN else _decode(v, rules) for v in value["tuple"])
    if "dict" in value:
        return {_decode(k, rules): _decode(v, rules) for k, v in value["dict"]}
    if "frozenset" in value:
        return frozenset(_decode(v, rules) for v in value["frozenset"])
    if "date" in value:
        return dt.date.fromisoformat(value["date"])
    if "lexicon" in value:
        return _decode_lexicon(value["lexicon"], value["forms"])
    raise ValueError(f"unknown stored value {sorted(value)}")


def _decode_lexicon(name: str, columns: dict[str, Any]) -> Any:
    from protokol.deadlines.lexicon import Form, Lexicon

    tags = [frozenset(t) for t in columns["tags"]]
    values = [v if type(v) in PLAIN else _decode(v, []) for v in columns["values"]]
    forms = tuple(Form(w, v, tags[t]) for w, v, t in zip(columns["words"], values, columns["tag_of"], strict=True))
    index: dict[str, Any] = {}
    for form in forms:
        index.setdefault(form.word, form.value)
    return Lexicon(name, forms, index)
