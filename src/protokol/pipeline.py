"""Document -> ParseResult: structure, fields and deadlines, collecting warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from pathlib import Path

from protokol.model import (  # Options: lives in model, importable from here too
    Deadline, Directive, DirectiveKind, Document, Location, Options, ParseResult, Protocol, Section, Signatory, Source,
    Warning,
)
from protokol.structure.annotate import annotate
from protokol.structure.fields import controller, is_note_text, item_fields, links
from protokol.structure.header import Header, parse_header
from protokol.structure.items import RawItem, build_items
from protokol.structure.lines import to_lines
from protokol.structure.names import split_people
from protokol.structure.sections import RawSection, layout, signatory


def parse_path(path: str | Path, options: Options = Options(), **read_options: object) -> ParseResult:
    from protokol.readers import read

    return parse_document(read(path, **read_options), options)  # type: ignore[arg-type]


def parse_document(doc: Document, options: Options = Options()) -> ParseResult:
    lines = to_lines(doc.blocks)
    parts = layout(lines)
    head = parse_header(parts.header)
    anchor = options.date or (dt.date.fromisoformat(head.date) if head.date else None)
    warnings: list[Warning] = list(doc.warnings)
    sections = tuple(_section(raw, anchor, options, warnings) for raw in parts.sections)
    warnings.extend(_document_warnings(head, sections, anchor, doc))
    sign = signatory(parts.signature)
    protocol = _protocol(head, Signatory(*sign) if sign else None, _controller(sections))
    return annotate(ParseResult(Source(doc.path, doc.format, doc.sha256), protocol, sections, tuple(warnings)))


def _protocol(head: Header, sign: Signatory | None, control: str | None) -> Protocol:
    values = {f.name: getattr(head, f.name) for f in fields(Protocol) if hasattr(head, f.name)}
    return Protocol(**{**values, "attendees": tuple(head.attendees), "signatory": sign, "controller": control})


def _controller(sections: tuple[Section, ...]) -> str | None:
    """The first "Контроль за исполнением ... возложить на X" item's X."""
    return next((who for s in sections for d in s.directives if (who := controller(d.text))), None)


def _section(raw: RawSection, anchor: dt.date | None, options: Options, warnings: list[Warning]) -> Section:
    items = build_items(raw.number, raw.body)
    directives = tuple(_directive(item, anchor, options, warnings) for item in items)
    return Section(raw.number, raw.title, tuple(raw.speakers), directives)


def _directive(item: RawItem, anchor: dt.date | None, options: Options, warnings: list[Warning]) -> Directive:
    location = item.line.location
    if item.duplicate_of:
        warnings.append(Warning("duplicate_number", f"item {item.duplicate_of} appears twice; "
                                f"the second is {item.id}", location))
    own = item_fields(item.text, lead_in=bool(item.children) or item.text.rstrip().endswith(":"))
    deadlines = _deadlines(item, anchor, options)
    kind = _kind(item, own.action, deadlines)
    if kind == "task" and not deadlines:
        deadlines = _default(anchor, options)
    for deadline in deadlines:
        if deadline.kind == "unparsed":
            warnings.append(Warning("unparsed_deadline", f"deadline not understood: {deadline.text!r}", location))
        elif _before(deadline, anchor):
            warnings.append(Warning("deadline_before_document", f"deadline {deadline.text!r} is before the "
                                    f"document's date {anchor}; kept as written", location))
    responsible = [who for text in item.responsible_texts for who in split_people(text)]
    return Directive(
        id=item.id,
        number=item.number,
        parent=item.parent.id if item.parent else None,
        kind=kind,
        text=item.text,
        addressees=tuple(_addressees(item) + ([own.addressee] if own.addressee else [])),
        responsible=tuple(dict.fromkeys(list(own.responsible) + responsible or _inherited_responsible(item))),
        action=None if kind == "note" else own.action,
        deadlines=tuple(deadlines),
        links=links(" ".join([item.text, *item.deadline_texts, *item.responsible_texts])),
        location=location,
    )


def _addressees(item: RawItem) -> list[str]:
    found = []
    for parent in item.ancestors:
        parent_fields = item_fields(parent.text, lead_in=True)
        if parent_fields.addressee:
            found.append(parent_fields.addressee)
    return found


def _inherited_responsible(item: RawItem) -> list[str]:
    """A person named beside a lead-in's addressee answers for its sub-items that name
    no one of their own."""
    return [who for parent in item.ancestors for who in item_fields(parent.text, lead_in=True).responsible]


def _kind(item: RawItem, action: str | None, deadlines: list[Deadline]) -> DirectiveKind:
    if item.children:
        return "group"
    if not action and not deadlines and is_note_text(item.text):
        return "note"
    return "task"


def _deadlines(item: RawItem, anchor: dt.date | None, options: Options) -> list[Deadline]:
    from protokol.deadlines import parse_deadline, scan_deadlines

    found: list[Deadline] = []
    for text in item.deadline_texts:
        found.extend(parse_deadline(text, anchor, rules=options.rules, roll=options.roll))
    seen = {(d.text, d.kind) for d in found}
    term_line = bool(found)
    for deadline in scan_deadlines(item.text, anchor, rules=options.rules, roll=options.roll):
        # with a "Срок –" line, a bare date of the text describes the task ("ВКС, которое
        # состоится 22 июня"): only a term set in the text ("до …", a duration) is added
        if (deadline.text, deadline.kind) not in seen and (not term_line or _set_term(deadline)):
            found.append(deadline)
    return found


def _before(deadline: Deadline, anchor: dt.date | None) -> bool:
    """A deadline earlier than the document's date (a recurrence or an open end never is)."""
    return anchor is not None and deadline.due is not None and deadline.due[:10] < anchor.isoformat()


def _set_term(deadline: Deadline) -> bool:
    return deadline.bound == "by" or deadline.kind in ("relative", "continuous", "asap", "as_established")


def _default(anchor: dt.date | None, options: Options) -> list[Deadline]:
    from protokol.deadlines import default_deadline

    deadline = default_deadline(anchor, rules=options.rules)
    return [deadline] if deadline else []


def _document_warnings(
    head: Header, sections: tuple[Section, ...], anchor: dt.date | None, doc: Document
) -> list[Warning]:
    out = []
    if anchor is None:
        out.append(Warning("no_date", "the protocol date was not found; relative deadlines are not resolved"))
    if not sections or not any(s.directives for s in sections):
        first = Location(doc.blocks[0].paragraph, doc.blocks[0].page) if doc.blocks else None
        out.append(Warning("no_directives", "no numbered decisions were recognised", first))
    return out
