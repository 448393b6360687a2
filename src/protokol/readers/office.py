"""LibreOffice as a converter: .doc, .rtf, .odt, Word 2003 XML and flat .fodt (and anything
Writer opens) to .docx.

One ``soffice`` start converts many files (``convert_many``), with a fresh user profile inside
the caller's work folder (so it neither meets a running LibreOffice nor writes into the user's
home), outputs written only into that folder, and the whole process group killed when the
time is up. ``convert_one`` wraps it for the reader of a single file.

The inputs are staged in the work folder under numbered names with the extension their
content calls for, so two inputs with the same stem never overwrite each other's output and
a .doc named .docx is opened as what it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from protokol.errors import ReadError, TimeBudgetExceeded

PACKAGE = "libreoffice-writer-nogui"
MISSING = f"reading this format needs LibreOffice: apt-get install {PACKAGE}"
MAX_OUTPUT = 256 * 1024 * 1024  # a converted .docx larger than this is refused
MEMORY = 2 * 1024 * 1024 * 1024  # soffice's address space: the seed converts in 500 MB, an RTF of
# a million nested groups took 2.4 GB (refused now); LibreOffice's own out-of-memory ends the conversion
MAX_XML = 32 * 1024 * 1024  # inflated XML of an .odt (Limits.max_unzipped when the reader passes it)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# soffice runs under a shell that kills the whole process group when it gets SIGTERM, which
# it gets when the caller dies (a batch worker killed at its timeout): soffice.bin, started
# by the soffice wrapper, would otherwise be left running on its own.
_GROUP = ("/bin/sh", "-c", 'trap "kill -KILL 0" TERM; "$@" & wait $!', "soffice")
_PLAIN_END = rb"\pard\plain\par}"  # an empty paragraph of no list, then the document's end
_TAIL = 4096  # bytes read from an RTF's end to find its last "}"


_READY: dict[str, Path] = {}  # sha256 of an input -> its .docx, converted beforehand (a batch's chunk)


class _Timeout(str):
    """The one-line error of a file whose conversion ran out of time (convert_one raises on it)."""


def timed_out(result: Path | str) -> bool:
    """Whether a result of convert_many is the error of a conversion that ran out of time."""
    return isinstance(result, _Timeout)


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def content_extension(head: bytes) -> str:
    """The extension LibreOffice should see for bytes starting with `head`."""
    if head.startswith(_OLE):
        return ".doc"
    if head.lstrip()[:5] == b"{\\rtf":
        return ".rtf"
    if head.startswith(b"PK"):
        return ".odt" if b"opendocument.text" in head[:200] else ".docx"
    from protokol.readers.kinds import read_as

    flat = read_as(head, "")
    return f".{flat}" if flat in ("xml", "fodt") else ".txt"


def end_with_plain_paragraph(rtf: Path) -> None:
    """Add an empty plain paragraph at the end of an RTF file (before its last "}").

    LibreOffice's RTF import drops the list level (\\ilvl) of the document's last paragraph,
    so a sub-item "4.2." that ends a document comes out as "5."; after an empty paragraph
    of no list it keeps its level. A file that does not end with "}" is left alone.
    """
    with open(rtf, "r+b") as f:
        size = f.seek(0, os.SEEK_END)
        f.seek(max(0, size - _TAIL))
        tail = f.read()
        body = tail.rstrip(b"\x00 \t\r\n")
        if not body.endswith(b"}"):
            return
        f.seek(size - len(tail) + len(body) - 1)
        f.write(_PLAIN_END)
        f.truncate()


def convert_many(paths: Sequence[Path], workdir: Path, timeout: float) -> dict[Path, Path | str]:
    """Convert every path to .docx with one soffice start; each path maps to its .docx or a one-line error.

    The outputs and LibreOffice's profile live inside `workdir` (created if missing). The
    call ends within `timeout` seconds: when they are up soffice is killed and every file
    not converted by then maps to a time-out error.
    """
    results: dict[Path, Path | str] = {}
    if not paths:
        return results
    exe = soffice()
    if exe is None:
        return {p: MISSING for p in paths}
    workdir = Path(workdir)
    staged_dir, out_dir, profile = workdir / "in", workdir / "out", workdir / "profile"
    for d in (staged_dir, out_dir, profile):
        d.mkdir(parents=True, exist_ok=True)
    staged: dict[Path, Path] = {}
    for i, path in enumerate(paths):
        try:
            with open(path, "rb") as f:
                ext = content_extension(f.read(4096))
            target = staged_dir / f"f{i:06d}{ext}"
            if ext == ".rtf":
                shutil.copyfile(path, target)
                end_with_plain_paragraph(target)
            else:
                os.symlink(Path(path).resolve(), target)
        except OSError as exc:
            results[path] = f"cannot read: {exc.strerror or exc}"
            continue
        staged[path] = target
    if staged:
        error = _run(exe, list(staged.values()), out_dir, profile, timeout)
        for path, target in staged.items():
            out = out_dir / (target.stem + ".docx")
            if out.is_file() and out.stat().st_size > 0:
                results[path] = out
            else:
                results[path] = error or "LibreOffice could not convert it"
    return results


def _run(exe: str, files: list[Path], out_dir: Path, profile: Path, timeout: float) -> str | None:
    """Run one soffice conversion; None when it ended by itself, else the error for unconverted files."""
    cmd = [*_GROUP, exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--invisible",
           "--nologo", "--norestore", "--nolockcheck", "--nodefault",
           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out_dir), *map(str, files)]
    env = {**os.environ, "HOME": str(profile), "SAL_USE_VCLPLUGIN": "svp"}
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=out_dir, env=env, start_new_session=True,
                                preexec_fn=_bound_memory)
    except OSError as exc:
        return f"cannot start LibreOffice: {exc.strerror or exc} ({MISSING})"
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        return _Timeout(f"conversion took longer than {timeout:g} s (raise --timeout to allow more)")
    finally:
        _kill(proc)
    return None


def _bound_memory() -> None:
    """In the soffice child: at most MEMORY of address space (less when the caller has less),
    and SIGTERM when the caller dies (see _GROUP)."""
    from protokol.readers.pdf_child import cap_address_space, die_with_parent

    cap_address_space(MEMORY)
    die_with_parent(signal.SIGTERM)


def check_zip(data: bytes, name: str, max_xml: int = MAX_XML) -> None:
    """Refuse a zip package (.odt) that inflates to more than LibreOffice should be given:
    its XML beyond `max_xml`, everything beyond 8 times that. The sizes are counted while
    inflating (the headers' sizes can lie), stopping at the limit."""
    limits = {True: max_xml, False: 8 * max_xml}  # xml, everything
    used = {True: 0, False: 0}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                with zf.open(info) as part:
                    while chunk := part.read(1 << 20):
                        for key in {info.filename.endswith(".xml"), False}:
                            used[key] += len(chunk)
                            if used[key] > limits[key]:
                                raise ReadError(name, f"zip bomb: inflates to more than {limits[key]} bytes")
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError, RuntimeError):
        raise ReadError(name, "corrupt zip archive") from None


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Kill soffice's whole process group (soffice.bin and anything it started) and reap it."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


