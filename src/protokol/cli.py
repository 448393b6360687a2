"""Command line: the only place that knows consoles and exit codes."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from protokol import __version__
from protokol.errors import ProtokolError

RULES = ("federal", "none")
FORMAT_NAMES = ("table", "json", "jsonl", "xlsx", "csv", "ics", "md")
ROLLS = ("back", "forward", "none")


def _one_line(message: str) -> str:
    """Control characters (a newline in a file name) escaped so an error stays one line."""
    return re.sub(r"[\x00-\x1f\x7f\x85\u2028\u2029]", lambda m: repr(m.group())[1:-1], message)


def _fail(message: str) -> NoReturn:
    click.echo(f"protokol: error: {_one_line(message)}", err=True)
    sys.exit(1)


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


def resolution_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--date, --rules, --roll: how deadlines are resolved (shared by parse, deadline, batch)."""
    func = click.option("--roll", type=click.Choice(ROLLS), default="back", show_default=True,
                        help="A due date on a non-working day moves to the previous working day "
                             "(back: federal regulations), the next one (forward: Civil Code art. 193) or stays.")(func)
    func = click.option("--rules", type=click.Choice(RULES), default="federal", show_default=True,
                        help="Regulation profile for derived deadlines (срочно, оперативно, no deadline).")(func)
    func = click.option("--date", "date", callback=_date, metavar="YYYY-MM-DD",
                        help="Protocol date to resolve deadlines against (default: the date in the protocol).")(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="protokol")
def main() -> None:
    """Read Russian meeting protocols (протоколы) into sections, directives and deadlines.

    \b
    Examples:
      protokol parse protocol.docx
      protokol parse protocol.pdf --format json | jq '.sections[].directives[].deadlines'
      protokol deadline "еженедельно до 18:00 (МСК) пятницы" --date 2023-06-20
    """


def _options(date: dt.date | None, rules: str, roll: str) -> Any:
    from protokol.pipeline import Options

    return Options(date=date, rules=rules, roll=roll)


