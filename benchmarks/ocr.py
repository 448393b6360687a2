"""Scanned PDFs: seconds per page and accuracy at each rendering resolution, against
reading the same document's text layer, from one process.

The seed's PDF is scanned as tests/readers/test_ocr.py scans it (200 dpi grey, noise, a
0.7 degree skew, a stamp; --seed varies the noise), then parsed whole at every --dpi
(the same code as `protokol parse --ocr auto`). For each resolution it prints the wall
seconds and CPU seconds (ours and Tesseract's) per page, and how many of the text PDF's
tasks come out with the same id and deadlines. The text PDF's own parse is the baseline
of the ratio.

    python benchmarks/ocr.py [--dpi 200 300] [--seed 0] [--pages 8]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from protokol.model import Options  # noqa: E402
from protokol.pipeline import parse_document  # noqa: E402
from protokol.readers import ocr, read_bytes  # noqa: E402
from tests.readers._scans import scan_pdf  # noqa: E402

SEED = ROOT / "samples" / "protocol-2023-06-20-D05-78.pdf"


def tasks(result) -> dict[str, list[tuple[str | None, str]]]:
    return {d.id: [(x.due, x.kind) for x in d.deadlines]
            for s in result.sections for d in s.directives if d.kind == "task"}


def cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def parse(data: bytes, name: str):
    wall, used = time.perf_counter(), cpu()
    result = parse_document(read_bytes(data, name), Options())
    return result, time.perf_counter() - wall, cpu() - used


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dpi", type=int, nargs="+", default=[200, 300])
    ap.add_argument("--seed", type=int, default=0, help="noise of the scan (the tests use 0)")
    ap.add_argument("--pages", type=int, default=8, help="scan only the first N pages")
    args = ap.parse_args()
    text = SEED.read_bytes()
    parse(text, "warm-up.pdf")  # imports, the dictionary, the grammars
    expected, text_wall, _ = parse(text, "seed.pdf")
    expected_tasks = tasks(expected)
    pages = list(range(1, args.pages + 1))
    scanned = scan_pdf(text, pages, seed=args.seed)
    wanted = {k: v for k, v in expected_tasks.items() if any(
        d.id == k and d.location.page in pages for s in expected.sections for d in s.directives)}
    print(f"text PDF: {text_wall:.2f} s for 8 pages; scan of {len(pages)} pages, noise seed {args.seed}")
    print(f"{'dpi':>5} {'s/page':>8} {'cpu/page':>9} {'x text':>8} {'tasks right':>12}")
    for dpi in args.dpi:
        ocr.DPI = dpi
        result, wall, used = parse(scanned, "scan.pdf")
        found = tasks(result)
        right = sum(found.get(k) == v for k, v in wanted.items())
        print(f"{dpi:>5} {wall / len(pages):>8.2f} {used / len(pages):>9.2f} "
              f"{wall / text_wall * 8 / len(pages):>7.0f}x {right:>5} of {len(wanted)}", flush=True)


if __name__ == "__main__":
    main()
