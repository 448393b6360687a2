"""What is due: the occurrences of task deadlines across protocols in a window of days.

    >>> import datetime as dt
    >>> from protokol.agenda import Window, agenda
    >>> window = Window(dt.date(2023, 7, 3), dt.date(2023, 7, 16), today=dt.date(2023, 7, 3))
    >>> items = agenda([result.to_dict()], window, executor="Минфин")   # doctest: +SKIP

expand.py (the days of one deadline), collect.py (occurrences, status, order, groups),
executors.py (who, shortened; the executor filter), sources.py (files, folders, batch
outputs), render.py and table.py (the formats; html is output/html.py). Nothing here
reads the clock: `today` is always passed in.
"""

from __future__ import annotations

from protokol.agenda.collect import GROUPS, STATUS_RU, STATUSES, Occurrence, agenda
from protokol.agenda.expand import Window, occurrences
from protokol.agenda.sources import Loaded, load

__all__ = ["GROUPS", "STATUSES", "STATUS_RU", "Loaded", "Occurrence", "Window", "agenda", "load", "occurrences"]
