"""Word 2003 XML documents (one .xml file, <w:wordDocument>) built here as Word writes them:
sections wrapped in wx:sect, lists in w:lists with w:listPr on the paragraphs and the shown
number in wx:t, merged cells as w:vmerge. Read directly, with the .docx reader's walker."""

from __future__ import annotations

import html
import re

import pytest

from protokol.errors import ReadError
from protokol.readers import read_bytes, sniff
from tests.readers.test_web_pages import PARAGRAPHS, expected, summary  # noqa: F401 - expected: a fixture

W = "http://schemas.microsoft.com/office/word/2003/wordml"
_LABEL = re.compile(r"^(\d+\.|[IVX]+\.)\s+(.*)$")


def run(text: str, bold: bool = False) -> str:
    return f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}<w:t>{html.escape(text)}</w:t></w:r>"


def para(text: str, ilfo: int | None = None, ilvl: int = 0, shown: str | None = None, bold: bool = False) -> str:
    lst = ""
    if ilfo is not None:
        hint = f'<wx:t wx:val="{shown}"/>' if shown is not None else ""
        lst = f'<w:pPr><w:listPr><w:ilvl w:val="{ilvl}"/><w:ilfo w:val="{ilfo}"/>{hint}</w:listPr></w:pPr>'
    return f"<w:p>{lst}{run(text, bold)}</w:p>"


def document(body: str, lists: str = "", hints: bool = True) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<?mso-application progid="Word.Document"?>\n'
            f'<w:wordDocument xmlns:w="{W}" xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" '
            f'xmlns:aml="http://schemas.microsoft.com/aml/2001/core" w:macrosPresent="no">'
            f'<w:styles><w:style w:type="paragraph" w:default="on" w:styleId="a"><w:name w:val="Normal"/></w:style>'
            f'<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>'
            f'<w:rPr><w:b/></w:rPr></w:style></w:styles>'
            f'{lists}<w:body><wx:sect>{body}<w:sectPr/></wx:sect></w:body></w:wordDocument>').encode()


LISTS = ('<w:lists><w:listDef w:listDefId="0"><w:plt w:val="Multilevel"/>'
         '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:nfc w:val="1"/><w:lvlText w:val="%1."/></w:lvl>'
         '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:lvlText w:val="%2."/></w:lvl></w:listDef>'
         '<w:list w:ilfo="1"><w:ilst w:val="0"/></w:list>'
         '<w:list w:ilfo="2"><w:ilst w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/>'
         '</w:lvlOverride></w:list></w:lists>')


def protocol(hints: bool) -> bytes:
    """The protocol of test_web_pages, its section and item numbers shown by lists."""
    body, section = [], 0
    for p in PARAGRAPHS:
        m = _LABEL.match(p)
        if not m:
            body.append(para(p))
        elif m[1][0] in "IVX":
            section += 1
            body.append(para(m[2], 1 if section == 1 else 2, 0, m[1] if hints else None, bold=True))
        else:
            body.append(para(m[2], 1 if section == 1 else 2, 1, m[1] if hints else None))
    return document("".join(body), LISTS)


@pytest.mark.parametrize("hints", [True, False], ids=["shown-numbers", "counted"])
def test_the_protocol_as_word_2003_xml_gives_the_txt_directives(tmp_path, expected, hints):  # noqa: F811
    path = tmp_path / "protocol.xml"
    path.write_bytes(protocol(hints))
    assert summary(path) == expected


def test_paragraphs_labels_bold_and_merged_cells():
    table = ('<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>'
             '<w:tr><w:tc>' + para("Петров И.И.") + '</w:tc>'
             '<w:tc><w:tcPr><w:vmerge w:val="restart"/></w:tcPr>' + para("Управление ЖКХ") + '</w:tc></w:tr>'
             '<w:tr><w:tc>' + para("Сидоров А.А.") + '</w:tc><w:tc><w:tcPr><w:vmerge/></w:tcPr><w:p/></w:tc></w:tr>'
             '</w:tbl>')
    body = (para("ПРОТОКОЛ", bold=True) + para("Создать рабочую группу.", 1, 0, "IV.")
            + '<w:p><w:r><w:t>Текст </w:t></w:r><aml:annotation w:type="Word.Deletion"><aml:content>'
            '<w:r><w:delText>удалённый </w:delText></w:r></aml:content></aml:annotation>'
            '<w:r><w:tab/><w:t>дальше</w:t></w:r></w:p>' + table)
    doc = read_bytes(document(body, LISTS), "p.doc")  # under a .doc name, as archives hold them
    assert doc.format == "xml"
    assert [(b.text, b.number_label, b.bold, b.cell) for b in doc.blocks] == [
        ("ПРОТОКОЛ", None, True, None),
        ("Создать рабочую группу.", "IV.", False, None),  # the number Word showed
        ("Текст дальше", None, False, None),
        ("Петров И.И.", None, False, (1, 1, 1)), ("Управление ЖКХ", None, False, (1, 1, 2)),
        ("Сидоров А.А.", None, False, (1, 2, 1)), ("Управление ЖКХ", None, False, (1, 2, 2)),  # w:vmerge held
    ]


def test_sniffed_by_content_under_any_name():
    assert sniff(protocol(True), "protocol.docx") == "xml"
    assert sniff(protocol(True).replace(b'<?mso-application progid="Word.Document"?>\n', b""), "x.txt") == "xml"


@pytest.mark.parametrize("data,why", [
    (document(para("x")).replace(b"?>\n<?mso", b"?>\n<!DOCTYPE x [<!ENTITY e \"e\">]>\n<?mso"), "refused (XXE"),
    (document(para("x")).replace(b"</w:wordDocument>", b""), "corrupt Word 2003 XML:"),
    (document(para("x")).replace(b"<w:body>", b"<w:bodyX>").replace(b"</w:body>", b"</w:bodyX>"),
     "corrupt Word 2003 XML: no w:body"),
])
def test_bad_word_xml_is_one_line(data, why):
    with pytest.raises(ReadError) as exc:
        read_bytes(data, "p.xml")
    assert why in str(exc.value) and "\n" not in str(exc.value)
