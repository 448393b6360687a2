"""What a batch run is given and what it reports: BatchConfig, Progress, Summary, errors."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, fields
from pathlib import Path

from protokol.batch.walk import PATTERNS
from protokol.errors import ProtokolError
from protokol.model import Limits, Options


class BatchError(ProtokolError):
    """The run cannot start or go on: bad folders, unknown format, a concurrent run."""


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) during a run; the manifest and combined files were finalized."""

    def __init__(self, summary: Summary) -> None:
        super().__init__("batch interrupted")
        self.summary = summary


@dataclass(frozen=True, slots=True)
class BatchConfig:
    root: Path
    out: Path
    fmt: str = "json"
    jobs: int | None = None  # None: the CPUs this process may run on
    patterns: tuple[str, ...] = PATTERNS  # PATTERNS: every file; others: the user's choice
    force: bool = False
    timeout: float = 120.0  # seconds per file
    options: Options = Options()
    limits: Limits = Limits()
    follow_links: bool = False  # also read inputs through symlinks leading out of the archive
    scheduler: str | None = None  # a Dask scheduler's address: run the files there (protokol.batch.cluster)
    today: dt.date | None = None  # the day out/index.html takes as today (None: the system date at the end)

    @property
    def chosen(self) -> bool:
        """The user chose the files by pattern: text is read whatever its name."""
        return tuple(self.patterns) != PATTERNS


@dataclass(frozen=True, slots=True)
class Progress:
    """One event: status "listed" once (done=0, path=""), then ok/failed/skipped/unsupported
    per input."""

    done: int
    total: int
    failed: int
    skipped: int
    path: str
    status: str
    elapsed: float
    workers: tuple[int, ...] = ()  # pids of the live worker processes
    unsupported: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    total: int
    ok: int
    failed: int
    skipped: int  # converted by a previous run and up to date
    seconds: float
    manifest: Path
    failures: tuple[tuple[str, str], ...]  # (path, error) of this run's failures, sorted by path
    warnings: tuple[str, ...] = ()  # from listing: symlink loops, unreadable folders
    interrupted: bool = False
    jobs: int = 0  # worker processes used (0 when every input was up to date)
    peak_rss_kb: int = 0  # highest peak resident memory of any worker
    worker_cpu_seconds: float = 0.0  # CPU time used by the workers, start-up included
    links_skipped: int = 0  # symlinks leading out of the archive, recorded as skipped_link
    unsupported: int = 0  # files of a format protokol does not read (images, spreadsheets, archives)
    soffice_starts: int = 0  # LibreOffice starts converting the run's .doc/.rtf/.odt in chunks


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def settings_key(config: BatchConfig) -> str:
    """What else, beside the input's bytes and the version, decides an output."""
    opts = ";".join(f"{f.name}={getattr(config.options, f.name)}" for f in fields(config.options))
    ocr = "" if config.limits.ocr == "auto" else f";ocr={config.limits.ocr}"  # auto: the keys of earlier runs
    return f"format={config.fmt};{opts}{ocr}" + (";text=any" if config.chosen else "")
