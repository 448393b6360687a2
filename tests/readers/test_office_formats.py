""".doc, .rtf, .odt, flat .fodt and Word 2003 XML versions of the seed (made by LibreOffice
here) read like the .docx."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.hostile.conftest import SAMPLES, SEED, assert_parsed, assert_refused, cli

pytestmark = pytest.mark.engine("soffice")

FILTERS = {"odt": "odt", "rtf": "rtf", "doc": "doc:MS Word 97", "fodt": "fodt", "xml": "xml:MS Word 2003 XML"}


@pytest.fixture(scope="session")
def seed_versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed saved as .odt, .rtf and .doc by LibreOffice (fails, not skips, without it)."""
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    tmp = tmp_path_factory.mktemp("office")
    profile = (tmp / "profile").as_uri()
    for ext, filt in FILTERS.items():
        subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--convert-to", filt,
                        "--outdir", str(tmp), str(SAMPLES / f"{SEED}.docx")],
                       check=True, capture_output=True, timeout=120)
    return {ext: tmp / f"{SEED}.{ext}" for ext in FILTERS}


def _directives(path: Path, *extra: str) -> tuple[str, list[tuple[str, str, str]], dict]:
    proc = cli("parse", str(path), "-f", "json", *extra, timeout=120)
    assert_parsed(proc)
    doc = json.loads(proc.stdout)
    found: list[tuple[str, str, str]] = []

    def walk(x: object) -> None:
        if isinstance(x, dict):
            if "id" in x and "text" in x:
                found.append((x["id"], x["text"], json.dumps(x.get("deadline"), sort_keys=True)))
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(doc["sections"])
    return doc["source"]["format"], found, doc["protocol"]


@pytest.fixture(scope="session")
def reference() -> list[tuple[str, str, str]]:
    return _directives(SAMPLES / f"{SEED}.docx")[1]


@pytest.mark.parametrize("ext", sorted(FILTERS))
def test_texts_deadlines_and_header_match_the_docx(seed_versions, reference, ext):
    fmt, found, protocol = _directives(seed_versions[ext])
    assert fmt == ext
    assert [(text, deadline) for _, text, deadline in found] == [(t, d) for _, t, d in reference]
    assert protocol == _directives(SAMPLES / f"{SEED}.docx")[2]


@pytest.mark.parametrize("ext", ["rtf", "odt", "fodt", "xml"])  # xml: Word 2003 XML, read without LibreOffice
def test_rtf_and_odt_give_the_same_directive_ids(seed_versions, reference, ext):
    # the .doc LibreOffice makes of this .docx does not hold its numbers: tests/formats/conftest.py
    assert _directives(seed_versions[ext])[1] == reference


@pytest.mark.parametrize("ext,wrong", [("doc", ".docx"), ("rtf", ".doc"), ("odt", ".docx")])
def test_format_is_told_by_content_not_by_name(seed_versions, tmp_path, ext, wrong):
    misnamed = tmp_path / f"protocol{wrong}"
    shutil.copyfile(seed_versions[ext], misnamed)
    assert _directives(misnamed)[0] == ext


def test_missing_libreoffice_is_one_line_naming_the_package(seed_versions):
    proc = cli("parse", str(seed_versions["rtf"]), env={"PATH": "/nonexistent"}, timeout=60)
    assert_refused(proc, "apt-get install libreoffice-writer-nogui")


def test_a_converter_that_hangs_is_killed_at_the_timeout(seed_versions, tmp_path):
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\nexec /bin/sleep 600\n")
    fake.chmod(0o755)
    proc = cli("parse", str(seed_versions["doc"]), "--timeout", "2", env={"PATH": str(fake.parent)}, timeout=30)
    assert_refused(proc, "longer than 2 s")
