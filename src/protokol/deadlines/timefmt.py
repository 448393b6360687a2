"""ISO 8601 strings of dates and local times, with zone offsets from zoneinfo."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=64)
def _zone(name: str) -> dt.tzinfo:
    import zoneinfo

    return zoneinfo.ZoneInfo(name)


def iso(day: dt.date, time: dt.time | None = None, zone: str | None = None) -> str:
    """"2023-08-20", "2023-08-20T09:00:00" (naive) or "2023-08-20T09:00:00+03:00"."""
    if time is None:
        return day.isoformat()
    moment = dt.datetime.combine(day, time)
    if zone is not None:
        moment = moment.replace(tzinfo=_zone(zone))
    return moment.isoformat(timespec="seconds")


def to_utc(local: dt.datetime, zone: str) -> dt.datetime:
    return local.replace(tzinfo=_zone(zone)).astimezone(dt.timezone.utc)
