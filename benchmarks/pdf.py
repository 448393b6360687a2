"""PDF reading speed per page, from one process: bare pypdfium2 text extraction against
protokol's PDF reader (in-process and in its child process) and the whole parse.

  bare        page load + page.get_textpage().get_text_range() for every page
  read        protokol.readers.pdf.read_pdf(isolate=False): segments, lines, paragraphs
  read+child  read_pdf() as the CLI runs it: pdfium in a forked child with limits
  parse       protokol.api-level parse of the document (read+child and the pipeline)

Each figure is the median of --rounds runs, the runs of the four interleaved. The goal
is read+child <= 3x bare.

    python benchmarks/pdf.py [--rounds 15] [FILE.pdf]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from protokol.pipeline import parse_document  # noqa: E402
from protokol.readers import read_bytes  # noqa: E402
from protokol.readers.pdf import read_pdf  # noqa: E402


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=str(ROOT / "samples" / "protocol-2023-06-20-D05-78.pdf"))
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    data = Path(args.file).read_bytes()
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(data))
    runs = {
        "bare": lambda: bare(data),
        "read": lambda: read_pdf(data, "x", isolate=False),
        "read+child": lambda: read_pdf(data, "x"),
        "parse": lambda: parse_document(read_bytes(data, "x.pdf")),
    }
    for run in runs.values():  # warm-up: imports, the morphology dictionary
        run()
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    per_page = {name: statistics.median(ts) * 1000 / pages for name, ts in times.items()}
    print(f"{Path(args.file).name}: {pages} pages, median of {args.rounds} rounds, ms per page")
    for name, ms in per_page.items():
        print(f"  {name:<11} {ms:7.2f}   {ms / per_page['bare']:5.2f}x bare")
    print(f"child process cost: {per_page['read+child'] - per_page['read']:.2f} ms a page "
          f"({(per_page['read+child'] - per_page['read']) * pages:.1f} ms a file)")


if __name__ == "__main__":
    main()
