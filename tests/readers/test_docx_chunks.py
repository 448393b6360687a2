"""A .docx made by a program (a web form, a template filler) whose text is an alternative format
chunk: ``<w:altChunk r:id="…"/>`` in the body and the text in an HTML page, plain text or
another .docx inside the package; Word pours it in when it opens the file. Every package is
built here, by hand."""

from __future__ import annotations

import io
import zipfile

import pytest

from protokol.api import parse
from protokol.errors import ReadError
from protokol.model import Limits
from protokol.readers import read_bytes

from ._docx import make_docx, p

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHUNK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
PAGE = ("<html><head><meta charset='windows-1251'></head><body><p><b>РЕШИЛИ:</b></p><ol>"
        "<li>Управлению образования подготовить доклад в срок до 1 мая 2025 г.</li>"
        "<li>Отделу культуры провести смотр до 15 июня 2025 г.</li></ol>"
        "<table><tr><td>Исполнитель</td><td>Срок</td></tr><tr><td>Иванов И.И.</td><td>до 01.06.2025</td></tr></table>"
        "</body></html>").encode("cp1251")


def chunk(rid: str) -> str:
    return f'<w:altChunk xmlns:r="{R_NS}" r:id="{rid}"/>'


def package(body: str, chunks: dict[str, tuple[str, bytes]]) -> bytes:
    rels = "".join(f'<Relationship Id="{rid}" Type="{CHUNK_TYPE}" Target="{target}"/>'
                   for rid, (target, _) in chunks.items())
    parts: dict[str, str | bytes] = {
        "word/_rels/document.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns='
                                        f'"http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>'}
    parts.update({f"word/{target}": data for target, data in chunks.values()})
    return make_docx(body, parts=parts)


def texts(data: bytes) -> list[tuple[str | None, str, tuple[int, int, int] | None]]:
    return [(b.number_label, b.text, b.cell) for b in read_bytes(data, "t.docx").blocks]


def test_an_html_chunk_is_read_where_it_stands():
    data = package(p("ПРОТОКОЛ № 5") + chunk("c1") + p("Председатель комиссии А.А. Петров"),
                   {"c1": ("afchunk.htm", PAGE)})
    got = texts(data)
    assert got[0] == (None, "ПРОТОКОЛ № 5", None) and got[-1] == (None, "Председатель комиссии А.А. Петров", None)
    assert got[1:-1] == [
        (None, "РЕШИЛИ:", None),
        ("1.", "Управлению образования подготовить доклад в срок до 1 мая 2025 г.", None),
        ("2.", "Отделу культуры провести смотр до 15 июня 2025 г.", None),
        (None, "Исполнитель", (1, 1, 1)), (None, "Срок", (1, 1, 2)),
        (None, "Иванов И.И.", (1, 2, 1)), (None, "до 01.06.2025", (1, 2, 2))]
    assert [b.paragraph for b in read_bytes(data, "t.docx").blocks] == list(range(1, 10))


def test_the_chunks_directives_are_found(tmp_path):
    path = tmp_path / "generated.docx"
    path.write_bytes(package(p("ПРОТОКОЛ № 5") + p("заседания комиссии от 12 марта 2025 г.") + chunk("c1"),
                             {"c1": ("afchunk.htm", PAGE)}))
    found = [(d.id, d.deadlines[0].due if d.deadlines else None) for s in parse(path).sections for d in s.directives]
    assert found[:2] == [("1", "2025-05-01"), ("2", "2025-06-15")]


def test_text_and_docx_chunks_and_a_chunk_in_a_table_cell():
    inner = package(p("Вложенный документ.") + chunk("c9"), {"c9": ("x.txt", "не читается".encode())})
    cell = f"<w:tbl><w:tr><w:tc>{p('Срок')}</w:tc><w:tc>{chunk('c3')}</w:tc></w:tr></w:tbl>"
    data = package(chunk("c1") + chunk("c2") + cell + chunk("missing"),
                   {"c1": ("a.txt", "Текст в кодировке Windows.\r\n".encode("cp1251")),
                    "c2": ("b.docx", inner), "c3": ("c.txt", "до 1 мая".encode())})
    assert texts(data) == [(None, "Текст в кодировке Windows.", None), (None, "Вложенный документ.", None),
                           (None, "Срок", (1, 1, 1)), (None, "до 1 мая", (1, 1, 2))]


def test_a_chunk_in_a_format_not_read_here_or_broken_gives_nothing():
    data = package(p("До.") + chunk("c1") + chunk("c2") + chunk("c3") + p("После."),
                   {"c1": ("a.rtf", rb"{\rtf1 text}"), "c2": ("b.htm", b"\x00\x01\x02" * 50),
                    "c3": ("flat.xml", '<?xml version="1.0"?><pkg:package xmlns:pkg="x">Текст</pkg:package>'.encode())})
    assert texts(data) == [(None, "До.", None), (None, "После.", None)]


def test_a_chunk_larger_than_the_budget_is_refused_as_a_part_is():
    data = package(p("До.") + chunk("c1"), {"c1": ("a.txt", b"a " * 200_000)})
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert zf.getinfo("word/a.txt").compress_size < 10_000
    with pytest.raises(ReadError, match="zip bomb"):
        read_bytes(data, "t.docx", limits=Limits(max_unzipped=100_000))
