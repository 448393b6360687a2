"""Batch on a Dask distributed cluster: the same conversion, one Dask task per file.

    >>> config = BatchConfig(Path("/shared/archive"), Path("/shared/out"),
    ...                      scheduler="tcp://10.0.0.5:8786")          # doctest: +SKIP
    >>> run(config).ok                                                 # doctest: +SKIP

protokol.batch.run lists the archive, plans what is up to date, keeps the manifest and
builds the combined files exactly as for a local run; ClusterPool only stands in for
the local pool of worker processes (the same executor interface as
protokol.batch.pool.LocalPool: ``results``, ``close``, ``pids``, ``size``). Each file is a task running
protokol.batch.worker.process_file on some Dask worker, which reads the input and writes
its output and cached records (temporary files, then a rename) on storage every machine
sees under the same path: outputs are byte-identical to a local run's.

Streamed: at most ``in_flight`` futures exist at once (two per worker thread); each
result, a small record, is yielded as it completes (distributed.as_completed) and its
future is released. Nothing is gathered.

Crash isolation and the per-file timeout need no setting on the scheduler: a task
leaves a marker under ``OUT/.protokol-batch/cluster/<run token>/`` when it starts and
removes it when it ends. A worker that dies (SIGKILL, the OOM killer, a native crash)
leaves the marker behind; the scheduler gives the task to another worker, which sees
the marker and tries the file once more; a second death fails the file. A watchdog
thread kills its own worker process when a file runs past the timeout, after writing
why; the rerun of that task fails the file at once with "timed out after N s". Should
the scheduler give up first (its ``allowed-failures``), the KilledWorker error fails
the file the same way. Other files go on in every case; the nanny restarts the worker.

Tasks in one worker process run one at a time (parsing holds the GIL anyway): start
workers with ``--nthreads 1`` and as many ``--nworkers`` as cores.

dask[distributed] is an optional extra (``pip install 'protokol[dask]'``), imported
only here and only when a scheduler is given.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import shutil
import signal
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from protokol import __version__
from protokol.batch.files import discard
from protokol.batch.pool import Result, WorkerStartError
from protokol.batch.worker import Job, Task, failed_record
from protokol.batch.walk import STATE_DIR
from protokol.errors import ProtokolError

INSTALL = "pip install 'protokol[dask]'"
ATTEMPTS = 2  # a file that kills its worker this many times fails
WORKER_WAIT = 120.0  # seconds a run waits for a first worker to join a scheduler that has none



class ClusterError(ProtokolError):
    """The cluster cannot be used: dask missing, scheduler unreachable, workers broken."""


def require() -> Any:
    """The distributed module; ClusterError naming the extra when it is not installed."""
    try:
        import distributed
    except ImportError:
        raise ClusterError(f"--scheduler needs Dask distributed: {INSTALL}") from None
    return distributed


def storage_path(location: str) -> str:
    """A folder given as a path or a file:// URL (RFC 8089; fsspec's local storage) -> a path.

    Other URL schemes (s3://, gs://, ...) are refused with one line: mount the bucket on
    every machine (s3fs, rclone mount, NFS) and give the mounted path."""
    if "://" not in location:
        return location
    parts = urllib.parse.urlsplit(location)
    scheme = parts.scheme.lower()
    if scheme in ("file", "local") and parts.netloc in ("", "localhost") and parts.path:
        return urllib.parse.unquote(parts.path)
    if scheme in ("file", "local"):
        raise ClusterError(f"{location}: a file:// URL names a local path (file:///path/to/folder)")
    raise ClusterError(f"{location}: {scheme}:// storage is not read directly; mount it on every machine "
                       f"(s3fs, rclone mount, NFS) and give the mounted path")


# ------------------------------------------------------------------ client side


class ClusterPool:
    """Run tasks as Dask tasks on the cluster at `address`; results are yielded in
    completion order, as with protokol.batch.pool.LocalPool."""

    def __init__(self, address: str, job: Job, timeout: float) -> None:
        self.distributed = require()
        self.address = address
        # the workers' working folders are not ours: absolute paths (the same on every machine)
        self.job = dataclasses.replace(job, root=os.path.abspath(job.root), out=os.path.abspath(job.out))
        self.timeout = timeout
        self.size = 0  # worker threads of the cluster when the run started
        self.peak_rss_kb = 0
        self._cpu: dict[str, float] = {}
        self.client: Any = None
        self._flight: dict[str, tuple[Any, Task]] = {}

    @property
    def cpu_seconds(self) -> float:
        """CPU time of the worker processes that ran files (their last report, start-up included)."""
        return sum(self._cpu.values())

    def pids(self) -> tuple[int, ...]:
        return ()  # the workers are not this machine's children

    def results(self, tasks: Iterable[Task]) -> Iterator[Result | None]:
        self.client = connect(self.address)
        workers = self.client.scheduler_info()["workers"]
        if not workers:
            try:
                self.client.wait_for_workers(1, timeout=WORKER_WAIT)
            except TimeoutError:
                raise ClusterError(f"no Dask worker joined the scheduler at {self.address} in {WORKER_WAIT:g} s "
                                   f"(start some: dask worker {self.address})") from None
            workers = self.client.scheduler_info()["workers"]
        threads = sum(int(w.get("nthreads", 1)) for w in workers.values())
        self.size = threads
        in_flight = max(4, 2 * threads)
        pending = iter(tasks)
        finished = self.distributed.as_completed(loop=self.client.loop)
        for task in pending:
            finished.add(self._submit(task))
            if len(self._flight) >= in_flight:
                break
        for batch in finished.batches():
            for future in batch:
                _, task = self._flight.pop(future.key)
                record = self._record(future, task)
                future.release()
                following = next(pending, None)
                if following is not None:
                    finished.add(self._submit(following))
                yield task, record

    def close(self) -> list[Result]:
        """Cancel what is still queued or running (their previous outputs stay: a task
        replaces them only once all are written); no finished result is held back."""
        if self.client is not None:
            with contextlib.suppress(Exception):
                self.client.cancel([future for future, _ in self._flight.values()], force=True)
            with contextlib.suppress(Exception):
                self.client.close(timeout=5)
        self._flight.clear()
        self.client = None
        shutil.rmtree(Path(self.job.out) / STATE_DIR / "cluster" / self.job.token, ignore_errors=True)
        return []

    def _submit(self, task: Task) -> Any:
        future = self.client.submit(convert, self.job, task, self.timeout, __version__,
                                    key=f"protokol-{self.job.token}-{task[0]}", pure=False, retries=0)
        self._flight[future.key] = (future, task)
        return future

    def _record(self, future: Any, task: Task) -> dict[str, Any]:
        _, rel, name = task
        if future.status == "finished":
            record: dict[str, Any] = future.result()
            if record.get("broken"):
                raise WorkerStartError(record["error"])
            self.peak_rss_kb = max(self.peak_rss_kb, int(record.get("rss_kb", 0)))
            self._cpu[str(record.get("pid", ""))] = float(record.get("cpu", 0.0))
            return record
        error = future.exception() if future.status == "error" else None
        if error is None or type(error).__name__ != "KilledWorker":
            why = f"{type(error).__name__}: {error}" if error is not None else f"task {future.status}"
            raise ClusterError(f"Dask workers cannot run protokol ({why}); install protokol {__version__} "
                               f"with the dask extra on every worker: {INSTALL}")
        discard(Path(self.job.out), rel, name)
        return failed_record(rel, "worker crashed (the Dask worker died on this file)")


def connect(address: str) -> Any:
    """A client of the scheduler at `address`, or ClusterError in one line. How long it
    tries is Dask's setting (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT, 30s by default)."""
    distributed = require()
    try:
        return distributed.Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from None


# ------------------------------------------------------------------ worker side

_LOCK = threading.Lock()  # one file at a time per worker process


def convert(job: Job, task: Task, timeout: float, version: str) -> dict[str, Any]:
    """The Dask task: convert one file, return its manifest record (see the module docstring)."""
    index, rel, name = task
    if version != __version__:
        return failed_record(rel, f"the Dask worker runs protokol {__version__}, this run {version}")
    out = Path(job.out)
    if not (out / STATE_DIR / "runs" / job.token).exists():
        return failed_record(rel, "the run has ended")  # a task that outlived a cancelled run
    with _LOCK:
        from protokol.batch.worker import cpu_seconds, peak_rss_kb, prepare, process_file

        prepare(job)  # this process warms up once (libraries, grammars), outside the file's timeout
        marks = _Marks(out, job.token, rel)
        earlier = marks.earlier()
        if earlier is not None:
            discard(out, rel, name)
            return failed_record(rel, earlier[0], earlier[1])
        marks.start()
        with _watchdog(timeout, marks):
            record = process_file(job, index, rel, name)
        marks.clear()
    record.update(rss_kb=peak_rss_kb(), cpu=cpu_seconds(), pid=f"{socket.gethostname()}:{os.getpid()}")
    return record


class _Marks:
    """The markers of one file in one run: ``<sha1>.<attempt>`` while a try runs,
    ``<sha1>.timeout`` (why and how long, as JSON) once it ran past the timeout."""

    def __init__(self, out: Path, token: str, rel: str) -> None:
        self.folder = out / STATE_DIR / "cluster" / token
        self.stem = hashlib.sha1(rel.encode("utf-8", "surrogateescape")).hexdigest()
        self.started = time.monotonic()
        self.mine: Path | None = None

    def earlier(self) -> tuple[str, float] | None:
        """Why the file fails without another try (error, duration), or None."""
        try:
            timed_out = json.loads((self.folder / f"{self.stem}.timeout").read_text(encoding="utf-8"))
            return str(timed_out["error"]), float(timed_out["duration"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        if self._attempts() >= ATTEMPTS:
            return f"worker crashed (the Dask worker died {ATTEMPTS} times on this file)", 0.0
        return None

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.started = time.monotonic()
        for attempt in range(self._attempts() + 1, self._attempts() + 100):
            path = self.folder / f"{self.stem}.{attempt}"
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                continue
            self.mine = path
            return

    def timed_out(self, timeout: float) -> None:
        note = {"error": f"timed out after {timeout:g} s", "duration": round(time.monotonic() - self.started, 3)}
        (self.folder / f"{self.stem}.timeout").write_text(json.dumps(note), encoding="utf-8")

    def clear(self) -> None:
        for path in self.folder.glob(f"{self.stem}.*"):
            with contextlib.suppress(OSError):
                path.unlink()

    def _attempts(self) -> int:
        try:
            return sum(1 for n in os.listdir(self.folder) if n.startswith(self.stem + ".") and n[41:].isdigit())
        except OSError:
            return 0


@contextlib.contextmanager
def _watchdog(timeout: float, marks: _Marks) -> Iterator[None]:
    """Kill this worker process when the block runs past `timeout` (a hang in native code
    or in a loop cannot be stopped otherwise); the marker says why."""

    def fire() -> None:
        with contextlib.suppress(OSError):
            marks.timed_out(timeout)
        os.kill(os.getpid(), signal.SIGKILL)

    timer = threading.Timer(timeout, fire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
