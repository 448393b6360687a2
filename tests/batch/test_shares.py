"""The archive's register, calendar and references put together from each worker's share
(output/pieces.py, output/assembly.py) are what rendering every result together gives."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import orjson
import pytest

from protokol.batch import BatchConfig, run
from protokol.batch.names import SHARE
from protokol.output import archive
from protokol.output.pieces import read_piece, read_share, read_share_head
from tests.register.protocols import FIRST, OTHER, SECOND

FILES = ("register.csv", "calendar.ics", "references.jsonl")
LONG = ("ПРОТОКОЛ\n\nсовещания\n\n5 марта 2024 г. № 7\n\nРЕШИЛИ:\n\n1. Минфину края обеспечить "
        + "подготовку сводного отчета по всем муниципальным образованиям края; " * 700
        + "Срок – до 1 апреля 2024 г.\n\n2. Минстрою края представить сведения. Срок – до 2 апреля 2024 г.\n")
NOTHING = "ПРОТОКОЛ\n\nсовещания\n\n5 марта 2024 г. № 8\n\nПрисутствовали: члены комиссии.\n"


def _archive(root: Path) -> Path:
    texts = {"a/first.txt": FIRST, "a/second.txt": SECOND, "b/other.txt": OTHER, "copies/first.txt": FIRST,
             "c/long.txt": LONG, "c/nothing.txt": NOTHING}
    for rel, text in texts.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def book(path: Path) -> dict:
    """What a reader sees of a workbook: per sheet its cells (value, type, number format,
    bold, wrapping, alignment), column widths, frozen panes, filter and extent."""
    loaded = openpyxl.load_workbook(path)
    seen: dict = {"sheets": loaded.sheetnames,
                  "properties": (loaded.properties.creator, loaded.properties.created, loaded.properties.modified)}
    for sheet in loaded.worksheets:
        cells = [(c.coordinate, c.value, c.data_type, c.number_format, c.font.b, c.alignment.wrap_text,
                  c.alignment.vertical) for row in sheet.iter_rows() for c in row]
        widths = {k: v.width for k, v in sheet.column_dimensions.items()}
        seen[sheet.title] = (cells, widths, sheet.freeze_panes, sheet.auto_filter.ref, sheet.dimensions)
    return seen


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The archive converted with two workers, and its files rendered all together."""
    base = tmp_path_factory.mktemp("shares")
    out = base / "out"
    summary = run(BatchConfig(_archive(base / "archive"), out, jobs=2))
    assert summary.failed == 0 and summary.ok == 6
    together = base / "together"
    together.mkdir()
    archive.write_archive_outputs(together, out / "directives.jsonl")
    return out, together


def test_shares_give_what_rendering_together_gives(converted: tuple[Path, Path]) -> None:
    out, together = converted
    for name in FILES:
        assert (out / name).read_bytes() == (together / name).read_bytes(), name
    assert book(out / "register.xlsx") == book(together / "register.xlsx")


