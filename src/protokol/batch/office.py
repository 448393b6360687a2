"""Batch: the run's .doc/.rtf/.odt/.fodt files converted by LibreOffice in chunks, before the pool.

    folder = convert_office(root, out, token, rels, ...)   # OUT/.protokol-batch/office-<token>

One soffice start converts up to CHUNK files (readers.office.convert_many, its budget
the per-file timeout times the chunk's size), never one start per file. Each input's
bytes are read through the batch guards (protokol.batch.files.read_input), copied into
the run's private folder (nothing is written next to the user's files) and its .docx is
kept there as ``<sha256 of the input>.docx``. A worker that finds the .docx of the bytes
it read uses it (readers.office.converted) instead of starting LibreOffice: the Document,
record, sha256, format and output are those of the per-file path. A file without a .docx
there (LibreOffice failed on it, its chunk ran out of time, LibreOffice is missing, or
the file changed since) is converted by its worker alone, as before, and fails alone
with its one-line error; nothing of a chunk killed at its time-out is used. The folder is deleted at the end of the run, or by the next
run's sweep (protokol.batch.files.sweep_temporaries) after a kill.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from protokol.batch.detect import unsupported
from protokol.batch.files import office_folder, open_input, read_input
from protokol.errors import ProtokolError

CHUNK = 32  # files per soffice start
_PEEK = 1024  # bytes read first: a file that is not a .doc/.rtf/.odt/.fodt by them is not read whole
_RTF = b"{\\rtf"
_XML = b"<?xml"


def office_bytes(data: bytes, name: str) -> str | None:
    """The extension LibreOffice should see when `data` is a .doc/.rtf/.odt/.fodt protokol reads
    through it; None for anything else."""
    from protokol.readers import OFFICE, sniff
    from protokol.readers.office import content_extension

    if unsupported(data, name) is not None:
        return None
    try:
        fmt = sniff(data, name)
    except ProtokolError:
        return None
    return content_extension(data[:4096]) if fmt in OFFICE else None


def convert_office(root: Path, out: Path, token: str, rels: Iterable[str], *, max_bytes: int,
                   follow_links: bool, timeout: float, chunk: int = CHUNK,
                   stop: Callable[[], bool] = lambda: False) -> tuple[Path, int]:
    """Convert the office files among `rels` into office_folder(out, token); the folder
    and the number of soffice starts."""
    from protokol.readers.office import convert_many, soffice, timed_out

    folder = office_folder(out, token)
    if soffice() is None:  # every office file then fails alone in its worker, naming the package
        return folder, 0
    staged_dir = folder / "src"
    staged_dir.mkdir(parents=True, exist_ok=True)
    root_real = os.path.realpath(root)
    staged: list[tuple[Path, str]] = []  # (copy, sha256 of its bytes)
    seen: set[str] = set()
    for i, rel in enumerate(rels):
        try:
            if not _may_be_office(_peek(root / rel, rel, root_real, follow_links)):
                continue
            data = read_input(root / rel, rel, root_real, max_bytes, follow_links)
        except ProtokolError:
            continue  # the worker reports it
        if len(data) > max_bytes or (ext := office_bytes(data, rel)) is None:
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in seen:
            continue
        seen.add(sha)
        copy = staged_dir / f"{i:06d}{ext}"
        copy.write_bytes(data)
        staged.append((copy, sha))
    starts = 0
    for n in range(0, len(staged), chunk):
        if stop():
            break
        part = staged[n:n + chunk]
        work = folder / f"chunk{n // chunk:05d}"
        results = convert_many([copy for copy, _ in part], work, timeout * len(part))
        starts += 1
        if any(timed_out(r) for r in results.values()):  # killed midway: no .docx of it is trusted
            results = {}
        for copy, sha in part:
            result = results.get(copy)
            if isinstance(result, Path):
                os.replace(result, folder / f"{sha}.docx")
        shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(staged_dir, ignore_errors=True)
    return folder, starts


def _peek(path: Path, rel: str, root_real: str, follow_links: bool) -> bytes:
    """The first _PEEK bytes of an input, through the batch guards (ProtokolError when it
    cannot be read: its worker reports it)."""
    fd = open_input(path, rel, root_real, follow_links)
    try:
        return os.read(fd, _PEEK)
    except OSError:
        return b""  # read whole below, which reports it
    finally:
        os.close(fd)


def _may_be_office(head: bytes) -> bool:
    """Whether bytes starting with `head` may be a .doc/.rtf/.odt/.fodt (office_bytes tells):
    a zip, an OLE file, RTF after blanks, by protokol.readers.sniff's magic, or an XML file
    (a flat .fodt: its ``<office:document`` may come after more than a peek's worth of
    comments); most of an archive (text, PDF) is then never read whole here."""
    if head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        return True
    start = head.lstrip()[:5]
    if start == _XML:
        return True
    from protokol.readers.kinds import read_as

    return start == _RTF or (len(start) < 5 and _RTF.startswith(start)) or read_as(head, "") == "fodt"


def converted_path(folder: str, data: bytes) -> Path | None:
    """The .docx made beforehand of these bytes, if any."""
    if not folder:
        return None
    path = Path(folder) / f"{hashlib.sha256(data).hexdigest()}.docx"
    return path if path.is_file() else None
