"""Where a .docx package keeps its parts: the main document part (word/document.xml, else
where _rels/.rels or [Content_Types].xml say: a .docm, a .dotx, a renamed part), and that
part's styles and numbering (through its own relationships). Small parts are read with a
bound; tags are matched within a bound, so a hostile package costs linear time."""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from urllib.parse import unquote

from protokol.readers import MAIN_TYPE

# a relationship's or an override's tag, its attributes in any order; at most 4,000 bytes
# (a tag that never closes costs no more than that for each time it is tried)
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]{0,4000}>")
_TYPE, _TARGET = re.compile(rb"""\sType\s*=\s*["']([^"']*)["']"""), re.compile(rb"""\sTarget\s*=\s*["']([^"']+)["']""")
_ID = re.compile(rb"""\sId\s*=\s*["']([^"']+)["']""")
_MAIN_OVERRIDE = re.compile(rb"""<(?:\w+:)?Override\b(?=[^>]{0,4000}ContentType\s*=\s*["'][^"']{0,200}"""
                            + MAIN_TYPE.pattern + rb""")[^>]{0,4000}PartName\s*=\s*["']([^"']+)["']""")


def main_part(zf: zipfile.ZipFile) -> str:
    """The main document part: word/document.xml, else where _rels/.rels points, else the part
    [Content_Types].xml gives a main document's type (a .docx, .docm, .dotx or .dotm)."""
    names = set(zf.namelist())
    if "word/document.xml" in names:
        return "word/document.xml"
    for kind, target in relations(zf, "_rels/.rels"):
        if kind == "officeDocument" and target in names:
            return target
    for name in _MAIN_OVERRIDE.findall(_bounded(zf, "[Content_Types].xml")):
        name = _resolve("", name.decode("utf-8", "replace"))
        if name in names:
            return name
    return "word/document.xml"


def part_names(zf: zipfile.ZipFile, main: str) -> tuple[str, str]:
    """The styles and numbering parts of the main part `main` (as its relationships say,
    when it is not word/document.xml)."""
    if main == "word/document.xml":
        return "word/styles.xml", "word/numbering.xml"
    folder, _, base = main.rpartition("/")
    found = dict(relations(zf, f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels", folder))
    return found.get("styles", "word/styles.xml"), found.get("numbering", "word/numbering.xml")


def relations(zf: zipfile.ZipFile, rels: str, folder: str = "") -> list[tuple[str, str]]:
    """(type's last word, target part) of a relationships part's internal targets;
    targets are relative to `folder` (the source part's), or absolute."""
    out = []
    for rel in _RELATIONSHIP.findall(_bounded(zf, rels)):
        kind, target = _TYPE.search(rel), _TARGET.search(rel)
        if kind and target and b'TargetMode="External"' not in rel:
            out.append((kind.group(1).decode("utf-8", "replace").rpartition("/")[2],
                        _resolve(folder, target.group(1).decode("utf-8", "replace"))))
    return out


def chunk_targets(zf: zipfile.ZipFile, main: str) -> dict[str, str]:
    """The main part's alternative format chunks (w:altChunk): relationship id -> part."""
    folder, _, base = main.rpartition("/")
    out = {}
    for rel in _RELATIONSHIP.findall(_bounded(zf, f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")):
        kind, target, rid = _TYPE.search(rel), _TARGET.search(rel), _ID.search(rel)
        if kind and target and rid and kind.group(1).endswith(b"/aFChunk") and b'TargetMode="External"' not in rel:
            out[rid.group(1).decode("utf-8", "replace")] = _resolve(folder, target.group(1).decode("utf-8", "replace"))
    return out


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a zip entry name: "/word/x.xml", "./x.xml", "../x.xml"."""
    target = unquote(target)
    path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
    return posixpath.normpath(path).lstrip("/") if path else path


def _bounded(zf: zipfile.ZipFile, name: str, size: int = 1_000_000) -> bytes:
    """A small part's bytes (b"" when it is missing, larger than `size` or broken): zf.read()
    trusts the header's size."""
    try:
        info = zf.getinfo(name)
        if info.file_size > size:
            return b""
        with zf.open(info) as part:
            return part.read(size)
    except (KeyError, zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError,
            RuntimeError):
        return b""
