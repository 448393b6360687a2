"""Web pages as archives hold them: a protocol saved by Word as a "web page" (.htm, windows-1251,
item numbers written as text in mso-list spans, conditional comments), a page from a portal
(<ol> lists, <br> lines, tables), and web archives (.mht, quoted-printable or base64). Every
file is built here; the whole pipeline must give the directives of the same protocol as .txt."""

from __future__ import annotations

import base64
import codecs
import html
import quopri
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.api import parse
from protokol.errors import ReadError
from protokol.readers import read_bytes, sniff
from tests.formats.txt2docx import txt_to_docx
from tests.hostile.conftest import assert_refused, cli

PARAGRAPHS = [
    "ПРОТОКОЛ",
    "заседания рабочей группы по благоустройству территории",
    "12.03.2025 № 5",
    "г. Энск",
    "Председатель: Петров И.И.",
    "Присутствовали: члены рабочей группы (по списку).",
    "I. О ходе ремонта дворовых территорий",
    "1. Принять информацию начальника управления ЖКХ к сведению.",
    "2. Управлению ЖКХ администрации (Сидоров А.А.) представить график ремонта дворов.",
    "Срок: до 1 апреля 2025 г.",
    "II. О весенней санитарной очистке",
    "1. Отделу благоустройства (Кузнецова Е.В.) организовать проведение субботника.",
    "Срок: 19 апреля 2025 г.",
    "2. Рекомендовать управляющим компаниям обеспечить вывоз мусора ежедневно.",
    "Председатель И.И. Петров",
]
TEXT = "\n\n".join(PARAGRAPHS) + "\n"
_LABEL = __import__("re").compile(r"^(\d+\.|[IVX]+\.)\s+(.*)$")


def word_page(charset: str = "windows-1251") -> str:
    """The protocol as Word's "Save as web page" writes it: numbers typed into mso-list spans."""
    body = []
    for p in PARAGRAPHS:
        m = _LABEL.match(p)
        if m:
            body.append(f"<p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
                        f"<![if !supportLists]><span style='mso-list:Ignore'>{m[1]}<span style='font:7.0pt \"Times New Roman\"'>"
                        f"&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>{html.escape(m[2])}<o:p></o:p></p>")
        else:
            body.append(f"<p class=MsoNormal><span lang=RU style='font-size:14.0pt'>{html.escape(p)}</span><o:p></o:p></p>")
    return (
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"\n"
        "xmlns:w=\"urn:schemas-microsoft-com:office:word\" xmlns=\"http://www.w3.org/TR/REC-html40\">\n<head>\n"
        f"<meta http-equiv=Content-Type content=\"text/html; charset={charset}\">\n"
        "<meta name=Generator content=\"Microsoft Word 15\">\n<title>Протокол</title>\n"
        "<!--[if gte mso 9]><xml>\n <o:DocumentProperties><o:Author>Секретарь</o:Author></o:DocumentProperties>\n</xml><![endif]-->\n"
        "<style>\n<!-- p.MsoNormal {margin:0cm; font-size:12.0pt;} @page WordSection1 {mso-header:h1;} -->\n</style>\n"
        "</head>\n<body lang=RU style='tab-interval:35.4pt'>\n<div class=WordSection1>\n"
        "<div style='mso-element:header' id=h1><p class=MsoHeader>Протокол № 5 от 12.03.2025</p></div>\n"
        + "\n".join(body) + "\n</div>\n</body>\n</html>\n")


def summary(path: Path) -> tuple[tuple, list[tuple]]:
    d = parse(path, rules="none").to_dict()
    rows = [(x["id"], x["kind"], " ".join(x["text"].split()), x["addressees"], x["responsible"],
             [(dl["kind"], dl["due"]) for dl in x["deadlines"]])
            for section in d["sections"] for x in section["directives"]]
    return (d["protocol"]["date"], d["protocol"]["number"]), rows


@pytest.fixture(scope="module")
def expected(tmp_path_factory) -> tuple[tuple, list[tuple]]:
    path = tmp_path_factory.mktemp("txt") / "protocol.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = summary(path)
    assert len(result[1]) == 4 and result[0] == ("2025-03-12", "5")
    return result


def mht(page: bytes, encoding: str, charset: str = "windows-1251") -> bytes:
    body = quopri.encodestring(page) if encoding == "quoted-printable" else base64.encodebytes(page)
    return (b"MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related;"
            b" boundary=\"----=_NextPart_01DB0000.12345678\"\r\n\r\n"
            b"This document is a Single File Web Page, also known as a Web Archive file.\r\n\r\n"
            b"------=_NextPart_01DB0000.12345678\r\nContent-Location: file:///C:/D/protocol.htm\r\n"
            b"Content-Transfer-Encoding: " + encoding.encode() + b"\r\n"
            b"Content-Type: text/html; charset=\"" + charset.encode() + b"\"\r\n\r\n" + body + b"\r\n"
            b"------=_NextPart_01DB0000.12345678\r\nContent-Location: file:///C:/D/protocol_files/header.htm\r\n"
            b"Content-Transfer-Encoding: base64\r\nContent-Type: text/html; charset=\"utf-8\"\r\n\r\n"
            + base64.encodebytes("<p>Протокол № 5 от 12.03.2025</p>".encode()) + b"\r\n"
            b"------=_NextPart_01DB0000.12345678--\r\n")


