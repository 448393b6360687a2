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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from protokol.deadlines import context, cover, series
from protokol.deadlines.compiled import LazyPattern
from protokol.deadlines.grammar import Grammar, Rule, Step
from protokol.deadlines.grammar.plan import DIGITS, first_chars
from protokol.deadlines.grammar.rules import DIGIT
from protokol.deadlines.lexicon import fold
from protokol.deadlines.resolve import Context, Unresolvable, groups_of, resolve, written_year, yearly
from protokol.model_core import Deadline

FALLBACK_RULE = "fallback.unparsed"
# Leftover pieces are split at these; a piece matters when it holds a digit or a
# date word (a month, a weekday, a frequency word): then it is kept as "unparsed".
# a run of spaces is tried from its first space only (linear on long runs)
SEPARATORS = re.compile(r"[,;()]|\s[–—-]\s|(?<!\s)\s+(?:и|а\s+также)\s+")
# a token in the shape of a date or a time: "15.07", "01.07.2023", "9:30", "16-00 ч",
# "5 числа", "срок –" (a month, a weekday or a frequency adverb is looked up)
DATE_SHAPE = re.compile(
    r"(?<![\w./№-])[0-3]?\d\s?[./]\s?(?:[01]\d|[01]?\d[./]\d{2,4})(?![\w/-])|(?<!\d)[0-2]?\d:[0-5]\d(?!\d)"
    r"|(?<![\d.-])[0-2]?\d-[0-5]\d\s*ч|(?<!\d)[0-3]?\d(?:-?го)?\s+(?:числ|рабоч)|(?<!\w)срок\w*\s*[-–—:]"
)
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
    deadline at all is one "unparsed".
    triggers=False tries every rule on every text and takes no shortcut (the result
    must not change).
    """
    folded = fold(text)
    if find:
        candidates = _candidates(folded, ctx.grammar, triggers, need_strong=triggers, find=True)
        if triggers:
            candidates = _near_strong(candidates)
        return [h for h, strong in _select(text, candidates, ctx) if strong]
    # the triggers of plain words, found once for both searches below
    passed = ctx.grammar.trigger_results(folded) if triggers else None
    if passed is not None:
        alone = _whole_match(text, folded, ctx, passed)
        if alone is not None:
            return alone
    skipped: list[tuple[int, int]] = []
    found = _series_start(text, folded, _listed(folded, [
        h for h, _ in _select(text, _candidates(folded, ctx.grammar, triggers, passed=passed), ctx, folded=folded,
                              skipped=skipped)
    ]), ctx)
    if context.describes_a_document(folded):
        skipped += [(h.start, h.end) for h in found if not _set_term(h)]
        found = [h for h in found if _set_term(h)]
    if not found and whole:
        stripped = text.strip()
        start = text.find(stripped) if stripped else 0
        return [_unparsed(text, start, start + len(stripped))]
    if len(found) == 1 and not skipped and not text[:found[0].start].strip(TRIM) \
            and not text[found[0].end:].strip(TRIM):
        return found  # one deadline is the whole text: nothing is left over
    spans = sorted([(h.start, h.end) for h in found] + skipped)
    return sorted(found + _leftovers(text, folded, spans, ctx.grammar), key=lambda h: h.start)


def _whole_match(text: str, folded: str, ctx: Context, passed: list[bool | None] | None = None) -> list[Hit] | None:
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
T = TypeVar("T")
# id(grammar) -> (the grammar, what is derived from it), for the last few grammars
PerGrammar = dict[int, tuple[Grammar, Any]]


def _of_grammar(cache: PerGrammar, grammar: Grammar, make: Callable[[Grammar], T]) -> T:
    """make(grammar), remembered in `cache` for the grammar (by identity: it is not
    hashable), for the last few grammars."""
    known = cache.get(id(grammar))
    if known is None or known[0] is not grammar:
        if len(cache) >= 4:
            cache.clear()
        known = cache[id(grammar)] = (grammar, make(grammar))
    return known[1]  # type: ignore[no-any-return]


_TRIES: PerGrammar = {}  # first character -> its tries


def _tries(grammar: Grammar, char: str) -> Tries | None:
    """The rules Grammar.starting(char) lists, in rule order: ((pattern, rule) of the
    first ones, as long as they are markers, tried without a trigger; the same
    of the others; the others' triggers, -1 for none). Remembered for the grammar (by identity:
    it is not hashable)."""
    table: dict[str, Tries | None] = _of_grammar(_TRIES, grammar, lambda _: {})
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


Candidate = tuple[int, int, int, re.Match[str], Step, bool]


def _candidates(
    folded: str, grammar: Grammar, triggers: bool, need_strong: bool = False, find: bool = False,
    passed: list[bool | None] | None = None,
) -> list[Candidate]:
    """Every match of every rule whose trigger passes, best first.

    need_strong: return nothing at once when no match could be one find_deadlines
    reports (most running text: no rule need run at all). passed: the text's
    trigger_results, if found already.
    """
    if passed is None:
        passed = grammar.trigger_results(folded)  # plain-word triggers found at once
    if need_strong and not _strong_possible(folded, grammar, passed):
        return []
    if triggers:
        _digit_led(folded, grammar, passed)
    out: list[Candidate] = []
    steps = grammar.steps_passing(folded, passed) if triggers else grammar.plan
    if triggers:
        steps = _covered(folded, grammar, steps)
    for step in steps:
        rule = step.rule
        for match in rule.regex.finditer(folded):
            start, end = match.span()
            if end > start:
                # (whether scan_deadlines may report it matters only when finding)
                out.append((start - end, step.order, start, match, step, find and rule.strong(match)))
    out.sort(key=lambda c: c[:3])
    return out


def _digit_led(folded: str, grammar: Grammar, passed: list[bool | None]) -> None:
    """Search the triggers whose matches begin with a digit (plan.first_chars) from the
    text's first digit on, not from its start: no match begins before it, and a look
    behind still sees the text before it. Their results go into `passed`."""
    led = _of_grammar(_DIGIT_LED, grammar, _digit_led_of)
    if not led:
        return
    first = DIGIT.search(folded)
    for index in led:
        if passed[index] is None:
            passed[index] = first is not None and grammar.triggers[index].regex.search(folded, first.start()) is not None


_DIGIT_LED: PerGrammar = {}


def _digit_led_of(grammar: Grammar) -> tuple[int, ...]:
    led = []
    for index in grammar.pattern_triggers:
        regex = grammar.triggers[index].regex
        chars = first_chars(regex.pattern, regex.flags)
        if chars and set(chars) <= set(DIGITS):
            led.append(index)
    return tuple(led)


def _covered(folded: str, grammar: Grammar, steps: Sequence[Step]) -> Sequence[Step]:
    """The steps whose rule's cover (cover.py: strings one of which every match needs) is
    found in the text."""
    return cover.covered(folded, steps, _of_grammar(_COVERS, grammar, cover.table)) if steps else steps


_COVERS: PerGrammar = {}


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
        hits.append((Explained(start, end, rule.name, rule.stage, deadline), strong))
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
        out.append(hit)
    return out


def _series_start(text: str, folded: str, hits: list[Hit], ctx: Context) -> list[Hit]:
    """A start with no end right after a recurring deadline is the series' first day
    (series.started_from): the recurrence takes the start's words into its span."""
    out: list[Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        again = series.started_from(text, folded, prev, hit, ctx) if prev is not None else None
        if prev is None or again is None:
            out.append(hit)
        else:
            out[-1] = _hit(prev.start, hit.end, prev.rule, prev.stage, again)
    return out


def _leftovers(text: str, folded: str, spans: list[tuple[int, int]], grammar: Grammar) -> list[Hit]:
    """Text no rule took (outside `spans`): kept as "unparsed" when it looks like a deadline."""
    out: list[Hit] = []
    cursor = 0
    for start, end in [*spans, (len(text), len(text))]:
        if text[cursor:start].strip(TRIM) and _may_look_like_deadline(folded[cursor:start], grammar):
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
    """A date-like token: a date or time shape, a month or weekday name, a frequency adverb."""
    if (DIGIT.search(piece) or "срок" in piece) and DATE_SHAPE.search(piece):
        return True  # (every shape holds a digit but "срок –")
    return any(map(_date_words(grammar).__contains__, WORD.findall(piece)))


def _may_look_like_deadline(region: str, grammar: Grammar) -> bool:
    """Can a piece of this leftover text look like a deadline? Not without a digit,
    "срок" or a date word: a piece's words are words of the text it was cut from (it is
    cut at signs and whole words, and trimmed of signs)."""
    return bool(DIGIT.search(region) or "срок" in region
                or any(map(_date_words(grammar).__contains__, WORD.findall(region))))


WORD = re.compile(r"\w+")
_DATE_WORDS: PerGrammar = {}


def _date_words(grammar: Grammar) -> frozenset[str]:
    """The folded forms of the grammar's months, weekdays and frequency adverbs (a piece
    is folded already: its words are looked up as they are)."""
    return _of_grammar(_DATE_WORDS, grammar, _date_words_of)


def _date_words_of(grammar: Grammar) -> frozenset[str]:
    lexicons = grammar.lexicons
    words = {w for name in ("months", "weekdays") for w, v in lexicons[name].index.items() if v is not None}
    words.update(w for w, v in lexicons["frequency"].index.items() if v is not None and w.endswith("о"))
    return frozenset(words)


def _unparsed(text: str, start: int, end: int) -> Hit:
    return Explained(start, end, FALLBACK_RULE, "fallback", Deadline(text=text[start:end], kind="unparsed"))
