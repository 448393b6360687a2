"""The batch progress bar: drawn a few times a second (each drawing costs the run's
process CPU the workers need), never behind at its end."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console

from protokol.batch.config import Progress
from protokol.progress import REFRESH, progress_bar

_DRAWING = "\x1b[?25l"  # rich hides the cursor at the start and redraws with "\r" + erase; count the lines drawn


def _console() -> tuple[Console, io.StringIO]:
    sink = io.StringIO()
    return Console(file=sink, force_terminal=True, width=120, color_system=None), sink


def _event(done: int, total: int, failed: int = 0) -> Progress:
    return Progress(done, total, failed, 0, f"f{done}.txt", "ok", 0.01 + done * 0.001)


def test_the_bar_is_drawn_at_most_refresh_times_a_second() -> None:
    console, sink = _console()
    seconds = 1.5
    with progress_bar(console) as update:
        start = time.monotonic()
        done = 0
        while time.monotonic() - start < seconds:  # one event per ~2 ms, as a fast run gives them
            done += 1
            update(_event(done, 100_000))
            time.sleep(0.002)
    drawn = len(re.findall(r"protokol batch", sink.getvalue()))
    assert done > 100
    assert 1 <= drawn <= REFRESH * seconds + 3, drawn  # rich's default (10 a second) would draw ~15 times
    assert REFRESH <= 4


def test_the_last_event_is_shown_when_the_bar_closes() -> None:
    console, sink = _console()
    with progress_bar(console) as update:
        for done in range(1, 1001):
            update(_event(done, 1000, failed=done // 250))
    last = [line for line in re.split(r"[\r\n]", sink.getvalue()) if "protokol batch" in line][-1]
    assert "1000/1000" in last, last
    assert "4 failed" in last, last
    assert _DRAWING in sink.getvalue()


_RUN_WITH_BAR = r"""
import sys
from multiprocessing import forkserver
from pathlib import Path
from protokol.batch import BatchConfig, run
from protokol.progress import progress_bar
seen = []
with progress_bar() as update:  # a rich Console on stderr
    before = "rich" in sys.modules
    def on_progress(event):
        if not seen:  # the run's first event: the bar starts now; the fork server runs already
            seen.append((before, "rich" in sys.modules, forkserver._forkserver._forkserver_pid is not None))
        update(event)
    summary = run(BatchConfig(Path(sys.argv[1]), Path(sys.argv[2]), jobs=2), on_progress)
print(seen[0], summary.ok)
"""


def test_a_first_run_starts_its_fork_server_before_the_bar_loads_rich(tmp_path: Path) -> None:
    """A real run in a fresh process: rich (~50 ms of CPU) is loaded after the workers'
    fork server was started, not before it on the run's serial start."""
    from protokol.batch.zygote import start_context

    assert start_context().get_start_method() == "forkserver"
    root = tmp_path / "archive"
    root.mkdir()
    for n in range(3):
        (root / f"p{n}.txt").write_text(f"ПРОТОКОЛ\nсовещания\n1. Отделу {n} подготовить отчет до 1 июля 2024 г.\n",
                                        encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _RUN_WITH_BAR, str(root), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.split() == ["(False,", "False,", "True)", "3"], done.stdout + done.stderr
    assert "3/3" in done.stderr, done.stderr
