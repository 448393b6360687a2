"""Scanned PDF pages -> Segments, read by Tesseract's Russian model.

Which pages: in ``auto`` mode a page without text that draws something (an image, paths),
or whose text layer is garbage (``garbage``); ``always`` reads every page that draws
something; ``never`` none. The pages are rendered by pdfium in the isolated child
(pdf_child) to grey PGM files in a private temporary folder, a few at a time, and each is
read by one ``tesseract IMAGE stdout -l rus --psm 3 hocr`` process:

- a direct call, not pytesseract (a wrapper that runs the same binary through temporary
  files) nor ocrmypdf (which needs Ghostscript and writes a PDF to be read again): the
  process is ours to bound: its own session (the whole group is killed at the deadline),
  an address-space limit, dying with its parent, one OpenMP thread (Tesseract's threads
  made a page 4-5 times slower on a busy 2-core machine, and batch runs pages in parallel);
- the image cleaned first (despeckled, made black and white, deskewed): see _write_pgm;
- a page scanned sideways or upside down turned upright when its reading looks wrong and
  Tesseract's orientation detection is sure (ocr_turn);
- hOCR, not TSV: it gives each line's baseline, so the words become Segments on a
  baseline, as a text layer gives them, and the same layout code (lines, paragraphs,
  numbering, running headers) makes the Blocks (hocr.py).
See docs/ocr.md for the measurements behind these choices.
"""

from __future__ import annotations

import functools
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from typing import Any

from protokol.errors import ReadError, TimeBudgetExceeded
from protokol.readers import hocr, ocr_turn
from protokol.readers.pdf_child import cap_address_space, die_with_parent
from protokol.readers.layout import Segment

MODES = ("auto", "always", "never")
SAMPLE = 40  # Cyrillic words of a page looked up in the dictionary to judge its text layer
PACKAGE = "tesseract-ocr-rus"
MISSING = f"reading a scanned PDF needs Tesseract with its Russian model: apt-get install {PACKAGE}"
LANG = "rus"
DPI = 300  # see benchmarks/ocr.py: the seed's scan gives its 29 tasks at 300 dpi
MAX_PIXELS = 40_000_000  # a larger page is rendered at a lower resolution (A3 at 300 dpi: 17 M)
MIN_PIXELS = 16  # a page rendered narrower or lower than this has nothing to read
MAX_SKEW = 5.0  # degrees a page may be scanned askew (turned back before OCR)
CHUNK = 4  # pages rendered per child process (their images wait on disk for Tesseract)
MEMORY = 1024 * 1024 * 1024  # Tesseract's address space (a 300 dpi A4 page needs ~150 MB)
PAGE_SECONDS = 120.0  # one page's wall clock when the caller sets no Limits.timeout
# letters neither Cyrillic nor ASCII; control, private use and replacement characters
_ODD = re.compile(r"(?![\u0400-\u04ffA-Za-z])[^\W\d_]|[\x00-\x08\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")
# what no page counts as odd: Cyrillic and ASCII letters, digits, spaces, common punctuation
# (dropped before _ODD looks at each character: _ODD's matches are single characters)
_PLAIN = re.compile(r"[\u0400-\u04ffA-Za-z0-9 .,;:!?()\-\"'«»–—№/]+")
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff](?:[^\u0400-\u04ff]*[\u0400-\u04ff]){2}")  # 3 Cyrillic letters or more
_PUNCT = ".,;:!?«»\"'()[]-–—"


# ---------------------------------------------------------------- which pages


