"""Run the PDF engine in a forked child, so that pdfium cannot hang or kill the caller.

pdfium aborts the whole process when an allocation fails (a 1 GiB Flate stream, a
fan-out of 10^7 form XObjects) and can run for hours on a small file. The child gets
an address-space limit, a CPU-time limit and the parent's wall clock; it dies with the
parent (PR_SET_PDEATHSIG). It sends its result back as JSON (floats and lone surrogates
survive the round trip exactly, and a child gone astray cannot make the parent run
code, as a pickle could), or as the bytes themselves when work() returns bytes (the
PDF reader packs its pages so, see pdf_wire: JSON cost ~1 ms a page). Every way the
child can fail becomes one ReadError (or TimeBudgetExceeded when the caller set
Limits.timeout).
"""

from __future__ import annotations

import ctypes
import faulthandler
import gc
import json
import math
import os
import resource
import select
import signal
import time
from typing import Any, Callable

from protokol.errors import ReadError, TimeBudgetExceeded

MEMORY = 1024 * 1024 * 1024 - 96 * 1024 * 1024  # address space of the child: 1 GB less a margin
_HEADROOM = 256 * 1024 * 1024  # least address space the child may add to the caller's
DEFAULT_SECONDS = 120.0  # wall clock when the caller sets no Limits.timeout
_PR_SET_PDEATHSIG = 1
_JSON, _BYTES = b"J", b"B"  # the first byte of the child's message: what follows
_CRASH_SIGNALS = {signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGTRAP,
                  signal.SIGFPE}


def available() -> bool:
    return hasattr(os, "fork") and hasattr(os, "wait4")


def run(work: Callable[[], Any], path: str, timeout: float | None,
        memory: int = MEMORY) -> Any:
    """work() in a child process; its result (JSON-able, or bytes), or its ReadError raised here."""
    seconds = timeout if timeout is not None else DEFAULT_SECONDS
    memory = memory_limit(memory)
    read_fd, write_fd = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(work, write_fd, parent, seconds, memory)
    os.close(write_fd)
    status, usage, data, late = 0, None, b"", False
    try:
        data, late = _collect(read_fd, time.monotonic() + seconds)
        if late:
            os.kill(pid, signal.SIGKILL)
        _, status, usage = os.wait4(pid, 0)
        pid = 0
    finally:
        os.close(read_fd)
        if pid:  # interrupted (KeyboardInterrupt): leave no child behind
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    return verdict(path, timeout, seconds, late, status, usage, data, memory)


def verdict(path: str, timeout: float | None, seconds: float, late: bool, status: int, usage: Any,
            data: bytes, memory: int) -> Any:
    """What a child that ended so sent (see run), or the error its end means."""
    if late or (os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL)):
        if timeout is not None:
            raise TimeBudgetExceeded(path, timeout)
        raise ReadError(path, f"pdf engine took longer than {seconds:g} s")
    return _result(path, status, usage, data, memory)


def cap_address_space(limit: int) -> None:
    """Lower this process's address-space limit to `limit` (never raise it): for the
    preexec_fn of an engine's process (tesseract, soffice)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = min([limit] + [x for x in (soft, hard) if x != resource.RLIM_INFINITY])
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Have the kernel send `sig` to this process when its parent dies (Linux; elsewhere
    nothing): for the preexec_fn of an engine's process."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def memory_limit(memory: int) -> int:
    """`memory`, within the caller's own limit; a caller that already maps nearly as much
    (the child starts as a copy of it) leaves the child _HEADROOM more than its size."""
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    cap = math.inf if soft == resource.RLIM_INFINITY else soft
    return int(min(max(memory, _mapped() + _HEADROOM), cap))


def _mapped() -> int:
    """The address space this process maps now (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def _collect(fd: int, deadline: float) -> tuple[bytes, bool]:
    """Everything the child writes until it closes the pipe; True when the deadline passed."""
    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b"".join(chunks), True
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)


def _result(path: str, status: int, usage: Any, data: bytes, memory: int) -> Any:
    message = None
    if data[:1] == _BYTES and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return data[1:]
    try:
        message = json.loads(data[1:]) if data[:1] == _JSON else None
    except ValueError:
        pass  # cut short by a crash
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 and isinstance(message, dict):
        if "ok" in message:
            return message["ok"]
        if "error" in message:
            raise ReadError(path, str(message["error"]))
        if "bug" in message:  # a bug of ours stays loud, as it would be in-process
            raise RuntimeError(f"pdf engine: {message['bug']}")
    if isinstance(message, dict) and message.get("oom") or _near_limit(usage, memory):
        raise ReadError(path, f"pdf engine ran out of memory (limit {memory // (1024 * 1024)} MB)")
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = str(sig)
        what = "crashed" if sig in _CRASH_SIGNALS else "was killed"
        raise ReadError(path, f"pdf engine {what} ({name})")
    raise ReadError(path, f"pdf engine crashed (exit status {os.WEXITSTATUS(status)})")


def _near_limit(usage: Any, memory: int) -> bool:
    """The child's peak resident memory came within a quarter of its address-space limit."""
    return usage is not None and usage.ru_maxrss * 1024 >= 0.75 * memory


def _child(work: Callable[[], Any], fd: int, parent: int, seconds: float, memory: int) -> None:
    code = 70
    try:
        enter_child(parent, memory)
        cpu = math.ceil(seconds) + 1
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))
        write_all(fd, outcome(work))
        code = 0
    except BaseException:  # noqa: BLE001 - the parent reports the exit status
        pass
    finally:
        os._exit(code)


def enter_child(parent: int, memory: int) -> None:
    """The set-up of a freshly forked engine process: it dies with `parent`, writes
    nothing anywhere, maps at most `memory` bytes."""
    gc.freeze()  # the collector leaves the inherited objects alone: no copy-on-write of them all
    _die_with(parent)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)  # pdfium and a dying interpreter write nothing the caller sees
    os.dup2(devnull, 2)
    faulthandler.disable()  # it may hold its own copy of the caller's stderr
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def outcome(work: Callable[[], Any]) -> bytes:
    """work()'s result as the parent reads it: bytes as they are, else JSON of the value,
    of the ReadError, of running out of memory or of a bug."""
    try:
        result = work()
        if isinstance(result, bytes):
            return _BYTES + result
        message = {"ok": result}
    except ReadError as exc:
        message = {"error": exc.why}
    except MemoryError:
        message = {"oom": True}
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        message = {"bug": f"{exc.__class__.__name__}: {exc}"}
    return _JSON + json.dumps(message).encode()


def write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view):]


def _die_with(parent: int) -> None:
    """SIGKILL this process when the parent dies (Linux); gone already: exit now."""
    die_with_parent()  # not Linux: the wall clock still ends the child
    if os.getppid() != parent:
        os._exit(1)
