"""Batch: folder -> sorted paths -> parse each in isolation -> manifest and combined files.

    >>> from protokol.batch import BatchConfig, run                    # doctest: +SKIP
    >>> summary = run(BatchConfig(Path("archive"), Path("out")))       # doctest: +SKIP
    >>> summary.failed, summary.manifest                               # doctest: +SKIP
    (2, PosixPath('out/manifest.jsonl'))

The run lists and sorts every input first (protokol.batch_walk: recursive, patterns
matched case-insensitively, symlink loops and unreadable folders become warnings, the
output folder is never read), skips those whose sha256, protokol version and settings
(format, date, rules, roll) match a previous run's manifest and whose output is in
place, and hands the rest to a pool of worker processes (protokol.batch_pool). Each
worker writes the input's output atomically (``a/b/x.docx`` -> ``OUT/a/b/x.docx.json``)
plus a cache of its directive records; the parent appends the input's manifest record
only after that, so the manifest never names an output that is not there. A file that
hangs past ``timeout`` or kills its worker fails alone. At the end (also after Ctrl-C or
SIGTERM) the manifest is rewritten sorted by path, and ``directives.jsonl`` /
``directives.csv`` are rebuilt from the cached records in the same order: outputs and
combined files are byte-identical whatever ``jobs`` is; only ``duration`` varies.

OUT/manifest.jsonl, one JSON object per input (MANIFEST_FIELDS, in this order):
path (relative, "/"-separated), status ("ok" | "failed" | "skipped": up to date from a
previous run, counts kept), error (one line, null unless failed), sha256 (of the bytes
read; null when the file could not be read at all), format (docx|pdf|txt), output
(relative path of the output, null unless converted), sections, directives, deadlines,
unparsed (deadlines of kind unparsed), warnings (counts), duration (seconds), version
(protokol's), settings ("format=json;date=None;rules=federal;roll=back").
Failed inputs are retried by every run (their failure may have been a timeout).

The library never prints or exits: progress goes to ``on_progress``, problems with
the run itself raise BatchError, Ctrl-C raises BatchInterrupted (a KeyboardInterrupt
that carries the summary of what was done). The parent never imports pymorphy3,
python-docx or the pdf engines; the workers import them once.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from protokol import __version__
from protokol.batch_pool import CSV_COLUMNS, Job, Pool, csv_row, csv_text, discard, extension, record_path
from protokol.batch_walk import PATTERNS, RESERVED, STATE_DIR, list_inputs, output_name, posix, sort_key
from protokol.errors import ProtokolError
from protokol.pipeline import Options
from protokol.readers import Limits

MANIFEST = "manifest.jsonl"
DIRECTIVES_JSONL = "directives.jsonl"
DIRECTIVES_CSV = "directives.csv"
MANIFEST_FIELDS = ("path", "status", "error", "sha256", "format", "output", "sections", "directives",
                   "deadlines", "unparsed", "warnings", "duration", "version", "settings")
_DONE = ("ok", "skipped")


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
    patterns: tuple[str, ...] = PATTERNS
    force: bool = False
    timeout: float = 120.0  # seconds per file
    options: Options = Options()
    limits: Limits = Limits()


@dataclass(frozen=True, slots=True)
class Progress:
    """One event: status "listed" once (done=0, path=""), then ok/failed/skipped per input."""

    done: int
    total: int
    failed: int
    skipped: int
    path: str
    status: str
    elapsed: float
    workers: tuple[int, ...] = ()  # pids of the live worker processes


@dataclass(frozen=True, slots=True)
class Summary:
    total: int
    ok: int
    failed: int
    skipped: int
    seconds: float
    manifest: Path
    failures: tuple[tuple[str, str], ...]  # (path, error) of this run's failures, sorted by path
    warnings: tuple[str, ...] = ()  # from listing: symlink loops, unreadable folders
    interrupted: bool = False
    jobs: int = 0  # worker processes used (0 when every input was up to date)
    peak_rss_kb: int = 0  # highest peak resident memory of any worker
    worker_cpu_seconds: float = 0.0  # CPU time used by the workers, start-up included


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def settings_key(config: BatchConfig) -> str:
    """What else, beside the input's bytes and the version, decides an output."""
    opts = ";".join(f"{f.name}={getattr(config.options, f.name)}" for f in fields(config.options))
    return f"format={config.fmt};{opts}"


def run(config: BatchConfig, on_progress: Callable[[Progress], None] | None = None) -> Summary:
    """Convert every input under config.root into config.out; see the module docstring."""
    root, out = Path(config.root), Path(config.out)
    try:
        ext = extension(config.fmt)
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    _check_folders(root, out)
    with _locked(out), _sigterm_as_interrupt():
        return _Run(config, root, out, ext, on_progress).go()


