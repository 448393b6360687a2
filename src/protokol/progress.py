"""The batch progress bar (rich, on stderr). Only the CLI uses it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any


@contextlib.contextmanager
def progress_bar() -> Iterator[Callable[[Any], None]]:
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
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task = bar.add_task("protokol batch", total=None, rate=0.0, failed=0)

        def update(event: Any) -> None:
            rate = event.done / event.elapsed if event.elapsed > 0 else 0.0
            bar.update(task, total=event.total, completed=event.done, rate=rate, failed=event.failed)

        yield update
