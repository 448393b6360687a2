"""Recognition: every rule's matches, the longest non-overlapping ones win, then a
fallback that keeps whatever deadline-looking text no rule understood.

Candidates are ranked by length, then stage order (grammar.STAGES), then rule order,
then position; a candidate whose text names no real date (31 June) is skipped so a
shorter one may take its place.
"""

from __future__ import annotations

import bisect
import re
from itertools import compress, repeat
from operator import is_not
from dataclasses import dataclass, replace

from protokol.deadlines import context, leftovers, series
from protokol.deadlines.candidates import Candidate, PerGrammar, candidates, near_strong, of_grammar
from protokol.deadlines.compiled import LazyPattern
from protokol.deadlines.grammar import Grammar, Rule
from protokol.deadlines.leftovers import TRIM
from protokol.deadlines.lexicon import fold
from protokol.lookalikes import fold_lookalikes, fold_zeros
from protokol.deadlines.slips import mend_slips
from protokol.deadlines.resolve import Context, Unresolvable, groups_of, resolve, written_year, yearly
from protokol.model_core import Deadline

FALLBACK_RULE = "fallback.unparsed"


@dataclass(frozen=True, slots=True)
class Explained:
    """One recognised span: text[start:end] was read by `rule` of `stage`."""

    start: int
    end: int
    rule: str
    stage: str
    deadline: Deadline


Hit = Explained  # the name the extractor used
# Explained's slots, set directly by _hit (the frozen class's __init__ goes through
# object.__setattr__ for each field)
_SLOTS = tuple(getattr(Explained, name).__set__ for name in ("start", "end", "rule", "stage", "deadline"))


def _hit(start: int, end: int, rule: str, stage: str, deadline: Deadline) -> Explained:
    """Explained(start, end, rule, stage, deadline), made at less cost."""
    hit = object.__new__(Explained)
    set_start, set_end, set_rule, set_stage, set_deadline = _SLOTS
    set_start(hit, start)
    set_end(hit, end)
    set_rule(hit, rule)
    set_stage(hit, stage)
    set_deadline(hit, deadline)
    return hit


def scan(text: str, ctx: Context, *, find: bool = False, triggers: bool = True, whole: bool = True) -> list[Hit]:
    """Deadlines in `text`, in order of position. With find=True only strong ones.

    Otherwise every deadline the text holds, read in its context (context.py: a
    document's date is none); what is left is kept as "unparsed" when it holds a
    date-like token; with whole=True (a deadline expression) a text that yields no
    deadline at all is one "unparsed", unless its dates all name another act (then
    nothing, as in running text).
    triggers=False tries every rule on every text and takes no shortcut (the result
    must not change).
    """
    # "дo 1 фeвраля" typed with Latin o and e, "2О26" scanned with a letter O, "д о 1 0 июля": read as meant
    folded = mend_slips(fold(fold_zeros(fold_lookalikes(text))))
    if find:
        matches = candidates(folded, ctx.grammar, triggers, need_strong=triggers, find=True)
        if triggers:
            matches = near_strong(matches)
        return [h for h, strong in _select(text, matches, ctx) if strong]
    # the triggers of plain words, found once for both searches below (by the shortcut
    # only when it needs them: a marker such as "постоянно" is read before)
    kept: list[list[bool | None]] = []
    # (a shortcut for a deadline expression; running text is seldom one deadline whole,
    # and the general search gives the same)
    if triggers and whole:
        alone = _whole_match(text, folded, ctx, keep=kept)
        if alone is not None:
            return alone
    passed = (kept[0] if kept else ctx.grammar.trigger_results(folded)) if triggers else None
    skipped: list[tuple[int, int]] = []
    found = _series_start(text, folded, _listed(folded, [
        h for h, _ in _select(text, candidates(folded, ctx.grammar, triggers, passed=passed), ctx, folded=folded,
                              skipped=skipped)
    ]), ctx)
    if context.describes_a_document(folded):
        skipped += [(h.start, h.end) for h in found if not _set_term(h)]
        found = [h for h in found if _set_term(h)]
    if not found and whole and skipped and all(context.cites_a_document(folded, *span) for span in skipped):
        return _leftovers(text, folded, sorted(skipped), ctx.grammar)  # another act's date: no deadline
    if not found and whole:
        stripped = text.strip()
        start = text.find(stripped) if stripped else 0
        return [_unparsed(text, start, start + len(stripped))]
    if len(found) == 1 and not skipped and not text[:found[0].start].strip(TRIM) \
            and not text[found[0].end:].strip(TRIM):
        return found  # one deadline is the whole text: nothing is left over
    spans = sorted([(h.start, h.end) for h in found] + skipped)
    return sorted(found + _leftovers(text, folded, spans, ctx.grammar), key=lambda h: h.start)


