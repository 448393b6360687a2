"""Sections and directives out of the raw layout: kinds, inherited addressees and
responsible people, deadlines (with the regulation's default), the header as a Protocol."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from protokol.deadlines import default_deadline
from protokol.model import Deadline, Directive, DirectiveKind, Executor, Options, Protocol, Section, Signatory, Warning
from protokol.structure.annotate import contract_fields
from protokol.structure.clause import item_deadlines
from protokol.structure.executors import listed
from protokol.structure.fields import Fields, controller, in_force, is_note_text, item_fields
from protokol.structure.links import links
from protokol.structure.header import Header
from protokol.structure.items import RawItem, build_items
from protokol.structure.names import names_in, split_people
from protokol.structure.references import find_references
from protokol.structure.sections import RawSection


def protocol(head: Header, sign: Signatory | None, sections: tuple[Section, ...]) -> Protocol:
    """The header's fields, the signatory and the controller named in the decisions."""
    return Protocol(
        organization=head.organization,
        title=head.title,
        date=head.date,
        number=head.number,
        place=head.place,
        chair=head.chair,
        secretary=head.secretary,
        attendees=tuple(head.attendees),
        signatory=sign,
        organization_short=head.organization_short,
        controller=_controller(sections),
        references=tuple(ref for text in head.reasons for ref in find_references(text)),
        act=head.act,
    )


def _controller(sections: tuple[Section, ...]) -> str | None:
    """The first "Контроль за исполнением ... возложить на X" item's X."""
    return next((who for s in sections for d in s.directives
                 if d.action == "возложить" and (who := controller(d.text))), None)


def section(raw: RawSection, anchor: dt.date | None, options: Options, warnings: list[Warning]) -> Section:
    items = build_items(raw.number, raw.body)
    known: dict[int, Fields] = {}  # each item's own fields, for the items under it
    directives = tuple(_directive(item, anchor, options, warnings, known) for item in items)
    return Section(raw.number, raw.title, tuple(raw.speakers), directives)


def _directive(item: RawItem, anchor: dt.date | None, options: Options, warnings: list[Warning],
               known: dict[int, Fields]) -> Directive:
    location = item.line.location
    if item.duplicate_of:
        warnings.append(Warning("duplicate_number", f"item {item.duplicate_of} appears twice; "
                                f"the second is {item.id}", location))
    own = known[id(item)] = item_fields(item.text, lead_in=bool(item.children) or item.text.rstrip().endswith(":"))
    # a parent has children: its own fields are its fields as a lead-in
    lead_ins = [known.get(id(p)) or item_fields(p.text, lead_in=True) for p in item.ancestors]
    deadlines = _deadlines(item, anchor, options)
    kind = _kind(item, own.action, deadlines)
    if kind == "task" and not deadlines and not item.deadline_texts:
        deadlines = _inherited(item, anchor, options)  # a note ("а) принять к сведению") takes none
    if kind == "task" and not deadlines and controller(item.text) is None:
        # (who controls the act's execution has nothing to deliver: no month's default for it)
        deadlines = _default(anchor, options)
    for deadline in deadlines:
        if deadline.kind == "unparsed":
            warnings.append(Warning("unparsed_deadline", f"deadline not understood: {deadline.text!r}", location))
        elif _before(deadline, anchor):
            warnings.append(Warning("deadline_before_document", f"deadline {deadline.text!r} is before the "
                                    f"document's date {anchor}; kept as written", location))
    responsible = [who for text in item.responsible_texts for who in split_people(text)]
    co_texts = {text for co, text in item.executor_texts if co}  # "Соисполнители: …": no one told by them
    addressees = [f.addressee for f in lead_ins if f.addressee] + ([own.addressee] if own.addressee else [])
    # the posts that act when no one else is told: "Ответственный: начальник отдела Петров И.И." gives
    # (post, person), the person responsible
    held: list[tuple[str, str]] = []
    bodies: list[tuple[str, str]] = []  # (body, as its Ответственный cell or line names it)
    if not addressees and responsible and not any(not co for co, _ in item.executor_texts):
        # no one told: the bodies its Ответственный cell or line names ("Исполнитель:" lines: _listed)
        mains = [text for text in item.responsible_texts if text not in co_texts]
        bodies = [(body, who) for text in mains for who in split_people(text, held) if (body := _body(who))]
        addressees = [body for body, _ in bodies]
        held = list(dict.fromkeys(held))  # "Ответственные: отдел культуры, начальник отдела спорта Лебедев Л.Л."
    addressed = tuple(dict.fromkeys(addressees + [post for post, _ in held]))
    # "совместно с X обеспечить …" under "Правительству …:": X are the lead-in's co-executors
    joint = (*addressed[:-1], f"{addressed[-1]} {own.together}") if own.together and addressed else addressed
    executors, references = contract_fields(joint, item.text, tuple(responsible),  # what annotate would add
                                            tuple(p.text for p in item.ancestors))
    if bodies and not own.together:  # named in the nominative ("Администрации сельских поселений", a cell)
        holders = {person for _, person in held}  # a post's holder is no body's person
        beside = {e.as_written: e.person for e in executors if e.person not in holders}  # "МКУ «ЕДДС», Сорокин П.П."
        executors = tuple(e if e.person else replace(e, person=beside.get(e.as_written)) for e in _named(bodies))
    elif held:
        executors = ()
    if held:  # no one told: the post of its Ответственный line acts ("начальник отдела …", an addressee
        # as written), its holder the executor's person
        executors += tuple(Executor(post[:1].upper() + post[1:], post, "position", "executor", person)
                           for post, person in held)
    if item.executor_texts:  # "Исполнитель: управление … (Петров П.П.)", "Соисполнители: …" lines
        executors = _listed(executors, item.executor_texts)
    # "Минтрансу России, Минфину России (сбор), …": the body that gathers the answers answers for them
    responsible += [e.name for e in executors if e.as_written.endswith("(сбор)") and e.name not in responsible]
    return Directive(
        id=item.id,
        number=item.number,
        parent=item.parent.id if item.parent else None,
        kind=kind,
        text=item.text,
        addressees=addressed,
        # a person named beside a lead-in's addressee answers for its sub-items naming no one
        responsible=tuple(dict.fromkeys(list(own.responsible) + responsible
                                        or [who for f in lead_ins for who in f.responsible]
                                        + [who for p in item.ancestors for text in p.responsible_texts
                                           for who in split_people(text)])),
        action=None if kind == "note" else own.action,
        deadlines=tuple(deadlines),
        links=links(item.text, *item.deadline_texts, *item.responsible_texts),
        location=location,
        executors=executors,
        references=references,
    )


