"""Chunks of a local batch: several small files per task, and what a chunk's worker left behind.

    for chunk in chunked(tasks, root, workers): ...       # tuples of Task, in listing order

A task of the local pool (protokol.batch.pool) is a chunk: up to FILES files, up to
BYTES bytes together, of the formats whose time follows their size (SMALL: .txt and
.docx); any other file (a PDF may need OCR, a name without a suffix may be anything),
one of BIG bytes or more, or one whose size cannot be read goes alone, so that a chunk
takes a fraction of a second and a killed run loses no more of its records than
before. While the archive is short a chunk holds fewer files, so that every worker has
several chunks to take; with several workers, the chunks shrink as the archive's end
nears (a chunk at most 1/(TAIL × workers) of the files left, down to one file), so that
the workers finish together: a worker given the last 32 files alone would leave the
other idle for a large chunk's time, where the run waits for both. The parent's cost
(a future, a message each way, the pool's threads waking) is then paid per chunk,
not per file.

A worker tells what it does inside a chunk in its side file (side_path: one per
worker process, emptied at the start of each chunk): ``S <index>`` when it starts a
file, ``D <record as JSON>`` when the file is done. When a chunk does not come back
(its worker was killed: a timeout, a crash, Ctrl-C), ``progress`` reads the side files
back: the files done (their outputs are in place: they are recorded like any other)
and the one that was running when the worker died (the one that fails).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from protokol.batch.walk import STATE_DIR
from protokol.batch.worker import Task

FILES = 32  # files per chunk at most
BYTES = 1 << 20  # bytes of input per chunk at most
BIG = 256 << 10  # a file this large goes alone
SPREAD = 4  # chunks per worker at least, while the archive allows
TAIL = 2  # with several workers, a chunk holds at most 1/(TAIL * workers) of the files left (0: no such cap)
SMALL = (".txt", ".docx")  # suffixes (any case) of the files that share chunks

Chunk = tuple[Task, ...]


def chunked(tasks: Iterable[Task], root: str, workers: int) -> Iterator[Chunk]:
    """The tasks in chunks (see the module docstring), in order."""
    listed = list(tasks)
    most = max(1, min(FILES, len(listed) // (SPREAD * max(1, workers))))
    share = TAIL * workers if workers > 1 else 0
    chunk: list[Task] = []
    size, cap = 0, most
    for left, task in zip(range(len(listed), 0, -1), listed):
        n = _size(root, task[1])
        if chunk and (n >= BIG or size + n > BYTES or len(chunk) >= cap):
            yield tuple(chunk)
            chunk, size = [], 0
        if not chunk and share:
            cap = min(most, -(-left // share))  # the files left, shared out: the last chunks small
        chunk.append(task)
        size += n
        if n >= BIG:
            yield tuple(chunk)
            chunk, size = [], 0
    if chunk:
        yield tuple(chunk)


def _size(root: str, rel: str) -> int:
    """The file's size in bytes; BIG for a file that goes alone."""
    if not rel.lower().endswith(SMALL):
        return BIG
    try:
        return os.stat(os.path.join(root, rel)).st_size
    except (OSError, ValueError):
        return BIG


def side_path(out: str, token: str, pid: int) -> str:
    """A worker's side file (named as a temporary of the run: the run's sweep removes it)."""
    return os.path.join(out, STATE_DIR, f".protokol-{token}-{pid}-0.tmp")


def progress(out: str, token: str, chunk: Chunk) -> tuple[dict[int, dict[str, Any]], int | None]:
    """The records of the chunk's files that were done, by index, and the index of the
    file that was running (None when none was known to be)."""
    wanted = {task[0] for task in chunk}
    done: dict[int, dict[str, Any]] = {}
    started: set[int] = set()
    folder = Path(out) / STATE_DIR
    prefix = f".protokol-{token}-"
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(prefix) and entry.name.endswith("-0.tmp"):
                _read(entry.path, wanted, done, started)
    running = sorted(started - set(done))
    return done, (running[0] if running else None)


def _read(path: str, wanted: set[int], done: dict[int, dict[str, Any]], started: set[int]) -> None:
    try:
        with open(path, "rb") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return
    for line in lines:
        with contextlib.suppress(ValueError, TypeError, KeyError):
            if line.startswith(b"S "):
                index = int(line[2:])
                if index in wanted:
                    started.add(index)
            elif line.startswith(b"D "):
                record = json.loads(line[2:])
                if isinstance(record, dict) and record["index"] in wanted:
                    done[record["index"]] = record