def test_references_long_texts_and_zones_in_the_register(converted: tuple[Path, Path]) -> None:
    out, _ = converted
    loaded = openpyxl.load_workbook(out / "register.xlsx")
    assert loaded.sheetnames == ["Реестр", "Протоколы", "Ссылки", "Продолжение"]
    sheet = loaded["Реестр"]
    head = [c.value for c in sheet[1]]
    rows = [dict(zip(head, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [r["№"] for r in rows] == list(range(1, len(rows) + 1))
    second = [r for r in rows if r["Файл"] == "a/second.txt" and r["Ссылки на документы"]]
    assert second and "(файл: a/first.txt)" in second[0]["Ссылки на документы"]
    long = [r for r in rows if r["Файл"] == "c/long.txt"]
    assert len(long) == 2 and len(long[0]["Поручение"]) == 32767 and "Продолжение" in long[0]["Поручение"]
    parts = list(loaded["Продолжение"].iter_rows(min_row=2, values_only=True))
    assert parts and all(p[0] == "Реестр" and p[1].startswith("G") for p in parts)
    zoned = [c.number_format for row in sheet.iter_rows(min_row=2) for c in row if "МСК" in str(c.number_format)]
    assert zoned and all(f == 'DD.MM.YYYY HH:MM "МСК"' for f in zoned)
    links = list(loaded["Ссылки"].iter_rows(min_row=2, values_only=True))
    assert ("a/second.txt", "a/first.txt") in {(r[8], r[9]) for r in links}
    assert "c/nothing.txt" not in {r["Файл"] for r in rows}


def test_jobs_give_the_same_bytes(converted: tuple[Path, Path], tmp_path: Path) -> None:
    out, _ = converted
    again = tmp_path / "again"
    run(BatchConfig(_archive(tmp_path / "archive"), again, jobs=1))
    for name in (*FILES, "register.xlsx", "directives.csv"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


@pytest.mark.parametrize("old", [".rows.json", ".share.json"])
def test_caches_of_an_earlier_release_are_converted_again(tmp_path: Path, old: str) -> None:
    """Three releases ago a file's cache kept only its directives.csv rows (.rows.json);
    two releases ago its share as plain JSON (.share.json); now it is compressed."""
    root, out = _archive(tmp_path / "archive"), tmp_path / "out"
    run(BatchConfig(root, out, jobs=1))
    before = {name: (out / name).read_bytes() for name in (*FILES, "register.xlsx")}
    shares = list(out.rglob("*" + SHARE))
    assert len(shares) == 6
    for share in shares:
        whole = read_share(str(share))
        plain = orjson.dumps(whole) if old == ".share.json" else b"[]"
        share.with_name(share.name.replace(SHARE, old)).write_bytes(plain)
        share.unlink()
    summary = run(BatchConfig(root, out, jobs=1))
    assert summary.skipped == 0 and summary.ok == 6
    assert {name: (out / name).read_bytes() for name in before} == before


def test_a_share_of_the_last_release_is_used_as_it_is(tmp_path: Path) -> None:
    """The last release stored a share as one zlib stream (now two: the run's part, then
    the archive files' piece); such a cache is still read, and the run gives the same files."""
    import zlib

    root, out = _archive(tmp_path / "archive"), tmp_path / "out"
    run(BatchConfig(root, out, jobs=1))
    before = {name: (out / name).read_bytes() for name in (*FILES, "register.xlsx", "directives.csv", "index.html")}
    shares = list(out.rglob("*" + SHARE))
    for share in shares:
        whole = read_share(str(share))
        assert whole is not None and {"rows", "share"} <= set(whole)
        assert read_share_head(str(share)) == {k: v for k, v in whole.items() if k != "share"}
        assert read_piece(str(share)) == {"share": whole["share"]}
        share.write_bytes(zlib.compress(orjson.dumps(whole), 1))
        assert read_share(str(share)) == whole and read_piece(str(share)) == {"share": whole["share"]}
    (out / "register.csv").unlink()
    summary = run(BatchConfig(root, out, jobs=1))
    assert summary.skipped == 6
    assert {name: (out / name).read_bytes() for name in before} == before


def test_a_damaged_share_reads_as_none(tmp_path: Path) -> None:
    for data in (b"", b"S2\x00\x00\x00\x09garbage..", b"\x78\x01broken", b"S2\xff\xff\xff\xff"):
        (tmp_path / "s").write_bytes(data)
        assert read_share(str(tmp_path / "s")) is None
        assert read_share_head(str(tmp_path / "s")) is None


def test_libreoffice_reads_the_register(converted: tuple[Path, Path], tmp_path: Path) -> None:
    out, _ = converted
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (soffice) is needed for this test"
    shutil.copy(out / "register.xlsx", tmp_path / "register.xlsx")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):59,34,76", "--outdir", str(tmp_path),
                    str(tmp_path / "register.xlsx")], check=True, capture_output=True, timeout=180)
    rows = list(csv.reader(io.StringIO((tmp_path / "register.csv").read_text(encoding="utf-8")), delimiter=";"))
    expected = list(csv.reader(io.StringIO((out / "register.csv").read_text(encoding="utf-8-sig")),
                               delimiter=";"))
    assert rows[0] == expected[0] and len(rows) == len(expected)
    assert [r[0] for r in rows[1:]] == [r[0] for r in expected[1:]]  # the numbers
    assert [r[-1] for r in rows[1:]] == [r[-1] for r in expected[1:]]  # the files


def test_the_writer_child_loads_neither_openpyxl_nor_numpy_nor_pillow(tmp_path: Path) -> None:
    """The archive files' child writes register.xlsx's frame as text (output/xlsx_frame.py):
    it loads neither openpyxl nor what openpyxl would load for cell values and images the
    register never holds (numpy, Pillow): its start-up is batch's."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "protokol.output.archive", str(tmp_path)],
                          input=b"", capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    names = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.decode().splitlines() if "|" in line}
    assert {"protokol.output.xlsx_frame", "protokol.output.assembly"} <= names  # loaded, no input: nothing written
    assert not {name for name in names if name.startswith(("openpyxl", "numpy", "PIL"))}
    assert list(tmp_path.iterdir()) == []
