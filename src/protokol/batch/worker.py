"""The work on one file of a batch, wherever it runs (a local worker process, a Dask task).

    record = process_file(job, index, rel, name)

reads ``job.root/rel`` through the guards of protokol.batch.files, tells by its content
whether protokol reads it (protokol.batch.detect: an image, a spreadsheet or an archive
gets status "unsupported" and its type), converts it through protokol.convert (the one
read -> parse -> render path of the API and the command line), writes the output
``job.out/name`` and the input's cached directive records (directives.jsonl lines and
directives.csv rows) all-or-nothing (temporary files, then os.replace), and returns the
manifest record, without version and settings (the parent adds them). It never raises
for a bad file: every failure is a record with status "failed" and a one-line error.

A process prepares once (``prepare``: morphology dictionaries and grammars loaded on a
tiny protocol, the test hooks read); ``process_file`` prepares a process that was not.
``preload`` warms up the fork server local workers are forked from (protokol.batch.zygote),
so that their prepare costs next to nothing. ``start_local_worker`` is the local pool's
initializer: it takes the run's environment, ties the worker's life to its parent's
(PR_SET_PDEATHSIG), opens its side file and sends native libraries' chatter to
/dev/null (PROTOKOL_BATCH_DEBUG=1 keeps it); ``process_chunk`` runs a chunk of files,
each under its own alarm (the per-file timeout), telling the side file what it does
(protokol.batch.chunks).

Test hooks (read from the environment once, when the process prepares):
PROTOKOL_TEST_HANG=<substring> makes the worker sleep forever on a path containing it,
PROTOKOL_TEST_CRASH=<substring> makes it kill itself with SIGKILL on such a path,
PROTOKOL_TEST_DELAY=<seconds> adds a pause to every file (for interrupt tests).
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import datetime as dt
import hashlib
import json
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from protokol.batch.detect import HEAD, unsupported
from protokol.batch.files import TooLarge, discard, out_of_space, read_input, write_all
from protokol.batch.names import SHARE, record_path
from protokol.batch.walk import UnsafeName
from protokol.errors import ProtokolError, ReadError
from protokol.model import Limits, Options
from protokol.output.safe import one_line as escaped

_MAX_ERROR = 300
COUNTS = ("sections", "directives", "deadlines", "unparsed", "warnings")
READS = "docx, pdf, txt, doc, rtf, odt, html, mht, Word 2003 xml, fodt"


@dataclass(frozen=True, slots=True)
class Job:
    """What the work on every file of a run needs to know: handed once to each local
    worker, or pickled with each task where there is no start-up hook (a Dask task)."""

    root: str
    out: str
    fmt: str
    options: Options
    limits: Limits
    token: str = "0" * 16  # the run's token, in every temporary file's name
    follow_links: bool = False  # read inputs whose real location is outside the archive
    any_text: bool = False  # the user chose the files (--glob): text is read whatever its name
    office: str = ""  # the run's folder of .docx made beforehand of its .doc/.rtf/.odt (batch/office.py)
    today: str = ""  # the run's day for out/index.html (ISO): each file's part of it is rendered with its share


Task = tuple[int, str, str]  # index, input path (relative, "/"-separated), output name


@dataclass(frozen=True, slots=True)
class _Hooks:
    hang: str = ""
    crash: str = ""
    delay: float = 0.0


_HOOKS: _Hooks | None = None  # None: this process has not prepared yet
_JOB: Job | None = None  # a local worker's job, given once by its initializer
_TIMEOUT = 0.0  # a local worker's per-file timeout (its SIGALRM kills it)
_SIDE = -1  # a local worker's side file (protokol.batch.chunks), -1 when it has none
_HELD = False  # SIGTERM held while a chunk's file is committed (_commit)
_BROKEN = ""  # why this process could not prepare (every file then reports it)
_WARMED: tuple[str, Options] | None = None  # (format, options) the fork server warmed up for (preload)


def prepare(job: Job) -> None:
    """Warm this process up once: libraries imported, dictionaries and grammars loaded
    (on a tiny protocol), test hooks read; a fork of the server that warmed up for the
    job's format and options (preload) only reads the hooks. A failure is kept and
    reported per file."""
    global _HOOKS, _BROKEN
    if _HOOKS is not None:
        return
    env = os.environ
    _HOOKS = _Hooks(env.get("PROTOKOL_TEST_HANG", ""), env.get("PROTOKOL_TEST_CRASH", ""),
                    float(env.get("PROTOKOL_TEST_DELAY") or 0))
    if _WARMED == (job.fmt, job.options):  # a fork of the server that warmed up for these already
        return
    try:
        _warm_up(job)
    except BaseException as exc:  # noqa: BLE001 - a broken installation: said once per file
        _BROKEN = one_line(f"batch worker cannot start: {type(exc).__name__}: {exc}")


def start_local_worker(job: Job, parent: int, timeout: float = 0.0,
                       environment: dict[str, str] | None = None) -> None:
    """The local pool's initializer (see the module docstring); the job is kept, so that
    a task is only a chunk of (index, rel, name): process_chunk. `environment`: the run's
    os.environ (a worker forked by the fork server, protokol.batch.zygote, has the
    server's, which may be older: a PATH, a test hook, a TZ changed since)."""
    global _JOB, _HOOKS, _BROKEN, _TIMEOUT, _SIDE
    _JOB, _HOOKS, _BROKEN, _TIMEOUT = job, None, "", timeout  # a fork of a process that prepared: prepare again
    if environment is not None and environment != os.environ:
        os.environ.clear()
        os.environ.update(environment)
        time.tzset()
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # a file past its timeout: the kernel kills the worker
    _SIDE = -1
    with contextlib.suppress(OSError):
        from protokol.batch.chunks import side_path

        _SIDE = os.open(side_path(job.out, job.token, os.getpid()),
                        os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND | os.O_CLOEXEC, 0o666)
    if not os.environ.get("PROTOKOL_BATCH_DEBUG"):
        _silence()
    prepare(job)


def process_chunk(chunk: tuple[Task, ...]) -> list[dict[str, Any]]:
    """process_file on each task of a chunk, with the job a local worker was started
    with; their records. Each file gets the whole timeout (a SIGALRM with its default
    action kills the worker at once, even inside native code); the side file tells the
    parent which files were done and which was running, should the worker die."""
    assert _JOB is not None, "not a local batch worker"
    _side(None)
    records = []
    for index, rel, name in chunk:
        _side(f"S {index}\n")
        if _TIMEOUT:
            signal.setitimer(signal.ITIMER_REAL, _TIMEOUT)
        try:
            record = process_file(_JOB, index, rel, name)
        finally:
            if _TIMEOUT:
                signal.setitimer(signal.ITIMER_REAL, 0)
        records.append(record)
        _side(f"D {json.dumps(record)}\n")
        _commit(False)
    return records


def _commit(begin: bool) -> None:
    """In a chunk, SIGTERM (how the pool stops its workers on Ctrl-C) is held from just
    before a file's outputs are moved in place until its "D" line is in the side file: a
    worker stopped in between would leave outputs the run never records."""
    global _HELD
    if begin != _HELD:
        signal.pthread_sigmask(signal.SIG_BLOCK if begin else signal.SIG_UNBLOCK, {signal.SIGTERM})
        _HELD = begin


def _side(line: str | None) -> None:
    """A line to the side file (None: empty it); a side file that fails is given up."""
    global _SIDE
    if _SIDE < 0:
        return
    try:
        if line is None:
            os.ftruncate(_SIDE, 0)
        else:
            os.write(_SIDE, line.encode("utf-8", "surrogateescape"))
    except OSError:
        os.close(_SIDE)
        _SIDE = -1


def process_file(job: Job, index: int, rel: str, name: str) -> dict[str, Any]:
    """Convert one input; its manifest record (see the module docstring).

    `index` is the input's place in the run's sorted listing (kept in the record as
    "index" for executors that need it; the parent drops it). A full disk leaves the
    input's previous output and records as they were and marks the record "disk_full"
    (the parent stops the run); a worker that cannot start marks it "broken"."""
    prepare(job)
    started = time.perf_counter()
    out = Path(job.out)
    record: dict[str, Any] = {"index": index, "path": rel, "status": "failed", "error": None, "sha256": None,
                              "format": None, "output": None, **dict.fromkeys(COUNTS, 0)}
    try:
        if _BROKEN:
            record.update(error=_BROKEN, broken=True)
        else:
            _convert(job, rel, name, out, record)
    except ReadError as exc:
        record["error"] = one_line(exc.why)
    except ProtokolError as exc:
        record["error"] = one_line(str(exc))
    except OSError as exc:
        record["error"] = one_line(f"cannot write output: {exc.strerror or exc}")
        record["disk_full"] = out_of_space(exc)
    except (UnsafeName, ValueError) as exc:
        record["error"] = one_line(str(exc))
    except MemoryError:
        record["error"] = "out of memory"
    except Exception as exc:  # noqa: BLE001 - one bad file never stops the run
        record["error"] = one_line(f"internal error: {type(exc).__name__}: {exc}")
    if record["status"] == "failed" and not record.get("disk_full"):
        discard(out, rel, name)
        record.update(dict.fromkeys(COUNTS, 0))
    record["duration"] = round(time.perf_counter() - started, 3)
    record["rss_kb"] = peak_rss_kb()
    record["cpu"] = cpu_seconds()
    record["pid"] = os.getpid()
    return record


def _convert(job: Job, rel: str, name: str, out: Path, record: dict[str, Any]) -> None:
    from protokol.convert import parse_source, render_bytes
    from protokol.output.csv import row_texts
    from protokol.output.json import jsonl_text, records_of
    from protokol.output.pieces import file_share, share_bytes

    _test_hooks(rel)
    shown, path, root_real = display_name(rel), Path(job.root) / rel, os.path.realpath(job.root)
    try:
        data = read_input(path, rel, root_real, job.limits.max_bytes, job.follow_links)
    except TooLarge:  # what it is may still be told from its first bytes
        data = read_input(path, rel, root_real, HEAD, job.follow_links, head=True)
        if (kind := unsupported(data, shown, whole=False)) is None:
            raise
        record.update(status="unsupported", format=kind, error=_unsupported(kind))
        return
    record["sha256"] = hashlib.sha256(data).hexdigest()
    whole = len(data) <= job.limits.max_bytes  # a file that claims size 0 (/proc) may be larger
    if (kind := unsupported(data, shown, job.any_text, whole)) is not None:
        record.update(status="unsupported", format=kind, error=_unsupported(kind))
        return
    with _prepared(job, data):
        result = parse_source(data, job.options, name=shown, limits=job.limits)
    record["format"] = result.source.format
    record.update(_counts(result))
    records = jsonl_text(records_of(result.to_dict()))
    rendered = render_bytes(job.fmt, [result])
    share = {"rows": row_texts([result], excel=True), "share": file_share(records)}
    if job.today:
        from protokol.output.html_parts import file_part

        try:  # only a shortcut: without it the run's process renders the file's part of index.html
            share["index"] = file_part({**record, "path": rel, "output": name, "status": "ok"}, rendered, records,
                                       dt.date.fromisoformat(job.today))
        except Exception:  # noqa: BLE001 - the file is converted all the same
            share["index"] = None
    if job is _JOB:  # a local worker's chunk: process_chunk releases it after the file's "D" line
        _commit(True)
    write_all(out, [(record_path(out, rel), records.encode("utf-8")),
                    (record_path(out, rel, SHARE), share_bytes(share)),
                    (out / name, rendered)], job.token)
    record.update(status="ok", output=name)


def _prepared(job: Job, data: bytes) -> contextlib.AbstractContextManager[None]:
    """The .docx converted beforehand for these bytes, used instead of a LibreOffice start."""
    from protokol.batch.office import converted_path

    docx = converted_path(job.office, data)
    if docx is None:
        return contextlib.nullcontext()
    from protokol.readers.office import converted

    return converted(data, docx)


def _unsupported(kind: str) -> str:
    return f"{kind}: not a format protokol reads ({READS})"


def failed_record(rel: str, why: str, duration: float = 0.0) -> dict[str, Any]:
    """The record of an input that failed outside process_file (a crash, a timeout)."""
    return {"path": rel, "status": "failed", "error": why, "sha256": None, "format": None, "output": None,
            **dict.fromkeys(COUNTS, 0), "duration": round(duration, 3)}


def display_name(rel: str) -> str:
    """The path as text: a file name that is not valid UTF-8 gets U+FFFD for its bad bytes."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return rel


def one_line(text: str) -> str:
    text = escaped(" ".join(str(text).split()))
    return text if len(text) <= _MAX_ERROR else text[:_MAX_ERROR - 1] + "…"


def peak_rss_kb() -> int:
    """This process's peak resident memory (VmHWM), in kB; 0 where /proc is missing."""
    try:
        with open("/proc/self/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def cpu_seconds() -> float:
    """CPU time this process has used so far (user + system)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when its parent dies (Linux PR_SET_PDEATHSIG), and exit now
    if the run's process `parent` is already gone (it died before the request was made).
    A worker forked by the fork server (protokol.batch.zygote) has the server for parent,
    which is itself killed when the run's process dies (protokol.batch.preload)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    if os.getppid() == parent:
        return
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        os._exit(1)
    except OSError:
        pass
    if os.getppid() == 1:
        os._exit(1)


def _counts(result: Any) -> dict[str, int]:
    directives = [d for s in result.sections for d in s.directives]
    deadlines = [x for d in directives for x in d.deadlines]
    return {"sections": len(result.sections), "directives": len(directives), "deadlines": len(deadlines),
            "unparsed": sum(1 for x in deadlines if x.kind == "unparsed"), "warnings": len(result.warnings)}


_WARM_UP = ("ПРОТОКОЛ\nсовещания\n20 июня 2023 г. № 1\nРЕШИЛИ:\n"
            "1. Минфину обеспечить представление отчетов. Срок – до 1 июля 2023 г., еженедельно.\n")


def preload() -> None:
    """Warm up the process workers are forked from (protokol.batch.zygote's fork server):
    a worker's prepare then costs next to nothing. A failure is left for each worker's
    prepare to meet and report."""
    global _WARMED
    job = Job("", "", "json", Options(), Limits())
    with contextlib.suppress(Exception):
        _warm_up(job)
        _WARMED = (job.fmt, job.options)


def _warm_up(job: Job) -> None:
    """Load the morphology dictionaries, grammars and the output's renderers (the file's
    and its share of the archive's files, icalendar's included) before the first file."""
    from protokol.convert import parse_source, render_bytes
    from protokol.output.csv import row_texts
    from protokol.output.json import jsonl_text, records_of
    from protokol.output.pieces import file_share

    limits = dataclasses.replace(job.limits, timeout=None)
    result = parse_source(_WARM_UP.encode("utf-8"), job.options, input_format="txt", name="<warm-up>",
                          limits=limits)
    rendered = render_bytes(job.fmt, [result])
    row_texts([result], excel=True)
    records = jsonl_text(records_of(result.to_dict()))
    file_share(records)
    from protokol.output.html_parts import file_part

    file_part({"path": "<warm-up>", "output": "warm-up.json", "status": "ok"}, rendered, records,
              dt.date(2024, 1, 1))


def _silence() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    import warnings

    warnings.simplefilter("ignore")


def _test_hooks(rel: str) -> None:
    hooks = _HOOKS or _Hooks()
    if hooks.hang and hooks.hang in rel:
        time.sleep(10**6)
    if hooks.crash and hooks.crash in rel:
        os.kill(os.getpid(), signal.SIGKILL)
    if hooks.delay:
        time.sleep(hooks.delay)
