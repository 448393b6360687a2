"""`protokol due` over a batch output of many protocols, against reading the same JSON
files with json.load alone.

    python benchmarks/due.py [--files 5000] [--rounds 3] [--keep DIR]

The batch output is made from the seed sample's JSON output, copied FILES times with
its number changed and every date shifted by a varying number of days (protocol dates
spread over two years), laid out as `protokol batch` writes it (OUT/<year>/<name>.docx.json
and OUT/manifest.jsonl). Then, round after round, alternating:

* baseline: the manifest read and every output json.load-ed, nothing else;
* library: protokol.agenda.load + agenda over the folder, and the occurrences serialized
  as `--format jsonl` writes them (in chunks, counted), its caches emptied first;
* cli: `protokol due OUT --today D -f jsonl -o /dev/null` in a child process (its start,
  imports and writing included), and once more with `--executor`.

Prints the least and the median seconds (wall and CPU) of each and their ratios to the
baseline's (the goal: under 2x).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "protocol-2023-06-20-D05-78.docx"
TODAY = "2024-03-06"
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_UNTIL = re.compile(r"UNTIL=(\d{8})")


def make_output(out: Path, files: int) -> None:
    """FILES copies of the seed's JSON output, numbers changed, dates shifted, and a manifest."""
    from protokol.convert import parse_source
    from protokol.output.json import render_json

    text = render_json(parse_source(str(SAMPLE)))
    manifest = []
    for i in range(files):
        shift = dt.timedelta(days=(i * 7919) % 730)  # spread over two years, not in file order

        def moved(match: re.Match[str], shift: dt.timedelta = shift) -> str:
            return (dt.date(*map(int, match.groups())) + shift).isoformat()

        def moved_until(match: re.Match[str], shift: dt.timedelta = shift) -> str:
            return "UNTIL=" + (dt.datetime.strptime(match.group(1), "%Y%m%d") + shift).strftime("%Y%m%d")

        copy = _UNTIL.sub(moved_until, _ISO.sub(moved, text)).replace("Д05-78/05пр", f"Д05-{1000 + i}/05пр")
        year = 2023 + (shift.days + 170) // 365
        rel = f"{year}/protocol-{i:05d}.docx"
        (out / str(year)).mkdir(parents=True, exist_ok=True)
        (out / f"{rel}.json").write_text(copy, encoding="utf-8")
        manifest.append({"path": rel, "status": "ok", "reused": False, "error": None, "output": f"{rel}.json"})
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as fh:
        for record in manifest:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


def baseline(out: Path) -> int:
    """The manifest and every output read with json.load; nothing else."""
    count = 0
    with open(out / "manifest.jsonl", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    for record in records:
        with open(out / record["output"], encoding="utf-8") as fh:
            count += len(json.load(fh)["sections"])
    return count


def library(out: Path) -> int:
    """In this process, its caches emptied first (as a fresh `protokol due` finds them)."""
    from protokol.agenda import Window, agenda, expand, load
    from protokol.agenda.executors import _short_names, short_addressee
    from protokol.agenda.render import jsonl_chunks

    for cached in (expand.expand, expand.split_iso, expand._day, short_addressee, _short_names):
        cached.cache_clear()
    today = dt.date.fromisoformat(TODAY)
    window = Window(today, today + dt.timedelta(days=14), today)
    items = agenda((x.data for x in load([str(out)], lambda p: {}) if x.data), window)
    return sum(len(chunk) for chunk in jsonl_chunks(items))


def cli(out: Path, *extra: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one `protokol due` child process."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "protokol", "due", str(out), "--today", TODAY, "-f", "jsonl",
                    "-o", os.devnull, *extra], check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def timed(func, *args) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(wall, CPU) seconds of func(*args) in this process."""
    start, cpu = time.perf_counter(), time.process_time()
    func(*args)
    return time.perf_counter() - start, time.process_time() - cpu


def arguments(doc: str | None) -> argparse.Namespace:
    """--files, --rounds, --keep (this benchmark's and benchmarks/index.py's)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="make (or reuse) the batch output in this folder")
    return parser.parse_args()


def batch_output(tmp: str, args: argparse.Namespace) -> Path:
    """The batch output folder to measure: --keep's (made there once), else a new one in tmp."""
    out: Path = args.keep or Path(tmp) / "out"
    if not (out / "manifest.jsonl").is_file():
        out.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        make_output(out, args.files)
        print(f"made {args.files} outputs in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return out


def main() -> None:
    args = arguments(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        out = batch_output(tmp, args)
        size = sum(p.stat().st_size for p in out.rglob("*.json"))
        library(out)  # warm: the morphology dictionary, the calendar table, the file cache
        runs: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            for name, took in (("baseline", timed(baseline, out)), ("library", timed(library, out)),
                               ("cli", cli(out)), ("cli --executor", cli(out, "--executor", "Минфин"))):
                runs.setdefault(name, []).append(took)
        from protokol.agenda import Window, agenda, load

        today = dt.date.fromisoformat(TODAY)
        count = len(agenda((x.data for x in load([str(out)], lambda p: {}) if x.data),
                           Window(today, today + dt.timedelta(days=14), today)))
    print(f"{args.files} protocols, {size / 1e6:.0f} MB of JSON, {count} occurrences in the window "
          f"(today {TODAY}, 14 days, overdue included); {args.rounds} rounds, wall and CPU seconds, "
          "min and median, and their ratios to json.load's (wall / CPU)")
    for label, pick in (("min", min), ("median", statistics.median)):
        base_wall, base_cpu = (pick(t[k] for t in runs["baseline"]) for k in (0, 1))
        for name, times in runs.items():
            wall, cpu = (pick(t[k] for t in times) for k in (0, 1))
            ratio = "" if name == "baseline" else f"   {wall / base_wall:.2f}x / {cpu / base_cpu:.2f}x"
            print(f"  {label:<7}{name:<16}{wall:8.2f} s wall {cpu:8.2f} s CPU{ratio}")


if __name__ == "__main__":
    main()
