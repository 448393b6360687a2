"""The documents of shapes/ that a word processor holds, built from their text.

``NAME.docx.src``, ``NAME.odt.src`` and ``NAME.rtf.src`` are text in the shape
tests/formats/txt2docx.py reads (typed labels "1.", "2.1.", "1)", "а)", "-" become Word's
automatic numbering, restarted lists included); a run of lines with " | " between cells
becomes one Word table: a cell "<" is merged with the cell on its left (a heading row across
the table), a cell "^" with the cell above it (one Ответственный for two rows), and " // "
inside a cell starts a new paragraph of that cell (a Срок cell on two lines). The .odt and the .rtf are what LibreOffice makes of that .docx
(for the .rtf, with restarted lists kept as lists of their own: its .rtf export drops a
w:startOverride), so reading them goes through LibreOffice twice, as a real .odt does.
"""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
from functools import cache
from pathlib import Path

from tests.formats.txt2docx import txt_to_docx

SUFFIX = ".src"
TABLE = "TABLE#"  # a paragraph standing for the table of that index


def build_docx(text: str, restart: str = "override") -> bytes:
    import docx

    tables: list[list[list[str]]] = []
    lines: list[str] = []
    for line in text.splitlines():
        if " | " in line:
            if not lines or not lines[-1].startswith(TABLE):
                tables.append([])
                lines.append(f"{TABLE}{len(tables) - 1}")
            tables[-1].append([cell.strip() for cell in line.split(" | ")])
        else:
            lines.append(line)
    doc = docx.Document(io.BytesIO(txt_to_docx("\n".join(lines), restart)))
    for para in list(doc.paragraphs):
        if para.text.startswith(TABLE):  # the table in the paragraph's place
            rows = tables[int(para.text[len(TABLE):])]
            table = doc.add_table(rows=len(rows), cols=max(map(len, rows)))
            for row, cells in zip(table.rows, rows):
                for cell, value in zip(row.cells, cells):
                    first, *more = value.split(" // ")
                    cell.text = "" if value in ("<", "^") else first
                    for line in more:
                        cell.add_paragraph(line)
            _merge(table, rows)
            para._p.addprevious(table._tbl)
            para._p.getparent().remove(para._p)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _merge(table, rows: list[list[str]]) -> None:  # type: ignore[no-untyped-def]
    """Merge each "<" cell into the cell on its left, each "^" cell into the one above."""
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if value == "<":
                table.cell(r, c - 1).merge(table.cell(r, c))
            elif value == "^":
                table.cell(r - 1, c).merge(table.cell(r, c))


@cache
def _folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="protokol-shapes-"))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def sources(folder: Path) -> dict[str, Path]:
    """document name ("41_x.docx") -> its text source."""
    return {p.name[: -len(SUFFIX)]: p for p in sorted(folder.glob(f"*{SUFFIX}"))}


@cache
def built(folder: Path, fmt: str) -> dict[str, Path]:
    """document name -> the built file, for every source of format `fmt` (docx, odt, rtf):
    one LibreOffice start for all the files of one format."""
    names = [name for name in sources(folder) if name.endswith("." + fmt)]
    out = _folder() / fmt
    out.mkdir(exist_ok=True)
    for name in names:
        text = sources(folder)[name].read_text(encoding="utf-8")
        (out / (name[: -len(fmt)] + "docx")).write_bytes(build_docx(text, "abstract" if fmt == "rtf" else "override"))
    if fmt != "docx" and names:
        from tests.formats.conftest import _soffice

        exe = shutil.which("soffice")
        assert exe, "LibreOffice is needed to build the .odt and .rtf documents: apt-get install libreoffice-writer-nogui"
        _soffice(exe, fmt, sorted(out.glob("*.docx")), out, _folder() / "profile")
    return {name: out / name for name in names}


def path(folder: Path, name: str) -> Path:
    """The file of document `name`: shapes/ holds it, or it is built from its source."""
    if (folder / name).is_file():
        return folder / name
    return built(folder, name.rsplit(".", 1)[-1])[name]
