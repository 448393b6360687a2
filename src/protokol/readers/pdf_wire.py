"""The pages of Segments as one compact bytes payload, for the way back from the PDF
engine's child process (pdf_child): JSON of 20 pages took ~20 ms to write and read,
this takes well under one.

Layout (native byte order: both ends are the same machine, one forked from the other):
a header of three unsigned 32-bit counts (pages, segments, UTF-8 bytes of the texts),
the segments of each page (uint32), the length of each text in code points (uint32),
four doubles a segment (x0, x1, base, size) and the texts joined, in UTF-8 with
surrogates passed (a lone surrogate pdfium reports survives, as it did in JSON); then, when
the pages draw ruling lines (pdf_tables.Rule), their count (uint32) and five doubles each
(x0, y0, x1, y1, page).
Doubles are exact; nothing here runs code, and a payload that does not add up is
refused with a ReadError.
"""

from __future__ import annotations

import struct
from array import array

from protokol.errors import ReadError
from protokol.readers.layout import Segment
from protokol.readers.pdf_tables import Rule

_HEADER = struct.Struct("=III")
_COUNT = struct.Struct("=I")


def pack_pages(pages: list[list[Segment]], rules: list[Rule] | None = None) -> bytes:
    counts = array("I", [len(page) for page in pages])
    texts = [s.text for page in pages for s in page]
    lengths = array("I", map(len, texts))
    numbers = array("d", [v for page in pages for s in page for v in (s.x0, s.x1, s.base, s.size)])
    blob = "".join(texts).encode("utf-8", "surrogatepass")
    trailer = b""
    if rules:
        trailer = _COUNT.pack(len(rules)) + array("d", [v for rule in rules for v in rule]).tobytes()
    return b"".join((_HEADER.pack(len(counts), len(lengths), len(blob)), counts.tobytes(),
                     lengths.tobytes(), numbers.tobytes(), blob, trailer))


def unpack_pages(data: bytes, path: str) -> list[list[Segment]]:
    """The pages pack_pages packed; page numbers count from 1."""
    return unpack(data, path)[0]


def unpack(data: bytes, path: str) -> tuple[list[list[Segment]], list[Rule]]:
    """The pages and the rules pack_pages packed."""
    rules: list[Rule] = []
    try:
        n_pages, n_segs, n_blob = _HEADER.unpack_from(data)
        at = _HEADER.size
        counts, lengths, numbers = array("I"), array("I"), array("d")
        for arr, n in ((counts, n_pages), (lengths, n_segs), (numbers, 4 * n_segs)):
            end = at + n * arr.itemsize
            if end > len(data):
                raise ValueError("short")
            arr.frombytes(data[at:end])
            at = end
        end = at + n_blob
        if end < len(data):  # the rules
            (n_rules,) = _COUNT.unpack_from(data, end)
            values = array("d")
            if end + _COUNT.size + 40 * n_rules != len(data):
                raise ValueError("rules")
            values.frombytes(data[end + _COUNT.size:])
            rules = [Rule(values[5 * k], values[5 * k + 1], values[5 * k + 2], values[5 * k + 3],
                          int(values[5 * k + 4])) for k in range(n_rules) if 1 <= values[5 * k + 4] <= n_pages]
        if end > len(data) or sum(counts) != n_segs:
            raise ValueError("sizes")
        text = data[at:end].decode("utf-8", "surrogatepass")
        if sum(lengths) != len(text):
            raise ValueError("text")
    except (struct.error, ValueError, OverflowError):
        raise ReadError(path, "pdf engine sent a malformed result") from None
    pages: list[list[Segment]] = []
    seg = pos = 0
    for page_no, count in enumerate(counts, 1):
        page = []
        for k in range(seg, seg + count):
            end = pos + lengths[k]
            page.append(Segment(text[pos:end], numbers[4 * k], numbers[4 * k + 1],
                                numbers[4 * k + 2], numbers[4 * k + 3], page_no))
            pos = end
        seg += count
        pages.append(page)
    return pages, rules
