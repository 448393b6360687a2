"""Readers: read(path) -> Document of Blocks. One module per format.

Interface contract (owned by the readers):

    read(path, *, fmt=None, limits=Limits()) -> Document
    read_bytes(data, name, *, fmt=None, limits=Limits()) -> Document

Raise protokol.errors.ReadError with a one-line reason for anything unreadable.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024  # input file size
    max_pages: int = 2000  # PDF pages
    max_unzipped: int = 200 * 1024 * 1024  # total inflated size of a docx's parts


SUPPORTED = ("docx", "pdf", "txt")
