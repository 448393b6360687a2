"""output/ics_lines.py writes a component's text from its values: it must be, byte for
byte, what icalendar writes for the component built from the same values."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from protokol.api import parse
from protokol.model import Deadline
from protokol.output import ics, ics_lines
from tests.output.outdata import directive, seed_result

SHAPES = Path(__file__).resolve().parents[1] / "docs" / "shapes"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
REMINDERS = ("1d", "none", "2h", "30m", "1w", "366d")


def by_icalendar(result, before, kinds):
    return [(str(item["uid"]), ics.component_text(item)) for item in ics.components(result, before, kinds)]


def odd_result():
    """Text that needs escaping and folding, zones, floating times, a working-day series
    (RDATE), dates at the end of time, and every kind of deadline."""
    text = ("Текст; с точкой с запятой, запятыми \\ и \\N, \r\nпереводом строки\rи возвратом каретки 😀 "
            * 3)
    deadlines = (
        Deadline("до 12:00 (МСК) 1 июля 2024 г.", "once", "by", due="2024-07-01T12:00:00+03:00",
                 timezone="Europe/Moscow"),
        Deadline("до 09:00 1 июля", "once", "by", due="2024-07-01T09:00:00"),
        Deadline("до 1 июля", "once", "by", due="2024-07-01"),
        Deadline("с 1 по 10 июля", "period", start="2024-07-01", due="2024-07-10"),
        Deadline("ежедневно до 18:00", "recurring", rrule="FREQ=DAILY;BYHOUR=18;BYMINUTE=0",
                 timezone="Asia/Yekaterinburg", start="2024-07-01", until="2024-08-01"),
        Deadline("еженедельно по пятницам", "recurring", rrule="FREQ=WEEKLY;BYDAY=FR", start="2024-07-01"),
        Deadline("ежемесячно, на 5-й рабочий день", "recurring", rrule="FREQ=MONTHLY", start="2024-07-01",
                 working_day=5),
        Deadline("до 31.12.9999", "once", "by", due="9999-12-31T23:30:00+03:00", timezone="Asia/Kamchatka"),
    )
    result = seed_result()
    items = (directive("IV.9", "task", text, *deadlines), directive("IV.10", "task", "Коротко.", deadlines[0]))
    return replace(result, sections=(replace(result.sections[0], directives=items),))


def results():
    yield seed_result()
    yield odd_result()
    for path in sorted(SHAPES.glob("*.txt")):
        yield parse(path)


@pytest.mark.parametrize("remind", REMINDERS)
def test_every_component_is_icalendars_own(remind):
    before = ics.parse_remind(remind)
    compared = 0
    for result in results():
        for kinds in (("todo", "event"), ("event",)):
            mine = list(ics.component_texts(result, before, kinds))
            assert mine == by_icalendar(result, before, kinds), result.source.path
            compared += len(mine)
    assert compared > 500


def test_the_direct_text_is_what_is_used():
    """Only a component with an RDATE is built with icalendar."""
    kinds = ("todo", "event")
    for result in (seed_result(), odd_result()):
        for kind, props in ics._entries(result, kinds):
            has_rdate = any(name == "rdate" for name, _ in props)
            assert (ics_lines.text_of(kind, props, dt.timedelta(days=1)) is None) == has_rdate
    assert any(name == "rdate" for _, props in ics._entries(odd_result(), kinds) for name, _ in props)


def test_equal_instants_in_other_zones_keep_their_own_lines():
    utc = dt.datetime(2024, 7, 1, 9, 0, tzinfo=dt.timezone.utc)
    plus3 = utc.astimezone(dt.timezone(dt.timedelta(hours=3)))
    assert utc == plus3
    first = ics_lines._value_line("todo", "due", "datetime", utc.tzinfo, utc)
    second = ics_lines._value_line("todo", "due", "datetime", plus3.tzinfo, plus3)
    assert first == "DUE:20240701T090000Z" and second != first


def test_the_calendar_of_the_sample_is_icalendars():
    from icalendar import Calendar

    result = parse(SAMPLES / "protocol-2023-06-20-D05-78.docx")
    data = ics.render([result])
    assert Calendar.from_ical(data).to_ical() == data
