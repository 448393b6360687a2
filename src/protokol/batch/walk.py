"""Batch input listing and output naming: folder -> sorted relative paths.

`list_inputs` walks a folder without recursion limits, follows symlinked folders once
(a symlink back to an ancestor is a loop, one to a folder already listed is an alias:
both are skipped with a warning), reports unreadable folders as warnings, leaves out
an excluded folder (the batch's own output) and anything that is not a regular file
(FIFOs, sockets, devices would block a reader). A broken symlink that matches the
patterns is listed, so that it fails visibly in the manifest ("file not found").
A symlink whose target lies outside the archive (a file, or a folder: a link to ``/``)
is not followed unless ``follow_links``; it goes to ``links`` as (path, reason), for
the manifest to record as ``skipped_link``.

Patterns are matched case-insensitively (archives from Windows hold ``X.DOCX``):
a pattern without "/" against the file name, one with "/" against the relative path.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from protokol.output.safe import one_line

PATTERNS = ("*",)  # every file: the content tells what each is
STATE_DIR = ".protokol-batch"  # records cache and lock, inside the output folder
RESERVED = frozenset({"manifest.jsonl", "directives.jsonl", "directives.csv", "index.html", STATE_DIR,
                      "register.xlsx", "register.csv", "calendar.ics", "references.jsonl"})  # output.archive

class UnsafeName(ValueError):
    """An output name that would leave the output folder or overwrite the batch's own files."""


Matcher = Callable[[str, tuple[str, ...]], bool]


def list_inputs(root: str | os.PathLike[str], patterns: Iterable[str] = PATTERNS,
                exclude: str | os.PathLike[str] | None = None, follow_links: bool = False,
                links: list[tuple[str, str]] | None = None) -> tuple[list[Path], list[str]]:
    """Every input under root, as relative paths sorted folder by folder, and warnings.

    Raises NotADirectoryError / FileNotFoundError when root itself is not a folder.
    """
    top = os.stat(root)
    if not stat.S_ISDIR(top.st_mode):
        raise NotADirectoryError(f"{root}: not a folder")
    matches = matcher(patterns)
    skip = _identity(exclude)
    found: list[tuple[str, ...]] = []
    warnings: list[str] = []
    seen = {(top.st_dev, top.st_ino)}
    stack: list[tuple[tuple[str, ...], str, frozenset[tuple[int, int]]]] = [
        ((), os.fspath(root), frozenset(seen))]
    base = os.path.realpath(root)
    skipped = links if links is not None else []
    while stack:
        parts, folder, ancestors = stack.pop()
        for entry in _entries(folder, parts, warnings):
            rel = parts + (entry.name,)
            st = _stat(entry)
            if not follow_links and entry.is_symlink() and not inside(base, Path(entry.path)):
                if st is not None and stat.S_ISDIR(st.st_mode):
                    skipped.append(("/".join(rel), "symlink to a folder outside the archive, not followed"))
                elif matches(entry.name, rel):
                    skipped.append(("/".join(rel), "symlink to a file outside the archive, not followed"))
                continue
            if st is not None and stat.S_ISDIR(st.st_mode):
                ident = (st.st_dev, st.st_ino)
                if ident == skip:
                    continue
                if ident in ancestors:
                    warnings.append(f"{_show(rel)}: symlink loop (points back to an enclosing folder), skipped")
                elif ident in seen:
                    warnings.append(f"{_show(rel)}: folder already listed through another path, skipped")
                else:
                    seen.add(ident)
                    stack.append((rel, entry.path, ancestors | {ident}))
            elif matches(entry.name, rel):
                if st is None or stat.S_ISREG(st.st_mode):
                    found.append(rel)
                else:
                    warnings.append(f"{_show(rel)}: not a regular file, skipped")
    found.sort()
    return [Path(*rel) for rel in found], sorted(warnings)


def matcher(patterns: Iterable[str]) -> Matcher:
    """A case-insensitive matcher of (file name, relative path parts)."""
    names: list[str] = []
    paths: list[str] = []
    for pattern in patterns:
        pattern = pattern.replace("\\", "/").lower()
        while pattern.startswith("**/"):
            pattern = pattern[3:]
        (paths if "/" in pattern else names).append(pattern)

    def matches(name: str, rel: tuple[str, ...]) -> bool:
        low = name.lower()
        if any(fnmatch.fnmatchcase(low, p) for p in names):
            return True
        path = "/".join(rel).lower()
        return any(fnmatch.fnmatchcase(path, p) for p in paths)

    return matches


def sort_key(rel: str) -> tuple[str, ...]:
    """The order of list_inputs for a relative posix path string."""
    return tuple(rel.split("/"))


def posix(rel: Path) -> str:
    return PurePosixPath(*rel.parts).as_posix()


def output_name(rel: str, extension: str) -> str:
    """The output's relative path: the input's path plus the format's extension.

    ``a/b/x.docx`` -> ``a/b/x.docx.json``; keeping the input's extension keeps x.docx
    and x.pdf apart. Raises ValueError for a path that could leave the output folder
    or collide with the batch's own files (UnsafeName).
    """
    parts = rel.split("/")
    if rel.startswith("/") or any(p in ("", ".", "..") or "\0" in p for p in parts):
        raise UnsafeName(f"unsafe input path {rel!r}")
    name = "/".join(parts) + extension
    if parts[0] == STATE_DIR or (len(parts) == 1 and name in RESERVED):
        raise UnsafeName(f"output name {name!r} is reserved for the batch's own files")
    return name


def inside(base: str | Path, target: Path) -> bool:
    """True when target's real location is within base's real location."""
    try:
        Path(os.path.realpath(target)).relative_to(os.path.realpath(base))
    except ValueError:
        return False
    return True


def _entries(folder: str, parts: tuple[str, ...], warnings: list[str]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as it:
            return list(it)
    except OSError as exc:
        warnings.append(f"{_show(parts) or '.'}: cannot read folder: {exc.strerror or exc}, skipped")
        return []


def _stat(entry: os.DirEntry[str]) -> os.stat_result | None:
    """The entry's stat, following symlinks; None for a broken link."""
    try:
        return entry.stat()
    except OSError:
        return None


def _identity(path: str | os.PathLike[str] | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def _show(parts: tuple[str, ...]) -> str:
    """A relative path for a one-line message: every control character escaped."""
    return one_line("/".join(parts))
