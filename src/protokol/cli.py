"""Command line: the only place that knows consoles and exit codes."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

import click

from protokol import __version__
from protokol.errors import ProtokolError, TimeBudgetExceeded
from protokol.output.safe import one_line

RULES = ("federal", "none")
FORMAT_NAMES = ("table", "json", "jsonl", "xlsx", "csv", "ics", "md")
ROLLS = ("back", "forward", "none")


DEFAULT_TIMEOUT = 300.0  # seconds for one file (parse) or one expression (deadline)
MAX_LINE = 64 * 1024  # bytes of one expression read by `deadline -`
MAX_STDIN = 50 * 1024 * 1024  # bytes `deadline -` reads in all


def _one_line(message: str) -> str:
    """Control characters (a newline or an escape in a file name) escaped so an error stays one line."""
    return one_line(message)


def _error(message: str) -> None:
    click.echo(f"protokol: error: {_one_line(message)}", err=True)


def _fail(message: str) -> NoReturn:
    _error(message)
    sys.exit(1)


def _stdout_gone() -> None:
    """Point fd 1 at /dev/null, so the interpreter's last flush of what is still buffered
    cannot fail a second time (no "Exception ignored" after our one line)."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _out(data: str | bytes) -> None:
    """Write UTF-8 to standard output: a closed pipe ends the run silently (exit 1, as is
    conventional); any other failure (ENOSPC on /dev/full, EIO) is one line, exit 1."""
    from protokol.cli_io import write_all

    try:
        sys.stdout.flush()
        write_all(sys.stdout.buffer, data if isinstance(data, bytes) else data.encode("utf-8"))
    except BrokenPipeError:
        _stdout_gone()
        sys.exit(1)
    except OSError as exc:
        _stdout_gone()
        _fail(f"cannot write standard output: {exc.strerror or exc}")


@contextlib.contextmanager
def _budget(seconds: float | None, name: str) -> Iterator[None]:
    """Raise TimeBudgetExceeded(name) in the main thread once `seconds` of wall-clock time
    have passed (SIGALRM; the library installs no handlers, so this lives here)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise TimeBudgetExceeded(name, seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timeout_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True,
                        metavar="SECONDS",
                        help="Fail an input whose reading and parsing takes longer than this (0: no limit).")(func)


def _remind(_ctx: click.Context, _param: click.Parameter, value: str) -> str | None:
    from protokol.output.ics import parse_remind

    try:
        return None if parse_remind(value) is None else value
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


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


class OneLineErrors(click.Group):
    """Usage errors as one line too ("protokol: error: ... (see 'protokol parse --help')", exit 2)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            _error(exc.format_message() + hint)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            _error(exc.format_message())
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
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


def _limits(max_size: int, max_pages: int, timeout: float | None = None) -> Any:
    from protokol.readers import Limits

    return Limits(max_bytes=max_size, max_pages=max_pages, timeout=timeout or None)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True, allow_dash=True))
@click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_NAMES),
              help="Output format (default: from -o's extension; table on a terminal, json when piped).")
@click.option("-o", "--output", "output", metavar="FILE", help="Write to FILE instead of standard output (- is stdout).")
@click.option("--input-format", type=click.Choice(["docx", "pdf", "txt"]),
              help="Format of the input when it cannot be told from its bytes or name (e.g. on stdin).")
@click.option("--excel", is_flag=True, help="csv: UTF-8 with BOM, ';' and dd.mm.yyyy dates, as Excel expects.")
@click.option("--remind", default="1d", show_default=True, metavar="WHEN", callback=_remind,
              help="ics: a reminder this long before each due date (30m, 2h, 1d, 1w; at most 366d) or 'none'.")
@click.option("--today", callback=_date, metavar="YYYY-MM-DD",
              help="table: mark deadlines before this date as overdue (off by default: output stays deterministic).")
