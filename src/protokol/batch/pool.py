"""Batch workers: a small pool of processes, one file at a time each, killable one by one.

Each worker is a spawned process with its own duplex pipe; the parent hands it one
(index, relative path) task at a time and waits on every pipe and process sentinel at
once. A worker that runs past the per-file timeout is killed and replaced, and so is
one that dies (a crash in a native library, the OOM killer, a SIGKILL): only the file
it held fails. A shared queue is never used, since killing a process that holds a
queue's lock can wedge the queue for everyone.

The worker's side is protokol.batch.worker. PROTOKOL_BATCH_DEBUG=1 keeps the workers'
stdout/stderr (otherwise /dev/null, so that native libraries' chatter cannot garble a
progress bar).
"""

from __future__ import annotations

import contextlib
import hashlib
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

from protokol.batch.walk import STATE_DIR
from protokol.errors import ProtokolError

_EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "csv": ".csv", "xlsx": ".xlsx", "ics": ".ics"}
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
                [sys.executable, "-c", "from protokol.batch.worker import serve; serve()", str(os.getpid()),
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
