"""The deadline grammar as built, stored in grammars/built/deadlines.marshal.

`python scripts/compile_grammar.py` stores the built grammar (compiled.py says why)
with the fingerprint of what it was built from: the text of every source file of the
grammar, the code of the modules that build it and the versions of pymorphy3 and its
dictionary. grammar.grammar() loads it when the fingerprint is that of the files at
hand, and builds from the YAML files otherwise (an edited rule is never missed; a test
says the stored file is stale). Nothing is written at run time.

The file is plain data (str, int, float, bool, None, tuple, list, dict) in marshal's
format: the interpreter's own reader (nothing to import) takes a fraction of the time
json.loads took over the same grammar, and builds no object but those. A file marshal
cannot read (another format version) is not used: the grammar is built instead. Every
value that is not plain data is a list whose first item names what to rebuild (stored_write.TAGS);
a tuple or dict holding no such value is stored as it is and loaded without being
walked.

Each pattern is stored with the program the regular expression engine runs (what
re.compile makes of it: the parsing and compiling done in Python, a few ms for the
grammar's long alternations, which the first text reading a rule used to pay). A
pattern used for the first time is made from that program by _sre.compile, the last
step of re.compile, when the file was written by the same Python version and engine
(`engine`); otherwise, or if the engine refuses the program, with re.compile. The
result is the same pattern (a test compares every one with re.compile's: re.Pattern's
equality compares the programs).
"""

from __future__ import annotations

import _sre
import datetime as dt
import gc
import marshal
import os
import re
import sys
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from protokol.deadlines.compiled import LazyPattern, finder_text
from protokol.grammar_files import fingerprint, grammar_bytes, grammar_text

FILE = "built/deadlines.marshal"
FORMAT = 2
# the code that builds the grammar, relative to the protokol package: part of the fingerprint
BUILDERS = (
    "protokol.deadlines.grammar", "protokol.deadlines.grammar.rules", "protokol.deadlines.grammar.load",
    "protokol.deadlines.grammar.expand", "protokol.deadlines.grammar.plan",
    "protokol.deadlines.lexicon", "protokol.deadlines.results",
    "protokol.deadlines.regulation", "protokol.model_core", "protokol.frozen", "protokol.deadlines.compiled", __name__,
    "protokol.deadlines.stored_write", "protokol.deadlines.cover", "protokol.deadlines.cores",
)


# ---------------------------------------------------------------- fingerprint


def sources_fingerprint() -> str:
    """Of every grammar source file's text and of the code that builds the grammar
    (read from the files beside this one, not imported: reading a deadline imports
    none of the builders)."""
    from protokol.deadlines.grammar.rules import source_files

    texts = {name: grammar_text(name) for name in source_files()}
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for module in BUILDERS:
        base = os.path.join(package, *module.split(".")[1:])
        where = base + ".py" if os.path.isfile(base + ".py") else os.path.join(base, "__init__.py")
        try:
            with open(where, encoding="utf-8") as file:
                texts[module] = file.read()
        except OSError:
            return "unknown"  # no source at hand to compare: build from the YAML files
    texts["word forms"] = _dictionary_version()  # the forms are pymorphy3's: another dictionary, another grammar
    return fingerprint(texts)


def _dictionary_version() -> str:
    from protokol.grammar_files import installed_version

    code, words = installed_version("pymorphy3", "pymorphy3"), installed_version("pymorphy3_dicts_ru", "pymorphy3-dicts-ru")
    return f"{code}/{words}" if code and words else "unknown"


# ---------------------------------------------------------------- load


def store(grammar: Any) -> dict[str, Any]:
    """The document of a built grammar (scripts/compile_grammar.py writes it; stored_write.py)."""
    from protokol.deadlines.stored_write import store as document

    return document(grammar)


def dumps(document: dict[str, Any]) -> bytes:
    """The file's bytes (marshal format 4, Python 3.4 and later)."""
    return marshal.dumps(document, 4)



def read() -> dict[str, Any] | None:
    """The stored document, or None when it is missing or unreadable."""
    data = grammar_bytes(FILE)
    if data is None:
        return None
    try:
        document = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None
    return document if isinstance(document, dict) else None


def load() -> Any:
    """The stored Grammar, or None when it is missing, stale or unreadable."""
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of new objects, none of them garbage: no collection passes over them
    try:
        document = read()
        if document is None or document.get("format") != FORMAT:
            return None
        if document.get("fingerprint") != sources_fingerprint():
            return None
        programs = document.get("engine") == engine()
        return _decode(document["grammar"], [], programs)
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    finally:
        if collecting:
            gc.enable()


_WORD = "I" if _sre.CODESIZE == 4 else "H"  # the engine's code words, as array and memoryview name them


