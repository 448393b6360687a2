"""PDFs as an archive holds them: protected by a password (an owner password only, or one
needed to open), a text PDF with a page that has no text layer, a page turned by /Rotate
(upside down, or a landscape page printed as a turned portrait one)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from protokol.errors import ReadError
from protokol.model import Limits
from protokol.readers import read_bytes
from protokol.readers.pdf import read_pdf
from tests.hostile.test_pdf_bombs import document, stream

LINES = [b"Protocol of the meeting of the commission", b"1. Instruct the ministry to prepare a report by July first.",
         b"2. Send the report to all members of the commission in time."]
EXPECTED = [line.decode() for line in LINES]


def page(contents: int, rotate: int | None = None, resources: bytes = b"") -> bytes:
    turn = b" /Rotate %d" % rotate if rotate is not None else b""
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]%s /Resources << /Font << /F1 3 0 R >> %s >>"
            b" /Contents %d 0 R >>" % (turn, resources, contents))


def text_stream() -> bytes:
    return stream(b"\n".join(b"BT /F1 12 Tf 1 0 0 1 60 %d Tm (%s) Tj ET" % (780 - i * 20, line)
                             for i, line in enumerate(LINES)))


IMAGE = (b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8"
         b" /Length 64 >>\nstream\n" + bytes([128] * 64) + b"\nendstream")


def mixed_pdf() -> bytes:
    """Page 1: a text layer; page 2: an image only (a scanned page put into a text PDF)."""
    return document([5, 6], [text_stream(), page(4), page(7, resources=b"/XObject << /Im1 8 0 R >>"),
                             stream(b"q 500 0 0 700 50 50 cm /Im1 Do Q"), IMAGE])


def test_a_page_without_text_under_ocr_never_is_named_in_a_warning():
    doc = read_bytes(mixed_pdf(), "t.pdf", limits=Limits(ocr="never"))
    assert [b.text for b in doc.blocks] == EXPECTED
    assert [(w.code, w.message) for w in doc.warnings] == [
        ("no_text_layer", "page 2 of 2 has no text layer (blank, or a scan): not read; --ocr auto reads a scan by OCR")]


def test_a_text_pdf_whose_pages_all_have_text_has_no_such_warning():
    doc = read_bytes(document([5], [text_stream(), page(4)]), "t.pdf", limits=Limits(ocr="never"))
    assert [b.text for b in doc.blocks] == EXPECTED and doc.warnings == ()


@pytest.mark.parametrize("rotate", [None, 0, 180, 360])
def test_a_page_turned_upside_down_reads_in_its_own_order(rotate):
    assert [b.text for b in read_bytes(document([5], [text_stream(), page(4, rotate)]), "t.pdf").blocks] == EXPECTED


# a landscape page's lines as shown: (x, y, text), y growing upwards on an 842 x 595 page
LANDSCAPE = [(70, 540, b"1. Instruct the ministry of education to prepare a report on the schools"),
             (50, 526, b"of the region and to send it to the commission together with the plan for"),
             (50, 512, b"the next year of the programme."),
             (70, 484, b"2. Take the information of the head of the department into account."),
             (70, 456, b"3. Hold the next meeting of the commission in September.")]
SHOWN = ["1. Instruct the ministry of education to prepare a report on the schools of the region and to send "
         "it to the commission together with the plan for the next year of the programme.",
         "2. Take the information of the head of the department into account.",
         "3. Hold the next meeting of the commission in September."]


def landscape(rotate: int | None) -> bytes:
    """The landscape page as it is (rotate None), or as a portrait page shown turned by
    /Rotate 90 or 270 with its text drawn turned the other way (upright when shown)."""
    ops = []
    for x, y, text in LANDSCAPE:
        matrix = {None: b"1 0 0 1 %d %d" % (x, y), 90: b"0 1 -1 0 %d %d" % (595 - y, x),
                  270: b"0 -1 1 0 %d %d" % (y, 842 - x)}[rotate]
        ops.append(b"BT /F1 11 Tf %s Tm (%s) Tj ET" % (matrix, text))
    box = b"[0 0 842 595]" if rotate is None else b"[0 0 595 842]"
    turn = b"" if rotate is None else b" /Rotate %d" % rotate
    return document([5], [stream(b"\n".join(ops)),
                          b"<< /Type /Page /Parent 2 0 R /MediaBox %s%s /Resources << /Font << /F1 3 0 R >> >>"
                          b" /Contents 4 0 R >>" % (box, turn)])


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("rotate", [None, 90, 270])
def test_a_landscape_page_printed_turned_reads_as_shown(engine, rotate):
    assert [b.text for b in read_pdf(landscape(rotate), "t.pdf", engine=engine)] == SHOWN


# ---------------------------------------------------------------- passwords (PDFs made by LibreOffice)

OPTIONS = {
    "open": '{"EncryptFile":{"type":"boolean","value":"true"},'
            '"DocumentOpenPassword":{"type":"string","value":"secret"}}',
    "owner": '{"RestrictPermissions":{"type":"boolean","value":"true"},'
             '"PermissionPassword":{"type":"string","value":"owner"},"Changes":{"type":"long","value":"0"}}',
}


@pytest.fixture(scope="session")
def protected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One PDF that needs a password to open, one with an owner password only (fails, not
    skips, without LibreOffice)."""
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    tmp = tmp_path_factory.mktemp("protected")
    source = tmp / "protocol.txt"
    source.write_text("\n\n".join(EXPECTED) + "\n", encoding="utf-8")
    out = {}
    for kind, options in OPTIONS.items():
        subprocess.run([exe, f"-env:UserInstallation={(tmp / 'profile').as_uri()}", "--headless", "--convert-to",
                        f"pdf:writer_pdf_Export:{options}", "--outdir", str(tmp / kind), str(source)],
                       check=True, capture_output=True, timeout=180)
        out[kind] = Path(tmp / kind / "protocol.pdf").read_bytes()
        assert b"/Encrypt" in out[kind]
    return out


@pytest.mark.engine("soffice")
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_pdf_with_an_owner_password_only_opens(protected, engine):
    assert [b.text for b in read_pdf(protected["owner"], "t.pdf", engine=engine)] == EXPECTED


@pytest.mark.engine("soffice")
@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_pdf_that_needs_a_password_to_open_is_one_line(protected, engine):
    with pytest.raises(ReadError) as err:
        read_pdf(protected["open"], "t.pdf", engine=engine)
    assert str(err.value) == "t.pdf: encrypted PDF: it opens only with its password (save a copy without one)"
