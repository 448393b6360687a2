"""Where the agenda's protocols come from: protocol files, folders of them, contract JSON
files, and `protokol batch` output folders (read from their manifest and JSON outputs,
never parsed again).

`load(paths, parse)` yields a Loaded per protocol, in the order given (a folder's files
sorted by name); `parse(path)` turns a protocol file into its contract dict (the CLI
passes protokol.convert with its options). A failure is a Loaded with `error` set: the
caller reports it and goes on.

A batch folder (one holding manifest.jsonl) gives one protocol per `ok` record of its
manifest: its JSON output when the batch wrote JSON, else the protocol's records in
directives.jsonl (the batch's combined file, written whatever the format). Failed inputs
of the batch are reported as errors.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST = "manifest.jsonl"
DIRECTIVES = "directives.jsonl"
PROTOCOL_SUFFIXES = (".docx", ".pdf", ".txt", ".doc", ".rtf", ".odt")
Parser = Callable[[Path], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Loaded:
    path: str
    data: dict[str, Any] | None = None
    error: str | None = None


def _loads(raw: bytes) -> Any:
    import orjson

    return orjson.loads(raw)


def load(paths: list[str], parse: Parser) -> Iterator[Loaded]:
    for name in paths:
        path = Path(name)
        if path.is_dir() and (path / MANIFEST).is_file():
            yield from batch_folder(path)
        elif path.is_dir():
            yield from _folder(path, parse)
        elif path.suffix.lower() in (".json", ".jsonl") and path.is_file():
            yield from json_file(path)
        else:
            yield _parsed(path, parse)


def _parsed(path: Path, parse: Parser) -> Loaded:
    from protokol.errors import ProtokolError

    try:
        return Loaded(str(path), parse(path))
    except ProtokolError as exc:
        return Loaded(str(path), error=str(exc))


def _folder(root: Path, parse: Parser) -> Iterator[Loaded]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        found.extend(Path(folder) / f for f in sorted(files) if f.lower().endswith(PROTOCOL_SUFFIXES))
    for path in found:
        yield _parsed(path, parse)


def json_file(path: Path) -> Iterator[Loaded]:
    """A contract JSON file (`parse --format json`: one result, or an array of them), or a
    jsonl of directive records (`parse --format jsonl`, a batch's directives.jsonl)."""
    try:
        raw = path.read_bytes()
        if path.suffix.lower() == ".jsonl":
            yield from _from_records(str(path), raw)
            return
        data = _loads(raw)
    except (OSError, ValueError) as exc:
        yield Loaded(str(path), error=_why(exc))
        return
    for item in data if isinstance(data, list) else [data]:
        if isinstance(item, dict) and isinstance(item.get("sections"), list):
            yield Loaded(str(path), item)
        else:
            yield Loaded(str(path), error="not a protokol result (no 'sections')")
            return


def batch_folder(out: Path) -> Iterator[Loaded]:
    """One Loaded per input of a batch run's manifest (failed inputs as errors)."""
    records = _manifest(out / MANIFEST)
    fallback: dict[str, dict[str, Any]] | None = None
    for record in records.values():
        rel = record["path"]
        if record.get("status") != "ok":
            if record.get("status") == "failed":
                yield Loaded(rel, error=f"failed in the batch: {record.get('error') or 'unknown error'}")
            continue
        output = record.get("output") or ""
        if output.endswith(".json"):
            try:
                yield Loaded(rel, _loads((out / output).read_bytes()))
            except (OSError, ValueError) as exc:
                yield Loaded(rel, error=f"{output}: {_why(exc)}")
            continue
        if fallback is None:
            fallback = {d.path: d.data for d in _from_records(str(out / DIRECTIVES), _read(out / DIRECTIVES)) if d.data}
        yield Loaded(rel, fallback.get(rel) or _empty(rel))


def _manifest(path: Path) -> dict[str, dict[str, Any]]:
    """Records by path, a later line winning; a torn or foreign line is skipped."""
    records: dict[str, dict[str, Any]] = {}
    for line in _read(path).splitlines():
        try:
            record = _loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("path"), str):
            records[record["path"]] = record
    return records


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _from_records(name: str, raw: bytes) -> Iterator[Loaded]:
    """Directive records (jsonl) regrouped into one contract-shaped dict per source."""
    protocols: dict[str, dict[str, Any]] = {}
    sections: dict[tuple[str, Any, Any], dict[str, Any]] = {}
    for line in raw.splitlines():
        try:
            record = _loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict) or not isinstance(record.get("protocol"), dict):
            continue
        head = record["protocol"]
        source = head.get("source") or {}
        path = source.get("path") if isinstance(source, dict) else str(source)
        key = path or name
        if key not in protocols:
            protocols[key] = {"source": {"path": key}, "sections": [],
                              "protocol": {"number": head.get("number"), "date": head.get("date")}}
        where = record.get("section") or {}
        skey = (key, where.get("number"), where.get("title"))
        if skey not in sections:
            sections[skey] = {"number": where.get("number"), "title": where.get("title") or "", "directives": []}
            protocols[key]["sections"].append(sections[skey])
        sections[skey]["directives"].append(record)
    for key, data in protocols.items():
        yield Loaded(key, data)


def _empty(rel: str) -> dict[str, Any]:
    return {"source": {"path": rel}, "protocol": {}, "sections": []}


def _why(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)) or type(exc).__name__
