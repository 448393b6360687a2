"""Batch output names: never colliding with each other or the combined files, whatever --jobs."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from protokol.batch.names import NAME_MAX, assign_outputs
from tests.batch.conftest import small_protocol
from tests.hostile.conftest import cli


def write(root: Path, rels: list[str]) -> None:
    for n, rel in enumerate(rels):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(small_protocol(n), encoding="utf-8")


def run_batch(root: Path, out: Path, jobs: int, *extra: str) -> dict[str, dict]:
    proc = cli("batch", str(root), "-o", str(out), "-q", "--jobs", str(jobs), *extra, timeout=30)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr[-2000:]
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["path"]: r for r in map(json.loads, lines)}


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".protokol-batch" not in p.parts}


def colliding_archive(root: Path) -> list[str]:
    """Folders named like the combined files and like another input's output, and
    names of 255 bytes (the longest a file system allows)."""
    long = "д" * 125 + ".txt"  # 254 bytes
    rels = ["directives.jsonl/a.txt", "directives.csv/b.txt", "manifest.jsonl/c.txt", ".protokol-batch~/d.txt",
            "a.txt", "a.txt.json/x.txt", "sub/a.txt", "sub/a.txt.json/y.txt", "sub/A.TXT.JSON/z.txt",
            long, "long/" + long, "long/" + "д" * 125 + ".TXT", "x" * 251 + ".txt", "x" * 240 + ".txt"]
    write(root, rels)
    return rels


@pytest.mark.parametrize("jobs", [1, 3])
def test_no_output_collides_and_names_do_not_depend_on_jobs(tmp_path: Path, jobs: int) -> None:
    root = tmp_path / "in"
    rels = colliding_archive(root)
    records = run_batch(root, tmp_path / "out", jobs)
    assert sorted(records) == sorted(rels)
    assert {r["status"] for r in records.values()} == {"ok"}
    names = [r["output"] for r in records.values()]
    assert len(set(names)) == len(names)
    for name in names:
        assert all(len(part.encode()) <= NAME_MAX for part in name.split("/"))
        assert name.split("/")[0] not in ("directives.jsonl", "directives.csv", "manifest.jsonl", ".protokol-batch")
        assert (tmp_path / "out" / name).is_file()
    assert records["a.txt"]["output"] == "a.txt.json" and records["a.txt.json/x.txt"]["output"] == "a.txt.json~/x.txt.json"
    assert records["directives.jsonl/a.txt"]["output"] == "directives.jsonl~/a.txt.json"
    lines = (tmp_path / "out" / "directives.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["protocol"]["source"]["path"] for line in lines} == set(rels)


def test_outputs_are_identical_with_one_or_three_workers(tmp_path: Path) -> None:
    root = tmp_path / "in"
    colliding_archive(root)
    one = run_batch(root, tmp_path / "one", 1)
    three = run_batch(root, tmp_path / "three", 3)
    assert {k: {**v, "duration": 0} for k, v in one.items()} == {k: {**v, "duration": 0} for k, v in three.items()}
    a, b = tree(tmp_path / "one"), tree(tmp_path / "three")
    del a["manifest.jsonl"], b["manifest.jsonl"]
    assert a == b


def test_a_long_name_gets_a_short_deterministic_output_and_is_reused(tmp_path: Path) -> None:
    root, out = tmp_path / "in", tmp_path / "out"
    long = "п" * 125 + ".txt"  # 254 bytes
    write(root, [long])
    first = run_batch(root, out, 1)[long]
    assert first["status"] == "ok" and first["output"] != long + ".json"
    assert first["output"].endswith(".txt.json") and len(first["output"].encode()) <= NAME_MAX
    again = run_batch(root, out, 1)[long]
    assert again["output"] == first["output"] and again["reused"] is True


def _reference(rels: list[str]) -> dict[str, str]:
    """Plainly linear work over the same names (split, join, a set and a dict)."""
    taken, names = set(), {}
    for rel in rels:
        name = "/".join(rel.split("/")) + ".json"
        taken.add(name)
        names[rel] = name
    return names


def test_name_assignment_is_linear() -> None:
    """16x the inputs (all in one folder, a third of them renamed) take at most ~20x the
    time: best of five, interleaved, the collector paused. On a loaded machine even the
    plainly linear reference loop can grow more than 16x (caches, page faults), so the
    bound is 20x or the reference's own growth times 20/16, whichever is larger; a
    quadratic step would grow ~256x."""
    import gc

    def rels(n: int) -> list[str]:
        return [f"f/{k}.txt" for k in range(n)] + [f"f/{k}.txt.json/x.txt" for k in range(n // 4)] + \
            [f"f/{'й' * 126}{k}.txt" for k in range(n // 4)]

    small, big = rels(1000), rels(16000)
    best: dict[tuple[str, int], float] = {}
    gc.disable()
    try:
        for _ in range(5):
            for names in (small, big):
                for what, work in (("ours", lambda: assign_outputs(names, ".json")), ("reference",
                                                                                     lambda: _reference(names))):
                    started = time.perf_counter()
                    assigned = work()
                    key = (what, len(names))
                    best[key] = min(best.get(key, float("inf")), time.perf_counter() - started)
                    assert len(set(assigned.values())) == len(names)
    finally:
        gc.enable()
    ours = best[("ours", len(big))] / best[("ours", len(small))]
    reference = best[("reference", len(big))] / best[("reference", len(small))]
    assert ours < 20 * max(1.0, reference / 16), (ours, reference)
