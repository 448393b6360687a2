"""The manifest's journal: every record on file at once, fsync grouped by count and by age."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from protokol.batch import manifest
from protokol.batch.manifest import Journal


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = os.fsync
    monkeypatch.setattr(manifest.os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
    return calls


def test_records_are_on_file_at_once_and_synced_by_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch)
    journal = Journal(tmp_path / "m.jsonl", group=100, delay=3600.0)
    for i in range(1000):
        journal.write(f'{{"n": {i}}}\n')
        journal.sync()  # as the pool's rounds do, after every result
    assert (tmp_path / "m.jsonl").read_text().count("\n") == 1000  # before any close
    assert len(calls) == 10  # one fsync per 100 records, not per round
    journal.close()
    assert len(calls) == 10  # nothing was left waiting


def test_a_waiting_record_is_synced_once_it_is_old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counted(monkeypatch)
    journal = Journal(tmp_path / "m.jsonl", group=1000, delay=0.05)
    journal.write('{"n": 1}\n')
    journal.sync()
    assert calls == []
    time.sleep(0.06)
    journal.sync()
    assert len(calls) == 1
    journal.sync()  # nothing waiting: no fsync
    assert len(calls) == 1
    journal.write('{"n": 2}\n')
    journal.close()  # what waits is synced at close
    assert len(calls) == 2
