"""An infinitive glued to the next word by the source or by text extraction
("провестиблаготворительную"): the glued form is not a word and both halves are."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from protokol import morph
from protokol.structure import scout

INFINITIVE_END = ("ть", "ти", "чь", "ться", "тись", "чься")  # (what an infinitive ends with)

# two glued words are 8 to 40 letters; a longer run is no pair of words (and trying
# every cut of a 100 kB "word" would be quadratic)
# every head the loop below can take ends with one of these (as "-ться" ends "ть" + "ся")
_INFINITIVE_INSIDE = re.compile(r"т[ьи]|чь", re.I)
_INFINITIVE_INSIDE_SCOUT = scout.scout(_INFINITIVE_INSIDE.pattern, re.I)  # the same, skipping to "т" and "ч"
GLUED = re.compile(r"(?<![А-Яа-яЁё])[А-Яа-яЁё]{8,40}(?![А-Яа-яЁё])")
# the same runs found faster (no look-behind tried at every position): each whole run of
# 8 letters or more (no letter of a shorter run starts one), less those over 40 letters
# and a run that `start` cuts
_LONG_RUN = re.compile(r"[А-Яа-яЁё]{8,}")
_LETTER = re.compile(r"[А-Яа-яЁё]")


def glued_runs(text: str, start: int) -> Iterator[re.Match[str]]:
    """GLUED.finditer(text, start)."""
    for m in _LONG_RUN.finditer(text, start):
        if m.end() - m.start() <= 40 and not (m.start() == start > 0 and _LETTER.match(text, start - 1)):
            yield m


def glued_infinitive(text: str, start: int) -> tuple[int, str] | None:
    """"провестиблаготворительную": an infinitive glued to the next word by the source
    or by text extraction; the glued form is not a word and both halves are."""
    runs = _LONG_RUN.findall(text, start)  # most texts have no glued word: its runs looked up in C first
    if start > 0 and runs and _LETTER.match(text, start - 1) and _LONG_RUN.match(text, start):
        del runs[0]  # a run `start` cuts (as glued_runs)
    if not any(map(_glued_head, filter(_at_most_40, runs))):
        return None
    for m in glued_runs(text, start):  # where the first one is
        if head := _glued_head(m.group(0)):
            return m.start(), head
    return None


def _at_most_40(run: str) -> bool:
    return len(run) <= 40


@lru_cache(maxsize=65536)  # a per-word analysis, asked of the same long words in every document
def _glued_head(word: str) -> str | None:
    """The infinitive a glued run of letters begins with, or None."""
    if not _INFINITIVE_INSIDE_SCOUT.search(word, 0, len(word) - 2) or morph.is_known(word):  # type: ignore[union-attr]
        return None  # no cut can end an infinitive (the test below), or a word as it is
    for cut in range(4, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if head.lower().endswith(INFINITIVE_END) and morph.is_known(head) and morph.has_tag(head, "INFN") \
                and morph.is_known(tail):
            return head
    return None
