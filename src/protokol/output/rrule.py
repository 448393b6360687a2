"""Read an RRULE value into its parts (what the renderers need, nothing more).

>>> parse_rrule("FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0").byday
('FR',)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    freq: str
    interval: int = 1
    count: int | None = None
    until: str | None = None  # as written: "20230820" or "20230820T205959Z"
    bymonth: tuple[int, ...] = ()
    bymonthday: tuple[int, ...] = ()
    byday: tuple[str, ...] = ()
    hour: int | None = None
    minute: int | None = None

    def until_date(self) -> dt.date | None:
        """The calendar day of UNTIL as written (a UTC UNTIL is the last second of a local day,
        which the contract also gives as `until`; this is only the fallback)."""
        if not self.until:
            return None
        return dt.datetime.strptime(self.until[:8], "%Y%m%d").date()


def _ints(value: str) -> tuple[int, ...]:
    return tuple(int(v) for v in value.split(",") if v)


def _first(value: str) -> int:
    return _ints(value)[0]


def parse_rrule(value: str) -> Rule:
    """Parse "FREQ=...;..." (an optional "RRULE:" prefix is dropped). Unknown parts are ignored."""
    if value.upper().startswith("RRULE:"):
        value = value[6:]
    parts = dict(p.split("=", 1) for p in value.strip().split(";") if "=" in p)
    parts = {k.upper(): v for k, v in parts.items()}
    if "FREQ" not in parts:
        raise ValueError(f"RRULE without FREQ: {value!r}")
    return Rule(
        freq=parts["FREQ"].upper(),
        interval=int(parts.get("INTERVAL", "1")),
        count=int(parts["COUNT"]) if "COUNT" in parts else None,
        until=parts.get("UNTIL"),
        bymonth=_ints(parts.get("BYMONTH", "")),
        bymonthday=_ints(parts.get("BYMONTHDAY", "")),
        byday=tuple(d.upper() for d in parts.get("BYDAY", "").split(",") if d),
        hour=_first(parts["BYHOUR"]) if "BYHOUR" in parts else None,
        minute=_first(parts["BYMINUTE"]) if "BYMINUTE" in parts else None,
    )
