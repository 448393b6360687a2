"""The start of a series: "ежегодно, начиная с 2026 года", "ежемесячно (начиная с марта)".

A start with no end (a period with start and no due: "с 2026 года", "начиная со II
квартала") right after a recurring deadline is the first day of that recurrence: the
recurrence is read again from that day, so its first window or occurrence is the first
on or after it, and the start's words become part of its text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from protokol.deadlines.resolve import Context, Unresolvable, groups_of, resolve
from protokol.model_core import Deadline

if TYPE_CHECKING:
    from protokol.deadlines.extract import Explained

# what may stand between a frequency and the start of its series
GAP = re.compile(r"\s*[,(]?\s*(?:начиная\s+)?")


def started_from(text: str, folded: str, prev: Explained, hit: Explained, ctx: Context) -> Deadline | None:
    """The recurring deadline of `prev` started from the start `hit` names, or None when
    `hit` is no such start of it."""
    d = prev.deadline
    start = hit.deadline
    if (d.kind != "recurring" or start.kind != "period" or start.start is None or start.due is not None
            or not GAP.fullmatch(folded, prev.end, hit.start) or not folded.startswith(("с", "начиная"), hit.start)):
        return None
    first = dt.date.fromisoformat(start.start)
    again = _read_from(text, folded, prev, first, ctx)
    if again is None:
        return None
    begin = again.start if again.start is not None and again.start >= start.start else _first_on(again, first)
    return replace(again, text=text[prev.start:hit.end], start=begin)


def _first_on(deadline: Deadline, first: dt.date) -> str:
    """The first occurrence of the recurrence on or after `first` (that day itself when
    the rule alone cannot tell, as for the N-th working day)."""
    from dateutil.rrule import rrulestr

    if deadline.rrule is None or deadline.working_day is not None:
        return first.isoformat()
    begin = dt.datetime.combine(first, dt.time())
    try:
        day = rrulestr(deadline.rrule, dtstart=begin, ignoretz=True).after(begin, inc=True)
    except (ValueError, TypeError):
        return first.isoformat()
    return (day.date() if day is not None else first).isoformat()


def _read_from(text: str, folded: str, hit: Explained, first: dt.date, ctx: Context) -> Deadline | None:
    """The hit's rule read again with `first` as its anchor (None when it does not resolve)."""
    rule = next((r for r in ctx.grammar.rules if r.name == hit.rule), None)
    match = rule.regex.match(folded, hit.start) if rule is not None else None
    if rule is None or match is None or match.end() != hit.end:
        return None
    anchor = first if ctx.anchor is None or ctx.anchor < first else ctx.anchor
    try:
        return resolve(rule, text[hit.start:hit.end], groups_of(match), replace(ctx, anchor=anchor))
    except Unresolvable:
        return None