def engine() -> tuple[int, int, int, int]:
    """What the stored programs of the patterns are valid for: Python's version, the
    regular expression engine's magic number and word size."""
    return (sys.version_info[0], sys.version_info[1], _sre.MAGIC, _sre.CODESIZE)


def from_program(pattern: str, stored: tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]) -> re.Pattern[str]:
    """The compiled pattern, from its stored program (the engine checks the program)."""
    flags, code, groups, groupindex, indexgroup = stored
    words = memoryview(code).cast(_WORD).tolist()  # type: ignore[call-overload]
    return _sre.compile(pattern, flags, words, groups, groupindex, indexgroup)  # type: ignore[no-any-return]


class StoredPattern(LazyPattern):
    """A LazyPattern made, on first use, from its stored program (re.compile if the
    engine refuses it)."""

    __slots__ = ("_program",)

    def __init__(self, pattern: str, flags: int, stored: Any) -> None:
        self._program = stored
        super().__init__(pattern, flags)

    def _compile(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:
            try:
                compiled = from_program(self.pattern, self._program)
            except (RuntimeError, TypeError, ValueError):  # "invalid SRE code", a malformed entry
                compiled = re.compile(self.pattern, self.flags)
            self._compiled, self._program = compiled, None
            self._bind(compiled)
        return compiled


class StoredFinders(Mapping[int, LazyPattern]):
    """The rules' finders, decoded from their stored document on first use."""

    def __init__(self, data: bytes, programs: bool) -> None:
        self._data: bytes | None = data
        self._programs = programs
        self._found: dict[int, LazyPattern] = {}

    def _table(self) -> dict[int, LazyPattern]:
        if self._data is not None:
            found = _decode(marshal.loads(self._data), [], self._programs)
            self._found = found if isinstance(found, dict) else dict(found)
            self._data = None
        return self._found

    def __getitem__(self, order: int) -> LazyPattern:
        return self._table()[order]

    def __iter__(self) -> Iterator[int]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    from protokol.deadlines import grammar, lexicon, results

    found = (grammar.Grammar, grammar.Rule, grammar.Trigger, grammar.Step, grammar.Example,
             results.Result, results.Unit, lexicon.Lexicon)
    return {cls.__name__: cls for cls in found}


def _decode(node: list[Any], rules: list[Any], programs: bool = False) -> Any:
    tag = node[0]
    if tag == "C":
        name = node[1]
        if name == "Rule":
            slot = len(rules)
            rules.append(None)  # its place, in the order the rules were stored
            rule = _classes()[name](*[v if type(v) is not list else _decode(v, rules, programs) for v in node[2:]])
            rules[slot] = rule
            return rule
        return _classes()[name](*[v if type(v) is not list else _decode(v, rules, programs) for v in node[2:]])
    if tag == "R":
        return rules[node[1]]
    if tag == "P":
        return StoredPattern(node[1], node[2], node[3]) if programs else LazyPattern(node[1], node[2])
    if tag == "B":
        return StoredFinders(node[1], programs)
    if tag == "W":
        text = finder_text(node[1], node[2], node[3])
        return StoredPattern(text, node[3], node[4]) if programs else LazyPattern(text, node[3])
    if tag == "D":
        return dt.date.fromordinal(node[1])
    if tag == "T":
        return tuple([v if type(v) is not list else _decode(v, rules, programs) for v in node[1:]])
    if tag == "M":
        return {k: v if type(v) is not list else _decode(v, rules, programs) for k, v in node[1].items()}
    if tag == "X":
        return _decode_lexicon(node[1], *node[2:])
    if tag == "F":
        return frozenset(v if type(v) is not list else _decode(v, rules, programs) for v in node[1:])
    if tag == "L":
        return [v if type(v) is not list else _decode(v, rules, programs) for v in node[1:]]
    if tag == "K":
        return {_decode(k, rules, programs) if type(k) is list else k:
                _decode(v, rules, programs) if type(v) is list else v for k, v in node[1]}
    raise ValueError(f"unknown stored value {tag!r}")


def _decode_lexicon(name: str, words: tuple[str, ...], values: tuple[Any, ...], tag_sets: tuple[tuple[str, ...], ...],
                    tag_of: tuple[int, ...]) -> Any:
    """The Lexicon, its forms made on first use (matching needs only the index)."""
    from protokol.deadlines.lexicon import Lexicon

    if len(values) != len(words) or len(words) != len(tag_of):
        raise ValueError(f"lexicon {name}: columns of different lengths")
    tags = [frozenset(t) for t in tag_sets]
    values = tuple([v if type(v) is not list else _decode(v, []) for v in values])
    index: dict[str, Any] = {}
    for word, value in zip(words, values):
        index.setdefault(word, value)
    return Lexicon(name, (), index, (words, values, [tags[t] for t in tag_of]))
