"""`protokol parse`: files -> one output, through protokol.convert."""

from __future__ import annotations

import datetime as dt
import os
import sys
from typing import Any

import click

from protokol.cli.common import (
    FORMAT_NAMES, budget, error, fail, limit_options, make_limits, out, parse_date, resolution_options, timeout_option,
)
from protokol.errors import ProtokolError
from protokol.readers import SUPPORTED


def _remind(_ctx: click.Context, _param: click.Parameter, value: str) -> str | None:
    from protokol.output.ics import parse_remind

    try:
        return None if parse_remind(value) is None else value
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_NAMES),
              help="Output format (default: from -o's extension; table on a terminal, json when piped).")
@click.option("-o", "--output", "output", metavar="FILE", help="Write to FILE instead of standard output (- is stdout).")
@click.option("--input-format", type=click.Choice(SUPPORTED),
              help="Format of the input when it cannot be told from its bytes or name (e.g. on stdin).")
@click.option("--excel", is_flag=True, help="csv: UTF-8 with BOM, ';' and dd.mm.yyyy dates, as Excel expects.")
@click.option("--remind", default="1d", show_default=True, metavar="WHEN", callback=_remind,
              help="ics: a reminder this long before each due date (30m, 2h, 1d, 1w; at most 366d) or 'none'.")
@click.option("--ics-kind", type=click.Choice(["todo", "event", "both"]), default="both", show_default=True,
              help="ics: to-dos, events on the due dates (every calendar shows them), or both.")
@click.option("--all-kinds", is_flag=True,
              help="csv/xlsx: notes and lead-in items in the register too (tasks only by default).")
@click.option("--today", callback=parse_date, metavar="YYYY-MM-DD",
              help="table: mark deadlines before this date as overdue (off by default: output stays deterministic).")
@timeout_option
@resolution_options
@limit_options
def parse(files: tuple[str, ...], fmt: str | None, output: str | None, input_format: str | None,
          excel: bool, remind: str | None, ics_kind: str, all_kinds: bool, today: dt.date | None, timeout: float,
          date: dt.date | None, rules: str, roll: str, max_size: int, max_pages: int) -> None:
    """Parse protocols (.docx, .pdf, .txt) into sections, directives and deadlines.

    A file that cannot be read is one line on stderr; the others are still written; exit 1.

    \b
    Examples:
      protokol parse samples/protocol-2023-06-20-D05-78.docx
      protokol parse protocol.pdf --format json | jq '.sections[].directives[] | {id, deadlines}'
      protokol parse a.docx b.pdf --format jsonl > directives.jsonl
      cat protocol.txt | protokol parse - --input-format txt
    """
    from protokol.convert import make_options, parse_source

    fmt = _pick_format(fmt, output)
    options = make_options(date, rules, roll)
    limits = make_limits(max_size, max_pages, timeout)
    results, failed = [], 0
    for name in files:
        try:
            with budget(limits.timeout, "<stdin>" if name == "-" else name):
                stdin = name == "-"
                results.append(parse_source(sys.stdin.buffer if stdin else name, options, input_format=input_format,
                                            name="<stdin>" if stdin else None, limits=limits))
        except ProtokolError as exc:
            error(str(exc))
            failed += 1
        except MemoryError:
            error(f"{name}: out of memory while parsing; lower --max-size or split the file")
            failed += 1
    if results:
        try:
            _emit(results, fmt, output, excel=excel, remind=remind, today=today, ics_kind=ics_kind,
                  all_kinds=all_kinds)
        except MemoryError:
            fail("out of memory while writing the output; lower --max-size or split the input")
    sys.exit(1 if failed else 0)


def _emit(results: list[Any], fmt: str, output: str | None, **render_options: Any) -> None:
    from protokol.convert import render_bytes

    if fmt == "table":
        render_options.setdefault("width", _terminal_width() if output in (None, "-") else 120)
        render_options.setdefault("color", output in (None, "-") and _color_wanted())
    _write(render_bytes(fmt, results, **render_options), output)


def _pick_format(fmt: str | None, output: str | None) -> str:
    """--format, else -o's extension (an unknown one is a usage error), else table on a
    terminal and json when piped; a binary format is never written to a terminal."""
    from protokol.output.formats import EXTENSIONS, FORMATS, format_for_path

    to_stdout = output in (None, "-")
    if fmt is None and not to_stdout:
        fmt = format_for_path(output)  # type: ignore[arg-type]
        if fmt is None:
            raise click.UsageError(f"cannot tell the output format from {output!r}: name it with one of "
                                   f"{', '.join(sorted(EXTENSIONS))} or give --format")
    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "json"
    if to_stdout and FORMATS[fmt].binary and sys.stdout.isatty():
        raise click.UsageError(f"{fmt} is binary and standard output is a terminal: "
                               f"write it to a file with -o FILE{FORMATS[fmt].extension}, or pipe it")
    return fmt


def _terminal_width() -> int:
    import shutil

    return max(60, shutil.get_terminal_size((120, 40)).columns)


def _color_wanted() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _write(data: bytes, output: str | None) -> None:
    if output in (None, "-"):
        out(data)
        return
    from pathlib import Path

    try:
        Path(output).write_bytes(data)  # type: ignore[arg-type]
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")
