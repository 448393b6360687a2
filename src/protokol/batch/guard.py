"""The guards around a batch run: its folders, its lock, and signals held back or turned
into Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from protokol.batch.config import BatchError
from protokol.batch.walk import STATE_DIR


def check_folders(root: Path, out: Path) -> None:
    """The archive is a folder, the output folder can be made and neither holds the other."""
    if not root.is_dir():
        raise BatchError(f"{root}: not a folder" if root.exists() else f"{root}: no such folder")
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: exists and is not a folder")
    archive, target = os.path.realpath(root), os.path.realpath(out)
    if target == archive or target.startswith(archive.rstrip("/") + "/") \
            or archive.startswith(target.rstrip("/") + "/"):
        raise BatchError(f"the output folder must differ from the archive and neither may be inside the other "
                         f"({out} and {root} overlap)")
    try:
        (out / STATE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create {out}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """One run at a time per output folder."""
    import fcntl

    with open(out / STATE_DIR / "lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchError(f"another batch run is writing to {out}") from None
        yield


class Interrupts:
    """Within ``with Interrupts() as interrupts:`` SIGINT and SIGTERM raise KeyboardInterrupt
    (SIGTERM finalizes like Ctrl-C), except inside ``with interrupts.held():``, where one
    waits until the block ends: a finished file cannot fall between "done" and
    "recorded". (Blocking the signals would not do: the pool's threads would take them.)
    Only the main thread can handle signals; elsewhere both are no-ops."""

    def __init__(self) -> None:
        self._holding = False
        self._pending = False
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> Interrupts:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *_: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._previous.clear()

    def _handle(self, _signum: int, _frame: Any) -> None:
        if self._holding:
            self._pending = True
        else:
            raise KeyboardInterrupt

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        if self._holding:
            yield
            return
        self._holding = True
        try:
            yield
        finally:
            self._holding = False
        if self._pending:
            self._pending = False
            raise KeyboardInterrupt
