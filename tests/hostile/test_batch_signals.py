"""Batch under signals and slow files: workers die with the run, Ctrl-C keeps what was there,
a file past --timeout fails alone."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.batch.conftest import small_protocol
from tests.hostile.conftest import ROOT, SAMPLES, SEED, _limit_memory, cli


def write(root: Path, n: int) -> list[str]:
    rels = [f"p{k:02d}.txt" for k in range(n)]
    for k, rel in enumerate(rels):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(small_protocol(k), encoding="utf-8")
    return rels


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "protokol", *args], cwd=ROOT, env={**os.environ, **env},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=_limit_memory,
                            start_new_session=True)


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def descendants(pid: int) -> list[int]:
    """Every process under pid: its workers (children of the fork server, when there is
    one), the fork server, the early writer of the archive's files."""
    found, todo = [], [pid]
    while todo:
        kids = children(todo.pop())
        found += kids
        todo += kids
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(check, seconds: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_workers_die_when_the_run_is_killed(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    write(root, 1)
    (root / "slow-hang.txt").write_text(small_protocol(9), encoding="utf-8")
    proc = start(["batch", str(root), "-o", str(out), "-q", "--jobs", "2", "--timeout", "600"],
                 {"PROTOKOL_TEST_HANG": "slow-hang"})
    workers: list[int] = []
    try:
        # p00 done (its record is in the journal) while the other worker sleeps on slow-hang.txt
        assert wait_until(lambda: (out / "manifest.jsonl").exists() and (out / "manifest.jsonl").read_text()), \
            proc.stderr.read() if proc.poll() is not None else "no record in time"
        workers[:] = descendants(proc.pid)
        assert len(workers) >= 2 and all(alive(w) for w in workers), workers
        os.kill(proc.pid, signal.SIGKILL)  # the run only, not its process group
        proc.wait(10)
        assert wait_until(lambda: not any(alive(w) for w in workers), 10), \
            [w for w in workers if alive(w)]
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        for worker in workers:  # survivors (a failed test) are not left behind
            if alive(worker):
                os.kill(worker, signal.SIGKILL)


def test_ctrl_c_during_force_keeps_previous_outputs_and_records(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    rels = write(root, 10)
    assert cli("batch", str(root), "-o", str(out), "-q", "--jobs", "2", timeout=30).returncode == 0
    outputs = {rel: (out / f"{rel}.json").read_bytes() for rel in rels}
    before = (out / "manifest.jsonl").read_text(encoding="utf-8")
    proc = start(["batch", str(root), "-o", str(out), "-q", "--jobs", "2", "--force"],
                 {"PROTOKOL_TEST_DELAY": "0.4"})
    # two files finished (two new journal lines): the next two are in progress
    assert wait_until(lambda: (out / "manifest.jsonl").read_text().count("\n") >= len(rels) + 2)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "Traceback" not in err, err
    records = [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in records] == rels  # every input keeps a record, finished or not
    previous = [json.loads(line) for line in before.splitlines()]
    redone = [r["path"] for r, p in zip(records, previous) if r != p]
    assert 2 <= len(redone) < len(rels)  # interrupted mid-run
    assert all(r["status"] == "ok" and not r["reused"] for r in records)
    assert {rel: (out / f"{rel}.json").read_bytes() for rel in rels} == outputs  # nothing deleted
    assert temporaries_left(out) == []


def temporaries_left(out: Path) -> list[Path]:
    return sorted(out.rglob("*.tmp"))


def test_a_file_past_the_timeout_fails_alone(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    rels = write(root, 4)
    dense = (SAMPLES / f"{SEED}.txt").read_bytes()
    (root / "big.txt").write_bytes(dense * 300)  # ~9 MB of decisions: several seconds to parse
    started = time.monotonic()
    proc = cli("batch", str(root), "-o", str(out), "--jobs", "2", "--timeout", "1", timeout=30)
    elapsed = time.monotonic() - started
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert elapsed < 30
    records = {r["path"]: r for r in map(json.loads, (out / "manifest.jsonl").read_text().splitlines())}
    assert {p: r["status"] for p, r in records.items()} == {**dict.fromkeys(rels, "ok"), "big.txt": "failed"}
    assert "1 s" in records["big.txt"]["error"] and records["big.txt"]["sha256"] is not None
    assert not (out / "big.txt.json").exists()
    assert "failed: big.txt:" in proc.stderr