def convert_one(data: bytes, name: str, timeout: float, max_xml: int = MAX_XML) -> bytes:
    """The .docx bytes LibreOffice makes of `data`; ReadError / TimeBudgetExceeded naming `name`."""
    if data.startswith(b"PK"):
        check_zip(data, name, max_xml)
    ready = _READY.get(hashlib.sha256(data).hexdigest()) if _READY else None
    if ready is not None:
        return _docx_bytes(ready, name)
    if soffice() is None:
        raise ReadError(name, MISSING)
    with tempfile.TemporaryDirectory(prefix="protokol-office-") as tmp:
        src = Path(tmp) / ("input" + content_extension(data[:4096]))
        src.write_bytes(data)
        result = convert_many([src], Path(tmp) / "work", timeout)[src]
        if isinstance(result, _Timeout):
            raise TimeBudgetExceeded(name, timeout)
        if isinstance(result, str):
            raise ReadError(name, result)
        return _docx_bytes(result, name)


def _docx_bytes(docx: Path, name: str) -> bytes:
    if docx.stat().st_size > MAX_OUTPUT:
        raise ReadError(name, f"converted document too large (over {MAX_OUTPUT} bytes)")
    return docx.read_bytes()


@contextlib.contextmanager
def converted(data: bytes, docx: Path | None) -> Iterator[None]:
    """Within the block, convert_one of `data` gives the .docx already made of it (by a
    batch's convert_many over many files) instead of starting LibreOffice."""
    if docx is None:
        yield
        return
    key = hashlib.sha256(data).hexdigest()
    _READY[key] = docx
    try:
        yield
    finally:
        _READY.pop(key, None)


__all__ = ["MISSING", "PACKAGE", "content_extension", "converted", "convert_many", "convert_one",
           "end_with_plain_paragraph", "soffice", "timed_out"]