class _Run:
    def __init__(self, config: BatchConfig, root: Path, out: Path, ext: str,
                 on_progress: Callable[[Progress], None] | None) -> None:
        self.config, self.root, self.out, self.ext = config, root, out, ext
        self.on_progress = on_progress
        self.started = time.monotonic()
        self.settings = settings_key(config)
        self.rels: list[str] = []
        self.warnings: list[str] = []
        self.old: dict[str, dict[str, Any]] = {}
        self.new: dict[str, dict[str, Any]] = {}
        self.counts = {"ok": 0, "failed": 0, "skipped": 0}
        self.held: list[str] = []
        self.pool: Pool | None = None
        self.journal: Any = None
        self.listed = False  # the previous manifest is loaded: finalizing is safe

    def go(self) -> Summary:
        interrupted = False
        try:
            sweep_temporaries(self.out)
            inputs, warnings = list_inputs(self.root, self.config.patterns, exclude=self.out)
            self.rels, self.warnings = [posix(p) for p in inputs], warnings
            self.old = load_manifest(self.out / MANIFEST)
            self.listed = True
            self._progress("", "listed")
            self.journal = _open_journal(self.out / MANIFEST)
            todo = [(i, rel) for i, rel in enumerate(self.rels) if not self._skip(rel)]
            if todo:
                self._process(todo)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            self._stop()
        summary = self._finish(interrupted)
        if interrupted:
            raise BatchInterrupted(summary)
        return summary

    # ------------------------------------------------------------ steps

    def _skip(self, rel: str) -> bool:
        prev = self.old.get(rel)
        if self.config.force or not prev or not self._up_to_date(rel, prev):
            return False
        record = dict(prev, status="skipped", duration=0.0)
        self.new[rel] = record
        self.counts["skipped"] += 1
        self._progress(rel, "skipped")
        return True

    def _up_to_date(self, rel: str, prev: dict[str, Any]) -> bool:
        if prev.get("status") not in _DONE or prev.get("version") != __version__ \
                or prev.get("settings") != self.settings or not prev.get("output"):
            return False
        try:
            name = output_name(rel, self.ext)
        except ValueError:
            return False
        cached = (self.out / name, record_path(self.out, rel), record_path(self.out, rel, ".csv"))
        if name != prev["output"] or not all(path.is_file() for path in cached):
            return False
        return file_sha256(self.root / rel, self.config.limits.max_bytes) == prev.get("sha256")

    def _process(self, todo: list[tuple[int, str]]) -> None:
        c = self.config
        job = Job(str(self.root), str(self.out), c.fmt, self.ext, c.options, c.limits)
        jobs = min(c.jobs or default_jobs(), len(todo))
        self.pool = Pool(jobs, job, c.timeout, self._done)
        self.pool.run(iter(todo), on_round=self._sync)

    def _done(self, index: int, rel: str, record: dict[str, Any]) -> None:
        if record["status"] == "failed" and record.get("sha256") is None:
            record["sha256"] = file_sha256(self.root / rel, self.config.limits.max_bytes)
        record.update(version=__version__, settings=self.settings)
        record = {k: record.get(k) for k in MANIFEST_FIELDS}
        self._drop_stale_output(rel, record)
        self.journal.write(manifest_line(record))
        self.journal.flush()
        self.new[rel] = record
        self.counts[record["status"]] += 1
        self._progress(rel, record["status"])

    def _drop_stale_output(self, rel: str, record: dict[str, Any]) -> None:
        """The previous run's output in another format is not left behind."""
        stale = (self.old.get(rel) or {}).get("output")
        if not isinstance(stale, str) or stale == record["output"] or not stale.startswith(rel + "."):
            return
        if "/" in stale[len(rel):] or stale in RESERVED:
            return
        with contextlib.suppress(OSError):
            (self.out / stale).unlink()

    def _sync(self) -> None:
        """fsync the records appended since the last call (once per batch of results)."""
        os.fsync(self.journal.fileno())

    def _stop(self) -> None:
        if self.pool is not None:
            self.held = [rel for _, rel in self.pool.close()]
        if self.journal is not None:
            self.journal.close()

    def _finish(self, interrupted: bool) -> Summary:
        if self.listed:  # interrupted while listing: the previous files stay as they are
            final = self._final_records()
            write_manifest(self.out / MANIFEST, final)
            write_combined(self.out, [r for r in final if r["status"] in _DONE])
        sweep_temporaries(self.out)
        failures = tuple(sorted(((r["path"], r["error"] or "") for r in self.new.values()
                                 if r["status"] == "failed"), key=lambda f: sort_key(f[0])))
        return Summary(
            total=len(self.rels), ok=self.counts["ok"], failed=self.counts["failed"],
            skipped=self.counts["skipped"], seconds=round(time.monotonic() - self.started, 3),
            manifest=self.out / MANIFEST, failures=failures, warnings=tuple(self.warnings),
            interrupted=interrupted, jobs=self.pool.size if self.pool else 0,
            peak_rss_kb=self.pool.peak_rss_kb if self.pool else 0,
            worker_cpu_seconds=round(self.pool.cpu_seconds, 3) if self.pool else 0.0,
        )

    def _final_records(self) -> list[dict[str, Any]]:
        """This run's record of each input, else the previous run's (outputs still there)."""
        final = []
        held = set(self.held)
        for rel in self.rels:
            record = self.new.get(rel) or (None if rel in held else self.old.get(rel))
            if record is not None:
                final.append(record)
        return final

    def _progress(self, rel: str, status: str) -> None:
        if self.on_progress is None:
            return
        done = sum(self.counts.values())
        self.on_progress(Progress(done, len(self.rels), self.counts["failed"], self.counts["skipped"], rel,
                                  status, round(time.monotonic() - self.started, 3),
                                  self.pool.pids() if self.pool else ()))


