"""A long-lived PDF engine process: pdf_child's isolation without a fork for every file.

Forking a child for each file costs ~12 ms whatever its pages (page tables, copy on
write, tearing the address space down), more than reading an 8-page PDF. A process that
reads many PDFs (a batch worker, a library caller) instead keeps one engine process,
forked on first use and fed file after file through a socket (its replies come back
through a pipe); it has the child's limits
(address space, CPU time per file, the caller's wall clock, death with its parent).

What one file can cost the next: the engine is ended, and the next file gets a fresh
one, after any file that did not read cleanly (an error, a crash, a timeout, running out
of memory, a bug), after MAX_FILES files, when its peak resident memory passed half its
address-space limit (a later crash would then pass for running out of memory, see
pdf_child._near_limit), when the reading function or its limits changed (a test
patching them), when the thread that forked it ended, and in a forked copy of the
caller. A crash mid-file fails that file only, with pdf_child's messages. Only a file
that read cleanly hands the engine on: pdfium keeps no document between files, but
damage that did not show would carry over; ``pdf.REUSE_ENGINE = False`` forks a child
for every file instead.
"""

from __future__ import annotations

import atexit
import math
import os
import resource
import select
import signal
import socket
import struct
import threading
import time
from typing import Any, Callable

from protokol.readers import pdf_child

MAX_FILES = 200  # files one engine process reads before a fresh one takes over
_REQUEST = struct.Struct("=IQId")  # path bytes, data bytes, max pages, CPU seconds
_REPLY = struct.Struct("=cQdQ")  # kind (pdf_child's first byte), payload bytes, engine CPU seconds, peak KiB

Job = Callable[[bytes, str, int], bytes]  # (data, path, max_pages) -> payload


class _Engine:
    def __init__(self, job: Job, key: tuple, asked: int) -> None:
        self.key, self.asked, self.memory = key, asked, pdf_child.memory_limit(asked)
        self.owner, self.files, self.cpu, self.peak = os.getpid(), 0, 0.0, 0
        self.thread = threading.current_thread()  # its exit kills the engine (PR_SET_PDEATHSIG)
        # requests go through a socket: a send to an engine that died is an error, never
        # SIGPIPE (a caller may have restored its default action, which kills)
        theirs, self.sock = socket.socketpair()
        requests = theirs.detach()
        self.recv, replies = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the engine: never returns
            os.close(self.sock.fileno())
            os.close(self.recv)
            _serve(job, requests, replies, parent, self.memory)
        self.pid = pid
        os.close(requests)
        self.sock.setblocking(False)
        os.close(replies)

    def close(self) -> tuple[int, Any]:
        """End the engine (a kill: it may be busy); its exit status and usage."""
        self.forget()
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            _, status, usage = os.wait4(self.pid, 0)
        except ChildProcessError:  # reaped by someone else (a caller's SIGCHLD handler)
            return 0, None
        return status, usage

    def alive(self) -> bool:
        """Not ended between two files (a signal meant for the caller's group): the
        next file then goes to a fresh engine rather than fail."""
        try:
            return os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None
        except ChildProcessError:
            return False

    def forget(self) -> None:
        """Let go of the channels (alone in a forked copy of the owner: the process is the owner's)."""
        self.sock.close()
        os.close(self.recv)


_engine: _Engine | None = None
_lock = threading.RLock()


def _after_fork() -> None:
    global _engine
    if _engine is not None:
        _engine.forget()
    _engine = None


os.register_at_fork(after_in_child=_after_fork)


def read(job: Job, key: tuple, data: bytes, path: str, max_pages: int, timeout: float | None,
         memory: int = pdf_child.MEMORY) -> bytes:
    """job(data, path, max_pages) in the engine process, with pdf_child.run's limits and
    errors; `key` names the job and its settings (another key: another engine). An engine
    killed because the thread that started it ended is not the file's fault: the file
    goes to a fresh engine, once."""
    seconds = timeout if timeout is not None else pdf_child.DEFAULT_SECONDS
    deadline = time.monotonic() + seconds
    with _lock:
        try:
            return _read(job, key, data, path, max_pages, timeout, memory, seconds, deadline)
        except _Orphaned:
            return _read(job, key, data, path, max_pages, timeout, memory, seconds, deadline)


class _Orphaned(Exception):
    """The engine died with the thread that forked it, not of the file it was reading."""


