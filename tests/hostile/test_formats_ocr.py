"""Hostile scans and a Tesseract that hangs or fails: one line, exit 1, bounded time and
memory; no tesseract process is left behind. The scans are built here with Pillow; the
tests that OCR need tesseract-ocr-rus and fail without it."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest

from tests.hostile.conftest import assert_parsed, assert_refused, cli


def scan(pages: int, size: tuple[int, int], dpi: float) -> bytes:
    """An image-only PDF of `pages` pages, each a grey image with a few dark bars."""
    from PIL import Image, ImageDraw

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    w, h = size
    for y in range(h // 8, h - h // 8, max(h // 6, 2)):
        draw.rectangle((w // 10, y, w - w // 10, y + max(h // 40, 1)), fill=30)
    out = io.BytesIO()
    image.save(out, "PDF", save_all=True, append_images=[image] * (pages - 1), resolution=dpi)
    return out.getvalue()


def timed(*args: str, **kw) -> tuple[object, float]:
    start = time.monotonic()
    proc = cli(*args, **kw)
    return proc, time.monotonic() - start


def tesseracts_under(folder: Path) -> list[str]:
    """Processes whose command line names a file under `folder` (our temporary images)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and str(folder) in (proc / "cmdline").read_bytes().decode("utf-8", "replace"):
                found.append(proc.name)
        except OSError:
            continue
    return found


@pytest.mark.engine("tesseract")
def test_a_500_page_scan_ends_at_the_timeout(tmp_path):
    path = tmp_path / "500.pdf"
    path.write_bytes(scan(500, (120, 120), 72.0))  # tiny pages: 120 x 120 pt
    temp = tmp_path / "tmp"
    temp.mkdir()
    proc, seconds = timed("parse", str(path), "--timeout", "5", env={"TMPDIR": str(temp)}, timeout=120)
    assert_refused(proc, "500.pdf", "longer than 5 s")
    assert seconds < 30
    assert tesseracts_under(temp) == []
    assert list(temp.iterdir()) == []  # the page images are gone with their folder


@pytest.mark.engine("tesseract")
def test_a_huge_scanned_page_is_rendered_within_the_pixel_budget(tmp_path):
    path = tmp_path / "huge.pdf"
    path.write_bytes(scan(1, (1000, 1000), 5.0))  # one page of 14,400 x 14,400 pt
    proc, seconds = timed("parse", str(path), "--timeout", "120", timeout=200)
    assert seconds < 150
    if proc.returncode:
        assert_refused(proc, "huge.pdf")
    else:
        assert_parsed(proc)


def fake_tesseract(folder: Path, body: str) -> Path:
    """A `tesseract` that lists the Russian model and then runs `body` (sh) to "read" a page;
    returns the file where it records its pid."""
    folder.mkdir()
    pids = folder / "pids"
    fake = folder / "tesseract"
    fake.write_text(f'#!/bin/sh\nif [ "$1" = --list-langs ]; then printf "List of available languages\\nrus\\n"; '
                    f"exit 0; fi\necho $$ >> {pids}\n{body}\n")
    fake.chmod(0o755)
    return pids


def with_fake(folder: Path) -> dict[str, str]:
    return {"PATH": f"{folder}:{os.environ['PATH']}"}


def test_a_hanging_tesseract_is_killed_at_the_timeout(tmp_path):
    pids = fake_tesseract(tmp_path / "bin", "exec /bin/sleep 600")
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan(2, (600, 800), 72.0))
    proc, seconds = timed("parse", str(path), "--timeout", "3", env=with_fake(tmp_path / "bin"), timeout=60)
    assert_refused(proc, "longer than 3 s")
    assert seconds < 15
    for pid in pids.read_text().split():
        assert not Path(f"/proc/{pid}").exists() or b"sleep" not in Path(f"/proc/{pid}/cmdline").read_bytes()


def test_a_failing_tesseract_is_one_line(tmp_path):
    fake_tesseract(tmp_path / "bin", 'echo "Error in pixReadStream: Pix image is corrupt" >&2\nexit 1')
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan(1, (600, 800), 72.0))
    assert_refused(cli("parse", str(path), env=with_fake(tmp_path / "bin")), "OCR failed", "Pix image is corrupt")


def test_tesseract_output_that_is_not_hocr_reads_as_no_text(tmp_path):
    fake_tesseract(tmp_path / "bin", "printf '<html><body><span class=\"ocr_line\" title=\"bbox 1 2'")
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan(1, (600, 800), 72.0))
    assert_refused(cli("parse", str(path), env=with_fake(tmp_path / "bin")), "OCR found no text")


def test_ocr_text_with_control_characters_stays_out_of_the_terminal(tmp_path):
    line = ("<html><body><span class='ocr_line' title='bbox 10 10 500 40; baseline 0 -5; x_size 30'>"
            "<span class='ocrx_word' title='bbox 10 10 200 40'>1.&#x1b;[31mПринять</span>"
            "<span class='ocrx_word' title='bbox 220 10 500 40'>к&#x7;сведению</span></span></body></html>")
    fake_tesseract(tmp_path / "bin", f"printf '%s' \"{line}\"")
    path = tmp_path / "scan.pdf"
    path.write_bytes(scan(1, (600, 800), 72.0))
    proc = cli("parse", str(path), "-f", "table", env=with_fake(tmp_path / "bin"))
    assert "\x1b[31m" not in proc.stdout and "\x07" not in proc.stdout and "Traceback" not in proc.stderr
