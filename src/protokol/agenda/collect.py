"""Protocols (contract dicts) -> the occurrences of their task deadlines in a window,
with a status, sorted and optionally grouped. No clock: `today` is in the Window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from protokol.agenda.executors import executor_filter, executor_names, searchable
from protokol.agenda.expand import DATED, Window, occurrences, split_iso

STATUSES = ("overdue", "today", "this_week", "later")
STATUS_RU = {"overdue": "просрочен", "today": "сегодня", "this_week": "на неделе", "later": "позже"}
GROUPS = ("executor", "protocol", "date")
SUMMARY_WORDS = 12


@dataclass(slots=True)
class Occurrence:
    """One day a task is due. `deadline` is the contract's Deadline as read. Treated as a
    value, never changed once made (not frozen only because a frozen dataclass is slow to
    make, and an archive gives hundreds of thousands of these)."""

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
    head: dict[str, Any] | None = None  # {"number", "date", "source"}, one dict shared by a protocol's items
    executor: str = ""  # the executors joined with "; "

    def __post_init__(self) -> None:
        if not self.executor and self.executors:
            self.executor = "; ".join(self.executors)

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
            "executors": self.executors,  # a tuple: written as an array by orjson and json alike
            "protocol": self.head or {"number": self.protocol_number, "date": self.protocol_date,
                                      "source": self.source},
            "section": self.section,
            "item": self.item,
            "text": self.text,
            "deadline": self.deadline,
        }


def status(day: dt.date, today: dt.date, week_end: dt.date | None = None) -> str:
    """overdue before today; today; this_week up to Sunday of today's week (`week_end`,
    computed when not given); later."""
    if day < today:
        return "overdue"
    if day == today:
        return "today"
    if day <= (week_end or today + dt.timedelta(days=6 - today.weekday())):
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
    per_protocol = [items for data in protocols if (items := of_protocol(data, window, wanted))]
    found = _in_order(per_protocol)
    if group_by and group_by != "date":
        found.sort(key=lambda o: _group_key(o, group_by))
    return found


def of_protocol(data: dict[str, Any], window: Window, wanted: Any = None) -> list[Occurrence]:
    """The occurrences of one protocol's task deadlines in `window`, in document order."""
    protocol = data.get("protocol") or {}
    number, date = protocol.get("number"), protocol.get("date")
    source = (data.get("source") or {}).get("path") or ""
    today = window.today
    week_end = today + dt.timedelta(days=6 - today.weekday())
    first, last = window.first, window.last
    before = min(first, today) if window.overdue else None  # Window.keeps, inline
    head = {"number": number, "date": date, "source": source}
    found: list[Occurrence] = []
    order = 0
    for section in data.get("sections") or ():
        where = section.get("number")
        for directive in section.get("directives") or ():
            order += 1
            deadlines = directive.get("deadlines")
            if not deadlines or directive.get("kind") != "task":
                continue
            if wanted is not None and not wanted(searchable(directive)):
                continue
            names: tuple[str, ...] | None = None
            for deadline in deadlines:
                if deadline.get("kind") in DATED:  # the common case, inline: one day or none
                    value = deadline.get("effective_due") or deadline.get("due")
                    when = split_iso(value) if isinstance(value, str) else None
                    days: Any = (when,) if when is not None and (
                        first <= when[0] <= last or before is not None and when[0] < before) else ()
                else:
                    days = occurrences(deadline, date, window)
                if not days:
                    continue
                if names is None:
                    names = executor_names(directive)
                    label = "; ".join(names)
                item, text = directive.get("id") or "", directive.get("text") or ""
                for day, time in days:
                    state = ("overdue" if day < today else "today" if day == today
                             else "this_week" if day <= week_end else "later")
                    found.append(Occurrence(day, time, state, names, number, date, source, where, item, text,
                                            deadline, order, head, label))
    return found


def _in_order(per_protocol: list[list[Occurrence]]) -> list[Occurrence]:
    """All occurrences by day and time, then protocol (date, number, file), then place in
    the protocol: protocols are put in order first (few), then one stable sort of the many
    on an integer (day and minute)."""
    ranked = sorted(per_protocol, key=lambda items: _protocol_key(items[0]))
    flat = [o for items in ranked for o in items]
    keys = [o.date.toordinal() * 1441 + (0 if o.time is None else 1 + int(o.time[:2]) * 60 + int(o.time[3:5]))
            for o in flat]
    return [flat[i] for i in sorted(range(len(flat)), key=keys.__getitem__)]


def _protocol_key(o: Occurrence) -> tuple[str, str, str]:
    return (o.protocol_date or "", o.protocol_number or "", o.source)


def _group_key(o: Occurrence, by: str) -> tuple[Any, ...]:
    if by == "protocol":
        return (o.protocol_date or "", o.protocol_number or "", o.source)
    return (o.executor.casefold() or "\uffff",)
