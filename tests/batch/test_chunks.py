"""Chunks: several small files per task of the local pool.

A crash or a hang inside a chunk fails only its file (the files done before it are
recorded, those after it converted again); outputs are the same bytes whatever the
workers and the chunk sizes; Ctrl-C records the files a chunk had done."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from protokol.batch import BatchConfig, Progress, Summary, chunks, pool, run

from .conftest import build_archive, small_protocol
from .helpers import expected_output, manifest, temporaries, tree, without_duration
from .test_interrupt import check_consistent, events, finish, make_inputs, wait_for

# ------------------------------------------------------------------ how tasks are cut


def _tasks(names: list[str]) -> list[tuple[int, str, str]]:
    return [(i, name, name + ".json") for i, name in enumerate(names)]


def _write(root: Path, sizes: dict[str, int]) -> list[str]:
    root.mkdir(exist_ok=True)
    for name, size in sizes.items():
        (root / name).write_bytes(b"x" * size)
    return list(sizes)


def test_chunks_keep_the_order_and_the_limits(tmp_path: Path) -> None:
    names = _write(tmp_path, {f"p{n:03d}.txt": 100 for n in range(100)})
    cut = list(chunks.chunked(_tasks(names), str(tmp_path), 2))
    assert [task for chunk in cut for task in chunk] == _tasks(names)
    sizes = [len(chunk) for chunk in cut]  # 100 files, 2 workers: at least 4 chunks each, the last ones small
    assert sizes == [12, 12, 12, 12, 12, 10, 8, 6, 4, 3, 3, 2, 1, 1, 1, 1]
    many = _write(tmp_path, {f"q{n:04d}.txt": 10 for n in range(1000)})
    sizes = [len(chunk) for chunk in chunks.chunked(_tasks(many), str(tmp_path), 2)]
    assert sizes[0] == chunks.FILES and sizes == sorted(sizes, reverse=True) and sizes[-4:] == [1] * 4
    assert len(sizes) < 50  # 32 without the smaller ones at the end
    one = [len(chunk) for chunk in chunks.chunked(_tasks(many), str(tmp_path), 1)]
    assert set(one) == {chunks.FILES, 8}  # one worker: nothing to even out at the end


def test_the_last_chunks_left_to_a_worker_are_small(tmp_path: Path) -> None:
    """Each chunk holds at most the files left over TAIL x workers: when one worker takes
    the last big chunk, the other is not left idle for as long."""
    names = _write(tmp_path, {f"p{n:03d}.txt": 100 for n in range(300)})
    left = 300
    for chunk in chunks.chunked(_tasks(names), str(tmp_path), 3):
        assert len(chunk) <= max(1, -(-left // (chunks.TAIL * 3)))
        left -= len(chunk)
    assert left == 0


def test_big_files_and_other_formats_go_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunks, "SPREAD", 1)
    quarter = 250_000  # four fit in BYTES, five do not
    sizes = {"a.txt": 10, "b.docx": 10, "big.txt": chunks.BIG, "c.TXT": 10, "d.pdf": 10,
             **{f"e{n}.txt": quarter for n in range(1, 6)}, "noname": 10, "g.txt": 10}
    names = _write(tmp_path, sizes)
    names.append("missing.txt")
    cut = list(chunks.chunked(_tasks(names), str(tmp_path), 1))
    assert [[task[1] for task in chunk] for chunk in cut] == [
        ["a.txt", "b.docx"], ["big.txt"], ["c.TXT"], ["d.pdf"], ["e1.txt", "e2.txt", "e3.txt", "e4.txt"],
        ["e5.txt"], ["noname"], ["g.txt"], ["missing.txt"]]


def test_a_short_archive_still_feeds_every_worker(tmp_path: Path) -> None:
    names = _write(tmp_path, {f"p{n}.txt": 10 for n in range(6)})
    assert len(list(chunks.chunked(_tasks(names), str(tmp_path), 2))) == 6


# ------------------------------------------------------------------ runs in chunks


@pytest.fixture()
def one_chunk(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every run cut into chunks as large as the files allow; the sizes the pool used."""
    monkeypatch.setattr(chunks, "SPREAD", 1)
    sizes: list[int] = []

    def spy(tasks: object, root: str, workers: int) -> object:
        for chunk in chunks.chunked(tasks, root, workers):  # type: ignore[arg-type]
            sizes.append(len(chunk))
            yield chunk

    monkeypatch.setattr(pool, "chunked", spy)
    return sizes


def _inputs(root: Path, n: int) -> list[str]:
    root.mkdir()
    rels = [f"p{k:02d}.txt" for k in range(n)]
    for k, rel in enumerate(rels):
        (root / rel).write_text(small_protocol(k, 1 + k % 20), encoding="utf-8")
    return rels


