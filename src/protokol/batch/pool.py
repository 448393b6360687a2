"""The local executor of a batch: a pebble.ProcessPool of worker processes.

An executor turns a stream of tasks (index, relative path, output name) into a stream
of (task, record) pairs, in the order the files finish (protokol.batch.run consumes
it; another executor, such as a Dask cluster, only has to do the same):

    class Executor(Protocol):
        size: int                                   # workers, for the summary
        def results(self, tasks) -> Iterator[tuple[Task, dict] | None]: ...
        def pids(self) -> tuple[int, ...]: ...      # live worker processes (tests signal them)
        def close(self) -> list[tuple[Task, dict]]: # stop every worker; idempotent; the results
                                                    # that came in but were not taken yet

``results`` yields None now and then while nothing finishes (the caller's clock: the
manifest's fsync by age). The record is protokol.batch.worker.process_file's, or one made
here for a file whose worker was killed (a timeout) or died (a crash, the OOM killer, a
SIGKILL): only that file fails, with its outputs removed, and the run goes on.

What pebble gives: workers started once with ``initializer=`` (worker.start_local_worker:
the job, the per-file timeout and the run's environment handed over, test hooks read),
a chunk's timeout (``schedule(timeout=)``, the sum of its files' timeouts and a little
more: the worker is stopped and replaced, the future raises TimeoutError), a dead worker
replaced and reported on its chunk's future (ProcessExpired). Workers are forked by a
fork server that has loaded protokol once (protokol.batch.zygote: a worker starts warm
in a few milliseconds of CPU, where it used to load libraries, dictionaries and grammars
itself, ~0.3 s; the caller's ``__main__`` is never imported again: a script without a
main guard, or code read from stdin, still works), or, where there is none, by the run
itself (which has imported none of the heavy libraries, so a fork is small).

What is kept here, and why:

* tasks are chunks of small files (protokol.batch.chunks: up to 32 .txt/.docx files or
  1 MB; any other file alone), so that the parent's cost per task (a future, a message
  each way, pebble's threads waking) is paid once for many files; a chunk's records come
  back together, and each is recorded on its own;
* the per-file timeout is the worker's: it sets an alarm (SIGALRM, default action) for
  each file, so a file that hangs, even in native code, kills its worker after
  ``timeout`` seconds, not after its chunk's sum of them;
* a chunk whose worker died: its side file (protokol.batch.chunks) tells which of its
  files were done (recorded as usual: their outputs are in place) and which one was
  running (it fails: "timed out after N s" for the alarm or pebble's timeout, "worker
  crashed (...)" otherwise); the files it had not reached are given again one by one;
  at Ctrl-C (``close``) the files the unfinished chunks had done are returned too, so
  that no output stands without its record;
* at most two chunks in flight per worker (``schedule`` would take every task of a huge
  archive at once, each with its future): one running, one waiting in the pipe, so a
  worker never waits on the parent, and results stream as chunks finish;
* a restart: pebble declares the whole pool broken when a worker dies while no task is
  known to be running (a worker killed before it took its first chunk, or between
  taking a task and the parent hearing of it), and its workers share one pipe guarded
  by a lock, which a worker killed while holding it would hold forever. Then nothing
  finishes; on a broken pool (told by a future, by ``schedule`` or by the pool's state),
  or after ``timeout`` + STALL seconds without a result, the pool is replaced and the
  unfinished chunks are given again (their outputs are written all-or-nothing, so a
  file that ran twice writes the same bytes). Three restarts without a single result in
  between mean the workers cannot work: WorkerStartError;
* workers die with their parent, even a SIGKILLed one (PR_SET_PDEATHSIG, set in the
  initializer; a worker of the fork server dies with the server, which ends with the
  run's process): pebble's workers would wait on their pipe forever;
* ``pids()`` asks the system at most every 0.2 s (the progress callback asks per file).

PROTOKOL_BATCH_DEBUG=1 keeps the workers' stdout/stderr (otherwise /dev/null, so that
native libraries' chatter cannot garble a progress bar).
"""

