"""docx reading speed per document, from one process: a bare python-docx read against
protokol's docx reader and the whole parse of the same file.

  bare    python-docx: Document() + the text of every paragraph and table cell
  read    protokol.readers.read_bytes (zip + lxml, styles, automatic numbering)
  parse   read + the pipeline (structure, deadlines); per-text caches emptied first
          (protokol.clear_caches: no text seen before, the worst case)
  warm    the same, caches kept (as a batch worker meets text it has seen)

Each file's runs of the four are interleaved, --rounds times, timed in CPU seconds (the
machines are shared and noisy); min and median per document and the ratios to bare.
The goal is warm <= 1.0x bare: a batch worker keeps its caches from file to file.

    python benchmarks/docx_read.py [--rounds 15] [FILE.docx ...]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import protokol  # noqa: E402
from protokol.pipeline import parse_document  # noqa: E402
from protokol.readers import read_bytes  # noqa: E402


def _texts(block: object) -> list[str]:
    """A paragraph's text, or a table's cell texts (python-docx objects)."""
    if hasattr(block, "rows"):
        return [cell.text for row in block.rows for cell in row.cells]
    return [block.text]  # type: ignore[attr-defined]


def bare(data: bytes) -> str:
    """What benchmarks/batch.py calls the floor: python-docx, every paragraph and cell text."""
    import docx

    document = docx.Document(io.BytesIO(data))
    return "\n".join(text for block in document.iter_inner_content() for text in _texts(block))


def cold(data: bytes, name: str) -> object:
    protokol.clear_caches()
    start = time.process_time()
    parse_document(read_bytes(data, name))
    return time.process_time() - start


def measure(data: bytes, name: str, rounds: int) -> dict[str, list[float]]:
    runs: dict[str, Callable[[], object]] = {
        "bare": lambda: bare(data),
        "read": lambda: read_bytes(data, name),
        "parse": lambda: cold(data, name),
        "warm": lambda: parse_document(read_bytes(data, name)),
    }
    for run in runs.values():  # imports, the morphology dictionary, grammars
        run()
    times: dict[str, list[float]] = {n: [] for n in runs}
    for _ in range(rounds):
        for n, run in runs.items():
            start = time.process_time()
            value = run()
            times[n].append(value if isinstance(value, float) else time.process_time() - start)
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    files = args.files or [ROOT / "samples" / "protocol-2023-06-20-D05-78.docx"]
    for path in files:
        times = measure(path.read_bytes(), path.name, args.rounds)
        low, mid = min(times["bare"]), statistics.median(times["bare"])
        print(f"{path.name}: min/median of {args.rounds} interleaved rounds, ms per document")
        for n, ts in times.items():
            print(f"  {n:<6} {min(ts) * 1000:7.2f} {statistics.median(ts) * 1000:7.2f}   "
                  f"{min(ts) / low:5.2f}x / {statistics.median(ts) / mid:5.2f}x bare")


if __name__ == "__main__":
    main()
