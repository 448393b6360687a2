"""Batch benchmark: protokol batch against bare text reading of the same files.

    python benchmarks/batch.py [--files 500] [--small 1000] [--jobs N] [--pool-only] [--baseline OLD/src] [--keep DIR]

Builds an archive of distinct protocols from samples/ (benchmarks/make_archive.py),
then measures in the same run:

* floor: bare text reading of every file — python-docx paragraph texts
  (Document.iter_inner_content, tables included), pdfplumber page.extract_text,
  txt bytes decoded (and, for txt of unknown encoding, charset-normalizer's
  detection + decoding); and pypdfium2's bare per-page text extraction;
* protokol in this process: read only, and read + parse (grammars and dictionaries
  loaded first), per format, and the ratio to the floor: parse as a batch worker
  does it (file after file, its per-text caches kept from one file to the next) and
  cold (the caches emptied before every file: no text of one protocol ever seen in
  another, the worst case);
* protokol.batch.run with 1 worker and with every CPU, on this archive ("normal") and
  on --small small one-page txt protocols ("small": the parent's cost per result and the
  workers' start weigh most there): files/s, speedup, peak resident memory per worker
  (VmHWM). ``--pool-only`` skips the per-file measures and runs only these.

The machines are noisy: per file, floor, read and parse are timed one after another,
--rounds times over the archive, and each file's least CPU time is kept; the batch
runs come in --batch-rounds pairs, in the order 1, N, N, 1, ..., for each archive in
turn, and the speedup is of their min and median wall times (round by round too).
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
from typing import Any
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from make_archive import build  # noqa: E402

from protokol.batch import BatchConfig, default_jobs, run  # noqa: E402


def fmt_of(path: Path) -> str:
    return path.suffix.lower().lstrip(".")


def cpu(func: Callable[[Path], object], path: Path) -> float | None:
    """CPU seconds of one call (CPU time, so that a busy machine skews less); None
    when it raises (the broken files of the archive)."""
    start = time.process_time()
    try:
        func(path)
    except Exception:  # noqa: BLE001
        return None
    return time.process_time() - start


def timed(paths: list[Path], funcs: dict[str, Callable[[Path], object]], rounds: int,
          before: dict[str, Callable[[], None]] | None = None,
          each_round: Callable[[], None] | None = None) -> dict[str, dict[str, list[float]]]:
    """For each function, each file's least CPU seconds over `rounds` passes, by format.

    The functions run one after another on each file, so that they see the same
    moment of a noisy machine; `before[name]` runs (untimed) before each call, and
    `each_round` before each pass."""
    best: dict[str, dict[Path, float]] = {name: {} for name in funcs}
    for _ in range(rounds):
        if each_round is not None:
            each_round()
        for path in paths:
            for name, func in funcs.items():
                if before and name in before:
                    before[name]()
                seconds = cpu(func, path)
                if seconds is not None:
                    best[name][path] = min(best[name].get(path, seconds), seconds)
    out: dict[str, dict[str, list[float]]] = {}
    for name, per_file in best.items():
        out[name] = defaultdict(list)
        for path, seconds in per_file.items():
            out[name][fmt_of(path)].append(seconds)
    return out


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


def bare_txt_detected(path: Path) -> str:
    """A txt of unknown encoding: charset-normalizer's best guess, decoded."""
    from charset_normalizer import from_bytes

    best = from_bytes(path.read_bytes()).best()
    if best is None:
        raise ValueError("not text")
    return str(best)


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


def clear_caches() -> None:
    import protokol

    protokol.clear_caches()


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


