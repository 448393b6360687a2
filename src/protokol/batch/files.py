"""Batch file handling: guarded reading of inputs, atomic writes, our own temporaries.

Inputs are opened the same way by the parent (up-to-date check) and the workers:
O_NONBLOCK (a FIFO swapped in after the listing cannot block the open), O_NOFOLLOW
first (a symlink is opened only when it is meant to be), then fstat: only a regular
file is read, at most ``limit + 1`` bytes (a /proc file claims size 0), and unless
links may be followed, the opened file's real location must be inside the archive.

Every temporary file carries the token of the run that made it
(``.protokol-<token>-<n>.tmp``); a run records its token under the state folder
before it writes anything, and a sweep deletes only files with a recorded token, so
a user's own ``.protokol-notes.tmp`` is never touched.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import itertools
import os
import re
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from protokol.batch.names import RECORDS, SHARE, record_path
from protokol.batch.walk import STATE_DIR
from protokol.errors import ReadError
from protokol.readers import os_read_error

OUT_OF_SPACE = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_TEMP = re.compile(r"\.protokol-([0-9a-f]{16})-[0-9]+-[0-9]+\.tmp")
_COUNTER = itertools.count()
_CHUNK = 1 << 20


class DiskFull(OSError):
    """The output folder's file system is full (or a file size limit was hit)."""


def out_of_space(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in OUT_OF_SPACE


# ------------------------------------------------------------------ reading inputs


def open_input(path: Path, name: str, root_real: str, follow_links: bool) -> int:
    """A read-only fd of a regular file; ReadError (naming `name`) otherwise."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
    try:
        try:
            fd = os.open(path, flags | os.O_NOFOLLOW)
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            fd = os.open(path, flags)  # a symlink: its target is checked below
    except OSError as exc:
        raise os_read_error(name, exc) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReadError(name, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(name, "not a regular file")
        if not follow_links and not _within(_fd_path(fd, path), root_real):
            raise ReadError(name, "symlink leading out of the archive (--follow-links follows it)")
    except BaseException:
        os.close(fd)
        raise
    return fd


class TooLarge(ReadError):
    """An input larger than the size limit."""


def read_input(path: Path, name: str, root_real: str, limit: int, follow_links: bool,
               head: bool = False) -> bytes:
    """The file's bytes, at most limit + 1 of them (read_bytes then refuses the excess);
    TooLarge for a larger file, unless `head`: then its first `limit` bytes."""
    fd = open_input(path, name, root_real, follow_links)
    with os.fdopen(fd, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if head:
            limit -= 1
        elif size > limit:
            raise TooLarge(name, f"file too large ({size} bytes, limit {limit})")
        try:
            return fh.read(limit + 1)
        except OSError as exc:
            raise ReadError(name, f"cannot read: {exc.strerror or exc}") from None


def file_sha256(path: Path, root_real: str, limit: int, follow_links: bool) -> str | None:
    """sha256 of a regular file no larger than limit; None when it cannot be read so."""
    try:
        fd = open_input(path, "", root_real, follow_links)
    except ReadError:
        return None
    digest = hashlib.sha256()
    seen = 0
    with os.fdopen(fd, "rb") as fh:
        try:
            while chunk := fh.read(min(_CHUNK, limit + 1 - seen)):
                seen += len(chunk)
                if seen > limit:
                    return None
                digest.update(chunk)
        except OSError:
            return None
    return digest.hexdigest()


def _fd_path(fd: int, path: Path) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # pragma: no cover - no /proc
        return os.path.realpath(path)


def _within(target: str, base: str) -> bool:
    return target == base or target.startswith(base.rstrip("/") + "/")


# ------------------------------------------------------------------ writing outputs


def new_token() -> str:
    return secrets.token_hex(8)


def temp_path(folder: Path, token: str) -> Path:
    return folder / f".protokol-{token}-{os.getpid()}-{next(_COUNTER)}.tmp"


def write_all(out: Path, files: list[tuple[Path, bytes]], token: str) -> None:
    """Write every (path, data) to a temporary file first, then move them all in place:
    on any error (a full disk) none is replaced and no temporary file is left."""
    done: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not _within(os.path.realpath(path.parent), os.path.realpath(out)):
                raise ValueError(f"output name {str(path)!r} leaves the output folder")
            tmp = temp_path(path.parent, token)
            done.append((tmp, path))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o666)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
    except BaseException:
        for tmp, _ in done:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    for tmp, path in done:
        os.replace(tmp, path)


def discard(out: Path, rel: str, name: str | None) -> None:
    """Remove the output and cached records of one input (after a failure)."""
    for path in (out / name if name else None, record_path(out, rel, RECORDS), record_path(out, rel, SHARE)):
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()


@contextlib.contextmanager
def atomic(path: Path, token: str, binary: bool = False) -> Iterator[Any]:
    """A file object whose content replaces path only when the block ends without error."""
    tmp = temp_path(path.parent, token)
    fh = open(tmp, "xb") if binary else open(tmp, "x", encoding="utf-8")
    try:
        with fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# ------------------------------------------------------------------ our temporaries


def office_folder(out: Path, token: str) -> Path:
    """A run's private folder of documents converted by LibreOffice (protokol.batch.office)."""
    return out / STATE_DIR / f"office-{token}"


def register_run(out: Path, token: str) -> None:
    """Record the token before anything with it is written (a killed run's sweep needs it)."""
    runs = out / STATE_DIR / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    (runs / token).touch()


def sweep_temporaries(out: Path, keep: str | None = None) -> None:
    """Delete the temporary files of recorded runs (all but `keep`, which is still
    running, unless it is None) and forget those runs."""
    runs = out / STATE_DIR / "runs"
    try:
        tokens = {name for name in os.listdir(runs) if re.fullmatch(r"[0-9a-f]{16}", name)}
    except OSError:
        return
    if not tokens:
        return
    stack = [out]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
                continue
            match = _TEMP.fullmatch(entry.name)
            if match and match.group(1) in tokens and match.group(1) != keep:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
    for token in tokens - {keep}:
        shutil.rmtree(office_folder(out, token), ignore_errors=True)
        with contextlib.suppress(OSError):
            os.unlink(runs / token)
