"""Batch worker process: read, parse, render and write one input at a time.

The worker imports the heavy libraries (pymorphy3, pdf engines) once, warms them on
a tiny protocol, then for each task reads the input through the guards of
protokol.batch.files, parses and renders it, writes the output and its cached
directive records all-or-nothing (temporary files, then os.replace), and returns only
a small record. It dies with its parent (PR_SET_PDEATHSIG, plus a parent-pid check).

Test hooks (documented, read from the environment by the worker only):
PROTOKOL_TEST_HANG=<substring> makes the worker sleep forever on a path containing it,
PROTOKOL_TEST_CRASH=<substring> makes it kill itself with SIGKILL on such a path,
PROTOKOL_TEST_DELAY=<seconds> adds a pause to every file (for interrupt tests).
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import dataclasses
import hashlib
import io
import os
import signal
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from protokol.batch.files import out_of_space, read_input, write_all
from protokol.batch.pool import Job, _registry, discard, record_path
from protokol.batch.walk import UnsafeName
from protokol.errors import ProtokolError, ReadError
from protokol.output.safe import one_line as escaped, spreadsheet_text

_MAX_ERROR = 300

# result, the result as plain data, its directive records as jsonl -> the output file
Render = Callable[[Any, dict[str, Any], str], bytes]


def serve() -> None:
    """Entry point of a worker process: parent pid and socket fd are the last arguments."""
    die_with_parent(int(sys.argv[-2]))
    conn = Connection(int(sys.argv[-1]))
    try:
        job = conn.recv()
    except (EOFError, OSError):
        return
    worker_main(conn, job)
    # Every output was written and closed file by file: skip the interpreter's teardown
    # of the dictionaries and grammars (~0.1 s the parent would wait for at the end).
    os._exit(0)


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when its parent dies (Linux PR_SET_PDEATHSIG), and exit now
    if the parent is already gone (it died before the request was made)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    if os.getppid() != parent:
        os._exit(1)


def worker_main(conn: Connection, job: Job) -> None:
    """Serve tasks on conn until told to stop or the parent goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if not os.environ.get("PROTOKOL_BATCH_DEBUG"):
        _silence()
    try:
        render = _renderer(job.fmt)
        _warm_up(job)
    except BaseException as exc:  # noqa: BLE001 - report why the worker cannot start
        conn.send(("error", one_line(f"{type(exc).__name__}: {exc}")))
        return
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        index, rel, name = task
        record = process_file(job, rel, name, render)
        record["rss_kb"] = peak_rss_kb()
        record["cpu"] = cpu_seconds()
        try:
            conn.send((index, record))
        except (BrokenPipeError, OSError):
            return


def process_file(job: Job, rel: str, name: str, render: Render) -> dict[str, Any]:
    """Read, parse, render and write one input; the manifest record (without version).

    A full disk leaves the input's previous output and records as they were and marks
    the record "disk_full" (the parent stops the run)."""
    from protokol.output.json import jsonl_text, records_of
    from protokol.pipeline import parse_document
    from protokol.readers import read_bytes

    started = time.perf_counter()
    out = Path(job.out)
    record: dict[str, Any] = {"path": rel, "status": "failed", "error": None, "sha256": None,
                              "format": None, "output": None}
    counts = dict.fromkeys(("sections", "directives", "deadlines", "unparsed", "warnings"), 0)
    try:
        _test_hooks(rel)
        data = read_input(Path(job.root) / rel, rel, os.path.realpath(job.root), job.limits.max_bytes,
                          job.follow_links)
        record["sha256"] = hashlib.sha256(data).hexdigest()
        doc = read_bytes(data, display_name(rel), limits=job.limits)
        record["format"] = doc.format
        result = parse_document(doc, job.options)
        counts = _counts(result)
        plain = result.to_dict()  # once, for the records and the json output alike
        records = list(records_of(plain))
        lines = jsonl_text(records)
        write_all(out, [(record_path(out, rel), lines.encode("utf-8")),
                        (record_path(out, rel, ".csv"), csv_text(records).encode("utf-8")),
                        (out / name, render(result, plain, lines))], job.token)
        record.update(status="ok", output=name)
    except ReadError as exc:
        record["error"] = one_line(exc.why)
    except ProtokolError as exc:
        record["error"] = one_line(str(exc))
    except OSError as exc:
        record["error"] = one_line(f"cannot write output: {exc.strerror or exc}")
        record["disk_full"] = out_of_space(exc)
    except (UnsafeName, ValueError) as exc:
        record["error"] = one_line(str(exc))
    except MemoryError:
        record["error"] = "out of memory"
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the run
        record["error"] = one_line(f"internal error: {type(exc).__name__}: {exc}")
    if record["status"] == "failed" and not record.get("disk_full"):
        discard(out, rel, name)
        counts = dict.fromkeys(counts, 0)
    record.update(counts)
    record["duration"] = round(time.perf_counter() - started, 3)
    return record