_RUN = r"""
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import protokol, protokol.grammars
tree = os.path.realpath(sys.argv[5])  # every module and grammar file from the tree asked for
for where in (protokol.__file__, protokol.grammars.__file__):
    assert os.path.realpath(where).startswith(tree + os.sep), (where, tree)
from protokol.batch import BatchConfig, run
last = [0.0, 0.0]
def progress(event):  # the moment of the last file's record: the end of the conversion
    last[0], last[1] = time.perf_counter(), time.process_time()
def children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
start, cpu0, kids = time.perf_counter(), time.process_time(), children()
if os.environ.get("PROTOKOL_BENCH_BAR"):  # the CLI's progress bar, drawn on a terminal (a pty), as a user sees it
    import pty, threading
    master, slave = pty.openpty()
    def drain():
        while True:
            try:
                if not os.read(master, 65536):
                    break
            except OSError:
                break
    threading.Thread(target=drain, daemon=True).start()
    os.dup2(slave, 2)
    from protokol.progress import progress_bar
    with progress_bar() as draw:
        s = run(BatchConfig(Path(sys.argv[2]), Path(sys.argv[3]), jobs=int(sys.argv[4])),
                lambda event: (progress(event), draw(event)))
else:
    s = run(BatchConfig(Path(sys.argv[2]), Path(sys.argv[3]), jobs=int(sys.argv[4])), progress)
wall, cpu = time.perf_counter() - start, time.process_time() - cpu0
print(json.dumps({"wall": wall, "cpu": cpu, "total": s.total,
                  "ok": s.ok, "failed": s.failed, "worker_cpu_seconds": s.worker_cpu_seconds,
                  "peak_rss_kb": s.peak_rss_kb, "convert": last[0] - start, "convert_cpu": last[1] - cpu0,
                  "end_cpu": cpu - (last[1] - cpu0) + children() - kids}))
"""

_WARM_UP = r"""
import resource, sys
sys.path.insert(0, sys.argv[1])
from protokol.batch import BatchConfig, run  # what the run's process has imported when it forks a worker
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start = cpu()
from protokol.batch.worker import Job, prepare
from protokol.model import Limits, Options
prepare(Job("", "", "json", Options(), Limits()))
print(cpu() - start)
"""


_TREES: dict[str, str] = {}


def import_tree(src: str) -> str:
    """A folder that, first on PYTHONPATH, makes a fresh process (and the workers' fork
    server) import protokol from the source tree `src` alone, its grammars too: the
    package's entries linked, and the tree's grammars/ as protokol.grammars. Without it,
    an editable install of another checkout would give its own protokol.grammars (package
    data), so the baseline would run with the wrong grammar files."""
    if src not in _TREES:
        real = os.path.realpath(src)
        overlay = tempfile.mkdtemp(prefix="protokol-tree-")
        package = os.path.join(overlay, "protokol")
        os.mkdir(package)
        for name in os.listdir(os.path.join(real, "protokol")):
            if name != "__pycache__":
                os.symlink(os.path.join(real, "protokol", name), os.path.join(package, name))
        grammars = os.path.join(os.path.dirname(real), "grammars")
        if os.path.isdir(grammars) and not os.path.exists(os.path.join(package, "grammars")):
            os.symlink(grammars, os.path.join(package, "grammars"))
        _TREES[src] = overlay
    return _TREES[src]


def tree_env(src: str) -> tuple[dict[str, str], str]:
    """The environment and the sys.path entry of a fresh process running `src`'s protokol."""
    overlay = import_tree(src)
    env = dict(os.environ, PYTHONPATH=overlay)
    # bytecode cached, as in an installed protokol: with PYTHONDONTWRITEBYTECODE every fresh
    # process (the run's, its fork server, the archive files' child) would compile protokol's
    # modules from source again, ~0.4 s more of S alone
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env, overlay


def batch_run(root: Path, out: Path, jobs: int, src: str) -> tuple[float, float, object]:
    """Wall seconds, the parent's CPU seconds, and the summary of a fresh run, in a fresh
    process running the protokol of `src` (its workers too); the summary also has the
    wall and parent CPU seconds up to the last file's record ("convert", "convert_cpu":
    listing, workers' start and conversion, without the combined files and reports)."""
    import json
    import subprocess
    from types import SimpleNamespace

    shutil.rmtree(out, ignore_errors=True)
    env, path = tree_env(src)
    tree = os.path.dirname(os.path.realpath(src))
    done = subprocess.run([sys.executable, "-c", _RUN, path, str(root), str(out), str(jobs), tree], env=env,
                          capture_output=True, text=True, check=True)
    data = json.loads(done.stdout.splitlines()[-1])
    return data["wall"], data["cpu"], SimpleNamespace(**data)


