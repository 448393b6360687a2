"""The .docx reader: Word numbering labels, tables, runs, styles, hostile packages."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest

from protokol.errors import ReadError
from protokol.readers import Limits, read_bytes
from protokol.readers.numbering import fmt_number, letters, roman

from ._docx import NS, abstract, lvl, make_docx, num, p, start_override


def blocks(data: bytes, **kw):
    return read_bytes(data, "t.docx", **kw).blocks


def labels(body: str, numbering: str, styles: str | None = None) -> list[str | None]:
    return [b.number_label for b in blocks(make_docx(body, numbering=numbering, styles=styles))]


THREE_LEVELS = abstract(1, lvl(0), lvl(1), lvl(2))


# ---------------------------------------------------------------- numbering


def test_three_levels_and_restart_of_deeper_levels():
    body = "".join(p(f"x{i}", num=(1, level)) for i, level in enumerate([0, 1, 2, 2, 1, 0, 1, 2]))
    assert labels(body, THREE_LEVELS + num(1, 1)) == [
        "1.", "1.1.", "1.1.1.", "1.1.2.", "1.2.", "2.", "2.1.", "2.1.1."]


def test_label_is_not_in_text():
    (b,) = blocks(make_docx(p("Принять к сведению.", num=(1, 0)), numbering=THREE_LEVELS + num(1, 1)))
    assert (b.number_label, b.text) == ("1.", "Принять к сведению.")


def test_start_override_restarts_a_new_num_instance():
    body = p("a", num=(1, 0)) + p("b", num=(1, 0)) + p("c", num=(2, 0)) + p("d", num=(2, 0)) \
        + p("e", num=(2, 1))
    numbering = THREE_LEVELS + num(1, 1) + num(2, 1, start_override(0, 1))
    assert labels(body, numbering) == ["1.", "2.", "1.", "2.", "2.1."]


def test_nums_sharing_an_abstract_continue_one_counter():
    body = p("a", num=(1, 0)) + p("b", num=(1, 0)) + p("c", num=(3, 0))
    assert labels(body, THREE_LEVELS + num(1, 1) + num(3, 1)) == ["1.", "2.", "3."]


def test_start_override_other_than_one():
    body = p("a", num=(4, 0)) + p("b", num=(4, 0))
    assert labels(body, THREE_LEVELS + num(4, 1, start_override(0, 7))) == ["7.", "8."]


def test_w_start():
    body = p("a", num=(1, 0)) + p("b", num=(1, 0)) + p("c", num=(1, 1))
    assert labels(body, abstract(1, lvl(0, start=5), lvl(1, start=3)) + num(1, 1)) == [
        "5.", "6.", "6.3."]


@pytest.mark.parametrize("fmt,text,expected", [
    ("upperRoman", "%1.", ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX.", "X."]),
    ("lowerRoman", "%1)", ["i)", "ii)", "iii)", "iv)", "v)", "vi)", "vii)", "viii)", "ix)", "x)"]),
    ("russianLower", "%1)", ["а)", "б)", "в)", "г)", "д)", "е)", "ж)", "з)", "и)", "к)"]),
    ("russianUpper", "%1.", ["А.", "Б.", "В.", "Г.", "Д.", "Е.", "Ж.", "З.", "И.", "К."]),
    ("upperLetter", "%1.", ["A.", "B.", "C.", "D.", "E.", "F.", "G.", "H.", "I.", "J."]),
    ("lowerLetter", "(%1)", ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)", "(h)", "(i)", "(j)"]),
    ("decimalZero", "%1.", ["01.", "02.", "03.", "04.", "05.", "06.", "07.", "08.", "09.", "10."]),
    ("bullet", "•", ["•"] * 10),
    ("decimal", "Статья %1.", [f"Статья {i}." for i in range(1, 11)]),
])
def test_number_formats(fmt, text, expected):
    body = "".join(p(f"x{i}", num=(1, 0)) for i in range(10))
    assert labels(body, abstract(1, lvl(0, fmt, text)) + num(1, 1)) == expected


@pytest.mark.parametrize("n,fmt,expected", [
    (4, "upperRoman", "IV"), (9, "upperRoman", "IX"), (14, "upperRoman", "XIV"),
    (40, "upperRoman", "XL"), (1994, "upperRoman", "MCMXCIV"), (28, "russianLower", "я"),
    (29, "russianLower", "аа"), (27, "upperLetter", "AA"), (28, "lowerLetter", "bb"),
    (7, "none", ""), (3, "ordinal", "3"),
])
def test_fmt_number(n, fmt, expected):
    assert fmt_number(n, fmt) == expected


def test_roman_and_letters_helpers():
    assert [roman(n) for n in (1, 3, 4, 5, 8)] == ["I", "III", "IV", "V", "VIII"]
    assert letters(1, "abc") == "a" and letters(4, "abc") == "aa"


def test_none_format_gives_no_label():
    assert labels(p("a", num=(1, 0)), abstract(1, lvl(0, "none", "%1")) + num(1, 1)) == [None]


def test_num_id_zero_and_unknown_num_mean_no_numbering():
    body = p("a", num=(0, 0)) + p("b", num=(99, 0)) + p("c", num=(1, 0))
    assert labels(body, THREE_LEVELS + num(1, 1)) == [None, None, "1."]


def test_section_headings_roman_and_items_decimal_with_restart_per_section():
    numbering = (abstract(10, lvl(0, "upperRoman", "%1.")) + abstract(20, lvl(0), lvl(1))
                 + num(1, 10) + num(2, 20, start_override(0, 1)) + num(3, 20, start_override(0, 1)))
    body = (p("Раздел", num=(1, 0)) + p("РЕШИЛИ:") + p("a", num=(2, 0)) + p("b", num=(2, 0))
            + p("b1", num=(2, 1)) + p("Раздел", num=(1, 0)) + p("РЕШИЛИ:") + p("c", num=(3, 0))
            + p("c1", num=(3, 1)))
    assert labels(body, numbering) == ["I.", None, "1.", "2.", "2.1.", "II.", None, "1.", "1.1."]


def test_lvl_restart_zero_never_restarts():
    numbering = abstract(1, lvl(0), lvl(1, extra='<w:lvlRestart w:val="0"/>')) + num(1, 1)
    body = p("a", num=(1, 0)) + p("b", num=(1, 1)) + p("c", num=(1, 0)) + p("d", num=(1, 1))
    assert labels(body, numbering) == ["1.", "1.1.", "2.", "2.2."]


def test_lvl_restart_only_after_the_named_level():
    # level 3 restarts only when level 1 is used, not when level 2 is
    numbering = abstract(1, lvl(0), lvl(1), lvl(2, "decimal", "%3)", extra='<w:lvlRestart w:val="1"/>'))
    body = "".join(p(f"x{i}", num=(1, level)) for i, level in enumerate([0, 2, 2, 1, 2, 0, 2]))
    assert labels(body, numbering + num(1, 1)) == ["1.", "1)", "2)", "1.1.", "3)", "2.", "1)"]


def test_is_lgl_shows_arabic_numerals():
    numbering = abstract(1, lvl(0, "upperRoman", "%1."),
                         lvl(1, "decimal", "%1.%2.", extra="<w:isLgl/>")) + num(1, 1)
    body = p("a", num=(1, 0)) + p("b", num=(1, 1)) + p("c", num=(1, 0)) + p("d", num=(1, 1))
    assert labels(body, numbering) == ["I.", "1.1.", "II.", "2.1."]


def test_lvl_override_replaces_a_level():
    override = '<w:lvlOverride w:ilvl="0">' + lvl(0, "russianLower", "%1)") + "</w:lvlOverride>"
    body = p("a", num=(1, 0)) + p("b", num=(2, 0))
    assert labels(body, THREE_LEVELS + num(1, 1) + num(2, 1, override)) == ["1.", "б)"]


STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="ListItem"><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Punkt"><w:basedOn w:val="ListItem"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading2"><w:pPr><w:numPr><w:numId w:val="2"/>'
    "</w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
    '<w:style w:type="numbering" w:styleId="MyList"><w:pPr><w:numPr><w:numId w:val="3"/>'
    "</w:numPr></w:pPr></w:style>"
)


def test_numbering_from_paragraph_style_following_based_on():
    body = p("a", num=(1, 0)) + p("b", style="ListItem") + p("c", style="Punkt")
    assert labels(body, THREE_LEVELS + num(1, 1), STYLES) == ["1.", "1.1.", "1.2."]


def test_direct_numbering_overrides_style_and_num_id_zero_switches_it_off():
    body = p("a", style="Punkt", num=(1, 0)) + p("b", style="Punkt", num=(0, 0))
    assert labels(body, THREE_LEVELS + num(1, 1), STYLES) == ["1.", None]


def test_heading_style_level_from_lvl_pstyle():
    numbering = abstract(2, lvl(0, "upperRoman", "%1."),
                         lvl(1, "decimal", "%1.%2.", extra='<w:pStyle w:val="Heading2"/>')) + num(2, 2)
    body = p("a", num=(2, 0)) + p("b", style="Heading2") + p("c", style="Heading2")
    assert labels(body, numbering, STYLES) == ["I.", "I.1.", "I.2."]


def test_num_style_link_resolves_to_the_style_definition():
    numbering = (abstract(5, extra='<w:numStyleLink w:val="MyList"/>')
                 + abstract(6, lvl(0, "russianLower", "%1)"), extra='<w:styleLink w:val="MyList"/>')
                 + num(3, 6) + num(8, 5))
    body = p("a", num=(8, 0)) + p("b", num=(8, 0))
    assert labels(body, numbering, STYLES) == ["а)", "б)"]


def test_empty_numbered_paragraph_still_counts():
    body = p("a", num=(1, 0)) + p("", num=(1, 0)) + p("c", num=(1, 0))
    bs = blocks(make_docx(body, numbering=THREE_LEVELS + num(1, 1)))
    assert [(b.number_label, b.paragraph) for b in bs] == [("1.", 1), ("3.", 3)]


# ---------------------------------------------------------------- text, tables, parts


def test_tables_nested_in_order_with_paragraph_indices():
    inner = "<w:tbl><w:tr><w:tc>" + p("inner") + "</w:tc></w:tr></w:tbl>"
    table = ("<w:tbl><w:tr><w:tc>" + p("r1c1") + p("") + "</w:tc><w:tc>" + p("r1c2") + inner
             + p("after inner") + "</w:tc></w:tr><w:tr><w:tc>" + p("r2c1") + "</w:tc></w:tr></w:tbl>")
    bs = blocks(make_docx(p("before") + table + p("after")))
    assert [(b.text, b.paragraph, b.in_table) for b in bs] == [
        ("before", 1, False), ("r1c1", 2, True), ("r1c2", 4, True), ("inner", 5, True),
        ("after inner", 6, True), ("r2c1", 7, True), ("after", 8, False)]


@pytest.mark.parametrize("runs,expected", [
    ('<w:r><w:t>Срок</w:t><w:br/><w:t>до 1 июля</w:t></w:r>', "Срок до 1 июля"),
    ('<w:r><w:t>1.</w:t><w:tab/><w:t>Принять</w:t></w:r>', "1. Принять"),
    ('<w:r><w:t xml:space="preserve">до\u00a01\u202fиюля  2023\u00a0г. </w:t></w:r>', "до 1 июля 2023 г."),
    ('<w:r><w:t>обра\u00adзования\u200b</w:t></w:r>', "образования"),
    ('<w:r><w:t>ОПОП</w:t><w:noBreakHyphen/><w:t>П</w:t></w:r>', "ОПОП-П"),
    ('<w:r><w:t>до </w:t></w:r><w:del><w:r><w:delText>1 июня</w:delText></w:r></w:del>'
     '<w:ins><w:r><w:t>1 июля</w:t></w:r></w:ins>', "до 1 июля"),
    ('<w:r><w:t xml:space="preserve">см. </w:t></w:r><w:hyperlink><w:r><w:t>сайт</w:t></w:r></w:hyperlink>',
     "см. сайт"),
    ('<w:r><w:t xml:space="preserve">стр. </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
     '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
     '<w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>', "стр. 5"),
    ('<w:r><w:t>e\u0301</w:t></w:r>', "\u00e9"),  # NFC
])
def test_run_text(runs, expected):
    (b,) = blocks(make_docx(f"<w:p>{runs}</w:p>"))
    assert b.text == expected


def test_headers_footers_comments_are_not_read():
    hdr = f'<w:hdr {NS}>{p("Протокол № 5")}</w:hdr>'
    ftr = f'<w:ftr {NS}>{p("Страница 1")}</w:ftr>'
    data = make_docx(p("Тело"), parts={"word/header1.xml": hdr, "word/footer1.xml": ftr,
                                       "word/comments.xml": f'<w:comments {NS}/>'})
    assert [b.text for b in blocks(data)] == ["Тело"]


@pytest.mark.parametrize("body,expected", [
    (p("Всё жирное", bold=True), True),
    ("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Жирное</w:t></w:r><w:r><w:t xml:space=\"preserve\"> и нет</w:t></w:r></w:p>", False),
    ("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Жирное</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r></w:p>", True),
    (p("По стилю", style="Heading2"), True),
    ('<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>нет</w:t></w:r></w:p>', False),
    (p("Обычный"), False),
])
def test_bold(body, expected):
    (b,) = blocks(make_docx(body, styles=STYLES))
    assert b.bold is expected


def test_document_fields():
    data = make_docx(p("x"))
    doc = read_bytes(data, "dir/Протокол.docx")
    assert (doc.path, doc.format, len(doc.sha256), doc.warnings) == ("dir/Протокол.docx", "docx", 64, ())
    assert doc.blocks[0].page is None


# ---------------------------------------------------------------- hostile and broken packages

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f'<w:document {NS}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>'
).encode()
XXE = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f'<w:document {NS}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
).encode()


@pytest.mark.parametrize("document", [BILLION_LAUGHS, XXE], ids=["billion-laughs", "xxe"])
def test_dtd_and_entities_are_refused(document):
    with pytest.raises(ReadError, match="DTD or entities"):
        blocks(make_docx("", raw_document=document))


def test_part_larger_than_the_limit_is_refused_before_inflating():
    body = p("x" * 5000)
    with pytest.raises(ReadError, match="zip bomb"):
        blocks(make_docx(body), limits=Limits(max_unzipped=1000))


def _patch_declared_size(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the uncompressed size of ``member`` in the central directory."""
    buf = bytearray(data)
    name = member.encode()
    pos = buf.find(b"PK\x01\x02")
    while pos != -1:
        name_len = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46:pos + 46 + name_len]) == name:
            struct.pack_into("<I", buf, pos + 24, size)
        pos = buf.find(b"PK\x01\x02", pos + 4)
    return bytes(buf)