from __future__ import annotations

import math
import multiprocessing
import os
import queue
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any, Protocol

from protokol.batch.chunks import Chunk, chunked, progress
from protokol.batch.files import discard
from protokol.batch.worker import Job, Task, failed_record, one_line, process_chunk, start_local_worker
from protokol.batch.zygote import start_context
from protokol.errors import ProtokolError

IN_FLIGHT = 2  # chunks per worker: one running, one waiting
PIDS_AGE = 0.2  # seconds pids() may be behind
SLACK = 5.0  # seconds a chunk may take beyond its files' timeouts before pebble stops its worker
TICK = 0.5  # seconds: results() yields None when nothing finished for this long
STALL = 30.0  # seconds past the timeout without any result: the pool is wedged
_WORKER_NAME = "pebble_pool_worker"

Result = tuple[Task, dict[str, Any]]


class WorkerStartError(ProtokolError):
    """The workers cannot work (a broken installation, workers that die at once)."""


class Executor(Protocol):
    size: int

    def results(self, tasks: Iterable[Task]) -> Iterator[Result | None]: ...

    def pids(self) -> tuple[int, ...]: ...

    def close(self) -> list[Result]: ...


class LocalPool:
    """`size` local worker processes (see the module docstring)."""

    def __init__(self, size: int, job: Job, timeout: float) -> None:
        self.size = max(1, size)
        self.job = job
        self.timeout = timeout
        self._pool: Any = None
        self._pending: dict[Future[list[dict[str, Any]]], tuple[Chunk, float]] = {}
        self._again: deque[Chunk] = deque()
        self._chunks: Iterator[Chunk] = iter(())
        self._fruitless = 0  # restarts since the last result
        self._pids: tuple[float, tuple[int, ...]] = (-math.inf, ())
        self._finished: queue.SimpleQueue[Future[list[dict[str, Any]]]] = queue.SimpleQueue()  # done futures

    def results(self, tasks: Iterable[Task]) -> Iterator[Result | None]:
        self._chunks = chunked(tasks, self.job.root, self.size)
        self._start()
        last = time.monotonic()
        while True:
            if not self._fill():
                self._restart("the pool broke")
                continue
            if not self._pending:
                return
            done = self._done()
            if not done:
                if not self._pool.active:  # broken, with no future told
                    self._restart("the pool broke")
                elif time.monotonic() - last > self.timeout + STALL:
                    self._restart("no result for a long time")
                    last = time.monotonic()
                yield None
                continue
            last = time.monotonic()
            broken = False
            for future in done:
                chunk, since = self._pending.pop(future)
                results = self._results(future, chunk, since)
                if results is None:
                    self._again.append(chunk)
                    broken = True
                    continue
                self._fruitless = 0
                broken = not self._fill() or broken  # the next chunk first: the bookkeeping overlaps the work
                yield from results
            if broken:
                self._restart("the pool broke")

    def pids(self) -> tuple[int, ...]:
        """The live workers (asked of the system at most every PIDS_AGE seconds: the
        progress callback asks after every file)."""
        now = time.monotonic()
        if now - self._pids[0] >= PIDS_AGE:
            self._pids = (now, tuple(sorted(p.pid for p in multiprocessing.active_children()
                                            if p.name == _WORKER_NAME and p.pid is not None)))
        return self._pids[1]

    def close(self) -> list[Result]:
        """Stop every worker (a file in progress keeps its previous output); the files
        that finished but were not taken yet (their outputs are in place)."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.stop()
            pool.join()
        finished: list[Result] = []
        for future, (chunk, _) in self._pending.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                records = future.result()
            else:  # the files of the chunk its worker had done
                records = list(progress(self.job.out, self.job.token, chunk)[0].values())
            by_index = {record.get("index"): record for record in records if not record.get("broken")}
            finished.extend((task, by_index[task[0]]) for task in chunk if task[0] in by_index)
        self._pending.clear()
        return sorted(finished, key=lambda result: result[0])

    # ------------------------------------------------------------ inside

    def _start(self) -> None:
        from pebble import ProcessPool

        from protokol.batch.zygote import start_early

        start_early()  # the fork server, if any, started by this thread: it dies with it (preload)
        self._pool = ProcessPool(max_workers=self.size, initializer=start_local_worker,
                                 initargs=(self.job, os.getpid(), self.timeout, dict(os.environ)),
                                 context=start_context())

    def _done(self) -> list[Future[list[dict[str, Any]]]]:
        """The futures that finished (waiting up to TICK for one), in the order of their files."""
        done = []
        try:
            future = self._finished.get(timeout=TICK)
            while True:
                if future in self._pending:  # not one of a pool replaced since
                    done.append(future)
                future = self._finished.get_nowait()
        except queue.Empty:
            pass
        return sorted(done, key=lambda f: self._pending[f][0][0][0])

    def _fill(self) -> bool:
        """Chunks given to the pool up to IN_FLIGHT per worker; False when the pool broke."""
        while len(self._pending) < IN_FLIGHT * self.size:
            chunk = self._again.popleft() if self._again else next(self._chunks, None)
            if chunk is None:
                return True
            try:
                future = self._pool.schedule(process_chunk, args=(chunk,),
                                             timeout=len(chunk) * self.timeout + SLACK)
            except RuntimeError:  # the pool broke (a worker died while no task was running)
                self._again.appendleft(chunk)
                return False
            self._pending[future] = (chunk, time.monotonic())
            future.add_done_callback(self._finished.put)
        return True

    def _results(self, future: Future[list[dict[str, Any]]], chunk: Chunk, since: float) -> list[Result] | None:
        """The chunk's files and their records; None when the pool broke before the chunk
        was done. A chunk whose worker died (a timeout, a crash): the files it had done,
        the one it was running failed, the others given again one by one."""
        try:
            records = future.result()
        except RuntimeError:  # BrokenProcessPool, or a pool that stopped
            return None
        except Exception as exc:  # noqa: BLE001 - the worker died, or the chunk could not be run
            done, running = progress(self.job.out, self.job.token, chunk)
            if running is None and len(chunk) == 1:
                running = chunk[0][0]
            results = [(task, done[task[0]]) for task in chunk if task[0] in done]
            for task in chunk:
                if task[0] == running:
                    results.append((task, self._failed(exc, task, since)))
                elif task[0] not in done:
                    self._again.append((task,))
            return sorted(results)
        if any(record.get("broken") for record in records):
            raise WorkerStartError(records[0]["error"])
        return list(zip(chunk, records))

    def _failed(self, exc: Exception, task: Task, since: float) -> dict[str, Any]:
        """The record of a file whose worker died while on it (its outputs removed)."""
        from pebble import ProcessExpired

        index, rel, name = task
        self._pids = (-math.inf, ())  # a worker is gone
        if isinstance(exc, FutureTimeout) or (isinstance(exc, ProcessExpired) and exc.exitcode == -signal.SIGALRM):
            why, duration = f"timed out after {self.timeout:g} s", self.timeout
        elif isinstance(exc, ProcessExpired):
            why, duration = _death(exc.exitcode), time.monotonic() - since
        else:  # the task itself could not be run
            why, duration = one_line(f"internal error: {type(exc).__name__}: {exc}"), time.monotonic() - since
        discard(Path(self.job.out), rel, name)
        return failed_record(rel, why, duration)

    def _restart(self, why: str) -> None:
        self._fruitless += 1
        self._pids = (-math.inf, ())
        if self._fruitless >= 3:
            raise WorkerStartError(f"batch workers keep failing ({why})")
        self._again.extend(chunk for chunk, _ in self._pending.values())
        self._again = deque(sorted(self._again))
        self._pending.clear()
        self.close()
        self._start()


def _death(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return f"worker crashed (killed by {name})"
    return f"worker crashed (exit code {code})"