@timeout_option
@resolution_options
@limit_options
def parse(files: tuple[str, ...], fmt: str | None, output: str | None, input_format: str | None,
          excel: bool, remind: str | None, today: dt.date | None, timeout: float,
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
    from protokol.pipeline import parse_document
    from protokol.readers import read, read_bytes

    fmt = _pick_format(fmt, output)
    options = _options(date, rules, roll)
    limits = _limits(max_size, max_pages, timeout)
    results, failed = [], 0
    for name in files:
        try:
            with _budget(limits.timeout, "<stdin>" if name == "-" else name):
                doc = read_bytes(sys.stdin.buffer.read(max_size + 1), "<stdin>", fmt=input_format, limits=limits) \
                    if name == "-" else read(name, fmt=input_format, limits=limits)
                results.append(parse_document(doc, options))
        except ProtokolError as exc:
            _error(str(exc))
            failed += 1
        except MemoryError:
            _error(f"{name}: out of memory while parsing; lower --max-size or split the file")
            failed += 1
    if results:
        try:
            _emit(results, fmt, output, excel=excel, remind=remind, today=today)
        except MemoryError:
            _fail("out of memory while writing the output; lower --max-size or split the input")
    sys.exit(1 if failed else 0)


def _emit(results: list[Any], fmt: str, output: str | None, **render_options: Any) -> None:
    from protokol.output.formats import render

    if fmt == "table":
        render_options.setdefault("width", _terminal_width() if output in (None, "-") else 120)
        render_options.setdefault("color", output in (None, "-") and _color_wanted())
    _write(render(fmt, results, **render_options), output)


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


def _write(data: str | bytes, output: str | None) -> None:
    if output in (None, "-"):
        _out(data)
        return
    from pathlib import Path

    try:
        Path(output).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))  # type: ignore[arg-type]
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror or exc}")


@main.command()
@click.argument("text")
@click.option("--explain", is_flag=True, help="Show which grammar rule matched which part of the text.")
@timeout_option
@resolution_options
def deadline(text: str, explain: bool, timeout: float, date: dt.date | None, rules: str, roll: str) -> None:
    """Normalize deadline expressions; TEXT, or - to read one expression per line from stdin.

    From stdin, a line may hold 64 KiB and the input 50 MB: beyond either, one line of
    error and exit 1 (the lines before it are already written).

    \b
    Examples:
      protokol deadline "до 12:00 (МСК) четверга" --date 2023-06-20
      protokol deadline "в течение 10 рабочих дней" --date 2023-06-20 --explain
      printf 'еженедельно\\nдо 1 июля 2023 г.\\n' | protokol deadline -
    """
    from protokol import deadlines
    from protokol.output.json import dumps

    if text != "-":
        try:
            with _budget(timeout, "TEXT"):
                found = deadlines.parse_deadline(text, date, rules=rules, roll=roll)
                steps = deadlines.explain(text, date, rules=rules, roll=roll) if explain else []
        except ProtokolError as exc:
            _fail(str(exc))
        _out(dumps([d.to_dict() for d in found]) + "\n")
        for item in steps:
            click.echo(f"{item.start}-{item.end} {text[item.start:item.end]!r}: {item.stage}/{item.rule} -> "
                       f"{item.deadline.kind}", err=True)
        return
    from protokol.cli_io import bounded_lines

    try:
        for n, line in enumerate(bounded_lines(sys.stdin.buffer, MAX_LINE, MAX_STDIN), 1):
            with _budget(timeout, f"<stdin>:{n}"):
                found = deadlines.parse_deadline(line, date, rules=rules, roll=roll) if line.strip() else []
            _out(dumps({"input": line, "deadlines": [d.to_dict() for d in found]}, indent=None) + "\n")
    except ProtokolError as exc:
        _fail(str(exc))


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
@click.option("--follow-links", is_flag=True,
              help="Also convert files reached through symlinks leading out of the archive (default: skipped, "
                   "recorded as skipped_link).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@resolution_options
@limit_options
def batch(archive: str, out: str, fmt: str, jobs: int | None, patterns: tuple[str, ...], force: bool,
          timeout: float, follow_links: bool, quiet: bool, date: dt.date | None, rules: str, roll: str,
          max_size: int, max_pages: int) -> None:
    """Convert a whole folder of protocols, in parallel, resumable, nothing lost.

    Every input gets one output under DIR (a/b/x.docx -> DIR/a/b/x.docx.json), a line in
    DIR/manifest.jsonl (ok / failed / skipped_link, reused, error, counts) and its directives in
    DIR/directives.jsonl and DIR/directives.csv. A second run reuses inputs that are up
    to date. DIR may not overlap ARCHIVE. Exit code 1 when any input failed, or with one
    line when the run cannot go on (a full disk: previous outputs are kept).

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
                         limits=_limits(max_size, max_pages), follow_links=follow_links)
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
    from protokol.output.safe import one_line

    state = "interrupted" if interrupted else "done"
    rate = summary.ok / summary.seconds if summary.seconds else 0.0
    click.echo(f"protokol batch {state}: {summary.total} inputs, {summary.ok} converted, "
               f"{summary.skipped} up to date, {summary.failed} failed in {summary.seconds:.1f} s "
               f"({rate:.1f} files/s); manifest: {one_line(str(summary.manifest))}", err=True)
    for warning in summary.warnings:
        click.echo(f"  warning: {one_line(warning)}", err=True)
    for path, error in summary.failures[:20]:
        click.echo(f"  failed: {one_line(path)}: {one_line(error)}", err=True)
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

    _out(dumps(load_schema(name)) + "\n")
