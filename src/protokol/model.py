"""Small immutable values. Field order is the contract's order (shared/spec/output.md).
Deadline and the literal types live in model_core (the deadline reader imports only
those) and are re-exported here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from protokol.model_core import (
    DEADLINE_KINDS, DIRECTIVE_KINDS, Bound, Deadline, DeadlineKind, DirectiveKind, ExecutorRole, ExecutorType,
    ReferenceKind, _plain, _Record,
)
from protokol.slots import fast_init

__all__ = [
    "DEADLINE_KINDS", "DIRECTIVE_KINDS", "Block", "Bound", "Deadline", "DeadlineKind", "Directive", "DirectiveKind",
    "Document", "Executor", "ExecutorRole", "ExecutorType", "Limits", "Links", "Location", "Options", "ParseResult",
    "Protocol", "Reference", "ReferenceKind", "Section", "Signatory", "Source", "Warning",
]


# ---------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class Options:
    """How deadlines are resolved. `date` overrides the protocol's own date."""

    date: dt.date | None = None
    rules: str = "federal"
    roll: str = "back"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on one input; beyond them a reader raises ReadError (or TimeBudgetExceeded)."""

    max_bytes: int = 50 * 1024 * 1024  # input file size
    max_pages: int = 2000  # PDF pages
    max_unzipped: int = 32 * 1024 * 1024  # total inflated size of a docx's parts (~10x a 300-page protocol)
    timeout: float | None = None  # wall-clock seconds for one file's read and parse (None: no budget)
    ocr: str = "auto"  # PDF pages read by OCR: auto (those without a usable text layer), always, never


# ---------------------------------------------------------------- reading


@fast_init  # made per paragraph or item (protokol/slots.py)
@dataclass(frozen=True, slots=True)
class Block(_Record):
    """One paragraph of the source document, in reading order."""

    text: str
    paragraph: int  # 1-based index of the paragraph in the source
    page: int | None = None  # 1-based page, where the format has pages
    number_label: str | None = None  # label Word's automatic numbering displays ("2.1.")
    in_table: bool = False
    bold: bool = False  # the whole paragraph is bold (docx) - a heading hint
    # where a paragraph of a (top-level) table sits: (table, row, grid column), 1-based (docx)
    cell: tuple[int, int, int] | None = None
    cells: tuple[str, ...] = ()  # a plain-text line's tab-separated cells (txt)


@fast_init
@dataclass(frozen=True, slots=True)
class Location(_Record):
    paragraph: int
    page: int | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Warning(_Record):  # noqa: A001 - the contract calls it a warning
    code: str
    message: str
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Document(_Record):
    """What every reader returns."""

    path: str
    format: str  # "docx" | "pdf" | "txt"
    sha256: str
    blocks: tuple[Block, ...]
    warnings: tuple[Warning, ...] = ()


# ---------------------------------------------------------------- output


@fast_init
@dataclass(frozen=True, slots=True)
class Links(_Record):
    urls: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@fast_init
@dataclass(frozen=True, slots=True)
class Executor(_Record):
    """One executor of an addressee, in the nominative (contract 1.1)."""

    name: str  # "Минфин России"
    as_written: str  # "Минфину России"
    type: ExecutorType
    role: ExecutorRole = "executor"
    # Added to the contract: the person named beside the addressee ("Главе района Иванову В.В.":
    # name "Глава района", person "Иванов В.В."); null when none is named.
    person: str | None = None


@fast_init
@dataclass(frozen=True, slots=True)
class Reference(_Record):
    """A mention of another document (contract 1.1)."""

    kind: ReferenceKind
    number: str | None
    date: str | None  # YYYY-MM-DD
    issuer: str | None  # as written: "Минпросвещения России"
    as_written: str


@fast_init
@dataclass(frozen=True, slots=True)
class Directive(_Record):
    id: str
    number: str
    parent: str | None
    kind: DirectiveKind
    text: str
    addressees: tuple[str, ...]
    responsible: tuple[str, ...]
    action: str | None
    deadlines: tuple[Deadline, ...]
    links: Links
    location: Location
    executors: tuple[Executor, ...] = ()  # contract 1.1: the addressees split and normalized
    references: tuple[Reference, ...] = ()  # contract 1.1: documents this item refers to


@fast_init
@dataclass(frozen=True, slots=True)
class Section(_Record):
    number: str | None
    title: str
    speakers: tuple[str, ...]
    directives: tuple[Directive, ...]


@dataclass(frozen=True, slots=True)
class Signatory(_Record):
    position: str | None
    name: str


@dataclass(frozen=True, slots=True)
class Protocol(_Record):
    organization: str | None = None
    title: str | None = None
    date: str | None = None
    number: str | None = None
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    attendees: tuple[str, ...] = ()
    signatory: Signatory | None = None
    # Added to the contract: the short name written in parentheses after the
    # organization ("МИНПРОСВЕЩЕНИЯ РОССИИ"), which `organization` leaves out.
    organization_short: str | None = None
    # contract 1.1: X of "Контроль за исполнением ... возложить на X", as written
    controller: str | None = None
    references: tuple[Reference, ...] = ()  # contract 1.1: documents the protocol as a whole refers to
    # Added to the contract: the kind of the act, by the word its header stands under, in the
    # nominative: "протокол", "распоряжение", "постановление", "приказ", "решение", "указ",
    # "закон", "перечень поручений"; null when the header names none
    act: str | None = None


@dataclass(frozen=True, slots=True)
class Source(_Record):
    path: str
    format: str
    sha256: str


@dataclass(frozen=True, slots=True)
class ParseResult(_Record):
    source: Source
    protocol: Protocol
    sections: tuple[Section, ...] = ()
    warnings: tuple[Warning, ...] = ()
    schema_version: int = field(default=1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": self.schema_version,
            "source": self.source.to_dict(),
            "protocol": self.protocol.to_dict(),
            "sections": _plain(self.sections),
            "warnings": _plain(self.warnings),
        }
