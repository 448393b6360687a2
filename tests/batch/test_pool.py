"""The local executor: workers that die before their first file, workers that cannot start,
and workers that start warm.

The tests that patch what the workers run have them forked by the run itself (not by the
fork server, started once for the whole process), so that what a test patches here is
what they run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from protokol.batch import BatchConfig, run
from protokol.batch import pool, worker, zygote
from protokol.batch.pool import WorkerStartError

from .conftest import small_protocol
from .helpers import expected_output, manifest

MARKER: list[Path] = []


def _dies_once(job: worker.Job, parent: int, timeout: float, environment: dict[str, str]) -> None:
    """The first worker to start dies in its initializer; the next ones start."""
    try:
        fd = os.open(MARKER[0], os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        worker.start_local_worker(job, parent, timeout, environment)
        return
    os.close(fd)
    os._exit(3)


def _inputs(root: Path, n: int) -> list[str]:
    root.mkdir()
    rels = [f"p{k}.txt" for k in range(n)]
    for k, rel in enumerate(rels):
        (root / rel).write_text(small_protocol(k), encoding="utf-8")
    return rels


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_dying_before_its_first_file_breaks_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             jobs: int) -> None:
    """With one worker pebble declares the pool broken (no task was running): the pool
    is replaced and every file given again."""
    MARKER[:] = [tmp_path / "marker"]
    monkeypatch.setattr(zygote, "METHOD", "fork")  # the workers run what is patched here
    monkeypatch.setattr(pool, "start_local_worker", _dies_once)
    root, out = tmp_path / "in", tmp_path / "out"
    rels = _inputs(root, 5)
    summary = run(BatchConfig(root, out, jobs=jobs))
    assert MARKER[0].exists()
    assert (summary.ok, summary.failed) == (5, 0)
    assert [r["path"] for r in manifest(out)] == rels
    for rel in rels:
        assert (out / f"{rel}.json").read_text(encoding="utf-8") == expected_output(root, rel)


def _broken_warm_up(job: worker.Job) -> None:
    raise RuntimeError("dictionaries missing")


def test_workers_that_cannot_start_stop_the_run_with_one_line(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zygote, "METHOD", "fork")
    monkeypatch.setattr(worker, "_warm_up", _broken_warm_up)
    monkeypatch.setattr(worker, "_HOOKS", None)
    root, out = tmp_path / "in", tmp_path / "out"
    _inputs(root, 3)
    with pytest.raises(WorkerStartError, match="batch worker cannot start: RuntimeError: dictionaries missing"):
        run(BatchConfig(root, out, jobs=2))


WARM = """\
import sys
from pathlib import Path
from protokol.batch import BatchConfig, run, zygote

zygote.METHOD = sys.argv[3]
for n in range(2):
    summary = run(BatchConfig(Path(sys.argv[1]), Path(sys.argv[2]) / str(n), jobs=2))
    print(summary.ok, summary.worker_cpu_seconds)
"""


def test_workers_start_warm_from_the_fork_server(tmp_path: Path) -> None:
    """In a fresh process, workers forked by the warm fork server spend on 4 small files
    a fraction of what workers forked by the run spend, which warm up themselves (CPU
    time: the load hardly changes it); a second run's workers too."""
    import subprocess
    import sys

    root = tmp_path / "in"
    _inputs(root, 4)
    cpu = {}
    for method in ("forkserver", "fork"):
        done = subprocess.run([sys.executable, "-c", WARM, str(root), str(tmp_path / method), method],
                              capture_output=True, text=True, timeout=120, check=True)
        lines = [line.split() for line in done.stdout.splitlines()]
        assert [ok for ok, _ in lines] == ["4", "4"]
        cpu[method] = [float(seconds) for _, seconds in lines]
    assert max(cpu["forkserver"]) < min(cpu["fork"]) / 3, cpu


SCRIPT = """\
import sys
from pathlib import Path
from protokol.batch import BatchConfig, run

print("started", flush=True)  # no main guard: a worker that imported this script again would print it
summary = run(BatchConfig(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2))
print("converted", summary.ok, flush=True)
"""


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = tmp_path / "in"
    _inputs(root, 3)
    script = tmp_path / "convert.py"
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), str(root), str(tmp_path / "out")], capture_output=True,
                          text=True, timeout=120, check=False)
    assert (done.returncode, done.stdout) == (0, "started\nconverted 3\n"), done.stderr[-2000:]


def test_workers_forked_by_the_run_never_fork_amid_an_import(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked by the run itself, a worker inherits the run's locks as they stand: the
    page's modules are loaded in the run's own thread before any worker forks, not in a
    thread that may hold an import lock then (the worker would wait on it forever)."""
    import threading

    from protokol.output import html_parts

    seen: list[bool] = []
    real = html_parts.prepare

    def prepare() -> None:
        seen.append(threading.current_thread() is threading.main_thread())
        real()

    monkeypatch.setattr(zygote, "METHOD", "fork")
    monkeypatch.setattr(html_parts, "prepare", prepare)
    root = tmp_path / "in"
    _inputs(root, 3)
    summary = run(BatchConfig(root, tmp_path / "out", jobs=2))
    assert summary.ok == 3
    assert seen == [True]  # in the run's thread, before the pool starts
    monkeypatch.setattr(zygote, "METHOD", "forkserver")
    seen.clear()
    assert run(BatchConfig(root, tmp_path / "out2", jobs=2)).ok == 3
    assert seen == [False]  # the fork server's workers: meanwhile, in a thread
