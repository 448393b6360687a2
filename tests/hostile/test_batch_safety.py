"""Batch: an output folder inside the input folder is not re-read; outputs stay inside it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from protokol.batch import BatchConfig, run
from protokol.batch.walk import UnsafeName, output_name
from tests.hostile.conftest import SAMPLES, SEED

TXT = SAMPLES / f"{SEED}.txt"


def _inputs(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TXT, path)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("archive, out", [
    ("in", "in"), ("in", "in/out"), ("in/nest/b/in", "in/nest/b"), ("in", "in/link-to-sub"),
    ("in/sub", "."), ("in/link-to-sub", "in/sub/deeper"),
])
def test_overlapping_archive_and_output_are_refused(tmp_path, archive, out):
    from tests.hostile.conftest import assert_refused, cli

    root = tmp_path / "in"
    _inputs(root, ["y.txt", "sub/a.txt", "nest/b/in/x.txt", "nest/b/in/y.txt"])
    (root / "y.txt.json").write_text("the user's own file")
    (root / "nest" / "b" / "in" / ".protokol-notes.tmp").write_text("the user's notes")
    (root / "link-to-sub").symlink_to(root / "sub", target_is_directory=True)
    before = snapshot(tmp_path)
    proc = cli("batch", str(tmp_path / archive), "-o", str(tmp_path / out), "-q", timeout=30)
    assert_refused(proc, "overlap")
    assert snapshot(tmp_path) == before
    assert not (root / "out").exists() and not (root / "nest" / "b" / "manifest.jsonl").exists()


def test_only_temporaries_of_batch_runs_are_swept(tmp_path):
    root, out = tmp_path / "in", tmp_path / "out"
    _inputs(root, ["a.txt", "sub/b.txt"])
    (out / "sub").mkdir(parents=True)
    mine = {out / ".protokol-notes.tmp": "notes", out / "sub" / ".protokol-1234-5.tmp": "looks like ours",
            out / ".protokol-0123456789abcdef-1-2.tmp": "a token no run recorded"}
    for path, text in mine.items():
        path.write_text(text)
    (out / ".protokol-batch" / "runs").mkdir(parents=True)
    (out / ".protokol-batch" / "runs" / "fedcba9876543210").touch()  # a run that was killed
    killed = out / "sub" / ".protokol-fedcba9876543210-77-3.tmp"
    killed.write_text("half an output")
    summary = run(BatchConfig(root, out, jobs=1))
    assert (summary.ok, summary.failed) == (2, 0)
    assert {path: path.read_text() for path in mine} == mine
    assert not killed.exists() and os.listdir(out / ".protokol-batch" / "runs") == []


ODD_NAMES = ["...txt", "-dash.txt", "new\nline.txt", "back\\..\\slash.txt", "пробел и кириллица.txt",
             "manifest.jsonl.txt", ".hidden.txt", "deep/../../name.txt".replace("/", "_")]


def test_output_names_stay_inside_the_output_folder(tmp_path):
    root, out = tmp_path / "in", tmp_path / "out"
    _inputs(root, ODD_NAMES)
    before = sorted(os.listdir(tmp_path))
    summary = run(BatchConfig(root, out, jobs=1))
    assert summary.total == len(ODD_NAMES) and summary.failed == 0, summary.failures
    assert sorted(os.listdir(tmp_path)) == sorted(before + ["out"])
    for name in _files(out):
        assert Path(os.path.realpath(out / name)).is_relative_to(os.path.realpath(out))
    assert {f"{n}.json" for n in ODD_NAMES} <= set(_files(out))


def test_symlinks_planted_in_the_output_folder_are_not_followed(tmp_path):
    root, out, elsewhere = tmp_path / "in", tmp_path / "out", tmp_path / "elsewhere"
    _inputs(root, ["a.txt", "sub/b.txt"])
    out.mkdir()
    elsewhere.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("untouched")
    (out / "a.txt.json").symlink_to(victim)
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    summary = run(BatchConfig(root, out, jobs=1))
    assert victim.read_text() == "untouched"
    assert os.listdir(elsewhere) == []
    assert [path for path, _ in summary.failures] == ["sub/b.txt"]  # refused, not written outside


@pytest.mark.parametrize("rel", ["../x.txt", "/etc/passwd", "a/../../x.txt", "a//b.txt", "./a.txt",
                                 "a\0b.txt", ".protokol-batch/x.txt", ".."])
def test_output_name_refuses_paths_that_could_escape(rel):
    with pytest.raises(UnsafeName):
        output_name(rel, ".json")
