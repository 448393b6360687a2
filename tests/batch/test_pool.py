"""The local executor: workers that die before their first file, and workers that cannot start.

The workers are forked, so what a test patches here is what they run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from protokol.batch import BatchConfig, run
from protokol.batch import pool, worker
from protokol.batch.pool import WorkerStartError

from .conftest import small_protocol
from .helpers import expected_output, manifest

MARKER: list[Path] = []


def _dies_once(job: worker.Job, parent: int, timeout: float) -> None:
    """The first worker to start dies in its initializer; the next ones start."""
    try:
        fd = os.open(MARKER[0], os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        worker.start_local_worker(job, parent, timeout)
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
    monkeypatch.setattr(worker, "_warm_up", _broken_warm_up)
    monkeypatch.setattr(worker, "_HOOKS", None)
    root, out = tmp_path / "in", tmp_path / "out"
    _inputs(root, 3)
    with pytest.raises(WorkerStartError, match="batch worker cannot start: RuntimeError: dictionaries missing"):
        run(BatchConfig(root, out, jobs=2))
