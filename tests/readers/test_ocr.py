"""Scanned PDFs read by Tesseract: the seed scanned (noise, 0.7 degrees askew, a stamp),
a mixed PDF, a garbage text layer, --ocr modes, a missing engine. These tests need
tesseract-ocr and tesseract-ocr-rus and fail without them. The seed's scan is OCRed
once per session (about a minute on 2 cores) and shared."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from protokol.readers import read_bytes
from tests.hostile.conftest import SAMPLES, SEED, assert_parsed, assert_refused, cli
from tests.readers._scans import garbage_layer_pdf, mixed_pdf, page_image, scan_pdf

pytestmark = pytest.mark.engine("tesseract")

MISSING = "apt-get install tesseract-ocr-rus"


@pytest.fixture(scope="session")
def seed_pdf() -> bytes:
    return (SAMPLES / f"{SEED}.pdf").read_bytes()


@pytest.fixture(scope="session")
def seed_scan(seed_pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scans") / "scanned.pdf"
    path.write_bytes(scan_pdf(seed_pdf))
    return path


@pytest.fixture(scope="session")
def scan_result(seed_scan: Path) -> dict:
    return assert_parsed(cli("parse", str(seed_scan), "-f", "json", "--timeout", "900", timeout=1000))


@pytest.fixture(scope="session")
def mixed(seed_pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Page 1: the seed's page 2 as text; page 2: its page 3 scanned."""
    path = tmp_path_factory.mktemp("mixed") / "mixed.pdf"
    path.write_bytes(mixed_pdf(seed_pdf, text_page=2, scanned_page=3))
    return path


def tasks(result: dict) -> dict[str, list[tuple[str | None, str]]]:
    return {d["id"]: [(x["due"], x["kind"]) for x in d["deadlines"]]
            for s in result["sections"] for d in s["directives"] if d["kind"] == "task"}


def test_scanned_seed_gives_the_tasks_of_the_text_pdf(scan_result):
    expected = tasks(assert_parsed(cli("parse", str(SAMPLES / f"{SEED}.pdf"), "-f", "json")))
    found = tasks(scan_result)
    assert len(expected) == 29
    right = [k for k, deadlines in expected.items() if found.get(k) == deadlines]
    assert len(right) >= 27, sorted(set(expected) - set(right))


def test_scanned_seed_header_and_ocr_warning(scan_result):
    assert scan_result["source"]["format"] == "pdf"
    assert scan_result["protocol"]["date"] == "2023-06-20"
    ocr = [w for w in scan_result["warnings"] if w["code"] == "ocr"]
    assert len(ocr) == 1 and ocr[0]["message"].startswith("pages 1-8 read by OCR"), ocr


def test_mixed_pdf_ocrs_only_the_scanned_page(mixed, seed_pdf):
    doc = read_bytes(mixed.read_bytes(), "mixed.pdf")
    assert [w.code for w in doc.warnings] == ["ocr"]
    assert doc.warnings[0].message.startswith("page 2 read by OCR"), doc.warnings[0].message
    text_page = [b.text for b in doc.blocks if b.page == 1 and "Протокол №" not in b.text]
    seed = {b.text for b in read_bytes(seed_pdf, "seed.pdf").blocks}
    assert len(text_page) > 10 and set(text_page[1:-1]) <= seed  # as read from the text layer (the ends go on)
    scanned = " ".join(b.text for b in doc.blocks if b.page == 2)
    assert "2.1. Обеспечить подключение ответственных" in scanned
    assert "IV. Об информационно-медийном сопровождении" in scanned


def _one_page(data: bytes, page: int) -> bytes:
    import io

    import pypdfium2 as pdfium

    src, out = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    out.import_pages(src, [page - 1])
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def test_mixed_pdf_output_is_deterministic(mixed):
    first = cli("parse", str(mixed), "-f", "json", timeout=300)
    second = cli("parse", str(mixed), "-f", "json", timeout=300)
    assert_parsed(first)
    assert first.stdout == second.stdout


