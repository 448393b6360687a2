"""PDF reading speed per page, from one process: bare pypdfium2 text extraction against
protokol's PDF reader (in-process and in its child process) and the whole parse.

  bare        page load + page.get_textpage().get_text_range() for every page
  read        protokol.readers.pdf.read_pdf(isolate=False): segments, lines, paragraphs
  read+child  read_pdf() as the CLI runs it: pdfium in the engine process with limits,
              kept from file to file (readers/pdf_engine.py)
  read+fork   the same with a child forked for each file (what a one-file run pays)
  parse       the whole parse of the document (read+child and the pipeline)

Times are CPU seconds (this process and its waited-for children: the machine may be
loaded), the runs interleaved round by round; each figure is printed as
min / median of --rounds rounds. Documents: the sample PDF (or FILE) and a 20-page PDF
made by repeating its pages. The goal is read+child and parse <= 3x bare per page.
The live engine process's CPU time counts (it reports it with each reply).

    python benchmarks/pdf.py [--rounds 15] [--repeat 20] [FILE.pdf]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from protokol.pipeline import parse_document  # noqa: E402
from protokol.readers import pdf_engine, read_bytes  # noqa: E402
from protokol.readers import pdf  # noqa: E402
from protokol.readers.pdf import read_pdf  # noqa: E402


def cpu() -> float:
    """CPU seconds of this process, of its children that have been waited for and of the
    live PDF engine process (as of its last reply)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime + pdf_engine.cpu_seconds()


def bare(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    n = 0
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        n += len(tp.get_text_range())
        tp.close()
        page.close()
    pdf.close()
    return n


def fresh_child(data: bytes) -> object:
    """read_pdf with a child process forked for this file alone (as a one-file CLI run)."""
    pdf.REUSE_ENGINE = False
    try:
        return read_pdf(data, "x")
    finally:
        pdf.REUSE_ENGINE = True


def repeated(data: bytes, pages: int) -> bytes:
    """A PDF of `pages` pages: the pages of `data` over and over."""
    import io

    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(data)
    out = pdfium.PdfDocument.new()
    n = len(src)
    while len(out) < pages:
        out.import_pages(src, list(range(min(n, pages - len(out)))))
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def measure(data: bytes, rounds: int) -> dict[str, list[float]]:
    runs: dict[str, Callable[[], object]] = {
        "bare": lambda: bare(data),
        "read": lambda: read_pdf(data, "x", isolate=False),
        "read+child": lambda: read_pdf(data, "x"),
        "read+fork": lambda: fresh_child(data),
        "parse": lambda: parse_document(read_bytes(data, "x.pdf")),
    }
    for run in runs.values():  # warm-up: imports, the morphology dictionary
        run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            start = cpu()
            run()
            times[name].append(cpu() - start)
    return times


def report(name: str, pages: int, times: dict[str, list[float]], rounds: int) -> None:
    lo = {k: min(ts) * 1000 / pages for k, ts in times.items()}
    mid = {k: statistics.median(ts) * 1000 / pages for k, ts in times.items()}
    print(f"{name}: {pages} pages, {rounds} rounds, CPU ms per page (min / median), ratio to bare")
    for k in times:
        ratios = f"{lo[k] / lo['bare']:5.2f}x / {mid[k] / mid['bare']:5.2f}x"
        print(f"  {k:<11} {lo[k]:7.2f} / {mid[k]:7.2f}   {ratios}")
    for k in ("read+child", "read+fork"):
        print(f"  {k} over read (median): {(mid[k] - mid['read']) * pages:.1f} ms a file")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(ROOT / "samples" / "protocol-2023-06-20-D05-78.pdf"))
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--repeat", type=int, default=20, help="pages of the repeated document (0: none)")
    args = ap.parse_args()
    import pypdfium2 as pdfium

    data = Path(args.file).read_bytes()
    docs = [(Path(args.file).name, data)]
    if args.repeat:
        docs.append((f"{Path(args.file).stem} x{args.repeat} pages", repeated(data, args.repeat)))
    for name, blob in docs:
        pages = len(pdfium.PdfDocument(blob))
        report(name, pages, measure(blob, args.rounds), args.rounds)


if __name__ == "__main__":
    main()
