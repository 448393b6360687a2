"""Protocols (contract dicts) -> the occurrences of their task deadlines in a window,
with a status, sorted and optionally grouped. No clock: `today` is in the Window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from protokol.agenda.executors import executor_filter, executor_names, searchable
from protokol.agenda.expand import Window, occurrences

STATUSES = ("overdue", "today", "this_week", "later")
STATUS_RU = {"overdue": "просрочен", "today": "сегодня", "this_week": "на неделе", "later": "позже"}
GROUPS = ("executor", "protocol", "date")
SUMMARY_WORDS = 12


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One day a task is due. `deadline` is the contract's Deadline as read."""

    date: dt.date
    time: str | None
    status: str
    executors: tuple[str, ...]
    protocol_number: str | None
    protocol_date: str | None
    source: str
    section: str | None
    item: str
    text: str
    deadline: dict[str, Any]
    order: int = 0  # the item's place in its protocol, for a stable sort

    @property
    def executor(self) -> str:
        return "; ".join(self.executors)

    @property
    def summary(self) -> str:
        return first_words(self.text)

    def group(self, by: str | None) -> str:
        if by == "executor":
            return self.executor or "—"
        if by == "protocol":
            return protocol_label(self.protocol_number, self.protocol_date) or self.source
        if by == "date":
            return self.date.isoformat()
        return ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "time": self.time,
            "timezone": self.deadline.get("timezone"),
            "status": self.status,
            "executor": self.executor,
            "executors": list(self.executors),
            "protocol": {"number": self.protocol_number, "date": self.protocol_date, "source": self.source},
            "section": self.section,
            "item": self.item,
            "text": self.text,
            "deadline": self.deadline,
        }


def status(day: dt.date, today: dt.date) -> str:
    """overdue before today; today; this_week up to Sunday of today's week; later."""
    if day < today:
        return "overdue"
    if day == today:
        return "today"
    if day <= today + dt.timedelta(days=6 - today.weekday()):
        return "this_week"
    return "later"


def first_words(text: str, words: int = SUMMARY_WORDS) -> str:
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]).rstrip(" ,;:") + "…"


def protocol_label(number: str | None, date: str | None) -> str:
    day = f"{date[8:10]}.{date[5:7]}.{date[:4]}" if date and len(date) >= 10 else ""
    return " ".join(x for x in (f"№ {number}" if number else "", f"от {day}" if day else "") if x)


def agenda(protocols: Iterable[dict[str, Any]], window: Window, *, executor: str | None = None,
           group_by: str | None = None) -> list[Occurrence]:
    """Every occurrence of every task deadline of `protocols` in `window`, sorted by day
    (grouped first when `group_by` is executor, protocol or date)."""
    if group_by not in (None, *GROUPS):
        raise ValueError(f"group_by must be one of {', '.join(GROUPS)}")
    wanted = executor_filter(executor) if executor else None
    found: list[Occurrence] = []
    for data in protocols:
        found.extend(of_protocol(data, window, wanted))
    found.sort(key=_order)
    if group_by and group_by != "date":
        found.sort(key=lambda o: _group_key(o, group_by))
    return found


def of_protocol(data: dict[str, Any], window: Window, wanted: Any = None) -> Iterable[Occurrence]:
    protocol = data.get("protocol") or {}
    number, date = protocol.get("number"), protocol.get("date")
    source = (data.get("source") or {}).get("path") or ""
    order = 0
    for section in data.get("sections") or ():
        for directive in section.get("directives") or ():
            order += 1
            if directive.get("kind") != "task" or not directive.get("deadlines"):
                continue
            if wanted is not None and not wanted(searchable(directive)):
                continue
            names: tuple[str, ...] | None = None
            for deadline in directive["deadlines"]:
                for day, time in occurrences(deadline, date, window):
                    names = executor_names(directive) if names is None else names
                    yield Occurrence(day, time, status(day, window.today), names, number, date, source,
                                     section.get("number"), directive.get("id") or "", directive.get("text") or "",
                                     deadline, order)


def _order(o: Occurrence) -> tuple[Any, ...]:
    return (o.date, o.time or "", o.protocol_date or "", o.protocol_number or "", o.source, o.order)


def _group_key(o: Occurrence, by: str) -> tuple[Any, ...]:
    if by == "protocol":
        return (o.protocol_date or "", o.protocol_number or "", o.source)
    return (o.executor.casefold() or "\uffff",)