CSV_COLUMNS = ("source", "protocol_number", "protocol_date", "section", "section_title", "id", "number",
               "parent", "kind", "text", "addressees", "responsible", "action", "deadlines", "due",
               "effective_due")


def csv_text(records: list[dict[str, Any]], header: bool = False) -> str:
    """directives.csv rows (RFC 4180: CRLF, quotes doubled) of directives.jsonl records."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(r) for r in records)
    return out.getvalue()


def csv_row(record: dict[str, Any]) -> list[str]:
    """One directive (a directives.jsonl record) as a row of CSV_COLUMNS.

    Lists are joined with "; " (deadline texts with " | "); due is the first deadline
    that has a date, effective_due its date after the regulation rule."""
    protocol, section = record.get("protocol") or {}, record.get("section") or {}
    deadlines = record.get("deadlines") or []
    dated = next((d for d in deadlines if d.get("due")), None)
    values = (
        (protocol.get("source") or {}).get("path"), protocol.get("number"), protocol.get("date"),
        section.get("number"), section.get("title"), record.get("id"), record.get("number"),
        record.get("parent"), record.get("kind"), record.get("text"), "; ".join(record.get("addressees") or ()),
        "; ".join(record.get("responsible") or ()), record.get("action"),
        " | ".join(d.get("text", "") for d in deadlines),
        dated["due"] if dated else None, (dated.get("effective_due") or dated["due"]) if dated else None,
    )
    return ["" if v is None else spreadsheet_text(str(v)) for v in values]


def display_name(rel: str) -> str:
    """The path as text: a file name that is not valid UTF-8 gets U+FFFD for its bad bytes."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return rel


def one_line(text: str) -> str:
    text = escaped(" ".join(str(text).split()))
    return text if len(text) <= _MAX_ERROR else text[:_MAX_ERROR - 1] + "…"


def peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM), in kB; 0 where /proc is missing."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def cpu_seconds() -> float:
    """CPU time this process has used so far (user + system)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _counts(result: Any) -> dict[str, int]:
    directives = [d for s in result.sections for d in s.directives]
    deadlines = [x for d in directives for x in d.deadlines]
    return {"sections": len(result.sections), "directives": len(directives), "deadlines": len(deadlines),
            "unparsed": sum(1 for x in deadlines if x.kind == "unparsed"), "warnings": len(result.warnings)}


def _renderer(fmt: str) -> Render:
    from protokol.output import json as jsonout

    if fmt == "json":
        return lambda result, plain, lines: jsonout.json_text(plain).encode("utf-8")
    if fmt == "jsonl":
        return lambda result, plain, lines: lines.encode("utf-8")
    registry = _registry()
    if registry is not None and fmt in registry:
        render = registry[fmt].render
    else:
        import importlib

        render = importlib.import_module(f"protokol.output.{fmt}").render
    return lambda result, plain, lines: _bytes(render([result]))


def _bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8")


_WARM_UP = ("ПРОТОКОЛ\nсовещания\n20 июня 2023 г. № 1\nРЕШИЛИ:\n"
            "1. Минфину обеспечить представление отчетов. Срок – до 1 июля 2023 г., еженедельно.\n")


def _warm_up(job: Job) -> None:
    """Load the morphology dictionaries and grammars before the first real file."""
    from protokol.pipeline import parse_document
    from protokol.readers import read_bytes

    limits = dataclasses.replace(job.limits, timeout=None)
    parse_document(read_bytes(_WARM_UP.encode("utf-8"), "<warm-up>", fmt="txt", limits=limits), job.options)


def _silence() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    import warnings

    warnings.simplefilter("ignore")


def _test_hooks(rel: str) -> None:
    hang = os.environ.get("PROTOKOL_TEST_HANG")
    if hang and hang in rel:
        time.sleep(10**6)
    crash = os.environ.get("PROTOKOL_TEST_CRASH")
    if crash and crash in rel:
        os.kill(os.getpid(), signal.SIGKILL)
    delay = os.environ.get("PROTOKOL_TEST_DELAY")
    if delay:
        time.sleep(float(delay))
