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
from tests.hostile.conftest import SAMPLES, SEED, assert_parsed, assert_refused, cli

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


# ---------------------------------------------------------------- style and numbering traps
# Each used to be quadratic or to raise: 10,000 basedOn styles took 19.7 s, 10,000
# numStyleLink hops 120 s, 50,000 levels over 60 s; a bad numeric attribute (ValueError)
# gave a traceback; a huge w:start in Roman or letters needed ~19 GB.

def _numbered_paragraph(text: str, num_id: str | None = None, ilvl: str | None = None,
                        style: str | None = None) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num_id is not None or ilvl is not None:
        ppr += "<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "")
        ppr += (f'<w:numId w:val="{num_id}"/>' if num_id is not None else "") + "</w:numPr>"
    return f"<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"


def _package(paragraphs: list[str], styles: str = "", numbering: str = "") -> bytes:
    document = f'<w:document xmlns:w="{W_NS}"><w:body>{"".join(paragraphs)}</w:body></w:document>'
    return docx(document, styles=f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>',
                numbering=f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')


def _lvl(ilvl: int | str, text: str = "%1.", fmt: str = "decimal", start: str = "1", extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def based_on_chain(n: int) -> bytes:
    """n styles, each basedOn the one before; the first gives the numbering; a paragraph per style."""
    styles = ['<w:style w:type="paragraph" w:styleId="s0"><w:pPr><w:numPr><w:ilvl w:val="0"/>'
              '<w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>']
    styles += [f'<w:style w:type="paragraph" w:styleId="s{i}"><w:basedOn w:val="s{i - 1}"/></w:style>'
               for i in range(1, n)]
    numbering = '<w:abstractNum w:abstractNumId="0">' + _lvl(0) + '</w:abstractNum>'
    numbering += '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    paragraphs = [_numbered_paragraph("Пункт", style=f"s{i}") for i in reversed(range(n))]
    return _package(paragraphs, "".join(styles), numbering)


def num_style_link_chain(n: int) -> bytes:
    """n lists, list i defined by a numStyleLink to a style whose list is list i-1."""
    numbering = ['<w:abstractNum w:abstractNumId="a0">' + _lvl(0) + "</w:abstractNum>",
                 '<w:num w:numId="n0"><w:abstractNumId w:val="a0"/></w:num>']
    styles = []
    for i in range(1, n):
        numbering.append(f'<w:abstractNum w:abstractNumId="a{i}"><w:numStyleLink w:val="L{i}"/></w:abstractNum>'
                         f'<w:num w:numId="n{i}"><w:abstractNumId w:val="a{i}"/></w:num>')
        styles.append(f'<w:style w:type="numbering" w:styleId="L{i}"><w:pPr><w:numPr>'
                      f'<w:numId w:val="n{i - 1}"/></w:numPr></w:pPr></w:style>')
    paragraphs = [_numbered_paragraph("Пункт", f"n{i}", "0") for i in reversed(range(n))]
    return _package(paragraphs, "".join(styles), "".join(numbering))


def many_levels(n: int) -> bytes:
    """One list of n levels tied to a heading style, and n//10 paragraphs of that style."""
    levels = "".join(_lvl(i, extra='<w:pStyle w:val="H"/>') for i in range(n))
    numbering = (f'<w:abstractNum w:abstractNumId="0">{levels}</w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    styles = '<w:style w:type="paragraph" w:styleId="H"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    return _package([_numbered_paragraph("Раздел", style="H") for _ in range(max(n // 10, 1))], styles, numbering)


def _labels(data: bytes) -> list[str | None]:
    return [b.number_label for b in read_bytes(data, "trap.docx").blocks]


@pytest.mark.parametrize("make, n", [(based_on_chain, 300), (num_style_link_chain, 300), (many_levels, 3000)],
                         ids=["based_on", "num_style_link", "levels"])
def test_style_and_numbering_chains_are_linear(tmp_path, make, n):
    from tests.hostile.test_big_inputs import assert_linear

    assert_linear(lambda data: read_bytes(data, "chain.docx"), make, n)
    path = tmp_path / "chain.docx"
    path.write_bytes(make(16 * n))
    assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))


def test_chains_resolve_to_the_label_word_shows():
    assert _labels(based_on_chain(5)) == ["1.", "2.", "3.", "4.", "5."]
    assert _labels(num_style_link_chain(4)) == ["1.", "2.", "3.", "4."]  # one list in the end
    assert _labels(many_levels(40)) == ["1.", "2.", "3.", "4."]  # the style is tied to level 0 first


def test_style_cycles_end_the_chain():
    styles = ('<w:style w:styleId="A"><w:basedOn w:val="B"/></w:style>'
              '<w:style w:styleId="B"><w:basedOn w:val="A"/></w:style>')
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:numStyleLink w:val="S"/></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    styles += '<w:style w:type="numbering" w:styleId="S"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    assert _labels(_package([_numbered_paragraph("x", style="A"), _numbered_paragraph("y", "1", "0")],
                            styles, numbering)) == [None, None]


BAD_NUMBERS = ["abc", "1.5", "\u00b2", "٣", "9" * 5000, "-3", "", " ", "1e3", "0x10", "+1"]


@pytest.mark.parametrize("value", BAD_NUMBERS, ids=[f"v{i}" for i in range(len(BAD_NUMBERS))])
@pytest.mark.parametrize("where", ["ilvl", "start", "lvlRestart", "startOverride", "lvl_ilvl", "style_ilvl"])
def test_bad_numeric_attributes_fall_back_to_defaults(tmp_path, where, value):
    ilvl = value if where == "ilvl" else "0"
    start = value if where == "start" else "1"
    restart = f'<w:lvlRestart w:val="{value}"/>' if where == "lvlRestart" else ""
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{value}"/></w:lvlOverride>'
                if where == "startOverride" else "")
    level0 = _lvl(value if where == "lvl_ilvl" else 0, start=start)
    numbering = (f'<w:abstractNum w:abstractNumId="0">{level0}{_lvl(1, "%1.%2.", extra=restart)}</w:abstractNum>'
                 f'<w:num w:numId="1"><w:abstractNumId w:val="0"/>{override}</w:num>')
    styles = ('<w:style w:styleId="N"><w:pPr><w:numPr><w:ilvl w:val="' + value + '"/><w:numId w:val="1"/>'
              '</w:numPr></w:pPr></w:style>')
    paragraphs = [_numbered_paragraph("РЕШИЛИ:"), _numbered_paragraph("Первый", "1", ilvl),
                  _numbered_paragraph("Второй", style="N") if where == "style_ilvl"
                  else _numbered_paragraph("Второй", "1", "0")]
    path = tmp_path / "numbers.docx"
    path.write_bytes(_package(paragraphs, styles, numbering))
    assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))
    labels = _labels(path.read_bytes())
    assert labels[1] in ("1.", None) and labels[2] in ("2.", "1.", None)
    if where in ("ilvl", "start", "startOverride", "style_ilvl", "lvlRestart"):
        assert labels[1:] == ["1.", "2."]  # the default (level 0, start 1) where the value is bad


@pytest.mark.parametrize("fmt, start", [("upperRoman", "1000000000000"), ("lowerLetter", "200000000"),
                                        ("upperRoman", "32767"), ("russianLower", "32767")])
def test_huge_start_values_keep_labels_short(tmp_path, fmt, start):
    """A 2 KB file with w:start 1e12 in Roman (or 2e8 in letters) needed ~19 GB."""
    numbering = (f'<w:abstractNum w:abstractNumId="0">{_lvl(0, fmt=fmt, start=start)}'
                 f'{_lvl(1, "%1.%2.%1.%2.%1.%2.%1.%2.%1.%2.%1.%2.%1.%2.%1.%2.%1.%2.%1.%2.%1.%2.", fmt=fmt, start=start)}'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    paragraphs = [_numbered_paragraph("РЕШИЛИ:")] + [_numbered_paragraph("Пункт", "1", str(i % 2))
                                                    for i in range(4000)]
    data = _package(paragraphs, "", numbering)
    path = tmp_path / "start.docx"
    path.write_bytes(data)
    assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))
    labels = [x for x in _labels(data) if x]
    assert labels and max(len(x) for x in labels) <= 64

