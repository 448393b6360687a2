"""Property tests: the grammar never raises, and every RRULE means what it says."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from protokol.deadlines import parse_deadline, scan_deadlines
from tests.deadlines.conftest import PROTOCOL_DATE

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MSK = zoneinfo.ZoneInfo("Europe/Moscow")
WORDS = [
    "до", "не позднее", "в срок до", "к", "на", "с", "по", "в течение", "через", "после", "в", "числа",
    "месяца", "следующего за отчетным", "кварталом", "года", "г.", "(МСК)", "мск", "по московскому времени",
    "(время местное)", "ежедневно", "еженедельно", "ежемесячно", "ежеквартально", "ежегодно", "раз в",
    "раза в", "полгода", "понедельникам", "четверга", "пятницы", "пятницу", "каждый", "вторник", "июня",
    "июля", "декабря", "феврале", "III", "квартале", "полугодии", "конца", "рабочих", "календарных", "дней",
    "дня", "недель", "месяца", "месячный срок", "3-дневный", "двухнедельный", "срок", "десяти", "(десяти)",
    "постоянно", "срочно", "оперативно", "в установленные сроки", ",", ";", ".", "(", ")", "–", "и",
    "12:00", "9-30", "15 ч. 00 мин.", "18 часов", "12.00", "22.06.2023", "31.02.2023", "22.06.23",
    "0", "1", "5", "10", "29", "31", "32", "99", "2023", "2024", "1999", "Срок –",
    "понедельник", "в понедельник", "каждую", "неделю", "1-го", "«15»", "т.г.", "текущего", "кв.",
    "последнего", "квартала", "полугодия", "числу", "начиная", "кроме выходных", "рабочим дням", "июль",
    "август", "конце", "первом", "втором", "рабочего", "3-го", "пятого", "первых", "пяти", "средам",
    "пятницам", "8-00", "8.00", "12-00", "с", "до", "следующего", "в течение", "числа", "10 числа",
]
DATES = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
SOUP = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


def _check(found, text):
    assert found, "parse_deadline never returns an empty list"
    for d in found:
        assert d.text in text
        if d.rrule:
            start = PROTOCOL_DATE
            rule = rrulestr(d.rrule, dtstart=_dtstart(d, start))
            first = next(iter(rule), None)  # an UNTIL before DTSTART leaves no occurrence
            assert first is None or first.date() >= start


def _dtstart(d, start: dt.date) -> dt.datetime:
    moment = dt.datetime.combine(start, dt.time())
    return moment.replace(tzinfo=zoneinfo.ZoneInfo(d.timezone)) if d.timezone and "BYHOUR" in d.rrule else moment


@SETTINGS
@given(st.text(max_size=200), st.one_of(st.none(), DATES))
def test_no_text_makes_the_grammar_raise(text, date):
    found = parse_deadline(text, date)
    assert found and all(d.text in text for d in found)
    assert all(d.kind != "unparsed" for d in scan_deadlines(text, date))


@SETTINGS
@given(SOUP, DATES, st.sampled_from(["federal", "none"]), st.sampled_from(["back", "forward", "none"]))
def test_grammar_words_in_any_order(text, date, rules, roll):
    found = parse_deadline(text, date, rules=rules, roll=roll)
    _check(found, text)
    for d in found:
        for value in (d.due, d.effective_due, d.start, d.until):
            if value:
                dt.datetime.fromisoformat(value)
    scan_deadlines(text, date, rules=rules, roll=roll)


# text -> first three occurrences with DTSTART at the protocol date (20.06.2023, 00:00)
FIRST = {
    "по понедельникам": ["2023-06-26", "2023-07-03", "2023-07-10"],
    "по понедельникам и четвергам": ["2023-06-22", "2023-06-26", "2023-06-29"],
    "каждый вторник": ["2023-06-20", "2023-06-27", "2023-07-04"],
    "до 12:00 (МСК) четверга": ["2023-06-22T12:00:00+03:00", "2023-06-29T12:00:00+03:00", "2023-07-06T12:00:00+03:00"],
    "еженедельно до 18:00(МСК) пятницы": [
        "2023-06-23T18:00:00+03:00", "2023-06-30T18:00:00+03:00", "2023-07-07T18:00:00+03:00"],
    "Ежедневно": ["2023-06-20", "2023-06-21", "2023-06-22"],
    "Еженедельно": ["2023-06-20", "2023-06-27", "2023-07-04"],
    "Еженедельно до 18:00 (МСК)": [
        "2023-06-20T18:00:00+03:00", "2023-06-27T18:00:00+03:00", "2023-07-04T18:00:00+03:00"],
    "Еженедельно до 20 августа 2023 г.": ["2023-06-20", "2023-06-27", "2023-07-04"],
    "ежемесячно, до 5 числа": ["2023-07-05", "2023-08-05", "2023-09-05"],
    "ежеквартально, до 10 числа месяца, следующего за отчетным кварталом": [
        "2023-07-10", "2023-10-10", "2024-01-10"],
    "ежегодно до 1 февраля": ["2024-02-01", "2025-02-01", "2026-02-01"],
    "2 раза в месяц": ["2023-06-30", "2023-07-15", "2023-07-31"],
    "раз в полгода": ["2023-06-20", "2023-12-20", "2024-06-20"],
    "ежеквартально": ["2023-06-20", "2023-09-20", "2023-12-20"],
    "ежегодно": ["2023-06-20", "2024-06-20", "2025-06-20"],
    "3 раза в неделю": ["2023-06-21", "2023-06-23", "2023-06-26"],
}


def _occurrences(d, start: dt.date, n: int = 3) -> list[str]:
    rule = rrulestr(d.rrule, dtstart=_dtstart(d, start))
    out = []
    for moment in rule:
        out.append(moment.isoformat() if "BYHOUR" in d.rrule else moment.date().isoformat())
        if len(out) == n:
            break
    return out


@pytest.mark.parametrize("text", list(FIRST))
def test_rrule_first_occurrences(text):
    (d,) = parse_deadline(text, PROTOCOL_DATE)
    assert _occurrences(d, PROTOCOL_DATE) == FIRST[text]


def test_until_is_the_last_occurrence_bound():
    (d,) = parse_deadline("Еженедельно до 20 августа 2023 г.", PROTOCOL_DATE)
    assert list(rrulestr(d.rrule, dtstart=_dtstart(d, PROTOCOL_DATE)))[-1].date() == dt.date(2023, 8, 15)
    (d,) = parse_deadline("ежедневно до 18:00 (МСК) до 31 июля 2023 г.", PROTOCOL_DATE)
    last = list(rrulestr(d.rrule, dtstart=_dtstart(d, PROTOCOL_DATE)))[-1]
    assert last.isoformat() == "2023-07-31T18:00:00+03:00"
    (d,) = parse_deadline("с 1 июля по 31 декабря еженедельно", PROTOCOL_DATE)
    occurrences = list(rrulestr(d.rrule, dtstart=_dtstart(d, dt.date.fromisoformat(d.start))))
    assert (occurrences[0].date(), occurrences[-1].date()) == (dt.date(2023, 7, 1), dt.date(2023, 12, 30))


DATIVE = {"MO": "понедельникам", "TU": "вторникам", "WE": "средам", "TH": "четвергам", "FR": "пятницам",
          "SA": "субботам", "SU": "воскресеньям"}
CODES = list(DATIVE)


@SETTINGS
@given(
    st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True),
    st.one_of(st.none(), st.tuples(st.integers(0, 23), st.integers(0, 59))),
    st.booleans(),
    DATES,
)
def test_weekday_rules_recur_on_those_weekdays(codes, time, msk, anchor):
    words = [DATIVE[c] for c in codes]
    text = "еженедельно по " + (" и ".join(words) if len(words) < 3 else ", ".join(words))
    if time:
        text += f" до {time[0]:02d}:{time[1]:02d}" + (" (МСК)" if msk else "")
    (d,) = parse_deadline(text, anchor)
    assert d.kind == "recurring" and d.text == text
    expected, day = [], anchor
    while len(expected) < 3:
        if CODES[day.weekday()] in codes:
            if time:
                moment = dt.datetime.combine(day, dt.time(*time), MSK if msk else None)
                expected.append(moment.isoformat())
            else:
                expected.append(day.isoformat())
        day += dt.timedelta(days=1)
    assert _occurrences(d, anchor) == expected


@SETTINGS
@given(st.integers(1, 28), DATES, st.sampled_from(["ежемесячно до {} числа", "ежемесячно, не позднее {}-го числа"]))
def test_monthday_rules_recur_on_that_day(day, anchor, form):
    (d,) = parse_deadline(form.format(day), anchor)
    assert d.rrule == f"FREQ=MONTHLY;BYMONTHDAY={day}"
    expected, month = [], dt.date(anchor.year, anchor.month, day)
    while len(expected) < 3:
        if month >= anchor:
            expected.append(month.isoformat())
        month = (month.replace(day=1) + dt.timedelta(days=32)).replace(day=day)
    assert _occurrences(d, anchor) == expected


@SETTINGS
@given(DATES, st.integers(1, 60), st.booleans())
def test_relative_days_match_the_calendar(anchor, n, working):
    from protokol.deadlines import calendar

    text = f"в течение {n} {'рабочих' if working else 'календарных'} дней"
    (d,) = parse_deadline(text, anchor, roll="none")
    expected = calendar.add_working_days(anchor, n) if working else anchor + dt.timedelta(days=n)
    assert d.due == expected.isoformat()
    if working:
        assert calendar.is_working_day(expected)


@SETTINGS
@given(DATES, DATES)
def test_dates_resolve_and_roll(anchor, day):
    text = f"до {day.day:02d}.{day.month:02d}.{day.year}"
    (d,) = parse_deadline(text, anchor)
    assert d.due == day.isoformat() and d.bound == "by"
    from protokol.deadlines import calendar

    if calendar.is_working_day(day):
        assert d.effective_due is None
    else:
        moved = dt.date.fromisoformat(d.effective_due)
        assert moved < day and calendar.is_working_day(moved)
        assert all(not calendar.is_working_day(moved + dt.timedelta(days=i)) for i in range(1, (day - moved).days))


@SETTINGS
@given(st.one_of(SOUP, st.text(max_size=80)), st.one_of(st.none(), DATES))
def test_triggers_change_nothing(text, date):
    """Triggers and the find-mode shortcut only skip rules that cannot change the
    result: trying every rule gives the same."""
    from protokol.deadlines import _context
    from protokol.deadlines.extract import scan

    ctx = _context(date, "federal", "back")
    assert scan(text, ctx) == scan(text, ctx, triggers=False)
    assert scan(text, ctx, find=True) == scan(text, ctx, find=True, triggers=False)


def test_every_example_passes_its_rule_trigger(grammar):
    from protokol.deadlines.lexicon import fold

    for rule in grammar.rules:
        for example in rule.examples:
            assert rule.trigger is None or rule.trigger.search(fold(example.text)), (rule.name, example.text)
            if rule.trigger is not None and rule.trigger.words is not None:  # the fast path agrees
                assert rule.trigger.regex.search(fold(example.text))


TEMPLATES = ["{w}", "в {w}", "в течение {w}", "с {w} по {w}", "{w} – {w} 2023 г.", "до 5 {w}", "до 5 {w} 2023 г.",
             "до 12:00 {w}", "5 {w} в 10:00", "по {w}", "еженедельно до 18:00 (МСК) {w}", "не позднее 5-го {w}"]


def test_triggers_pass_every_month_and_weekday_form(grammar):
    """Triggers name words (month stems, weekdays): every form of the lexicons, in
    phrases where a rule matches, passes that rule's trigger."""
    from protokol.deadlines.lexicon import fold

    forms = {f.word for name in ("months", "weekdays") for f in grammar.lexicons[name].forms}
    for word in sorted(forms):
        for template in TEMPLATES:
            text = fold(template.format(w=word))
            for rule in grammar.rules:
                if rule.trigger is not None and rule.regex.search(text):
                    assert rule.trigger.search(text), (rule.name, text)
