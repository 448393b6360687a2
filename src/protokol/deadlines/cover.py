"""Strings a rule's match cannot do without, read from its pattern: a text holding none
of them is not searched with the rule at all (a speed hint found by the machine, beside
the trigger the grammar's author gave; both must pass).

cover(pattern) is a set of strings such that every text the pattern finds a match in
holds one of them (None when no such set of a useful size is found). It is read from
the pattern's parse as the literal extraction of search engines does: for each part the
strings it may match (when they are few), the strings each of its matches begins and
ends with, and a cover; a sequence's cover is a part's cover or the strings of a run of
known parts joined with the ends of their neighbours ("\\d\\.", "15 " + a month). A
digit (\\d) is read as an ASCII digit: the extractor applies no cover to a text holding
another script's digit (OTHER_DIGIT).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


LIMIT = 256  # the most strings a set may hold
LONGEST = 12  # a cover's strings are cut to this many characters (a part is still in the text)
DIGITS = frozenset("0123456789")
OTHER_DIGIT = re.compile(r"[^\D0-9]")  # a digit that is not an ASCII one
# every character \s matches but " " (str.isspace; the only printable one is " ")
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
AS_SPACE = str.maketrans(SPACES, " " * len(SPACES))


def gate_text(folded: str) -> str | None:
    """The text the strings of covers are looked for in: its spaces made " "; None when
    it holds a digit of another script (a cover reads \\d as an ASCII digit). The last
    text's is kept (the extractor's gates and leftovers ask for the same text's)."""
    last, gate = _LAST
    if folded is last:
        return gate
    first = first_digit(folded)  # no digit of any script before it
    if first is not None and OTHER_DIGIT.search(folded, first.start()) is not None:
        gate = None
    else:
        gate = folded if folded.isprintable() else folded.translate(AS_SPACE)
    _LAST[:] = folded, gate
    return gate


_LAST: list[str | None] = [None, None]  # (the last text, its gate text)

Strings = frozenset[str] | None


class _Part:
    """What is known of a part of a pattern: the strings it matches (exact), those each
    match begins with (heads) and ends with (tails), a cover, and a second cover made of
    strings with a digit where one is found (else the same); None: not known."""

    __slots__ = ("exact", "heads", "tails", "cover", "second")

    def __init__(self, exact: Strings, heads: Strings, tails: Strings, cover: Strings,
                 second: Strings = None) -> None:
        self.exact, self.heads, self.tails, self.cover = exact, heads, tails, cover
        self.second = cover if second is None else second


UNKNOWN = _Part(None, None, None, None)
EMPTY = _Part(frozenset({""}), None, None, None)  # zero-width: a look, an anchor


def covers(pattern: str, flags: int = 0) -> tuple[tuple[str, ...], ...]:
    """Covers (cover()) of the pattern, each a necessary condition: the likeliest to fail
    first, then, when it differs, one made of strings with a digit."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    parsed = parser.parse(pattern, flags)
    if (flags | parsed.state.flags) & re.IGNORECASE:
        return ()
    whole = _seq(list(parsed))
    # the second only when its strings hold a digit or are words ("срок"): one like
    # "в " is in every text
    second = whole.second if whole.second and all(map(_telling, whole.second)) else None
    found = [tuple(sorted(minimal({s[:LONGEST] for s in c}))) for c in (whole.cover, second) if c]
    return tuple(dict.fromkeys(found))


def minimal(strings: set[str]) -> set[str]:
    """The strings but those holding another of them: a text holds one of these
    exactly when it holds one of the strings ("0" stands for "0", "01", "0.")."""
    kept: list[str] = []
    for string in sorted(strings, key=len):
        if not any(k in string for k in kept):
            kept.append(string)
    return set(kept)


def _telling(string: str) -> bool:
    return any(c in DIGITS for c in string) or sum(map(str.isalpha, string)) >= 4


def cover(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """The strings one of which every text the pattern matches in holds, or None."""
    found = covers(pattern, flags)
    return found[0] if found else None


def _known(strings: set[str] | frozenset[str] | None) -> Strings:
    """The set when it is small enough."""
    if strings is None or len(strings) > LIMIT:
        return None
    return frozenset(strings)


def _product(*sets: Strings) -> Strings:
    out: set[str] = {""}
    for strings in sets:
        if strings is None or len(out) * len(strings) > LIMIT * 4:
            return None
        out = {a + b for a in out for b in strings}
        if len(out) > LIMIT:
            return None
    return frozenset(out)


def _useful(strings: Strings) -> Strings:
    """A cover, heads or tails must not hold the empty string (every text holds it)."""
    return None if strings is None or "" in strings else strings


def _better(a: Strings, b: Strings) -> Strings:
    """The cover less likely to be found in a text: the rarer shortest string (a letter
    counts more than a sign, a digit or a space), then fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    return b if _rarity(b) > _rarity(a) else a


