"""Deadlines: text -> [Deadline], resolved against the protocol date.

    read_deadline(text, date, *, rules="federal", roll="back") -> list[Deadline]
        The deadlines in `text`: a deadline expression (the part after "Срок –") or a
        whole clause. Words that are not part of a deadline are not reported; text
        that looks like a deadline (a date or time shape, a month, a weekday, a
        frequency adverb, "срок –") and was not understood comes back as "unparsed".
        Text that yields no deadline at all is one "unparsed", except a clause whose
        only dates name another act ("протокол от 17 января 2023 г. № 5"): [].
        (parse_deadline is the same function.)
    scan_deadlines(text, date, *, rules="federal", roll="back") -> list[Deadline]
        The same reading of running text (a directive's text), but may be empty: text
        with no deadline in it gives []. (find_deadlines: the old name, deprecated.)
    Both read a date in its context: the date of another document ("от 12 марта
    1996 г.", "… № 5"), a reporting or planning period ("за 2022 год", "на 2024 год")
    and a past event ("в 2003 году было …") are no deadline; a year-less day of a
    holiday ("5 июля – День …") recurs yearly (deadlines/context.py).
    default_deadline(date, *, rules="federal", roll="back") -> Deadline | None
        The deadline a rule profile gives a task that has none (None for "none").
    explain(text, date, ...) -> list[Explained]   spans, rule names, results.
    forms_table() -> str   Markdown table of every grammar example (README).

`date` is a datetime.date, an ISO string ("2023-06-20") or None; nothing here calls today(). The grammar lives in
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
import warnings
from functools import lru_cache
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from protokol.model_core import Deadline

if TYPE_CHECKING:
    from protokol.deadlines.extract import Explained

__all__ = [
    "Explained", "read_deadline", "scan_deadlines", "parse_deadline", "default_deadline", "explain",
    "forms_table", "meaning",
]
Day = dt.date | str | None
_DEADLINE = attrgetter("deadline")  # of an Explained


def __getattr__(name: str) -> Any:
    if name == "Explained":  # defined beside the extractor, imported on first use
        from protokol.deadlines.extract import Explained

        return Explained
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_deadline(text: str, date: Day, *, rules: str = "federal", roll: str = "back") -> list[Deadline]:
    """Every deadline of one deadline expression; empty only when its dates all name another act."""
    return _distinct(list(map(_DEADLINE, _explained(text, _context(date, rules, roll).anchor, rules, roll))))


parse_deadline = read_deadline


def scan_deadlines(text: str, date: Day, *, rules: str = "federal", roll: str = "back") -> list[Deadline]:
    """The deadlines in running text; may be empty."""
    ctx = _context(date, rules, roll)
    return list(map(_DEADLINE, _explained(text, ctx.anchor, rules, roll, False)))


def meaning(deadline: Deadline) -> tuple[str | None, ...] | None:
    """What a dated deadline says, whatever its words ("до 1 сентября" and "к новому учебному году"
    alike); None for one with no date and no rule (the words are all it says)."""
    if deadline.due is None and deadline.rrule is None:
        return None
    return (deadline.kind, deadline.bound, deadline.due, deadline.start, deadline.until, deadline.rrule,
            deadline.timezone, str(deadline.working_day))


def _distinct(found: list[Deadline]) -> list[Deadline]:
    """The deadlines without one that says what one before it says ("до 1 сентября 2026 года (к новому
    учебному году)": one deadline). Of one expression only: running text keeps every span it holds."""
    if len(found) < 2:
        return found
    seen: set[tuple[str | None, ...]] = set()
    out = []
    for deadline in found:
        said = meaning(deadline)
        if said is not None:
            if said in seen:
                continue
            seen.add(said)
        out.append(deadline)
    return out


def find_deadlines(text: str, date: Day, *, rules: str = "federal", roll: str = "back") -> list[Deadline]:
    """Deprecated name of scan_deadlines (running text)."""
    warnings.warn("protokol.deadlines.find_deadlines is deprecated: use scan_deadlines (running text) "
                  "or read_deadline (one expression)", DeprecationWarning, stacklevel=2)
    return scan_deadlines(text, date, rules=rules, roll=roll)


def explain(text: str, date: Day, *, rules: str = "federal", roll: str = "back") -> list[Explained]:
    """Which rule read which span of `text`, with the resulting Deadline."""
    ctx = _context(date, rules, roll)
    return list(_explained(text, ctx.anchor, rules, roll))


def clear_cache() -> None:
    """Forget the cached readings of deadline expressions."""
    _explained.cache_clear()


@lru_cache(maxsize=2048)
def _explained(text: str, date: dt.date | None, rules: str, roll: str, whole: bool = True) -> tuple[Explained, ...]:
    """Cached: a protocol repeats its deadline lines ("Срок – еженедельно, по
    понедельникам" under many items); the results are immutable."""
    scan = _SCAN or _load_scan()
    return tuple(scan(text, _cached_context(date, rules, roll), whole=whole))


_SCAN = None


def _load_scan():  # type: ignore[no-untyped-def]
    """The extractor, imported on the first reading (not at import: protokol --help)."""
    global _SCAN
    from protokol.deadlines.extract import scan

    _SCAN = scan
    return scan


def default_deadline(date: Day, *, rules: str = "federal", roll: str = "back") -> Deadline | None:
    """federal: one month from the protocol date (clamped to the month's end)."""
    return _cached_default(_context(date, rules, roll).anchor, rules, roll)


def forms_table() -> str:
    """Markdown table of the supported forms, generated from the grammar examples."""
    from protokol.deadlines.forms import table

    return table()


def _context(date: Day, rules: str, roll: str):  # type: ignore[no-untyped-def]
    if type(date) is dt.date:  # (the usual case, at once)
        return _cached_context(date, rules, roll)
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    if date is not None and not isinstance(date, dt.date):
        raise TypeError(f"date must be a datetime.date, an ISO date string or None, not {type(date).__name__}")
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
