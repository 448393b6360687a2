""".docx files as a ministry's archive holds them: tracked changes, content controls, text
boxes, fields, symbols, odd packages (UTF-16 parts, another main part, .docm, Strict OOXML)
and files that are no .docx at all. Every document is built here, by hand."""

from __future__ import annotations

import codecs
import io
import shutil
import zipfile

import pytest

from protokol.errors import ReadError
from protokol.readers import read_bytes, sniff

from ._docx import NS, W_NS, abstract, lvl, make_docx, num, p

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NAMESPACES = (f'{NS} xmlns:mc="{MC_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
              'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
              'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
              'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')


def document(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NAMESPACES}>'
            f"<w:body>{body}<w:sectPr/></w:body></w:document>").encode()


def texts(body: str, **kw) -> list[str]:
    return [b.text for b in read_bytes(make_docx("", raw_document=document(body), **kw), "t.docx").blocks]


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def fld(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def instr(code: str) -> str:
    return f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'


def box(*paragraphs: str) -> str:
    return f"<w:txbxContent>{''.join(paragraphs)}</w:txbxContent>"


def drawing(content: str) -> str:
    """A Word 2010 text box: the DrawingML shape, and the same text again as VML for older readers."""
    return ("<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
            f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
            f"</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>"
            "</mc:Fallback></mc:AlternateContent></w:r>")


# ---------------------------------------------------------------- tracked changes


@pytest.mark.parametrize("body,expected", [
    ("<w:p>" + r("Срок – до ") + '<w:del w:id="1"><w:r><w:delText>1 июня</w:delText></w:r></w:del>'
     '<w:ins w:id="2"><w:r><w:t>1 июля</w:t></w:r></w:ins>' + r(" 2025 г.") + "</w:p>", ["Срок – до 1 июля 2025 г."]),
    ('<w:p><w:moveFrom w:id="3"><w:r><w:t>Старое место.</w:t></w:r></w:moveFrom></w:p>' + p("Пункт 1.")
     + '<w:p><w:moveTo w:id="4"><w:r><w:t>Новое место.</w:t></w:r></w:moveTo></w:p>', ["Пункт 1.", "Новое место."]),
    ('<w:ins w:id="5">' + p("Вставленный абзац.") + "</w:ins>" + '<w:del w:id="6">' + p("Удалённый абзац.")
     + "</w:del>", ["Вставленный абзац."]),
    ('<w:p><w:pPr><w:rPr><w:del w:id="7"/></w:rPr></w:pPr><w:del w:id="8"><w:r><w:delText>Весь удалён.'
     "</w:delText></w:r></w:del></w:p>" + p("Остался."), ["Остался."]),
])
def test_tracked_changes_read_as_accepted(body, expected):
    assert texts(body) == expected


# ---------------------------------------------------------------- content controls


def sdt(content: str, placeholder: bool = False) -> str:
    mark = "<w:showingPlcHdr/>" if placeholder else ""
    return f'<w:sdt><w:sdtPr><w:alias w:val="Поле"/>{mark}</w:sdtPr><w:sdtContent>{content}</w:sdtContent></w:sdt>'


def test_content_controls_keep_their_text_block_inline_and_in_cells():
    body = (sdt(p("Блок в элементе управления.")) + "<w:p>" + r("Дата: ") + sdt(r("01.02.2025")) + "</w:p>"
            + "<w:tbl><w:tr>" + sdt("<w:tc>" + p("Ячейка.") + "</w:tc>") + "</w:tr></w:tbl>")
    assert texts(body) == ["Блок в элементе управления.", "Дата: 01.02.2025", "Ячейка."]


def test_a_content_control_showing_its_placeholder_gives_no_text():
    body = ("<w:p>" + r("Дата: ") + sdt(r("Место для ввода даты."), placeholder=True) + "</w:p>"
            + sdt(p("Щёлкните здесь, чтобы ввести текст."), placeholder=True) + p("После."))
    assert texts(body) == ["Дата:", "После."]


def test_a_placeholder_paragraph_still_counts_in_its_list():
    numbering = abstract(1, lvl(0)) + num(1, 1)
    body = p("Первый.", num=(1, 0)) + sdt(p("Введите текст.", num=(1, 0)), placeholder=True) + p("Третий.", num=(1, 0))
    data = make_docx("", raw_document=document(body), numbering=numbering)
    assert [(b.number_label, b.text) for b in read_bytes(data, "t.docx").blocks] == [("1.", "Первый."), ("3.", "Третий.")]


# ---------------------------------------------------------------- text boxes


def test_a_text_box_is_read_once_after_its_paragraph():
    body = "<w:p>" + r("Текст абзаца.") + drawing(box(p("В рамке: первый."), p("В рамке: второй."))) + "</w:p>" + p("Дальше.")
    assert texts(body) == ["Текст абзаца.", "В рамке: первый.", "В рамке: второй.", "Дальше."]


def test_a_vml_only_text_box_and_one_in_an_empty_paragraph():
    vml = f"<w:r><w:pict><v:shape><v:textbox>{box(p('Старая рамка.'))}</v:textbox></v:shape></w:pict></w:r>"
    assert texts("<w:p>" + vml + "</w:p>" + p("Тело.")) == ["Старая рамка.", "Тело."]


def test_a_text_box_inside_a_text_box_is_read_once():
    inner = drawing(box(p("Внутренняя.")))
    body = "<w:p>" + drawing(box("<w:p>" + r("Внешняя.") + inner + "</w:p>")) + "</w:p>"
    assert texts(body) == ["Внешняя.", "Внутренняя."]


def test_alternate_content_outside_a_run_is_read_from_one_branch():
    choice = f'<mc:AlternateContent><mc:Choice Requires="w14">{{}}</mc:Choice><mc:Fallback>{{}}</mc:Fallback></mc:AlternateContent>'
    body = choice.format(p("Абзац."), p("Абзац.")) + "<w:p>" + r("а") + choice.format(r("б"), r("б")) + "</w:p>"
    assert texts(body) == ["Абзац.", "аб"]


# ---------------------------------------------------------------- fields


@pytest.mark.parametrize("runs,expected", [
    (r("Стр. ") + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>3</w:t></w:r></w:fldSimple>', "Стр. 3"),
    (r("См. ") + fld("begin") + instr(' HYPERLINK "http://example.ru" ') + fld("separate") + r("сайт") + fld("end"),
     "См. сайт"),
    # an instruction written as w:t (some generators do): still not shown
    (r("от ") + fld("begin") + r(' DATE \\@ "dd.MM.yyyy" ') + fld("separate") + r("01.03.2025") + fld("end"),
     "от 01.03.2025"),
    # a field inside another's instruction: its result is part of the instruction
    (fld("begin") + instr(" IF ") + fld("begin") + instr(" PAGE ") + fld("separate") + r("2") + fld("end")
     + instr(' = 1 "один" "много" ') + fld("separate") + r("много") + fld("end"), "много"),
    # a field without a result shows nothing of itself
    (r("Текст") + fld("begin") + instr(" XE \"указатель\" ") + fld("end") + r(" дальше"), "Текст дальше"),
    # a field character in a hidden run still closes its field
    (fld("begin") + instr(" REF x ") + fld("separate") + r("результат")
     + '<w:r><w:rPr><w:vanish/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>' + r(" и текст"), "результат и текст"),
])
def test_fields_show_their_result_never_their_instruction(runs, expected):
    assert texts(f"<w:p>{runs}</w:p>") == [expected]


def test_a_field_across_paragraphs_and_a_begin_never_ended():
    toc = ("<w:p>" + fld("begin") + instr(" TOC \\o ") + fld("separate") + r("1. Раздел") + "</w:p>"
           + "<w:p>" + r("2. Раздел") + fld("end") + "</w:p>")
    broken = "<w:p>" + r("Начало") + fld("begin") + r(" MERGEFIELD x ") + "</w:p>"
    assert texts(toc + broken + p("Следующий абзац.")) == ["1. Раздел", "2. Раздел", "Начало", "Следующий абзац."]


# ---------------------------------------------------------------- symbols, breaks, wrappers


@pytest.mark.parametrize("runs,expected", [
    ('<w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:tab/><w:t>пункт</w:t></w:r>', "• пункт"),
    ('<w:r><w:t>а</w:t><w:sym w:font="Symbol" w:char="F02D"/><w:t>б</w:t></w:r>', "а-б"),
    ('<w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:t xml:space="preserve"> выполнено</w:t></w:r>', "✓ выполнено"),
    ('<w:r><w:sym w:font="Times New Roman" w:char="2014"/><w:t xml:space="preserve"> тире</w:t></w:r>', "— тире"),
    ('<w:r><w:sym w:font="Webdings" w:char="F021"/><w:t>знак</w:t></w:r>', "знак"),
    ('<w:r><w:t>ОПОП</w:t><w:noBreakHyphen/><w:t>П обра</w:t><w:softHyphen/><w:t>зование</w:t></w:r>', "ОПОП-П образование"),
    ('<w:r><w:t>а</w:t><w:tab/><w:t>б</w:t><w:br/><w:t>в</w:t><w:cr/><w:t>г</w:t></w:r>', "а б в г"),
    (r("г. ") + '<w:smartTag w:element="City">' + r("Тюмень") + '</w:smartTag><w:customXml w:element="d">'
     + r(", 2025") + "</w:customXml>", "г. Тюмень, 2025"),
    (r("см. ") + '<w:hyperlink r:id="rId9"><w:ins w:id="1">' + r("сайт") + "</w:ins></w:hyperlink>", "см. сайт"),
    (r("Текст") + '<w:r><w:footnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/>' + r(" дальше")
     + '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>', "Текст дальше"),
])
def test_symbols_breaks_and_wrappers(runs, expected):
    assert texts(f"<w:p>{runs}</w:p>") == [expected]


def test_merged_cells_give_their_text_once_and_nested_tables_are_read():
    cell = "<w:tc><w:tcPr>{}</w:tcPr>{}</w:tc>"
    nested = "<w:tbl><w:tr><w:tc>" + p("Вложенная.") + "</w:tc></w:tr></w:tbl>"
    table = ("<w:tbl><w:tr>" + cell.format('<w:vMerge w:val="restart"/>', p("Объединённая."))
             + cell.format('<w:gridSpan w:val="2"/>', p("Широкая.")) + "</w:tr><w:tr>"
             + cell.format("<w:vMerge/>", p("")) + cell.format("", p("Б.")) + cell.format("", p("В.") + nested)
             + "</w:tr></w:tbl>")
    bs = read_bytes(make_docx("", raw_document=document(table)), "t.docx").blocks
    assert [(b.text, b.cell) for b in bs] == [
        ("Объединённая.", (1, 1, 1)), ("Широкая.", (1, 1, 2)), ("Б.", (1, 2, 2)), ("В.", (1, 2, 3)),
        ("Вложенная.", (1, 2, 3))]


def test_footnotes_comments_headers_and_footers_stay_out_of_the_body():
    parts = {"word/footnotes.xml": f'<w:footnotes {NS}><w:footnote w:id="1">{p("Сноска.")}</w:footnote></w:footnotes>',
             "word/comments.xml": f'<w:comments {NS}><w:comment w:id="0">{p("Замечание.")}</w:comment></w:comments>',
             "word/header1.xml": f'<w:hdr {NS}>{p("Колонтитул.")}</w:hdr>',
             "word/footer1.xml": f'<w:ftr {NS}>{p("Страница 1.")}</w:ftr>'}
    body = "<w:p>" + r("Текст") + '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    assert texts(body, parts=parts) == ["Текст"]


# ---------------------------------------------------------------- packages

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
MACRO = "application/vnd.ms-word.document.macroEnabled.main+xml"
BODY = p("Первый абзац.") + p("Второй абзац.")


def package(main: str, *, target: str | None = None, content_type: str = MAIN, namespace: str = W_NS,
            parts: dict[str, str] | None = None, rels: str = OFFICE_DOCUMENT) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml",
                    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                    '<Default Extension="xml" ContentType="application/xml"/>'
                    f'<Override PartName="/{main}" ContentType="{content_type}"/></Types>')
        if target is not None:
            zf.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="{RELS_NS}">'
                                       f'<Relationship Id="rId1" Type="{rels}" Target="{target}"/></Relationships>')
        zf.writestr(main, f'<?xml version="1.0"?><w:document xmlns:w="{namespace}"><w:body>{BODY}</w:body></w:document>')
        for name, text in (parts or {}).items():
            zf.writestr(name, text)
    return out.getvalue()


