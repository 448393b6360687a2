"""The long-lived PDF engine process (readers/pdf_engine.py): kept from file to file while
files read cleanly, replaced after anything else, never shared with a forked caller."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from protokol.errors import ReadError, TimeBudgetExceeded
from protokol.readers import Limits, pdf_engine
from protokol.readers.pdf import read_pdf
from tests.hostile.conftest import ROOT, SAMPLES, SEED
from tests.hostile.test_pdf_engine import _alive


@pytest.fixture()
def sample() -> bytes:
    pdf_engine.close()
    yield (SAMPLES / f"{SEED}.pdf").read_bytes()
    pdf_engine.close()


def _pid() -> int:
    assert pdf_engine._engine is not None
    return pdf_engine._engine.pid


def test_one_engine_reads_file_after_file_as_in_process(sample):
    expected = read_pdf(sample, "x", isolate=False)
    assert read_pdf(sample, "a.pdf") == expected
    first = _pid()
    assert read_pdf(sample, "b.pdf") == expected and _pid() == first
    assert pdf_engine.cpu_seconds() > 0


def test_a_file_that_fails_gets_the_engine_replaced(sample):
    read_pdf(sample, "a.pdf")
    first = _pid()
    with pytest.raises(ReadError, match="corrupt PDF"):
        read_pdf(b"%PDF-1.4\n" + b"\x00" * 100, "bad.pdf")
    assert pdf_engine._engine is None and not _alive(first)
    read_pdf(sample, "b.pdf")
    assert _pid() != first


def test_a_crash_fails_that_file_only(sample, monkeypatch):
    read_pdf(sample, "a.pdf")
    monkeypatch.setattr("protokol.readers.pdf._pdfium_pages", lambda *args: os.abort())
    with pytest.raises(ReadError, match=r"pdf engine crashed \(SIGABRT\)"):
        read_pdf(sample, "crash.pdf")
    monkeypatch.undo()
    assert read_pdf(sample, "b.pdf") == read_pdf(sample, "x", isolate=False)


def test_a_runaway_file_is_stopped_and_its_engine_ended(sample, monkeypatch):
    monkeypatch.setattr("protokol.readers.pdf._pdfium_pages", lambda *args: time.sleep(60))
    start = time.monotonic()
    with pytest.raises(TimeBudgetExceeded):
        read_pdf(sample, "slow.pdf", limits=Limits(timeout=1.0))
    assert time.monotonic() - start < 10 and pdf_engine._engine is None


def test_an_engine_gone_between_files_is_replaced_not_blamed(sample):
    read_pdf(sample, "a.pdf")
    first = _pid()
    os.kill(first, signal.SIGKILL)
    assert _within(10, lambda: not _alive(first))
    assert read_pdf(sample, "b.pdf") == read_pdf(sample, "x", isolate=False)
    assert _pid() != first


def test_an_engine_serves_at_most_max_files(sample, monkeypatch):
    monkeypatch.setattr(pdf_engine, "MAX_FILES", 2)
    read_pdf(sample, "a.pdf")
    first = _pid()
    read_pdf(sample, "b.pdf")
    read_pdf(sample, "c.pdf")
    assert _pid() != first and not _alive(first)


def test_a_forked_caller_starts_its_own_engine(sample):
    read_pdf(sample, "a.pdf")
    first = _pid()
    read_fd, write_fd = os.pipe()
    child = os.fork()
    if child == 0:
        code = 1
        try:
            os.close(read_fd)
            read_pdf(sample, "b.pdf")
            os.write(write_fd, str(_pid()).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as f:
        theirs = f.read()
    _, status = os.waitpid(child, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert int(theirs) != first
    assert read_pdf(sample, "c.pdf") and _pid() == first


def test_the_engine_dies_with_its_caller(tmp_path):
    pid_file = tmp_path / "engine.pid"
    code = (
        "import time\n"
        "from pathlib import Path\n"
        "from protokol.readers import pdf_engine\n"
        "from protokol.readers.pdf import read_pdf\n"
        f"read_pdf(Path({str(SAMPLES / f'{SEED}.pdf')!r}).read_bytes(), 'x.pdf')\n"
        f"Path({str(pid_file)!r}).write_text(str(pdf_engine._engine.pid))\n"
        "time.sleep(60)\n"
    )
    caller = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT,
                              env={**os.environ, "PYTHONPATH": str(Path(ROOT) / "src")})
    try:
        assert _within(30, lambda: pid_file.exists() and pid_file.read_text() != "")
        engine = int(pid_file.read_text())
        assert _alive(engine)
        caller.kill()
        caller.wait(timeout=10)
        assert _within(10, lambda: not _alive(engine))
    finally:
        caller.kill()
        caller.wait()


def _within(seconds: float, done) -> bool:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        time.sleep(0.02)
    return bool(done())


def test_an_engine_that_died_with_its_thread_is_replaced(sample):
    """PR_SET_PDEATHSIG fires when the forking thread ends: the next file, from another
    thread, gets a fresh engine."""
    import threading

    expected = read_pdf(sample, "x", isolate=False)
    results = []
    worker = threading.Thread(target=lambda: results.append((read_pdf(sample, "a.pdf"), _pid())))
    worker.start()
    worker.join()
    first = results[0][1]
    assert results[0][0] == expected
    _within(10, lambda: not _alive(first))
    assert read_pdf(sample, "b.pdf") == expected and _pid() != first


def test_a_large_pdf_gets_a_child_of_its_own(sample, monkeypatch):
    """Sent to the engine, a large PDF would be held twice (the caller's copy, the engine's)."""
    monkeypatch.setattr("protokol.readers.pdf.ENGINE_MAX_BYTES", len(sample) - 1)
    assert read_pdf(sample, "big.pdf") == read_pdf(sample, "x", isolate=False)
    assert pdf_engine._engine is None
