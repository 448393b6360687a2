"""What a file is when it is none of the binary formats read. read_as() tells the text-based
ones protokol reads (a web page, a web archive, a Word 2003 XML document or a flat .fodt,
under any name); foreign() names an image, an archive, a program, which readers.sniff
refuses in a one-line error, with what to do, instead of reading it as text."""

from __future__ import annotations

import codecs
import re

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
# header lines (folded ones too) up to a multipart/related content type: a web archive
_MHT = re.compile(rb"^(?:(?:[\w-]+:|[ \t])[^\n]*\n)*?content-type:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
_XHTML = re.compile(rb"<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
_WEB_EXT = {".htm": "html", ".html": "html", ".xhtml": "html", ".mht": "mht", ".mhtml": "mht"}
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
    return None


def read_as(data: bytes, ext: str) -> str | None:
    """The format protokol reads bytes in that are no binary format: "html" (a web page,
    also Word's "web page" saved under a .doc name), "mht" (a web archive), "xml" (a Word
    2003 XML document), "fodt" (a flat OpenDocument text), or None (plain text or unknown).
    The content decides; the extension only for a page that starts with none of the marks."""
    text = _ascii_head(data[:4096])
    if text.startswith(b"<?xml"):
        if _WORD_XML.search(text):
            return "xml"
        if _FLAT_ODF.search(text):
            return "fodt"
        return "html" if _XHTML.match(text) else None
    if _HTML.match(text):
        return "html"
    if _MHT.search(text[:2048]) and b"mime-version" in text[:2048].lower():
        return "mht"
    web = _WEB_EXT.get(ext)
    if web == "mht" or (web and text.startswith(b"<")):
        return web
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
