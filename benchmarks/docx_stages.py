"""Instructions per distinct .docx, by reading stage, against a bare python-docx read
(valgrind's callgrind: the count does not move with the machine's load).

    python benchmarks/docx_stages.py [--tree SRC] [--files 40] FOLDER_OR_FILE...

Each .docx is read and parsed once untimed (imports, dictionaries, grammars), then under
callgrind: python-docx's bare read of every file (Document() + every paragraph's and
table cell's text, as benchmarks/docx_read.py's "bare"), and protokol's read and whole
parse of every file, the per-text caches emptied before each (protokol.clear_caches).
Each stage is called through a C function of its own (structure_stages.WRAPPERS) whose
inclusive cost callgrind reports; "sections" holds the deadline stage (item_deadlines),
"rest of parse" is what the parse does besides the stages named (the protocol record,
the signatory, the document's warnings). With --tree, another checkout's src/ is imported.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# (stage, module, attribute) in the order of structure_stages.WRAPPERS; "bare" is this script's
STAGES = [
    ("read (read_bytes)", "", "read_bytes"),
    ("  sniff", "protokol.readers", "_sniff|sniff"),
    ("  read_docx", "protokol.readers.docx", "read_docx"),
    ("    parse_xml", "protokol.readers.ooxml", "parse_xml"),
    ("    walk", "protokol.readers.docx", "BodyWalker.walk"),
    ("lines", "protokol.pipeline", "to_lines"),
    ("layout", "protokol.pipeline", "layout"),
    ("header", "protokol.pipeline", "parse_header"),
    ("deadlines", "protokol.structure.directives", "item_deadlines"),
    ("bare python-docx", "", "bare"),
    ("sections", "protokol.pipeline", "section"),
    ("  item tree", "protokol.structure.directives", "build_items"),
    ("  item fields", "protokol.structure.directives", "item_fields"),
    ("  executors, references", "protokol.structure.directives", "contract_fields"),
    ("annotate", "protokol.pipeline", "annotate_protocol|annotate"),
    ("clear_caches", "protokol", "clear_caches"),
]
# the stages the parse runs one after the other (the rest of read + parse is parse's own glue)
TOP = ("read (read_bytes)", "lines", "layout", "header", "sections", "annotate", "clear_caches")

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(1, sys.argv[2])
import docx_stages as bench
bench.child(sys.argv[3:])
"""


def child(files: list[str]) -> None:
    import importlib

    import protokol
    from docx_read import bare
    from protokol import grammar_files

    if not Path(protokol.__file__).resolve().is_relative_to(ROOT):
        grammar_files._package_dir = lambda: None  # this checkout's grammars, not the installed ones
    from structure_stages import WRAPPERS

    from protokol.pipeline import parse
    from protokol.readers import read_bytes

    datas = [(Path(f).read_bytes(), f) for f in files]
    for data, name in datas:
        protokol.clear_caches()
        parse(read_bytes(data, name))
        bare(data)
    wrapped = {}
    for (_, module, attr), (_, wrap) in zip(STAGES, WRAPPERS):
        if not module:
            wrapped[attr] = wrap(read_bytes if attr == "read_bytes" else bare)
            continue
        owner: object = importlib.import_module(module)
        *path, attr = attr.split(".")
        for step in path:
            owner = getattr(owner, step)
        attr = next(a for a in attr.split("|") if hasattr(owner, a))  # the name in this tree
        setattr(owner, attr, wrap(getattr(owner, attr)))
    import gc

    def run() -> None:
        for data, name in datas:
            wrapped["bare"](data)
        for data, name in datas:
            protokol.clear_caches()
            parse(wrapped["read_bytes"](data, name))

    gc.collect()
    gc.disable()
    sys.call_tracing(run, ())
    print(len(datas))


def run(tree: Path, files: list[Path], out: Path) -> dict[str, float]:
    dump = out / f"callgrind.{os.getpid()}"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=sys_call_tracing",
                           f"--callgrind-out-file={dump}", sys.executable, "-c", CHILD, str(tree),
                           str(ROOT / "benchmarks"), *map(str, files)],
                          env=env, capture_output=True, text=True, check=True)
    count = int(done.stdout.split()[-1])
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(dump)],
                          capture_output=True, text=True, check=True).stdout
    costs: dict[str, int] = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(.*?\)\s+\S*:(\w+)", line) or re.match(r"\s*([\d,]+)\s+\S*:(\w+)", line)
        if m:
            costs.setdefault(m[2], int(m[1].replace(",", "")))
    from structure_stages import WRAPPERS

    found = {name: costs.get(sym, 0) / count / 1e6 for (name, _, _), (sym, _) in zip(STAGES, WRAPPERS)}
    bare = found.pop("bare python-docx")
    whole = costs.get("sys_call_tracing", 0) / count / 1e6 - bare
    found["  sections less deadlines"] = found["sections"] - found["deadlines"]
    found["rest of parse"] = whole - sum(found[name] for name in TOP)
    found["read + parse"] = whole
    found["  less deadlines"] = whole - found["deadlines"]
    found["bare python-docx"] = bare
    return found


def main() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--tree", type=Path, default=ROOT / "src", help="the src/ to import")
    ap.add_argument("--files", type=int, default=40)
    args = ap.parse_args()
    files = sorted(q for p in args.paths for q in ([p] if p.is_file() else p.rglob("*.docx")))
    files = [p for p in files if p.stat().st_size > 2000][: args.files]
    with tempfile.TemporaryDirectory() as tmp:
        costs = run(args.tree.resolve(), files, Path(tmp))
    bare = costs["bare python-docx"]
    print(f"{args.tree}: {len(files)} docx, million instructions a document (callgrind, inclusive)")
    for name, value in costs.items():
        print(f"  {name:<22} {value:8.2f}  {value / bare:6.2f}x bare")


if __name__ == "__main__":
    main()
