"""PDF: text-layer lines -> paragraphs, running headers/footers and page numbers removed.

Two engines read the text layer into the same ``Segment`` values: pypdfium2 (the
default, ~1 ms a page) and pdfplumber (~40 ms a page, kept as the reference; a test
asserts both give identical Documents on the samples). Everything after that is
shared (layout.py), so the two engines can only differ in what the PDF library
reports, not in how paragraphs are made.
"""

from __future__ import annotations

import io
import time

from protokol.errors import ReadError, TimeBudgetExceeded
from protokol.model import Block, Limits, Warning
from protokol.readers import ocr, pdf_child, pdf_engine
from protokol.readers.layout import Segment, paragraphs
from protokol.readers.pdf_tables import MAX_RULES, THIN, Rule, page_rules, thin
from protokol.readers.pdf_wire import pack_pages, unpack
from protokol.readers.pdf_text import Budget, check_objects, page_segments, pdfium_call

ENGINES = ("pdfium", "pdfplumber")
# a PDF with only an owner password (printing, copying restricted) opens: its empty user password is tried
ENCRYPTED = "encrypted PDF: it opens only with its password (save a copy without one)"
MAX_CHARS = 25_000_000  # characters pdfium may hand over for one document (5,000 a page: 10M)
MAX_OBJECTS = 1_000_000  # page objects of one document (the sample has about 50 a page)
MAX_FORMS = 20_000  # form XObjects drawn in one document (a logo or a header on each page)


OCR_MARGIN = 0.05  # the share of Limits.timeout OCR leaves unused (see _with_ocr)
ISOLATE = True  # the default of read_pdf's isolate (a fuzz harness turns it off)
REUSE_ENGINE = True  # isolated reads go to one long-lived engine process (pdf_engine), not a fork each
ENGINE_MAX_BYTES = 8 * 1024 * 1024  # a larger PDF gets a child of its own: it shares the caller's copy


def read_pdf(data: bytes, path: str = "", limits=None, engine: str = "pdfium",
             isolate: bool | None = None) -> tuple[Block, ...]:
    """The Blocks of a PDF (see read_pdf_report)."""
    return read_pdf_report(data, path, limits, engine, isolate)[0]


def read_pdf_report(data: bytes, path: str = "", limits=None, engine: str = "pdfium",
                    isolate: bool | None = None) -> tuple[tuple[Block, ...], tuple[Warning, ...]]:
    """The Blocks of a PDF and its warnings (``ocr``: the pages read by OCR).

    pdfium runs in a child process (see pdf_child and pdf_engine) unless ``isolate`` is false or the
    platform cannot fork; the result is the same. Pages without a usable text layer are
    read by OCR as ``limits.ocr`` says (see ocr.py)."""
    limits = limits or Limits()
    isolate = (ISOLATE if isolate is None else isolate) and pdf_child.available()
    start = time.monotonic()
    if engine == "pdfium":
        rules: list[Rule] = []
        pages = _pdfium_isolated(data, path, limits, rules) if isolate else \
            _pdfium_pages(data, path, limits.max_pages, rules)
    elif engine == "pdfplumber":
        rules = []
        pages = _plumber_pages(data, path, limits.max_pages, rules)
    else:
        raise ValueError(f"unknown PDF engine {engine!r}; one of {ENGINES}")
    warnings: tuple[Warning, ...] = ()
    todo = ocr.pages_to_read(pages, limits.ocr)
    if todo:
        pages, warnings = _with_ocr(data, path, limits, pages, todo, isolate, start)
        rules = [r for r in rules if r.page not in todo]  # an OCR'd page's words are placed by the scan
    if not any(pages):
        if limits.ocr == "never":
            raise ReadError(path, "PDF has no text layer (scanned?); --ocr auto reads it by OCR")
        found = " and OCR found no text on its pages" if warnings else ""
        raise ReadError(path, f"PDF has no text layer (scanned?){found}")
    if limits.ocr == "never":
        warnings += _unread(pages)
    return paragraphs(pages, rules), warnings


