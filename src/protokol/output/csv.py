"""The control register as CSV: the xlsx register's columns (output/register.py).

Default: UTF-8, comma, RFC 4180 quoting (CRLF line ends, quotes doubled), ISO dates
(a time keeps its offset: "2023-08-20T09:00:00+03:00"). `excel=True`: a UTF-8 BOM,
";" and dd.mm.yyyy [HH:MM] dates, which Excel with a Russian locale opens as is.

Every text cell goes through output.safe.spreadsheet_text: one that would start a formula
(= + - @, tab, CR) gets a leading apostrophe (OWASP), control characters are escaped.

The result is text with CRLF line ends: write it with newline="" (no translation).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from protokol.model import Deadline, ParseResult
from protokol.output.register import COLUMNS, DATE_COLUMNS, Cell, entries
from protokol.output.safe import spreadsheet_text

BOM = "\ufeff"
_DATE_AT = tuple(i for i, name in enumerate(COLUMNS) if name in DATE_COLUMNS)


def render(results: Sequence[ParseResult], *, excel: bool = False, **_: Any) -> str:
    return header(excel) + rows_text(cells_of(results, excel), excel)


def header(excel: bool = False) -> str:
    """The start of the file: the BOM (excel) and the header line."""
    return (BOM if excel else "") + _text([list(COLUMNS)], excel)


def cells_of(results: Sequence[ParseResult], excel: bool = False) -> list[list[str]]:
    """Every register row of `results` as the text cells written, numbered from 1."""
    return [_row(cells, deadline, excel) for cells, deadline in entries(results)]


def rows_text(rows: Sequence[Sequence[str]], excel: bool = False, first: int = 1) -> str:
    """Rows of cells_of as CSV lines, the № column counted from `first`: results rendered
    one by one and joined (batch's directives.csv) give the text of rendering them together."""
    return _text([[str(n), *row[1:]] for n, row in enumerate(rows, first)], excel)


def _text(rows: list[list[str]], excel: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if excel else ",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerows(rows)
    return out.getvalue()


def _row(cells: tuple[Cell, ...], deadline: Deadline | None, excel: bool) -> list[str]:
    row = [spreadsheet_text(v) if isinstance(v, str) else "" if v is None else str(v) for v in cells]
    for i in _DATE_AT:
        row[i] = _date(cells[i], _written(deadline, COLUMNS[i]), excel)
    return row


def _written(deadline: Deadline | None, column: str) -> str | None:
    """The contract's own ISO string behind a date cell (keeps the UTC offset)."""
    if deadline is None:
        return None
    if column == "Фактический срок":
        return deadline.effective_due or deadline.due
    return deadline.due


def _date(value: Cell, iso: str | None, excel: bool) -> str:
    if value is None:
        return ""
    if not excel:
        return iso or str(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    assert isinstance(value, dt.date)
    return value.strftime("%d.%m.%Y")
