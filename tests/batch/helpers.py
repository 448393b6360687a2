"""What a batch run should have produced, computed independently in this process."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from protokol import __version__
from protokol.errors import ReadError
from protokol.output.json import dumps, jsonl_records, render_json
from protokol.pipeline import Options, parse_document
from protokol.readers import read_bytes

SETTINGS = "format=json;date=None;rules=federal;roll=back"
UNSUPPORTED = {".png": "png image", ".zip": "zip archive", ".xlsx": "xlsx spreadsheet", ".7z": "7z archive"}
READS = "(docx, pdf, txt, doc, rtf, odt, html, mht, Word 2003 xml, fodt)"


def parse_rel(root: Path, rel: str) -> Any:
    return parse_document(read_bytes((root / rel).read_bytes(), rel), Options())


def expected_record(root: Path, rel: str, reused: bool = False) -> dict[str, Any]:
    """The manifest record of one input, less its duration (reused: from a previous run)."""
    data = (root / rel).read_bytes()
    record: dict[str, Any] = {"path": rel, "status": "ok", "reused": reused, "error": None,
                              "sha256": hashlib.sha256(data).hexdigest()}
    kind = UNSUPPORTED.get(Path(rel).suffix)
    if kind:
        record.update(status="unsupported", error=f"{kind}: not a format protokol reads {READS}", format=kind,
                      output=None, sections=0, directives=0, deadlines=0, unparsed=0, warnings=0)
        return record | {"version": __version__, "settings": SETTINGS}
    try:
        result = parse_document(read_bytes(data, rel), Options())
    except ReadError as exc:
        record.update(status="failed", error=exc.why, format=None, output=None, sections=0, directives=0,
                      deadlines=0, unparsed=0, warnings=0)
    else:
        directives = [d for s in result.sections for d in s.directives]
        deadlines = [x for d in directives for x in d.deadlines]
        record.update(format=result.source.format, output=rel + ".json", sections=len(result.sections),
                      directives=len(directives), deadlines=len(deadlines),
                      unparsed=sum(x.kind == "unparsed" for x in deadlines), warnings=len(result.warnings))
    record.update(version=__version__, settings=SETTINGS)
    return record


def manifest(out: Path) -> list[dict[str, Any]]:
    lines = (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def without_duration(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if k != "duration"} for r in records]


def expected_directives_jsonl(root: Path, rels: list[str]) -> str:
    return "".join(dumps(r, indent=None) + "\n" for rel in rels for r in jsonl_records(parse_rel(root, rel)))


def expected_output(root: Path, rel: str) -> str:
    return render_json(parse_rel(root, rel))


def temporaries(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*") if p.name.endswith(".tmp"))


def tree(out: Path) -> dict[str, bytes]:
    """Every output file (not the batch's state folder), by relative path."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and ".protokol-batch" not in p.parts}
