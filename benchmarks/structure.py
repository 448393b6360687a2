"""Parse cost per document on the shipped samples: this tree against a baseline commit.

The samples are read once per interpreter (reading is not what changes here); then
`parse_document` runs on each read document, round after round. The baseline's `src/`
and `grammars/` are exported with `git archive` into a temporary folder and run by a
child interpreter; children of both trees alternate, so machine load hits them alike.
Prints CPU milliseconds per document for each (process time: on a loaded machine the
wall clock also counts the time spent waiting for a core) and the ratio (this tree /
baseline).

    python benchmarks/structure.py [--baseline main] [--rounds 5] [--repeat 40]

Two figures: "warm" keeps the per-text caches between documents, as a batch worker
does; "cold" empties them all (protokol.clear_caches) before each document.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, time
from pathlib import Path
import protokol
assert Path(protokol.__file__).resolve().is_relative_to(Path.cwd().resolve()), protokol.__file__
from protokol.readers import read
from protokol.pipeline import parse_document
docs = [read(p) for p in sorted(Path(sys.argv[1]).iterdir())]
repeat = int(sys.argv[2])
COLD = sys.argv[3] == "cold"
for doc in docs:
    parse_document(doc)  # warm caches and the morphology dictionary
from protokol.structure import fields
best = None
for _ in range(3):
    start = time.process_time()  # CPU time: on a shared machine, waiting for a core is not parsing
    for _ in range(repeat):
        for doc in docs:
            if COLD:
                protokol.clear_caches()  # every per-text cache: the document's text is new to the process
            else:
                fields.item_fields.cache_clear()  # each document as a fresh run sees it
            parse_document(doc)
    took = (time.process_time() - start) / (repeat * len(docs))
    best = took if best is None else min(best, took)
print(json.dumps(best))
"""


def export(ref: str, into: Path) -> Path:
    data = subprocess.run(["git", "archive", ref, "src", "grammars"], cwd=ROOT, check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    # where the wheel puts them: the installed (editable) tree's own grammars are not found first
    (into / "grammars").rename(into / "src" / "protokol" / "grammars")
    return into


def run(tree: Path, repeat: int, mode: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT / "samples"), str(repeat), mode],
                         env=env, check=True, capture_output=True, text=True, cwd=tree).stdout
    return float(json.loads(out))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", default="main")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=40)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = export(args.baseline, Path(tmp))
        for mode in ("warm", "cold"):
            ours: list[float] = []
            theirs: list[float] = []
            for _ in range(args.rounds):
                theirs.append(run(base, args.repeat, mode))
                ours.append(run(ROOT, args.repeat, mode))
            b, o = min(theirs), min(ours)
            print(f"{mode} (caches {'kept between documents' if mode == 'warm' else 'emptied before each'}):")
            print(f"  baseline {args.baseline}: {b * 1000:.2f} ms/document")
            print(f"  this tree:        {o * 1000:.2f} ms/document")
            print(f"  ratio:            {o / b:.3f}")


if __name__ == "__main__":
    main()
