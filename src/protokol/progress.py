"""The batch progress bar (rich, on stderr). Only the CLI uses it.

The bar is drawn REFRESH times a second, by rich's own thread, and when it closes (the
end of the run, Ctrl-C): each drawing costs the run's process 1-2 ms of CPU, taken from
the cores the workers need, so rich's default of 10 a second cost a two-worker run on
two cores ~0.5 % of its time (measured on a loaded machine, a bar alone on a pty with an
event every 10 ms: 24 ms of CPU a second at 10 drawings a second, 13.5 ms at 4). Handing
the bar an event (one per file) costs next to nothing; it shows at the next drawing."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any

REFRESH = 4  # drawings a second


@contextlib.contextmanager
def progress_bar(console: Any = None) -> Iterator[Callable[[Any], None]]:
    """The progress callback of a run, drawing on `console` (default: a rich Console on
    stderr). rich is loaded and the bar started at the first event (the run's "listed"),
    so that a first run's workers' fork server (protokol.batch.zygote) starts before it."""
    with contextlib.ExitStack() as stack:
        shown: list[Callable[[Any], None]] = []

        def update(event: Any) -> None:
            if not shown:
                shown.append(_start(stack, console))
            shown[0](event)

        yield update


def _start(stack: contextlib.ExitStack, console: Any) -> Callable[[Any], None]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]:.1f} files/s"),
        TextColumn("[red]{task.fields[failed]} failed"),
        TimeRemainingColumn(),
    )
    bar = stack.enter_context(Progress(*columns, console=console or Console(stderr=True), transient=False,
                                       refresh_per_second=REFRESH))
    task = bar.add_task("protokol batch", total=None, rate=0.0, failed=0)

    def update(event: Any) -> None:
        rate = event.done / event.elapsed if event.elapsed > 0 else 0.0
        bar.update(task, total=event.total, completed=event.done, rate=rate, failed=event.failed)

    return update
