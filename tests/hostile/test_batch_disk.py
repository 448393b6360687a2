"""Batch on a full disk: one line, every previous output kept, a manifest a rerun continues from.

The output folder is a real, tiny tmpfs (these tests run as root, here and in CI); a
machine where it cannot be mounted fails the tests with a clear message.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.batch.conftest import small_protocol
from tests.hostile.conftest import SAMPLES, SEED, assert_refused, cli

SEED_TXT = (SAMPLES / f"{SEED}.txt").read_bytes()
N = 12


def make_archive(root: Path, n: int = N) -> list[str]:
    """n protocols of ~30 KB (each makes ~300 KB of outputs, records and combined rows)."""
    rels = []
    for k in range(n):
        rel = f"{'ab'[k % 2]}/p{k:02d}.txt"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(SEED_TXT + small_protocol(k).encode("utf-8"))
        rels.append(rel)
    return sorted(rels, key=lambda r: tuple(r.split("/")))


@pytest.fixture()
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mnt)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"these tests need to mount a small tmpfs (run as root): {done.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def resize(mnt: Path, size: str) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(mnt)], check=True)


def fill(mnt: Path) -> Path:
    """Take every free byte of the file system."""
    filler = mnt / "filler"
    with open(filler, "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
                fh.flush()
        except OSError:
            pass
    return filler


def records(out: Path) -> list[dict]:
    """Every line of the manifest is a whole JSON record (json.loads raises otherwise)."""
    return [json.loads(line) for line in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def outputs(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.json")) if p.is_file()}


def temporaries(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.tmp")]


def batch(root: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return cli("batch", str(root), "-o", str(out), "--jobs", "2", *extra, timeout=30)


def test_full_disk_stops_with_one_line_and_the_rerun_completes(tmp_path: Path, tiny_disk: Path) -> None:
    root, out = tmp_path / "in", tiny_disk / "out"
    rels = make_archive(root)
    proc = batch(root, out)
    assert_refused(proc, "no space left on device", "previous outputs kept")
    assert temporaries(out) == []
    first = records(out)  # no torn line
    assert 0 < len(first) < N and all(r["status"] == "ok" for r in first), first
    for record in first:
        assert (out / record["output"]).stat().st_size > 0
    resize(tiny_disk, "16m")
    again = batch(root, out)
    assert again.returncode == 0, again.stderr
    final = records(out)
    assert [r["path"] for r in final] == rels and {r["status"] for r in final} == {"ok"}
    assert sum(r["reused"] for r in final) >= len(first) - 1
    lines = (out / "directives.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(r["directives"] for r in final)
    assert temporaries(out) == []


def test_forced_run_on_a_full_disk_keeps_every_previous_output(tmp_path: Path, tiny_disk: Path) -> None:
    root, out = tmp_path / "in", tiny_disk / "out"
    rels = make_archive(root, 6)
    resize(tiny_disk, "6m")  # one full run fits: ~3.5 MB with the archive register and calendar
    assert batch(root, out).returncode == 0
    before, manifest_before = outputs(out), records(out)
    combined = {name: (out / name).read_bytes() for name in ("directives.jsonl", "directives.csv")}
    for rel in rels:  # the inputs change, so a new output would differ
        with open(root / rel, "ab") as fh:
            fh.write("\n3. Минтрансу представить доклад. Срок – до 5 мая 2023 г.\n".encode("utf-8"))
    filler = fill(tiny_disk)
    proc = batch(root, out, "--force")
    assert_refused(proc, "no space left on device")
    assert outputs(out) == before  # nothing deleted, nothing half-written
    assert records(out) == manifest_before
    assert {name: (out / name).read_bytes() for name in combined} == combined
    assert temporaries(out) == []
    filler.unlink()
    proc = batch(root, out)
    assert proc.returncode == 0, proc.stderr
    assert [(r["path"], r["status"], r["reused"]) for r in records(out)] == [(rel, "ok", False) for rel in rels]
    assert all(outputs(out)[rel + ".json"] != before[rel + ".json"] for rel in rels)


def test_a_torn_last_manifest_line_is_cut_off_by_the_rerun(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    rels = make_archive(root, 3)
    assert batch(root, out).returncode == 0
    text = (out / "manifest.jsonl").read_text(encoding="utf-8")
    torn = text + text.splitlines()[0][:57]  # a record cut in the middle, no newline
    (out / "manifest.jsonl").write_text(torn, encoding="utf-8")
    (root / rels[0]).write_bytes(SEED_TXT + b"\n")  # one input changed: the journal gets a record
    proc = batch(root, out)
    assert proc.returncode == 0, proc.stderr
    final = records(out)
    assert [(r["path"], r["reused"]) for r in final] == [(rels[0], False), (rels[1], True), (rels[2], True)]


def test_torn_line_in_a_journal_left_by_a_killed_run_is_repaired(tmp_path: Path) -> None:
    from protokol.batch.manifest import Journal, load_manifest

    path = tmp_path / "manifest.jsonl"
    path.write_bytes(b'{"path": "a.txt", "status": "ok"}\n{"path": "b.txt", "sta')
    journal = Journal(path)
    journal.write('{"path": "c.txt", "status": "ok"}\n')
    journal.close()
    assert path.read_bytes() == b'{"path": "a.txt", "status": "ok"}\n{"path": "c.txt", "status": "ok"}\n'
    assert set(load_manifest(path)) == {"a.txt", "c.txt"}
