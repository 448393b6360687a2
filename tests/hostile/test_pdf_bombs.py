"""PDFs that made pdfium run for hours or abort the process, built here as raw PDF bytes.

Each ends within 30 s and 1 GB with a parse or one error line: glyphs each on its own
baseline (quadratic text extraction), pages sharing one content stream, form XObject
fan-outs (10^5: hours; 10^7: SIGABRT), a 1 GiB Flate stream in a 1 MB file (SIGABRT).
"""

from __future__ import annotations

import zlib

from tests.hostile.conftest import assert_parsed, assert_refused, cli

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
MiB = 1 << 20


def build(objects: list[bytes]) -> bytes:
    """A PDF of the objects (numbered from 1, the first is the catalog) with its xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", flate: bool = False) -> bytes:
    if flate:
        data, extra = zlib.compress(data), extra + b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def page(contents: int, resources: bytes = b"") -> bytes:
    return (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> %s >>"
            b" /Contents %d 0 R >>" % (resources, contents))


def document(pages: list[int], rest: list[bytes]) -> bytes:
    """Catalog (1), page tree (2) of `pages` (object numbers), font (3), then `rest` from 4."""
    kids = b" ".join(b"%d 0 R" % k for k in pages)
    return build([b"<< /Type /Catalog /Pages 2 0 R >>",
                  b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)), FONT, *rest])


def glyph_lines(n: int) -> bytes:
    """One page of n glyphs, each on its own baseline (50 columns, 0.04 pt apart)."""
    ops = b"\n".join(b"1 0 0 1 %d %.2f Tm (%c) Tj" % (20 + k % 50 * 10, 20 + k * 0.04, 65 + k % 26)
                     for k in range(n))
    return document([5], [stream(b"BT /F1 1 Tf\n" + ops + b"\nET"), page(4)])


def shared_stream(pages: int, lines: int) -> bytes:
    """`pages` pages whose /Contents are one compressed stream of `lines` text objects."""
    body = b"BT /F1 1 Tf " + b"0 -0.01 Td (AB) Tj\n" * lines + b"ET"
    return document(list(range(5, 5 + pages)), [stream(body, flate=True)] + [page(4)] * pages)


def fan_out(levels: int, width: int = 10) -> bytes:
    """A page that draws form X0 `width` times, X0 draws X1 `width` times ...: width**levels
    glyphs, each in its own place."""
    def draws(name: bytes, step: float) -> bytes:
        return b"".join(b"q 1 0 0 1 %g %g cm /%s Do Q\n" % (i % 5 * step, i // 5 * step * 0.7, name)
                        for i in range(width))

    forms, step = [], 100.0
    for k in range(levels):
        step /= 5
        if k < levels - 1:
            body, res = draws(b"X%d" % (k + 1), step), b"/XObject << /X%d %d 0 R >>" % (k + 1, 7 + k)
        else:
            body, res = b"BT /F1 0.1 Tf 10 10 Td (A) Tj ET", b"/Font << /F1 3 0 R >>"
        forms.append(stream(body, b" /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << %s >>" % res))
    return document([5], [stream(draws(b"X0", 100)), page(4, b"/XObject << /X0 6 0 R >>"), *forms])


def flate_bomb(mib: int) -> bytes:
    """A page whose content stream inflates to `mib` MiB (mostly spaces) from ~1 KB a MiB:
    one compressed MiB repeated (a full flush makes the blocks independent)."""
    head, chunk = b"BT /F1 10 Tf 100 700 Td (A) Tj ET\n", b" " * MiB
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = c.compress(head) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
    end = c.flush()
    adler = zlib.adler32(head)
    for _ in range(mib):
        adler = zlib.adler32(chunk, adler)
    data = b"\x78\xda" + first + block * mib + end + adler.to_bytes(4, "big")
    return document([4], [page(5), b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)])


def test_flate_bomb_generator_inflates_to_its_size():
    data = flate_bomb(3)
    raw = data[data.index(b"stream\n") + 7:data.rindex(b"\nendstream")]
    assert len(zlib.decompress(raw)) == 3 * MiB + 34


def test_glyphs_each_on_its_own_baseline_take_linear_time(tmp_path):
    """20,000 glyphs on 20,000 baselines took 8.6 s (pdfium scanned every character for
    every rectangle); 16x the glyphs must take at most ~20x the time."""
    from protokol.readers.pdf import read_pdf

    from tests.hostile.test_big_inputs import assert_linear

    big = glyph_lines(20000)
    assert read_pdf(glyph_lines(1250), "warm-up", isolate=False)
    assert_linear(lambda data: read_pdf(data, "x", isolate=False), glyph_lines, 1250)
    path = tmp_path / "20000-baselines.pdf"
    path.write_bytes(big)
    assert assert_parsed(cli("parse", str(path), "-f", "json", timeout=30))["source"]["format"] == "pdf"


def test_pages_sharing_one_content_stream_are_refused_early(tmp_path):
    path = tmp_path / "shared.pdf"
    path.write_bytes(shared_stream(1999, 20000))
    assert path.stat().st_size < 400_000
    assert_refused(cli("parse", str(path), timeout=30), "too many page objects")


def test_form_xobject_fan_out_of_100000_is_refused(tmp_path):
    path = tmp_path / "fan-out-5.pdf"
    path.write_bytes(fan_out(5))
    assert_refused(cli("parse", str(path), timeout=30), "too many form xobjects")


def test_form_xobject_fan_out_of_10_million_is_one_error_line(tmp_path):
    """pdfium aborted the process (SIGABRT, exit 134, no message)."""
    path = tmp_path / "fan-out-7.pdf"
    path.write_bytes(fan_out(7))
    assert_refused(cli("parse", str(path), timeout=30), "pdf engine ran out of memory")


def test_gigabyte_flate_stream_is_one_error_line(tmp_path):
    """1 GiB of content stream in a 1 MB file: pdfium aborted the process."""
    path = tmp_path / "flate-bomb.pdf"
    path.write_bytes(flate_bomb(1024))
    assert path.stat().st_size < 1_100_000
    assert_refused(cli("parse", str(path), timeout=30), "pdf engine ran out of memory")


def test_glyphs_piled_on_one_spot_are_refused(tmp_path):
    """10^4 glyphs of 0.1 pt within a few points: every lookup meets all of them."""
    path = tmp_path / "piled.pdf"
    data = fan_out(4)
    path.write_bytes(data)
    assert_refused(cli("parse", str(path), timeout=30), "too dense")


def test_lines_of_many_segments_are_joined_in_linear_time():
    """to_lines cleaned the growing line at every segment: 1k -> 16k segments 17 ms -> 4.4 s."""
    from protokol.readers.layout import Segment, paragraphs

    def one_line(n: int) -> list[list[Segment]]:
        return [[Segment("слово", 72 + k * 0.001, 73 + k * 0.001, 700, 12, 1) for k in range(n)]]

    from tests.hostile.test_big_inputs import assert_linear

    for n in (100, 1000):
        blocks = paragraphs(one_line(n))
        assert len(blocks) == 1 and len(blocks[0].text) == 5 * n
    assert_linear(paragraphs, one_line, 1000)
