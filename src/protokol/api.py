"""The library API: parse a protocol from a path, bytes, a file object or text."""

from __future__ import annotations

import datetime as dt
import os
from typing import IO, TYPE_CHECKING

from protokol.convert import make_options as _options

if TYPE_CHECKING:
    from protokol.model import Deadline, Executor, Limits, ParseResult, Reference


def parse(
    source: str | os.PathLike[str] | bytes | IO[bytes],
    *,
    date: dt.date | str | None = None,
    rules: str = "federal",
    roll: str = "back",
    fmt: str | None = None,
    name: str = "<bytes>",
    limits: Limits | None = None,
) -> ParseResult:
    """Parse a protocol given as a path, raw bytes or a binary file object.

    >>> result = parse("samples/protocol-2023-06-20-D05-78.docx")   # doctest: +SKIP
    >>> result.protocol.number                                      # doctest: +SKIP
    'Д05-78/05пр'
    """
    from protokol.convert import parse_source

    label = name if isinstance(source, (bytes, bytearray)) else getattr(source, "name", None) or name
    return parse_source(source, _options(date, rules, roll), input_format=fmt, name=label, limits=limits)


def parse_text(text: str, date: dt.date | str | None = None, *, rules: str = "federal",
               roll: str = "back", name: str = "<text>") -> ParseResult:
    """Parse a protocol given as text (one paragraph per line or per blank-line block)."""
    from protokol.convert import parse_source

    return parse_source(text.encode("utf-8"), _options(date, rules, roll), input_format="txt", name=name)


def read_deadline(text: str, date: dt.date | str | None = None, *, rules: str = "federal",
                  roll: str = "back") -> list[Deadline]:
    """Every deadline in one deadline expression ("до 1 июля 2023 г., еженедельно"); empty only
    when its dates all name another act ("протокол от 17 января 2023 г. № 5")."""
    from protokol.deadlines import read_deadline as read

    return read(text, _options(date, rules, roll).date, rules=rules, roll=roll)


def scan_deadlines(text: str, date: dt.date | str | None = None, *, rules: str = "federal",
                   roll: str = "back") -> list[Deadline]:
    """The deadlines with strong markers in running text ("Представить в срок до 1 июля ..."); may be empty."""
    from protokol.deadlines import scan_deadlines as scan

    return scan(text, _options(date, rules, roll).date, rules=rules, roll=roll)


def find_deadlines(text: str, date: dt.date | str | None = None, *, rules: str = "federal",
                   roll: str = "back") -> list[Deadline]:
    """Deprecated name of read_deadline (one expression, despite the name)."""
    import warnings

    warnings.warn("protokol.find_deadlines is deprecated: use read_deadline (one expression) "
                  "or scan_deadlines (running text)", DeprecationWarning, stacklevel=2)
    return read_deadline(text, date, rules=rules, roll=roll)


def executors(addressee: str) -> list[Executor]:
    """The single executors of one addressee, in the nominative ("Минфину России и Минтрансу
    России" -> Минфин России, Минтранс России); the same ones `parse` gives a directive."""
    from protokol.structure.executors import split_addressee

    return list(split_addressee(addressee))


def references(text: str) -> list[Reference]:
    """The documents a text mentions (protocols, letters, orders, decrees, laws) with their
    number, date and issuer; the same ones `parse` gives a directive."""
    from protokol.structure.references import find_references

    return list(find_references(text))


def clear_caches() -> None:
    """Forget the per-text results kept between calls (an item's fields, a deadline
    expression's reading). Loaded grammars, dictionaries and per-word analyses stay.
    Results never depend on these caches; a long-running service may call this to
    give their memory back, and benchmarks call it to time text seen for the first time.
    """
    from protokol.deadlines import clear_cache as clear_deadlines
    from protokol.structure.executors import split_addressee
    from protokol.structure.fields import item_fields
    from protokol.structure.markers import folded
    from protokol.structure.references import find_references

    folded.cache_clear()
    item_fields.cache_clear()
    split_addressee.cache_clear()
    find_references.cache_clear()
    clear_deadlines()
