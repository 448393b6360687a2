"""Batch manifest and combined files: records as JSON lines, rebuilt atomically.

The journal appends one record per finished input while the run goes on; at the end
the manifest is rewritten sorted by path and the combined files are the workers'
cached directive records concatenated in that order: directives.jsonl, one directive
per line (`protokol parse --format jsonl`), and directives.csv, the control register
written by `protokol parse --format csv --excel` (Russian headers, formula-like cells
defused, UTF-8 with BOM, ";" and dd.mm.yyyy dates, so Excel opens it as is), its rows
numbered across the whole archive.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

import orjson

from protokol.batch.files import atomic
from protokol.batch.names import RECORDS, SHARE, record_file
from protokol.batch.walk import sort_key

MANIFEST = "manifest.jsonl"
DIRECTIVES_JSONL = "directives.jsonl"
DIRECTIVES_CSV = "directives.csv"
MANIFEST_FIELDS = ("path", "status", "reused", "error", "sha256", "format", "output", "sections", "directives",
                   "deadlines", "unparsed", "warnings", "duration", "version", "settings")


def load_manifest(path: Path) -> dict[str, dict[str, Any]]:
    """Records by input path; a later line wins; a torn or foreign line is ignored."""
    records: dict[str, dict[str, Any]] = {}
    try:
        fh = open(path, encoding="utf-8", errors="replace")
    except OSError:
        return records
    with fh:
        for line in fh:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("path"), str):
                records[record["path"]] = record
    return records


def write_manifest(path: Path, records: list[dict[str, Any]], token: str) -> None:
    ordered = sorted(records, key=lambda r: sort_key(r["path"]))
    with atomic(path, token) as fh:
        for record in ordered:
            fh.write(manifest_line({k: record.get(k) for k in MANIFEST_FIELDS}))


def manifest_line(record: dict[str, Any]) -> str:
    """One JSON line, UTF-8 as is; a path that is not valid UTF-8 keeps its exact value
    through \\udcXX escapes (the line is then ASCII), so that resuming finds it again."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


class Journal:
    """The manifest opened for appending records one by one (unbuffered: a failed write
    raises at once, and nothing is left to flush at close). A torn last line left by a
    crash or a full disk is cut off first, so every line is a whole record.

    Records reach the file at once (a killed run loses none); fsync, for a crash of the
    machine, is grouped: ``sync()`` syncs once ``group`` records are waiting or the oldest
    waiting one is ``delay`` seconds old, ``sync(force=True)`` always."""

    def __init__(self, path: Path, group: int = 256, delay: float = 0.5) -> None:
        self.group, self.delay = group, delay
        self.waiting, self.since = 0, 0.0
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o666)
        size = os.fstat(self.fd).st_size
        tail = os.pread(self.fd, min(size, 1 << 16), max(0, size - (1 << 16))) if size else b"\n"
        if not tail.endswith(b"\n"):
            cut = tail.rfind(b"\n")
            if cut >= 0 or size <= len(tail):
                os.ftruncate(self.fd, size - len(tail) + cut + 1)
            else:  # pragma: no cover - a torn line longer than 64 KB: end it instead
                self.write("\n")

    def write(self, line: str) -> None:
        data = memoryview(line.encode("utf-8"))
        while data:
            data = data[os.write(self.fd, data):]
        if not self.waiting:
            self.since = time.monotonic()
        self.waiting += 1

    def sync(self, force: bool = False) -> None:
        if not self.waiting and not force:
            return
        if force or self.waiting >= self.group or time.monotonic() - self.since >= self.delay:
            os.fsync(self.fd)
            self.waiting = 0

    def close(self) -> None:
        """Sync what is still waiting (a failure here loses no record of a live system) and close."""
        try:
            if self.waiting:
                os.fsync(self.fd)
        except OSError:
            pass
        finally:
            os.close(self.fd)


# ------------------------------------------------------------------ combined files


def write_combined(out: Path, records: list[dict[str, Any]], token: str) -> None:
    """directives.jsonl and directives.csv: the workers' cached records, in manifest order;
    then the archive's register, calendar and references from them."""
    start_combined(out, records, token)()


def start_combined(out: Path, records: list[dict[str, Any]], token: str,
                   writer: subprocess.Popen[bytes] | None = None) -> Callable[[], None]:
    """write_combined, but the register, calendar and references are only started (in a
    child process, from each file's share: protokol.output.pieces, while this process
    writes directives.jsonl and directives.csv): returns the function that waits for them."""
    from protokol.output.archive import start_archive_outputs  # register.xlsx/.csv, calendar.ics, references.jsonl
    from protokol.output.csv import header, numbered

    folder = str(out)
    ordered = [record["path"] for record in sorted(records, key=lambda r: sort_key(r["path"]))]
    files = [(record_file(folder, rel, SHARE), record_file(folder, rel, RECORDS)) for rel in ordered]
    wait = start_archive_outputs(out, files=files, child=writer)
    try:
        number = 1
        with atomic(out / DIRECTIVES_JSONL, token, binary=True) as jsonl, \
                atomic(out / DIRECTIVES_CSV, token, binary=True) as table:
            table.write(header(excel=True).encode("utf-8"))
            for share, cached in files:
                _copy(cached, jsonl)
                rows = _rows(share)
                table.write(numbered(rows, number).encode("utf-8"))
                number += len(rows)
    except BaseException:
        with contextlib.suppress(Exception):
            wait()
        raise
    return wait


def _copy(path: str, target: Any) -> None:
    try:
        with open(path, "rb") as fh:
            shutil.copyfileobj(fh, target)
    except FileNotFoundError:
        return


def _rows(path: str) -> list[str]:
    """A file's directives.csv rows, from its share file."""
    from protokol.output.pieces import read_share_head

    share = read_share_head(path)
    rows = share.get("rows") if share is not None else None
    return rows if isinstance(rows, list) else []
