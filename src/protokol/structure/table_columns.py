"""The columns of a table of decisions that has no header row: a table whose every row
starts with the next item number ("3 | Провести приёмку лагерей | Роспотребнадзор | с 20 по
25 мая"), as a list of decisions continued as a table, or a table whose header was left out.

Such a table is one of decisions only when, beside the numbers, one column holds deadlines
in every row that fills it (each cell read whole as a deadline: "до 01.06.2026",
"постоянно", "ежемесячно до 5 числа") and another holds text. The text is the first column
after the numbers (as in every such table), the next other column, if any, who answers. A
table of attendees, of figures or of anything else has no such deadline column and stays
paragraphs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from protokol.structure.tables import Row

MAX_DEADLINE_CELL = 80
NUMBER = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3}){0,4})\.?$")
# a deadline cell has words or a whole date: a bare "2025" or "100,0" is a figure
WORDED = re.compile(r"[а-яё]{2}|\d{1,2}\.\d{1,2}\.\d{2,4}", re.I)


def guess_roles(rows: list[Row]) -> dict[int, str] | None:
    """Column -> role ("number", "text", "deadline", "responsible", "" for others) when the
    rows are numbered decisions with a deadline column; None otherwise."""
    number = _numbers(rows)
    if number is None:
        return None
    columns = sorted({c for row in rows for c in row.cells if c != number})
    if len(columns) < 2:
        return None
    deadline = next((c for c in reversed(columns) if _deadlines(rows, c)), None)
    if deadline is None:
        return None
    rest = [c for c in columns if c != deadline]
    text = rest[0]
    if not all(WORDED.search(row.cells.get(text, "")) for row in rows):
        return None
    roles = {c: "" for c in columns}
    roles.update({number: "number", deadline: "deadline", text: "text"})
    answer = next((c for c in rest if c != text), None)
    if answer is not None:
        roles[answer] = "responsible"
    return roles


def _numbers(rows: list[Row]) -> int | None:
    """The column of item numbers: every row's first cell, in one column, holds a number
    after the one of the row before, and two more cells."""
    last: tuple[int, ...] = ()
    column = min(rows[0].cells) if rows and rows[0].cells else None
    for row in rows:
        if len(row.cells) < 3 or min(row.cells) != column:
            return None
        m = NUMBER.match(row.cells[column].strip())
        path = tuple(int(p) for p in m["num"].split(".")) if m else ()
        if not path or path <= last or not all(path):
            return None
        last = path
    return column


def _deadlines(rows: list[Row], column: int) -> bool:
    """Every filled cell of the column reads as deadlines (at least half of it), and some cell
    is filled."""
    from protokol.deadlines import read_deadline

    cells = [text for row in rows if (text := row.cells.get(column, "").strip())]
    return bool(cells) and all(len(text) <= MAX_DEADLINE_CELL and WORDED.search(text)
                               and (found := read_deadline(text, None))
                               and all(d.kind != "unparsed" for d in found)
                               and 2 * sum(len(d.text) for d in found) >= len(text) for text in cells)
