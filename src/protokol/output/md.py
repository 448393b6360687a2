"""A Markdown report: protocol details, then per section its speakers and a table.

Table columns: Пункт | Поручение | Исполнители | Срок | Дата. "Срок" is each deadline
in plain Russian (output/humanize.py), "Дата" its date (effective_due, else due).
A directive with several deadlines lists them one per line (<br>). Every directive is
a row, notes and groups included (marked "(к сведению)" / "(группа)").

The report is shown on terminals too: control characters (escape sequences from a PDF's
text layer or a file name) are written as \\xNN (output.safe.terminal_text).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from protokol.model import Deadline, Directive, ParseResult, Section
from protokol.output.humanize import act_label, date_ru, describe, zone_label
from protokol.output.safe import terminal_text

HEADER = ("Пункт", "Поручение", "Исполнители", "Срок", "Дата")
MARK = {"note": "(к сведению) ", "group": "(группа) "}


def render(results: Sequence[ParseResult], **_: Any) -> str:
    return terminal_text("\n".join("\n".join(_result(r)) + "\n" for r in results))


def cell(text: str | None) -> str:
    """A table cell: pipes escaped, line breaks as <br>, blanks trimmed."""
    if not text:
        return ""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    return "<br>".join(line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _result(result: ParseResult) -> Iterator[str]:
    yield f"# {title(result)}"
    yield ""
    yield from _details(result)
    for section in result.sections:
        yield ""
        yield from _section(section)
    if result.warnings:
        yield ""
        yield "## Предупреждения"
        yield ""
        for w in result.warnings:
            where = f" (абз. {w.location.paragraph})" if w.location else ""
            yield f"- `{w.code}`: {one_line(w.message)}{where}"


def title(result: ParseResult) -> str:
    p = result.protocol
    label = act_label(p.act, p.number, p.date)
    return label if p.number or p.date else f"{label} ({result.source.path})"


def _details(result: ParseResult) -> Iterator[str]:
    p = result.protocol
    sign = " ".join(x for x in (p.signatory.position, p.signatory.name) if x) if p.signatory else None
    pairs = (
        ("Организация", p.organization), ("Тема", p.title), ("Место", p.place),
        ("Председатель", p.chair), ("Секретарь", p.secretary),
        ("Присутствовали", "; ".join(p.attendees)), ("Подписал", sign),
    )
    for label, value in pairs:
        if value:
            yield f"- **{label}:** {one_line(value)}"
    src = result.source
    yield f"- **Источник:** `{src.path}` ({src.format}, sha256 {src.sha256[:12]}…)"


def _section(section: Section) -> Iterator[str]:
    head = " ".join(x for x in (f"{section.number}." if section.number else "", one_line(section.title)) if x)
    yield f"## {head or 'Решения'}"
    yield ""
    if section.speakers:
        yield f"Докладчики: {', '.join(section.speakers)}"
        yield ""
    if not section.directives:
        yield "_Поручений нет._"
        return
    yield "| " + " | ".join(HEADER) + " |"
    yield "|" + "---|" * len(HEADER)
    for directive in section.directives:
        yield "| " + " | ".join(row(directive)) + " |"


def row(directive: Directive) -> list[str]:
    deadlines = directive.deadlines
    return [
        cell(directive.id),
        MARK.get(directive.kind, "") + cell(directive.text),
        cell("; ".join(directive.addressees)),
        "<br>".join(cell(describe(d)) for d in deadlines),
        "<br>".join(_date(d) or ("—" if len(deadlines) > 1 else "") for d in deadlines),
    ]


def _date(deadline: Deadline) -> str:
    value = deadline.effective_due or deadline.due
    text = date_ru(value)
    if text and value and "T" in value and deadline.timezone:
        text += f" {zone_label(deadline.timezone)}"
    return text