def read_texts(data: bytes, name: str = "t.docx") -> list[str]:
    return [b.text for b in read_bytes(data, name).blocks]


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
                                          ("utf-8", codecs.BOM_UTF8)])
def test_a_document_part_in_utf16_or_with_a_bom(encoding, bom):
    xml = f'<?xml version="1.0" encoding="{encoding[:6].upper()}"?><w:document {NS}><w:body>{BODY}</w:body></w:document>'
    assert read_texts(make_docx("", raw_document=bom + xml.encode(encoding))) == ["Первый абзац.", "Второй абзац."]


@pytest.mark.parametrize("main,target", [
    ("word/document2.xml", "word/document2.xml"),
    ("word/document2.xml", "/word/document2.xml"),
    ("content/main.xml", "./content/main.xml"),
    ("content/main part.xml", "content/main%20part.xml"),
    ("word/body.xml", None),  # no package relationships: the content type tells the main part
])
def test_the_main_part_is_found_wherever_the_package_puts_it(main, target):
    assert read_texts(package(main, target=target)) == ["Первый абзац.", "Второй абзац."]


def test_another_main_part_takes_its_numbering_from_its_own_relationships():
    rels = (f'<?xml version="1.0"?><Relationships xmlns="{RELS_NS}"><Relationship Id="rId2" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" '
            'Target="lists.xml"/></Relationships>')
    numbering = f"<w:numbering {NS}>{abstract(1, lvl(0, 'upperRoman'))}{num(1, 1)}</w:numbering>"
    data = package("content/main.xml", target="content/main.xml",
                   parts={"content/_rels/main.xml.rels": rels, "content/lists.xml": numbering})
    body_numbered = p("Раздел.", num=(1, 0))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            text = src.read(info)
            if info.filename == "content/main.xml":
                text = text.replace(BODY.encode(), body_numbered.encode())
            dst.writestr(info, text)
    (block,) = read_bytes(out.getvalue(), "t.docx").blocks
    assert (block.number_label, block.text) == ("I.", "Раздел.")


