"""Pages scanned sideways or upside down: the seed's first page scanned (noise, 0.7 degrees
askew, a stamp) and turned by 90, 180 and 270 degrees must read as the upright scan does:
Tesseract's orientation detection (the osd model) tells how to turn it back. These tests
need tesseract-ocr, tesseract-ocr-rus and tesseract-ocr-osd and fail without them."""

from __future__ import annotations

import difflib
import shutil
import subprocess

import pytest

from protokol.readers import ocr_turn, read_bytes
from tests.hostile.conftest import SAMPLES, SEED
from tests.readers._scans import images_to_pdf, page_image

pytestmark = pytest.mark.engine("tesseract")


@pytest.fixture(scope="module")
def upright():
    """The scanned image of the seed's page 1 and the blocks its upright scan reads as."""
    import pypdfium2 as pdfium

    exe = shutil.which("tesseract")
    assert exe, "Tesseract is needed: apt-get install tesseract-ocr tesseract-ocr-rus tesseract-ocr-osd"
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=60).stdout.split()
    assert ocr_turn.MODEL in langs, "Tesseract's orientation model is needed: apt-get install tesseract-ocr-osd"
    pdf = pdfium.PdfDocument((SAMPLES / f"{SEED}.pdf").read_bytes())
    try:
        image = page_image(pdf[0], seed=1)
    finally:
        pdf.close()
    return image, [b.text for b in read_bytes(images_to_pdf([image]), "scan.pdf").blocks]


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_turned_page_reads_as_the_upright_one(upright, degrees):
    image, expected = upright
    assert len(expected) > 15 and "ПРОТОКОЛ" in expected
    turned = images_to_pdf([image.rotate(degrees, expand=True, fillcolor=255)])  # counter-clockwise
    got = [b.text for b in read_bytes(turned, "turned.pdf").blocks]
    assert got[:5] == expected[:5], (degrees, got)
    # Tesseract reads the words by the stamp a little differently each time the page is turned
    words = difflib.SequenceMatcher(None, " ".join(expected).split(), " ".join(got).split(), autojunk=False)
    assert words.ratio() > 0.9, (degrees, words.ratio(), got)


@pytest.mark.parametrize("report,degrees", [
    ("Page number: 0\nOrientation in degrees: 270\nRotate: 90\nOrientation confidence: 34.10\n", 90),
    ("Orientation in degrees: 180\nRotate: 180\nOrientation confidence: 5.5\nScript: Cyrillic\n", 180),
    ("Orientation in degrees: 90\nRotate: 270\nOrientation confidence: 4.9\n", 0),  # not sure enough
    ("Orientation in degrees: 0\nRotate: 0\nOrientation confidence: 30.0\n", 0),
    ("Rotate: 45\nOrientation confidence: 30.0\n", 0),
    ("Too few characters. Skipping this page\n", 0),
])
def test_only_a_confident_orientation_turns_the_page(report, degrees):
    assert ocr_turn.rotation(report) == degrees


def _hocr(boxes: list[tuple[int, int, int, int]]) -> str:
    return "".join(f"<span class='ocr_line' id='l{k}' title=\"bbox {x0} {y0} {x1} {y1}; x_size 40\">x</span>"
                   for k, (x0, y0, x1, y1) in enumerate(boxes))


@pytest.mark.parametrize("boxes,garbage,asked", [
    ([(100, 100, 900, 140), (100, 160, 700, 200), (100, 220, 300, 260)], False, False),  # upright lines
    ([(100, 100, 900, 140), (100, 160, 700, 200), (100, 220, 300, 260)], True, True),  # garbage text
    ([(3296, 1714, 3343, 2302), (3209, 862, 3257, 1796), (3100, 100, 3150, 900)], False, True),  # vertical lines
    ([(100, 100, 130, 160), (100, 200, 900, 240)], False, False),  # a tall "1" beside a line: too few
])
def test_orientation_is_asked_only_of_a_page_read_wrong(boxes, garbage, asked):
    assert ocr_turn.suspicious(_hocr(boxes), garbage) == asked
