"""Recognition: every rule's matches, the longest non-overlapping ones win, then a
fallback that keeps whatever deadline-looking text no rule understood.

Candidates are ranked by length, then stage order (grammar.STAGES), then rule order,
then position; a candidate whose text names no real date (31 June) is skipped so a
shorter one may take its place.
"""

from __future__ import annotations

import bisect

import re
from dataclasses import dataclass

from protokol.deadlines.grammar import Grammar, Rule
from protokol.deadlines.lexicon import fold
from protokol.deadlines.resolve import Context, Unresolvable, groups_of, resolve
from protokol.model import Deadline

FALLBACK_RULE = "fallback.unparsed"
# Leftover pieces are split at these; a piece matters when it holds a digit or a
# date word (a month, a weekday, a frequency word): then it is kept as "unparsed".
SEPARATORS = re.compile(r"[,;()]|\s[–—-]\s|\s+и\s+|\s+а\s+также\s+")
DIGIT = re.compile(r"\d")
TRIM = " \t\r\n.,;:–—-«»\"'"


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    rule: str
    stage: str
    deadline: Deadline


def scan(text: str, ctx: Context, *, find: bool = False, triggers: bool = True) -> list[Hit]:
    """Deadlines in `text`, in order of position. With find=True only strong ones.

    triggers=False tries every rule on every text (the result must not change).
    """
    folded = fold(text)
    hits = _select(text, folded, ctx, triggers)
    if find:
        return [h for h, strong in hits if strong]
    found = [h for h, _ in hits]
    return sorted(found + _leftovers(text, folded, found, ctx.grammar), key=lambda h: h.start)


def _candidates(
    folded: str, grammar: Grammar, triggers: bool
) -> list[tuple[int, int, int, re.Match[str], Rule]]:
    out = []
    passed = [not triggers or t.search(folded) for t in grammar.triggers]
    for trigger, order, rule in grammar.plan:
        if trigger >= 0 and not passed[trigger]:
            continue
        for match in rule.regex.finditer(folded):
            if match.end() > match.start():
                out.append((-(match.end() - match.start()), order, match.start(), match, rule))
    out.sort(key=lambda c: c[:3])
    return out


def _select(text: str, folded: str, ctx: Context, triggers: bool) -> list[tuple[Hit, bool]]:
    taken: list[tuple[int, int]] = []
    hits: list[tuple[Hit, bool]] = []
    for _, _, start, match, rule in _candidates(folded, ctx.grammar, triggers):
        end = match.end()
        k = bisect.bisect_left(taken, (start, start))
        if (k < len(taken) and taken[k][0] < end) or (k and taken[k - 1][1] > start):
            continue  # overlaps a longer (or earlier-stage) match already taken
        groups = groups_of(match)
        try:
            deadline = resolve(rule, text[start:end], groups, ctx)
        except Unresolvable:
            continue
        bisect.insort(taken, (start, end))
        hits.append((Hit(start, end, rule.name, rule.stage, deadline), _strong(rule, groups)))
    hits.sort(key=lambda h: h[0].start)
    return hits


def _strong(rule: Rule, groups: dict[str, str]) -> bool:
    """May find_deadlines report this match found in running text?"""
    return rule.find == "always" or (rule.find == "with_by" and "by" in groups)


def _leftovers(text: str, folded: str, found: list[Hit], grammar: Grammar) -> list[Hit]:
    """Text no rule took: kept as "unparsed" when it looks like a deadline.

    With no match at all the whole text is one unparsed deadline.
    """
    if not found:
        stripped = text.strip()
        start = text.find(stripped) if stripped else 0
        return [_unparsed(text, start, start + len(stripped))]
    out: list[Hit] = []
    cursor = 0
    for start, end in [(h.start, h.end) for h in found] + [(len(text), len(text))]:
        if text[cursor:start].strip(TRIM):
            out.extend(_pieces(text, folded, cursor, start, grammar))
        cursor = max(cursor, end)
    return out


def _pieces(text: str, folded: str, start: int, end: int, grammar: Grammar) -> list[Hit]:
    out: list[Hit] = []
    pos = start
    for sep in [*SEPARATORS.finditer(folded, start, end), None]:
        stop = sep.start() if sep else end
        piece = _trimmed(text, pos, stop)
        if piece and _looks_like_deadline(folded[piece[0]:piece[1]], grammar):
            out.append(_unparsed(text, *piece))
        pos = sep.end() if sep else end
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return (start, end) if end > start else None


def _looks_like_deadline(piece: str, grammar: Grammar) -> bool:
    if DIGIT.search(piece):
        return True
    lexicons = grammar.lexicons
    for word in re.findall(r"\w+", piece):
        for name in ("months", "weekdays", "frequency"):
            if lexicons[name].lookup(word) is not None:
                return True
    return False


def _unparsed(text: str, start: int, end: int) -> Hit:
    return Hit(start, end, FALLBACK_RULE, "fallback", Deadline(text=text[start:end], kind="unparsed"))
