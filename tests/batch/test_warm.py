"""A worker forked from the warm fork server (batch/preload.py) does not warm up again
for the format and options the server warmed up for; for others it does."""

from __future__ import annotations

import pytest

from protokol.batch import worker
from protokol.model import Limits, Options


def test_prepare_skips_only_the_warm_up_the_server_did(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "_WARMED", None)
    monkeypatch.setattr(worker, "_HOOKS", None)
    monkeypatch.setattr(worker, "_BROKEN", "")
    worker.preload()  # what the fork server runs
    assert worker._WARMED == ("json", Options())
    warmed: list[str] = []
    monkeypatch.setattr(worker, "_warm_up", lambda job: warmed.append(job.fmt))
    monkeypatch.setenv("PROTOKOL_TEST_DELAY", "0.5")
    for fmt in ("json", "md"):
        monkeypatch.setattr(worker, "_HOOKS", None)  # a new worker (start_local_worker)
        worker.prepare(worker.Job("", "", fmt, Options(), Limits()))
        assert worker._HOOKS is not None and worker._HOOKS.delay == 0.5  # the hooks are read either way
    assert warmed == ["md"]


def test_a_failed_server_warm_up_leaves_it_to_the_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "_WARMED", None)
    monkeypatch.setattr(worker, "_HOOKS", None)
    monkeypatch.setattr(worker, "_BROKEN", "")

    def broken(job: worker.Job) -> None:
        raise RuntimeError("no dictionaries")

    monkeypatch.setattr(worker, "_warm_up", broken)
    worker.preload()
    assert worker._WARMED is None
    worker.prepare(worker.Job("", "", "json", Options(), Limits()))
    assert "no dictionaries" in worker._BROKEN
