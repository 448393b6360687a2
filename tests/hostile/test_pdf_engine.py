"""The PDF engine's child process: a crash, an abort, a runaway or a lost parent never
takes the caller with it, and what the child returns is what pdfium gave in-process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from protokol.errors import ReadError, TimeBudgetExceeded
from protokol.readers import Limits, pdf_child, read_bytes
from tests.hostile.conftest import ROOT, SAMPLES, SEED, assert_refused, cli


def _abort() -> None:
    os.abort()


def _segfault() -> None:
    import ctypes

    ctypes.string_at(0)


def _spin() -> None:
    while True:
        pass


def _sleep() -> None:
    time.sleep(60)


def _hog() -> list[bytes]:
    return [bytes(64 * 1024 * 1024) for _ in range(100)]


def _refuse() -> None:
    raise ReadError("x.pdf", "encrypted PDF")


@pytest.mark.parametrize("work,why", [(_abort, "pdf engine crashed (SIGABRT)"),
                                      (_segfault, "pdf engine crashed (SIGSEGV)"),
                                      (_hog, "pdf engine ran out of memory"),
                                      (_refuse, "encrypted PDF")])
def test_a_failing_child_is_one_read_error(work, why):
    with pytest.raises(ReadError) as err:
        pdf_child.run(work, "x.pdf", 20)
    assert err.value.path == "x.pdf" and why in err.value.why


def test_the_child_returns_json_values_exactly():
    value = [["Срок\udc80 – до", 0.1, float("inf"), -1e-300, 12.000000000000002]]
    assert pdf_child.run(lambda: value, "x.pdf", 20) == value


@pytest.mark.parametrize("work", [_spin, _sleep], ids=["cpu", "sleep"])
def test_a_runaway_child_is_stopped_by_limits_timeout(work):
    start = time.monotonic()
    with pytest.raises(TimeBudgetExceeded) as err:
        pdf_child.run(work, "x.pdf", 1.0)
    assert time.monotonic() - start < 10 and err.value.seconds == 1.0


def test_without_limits_timeout_the_default_clock_stops_it(monkeypatch):
    monkeypatch.setattr(pdf_child, "DEFAULT_SECONDS", 1.0)
    with pytest.raises(ReadError, match="pdf engine took longer than 1 s"):
        pdf_child.run(_sleep, "x.pdf", None)


def test_read_bytes_passes_limits_timeout_to_the_engine(monkeypatch):
    monkeypatch.setattr("protokol.readers.pdf._pdfium_pages", lambda *args: _sleep())
    data = (SAMPLES / f"{SEED}.pdf").read_bytes()
    with pytest.raises(TimeBudgetExceeded):
        read_bytes(data, "s.pdf", limits=Limits(timeout=1.0))


def test_the_child_dies_with_its_parent(tmp_path):
    """A parent killed while the engine runs leaves no engine behind (PR_SET_PDEATHSIG)."""
    pid_file = tmp_path / "child.pid"
    code = (
        "import os, time, sys\n"
        "from protokol.readers import pdf_child\n"
        f"def work():\n    open({str(pid_file)!r}, 'w').write(str(os.getpid()))\n    time.sleep(60)\n"
        "pdf_child.run(work, 'x.pdf', 60)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(Path(ROOT) / "src")})
    try:
        deadline = time.monotonic() + 20
        while not (pid_file.exists() and pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.05)
        child = int(pid_file.read_text())
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child)
    finally:
        parent.kill()
        parent.wait()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][:1] not in ("Z", "X")
    except FileNotFoundError:
        return False


def test_an_engine_crash_through_the_cli_is_one_line(tmp_path, monkeypatch):
    """The CLI process survives pdfium aborting: one line, exit 1 (made by a tiny hook
    that aborts inside the child; the real aborts are in test_pdf_bombs.py)."""
    hook = tmp_path / "sitecustomize.py"
    hook.write_text("import os\nimport protokol.readers.pdf as pdf\n"
                    "pdf._pdfium_pages = lambda *args: os.abort()\n")
    proc = cli("parse", str(SAMPLES / f"{SEED}.pdf"), timeout=30,
               env={"PYTHONPATH": os.pathsep.join([str(tmp_path), str(Path(ROOT) / "src")])})
    assert_refused(proc, "pdf engine crashed (SIGABRT)")