def test_a_docm_and_a_strict_ooxml_document():
    assert read_texts(package("word/macro.xml", target="word/macro.xml", content_type=MACRO), "t.docm") \
        == ["Первый абзац.", "Второй абзац."]
    strict = package("word/document.xml", target="word/document.xml",
                     namespace="http://purl.oclc.org/ooxml/wordprocessingml/main",
                     rels="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
    assert read_texts(strict) == ["Первый абзац.", "Второй абзац."]


# ---------------------------------------------------------------- not a .docx at all


def refused(data: bytes, name: str) -> str:
    with pytest.raises(ReadError) as err:
        read_bytes(data, name)
    message = str(err.value)
    assert "\n" not in message and message.startswith(name + ": ")
    return message


def test_empty_and_truncated_files_are_one_line_each():
    assert refused(b"", "t.docx").endswith("empty file")
    whole = make_docx(p("Текст протокола.") * 40)
    for size in (2, 30, len(whole) // 2, len(whole) - 10):
        assert "corrupt" in refused(whole[:size], "t.docx")


@pytest.mark.parametrize("data,why", [
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"x\"\r\n\r\n--x",
     "web archive (.mht) holds no HTML part"),
    ("Протокол совещания".encode(), "not a zip archive (the content is plain text: --input-format txt reads it)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image: a scan is read from a PDF, by OCR"),
])
def test_a_file_that_is_no_docx_is_named_in_one_line(data, why):
    assert why in refused(data, "t.docx")


@pytest.mark.parametrize("data,fmt,texts", [
    (b"<!DOCTYPE html><html><head><meta charset=\"windows-1251\"></head><body><p>\xcf\xf0\xee\xf2\xee\xea\xee\xeb</p>",
     "html", ["Протокол"]),
    (codecs.BOM_UTF8 + b"<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">\n<body>x</body></html>", "html", ["x"]),
])
def test_a_web_page_named_docx_is_read_as_one(data, fmt, texts):
    doc = read_bytes(data, "t.docx")
    assert (doc.format, [b.text for b in doc.blocks]) == (fmt, texts)


def test_word_2003_xml_and_flat_odt_named_docx_go_to_libreoffice():
    assert sniff(b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument/>', "t.docx") == "xml"
    assert sniff(b'<?xml version="1.0"?>\n<office:document xmlns:office="x"/>', "t.docx") == "fodt"


def test_zips_that_hold_something_else():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("Протокол 5.docx", make_docx(p("x")))
    assert "zip archive of documents: unpack it" in refused(out.getvalue(), "архив.zip")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel workbook" in refused(out.getvalue(), "t.docx")


@pytest.mark.engine("soffice")
def test_an_rtf_named_docx_is_read_as_rtf(tmp_path):
    assert shutil.which("soffice"), "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    rtf = rb"{\rtf1\ansi\ansicpg1251 {\pard \'cf\'f0\'ee\'f2\'ee\'ea\'ee\'eb \'b9 5\par}{\pard 1. \'cf\'ee\'f0\'f3\'f7\'e8\'f2\'fc.\par}}"
    doc = read_bytes(rtf, "t.docx")
    assert doc.format == "rtf" and [b.text for b in doc.blocks] == ["Протокол № 5", "1. Поручить."]
