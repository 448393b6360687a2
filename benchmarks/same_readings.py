"""Everything the deadline engine decides, one JSON file: to compare two source trees
byte for byte after a change that must not change a result (a speed-up).

    PYTHONPATH=OLD/src python benchmarks/same_readings.py old.json [--archive DIR] [--corpus DIR]
    python benchmarks/same_readings.py new.json [--archive DIR] [--corpus DIR]
    cmp old.json new.json

Items: every document under tests/ and samples/ (and an archive of distinct protocols,
benchmarks/make_archive.py) parsed to JSON with caches emptied; and deadline texts (the
seed's deadline lines, every grammar example, the string literals of the deadline and
structure tests, the corpus's clauses and fragment paragraphs when given) read five ways:
explain, scan_deadlines, the clause reading of `protokol deadline`, and read/scan with
rules="none" and no date.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--archive", type=Path, help="a folder of protocols to parse too")
    ap.add_argument("--corpus", type=Path, help="a folder with clauses.jsonl and fragments/*.txt")
    args = ap.parse_args()
    import protokol
    from protokol import deadlines
    from protokol.deadlines.grammar import grammar
    from protokol.output.json import render_json
    from protokol.structure.clause import read_clause

    out: dict[str, str] = {}
    docs = sorted(p for ext in ("docx", "txt", "pdf", "odt", "rtf") for p in (ROOT / "tests").rglob(f"*.{ext}"))
    docs += sorted((ROOT / "samples").iterdir())
    if args.archive:
        docs += sorted(p for p in args.archive.rglob("*") if p.is_file())
    for path in docs:
        protokol.clear_caches()
        try:
            text = render_json(protokol.parse(str(path)))
        except Exception as e:  # noqa: BLE001 (an error is a result too)
            text = f"ERROR {type(e).__name__} {str(e)[:200]}"
        out[f"doc:{path}"] = text
    texts: list[tuple[str, str | None]] = []
    for line in (ROOT / "tests" / "deadlines" / "seed-deadline-lines.txt").read_text(encoding="utf-8").splitlines():
        texts += [(line.strip(), "2023-06-20"), (re.sub(r"^Срок\s*[–-]\s*", "", line.strip()), "2023-06-20")]
    if args.corpus:
        for line in (args.corpus / "clauses.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts.append((record["text"], record.get("date")))
        for path in sorted((args.corpus / "fragments").glob("*.txt")):
            texts += [(p, None) for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    texts += [(ex.text, ex.date.isoformat() if ex.date else None) for rule in grammar().rules for ex in rule.examples]
    for path in sorted((ROOT / "tests" / "deadlines").glob("*.py")) + sorted((ROOT / "tests" / "structure").glob("*.py")):
        texts += [(s, "2023-06-20") for s in re.findall(r'"([^"\n\\]{3,300})"', path.read_text(encoding="utf-8"))]
    readings = (
        lambda t, d: deadlines.explain(t, d), lambda t, d: deadlines.scan_deadlines(t, d), read_clause,
        lambda t, d: deadlines.read_deadline(t, None, rules="none"),
        lambda t, d: deadlines.scan_deadlines(t, None, rules="none"),
    )
    for text, date in dict.fromkeys(texts):
        protokol.clear_caches()
        record = []
        for read in readings:
            try:
                record.append([repr(x) for x in read(text, date)])
            except Exception as e:  # noqa: BLE001
                record.append(f"ERROR {type(e).__name__}")
        out[f"text:{date or ''}:{text}"] = json.dumps(record, ensure_ascii=False)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(out)} items", file=sys.stderr)


if __name__ == "__main__":
    main()