def _whole_match(text: str, folded: str, ctx: Context, passed: list[bool | None] | None = None, *,
                 keep: list[list[bool | None]] | None = None) -> list[Hit] | None:
    """The reading of a text that one rule's match spans whole ("до 1 июля 2023 г."),
    found without the general search; None when no rule's match does.

    What the general search gives: a match of the whole text is the longest there can
    be, so the first of them in rule order that resolves is taken; nothing overlaps it,
    nothing is around it (context.not_a_deadline, names_a_holiday see nothing) and
    nothing is left over. Only the rules whose pattern may begin a match with the
    text's first character are tried (Grammar.starting), each at the start only: a
    rule's first match there is its only candidate spanning the whole text.
    """
    n = len(folded)
    if n != len(text) or not n:
        return None
    tries = _tries(ctx.grammar, folded[0])
    if tries is None or context.describes_a_document(folded):
        return None
    lead, rest, gates = tries
    for regex, rule in lead:
        match = regex.match(folded)
        if match is not None and match.end() == n:
            found = _whole(match, rule, text, folded, ctx)
            if found is not None:
                return found
    if not rest:
        return None
    # the others, but those whose trigger of plain words fails (a speed hint: a rule
    # cannot match where its trigger fails); a trigger that is a pattern (None here) is
    # not searched: trying the rule at the start costs less than searching the text
    # (passed: the word triggers' results, trigger_results(folded)); gate -1: no trigger
    if passed is None:
        passed = ctx.grammar.trigger_results(folded)
        if keep is not None:  # for the caller's general search
            keep.append(passed)
    gated = map(is_not, map([*passed, True].__getitem__, gates), repeat(False))
    for regex, rule in compress(rest, gated):
        match = regex.match(folded)
        if match is not None and match.end() == n:
            found = _whole(match, rule, text, folded, ctx)
            if found is not None:
                return found
    return None


def _whole(match: re.Match[str], rule: Rule, text: str, folded: str, ctx: Context) -> list[Hit] | None:
    """The rule's reading of the whole text its match spans, if it resolves."""
    groups = groups_of(match)
    try:
        deadline = resolve(rule, text, groups, ctx)
        if _holiday(deadline, groups, folded, 0, len(folded)):
            deadline = yearly(deadline, groups, ctx)
    except Unresolvable:
        return None
    return [_hit(0, len(folded), rule.name, rule.stage, deadline)]


# the rules of this stage (words and phrases, no dates) fail at the start of a text
# sooner than the triggers are found: they are tried first, without a trigger
LEAD_STAGE = "markers"
Tries = tuple[tuple[tuple[LazyPattern, Rule], ...], tuple[tuple[LazyPattern, Rule], ...], tuple[int, ...]]
_TRIES: PerGrammar = {}  # first character -> its tries


def _tries(grammar: Grammar, char: str) -> Tries | None:
    """The rules Grammar.starting(char) lists, in rule order: ((pattern, rule) of the
    first ones, as long as they are markers, tried without a trigger; the same
    of the others; the others' triggers, -1 for none). Remembered for the grammar (by identity:
    it is not hashable)."""
    table: dict[str, Tries | None] = of_grammar(_TRIES, grammar, lambda _: {})
    if char in table:
        return table[char]
    steps = grammar.starting(char)
    tries: Tries | None = None
    if steps is not None:
        plan = [grammar.plan[i] for i in steps]
        first = 0
        while first < len(plan) and plan[first].rule.stage == LEAD_STAGE:
            first += 1
        tries = (tuple((s.rule.regex, s.rule) for s in plan[:first]),
                 tuple((s.rule.regex, s.rule) for s in plan[first:]), tuple(s.trigger for s in plan[first:]))
    table[char] = tries
    return tries


