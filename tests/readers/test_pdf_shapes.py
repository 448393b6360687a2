"""The PDF reader's ways of asking pdfium agree on odd text layers (tests/readers/_pdf_shapes.py):
pypdfium2's helper objects or raw handles, pdfium's per-rectangle calls or the character
index, in-process or in the engine process; and its shortcuts give what the long way gives."""

from __future__ import annotations

import ctypes
import random
import re
from pathlib import Path

import pytest

from protokol.readers import ocr
from protokol.readers.layout import Segment, to_lines
from protokol.readers.pdf import read_pdf
from protokol.readers.pdf_text import Budget, page_segments, pdfium_call
from tests.readers._pdf_shapes import SHAPES

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "protocol-2023-06-20-D05-78.pdf"


def _pages(data: bytes):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    for i in range(len(pdf)):
        page = pdf[i]
        yield i + 1, page.get_textpage()


@pytest.mark.parametrize("name", list(SHAPES))
def test_helpers_raw_handles_and_character_index_give_the_same_segments(name):
    for page_no, tp in _pages(SHAPES[name]()):
        scanned = page_segments(tp, page_no, Budget("x", 10**9), scan_limit=10**18)
        assert scanned, name
        assert page_segments(tp.raw, page_no, Budget("x", 10**9), scan_limit=10**18) == scanned
        assert page_segments(tp, page_no, Budget("x", 10**9), scan_limit=-1) == scanned


@pytest.mark.parametrize("name", list(SHAPES))
def test_engine_process_gives_the_in_process_document(name):
    data = SHAPES[name]()
    assert read_pdf(data, name, isolate=True) == read_pdf(data, name, isolate=False)


def test_text_beyond_the_basic_plane_is_read_as_pypdfium2_reads_it():
    (page_no, tp), = _pages(SHAPES["beyond-bmp"]())
    segs = page_segments(tp, page_no, Budget("x", 10**9))
    first = segs[0]
    assert first.text == tp.get_text_bounded(first.x0, first.base - 5, first.x1, first.base + 10)
    assert "\U0001f600" in first.text


def test_pdfium_call_answers_as_pypdfium2_raw_does():
    import pypdfium2.raw as raw

    (_, tp), *_ = _pages(SAMPLE.read_bytes())
    handle, n = tp.raw, tp.count_rects()
    slow = [ctypes.c_double() for _ in range(4)]
    fast = [ctypes.c_double() for _ in range(4)]
    for j in range(n):
        assert raw.FPDFText_GetRect(handle, j, *map(ctypes.byref, slow)) == \
            pdfium_call("FPDFText_GetRect")(handle, j, *map(ctypes.byref, fast)) == 1
        assert [v.value for v in slow] == [v.value for v in fast]
    for k in range(0, tp.count_chars(), 37):
        assert raw.FPDFText_GetFontSize(handle, k) == pdfium_call("FPDFText_GetFontSize", ctypes.c_double)(handle, k)
        x, y = ctypes.c_double(300.5), ctypes.c_double(700.25)
        assert raw.FPDFText_GetCharIndexAtPos(handle, 300.5, 700.25, 2.0, 4.0) == \
            pdfium_call("FPDFText_GetCharIndexAtPos")(handle, x, y, ctypes.c_double(2.0), ctypes.c_double(4.0))


def test_garbage_counts_odd_characters_as_a_scan_of_the_whole_text():
    """_PLAIN drops characters before _ODD counts: never one that _ODD would count."""
    alphabet = ("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЁ" "abcXYZ0123456789" " \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2000\u3000"
                ".,;:!?()-\"'«»–—№/[]_*" "\x00\x01\x07\x0e\x7f\x9f\ue000\uf8ff\ufffd" "ÏðîòêëÀÿ" "ЀѐҀӿԀ\u0300" "€✓中")
    rnd = random.Random(5)
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert len(ocr._ODD.findall(ocr._PLAIN.sub("", text))) == len(ocr._ODD.findall(text)), text
    for ch in map(chr, range(0x3000)):
        if ocr._PLAIN.fullmatch(ch):
            assert not ocr._ODD.match(ch), repr(ch)


def test_garbage_still_finds_mojibake_and_private_use_pages():
    def seg(text: str) -> list[Segment]:
        return [Segment(text, 10.0, 100.0, 700.0, 12.0, 1)]

    assert ocr.garbage(seg("Ïðîòîêîë çàñåäàíèÿ ðàáî÷åé ãðóïïû"))
    assert ocr.garbage(seg("\ue001\ue002\ue003 \ue004\ue005 текст"))
    assert not ocr.garbage(seg("Протокол заседания рабочей группы от 20 июня 2023 г. № Д05-78"))


def test_to_lines_skips_segments_at_infinite_or_undefined_positions():
    inf, nan = float("inf"), float("nan")
    segs = [Segment("ok", 10.0, 30.0, 700.0, 12.0, 1)] + \
        [Segment("bad", *(v if k == i else 1.0 for k in range(4)), 1) for i in range(4) for v in (inf, -inf, nan)]
    assert [ln.text for ln in to_lines(segs)] == ["ok"]


def test_segment_is_a_value():
    a = Segment("текст", 1.0, 2.0, 3.0, 12.0, 1)
    assert a == Segment(text="текст", x0=1.0, x1=2.0, base=3.0, size=12.0, page=1)
    assert repr(a) == "Segment(text='текст', x0=1.0, x1=2.0, base=3.0, size=12.0, page=1)"
    assert re.fullmatch(r"\d+", str(hash(a)).lstrip("-"))
