"""`protokol due`: what is due, overdue and coming up across protocols (protokol.agenda).
The only place that reads the clock for it: `--today` fixes the day for reproducible output."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import sys
from collections.abc import Iterator
from typing import Any

import click

from protokol.cli.common import error, limit_options, make_limits, parse_date, resolution_options, timeout_option

DUE_FORMATS = ("table", "json", "jsonl", "csv", "xlsx", "ics", "html")
DEFAULT_DAYS = 14


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--from", "first", callback=parse_date, metavar="YYYY-MM-DD", help="First day of the window (default: today).")
@click.option("--to", "last", callback=parse_date, metavar="YYYY-MM-DD",
              help=f"Last day of the window (default: {DEFAULT_DAYS} days after its first day).")
@click.option("--today", callback=parse_date, metavar="YYYY-MM-DD",
              help="The day taken as today (default: the system date); fix it for reproducible output.")
@click.option("--overdue/--no-overdue", default=True, show_default=True,
              help="Also list dated deadlines that passed before the window.")
@click.option("--executor", metavar="TEXT",
              help="Only tasks whose executor matches TEXT, in any case or grammatical form ('Минфин').")
@click.option("--group-by", type=click.Choice(["executor", "protocol", "date"]), help="Group the list.")
@click.option("-f", "--format", "fmt", type=click.Choice(DUE_FORMATS),
              help="Output format (default: from -o's extension; table on a terminal, json when piped).")
@click.option("-o", "--output", "output", metavar="FILE", help="Write to FILE instead of standard output.")
@click.option("--excel", is_flag=True, help="csv: UTF-8 with BOM, ';' and dd.mm.yyyy dates, as Excel expects.")
@click.option("--remind", default="1d", show_default=True, metavar="WHEN",
              help="ics: a reminder this long before each occurrence (30m, 2h, 1d, 1w) or 'none'.")
@timeout_option
@resolution_options
@limit_options
def due(paths: tuple[str, ...], first: dt.date | None, last: dt.date | None, today: dt.date | None, overdue: bool,
        executor: str | None, group_by: str | None, fmt: str | None, output: str | None, excel: bool, remind: str,
        timeout: float, date: dt.date | None, rules: str, roll: str, max_size: int, max_pages: int) -> None:
    """List every occurrence of every task deadline in a window of days.

    PATHS are protocol files, folders of them, JSON outputs of `parse`, or the output
    folder of `protokol batch` (read from its manifest and JSON outputs, not parsed again).
    Recurring deadlines are expanded (their start and UNTIL respected), dated ones are
    listed in the window, and those already overdue before it unless --no-overdue.
    A path that cannot be read is one line on stderr; the others are still listed; exit 1.

    \b
    Examples:
      protokol due samples/protocol-2023-06-20-D05-78.docx --today 2023-06-26
      protokol due out/ --executor "Минфин" --group-by executor
      protokol due out/ --from 2024-01-01 --to 2024-03-31 -o agenda.xlsx
      protokol due archive/ --format html -o due.html
    """
    from protokol.agenda import Window, agenda, load
    from protokol.cli.parse import _emit_bytes, _pick_format

    fmt = _pick_format(fmt, output)
    if fmt not in DUE_FORMATS:
        raise click.UsageError(f"due writes {', '.join(DUE_FORMATS)}, not {fmt}")
    _check_remind(remind)
    today = today or dt.date.today()
    first = first or today
    last = last or first + dt.timedelta(days=DEFAULT_DAYS)
    if last < first:
        raise click.UsageError(f"--to {last} is before --from {first}")
    window = Window(first, last, today, overdue)
    failed = 0

    def protocols() -> Any:
        nonlocal failed
        for loaded in load(list(paths), _parser(timeout, date, rules, roll, max_size, max_pages)):
            if loaded.error is not None:
                error(f"{loaded.path}: {loaded.error}")
                failed += 1
            elif loaded.data is not None:
                yield loaded.data

    with _no_collector():
        items = agenda(protocols(), window, executor=executor, group_by=group_by)
        if fmt == "jsonl":
            from protokol.agenda.render import jsonl_chunks

            _stream(jsonl_chunks(items), output)
        else:
            _emit_bytes(_render(fmt, items, window, group_by, output, excel=excel, remind=remind), output)
    sys.exit(1 if failed else 0)


@contextlib.contextmanager
def _no_collector() -> Iterator[None]:
    """The cyclic garbage collector paused: an archive is millions of parsed dicts and lists,
    none in a cycle (freed by reference counts), which the collector would only walk again
    and again (about a tenth of the time). Restored after, as it was."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _stream(chunks: Any, output: str | None) -> None:
    """Write chunks as they come, to standard output or FILE (one line and exit 1 on failure)."""
    from protokol.cli.common import fail, out

    if output in (None, "-"):
        for chunk in chunks:
            out(chunk)
        return
    try:
        with open(output, "wb") as fh:  # type: ignore[arg-type]
            for chunk in chunks:
                fh.write(chunk)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}")


def _check_remind(value: str) -> None:
    from protokol.output.ics import parse_remind

    try:
        parse_remind(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--remind'") from None


def _parser(timeout: float, date: dt.date | None, rules: str, roll: str, max_size: int, max_pages: int) -> Any:
    from protokol.cli.common import budget
    from protokol.convert import make_options, parse_source

    options = make_options(date, rules, roll)
    limits = make_limits(max_size, max_pages, timeout)

    def parse(path: Any) -> dict[str, Any]:
        with budget(limits.timeout, str(path)):
            return parse_source(str(path), options, limits=limits).to_dict()

    return parse


def _render(fmt: str, items: list[Any], window: Any, group_by: str | None, output: str | None, **options: Any) -> bytes:
    from protokol.agenda import render as formats

    if fmt == "table":
        from protokol.agenda import table
        from protokol.cli.parse import _color_wanted, _terminal_width

        to_terminal = output in (None, "-")
        heading = (f"Сроки с {window.first:%d.%m.%Y} по {window.last:%d.%m.%Y} (сегодня {window.today:%d.%m.%Y}): "
                   f"{len(items)}, просрочено {sum(o.status == 'overdue' for o in items)}")
        data: str | bytes = table.render(items, width=_terminal_width() if to_terminal else 120,
                                         color=to_terminal and _color_wanted(), group_by=group_by, heading=heading)
    elif fmt == "html":
        from protokol.output.html import render_due

        data = render_due(items, first=window.first, last=window.last, today=window.today, group_by=group_by)
    else:
        data = getattr(formats, f"render_{fmt}")(items, **options)
    return data if isinstance(data, bytes) else data.encode("utf-8")