def garbage(segments: list[Segment]) -> bool:
    """True when a page's text layer is no text: mostly characters no Russian document is
    written in (private use, control, Latin-1 mojibake such as "Ïðîòîêîë", U+FFFD), or
    Cyrillic words mostly unknown to the dictionary (an old OCR layer, "РџСЂРѕС‚РѕРєРѕР»").
    Regular expressions, and at most SAMPLE dictionary look-ups a page."""
    text = " ".join(s.text for s in segments)
    chars = len(text) - sum(map(text.count, " \t\n\r"))
    if not chars:
        return False
    if len(_ODD.findall(_PLAIN.sub("", text))) > 0.3 * chars:
        return True
    words = [w.strip(_PUNCT) for w in text.split() if _CYRILLIC_WORD.search(w)]
    words = words[:: max(1, len(words) // SAMPLE)][:SAMPLE]  # spread over the page, a bounded cost
    if len(words) < 5:
        return False
    from protokol import morph

    return sum(w.isalpha() and morph.is_known(w) for w in words) < 0.4 * len(words)


def pages_to_read(pages: list[list[Segment]], mode: str) -> list[int]:
    """1-based numbers of the pages OCR should look at (those that draw nothing are
    dropped later, when they are rendered)."""
    if mode not in MODES:
        raise ValueError(f"unknown OCR mode {mode!r}; one of {MODES}")
    if mode == "never":
        return []
    return [k for k, segs in enumerate(pages, 1)
            if mode == "always" or not segs or garbage(segs)]


def page_list(numbers: list[int]) -> str:
    """[1, 2, 3, 5] -> "1-3, 5"."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(f"{a}-{b}" if b > a else str(a) for a, b in spans)


# ---------------------------------------------------------------- the engine


def tesseract() -> str | None:
    return shutil.which("tesseract")


def check_engine(path: str) -> str:
    """The tesseract executable; ReadError(MISSING) without it or its Russian model."""
    exe = tesseract()
    if exe is None or LANG not in _languages(exe, os.environ.get("TESSDATA_PREFIX", "")):
        raise ReadError(path, MISSING)
    return exe


@functools.lru_cache(maxsize=8)
def _languages(exe: str, _tessdata: str) -> frozenset[str]:
    try:
        proc = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30,
                              stdin=subprocess.DEVNULL, env=_env())
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in proc.stdout.splitlines()[1:])


def _env() -> dict[str, str]:
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


# ---------------------------------------------------------------- rendering (in pdf_child)


def render(data: bytes, numbers: list[int], folder: str, dpi: int = DPI) -> list[list[Any]]:
    """Render the pages to grey PGM files in `folder`: for each page that draws something
    [page, file, points per pixel, page height in points]. Runs in the pdfium child."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(data)
    out: list[list[Any]] = []
    try:
        for n in numbers:
            page = pdf[n - 1]
            width, height = page.get_size()
            scale = min(dpi / 72, math.sqrt(MAX_PIXELS / max(width * height, 1e-9)))
            w, h = round(width * scale), round(height * scale)
            if raw.FPDFPage_CountObjects(page.raw) > 0 and min(w, h) >= MIN_PIXELS:
                file = os.path.join(folder, f"p{n:05d}.pgm")
                _write_pgm(page.render(scale=scale, grayscale=True, may_draw_forms=True), file)
                out.append([n, file, 1 / scale, height])
            page.close()
    except pdfium.PdfiumError as exc:
        raise ReadError("", f"corrupt PDF: {exc}") from None
    finally:
        pdf.close()
    return out


def _write_pgm(bitmap: Any, file: str) -> None:
    """The bitmap cleaned for Tesseract, as a PGM file: despeckled (a 3x3 median), made
    black and white halfway between ink and paper, and deskewed. On the noisy seed scan
    the median alone gave back a third of the words lost to specks; the threshold then
    gave back numbering labels read as "о:" or "Нда" (Tesseract's own threshold kept the
    grey specks beside them)."""
    from PIL import Image, ImageFilter

    image = bitmap.to_pil().convert("L").filter(ImageFilter.MedianFilter(3))
    image = image.point(_threshold(image.histogram()))
    angle = skew(image)
    if angle:
        image = image.rotate(-angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    image.save(file, "PPM")


def _threshold(histogram: list[int]) -> list[int]:
    """A lookup table: black below 60% of the way from the ink (the darkest 1% of the
    pixels) to the paper (the median pixel), white above."""
    total, seen, ink, paper = sum(histogram), 0, 0, 255
    for value, n in enumerate(histogram):
        if seen < total / 100 <= seen + n:
            ink = value
        if seen < total / 2 <= seen + n:
            paper = value
        seen += n
    cut = ink + 0.6 * (paper - ink)
    return [0 if v < cut else 255 for v in range(256)]


def skew(image: Any, widest: float = MAX_SKEW) -> float:
    """The angle (degrees, counter-clockwise) the text lines of a grey image are turned by:
    the one whose row profile (ink per row of the image turned back) is sharpest, found
    on a 4 times smaller copy, coarse to fine. Tesseract read "2.1." as "21." and lost
    whole lines on the seed scanned 0.7 degrees askew; turned back, it reads them."""
    from PIL import Image

    small = image.reduce(4).point(lambda v: 255 if v < 160 else 0)  # ink is white

    def sharpness(angle: float) -> float:
        turned = small.rotate(-angle) if angle else small
        rows = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
        return sum((b - a) ** 2 for a, b in zip(rows, rows[1:]))

    def sharpest(angles: list[float]) -> float:
        return max(angles, key=lambda a: (sharpness(a), -abs(a)))

    coarse = int(widest / 0.5)
    best = sharpest([k * 0.5 for k in range(-coarse, coarse + 1)])
    return sharpest([round(best + k * 0.1, 1) for k in range(-4, 5)])


# ---------------------------------------------------------------- reading


def read_pages(exe: str, rendered: list[list[Any]], path: str, deadline: Callable[[], float],
               dpi: int = DPI) -> Iterator[tuple[int, list[Segment]]]:
    """(page, Segments) of each rendered page; each image file is removed once read. A page
    whose reading looks like that of a turned page is turned upright when Tesseract's
    orientation detection is sure of it, and read again (ocr_turn)."""
    can_turn = ocr_turn.MODEL in _languages(exe, os.environ.get("TESSDATA_PREFIX", ""))
    for n, file, pt_per_px, height in rendered:
        text = _run(exe, file, path, deadline(), dpi)
        segments = hocr.segments(text, n, pt_per_px, height)
        if can_turn and ocr_turn.suspicious(text, garbage(segments)):
            degrees = _orientation(exe, file, path, deadline(), dpi)
            if degrees:
                height = ocr_turn.turn(file, degrees, skew) * pt_per_px
                segments = hocr.segments(_run(exe, file, path, deadline(), dpi), n, pt_per_px, height)
        os.unlink(file)
        yield n, segments


def _orientation(exe: str, image: str, path: str, seconds: float, dpi: int) -> int:
    """The degrees to turn the page clockwise by, by Tesseract's OSD; 0 when it is unsure or
    finds too little text."""
    try:
        return ocr_turn.rotation(_run(exe, image, path, seconds, dpi, ocr_turn.osd_command(exe, image, dpi)))
    except ReadError:
        return 0


def _run(exe: str, image: str, path: str, seconds: float, dpi: int, cmd: list[str] | None = None) -> str:
    cmd = cmd or [exe, image, "stdout", "-l", LANG, "--psm", "3", "--dpi", str(dpi), "hocr"]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, preexec_fn=_bound, env=_env(),
                            cwd=os.path.dirname(image))
    try:
        out, err = proc.communicate(timeout=max(seconds, 0.01))
    except subprocess.TimeoutExpired:
        raise _Late() from None
    finally:
        _kill(proc)
    if proc.returncode != 0:
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["no message"])[-1]
        raise ReadError(path, f"OCR failed (tesseract exit status {proc.returncode}: {last[:200]})")
    return out.decode("utf-8", "replace")


class _Late(Exception):
    """Tesseract ran past the deadline (ocr_document turns it into the caller's error)."""


def _bound() -> None:
    """In the tesseract child: bounded address space, dies with the caller."""
    cap_address_space(MEMORY)
    die_with_parent()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        proc.wait()


# ---------------------------------------------------------------- one document


def ocr_document(data: bytes, path: str, numbers: list[int], timeout: float | None,
                 render_in: Callable[[Callable[[], Any], float], Any],
                 dpi: int | None = None) -> dict[int, list[Segment]]:
    """The Segments of the pages `numbers` (those that draw something), read by OCR.

    `render_in(work, seconds)` runs work() where pdfium may fail safely (pdf_child.run).
    Ends within `timeout` seconds (TimeBudgetExceeded), or PAGE_SECONDS a page without one.
    """
    exe = check_engine(path)
    dpi = dpi or DPI
    start = time.monotonic()
    total = timeout if timeout is not None else PAGE_SECONDS * len(numbers)

    def left() -> float:
        remaining = start + total - time.monotonic()
        if remaining <= 0:
            raise _Late()
        return remaining

    out: dict[int, list[Segment]] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="protokol-ocr-") as folder:
            for k in range(0, len(numbers), CHUNK):
                chunk = numbers[k:k + CHUNK]
                rendered = render_in(functools.partial(render, data, chunk, folder, dpi), left())
                out.update(read_pages(exe, rendered, path, left, dpi))
            numbers = sorted(out)
            out = dict(zip(numbers, hocr.sequence(hocr.roman_first(hocr.running(hocr.furniture([out[n] for n in numbers]))))))
    except (_Late, TimeBudgetExceeded):
        if timeout is not None:
            raise TimeBudgetExceeded(path, timeout) from None
        raise ReadError(path, f"OCR took longer than {total:g} s") from None
    return out
