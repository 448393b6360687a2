"""benchmarks/batch.py --baseline OTHER/src: the baseline's process imports protokol, and
its grammars (package data), from OTHER alone, though this checkout is installed
editable (its finder would otherwise give this checkout's protokol.grammars)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_batch", ROOT / "benchmarks" / "batch.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_baseline_tree_is_imported_alone(tmp_path: Path) -> None:
    tree = tmp_path / "other"
    (tree / "src" / "protokol" / "batch").mkdir(parents=True)
    (tree / "src" / "protokol" / "__init__.py").write_text("TREE = 'other'\n", encoding="utf-8")
    (tree / "src" / "protokol" / "batch" / "__init__.py").write_text("", encoding="utf-8")
    (tree / "grammars").mkdir()
    (tree / "grammars" / "__init__.py").write_text("GRAMMARS = 'other'\n", encoding="utf-8")
    bench = _bench()
    try:
        env, path = bench.tree_env(str(tree / "src"))
        code = ("import sys; sys.path.insert(0, sys.argv[1]); import protokol, protokol.grammars, protokol.batch;"
                "print(protokol.TREE, protokol.grammars.GRAMMARS);"
                "print(protokol.grammars.__file__); print(protokol.batch.__file__)")
        done = subprocess.run([sys.executable, "-c", code, path], env=env, capture_output=True, text=True,
                              check=True)
        names, grammars, batch = done.stdout.splitlines()
        assert names == "other other"
        assert os.path.realpath(grammars) == str((tree / "grammars" / "__init__.py").resolve())
        assert os.path.realpath(batch) == str((tree / "src" / "protokol" / "batch" / "__init__.py").resolve())
    finally:
        for overlay in bench._TREES.values():
            subprocess.run(["rm", "-rf", overlay], check=True)


def test_without_it_the_installed_grammars_would_be_found(tmp_path: Path) -> None:
    """The bug the overlay fixes: PYTHONPATH=OTHER/src alone finds this checkout's grammars."""
    tree = tmp_path / "other"
    (tree / "src" / "protokol").mkdir(parents=True)
    (tree / "src" / "protokol" / "__init__.py").write_text("", encoding="utf-8")
    (tree / "grammars").mkdir()
    (tree / "grammars" / "__init__.py").write_text("", encoding="utf-8")
    code = "import protokol.grammars as g; print(g.__file__)"
    done = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(tree / "src")),
                          capture_output=True, text=True)
    found = done.stdout.strip()
    assert not found.startswith(str(tree)), found
