"""Batch converts the archive's .doc/.rtf/.odt with one LibreOffice start per chunk, not one per file."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

from protokol.batch import BatchConfig, run
from tests.batch.conftest import SAMPLES, SEED, small_protocol
from tests.batch.helpers import expected_record, manifest, without_duration
from tests.hostile.conftest import cli
from tests.hostile.test_formats_office import assert_gone, broken_fat, hanging_soffice

pytestmark = pytest.mark.engine("soffice")

FILTERS = {"odt": "odt", "rtf": "rtf", "doc": "doc:MS Word 97", "fodt": "fodt"}
OFFICE = ("a/seed.doc", "a/seed.rtf", "b/seed.odt")
PACKAGE = "apt-get install libreoffice-writer-nogui"


@pytest.fixture(scope="module")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed saved as .doc, .rtf, .odt and .fodt by LibreOffice (fails, not skips, without it)."""
    exe = shutil.which("soffice")
    assert exe, f"LibreOffice is needed: {PACKAGE}"
    tmp = tmp_path_factory.mktemp("office")
    profile = (tmp / "profile").as_uri()
    for filt in FILTERS.values():
        subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", filt,
                        "--outdir", str(tmp), str(SAMPLES / f"{SEED}.docx")],
                       check=True, capture_output=True, timeout=180)
    return {ext: tmp / f"{SEED}.{ext}" for ext in FILTERS}


def _archive(root: Path, office_files: dict[str, Path]) -> Path:
    for rel in OFFICE:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(office_files[rel.rsplit(".", 1)[1]], root / rel)
    shutil.copy(SAMPLES / f"{SEED}.docx", root / "seed.docx")
    return root


