"""Killed runs: SIGINT to the run's process group, SIGKILL of a worker, SIGKILL of the run.

Each time the re-run completes, no temporary file is left, every input is in the
manifest exactly once, and every output agrees with its manifest record.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from protokol.output.archive import ARCHIVE_FILES
from protokol.batch import BatchConfig, load_manifest, run

from .conftest import small_protocol
from .helpers import expected_output, expected_record, manifest, temporaries, tree, without_duration

N = 14
DRIVER = r"""
import json, sys
from pathlib import Path
from protokol.batch import BatchConfig, BatchInterrupted, run

log = open(sys.argv[3], "a", buffering=1)

def progress(p):
    log.write(json.dumps({"status": p.status, "path": p.path, "workers": list(p.workers)}) + "\n")

try:
    summary = run(BatchConfig(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2), progress)
except BatchInterrupted as exc:
    log.write(json.dumps({"status": "interrupted", "done": exc.summary.ok + exc.summary.failed}) + "\n")
    sys.exit(130)
sys.exit(1 if summary.failed else 0)
"""


def make_inputs(root: Path) -> list[str]:
    rels = [f"{'ab'[n % 2]}/p{n:02d}.txt" for n in range(N)]
    for n, rel in enumerate(rels):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(small_protocol(n, 1 + n % 20), encoding="utf-8")
    return sorted(rels, key=lambda r: tuple(r.split("/")))


def start(root: Path, out: Path, log: Path, delay: float) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PROTOKOL_TEST_DELAY=str(delay))
    return subprocess.Popen([sys.executable, "-c", DRIVER, str(root), str(out), str(log)], env=env,
                            start_new_session=True, stderr=subprocess.PIPE)


def events(log: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def wait_for(log: Path, finished: int, proc: subprocess.Popen[bytes]) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        seen = events(log)
        if sum(e["status"] in ("ok", "failed") for e in seen) >= finished:
            return seen
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.02)
    raise AssertionError("the run made no progress")


def gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return any(line.startswith("State:") and "Z" in line for line in fh)
    except FileNotFoundError:
        return True


def check_consistent(root: Path, out: Path) -> list[dict[str, Any]]:
    """Every manifest record's output is in place and right; no output without a record."""
    records = list(load_manifest(out / "manifest.jsonl").values())
    ok = {r["path"] for r in records if r["status"] == "ok"}
    for rel in ok:
        assert (out / (rel + ".json")).read_text(encoding="utf-8") == expected_output(root, rel)
    return records


def finish(root: Path, out: Path, rels: list[str]) -> None:
    """The re-run completes and leaves everything accounted for exactly once."""
    summary = run(BatchConfig(root, out, jobs=2))
    assert (summary.total, summary.failed, summary.ok + summary.skipped) == (N, 0, N)
    assert temporaries(out) == []
    records = manifest(out)
    assert [r["path"] for r in records] == rels
    assert without_duration(records) == [
        expected_record(root, rel, reused=r["reused"]) for rel, r in zip(rels, records)]
    assert set(tree(out)) == {rel + ".json" for rel in rels} | {"manifest.jsonl", "directives.jsonl",
                                                                 "directives.csv", *ARCHIVE_FILES}
    check_consistent(root, out)


@pytest.fixture()
def setup(tmp_path: Path) -> tuple[Path, Path, Path, list[str]]:
    root = tmp_path / "in"
    return root, tmp_path / "out", tmp_path / "events.jsonl", make_inputs(root)


@pytest.mark.parametrize("how", ["SIGINT to the group", "SIGTERM to the run"])
def test_sigint_finalizes_and_rerun_completes(setup: tuple[Path, Path, Path, list[str]], how: str) -> None:
    root, out, log, rels = setup
    proc = start(root, out, log, delay=0.25)
    wait_for(log, 3, proc)
    if how == "SIGINT to the group":
        os.killpg(proc.pid, signal.SIGINT)  # like Ctrl-C: the run and its workers
    else:
        os.kill(proc.pid, signal.SIGTERM)
    assert proc.wait(30) == 130
    seen = events(log)
    assert seen[-1]["status"] == "interrupted" and 3 <= seen[-1]["done"] < N
    assert temporaries(out) == []
    lines = manifest(out)  # finalized: sorted, one line per finished input
    assert [r["path"] for r in lines] == sorted({r["path"] for r in lines}, key=lambda r: tuple(r.split("/")))
    assert {r["status"] for r in lines} == {"ok"} and len(lines) == seen[-1]["done"]
    check_consistent(root, out)
    assert set(tree(out)) == {r["path"] + ".json" for r in lines} | {"manifest.jsonl", "directives.jsonl",
                                                                     "directives.csv", *ARCHIVE_FILES}
    assert (out / "directives.jsonl").read_text(encoding="utf-8").count("\n") == sum(
        r["directives"] for r in lines)
    finish(root, out, rels)


def test_sigkill_of_a_worker_fails_only_its_file(setup: tuple[Path, Path, Path, list[str]]) -> None:
    root, out, log, rels = setup
    proc = start(root, out, log, delay=0.3)
    seen = wait_for(log, 2, proc)
    victim = seen[-1]["workers"][0]
    os.kill(victim, signal.SIGKILL)
    assert proc.wait(60) == 1
    records = manifest(out)
    assert [r["path"] for r in records] == rels
    failed = [r for r in records if r["status"] == "failed"]
    assert [r["error"] for r in failed] == ["worker crashed (killed by SIGKILL)"]
    assert not (out / (failed[0]["path"] + ".json")).exists()
    assert victim not in events(log)[-1]["workers"]
    check_consistent(root, out)
    finish(root, out, rels)


def test_sigkill_of_the_run(setup: tuple[Path, Path, Path, list[str]]) -> None:
    root, out, log, rels = setup
    proc = start(root, out, log, delay=0.25)
    seen = wait_for(log, 3, proc)
    workers = seen[-1]["workers"]
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, mid-write perhaps
    proc.wait(30)
    deadline = time.monotonic() + 10
    while not all(gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    records = check_consistent(root, out)  # the journal: every record's output is in place
    assert 3 <= len(records) < N
    finish(root, out, rels)
