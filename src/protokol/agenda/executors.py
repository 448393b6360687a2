"""Who a task is for, shortened for a column, and the executor filter.

An item's executors (contract 1.1 `executors`, their nominative names) when the document
gives them; otherwise its addressees, each shortened: cut before the phrases that only
qualify it ("совместно с ...", "из числа ...", "в рамках ...", a parenthesis) and kept
to its first words.

    >>> short_addressee("Представителям органов субъектов РФ совместно с образовательными организациями")
    'Представителям органов субъектов РФ'

The filter compares lemmas (protokol.morph), so "Минфин" finds "Минфину России" and
"минфина"; every word of the query must start a lemma (or a word) of the executor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import Any

SHORT_WORDS = 6
_QUALIFIERS = re.compile(
    r"\s+(?:совместно\s+с|при\s+участии|с\s+участием|из\s+числа|в\s+рамках|в\s+части|по\s+согласованию|"
    r"в\s+пределах|в\s+том\s+числе)\s|\s*[(–—]|\s+-\s", re.IGNORECASE)
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def short_addressee(text: str, words: int = SHORT_WORDS) -> str:
    """The head of an addressee phrase, at most `words` words (an ellipsis when cut)."""
    text = " ".join(text.split())
    match = _QUALIFIERS.search(text)
    head = text[:match.start()].rstrip(" ,;:") if match and match.start() > 0 else text
    parts = head.split(" ")
    if len(parts) > words:
        return " ".join(parts[:words]).rstrip(" ,;:") + "…"
    return head


def executor_names(directive: dict[str, Any] | Any) -> tuple[str, ...]:
    """Executors' names (executors first), else the shortened addressees, else the people
    responsible (an item that names only "Ответственный: Петров П.П."), in order, unique.
    Takes a contract dict or a model Directive."""
    if isinstance(directive, dict):  # a contract dict (the common case), read directly
        found = directive.get("executors") or ()
        if not found:
            return _short_names(tuple(directive.get("addressees") or ())) or _responsible(directive)
        if all(type(e) is dict for e in found):
            names = [e.get("name") for e in found if e.get("role") in (None, "executor")]
            names = [n for n in names if n] or [e["name"] for e in found if e.get("name")]
            return tuple(dict.fromkeys(names)) if names else _short_names(tuple(directive.get("addressees") or ())) \
                or _responsible(directive)
    executors = _get(directive, "executors") or ()
    names = [_get(e, "name") for e in executors if _get(e, "role") in (None, "executor")]
    names = [n for n in names if n] or [_get(e, "name") for e in executors if _get(e, "name")]
    if names:
        return tuple(dict.fromkeys(names))
    return _short_names(tuple(_get(directive, "addressees") or ())) or _responsible(directive)


def _responsible(directive: dict[str, Any] | Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(who for who in _get(directive, "responsible") or () if who))


@lru_cache(maxsize=65536)
def _short_names(addressees: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in map(short_addressee, addressees) if n))


def _get(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


def searchable(directive: dict[str, Any]) -> tuple[str, ...]:
    """The texts the executor filter looks in: addressees, executors, responsible people."""
    executors = directive.get("executors") or ()
    texts = [*directive.get("addressees", ()), *directive.get("responsible", ())]
    texts += [e.get(k) or "" for e in executors for k in ("name", "as_written")]
    return tuple(texts)


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    """The text's words folded (ё as е), and their lemmas."""
    from protokol import morph

    words = [w.lower().replace("ё", "е") for w in _WORD.findall(text)]
    return frozenset(words) | frozenset(morph.lemma(w).replace("ё", "е") for w in words)


def executor_filter(query: str) -> Callable[[Sequence[str]], bool]:
    """A predicate on an item's searchable texts: true when every word of `query` (as a
    lemma, or as typed) starts a word or lemma of one text."""
    from protokol import morph

    wanted = [(w.lower().replace("ё", "е"), morph.lemma(w).replace("ё", "е")) for w in _WORD.findall(query)]

    seen: dict[str, bool] = {}  # text -> found: an archive repeats the same few addressees

    def one(text: str) -> bool:
        found = seen.get(text)
        if found is None:
            have = _words(text)
            found = seen[text] = all(any(h.startswith(typed) or h.startswith(lemma) for h in have)
                                     for typed, lemma in wanted)
        return found

    decided: dict[tuple[str, ...], bool] = {}  # the same for a tuple of texts (an item's, repeated)

    def matches(texts: Iterable[str]) -> bool:
        if not isinstance(texts, tuple):
            return bool(wanted) and any(one(t) for t in texts)
        found = decided.get(texts)
        if found is None:
            found = decided[texts] = bool(wanted) and any(one(t) for t in texts)
        return found

    return matches
