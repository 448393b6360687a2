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

from protokol.deadlines.grammar import Grammar, Step
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
class Explained:
    """One recognised span: text[start:end] was read by `rule` of `stage`."""

    start: int
    end: int
    rule: str
    stage: str
    deadline: Deadline


Hit = Explained  # the name the extractor used


def scan(text: str, ctx: Context, *, find: bool = False, triggers: bool = True) -> list[Hit]:
    """Deadlines in `text`, in order of position. With find=True only strong ones.

    triggers=False tries every rule on every text and takes no shortcut (the result
    must not change).
    """
    folded = fold(text)
    if find:
        candidates = _candidates(folded, ctx.grammar, triggers, need_strong=triggers)
        if triggers:
            candidates = _near_strong(candidates)
        return [h for h, strong in _select(text, candidates, ctx) if strong]
    found = [h for h, _ in _select(text, _candidates(folded, ctx.grammar, triggers), ctx)]
    return sorted(found + _leftovers(text, folded, found, ctx.grammar), key=lambda h: h.start)


Candidate = tuple[int, int, int, re.Match[str], Step, bool]


def _candidates(folded: str, grammar: Grammar, triggers: bool, need_strong: bool = False) -> list[Candidate]:
    """Every match of every rule whose trigger passes, best first.

    need_strong: return nothing at once when no match could be one find_deadlines
    reports (most running text: no rule need run at all).
    """
    passed = grammar.trigger_results(folded)  # plain-word triggers found at once
    if need_strong and not _strong_possible(folded, grammar, passed):
        return []
    out: list[Candidate] = []
    for step in grammar.steps_passing(folded, passed) if triggers else grammar.plan:
        rule = step.rule
        for match in rule.regex.finditer(folded):
            start, end = match.span()
            if end > start:
                out.append((start - end, step.order, start, match, step, rule.strong(match)))
    out.sort(key=lambda c: c[:3])
    return out


def _strong_possible(folded: str, grammar: Grammar, passed: list[bool | None]) -> bool:
    """Does some rule find_deadlines may report match `folded` with a reportable match?

    Those rules come first in the plan. Triggers found are kept in `passed`.
    """
    if not grammar.may_find(folded):
        return False
    for step in grammar.plan:
        rule = step.rule
        if rule.find == "never":
            return False
        if not (_passes(step.find_trigger, folded, grammar, passed) and _passes(step.trigger, folded, grammar, passed)):
            continue
        for match in rule.regex.finditer(folded):
            if match.end() > match.start() and rule.strong(match):
                return True
    return False


def _passes(index: int, folded: str, grammar: Grammar, passed: list[bool | None]) -> bool:
    """Trigger `index` (-1: none) passes; each is searched at most once per text."""
    if index < 0:
        return True
    ok = passed[index]
    if ok is None:
        ok = passed[index] = grammar.triggers[index].search(folded)
    return ok


def _near_strong(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates that can decide whether a strong one is taken.

    Whether a candidate is taken depends only on the candidates overlapping it, and on
    theirs in turn: a run of overlapping spans with no strong candidate in it is dropped
    before anything in it is resolved.
    """
    runs: list[tuple[int, int]] = []  # (start, end) of the runs holding a strong candidate
    run_start = run_end = -1
    run_strong = False
    for start, end, strong in sorted((c[2], c[2] - c[0], c[5]) for c in candidates):
        if start >= run_end:  # touching is not overlapping
            if run_strong:
                runs.append((run_start, run_end))
            run_start, run_end, run_strong = start, end, strong
        else:
            run_end, run_strong = max(run_end, end), run_strong or strong
    if run_strong:
        runs.append((run_start, run_end))
    starts = [r[0] for r in runs]

    def in_a_run(start: int) -> bool:
        k = bisect.bisect_right(starts, start) - 1
        return k >= 0 and start < runs[k][1]

    return [c for c in candidates if in_a_run(c[2])]


def _select(text: str, candidates: list[Candidate], ctx: Context) -> list[tuple[Hit, bool]]:
    taken: list[tuple[int, int]] = []
    hits: list[tuple[Hit, bool]] = []
    for _, _, start, match, step, strong in candidates:
        end = match.end()
        k = bisect.bisect_left(taken, (start, start))
        if (k < len(taken) and taken[k][0] < end) or (k and taken[k - 1][1] > start):
            continue  # overlaps a longer (or earlier-stage) match already taken
        rule = step.rule
        try:
            deadline = resolve(rule, text[start:end], groups_of(match), ctx)
        except Unresolvable:
            continue
        bisect.insort(taken, (start, end))
        hits.append((Explained(start, end, rule.name, rule.stage, deadline), strong))
    hits.sort(key=lambda h: h[0].start)
    return hits


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
    return Explained(start, end, FALLBACK_RULE, "fallback", Deadline(text=text[start:end], kind="unparsed"))
