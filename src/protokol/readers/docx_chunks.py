"""A .docx's alternative format chunks (``w:altChunk``): a part in another format that Word
pours into the body where the element stands, when it opens the file. Programs that make
documents (from a web form, a template, a database) write them so: the text is an HTML page,
a web archive, plain text or a .docx inside the package (or XML: not read), and none of it is in document.xml
until Word saves the file again. Read with the reader of its format, once: a chunk of a chunk
is not read. An .rtf chunk would need LibreOffice and gives nothing; so does one that is
missing or broken (Word shows nothing for it either)."""

from __future__ import annotations

import zipfile

from protokol.errors import ReadError
from protokol.model import Block, Limits
from protokol.readers.docx_package import chunk_targets
from protokol.readers.ooxml import Package

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
READ = ("html", "mht", "txt", "docx")  # the formats a chunk is read in


class AltChunks:
    """The chunks of one main part, read when the body meets them."""

    def __init__(self, zf: zipfile.ZipFile, pkg: Package, main: str, limits: Limits) -> None:
        self.zf, self.pkg, self.main, self.limits = zf, pkg, main, limits
        self._targets: dict[str, str] | None = None

    def blocks(self, chunk) -> tuple[Block, ...]:
        """The blocks of the part a w:altChunk names (its r:id), in its own numbering."""
        from protokol.readers import read_bytes, sniff

        if self._targets is None:
            self._targets = chunk_targets(self.zf, self.main)
        name = self._targets.get(chunk.get(R + "id") or "")
        if name is None:
            return ()
        data = self.pkg.raw(name)  # a chunk too large for the package's budget is refused, as a part is
        if not data:
            return ()
        try:
            fmt = sniff(data, name)
            if fmt == "docx":
                from protokol.readers.docx import read_docx

                return read_docx(data, name, self.limits, nested=True)
            if fmt not in READ or fmt == "txt" and data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
                return ()  # XML that is no web page (a Flat OPC package, the document part itself)
            return read_bytes(data, name, fmt=fmt, limits=self.limits).blocks
        except ReadError:
            return ()
