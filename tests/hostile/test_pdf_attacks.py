"""Hostile PDFs through the CLI: encrypted, scanned, corrupt, thousands of pages.

The encrypted fixtures were made once with qpdf (see fixtures/README.md); the tests do
not need qpdf. The other PDFs are made here with pypdfium2 and Pillow.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest

from tests.hostile.conftest import FIXTURES, SAMPLES, SEED, assert_parsed, assert_refused, cli


def _save(pdf: pdfium.PdfDocument) -> bytes:
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def blank_pages(n: int) -> bytes:
    pdf = pdfium.PdfDocument.new()
    for _ in range(n):
        pdf.new_page(100, 100)
    return _save(pdf)


def copies_of_first_page(n: int) -> bytes:
    """n pages, each the first page of the owner-only encrypted fixture (real Cyrillic text)."""
    src = pdfium.PdfDocument(FIXTURES / "encrypted-owner-only-text.pdf")
    pdf = pdfium.PdfDocument.new()
    pdf.import_pages(src, [0] * n)
    return _save(pdf)


@pytest.mark.parametrize("name", ["encrypted-aes256-user-password.pdf", "encrypted-rc4-user-password.pdf"])
def test_pdf_with_a_user_password_is_refused(name):
    assert_refused(cli("parse", str(FIXTURES / name)), "encrypted pdf")


def test_pdf_with_only_an_owner_password_is_read():
    """Permissions (no print, no copy) do not stop reading the text: it parses."""
    data = assert_parsed(cli("parse", str(FIXTURES / "encrypted-owner-only-text.pdf"), "-f", "json"))
    assert data["protocol"]["number"] == "Д05-78/05пр"


def test_scanned_pdf_without_text_layer(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(path, "PDF", resolution=72)
    assert_refused(cli("parse", str(path)), "no text layer")


def test_blank_pages_have_no_text_layer(tmp_path):
    path = tmp_path / "blank.pdf"
    path.write_bytes(blank_pages(3))
    assert_refused(cli("parse", str(path)), "no text layer")


CORRUPT = {
    "header_only": b"%PDF-1.7\n",
    "garbage_after_header": b"%PDF-1.4\n" + bytes(range(256)) * 40,
    "truncated_sample": (SAMPLES / f"{SEED}.pdf").read_bytes()[:20000],
    "broken_xref": (SAMPLES / f"{SEED}.pdf").read_bytes().replace(b"xref", b"xrex").replace(b"startxref", b"startxrex"),
    "eof_only": b"%PDF-1.4\n%%EOF\n",
    "header_after_junk": b"junk" * 100 + b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n",
}


@pytest.mark.parametrize("name", list(CORRUPT))
def test_corrupt_pdf_is_refused_or_parsed_never_a_crash(tmp_path, name):
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(CORRUPT[name])
    proc = cli("parse", str(path), "-f", "json")
    if proc.returncode == 0:  # pdfium repairs some damage: then the output must be valid
        assert_parsed(proc)
    else:
        assert_refused(proc, "pdf")


def test_thousands_of_pages_are_refused_by_the_default_limit(tmp_path):
    path = tmp_path / "3000-pages.pdf"
    path.write_bytes(blank_pages(3000))
    assert_refused(cli("parse", str(path)), "3000 pages", "limit 2000")


def test_max_pages_bounds_and_admits(tmp_path):
    path = tmp_path / "600-pages.pdf"
    path.write_bytes(copies_of_first_page(600))
    assert_refused(cli("parse", str(path), "--max-pages", "599"), "600 pages", "limit 599")
    data = assert_parsed(cli("parse", str(path), "--max-pages", "600", "-f", "json", timeout=60))
    assert data["source"]["format"] == "pdf"


def test_max_pages_must_be_positive():
    proc = cli("parse", str(SAMPLES / f"{SEED}.pdf"), "--max-pages", "0")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
