"""Decisions written as a table: one directive per row.

A table is one of decisions when a row of short header cells names a column of the
decision ("Мероприятие", "Наименование мероприятия", "Поручение", "Содержание") and a
column of its deadline ("Срок", "Срок исполнения") or of who answers for it
("Ответственный", "Ответственные исполнители", "Исполнитель"), in any order; a "№ п/п"
column gives the item numbers. The header may repeat (on every page); a row of column
numbers ("1 2 3 4") is skipped; a row with an empty № continues the row before it (a
row split across pages); a row that only holds a heading in its first cell
("2. Организационные мероприятия") heads the rows numbered under it. A table with no
header whose rows are numbered and hold a column of deadlines is one too
(structure/table_columns.py). Any other table (of a .docx, or tab-separated lines of a
.txt) with no such header is read as paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from protokol.model import Block
from protokol.structure.labels import Label, label_from_word, split_label
from protokol.structure.markers import markers
from protokol.structure.table_columns import guess_roles

ROLES = ("number", "text", "deadline", "responsible")
_PARAGRAPH = "\n"  # between a cell's paragraphs where the first closes with a bracket
NUMBER = re.compile(r"^(?P<num>\d{1,6}(?:\.\d{1,6}){0,19})\.?$")
COLUMN_NUMBERS = re.compile(r"^\d{1,2}\.?$")
MAX_HEADER_CELL = 80
# "Соисполнители": a column of co-executors beside the Ответственный one
CO_HEADER = re.compile(r"^со-?исполнител[ьи]\b", re.I)


@dataclass
class Row:
    cells: dict[int, str]  # column -> text
    block: Block  # the row's first block (its location)
    blocks: dict[int, Block] = field(default_factory=dict)  # column -> its first block


@dataclass(frozen=True, slots=True)
class TableRow:
    """One directive of a table: its label, text and the Срок and Ответственный cells."""

    label: Label | None
    text: str
    block: Block
    deadline: str = ""
    responsible: str = ""
    co: str = ""  # its Соисполнители cell


def is_table_block(block: Block) -> bool:
    return block.cell is not None or bool(block.cells)


def rows_of(blocks: list[Block]) -> list[list[Row]]:
    """The blocks of consecutive table paragraphs (or tab-separated lines) as rows,
    one list per table."""
    tables: list[list[Row]] = []
    last_key: tuple[int, int] | None = None
    last_table: int | None = None
    for n, block in enumerate(blocks):
        if block.cell is not None:
            table, row, column = block.cell
            key = (table, row)
            if key != last_key:
                if table != last_table:
                    tables.append([])
                tables[-1].append(Row({}, block))
            current = tables[-1][-1]
            text = f"{block.number_label} {block.text}".strip() if block.number_label else block.text
            if column in current.cells:  # a cell's next paragraph; after "(Сидоров С.С.)" an entry of its own (_by_role)
                text = f"{current.cells[column]}{_PARAGRAPH if current.cells[column].endswith(')') else ' '}{text}"
            current.cells[column] = text
            current.blocks.setdefault(column, block)
            last_key, last_table = key, table
        else:
            if last_table != -1:
                tables.append([])
            tables[-1].append(Row({i: c for i, c in enumerate(block.cells, 1) if c},
                                  block, {i: block for i in range(1, len(block.cells) + 1)}))
            last_key, last_table = None, -1
    return tables


def header_roles(row: Row) -> dict[int, str] | None:
    """Column -> role when the row is a header of a table of decisions."""
    mk = markers()
    roles: dict[int, str] = {}  # "" for a column of something else ("Примечание")
    for column, text in row.cells.items():
        text = text.strip(" :.")
        if len(text) > MAX_HEADER_CELL:
            return None
        roles[column] = next((role for role in ROLES if role not in roles.values()
                              and mk[f"table_{role}"].match(text)), "")
        if not roles[column] and "co" not in roles.values() and CO_HEADER.match(text):
            roles[column] = "co"
    found = set(roles.values())
    return roles if "text" in found and found & {"deadline", "responsible"} else None


def table_rows(tables: list[list[Row]]) -> list[TableRow] | None:
    """The directives of tables of decisions; None when no table has a header."""
    out: list[TableRow] = []
    roles: dict[int, str] | None = None
    found = False
    for rows in tables:
        headers = [header_roles(row) for row in rows]
        guessed = None if roles is not None or any(h is not None for h in headers) else guess_roles(rows)
        if guessed is not None:  # numbered rows with a deadline column and no header row
            found = True
            for row in rows:
                _add(out, row, guessed)
            continue
        for row, header in zip(rows, headers):
            if header is not None:
                roles, found = header, True
                continue
            if roles is None or _column_numbers(row):
                continue
            _add(out, row, roles)
    return out if found else None


def _column_numbers(row: Row) -> bool:
    texts = [t for t in row.cells.values() if t]
    return len(texts) > 1 and all(COLUMN_NUMBERS.match(t) for t in texts)


def _by_role(row: Row, roles: dict[int, str]) -> tuple[dict[str, str], Block]:
    columns = sorted(roles)
    out: dict[str, str] = {}
    block = row.block
    for column, text in sorted(row.cells.items()):
        # a merged cell starts in a grid column of the header or to the right of one
        at = max((c for c in columns if c <= column), default=columns[0])
        role = roles[at]
        if not role:
            continue
        if role == "text" and column in row.blocks:
            block = row.blocks[column] if "text" not in out else block
        # "Управление ЖКХ (Сидоров С.С.)" over "МУП «…»" in one cell: two who answer; a text goes on
        text = text.replace(_PARAGRAPH, ", " if role in ("responsible", "co") else " ")
        # two columns under one heading ("организация", "Ф.И.О."): two people or bodies
        out[role] = (f"{out[role]}, {text}" if role in ("responsible", "co") else f"{out[role]} {text}") if role in out else text
    return out, block


def _add(out: list[TableRow], row: Row, roles: dict[int, str]) -> None:
    cells, block = _by_role(row, roles)
    number = cells.get("number", "").strip()
    text = cells.get("text", "").strip()
    deadline, responsible = cells.get("deadline", "").strip(), cells.get("responsible", "").strip()
    co = cells.get("co", "").strip()
    if not (number or text or deadline or responsible):
        return
    has_numbers = "number" in roles.values()
    label = _label(number) if number else None
    if number and label is None and not (text or deadline or responsible):
        heading, rest = split_label(number)  # "2. Организационные мероприятия" across the row
        if heading is not None and heading.kind in ("arabic", "roman"):
            out.append(TableRow(heading, rest.strip(), block))
        return
    if not number and not text and not out:  # a second header row ("организация | Ф.И.О.")
        return
    if has_numbers and not number and out:  # a row split across pages continues the row before
        prev = out[-1]
        out[-1] = TableRow(prev.label, _join(prev.text, text), prev.block, _join(prev.deadline, deadline),
                           _join(prev.responsible, responsible), _join(prev.co, co))
        return
    if label is None:
        label, rest = split_label(text)
        text = rest.strip() if label is not None else text
    out.append(TableRow(label or Label("bullet", "-"), text, block, deadline, responsible, co))


def _label(number: str) -> Label | None:
    m = NUMBER.match(number)
    if m:
        path = tuple(int(p) for p in m["num"].split("."))
        return Label("arabic", m["num"], path) if all(path) else None
    return label_from_word(number)


def _join(a: str, b: str) -> str:
    return f"{a} {b}".strip() if b else a