@lru_cache(maxsize=4096)
def _rarity(strings: frozenset[str]) -> tuple[float, int]:
    return min(sum(1.0 if c.isalpha() else 0.3 if c == " " else 0.6 for c in s) for s in strings), -len(strings)


def _seq(items: list[tuple[Any, Any]]) -> _Part:
    parts = [_part(str(op), av) for op, av in items]
    if not parts:
        return EMPTY
    exact = _product(*(p.exact for p in parts))
    best: Strings = None
    digital: Strings = None  # the cover with the fewest strings without a digit
    for p in parts:
        best = _better(best, _useful(p.cover))
        for c in (p.cover, p.second):
            digital = _more_digits(digital, _useful(c))
    # a run of parts whose strings are known, with the tail of the part before it and
    # the head of the part after it
    n = len(parts)
    for k in range(n + 1):
        m = k
        while m < n and parts[m].exact is not None:
            m += 1
        left = (parts[k - 1].tails or None) if k else None
        right = parts[m].heads if m < n else None
        joined = _product(left or frozenset({""}), _product(*(p.exact for p in parts[k:m])),
                          right or frozenset({""}))
        joined = _useful(_known(joined))
        best = _better(best, joined)
        digital = _more_digits(digital, joined)
    if exact is not None and "" not in exact:
        best = digital = exact
    return _Part(_known(exact), _useful(_ends(parts, heads=True)), _useful(_ends(parts, heads=False)), best,
                 digital)


def _more_digits(a: Strings, b: Strings) -> Strings:
    """Of two covers, the one with fewer strings without a digit, then the rarer."""
    if a is None:
        return b
    if b is None:
        return a
    key_a, key_b = (-_wordy(a), _rarity(a)), (-_wordy(b), _rarity(b))
    return b if key_b > key_a else a


@lru_cache(maxsize=4096)
def _wordy(strings: frozenset[str]) -> int:
    return sum(1 for s in strings if not any(c in DIGITS for c in s))


def _ends(parts: list[_Part], *, heads: bool) -> Strings:
    """The strings every match of the sequence begins (or ends) with: the known parts
    from that end joined, then the next part's heads (tails)."""
    order = parts if heads else parts[::-1]
    known: Strings = frozenset({""})
    for p in order:
        if p.exact is None:
            edge = p.heads if heads else p.tails
            if edge is None:
                return known
            return _product(known, edge) if heads else _product(edge, known)
        joined = _product(known, p.exact) if heads else _product(p.exact, known)
        if joined is None:
            return known
        known = joined
    return known


def _part(name: str, av: Any) -> _Part:
    if name == "LITERAL":
        one = frozenset({_as_found(chr(av))})
        return _Part(one, one, one, one)
    if name == "IN":
        chars = _chars(av)
        return UNKNOWN if chars is None else _Part(chars, chars, chars, chars)
    if name in ("ASSERT", "ASSERT_NOT", "AT"):
        return EMPTY
    if name == "SUBPATTERN":
        group, add_flags, _, body = av
        return UNKNOWN if add_flags & re.IGNORECASE else _seq(list(body))
    if name == "ATOMIC_GROUP":
        return _seq(list(av))
    if name == "BRANCH":
        branches = [_seq(list(b)) for b in av[1]]
        return _Part(*(_union([getattr(b, f) for b in branches])
                       for f in ("exact", "heads", "tails", "cover", "second")))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        inner = _seq(list(body))
        if low == 0:
            optional = high == 1 and inner.exact is not None
            return _Part(_known(inner.exact | {""}) if optional and inner.exact is not None else None, None, None, None)
        exact = _product(*[inner.exact] * low) if low == high and low <= 4 else None
        return _Part(_known(exact), inner.heads, inner.tails, inner.cover, inner.second)
    return UNKNOWN


def _union(sets: list[Strings]) -> Strings:
    out: set[str] = set()
    for strings in sets:
        if strings is None:
            return None
        out |= strings
    return _known(out)


def _chars(items: Any) -> Strings:
    """The characters of a class like [.:/] or \\d (ASCII digits: see OTHER_DIGIT)."""
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(_as_found(chr(av)))
        elif name == "RANGE" and av[1] - av[0] < LIMIT:
            chars.update(_as_found(chr(c)) for c in range(av[0], av[1] + 1))
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            chars |= DIGITS
        elif name == "CATEGORY" and str(av) == "CATEGORY_SPACE":
            chars.add(" ")
        else:
            return None
    return _known(chars)


def _as_found(char: str) -> str:
    """A character as gate_text has it: every space is " "."""
    return " " if char.isspace() else char


DIGIT = re.compile(r"\d")


def first_digit(folded: str) -> re.Match[str] | None:
    """The first digit of any script in the text (DIGIT.search), kept for the last text:
    the gates of one text ask for it more than once."""
    last, found = _FIRST
    if folded is last:
        return found  # type: ignore[return-value]
    found = DIGIT.search(folded)
    _FIRST[:] = folded, found
    return found


_FIRST: list[object] = [None, None]  # (the last text, its first digit)
