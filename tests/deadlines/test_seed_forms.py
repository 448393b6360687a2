"""Every deadline line of the seed protocol (20.06.2023) comes out exactly right."""

from __future__ import annotations

import pytest

from protokol.deadlines import parse_deadline
from tests.deadlines.conftest import PROTOCOL_DATE

MSK = "Europe/Moscow"
N = None
# text -> (text of the Deadline, kind, bound, due, until, effective_due, rrule, timezone, derived_by)
SEED = {
    "по понедельникам.": ("по понедельникам", "recurring", N, N, N, N, "FREQ=WEEKLY;BYDAY=MO", N, N),
    "в установленные сроки;": ("в установленные сроки", "as_established", N, N, N, N, N, N, N),
    "22 июня 2023 г.": ("22 июня 2023 г.", "once", "on", "2023-06-22", N, N, N, N, N),
    "до 12:00 (МСК) четверга.": (
        "до 12:00 (МСК) четверга", "recurring", "by", N, N, N,
        "FREQ=WEEKLY;BYDAY=TH;BYHOUR=12;BYMINUTE=0", MSK, N),
    "не позднее 9:00 (МСК) 20 августа 2023 г.": (
        "не позднее 9:00 (МСК) 20 августа 2023 г.", "once", "by", "2023-08-20T09:00:00+03:00", N,
        "2023-08-18T09:00:00+03:00", N, MSK, "federal.roll_back"),
    "Ежедневно.": ("Ежедневно", "recurring", N, N, N, N, "FREQ=DAILY", N, N),
    "Еженедельно до 18:00 (МСК).": (
        "Еженедельно до 18:00 (МСК)", "recurring", "by", N, N, N, "FREQ=WEEKLY;BYHOUR=18;BYMINUTE=0", MSK, N),
    "не позднее 12:00 (МСК) 07 июля 2023 г.": (
        "не позднее 12:00 (МСК) 07 июля 2023 г.", "once", "by", "2023-07-07T12:00:00+03:00", N, N, N, MSK, N),
    "Еженедельно до 20 августа 2023 г.": (
        "Еженедельно до 20 августа 2023 г.", "recurring", "by", N, "2023-08-20", N, "FREQ=WEEKLY;UNTIL=20230820", N, N),
    "Еженедельно.": ("Еженедельно", "recurring", N, N, N, N, "FREQ=WEEKLY", N, N),
    "еженедельно до 18:00(МСК) пятницы.": (
        "еженедельно до 18:00(МСК) пятницы", "recurring", "by", N, N, N,
        "FREQ=WEEKLY;BYDAY=FR;BYHOUR=18;BYMINUTE=0", MSK, N),
    "до 12:00 (МСК) 24 июля 2023 г.": (
        "до 12:00 (МСК) 24 июля 2023 г.", "once", "by", "2023-07-24T12:00:00+03:00", N, N, N, MSK, N),
    "23 июня 2023 г.": ("23 июня 2023 г.", "once", "on", "2023-06-23", N, N, N, N, N),
    "13 июля 2023 г.": ("13 июля 2023 г.", "once", "on", "2023-07-13", N, N, N, N, N),
    "21 июня 2023 г.": ("21 июня 2023 г.", "once", "on", "2023-06-21", N, N, N, N, N),
    "до 1 июля 2023 г.": ("до 1 июля 2023 г.", "once", "by", "2023-07-01", N, "2023-06-30", N, N, "federal.roll_back"),
    "до 20 июля 2023 г.": ("до 20 июля 2023 г.", "once", "by", "2023-07-20", N, N, N, N, N),
    "до 1 августа 2023 г.": ("до 1 августа 2023 г.", "once", "by", "2023-08-01", N, N, N, N, N),
    "1 сентября 2023 г.": ("1 сентября 2023 г.", "once", "on", "2023-09-01", N, N, N, N, N),
    "до 30 июня 2023 г.": ("до 30 июня 2023 г.", "once", "by", "2023-06-30", N, N, N, N, N),
    "до 31 июля 2023 г.": ("до 31 июля 2023 г.", "once", "by", "2023-07-31", N, N, N, N, N),
    "до 23 июня 2023 г.": ("до 23 июня 2023 г.", "once", "by", "2023-06-23", N, N, N, N, N),
}
FIELDS = ("text", "kind", "bound", "due", "until", "effective_due", "rrule", "timezone", "derived_by")


@pytest.mark.parametrize("text", list(SEED))
def test_seed_deadline(text):
    (deadline,) = parse_deadline(text, PROTOCOL_DATE)
    assert tuple(getattr(deadline, f) for f in FIELDS) == SEED[text]
    assert deadline.start is None


def test_every_seed_deadline_line_is_in_the_table():
    from pathlib import Path

    # the "Срок ..." lines of the seed protocol, as they are written there
    seed = Path(__file__).with_name("seed-deadline-lines.txt")
    lines = seed.read_text(encoding="utf-8").splitlines()
    texts = {line.split(" ", 2)[2].strip() for line in lines}
    assert len(lines) == 28
    assert texts <= set(SEED)
