"""Listing inputs and naming outputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from protokol.batch.walk import UnsafeName, list_inputs, matcher, output_name

from .conftest import ODD_NAME

EXPECTED = [
    "2023/pdf/seed.pdf",
    "2023/small 1.txt",
    "2023/small-2.TXT",
    f"2023/{ODD_NAME}",
    "2023/июнь/seed.docx",
    "broken.docx",
    "copies/small 1 copy.txt",
    "empty.txt",
    "notes.png",
]


def test_lists_sorted_relative_paths_and_warns_about_the_loop(archive: Path) -> None:
    out = archive / "out"
    (out / "2023").mkdir(parents=True)
    (out / "2023" / "old.txt").write_text("an output inside the input folder is not re-read")
    found, warnings = list_inputs(archive, exclude=out)
    assert [p.as_posix() for p in found] == EXPECTED
    assert warnings == ["2023/loop: symlink loop (points back to an enclosing folder), skipped"]


def test_output_folder_is_listed_without_exclude(archive: Path) -> None:
    (archive / "out").mkdir()
    (archive / "out" / "x.txt").write_text("x")
    found, _ = list_inputs(archive)
    assert Path("out/x.txt") in found


def test_alias_folder_listed_once_and_fifo_skipped(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("a")
    os.symlink("real", tmp_path / "alias")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink("missing.txt", tmp_path / "broken.txt")
    found, warnings = list_inputs(tmp_path)
    assert [p.as_posix() for p in found] == ["alias/a.txt", "broken.txt"]
    assert warnings == ["pipe.txt: not a regular file, skipped",
                        "real: folder already listed through another path, skipped"]


def test_unreadable_folder_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text("a")
    (tmp_path / "b.txt").write_text("b")
    real = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    found, warnings = list_inputs(tmp_path)
    assert [p.as_posix() for p in found] == ["b.txt"]
    assert warnings == ["locked: cannot read folder: Permission denied, skipped"]


def test_root_must_be_a_folder(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(NotADirectoryError):
        list_inputs(tmp_path / "f.txt")
    with pytest.raises(FileNotFoundError):
        list_inputs(tmp_path / "missing")


@pytest.mark.parametrize("patterns, name, rel, expected", [
    (("*.docx",), "X.DOCX", ("X.DOCX",), True),
    (("*.docx",), "x.pdf", ("x.pdf",), False),
    (("2023/*.txt",), "a.txt", ("2023", "a.txt"), True),
    (("2023/*.txt",), "a.txt", ("2024", "a.txt"), False),
    (("**/*.txt",), "a.txt", ("a.txt",), True),
])
def test_matcher(patterns: tuple[str, ...], name: str, rel: tuple[str, ...], expected: bool) -> None:
    assert matcher(patterns)(name, rel) is expected


@pytest.mark.parametrize("rel, ext, expected", [
    ("a/b/x.docx", ".json", "a/b/x.docx.json"),
    ("x.pdf", ".md", "x.pdf.md"),
    (f"2023/{ODD_NAME}", ".json", f"2023/{ODD_NAME}.json"),
    ("manifest", ".json", "manifest.json"),
])
def test_output_name(rel: str, ext: str, expected: str) -> None:
    assert output_name(rel, ext) == expected


@pytest.mark.parametrize("rel, ext", [
    ("../x.txt", ".json"), ("/etc/x.txt", ".json"), ("a/../../x.txt", ".json"), ("a//x.txt", ".json"),
    ("manifest", ".jsonl"), ("directives", ".csv"), (".protokol-batch/x.txt", ".json"),
])
def test_output_name_cannot_escape_or_collide(rel: str, ext: str) -> None:
    with pytest.raises(UnsafeName):
        output_name(rel, ext)
