"""Regulation rules: what a deadline means when the text leaves it open.

Profiles (--rules):
  federal  the Типовой регламент of federal executive bodies (Постановление
           Правительства РФ от 19.01.2005 № 30): "срочно" = 3 days, "оперативно" =
           10 days (declared on those rules in markers.yaml), a task with no deadline =
           one month from the protocol date (clamped to the month's end); calendar days.
  none     no defaults.
Rolling (--roll) of a due date that falls on a non-working day:
  back     the previous working day (the rule of the federal regulations)
  forward  the next working day (Civil Code of the RF, art. 193)
  none     never moved.
derived_by names the rules that produced a derived date, joined by "+".
"""

from __future__ import annotations

import datetime as dt

from protokol.deadlines import calendar

# The days a profile gives a word such as "срочно" are written on that word's rule
# (grammars/deadlines/markers.yaml, result.regulation), nowhere else.
PROFILES = ("federal", "none")
NO_DEADLINE = {"federal": "federal.no_deadline"}
ROLLS = {"back": "federal.roll_back", "forward": "civil_code.art193", "none": None}


def check(rules: str, roll: str) -> None:
    if rules not in PROFILES:
        raise ValueError(f"unknown rules profile {rules!r}; choose from {sorted(PROFILES)}")
    if roll not in ROLLS:
        raise ValueError(f"unknown roll {roll!r}; choose from {sorted(ROLLS)}")


def rolled(day: dt.date, roll: str) -> tuple[dt.date | None, str | None]:
    """(effective day, rule name) when `day` is a non-working day, else (None, None)."""
    name = ROLLS[roll]
    if name is None or calendar.is_working_day(day):
        return None, None
    if roll == "back":
        return calendar.previous_working_day(day), name
    return calendar.next_working_day(day), name


def join(*names: str | None) -> str | None:
    present = [n for n in names if n]
    return "+".join(present) if present else None
