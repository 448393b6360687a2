"""Command line: the only place that knows consoles and exit codes. One module per
command (parse.py, batch.py, due.py; deadline and schema are small and live here), shared
options and one-line errors in common.py. The command modules load lazily (LAZY): a run
imports only the command it runs, and `protokol --help` none of them."""

from __future__ import annotations

import datetime as dt
import gc
import sys
from gettext import gettext as _
from typing import Any

import click

from protokol import __version__
from protokol.cli.common import FORMAT_NAMES, budget, error, fail, out, resolution_options, timeout_option
from protokol.cli.lazy import LazyCommands
from protokol.errors import ProtokolError
from protokol.output.safe import one_line

MAX_LINE = 64 * 1024  # bytes of one expression read by `deadline -`
MAX_STDIN = 50 * 1024 * 1024  # bytes `deadline -` reads in all


# command name -> (module, attribute, the first paragraph of its help: `protokol --help`
# shows it without importing the module; tests/test_startup.py keeps it true)
LAZY = {
    "parse": ("protokol.cli.parse", "parse",
              "Parse protocols (.docx, .pdf, .txt) into sections, directives and deadlines."),
    "batch": ("protokol.cli.batch", "batch",
              "Convert a whole folder of protocols, in parallel, resumable, nothing lost."),
    "due": ("protokol.cli.due", "due", "List every occurrence of every task deadline in a window of days."),
}


class OneLineErrors(click.Group):
    """Usage errors as one line too ("protokol: error: ... (see 'protokol parse --help')", exit 2).
    Commands come from LazyCommands: imported when run (or looked up), not for the list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(self.commands, LAZY)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """As click's, with the short help of a command not yet imported from LAZY."""
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        rows = [(name, commands.short_help(name)) for name in self.list_commands(ctx) if not commands.hidden(name)]
        if rows:
            limit = formatter.width - 6 - max(len(name) for name, _ in rows)
            with formatter.section(_("Commands")):
                formatter.write_dl([(name, short(limit)) for name, short in rows])

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            error(exc.format_message() + hint)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            error(exc.format_message())
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
    from protokol.output.json import contract_dumps, dumps

    if text != "-":
        # one expression: the first one loads the grammar, tens of thousands of objects and
        # no garbage, so collection passes over them are wasted (~4 % of the run)
        collecting = gc.isenabled()
        gc.disable()
        try:
            try:
                with budget(timeout, "TEXT"):
                    found = read_clause(text, date, rules, roll)
                    steps = deadlines.explain(text, date, rules=rules, roll=roll) if explain else []
            except ProtokolError as exc:
                fail(str(exc))
            out(dumps([d.to_dict() for d in found]) + "\n")
            _say_needs_date(_needing_date(text, found, date, rules, roll))
            for item in steps:
                click.echo(f"{item.start}-{item.end} {text[item.start:item.end]!r}: {item.stage}/{item.rule} -> "
                           f"{item.deadline.kind}", err=True)
        finally:
            if collecting:
                gc.enable()
        return
    from protokol.cli_io import bounded_lines

    needing: list[str] = []
    try:
        for n, line in enumerate(bounded_lines(sys.stdin.buffer, MAX_LINE, MAX_STDIN), 1):
            with budget(timeout, f"<stdin>:{n}"):
                found = read_clause(line, date, rules, roll) if line.strip() else []
                needing.extend(_needing_date(line, found, date, rules, roll))
            # (to_dict() data: contract_dumps writes it without the type check)
            out(contract_dumps({"input": line, "deadlines": [d.to_dict() for d in found]}, indent=None) + "\n")
    except ProtokolError as exc:
        fail(str(exc))
    _say_needs_date(needing)


def read_clause(text: str, date: dt.date | None, rules: str, roll: str) -> list[Any]:
    """The deadlines `parse` finds in the clause: with a "Срок –" or "Доклад –" term, read as
    an item and the term under it (structure.clause, imported only then); else the expression's."""
    if "рок" in text or "оклад" in text or "РОК" in text or "ОКЛАД" in text:
        from protokol.structure.clause import read_clause as clause

        return clause(text, date, rules=rules, roll=roll)
    from protokol.deadlines import parse_deadline

    return parse_deadline(text, date, rules=rules, roll=roll)


def _needing_date(text: str, found: list[Any], date: dt.date | None, rules: str, roll: str) -> list[str]:
    """Without --date, the texts of the results that stayed unresolved for want of it."""
    if date is not None or not text.strip() or all(d.due is not None for d in found):
        return []  # (a result with a due needed no date, or has it: no second reading)
    probe = dt.date(2000, 1, 3)  # any date: what resolves with one needed the date
    return [d.text for d, p in zip(found, read_clause(text, probe, rules, roll))
            if d.due is None and p.due is not None]


def _say_needs_date(needing: list[str]) -> None:
    """One stderr line naming the first result that needed --date."""
    if needing:
        more = f" (and {len(needing) - 1} more)" if len(needing) > 1 else ""
        click.echo(f"protokol: note: {one_line(repr(needing[0]))}{more} needs --date (the protocol date) "
                   "to be resolved; due is null", err=True)


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

    out(dumps(load_schema(name)) + "\n")


__all__ = ["FORMAT_NAMES", "MAX_LINE", "MAX_STDIN", "main"]
