"""Worksheet rows as SpreadsheetML text, written without openpyxl (no per-cell objects).

    row_xml(cells, styles)   '<row r="\\x00"><c r="A\\x00" s="2" t="n"><v>1</v></c>...</row>'

Each row is the text openpyxl writes for the same cells (a test compares them byte for
byte): text as an inline string cell (never a formula: "=..." stays text), a date or a
time as Excel's serial number, an empty cell kept for its style. Written before the row's
place is known, the row number is ROW ("\\x00", never in a cell: control characters are
dropped) and the register's "№" is NUMBER; `placed` fills both in. A style is an index
into STYLES (the workbook's cell styles in that order, protokol.output.xlsx_book), or
ZONED: a time with its zone's label in the number format, whose style is only known once
the workbook's labels are (`placed` takes their indices).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

ROW = "\x00"
NUMBER = "\x01"
ZONED = re.compile("\x02([^\x03]*)\x03")  # s="\x02<label>\x03": a time whose format names its zone
# the cell styles every workbook of protokol has, in this order (index 1 on: 0 is the default)
STYLES = ("head", "top", "wrap", "date", "time", "wrap-date", "bold")
STYLE_ID = {name: index for index, name in enumerate(STYLES, 1)}
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}  # "&" first
EPOCH = dt.datetime(1899, 12, 30)
LETTERS = [""]  # LETTERS[n]: the letters of column n (1-based)


def letter(col: int) -> str:
    """Column number -> letters (1 -> "A", 27 -> "AA"), as openpyxl's get_column_letter."""
    while len(LETTERS) <= col:
        n, name = len(LETTERS), ""
        while n:
            n, rest = divmod(n - 1, 26)
            name = chr(65 + rest) + name
        LETTERS.append(name)
    return LETTERS[col]


def clean(value: Any) -> Any:
    """Excel refuses control characters (a docx may hold a vertical tab): drop them; "" -> None."""
    if not isinstance(value, str):
        return value
    return ILLEGAL.sub("", value) or None


def shown_width(value: Any) -> int:
    """The width a value takes in its column: its longest line (a time 20, a date 10)."""
    if isinstance(value, dt.datetime):
        return 20
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)


def serial(value: dt.date) -> float:
    """Excel's serial number of a date or a naive time (openpyxl.utils.datetime.to_excel)."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    days = (moment - EPOCH).days
    if 0 < days <= 60:  # Excel's 29 February 1900
        days -= 1
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond * 10**-6
    return days + seconds / 86400


def _escaped(text: str) -> str:
    """Text as lxml writes it in openpyxl's sheets: & < > and CR escaped, every character
    beyond ASCII as a decimal character reference."""
    for char, entity in _ENTITIES.items():
        if char in text:
            text = text.replace(char, entity)
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def cell_xml(col: int, value: Any, style: int | str | None, number: bool = False) -> str:
    """One cell of a row (the row number left as ROW); `style` a STYLES index, a zone label
    (a ZONED time) or None; `number`: the register's "№" (NUMBER)."""
    at = f'<c r="{letter(col)}{ROW}"'
    if isinstance(style, int):
        at += f' s="{style}"'
    elif style is not None:
        at += f' s="\x02{style}\x03"'
    if number:
        return f'{at} t="n"><v>{NUMBER}</v></c>'
    if value is None:
        return f'{at} t="n"></c>'
    if isinstance(value, str):
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'{at} t="inlineStr"><is><t{space}>{_escaped(value)}</t></is></c>'
    if isinstance(value, dt.date):
        value = serial(value)
    return f'{at} t="n"><v>{"%.16g" % value}</v></c>'


def row_xml(cells: Sequence[str]) -> str:
    return f'<row r="{ROW}">{"".join(cells)}</row>'


def placed(template: str, row: int, zones: Mapping[str, int] | None = None) -> str:
    """A row written by row_xml at its place: row number `row` (its "№" row - 1); the style
    index of each ZONED label from `zones`."""
    text = template.replace(ROW, str(row))
    if NUMBER in text:
        text = text.replace(NUMBER, str(row - 1))
    if "\x02" in text:
        assert zones is not None
        text = ZONED.sub(lambda m: str(zones[m.group(1)]), text)
    return text


def zoned_labels(template: str) -> list[str]:
    """The zone labels a row's ZONED times name, in order."""
    return ZONED.findall(template) if "\x02" in template else []