def _read(job: Job, key: tuple, data: bytes, path: str, max_pages: int, timeout: float | None,
          memory: int, seconds: float, deadline: float) -> bytes:
    global _engine
    engine = _engine
    if engine is not None and (engine.key != key or engine.asked != memory or not engine.alive()):
        close()
        engine = None
    if engine is None:
        engine = _engine = _Engine(job, key, memory)
    kind, payload, late = b"", b"", False
    try:
        request = path.encode("utf-8", "surrogatepass")
        header = _REQUEST.pack(len(request), len(data), max_pages, seconds)
        if _send(engine.sock, (header, request, data), deadline):
            kind, payload, late = _receive(engine, deadline)
        else:
            late = True
    except BaseException:
        close()
        raise
    engine.files += 1
    if kind == pdf_child._BYTES and engine.files < MAX_FILES and engine.peak <= engine.memory // 2:
        return payload
    _engine = None
    status, usage = engine.close()
    if kind == pdf_child._BYTES:
        return payload
    if not kind and not late and not engine.thread.is_alive() and os.WIFSIGNALED(status) \
            and os.WTERMSIG(status) == signal.SIGKILL:
        raise _Orphaned
    if kind:  # a whole reply: the engine was ending by itself, not killed by a limit
        status = 0
    return pdf_child.verdict(path, timeout, seconds, late, status, usage, kind + payload,
                             engine.memory)


def close() -> None:
    """End this process's engine, if any (the next read starts another)."""
    global _engine
    with _lock:
        engine, _engine = _engine, None
        if engine is not None and engine.owner == os.getpid():
            engine.close()


atexit.register(close)  # the engine would die with its caller anyway; this also closes the channels


def cpu_seconds() -> float:
    """CPU time the live engine process has used, as of its last reply (a retired engine
    counts in RUSAGE_CHILDREN once reaped): for benchmarks."""
    engine = _engine
    return engine.cpu if engine is not None and engine.owner == os.getpid() else 0.0


def _send(sock: socket.socket, parts: tuple[bytes, ...], deadline: float) -> bool:
    """Write the parts before the deadline (False: it passed); a dead engine: EPIPE."""
    view = memoryview(b"".join(parts))
    while view:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        _, ready, _ = select.select([], [sock], [], left)
        if ready:
            try:
                view = view[sock.send(view, socket.MSG_NOSIGNAL):]
            except BlockingIOError:
                continue
            except OSError:
                return True  # the engine died: its reply is an end of file
    return True


def _receive(engine: _Engine, deadline: float) -> tuple[bytes, bytes, bool]:
    """The engine's reply (kind, payload) and whether the deadline passed; an engine
    that died mid-way gives what it sent so far (empty)."""
    buf = bytearray()
    need = _REPLY.size
    while len(buf) < need:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"", b"", True
        ready, _, _ = select.select([engine.recv], [], [], left)
        if ready:
            chunk = os.read(engine.recv, max(need - len(buf), 1 << 20))
            if not chunk:
                return b"", b"", False
            buf += chunk
            if need == _REPLY.size and len(buf) >= need:
                kind, size, engine.cpu, peak = _REPLY.unpack_from(buf)
                engine.peak = peak * 1024
                need += size
    return bytes(buf[:1]), bytes(buf[_REPLY.size:need]), False


def _serve(job: Job, requests: int, replies: int, parent: int, memory: int) -> None:
    """The engine's loop: a request, its reply, until the caller closes the pipe."""
    code = 70
    try:
        pdf_child.enter_child(parent, memory)
        while True:
            header = _read_exact(requests, _REQUEST.size)
            n_path, n_data, max_pages, seconds = _REQUEST.unpack(header) if header else (0, 0, 0, 0.0)
            name, data = _read_exact(requests, n_path), _read_exact(requests, n_data)
            if header is None or name is None or data is None:
                code = 0  # the caller closed the channel (or died mid-request)
                break
            path = name.decode("utf-8", "surrogatepass")
            _cpu_limit(seconds)
            reply = pdf_child.outcome(lambda: job(data, path, max_pages))
            used = resource.getrusage(resource.RUSAGE_SELF)
            head = _REPLY.pack(reply[:1], len(reply) - 1, used.ru_utime + used.ru_stime, used.ru_maxrss)
            pdf_child.write_all(replies, head + reply[1:])
            if reply[:1] != pdf_child._BYTES:
                code = 0
                break  # the caller starts a fresh engine after a failure
    except BaseException:  # noqa: BLE001 - the caller reports the exit status
        pass
    finally:
        os._exit(code)


def _cpu_limit(seconds: float) -> None:
    """SIGXCPU once this file has used `seconds` of CPU (+1); the hard limit stays (a
    lowered one could not be raised for the next file): the caller's clock kills."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    cpu = math.ceil(used.ru_utime + used.ru_stime + seconds) + 1
    if hard != resource.RLIM_INFINITY:
        cpu = min(cpu, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard))


def _read_exact(fd: int, n: int) -> bytes | None:
    """n bytes from fd; None at an end of file before them."""
    chunks, left = [], n
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
