"""The batch progress bar: drawn a few times a second (each drawing costs the run's
process CPU the workers need), never behind at its end."""

from __future__ import annotations

import io
import re
import time

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
