"""What every command shares: one-line errors, complete writes to stdout, the options
that resolve deadlines and bound inputs, the wall-clock budget."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

import click

from protokol.deadlines.regulation import PROFILES
from protokol.errors import TimeBudgetExceeded
from protokol.output.formats import FORMATS
from protokol.output.safe import one_line

if TYPE_CHECKING:
    from protokol.model import Limits

RULES = tuple(PROFILES)
ROLLS = ("back", "forward", "none")
FORMAT_NAMES = tuple(FORMATS)
OCR_MODES = ("auto", "always", "never")  # protokol.readers.ocr.MODES (not imported: --help stays fast)
DEFAULT_TIMEOUT = 300.0  # seconds for one file (parse) or one expression (deadline)


def error(message: str) -> None:
    """One line on stderr; control characters (a newline in a file name) escaped."""
    click.echo(f"protokol: error: {one_line(message)}", err=True)


def fail(message: str) -> NoReturn:
    error(message)
    sys.exit(1)


def _stdout_gone() -> None:
    """Point fd 1 at /dev/null, so the interpreter's last flush of what is still buffered
    cannot fail a second time (no "Exception ignored" after our one line)."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def out(data: str | bytes) -> None:
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
        fail(f"cannot write standard output: {exc.strerror or exc}")


@contextlib.contextmanager
def budget(seconds: float | None, name: str) -> Iterator[None]:
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


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
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
    func = click.option("--date", "date", callback=parse_date, metavar="YYYY-MM-DD",
                        help="Protocol date to resolve deadlines against (default: the date in the protocol).")(func)
    return func


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


def ocr_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """--ocr: which PDF pages are read by OCR (Tesseract with its Russian model)."""
    return click.option("--ocr", type=click.Choice(OCR_MODES), default="auto", show_default=True,
                        help="Read scanned PDF pages by OCR (Tesseract, Russian): auto: pages without a usable "
                             "text layer; always: every page; never: none.")(func)


def make_limits(max_size: int, max_pages: int, timeout: float | None = None, ocr: str = "auto") -> Limits:
    from protokol.model import Limits  # the document's model: not imported by `protokol deadline`

    return Limits(max_bytes=max_size, max_pages=max_pages, timeout=timeout or None, ocr=ocr)
