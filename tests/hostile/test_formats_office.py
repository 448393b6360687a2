"""Hostile .rtf, .doc and .odt files and a LibreOffice that hangs: one line, exit 1, in
bounded time and memory (the CLI runs under a 1 GB address-space limit, which soffice
inherits; on its own soffice gets at most 2 GB). The .doc is made by LibreOffice here:
these tests need it and fail without it."""

from __future__ import annotations

import io
import json
import os
import shutil
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.hostile.conftest import SAMPLES, SEED, assert_refused, cli

pytestmark = pytest.mark.engine("soffice")

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.fixture(scope="session")
def seed_doc(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    tmp = tmp_path_factory.mktemp("doc")
    subprocess.run([exe, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--convert-to",
                    "doc:MS Word 97", "--outdir", str(tmp), str(SAMPLES / f"{SEED}.docx")],
                   check=True, capture_output=True, timeout=120)
    return (tmp / f"{SEED}.doc").read_bytes()


def broken_fat(doc: bytes, entry) -> bytes:
    """The .doc with every entry of its FAT sectors replaced by entry(sector, index)."""
    out = bytearray(doc)
    size = 1 << struct.unpack_from("<H", doc, 30)[0]
    count = struct.unpack_from("<I", doc, 44)[0]
    for sector in struct.unpack_from("<109I", doc, 76)[:count]:
        for i in range(size // 4):
            struct.pack_into("<I", out, (sector + 1) * size + 4 * i, entry(sector * size // 4 + i, i))
    return bytes(out)


def timed(*args: str, **kw) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.monotonic()
    proc = cli(*args, **kw)
    return proc, time.monotonic() - start


def test_rtf_with_a_million_nested_groups(tmp_path):
    path = tmp_path / "nested.rtf"
    path.write_bytes(b"{\\rtf1\\ansi " + b"{" * 1_000_000 + b"x" + b"}" * 1_000_000 + b"}")
    proc, seconds = timed("parse", str(path), "--timeout", "60", timeout=120)
    assert_refused(proc, "nested.rtf", ".rtf")
    assert seconds < 70


@pytest.mark.parametrize("name,entry", [
    ("loop", lambda n, i: n),  # every sector's next sector is itself
    ("beyond", lambda n, i: 0x7FFFFFF0 - i),  # chains into sectors the file does not have
])
def test_doc_with_a_broken_fat(seed_doc, tmp_path, name, entry):
    path = tmp_path / f"{name}.doc"
    path.write_bytes(broken_fat(seed_doc, entry))
    proc, seconds = timed("parse", str(path), "--timeout", "60", timeout=120)
    assert_refused(proc, f"{name}.doc", "corrupt .doc file")
    assert seconds < 70


def odt(content: bytes, size: int = 0) -> bytes:
    """An .odt whose content.xml is `content` followed by `size` spaces, streamed in."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        info = zipfile.ZipInfo("content.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            f.write(content)
            chunk = b" " * (1 << 20)
            for _ in range(size >> 20):
                f.write(chunk)
    return buf.getvalue()


def test_odt_zip_bomb_is_refused_before_libreoffice(tmp_path):
    path = tmp_path / "bomb.odt"
    path.write_bytes(odt(b"<?xml version=\"1.0\"?><office:document-content>", 256 << 20))  # 256 MiB in 250 kB
    assert path.stat().st_size < 300_000
    proc, seconds = timed("parse", str(path), "--timeout", "60", timeout=120)
    assert_refused(proc, "bomb.odt", "zip bomb")
    assert seconds < 30


def test_odt_with_entity_expansion(tmp_path):
    laughs = b'<!DOCTYPE d [<!ENTITY a "ha">' + b"".join(
        b'<!ENTITY %c "%s">' % (98 + k, b"&%c;" % (97 + k) * 10) for k in range(9)) + b"]>"
    content = (b'<?xml version="1.0"?>' + laughs + b'<office:document-content xmlns:office="urn:oasis:names:tc:'
               b'opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
               b"<office:body><office:text><text:p>&j;</text:p></office:text></office:body></office:document-content>")
    path = tmp_path / "laughs.odt"
    path.write_bytes(odt(content))
    proc, seconds = timed("parse", str(path), "--timeout", "60", timeout=120)
    assert seconds < 70
    if proc.returncode:
        assert_refused(proc, "laughs.odt")
    else:  # LibreOffice does not expand it: nothing of the billion laughs reaches the output
        assert len(proc.stdout) < 100_000 and "hahaha" not in proc.stdout


def hanging_soffice(folder: Path) -> Path:
    """A fake soffice that records its pid and sleeps; returns the pid file."""
    folder.mkdir()
    pids = folder / "pids"
    fake = folder / "soffice"
    fake.write_text(f"#!/bin/sh\necho $$ >> {pids}\nexec /bin/sleep 600\n")
    fake.chmod(0o755)
    return pids


def assert_gone(pids: Path) -> None:
    for pid in pids.read_text().split():
        assert not Path(f"/proc/{pid}").exists() or "sleep" not in Path(f"/proc/{pid}/cmdline").read_text(), pid


def test_a_hanging_converter_is_killed_at_the_timeout(tmp_path):
    pids = hanging_soffice(tmp_path / "bin")
    path = tmp_path / "p.doc"
    path.write_bytes(OLE + b"\0" * 4000)
    proc, seconds = timed("parse", str(path), "--timeout", "2", env={"PATH": str(tmp_path / "bin")}, timeout=60)
    assert_refused(proc, "longer than 2 s")
    assert seconds < 15
    assert_gone(pids)


def test_batch_with_a_hanging_converter_fails_only_that_file(tmp_path):
    pids = hanging_soffice(tmp_path / "bin")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "p.doc").write_bytes(OLE + b"\0" * 4000)
    shutil.copyfile(SAMPLES / f"{SEED}.txt", archive / "p.txt")
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "protokol", "batch", str(archive), "-o", str(tmp_path / "out"),
                           "-q", "-j", "1", "--timeout", "3", "--glob", "*.doc", "--glob", "*.txt"],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"})
    assert time.monotonic() - start < 60
    assert proc.returncode == 1, proc.stderr
    records = {r["path"]: r for r in map(json.loads, (tmp_path / "out" / "manifest.jsonl").read_text().splitlines())}
    assert records["p.txt"]["status"] == "ok"
    assert records["p.doc"]["status"] == "failed" and "3 s" in records["p.doc"]["error"]
    assert_gone(pids)
