"""Batch: folder -> sorted paths -> parse each in isolation -> manifest and combined files.

    >>> from protokol.batch import BatchConfig, run                    # doctest: +SKIP
    >>> summary = run(BatchConfig(Path("archive"), Path("out")))       # doctest: +SKIP
    >>> summary.failed, summary.manifest                               # doctest: +SKIP
    (2, PosixPath('out/manifest.jsonl'))

The archive and the output folder may not overlap (real paths). The run lists and
sorts every file first (protokol.batch.walk: recursive, patterns matched
case-insensitively, symlink loops and unreadable folders become warnings, symlinks
leading out of the archive are skipped unless ``follow_links``), names every output
(protokol.batch.names: collision-free, whatever ``jobs`` is), skips inputs whose
sha256, protokol version and settings (format, date, rules, roll) match a previous
run's manifest and whose output is in place, and hands the rest to an executor
(protokol.batch.pool: local worker processes) that runs protokol.batch.worker's
process_file on each and streams back the records, which ``_Run.consume`` handles as
they come: the one place results are taken in. Each worker tells by its content whether
a file is one protokol reads (an image, a spreadsheet or an archive is recorded as
``unsupported`` with its type, never left out), then writes the input's output
(``a/b/x.docx`` -> ``OUT/a/b/x.docx.json``) and a cache of its directive records to
temporary files and moves them in place only when all are written; the parent appends
the input's manifest record only after that, so the manifest never names an output
that is not there. A file that hangs past ``timeout`` or kills its worker fails alone;
a file unfinished at Ctrl-C keeps its previous output and record. A full disk stops the
run (BatchError) with every previous output kept. At the end (also after Ctrl-C,
SIGTERM or a full disk) the manifest is rewritten sorted by path, and
``directives.jsonl`` / ``directives.csv`` are rebuilt from the cached records in the
same order: outputs and combined files are byte-identical whatever ``jobs`` is; only
``duration`` varies. A torn last manifest line (a crash, a full disk) is cut off by
the next run.

OUT/manifest.jsonl, one JSON object per input (MANIFEST_FIELDS, in this order):
path (relative, "/"-separated), status ("ok" | "failed" | "unsupported": a format
protokol does not read, told by content | "skipped_link": a symlink leading out of the
archive, not followed), reused (true: up to date from a previous
run, its record kept), error (one line: why it failed or was skipped; null when ok),
sha256 (of the bytes read; null when the file could not be read at all), format
(docx|pdf|txt|doc|rtf|odt; for unsupported, the detected type: "png image",
"zip archive", "xlsx spreadsheet", ...), output (relative path of the output, null unless converted),
sections, directives, deadlines, unparsed (deadlines of kind unparsed), warnings
(counts), duration (seconds), version (protokol's), settings
("format=json;date=None;rules=federal;roll=back", plus ";text=any" when the user chose
the files by pattern: text is then read whatever its name).
Failed inputs are retried by every run (their failure may have been a timeout);
unsupported ones are kept while their bytes are the same.

The library never prints or exits: progress goes to ``on_progress``, problems with
the run itself raise BatchError (WorkerStartError when the workers cannot work at all),
Ctrl-C raises BatchInterrupted (a KeyboardInterrupt that carries the summary of what
was done). The parent never imports pymorphy3,
python-docx or the pdf engines; the workers import them once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess
    import threading

from protokol import __version__
from protokol.batch.config import (
    BatchConfig, BatchError, BatchInterrupted, Progress, Summary, default_jobs, settings_key,
)
from protokol.batch.files import atomic, file_sha256, new_token, out_of_space, register_run, sweep_temporaries
from protokol.batch.guard import Interrupts, check_folders, locked
from protokol.batch.manifest import (
    DIRECTIVES_CSV, DIRECTIVES_JSONL, MANIFEST, MANIFEST_FIELDS, Journal, load_manifest, manifest_line, start_combined,
    write_combined, write_manifest,
)
from protokol.batch.names import SHARE, assign_outputs, extension, extensions, record_path
from protokol.batch.pool import Executor, LocalPool, Result
from protokol.batch.walk import RESERVED, UnsafeName, list_inputs, output_name, posix, sort_key
from protokol.batch.worker import Job, Task, failed_record
from protokol.output.safe import one_line

_DONE = ("ok", "skipped")  # "skipped": a reused record of protokol <= 0.x, before "reused"


class _Stopped(Exception):
    """The run cannot go on (a full disk); raised from inside the pool's loop."""


