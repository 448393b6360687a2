"""The agenda as a terminal table (rich), fitted to `width` like the parse table: no word
split, long texts shortened with an ellipsis (the full texts are in json). One row per
occurrence: Срок (day, time, status), Протокол (number, date, item), Исполнитель,
Поручение (its first words and the deadline as written). With a grouping, one heading
and one table per group."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from itertools import groupby
from typing import Any

from protokol.agenda.collect import STATUS_RU, Occurrence, protocol_label
from protokol.output.humanize import zone_label
from protokol.output.safe import terminal_text
from protokol.output.table import fit

COLUMNS = ("Срок", "Протокол", "Исполнитель", "Поручение")
STATUS_STYLE = {"overdue": "bold red", "today": "bold yellow", "this_week": "yellow", "later": ""}
GROUP_RU = {"executor": "Исполнитель", "protocol": "Протокол", "date": "Дата"}


def render(items: Sequence[Occurrence], *, width: int = 120, color: bool = False, group_by: str | None = None,
           heading: str = "", **_: Any) -> str:
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, width=width, color_system="standard" if color else None, force_terminal=color,
                      no_color=not color, highlight=False, markup=False, emoji=False, soft_wrap=False, _environ={})
    if heading:
        console.print(_text(heading, "bold"))
    if not items:
        console.print(_text("Сроков в этом окне нет."))
    sizes = column_widths(width)
    for key, group in groupby(items, key=lambda o: o.group(group_by)):
        if group_by:
            console.print()
            label = _date_label(key) if group_by == "date" else key
            console.print(_text(f"{GROUP_RU[group_by]}: {label}", "bold"))
        console.print(_table(list(group), sizes))
    text = out.getvalue()
    return text if color else "".join(line.rstrip() + "\n" for line in text.splitlines())


def column_widths(width: int) -> tuple[int, int, int, int]:
    """Срок 10, Протокол 13, Исполнитель a fifth of the rest (at least 16), Поручение the rest."""
    inner = max(width - 5 - 2 * len(COLUMNS), 60)
    when, protocol = 10, 13
    who = max(16, (inner - when - protocol) * 2 // 7)
    return when, protocol, who, inner - when - protocol - who


def _table(items: list[Occurrence], sizes: tuple[int, int, int, int]) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SQUARE, show_lines=True)
    for name, size in zip(COLUMNS, sizes):
        table.add_column(name, width=size, no_wrap=True, overflow="crop")
    for o in items:
        table.add_row(_when(o, sizes[0]), _text(fit(_protocol(o), sizes[1], 3)),
                      _text(fit(o.executor or "—", sizes[2], 3)), _task(o, sizes[3]))
    return table


def _when(o: Occurrence, size: int) -> Any:
    from rich.text import Text

    text = Text(o.date.strftime("%d.%m.%Y"))
    if o.time:
        zone = zone_label(o.deadline.get("timezone"))
        text.append("\n" + fit(f"{o.time} {zone}".strip(), size, 1))
    text.append("\n" + STATUS_RU[o.status], style=STATUS_STYLE[o.status])
    return text


def _protocol(o: Occurrence) -> str:
    label = protocol_label(o.protocol_number, o.protocol_date).removeprefix("№ ") or o.source
    return f"{label}\nп. {o.item}"


def _task(o: Occurrence, size: int) -> Any:
    from rich.text import Text

    text = Text(fit(terminal_text(o.text), size, 2))
    written = " ".join(str(o.deadline.get("text") or "").split())
    text.append("\n" + fit(terminal_text(f"Срок: {written}"), size, 1), style="italic")
    return text


def _text(value: str, style: str = "") -> Any:
    from rich.text import Text

    return Text(terminal_text(value), style=style)


def _date_label(key: str) -> str:
    day = dt.date.fromisoformat(key)
    return day.strftime("%d.%m.%Y") + " " + ("пн", "вт", "ср", "чт", "пт", "сб", "вс")[day.weekday()]
