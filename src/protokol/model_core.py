"""The values the deadline reader needs: Deadline, the literal types and the
to_dict() mixin. Defined apart from the rest
of the model (protokol.model, which re-exports all of it) so that reading a deadline
does not define the document's classes (`protokol deadline` starts faster).
Field order is the contract's order (shared/spec/output.md)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal, get_args

from protokol.slots import fast_init

DeadlineKind = Literal["once", "recurring", "relative", "period", "continuous", "asap", "as_established", "unparsed"]
DirectiveKind = Literal["task", "note", "group"]
Bound = Literal["by", "on"]
ExecutorType = Literal["organization", "position", "person", "group"]
ExecutorRole = Literal["executor", "co_executor"]
ReferenceKind = Literal["protocol", "letter", "order", "decree", "resolution", "law", "other"]
DEADLINE_KINDS: tuple[str, ...] = get_args(DeadlineKind)
DIRECTIVE_KINDS: tuple[str, ...] = get_args(DirectiveKind)


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Record:
    """Mixin: to_dict() in field order, recursively."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


# ---------------------------------------------------------------- output


@fast_init  # made for every match resolved (protokol/slots.py: each slot set through its descriptor)
@dataclass(frozen=True, slots=True)
class Deadline(_Record):
    text: str
    kind: DeadlineKind
    bound: Bound | None = None
    due: str | None = None
    start: str | None = None
    until: str | None = None
    effective_due: str | None = None
    rrule: str | None = None
    timezone: str | None = None
    # Added to the contract: which rule produced a derived date ("federal.roll_back",
    # "federal.no_deadline", ...); null when every date is as written.
    derived_by: str | None = None
    # Contract 1.1: "до 6-го рабочего дня месяца" -> 6, the N-th working day of each month
    # the rrule names (or of the month of a once's due), on the production calendar.
    working_day: int | None = None
