"""Command line: the only place that knows consoles and exit codes."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import click

from protokol import __version__
from protokol.errors import ProtokolError

RULES = ("federal", "none")
ROLLS = ("back", "forward", "none")


def _fail(message: str) -> NoReturn:
    click.echo(f"protokol: error: {message}", err=True)
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
@click.option("-f", "--format", "fmt", metavar="FORMAT",
              help="table, json, jsonl, xlsx, csv, ics or md (default: from -o's extension; "
                   "table on a terminal, json when piped).")
@click.option("-o", "--output", "output", metavar="FILE", help="Write to FILE instead of standard output (- is stdout).")
@click.option("--input-format", type=click.Choice(["docx", "pdf", "txt"]),
              help="Format of the input when it cannot be told from its bytes or name (e.g. on stdin).")
@resolution_options
@limit_options
def parse(files: tuple[str, ...], fmt: str | None, output: str | None, input_format: str | None,
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
    _emit(results, fmt, output)


def _emit(results: list[Any], fmt: str | None, output: str | None) -> None:
    from protokol.output import json as jsonout

    to_file = output not in (None, "-")
    if fmt is None:
        fmt = "json" if to_file or not sys.stdout.isatty() else "table"
    if fmt == "json":
        text = jsonout.render_json(results[0]) if len(results) == 1 else \
            jsonout.dumps([r.to_dict() for r in results]) + "\n"
    elif fmt == "jsonl":
        text = jsonout.render_jsonl(results)
    else:
        text = "\n".join(jsonout.render_json(r) for r in results)
    _write(text, output)


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
        if explain:
            for item in deadlines.explain(text, date, rules=rules, roll=roll):
                click.echo(f"{item.start}-{item.end} {text[item.start:item.end]!r}: {item.stage}/{item.rule} -> "
                           f"{item.deadline.kind}", err=True)
        return
    for line in sys.stdin:
        line = line.rstrip("\r\n")
        found = deadlines.parse_deadline(line, date, rules=rules, roll=roll) if line.strip() else []
        click.echo(dumps({"input": line, "deadlines": [d.to_dict() for d in found]}, indent=None))
