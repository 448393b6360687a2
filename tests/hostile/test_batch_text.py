"""What batch writes for people and programs: the manifest's outcomes, the terminal, spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from protokol.output.safe import FORMULA_START
from tests.batch.conftest import small_protocol
from tests.hostile.conftest import cli

FORMULA_NAMES = ['=HYPERLINK("http:example.invalid","открыть").txt', "+1+2.txt", "-2+3.txt", "@SUM(1).txt"]


def formula_protocol(n: int) -> str:
    """A protocol whose addressee cells start like formulas."""
    return small_protocol(n).replace("2. Органам исполнительной", "2. -Органам исполнительной")


def manifest(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def test_rerun_keeps_the_outcome_and_says_it_was_reused(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    for _ in range(2):
        proc = cli("batch", str(root), "-o", str(out), "-q", timeout=30)
        assert proc.returncode == 1 and proc.stderr == ""
    records = {r["path"]: r for r in manifest(out)}
    assert (records["a.txt"]["status"], records["a.txt"]["reused"]) == ("ok", True)
    assert (records["empty.txt"]["status"], records["empty.txt"]["reused"]) == ("failed", False)  # retried
    assert [r["path"] for r in manifest(out) if r["status"] == "ok"] == ["a.txt"]  # jq 'select(.status=="ok")'


def test_names_with_escape_sequences_are_printed_escaped(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    title = "\x1b]0;owned\x07"
    (root / f"{title}dir").mkdir(parents=True)
    (root / f"{title}dir" / f"{title}.txt").write_bytes(b"")  # fails: listed in the summary
    os.symlink("..", root / f"{title}dir" / f"loop{title}")  # a warning
    (tmp_path / "outside.txt").write_text(small_protocol(2), encoding="utf-8")
    (root / f"link{title}.txt").symlink_to(tmp_path / "outside.txt")  # a skipped link, also a warning
    proc = cli("batch", str(root), "-o", str(out), timeout=30)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert any(line.startswith("  failed: \\x1b]0;owned\\x07dir/") for line in lines), lines
    assert sum("warning:" in line and "\\x1b]0;owned\\x07" in line for line in lines) == 2, lines


def _cells_of_csv(text: str, delimiter: str = ",") -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for cell in row]


def test_combined_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    for n, name in enumerate(FORMULA_NAMES):
        (root / name).write_text(formula_protocol(n), encoding="utf-8")
    proc = cli("batch", str(root), "-o", str(out), "-q", timeout=30)
    assert proc.returncode == 0, proc.stderr
    cells = _cells_of_csv((out / "directives.csv").read_text(encoding="utf-8-sig"), ";")  # the Excel flavour
    assert cells and not [c for c in cells if c.startswith(FORMULA_START)]
    assert "'" + FORMULA_NAMES[0] in cells


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_register_of_each_file_holds_no_formula(tmp_path: Path, fmt: str) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    for n, name in enumerate(FORMULA_NAMES):
        (root / name).write_text(formula_protocol(n), encoding="utf-8")
    proc = cli("batch", str(root), "-o", str(out), "-q", "--format", fmt, timeout=30)
    assert proc.returncode == 0, proc.stderr
    for name in FORMULA_NAMES:
        path = out / f"{name}.{fmt}"
        if fmt == "csv":
            cells = _cells_of_csv(path.read_text(encoding="utf-8"))
            assert not [c for c in cells if c.startswith(FORMULA_START)], cells
            assert "'" + name in cells
        else:
            with zipfile.ZipFile(path) as book:
                sheets = [book.read(n).decode("utf-8") for n in book.namelist() if n.startswith("xl/worksheets/")]
                strings = book.read("xl/sharedStrings.xml").decode("utf-8") if "xl/sharedStrings.xml" in \
                    book.namelist() else ""
            assert sheets and not any("<f>" in sheet or "<f " in sheet for sheet in sheets)
            assert name.split("(")[0] in strings + "".join(sheets)  # kept, as text
