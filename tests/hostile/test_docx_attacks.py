"""Hostile .docx packages: zip bombs, entity expansion, external entities; no network.

The bombs are real: a deflate stream that truly inflates to gigabytes, built from one
compressed block repeated (each block ends with a full flush, so copies are independent).
"""

from __future__ import annotations

import io
import socket
import time
import zipfile
import zlib


import pytest

from protokol.errors import ReadError
from protokol.pipeline import parse_document
from protokol.readers import read_bytes
from tests.hostile.conftest import SAMPLES, SEED, assert_refused, cli

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEAD = f'<w:document xmlns:w="{W_NS}"><w:body>'.encode()
TAIL = b"</w:body></w:document>"
GiB = 1024**3


def inflating_stream(total: int) -> tuple[bytes, int]:
    """A raw deflate stream of HEAD + "<w:p/>"... + TAIL inflating to about `total` bytes."""
    chunk = b"<w:p/>" * 200000  # 1.2 MB
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = comp.compress(HEAD) + comp.flush(zlib.Z_FULL_FLUSH)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = comp.compress(TAIL) + comp.flush(zlib.Z_FINISH)
    copies = total // len(chunk)
    return head + block * copies + tail, len(HEAD) + len(chunk) * copies + len(TAIL)


class _Canned:
    """Stands in for zipfile's compressor: the stream is already compressed."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def compress(self, _data: bytes) -> bytes:
        return b""

    def flush(self) -> bytes:
        return self.data


def zip_bomb(total: int, declared: int | None = None, part: str = "word/document.xml") -> bytes:
    """A .docx whose `part` inflates to `total` bytes; its header says `declared` (the
    truth by default). The CRC is not that of the content: it is never reached."""
    stream, size = inflating_stream(total)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        if part != "word/document.xml":
            zf.writestr("word/document.xml", body("Текст"))
        info = zipfile.ZipInfo(part)
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as w:
            w._compressor = _Canned(stream)  # type: ignore[attr-defined]
            w._file_size = size if declared is None else declared  # type: ignore[attr-defined]
    return buf.getvalue()


def docx(document: bytes | str, **parts: bytes | str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", document)
        for name, data in parts.items():
            zf.writestr(f"word/{name}.xml", data)
    return buf.getvalue()


def body(text: str) -> str:
    return f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>'


def test_zip_bomb_of_4_gib_is_refused_before_inflating(tmp_path):
    data = zip_bomb(4 * GiB)
    assert len(data) < 8 * 1024 * 1024
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    start = time.monotonic()
    assert_refused(cli("parse", str(path), timeout=30), "zip bomb")
    assert time.monotonic() - start < 15


def test_zip_bomb_lying_about_its_size_stops_at_the_declared_size(tmp_path):
    """Declared 2 KB, truly 1 GiB: zipfile stops inflating at the declared size (bad CRC)."""
    path = tmp_path / "liar.docx"
    path.write_bytes(zip_bomb(GiB, declared=2048))
    assert_refused(cli("parse", str(path), timeout=30), "corrupt .docx")


@pytest.mark.parametrize("part", ["word/styles.xml", "word/numbering.xml"])
def test_bomb_in_styles_or_numbering_is_refused(part):
    with pytest.raises(ReadError, match="zip bomb"):
        read_bytes(zip_bomb(300 * 1024 * 1024, part=part), "part-bomb.docx")


LOL = ('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
       + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>")
QUADRATIC = '<!DOCTYPE w:document [<!ENTITY a "' + "a" * 50000 + '">]>'

ENTITY_CASES = {
    "billion_laughs": ('<?xml version="1.0"?>' + LOL + body("&j;"), "utf-8"),
    "billion_laughs_utf16": ('<?xml version="1.0" encoding="UTF-16"?>' + LOL + body("&j;"), "utf-16"),
    "billion_laughs_utf32": ('<?xml version="1.0" encoding="UTF-32"?>' + LOL + body("&j;"), "utf-32"),
    "quadratic_blowup": (QUADRATIC + body("&a;" * 20000), "utf-8"),
    "doctype_after_64k_of_comment": ("<!--" + "x" * 70000 + "-->" + LOL + body("&j;"), "utf-8"),
    "lower_case_doctype_spacing": ('<!  doctype w:document [<!ENTITY a "x">]>' + body("&a;"), "utf-8"),
}


@pytest.mark.parametrize("name", list(ENTITY_CASES))
def test_entity_expansion_is_refused_never_expanded(name):
    text, encoding = ENTITY_CASES[name]
    start = time.monotonic()
    with pytest.raises(ReadError) as err:
        read_bytes(docx(text.encode(encoding)), f"{name}.docx")
    assert time.monotonic() - start < 5
    assert len(str(err.value)) < 300 and "\n" not in str(err.value)


@pytest.mark.parametrize("part", ["styles", "numbering"])
def test_entities_in_styles_and_numbering_are_refused(part):
    bad = f'<!DOCTYPE x [<!ENTITY a "b">]><w:{part} xmlns:w="{W_NS}"/>'
    with pytest.raises(ReadError, match="DTD or entities"):
        read_bytes(docx(body("Текст"), **{part: bad}), "x.docx")


@pytest.fixture
def listener():
    """A TCP socket on 127.0.0.1 that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _connected(server: socket.socket) -> bool:
    try:
        conn, _ = server.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def xxe_documents(port: int) -> dict[str, tuple[str, str]]:
    url = f"http://127.0.0.1:{port}/x"
    return {
        "external_entity_http": (f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{url}">]>' + body("&x;"), "utf-8"),
        "external_entity_file": ('<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                 + body("&x;"), "utf-8"),
        "external_dtd": (f'<!DOCTYPE w:document SYSTEM "{url}.dtd">' + body("Текст"), "utf-8"),
        "parameter_entity": (f'<!DOCTYPE w:document [<!ENTITY % p SYSTEM "{url}.ent"> %p;]>' + body("x"),
                             "utf-8"),
        "external_entity_utf16": ('<?xml version="1.0" encoding="UTF-16"?>'
                                  f'<!DOCTYPE w:document [<!ENTITY x SYSTEM "{url}">]>' + body("&x;"), "utf-16"),
        "xinclude": (f'<w:document xmlns:w="{W_NS}" xmlns:xi="http://www.w3.org/2001/XInclude"><w:body>'
                     f'<xi:include href="{url}" parse="text"/><w:p><w:r><w:t>Текст</w:t></w:r></w:p>'
                     "</w:body></w:document>", "utf-8"),
        "schema_location": (f'<w:document xmlns:w="{W_NS}" '
                            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                            f'xsi:schemaLocation="{W_NS} {url}.xsd"><w:body><w:p><w:r><w:t>Текст'
                            "</w:t></w:r></w:p></w:body></w:document>", "utf-8"),
    }


XXE_NAMES = list(xxe_documents(1))


@pytest.mark.parametrize("name", XXE_NAMES)
def test_external_references_are_never_fetched(tmp_path, listener, name):
    text, encoding = xxe_documents(listener.getsockname()[1])[name]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(docx(text.encode(encoding)))
    proc = cli("parse", str(path), "-f", "json", timeout=30)
    assert not _connected(listener)
    assert "root:" not in proc.stdout  # /etc/passwd never read into the output
    if "<!DOCTYPE" in text:
        assert_refused(proc, "DTD or entities")
    else:  # no DTD: XInclude and schemaLocation are plain elements/attributes, never followed
        assert proc.returncode == 0 and "Текст" in proc.stdout


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: refuse(None, host))
    return attempts


@pytest.mark.parametrize("name", [f"{SEED}.docx", f"{SEED}.pdf", f"{SEED}.txt"])
def test_parsing_the_samples_touches_no_network(no_network, name):
    data = (SAMPLES / name).read_bytes()
    result = parse_document(read_bytes(data, name))
    assert result.sections and not no_network


@pytest.mark.parametrize("name", XXE_NAMES)
def test_hostile_documents_touch_no_network_in_process(no_network, name):
    text, encoding = xxe_documents(9)[name]
    try:
        parse_document(read_bytes(docx(text.encode(encoding)), f"{name}.docx"))
    except ReadError:
        pass
    assert not no_network


def test_nothing_is_written_outside_the_output(tmp_path):
    """parse with -o writes exactly one file; the input folder is left as it was."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "p.docx").write_bytes((SAMPLES / f"{SEED}.docx").read_bytes())
    before = sorted(p.name for p in src.iterdir())
    out = tmp_path / "out.json"
    proc = cli("parse", str(src / "p.docx"), "-o", str(out), cwd=src)
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in src.iterdir()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "out.json"]




def test_small_docx_inflating_to_50_mb_of_decisions_stays_in_bounds(tmp_path):
    """A 200 KB .docx whose document.xml is 50 MB of numbered decisions (inside the
    default 200 MB inflation budget): parsed, or refused in one line, under 1.5 GB.

    Fails while it makes ~330,000 directives that need ~3 GB (peak RSS 3.1 GB without a
    limit; under the limit the JSON rendering raises MemoryError with a traceback).
    Any of these fixes it: a lower default Limits.max_unzipped (readers), the CLI turning
    MemoryError into its one-line error (cli.py), rendering JSON without holding it whole.
    """
    para = ("<w:p><w:r><w:t>1. Обеспечить представление информации и подготовить материалы; "
            "срок – до 1 июля 2023 г.</w:t></w:r></w:p>").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("word/document.xml", "w", force_zip64=True) as f:
            f.write(HEAD + b"<w:p><w:r><w:t>\xd0\xa0\xd0\x95\xd0\xa8\xd0\x98\xd0\x9b\xd0\x98:</w:t></w:r></w:p>")
            chunk = para * 1000
            for _ in range(50_000_000 // len(chunk)):
                f.write(chunk)
            f.write(TAIL)
    path = tmp_path / "dense.docx"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 300_000
    proc = cli("parse", str(path), "-f", "json", timeout=120)
    if proc.returncode == 0:
        assert proc.stdout.startswith("{") and "Traceback" not in proc.stderr
    else:
        assert_refused(proc)
