"""A rule's core: its pattern without what may open a match ("(?<!\\w)(?:до\\s+|к\\s+)?"
before "15 марта"), looked for before the rule's own finder is (a speed hint only).

Every match of a rule holds a match of its core: the core is the rest of the pattern's
sequence after the looks and the optional parts it opens with, so where the whole
pattern matches, the core matches from where that rest began (a look sees the same
text either way). A text without a match of the core has none of the rule. A rule
whose optional opening may begin with many letters ("в", "до", "не позднее" …) has a
finder (plan.finder) that stops at each of them; its core's finder stops only where a
date may begin. Made with the grammar (plan.core_table, stored with it: reading a
pattern's parts costs a few ms), for the rules whose core's first characters are
fewer than their finder's; the core's finder is not used on a text holding a digit of
another script (a finder's class lists the ASCII digits only).
"""

from __future__ import annotations

import re
from typing import Any

# what a quantifier may be: *, +, ?, {m}, {m,}, {,n}, {m,n}, then a lazy or possessive mark
QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")
SPACE = re.compile(r"(?:\s+|#[^\n]*(?:\n|$))*")  # between the items of a verbose pattern
HEAD = re.compile(r"\[(?:\\.|[^\]\\])*\]")  # the class a finder begins with


def core_finder(pattern: str, flags: int, rule_finder: Any) -> Any:
    """The finder of the pattern's core when its class is narrower than that of the
    rule's own finder (if any), else None."""
    from protokol.deadlines.grammar.plan import finder

    head = None
    if rule_finder is not None:
        known = HEAD.match(rule_finder.pattern)
        if known is None:
            return None
        head = known.group()
    core = core_text(pattern, flags)
    if core is None:
        return None
    try:
        found = finder(core, flags)
    except (re.error, RecursionError):
        return None
    if found is None or (head is not None and not set(found.head) < set(head)):
        return None
    return found


def core_text(pattern: str, flags: int) -> str | None:
    """The pattern without the looks and optional parts its sequence opens with (looking
    into a group that is the next part, "(?:…)" with no alternatives); None when nothing
    is left out, or the pattern is not read to the end."""
    verbose = bool(flags & re.VERBOSE)
    items = _items(pattern, verbose)
    if items is None:
        return None
    k = 0
    while k < len(items):
        item = items[k]
        if _droppable(item, flags):
            k += 1
            continue
        inner = item[3:-1] if item.startswith("(?:") and item.endswith(")") else None
        parts = _items(inner, verbose) if inner is not None and _closes_at_end(item) else None
        if parts:
            items[k:k + 1] = parts
            continue
        break
    if k == 0 or k == len(items):
        return None
    return "".join(items[k:])


def _droppable(item: str, flags: int) -> bool:
    """A look, an anchor or a part that may match nothing (a repeat from 0)."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]
    except ImportError:  # Python 3.10
        import sre_parse as parser  # type: ignore[no-redef]
    if re.match(r"\(\?[a-zA-Z-]+[:)]", item) and not item.startswith("(?P"):
        return False  # flags set or scoped: kept
    try:
        parsed = list(parser.parse(item, flags))
    except (re.error, RecursionError):
        return False
    if len(parsed) != 1:
        return False
    op, av = parsed[0]
    name = str(op)
    return name in ("ASSERT", "ASSERT_NOT", "AT") or (
        name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] == 0)


def _closes_at_end(item: str) -> bool:
    """Does the group item's first "(" close at its very end (no quantifier after it)?"""
    end = _group_end(item, 0, False)
    return end == len(item)


def _items(pattern: str, verbose: bool) -> list[str] | None:
    """The parts of a sequence (each an atom with its quantifier), or None when the
    sequence has alternatives or is not read to its end."""
    items: list[str] = []
    pos = 0
    n = len(pattern)
    while True:
        if verbose:
            pos = SPACE.match(pattern, pos).end()  # type: ignore[union-attr]
        if pos >= n:
            return items
        char = pattern[pos]
        if char == "|" or char == ")":
            return None
        if char == "(":
            end = _group_end(pattern, pos, verbose)
        elif char == "[":
            end = _class_end(pattern, pos)
        elif char == "\\":
            end = _escape_end(pattern, pos)
        else:
            end = pos + 1
        if end is None or end > n:
            return None
        atom_end = end
        if verbose:
            end = SPACE.match(pattern, end).end()  # type: ignore[union-attr]
        quantifier = QUANTIFIER.match(pattern, end)
        if quantifier is not None and char not in "^$":
            items.append(pattern[pos:atom_end] + quantifier.group())
            pos = quantifier.end()
        else:
            items.append(pattern[pos:atom_end])
            pos = atom_end


def _group_end(pattern: str, pos: int, verbose: bool) -> int | None:
    """The position after the group opening at pos."""
    depth = 0
    i = pos
    n = len(pattern)
    while i < n:
        char = pattern[i]
        if char in "\\[":  # an escape or a class: no group opens or closes inside
            end = (_escape_end if char == "\\" else _class_end)(pattern, i)
            if end is None:
                return None
            i = end
            continue
        if verbose and char == "#":
            newline = pattern.find("\n", i)
            i = n if newline < 0 else newline + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _class_end(pattern: str, pos: int) -> int | None:
    i = pos + 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1
    while i < len(pattern):
        if pattern[i] == "]":
            return i + 1
        end = _escape_end(pattern, i) if pattern[i] == "\\" else i + 1
        if end is None:
            return None
        i = end
    return None


def _escape_end(pattern: str, pos: int) -> int | None:
    if pos + 1 >= len(pattern):
        return None
    char = pattern[pos + 1]
    if char == "x":
        return pos + 4
    if char == "u":
        return pos + 6
    if char == "U":
        return pos + 10
    if char == "N":
        close = pattern.find("}", pos)
        return None if close < 0 else close + 1
    if char.isdigit():
        end = pos + 2
        while end < len(pattern) and end < pos + 4 and pattern[end].isdigit():
            end += 1
        return end
    return pos + 2
