"""`protokol batch --scheduler`: the same conversion on a Dask cluster (protokol.batch.cluster)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from protokol.batch import BatchConfig, Progress, run
from protokol.batch.cluster import ClusterError, ClusterPool, storage_path
from protokol.batch.worker import Job
from protokol.pipeline import Options
from protokol.readers import Limits
from tests.batch.conftest import SAMPLES, SEED, build_archive, small_protocol
from tests.batch.helpers import expected_record, manifest, temporaries, tree, without_duration

ROOT = Path(__file__).resolve().parents[2]


def batch(root: Path, out: Path, **kwargs: Any) -> tuple[Any, list[Progress]]:
    """A library run; a run that hangs (a cluster that lost its workers) fails the test
    after five minutes instead of stalling the suite."""
    import threading

    events: list[Progress] = []
    done: list[Any] = []

    def go() -> None:
        try:
            done.append(run(BatchConfig(root, out, **kwargs), events.append))
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread
            done.append(exc)

    thread = threading.Thread(target=go, daemon=True)
    thread.start()
    thread.join(300)
    assert done, "the cluster run did not finish in 300 s"
    if isinstance(done[0], BaseException):
        raise done[0]
    return done[0], events


def outputs(out: Path) -> dict[str, bytes]:
    """Every output and combined file; the manifest differs only in durations (compared apart)."""
    files = tree(out)
    assert "manifest.jsonl" in files and len(files) > 1
    return {name: data for name, data in files.items() if name != "manifest.jsonl"}


def cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "protokol", *args], cwd=cwd, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=600)


def test_outputs_are_byte_identical_to_the_local_run(tmp_path: Path, scheduler: str) -> None:
    root = build_archive(tmp_path / "archive")
    local, _ = batch(root, tmp_path / "local", jobs=2)
    remote, events = batch(root, tmp_path / "remote", scheduler=scheduler)
    assert (remote.total, remote.ok, remote.failed) == (local.total, local.ok, local.failed)
    assert remote.failures == local.failures
    assert outputs(tmp_path / "remote") == outputs(tmp_path / "local")  # outputs and combined files
    assert without_duration(manifest(tmp_path / "remote")) == without_duration(manifest(tmp_path / "local"))
    assert sorted(e.path for e in events if e.status in ("ok", "failed", "unsupported")) == sorted(
        r["path"] for r in manifest(tmp_path / "remote") if r["status"] != "skipped_link")
    assert remote.jobs == 2 and remote.peak_rss_kb > 0 and remote.worker_cpu_seconds > 0
    assert temporaries(tmp_path / "remote") == []
    assert not (tmp_path / "remote" / ".protokol-batch" / "cluster").exists() or \
        not any((tmp_path / "remote" / ".protokol-batch" / "cluster").iterdir())


def test_a_killed_worker_and_a_hang_fail_only_their_files(tmp_path: Path, scheduler: str) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    for n in range(1, 7):
        (root / "sub" / f"p{n}.txt").write_text(small_protocol(n), encoding="utf-8")
    (root / "crash-me.txt").write_text(small_protocol(7), encoding="utf-8")
    (root / "hang-me.txt").write_text(small_protocol(8), encoding="utf-8")
    out = tmp_path / "out"
    summary, _ = batch(root, out, scheduler=scheduler, timeout=3.0)
    assert (summary.ok, summary.failed) == (6, 2)
    assert summary.failures == (("crash-me.txt", "worker crashed (the Dask worker died 2 times on this file)"),
                                ("hang-me.txt", "timed out after 3 s"))
    records = {r["path"]: r for r in manifest(out)}
    assert records["hang-me.txt"]["duration"] >= 3.0
    assert records["crash-me.txt"]["sha256"] == expected_record(root, "crash-me.txt")["sha256"]
    assert all(records[f"sub/p{n}.txt"] | {"duration": 0} == expected_record(root, f"sub/p{n}.txt") | {"duration": 0}
               for n in range(1, 7))
    assert not (out / "hang-me.txt.json").exists() and not (out / "crash-me.txt.json").exists()
    assert temporaries(out) == []


def test_resume_and_force(tmp_path: Path, scheduler: str) -> None:
    root = tmp_path / "in"
    root.mkdir()
    for n in range(1, 4):
        (root / f"p{n}.txt").write_text(small_protocol(n), encoding="utf-8")
    out = tmp_path / "out"
    first, _ = batch(root, out, scheduler=scheduler)
    assert (first.ok, first.skipped) == (3, 0)
    before = tree(out)
    (root / "p2.txt").write_text(small_protocol(9), encoding="utf-8")
    second, _ = batch(root, out, scheduler=scheduler)
    assert (second.ok, second.skipped) == (1, 2)
    assert [r["reused"] for r in manifest(out)] == [True, False, True]
    forced, _ = batch(root, out, scheduler=scheduler, force=True)
    assert (forced.ok, forced.skipped) == (3, 0)
    assert tree(out)["p1.txt.json"] == before["p1.txt.json"]


def test_results_are_streamed_with_few_futures_in_flight(tmp_path: Path, scheduler: str) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    (out / ".protokol-batch" / "runs").mkdir(parents=True)
    (out / ".protokol-batch" / "runs" / "0123456789abcdef").touch()
    root.mkdir()
    rels = [f"p{n:02d}.txt" for n in range(24)]
    for n, rel in enumerate(rels):
        (root / rel).write_text(small_protocol(n), encoding="utf-8")
    job = Job(str(root), str(out), "json", Options(), Limits(timeout=30.0), "0123456789abcdef")
    seen: list[tuple[int, int]] = []
    pool: ClusterPool

    def done(index: int, rel: str, record: dict[str, Any]) -> None:
        seen.append((index, len(pool._flight)))
        assert record["status"] == "ok", record

    pool = ClusterPool(scheduler, job, 30.0)
    try:
        for item in pool.results((n, rel, rel + ".json") for n, rel in enumerate(rels)):
            if item is not None:
                done(item[0][0], item[0][1], item[1])
    finally:
        assert pool.close() == []
    assert sorted(index for index, _ in seen) == list(range(24))
    assert max(flight for _, flight in seen) <= 4  # two per worker thread, not all 24
    assert all((out / f"{rel}.json").is_file() for rel in rels)


def test_cli_with_file_urls_and_the_environment_variable(tmp_path: Path, scheduler: str) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "seed.docx").write_bytes((SAMPLES / f"{SEED}.docx").read_bytes())
    (root / "a b.txt").write_text(small_protocol(1), encoding="utf-8")
    local = cli("batch", str(root), "-o", str(tmp_path / "local"), "-q", "--jobs", "1")
    assert local.returncode == 0, local.stderr
    url = (tmp_path / "remote").as_uri()
    done = cli("batch", root.as_uri(), "-o", url, "--scheduler", scheduler)
    assert done.returncode == 0, done.stderr
    assert "2 converted" in done.stderr
    assert outputs(tmp_path / "remote") == outputs(tmp_path / "local")
    again = cli("batch", "in", "-o", "remote", cwd=tmp_path, env={"DASK_SCHEDULER_ADDRESS": scheduler})
    assert again.returncode == 0 and "2 up to date" in again.stderr, again.stderr
    forced = cli("batch", "in", "-o", "remote", "--force", cwd=tmp_path, env={"DASK_SCHEDULER_ADDRESS": scheduler})
    assert forced.returncode == 0 and "2 converted" in forced.stderr, forced.stderr  # relative paths
    assert outputs(tmp_path / "remote") == outputs(tmp_path / "local")


def test_without_dask_the_option_fails_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    code = ("import sys; sys.modules['distributed'] = None; from protokol.cli import main; "
            f"sys.argv = ['protokol', 'batch', {str(tmp_path / 'in')!r}, '-o', {str(tmp_path / 'out')!r}, "
            "'--scheduler', 'tcp://127.0.0.1:8786']; main()")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "pip install 'protokol[dask]'" in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_an_unreachable_scheduler_fails_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    done = cli("batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9",
               env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in done.stderr, \
        done.stderr


@pytest.mark.parametrize(("location", "path"), [
    ("file:///srv/archive", "/srv/archive"),
    ("file://localhost/srv/%D0%B0%D1%80%D1%85%D0%B8%D0%B2%201", "/srv/архив 1"),
    ("local:///srv/out", "/srv/out"),
    ("relative/folder", "relative/folder"),
])
def test_storage_paths(location: str, path: str) -> None:
    assert storage_path(location) == path


@pytest.mark.parametrize(("location", "why"), [
    ("s3://bucket/archive", "s3:// storage is not read directly; mount it"),
    ("file://server/share", "a file:// URL names a local path"),
])
def test_other_storage_is_refused_in_one_line(location: str, why: str) -> None:
    with pytest.raises(ClusterError, match=why.replace("(", r"\(")):
        storage_path(location)


def test_ctrl_c_finalizes_the_manifest_and_the_cluster_goes_on(tmp_path: Path, scheduler: str) -> None:
    import json
    import signal
    import time

    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    rels = [f"p{n}.txt" for n in range(4)] + ["zz-hang-me.txt"]
    for n, rel in enumerate(rels):
        (root / rel).write_text(small_protocol(n), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "protokol", "batch", str(root), "-o", str(out), "-q",
                             "--timeout", "4", "--scheduler", scheduler], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    journal = out / "manifest.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # the four quick files are recorded
        if journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= 4:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "Traceback" not in err, err
    records = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in records] == rels[:4]  # sorted, the unfinished file has no record
    assert all(r["status"] == "ok" for r in records)
    assert (out / "directives.jsonl").read_text(encoding="utf-8").count("\n") > 0
    # the hanging task's worker kills itself at the timeout; the nanny brings it back
    again, _ = batch(root, tmp_path / "again", scheduler=scheduler, timeout=4.0)
    assert (again.ok, again.failed) == (4, 1)


def test_a_scheduler_without_workers_fails_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    import distributed

    from protokol.batch import cluster as cluster_module

    monkeypatch.setattr(cluster_module, "WORKER_WAIT", 1.0)
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0",
                                  silence_logs=logging.CRITICAL) as empty:
        with pytest.raises(ClusterError, match=r"no Dask worker joined the scheduler at .* in 1 s"):
            batch(root, tmp_path / "out", scheduler=empty.scheduler_address)