def _unread(pages: list[list[Segment]]) -> tuple[Warning, ...]:
    """The no_text_layer warning of a text PDF's pages without text, not read by OCR."""
    empty = [k for k, segs in enumerate(pages, 1) if not segs]
    if not empty:
        return ()
    what = "page" if len(empty) == 1 else "pages"
    return (Warning("no_text_layer", f"{what} {ocr.page_list(empty)} of {len(pages)} {'has' if len(empty) == 1 else 'have'} "
                                     "no text layer (blank, or a scan): not read; --ocr auto reads a scan by OCR"),)


def _with_ocr(data: bytes, path: str, limits, pages: list[list[Segment]], todo: list[int], isolate: bool,
              start: float) -> tuple[list[list[Segment]], tuple[Warning, ...]]:
    """The pages with those in `todo` that draw something read by OCR, and the ocr warning."""
    def render_in(work, seconds: float):
        return pdf_child.run(work, path, seconds) if isolate else work()

    # OCR ends a little before the budget: the caller's own alarm (the CLI's SIGALRM) then
    # never lands inside subprocess or temporary-folder code
    timeout = None if limits.timeout is None else \
        max(limits.timeout * (1 - OCR_MARGIN) - (time.monotonic() - start), 0.0)
    try:
        read = ocr.ocr_document(data, path, todo, timeout, render_in)
    except TimeBudgetExceeded:
        raise TimeBudgetExceeded(path, limits.timeout) from None
    if not read:
        return pages, ()
    pages = [read.get(k, segs) for k, segs in enumerate(pages, 1)]
    numbers = sorted(read)
    what = "page" if len(numbers) == 1 else "pages"
    return pages, (Warning("ocr", f"{what} {ocr.page_list(numbers)} read by OCR (Tesseract, "
                                  f"{ocr.DPI} dpi): check names, numbers and dates against the scan"),)


def _too_many(path: str, n: int, max_pages: int) -> None:
    if n > max_pages:
        raise ReadError(path, f"PDF has {n} pages (limit {max_pages})")


# ---------------------------------------------------------------- pypdfium2


def _pdfium_isolated(data: bytes, path: str, limits, rules: list[Rule] | None = None) -> list[list[Segment]]:
    import pypdfium2  # noqa: F401 - loaded once here, not again in every child

    if REUSE_ENGINE and len(data) <= ENGINE_MAX_BYTES:  # else the engine would hold a second copy
        # the reading function and limits as the engine was forked with them
        key = (_pdfium_pages, MAX_CHARS, MAX_OBJECTS, MAX_FORMS)
        result = pdf_engine.read(_packed_pages, key, data, path, limits.max_pages, limits.timeout)
    else:
        result = pdf_child.run(lambda: _packed_pages(data, path, limits.max_pages), path, limits.timeout)
    if not isinstance(result, bytes):
        raise ReadError(path, "pdf engine sent a malformed result")
    pages, found = unpack(result, path)
    if rules is not None:
        rules.extend(found)
    return pages


def _packed_pages(data: bytes, path: str, max_pages: int) -> bytes:
    rules: list[Rule] = []
    pages = _pdfium_pages(data, path, max_pages, rules)
    return pack_pages(pages, rules)


