"""Every cover of the grammar tested on a text at once, token by token (a speed hint only).

A rule's cover (cover.py) is a set of strings one of which a text must hold for the
rule to match; the gates (candidates._passing) tested each cover a rule needed on its
own: a few strings with `in`, more with a pattern's search over the whole text. Here a
text is cut at its spaces (the gate text's spaces are all " ") into tokens, and each
distinct token is looked up in a table of the tokens seen before, which gives the
covers found in it; a token not seen before is read once with one pattern of the
strings of every cover. A text's covers are those of its tokens.

A cover string holds no space, or one space at its start, at its end or both: such a
string is found in a text only inside a token (" 1" at a token's start, "а " at its
end, " день " as a whole token). The token is read marked, START + token + END, and
each string marked the same way (" день " -> START "день" END), so a string found in
the text is found in its token's marked form. The converse may fail (the first token
has no space before it): a cover said found where it is not lets a rule be searched
that finds nothing, which changes no result. A cover with a string of another shape
(two words) is not in the table: it is tested as before.

The table is made with the grammar (`scan_table`, stored with it: the pattern of some
thousand strings costs ~0.1 s to compile).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

START, END = "\x02", "\x03"  # (control characters: a gate text's are spaces or kept as they are)
# (the pattern over a marked token, each string it finds -> the covers it shows found,
# the covers the table decides)
Scan = tuple[Any, Mapping[str, tuple[int, ...]], tuple[int, ...]]
TOKENS_KEPT = 65536  # the most tokens whose covers are remembered


def marked(string: str) -> str | None:
    """A cover string as found in a marked token; None when it is of another shape."""
    head, tail = string.startswith(" "), len(string) > 1 and string.endswith(" ")
    core = string[head:len(string) - tail]
    if not core or " " in core:
        return None
    return (START if head else "") + core + (END if tail else "")


def scan_table(covers: Iterable[tuple[str, ...]]) -> Scan | None:
    """The table for the covers (each its strings, in the gates' order of covers)."""
    from protokol.deadlines.compiled import lazy, prefix_tree

    of_string: dict[str, set[int]] = {}
    decided: list[int] = []
    for index, strings in enumerate(covers):
        forms = [marked(s) for s in strings]
        if not forms or None in forms:
            continue
        decided.append(index)
        for form in forms:
            of_string.setdefault(form, set()).add(index)  # type: ignore[arg-type]
    if not of_string:
        return None
    # the pattern finds the longest string beginning at each place; the strings found
    # there are those it begins with
    longest = max(map(len, of_string))
    found = {word: tuple(sorted({i for k in range(1, min(len(word), longest) + 1)
                                 for i in of_string.get(word[:k], ())}))
             for word in sorted(of_string)}
    return lazy(f"(?=({prefix_tree(set(of_string))}))"), found, tuple(decided)


def covers_found(text: str, scan: Scan, known: dict[str, tuple[int, ...]]) -> set[int]:
    """The covers (of those the table decides) that may be found in the gate text;
    `known`: the covers of each token seen before (kept between texts)."""
    tokens = set(text.split(" "))
    answers = set(map(known.get, tokens))
    if None in answers:
        answers.discard(None)
        regex, of_word, _ = scan
        for token in tokens:
            if token not in known:
                if len(known) >= TOKENS_KEPT:
                    known.clear()
                found = known[token] = tuple(sorted({i for word in regex.findall(START + token + END)
                                                     for i in of_word[word]}))
                answers.add(found)
    return set().union(*answers)  # type: ignore[arg-type]  # (None was discarded)