def test_zip_bomb_declared_size():
    data = _patch_declared_size(make_docx(p("x")), "word/document.xml", 3_000_000_000)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size == 3_000_000_000
    with pytest.raises(ReadError, match="zip bomb"):
        blocks(data)


def test_real_zip_bomb_is_refused_by_the_total_budget():
    # ~20 MB of zeros per part compresses to ~20 KB; three parts exceed a 50 MB budget
    zeros = b"<w:p " + b" " * 20_000_000 + b"/>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", zeros)
        zf.writestr("word/styles.xml", zeros)
        zf.writestr("word/numbering.xml", zeros)
    assert len(out.getvalue()) < 200_000
    with pytest.raises(ReadError, match="zip bomb"):
        blocks(out.getvalue(), limits=Limits(max_unzipped=30_000_000))


def test_encrypted_office_file():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le")
    with pytest.raises(ReadError, match="corrupt .doc file"):
        read_bytes(ole, "secret.docx")


@pytest.mark.parametrize("data,why", [
    (make_docx("", raw_document=b"<w:document"), "corrupt .docx"),
    (make_docx("", raw_document=f"<w:document {NS}/>".encode()), "no body"),
    (b"PK\x03\x04garbage", "corrupt zip"),
])
def test_corrupt_docx(data, why):
    with pytest.raises(ReadError, match=why):
        read_bytes(data, "bad.docx")


def test_zip_that_is_not_a_docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("content.xml", "<office/>")
    with pytest.raises(ReadError, match=r"not a \.docx.*supported: docx, pdf, txt"):
        read_bytes(out.getvalue(), "file.odt")


def test_hidden_text_is_skipped():
    body = ('<w:p><w:r><w:t xml:space="preserve">видно </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>'
            '<w:t>скрыто</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>тоже видно</w:t></w:r></w:p>')
    assert [b.text for b in blocks(make_docx(body))] == ["видно тоже видно"]


def test_main_part_found_through_the_package_relationships():
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>')
    document = f'<w:document {NS}><w:body>{p("Второй документ")}</w:body></w:document>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document2.xml" ContentType="'
                    'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document2.xml", document)
    doc = read_bytes(out.getvalue(), "o365.docx")
    assert (doc.format, [b.text for b in doc.blocks]) == ("docx", ["Второй документ"])
