"""Batch output names: every input gets its own output path, whatever --jobs is.

The output of ``a/b/x.docx`` is ``a/b/x.docx.json`` (the format's extension), except:

* a folder whose name ends with the extension (``a.txt.json/`` beside ``a.txt``), or a
  top-level folder named like the batch's own files (``directives.jsonl/``), gets a
  ``~`` appended, so no output folder can take the place of an output file;
* a file name that would exceed 255 bytes with the extension is cut and given a hash
  of the full name: ``<cut>~<12 hex>.txt.json``;
* a name already taken (by the batch's own files or an earlier input in sorted order)
  gets ``~<12 hex>`` of the input's path (and a counter in the hash if need be).

Names are assigned in the sorted order of the listing, so they depend only on the set
of inputs; the manifest records each input's output.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable

from pathlib import Path

from protokol.batch.walk import RESERVED, STATE_DIR, UnsafeName, output_name, sort_key

NAME_MAX = 255  # bytes in one file name (Linux, macOS, Windows' NTFS in UTF-16 units)
RECORDS = ".jsonl"  # an input's directives.jsonl lines, cached
SHARE = ".share.z"  # an input's directives.csv rows (their text less the № cell) and its share of the
# archive's register, calendar and references (protokol.output.pieces), cached as
# zlib-compressed JSON in two streams, the run's part and the archive files' (pieces.share_bytes)


def extension(fmt: str) -> str:
    """The output extension of a format, with its dot; ValueError when unknown."""
    from protokol.output.formats import FORMATS

    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(sorted(FORMATS))})")
    return FORMATS[fmt].extension


def extensions() -> tuple[str, ...]:
    """Every output extension (a stale output of another format ends with one of them)."""
    from protokol.output.formats import FORMATS

    return tuple(sorted({f.extension for f in FORMATS.values()}))


def record_path(out: Path, rel: str, suffix: str = RECORDS) -> Path:
    """The cached directive records of one input (RECORDS, SHARE): a flat, safe name per
    relative path, so that the combined files are a concatenation in manifest order."""
    return Path(record_file(str(out), rel, suffix))


def record_file(out: str, rel: str, suffix: str = RECORDS) -> str:
    """record_path as a string (no pathlib for each of a huge archive's files)."""
    digest = hashlib.sha1(rel.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{out}/{STATE_DIR}/records/{digest[:2]}/{digest}{suffix}"


def assign_outputs(rels: Iterable[str], ext: str) -> dict[str, str | UnsafeName]:
    """The output name of each input path, or the UnsafeName that refuses it."""
    folder_escape = re.compile(f".*{re.escape(ext)}~*", re.IGNORECASE)
    top_escape = re.compile("(?:" + "|".join(map(re.escape, sorted(RESERVED))) + ")~*", re.IGNORECASE)
    taken: set[str] = set(RESERVED)
    names: dict[str, str | UnsafeName] = {}
    folders: dict[tuple[str, ...], tuple[str, ...]] = {}
    for rel in sorted(rels, key=sort_key):
        try:
            output_name(rel, ext)
        except UnsafeName as exc:
            names[rel] = exc
            continue
        parts = rel.split("/")
        key = tuple(parts[:-1])
        if key not in folders:
            folders[key] = tuple(_folder(p, i == 0, folder_escape, top_escape) for i, p in enumerate(key))
        prefix = "".join(f + "/" for f in folders[key])
        name = prefix + _fit(parts[-1], ext)
        attempt = 0
        while name in taken:
            attempt += 1
            digest = hashlib.sha1(f"{rel}\0{attempt}".encode("utf-8", "surrogateescape")).hexdigest()[:12]
            name = prefix + _fit(parts[-1], ext, digest, force=True)
        taken.add(name)
        names[rel] = name
    return names


def _folder(name: str, top: bool, folder_escape: re.Pattern[str], top_escape: re.Pattern[str]) -> str:
    if folder_escape.fullmatch(name) or (top and top_escape.fullmatch(name)):
        name += "~"
    if _size(name) > NAME_MAX:
        digest = hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
        name = _cut(name, NAME_MAX - 14) + "~" + digest + "~"
    return name


def _fit(name: str, ext: str, digest: str | None = None, force: bool = False) -> str:
    """name + ext, cut to NAME_MAX bytes with a hash when too long (or when forced)."""
    if not force and _size(name + ext) <= NAME_MAX:
        return name + ext
    digest = digest or hashlib.sha1(name.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    _, dot, suffix = name.rpartition(".")
    keep = "." + suffix if dot and _size("." + suffix) <= 16 else ""
    stem = name[: len(name) - len(keep)]
    room = NAME_MAX - _size(ext) - _size(keep) - len(digest) - 1
    return _cut(stem, room) + "~" + digest + keep + ext


def _cut(text: str, limit: int) -> str:
    """The longest prefix of text that fits in limit bytes, a UTF-8 character kept whole."""
    data = os.fsencode(text)
    if len(data) <= limit:
        return text
    data = data[:limit]
    start = len(data)
    while start > 0 and data[start - 1] & 0xC0 == 0x80:  # continuation bytes at the end
        start -= 1
    if start > 0 and data[start - 1] >= 0xC0:  # their lead byte: is the character complete?
        lead = data[start - 1]
        if len(data) - start + 1 < (2 if lead < 0xE0 else 3 if lead < 0xF0 else 4):
            data = data[:start - 1]
    return os.fsdecode(data)


def _size(text: str) -> int:
    return len(os.fsencode(text))
