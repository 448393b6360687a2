"""Batch benchmark: protokol batch against bare text reading of the same files.

    python benchmarks/batch.py [--files 500] [--jobs N] [--keep DIR]

Builds an archive of distinct protocols from samples/ (benchmarks/make_archive.py),
then measures in the same run:

* floor: bare text reading of every file — python-docx paragraph texts
  (Document.iter_inner_content, tables included), pdfplumber page.extract_text,
  txt bytes decoded; and pypdfium2's bare per-page text extraction;
* protokol in this process, one file after another: read only, and read + parse
  (warm: grammars and dictionaries loaded first), per format, and the ratio to the floor;
* protokol.batch.run with 1 worker and with every CPU: files/s, speedup, peak
  resident memory per worker (VmHWM).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from make_archive import build  # noqa: E402

from protokol.batch import BatchConfig, default_jobs, run  # noqa: E402


def fmt_of(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def timed(paths: list[Path], func: Callable[[Path], object]) -> dict[str, list[float]]:
    """CPU seconds per file, by format (CPU time, so that a busy machine skews less);
    files that raise are left out."""
    times: dict[str, list[float]] = defaultdict(list)
    for path in paths:
        start = time.process_time()
        try:
            func(path)
        except Exception:  # noqa: BLE001 - the broken files of the archive
            continue
        times[fmt_of(path)].append(time.process_time() - start)
    return times


def bare_docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    parts = []
    for block in document.iter_inner_content():
        if hasattr(block, "rows"):
            parts.extend(cell.text for row in block.rows for cell in row.cells)
        else:
            parts.append(block.text)
    return "\n".join(parts)


def bare_pdf(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def bare_txt(path: Path) -> str:
    data = path.read_bytes()
    if not data:
        raise ValueError("empty")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def bare(path: Path) -> str:
    return {"docx": bare_docx, "pdf": bare_pdf, "txt": bare_txt}[fmt_of(path)](path)


def pdfium_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def protokol_read(path: Path) -> object:
    from protokol.readers import read

    return read(path)


def protokol_parse(path: Path) -> object:
    from protokol.pipeline import parse_path

    return parse_path(path)


def warm_up(paths: list[Path]) -> None:
    seen = set()
    for path in paths:
        if fmt_of(path) not in seen:
            try:
                protokol_parse(path)
                bare(path)
                seen.add(fmt_of(path))
            except Exception:  # noqa: BLE001
                pass


def ms(values: list[float]) -> str:
    return f"{1000 * statistics.mean(values):7.2f}" if values else "      -"


def batch_run(root: Path, out: Path, jobs: int) -> tuple[float, float, object]:
    """Wall seconds, the parent's CPU seconds, and the summary of a fresh run."""
    shutil.rmtree(out, ignore_errors=True)
    start, cpu = time.perf_counter(), time.process_time()
    summary = run(BatchConfig(root, out, jobs=jobs))
    return time.perf_counter() - start, time.process_time() - cpu, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="the 'all CPUs' run (default: %(default)s)")
    parser.add_argument("--keep", type=Path, help="build the archive here and keep it")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="protokol-bench-"))
    root, out = work / "archive", work / "out"
    shutil.rmtree(root, ignore_errors=True)
    paths = build(root, args.files)
    counts = defaultdict(int)
    for path in paths:
        counts[fmt_of(path)] += 1
    print(f"archive: {len(paths)} files ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}) in {root}")
    print(f"CPUs available: {default_jobs()}; load average {os.getloadavg()[0]:.1f} (other processes share them)\n")

    warm_up(paths)
    floor = timed(paths, bare)
    read_only = timed(paths, protokol_read)
    full = timed(paths, protokol_parse)
    pdfs = [p for p in paths if fmt_of(p) == "pdf"]
    pages = sum(pdfium_pages(p) for p in pdfs[:1]) if pdfs else 0
    pdfium_times = timed(pdfs, pdfium_pages)["pdf"]

    print("per file, one process, CPU ms (mean)")
    print(f"{'format':<6} {'files':>5} {'floor':>7} {'read':>7} {'parse':>7} {'parse/floor':>11}  floor is")
    floors = {"docx": "python-docx paragraphs", "pdf": "pdfplumber extract_text", "txt": "bytes decoded"}
    for kind in ("docx", "txt", "pdf"):
        if not full.get(kind):
            continue
        ratio = statistics.mean(full[kind]) / statistics.mean(floor[kind])
        print(f"{kind:<6} {len(full[kind]):>5} {ms(floor[kind])} {ms(read_only[kind])} {ms(full[kind])} "
              f"{ratio:>11.2f}  {floors[kind]}")
    if pdfs and pages:
        per = lambda values: 1000 * statistics.mean(values) / pages  # noqa: E731
        print(f"\npdf per page ({pages} pages a file), ms: pypdfium2 bare {per(pdfium_times):.2f}, "
              f"pdfplumber bare {per(floor['pdf']):.2f}, protokol read {per(read_only['pdf']):.2f}, "
              f"protokol parse {per(full['pdf']):.2f}")

    one_s, one_cpu, one = batch_run(root, out, 1)
    all_s, all_cpu, many = batch_run(root, out, args.jobs)
    print("\nprotokol.batch.run (whole run: listing, workers' start, manifest, combined files)")
    print(f"{'workers':>7} {'wall s':>7} {'files/s':>8} {'ok':>5} {'failed':>6} {'workers CPU s':>13} "
          f"{'parent CPU s':>12} {'peak RSS/worker':>16}")
    for jobs, seconds, cpu, summary in ((1, one_s, one_cpu, one), (args.jobs, all_s, all_cpu, many)):
        print(f"{jobs:>7} {seconds:>7.2f} {len(paths) / seconds:>8.1f} {summary.ok:>5} {summary.failed:>6} "
              f"{summary.worker_cpu_seconds:>13.2f} {cpu:>12.2f} {summary.peak_rss_kb / 1024:>13.0f} MB")
    print(f"speedup {args.jobs} workers / 1 (wall): {one_s / all_s:.2f}x; load average now "
          f"{os.getloadavg()[0]:.1f}")
    resumed_s, resumed = batch_run_resume(root, out)
    print(f"re-run (everything up to date): {resumed_s:.2f} s, {resumed.skipped} skipped, "
          f"{resumed.failed} failed files retried")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def batch_run_resume(root: Path, out: Path) -> tuple[float, object]:
    start = time.perf_counter()
    summary = run(BatchConfig(root, out))
    return time.perf_counter() - start, summary


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