@pytest.mark.parametrize("name,make", [
    ("protocol.htm", lambda: word_page().encode("cp1251")),
    ("protocol.doc", lambda: word_page().encode("cp1251")),  # Word's web page under a .doc name
    ("protocol.html", lambda: word_page("utf-8").encode()),
    ("protocol.htm", lambda: codecs.BOM_UTF16_LE + word_page("unicode").encode("utf-16-le")),  # Word's "Unicode"
    ("protocol.htm", lambda: word_page("koi8-r").encode("koi8_r", "xmlcharrefreplace")),
    ("page.txt", lambda: word_page("").replace("charset=", "").encode("cp1251")),  # no charset: told from the bytes
    ("protocol.mht", lambda: mht(word_page().encode("cp1251"), "quoted-printable")),
    ("protocol.mhtml", lambda: mht(word_page().encode("cp1251"), "base64")),
    ("protocol.doc", lambda: mht(word_page("utf-8").encode(), "base64", "utf-8")),
], ids=["htm-cp1251", "doc-name", "utf8", "utf16", "koi8r", "no-charset", "mht-qp", "mhtml-base64", "mht-as-doc"])
def test_word_web_page_gives_the_directives_of_the_txt(tmp_path, expected, name, make):
    path = tmp_path / name
    path.write_bytes(make())
    assert summary(path) == expected


def test_the_docx_gives_the_same_directives(tmp_path, expected):
    path = tmp_path / "protocol.docx"
    path.write_bytes(txt_to_docx(TEXT))
    assert summary(path) == expected


def test_word_page_paragraphs_are_the_txt_paragraphs():
    doc = read_bytes(word_page().encode("cp1251"), "protocol.htm")
    assert doc.format == "html"
    assert [b.text for b in doc.blocks] == PARAGRAPHS  # no header, no title, no style, no XML island


