"""The control register (контрольный реестр), shared by the xlsx and csv renderers.

One row per task deadline and executor, one value per cell, so a clerk can filter,
sort and count (pivot tables) by executor, date or file:

* a task: one row per deadline (a task without a deadline still gets one row with
  empty deadline cells), repeated for each of its executors (role "executor"); its
  co-executors are listed in their own column;
* a note or a group: only with `all_kinds=True` (then one row each, with its
  deadlines if it has any).

Cells are typed: dates are `datetime.date`, times are naive `datetime.datetime` in
the deadline's own wall time (the zone stays visible in "Срок (как в тексте)").
"Срок с учётом выходных" is the due date after the non-working-day rule (the same
as "Дата срока" when the rule did not move it), so one column can be filtered and
sorted. For a recurring deadline "Первый срок" is its first occurrence on or after
the protocol date and "Окончание повторения" its last day, when written.
"Как получена дата" says whether the date is written in the text ("по тексту") or
which regulation rule produced it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Union

from protokol.model import Deadline, Directive, ParseResult, Reference, Section
from protokol.output.humanize import KIND_RU, describe, local_value

Cell = Union[str, int, dt.date, dt.datetime, None]
# the archive's file a reference names (given the referring protocol's organization), or None
Resolve = Callable[[Reference, Union[str, None]], Union[str, None]]

COLUMNS = (
    "№",
    "Номер протокола",
    "Дата протокола",
    "Раздел",
    "Пункт",
    "Вид пункта",
    "Поручение",
    "Исполнитель",
    "Тип исполнителя",
    "Должностное лицо",
    "Соисполнители",
    "Ответственные",
    "Контроль",
    "Срок (как в тексте)",
    "Вид срока",
    "Дата срока",
    "Срок с учётом выходных",
    "Периодичность",
    "Первый срок",
    "Окончание повторения",
    "Как получена дата",
    "Ссылки на документы",
    "Файл",
)
DATE_COLUMNS = frozenset({"Дата протокола", "Дата срока", "Срок с учётом выходных", "Первый срок",
                          "Окончание повторения"})
WIDE_COLUMNS = frozenset({"Раздел", "Поручение", "Исполнитель", "Соисполнители", "Ответственные", "Контроль",
                          "Срок (как в тексте)", "Периодичность", "Как получена дата", "Ссылки на документы"})
TYPE_RU = {"organization": "организация", "position": "должностное лицо", "person": "лицо", "group": "группа"}
DIRECTIVE_KIND_RU = {"task": "поручение", "note": "к сведению", "group": "вводный пункт"}
REFERENCE_KIND_RU = {"protocol": "протокол", "letter": "письмо", "order": "приказ", "decree": "указ",
                     "resolution": "постановление", "law": "закон", "other": "документ"}
AS_WRITTEN = "по тексту"
RULES_RU = {
    "federal.no_deadline": "срок не указан: месяц со дня протокола (типовой регламент)",
    "federal.srochno_3_days": "«срочно»: 3 дня со дня протокола (типовой регламент)",
    "federal.operativno_10_days": "«оперативно»: 10 дней со дня протокола (типовой регламент)",
    "federal.roll_back": "выходной день: перенесено на предыдущий рабочий день (типовой регламент)",
    "civil_code.art193": "выходной день: перенесено на следующий рабочий день (ст. 193 ГК РФ)",
}


@dataclass(frozen=True, slots=True)
class Row:
    """One register row: its cells (COLUMNS order) and the deadline it came from."""

    cells: tuple[Cell, ...]
    deadline: Deadline | None
    references: tuple[Reference, ...] = ()  # the directive's, named in "Ссылки на документы"


def section_label(section: Section) -> str:
    """"IV. Об ..." (a section without a number keeps only its title)."""
    if section.number:
        return f"{section.number}. {section.title}".strip()
    return section.title


def in_register(directive: Directive, all_kinds: bool = False) -> bool:
    return all_kinds or directive.kind == "task"


def rows(results: Sequence[ParseResult], all_kinds: bool = False) -> list[tuple[Cell, ...]]:
    """Every register row of every result, numbered from 1, in document order."""
    return [row.cells for row in entries(results, all_kinds)]


def entries(results: Sequence[ParseResult], all_kinds: bool = False, resolve: Resolve | None = None) -> Iterator[Row]:
    """The rows; with `resolve` (batch), a reference to a protocol of the archive names its file."""
    n = 0
    for result in results:
        protocol = _protocol_cells(result)
        for section in result.sections:
            for directive in section.directives:
                if not in_register(directive, all_kinds):
                    continue
                head = _directive_cells(section, directive)
                tail = (result.protocol.controller, )
                refs = references_text(directive.references, resolve, result.protocol.organization)
                for deadline in directive.deadlines or (None,):
                    for who in _executor_cells(directive):
                        n += 1
                        cells = (n, *protocol, *head, *who, *tail,
                                 *deadline_cells(deadline, result.protocol.date), refs, result.source.path)
                        yield Row(cells, deadline, directive.references)


def _protocol_cells(result: ParseResult) -> tuple[Cell, ...]:
    date = result.protocol.date
    return result.protocol.number, dt.date.fromisoformat(date) if date else None


def _directive_cells(section: Section, directive: Directive) -> tuple[Cell, ...]:
    return (section_label(section), directive.id, DIRECTIVE_KIND_RU.get(directive.kind, directive.kind),
            directive.text)


def _executor_cells(directive: Directive) -> list[tuple[Cell, ...]]:
    """(Исполнитель, Тип исполнителя, Должностное лицо, Соисполнители, Ответственные) per executor."""
    main = [e for e in directive.executors if e.role == "executor"]
    co = "; ".join(e.name for e in directive.executors if e.role == "co_executor")
    responsible = "; ".join(directive.responsible)
    if not main:  # a result made without executors: the addressees as written
        return [("; ".join(directive.addressees), "", "", co, responsible)]
    return [(e.name, TYPE_RU[e.type], e.person or "", co, responsible) for e in main]


def deadline_cells(deadline: Deadline | None, protocol_date: str | None = None) -> tuple[Cell, ...]:
    """Срок (как в тексте), Вид срока, Дата срока, Срок с учётом выходных, Периодичность,
    Первый срок, Окончание повторения, Как получена дата."""
    if deadline is None:
        return ("", "", None, None, "", None, None, "")
    due = local_value(deadline.due)
    effective = local_value(deadline.effective_due) if deadline.effective_due else due
    recurring = deadline.kind == "recurring"
    period = describe(deadline) if recurring else ""
    first = first_due(deadline, protocol_date) if recurring else None
    until = dt.date.fromisoformat(deadline.until[:10]) if recurring and deadline.until else None
    return (deadline.text, KIND_RU.get(deadline.kind, deadline.kind), due, effective, period, first, until,
            how_obtained(deadline, first))


def how_obtained(deadline: Deadline, first: dt.date | None = None) -> str:
    """"по тексту", or the regulation rules that produced the date, in words; "" without a date."""
    if not (deadline.due or deadline.effective_due or first):
        return ""
    rules = [RULES_RU.get(name, name) for name in (deadline.derived_by or "").split("+") if name]
    written = [] if any(name in (deadline.derived_by or "") for name in
                        ("no_deadline", "srochno", "operativno")) else [AS_WRITTEN]
    return "; ".join(written + rules)


def first_due(deadline: Deadline, protocol_date: str | None) -> dt.date | dt.datetime | None:
    """A recurring deadline's first occurrence on or after its start, else the protocol date
    (a `working_day` one: the N-th working day of the first month its rrule names)."""
    from protokol.output.rrule import first_occurrence, parse_rrule

    anchor = deadline.start or protocol_date
    if not anchor or not deadline.rrule:
        return None
    if deadline.working_day:
        from protokol.output.ics_dates import working_day_dates

        days = working_day_dates(deadline, protocol_date, count=1)
        return days[0] if days else None
    try:
        rule = parse_rrule(deadline.rrule)
    except ValueError:
        return None
    day = dt.date.fromisoformat(anchor[:10])
    base: dt.date = day if rule.hour is None else dt.datetime.combine(day, dt.time(rule.hour, rule.minute or 0))
    value = ";".join(p for p in deadline.rrule.split(";") if not p.upper().startswith("UNTIL="))
    return first_occurrence(value, base)


def all_references(result: ParseResult) -> list[tuple[str | None, Reference]]:
    """(item id, reference) of the protocol's own references (item None), then each item's."""
    found: list[tuple[str | None, Reference]] = [(None, ref) for ref in result.protocol.references]
    found += [(d.id, ref) for s in result.sections for d in s.directives for ref in d.references]
    return found


def reference_text(ref: Reference) -> str:
    """"протокол № Д05-3/05пр от 17.01.2023" (the issuer after the kind when written)."""
    parts = [REFERENCE_KIND_RU.get(ref.kind, ref.kind)]
    if ref.issuer:
        parts.append(ref.issuer)
    if ref.number:
        parts.append(f"№ {ref.number}")
    if ref.date:
        parts.append("от " + dt.date.fromisoformat(ref.date).strftime("%d.%m.%Y"))
    return " ".join(parts)


def references_text(refs: Sequence[Reference], resolve: Resolve | None = None,
                    organization: str | None = None) -> str:
    """"протокол № 5 от 01.02.2024 (файл: a/b.docx); письмо ..." (the file when resolved)."""
    texts = []
    for ref in refs:
        found = resolve(ref, organization) if resolve else None
        texts.append(reference_text(ref) + (f" (файл: {found})" if found else ""))
    return "; ".join(texts)
