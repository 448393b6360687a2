"""Cluster benchmark: batch on a Dask LocalCluster against the local pool, same archive.

    python benchmarks/cluster.py [--files 300] [--workers 2] [--rounds 3] [--keep DIR]

Builds an archive of distinct protocols from samples/ (benchmarks/make_archive.py),
starts a distributed.LocalCluster of --workers worker processes (one thread each,
under nannies; started once, outside the timings, like a cluster that is already up),
then times, in rounds of alternating order (local, cluster, cluster, local, ...), a full
`protokol.batch.run` into a fresh output folder with the local pool of --workers
processes and with `scheduler=` the LocalCluster. Both runs include listing, hashing,
the manifest and the combined files; the local pool also starts its workers each run.
Prints wall seconds per run, files/s, and the cluster's overhead per file
((cluster - local) / files, summed over rounds), and checks that the outputs are identical.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from make_archive import build  # noqa: E402

from protokol.batch import BatchConfig, run  # noqa: E402


def timed_run(root: Path, out: Path, **kwargs: object) -> float:
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    summary = run(BatchConfig(root, out, **kwargs))  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    assert summary.skipped == 0 and summary.ok + summary.failed == summary.total, summary
    return seconds


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".protokol-batch" not in p.parts and p.name != "manifest.jsonl"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="pairs of runs (default: %(default)s)")
    parser.add_argument("--keep", type=Path, help="build the archive here and keep it")
    args = parser.parse_args()

    import distributed

    work = Path(tempfile.mkdtemp(prefix="protokol-cluster-bench-"))
    root = args.keep or work / "archive"
    try:
        if not root.exists() or not any(root.iterdir()):
            build(root, args.files)
        files = sum(1 for p in root.rglob("*") if p.is_file())
        with distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                                      dashboard_address=None, silence_logs=logging.CRITICAL) as cluster:
            kinds = {"local": {"jobs": args.workers}, "cluster": {"scheduler": cluster.scheduler_address}}
            timed_run(root, work / "warm", **kinds["cluster"])  # the workers import and warm up once
            times: dict[str, list[float]] = {"local": [], "cluster": []}
            for n in range(args.rounds):
                order = ("local", "cluster") if n % 2 == 0 else ("cluster", "local")
                for kind in order:
                    times[kind].append(timed_run(root, work / kind, **kinds[kind]))
        same = outputs(work / "local") == outputs(work / "cluster")
        print(f"{files} files, {args.workers} workers, {args.rounds} rounds; outputs identical: {same}")
        for kind, values in times.items():
            print(f"  {kind:8} per run {' '.join(f'{v:.2f}' for v in values)} s; "
                  f"{files * len(values) / sum(values):.1f} files/s")
        extra = (sum(times["cluster"]) - sum(times["local"])) / (files * args.rounds)
        print(f"  cluster / local wall time {sum(times['cluster']) / sum(times['local']):.2f}x; "
              f"overhead per file {extra * 1000:+.2f} ms")
        if not same:
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
