"""Instructions per distinct document, by structure stage, counted by valgrind (callgrind).

    python benchmarks/structure_stages.py [--tree SRC] [--files 40] [--out DIR] FOLDER...

The .docx files under FOLDER (an archive from benchmarks/make_archive.py) are read once
(reading is not measured); each is parsed once to load dictionaries and grammars and to
record every deadline reading the structure asks for (`parse_deadline`,
`scan_deadlines`, `default_deadline`); those readings are then replayed from a table,
so that deadline recognition (a stage of its own, measured by
benchmarks/deadlines.py) is not counted. Then, under callgrind, every document is
parsed once more, the per-text caches emptied before each (protokol.clear_caches: its
text is new to the process; the per-word analyses of the morphology stay, as they do
in a batch worker), the garbage collector paused (its moments would move cost between
stages). Each stage is called through its own C function of the interpreter
(operator.call, functools.reduce, ...), whose inclusive cost callgrind reports: the
stage's instructions, its callees included.

With --tree, the source tree SRC (another checkout's src/, a baseline) is imported
instead of this one, its own grammars/ beside it. Prints million instructions a
document per stage.
"""

from __future__ import annotations

import argparse
import contextvars
import functools
import itertools
import operator
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# a C function of the interpreter per stage: (symbol, call through it)
WRAPPERS = [
    ("_operator_call", lambda f: lambda *a, **k: operator.call(f, *a, **k)),
    ("functools_reduce", lambda f: lambda *a, **k: functools.reduce(lambda _x, _y: f(*a, **k), (0, 0))),
    ("starmap_next", lambda f: lambda *a, **k: next(itertools.starmap(lambda: f(*a, **k), [()]))),
    ("accumulate_next", lambda f: lambda *a, **k: list(itertools.accumulate((0, 0), lambda _x, _y: f(*a, **k)))[1]),
    ("methodcaller_call", lambda f: lambda *a, **k: operator.methodcaller("__call__", *a, **k)(f)),
    ("takewhile_next", lambda f: _through(itertools.takewhile, f)),
    ("dropwhile_next", lambda f: _through(itertools.dropwhile, f, drop=True)),
    ("filterfalse_next", lambda f: _through(itertools.filterfalse, f, drop=True)),
    ("groupby_next", lambda f: lambda *a, **k: next(itertools.groupby([0], key=lambda _x: f(*a, **k)))[0]),
    ("partial_vectorcall", lambda f: lambda *a, **k: functools.partial(f)(*a, **k)),
    ("slot_nb_matrix_multiply", lambda f: lambda *a, **k: _Slot(f, a, k) @ None),
    ("context_run", lambda f: lambda *a, **k: contextvars.copy_context().run(f, *a, **k)),
    ("slot_nb_invert", lambda f: lambda *a, **k: ~_Slot(f, a, k)),
    ("slot_nb_negative", lambda f: lambda *a, **k: -_Slot(f, a, k)),
    ("slot_nb_positive", lambda f: lambda *a, **k: +_Slot(f, a, k)),
    ("slot_nb_absolute", lambda f: lambda *a, **k: abs(_Slot(f, a, k))),
]


class _Slot:
    """A call made by the interpreter's slot of an operator (~x, -x, +x, abs(x), x @ y): each its own C function."""

    __slots__ = ("a", "f", "k")

    def __init__(self, f, a, k):  # type: ignore[no-untyped-def]
        self.f, self.a, self.k = f, a, k

    def __call__(self, _other=None):  # type: ignore[no-untyped-def]
        return self.f(*self.a, **self.k)

    __invert__ = __neg__ = __pos__ = __abs__ = __matmul__ = __call__


def _through(tool, f, drop=False):  # type: ignore[no-untyped-def]
    def call(*a, **k):  # type: ignore[no-untyped-def]
        box = []
        list(tool(lambda _x: box.append(f(*a, **k)) or drop is False, [0]))
        return box[0]
    return call