def test_ocr_never_refuses_a_scan_with_a_hint(seed_scan):
    assert_refused(cli("parse", str(seed_scan), "--ocr", "never"), "no text layer", "--ocr auto")


def test_ocr_always_reads_a_text_page_too(seed_pdf, tmp_path):
    one = tmp_path / "one.pdf"
    one.write_bytes(_one_page(seed_pdf, 8))
    auto = assert_parsed(cli("parse", str(one), "-f", "json"))
    always = assert_parsed(cli("parse", str(one), "-f", "json", "--ocr", "always", timeout=300))
    assert not [w for w in auto["warnings"] if w["code"] == "ocr"]
    assert [w["message"].split(" read")[0] for w in always["warnings"] if w["code"] == "ocr"] == ["page 1"]
    assert tasks(always) == tasks(auto)


def test_a_garbage_text_layer_is_read_by_ocr(seed_pdf, tmp_path):
    import pypdfium2 as pdfium

    image = page_image(pdfium.PdfDocument(seed_pdf)[7], seed=8)
    layer = ["Протокол заседания рабочей группы по вопросам образования".encode("cp1251")] * 5
    path = tmp_path / "garbage.pdf"
    path.write_bytes(garbage_layer_pdf(image, layer))
    doc = read_bytes(path.read_bytes(), "garbage.pdf")
    assert [w.message.split(" read")[0] for w in doc.warnings if w.code == "ocr"] == ["page 1"]
    text = " ".join(b.text for b in doc.blocks)
    assert "Ïðîòîêîë" not in text and "Ответственным от образовательных кластеров" in text


# ---------------------------------------------------------------- a missing engine


def test_missing_tesseract_is_one_line_naming_the_package(mixed, tmp_path):
    assert_refused(cli("parse", str(mixed), env={"PATH": str(tmp_path)}), MISSING)


def test_missing_russian_model_is_the_same_line(mixed, tmp_path):
    assert_refused(cli("parse", str(mixed), env={"TESSDATA_PREFIX": str(tmp_path)}), MISSING)


def test_a_text_pdf_needs_no_tesseract(tmp_path):
    assert_parsed(cli("parse", str(SAMPLES / f"{SEED}.pdf"), "-f", "json", env={"PATH": str(tmp_path)}))


def test_batch_fails_only_the_scan_without_tesseract(mixed, tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "text.pdf").write_bytes((SAMPLES / f"{SEED}.pdf").read_bytes())
    (archive / "scan.pdf").write_bytes(mixed.read_bytes())
    empty = tmp_path / "bin"
    empty.mkdir()
    proc = subprocess.run([sys.executable, "-m", "protokol", "batch", str(archive), "-o", str(tmp_path / "out"), "-q",
                           "-j", "1"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PATH": str(empty)})
    assert proc.returncode == 1, proc.stderr
    records = {r["path"]: r for r in map(json.loads, (tmp_path / "out" / "manifest.jsonl").read_text().splitlines())}
    assert records["text.pdf"]["status"] == "ok"
    assert records["scan.pdf"]["status"] == "failed" and MISSING in records["scan.pdf"]["error"]


def test_batch_passes_ocr_never_and_keys_its_outputs_by_it(mixed, tmp_path):
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "mixed.pdf").write_bytes(mixed.read_bytes())
    proc = subprocess.run([sys.executable, "-m", "protokol", "batch", str(archive), "-o", str(tmp_path / "out"), "-q",
                           "-j", "1", "--ocr", "never"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    record = json.loads((tmp_path / "out" / "manifest.jsonl").read_text().splitlines()[0])
    assert record["status"] == "ok" and record["settings"].endswith(";ocr=never")
    result = json.loads((tmp_path / "out" / "mixed.pdf.json").read_text())
    assert not [w for w in result["warnings"] if w["code"] == "ocr"]
    assert {d["location"]["page"] for s in result["sections"] for d in s["directives"]} == {1}
