"""A pattern's search made to skip ahead: the regular expression engine skips to a match's
possible first character only when the pattern begins with a literal or a class of
characters without IGNORECASE; a pattern that begins with a look-behind, an alternation
of different first characters or a letter under IGNORECASE is tried at every position.

`scout(pattern, flags)` reads from the pattern's parse which characters a match may begin
with (under IGNORECASE, every character the engine takes as equal: "О", "о" and "ᲂ") and
returns `[those](?<=(?=PATTERN)[\\s\\S])`: the engine skips to those characters and tries
the pattern there, inside a look-ahead; `search` then matches the pattern itself at the
position found, which gives what `pattern.search` gives (the same attempt at the same
position; a match attempt sees the text before its start, `^` only at the text's start).
None when the first characters cannot be told (a match may begin with any character, a
class such as `\\s`, or be empty)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

try:
    from re import _casefix, _parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_parse as _parser  # type: ignore[no-redef]

    _casefix = None

import _sre  # type: ignore[import-not-found]

_MAX_CHARS = 300  # a longer class is no help to skip with
# the characters outside ASCII and Cyrillic whose lower case is in them: the engine, under
# IGNORECASE, compares lower cases (tests/structure/test_fast_paths.py checks the table
# against every character)
_ODD_LOWER = {"i": "\u0130", "k": "\u212a"}


class _Unknown(Exception):
    """A match may begin with a character not listed."""


def scout(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    try:
        parsed = _parser.parse(pattern, flags)
        chars, nullable = _seq(parsed, bool((flags | parsed.state.flags) & re.IGNORECASE))
    except (_Unknown, re.error):
        return None
    if nullable or not chars or len(chars) > _MAX_CHARS:
        return None
    cls = "".join(c if c in _CATEGORIES.values() else re.escape(c) for c in sorted(chars))
    return re.compile(f"(?-i:[{cls}])(?<=(?=(?:{pattern}))[\\s\\S])", flags)


def search(scouted: re.Pattern[str], pattern: re.Pattern[str], text: str, pos: int = 0) -> re.Match[str] | None:
    """pattern.search(text, pos), through its scout."""
    at = scouted.search(text, pos)
    return pattern.match(text, at.start()) if at else None


def finditer(scouted: re.Pattern[str], pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) of a pattern that matches no empty text, through its scout."""
    pos = 0
    while (at := scouted.search(text, pos)) is not None:
        m = pattern.match(text, at.start())
        assert m is not None  # the scout found it
        yield m
        pos = m.end()


_MAX_STARTS = 16  # more words to look for than this: the scout instead


