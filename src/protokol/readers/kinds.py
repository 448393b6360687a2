"""What a file is when it is none of the formats read: a web page or a Word 2003 XML
document saved under a .doc/.docx name, an image, an archive, a program. readers.sniff
names it in its one-line error, with what to do, instead of reading it as text."""

from __future__ import annotations

import codecs
import re

_SAVE_AS = "open it in Word or LibreOffice and save it as .docx"
_IMAGE_HINT = "a scan is read from a PDF, by OCR"
_UNPACK = "unpack it and read the documents inside (protokol batch reads a folder)"
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"%!PS", "a PostScript file"),
)
_HTML = re.compile(rb"(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s)",
                   re.IGNORECASE | re.DOTALL)
_MHT = re.compile(rb"^(?:[\w-]+:[^\n]*\n)*?content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
_WORD_XML = re.compile(rb"<\?mso-application\s+progid=\"Word\.Document\"|<w:wordDocument\b")
_FLAT_ODF = re.compile(rb"<office:document\b")


def foreign(data: bytes) -> str | None:
    """What the bytes are and what to do, in a few words ("the content is a PNG image: ..."),
    or None (none of those known)."""
    head = data[:4096]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            hint = _IMAGE_HINT if what.endswith("image") else _UNPACK if what.endswith("archive") else ""
            return _said(what, hint)
    if head.startswith(b"MZ") and (b"PE\x00\x00" in head or b"program cannot be run" in head):
        return _said("a program (Windows .exe)", "")
    text = _ascii_head(head)
    if text.startswith(b"<?xml"):
        if _WORD_XML.search(text):
            return _said("a Word 2003 XML document", _SAVE_AS)
        if _FLAT_ODF.search(text):
            return _said("a flat OpenDocument file (.fodt)", _SAVE_AS)
        return None
    if _HTML.match(text):
        return _said("a web page (HTML)", _SAVE_AS)
    if _MHT.search(text[:2048]) and b"mime-version" in text[:2048].lower():
        return _said("a web archive (.mht)", _SAVE_AS)
    return None


def in_zip(names: list[str]) -> str | None:
    """What a zip that is neither .docx nor .odt holds, as foreign() says it, or None."""
    if "xl/workbook.xml" in names:
        return _said("an Excel workbook (.xlsx)", "")
    if "ppt/presentation.xml" in names:
        return _said("a PowerPoint presentation (.pptx)", "")
    if any(n.lower().endswith((".docx", ".doc", ".pdf", ".txt", ".rtf", ".odt")) for n in names):
        return _said("a zip archive of documents", _UNPACK)
    return None


def _said(what: str, hint: str) -> str:
    return f"the content is {what}: {hint}" if hint else f"the content is {what}, not a document"


def _ascii_head(head: bytes) -> bytes:
    """The start of the file without a BOM and leading white space; UTF-16 as bytes."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        head = head.decode("utf-16", "ignore").encode("utf-8", "ignore")
    elif head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    return head.lstrip()