PORTAL = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Протокол</title>
<script>var x = "1. Поручить скрипту";</script><style>.a{color:red}</style></head><body>
<nav><a href="/">Главная</a></nav>
<h1>Протокол&nbsp;№&nbsp;7</h1>
<p>Поручить отделу<br>кадров провести&nbsp;&nbsp;проверку.<br>Срок: до 1 мая 2025 г.</p>
<ol start="3"><li>Первый пункт.</li><li>Второй <b>пункт</b>.<ol type="a"><li>подпункт</li></ol></li>
<li value="9">Девятый.</li></ol>
<p style="display:none">Скрытый текст</p><p><b>Весь жирный</b> </p>
<table><tr><th>№</th><th>Поручение</th><th>Срок</th></tr>
<tr><td rowspan="2">1.</td><td>Сделать первое.</td><td>до 1 мая</td></tr>
<tr><td>Сделать второе.</td><td>до 2 мая</td></tr>
<tr><td>2.</td><td colspan="2">Общее <p>во второй строке</p></td></tr>
<tr><td>3.</td><td rowspan="2">Одно на две строки</td><td>до 3 мая</td></tr>
<tr><td>4.</td><td>до 4 мая</td></tr></table>
<!-- комментарий --><p>Конец</p></body></html>"""


def test_portal_page_blocks():
    blocks = read_bytes(PORTAL.encode(), "page.html").blocks
    got = [(b.text, b.number_label, b.bold, b.cell) for b in blocks]
    assert got == [
        ("Главная", None, False, None),
        ("Протокол № 7", None, True, None),
        ("Поручить отделу кадров провести проверку.", None, False, None),  # a lower-case line goes on
        ("Срок: до 1 мая 2025 г.", None, False, None),
        ("Первый пункт.", "3.", False, None),
        ("Второй пункт.", "4.", False, None),
        ("подпункт", "a)", False, None),  # a lettered sub-item, as a protocol writes it
        ("Девятый.", "9.", False, None),
        ("Весь жирный", None, True, None),
        ("№", None, True, (1, 1, 1)), ("Поручение", None, True, (1, 1, 2)), ("Срок", None, True, (1, 1, 3)),
        ("1.", None, False, (1, 2, 1)), ("Сделать первое.", None, False, (1, 2, 2)), ("до 1 мая", None, False, (1, 2, 3)),
        # the "№" cell goes on down: one measure over two rows, its text not repeated
        ("Сделать второе.", None, False, (1, 3, 2)), ("до 2 мая", None, False, (1, 3, 3)),
        ("2.", None, False, (1, 4, 1)), ("Общее", None, False, (1, 4, 2)), ("во второй строке", None, False, (1, 4, 2)),
        ("3.", None, False, (1, 5, 1)), ("Одно на две строки", None, False, (1, 5, 2)), ("до 3 мая", None, False, (1, 5, 3)),
        # a cell carried down beside a row of its own is repeated in it, as a .docx's w:vMerge
        ("4.", None, False, (1, 6, 1)), ("Одно на две строки", None, False, (1, 6, 2)), ("до 4 мая", None, False, (1, 6, 3)),
        ("Конец", None, False, None),
    ]
    assert all(b.in_table == (b.cell is not None) for b in blocks)


def test_word_bullets_in_symbol_and_wingdings_are_shown_as_the_docx_shows_them():
    def bullet(font: str, char: str) -> str:
        return (f"<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]>"
                f"<span style='font-family:{font};mso-fareast-font-family:{font}'><span style='mso-list:Ignore'>{char}"
                f"<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span></span><![endif]>"
                f"<span style='font-family:\"Times New Roman\";mso-bidi-font-family:Symbol'>Пункт §</span></p>")
    page = f"<html><body>{bullet('Symbol', '·')}{bullet('Wingdings', '§')}{bullet('Wingdings', 'Ø')}</body></html>"
    assert [b.text for b in read_bytes(page.encode(), "p.htm").blocks] == ["• Пункт §", "▪ Пункт §", "➢ Пункт §"]


def test_a_table_reads_as_the_docx_table():
    import io

    import docx

    rows = [("№", "Поручение", "Ответственный"), ("1.", "Подготовить отчёт.", "Иванов И.И."),
            ("2.", "Провести совещание.", "Петрова А.А.")]
    d = docx.Document()
    d.add_paragraph("Перед таблицей")
    table = d.add_table(rows=len(rows), cols=3)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    d.add_paragraph("После таблицы")
    buf = io.BytesIO()
    d.save(buf)
    page = "<p>Перед таблицей</p><table border=1>" + "".join(
        "<tr>" + "".join(f"<td><p>{t}</p></td>" for t in row) + "</tr>" for row in rows) + "</table><p>После таблицы</p>"

    def shape(data: bytes, name: str):
        return [(b.text, b.in_table, b.cell) for b in read_bytes(data, name).blocks]

    assert shape(f"<html><body>{page}</body></html>".encode(), "t.htm") == shape(buf.getvalue(), "t.docx")


@pytest.mark.parametrize("data,name,fmt", [
    (b"<div><p>\xcf\xf0\xee\xf2\xee\xea\xee\xeb</p></div>", "page.htm", "html"),  # no <html>: the extension says
    (b"<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "x.xhtml", "html"),
    (word_page().encode("cp1251"), "protocol.docx", "html"),
    (mht(b"<p>x</p>", "base64"), "archive.bin", "mht"),
    (b"<div>not a page by name</div>", "notes.txt", "txt"),
])
def test_format_is_told_by_content_then_name(data, name, fmt):
    assert sniff(data, name) == fmt


def test_div_only_page_is_read_in_its_declared_absence_of_charset():
    assert [b.text for b in read_bytes(b"<div><p>\xcf\xf0\xee\xf2\xee\xea\xee\xeb</p></div>", "p.htm").blocks] \
        == ["Протокол"]


@pytest.mark.parametrize("data,why", [
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
     b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n",
     "web archive (.mht) holds no HTML part"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\nno parts at all\r\n",
     "web archive (.mht) holds no HTML part"),
    (b"<html><head><title>x</title></head><body>   </body></html>", None),
    (b"<html><body>" + b"<div>" * 300 + b"x" + b"</div>" * 300 + b"</body></html>",
     "web page nested deeper than 256 elements: refused"),
])
def test_bad_web_input_is_one_line(tmp_path, data, why):
    if why is None:  # a page without text is read as one without directives, not refused
        assert read_bytes(data, "p.html").blocks == ()
        return
    with pytest.raises(ReadError) as exc:
        read_bytes(data, "a.mht" if data.startswith(b"MIME") else "a.htm")
    assert exc.value.why == why
    path = tmp_path / ("a.mht" if data.startswith(b"MIME") else "a.htm")
    path.write_bytes(data)
    assert_refused(cli("parse", str(path)), why)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=1500), st.sampled_from([b"<html><body>", b"<table><tr><td rowspan=2>", b"<ol start=3><li>",
                                                   b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n"
                                                   b"Content-Type: text/html; charset=koi8-r\n\n"]))
def test_any_bytes_after_a_web_start_read_or_fail_in_one_line(tail, start):
    try:
        doc = read_bytes(start + tail, "x.htm")
    except ReadError as exc:
        assert "\n" not in str(exc)
    else:
        assert all(b.text and "\n" not in b.text for b in doc.blocks)