def test_a_crash_inside_a_chunk_fails_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    one_chunk: list[int]) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    rels = _inputs(root, 10)
    (root / "p04.txt").rename(root / "p04-crash-me.txt")
    rels[4] = "p04-crash-me.txt"
    monkeypatch.setenv("PROTOKOL_TEST_CRASH", "crash-me")
    summary = run(BatchConfig(root, out, jobs=1))
    assert one_chunk[0] == 10  # the crash happened inside a chunk of every file
    assert (summary.ok, summary.failed) == (9, 1)
    assert summary.failures == (("p04-crash-me.txt", "worker crashed (killed by SIGKILL)"),)
    assert [r["path"] for r in manifest(out)] == rels
    for rel in rels[:4] + rels[5:]:
        assert (out / f"{rel}.json").read_text(encoding="utf-8") == expected_output(root, rel)
    assert not (out / "p04-crash-me.txt.json").exists()
    assert one_chunk == [10]  # the files after it were given again one by one (not cut again)
    assert temporaries(out) == []


def test_a_hang_inside_a_chunk_times_out_alone_and_on_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           one_chunk: list[int]) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    rels = _inputs(root, 8)
    (root / "p02.txt").rename(root / "p02-hang-me.txt")
    monkeypatch.setenv("PROTOKOL_TEST_HANG", "hang-me")
    seen: list[Progress] = []
    summary = run(BatchConfig(root, out, jobs=1, timeout=1.5), seen.append)
    assert one_chunk[0] == 8
    assert summary.failures == (("p02-hang-me.txt", "timed out after 1.5 s"),)
    assert summary.ok == 7
    record = {r["path"]: r for r in manifest(out)}["p02-hang-me.txt"]
    assert record["status"] == "failed" and record["duration"] == 1.5 and record["sha256"]
    failed = next(p for p in seen if p.status == "failed")
    assert failed.elapsed < 8 * 1.5  # the file's own timeout, not the chunk's sum of them
    assert not (out / "p02-hang-me.txt.json").exists() and temporaries(out) == []


def _run(root: Path, out: Path, jobs: int) -> tuple[Summary, dict[str, bytes]]:
    summary = run(BatchConfig(root, out, jobs=jobs))
    files = tree(out)
    files["manifest.jsonl"] = repr(without_duration(manifest(out))).encode()
    return summary, files


def test_outputs_are_the_same_whatever_the_workers_and_chunks(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    root = build_archive(tmp_path / "archive")
    for k in range(12):
        (root / f"extra-{k}.txt").write_text(small_protocol(k + 10, 1 + k), encoding="utf-8")
    monkeypatch.setattr(chunks, "FILES", 1)
    one_by_one, reference = _run(root, tmp_path / "one", 1)
    monkeypatch.setattr(chunks, "FILES", 32)
    monkeypatch.setattr(chunks, "SPREAD", 1)
    for jobs in (1, 2):
        summary, files = _run(root, tmp_path / f"chunked-{jobs}", jobs)
        assert (summary.ok, summary.failed, summary.unsupported) == (
            one_by_one.ok, one_by_one.failed, one_by_one.unsupported)
        assert files.keys() == reference.keys()
        assert [name for name in files if files[name] != reference[name]] in ([], ["index.html"])


# ------------------------------------------------------------------ Ctrl-C inside a chunk

DRIVER = r"""
import json, sys, time
from pathlib import Path
from protokol.batch import BatchConfig, BatchInterrupted, chunks, run

chunks.FILES, chunks.SPREAD, chunks.TAIL = 4, 1, 0  # 14 files, 2 workers: chunks of 4, 4, 4 and 2
log = open(sys.argv[3], "a", buffering=1)

def progress(p):
    log.write(json.dumps({"status": p.status, "path": p.path, "workers": list(p.workers),
                          "t": time.monotonic()}) + "\n")

try:
    run(BatchConfig(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2), progress)
except BatchInterrupted as exc:
    log.write(json.dumps({"status": "interrupted", "done": exc.summary.ok + exc.summary.failed}) + "\n")
    sys.exit(130)
"""


def test_ctrl_c_records_what_the_chunks_had_done(tmp_path: Path) -> None:
    root, out, log = tmp_path / "in", tmp_path / "out", tmp_path / "events.jsonl"
    rels = make_inputs(root)
    env = dict(os.environ, PROTOKOL_TEST_DELAY="0.25")
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(root), str(out), str(log)], env=env,
                            start_new_session=True, stderr=subprocess.PIPE)
    first = [e for e in wait_for(log, 4, proc) if e["status"] == "ok"][:4]
    # a whole chunk came back at once: its four files within less than one file's delay
    # (one file at a time, two workers, the fourth would come a whole delay after the first)
    assert first[3]["t"] - first[0]["t"] < 0.2, first
    time.sleep(0.45)  # the next chunks are a file or two in
    before = sum(e["status"] == "ok" for e in events(log))
    os.killpg(proc.pid, signal.SIGINT)
    assert proc.wait(30) == 130
    seen = events(log)
    done = seen[-1]["done"]
    assert seen[-1]["status"] == "interrupted" and before < done < 14  # files of unfinished chunks recorded
    lines = manifest(out)
    assert len(lines) == done and {r["status"] for r in lines} == {"ok"}
    check_consistent(root, out)
    outputs = {name for name in tree(out) if name.endswith(".txt.json")}
    assert outputs == {r["path"] + ".json" for r in lines}  # no output without its record
    assert temporaries(out) == []
    finish(root, out, rels)
