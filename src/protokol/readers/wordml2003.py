"""Word 2003 XML ("WordprocessingML 2003", one .xml file: ``<w:wordDocument>``), read directly.

Its body is the .docx body under another namespace, so it is mapped onto a .docx's and read
by the .docx reader's walker (docx.py), with these differences made good first:

* ``wx:sect`` and ``wx:sub-section`` wrap the body's paragraphs: unwrapped;
* a paragraph's list is ``w:listPr`` (``w:ilvl``, ``w:ilfo``): made a ``w:numPr`` (``w:numId``);
  the lists (``w:lists``: ``w:listDef``, ``w:list``) make the numbering part, their level
  formats (``w:nfc``, a number) made the names of ``w:numFmt``; ``w:vmerge`` is ``w:vMerge``;
* Word writes each item's number as it showed it (``<wx:t wx:val="2.1."/>``): that label is
  taken; a paragraph without one (a file saved without those hints), or a bullet, is counted
  as in a .docx.

LibreOffice reads such a file too, but its import loses the lists' numbers (even of a file it
wrote itself), and a protocol's items are known by them.
"""

from __future__ import annotations

import dataclasses

from lxml import etree

from protokol.errors import ReadError
from protokol.model import Block
from protokol.readers.docx import BodyWalker
from protokol.readers.docx_styles import Styles, StyleNumbering
from protokol.readers.numbering import Numbering
from protokol.readers.ooxml import W, W_NS, parse_xml

NS_2003 = b"http://schemas.microsoft.com/office/word/2003/wordml"
WX = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
_SHOWN = "{urn:protokol}label"  # the label Word showed, kept on the paragraph for the walker
_VAL = W + "val"
# Word's number format codes (w:nfc) -> the w:numFmt names numbering.py knows
_NFC = {"0": "decimal", "1": "upperRoman", "2": "lowerRoman", "3": "upperLetter", "4": "lowerLetter",
        "22": "decimalZero", "23": "bullet", "255": "none", "45": "russianLower", "46": "russianUpper"}


def read_word2003(data: bytes, path: str) -> tuple[Block, ...]:
    try:
        root = parse_xml(data.replace(NS_2003, W_NS.encode()), path, "Word 2003 XML")
    except ReadError as exc:  # parse_xml speaks of a .docx's part
        raise ReadError(path, exc.why.replace("corrupt .docx: Word 2003 XML", "corrupt Word 2003 XML")) from None
    if root.tag != W + "wordDocument":
        raise ReadError(path, "corrupt Word 2003 XML: no w:wordDocument")
    body = root.find(W + "body")
    if body is None:
        raise ReadError(path, "corrupt Word 2003 XML: no w:body")
    etree.strip_tags(body, WX + "sect", WX + "sub-section")
    for list_pr in root.iter(W + "listPr"):
        _num_pr(list_pr)
    for merge in root.iter(W + "vmerge"):
        merge.tag = W + "vMerge"
    styles = Styles(root.find(W + "styles"))
    numbering = Numbering(_numbering(root.find(W + "lists")), StyleNumbering(styles))
    return tuple(_Walker2003(styles, numbering).walk(body))


def _num_pr(list_pr) -> None:
    """A w:listPr made a w:numPr; the label Word showed kept on its paragraph."""
    list_pr.tag = W + "numPr"
    for child in list_pr:
        if child.tag == W + "ilfo":
            child.tag = W + "numId"
        elif child.tag == WX + "t":
            p_pr = list_pr.getparent()
            p = p_pr.getparent() if p_pr is not None else None
            if p is not None and p.tag == W + "p":
                p.set(_SHOWN, child.get(WX + "val") or "")


def _numbering(lists):
    """w:lists as a .docx's numbering part: w:listDef -> w:abstractNum, w:list -> w:num."""
    numbering = etree.Element(W + "numbering")
    if lists is None:
        return numbering
    for el in lists:
        if el.tag == W + "listDef":
            an = etree.SubElement(numbering, W + "abstractNum", {W + "abstractNumId": el.get(W + "listDefId") or ""})
            for lvl in el.iterchildren(W + "lvl"):
                for nfc in lvl.iterchildren(W + "nfc"):
                    nfc.tag = W + "numFmt"
                    nfc.set(_VAL, _NFC.get(nfc.get(_VAL) or "0", "decimal"))
                an.append(lvl)
        elif el.tag == W + "list":
            num = etree.SubElement(numbering, W + "num", {W + "numId": el.get(W + "ilfo") or ""})
            for child in list(el):
                if child.tag == W + "ilst":
                    etree.SubElement(num, W + "abstractNumId", {_VAL: child.get(_VAL) or ""})
                elif child.tag == W + "lvlOverride":
                    num.append(child)
    return numbering


class _Walker2003(BodyWalker):
    def paragraph(self, p, in_table: bool) -> Block | None:
        block = super().paragraph(p, in_table)
        shown = p.get(_SHOWN)
        if block is None or shown is None or not any(c.isalnum() for c in shown):
            return block  # a bullet's label: as the .docx reader gives it
        return dataclasses.replace(block, number_label=shown.strip())
