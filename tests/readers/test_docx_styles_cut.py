"""styles.xml is parsed without its w:latentStyles (hundreds of names the reader never
uses), and only when the cut leaves the same styles: results never change."""

from __future__ import annotations

import pytest
from lxml import etree

from protokol.errors import ReadError
from protokol.readers import read_bytes
from protokol.readers.ooxml import W, parse_xml
from tests.readers._docx import NS, make_docx, p

LATENT = ('<w:latentStyles w:defLockedState="0" w:count="3">'
          + "".join(f'<w:lsdException w:name="heading {n}" w:uiPriority="9"/>' for n in range(1, 4))
          + "</w:latentStyles>")
STYLES = ('<w:docDefaults><w:rPrDefault><w:rPr/></w:rPrDefault></w:docDefaults>' + LATENT
          + '<w:style w:type="paragraph" w:styleId="Head"><w:rPr><w:b/></w:rPr></w:style>')


def styles_xml(inner: str) -> bytes:
    return f"<w:styles {NS}>{inner}</w:styles>".encode("utf-8")


def style_ids(root) -> list[str | None]:
    return [s.get(W + "styleId") for s in root.iter(W + "style")]


def test_the_cut_keeps_every_style_and_drops_only_the_latent_names() -> None:
    data = styles_xml(STYLES)
    cut, whole = parse_xml(data, "x", "styles.xml", b"w:latentStyles"), parse_xml(data, "x", "styles.xml")
    assert style_ids(cut) == style_ids(whole) == ["Head"]
    assert cut.find(W + "latentStyles") is None and whole.find(W + "latentStyles") is not None
    assert [etree.tostring(e) for e in cut if e.tag != W + "latentStyles"] == \
        [etree.tostring(e) for e in whole if e.tag != W + "latentStyles"]


@pytest.mark.parametrize("inner", [
    LATENT + STYLES,  # twice: not cut
    '<w:latentStyles><![CDATA[</w:latentStyles>]]></w:latentStyles><w:style w:styleId="A"/>',  # cut breaks XML
    '<w:latentStylesX/><w:style w:styleId="A"/>',  # another name with the same beginning
    '<w:latentStyles/><w:style w:styleId="A"/>',  # empty: nothing to cut
])
def test_odd_parts_are_parsed_whole(inner: str) -> None:
    data = styles_xml(inner)
    assert etree.tostring(parse_xml(data, "x", "styles.xml", b"w:latentStyles")) == \
        etree.tostring(parse_xml(data, "x", "styles.xml"))


def test_a_dtd_is_refused_even_inside_the_cut_part() -> None:
    data = b'<!DOCTYPE x [<!ENTITY a "b">]>' + styles_xml(STYLES)
    with pytest.raises(ReadError, match="DTD"):
        parse_xml(data, "x", "styles.xml", b"w:latentStyles")


def test_bold_style_after_latent_styles_still_makes_a_bold_heading() -> None:
    data = make_docx(p("ПРОТОКОЛ", style="Head") + p("Текст решения."), styles=STYLES)
    blocks = read_bytes(data, "a.docx").blocks
    assert [(b.text, b.bold) for b in blocks] == [("ПРОТОКОЛ", True), ("Текст решения.", False)]
