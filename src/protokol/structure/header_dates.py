"""Dates in a document's header: its own meeting date (find_date), never a cited document's
("постановлением Правительства от 2.11.2000", "протокола № 5": cited)."""

from __future__ import annotations

import re
from collections.abc import Iterator

DIGIT = re.compile(r"\d")
MONTHS = {
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "май": 5, "июн": 6,
    "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12,
}
WORD_DATE = re.compile(
    r"«?\s*(?P<d>(?:(?<=^)|(?<=[А-Яа-яЁё]\s))\d\s\d(?=\s+[а-яё]{3})|\d{1,2})\s*»?\s*(?P<m>[а-яё]{3,9})\s*_*\s*(?P<y>\d{4})"
    r"\s*(?:г\.|года?)?", re.I
)  # "от 1 6 июня 2027 г.": a scanner's space inside the day, as in DOT_DATE below
# "г. Усть-Лесной 1 2.05.2026": a scanner's space inside the day (a lone digit after a word or at
# the start, never a number's: "№ 1 2.05.2026" is number 1 of 2 May)
DOT_DATE = re.compile(r"(?<![\d.])(?P<d>(?:(?<=^)|(?<=[А-Яа-яЁё]\s))\d\s(?=\d\.)\d|\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.])")


# "постановлением Правительства РФ от 2.11.2000", "протокола от ...": the date of another
# document (an oblique case of a document word before "от"), never this one's date; a
# перечень's own "ПЕРЕЧЕНЬ ПОРУЧЕНИЙ главы … от 11 мая 2027 г. № 12-п" is its own
CITED = re.compile(
    r"(?<!перечень\s)(?:постановлени|распоряжени|решени|поручени)(?:ем|я|ю|ями|ям|й)\s+(?:\S+\s+){0,8}?от\s*«?\s*$"
    r"|(?:приказ|закон|протокол|письм|указ)(?:ом|а|у|ами|ам|ов)\s+(?:\S+\s+){0,8}?от\s*«?\s*$"
    r"|\b(?:в|во|на)\s+(?:постановление|распоряжение|решение|приказ|протокол|закон|указ|письмо)"
    r"\s+(?:[^\s№]+\s+){0,8}?от\s*«?\s*$",  # "изменения в постановление ... от"
    re.I,
)


CITED_DATE = re.compile(r"(?:«?\s*\d{1,2}\s*»?\s*[а-яё]{3,9}\s*\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4})\s*(?:г\.|года?)?\s*$",
                        re.I)


# "протокола № 5", "в постановление администрации города от 15.01.2020 № 12": a number
# written after a document word (an oblique case, or the accusative after в/на/во) and a few
# words naming its issuer, its date at most, is that document's number
CITED_NUMBER = re.compile(
    r"(?<![а-яё])(?:(?:постановлени|распоряжени|решени|поручени|определени)(?:ем|я|ю|ями|ям|й)"
    r"|(?:приказ|закон|протокол|письм|указ|реестр|перечн)(?:ом|а|у|ами|ам|ов|я|ем|ю)"
    r"|\b(?:в|во|на)\s+(?:постановление|распоряжение|решение|приказ|протокол|закон|указ|письмо|перечень))"
    r"\s+(?:[^\s№]+\s+){0,6}?(?:от\s+[^№]{6,30}?\s*)?$",
    re.I,
)


def cited(text: str, at: int) -> bool:
    """A date (or a number: "протоколом от 17 января 2023 г. № 3") of another document."""
    before = text[max(0, at - 200):at]
    if CITED.search(before):
        return True
    if text.startswith(("№", "N"), at) and CITED_NUMBER.search(before):
        return True
    date = CITED_DATE.search(before)
    return date is not None and bool(CITED.search(before[: date.start()]))


def find_date(text: str) -> str | None:
    """ISO date of the first meeting-date form in text, or None."""
    digit = DIGIT.search(text)
    if digit is None:  # the date patterns start anywhere: not tried on text with no digit
        return None
    for m in _word_dates(text, digit.start()):
        month, day = MONTHS.get(m["m"].lower()[:3]), int(m["d"].replace(" ", "").replace("\t", ""))
        if month and _valid(int(m["y"]), month, day) and not cited(text, m.start()):
            return f"{int(m['y']):04d}-{month:02d}-{day:02d}"
    for m in _dot_dates(text, digit.start()):
        day = int(m["d"].replace(" ", "").replace("\t", ""))
        if _valid(int(m["y"]), int(m["m"]), day) and not cited(text, m.start()):
            return f"{int(m['y']):04d}-{int(m['m']):02d}-{day:02d}"
    return None


def _word_dates(text: str, first: int = 0) -> Iterator[re.Match[str]]:
    """WORD_DATE.finditer(text), tried only where a match can start: WORD_DATE begins with
    «?\\s*\\d, so a match starts at a digit or at the run of spaces (after a «) just before
    it, and every start in that run reaches the same digit: one attempt a digit, not one a
    character (the engine tries such a pattern at every position). ``first``: no digit
    is before it."""
    return _from_digits(WORD_DATE, text, lead=True, first=first)


def _dot_dates(text: str, first: int = 0) -> Iterator[re.Match[str]]:
    """DOT_DATE.finditer(text): its matches start at a digit (after its look-behind)."""
    return _from_digits(DOT_DATE, text, lead=False, first=first) if "." in text else iter(())


def _from_digits(pattern: re.Pattern[str], text: str, lead: bool, first: int) -> Iterator[re.Match[str]]:
    """pattern.finditer(text) for a pattern that matches no empty text and begins with a
    digit (lead: with «?\\s* before it), attempted once at each digit; no digit is before
    ``first`` (the search for the next digit starts there)."""
    pos, limit = first, 0
    while (digit := DIGIT.search(text, pos)) is not None:
        at = start = digit.start()
        if lead:
            while start > limit and text[start - 1].isspace():
                start -= 1
            if start > limit and text[start - 1] == "«":
                start -= 1
        m = pattern.match(text, start)
        if m is None:
            pos = limit = at + 1
            continue
        yield m
        pos = limit = m.end()


def _valid(y: int, m: int, d: int) -> bool:
    import datetime

    try:
        datetime.date(y, m, d)
    except ValueError:
        return False
    return 1900 < y < 2200
