"""Mentions of other documents: protocols, letters, orders, decrees, resolutions, laws.

    >>> [(r.kind, r.number, r.date, r.issuer) for r in find_references(
    ...     "Учесть письмо Минтранса России №12-345 от 3 марта 2024 г. при подготовке")]
    [('letter', '12-345', '2024-03-03', 'Минтранса России')]

A mention is a document word ("протокола", "письмом", "приказ", "Указа", "постановления",
"Федерального закона", ...), an optional issuer written with a capital ("Минтранса
России", "Правительства Российской Федерации"), then one or more "от <date> № <number>"
groups in either order, joined by commas or "и" ("протоколов от 10 января 2024 г.
№ 1-пр, от 7 февраля 2024 г. № 5-пр": two protocol references). A document word with
neither a number nor a date is not a reference. `as_written` is the span from the
document word to the end of the group (the first group includes the issuer).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from protokol.model import Protocol, Reference, ReferenceKind
from protokol.structure.markers import folded

KINDS: tuple[tuple[ReferenceKind, str], ...] = (
    ("protocol", r"протокол(?:а|ов|ом|ами|ам|ах|е|ы|у)?"),
    ("letter", r"письм(?:о|а|ом|у|е|ами|ам|ах)|пис[её]м"),
    ("order", r"приказ(?:а|ом|у|е|ы|ов|ами|ам|ах)?|распоряжени(?:е|я|ем|ю|и|й|ями|ям|ях)"),
    ("decree", r"указ(?:а|ом|у|е|ы|ов|ами|ам|ах)?"),
    ("resolution", r"постановлени(?:е|я|ем|ю|и|й|ями|ям|ях)"),
    ("law", r"(?:федеральн(?:ый|ого|ым|ому|ом|ых|ые|ыми)\s+|областн(?:ой|ого|ым|ому)\s+|краев(?:ой|ого|ым|ому)\s+)?"
            r"закон(?:а|ом|у|е|ы|ов|ами|ам|ах)?"),
    ("other", r"решени(?:е|я|ем|ю|и|й)|поручени(?:е|я|ем|ю|и|й|ями|ям|ях)"),
)
# each pattern grouped: the look-arounds hold for every alternative of a kind ("решением" is no "решение")
DOCUMENT = re.compile("|".join(f"(?P<{kind}>(?<![А-Яа-яЁё])(?:{pattern})(?![А-Яа-яЁё]))" for kind, pattern in KINDS),
                      re.IGNORECASE)
MONTHS = {"января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
          "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12}
_DATE = (r"(?P<d>\d{1,2})\s*(?:(?P<mon>" + "|".join(MONTHS) + r")\s*|\.(?P<m>\d{1,2})\.)(?P<y>\d{4})"
         r"(?:\s*(?:г\.|года|г(?![А-Яа-яЁё])))?")
DATE = re.compile(r"от\s+" + _DATE, re.IGNORECASE)
NUMBER = re.compile(r"(?:№|N(?=\s*\d))\s*(?P<n>[0-9A-Za-zА-Яа-яЁё][0-9A-Za-zА-Яа-яЁё./\-–]*)")
JOIN = re.compile(r"\s*(?:,|\bи\b)\s*(?=от\s|№)", re.IGNORECASE)
WORD = re.compile(r"\s+(?P<w>[«\"]?[А-Яа-яЁёA-Za-z][\w\-]*[»\"]?)")
BODIES = re.compile(r"^(?:администрац|министерств|департамент|комитет|управлени|правительств|глав|губернатор|мэр"
                    r"|совет|дум|собрани|президент|председател)", re.IGNORECASE)
# where a document word can start: its first letters (each KINDS pattern begins with one of
# these stems). DOCUMENT's look-behind at every alternative keeps the regex engine from
# skipping ahead; this pattern without it finds the few places DOCUMENT is then tried at.
# The first letter is spelled in both cases (IGNORECASE would also keep the engine from
# skipping to it; "ᲂ" is a case-insensitive "о").
_STEMS = re.compile(r"[пПрРуУфФоОᲂкКзЗ](?i:ротокол|ис[ьеё]|риказ|аспоряжени|каз|остановлени|едеральн|бластн|раев|акон"
                    r"|ешени|оручени)")
_MAX_ISSUER_WORDS = 10
_DIGIT = re.compile(r"\d")
# _STEMS in case-folded text, where each first letter stands for the letters IGNORECASE
# takes as equal (a character folds to one of these letters exactly when IGNORECASE takes
# it as that letter: tests/structure/test_fast_paths.py checks every character)
_FOLDED_STEMS = re.compile(r"[пруфокз](?:ротокол|ис[ьеё]|риказ|аспоряжени|каз|остановлени|едеральн|бластн|раев|акон"
                           r"|ешени|оручени)")
# what DOCUMENT cannot match without, case-folded ("федеральн", "областн" and "краев" come
# only before "закон")
_REQUIRED = ("протокол", "письм", "писем", "писём", "приказ", "распоряжени", "указ", "постановлени", "закон", "решени",
             "поручени")
_GAP = re.compile(r"\s*")


@lru_cache(maxsize=4096)
def find_references(text: str) -> tuple[Reference, ...]:
    """Every document mentioned in text, in order."""
    if not _may_name_document(text) or not _has_digit(text):
        return ()  # a reference has a document word, and a number or a date
    return tuple(_scan(" ".join(text.split())))


def _has_digit(text: str) -> bool:
    """_DIGIT.search(text) is not None; the usual digits looked for first, as substrings
    (the regex engine asks its table of digits about every character)."""
    for digit in "0123456789":  # (a loop of `in` costs half what any(map(text.__contains__, ...)) does)
        if digit in text:
            return True
    return _DIGIT.search(text) is not None


def _may_name_document(text: str) -> bool:
    """False only when DOCUMENT cannot match: none of the words it needs in the case-folded
    text (folded once for every marker and scout that reads the text)."""
    fold = folded(text)
    for word in _REQUIRED:
        if word in fold:
            return True
    return False


def protocol_references(protocol: Protocol, titles: Iterable[str]) -> tuple[Reference, ...]:
    """References in the protocol's title and section titles, without the protocol itself,
    after those it has (of its reasons: "Во исполнение поручения … от … № …")."""
    found: dict[tuple[str, str | None, str | None], Reference] = {(r.kind, r.number, r.date): r for r in protocol.references}
    for text in (protocol.title or "", *titles):
        for ref in find_references(text):
            if ref.number and ref.number == protocol.number and ref.kind == "protocol":
                continue
            found.setdefault((ref.kind, ref.number, ref.date), ref)
    return tuple(found.values())


def _scan(text: str) -> Iterator[Reference]:
    pos = 0
    fold = text.casefold()
    aligned = fold if len(fold) == len(text) else None  # each character folded to one: the same positions
    while (m := _document(text, pos, aligned)) is not None:
        kind: ReferenceKind = m.lastgroup  # type: ignore[assignment]
        at = m.end()
        issuer, at = _issuer(text, at)
        start, found = m.start(), False
        while (group := _group(text, at)) is not None:
            end, number, date = group
            found = True
            yield Reference(kind, number, date, issuer, text[start:end].strip(" ,"))
            joined = JOIN.match(text, end)
            if not joined:
                at = end
                break
            at = start = joined.end()
        pos = at if found else m.end()


def _document(text: str, pos: int, aligned: str | None = None) -> re.Match[str] | None:
    """DOCUMENT.search(text, pos), tried only where a stem starts (a stem's letters are
    no place a document word starts, so non-overlapping stems miss none); the stems found
    in `aligned`, the text case-folded with the same positions, when given (_STEMS,
    IGNORECASE after a first letter, is slow to try at each of its many first letters)."""
    stems = _FOLDED_STEMS.finditer(aligned, pos) if aligned is not None else _STEMS.finditer(text, pos)
    for stem in stems:
        if m := DOCUMENT.match(text, stem.start()):
            return m
    return None


def _issuer(text: str, at: int) -> tuple[str | None, int]:
    """The words between a document word and its first "от"/"№" group: (issuer, where the
    group starts). The issuer is kept when it begins with a capital or names a body
    ("администрации района"); "протокола заседания комиссии от ..." has none."""
    words: list[str] = []
    pos = at
    while len(words) < _MAX_ISSUER_WORDS and _group(text, pos) is None:
        m = WORD.match(text, pos)
        if not m or m["w"].lower() in ("от", "n") or DOCUMENT.fullmatch(m["w"]):
            return None, at
        words.append(m["w"])
        pos = m.end()
    if not words or _group(text, pos) is None:
        return None, at
    named = words[0][:1].isupper() or words[0][:1] in "«\"" or BODIES.match(words[0])
    return (" ".join(words) if named else None), pos


def _group(text: str, at: int) -> tuple[int, str | None, str | None] | None:
    """(end, number, date) of "от <date> № <n>" or "№ <n> от <date>" at `at` (spaces skipped)."""
    number = date = None
    pos = at
    for _ in range(2):
        here = _GAP.match(text, pos).end()  # type: ignore[union-attr]  # "\s*" always matches
        if date is None and (d := DATE.match(text, here)):
            date, pos = _iso(d), d.end()
        elif number is None and (n := NUMBER.match(text, here)):
            number, pos = n["n"].rstrip(".–-"), n.end()
            pos -= len(n["n"]) - len(number)
        else:
            break
    if number is None and date is None:
        return None
    return pos, number, date


def _iso(m: re.Match[str]) -> str | None:
    month = MONTHS[m["mon"].lower()] if m["mon"] else int(m["m"])
    day, year = int(m["d"]), int(m["y"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