def run(config: BatchConfig, on_progress: Callable[[Progress], None] | None = None) -> Summary:
    """Convert every input under config.root into config.out; see the module docstring."""
    root, out = Path(config.root), Path(config.out)
    try:
        ext = extension(config.fmt)
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    check_folders(root, out)
    try:
        with locked(out), Interrupts() as interrupts:
            return _Run(config, root, out, ext, on_progress, interrupts).go()
    except OSError as exc:  # the output folder itself cannot be written
        raise BatchError(f"cannot write to {out}: {exc.strerror or exc}") from None


def make_executor(config: BatchConfig, size: int, job: Job) -> Executor:
    """The one place an executor is chosen: a Dask cluster (config.scheduler), or local
    worker processes."""
    if config.scheduler:
        from protokol.batch.cluster import ClusterPool

        return ClusterPool(config.scheduler, job, config.timeout)
    return LocalPool(size, job, config.timeout)


class _Run:
    def __init__(self, config: BatchConfig, root: Path, out: Path, ext: str,
                 on_progress: Callable[[Progress], None] | None, interrupts: Interrupts) -> None:
        self.config, self.root, self.out, self.ext = config, root, out, ext
        self.on_progress = on_progress
        self.interrupts = interrupts
        self.started = time.monotonic()
        self.today = config.today or dt.date.today()  # index.html's, fixed once (the workers render with it)
        self.settings = settings_key(config)
        self.rels: list[str] = []
        self.names: dict[str, str | UnsafeName] = {}
        self.links: list[tuple[str, str]] = []
        self.root_real = os.path.realpath(root)
        self.token = new_token()
        self.stopped = ""  # why the run stopped early (a full disk)
        self.warnings: list[str] = []
        self.old: dict[str, dict[str, Any]] = {}
        self.new: dict[str, dict[str, Any]] = {}
        self.counts = {"ok": 0, "failed": 0, "skipped": 0, "unsupported": 0}
        self.executor: Executor | None = None
        self.writer: subprocess.Popen[bytes] | None = None  # the child that writes the archive's files at the end
        self.prepared: threading.Thread | None = None
        self.journal: Journal | None = None
        self.listed = False  # the previous manifest is loaded: finalizing is safe
        self.peak_rss_kb = 0
        self.cpu: dict[Any, float] = {}  # CPU seconds each worker reported last
        self.soffice_starts = 0

    def go(self) -> Summary:
        interrupted = False
        try:
            sweep_temporaries(self.out)
            register_run(self.out, self.token)
            if not self.config.scheduler and not (self.out / MANIFEST).exists():
                from protokol.batch.zygote import start_early

                start_early()  # a first run: the workers' fork server warms up while the files are listed
            inputs, self.warnings = list_inputs(self.root, self.config.patterns, exclude=self.out,
                                                follow_links=self.config.follow_links, links=self.links)
            self.rels = [posix(p) for p in inputs]
            self.warnings += [f"{one_line(rel)}: {why}" for rel, why in self.links]
            self.names = assign_outputs(self.rels, self.ext)
            self.old = load_manifest(self.out / MANIFEST)
            self.listed = True
            self._progress("", "listed")
            self.journal = Journal(self.out / MANIFEST)
            todo = [(i, rel) for i, rel in enumerate(self.rels) if not self._skip(rel)]
            if todo:
                self._process(todo)
        except KeyboardInterrupt:
            interrupted = True
        except _Stopped as stop:
            self.stopped = str(stop)
        finally:
            self._stop(keep=interrupted)
        try:
            summary = self._finish(interrupted)
        finally:
            if self.writer is not None:  # not used: it ends writing nothing
                from protokol.output.archive import close_writer

                close_writer(self.writer)
        if self.stopped:
            raise BatchError(self.stopped)
        if interrupted:
            raise BatchInterrupted(summary)
        return summary

    # ------------------------------------------------------------ steps

    def _skip(self, rel: str) -> bool:
        prev = self.old.get(rel)
        if self.config.force or not prev or not self._up_to_date(rel, prev):
            return False
        status = "ok" if prev["status"] == "skipped" else prev["status"]
        record = {k: prev.get(k) for k in MANIFEST_FIELDS} | {"status": status, "reused": True, "duration": 0.0}
        self.new[rel] = record
        self.counts["unsupported" if status == "unsupported" else "skipped"] += 1
        self._progress(rel, "skipped")
        return True

    def _up_to_date(self, rel: str, prev: dict[str, Any]) -> bool:
        if prev.get("version") != __version__ or prev.get("settings") != self.settings:
            return False
        if prev.get("status") == "unsupported":  # no output: the same bytes are the same type
            return prev.get("sha256") is not None and self._sha256(rel) == prev["sha256"]
        if prev.get("status") not in _DONE or not prev.get("output"):
            return False
        name = self.names.get(rel)
        if not isinstance(name, str) or name != prev["output"]:
            return False
        cached = (self.out / name, record_path(self.out, rel), record_path(self.out, rel, SHARE))
        if not all(path.is_file() for path in cached):
            return False
        return self._sha256(rel) == prev.get("sha256")

    def _sha256(self, rel: str) -> str | None:
        return file_sha256(self.root / rel, self.root_real, self.config.limits.max_bytes, self.config.follow_links)

    def _process(self, todo: list[tuple[int, str]]) -> None:
        c = self.config
        tasks: list[Task] = []
        for index, rel in todo:
            name = self.names[rel]
            if isinstance(name, str):
                tasks.append((index, rel, name))
            else:
                self._done(rel, failed_record(rel, str(name)))
        if not tasks:
            return
        forked_here = False
        if not c.scheduler:  # the workers' fork server warms up meanwhile (protokol.batch.zygote)
            from protokol.batch.zygote import forks_here, start_early

            start_early()
            forked_here = forks_here()
        from protokol.output.html_parts import prepare

        if forked_here:  # loaded before the workers fork: a thread importing at a fork leaves them a held import lock
            prepare()
        limits = c.limits if c.limits.timeout is not None else dataclasses.replace(c.limits, timeout=c.timeout)
        office = self._convert_office([rel for _, rel, _ in tasks], limits.timeout or c.timeout)
        job = Job(str(self.root), str(self.out), c.fmt, c.options, limits, self.token, c.follow_links, c.chosen,
                  office, self.today.isoformat())
        self.executor = make_executor(c, min(c.jobs or default_jobs(), len(tasks)), job)
        from protokol.output.archive import start_writer

        self.writer = start_writer(self.out)  # the archive files' child loads its modules meanwhile
        if not forked_here:
            import threading

            self.prepared = threading.Thread(target=prepare, name="protokol-index", daemon=True)  # and index.html's
            self.prepared.start()
        self.consume(self.executor.results(tasks))

    def _convert_office(self, rels: list[str], timeout: float) -> str:
        """The .doc/.rtf/.odt among `rels` converted in chunks, one LibreOffice start per
        chunk (protokol.batch.office); the folder the workers find them in. A Dask cluster's
        workers may not see the output folder: they convert each file themselves."""
        if self.config.scheduler:
            return ""
        from protokol.batch.office import convert_office

        folder, self.soffice_starts = convert_office(
            self.root, self.out, self.token, rels, max_bytes=self.config.limits.max_bytes,
            follow_links=self.config.follow_links, timeout=timeout)
        return str(folder)

    def consume(self, results: Iterable[Result | None]) -> None:
        """Take in the executor's stream of results, as they come; None: nothing finished
        for a while (a chance to fsync the manifest by age)."""
        for item in results:
            with self.interrupts.held():  # Ctrl-C cannot fall between "done" and "recorded"
                if item is not None:
                    self._done(item[0][1], item[1])
                self._sync()

    def _done(self, rel: str, record: dict[str, Any]) -> None:
        if record.pop("disk_full", False):  # its previous output and record stay
            raise _Stopped(self._full(record["error"]))
        self.peak_rss_kb = max(self.peak_rss_kb, int(record.pop("rss_kb", 0)))
        if "pid" in record:
            self.cpu[record["pid"]] = float(record.get("cpu", 0.0))
        if record["status"] == "failed" and record.get("sha256") is None:
            record["sha256"] = self._sha256(rel)
        record.update(reused=False, version=__version__, settings=self.settings)
        record = {k: record.get(k) for k in MANIFEST_FIELDS}
        self._drop_stale_output(rel, record)
        assert self.journal is not None
        self._guard(self.journal.write, manifest_line(record))
        self.new[rel] = record
        self.counts[record["status"]] += 1
        self._progress(rel, record["status"])

    def _full(self, why: str) -> str:
        done = sum(self.counts.values())
        return (f"{self.out}: {why.removeprefix('cannot write output: ')}; run stopped after {done} of "
                f"{len(self.rels)} inputs, previous outputs kept (free space and run again to continue)")

    def _guard(self, write: Callable[..., None], *args: Any) -> None:
        """A write of the manifest that fails stops the run with one line."""
        try:
            write(*args)
        except OSError as exc:
            raise _Stopped(self._full(f"cannot write the manifest: {exc.strerror or exc}")) from None

    def _drop_stale_output(self, rel: str, record: dict[str, Any]) -> None:
        """The previous run's output (another format, another name) is not left behind,
        unless it is now another input's output or not a name batch could have made."""
        stale = (self.old.get(rel) or {}).get("output")
        if not isinstance(stale, str) or stale == record["output"] or stale in self._current():
            return
        try:
            output_name(stale, "")
        except UnsafeName:
            return
        if stale.split("/")[0] in RESERVED or not stale.endswith(extensions()):
            return
        with contextlib.suppress(OSError):
            (self.out / stale).unlink()

    def _current(self) -> set[str]:
        if not hasattr(self, "_names_in_use"):
            self._names_in_use = {n for n in self.names.values() if isinstance(n, str)}
        return self._names_in_use

    def _sync(self, force: bool = False) -> None:
        """fsync the records appended so far, grouped (by count and by age, see Journal)."""
        assert self.journal is not None
        self._guard(self.journal.sync, force)

    def _stop(self, keep: bool) -> None:
        """Stop the executor; after Ctrl-C (`keep`), the files it finished meanwhile are
        recorded too, so that no output stands without its record."""
        if self.executor is not None:
            finished = self.executor.close()
            try:
                with self.interrupts.held():
                    for task, record in finished if keep else ():
                        self._done(task[1], record)
            except (_Stopped, KeyboardInterrupt):
                pass
        if self.journal is not None:
            self.journal.close()

    def _finish(self, interrupted: bool) -> Summary:
        if self.listed:  # interrupted while listing: the previous files stay as they are
            final = self._final_records()
            try:
                write_manifest(self.out / MANIFEST, final, self.token)
                writer, self.writer = self.writer, None
                archive_written = start_combined(self.out, [r for r in final if r["status"] in _DONE], self.token,
                                                 writer)
                try:  # the archive's HTML report, while child processes write its register and calendar
                    from protokol.output.html_archive import write_index

                    if self.prepared is not None:
                        self.prepared.join()
                    with atomic(self.out / "index.html", self.token) as page:
                        write_index(self.out, final, page, today=self.today)
                finally:
                    archive_written()
            except OSError as exc:  # the journal and the previous combined files stay
                if not out_of_space(exc):
                    raise
                self.stopped = self.stopped or self._full(exc.strerror or str(exc))
        sweep_temporaries(self.out)
        failures = tuple(sorted(((r["path"], r["error"] or "") for r in self.new.values()
                                 if r["status"] == "failed"), key=lambda f: sort_key(f[0])))
        return Summary(
            total=len(self.rels), ok=self.counts["ok"], failed=self.counts["failed"],
            skipped=self.counts["skipped"], seconds=round(time.monotonic() - self.started, 3),
            manifest=self.out / MANIFEST, failures=failures, warnings=tuple(self.warnings),
            interrupted=interrupted, jobs=self.executor.size if self.executor else 0,
            peak_rss_kb=self.peak_rss_kb, worker_cpu_seconds=round(sum(self.cpu.values()), 3),
            links_skipped=len(self.links), unsupported=self.counts["unsupported"],
            soffice_starts=self.soffice_starts,
        )

    def _final_records(self) -> list[dict[str, Any]]:
        """This run's record of each input, else the previous run's (its outputs are still
        there: an unfinished file's previous output is only replaced once the new is
        complete), and a skipped_link record per symlink not followed."""
        final = [record for rel in self.rels if (record := self.new.get(rel) or self.old.get(rel))]
        for rel, why in self.links:
            record = failed_record(rel, why) | {"status": "skipped_link", "duration": 0.0}
            final.append(record | {"reused": False, "version": __version__, "settings": self.settings})
        return final

    def _progress(self, rel: str, status: str) -> None:
        if self.on_progress is None:
            return
        done = sum(self.counts.values())
        self.on_progress(Progress(done, len(self.rels), self.counts["failed"], self.counts["skipped"], rel,
                                  status, round(time.monotonic() - self.started, 3),
                                  self.executor.pids() if self.executor else (), self.counts["unsupported"]))


__all__ = ["DIRECTIVES_CSV", "DIRECTIVES_JSONL", "MANIFEST", "MANIFEST_FIELDS", "BatchConfig", "BatchError",
           "BatchInterrupted", "Progress", "Summary", "list_inputs", "load_manifest", "make_executor",
           "manifest_line", "run", "write_combined", "write_manifest"]
