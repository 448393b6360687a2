"""Readers: read(path) -> Document of Blocks. One module per format.

Interface contract (owned by the readers):

    read(path, *, fmt=None, limits=Limits()) -> Document
    read_bytes(data, name, *, fmt=None, limits=Limits()) -> Document

Raise protokol.errors.ReadError with a one-line reason for anything unreadable.
The format is told from the bytes first (a zip holding word/document.xml is docx,
``%PDF`` is pdf), from the name's extension second; ``fmt`` forces it.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import zipfile
import zlib
from pathlib import Path

from protokol.errors import ReadError
from protokol.model import Block, Document, Limits  # Limits: lives in model, importable from here too


SUPPORTED = ("docx", "pdf", "txt", "doc", "rtf", "odt", "html", "mht", "xml", "fodt")
OFFICE = ("doc", "rtf", "odt", "fodt")  # read through LibreOffice (readers/office.py), then as docx
_SUPPORTED_TEXT = "supported: docx, pdf, txt, doc, rtf, odt, html, mht, Word 2003 xml, fodt"
_LEGACY = {".doc": ".doc", ".odt": ".odt", ".rtf": ".rtf", ".xls": ".xls", ".xlsx": ".xlsx", ".pptx": ".pptx", ".ppt": ".ppt"}
_BINARY = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
CONVERT_SECONDS = 120.0  # LibreOffice's wall clock when the caller sets no Limits.timeout
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# the content types of a Word main part: .docx, .dotx, .docm, .dotm (Strict OOXML uses the first)
MAIN_TYPE = re.compile(rb"(?:wordprocessingml\.(?:document|template)|ms-word\.(?:document\.macroEnabled"
                       rb"|template\.macroEnabledTemplate))\.main\+xml")


def read(path: str | os.PathLike[str], *, fmt: str | None = None,
         limits: Limits | None = None) -> Document:
    """Read a protocol file into a Document."""
    limits = limits or Limits()
    name = str(path)
    return read_bytes(load_bytes(path, name, limits), name, fmt=fmt, limits=limits)


def load_bytes(path: str | os.PathLike[str], name: str, limits: Limits) -> bytes:
    """A file's bytes, refusing one larger than limits.max_bytes; errors name `name`.

    At most max_bytes + 1 bytes are read, so a device, a pipe, a /proc file (no size to
    check) or a file that grows meanwhile still trips read_bytes' size check.
    """
    p = Path(path)
    try:
        if p.is_dir():
            raise ReadError(name, "is a directory")
        size = p.stat().st_size
        if size > limits.max_bytes:
            raise ReadError(name, f"file too large ({size} bytes, limit {limits.max_bytes})")
        with p.open("rb") as f:
            return f.read(limits.max_bytes + 1)
    except OSError as exc:
        raise os_read_error(name, exc) from None


def os_read_error(name: str, exc: OSError) -> ReadError:
    """The one-line ReadError for an operating-system error while opening or reading `name`."""
    if isinstance(exc, FileNotFoundError):
        return ReadError(name, "file not found")
    if isinstance(exc, PermissionError):
        return ReadError(name, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return ReadError(name, "is a directory")
    return ReadError(name, f"cannot read: {exc.strerror or exc}")


def read_bytes(data: bytes, name: str, *, fmt: str | None = None,
               limits: Limits | None = None) -> Document:
    """Read a protocol given as bytes; ``name`` is reported as the Document's path."""
    limits = limits or Limits()
    if not data:
        raise ReadError(name, "empty file")
    if len(data) > limits.max_bytes:
        raise ReadError(name, f"file too large ({len(data)} bytes, limit {limits.max_bytes})")
    opened = None  # a docx's zip as sniffing opened it, read on (not opened twice)
    if fmt:
        fmt = fmt.lower().lstrip(".")
    else:
        fmt, opened = _sniff(data, name)
    if opened is not None:
        from protokol.readers.docx import read_docx

        blocks, warnings = read_docx(data, name, limits, opened), ()
    else:
        blocks, warnings = _reader(fmt, name)(data, name, limits)
    return Document(path=name, format=fmt, sha256=hashlib.sha256(data).hexdigest(),
                    blocks=blocks, warnings=warnings)


def sniff(data: bytes, name: str = "") -> str:
    """The format of the bytes: magic first, the name's extension second."""
    fmt, opened = _sniff(data, name)
    if opened is not None:
        opened.close()
    return fmt


