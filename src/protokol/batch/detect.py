"""What a file of the archive is, told by its content: one protokol reads, or another.

    >>> unsupported(b"\\x89PNG\\r\\n\\x1a\\n...", "scan.docx")
    'png image'
    >>> unsupported("ПРОТОКОЛ совещания".encode(), "p.txt") is None
    True

`unsupported` returns None for what protokol reads (docx, odt, pdf, doc, rtf, plain text)
and otherwise the detected type ("png image", "zip archive", "xlsx spreadsheet",
"7z archive", "unknown binary", ...), from magic bytes, a zip's member names or an OLE
file's stream names; never from the name alone. A damaged zip or OLE file is left to
the reader, which says what is wrong with it. Plain text is a protocol when the name
says so (.txt, no extension, or a protokol format's extension: the reader explains),
or whatever its name when the user chose the files (``any_text``); other text
(.xml, .html, .csv, .md, ...) is reported by kind.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD = 1 << 16  # bytes enough to tell a file too large to read whole
_TEXT_NAMES = frozenset({"", ".txt", ".text", ".docx", ".pdf", ".doc", ".rtf", ".odt"})

# (offset, magic, type), the first that matches wins
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "png image"),
    (0, b"\xff\xd8\xff", "jpeg image"),
    (0, b"GIF87a", "gif image"),
    (0, b"GIF89a", "gif image"),
    (0, b"II*\x00", "tiff image"),
    (0, b"MM\x00*", "tiff image"),
    (0, b"AT&TFORM", "djvu document"),
    (0, b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (0, b"Rar!\x1a\x07", "rar archive"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"\xfd7zXZ\x00", "xz archive"),
    (0, b"\x28\xb5\x2f\xfd", "zstd archive"),
    (0, b"MSCF", "cab archive"),
    (257, b"ustar", "tar archive"),
    (0, b"\x7fELF", "elf executable"),
    (0, b"SQLite format 3\x00", "sqlite database"),
    (0, b"ID3", "mp3 audio"),
    (0, b"OggS", "ogg media"),
    (0, b"fLaC", "flac audio"),
    (0, b"\x1aE\xdf\xa3", "matroska video"),
    (0, b"%!PS", "postscript document"),
)
_RIFF = {b"WEBP": "webp image", b"WAVE": "wav audio", b"AVI ": "avi video"}
_ZIP_KINDS = (
    ("xl/workbook.xml", "xlsx spreadsheet"),
    ("ppt/presentation.xml", "pptx presentation"),
    ("visio/document.xml", "vsdx drawing"),
)
_ODF = {b"application/vnd.oasis.opendocument.spreadsheet": "ods spreadsheet",
        b"application/vnd.oasis.opendocument.presentation": "odp presentation",
        b"application/vnd.oasis.opendocument.graphics": "odg drawing",
        b"application/epub+zip": "epub book"}
_OLE_STREAMS = ((b"WordDocument", None), (b"Workbook", "xls spreadsheet"), (b"Book", "xls spreadsheet"),
                (b"PowerPoint Document", "ppt presentation"), (b"VisioDocument", "vsd drawing"))


def unsupported(data: bytes, name: str, any_text: bool = False, whole: bool = True) -> str | None:
    """The detected type of a file protokol does not read, or None for one it reads.

    `data` is the file's bytes (or only its first bytes when `whole` is False: a file too
    large to read, told only by its magic bytes; a zip is then only "zip archive")."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data) if whole else "zip archive"
    if b"%PDF" in data[:1024] or data.lstrip()[:5] == b"{\\rtf":
        return None
    if data.startswith(OLE):
        return _ole_kind(data, name)
    for offset, magic, kind in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            return kind
    if data[:4] == b"RIFF" and data[8:12] in _RIFF:
        return _RIFF[data[8:12]]
    if data[4:8] == b"ftyp":
        return "heic image" if data[8:12] in (b"heic", b"heix", b"mif1") else "mp4 video"
    if not whole:
        return None
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "bmp image" if head.startswith(b"BM") else "windows executable" if head.startswith(b"MZ") \
            else "unknown binary"
    return None if any_text else _text_kind(head, name)


def _zip_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names or "[Content_Types].xml" in names and not any(
                    n in names for n, _ in _ZIP_KINDS):
                return None  # docx (or an OOXML file the reader will name)
            for part, kind in _ZIP_KINDS:
                if part in names:
                    return kind
            if "mimetype" in names:
                with zf.open("mimetype") as fh:
                    mime = fh.read(100).strip()
                if mime == b"application/vnd.oasis.opendocument.text":
                    return None
                return _ODF.get(mime, "zip archive")
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        return None  # damaged: the reader says how
    return "zip archive"


def _ole_kind(data: bytes, name: str) -> str | None:
    """An OLE compound file's kind, from the UTF-16 names of its streams. One whose
    streams name no known kind is a damaged .doc when its name says .doc (left to the
    reader, which says what is wrong), else an "ole compound file"."""
    for stream, kind in _OLE_STREAMS:
        if stream.decode("ascii").encode("utf-16-le") in data:
            return kind
    return None if name.lower().endswith(".doc") else "ole compound file"


def _text_kind(head: bytes, name: str) -> str | None:
    ext = os.path.splitext(name)[1].lower()
    if ext in _TEXT_NAMES:
        return None
    from protokol.readers.kinds import read_as

    if read_as(head, ext):  # a web page or archive, a Word 2003 XML document, a flat .fodt
        return None
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:100].lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html document"
    if start.startswith(b"<?xml"):
        return "xml document"
    return f"{ext.lstrip('.')} text file" if ext.isascii() and len(ext) <= 12 else "text file"