def starts(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """The words, case-folded, that every match of the pattern begins with (at least three
    letters each, read from its parse: literal letters up to the first class or repeat),
    when each letter's case-insensitive equals fold to that letter alone; None when they
    cannot be told. A match then begins where one of them begins in the case-folded text
    (at the same position when each character folds to one): `str.find` looks for them
    far faster than the regex engine skips (see `find_from`)."""
    try:
        parsed = _parser.parse(pattern, flags)
        found, _ = _prefixes(parsed, bool((flags | parsed.state.flags) & re.IGNORECASE))
    except (_Unknown, re.error):
        return None
    if not found or len(found) > _MAX_STARTS or min(map(len, found)) < 3:
        return None
    return tuple(sorted(found))


def find_from(words: tuple[str, ...], pattern: re.Pattern[str], text: str, fold: str,
              pos: int = 0) -> re.Match[str] | None:
    """pattern.search(text, pos) for a pattern whose matches begin with one of `words`
    (`starts`), `fold` the text case-folded with the same positions: the pattern is
    matched where a word begins, leftmost first."""
    places = []
    for word in words:  # a text holds few of them, mostly none
        if word not in fold:  # (`in` parses no arguments: find's parsing cost as much as a short text's scan)
            continue
        at = fold.find(word, pos)
        while at >= 0:
            places.append(at)
            at = fold.find(word, at + 1)
    if len(places) > 1:
        places.sort()
    for at in places:
        if m := pattern.match(text, at):
            return m
    return None


def find_all(words: tuple[str, ...], pattern: re.Pattern[str], text: str, fold: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) through find_from, for a pattern that matches no empty text
    (the twin of finditer for a pattern's words)."""
    pos = 0
    while (m := find_from(words, pattern, text, fold, pos)) is not None:
        yield m
        pos = m.end()


def _prefixes(items: Any, ignore: bool) -> tuple[set[str], bool]:
    """(the literal beginnings of a sequence, case-folded; whether each is the whole of
    what the sequence matches, so that what follows may lengthen it)"""
    found = {""}
    for op, av in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width
            continue
        if name == "LITERAL":
            found = {f + _folded(chr(av), ignore) for f in found}
            continue
        if name == "SUBPATTERN" and not av[1] and not av[2]:  # no flags set or unset inside
            more, whole = _prefixes(av[3], ignore)
        elif name == "BRANCH":
            each = [_prefixes(branch, ignore) for branch in av[1]]
            more, whole = set().union(*(f for f, _ in each)), all(w for _, w in each)
        else:
            return found, False
        found = {f + m for f in found for m in more}
        if len(found) > _MAX_STARTS:
            raise _Unknown("too many")
        if not whole:
            return found, False
    return found, True


def _folded(char: str, ignore: bool) -> str:
    """The one letter every character matching `char` folds to."""
    folds = {c.casefold() for c in (equal_chars(char) if ignore else {char})}
    if len(folds) != 1 or len(fold := folds.pop()) != 1:
        raise _Unknown(char)
    return fold


def equal_chars(char: str) -> set[str]:
    """The characters the engine takes as equal to `char` under IGNORECASE."""
    if not _sre.unicode_iscased(ord(char)):
        return {char}
    lower = chr(_sre.unicode_tolower(ord(char)))
    if not (lower < "\x80" or "\u0400" <= lower < "\u0500"):
        raise _Unknown(char)
    fixes = _casefix._EXTRA_CASES.get(ord(lower), ()) if _casefix is not None else ()
    out: set[str] = set()
    for low in (lower, *map(chr, fixes)):
        out.add(low)
        out.update(u for u in (low.upper(), low.title()) if len(u) == 1 and chr(_sre.unicode_tolower(ord(u))) == low)
        if low in _ODD_LOWER:
            out.add(_ODD_LOWER[low])
    return out


def _seq(items: Any, ignore: bool) -> tuple[set[str], bool]:
    """(the first characters, whether the sequence may match the empty text)"""
    found: set[str] = set()
    for op, av in items:
        chars, nullable = _one(str(op), av, ignore)
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _one(name: str, av: Any, ignore: bool) -> tuple[set[str], bool]:
    if name == "LITERAL":
        return _cased({chr(av)}, ignore), False
    if name == "IN":
        return _cased(_in(av), ignore), False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):  # zero-width: what follows begins the match
        return set(), True
    if name == "SUBPATTERN":
        _, add, remove, items = av
        return _seq(items, bool(add & re.IGNORECASE) or ignore and not remove & re.IGNORECASE)
    if name == "ATOMIC_GROUP":
        return _seq(av, ignore)
    if name == "BRANCH":
        each = [_seq(branch, ignore) for branch in av[1]]
        return set().union(*(chars for chars, _ in each)), any(empty for _, empty in each)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        chars, nullable = _seq(av[2], ignore)
        return chars, nullable or av[0] == 0
    raise _Unknown(name)


# a category a class may hold, kept in the first characters as its escape (\s: the spaces,
# none of them cased); another category, a negated class or a long range is unknown
_CATEGORIES = {"CATEGORY_SPACE": r"\s", "CATEGORY_UNI_SPACE": r"\s"}


def _in(items: Any) -> set[str]:
    """The characters of a class (a category as its escape)."""
    known = [(str(op), av) for op, av in items]
    if any(op not in ("LITERAL", "RANGE", "CATEGORY") or op == "RANGE" and av[1] - av[0] >= _MAX_CHARS
           or op == "CATEGORY" and str(av) not in _CATEGORIES for op, av in known):
        raise _Unknown("class")
    return {_CATEGORIES[str(av)] if op == "CATEGORY" else chr(c)
            for op, av in known for c in ((av,) if op in ("LITERAL", "CATEGORY") else range(av[0], av[1] + 1))}


def _cased(chars: set[str], ignore: bool) -> set[str]:
    return set().union(*(equal_chars(c) if c not in _CATEGORIES.values() else {c} for c in chars)) if ignore else chars
