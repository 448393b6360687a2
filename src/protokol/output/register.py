"""The control register (контрольный реестр): one row per directive deadline.

Shared by the xlsx and csv renderers. Which directives become rows:

* a task: one row per deadline; a task with no deadline still gets one row with
  empty deadline cells;
* a note or a group: rows only when it carries a deadline of its own (then it is a
  control item too); otherwise it is not in the register.

Cells are typed: dates are `datetime.date`, times are naive `datetime.datetime` in
the deadline's own wall time (the zone stays visible in "Срок (как в тексте)", and the
xlsx number format names it). "Фактический срок" is effective_due when the regulation
rule moved the date, else the due date itself, so one column can be filtered and sorted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Union

from protokol.model import Deadline, Directive, ParseResult, Section
from protokol.output.humanize import KIND_RU, describe, local_value

Cell = Union[str, int, dt.date, dt.datetime, None]

COLUMNS = (
    "№",
    "Раздел",
    "Пункт",
    "Поручение",
    "Исполнители",
    "Ответственные",
    "Срок (как в тексте)",
    "Дата срока",
    "Фактический срок",
    "Периодичность",
    "Вид срока",
    "Файл",
)
DATE_COLUMNS = frozenset({"Дата срока", "Фактический срок"})
WIDE_COLUMNS = frozenset({"Раздел", "Поручение", "Исполнители", "Ответственные", "Срок (как в тексте)",
                          "Периодичность"})


def section_label(section: Section) -> str:
    """"IV. Об ..." (a section without a number keeps only its title)."""
    if section.number:
        return f"{section.number}. {section.title}".strip()
    return section.title


def in_register(directive: Directive) -> bool:
    return directive.kind == "task" or bool(directive.deadlines)


def rows(results: Sequence[ParseResult]) -> list[tuple[Cell, ...]]:
    """Every register row of every result, numbered from 1, in document order."""
    return [cells for cells, _ in entries(results)]


def entries(results: Sequence[ParseResult]) -> Iterator[tuple[tuple[Cell, ...], Deadline | None]]:
    """Each row with the deadline it came from (None for a task without a deadline)."""
    n = 0
    for result in results:
        for section in result.sections:
            for directive in section.directives:
                if not in_register(directive):
                    continue
                head = _directive_cells(section, directive)
                for deadline in directive.deadlines or (None,):
                    n += 1
                    yield (n, *head, *deadline_cells(deadline), result.source.path), deadline


def _directive_cells(section: Section, directive: Directive) -> tuple[Cell, ...]:
    return (
        section_label(section),
        directive.id,
        directive.text,
        "; ".join(directive.addressees),
        "; ".join(directive.responsible),
    )


def deadline_cells(deadline: Deadline | None) -> tuple[Cell, ...]:
    """Срок (как в тексте), Дата срока, Фактический срок, Периодичность, Вид срока."""
    if deadline is None:
        return ("", None, None, "", "")
    due = local_value(deadline.due)
    effective = local_value(deadline.effective_due) if deadline.effective_due else due
    period = describe(deadline) if deadline.kind == "recurring" else ""
    return (deadline.text, due, effective, period, KIND_RU.get(deadline.kind, deadline.kind))
