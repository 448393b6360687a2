"""ics: parse the calendar back with icalendar and expand recurrences with dateutil."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from protokol.model import Deadline
from protokol.output import ics
from tests.output.outdata import seed_result

icalendar = pytest.importorskip("icalendar")
MSK = ZoneInfo("Europe/Moscow")


def todos(data: bytes) -> dict[str, list]:
    cal = icalendar.Calendar.from_ical(data)
    out: dict[str, list] = {}
    for todo in cal.walk("VTODO"):
        out.setdefault(str(todo["summary"]).split(":", 1)[0], []).append(todo)
    return out


def occurrences(todo, n: int = 3) -> list:
    start = todo["dtstart"].dt
    anchor = start if isinstance(start, dt.datetime) else dt.datetime.combine(start, dt.time())
    rule = rrulestr(todo["rrule"].to_ical().decode(), dtstart=anchor)
    return list(itertools.islice(rule, n))  # lazily: an unbounded rule runs to 9999 if counted


@pytest.fixture()
def data(result) -> bytes:
    return ics.render([result])


def test_calendar_head(data):
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["prodid"]) == "-//protokol//protokol//RU"
    assert str(cal["version"]) == "2.0"
    assert not cal.walk("VTIMEZONE")  # zoned times are written in UTC
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")


def test_one_todo_per_dated_deadline(data):
    found = todos(data)
    # II.2.2 (as_established), IV.2.8 (none) and IV.2.9's unparsed deadline get no to-do
    assert sorted(found) == ["II.2.1", "IV.2.1", "IV.2.2", "IV.2.5", "IV.2.7", "IV.2.9"]
    assert len(found["IV.2.9"]) == 1


def test_once_with_zone_uses_effective_due(data):
    todo = todos(data)["IV.2.1"][0]
    due = todo["due"].dt
    assert due == dt.datetime(2023, 8, 18, 9, 0, tzinfo=MSK)
    assert b"DUE:20230818T060000Z" in data
    assert "rrule" not in todo and "dtstart" not in todo


def test_once_date(data):
    todo = todos(data)["IV.2.9"][0]
    assert todo["due"].dt == dt.date(2023, 6, 30)
    assert "до 1 июля 2023 г." in str(todo["description"])


def test_weekly_friday_at_six(data):
    todo = todos(data)["IV.2.7"][0]
    assert todo["dtstart"].dt == todo["due"].dt == dt.datetime(2023, 6, 23, 18, 0, tzinfo=MSK)
    assert occurrences(todo) == [dt.datetime(2023, 6, d, 18, 0, tzinfo=MSK) for d in (23, 30)] + [
        dt.datetime(2023, 7, 7, 18, 0, tzinfo=MSK)]


def test_daily_from_protocol_date(data):
    todo = todos(data)["IV.2.2"][0]
    assert todo["dtstart"].dt == dt.date(2023, 6, 20)
    assert occurrences(todo) == [dt.datetime(2023, 6, d) for d in (20, 21, 22)]


def test_mondays(data):
    todo = todos(data)["II.2.1"][0]
    assert occurrences(todo) == [dt.datetime(2023, 6, 26), dt.datetime(2023, 7, 3), dt.datetime(2023, 7, 10)]


def test_weekly_until(data):
    todo = todos(data)["IV.2.5"][0]
    every = list(rrulestr(todo["rrule"].to_ical().decode(), dtstart=dt.datetime(2023, 6, 20)))
    assert every[0] == dt.datetime(2023, 6, 20)
    assert every[-1] == dt.datetime(2023, 8, 15)
    assert len(every) == 9


def test_until_with_zone_in_utc():
    deadline = Deadline("еженедельно до 18:00 (МСК) пятницы до 20 августа", "recurring", until="2023-08-20",
                        rrule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0", timezone="Europe/Moscow")
    start, due, rule = ics.schedule(deadline, "2023-06-20")
    assert rule == "FREQ=WEEKLY;UNTIL=20230820T205959Z;BYDAY=FR;BYHOUR=18;BYMINUTE=0"
    every = list(rrulestr(rule, dtstart=start))
    assert every[-1] == dt.datetime(2023, 8, 18, 18, 0, tzinfo=MSK)
    written = replace(deadline, rrule="FREQ=WEEKLY;UNTIL=20230820T205959Z;BYDAY=FR;BYHOUR=18;BYMINUTE=0")
    assert ics.schedule(written, "2023-06-20")[2] == rule


def test_quarterly():
    deadline = Deadline("ежеквартально, до 10 числа", "recurring",
                        rrule="FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=10")
    start, due, rule = ics.schedule(deadline, "2023-06-20")
    assert start == dt.date(2023, 7, 10)
    assert list(itertools.islice(rrulestr(rule, dtstart=dt.datetime(2023, 7, 10)), 3)) == [
        dt.datetime(2023, 7, 10), dt.datetime(2023, 10, 10), dt.datetime(2024, 1, 10)]


def test_period_start_and_no_anchor():
    period = Deadline("в III квартале 2023 г.", "period", start="2023-07-01", due="2023-09-30")
    assert ics.schedule(period, "2023-06-20") == (dt.date(2023, 7, 1), dt.date(2023, 9, 30), None)
    daily = Deadline("ежедневно", "recurring", rrule="FREQ=DAILY")
    assert ics.schedule(daily, None) is None
    assert ics.schedule(replace(daily, start="2023-07-03"), None)[0] == dt.date(2023, 7, 3)


def test_uid_stable_and_distinct(data, result):
    again = ics.render([seed_result()])
    uids = [str(t["uid"]) for ts in todos(data).values() for t in ts]
    assert len(set(uids)) == len(uids)
    assert all(u.endswith("@protokol") and len(u) == 40 + 9 for u in uids)
    assert uids == [str(t["uid"]) for ts in todos(again).values() for t in ts]


def test_summary_description_and_stamp(data):
    todo = todos(data)["IV.2.1"][0]
    summary = str(todo["summary"])
    assert summary.startswith("IV.2.1: Пресс службам") and summary.endswith("…") and len(summary) <= 90
    text = str(todo["description"])
    assert "Исполнители: Представители исполнительных органов" in text and "Ответственные: Бондарь О.А." in text
    assert "Срок: не позднее 9:00 (МСК) 20 августа 2023 г." in text
    assert "Протокол № Д05-78/05пр от 20.06.2023" in text
    assert "Источник: samples/protocol-2023-06-20-D05-78.txt" in text
    assert todo["dtstamp"].dt == dt.datetime(2023, 6, 20, tzinfo=dt.timezone.utc)


def test_alarm_default_and_options(result):
    todo = todos(ics.render([result]))["IV.2.9"][0]
    alarm = todo.walk("VALARM")[0]
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm["trigger"].dt == -dt.timedelta(days=1)
    assert alarm["trigger"].params["RELATED"] == "END"
    two_hours = todos(ics.render([result], remind="2h"))["IV.2.9"][0].walk("VALARM")[0]
    assert two_hours["trigger"].dt == -dt.timedelta(hours=2)
    assert not todos(ics.render([result], remind="none"))["IV.2.9"][0].walk("VALARM")


@pytest.mark.parametrize("text, expected", [
    ("30m", dt.timedelta(minutes=30)), ("2h", dt.timedelta(hours=2)), ("1d", dt.timedelta(days=1)),
    ("1w", dt.timedelta(weeks=1)), ("1D", dt.timedelta(days=1)), ("none", None), (None, None),
])
def test_parse_remind(text, expected):
    assert ics.parse_remind(text) == expected


@pytest.mark.parametrize("text", ["", "1", "d", "1y", "-1d", "1.5h", "soon"])
def test_parse_remind_invalid(text):
    with pytest.raises(ValueError, match="invalid reminder"):
        ics.parse_remind(text)


def test_invalid_remind_raises_from_render(result):
    with pytest.raises(ValueError):
        ics.render([result], remind="tomorrow")


def test_byte_identical(results):
    assert ics.render(results) == ics.render(results)


def test_empty_calendar():
    cal = icalendar.Calendar.from_ical(ics.render([]))
    assert not cal.walk("VTODO")


def test_rule_dateutil_cannot_expand_keeps_the_anchor():
    assert ics.first_occurrence("FREQ=WEEKLY;BYDAY=XX", dt.date(2023, 6, 20)) == dt.date(2023, 6, 20)


@pytest.mark.parametrize("deadline, due", [
    (Deadline("x", "once", "by", due="2023-08-20T09:00:00"), dt.datetime(2023, 8, 20, 9, 0)),  # floating
    (Deadline("x", "once", "by", due="2023-08-20T09:00:00+05:00"),
     dt.datetime(2023, 8, 20, 4, 0, tzinfo=dt.timezone.utc)),  # an offset without a zone name: UTC
    (Deadline("x", "once", "by", due="2023-08-20T09:00:00+05:00", timezone="Asia/Yekaterinburg"),
     dt.datetime(2023, 8, 20, 9, 0, tzinfo=ZoneInfo("Asia/Yekaterinburg"))),
    (Deadline("x", "relative", "by", due="2023-07-04"), dt.date(2023, 7, 4)),
    (Deadline("x", "continuous"), None),
    (Deadline("x", "once", "by"), None),
])
def test_due_values(deadline, due):
    timing = ics.schedule(deadline, "2023-06-20")
    assert (timing[1] if timing else None) == due
    if isinstance(due, dt.datetime):
        assert timing[1].utcoffset() == due.utcoffset()


def test_period_with_time_starts_at_midnight_in_its_zone():
    period = Deadline("x", "period", start="2023-07-01", due="2023-09-30T18:00:00+03:00", timezone="Europe/Moscow")
    start, due, _ = ics.schedule(period, None)
    assert start == dt.datetime(2023, 7, 1, 0, 0, tzinfo=MSK) and due.tzinfo == start.tzinfo


def test_floating_time_rule_gets_floating_until():
    weekly = Deadline("x", "recurring", until="2023-08-20", rrule="FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0")
    start, _, rule = ics.schedule(weekly, "2023-06-20")
    assert start == dt.datetime(2023, 6, 23, 18, 0) and "UNTIL=20230820T235959;" in rule


def _at_the_end_of_time(*deadlines: Deadline):
    from tests.output.outdata import directive

    result = seed_result()
    section = replace(result.sections[0], directives=(directive("IV.9", "task", "Последнее поручение.", *deadlines),))
    return replace(result, sections=(section,), protocol=replace(result.protocol, date="9999-12-20"))


@pytest.mark.parametrize("remind", ["366d", "52w", "1d", "none"])
def test_dates_near_9999_with_a_reminder_never_overflow(remind):
    last = _at_the_end_of_time(
        Deadline("до 23:30 31.12.9999", "once", "by", due="9999-12-31T23:30:00+03:00", timezone="Asia/Kamchatka"),
        Deadline("до 31.12.9999", "once", "by", due="9999-12-31", start="9999-12-30"),
        Deadline("ежедневно до 23:00", "recurring", rrule="FREQ=DAILY;BYHOUR=23;BYMINUTE=0",
                 timezone="America/Anchorage", start="9999-12-31", until="9999-12-31"),
        Deadline("еженедельно", "recurring", rrule="FREQ=WEEKLY;BYDAY=FR", start="9999-12-31"),
    )
    found = todos(ics.render([last], remind=remind))["IV.9"]
    assert len(found) == 4
    assert {todo["due"].dt.year for todo in found} == {9999}
    alarms = [a for todo in found for a in todo.walk("VALARM")]
    assert len(alarms) == (0 if remind == "none" else 4)


@pytest.mark.parametrize("value", ["367d", "53w", "99999999999999d", "1" + "0" * 40 + "m", "1y", ""])
def test_an_absurd_reminder_is_refused(value):
    with pytest.raises(ValueError, match="reminder"):
        ics.parse_remind(value)


@pytest.mark.parametrize("summary", [
    "Короткая задача",
    "Обеспечить подготовку и представление в Минфин края сводного отчета о ходе исполнения поручений",
    "x" * 73, "x" * 74, "x" * 75, "щ" * 37, "щ" * 38,
    "Текст, с запятыми; точками\\с запятой и обратной косой чертой \\ в длинной строке " * 3,
])
def test_serialized_calendar_is_icalendars_own(summary):
    from icalendar import Calendar, Todo

    cal = Calendar()
    cal.add("prodid", ics.PRODID)
    todo = Todo()
    todo.add("uid", "a@protokol")
    todo.add("summary", summary)
    todo.add("description", summary + "\n" + summary)
    cal.add_component(todo)
    assert ics._lines(cal).encode("utf-8") == cal.to_ical()


def test_seed_calendar_is_icalendars_own():
    from icalendar import Calendar

    data = ics.render([seed_result()])
    assert Calendar.from_ical(data).to_ical() == data


def test_calendar_is_icalendars_to_ical_of_the_same_components():
    """render() writes each component's lines itself: the bytes are icalendar's own."""
    from icalendar import Calendar

    from protokol.api import parse_text
    from tests.register.protocols import FIRST, OTHER, SECOND

    results = [seed_result(), parse_text(FIRST, name="a/first.txt"), parse_text(SECOND, name="a/second.txt"),
               parse_text(OTHER, name="b/other.txt")]
    for remind in ("1d", "none", "2h"):
        cal = Calendar()
        for name, value in (("prodid", ics.PRODID), ("version", "2.0"), ("calscale", "GREGORIAN"),
                            ("method", "PUBLISH")):
            cal.add(name, value)
        for result in results:
            for item in ics.components(result, ics.parse_remind(remind), ("todo", "event")):
                cal.add_component(item)
        assert ics.render(results, remind=remind) == cal.to_ical()


def test_folding_is_icalendars():
    import random

    from icalendar.parser.string import _foldline

    rng = random.Random(7)
    alphabet = "ab \\^;,:ёжЖ€😀"
    for _ in range(3000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(70, 400)))
        if len(line.encode("utf-8")) >= ics.FOLD_LIMIT:
            assert ics.folded(line.encode("utf-8")) == _foldline(line)


def test_a_lead_ins_closing_term_is_each_sub_items_entry_not_its_own_too():
    from protokol import parse_text

    result = parse_text("ПЕРЕЧЕНЬ ПОРУЧЕНИЙ\nот 10.03.2028\n"
                        "1. Министерству культуры области:\n"
                        "а) подготовить план гастролей театров;\n"
                        "б) обновить оборудование домов культуры.\n"
                        "Доклад – до 1 мая 2028 г.\n"
                        "2. Министерству спорта области провести спартакиаду до 1 июня 2028 г.")
    found = todos(ics.render([result]))
    assert sorted(found) == ["1.а", "1.б", "2"]  # the lead-in "1" gives no third copy of "до 1 мая"
    # 1 May 2028 is a holiday: each is due on the working day before
    assert [str(t["due"].dt) for t in found["1.а"] + found["1.б"]] == ["2028-04-28", "2028-04-28"]
