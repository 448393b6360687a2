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
from collections.abc import Sequence
from typing import Any

from protokol.deadlines.compiled import LazyPattern, prefix_tree

LIMIT = 256  # the most strings a set may hold
LONGEST = 12  # a cover's strings are cut to this many characters (a part is still in the text)
DIGITS = frozenset("0123456789")
OTHER_DIGIT = re.compile(r"[^\D0-9]")  # a digit that is not an ASCII one
# every character \s matches but " " (str.isspace; the only printable one is " ")
SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
AS_SPACE = str.maketrans(SPACES, " " * len(SPACES))


def gate_text(folded: str) -> str | None:
    """The text the strings of covers are looked for in: its spaces made " "; None when
    it holds a digit of another script (a cover reads \\d as an ASCII digit)."""
    if OTHER_DIGIT.search(folded) is not None:
        return None
    return folded if folded.isprintable() else folded.translate(AS_SPACE)

Strings = frozenset[str] | None


class _Part:
    """What is known of a part of a pattern: the strings it matches (exact), those each
    match begins with (heads) and ends with (tails), and a cover; None: not known."""

    __slots__ = ("exact", "heads", "tails", "cover")

    def __init__(self, exact: Strings, heads: Strings, tails: Strings, cover: Strings) -> None:
        self.exact, self.heads, self.tails, self.cover = exact, heads, tails, cover


UNKNOWN = _Part(None, None, None, None)
EMPTY = _Part(frozenset({""}), None, None, None)  # zero-width: a look, an anchor


def cover(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """The strings one of which every text the pattern matches in holds, or None."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    parsed = parser.parse(pattern, flags)
    if (flags | parsed.state.flags) & re.IGNORECASE:
        return None
    found = _seq(list(parsed)).cover
    return tuple(sorted({s[:LONGEST] for s in found})) if found else None


def _known(strings: set[str] | frozenset[str] | None) -> Strings:
    """The set when it is small enough."""
    if strings is None or len(strings) > LIMIT:
        return None
    return frozenset(strings)


def _product(*sets: Strings) -> Strings:
    out: set[str] = {""}
    for strings in sets:
        if strings is None:
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


def _rarity(strings: frozenset[str]) -> tuple[float, int]:
    return min(sum(1.0 if c.isalpha() else 0.3 if c == " " else 0.6 for c in s) for s in strings), -len(strings)


def _seq(items: list[tuple[Any, Any]]) -> _Part:
    parts = [_part(str(op), av) for op, av in items]
    if not parts:
        return EMPTY
    exact = _product(*(p.exact for p in parts))
    best: Strings = None
    for p in parts:
        best = _better(best, _useful(p.cover))
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
        best = _better(best, _useful(_known(joined)))
    return _Part(_known(exact), _useful(_ends(parts, heads=True)), _useful(_ends(parts, heads=False)),
                 exact if exact is not None and "" not in exact else best)


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
        one = frozenset({chr(av)})
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
        return _Part(*(_union([getattr(b, f) for b in branches]) for f in ("exact", "heads", "tails", "cover")))
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, body = av
        inner = _seq(list(body))
        if low == 0:
            optional = high == 1 and inner.exact is not None
            return _Part(_known(inner.exact | {""}) if optional and inner.exact is not None else None, None, None, None)
        exact = _product(*[inner.exact] * low) if low == high and low <= 4 else None
        return _Part(_known(exact), inner.heads, inner.tails, inner.cover)
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
            chars.add(chr(av))
        elif name == "RANGE" and av[1] - av[0] < LIMIT:
            chars.update(chr(c) for c in range(av[0], av[1] + 1))
        elif name == "CATEGORY" and str(av) == "CATEGORY_DIGIT":
            chars |= DIGITS
        elif name == "CATEGORY" and str(av) == "CATEGORY_SPACE":
            chars.add(" ")
        else:
            return None
    return _known(chars)


# ---------------------------------------------------------------- the covers of a grammar


def table(grammar: Any) -> dict[int, LazyPattern | None]:
    """For each rule's order in the grammar's plan, a pattern finding any string of its
    cover (compiled when first searched), None for a rule with no cover."""
    out: dict[int, LazyPattern | None] = {}
    for step in grammar.plan:
        found = cover(step.rule.regex.pattern, step.rule.regex.flags)
        out[step.order] = None if found is None else LazyPattern(prefix_tree(set(found)))
    return out


def covered(folded: str, steps: Sequence[Any], covers: dict[int, LazyPattern | None]) -> Sequence[Any]:
    """The steps whose rule's cover is found in the text (all of them when the text holds
    a digit of another script)."""
    text = gate_text(folded)
    if text is None:
        return steps
    out = []
    for step in steps:
        regex = covers[step.order]
        if regex is None or regex.search(text) is not None:
            out.append(step)
    return out
