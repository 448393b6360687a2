"""Helpers for the structure tests: parse texts in memory, docx built with python-docx."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from protokol.model import Block, Document, Options
from protokol.pipeline import parse
from protokol.readers import read


def parse_lines(*lines: str, date: dt.date | None = None, rules: str = "none"):
    blocks = tuple(Block(text, n) for n, text in enumerate(lines, 1))
    return parse(Document("mem.txt", "txt", "0" * 64, blocks), Options(date=date, rules=rules))


def parse_file(path, date: dt.date | None = None):
    return parse(read(path), Options(date=date, rules="none"))


def by_id(result):
    return {d.id: d for s in result.sections for d in s.directives}


@pytest.fixture
def write_txt(tmp_path):
    def write(text: str, name: str = "doc.txt"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def docx_file(tmp_path):
    """Build a .docx: `parts` are paragraphs (str) and tables (lists of rows of cells);
    a cell None is merged into the cell to its left."""
    import docx

    def build(*parts, name: str = "doc.docx"):
        document = docx.Document()
        for part in parts:
            if isinstance(part, str):
                document.add_paragraph(part)
                continue
            width = max(len(row) for row in part)
            table = document.add_table(rows=len(part), cols=width)
            for r, row in enumerate(part):
                for c, text in enumerate(row):
                    if text is None:
                        table.cell(r, c - 1).merge(table.cell(r, c))
                    elif text:
                        cell = table.cell(r, c)
                        lines = text.split("\n")
                        cell.paragraphs[0].text = lines[0]
                        for more in lines[1:]:
                            cell.add_paragraph(more)
        path = tmp_path / name
        buffer = io.BytesIO()
        document.save(buffer)
        path.write_bytes(buffer.getvalue())
        return path
    return build