def _select(
    text: str, candidates: list[Candidate], ctx: Context, *, folded: str | None = None,
    skipped: list[tuple[int, int]] | None = None,
) -> list[tuple[Hit, bool]]:
    """The longest matches that do not overlap. Given the folded text, a match its
    context makes no deadline takes its span (into `skipped`) and yields nothing."""
    taken: list[tuple[int, int]] = []
    hits: list[tuple[Hit, bool]] = []
    for _, _, start, match, step, strong in candidates:
        end = match.end()
        k = bisect.bisect_left(taken, (start, start))
        if (k < len(taken) and taken[k][0] < end) or (k and taken[k - 1][1] > start):
            continue  # overlaps a longer (or earlier-stage) match already taken
        rule = step.rule
        if folded is not None and context.not_a_deadline(folded, start, end, rule.stage, rule.name):
            bisect.insort(taken, (start, end))
            if skipped is not None:
                skipped.append((start, end))
            continue
        groups = groups_of(match)
        try:
            deadline = resolve(rule, text[start:end], groups, ctx)
            if folded is not None and _holiday(deadline, groups, folded, start, end):
                deadline = yearly(deadline, groups, ctx)
        except Unresolvable:
            continue
        bisect.insort(taken, (start, end))
        hits.append((_hit(start, end, rule.name, rule.stage, deadline), strong))
    hits.sort(key=lambda h: h[0].start)
    return hits


def _set_term(hit: Hit) -> bool:
    """A term set for the action itself: "до …", a duration, a marker word."""
    return hit.deadline.bound == "by" or hit.stage in ("markers", "relative")


def _holiday(deadline: Deadline, groups: dict[str, str], folded: str, start: int, end: int) -> bool:
    """A year-less day of a holiday ("5 июля – День …"): it recurs every year."""
    return (deadline.kind == "once" and ("day" in groups or "nday" in groups) and not written_year(groups)
            and context.names_a_holiday(folded, start, end))


def _listed(folded: str, hits: list[Hit]) -> list[Hit]:
    """The dates of one list share the bound of the first: "до 10 апреля, 10 июля"."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if (prev is not None and prev.deadline.kind == hit.deadline.kind == "once" and prev.deadline.bound == "by"
                and hit.deadline.bound == "on" and not folded.startswith("на", hit.start)
                and context.same_list(folded, prev.end, hit.start)):
            hit = replace(hit, deadline=replace(hit.deadline, bound="by"))
        elif prev is not None and context.same_list(folded, prev.end, hit.start) and \
                (again := series.yearly_next(folded[hit.start:hit.end], prev.deadline, hit.deadline)) is not None:
            hit = replace(hit, deadline=again)  # "ежегодно до 1 июля и 25 декабря": a yearly series each
        out.append(hit)
    return out


def _series_start(text: str, folded: str, hits: list[Hit], ctx: Context) -> list[Hit]:
    """A start with no end right after a recurring deadline is the series' first day
    (series.started_from): the recurrence takes the start's words into its span."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        again = (series.started_from(text, folded, prev, hit, ctx) or series.bounded(text, folded, prev, hit)) \
            if prev is not None else None
        if prev is None or again is None:
            out.append(hit)
        else:
            rule, stage = (prev.rule, prev.stage) if prev.deadline.kind == "recurring" else (hit.rule, hit.stage)
            out[-1] = _hit(prev.start, hit.end, rule, stage, again)
    return out


def _leftovers(text: str, folded: str, spans: list[tuple[int, int]], grammar: Grammar) -> list[Hit]:
    """Text no rule took (outside `spans`): kept as "unparsed" when it looks like a deadline."""
    return [_unparsed(text, start, end) for start, end in leftovers.spans(text, folded, spans, grammar)]


def _unparsed(text: str, start: int, end: int) -> Hit:
    return _hit(start, end, FALLBACK_RULE, "fallback", Deadline(text=text[start:end], kind="unparsed"))


_candidates = candidates  # (the name tests know)
