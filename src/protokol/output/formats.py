"""The registry of output formats. Importing it is cheap: a renderer's module (and with
it openpyxl, icalendar or rich) is imported only when that format is rendered.

    >>> FORMATS["xlsx"].binary, format_for_path("report.XLSX")
    (True, 'xlsx')

Every renderer is `render(results, **options) -> str | bytes`; binary formats return
bytes, the others UTF-8 text (csv has CRLF line ends: write text with newline="").
Options a renderer does not know are ignored, so a caller can pass one set to any format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from protokol.frozen import Frozen

if TYPE_CHECKING:
    from pathlib import PurePath

    from protokol.model import ParseResult

Renderer = Callable[..., "str | bytes"]


class Format(Frozen):  # a frozen dataclass written out (protokol.frozen): `protokol deadline` imports it
    name: str
    extension: str  # with the dot: ".xlsx"
    binary: bool
    module: str  # "protokol.output.xlsx"
    function: str
    description: str
    __slots__ = __match_args__ = ("name", "extension", "binary", "module", "function", "description")

    def __init__(self, name: str, extension: str, binary: bool, module: str, function: str = "render",
                 description: str = "") -> None:
        self._fill(name, extension, binary, module, function, description)

    @property
    def render(self) -> Renderer:
        """The render callable (imports the module on first use)."""
        return getattr(importlib.import_module(self.module), self.function)  # type: ignore[no-any-return]


def _fmt(name: str, ext: str, binary: bool, module: str, description: str, function: str = "render") -> Format:
    return Format(name, ext, binary, f"protokol.output.{module}", function, description)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        _fmt("json", ".json", False, "formats", "the contract's JSON (an array for several results)",
             "render_json"),
        _fmt("jsonl", ".jsonl", False, "formats", "one directive per line, with protocol and section",
             "render_jsonl"),
        _fmt("table", ".txt", False, "table", "a table for the terminal (rich)"),
        _fmt("md", ".md", False, "md", "a Markdown report"),
        _fmt("html", ".html", False, "html", "a self-contained HTML report (filters, timeline)"),
        _fmt("csv", ".csv", False, "csv", "the control register as CSV"),
        _fmt("xlsx", ".xlsx", True, "xlsx", "the control register as an Excel workbook"),
        _fmt("ics", ".ics", True, "ics", "deadlines as iCalendar to-dos and events"),
    )
}

EXTENSIONS = {f.extension: f.name for f in FORMATS.values()}
EXTENSIONS.update({".ndjson": "jsonl", ".markdown": "md", ".ical": "ics", ".ifb": "ics", ".htm": "html"})


def format_for_path(path: str | PurePath) -> str | None:
    """The format a file name asks for by its extension (case-insensitive), or None."""
    from pathlib import PurePath  # not at import: `protokol deadline` needs no pathlib

    return EXTENSIONS.get(PurePath(path).suffix.lower())


def render(name: str, results: Sequence[ParseResult], **options: Any) -> str | bytes:
    """Render `results` in format `name`; an unknown name raises ValueError."""
    try:
        fmt = FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(FORMATS)}") from None
    return fmt.render(results, **options)


# ---------------------------------------------------------------- json, jsonl (output/json.py)


def render_json(results: Sequence[ParseResult], **_: Any) -> str:
    """One result: exactly `protokol parse --format json`; several: a JSON array of them."""
    from protokol.output import json as out

    results = list(results)
    if len(results) == 1:
        return out.render_json(results[0])
    return out.contract_dumps([r.to_dict() for r in results]) + "\n"


def render_jsonl(results: Sequence[ParseResult], **_: Any) -> str:
    from protokol.output import json as out

    return out.render_jsonl(results)