def _pdfium_pages(data: bytes, path: str, max_pages: int, rules: list[Rule] | None = None) -> list[list[Segment]]:
    """Pages and text pages are pdfium's raw handles, closed here: pypdfium2's PdfPage and
    PdfTextPage objects (a finalizer, a parent's list of kids) cost as much a page as
    the layout of the text. ``rules``: where the pages' ruling lines go (pdf_tables)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReadError(path, ENCRYPTED) from None
        raise ReadError(path, f"corrupt PDF: {exc}") from None
    try:
        _too_many(path, len(pdf), max_pages)
        chars = Budget(path, MAX_CHARS)
        objects, forms = Budget(path, MAX_OBJECTS, "page objects"), Budget(path, MAX_FORMS, "form XObjects drawn")
        out = []
        load_page, close_page = pdfium_call("FPDF_LoadPage", raw.FPDF_PAGE), pdfium_call("FPDF_ClosePage", None)
        load_text, close_text = pdfium_call("FPDFText_LoadPage", raw.FPDF_TEXTPAGE), \
            pdfium_call("FPDFText_ClosePage", None)
        get_rotation = pdfium_call("FPDFPage_GetRotation")
        for i in range(len(pdf)):
            page = load_page(pdf.raw, i)
            if not page:
                raise pdfium.PdfiumError("Failed to load page.")
            try:
                paths: list | None = [] if rules is not None else None
                check_objects(page, objects, forms, paths)
                tp = load_text(page)
                if not tp:
                    raise pdfium.PdfiumError("Failed to load text page.")
                try:
                    turn = get_rotation(page)
                    out.append(page_segments(tp, i + 1, chars, turn=turn))
                    if rules is not None and paths and not turn:
                        rules.extend(page_rules(paths, i + 1))
                finally:
                    close_text(tp)
            finally:
                close_page(page)
        return out
    except pdfium.PdfiumError as exc:  # a page or its text that pdfium cannot load
        raise ReadError(path, f"corrupt PDF: {exc}") from None
    finally:
        pdf.close()


# ---------------------------------------------------------------- pdfplumber


def _plumber_pages(data: bytes, path: str, max_pages: int, rules: list[Rule] | None = None) -> list[list[Segment]]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        n = len(pdf.pages)
    except PDFPasswordIncorrect:
        raise ReadError(path, ENCRYPTED) from None
    except Exception as exc:  # pdfminer raises many unrelated types on bad input
        if "password" in repr(exc).lower() or "encrypt" in repr(exc).lower():
            raise ReadError(path, ENCRYPTED) from None
        raise ReadError(path, f"corrupt PDF: {exc.__class__.__name__}") from None
    with pdf:
        _too_many(path, n, max_pages)
        pages = []
        for k, page in enumerate(pdf.pages):
            drawn = _plumber_rules(page, k + 1) if rules is not None and not page.rotation else []
            if rules is not None:
                rules.extend(drawn)
            pages.append(_plumber_segments(page.chars, k + 1, sorted({(r.x0 + r.x1) / 2 for r in drawn
                                                                      if r.x1 - r.x0 <= THIN})))
        return pages


def _plumber_rules(page, page_no: int) -> list[Rule]:
    """The thin lines and rectangles of a page (pdf_tables), in PDF coordinates."""
    out = []
    for obj in (page.lines + page.rects)[:MAX_RULES]:
        top = page.height - obj["bottom"] + page.bbox[1]
        rule = thin(obj["x0"], top, obj["x1"], top + obj["bottom"] - obj["top"], page_no)
        if rule is not None:
            out.append(rule)
    return out


def _plumber_segments(chars: list[dict], page: int, walls: list[float] = ()) -> list[Segment]:  # type: ignore[assignment]
    """Characters in content order -> runs on one baseline without a wide gap, nor a table's
    vertical rule (at an x of ``walls``) between them."""
    segs: list[Segment] = []
    text: list[str] = []
    x0 = x1 = base = size = 0.0

    def flush() -> None:
        if "".join(text).strip():
            segs.append(Segment("".join(text), x0, x1, base, size, page))

    for c in chars:
        cb, cx0, cx1 = c["matrix"][5], c["x0"], c["x1"]
        if text and abs(cb - base) <= 0.3 * size and -1.0 <= cx0 - x1 <= 4 * size \
                and not (walls and any(x1 - 1.0 <= w <= cx0 + 1.0 for w in walls)):
            if cx0 - x1 > 0.2 * size and text[-1] != " " and c["text"] != " ":
                text.append(" ")
            text.append(c["text"])
            x1 = max(x1, cx1)
        else:
            if text:
                flush()
            text, x0, x1, base, size = [c["text"]], cx0, cx1, cb, c["size"]
    if text:
        flush()
    return segs