def warm_up_cpu(src: str, rounds: int = 3) -> float:
    """A worker's start, CPU seconds (least of `rounds` fresh processes): the imports, the
    dictionaries and grammars loaded, as a worker forked by the run does them."""
    import subprocess

    env, path = tree_env(src)
    return min(float(subprocess.run([sys.executable, "-c", _WARM_UP, path], env=env, capture_output=True, text=True,
                                    check=True).stdout.split()[-1]) for _ in range(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="the 'all CPUs' run (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=3, help="passes per file measure (default: %(default)s)")
    parser.add_argument("--batch-rounds", type=int, default=4,
                        help="pairs of batch runs, 1 worker and all CPUs (default: %(default)s)")
    parser.add_argument("--small", type=int, default=1000, help="files of the small archive (default: %(default)s)")
    parser.add_argument("--pool-only", action="store_true", help="only the batch runs, not the per-file measures")
    parser.add_argument("--archives", default="normal,small",
                        help="the archives of the batch runs, of normal and small (default: %(default)s)")
    parser.add_argument("--baseline", type=Path, metavar="SRC",
                        help="also run the batch of another source tree (its src/ folder), interleaved")
    parser.add_argument("--keep", type=Path, help="build the archive here and keep it")
    parser.add_argument("--bar", action="store_true",
                        help="batch runs with the CLI's progress bar, drawn on a terminal (a pty)")
    args = parser.parse_args()
    if args.bar:
        os.environ["PROTOKOL_BENCH_BAR"] = "1"

    work = args.keep or Path(tempfile.mkdtemp(prefix="protokol-bench-"))
    root, out = work / "archive", work / "out"
    shutil.rmtree(root, ignore_errors=True)
    paths = build(root, args.files)
    counts = defaultdict(int)
    for path in paths:
        counts[fmt_of(path)] += 1
    print(f"archive: {len(paths)} files ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))}) in {root}")
    small_root = work / "small"
    shutil.rmtree(small_root, ignore_errors=True)
    build_small(small_root, args.small)
    print(f"small archive: {args.small} one-page txt protocols in {small_root}")
    print(f"CPUs available: {default_jobs()}; load average {os.getloadavg()[0]:.1f} (other processes share them); "
          f"{args.rounds} rounds\n")
    if not args.pool_only:
        measure_files(paths, args.rounds)
    codes = {"this": str(HERE.parent / "src")}
    if args.baseline:
        codes["baseline"] = str(args.baseline)
    archives = {"normal": root, "small": small_root}
    pool_rounds({name: archives[name] for name in args.archives.split(",")}, out, args.jobs, args.batch_rounds, codes)
    batch_run(root, out, args.jobs, codes["this"])
    resumed_s, resumed = batch_run_resume(root, out)
    print(f"re-run (everything up to date): {resumed_s:.2f} s, {resumed.skipped} skipped, "
          f"{resumed.failed} failed files retried")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    for overlay in _TREES.values():
        shutil.rmtree(overlay, ignore_errors=True)


def measure_files(paths: list[Path], rounds: int) -> None:
    """Per file, in this process: the floor, protokol's read and parse (warm and cold)."""
    warm_up(paths)
    # as a batch worker parses an archive: file after file, its caches kept from one
    # file to the next (emptied at the start of each pass, so no file meets itself)
    t = timed(paths, {"floor": bare, "read": protokol_read, "parse": protokol_parse}, rounds,
              each_round=clear_caches)
    floor, read_only, full = t["floor"], t["read"], t["parse"]
    # the worst case: no text of one protocol ever seen in another (docx and txt, with
    # the floor again, so that the ratio compares the same moments)
    both = [p for p in paths if fmt_of(p) in ("docx", "txt")]
    c = timed(both, {"floor": bare, "cold": protokol_parse}, rounds, before={"cold": clear_caches})
    cold, cold_floor = c["cold"], c["floor"]
    txts = [p for p in paths if fmt_of(p) == "txt"]
    detected = timed(txts, {"detect": bare_txt_detected}, rounds)["detect"]["txt"]
    pdfs = [p for p in paths if fmt_of(p) == "pdf"]
    pages = sum(pdfium_pages(p) for p in pdfs[:1]) if pdfs else 0
    pdfium_times = timed(pdfs, {"pdfium": pdfium_pages}, rounds)["pdfium"]["pdf"]

    print("per file, one process, CPU ms (mean of each file's least time); parse: the archive file after")
    print("file, as a batch worker does; cold: the caches emptied before every file (no text seen before)")
    print(f"{'format':<6} {'files':>5} {'floor':>7} {'read':>7} {'parse':>7} {'parse/floor':>11} {'cold':>7} "
          f"{'cold/floor':>10}  floor is")
    floors = {"docx": "python-docx paragraphs", "pdf": "pdfplumber extract_text", "txt": "bytes decoded"}
    for kind in ("docx", "txt", "pdf"):
        if not full.get(kind):
            continue
        ratio = statistics.mean(full[kind]) / statistics.mean(floor[kind])
        if cold.get(kind):
            cold_ratio = statistics.mean(cold[kind]) / statistics.mean(cold_floor[kind])
            cold_cells = f"{ms(cold[kind])} {cold_ratio:>10.2f}"
        else:
            cold_cells = f"{'-':>7} {'-':>10}"
        print(f"{kind:<6} {len(full[kind]):>5} {ms(floor[kind])} {ms(read_only[kind])} {ms(full[kind])} "
              f"{ratio:>11.2f} {cold_cells}  {floors[kind]}")
    if detected and full.get("txt"):
        ratio = statistics.mean(full["txt"]) / statistics.mean(detected)
        cold_ratio = statistics.mean(cold["txt"]) / statistics.mean(detected)
        print(f"{'txt':<6} {len(detected):>5} {ms(detected)} {ms(read_only['txt'])} {ms(full['txt'])} "
              f"{ratio:>11.2f} {ms(cold['txt'])} {cold_ratio:>10.2f}  charset-normalizer detection + decoding")
    if pdfs and pages:
        per = lambda values: 1000 * statistics.mean(values) / pages  # noqa: E731
        print(f"\npdf per page ({pages} pages a file), ms: pypdfium2 bare {per(pdfium_times):.2f}, "
              f"pdfplumber bare {per(floor['pdf']):.2f}, protokol read {per(read_only['pdf']):.2f}, "
              f"protokol parse {per(full['pdf']):.2f}")



def build_small(root: Path, files: int) -> None:
    """One-page txt protocols, each distinct (numbers, days, one to three decisions)."""
    for n in range(files):
        folder = root / f"dept-{n % 10}"
        folder.mkdir(parents=True, exist_ok=True)
        items = "\n".join(f"{k}. Минфину края обеспечить подготовку отчета № {n}-{k}. "
                          f"Срок – до {1 + (n + k) % 27} июля 2023 г." for k in range(1, 2 + n % 3))
        text = (f"ПРОТОКОЛ\n\nсовещания № {n}\n\n{1 + n % 28} июня 2023 г. № {n}-пр\n\n"
                f"I. О подготовке отчетов\n\nРЕШИЛИ:\n\n{items}\n\nII. О мониторинге\n\nРЕШИЛИ:\n\n"
                "1. Органам исполнительной власти представлять сведения еженедельно, по понедельникам.\n")
        (folder / f"p{n:05d}.txt").write_text(text, encoding="utf-8")


def pool_rounds(archives: dict[str, Path], out: Path, jobs: int, rounds: int, codes: dict[str, str]) -> None:
    """protokol.batch.run with 1 and `jobs` workers on each archive, for each code tree
    (this one, and a baseline if given), rounds interleaved in the order 1, N, N, 1, ...
    (a machine that slows down or speeds up steadily favours neither side); min and
    median wall time per side, and their ratios."""
    runs: dict[tuple[str, str, int], list[tuple[float, float, object]]] = {
        (code, name, j): [] for code in codes for name in archives for j in (1, jobs)}
    for r in range(rounds):
        for name, root in archives.items():
            for code in list(codes) if r % 2 == 0 else list(codes)[::-1]:
                for j in (1, jobs) if r % 2 == 0 else (jobs, 1):
                    runs[code, name, j].append(batch_run(root, out, j, codes[code]))
    print("\nprotokol.batch.run (whole run in a fresh process: listing, workers' start, manifest, combined files);")
    print("convert: up to the last file's record (without the combined files, register, calendar and report);")
    print("end: the rest (median wall s) and its CPU (the run's process and the children it waited for)")
    print(f"{'code':<8} {'archive':<7} {'workers':>7} {'min s':>7} {'median s':>8} {'convert':>7} {'conv med':>8} "
          f"{'end s':>6} {'end CPU':>7} {'files/s':>8} {'ok':>5} {'failed':>6} {'workers CPU s':>13} "
          f"{'parent CPU s':>12} {'in convert':>10} {'peak RSS/worker':>16}")
    for (code, name, j), results in runs.items():
        walls = [w for w, _, _ in results]
        converts = [r[2].convert for r in results]  # type: ignore[attr-defined]
        summary: Any = min(results, key=lambda r: r[0])[2]
        print(f"{code:<8} {name:<7} {j:>7} {min(walls):>7.2f} {statistics.median(walls):>8.2f} "
              f"{min(converts):>7.2f} {statistics.median(converts):>8.2f} "
              f"{statistics.median(w - c for w, c in zip(walls, converts)):>6.2f} "
              f"{statistics.median(r[2].end_cpu for r in results):>7.2f} "  # type: ignore[attr-defined]
              f"{summary.total / min(walls):>8.1f} {summary.ok:>5} {summary.failed:>6} "
              f"{statistics.median(r[2].worker_cpu_seconds for r in results):>13.2f} "  # type: ignore[attr-defined]
              f"{statistics.median(c for _, c, _ in results):>12.2f} "
              f"{statistics.median(r[2].convert_cpu for r in results):>10.2f} "  # type: ignore[attr-defined]
              f"{summary.peak_rss_kb / 1024:>13.0f} MB")
    accounting(runs, archives, jobs, codes)
    for code in codes:
        for name in archives:
            one = [w for w, _, _ in runs[code, name, 1]]
            many = [w for w, _, _ in runs[code, name, jobs]]
            pairs = [a / b for a, b in zip(one, many)]
            print(f"speedup {code}, {name}, {jobs} workers / 1: min {min(one) / min(many):.2f}x, median "
                  f"{statistics.median(one) / statistics.median(many):.2f}x; round by round "
                  f"{', '.join(f'{r:.2f}x' for r in pairs)}")
            one = [r[2].convert for r in runs[code, name, 1]]  # type: ignore[attr-defined]
            many = [r[2].convert for r in runs[code, name, jobs]]  # type: ignore[attr-defined]
            print(f"  convert only: min {min(one) / min(many):.2f}x, median "
                  f"{statistics.median(one) / statistics.median(many):.2f}x")
    if len(codes) == 2:
        this, base = codes
        for name in archives:
            for j in (1, jobs):
                a = [w for w, _, _ in runs[this, name, j]]
                b = [w for w, _, _ in runs[base, name, j]]
                print(f"wall {this} / {base}, {name}, {j} worker(s): min {min(a) / min(b):.2f}, "
                      f"median {statistics.median(a) / statistics.median(b):.2f}")
    print(f"load average now {os.getloadavg()[0]:.1f}")


def accounting(runs: dict[tuple[str, str, int], list[tuple[float, float, Any]]], archives: dict[str, Path],
               jobs: int, codes: dict[str, str]) -> None:
    """The speedup on `jobs` free cores from CPU time, which the load hardly changes: S a
    worker's start (serial in both: the fork server's, or each worker's own), W the
    workers' CPU for the files (1-worker runs, less S where the workers warm up
    themselves), P the
    parent's CPU up to the last record (a run with `jobs` workers), F the rest of the
    run (wall, combined files and reports, as serial in both). One worker: S + W, the
    parent on the other core; `jobs` workers: S + (W + P) / jobs, the parent sharing the
    cores with them."""
    print("\nCPU accounting (medians), and the speedup it allows on free cores:")
    for code, src in codes.items():
        start = warm_up_cpu(src)
        for name in archives:
            one, many = runs[code, name, 1], runs[code, name, jobs]
            files = one[0][2].total
            warm = Path(src, "protokol", "batch", "zygote.py").exists()  # workers forked warm: no start in their CPU
            work = statistics.median(r[2].worker_cpu_seconds for r in one) - (0.0 if warm else start)
            total = statistics.median(r[2].worker_cpu_seconds for r in many)
            parent = statistics.median(r[2].convert_cpu for r in many)
            rest = min(r[0] - r[2].convert for r in one)
            t1, tn = start + work, start + (work + parent) / jobs
            print(f"{code:<8} {name:<7} S {start:.2f} s/worker; W {work:.2f} s = {1000 * work / files:.2f} ms/file "
                  f"({jobs} workers: {total:.2f} s with their starts); P {parent:.2f} s = "
                  f"{1000 * parent / files:.2f} ms/file; F {rest:.2f} s")
            print(f"{'':<17}convert: ({start:.2f} + {work:.2f}) / ({start:.2f} + ({work:.2f} + {parent:.2f}) / {jobs}) "
                  f"= {t1 / tn:.2f}x; whole run with F: {(t1 + rest) / (tn + rest):.2f}x")


def batch_run_resume(root: Path, out: Path) -> tuple[float, object]:
    start = time.perf_counter()
    summary = run(BatchConfig(root, out))
    return time.perf_counter() - start, summary


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
