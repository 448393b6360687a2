"""Batch and what an archive's entries point to: symlinks out of it, FIFOs, /proc files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.batch.conftest import small_protocol
from tests.hostile.conftest import ROOT, _limit_memory, cli

SECRET = "Секретно: пароль от сервера 12345."


def archive(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    (root / "sub" / "b.txt").write_text(small_protocol(2), encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text(small_protocol(3) + SECRET + "\n", encoding="utf-8")
    (root / "leak.txt").symlink_to(secret)
    (root / "rootfs").symlink_to("/", target_is_directory=True)
    (root / "inside.txt").symlink_to(root / "sub" / "b.txt")  # stays in the archive: followed
    return root, tmp_path / "out"


def manifest(out: Path) -> dict[str, dict]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["path"]: r for r in map(json.loads, lines)}


def test_symlinks_out_of_the_archive_are_recorded_not_followed(tmp_path: Path) -> None:
    root, out = archive(tmp_path)
    proc = cli("batch", str(root), "-o", str(out), "--jobs", "2", timeout=30)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    records = manifest(out)
    assert sorted(records) == ["a.txt", "inside.txt", "leak.txt", "rootfs", "sub/b.txt"]
    assert {p: r["status"] for p, r in records.items()} == {
        "a.txt": "ok", "inside.txt": "ok", "sub/b.txt": "ok", "leak.txt": "skipped_link", "rootfs": "skipped_link"}
    assert "outside the archive" in records["leak.txt"]["error"] and records["leak.txt"]["sha256"] is None
    assert "folder outside the archive" in records["rootfs"]["error"]
    for name in ("directives.jsonl", "directives.csv"):
        assert "12345" not in (out / name).read_text(encoding="utf-8")
    assert not (out / "leak.txt.json").exists() and not (out / "rootfs").exists()
    assert "warning: leak.txt: symlink to a file outside the archive" in proc.stderr
    assert "warning: rootfs: symlink to a folder outside the archive" in proc.stderr


def test_follow_links_reads_them(tmp_path: Path) -> None:
    root, out = archive(tmp_path)
    (root / "rootfs").unlink()
    proc = cli("batch", str(root), "-o", str(out), "-q", "--follow-links", timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert manifest(out)["leak.txt"]["status"] == "ok"
    assert "12345" in (out / "directives.jsonl").read_text(encoding="utf-8")


def test_a_proc_file_behind_a_link_is_read_only_up_to_the_size_limit(tmp_path: Path) -> None:
    """/proc/self/pagemap claims size 0 and reads gigabytes: the up-to-date check and the
    worker stop at --max-size."""
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    assert cli("batch", str(root), "-o", str(out), "-q", timeout=30).returncode == 0
    (root / "a.txt").unlink()
    (root / "a.txt").symlink_to("/proc/self/pagemap")
    proc = cli("batch", str(root), "-o", str(out), "-q", "--follow-links", "--max-size", "2M", timeout=30)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr  # the previous record was ok: hashed first
    record = manifest(out)["a.txt"]
    assert record["status"] == "failed" and "too large" in record["error"], record
    proc = cli("batch", str(root), "-o", str(out), "-q", timeout=30)
    assert proc.returncode == 0 and manifest(out)["a.txt"]["status"] == "skipped_link"


def _in_child(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                          preexec_fn=_limit_memory, cwd=ROOT)


def test_a_fifo_swapped_in_after_the_listing_blocks_nothing(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    root.mkdir()
    (root / "a.txt").write_text(small_protocol(1), encoding="utf-8")
    (root / "b.txt").write_text(small_protocol(2), encoding="utf-8")
    assert cli("batch", str(root), "-o", str(out), "-q", timeout=30).returncode == 0
    (root / "a.txt").unlink()
    os.mkfifo(root / "a.txt")  # nobody ever writes to it: opening it for reading would block
    code = f"""
from pathlib import Path
import importlib
import protokol.batch as batch
batch_run = importlib.import_module('protokol.batch.run')
from protokol.batch.files import file_sha256
root, out = Path({str(root)!r}), Path({str(out)!r})
assert file_sha256(root / "a.txt", str(root), 1 << 20, False) is None
listed = batch_run.list_inputs
batch_run.list_inputs = lambda *a, **k: ([Path("a.txt"), Path("b.txt")], [])  # the listing saw a file
for force in (False, True):
    summary = batch.run(batch.BatchConfig(root, out, jobs=1, force=force))
    print(summary.ok, summary.skipped, summary.failures)
"""
    done = _in_child(code)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["0 1 (('a.txt', 'not a regular file'),)",
                                        "1 0 (('a.txt', 'not a regular file'),)"]
