"""The terminal view (rich, imported only here), rendered to a string.

Options: width (columns, default 120), color (ANSI colours and bold, default off),
today (a date: once/relative/period deadlines due before it are shown bold red and
marked "просрочен"; default None, so the output never depends on the clock).
The environment (COLUMNS, NO_COLOR, FORCE_COLOR, TERM) is ignored: same input, same text.
Every text from the document goes through output.safe.terminal_text, so an escape sequence
in a PDF's text layer or a file name is shown as \\x1b..., never sent to the terminal.

The table fits `width` without splitting a word: cells are wrapped here (fit(), at spaces
and after hyphens), the text column is made at least as wide as the longest word it holds
and a word wider than its cell is shortened with an ellipsis. The item's kind is written
under its id when it is not a task ("к сведению", "группа"); Исполнители shows the
executors (contract 1.1) or the addressees shortened (agenda.executors), and "то же" when
an item has the same ones as the item above it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

from protokol.model import Deadline, Directive, ParseResult, Section
from protokol.output.humanize import DIRECTIVE_KIND_RU, act_label, describe, parse_iso
from protokol.output.safe import terminal_text

OVERDUE_KINDS = frozenset({"once", "relative", "period"})
OVERDUE_STYLE = "bold red"
COLUMNS = ("Пункт", "Поручение", "Исполнители", "Срок")
SAME = "то же"
_LINK = re.compile(r"://|@|^www\.")


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
    console.print(_text(act_label(p.act, p.number, p.date), style="bold"))
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
    who = [_executors(d) for d in section.directives]
    longest = max((len(w) for d in section.directives for w in _words(d.text)), default=10)
    sizes = column_widths(width, ids, longest, max((len(w) for x in who for w in _words(x)), default=0))
    table = Table(box=box.SQUARE, show_lines=True)
    for name, size in zip(COLUMNS, sizes):
        table.add_column(name, width=size, overflow="crop", no_wrap=True)
    previous: str | None = None
    for directive, names in zip(section.directives, who):
        table.add_row(*_cells(directive, today, sizes, SAME if names and names == previous else names))
        previous = names
    return table


def column_widths(width: int, ids: int, longest: int = 0, longest_who: int = 0) -> tuple[int, ...]:
    """Content widths of Пункт, Поручение, Исполнители, Срок for a `width`-wide table
    (5 border columns, 2 padding cells per column): the item fits its id and "к сведению",
    the text and the executors at least their longest word (each up to half the room
    left), the deadline 14 to 28."""
    inner = max(width - 5 - 2 * len(COLUMNS), 44)
    item = max(ids, len(DIRECTIVE_KIND_RU["note"]))
    due = min(28, max(14, inner // 4))
    rest = inner - item - due
    who = max(rest * 2 // 5, min(longest_who, rest // 2))
    text = max(rest - who, min(longest, rest // 2))
    return item, text, rest - text, due


def fit(text: str, width: int, lines: int | None = None) -> str:
    """`text` wrapped to `width` at spaces and after hyphens, never inside a word: a word
    wider than `width` is shortened with an ellipsis (a web or mail address is folded
    instead, when `lines` is not given), and past `lines` lines the last one ends with an
    ellipsis. The text's own line breaks are kept."""
    import textwrap

    if width < 2:
        return text[:width]
    wrapped: list[str] = []
    for line in text.split("\n"):
        for part in textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=True) or [""]:
            if len(part) <= width:
                wrapped.append(part)
            elif lines is None and _LINK.search(part):  # an address is folded, to be copied whole
                wrapped += [part[i:i + width] for i in range(0, len(part), width)]
            else:
                wrapped.append(part[:width - 1] + "…")
    if lines is not None and len(wrapped) > lines:
        wrapped = wrapped[:lines]
        last = wrapped[-1]
        while last and len(last) + 1 > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:width - 1]
        wrapped[-1] = last.rstrip(" ,;:-") + "…"
    return "\n".join(wrapped)


def _words(text: str) -> list[str]:
    return [w for part in text.split() for w in re.split(r"(?<=-)", part) if w]


def _executors(directive: Directive) -> str:
    from protokol.agenda.executors import executor_names

    return "; ".join(executor_names(directive))


def _cells(directive: Directive, today: dt.date | None, sizes: Sequence[int], who: str) -> list[Any]:
    kind = DIRECTIVE_KIND_RU.get(directive.kind, directive.kind)
    item = directive.id if directive.kind == "task" else f"{directive.id}\n{kind}"
    return [_text(fit(item, sizes[0])), _text(fit(terminal_text(directive.text), sizes[1])),
            _text(fit(terminal_text(who), sizes[2])), _deadlines(directive.deadlines, today, sizes[3])]


def _deadlines(deadlines: Sequence[Deadline], today: dt.date | None, size: int) -> Any:
    from rich.text import Text

    text = Text()
    for n, deadline in enumerate(deadlines):
        if n:
            text.append("\n")
        if overdue(deadline, today):
            text.append(fit(terminal_text(describe(deadline)) + " — просрочен", size), style=OVERDUE_STYLE)
        else:
            text.append(fit(terminal_text(describe(deadline)), size))
    return text


def _text(value: str, style: str = "") -> Any:
    """A rich Text of document text with its control characters escaped."""
    from rich.text import Text

    return Text(terminal_text(value), style=style)
