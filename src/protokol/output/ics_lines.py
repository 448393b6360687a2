"""A calendar component's content lines written from its values, without icalendar objects.

output/ics.py builds each VTODO / VEVENT from a list of (property, value) pairs. Built
with icalendar, one component costs about 0.2 ms (property objects, parameter
dictionaries, a caseless dictionary, sorting), which made the calendar three quarters
of a batch worker's share of the archive files. Here the same text is written directly:

* text values (UID, SUMMARY, DESCRIPTION) escaped as icalendar's vText escapes them;
* every other value (dates, times, durations, RRULE, STATUS, the alarm's TRIGGER) is
  rendered by icalendar itself, once per distinct value and remembered: a protocol's
  dates and rules recur from task to task;
* properties in icalendar's order (a component class's canonical order, then the rest
  alphabetically), lines folded as output/ics.py's `folded` folds them.

A component with an RDATE (a working-day series, rare) returns None: the caller builds it
with icalendar. tests/output/test_ics_lines.py compares both ways on every test document.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from protokol.output.ics import FOLD_LIMIT, component_text, folded

_TEXT = frozenset({"uid", "summary", "description"})
# icalendar's canonical_order of Event (cal/event.py); Todo and Alarm have none
_ORDER = {"todo": (), "event": ("SUMMARY", "DTSTART", "DTEND", "DURATION", "DTSTAMP", "UID", "RECURRENCE-ID",
                                 "SEQUENCE", "RRULE", "RDATE", "EXDATE")}
_NAMES = {"todo": "VTODO", "event": "VEVENT"}


def escape(text: str) -> str:
    """RFC 5545 TEXT escaping exactly as icalendar's vText (parser/string.py), order kept."""
    return (text.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def text_of(kind: str, props: list[tuple[str, Any]], before: dt.timedelta | None) -> str | None:
    """The component's text as output/ics.component_text writes the icalendar object built
    from the same props (and alarm `before` its due or start); None with an RDATE."""
    lines: dict[str, str] = {}
    title = ""
    for name, value in props:
        if name == "rdate":
            return None
        upper = name.upper()
        if name in _TEXT:
            lines[upper] = f"{upper}:{escape(value)}"
            if name == "summary":
                title = value
        else:
            lines[upper] = _value_line(kind, name, type(value).__name__, getattr(value, "tzinfo", None), value)
    out = [f"BEGIN:{_NAMES[kind]}\r\n"]
    for name in _sorted(kind, tuple(lines)):
        out.append(_fold(lines[name]))
    if before is not None:
        out.append("BEGIN:VALARM\r\nACTION:DISPLAY\r\n")
        out.append(_fold(f"DESCRIPTION:{escape(title)}"))
        out.append(_trigger(before, "END" if kind == "todo" else "START"))
        out.append("END:VALARM\r\n")
    out.append(f"END:{_NAMES[kind]}\r\n")
    return "".join(out)


def _fold(line: str) -> str:
    if len(line) * 4 < FOLD_LIMIT:  # 4 octets a character at most: short whatever it holds
        return line + "\r\n"
    raw = line.encode("utf-8")
    return (line if len(raw) < FOLD_LIMIT else folded(raw)) + "\r\n"


@lru_cache(maxsize=64)
def _sorted(kind: str, names: tuple[str, ...]) -> tuple[str, ...]:
    """icalendar's canonsort_keys: the canonical names first in their order, the rest
    alphabetically."""
    order = {name: i for i, name in enumerate(_ORDER[kind])}
    head = sorted((n for n in names if n in order), key=order.__getitem__)
    return tuple(head) + tuple(sorted(n for n in names if n not in order))


@lru_cache(maxsize=4096)
def _value_line(kind: str, name: str, _type: str, _zone: Any, value: Any) -> str:
    """The one content line icalendar writes for this property and value (unfolded).
    The value's type and zone are part of the key: a date and a datetime, or two equal
    instants in different zones, must not share a line."""
    from icalendar import Event, Todo, vRecur

    item = Todo() if kind == "todo" else Event()
    item.add(name, vRecur.from_ical(value) if name == "rrule" else value)
    return _only_line(component_text(item))


@lru_cache(maxsize=64)
def _trigger(before: dt.timedelta, related: str) -> str:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("trigger", -before, parameters={"RELATED": related})
    return _only_line(component_text(alarm)) + "\r\n"


def _only_line(text: str) -> str:
    """The property line of a component text holding one property (BEGIN, it, END)."""
    lines = text.replace("\r\n ", "").split("\r\n")
    return lines[1]