def _sniff(data: bytes, name: str) -> tuple[str, zipfile.ZipFile | None]:
    """sniff's format, and a docx's zip left open for the reader."""
    ext = os.path.splitext(name)[1].lower()
    if data.startswith(b"PK"):
        zf = None
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            names = zf.namelist()
            if "word/document.xml" in names or (
                    "[Content_Types].xml" in names
                    and zf.getinfo("[Content_Types].xml").file_size < 1_000_000
                    and MAIN_TYPE.search(_part_head(zf, "[Content_Types].xml"))):
                zf, docx = None, zf
                return "docx", docx
            if "mimetype" in names and _part_head(zf, "mimetype", 100).startswith(
                    b"application/vnd.oasis.opendocument.text"):
                return "odt", None
        except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError,
                NotImplementedError, RuntimeError):  # zip version > 6.3, encrypted or unknown method
            raise ReadError(name, f"corrupt zip archive ({_SUPPORTED_TEXT})") from None
        finally:
            if zf is not None:
                zf.close()
        from protokol.readers.kinds import in_zip

        raise ReadError(name, f"{in_zip(names) or 'zip archive is not a .docx document'} ({_SUPPORTED_TEXT})")
    if b"%PDF" in data[:1024]:
        return "pdf", None
    if data.startswith(OLE_MAGIC):
        return "doc", None
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf", None
    from protokol.readers.kinds import foreign, read_as

    web = read_as(data, ext)
    if web:
        return web, None
    what = foreign(data)
    if what:
        read_as_text = ext not in _LEGACY and ext not in (".docx", ".pdf")
        raise ReadError(name, f"{'not a text file: ' if read_as_text else ''}{what} ({_SUPPORTED_TEXT})")
    if ext in _LEGACY:
        plain = not _BINARY.search(data[:4096])
        raise ReadError(name, f"named {_LEGACY[ext]}, but the content is no such document"
                              + (": it is plain text, --input-format txt reads it" if plain else "")
                              + f" ({_SUPPORTED_TEXT})")
    if ext == ".docx":
        plain = not _BINARY.search(data[:4096])
        raise ReadError(name, "corrupt .docx: not a zip archive"
                              + (" (the content is plain text: --input-format txt reads it)" if plain else ""))
    if ext == ".pdf":
        raise ReadError(name, "corrupt PDF: no %PDF header")
    return "txt", None


def _part_head(zf: zipfile.ZipFile, name: str, size: int = 1_000_000) -> bytes:
    """At most `size` inflated bytes of a part (zf.read() trusts the header's size)."""
    with zf.open(name) as part:
        return part.read(size)


def _reader(fmt: str, name: str):
    if fmt == "txt":
        from protokol.readers.txt import read_txt_report

        return lambda data, path, limits: read_txt_report(data, path)
    if fmt == "docx":
        from protokol.readers.docx import read_docx

        return lambda data, path, limits: (read_docx(data, path, limits), ())
    if fmt == "pdf":
        from protokol.readers.pdf import read_pdf_report

        return read_pdf_report
    if fmt in OFFICE:
        return _read_office
    if fmt == "xml":  # a Word 2003 XML document
        from protokol.readers.wordml2003 import read_word2003

        return lambda data, path, limits: (read_word2003(data, path), ())
    if fmt in ("html", "mht"):
        from protokol.readers.html import read_html, read_mht

        web = read_html if fmt == "html" else read_mht
        return lambda data, path, limits: (web(data, path), ())
    raise ReadError(name, f"unknown format {fmt!r} ({_SUPPORTED_TEXT})")


def _read_office(data: bytes, path: str, limits: Limits) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """A .doc, .rtf or .odt: LibreOffice makes a .docx of it, read by the docx reader."""
    from protokol.readers.docx import read_docx
    from protokol.readers.office import MISSING, convert_one

    seconds = limits.timeout if limits.timeout is not None else CONVERT_SECONDS
    try:
        converted = convert_one(data, path, seconds, limits.max_unzipped)
    except ReadError as exc:
        if exc.why == MISSING:
            raise
        raise ReadError(path, f"corrupt .{fmt_of(data)} file: {exc.why} ({_SUPPORTED_TEXT})") from None
    return read_docx(converted, path, limits), ()


def fmt_of(data: bytes) -> str:
    """doc, rtf, odt or fodt, for messages about a file LibreOffice reads."""
    from protokol.readers.office import content_extension

    return content_extension(data[:4096]).lstrip(".")


__all__ = ["Block", "Document", "Limits", "SUPPORTED", "read", "read_bytes", "sniff"]
