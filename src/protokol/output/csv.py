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
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from protokol.model import Deadline, ParseResult
from protokol.output.register import COLUMNS, DATE_COLUMNS, Cell, Resolve, Row, entries
from protokol.output.safe import spreadsheet_text

BOM = "\ufeff"
_DATE_AT = tuple(i for i, name in enumerate(COLUMNS) if name in DATE_COLUMNS)
_REFERENCES_AT = COLUMNS.index("Ссылки на документы")
OPEN = "\x04"  # a field filled in later (never in a field: control characters are escaped)


def render(results: Sequence[ParseResult], *, excel: bool = False, all_kinds: bool = False,
           resolve: Resolve | None = None, **_: Any) -> str:
    return header(excel) + numbered(row_texts(results, excel, all_kinds, resolve))


def header(excel: bool = False) -> str:
    """The start of the file: the BOM (excel) and the header line."""
    return (BOM if excel else "") + _text([list(COLUMNS)], excel)


def row_texts(results: Sequence[ParseResult], excel: bool = False, all_kinds: bool = False,
              resolve: Resolve | None = None) -> list[str]:
    """Each register row of `results` as its CSV text less the № cell (which `numbered`
    puts in front): results rendered one by one and numbered together (batch's
    directives.csv) give the text of rendering them together."""
    return texts_of(entries(results, all_kinds, resolve), excel)


def texts_of(rows: Iterable[Row], excel: bool = False, left_open: Callable[[Row], bool] | None = None) -> list[str]:
    """row_texts of register rows (output/register.py's entries); a row `left_open` has
    OPEN in place of its "Ссылки на документы" field (field_text fills it in)."""
    out = io.StringIO()
    writer = _writer(out, excel)
    sizes = []
    for row in rows:
        fields = _row(row.cells, row.deadline, excel)
        if left_open is not None and left_open(row):
            fields[_REFERENCES_AT] = OPEN
        sizes.append(writer.writerow(["", *fields[1:]]))
    text, texts, at = out.getvalue(), [], 0
    for size in sizes:
        texts.append(text[at:at + size])
        at += size
    return texts


def field_text(value: str, excel: bool = False) -> str:
    """One text field as a row writes it (quoted when it must be)."""
    out = io.StringIO()
    _writer(out, excel).writerow(["", spreadsheet_text(value)])
    return out.getvalue()[1:-2]


def numbered(texts: Sequence[str], first: int = 1) -> str:
    """Rows of row_texts with the № cell, counted from `first`."""
    return "".join(f"{n}{text}" for n, text in enumerate(texts, first))


def _text(rows: list[list[str]], excel: bool) -> str:
    out = io.StringIO()
    _writer(out, excel).writerows(rows)
    return out.getvalue()


def _writer(out: io.StringIO, excel: bool) -> Any:
    return csv.writer(out, delimiter=";" if excel else ",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


def _row(cells: tuple[Cell, ...], deadline: Deadline | None, excel: bool) -> list[str]:
    row = [spreadsheet_text(v) if isinstance(v, str) else "" if v is None else str(v) for v in cells]
    for i in _DATE_AT:
        row[i] = _date(cells[i], _written(deadline, COLUMNS[i]), excel)
    return row


def _written(deadline: Deadline | None, column: str) -> str | None:
    """The contract's own ISO string behind a due-date cell (keeps the UTC offset)."""
    if deadline is None:
        return None
    if column == "Срок с учётом выходных":
        return deadline.effective_due or deadline.due
    if column == "Дата срока":
        return deadline.due
    return None


def _date(value: Cell, iso: str | None, excel: bool) -> str:
    if value is None:
        return ""
    assert isinstance(value, dt.date)
    if not excel:
        return iso or value.isoformat()
    if isinstance(value, dt.datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    return value.strftime("%d.%m.%Y")
