"""Small PDFs built by hand whose text layer is odd in one way each: text objects drawn
over one another, turned text, words on jittered baselines, tiny, raised, spaced-out,
kerned, mirrored and flipped text, control characters, and characters beyond the
Basic Multilingual Plane (a ToUnicode map to a surrogate pair). The reader must give
the same Segments whichever way it asks pdfium (see test_pdf_shapes.py)."""

from __future__ import annotations

import math
import random

from tests.hostile.test_pdf_bombs import build, document, page, stream

WORDS = (b"Protocol of the meeting decided to instruct the ministry to prepare a report by July first "
         b"and to send it co- ordinated with all members").split()


def _one(body: bytes) -> bytes:
    return document([5], [stream(body), page(4)])


def overlapping() -> bytes:
    rnd, ops = random.Random(7), []
    for i in range(30):
        y = 800 - i * 14
        ops.append(b"BT /F1 11 Tf 1 0 0 1 50 %d Tm (%s) Tj ET" % (y, b" ".join(rnd.sample(WORDS, 6))))
        ops.append(b"BT /F1 11 Tf 1 0 0 1 %d %d Tm (%s) Tj ET"
                   % (60 + rnd.randint(0, 80), y + rnd.choice([0, 2, 5]), b" ".join(rnd.sample(WORDS, 4))))
    return _one(b"\n".join(ops))


def rotated() -> bytes:
    rnd, ops = random.Random(8), []
    for i, angle in enumerate([0, 90, 180, 270, 45, 30, 5, 1]):
        c, s = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        ops.append(b"BT /F1 12 Tf %.4f %.4f %.4f %.4f %d %d Tm (%s) Tj ET"
                   % (c, s, -s, c, 200 + i * 20, 300 + i * 40, b" ".join(rnd.sample(WORDS, 5))))
    return _one(b"\n".join(ops))


def jittered() -> bytes:
    """A word a text object, each on a baseline up to 1.5 pt off its line."""
    rnd, ops = random.Random(9), []
    for line in range(40):
        x = 40.0
        for word in rnd.sample(WORDS, 8):
            ops.append(b"BT /F1 10 Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (x, 780 - line * 13 + rnd.uniform(-1.5, 1.5), word))
            x += 6 * len(word) + rnd.uniform(0, 8)
    return _one(b"\n".join(ops))


def odd() -> bytes:
    return _one(b"\n".join([
        b"BT /F1 0.005 Tf 100 100 Td (tiny text here) Tj ET",
        b"BT /F1 12 Tf 100 700 Td (Normal line with a ) Tj 5 Ts (raised) Tj 0 Ts ( part and) Tj ET",
        b"BT /F1 12 Tf 3 Tc 100 650 Td (spaced out letters inside one object) Tj ET",
        b"BT /F1 12 Tf 100 600 Td [(Kern) -300 (ed) 800 (over) -2000 (lapping)] TJ ET",
        b"BT /F1 12 Tf 100 550 Td (first line ends with co-) Tj 0 -14 Td (ordinated words here) Tj ET",
        b"BT /F1 12 Tf 7 Tr 100 450 Td (invisible clipped text) Tj ET",
        b"BT /F1 12 Tf 100 400 Td (Same) Tj ET BT /F1 12 Tf 100 400 Td (Same) Tj ET",
        b"BT /F1 12 Tf 100 380 Td (double  spaces   and   gaps) Tj ET",
        b"BT /F1 12 Tf -1 0 0 1 500 300 Tm (mirrored text) Tj ET",
        b"BT /F1 12 Tf 1 0 0 -1 100 250 Tm (flipped text) Tj ET",
        b"BT /F1 12 Tf 100 200 Td (\\001\\002\\003 control \\240 chars \\255 soft) Tj ET",
    ]))


def beyond_bmp() -> bytes:
    """"A" drawn as U+1F600 and "B" as a lone high surrogate (ToUnicode), among plain letters."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 2 beginbfchar <41> <D83DDE00> "
            b"<42> <D83D> endbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
    body = b"BT /F1 12 Tf 100 700 Td (xAyBz AAA) Tj 0 -20 Td (plain line) Tj ET"
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>"
    return build([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", font,
                  stream(body), page(4), stream(cmap)])


SHAPES = {"overlapping": overlapping, "rotated": rotated, "jittered": jittered, "odd": odd,
          "beyond-bmp": beyond_bmp}
