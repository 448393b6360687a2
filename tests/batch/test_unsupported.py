"""Batch sees everything: files protokol does not read are listed as unsupported, with the
type their content shows; protocols are told by content too, whatever their name."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from protokol.batch import BatchConfig, run
from protokol.batch.detect import unsupported
from protokol.batch.worker import Job, process_file
from protokol.model import Limits, Options
from tests.hostile.conftest import cli

from .conftest import PNG, SAMPLES, SEED, small_protocol
from .helpers import expected_output, manifest

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)


def _zip(members: dict[str, bytes]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return data.getvalue()


XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODS = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
PLAIN_ZIP = _zip({"a.txt": b"hello", "b/c.txt": b"world"})
SEVEN_Z = b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(32)
RAR = b"Rar!\x1a\x07\x01\x00" + bytes(32)
BINARY = bytes(range(256)) * 4
XLS = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "Workbook".encode("utf-16-le") + bytes(100)


@pytest.mark.parametrize("data, name, kind", [
    (PNG, "a.png", "png image"),
    (PNG, "disguised.docx", "png image"),  # the content decides, not the name
    (JPEG, "scan.jpg", "jpeg image"),
    (b"GIF89a" + bytes(20), "x.gif", "gif image"),
    (b"%PDF-1.7\n", "x.pdf", None),
    (b"{\\rtf1\\ansi hello}", "x.doc", None),
    (XLSX, "table.xlsx", "xlsx spreadsheet"),
    (XLSX, "table.docx", "xlsx spreadsheet"),
    (ODS, "t.ods", "ods spreadsheet"),
    (PLAIN_ZIP, "photos.zip", "zip archive"),
    (SEVEN_Z, "a.7z", "7z archive"),
    (RAR, "a.rar", "rar archive"),
    (b"\x1f\x8b\x08\x00" + bytes(20), "a.tar.gz", "gzip archive"),
    (b"\x7fELF\x02\x01\x01" + bytes(40), "tool", "elf executable"),
    (XLS, "old.xls", "xls spreadsheet"),
    (XLS, "renamed.doc", "xls spreadsheet"),  # its streams say what it is
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "damaged.doc", None),  # no stream names: the reader says
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "mail.msg", "ole compound file"),
    (BINARY, "blob.dat", "unknown binary"),
    (b"PK\x03\x04 broken", "broken.docx", None),  # damaged: the reader says what is wrong
    ("ПРОТОКОЛ совещания".encode(), "p.txt", None),
    ("ПРОТОКОЛ совещания".encode(), "README", None),  # text without an extension: a protocol
    (b"<?xml version='1.0'?><a/>", "meta.xml", "xml document"),
    (b"<!DOCTYPE html><html></html>", "index.html", None),  # a web page: read (readers/html.py)
    (b"<?xml version='1.0'?><!DOCTYPE html><html></html>", "page.xml", None),
    (b'<?xml version="1.0"?><w:wordDocument xmlns:w="x"/>', "protocol.xml", None),  # Word 2003 XML
    (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b--\n", "page.mht", None),
    (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg", "svg text file"),
    (b"a;b;c\n1;2;3\n", "table.csv", "csv text file"),
])
def test_detected_type(data: bytes, name: str, kind: str | None) -> None:
    assert unsupported(data, name) == kind


def test_chosen_files_of_text_are_read_whatever_their_name() -> None:
    assert unsupported(b"a;b\n", "table.csv", any_text=True) is None
    assert unsupported(PNG, "a.png", any_text=True) == "png image"  # not text: still unsupported


def test_only_magic_bytes_tell_a_file_too_large_to_read() -> None:
    assert unsupported(PNG, "a.png", whole=False) == "png image"
    assert unsupported(XLSX[:100], "t.xlsx", whole=False) == "zip archive"
    assert unsupported(BINARY, "blob", whole=False) is None  # no guess: it fails as too large


def _archive(root: Path) -> dict[str, str | None]:
    """File -> the type batch should report (None: converted)."""
    files: dict[str, tuple[bytes, str | None]] = {
        "a.txt": (small_protocol(1).encode("utf-8"), None),
        "no extension": (small_protocol(2).encode("utf-8"), None),
        "scans/page1.png": (PNG, "png image"),
        "scans/page2.jpg": (JPEG, "jpeg image"),
        "scans/photo.docx": (JPEG, "jpeg image"),  # an image named like a protocol
        "tables/budget.xlsx": (XLSX, "xlsx spreadsheet"),
        "tables/old.xls": (XLS, "xls spreadsheet"),
        "packed/all.zip": (PLAIN_ZIP, "zip archive"),
        "packed/all.7z": (SEVEN_Z, "7z archive"),
        "packed/all.rar": (RAR, "rar archive"),
        "blob.bin": (BINARY, "unknown binary"),
        "meta.xml": (b"<?xml version='1.0'?><a/>", "xml document"),
        "seed.pdf.bak": ((SAMPLES / f"{SEED}.pdf").read_bytes(), None),  # a pdf, whatever its name
    }
    for rel, (data, _) in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return {rel: kind for rel, (_, kind) in files.items()}


def test_every_file_is_in_the_manifest(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    expected = _archive(root)
    summary = run(BatchConfig(root, out, jobs=2))
    records = {r["path"]: r for r in manifest(out)}
    assert set(records) == set(expected)  # nothing left out
    for rel, kind in expected.items():
        record = records[rel]
        if kind is None:
            assert (record["status"], record["error"]) == ("ok", None), record
        else:
            assert (record["status"], record["format"], record["output"]) == ("unsupported", kind, None), record
            assert record["error"] == f"{kind}: not a format protokol reads (docx, pdf, txt, doc, rtf, odt, html, mht, " \
                "Word 2003 xml, fodt)"
            assert record["sha256"] is not None and not (out / f"{rel}.json").exists()
    assert records["seed.pdf.bak"]["format"] == "pdf"
    assert (out / "no extension.json").read_text(encoding="utf-8") == expected_output(root, "no extension")
    unread = sum(kind is not None for kind in expected.values())
    assert (summary.total, summary.ok, summary.failed, summary.unsupported) == (len(expected), 3, 0, unread)
    again = run(BatchConfig(root, out, jobs=1))  # up to date: reused, still counted as unsupported
    assert (again.skipped, again.unsupported, again.ok) == (3, unread, 0)
    assert all(r["reused"] for r in manifest(out))


def test_the_command_line_counts_them_and_exits_0(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    (root / "sub" / "scan.png").write_bytes(PNG)
    (root / "sub" / "photos.zip").write_bytes(PLAIN_ZIP)
    proc = cli("batch", str(root), "-o", str(out), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "3 inputs, 1 converted, 0 up to date, 0 failed, 2 unsupported" in proc.stderr
    statuses = {r["path"]: (r["status"], r["format"]) for r in manifest(out)}
    assert statuses == {"a.txt": ("ok", "txt"), "sub/photos.zip": ("unsupported", "zip archive"),
                        "sub/scan.png": ("unsupported", "png image")}


def test_glob_chooses_files_and_their_text_is_read(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    (root / "minutes.md").write_text(small_protocol(3), encoding="utf-8")
    (root / "a.png").write_bytes(PNG)
    (root / "other.xml").write_text("<a/>", encoding="utf-8")
    summary = run(BatchConfig(root, out, jobs=1, patterns=("*.md", "*.png")))
    assert (summary.total, summary.ok, summary.unsupported) == (2, 1, 1)
    records = {r["path"]: r for r in manifest(out)}
    assert records["minutes.md"]["status"] == "ok" and records["minutes.md"]["settings"].endswith(";text=any")
    assert records["a.png"]["status"] == "unsupported"


def test_an_image_over_the_size_limit_is_unsupported_not_failed(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    (root / "huge.png").write_bytes(PNG + os.urandom(3000))
    (root / "huge.txt").write_bytes(b"x" * 3000)
    summary = run(BatchConfig(root, out, jobs=1, limits=Limits(max_bytes=1000)))
    records = {r["path"]: r for r in manifest(out)}
    assert (records["huge.png"]["status"], records["huge.png"]["format"]) == ("unsupported", "png image")
    assert records["huge.txt"]["status"] == "failed" and "too large" in records["huge.txt"]["error"]
    assert (summary.failed, summary.unsupported) == (1, 1)


def test_process_file_is_the_work_on_one_file(tmp_path: Path) -> None:
    """The function any executor runs (a local worker, a Dask task): one file in, its
    output and cached records written, its record out; a bad file is a record, not an error."""
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    out.mkdir()
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    (root / "b.png").write_bytes(PNG)
    job = Job(str(root), str(out), "json", Options(), Limits())
    record = process_file(job, 0, "a.txt", "a.txt.json")
    assert (record["index"], record["path"], record["status"], record["output"]) == (0, "a.txt", "ok", "a.txt.json")
    assert (out / "a.txt.json").read_text(encoding="utf-8") == expected_output(root, "a.txt")
    assert record["directives"] == 4 and record["pid"] == os.getpid()
    json.dumps(record)  # plain data: it travels between processes and machines
    record = process_file(job, 1, "b.png", "b.png.json")
    assert (record["status"], record["format"]) == ("unsupported", "png image")
    record = process_file(job, 2, "missing.txt", "missing.txt.json")
    assert (record["status"], record["error"]) == ("failed", "file not found")
