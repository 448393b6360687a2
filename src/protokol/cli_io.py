"""Standard streams for the command line, bounded and complete. No printing, no exits:
failures are raised (OSError from a write, ReadError for input past a bound) and protokol.cli
turns them into one line and an exit code."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from typing import BinaryIO

from protokol.errors import ReadError


def write_all(stream: BinaryIO, data: bytes) -> None:
    """Write every byte and flush. A short write is continued: an unbuffered stdout
    (PYTHONUNBUFFERED) reports a reader gone mid-write only as a short write, and the
    rest would otherwise be dropped silently; the next write then raises EPIPE."""
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if not written:
            raise BlockingIOError(errno.EAGAIN, "standard output would block")
        view = view[written:]
    stream.flush()


def bounded_lines(stream: BinaryIO, max_line: int, max_total: int, name: str = "<stdin>") -> Iterator[str]:
    """The stream's lines (UTF-8, undecodable bytes replaced, line ends and a leading BOM
    removed), each read with a bound: a line over `max_line` bytes or more than
    `max_total` bytes in all raise ReadError naming the line, before more is read."""
    total = 0
    for n, raw in enumerate(iter(lambda: stream.readline(max_line + 1), b""), 1):
        total += len(raw)
        if len(raw) > max_line and not raw.endswith(b"\n"):
            raise ReadError(f"{name}:{n}", f"line longer than {max_line} bytes (one deadline expression per line)")
        if total > max_total:
            raise ReadError(f"{name}:{n}", f"input longer than {max_total} bytes; split it")
        line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        yield line.removeprefix("\ufeff") if n == 1 else line
