"""Broken and odd files through the CLI: exit 1 with one clear line, or a correct parse.

Every case runs `python -m protokol parse` in a subprocess (1.5 GB address space).
"""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from protokol.errors import ReadError
from protokol.readers import read, read_bytes
from tests.hostile.conftest import SAMPLES, SEED, assert_parsed, assert_refused, cli

DOCX = (SAMPLES / f"{SEED}.docx").read_bytes()
PDF = (SAMPLES / f"{SEED}.pdf").read_bytes()
TXT = (SAMPLES / f"{SEED}.txt").read_bytes()
SUPPORTED = "docx, pdf, txt"


def _zip(**parts: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name.replace("__", "/"), data)
    return buf.getvalue()


REFUSED = [
    # (case, file name, content, words the one-line error must contain)
    ("empty_docx", "empty.docx", b"", ["empty file"]),
    ("empty_pdf", "empty.pdf", b"", ["empty file"]),
    ("empty_txt", "empty.txt", b"", ["empty file"]),
    ("empty_no_extension", "empty", b"", ["empty file"]),
    ("truncated_zip", "truncated.docx", DOCX[: len(DOCX) // 2], ["corrupt zip"]),
    ("zip_header_only", "header.docx", b"PK\x03\x04" + b"\0" * 26, ["corrupt zip"]),
    ("zip_not_docx", "archive.docx", _zip(readme__txt=b"hi"), ["not a .docx", SUPPORTED]),
    ("nul_bytes_docx", "zeros.docx", b"\0" * 4096, ["corrupt .docx"]),
    ("text_named_docx", "text.docx", "ПРОТОКОЛ".encode(), ["corrupt .docx"]),
    ("text_named_pdf", "text.pdf", "ПРОТОКОЛ".encode(), ["corrupt pdf"]),
    ("binary_garbage_txt", "garbage.txt", bytes(range(256)) * 64, ["not a text file", SUPPORTED]),
    ("random_garbage_txt", "random.txt", os.urandom(8192), []),
    ("control_chars_txt", "control.txt", "ПРОТОКОЛ\x01\x02\x03 совещания".encode(), ["not a text file"]),
    ("legacy_doc", "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, [".doc", SUPPORTED]),
    ("doc_by_extension", "old.doc", "ПРОТОКОЛ".encode(), ["named .doc", "plain text", "--input-format txt", SUPPORTED]),
    ("odt_by_extension", "protocol.odt", "ПРОТОКОЛ".encode(), ["named .odt", "plain text", SUPPORTED]),
    ("binary_by_extension", "sheet.xls", b"\x01\x02garbage\x00" * 64, ["named .xls", "no such document", SUPPORTED]),
    ("corrupt_pdf", "corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage", ["corrupt pdf"]),
    ("truncated_pdf", "truncated.pdf", PDF[: len(PDF) // 3], ["corrupt pdf"]),
    ("pdf_header_only", "header.pdf", b"%PDF-1.4\n", ["corrupt pdf"]),
    ("pdf_named_docx_truncated", "really.docx", PDF[:2000], ["corrupt pdf"]),
]


@pytest.mark.parametrize("name, content, words", [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_broken_file_is_one_line_error(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    assert_refused(cli("parse", str(path)), str(path), *words)


WRONG_EXTENSION = [
    ("pdf_named_docx", "really-a-pdf.docx", PDF, "pdf"),
    ("docx_named_pdf", "really-a-docx.pdf", DOCX, "docx"),
    ("docx_named_txt", "really-a-docx.txt", DOCX, "docx"),
    ("pdf_named_txt", "really-a-pdf.txt", PDF, "pdf"),
    ("txt_named_docx_with_fmt", "x.bin", TXT, "txt"),
    ("docx_without_extension", "protocol", DOCX, "docx"),
]


@pytest.mark.parametrize("name, content, fmt", [c[1:] for c in WRONG_EXTENSION],
                         ids=[c[0] for c in WRONG_EXTENSION])
def test_wrong_extension_is_sniffed_from_magic_bytes(tmp_path, name, content, fmt):
    path = tmp_path / name
    path.write_bytes(content)
    data = assert_parsed(cli("parse", str(path), "-f", "json"))
    assert data["source"]["format"] == fmt
    assert data["protocol"]["number"] == "Д05-78/05пр"
    assert sum(len(s["directives"]) for s in data["sections"]) == 48


@pytest.mark.parametrize("content", [b"   \n\n\t \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n \f \n"],
                         ids=["whitespace", "bom_only", "bom_blank_lines_form_feed"])
def test_blank_text_is_a_result_with_warnings_not_a_crash(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_bytes(content)
    data = assert_parsed(cli("parse", str(path), "-f", "json"))
    assert {w["code"] for w in data["warnings"]} >= {"no_directives"}


@pytest.mark.parametrize("name", [
    "протокол совещания.txt",
    "with spaces  and  tabs\t.txt",
    "new\nline.txt",
    "-dash-first.txt",
    "кавычки «ёлки» 'single' \"double\" $HOME `x`.txt",
], ids=["cyrillic_and_spaces", "spaces_tabs", "newline", "leading_dash", "quotes_and_shell"])
def test_odd_file_names_parse_and_keep_their_path(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(TXT)
    data = assert_parsed(cli("parse", "-f", "json", "--", name, cwd=tmp_path))  # relative: "-..." too
    assert data["source"]["path"] == name
    assert data["protocol"]["number"] == "Д05-78/05пр"


def test_odd_file_name_in_an_error_stays_one_line(tmp_path):
    """A newline in the file name must not break the one-line error (cli._fail should escape it)."""
    path = tmp_path / "bad\nname.docx"
    path.write_bytes(b"garbage")
    assert_refused(cli("parse", str(path)), "name.docx", "corrupt .docx")


def test_missing_file_and_directory(tmp_path):
    assert_refused(cli("parse", str(tmp_path / "missing.docx")), "not found")
    folder = tmp_path / "folder.docx"
    folder.mkdir()
    assert_refused(cli("parse", str(folder)), "directory")


def test_one_bad_file_among_good_ones_fails_the_parse_with_one_line(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.pdf"
    good.write_bytes(TXT)
    bad.write_bytes(b"%PDF-garbage")
    proc = cli("parse", str(good), str(bad), "-f", "json")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr  # the good file is still written
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("protokol: error: ") and str(bad) in proc.stderr
    assert_parsed(subprocess.CompletedProcess(proc.args, 0, proc.stdout, ""))


def test_stdin_garbage_and_empty(tmp_path):
    assert_refused(cli("parse", "-", stdin=b""), "empty")
    assert_refused(cli("parse", "-", "--input-format", "docx", stdin=b"garbage"), "corrupt .docx")


# ---------------------------------------------------------------- permissions (library level)
# The tests run as root, for whom chmod 000 does not stop reading; PermissionError is
# simulated where the reader opens the file. The CLI prints str(ReadError) as its one line.


def test_unreadable_file_is_a_read_error(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_bytes(TXT)

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: denied(self))
    with pytest.raises(ReadError) as err:
        read(path)
    assert str(err.value) == f"{path}: permission denied"
    assert "\n" not in str(err.value)


def test_unreadable_file_through_the_cli(tmp_path):
    """As root chmod 000 does not stop reads; a sitecustomize in PYTHONPATH makes reads fail."""
    path = tmp_path / "secret.txt"
    path.write_bytes(TXT)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import pathlib\n"
        "def _denied(self, *a, **k):\n"
        "    raise PermissionError(13, 'Permission denied', str(self))\n"
        "pathlib.Path.read_bytes = _denied\n"
        "pathlib.Path.open = _denied\n"
        "_open = open\n"
        "import builtins\n"
        f"builtins.open = lambda f, *a, **k: _denied(f) if str(f) == {str(path)!r} else _open(f, *a, **k)\n",
        encoding="utf-8")
    proc = cli("parse", str(path), env={"PYTHONPATH": f"{hook}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"})
    assert_refused(proc, "permission denied")


def test_read_bytes_never_raises_anything_but_read_error_on_truncations():
    """Every prefix length class of the three samples: a ReadError or a Document."""
    for data, name in ((DOCX, "x.docx"), (PDF, "x.pdf"), (TXT, "x.txt")):
        for cut in sorted({1, 2, 3, 4, 5, 10, 100, 1000, len(data) // 7, len(data) // 2, len(data) - 1}):
            try:
                read_bytes(data[:cut], name)
            except ReadError:
                pass


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_device_is_bounded_by_max_size(device):
    """A device has no size to check up front: reading stops one byte past the limit."""
    assert_refused(cli("parse", device, "--max-size", "2M", timeout=30), "file too large")


def test_named_pipe_is_read_up_to_max_size(tmp_path):
    import threading

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)

    def feed(data: bytes) -> None:
        with fifo.open("wb") as f:
            try:
                f.write(data)
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, args=(TXT,))
    writer.start()
    data = assert_parsed(cli("parse", str(fifo), "-f", "json", timeout=30))
    writer.join()
    assert data["protocol"]["number"] == "Д05-78/05пр"
    writer = threading.Thread(target=feed, args=(b"a" * (3 * 1024 * 1024),))
    writer.start()
    assert_refused(cli("parse", str(fifo), "--max-size", "1M", timeout=30), "file too large")
    writer.join()


# ---------------------------------------------------------------- mixed and damaged encodings

def decisions(first: int, last: int) -> str:
    return "".join(f"{i}. Обеспечить представление информации по пункту {i}.\n\nСрок - до 1 июля 2023 г.\n\n"
                   for i in range(first, last + 1))


def mixed_code_pages(n: int, first: str = "cp1251", second: str = "koi8_r") -> bytes:
    """A protocol pasted together: n decisions in one code page, n more in another (the
    second half used to come out as silent mojibake)."""
    head = "ПРОТОКОЛ совещания\n\nот 20 июня 2023 г.\n\nРЕШИЛИ:\n\n"
    return (head + decisions(1, n)).encode(first) + decisions(n + 1, 2 * n).encode(second)


def utf8_with_bad_bytes(n: int, bad: bytes = b"\xff") -> bytes:
    """Valid UTF-8 but for one stray byte (the whole protocol used to be lost)."""
    text = "ПРОТОКОЛ совещания\n\nот 20 июня 2023 г.\n\nРЕШИЛИ:\n\n" + decisions(1, n)
    data = text.encode("utf-8")
    middle = data.index("пункту 2.".encode())
    return data[:middle] + bad + data[middle:]


def _directive_texts(data: dict) -> list[str]:
    return [d["text"] for s in data["sections"] for d in s["directives"]]


@pytest.mark.parametrize("first, second", [("cp1251", "koi8_r"), ("koi8_r", "cp1251"), ("cp866", "cp1251"),
                                           ("utf-8", "cp1251"), ("utf-8", "koi8_r")])
def test_mixed_code_pages_decode_per_line_with_a_warning(tmp_path, first, second):
    path = tmp_path / "mixed.txt"
    path.write_bytes(mixed_code_pages(20, first, second))
    data = assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))
    assert _directive_texts(data) == [f"Обеспечить представление информации по пункту {i}." for i in range(1, 41)]
    (warning,) = [w for w in data["warnings"] if w["code"] == "encoding_repaired"]
    assert "decoded as" in warning["message"] and "\n" not in warning["message"]


@pytest.mark.parametrize("bad", [b"\xff", b"\xc3", b"\xe2\x82", b"\x80\x80\x80"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no_bom", "bom"])
def test_utf8_with_a_bad_byte_keeps_the_protocol(tmp_path, bad, bom):
    path = tmp_path / "bad-byte.txt"
    path.write_bytes(bom + utf8_with_bad_bytes(10, bad))
    data = assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))
    texts = _directive_texts(data)
    assert len(texts) == 10 and texts[0] == "Обеспечить представление информации по пункту 1."
    assert texts[1].startswith("Обеспечить представление информации по ") and texts[1].endswith("пункту 2.")
    (warning,) = [w for w in data["warnings"] if w["code"] == "encoding_repaired"]
    assert "replaced in line 11" in warning["message"]


def test_clean_files_have_no_repair_warning():
    for data in (TXT, (SAMPLES / f"{SEED}-cp1251.txt").read_bytes(), mixed_code_pages(5, "koi8_r", "koi8_r")):
        assert read_bytes(data, "clean.txt").warnings == ()


def test_decoding_line_by_line_is_linear():
    from tests.hostile.test_big_inputs import assert_linear

    assert_linear(lambda data: read_bytes(data, "mixed.txt"), mixed_code_pages, 100)

