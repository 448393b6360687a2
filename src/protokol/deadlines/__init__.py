"""Deadlines: text -> [Deadline], resolved against the protocol date.

    parse_deadline(text, date, *, rules="federal", roll="back") -> list[Deadline]
        `text` is a whole deadline expression (the part after "Срок –").
        Never empty: what is not understood comes back as kind "unparsed".
    find_deadlines(text, date, *, rules="federal", roll="back") -> list[Deadline]
        Scans running text for deadline phrases with strong markers ("в срок до ...",
        "не позднее ...", "в установленные сроки", "в течение 10 рабочих дней").
        May be empty; never returns "unparsed".
    default_deadline(date, *, rules="federal", roll="back") -> Deadline | None
        The deadline a rule profile gives a task that has none (None for "none").
    explain(text, date, ...) -> list[Explained]   spans, rule names, results.
    forms_table() -> str   Markdown table of every grammar example (README).

`date` is a datetime.date or None; nothing here calls today(). The grammar lives in
grammars/ (lexicon/, deadlines/, calendar/) and is loaded and checked once.

Rule names are "<stage>.<name>" (stages in order: markers, recurring, relative,
period, once), plus "fallback.unparsed" for text no rule understood. Overlapping
matches: the longest wins, ties go to the earlier stage.

derived_by (Deadline field) names the regulation rules behind a date that is not
written in the text, joined by "+":
    federal.roll_back           effective_due = the previous working day (roll="back")
    civil_code.art193           effective_due = the next working day (roll="forward")
    federal.srochno_3_days      "срочно": due = protocol date + 3 calendar days
    federal.operativno_10_days  "оперативно": due = protocol date + 10 calendar days
    federal.no_deadline         default_deadline(): protocol date + 1 month
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from protokol.model import Deadline

__all__ = [
    "Explained", "parse_deadline", "find_deadlines", "default_deadline", "explain", "forms_table",
]


@dataclass(frozen=True, slots=True)
class Explained:
    """One recognised span: text[start:end] was read by `rule` of `stage`."""

    start: int
    end: int
    rule: str
    stage: str
    deadline: Deadline


def parse_deadline(
    text: str, date: dt.date | None, *, rules: str = "federal", roll: str = "back"
) -> list[Deadline]:
    """Every deadline of a deadline expression; never empty."""
    return [e.deadline for e in explain(text, date, rules=rules, roll=roll)]


def find_deadlines(
    text: str, date: dt.date | None, *, rules: str = "federal", roll: str = "back"
) -> list[Deadline]:
    """Deadlines with strong markers in running text; may be empty."""
    from protokol.deadlines.extract import scan

    return [h.deadline for h in scan(text, _context(date, rules, roll), find=True)]


def explain(
    text: str, date: dt.date | None, *, rules: str = "federal", roll: str = "back"
) -> list[Explained]:
    """Which rule read which span of `text`, with the resulting Deadline."""
    ctx = _context(date, rules, roll)
    return list(_explained(text, ctx.anchor, rules, roll))


def clear_cache() -> None:
    """Forget the cached readings of deadline expressions."""
    _explained.cache_clear()


@lru_cache(maxsize=2048)
def _explained(text: str, date: dt.date | None, rules: str, roll: str) -> tuple[Explained, ...]:
    """Cached: a protocol repeats its deadline lines ("Срок – еженедельно, по
    понедельникам" under many items); the results are immutable."""
    from protokol.deadlines.extract import scan

    hits = scan(text, _cached_context(date, rules, roll))
    return tuple(Explained(h.start, h.end, h.rule, h.stage, h.deadline) for h in hits)


def default_deadline(
    date: dt.date | None, *, rules: str = "federal", roll: str = "back"
) -> Deadline | None:
    """federal: one month from the protocol date (clamped to the month's end)."""
    return _cached_default(_context(date, rules, roll).anchor, rules, roll)


def forms_table() -> str:
    """Markdown table of the supported forms, generated from the grammar examples."""
    from protokol.deadlines.forms import table

    return table()


def _context(date: dt.date | None, rules: str, roll: str):  # type: ignore[no-untyped-def]
    if date is not None and not isinstance(date, dt.date):
        raise TypeError(f"date must be a datetime.date or None, not {type(date).__name__}")
    if isinstance(date, dt.datetime):
        date = date.date()
    return _cached_context(date, rules, roll)


@lru_cache(maxsize=256)
def _cached_default(date: dt.date | None, rules: str, roll: str) -> Deadline | None:
    """The same for every directive of a protocol (a Deadline is immutable)."""
    from protokol.deadlines.resolve import default_deadline as _default

    return _default(_cached_context(date, rules, roll))


@lru_cache(maxsize=256)
def _cached_context(date: dt.date | None, rules: str, roll: str):  # type: ignore[no-untyped-def]
    from protokol.deadlines import regulation
    from protokol.deadlines.grammar import grammar
    from protokol.deadlines.resolve import Context

    regulation.check(rules, roll)
    return Context(grammar(), date, rules, roll)
