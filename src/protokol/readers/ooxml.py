"""Safe XML for Office parts: no DTDs, no entities, no network, bounded inflation."""

from __future__ import annotations

import re
import zipfile
import zlib

from lxml import etree

from protokol.errors import ReadError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NS + "}"
_VAL = W + "val"
# Strict OOXML (ISO 29500 Strict, "Save as Strict Open XML") names the same elements in
# its own namespace; a part in it is read as if it were transitional
STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                          load_dtd=False, dtd_validation=False, remove_comments=True,
                          remove_pis=True)


_DECIMAL = re.compile(r"-?[0-9]{1,9}")  # ASCII digits only: "²".isdigit() is true, int() fails


def number(value: str | None, default: int, lo: int, hi: int) -> int:
    """A numeric attribute (w:ilvl, w:start, w:lvlRestart...): ``default`` unless it is a
    decimal integer of at most 9 ASCII digits within lo..hi.

    >>> number("3", 0, 0, 8), number("abc", 0, 0, 8), number("1.5", 1, 0, 9), number("²", 1, 0, 9)
    (3, 0, 1, 1)
    >>> number("9" * 5000, 1, 0, 32767), number("-1", 0, 0, 8), number(" 2 ", 0, 0, 8)
    (1, 0, 2)
    """
    if value is None:
        return default
    value = value.strip()
    if not _DECIMAL.fullmatch(value):
        return default
    n = int(value)
    return n if lo <= n <= hi else default


def attr(el, name: str) -> str | None:
    return el.get(W + name)


def wval(el) -> str | None:
    return el.get(_VAL)


def child(el, tag: str):
    """el.find(tag) for a plain "{ns}name" tag: its first child element of that tag, or None,
    looked for by lxml in C (find parses the path in Python first)."""
    return next(el.iterchildren(tag), None)


def first_two(el, a: str, b: str) -> tuple:
    """el's first child element tagged ``a`` and its first tagged ``b`` (None for one it
    lacks), in one pass over its children: for an element of a few children, iterchildren(tag)
    setting up its matcher once per tag costs more than the children it skips."""
    first_a = first_b = None
    for c in el:
        tag = c.tag
        if tag == a:
            if first_a is None:
                first_a = c
        elif tag == b and first_b is None:
            first_b = c
    return first_a, first_b


class Package:
    """A docx zip whose parts are inflated only after their declared sizes are checked."""

    def __init__(self, zf: zipfile.ZipFile, path: str, max_unzipped: int) -> None:
        self.zf, self.path, self.budget = zf, path, max_unzipped

    def check(self, names: tuple[str, ...]) -> None:
        """Refuse, before inflating anything, parts whose declared sizes exceed the budget."""
        total = 0
        for name in names:
            try:
                total += self.zf.getinfo(name).file_size
            except KeyError:
                continue
        if total > self.budget:
            raise ReadError(self.path, f"parts inflate to {total} bytes (limit {self.budget}): "
                                       "refused as a zip bomb")

    def xml(self, name: str, required: bool = False, skip: bytes = b""):
        data = self.raw(name, required)
        if data is None:
            return None
        if STRICT_NS in data:
            data = data.replace(STRICT_NS, W_NS.encode())
        return parse_xml(data, self.path, name, skip)

    def raw(self, name: str, required: bool = False) -> bytes | None:
        """A part's bytes, counted against the budget (None when it is missing)."""
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            if required:
                raise ReadError(self.path, f"corrupt .docx: no {name}") from None
            return None
        if info.file_size > self.budget:
            raise ReadError(self.path, f"{name} inflates to {info.file_size} bytes "
                                       f"(limit {self.budget}): refused as a zip bomb")
        self.budget -= info.file_size
        try:
            with self.zf.open(info) as part:  # zf.read() inflates past a lying header in one go
                data = part.read(info.file_size)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            raise ReadError(self.path, f"corrupt .docx: {exc}") from None
        except (NotImplementedError, RuntimeError):  # unknown compression, encrypted entry
            raise ReadError(self.path, f"unsupported .docx: {name} is encrypted or compressed "
                                       "with an unsupported method") from None
        return data


def parse_xml(data: bytes, path: str, name: str, skip: bytes = b""):
    """The part's root element, refusing DTDs and entities.

    ``skip``: a prefixed element name (b"w:latentStyles") whose one occurrence is cut out
    of the bytes before parsing, when the rest still parses (a large element the reader
    never looks at); the DTD check is on the whole part."""
    refused = f"{name} declares a DTD or entities: refused (XXE / entity expansion)"
    if b"<!" in data and _DTD.search(data):  # the bytes test first: the regex scans byte by byte
        raise ReadError(path, refused)
    root = _parse_without(data, skip) if skip else None
    if root is not None:
        return root
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        why = (str(exc.msg or exc).splitlines() or ["not XML"])[0].strip()
        if "amplification" in why:  # entities in a UTF-16/32 part, stopped by libxml2
            raise ReadError(path, refused) from None
        raise ReadError(path, f"corrupt .docx: {name}: {why}") from None
    if root.getroottree().docinfo.doctype:  # a DTD the byte check cannot see (UTF-16/32)
        raise ReadError(path, refused)
    return root


def _parse_without(data: bytes, skip: bytes):
    """The root of data with its one <skip ...>...</skip> element cut out, or None (not
    there exactly once, or the rest does not parse: the whole part is parsed instead)."""
    start, end = data.find(b"<" + skip), data.find(b"</" + skip + b">")
    if start < 0 or end < start or data.find(b"<" + skip, start + 1) >= 0 \
            or data[start + len(skip) + 1:start + len(skip) + 2] not in (b" ", b">", b"/", b"\t", b"\r", b"\n"):
        return None
    try:
        root = etree.fromstring(data[:start] + data[end + len(skip) + 3:], _PARSER)
    except etree.XMLSyntaxError:
        return None
    return None if root.getroottree().docinfo.doctype else root
