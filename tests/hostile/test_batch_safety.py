"""Batch: an output folder inside the input folder is not re-read; outputs stay inside it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from protokol.batch import BatchConfig, run
from protokol.batch_walk import UnsafeName, output_name
from tests.hostile.conftest import SAMPLES, SEED

TXT = SAMPLES / f"{SEED}.txt"


def _inputs(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TXT, path)


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def test_output_folder_inside_the_input_folder_is_not_reread(tmp_path):
    root = tmp_path / "archive"
    _inputs(root, ["a.txt", "sub/b.txt"])
    out = root / "out"
    (root / "link-to-out").symlink_to(out, target_is_directory=True)
    out.mkdir()
    config = BatchConfig(root, out, jobs=1, patterns=("*",))  # every file would match
    first = run(config)
    assert (first.total, first.ok) == (2, 2)
    again = run(BatchConfig(root, out, jobs=1, patterns=("*",), force=True))
    assert (again.total, again.ok, again.failed) == (2, 2, 0)
    assert "a.txt.json" in _files(out) and not any(f.endswith(".json.json") for f in _files(out))


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


def test_cli_batch_into_a_folder_inside_the_archive(tmp_path):
    import json

    from tests.hostile.conftest import cli

    root = tmp_path / "archive"
    _inputs(root, ["a.txt", "sub/b.txt"])
    (root / "bad.pdf").write_bytes(b"%PDF-garbage")
    for _ in range(2):
        proc = cli("batch", str(root), "-o", str(root / "out"), "-q", "--jobs", "1", "--force", timeout=120)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr  # bad.pdf failed, the run went on
    records = [json.loads(line) for line in (root / "out" / "manifest.jsonl").read_text().splitlines()]
    assert sorted(r["path"] for r in records) == ["a.txt", "bad.pdf", "sub/b.txt"]
