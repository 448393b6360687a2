"""read / read_bytes: format sniffing, Document fields, errors for unreadable input."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from protokol.errors import ReadError
from protokol.readers import SUPPORTED, Limits, read, read_bytes, sniff

from ._docx import make_docx, p

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
DOCX = make_docx(p("Текст"))


@pytest.mark.parametrize("data,name,expected", [
    (DOCX, "x.docx", "docx"),
    (DOCX, "x.txt", "docx"),  # magic first
    (DOCX, "noext", "docx"),
    (b"%PDF-1.7\n...", "x.txt", "pdf"),
    (b"\n\n%PDF-1.4", "x", "pdf"),
    ("Протокол".encode(), "x.txt", "txt"),
    ("Протокол".encode(), "x", "txt"),
    ("Протокол".encode(), "x.md", "txt"),
])
def test_sniff(data, name, expected):
    assert sniff(data, name) == expected


@pytest.mark.parametrize("data,name,why", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "x.doc", "corrupt .doc file"),
    (b"plain", "x.doc", "named .doc, but the content is no such document: it is plain text"),
    (b"plain", "x.odt", "named .odt, but the content is no such document: it is plain text"),
    (b"plain", "x.docx", "corrupt .docx"),
    (b"plain", "x.pdf", "corrupt PDF"),
])
def test_unsupported_formats_name_what_is_supported(data, name, why):
    with pytest.raises(ReadError, match=why) as err:
        read_bytes(data, name)
    assert "\n" not in str(err.value)
    if "corrupt" not in why:
        assert "supported: docx, pdf, txt" in str(err.value)


def test_odt_zip_is_not_a_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    with pytest.raises(ReadError, match="corrupt .odt file"):
        read_bytes(out.getvalue(), "x.odt")


def test_fmt_forces_the_reader():
    doc = read_bytes("1. Пункт.".encode(), "x.docx", fmt="txt")
    assert doc.format == "txt" and doc.blocks[0].text == "1. Пункт."
    with pytest.raises(ReadError, match="unknown format 'xls'"):
        read_bytes(b"x", "x", fmt="xls")


def test_empty(tmp_path):
    (tmp_path / "e.txt").write_bytes(b"")
    with pytest.raises(ReadError, match="empty file"):
        read(tmp_path / "e.txt")
    with pytest.raises(ReadError, match="empty file"):
        read_bytes(b"", "<stdin>")


def test_missing_and_directory(tmp_path):
    with pytest.raises(ReadError, match="file not found"):
        read(tmp_path / "nope.docx")
    with pytest.raises(ReadError, match="is a directory"):
        read(tmp_path)


def test_permission_denied(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def deny(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    with pytest.raises(ReadError, match="permission denied"):
        read(path)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    with pytest.raises(ReadError, match="too large"):
        read(path, limits=Limits(max_bytes=1000))
    with pytest.raises(ReadError, match="too large"):
        read_bytes(b"a" * 2000, "big.txt", limits=Limits(max_bytes=1000))


def test_document_path_is_as_given_and_sha256_of_the_bytes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("p.txt").write_bytes("Текст".encode())
    doc = read("p.txt")
    assert doc.path == "p.txt"
    assert doc.sha256 == hashlib.sha256("Текст".encode()).hexdigest()
    assert read(Path("p.txt")).path == "p.txt"


def test_error_carries_path_and_reason():
    with pytest.raises(ReadError) as err:
        read_bytes(b"", "a/b.txt")
    assert (err.value.path, err.value.why, str(err.value)) == ("a/b.txt", "empty file", "a/b.txt: empty file")


def test_supported():
    assert SUPPORTED == ("docx", "pdf", "txt", "doc", "rtf", "odt", "html", "mht", "xml", "fodt")


def test_library_never_prints(capsys):
    for sample in sorted(SAMPLES.glob("*")):
        read(sample)
    with pytest.raises(ReadError):
        read_bytes(b"\0\1\2", "x")
    assert capsys.readouterr() == ("", "")
