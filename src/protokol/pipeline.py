"""Document -> ParseResult: layout, header, sections and directives, collecting warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from protokol.model import (  # Options: lives in model, importable from here too
    Document, Location, Options, ParseResult, Section, Signatory, Source, Warning,
)
from protokol.structure.annotate import annotate_protocol
from protokol.structure.directives import protocol, section
from protokol.structure.approval import approver
from protokol.structure.header import add_details, event_date_fallback, parse_header, signed_secretary
from protokol.structure.lines import to_lines
from protokol.structure.sections import layout, signatory

__all__ = ["Options", "parse", "parse_document", "parse_path"]


def parse_path(path: str | Path, options: Options = Options(), **read_options: object) -> ParseResult:
    from protokol.readers import read

    return parse(read(path, **read_options), options)  # type: ignore[arg-type]


def parse(doc: Document, options: Options = Options()) -> ParseResult:
    parts = layout(to_lines(doc.blocks))
    head = parse_header(parts.header)
    if parts.details:  # "г. Приреченск / 7 октября 2025 года / № 112" under the signature
        add_details(head, parts.details)
    event_date_fallback(head)
    signed_secretary(head, parts.signature)  # "Секретарь комиссии   А.В. Дьячкова" under the body
    anchor = options.date or (dt.date.fromisoformat(head.date) if head.date else None)
    warnings: list[Warning] = list(doc.warnings)
    sections = tuple(section(raw, anchor, options, warnings) for raw in parts.sections)
    warnings.extend(_document_warnings(anchor, sections, doc))
    sign = signatory(parts.signature) or approver(parts.header)  # "УТВЕРЖДАЮ / Губернатор … / Н.Н. Котов"
    # each directive is made with its executors and references (structure/annotate.py)
    return annotate_protocol(ParseResult(Source(doc.path, doc.format, doc.sha256),
                                protocol(head, Signatory(*sign) if sign else None, sections), sections, tuple(warnings)))


parse_document = parse  # the name every caller used so far


def _document_warnings(anchor: dt.date | None, sections: tuple[Section, ...], doc: Document) -> list[Warning]:
    out = []
    if anchor is None:
        out.append(Warning("no_date", "the protocol date was not found; relative deadlines are not resolved"))
    if not any(s.directives for s in sections):
        first = Location(doc.blocks[0].paragraph, doc.blocks[0].page) if doc.blocks else None
        out.append(Warning("no_directives", "no numbered decisions were recognised", first))
    return out
