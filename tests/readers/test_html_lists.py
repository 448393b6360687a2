"""Nested lists in web pages: LibreOffice saves a multi-level list as <ol>s inside items with
no numbers written ("1.", then "1.1." in the document), Google Docs as flat <ol>s per level
with the number in its stylesheet. The items must carry the numbers the document shows, so
the structure sees "1.", "1.1.", "а)" and not "1." twice. The LibreOffice pages are made here by
soffice from an .fodt with three numbering levels (LibreOffice must be installed: the test
fails without it)."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from protokol.api import parse
from protokol.readers import read_bytes
from tests.formats.conftest import _soffice

_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
       'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"')
_LEVELS = ('<text:list-level-style-number text:level="1" style:num-suffix="." style:num-format="1"/>'
           '<text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="1" '
           'text:display-levels="2"/>'
           '<text:list-level-style-number text:level="3" style:num-suffix=")" style:num-format="{third}"/>')

# (level, text) of the list; a level 0 line is a plain paragraph between list items
LINES = [
    (0, "ПРОТОКОЛ"),
    (0, "совещания по подготовке к отопительному сезону"),
    (0, "14.05.2025 № 12"),
    (0, "РЕШИЛИ:"),
    (1, "Управлению ЖКХ (Орлов П.П.):"),
    (2, "Подготовить план ремонта котельных."),
    (2, "Обеспечить проверку тепловых сетей:"),
    (3, "в микрорайоне Северный;"),
    (3, "в микрорайоне Южный."),
    (1, "Отделу финансов (Белова Н.Н.) выделить средства на ремонт."),
    (0, "Срок: до 1 июня 2025 г."),
    (2, "Отделу финансов представить смету расходов."),  # the list goes on after the paragraph
    (1, "Рекомендовать управляющим компаниям провести осмотр подвалов."),
]


def fodt(lines: list[tuple[int, str]], third: str = "a") -> str:
    """A flat ODF text with one multi-level list (interrupted by paragraphs, then continued)."""
    body, depth, lists = [], 0, 0

    def close(to: int) -> None:
        nonlocal depth
        while depth > to:
            body.append("</text:list-item></text:list>")
            depth -= 1

    for level, text in lines:
        para = f"<text:p>{escape(text)}</text:p>"
        if level == 0:
            close(0)
            body.append(para)
            continue
        if depth >= level:
            close(level)
            body.append("</text:list-item>")
        else:
            while depth < level:
                if depth == 0:
                    lists += 1
                    go_on = ' text:continue-list="list1"' if lists > 1 else ""
                    body.append(f'<text:list text:style-name="L1" xml:id="list{lists}"{go_on}>')
                else:
                    body.append("<text:list>")
                depth += 1
                if depth < level:
                    body.append("<text:list-item>")
        body.append(f"<text:list-item>{para}")
    close(0)
    return (f'<?xml version="1.0" encoding="UTF-8"?><office:document {_NS} office:version="1.2" '
            'office:mimetype="application/vnd.oasis.opendocument.text"><office:automatic-styles>'
            f'<text:list-style style:name="L1">{_LEVELS.format(third=third)}</text:list-style>'
            f'</office:automatic-styles><office:body><office:text>{"".join(body)}'
            '</office:text></office:body></office:document>')


@pytest.fixture(scope="module", params=["fodt", "docx"])
def libreoffice_page(request, tmp_path_factory) -> Path:
    """The list saved as a web page by LibreOffice, from the .fodt or from a .docx it made of it."""
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    tmp = tmp_path_factory.mktemp("html_lists")
    source = tmp / "protocol.fodt"
    source.write_text(fodt(LINES), encoding="utf-8")
    if request.param == "docx":
        _soffice(exe, "docx", [source], tmp / "docx", tmp / "profile")
        source = tmp / "docx" / "protocol.docx"
    _soffice(exe, "html", [source], tmp / "out", tmp / "profile")
    return tmp / "out" / "protocol.html"


@pytest.mark.engine("soffice")
def test_libreoffice_nested_list_is_numbered_as_the_document_shows_it(libreoffice_page):
    page = libreoffice_page.read_bytes()
    assert b"<ol" in page and b"1.1" not in page  # the sub-numbers are not in the page itself
    got = [(b.number_label, b.text) for b in read_bytes(page, "protocol.html").blocks if b.number_label]
    assert got == [
        ("1.", "Управлению ЖКХ (Орлов П.П.):"),
        ("1.1.", "Подготовить план ремонта котельных."),
        ("1.2.", "Обеспечить проверку тепловых сетей:"),
        ("a)", "в микрорайоне Северный;"),
        ("b)", "в микрорайоне Южный."),
        ("2.", "Отделу финансов (Белова Н.Н.) выделить средства на ремонт."),
        ("2.1.", "Отделу финансов представить смету расходов."),  # after "Срок: ...", under item 2
        ("3.", "Рекомендовать управляющим компаниям провести осмотр подвалов."),
    ]


@pytest.mark.engine("soffice")
def test_libreoffice_page_gives_the_item_tree(libreoffice_page):
    result = parse(libreoffice_page)
    items = [(d.id, d.parent) for s in result.sections for d in s.directives]
    assert items == [("1", None), ("1.1", "1"), ("1.2", "1"), ("1.2.a", "1.2"), ("1.2.b", "1.2"),
                     ("2", None), ("2.1", "2"), ("3", None)]


# Google Docs' "Web page (.html)": one flat <ol> per run of items of a level, the number in CSS
GOOGLE = """<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">
<style type="text/css">ol.lst-kix_ab12-1{list-style-type:none}
.lst-kix_ab12-0>li:before{content:"" counter(lst-ctn-kix_ab12-0,decimal) ". "}
.lst-kix_ab12-1>li:before{content:"" counter(lst-ctn-kix_ab12-0,decimal) "." counter(lst-ctn-kix_ab12-1,decimal) ". "}
.lst-kix_ab12-2>li:before{content:"" counter(lst-ctn-kix_ab12-2,lower-latin) ") "}
.lst-kix_ab12-0>li{counter-increment:lst-ctn-kix_ab12-0}
.lst-kix_cd34-0>li:before{content:"\\0025cf   "}
</style></head><body class="c5 doc-content">
<p class="c1"><span class="c0">РЕШИЛИ:</span></p>
<ol class="c2 lst-kix_ab12-0 start" start="1"><li class="c1 li-bullet-0"><span>Управлению ЖКХ:</span></li></ol>
<ol class="c2 lst-kix_ab12-1 start" start="1"><li class="c1 li-bullet-0"><span>Подготовить план.</span></li>
<li class="c1 li-bullet-0"><span>Обеспечить проверку:</span></li></ol>
<ol class="c2 lst-kix_ab12-2 start" start="1"><li class="c1 li-bullet-0"><span>в Северном;</span></li>
<li class="c1 li-bullet-0"><span>в Южном.</span></li></ol>
<ol class="c2 lst-kix_ab12-0" start="2"><li class="c1 li-bullet-0"><span>Отделу финансов выделить средства.</span></li></ol>
<ol class="c2 lst-kix_ab12-1 start" start="1"><li class="c1 li-bullet-0"><span>Представить смету.</span></li></ol>
<ol class="c2 lst-kix_ab12-0"><li class="c1 li-bullet-0"><span>Без start: продолжение.</span></li></ol>
<ul class="c2 lst-kix_cd34-0 start"><li class="c1 li-bullet-0"><span>пункт с точкой</span></li></ul>
</body></html>"""


def test_google_docs_levels_are_numbered_from_the_stylesheet():
    got = [(b.number_label, b.text) for b in read_bytes(GOOGLE.encode(), "protocol.html").blocks]
    assert got == [(None, "РЕШИЛИ:"), ("1.", "Управлению ЖКХ:"), ("1.1.", "Подготовить план."),
                   ("1.2.", "Обеспечить проверку:"), ("a)", "в Северном;"), ("b)", "в Южном."),
                   ("2.", "Отделу финансов выделить средства."), ("2.1.", "Представить смету."),
                   ("3.", "Без start: продолжение."),
                   ("•", "пункт с точкой")]


LO = '<meta name="generator" content="LibreOffice 7.4.7.2 (Linux)"/>'


@pytest.mark.parametrize("lists,labels", [
    # type= and list-style-type on nested lists; start= and value=
    ('<ol start="4"><li>Четвёртый<ol type="a"><li>а</li><li value="5">д</li></ol></li></ol>',
     ["4.", "a)", "e)"]),
    ('<ol><li>Первый<ol style="list-style-type: cyrillic-lower"><li>а</li><li>б</li></ol></li></ol>',
     ["1.", "а)", "б)"]),
    ('<ol type="I"><li>Раздел<ol><li>Пункт<ol><li>подпункт</li></ol></li></ol></li></ol>',
     ["I.", "1)", "1)"]),
    ('<ol><li>Один<ol start="3"><li>Три<ol start="2"><li>Два</li></ol></li></ol></li><li>Два</li></ol>',
     ["1.", "1.3.", "1.3.2.", "2."]),
    ('<ol><li>Один<ol style="list-style-type:none"><li>без номера</li></ol></li></ol>', ["1.", None]),
    ('<ol style="list-style-type: upper-roman"><li>Раздел</li></ol><ol><li>Пункт</li></ol>', ["I.", "1."]),
    # a bullet list in a page LibreOffice saved, or inside an item: "•" as a .docx's bullets
    (f'{LO}<ol><li>Утвердить:</li></ol><ul><li>состав</li><li>положение</li></ul><ol start="2"><li>Два</li></ol>',
     ["1.", "•", "•", "2."]),
    ('<ol><li>Утвердить:<ul><li>состав</li></ul></li></ol>', ["1.", "•"]),
    # none with list-style-type none, in a menu, or in a page no office program saved (a portal's links)
    (f'{LO}<ul style="list-style-type:none"><li>без значка</li></ul><nav><ul><li>Главная</li></ul></nav>',
     [None, None]),
    ('<ol><li>Пункт.</li></ol><div class="footer"><ul><li>Контакты</li><li>Карта сайта</li></ul></div>',
     ["1.", None, None]),
    ('<meta name="Generator" content="Microsoft Word 15"><ul><li>Контакты</li></ul>', [None]),
    # LibreOffice going on with a third level after a paragraph: <ol><ol><ol start="2">
    ('<ol><li>Один<ol><li>Под<ol><li>подпод</li></ol></li></ol></li></ol><p>Абзац</p>'
     '<ol><ol><ol start="2"><li>второй</li></ol></ol><ol start="2"><li>Под два</li></ol><li>Два</li></ol>',
     ["1.", "1.1.", "1.1.1.", None, "1.1.2.", "1.2.", "2."]),
])
def test_handwritten_nested_lists(lists, labels):
    blocks = read_bytes(f"<html><body>{lists}</body></html>".encode(), "page.html").blocks
    assert [b.number_label for b in blocks] == labels


@pytest.mark.engine("soffice")
def test_the_seed_saved_as_a_web_page_by_libreoffice_gives_the_directives_of_the_docx(tmp_path):
    """The seed's three-level Word numbering, saved by LibreOffice as HTML (nested lists that go
    on after paragraphs: <ol><ol><ol start="2">), read as the .docx is."""
    from tests.conftest import SAMPLES, SEED

    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    _soffice(exe, "html", [SAMPLES / f"{SEED}.docx"], tmp_path / "out", tmp_path / "profile")

    def rows(path: Path) -> list[tuple]:
        return [(d.id, d.kind, " ".join(d.text.split()), d.addressees, [x.due for x in d.deadlines])
                for s in parse(path).sections for d in s.directives]

    expected = rows(SAMPLES / f"{SEED}.docx")
    assert len(expected) > 40 and any(r[0].count(".") == 3 for r in expected)  # ids like "IX.2.1.2"
    assert rows(tmp_path / "out" / f"{SEED}.html") == expected