def _counting_soffice(folder: Path, real: str) -> Path:
    """A soffice on PATH that counts its starts in a file, then runs the real one."""
    folder.mkdir()
    count = folder / "starts"
    fake = folder / "soffice"
    fake.write_text(f'#!/bin/sh\necho start >> "{count}"\nexec "{real}" "$@"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    return count


def _counted_run(root: Path, out: Path, folder: Path, monkeypatch):
    """The batch run's summary and the soffice starts counted in it."""
    real = shutil.which("soffice")
    assert real
    count = _counting_soffice(folder, real)
    monkeypatch.setenv("PATH", f"{folder}:{os.environ['PATH']}")
    summary = run(BatchConfig(root, out, jobs=2))
    monkeypatch.undo()
    return summary, _starts(count)


def _starts(count: Path) -> int:
    return len(count.read_text().splitlines()) if count.exists() else 0


def test_one_soffice_start_and_outputs_identical_to_parse(tmp_path, office_files, monkeypatch):
    root, out = _archive(tmp_path / "archive", office_files), tmp_path / "out"
    root.mkdir(exist_ok=True)
    real = shutil.which("soffice")
    assert real
    count = _counting_soffice(tmp_path / "bin", real)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    summary = run(BatchConfig(root, out, jobs=2))
    assert (summary.ok, summary.failed) == (4, 0), summary.failures
    assert summary.soffice_starts == 1
    assert _starts(count) == 1  # one LibreOffice start for the three files, none in the workers
    monkeypatch.undo()
    for rel in (*OFFICE, "seed.docx"):
        proc = cli("parse", rel, "-f", "json", cwd=root, timeout=180)
        assert proc.returncode == 0, proc.stderr
        assert (out / f"{rel}.json").read_text(encoding="utf-8") == proc.stdout, rel
    records = without_duration(manifest(out))
    assert [r["format"] for r in records] == ["doc", "rtf", "odt", "docx"]
    assert records == [expected_record(root, rel) for rel in (*OFFICE, "seed.docx")]
    assert not any(p.name.startswith("office-") for p in (out / ".protokol-batch").iterdir())
    assert sorted(p.name for p in root.rglob("*")) == ["a", "b", "seed.doc", "seed.docx", "seed.odt", "seed.rtf"]


def test_a_file_libreoffice_fails_on_fails_alone(tmp_path, office_files):
    root, out = _archive(tmp_path / "archive", office_files), tmp_path / "out"
    bad = broken_fat(office_files["doc"].read_bytes(), lambda n, i: n)  # every sector chains to itself
    (root / "a" / "broken.doc").write_bytes(bad)
    summary = run(BatchConfig(root, out, jobs=2))
    assert (summary.ok, summary.failed) == (4, 1)
    proc = cli("parse", "a/broken.doc", cwd=root, timeout=180)
    assert proc.returncode != 0
    (path, error), = summary.failures
    assert path == "a/broken.doc" and "\n" not in error
    assert error in proc.stderr and "corrupt .doc file" in error
    assert not any(p.name.startswith("office-") for p in (out / ".protokol-batch").iterdir())


def test_missing_libreoffice_fails_only_the_office_files(tmp_path, office_files, monkeypatch):
    root, out = _archive(tmp_path / "archive", office_files), tmp_path / "out"
    (root / "note.txt").write_text(small_protocol(1), encoding="utf-8")
    empty = tmp_path / "nobin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    summary = run(BatchConfig(root, out, jobs=2))
    assert summary.soffice_starts == 0
    assert (summary.ok, summary.failed) == (2, 3)
    assert [p for p, _ in summary.failures] == list(OFFICE)
    assert all(PACKAGE in error for _, error in summary.failures)


def test_a_chunk_that_runs_out_of_time_fails_only_its_files(tmp_path, office_files, monkeypatch):
    root, out = _archive(tmp_path / "archive", office_files), tmp_path / "out"
    pids = hanging_soffice(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:{os.environ['PATH']}")
    start = time.monotonic()
    summary = run(BatchConfig(root, out, jobs=2, timeout=6))
    assert time.monotonic() - start < 90
    assert summary.soffice_starts == 1
    assert (summary.ok, summary.failed) == (1, 3), summary.failures
    assert [p for p, _ in summary.failures] == list(OFFICE)
    assert all("6 s" in error for _, error in summary.failures), summary.failures  # the pool or the reader
    assert_gone(pids)
    assert not any(p.name.startswith("office-") for p in (out / ".protokol-batch").iterdir())


def test_flat_odt_goes_in_the_chunks_of_the_doc_files(tmp_path, office_files, monkeypatch):
    """A .fodt is converted in the same LibreOffice start as the .doc beside it (not alone in
    its worker), and its output is that of `protokol parse` of the file."""
    root, out = tmp_path / "archive", tmp_path / "out"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    shutil.copy(office_files["doc"], root / "a" / "seed.doc")
    shutil.copy(office_files["fodt"], root / "b" / "seed.fodt")
    flat = office_files["fodt"].read_text(encoding="utf-8")
    assert flat.lstrip().startswith("<?xml") and "<office:document" in flat
    # the same document with a long comment first: its <office:document comes after the first KB
    (root / "b" / "commented.fodt").write_text(flat.replace("?>", "?><!-- " + "x" * 2000 + " -->", 1),
                                               encoding="utf-8")
    summary, starts = _counted_run(root, out, tmp_path / "bin", monkeypatch)
    assert (summary.ok, summary.failed) == (3, 0), summary.failures
    assert summary.soffice_starts == starts == 1  # the .doc and both .fodt in one start, none in the workers
    rels = ("a/seed.doc", "b/commented.fodt", "b/seed.fodt")
    for rel in rels:
        proc = cli("parse", rel, "-f", "json", cwd=root, timeout=180)
        assert proc.returncode == 0, proc.stderr
        assert (out / f"{rel}.json").read_text(encoding="utf-8") == proc.stdout, rel
    records = without_duration(manifest(out))
    assert [r["format"] for r in records] == ["doc", "fodt", "fodt"]
    assert records == [expected_record(root, rel) for rel in rels]
    assert records[0]["directives"] == records[2]["directives"] > 0


FLAT = b'<?xml version="1.0" encoding="UTF-8"?>\n<office:document xmlns:office="urn:x" office:version="1.2">'


@pytest.mark.parametrize("data", [
    FLAT, b"  " + FLAT, b"\xef\xbb\xbf" + FLAT, b"<?xml version='1.0'?><w:wordDocument>",
    b"{\\rtf1\\ansi text}", b"   \r\n{\\rtf1 x}", b" " * 1021 + b"{\\rtf1 x}", b" " * 1030 + b"{\\rtf1 x}",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, b"PK\x03\x04broken zip", b"",
    "ПРОТОКОЛ\nсовещания\n".encode("utf-8"), b"%PDF-1.4\n", b"{\\rt", b"\x89PNG\r\n\x1a\n", b"{\\rtx not rtf",
])
def test_only_files_whose_first_bytes_may_be_office_are_read_whole(data: bytes) -> None:
    """The pre-conversion reads a file whole only when its first bytes may make it a
    .doc/.rtf/.odt/.fodt: every file office_bytes takes is among them."""
    from protokol.batch.office import _PEEK, _may_be_office, office_bytes

    for name in ("x.txt", "x.rtf", "x.doc", "x"):
        if office_bytes(data, name) is not None:
            assert _may_be_office(data[:_PEEK]), (data[:40], name)
    assert _may_be_office(data[:_PEEK]) == (data[:2] == b"PK" or data[:4] == b"\xd0\xcf\x11\xe0"
                                            or data.lstrip()[:5] in (b"{\\rtf", b"<?xml") or not data.strip()
                                            or data.lstrip(b"\xef\xbb\xbf \n")[:5] == b"<?xml"
                                            or (data[:_PEEK].lstrip() != b"" and len(data[:_PEEK].lstrip()) < 5))
