"""The archive's report (batch's out/index.html, protokol.output.html_archive) over a
batch output of many protocols, against reading the same JSON files with json.load alone.

    python benchmarks/index.py [--files 5000] [--rounds 3] [--keep DIR]

The batch output is the one benchmarks/due.py makes (the seed's JSON output copied FILES
times, numbers changed, dates shifted over two years). Then, round after round,
alternating: the manifest read and every output json.load-ed (the baseline), and
write_index over the folder into a file (today fixed, caches emptied first). Prints the
least and the median seconds (wall and CPU) of each and their ratio, the page's size, the
tasks listed, and the peak of traced memory of one more run (tracemalloc: Python's own
allocations) against that of an output folder FILES/16 protocols big.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from due import TODAY, arguments, baseline, batch_output, timed  # noqa: E402


def records(out: Path, limit: int | None = None) -> list[dict]:
    """The manifest's records, with the directive counts batch writes (one output's: the copies are alike)."""
    with open(out / "manifest.jsonl", encoding="utf-8") as fh:
        found = [json.loads(line) for line in fh][:limit]
    with open(out / found[0]["output"], encoding="utf-8") as fh:
        count = sum(len(s["directives"]) for s in json.load(fh)["sections"])
    return [{**r, "directives": count} for r in found]


def report(out: Path, page: Path, limit: int | None = None) -> None:
    from protokol.agenda import expand
    from protokol.agenda.executors import _short_names, short_addressee
    from protokol.output.html_archive import write_index

    for cached in (expand.expand, expand.split_iso, expand._day, short_addressee, _short_names):
        cached.cache_clear()
    with open(page, "w", encoding="utf-8") as fh:
        write_index(out, records(out, limit), fh, today=dt.date.fromisoformat(TODAY))


def peak(out: Path, page: Path, limit: int | None = None) -> int:
    tracemalloc.start()
    try:
        report(out, page, limit)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    args = arguments(__doc__)
    with tempfile.TemporaryDirectory() as tmp:
        out = batch_output(tmp, args)
        page = Path(tmp) / "index.html"
        size = sum(p.stat().st_size for p in out.rglob("*.json"))
        report(out, page)  # warm: imports, templates, the calendar table, the file cache
        runs: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.rounds):
            for name, took in (("baseline", timed(baseline, out)), ("index.html", timed(report, out, page))):
                runs.setdefault(name, []).append(took)
        text = page.read_text(encoding="utf-8")
        small, big = peak(out, page, max(1, args.files // 16)), peak(out, page)
    print(f"{args.files} protocols, {size / 1e6:.0f} MB of JSON; index.html {len(text.encode()) / 1e6:.1f} MB, "
          f"{text.count('data-status=') - text.count('<circle')} task rows, {text.count('<circle')} timeline marks "
          f"(today {TODAY}); {args.rounds} rounds, wall and CPU seconds, min and median, ratio to json.load's")
    for label, pick in (("min", min), ("median", statistics.median)):
        base_wall, base_cpu = (pick(t[k] for t in runs["baseline"]) for k in (0, 1))
        for name, times in runs.items():
            wall, cpu = (pick(t[k] for t in times) for k in (0, 1))
            ratio = "" if name == "baseline" else f"   {wall / base_wall:.2f}x / {cpu / base_cpu:.2f}x"
            print(f"  {label:<7}{name:<12}{wall:8.2f} s wall {cpu:8.2f} s CPU{ratio}")
    print(f"  traced memory peak: {small / 1e6:.1f} MB for {max(1, args.files // 16)} protocols, "
          f"{big / 1e6:.1f} MB for {args.files} ({big / small:.2f}x)")


if __name__ == "__main__":
    main()