def _size(_ctx: click.Context, _param: click.Parameter, value: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    text = value.strip().lower().removesuffix("b")
    try:
        return int(float(text[:-1]) * units[text[-1]]) if text[-1:] in units else int(text)
    except (ValueError, IndexError):
        raise click.BadParameter(f"{value!r} is not a size such as 50M, 800k or 1048576") from None


def limit_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--max-size, --max-pages: inputs beyond them are refused before they are parsed."""
    func = click.option("--max-pages", type=click.IntRange(min=1), default=2000, show_default=True,
                        help="Refuse PDFs with more pages.")(func)
    func = click.option("--max-size", callback=_size, default="50M", show_default=True, metavar="SIZE",
                        help="Refuse input files larger than SIZE (e.g. 50M, 800k).")(func)
    return func


def _limits(max_size: int, max_pages: int) -> Any:
    from protokol.readers import Limits

    return Limits(max_bytes=max_size, max_pages=max_pages)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_NAMES),
              help="Output format (default: from -o's extension; table on a terminal, json when piped).")
@click.option("-o", "--output", "output", metavar="FILE", help="Write to FILE instead of standard output (- is stdout).")
@click.option("--input-format", type=click.Choice(["docx", "pdf", "txt"]),
              help="Format of the input when it cannot be told from its bytes or name (e.g. on stdin).")
@click.option("--excel", is_flag=True, help="csv: UTF-8 with BOM, ';' and dd.mm.yyyy dates, as Excel expects.")
@click.option("--remind", default="1d", show_default=True, metavar="WHEN",
              help="ics: a reminder this long before each due date (30m, 2h, 1d, 1w) or 'none'.")
@click.option("--today", callback=_date, metavar="YYYY-MM-DD",
              help="table: mark deadlines before this date as overdue (off by default: output stays deterministic).")
@resolution_options
@limit_options
def parse(files: tuple[str, ...], fmt: str | None, output: str | None, input_format: str | None,
          excel: bool, remind: str, today: dt.date | None,
          date: dt.date | None, rules: str, roll: str, max_size: int, max_pages: int) -> None:
    """Parse protocols (.docx, .pdf, .txt) into sections, directives and deadlines.

    \b
    Examples:
      protokol parse samples/protocol-2023-06-20-D05-78.docx
      protokol parse protocol.pdf --format json | jq '.sections[].directives[] | {id, deadlines}'
      protokol parse a.docx b.pdf --format jsonl > directives.jsonl
      cat protocol.txt | protokol parse - --input-format txt
    """
    from protokol.pipeline import parse_document
    from protokol.readers import read, read_bytes

    options = _options(date, rules, roll)
    limits = _limits(max_size, max_pages)
    results = []
    try:
        for name in files:
            doc = read_bytes(sys.stdin.buffer.read(max_size + 1), "<stdin>", fmt=input_format, limits=limits) \
                if name == "-" else read(name, fmt=input_format, limits=limits)
            results.append(parse_document(doc, options))
    except ProtokolError as exc:
        _fail(str(exc))
    except MemoryError:
        _fail(f"out of memory while parsing {name}; lower --max-size or split the file")
    try:
        _emit(results, fmt, output, excel=excel, remind=None if remind == "none" else remind, today=today)
    except ValueError as exc:  # e.g. a --remind the calendar cannot express
        raise click.BadParameter(str(exc)) from None
    except MemoryError:
        _fail("out of memory while writing the output; lower --max-size or split the input")


def _emit(results: list[Any], fmt: str | None, output: str | None, **render_options: Any) -> None:
    from protokol.output.formats import render

    fmt = _pick_format(fmt, output)
    if fmt == "table":
        render_options.setdefault("width", _terminal_width() if output in (None, "-") else 120)
        render_options.setdefault("color", output in (None, "-") and _color_wanted())
    _write(render(fmt, results, **render_options), output)


def _pick_format(fmt: str | None, output: str | None) -> str:
    from protokol.output.formats import format_for_path

    if fmt is not None:
        return fmt
    if output not in (None, "-"):
        return format_for_path(output) or "json"  # type: ignore[arg-type]
    return "table" if sys.stdout.isatty() else "json"


def _terminal_width() -> int:
    import shutil

    return max(60, shutil.get_terminal_size((120, 40)).columns)


def _color_wanted() -> bool:
    import os

    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _write(data: str | bytes, output: str | None) -> None:
    if output in (None, "-"):
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    from pathlib import Path

    try:
        Path(output).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))  # type: ignore[arg-type]
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")


@main.command()
@click.argument("text")
@click.option("--explain", is_flag=True, help="Show which grammar rule matched which part of the text.")
@resolution_options
def deadline(text: str, explain: bool, date: dt.date | None, rules: str, roll: str) -> None:
    """Normalize deadline expressions; TEXT, or - to read one expression per line from stdin.

    \b
    Examples:
      protokol deadline "до 12:00 (МСК) четверга" --date 2023-06-20
      protokol deadline "в течение 10 рабочих дней" --date 2023-06-20 --explain
      printf 'еженедельно\\nдо 1 июля 2023 г.\\n' | protokol deadline -
    """
    from protokol import deadlines
    from protokol.output.json import dumps

    if text != "-":
        found = deadlines.parse_deadline(text, date, rules=rules, roll=roll)
        click.echo(dumps([d.to_dict() for d in found]))
        _note_needs_date([text], date, rules, roll)
        if explain:
            for item in deadlines.explain(text, date, rules=rules, roll=roll):
                click.echo(f"{item.start}-{item.end} {text[item.start:item.end]!r}: {item.stage}/{item.rule} -> "
                           f"{item.deadline.kind}", err=True)
        return
    lines = []
    for line in sys.stdin:
        line = line.rstrip("\r\n")
        found = deadlines.parse_deadline(line, date, rules=rules, roll=roll) if line.strip() else []
        click.echo(dumps({"input": line, "deadlines": [d.to_dict() for d in found]}, indent=None))
        lines.append(line)
    _note_needs_date(lines, date, rules, roll)


def _note_needs_date(texts: list[str], date: dt.date | None, rules: str, roll: str) -> None:
    """Without --date, say (one stderr line) which results stayed unresolved for want of it."""
    if date is not None:
        return
    from protokol.deadlines import parse_deadline

    probe = dt.date(2000, 1, 3)  # any date: what resolves with one needed the date
    needing = [d.text for text in texts if text.strip()
               for d, p in zip(parse_deadline(text, None, rules=rules, roll=roll),
                               parse_deadline(text, probe, rules=rules, roll=roll))
               if d.due is None and p.due is not None]
    if needing:
        more = f" (and {len(needing) - 1} more)" if len(needing) > 1 else ""
        click.echo(f"protokol: note: {_one_line(needing[0])!r}{more} needs --date (the protocol date) "
                   "to be resolved; due is null", err=True)


@main.command()
@click.argument("archive", type=click.Path(file_okay=False))
@click.option("-o", "--out", "out", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for the outputs (mirroring the archive's tree), manifest.jsonl and combined files.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_NAMES), default="json", show_default=True,
              help="Format of the one output written per input.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: the number of CPUs).")
@click.option("--glob", "patterns", multiple=True, metavar="PATTERN",
              help="File name pattern to convert; repeatable (default: *.docx, *.pdf, *.txt).")
@click.option("--force", is_flag=True, help="Redo every input, even those the manifest says are up to date.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True, metavar="SECONDS",
              help="Fail a file whose parsing takes longer than this.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@resolution_options
@limit_options
def batch(archive: str, out: str, fmt: str, jobs: int | None, patterns: tuple[str, ...], force: bool,
          timeout: float, quiet: bool, date: dt.date | None, rules: str, roll: str, max_size: int,
          max_pages: int) -> None:
    """Convert a whole folder of protocols, in parallel, resumable, nothing lost.

    Every input gets one output under DIR (a/b/x.docx -> DIR/a/b/x.docx.json), a line in
    DIR/manifest.jsonl (ok / failed / skipped, error, counts) and its directives in
    DIR/directives.jsonl and DIR/directives.csv. A second run skips inputs that are up
    to date. Exit code 1 when any input failed.

    \b
    Examples:
      protokol batch archive/ -o out/
      protokol batch archive/ -o out/ --format md --jobs 4 --glob '*.docx'
      jq -c 'select(.status == "failed") | {path, error}' out/manifest.jsonl
    """
    from pathlib import Path

    from protokol.batch import BatchConfig, BatchInterrupted, run
    from protokol.batch_walk import PATTERNS

    config = BatchConfig(root=Path(archive), out=Path(out), fmt=fmt, jobs=jobs, patterns=patterns or PATTERNS,
                         force=force, timeout=timeout, options=_options(date, rules, roll),
                         limits=_limits(max_size, max_pages))
    show = not quiet and sys.stderr.isatty()
    try:
        with _progress(show) as on_progress:
            summary = run(config, on_progress)
    except BatchInterrupted as stop:
        _summary(stop.summary, quiet, interrupted=True)
        sys.exit(130)
    except ProtokolError as exc:
        _fail(str(exc))
    _summary(summary, quiet)
    sys.exit(1 if summary.failed else 0)


def _progress(show: bool) -> Any:
    """A context giving the progress callback: a rich bar on stderr, or nothing."""
    import contextlib

    if not show:
        return contextlib.nullcontext(None)
    from protokol.progress import progress_bar

    return progress_bar()


def _summary(summary: Any, quiet: bool, interrupted: bool = False) -> None:
    if quiet:
        return
    state = "interrupted" if interrupted else "done"
    rate = summary.ok / summary.seconds if summary.seconds else 0.0
    click.echo(f"protokol batch {state}: {summary.total} inputs, {summary.ok} converted, "
               f"{summary.skipped} up to date, {summary.failed} failed in {summary.seconds:.1f} s "
               f"({rate:.1f} files/s); manifest: {summary.manifest}", err=True)
    for warning in summary.warnings:
        click.echo(f"  warning: {warning}", err=True)
    for path, error in summary.failures[:20]:
        click.echo(f"  failed: {_one_line(path)}: {_one_line(error)}", err=True)
    if len(summary.failures) > 20:
        click.echo(f"  ... and {len(summary.failures) - 20} more (see the manifest)", err=True)


@main.command()
@click.argument("name", type=click.Choice(["result", "record", "deadlines", "deadline-line"]), default="result")
def schema(name: str) -> None:
    """Print the JSON Schema (draft 2020-12) of an output.

    result: `parse --format json`; record: one `--format jsonl` line; deadlines:
    `deadline TEXT`; deadline-line: one line of `deadline -`.

    \b
    Examples:
      protokol schema > protokol.schema.json
      protokol schema record
    """
    from protokol.output.json import dumps
    from protokol.output.schema import load_schema

    click.echo(dumps(load_schema(name)))
