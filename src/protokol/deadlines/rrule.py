"""RFC 5545 RRULE values, parts in a fixed order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from protokol.deadlines.timefmt import to_utc


@dataclass(frozen=True, slots=True)
class Recurrence:
    freq: str
    interval: int = 1
    until: dt.date | None = None
    bymonth: Sequence[int] = ()
    bymonthday: Sequence[int] = ()
    byday: Sequence[str] = ()
    hour: int | None = None
    minute: int | None = None
    zone: str | None = None  # IANA name; None = floating
    hours: Sequence[int] = ()  # BYHOUR when a day has several times ("в 9:00 и 17:00"); else `hour`

    def value(self) -> str:
        """FREQ, INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY, BYDAY, BYHOUR, BYMINUTE."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.until is not None:
            parts.append(f"UNTIL={self._until()}")
        for key, values in (("BYMONTH", self.bymonth), ("BYMONTHDAY", self.bymonthday), ("BYDAY", self.byday)):
            if values:
                parts.append(f"{key}={','.join(map(str, values))}")
        if self.hour is not None:
            parts.append(f"BYHOUR={','.join(map(str, self.hours or (self.hour,)))}")
            parts.append(f"BYMINUTE={self.minute or 0}")
        return ";".join(parts)

    def _until(self) -> str:
        """A DATE without a time of day; else the last second of the day, UTC if zoned."""
        assert self.until is not None
        if self.hour is None:
            return self.until.strftime("%Y%m%d")
        last = dt.datetime.combine(self.until, dt.time(23, 59, 59))
        if self.zone is None:
            return last.strftime("%Y%m%dT%H%M%S")
        return to_utc(last, self.zone).strftime("%Y%m%dT%H%M%SZ")
