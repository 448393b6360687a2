"""The packed pages the PDF engine's child sends back (pdf_wire), and bytes results
through pdf_child: exact, and a payload that does not add up is one ReadError."""

from __future__ import annotations

import math
import struct
from pathlib import Path

import pytest

from protokol.errors import ReadError
from protokol.model import Limits
from protokol.readers import pdf, pdf_child
from protokol.readers.layout import Segment
from protokol.readers.pdf_wire import pack_pages, unpack_pages

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "protocol-2023-06-20-D05-78.pdf"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"


def _odd_pages() -> list[list[Segment]]:
    return [
        [Segment("Протокол \ud800 лишний суррогат", 1.0, 2.5, -0.0, 1e308, 1),
         Segment("\U0001F600 и \x00 и \x02", 0.1, float("inf"), 5e-324, 11.999999999999998, 1)],
        [],
        [Segment("", 3.0, 4.0, float("nan"), 0.0, 3), Segment("конец", -1.0, -0.5, 700.25, 12.0, 3)],
    ]


def _same(a: list[list[Segment]], b: list[list[Segment]]) -> bool:
    """Equal, NaN and the sign of zero included."""
    def key(s: Segment) -> tuple:
        return (s.text, s.page) + tuple(struct.pack("d", v) for v in (s.x0, s.x1, s.base, s.size))
    return [[key(s) for s in page] for page in a] == [[key(s) for s in page] for page in b]


def test_round_trip_is_exact():
    pages = _odd_pages()
    back = unpack_pages(pack_pages(pages), "x.pdf")
    assert _same(back, pages)
    assert math.isnan(back[2][0].base) and math.copysign(1, back[0][0].base) == -1
    assert back[0][0].text == "Протокол \ud800 лишний суррогат"


def test_no_pages():
    assert unpack_pages(pack_pages([]), "x.pdf") == []


@pytest.mark.parametrize("cut", [0, 5, 13, -1, -7])
def test_a_short_or_long_payload_is_one_read_error(cut):
    data = pack_pages(_odd_pages())
    bad = data[:cut] if cut else b""
    with pytest.raises(ReadError, match="malformed result"):
        unpack_pages(bad, "x.pdf")
    with pytest.raises(ReadError, match="malformed result"):
        unpack_pages(data + b"\x00", "x.pdf")


def test_counts_that_do_not_add_up_are_refused():
    data = bytearray(pack_pages(_odd_pages()))
    struct.pack_into("=I", data, 12, 3)  # the first page claims 3 segments, not 2
    with pytest.raises(ReadError, match="malformed result"):
        unpack_pages(bytes(data), "x.pdf")
    huge = struct.pack("=III", 2**32 - 1, 2**32 - 1, 0)
    with pytest.raises(ReadError, match="malformed result"):
        unpack_pages(huge, "x.pdf")


@pytest.mark.parametrize("path", [SAMPLE, FIXTURES / "hyphens.pdf"], ids=["sample", "hyphens"])
def test_the_child_gives_the_same_segments_as_in_process(path):
    data = path.read_bytes()
    inside = pdf._pdfium_pages(data, "x.pdf", 1000)
    assert _same(pdf._pdfium_isolated(data, "x.pdf", Limits()), inside)
    assert pdf.read_pdf(data, "x.pdf", isolate=True) == pdf.read_pdf(data, "x.pdf", isolate=False)


def test_child_bytes_come_back_as_they_are():
    payload = bytes(range(256)) * 1000 + b"{not json"
    assert pdf_child.run(lambda: payload, "x.pdf", 20) == payload
    assert pdf_child.run(lambda: b"", "x.pdf", 20) == b""
    assert pdf_child.run(lambda: {"a": [1.5, "б"]}, "x.pdf", 20) == {"a": [1.5, "б"]}


def test_bytes_from_a_child_that_then_failed_are_not_a_result():
    """A child that wrote its bytes and then crashed or exited non-zero: its error, not
    the bytes (they may be cut short)."""
    memory = pdf_child.MEMORY
    with pytest.raises(ReadError, match="exit status 3"):
        pdf_child._result("x.pdf", 3 << 8, None, b"B" + pack_pages(_odd_pages()), memory)
    with pytest.raises(ReadError, match="crashed .SIGSEGV."):
        pdf_child._result("x.pdf", 11, None, b"B" + pack_pages(_odd_pages()), memory)
    assert pdf_child._result("x.pdf", 0, None, b"Bxyz", memory) == b"xyz"
    with pytest.raises(ReadError, match="crashed"):
        pdf_child._result("x.pdf", 0, None, b"{}", memory)  # neither tag: not a message
