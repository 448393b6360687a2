"""The terminal view (rich, imported only here), rendered to a string.

Options: width (columns, default 120), color (ANSI colours and bold, default off),
today (a date: once/relative/period deadlines due before it are shown bold red and
marked "просрочен"; default None, so the output never depends on the clock).
The environment (COLUMNS, NO_COLOR, FORCE_COLOR, TERM) is ignored: same input, same text.
Every text from the document goes through output.safe.terminal_text, so an escape sequence
in a PDF's text layer or a file name is shown as \\x1b..., never sent to the terminal.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from protokol.model import Deadline, Directive, ParseResult, Section
from protokol.output.humanize import DIRECTIVE_KIND_RU, date_ru, describe, parse_iso
from protokol.output.safe import terminal_text

OVERDUE_KINDS = frozenset({"once", "relative", "period"})
OVERDUE_STYLE = "bold red"
COLUMNS = ("Пункт", "Вид", "Поручение", "Исполнители", "Срок")


def render(results: Sequence[ParseResult], *, width: int = 120, color: bool = False,
           today: dt.date | None = None, **_: Any) -> str:
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, width=width, color_system="standard" if color else None,
                      force_terminal=color, no_color=not color, highlight=False, markup=False,
                      emoji=False, legacy_windows=False, soft_wrap=False, _environ={})
    for n, result in enumerate(results):
        if n:
            console.rule()
        _result(console, result, today)
    text = out.getvalue()
    return text if color else "".join(line.rstrip() + "\n" for line in text.splitlines())


def overdue(deadline: Deadline, today: dt.date | None) -> bool:
    """Due (effective_due if moved) before `today`; only dated kinds, never without `today`."""
    if today is None or deadline.kind not in OVERDUE_KINDS:
        return False
    if isinstance(today, dt.datetime):
        today = today.date()
    value = parse_iso(deadline.effective_due or deadline.due)
    if value is None:
        return False
    day = value.date() if isinstance(value, dt.datetime) else value
    return day < today


def _result(console: Any, result: ParseResult, today: dt.date | None) -> None:
    p = result.protocol
    head = " ".join(x for x in ("Протокол", f"№ {p.number}" if p.number else "",
                                 f"от {date_ru(p.date)}" if p.date else "") if x)
    console.print(_text(head, style="bold"))
    for label, value in (("", p.title), ("Председатель: ", p.chair), ("Файл: ", result.source.path)):
        if value:
            console.print(_text(label + " ".join(value.split())))
    for section in result.sections:
        console.print()
        console.print(_text(heading(section), style="bold"))
        if section.speakers:
            console.print(_text(f"Докладчики: {', '.join(section.speakers)}", style="italic"))
        console.print(_section(section, console.width, today))
    if result.warnings:
        console.print()
        console.print(_text(f"Предупреждения: {len(result.warnings)}", style="yellow"))
        for w in result.warnings:
            where = f" (абз. {w.location.paragraph})" if w.location else ""
            console.print(_text(f"  {w.code}: {' '.join(w.message.split())}{where}"))


def heading(section: Section) -> str:
    """"IV. Об ..."; "Решения" for an unnumbered, untitled section."""
    number = f"{section.number}." if section.number else ""
    return " ".join(x for x in (number, " ".join(section.title.split())) if x) or "Решения"


def _section(section: Section, width: int, today: dt.date | None) -> Any:
    from rich import box
    from rich.table import Table

    ids = max((len(d.id) for d in section.directives), default=5)
    table = Table(box=box.SQUARE, show_lines=True)
    for name, size in zip(COLUMNS, column_widths(width, ids)):
        table.add_column(name, width=size, overflow="fold", no_wrap=name == "Пункт")
    for directive in section.directives:
        table.add_row(*_cells(directive, today))
    return table


def column_widths(width: int, ids: int) -> tuple[int, ...]:
    """Content widths of Пункт, Вид, Поручение, Исполнители, Срок for a `width`-wide table
    (6 border columns, 2 padding cells per column): a deadline keeps about 28 characters."""
    inner = max(width - 6 - 2 * len(COLUMNS), 40)
    item, kind = max(ids, 5), 10
    due = min(28, max(12, inner // 3))
    rest = max(inner - item - kind - due, 16)
    text = rest * 2 // 3
    return item, kind, text, rest - text, due


def _cells(directive: Directive, today: dt.date | None) -> list[Any]:
    kind = DIRECTIVE_KIND_RU.get(directive.kind, directive.kind)
    return [_text(directive.id), _text(kind), _text(directive.text), _text("; ".join(directive.addressees)),
            _deadlines(directive.deadlines, today)]


def _deadlines(deadlines: Sequence[Deadline], today: dt.date | None) -> Any:
    from rich.text import Text

    text = Text()
    for n, deadline in enumerate(deadlines):
        if n:
            text.append("\n")
        if overdue(deadline, today):
            text.append(terminal_text(describe(deadline)) + " — просрочен", style=OVERDUE_STYLE)
        else:
            text.append(terminal_text(describe(deadline)))
    return text


def _text(value: str, style: str = "") -> Any:
    """A rich Text of document text with its control characters escaped."""
    from rich.text import Text

    return Text(terminal_text(value), style=style)