# ------------------------------------------------------------------ manifest


def load_manifest(path: Path) -> dict[str, dict[str, Any]]:
    """Records by input path; a later line wins; a torn or foreign line is ignored."""
    records: dict[str, dict[str, Any]] = {}
    try:
        fh = open(path, encoding="utf-8", errors="replace")
    except OSError:
        return records
    with fh:
        for line in fh:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("path"), str):
                records[record["path"]] = record
    return records


def write_manifest(path: Path, records: list[dict[str, Any]]) -> None:
    ordered = sorted(records, key=lambda r: sort_key(r["path"]))
    with _atomic(path) as fh:
        for record in ordered:
            fh.write(manifest_line({k: record.get(k) for k in MANIFEST_FIELDS}))


def manifest_line(record: dict[str, Any]) -> str:
    """One JSON line, UTF-8 as is; a path that is not valid UTF-8 keeps its exact value
    through \\udcXX escapes (the line is then ASCII), so that resuming finds it again."""
    line = json.dumps(record, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(record)
    return line + "\n"


def _open_journal(path: Path) -> Any:
    """The manifest opened for appending, starting on a fresh line."""
    fh = open(path, "a+", encoding="utf-8")
    if fh.tell() > 0:
        fh.seek(fh.tell() - 1)
        if fh.read(1) != "\n":
            fh.write("\n")
    return fh


# ------------------------------------------------------------------ combined files


def write_combined(out: Path, records: list[dict[str, Any]]) -> None:
    """directives.jsonl and directives.csv: the workers' cached records, in manifest order."""
    with _atomic(out / DIRECTIVES_JSONL, binary=True) as jsonl, _atomic(out / DIRECTIVES_CSV, binary=True) as table:
        table.write(csv_text([], header=True).encode("utf-8"))
        for record in sorted(records, key=lambda r: sort_key(r["path"])):
            _copy(record_path(out, record["path"]), jsonl)
            _copy(record_path(out, record["path"], ".csv"), table)


def _copy(path: Path, target: Any) -> None:
    try:
        with open(path, "rb") as fh:
            shutil.copyfileobj(fh, target)
    except FileNotFoundError:
        return


# ------------------------------------------------------------------ files


def file_sha256(path: Path, limit: int) -> str | None:
    """sha256 of a file no larger than limit; None when unreadable or too large."""
    try:
        if os.stat(path).st_size > limit:
            return None
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def sweep_temporaries(out: Path) -> None:
    """Remove temporary files a killed worker or run left in the output folder."""
    stack = [out]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
            elif entry.name.startswith(".protokol-") and entry.name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


@contextlib.contextmanager
def _atomic(path: Path, binary: bool = False) -> Iterator[Any]:
    tmp = path.with_name(f".protokol-{os.getpid()}-{path.name}.tmp")
    fh = open(tmp, "wb") if binary else open(tmp, "w", encoding="utf-8")
    try:
        with fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _check_folders(root: Path, out: Path) -> None:
    if not root.is_dir():
        raise BatchError(f"{root}: not a folder" if root.exists() else f"{root}: no such folder")
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: exists and is not a folder")
    if out.exists() and os.path.samefile(root, out):
        raise BatchError("the output folder must differ from the input folder")
    try:
        (out / STATE_DIR).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BatchError(f"cannot create {out}: {exc.strerror or exc}") from None


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    import fcntl

    with open(out / STATE_DIR / "lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchError(f"another batch run is writing to {out}") from None
        yield


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM finalizes like Ctrl-C (only possible from the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


__all__ = ["CSV_COLUMNS", "MANIFEST_FIELDS", "BatchConfig", "BatchError", "BatchInterrupted", "Progress",
           "Summary", "csv_row", "list_inputs", "load_manifest", "run"]