def _listed(executors: tuple[Executor, ...], lines: list[tuple[bool, str]]) -> tuple[Executor, ...]:
    """The executors an item's "Исполнитель:" lines name when its text names none, then the
    co-executors of its "Соисполнители:" lines."""
    mains = () if executors else tuple(e for co, text in lines if not co for e in listed(text, "executor"))
    seen = {(e.name, e.role) for e in executors + mains}
    more = []
    for e in (e for co, text in lines if co for e in listed(text, "co_executor")):
        if (e.name, e.role) not in seen:
            seen.add((e.name, e.role))
            more.append(e)
    return executors + mains + tuple(more)


def _named(bodies: list[tuple[str, str]]) -> tuple[Executor, ...]:
    """The executors of bodies an Ответственный cell or line names, read in the nominative (a
    plural "Администрации поселений" is no dative), each with the person in its brackets."""
    found: dict[tuple[str, str], Executor] = {}
    for body, who in bodies:
        for e in listed(who, "executor")[:1]:
            found.setdefault((e.name, e.role), replace(e, as_written=body))
    return tuple(found.values())


_PEOPLE_AFTER = re.compile(r"^(?P<body>.+?)\s*\((?P<people>[^()]+)\)$")


def _body(who: str) -> str | None:
    """The body an Ответственный cell names ("Отдел культуры (Попова Е.А.)": "Отдел культуры"); None for a person."""
    m = _PEOPLE_AFTER.match(who)
    if m and names_in(m["people"]):
        who = m["body"]
    return None if names_in(who) else who


def _kind(item: RawItem, action: str | None, deadlines: list[Deadline]) -> DirectiveKind:
    if item.children:
        return "group"
    if not action and not deadlines and is_note_text(item.text) or in_force(item.text):
        return "note"
    return "task"


def _deadlines(item: RawItem, anchor: dt.date | None, options: Options) -> list[Deadline]:
    # a table row's Срок cell is its term: the dates of its text name the measure ("… к Дню знаний")
    text = "" if item.line.row and item.deadline_texts else item.text
    return item_deadlines(text, item.deadline_texts, anchor, rules=options.rules, roll=options.roll)


def _inherited(item: RawItem, anchor: dt.date | None, options: Options) -> list[Deadline]:
    """A sub-item's that sets no term of its own: the "Срок" lines of its nearest lead-in that has
    them (the lines closing its sub-items, items.py's _lift_closing_terms)."""
    terms = next((p.deadline_texts for p in reversed(item.ancestors) if p.deadline_texts), [])
    return item_deadlines("", terms, anchor, rules=options.rules, roll=options.roll) if terms else []


def _before(deadline: Deadline, anchor: dt.date | None) -> bool:
    """A deadline earlier than the document's date (a recurrence or an open end never is)."""
    return anchor is not None and deadline.due is not None and deadline.due[:10] < anchor.isoformat()


def _default(anchor: dt.date | None, options: Options) -> list[Deadline]:
    deadline = default_deadline(anchor, rules=options.rules)
    return [deadline] if deadline else []
