"""The one glue: read -> parse -> render. api.py, the command line and the batch workers
all go through here, so a source is read, an Options is built and a format is rendered
one way only.

    >>> data = convert(b"...", make_options("2023-06-20"), "json", name="p.txt")  # doctest: +SKIP

Errors are the library's own: ReadError for an unreadable source (TimeBudgetExceeded when
Limits.timeout runs out in a reader), ValueError for an unknown output format or a date
that is not YYYY-MM-DD. Nothing is printed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import IO, Any, Union

from protokol.model import Document, Limits, Options, ParseResult

# A path, the file's bytes, or a binary file object (its .name, if any, names it).
Source = Union[str, "os.PathLike[str]", bytes, bytearray, IO[bytes]]


def make_options(date: dt.date | str | None = None, rules: str = "federal", roll: str = "back") -> Options:
    """The Options for resolving deadlines; `date` may be a date or "YYYY-MM-DD"."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return Options(date=date, rules=rules, roll=roll)


def read_source(source: Source, *, input_format: str | None = None, name: str | None = None,
                limits: Limits | None = None) -> Document:
    """Read a path, bytes or a binary file object into a Document.

    `name` is the Document's path for bytes and file objects (default "<bytes>", or the
    file object's own name); a path names itself. `input_format` forces docx/pdf/txt.
    """
    from protokol.readers import read, read_bytes

    limits = limits or Limits()
    if isinstance(source, (bytes, bytearray)):
        return read_bytes(bytes(source), name or "<bytes>", fmt=input_format, limits=limits)
    if hasattr(source, "read"):
        data = source.read(limits.max_bytes + 1)  # type: ignore[union-attr]
        label = name or getattr(source, "name", None) or "<bytes>"
        return read_bytes(data, str(label), fmt=input_format, limits=limits)
    return read(source, fmt=input_format, limits=limits)  # type: ignore[arg-type]


def parse_source(source: Source, options: Options | None = None, *, input_format: str | None = None,
                 name: str | None = None, limits: Limits | None = None) -> ParseResult:
    """read_source, then the pipeline: the ParseResult of one source."""
    from protokol.pipeline import parse_document

    doc = read_source(source, input_format=input_format, name=name, limits=limits)
    return parse_document(doc, options or Options())


def render_bytes(fmt: str, results: Sequence[ParseResult], **render_options: Any) -> bytes:
    """Results rendered in a format of output.formats.FORMATS, as the bytes to write
    (text formats UTF-8). Options a renderer does not know are ignored."""
    from protokol.output.formats import render

    data = render(fmt, results, **render_options)
    return data if isinstance(data, bytes) else data.encode("utf-8")


def convert(source: Source, options: Options | None = None, fmt: str = "json", *,
            input_format: str | None = None, name: str | None = None, limits: Limits | None = None,
            **render_options: Any) -> bytes:
    """Read, parse and render one source: the bytes of its output in format `fmt`."""
    result = parse_source(source, options, input_format=input_format, name=name, limits=limits)
    return render_bytes(fmt, [result], **render_options)


__all__ = ["Source", "convert", "make_options", "parse_source", "read_source", "render_bytes"]
