"""`protokol batch`: a folder of protocols, in parallel (the work is protokol.batch's)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from protokol.cli.common import (
    FORMAT_NAMES, fail, limit_options, make_limits, ocr_option, parse_date, resolution_options,
)
from protokol.errors import ProtokolError
from protokol.output.safe import one_line


@click.command()
@click.argument("archive", type=click.Path(file_okay=False))
@click.option("-o", "--out", "out", required=True, type=click.Path(file_okay=False), metavar="DIR",
              help="Folder for the outputs (mirroring the archive's tree), manifest.jsonl and combined files.")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMAT_NAMES), default="json", show_default=True,
              help="Format of the one output written per input.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), metavar="N",
              help="Worker processes (default: the number of CPUs).")
@click.option("--glob", "patterns", multiple=True, metavar="PATTERN",
              help="File name pattern to take; repeatable (default: every file, each told by its content; "
                   "chosen files of text are read whatever their name).")
@click.option("--force", is_flag=True, help="Redo every input, even those the manifest says are up to date.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=120.0, show_default=True, metavar="SECONDS",
              help="Fail a file whose parsing takes longer than this.")
@click.option("--follow-links", is_flag=True,
              help="Also convert files reached through symlinks leading out of the archive (default: skipped, "
                   "recorded as skipped_link).")
@click.option("--scheduler", envvar="DASK_SCHEDULER_ADDRESS", metavar="ADDRESS",
              help="Run on a Dask cluster (tcp://HOST:8786; default: $DASK_SCHEDULER_ADDRESS). ARCHIVE and DIR "
                   "must be the same path on every worker (shared storage). Needs: pip install 'protokol[dask]'.")
@click.option("--today", callback=parse_date, metavar="YYYY-MM-DD",
              help="The day out/index.html takes as today for its statuses (default: the system date).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@ocr_option
@resolution_options
@limit_options
def batch(archive: str, out: str, fmt: str, jobs: int | None, patterns: tuple[str, ...], force: bool,
          timeout: float, follow_links: bool, scheduler: str | None, today: dt.date | None, quiet: bool, ocr: str,
          date: dt.date | None, rules: str, roll: str, max_size: int, max_pages: int) -> None:
    """Convert a whole folder of protocols, in parallel, resumable, nothing lost.

    Every file gets a line in DIR/manifest.jsonl (ok / failed / unsupported / skipped_link,
    reused, error, counts); each protocol (docx, pdf, txt, doc, rtf, odt, told by content)
    one output under DIR (a/b/x.docx -> DIR/a/b/x.docx.json) and its directives in
    DIR/directives.jsonl and DIR/directives.csv (the register, for Excel); other files
    (images, spreadsheets, archives) are listed as unsupported with their type. The whole
    archive's control register (DIR/register.xlsx, DIR/register.csv), calendar
    (DIR/calendar.ics) and links between its protocols (DIR/references.jsonl) are written
    at the end. A second run reuses files that are up to date. DIR may not overlap
    ARCHIVE. Exit code 1 when any input failed, or with one line when the run cannot go
    on (a full disk: previous outputs are kept).

    \b
    Examples:
      protokol batch archive/ -o out/
      protokol batch archive/ -o out/ --format md --jobs 4 --glob '*.docx'
      protokol batch /shared/archive -o /shared/out --scheduler tcp://10.0.0.5:8786
      jq -c 'select(.status == "failed") | {path, error}' out/manifest.jsonl
    """
    from pathlib import Path

    from protokol.batch import BatchConfig, BatchInterrupted, run
    from protokol.batch.walk import PATTERNS
    from protokol.convert import make_options

    try:
        archive, out = _folder(archive), _folder(out)
        if scheduler:
            from protokol.batch.cluster import require

            require()
    except ProtokolError as exc:
        fail(str(exc))
    config = BatchConfig(root=Path(archive), out=Path(out), fmt=fmt, jobs=jobs, patterns=patterns or PATTERNS,
                         force=force, timeout=timeout, options=make_options(date, rules, roll),
                         limits=make_limits(max_size, max_pages, ocr=ocr), follow_links=follow_links,
                         scheduler=scheduler or None, today=today)
    show = not quiet and sys.stderr.isatty()
    try:
        with _progress(show) as on_progress:
            summary = run(config, on_progress)
    except BatchInterrupted as stop:
        _summary(stop.summary, quiet, interrupted=True)
        sys.exit(130)
    except ProtokolError as exc:
        fail(str(exc))
    _summary(summary, quiet)
    sys.exit(1 if summary.failed else 0)


def _folder(location: str) -> str:
    """A folder argument: a path, or a file:// URL (protokol.batch.cluster.storage_path)."""
    if "://" not in location:
        return location
    from protokol.batch.cluster import storage_path

    return storage_path(location)


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
               f"{summary.skipped} up to date, {summary.failed} failed, {summary.unsupported} unsupported "
               f"in {summary.seconds:.1f} s ({rate:.1f} files/s); manifest: {one_line(str(summary.manifest))}",
               err=True)
    for warning in summary.warnings:
        click.echo(f"  warning: {one_line(warning)}", err=True)
    for path, error in summary.failures[:20]:
        click.echo(f"  failed: {one_line(path)}: {one_line(error)}", err=True)
    if len(summary.failures) > 20:
        click.echo(f"  ... and {len(summary.failures) - 20} more (see the manifest)", err=True)
