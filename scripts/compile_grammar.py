"""Write grammars/built/deadlines.json: the deadline grammar as built from grammars/lexicon
and grammars/deadlines (word forms generated with pymorphy3, macros and placeholders
expanded, every rule checked), so that reading a deadline needs neither PyYAML nor
pymorphy3 nor compiling every pattern (see src/protokol/deadlines/compiled.py).

Run it after editing a grammar file or the code that builds the grammar (a test fails
until then; meanwhile the library builds the grammar from the YAML files):

    python scripts/compile_grammar.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from protokol.deadlines.compiled import FILE, store  # noqa: E402
from protokol.deadlines.grammar import build_grammar, read_sources  # noqa: E402


def render() -> str:
    """One line per top-level entry of the grammar, so a change shows in a diff."""
    document = store(build_grammar(read_sources()))
    grammar = document.pop("grammar")
    head = [f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in document.items()]
    fields = grammar["fields"]
    parts = []
    for name, value in fields.items():
        if isinstance(value, dict) and "tuple" in value:
            items = ",\n      ".join(json.dumps(v, ensure_ascii=False) for v in value["tuple"])
            parts.append(f'    {json.dumps(name)}: {{"tuple": [\n      {items}\n    ]}}')
        else:
            parts.append(f"    {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}")
    body = ',\n'.join(parts)
    return ("{\n  " + ",\n  ".join(head) + f',\n  "grammar": {{"class": {json.dumps(grammar["class"])}, "fields": {{\n'
            + body + "\n  }}\n}\n")


def main() -> int:
    path = ROOT / "grammars" / FILE
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
