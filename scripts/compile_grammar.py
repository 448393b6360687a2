"""Write grammars/built/deadlines.marshal: the deadline grammar as built from grammars/lexicon
and grammars/deadlines (word forms generated with pymorphy3, macros and placeholders
expanded, every rule checked), so that reading a deadline needs neither PyYAML nor
pymorphy3 nor compiling every pattern (see src/protokol/deadlines/stored.py).

Run it after editing a grammar file or the code that builds the grammar (a test fails
until then; meanwhile the library builds the grammar from the YAML files):

    python scripts/compile_grammar.py
    python scripts/compile_grammar.py --show   # the stored document as text, one line a top-level entry
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from protokol.deadlines.grammar import build_grammar, read_sources  # noqa: E402
from protokol.deadlines.stored import FILE, dumps, store  # noqa: E402


def _short(value):
    """The value with each pattern's program (bytes) shown as its length."""
    if isinstance(value, bytes):
        return f"<program: {len(value)} bytes>"
    if isinstance(value, (list, tuple)):
        return type(value)(_short(v) for v in value)
    if isinstance(value, dict):
        return {k: _short(v) for k, v in value.items()}
    return value


def show(document: dict) -> str:
    """Readable text of the document (to compare two builds with diff)."""
    grammar = _short(document["grammar"])
    head = [f"{k}: {v!r}" for k, v in document.items() if k != "grammar"]
    return "\n".join([*head, f"grammar: {grammar[:2]!r}", *(pprint.pformat(v, width=120) for v in grammar[2:])]) + "\n"


def main(argv: list[str]) -> int:
    document = store(build_grammar(read_sources()))
    if "--show" in argv:
        sys.stdout.write(show(document))
        return 0
    path = ROOT / "grammars" / FILE
    path.write_bytes(dumps(document))
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
