"""The fields of contract 1.1 added to a parsed result: each directive's executors (its
addressees split and put in the nominative, structure/executors.py) and references
(documents it mentions, structure/references.py), and the protocol's own references
(in its title and section titles). The pipeline's one hook: `annotate(result)`.

The structure moves a name written beside an addressee into `responsible` ("Главе
района Иванову В.В. обеспечить": addressee "Главе района"); the executor gets it back
as its `person` (in the nominative; a name in parentheses as written)."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from operator import attrgetter

from protokol.model import Directive, Executor, ParseResult, Reference
from protokol.structure.executors import executors_of
from protokol.structure.names import NAME, names_in
from protokol.structure.people import lone_surname, nominative
from protokol.structure.references import find_references, protocol_references

BESIDE = re.compile(rf"\s*(?:(?P<dative>{NAME.pattern})|\((?P<written>{NAME.pattern}|[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\))"
                    r"(?=[\s,.;:]|$)")  # a surname alone in brackets ("(Тихонов)") too: people.lone_surname


def annotate(result: ParseResult) -> ParseResult:
    sections = tuple(replace(s, directives=tuple(_directive(d) for d in s.directives)) for s in result.sections)
    return annotate_protocol(replace(result, sections=sections))


def annotate_protocol(result: ParseResult) -> ParseResult:
    """The protocol's own references added: `annotate` of a result whose directives were made
    with their executors and references (`contract_fields`, as `parse` makes them)."""
    protocol = replace(result.protocol, references=protocol_references(result.protocol, [s.title for s in result.sections]))
    return replace(result, protocol=protocol)


def contract_fields(addressees: tuple[str, ...], text: str, responsible: tuple[str, ...] = (),
                    lead_ins: tuple[str, ...] = ()) -> tuple[tuple[Executor, ...], tuple[Reference, ...]]:
    """A directive's executors and references, from its addressees and text; an executor's
    person is also looked for beside it in the responsible ("Отдел культуры (Попова Е.А.)") and
    in the lead-ins it inherits ("Управлению образования (Сафонова Р.И.):" over "1) …")."""
    beside = "\n".join((text, *lead_ins, *responsible)) if responsible or lead_ins else text
    return tuple(_person_beside(e, beside) for e in executors_of(addressees)), find_references(text)


_NAMES = tuple(f.name for f in fields(Directive))
_VALUES = attrgetter(*_NAMES)
_EXECUTORS, _REFERENCES = _NAMES.index("executors"), _NAMES.index("references")


def _directive(directive: Directive) -> Directive:
    executors, references = contract_fields(directive.addressees, directive.text, directive.responsible)
    if directive.executors:  # as parse made them: a post its Ответственный line names keeps its type and
        # holder, a body it names is read in the nominative
        made = {(e.as_written, e.role): e for e in directive.executors}
        executors = tuple(made.get((e.as_written, e.role), e) for e in executors)
    executors += _not_addressed(directive, executors)
    if executors == directive.executors and references == directive.references:
        return directive  # nothing to add (equal to what dataclasses.replace would build)
    values = list(_VALUES(directive))  # dataclasses.replace, without its checks
    values[_EXECUTORS], values[_REFERENCES] = executors, references
    return Directive(*values)


def _not_addressed(directive: Directive, made: tuple[Executor, ...]) -> tuple[Executor, ...]:
    """The executors a parsed directive has that its addressees do not name: those of its
    "Исполнитель:" / "Соисполнители:" lines and a sub-item's "совместно с …" (kept when an
    annotated result is annotated again)."""
    seen = {(e.name, e.role) for e in made}
    return tuple(e for e in directive.executors if (e.name, e.role) not in seen
                 and not any(e.as_written in a for a in directive.addressees))


def _person_beside(executor: Executor, text: str) -> Executor:
    if executor.person or executor.type == "person":
        return executor
    at = text.find(executor.as_written)
    found = BESIDE.match(text, at + len(executor.as_written)) if at >= 0 else None
    # a co-executor's person only in parentheses ("совместно с ОМВД … (Клёнов Е.Е.)"): a name
    # after an instrumental is no dative
    if not found or executor.role != "executor" and not found["written"]:
        return executor
    if found["written"] and not names_in(found["written"]) and not lone_surname(found["written"]):
        return executor  # "(Роспотребнадзор)": no one's surname
    person = nominative(found["dative"], "datv") if found["dative"] else found["written"]
    return replace(executor, person=person)


__all__ = ["annotate", "annotate_protocol", "contract_fields"]
