"""Batch workers: a small pool of processes, one file at a time each, killable one by one.

Each worker is a spawned process with its own duplex pipe; the parent hands it one
(index, relative path) task at a time and waits on every pipe and process sentinel at
once. A worker that runs past the per-file timeout is killed and replaced, and so is
one that dies (a crash in a native library, the OOM killer, a SIGKILL): only the file
it held fails. A shared queue is never used, since killing a process that holds a
queue's lock can wedge the queue for everyone.

The worker imports the heavy libraries (pymorphy3, pdf engines) once, warms them on
a tiny protocol, then parses, renders and writes each output atomically (a hidden
temporary file in the same folder + os.replace), and returns only a small record.

Test hooks (documented, read from the environment by the worker only):
PROTOKOL_TEST_HANG=<substring> makes the worker sleep forever on a path containing it,
PROTOKOL_TEST_CRASH=<substring> makes it kill itself with SIGKILL on such a path,
PROTOKOL_TEST_DELAY=<seconds> adds a pause to every file (for interrupt tests).
PROTOKOL_BATCH_DEBUG=1 keeps the workers' stdout/stderr (otherwise /dev/null, so that
native libraries' chatter cannot garble a progress bar).
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
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from protokol.batch_files import out_of_space, read_input, write_all
from protokol.batch_walk import STATE_DIR, UnsafeName
from protokol.errors import ProtokolError, ReadError
from protokol.output.safe import one_line as escaped, spreadsheet_text

_EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "csv": ".csv", "xlsx": ".xlsx", "ics": ".ics"}
_MAX_ERROR = 300
BOOT_TIMEOUT = 60.0  # seconds a worker may take to import and warm up (or the file timeout, if longer)


@dataclass(frozen=True, slots=True)
class Job:
    """What every worker needs to know; pickled once per worker."""

    root: str
    out: str
    fmt: str
    extension: str
    options: Any  # protokol.pipeline.Options
    limits: Any  # protokol.readers.Limits
    token: str = "0" * 16  # the run's token, in every temporary file's name
    follow_links: bool = False  # read inputs whose real location is outside the archive


Task = tuple[int, str, str]  # index, input path, output name


# result, the result as plain data, its directive records as jsonl -> the output file
Render = Callable[[Any, dict[str, Any], str], bytes]


# ------------------------------------------------------------------ names


def extension(fmt: str) -> str:
    """The output extension of a format, with its dot; ValueError when unknown."""
    registry = _registry()
    if registry is not None and fmt in registry and fmt not in ("json", "jsonl"):
        return "." + str(registry[fmt].extension).lstrip(".")
    if fmt in _EXTENSIONS:
        return _EXTENSIONS[fmt]
    known = sorted(set(_EXTENSIONS) | set(registry or ()))
    raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(known)})")


def record_path(out: Path, rel: str, suffix: str = ".jsonl") -> Path:
    """The cached directive records of one input (.jsonl lines, .csv rows): a flat, safe
    name per relative path, so that combined files are a concatenation in manifest order."""
    digest = hashlib.sha1(rel.encode("utf-8", "surrogateescape")).hexdigest()
    return out / STATE_DIR / "records" / digest[:2] / f"{digest}{suffix}"


def discard(out: Path, rel: str, name: str) -> None:
    """Remove the output and cached records of one input (after a failure)."""
    for path in (out / name if name else None, record_path(out, rel), record_path(out, rel, ".csv")):
        if path is not None:
            try:
                path.unlink()
            except OSError:
                pass


def _registry() -> Any:
    try:
        from protokol.output.formats import FORMATS  # type: ignore[import-not-found]
    except ImportError:
        return None
    return FORMATS


# ------------------------------------------------------------------ worker side


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


# ------------------------------------------------------------------ parent side


class WorkerStartError(ProtokolError):
    """Workers die before they are ready (a broken installation)."""


class _Worker:
    """A worker process (python -c serve) talking over its own socket pair.

    Not multiprocessing.Process: spawning re-imports the caller's __main__ in every
    worker (a script without a main guard, or code read from stdin, breaks), and a
    plain subprocess can be killed and replaced without touching anything shared.
    """

    __slots__ = ("process", "conn", "task", "since", "ready", "started")

    def __init__(self, job: Job) -> None:
        ours, theirs = socket.socketpair()
        quiet = None if os.environ.get("PROTOKOL_BATCH_DEBUG") else subprocess.DEVNULL
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from protokol.batch_pool import serve; serve()", str(os.getpid()),
                 str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=quiet, stderr=quiet,
                env=_worker_env())
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())
        self.conn.send(job)
        self.task: Task | None = None
        self.since = 0.0
        self.ready = False
        self.started = time.monotonic()

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def send(self, task: Task) -> None:
        self.task = task
        self.since = time.monotonic()
        self.conn.send(task)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover - unkillable (D state)
            pass
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass


def _worker_env() -> dict[str, str]:
    """The environment, with this protokol first on the path (also when not installed)."""
    env = dict(os.environ)
    here = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    return env


Done = Callable[[int, str, dict[str, Any]], None]


class Pool:
    """Run tasks on `size` worker processes; results come back through `done`.

    `done(index, rel, record)` is called in the parent for each task, in completion
    order; a killed or crashed worker's task gets a failed record made here.
    `pids()` lists the live workers (tests signal them).
    """

    def __init__(self, size: int, job: Job, timeout: float, done: Done) -> None:
        self.size = max(1, size)
        self.job = job
        self.timeout = timeout
        self.done = done
        self.workers: list[_Worker] = []
        self.peak_rss_kb = 0
        self._cpu: dict[int, float] = {}
        self._boot_failures = 0
        self._boot_error = ""
        self._exhausted = False
        self._pending: Iterator[Task] = iter(())

    @property
    def cpu_seconds(self) -> float:
        """CPU time the workers reported, warm-up included (a killed worker's last report)."""
        return sum(self._cpu.values())

    def pids(self) -> tuple[int, ...]:
        return tuple(w.pid for w in self.workers)

    def run(self, tasks: Iterator[Task], on_round: Callable[[], None] | None = None) -> None:
        """Process every task; on_round runs after each batch of results that arrived together."""
        self._pending = iter(tasks)
        for _ in range(self.size):
            self.workers.append(_Worker(self.job))
        while True:
            for worker in self.workers:
                self._feed(worker)
            if self._exhausted and all(w.task is None for w in self.workers):
                return
            self._wait()
            if on_round is not None:
                on_round()

    def _feed(self, worker: _Worker) -> None:
        """Give an idle, ready worker its next task, if any is left."""
        if not worker.ready or worker.task is not None or self._exhausted:
            return
        task = next(self._pending, None)
        if task is None:
            self._exhausted = True
        else:
            worker.send(task)

    def close(self) -> list[Task]:
        """Stop every worker; the tasks they still held (unfinished), in index order.
        Their previous outputs stay: a worker replaces them only once all are written."""
        held = sorted(w.task for w in self.workers if w.task is not None)
        self._exhausted = True
        for worker in self.workers:
            if worker.task is None and worker.ready:
                worker.stop()
        deadline = time.monotonic() + 2
        for worker in self.workers:
            if worker.task is None and worker.ready:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    worker.process.wait(max(0.0, deadline - time.monotonic()))
            worker.kill()
        self.workers.clear()
        return held

    def _wait(self) -> None:
        now = time.monotonic()
        busy = [w for w in self.workers if w.task is not None]
        limit = min((w.since + self.timeout for w in busy), default=now + 1.0)
        wait([w.conn for w in self.workers], timeout=max(0.0, min(limit - now, 1.0)))
        for worker in list(self.workers):
            self._service(worker)

    def _service(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                self._message(worker, worker.conn.recv())
        except (EOFError, OSError):
            try:
                worker.process.wait(1)
            except subprocess.TimeoutExpired:
                self._replace(worker, "worker stopped answering")
                return
        now = time.monotonic()
        if not worker.alive():
            self._replace(worker, _death(worker.process.returncode))
        elif worker.task is not None and now - worker.since > self.timeout:
            self._replace(worker, f"timed out after {self.timeout:g} s")
        elif not worker.ready and now - worker.started > max(BOOT_TIMEOUT, self.timeout):
            self._replace(worker, "worker did not start in time")

    def _message(self, worker: _Worker, message: tuple[Any, Any]) -> None:
        head, body = message
        if head == "ready":
            worker.ready = True
            self._boot_failures = 0
        elif head == "error":
            self._boot_error = body
        elif worker.task is not None and head == worker.task[0]:
            with deferred_signals():  # Ctrl-C cannot fall between "done" and "recorded"
                index, rel, _ = worker.task
                worker.task = None
                self._feed(worker)  # the next file first: the parent's bookkeeping overlaps the work
                self.peak_rss_kb = max(self.peak_rss_kb, int(body.pop("rss_kb", 0)))
                self._cpu[worker.pid] = float(body.pop("cpu", 0.0))
                self.done(index, rel, body)

    def _replace(self, worker: _Worker, why: str) -> None:
        worker.kill()
        self.workers.remove(worker)
        if worker.task is not None:
            with deferred_signals():
                index, rel, name = worker.task
                discard(Path(self.job.out), rel, name)
                self.done(index, rel, failed_record(rel, why, time.monotonic() - worker.since))
        elif not worker.ready:
            self._boot_failures += 1
            if self._boot_failures >= 3:
                raise WorkerStartError(f"batch workers fail to start: {self._boot_error or why}")
        if not self._exhausted:
            self.workers.append(_Worker(self.job))


@contextlib.contextmanager
def deferred_signals() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for a few statements (delivered right after)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def failed_record(rel: str, why: str, duration: float = 0.0) -> dict[str, Any]:
    record: dict[str, Any] = {"path": rel, "status": "failed", "error": why, "sha256": None,
                              "format": None, "output": None}
    record.update(dict.fromkeys(("sections", "directives", "deadlines", "unparsed", "warnings"), 0))
    record["duration"] = round(duration, 3)
    return record


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"worker crashed (killed by {name})"
    return f"worker crashed (exit code {code})"