# (stage, module, attribute): the name each caller looks up
STAGES = [
    ("lines", "protokol.pipeline", "to_lines"),
    ("layout", "protokol.pipeline", "layout"),
    ("header", "protokol.pipeline", "parse_header"),
    ("sections", "protokol.pipeline", "section"),
    ("  item tree", "protokol.structure.directives", "build_items"),
    ("  item fields", "protokol.structure.directives", "item_fields"),
    ("annotate", "protokol.pipeline", "annotate|annotate_protocol"),
    ("  executors", "protokol.structure.annotate", "executors_of"),
    ("  references", "protokol.structure.annotate", "find_references"),
    ("  deadlines (replayed)", "protokol.structure.directives", "item_deadlines"),
]

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(1, sys.argv[2])
import structure_stages as bench
bench.child(sys.argv[3:])
"""


def child(args: list[str]) -> None:
    import protokol

    global STAGES
    if args[0] == "--wrap":
        STAGES = [(w, *w.split(":")) for w in args[1].split(",")]
    files = args[2:] if args[0] == "--wrap" else args
    from protokol import grammar_files

    if not Path(protokol.__file__).resolve().is_relative_to(ROOT):
        grammar_files._package_dir = lambda: None  # this checkout's grammars, not the installed ones
    from protokol.pipeline import parse
    from protokol.readers import read

    docs = [read(f) for f in files]
    _replay_deadlines()
    for doc in docs:  # dictionaries, grammars, the deadline readings recorded
        protokol.clear_caches()
        parse(doc)
    _REPLAY[0] = True
    import importlib

    for (name, module, attr), (_, wrap) in zip(STAGES, WRAPPERS):
        owner: object = importlib.import_module(module)
        *path, attr = attr.split(".")  # a method: Class.name
        for step in path:
            owner = getattr(owner, step)
        attr = next(a for a in attr.split("|") if hasattr(owner, a))  # the name in this tree
        original = getattr(owner, attr)
        wrapped = wrap(original)
        if hasattr(original, "cache_clear"):  # an lru_cache: protokol.clear_caches empties it
            wrapped.cache_clear = original.cache_clear
        setattr(owner, attr, wrapped)
    import gc

    gc.collect()
    gc.disable()
    for doc in docs:
        protokol.clear_caches()
        sys.call_tracing(parse, (doc,))  # a C function of its own: the whole parse
    print(len(docs))


_REPLAY = [False]
_TABLE: dict[object, object] = {}


def _replay_deadlines() -> None:
    """Record each deadline reading, then (once _REPLAY[0]) answer from the table."""
    import protokol.deadlines as deadlines
    from protokol.structure import clause, directives

    def recorded(f):  # type: ignore[no-untyped-def]
        def call(*a, **k):  # type: ignore[no-untyped-def]
            key = (f.__name__, a, tuple(k.items()))
            if _REPLAY[0]:
                return _TABLE[key]
            _TABLE[key] = value = f(*a, **k)
            return value
        return call

    clause.parse_deadline = recorded(clause.parse_deadline)
    clause.scan_deadlines = recorded(clause.scan_deadlines)
    directives.default_deadline = recorded(directives.default_deadline)
    deadlines.scan_deadlines = recorded(deadlines.scan_deadlines)  # fields imports it on use


def run(tree: Path, files: list[Path], out: Path, wrap: str | None = None) -> dict[str, float]:
    dump = out / f"callgrind.{os.getpid()}.{tree.parent.name}"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=sys_call_tracing", f"--callgrind-out-file={dump}",
                           sys.executable, "-c", CHILD, str(tree), str(ROOT / "benchmarks"),
                           *(["--wrap", wrap] if wrap else []), *map(str, files)],
                          env=env, capture_output=True, text=True, check=True)
    count = int(done.stdout.split()[-1])
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(dump)],
                          capture_output=True, text=True, check=True).stdout
    costs: dict[str, float] = {}
    for line in text.splitlines():
        m = re.match(r"\s*([\d,]+)\s+\(.*?\)\s+\S*:(\w+)", line) or re.match(r"\s*([\d,]+)\s+\S*:(\w+)", line)
        if m:
            costs.setdefault(m[2], int(m[1].replace(",", "")))
    stages = [(w, *w.split(":")) for w in wrap.split(",")] if wrap else STAGES
    out_costs = {name: costs.get(sym, 0) / count / 1e6 for (name, _, _), (sym, _) in zip(stages, WRAPPERS)}
    if wrap:
        out_costs["whole parse (deadlines replayed)"] = costs.get("sys_call_tracing", 0) / count / 1e6
        return out_costs
    out_costs["layout + sections + annotate"] = sum(out_costs[k] for k in ("layout", "sections", "annotate"))
    out_costs["whole parse (deadlines replayed)"] = costs.get("sys_call_tracing", 0) / count / 1e6
    return out_costs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", type=Path)
    ap.add_argument("--tree", type=Path, default=ROOT / "src", help="the src/ to import")
    ap.add_argument("--files", type=int, default=40)
    ap.add_argument("--out", type=Path, default=None, help="keep the callgrind files here")
    ap.add_argument("--wrap", help=f"module:function,... to count instead of the stages ({len(WRAPPERS)} at most)")
    args = ap.parse_args()
    files = sorted(p for f in args.folders for p in f.rglob("*.docx"))
    files = [p for p in files if p.stat().st_size > 2000][: args.files]
    with tempfile.TemporaryDirectory() as tmp:
        costs = run(args.tree.resolve(), files, args.out or Path(tmp), args.wrap)
    print(f"{args.tree}: {len(files)} docx, million instructions a document (callgrind, inclusive)")
    for name, value in costs.items():
        print(f"  {name:<34} {value:8.2f}")


if __name__ == "__main__":
    main()
