"""People named beside an addressee or as the controller, put in the nominative.

"Главе поселения Петрову А.А. обеспечить": the addressee is "Главе поселения", the
responsible "Петров А.А."; "(Соколова)" after an addressee is responsible as written;
"Контроль за исполнением ... возложить на ... Чиркову И.А.": responsible "Чиркова И.А.".
"""

from __future__ import annotations

import re

from protokol import morph
from protokol.structure.names import NAME

_SURNAME = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
ALONE = re.compile(r"^\s*(?P<s>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?)\s*$")
TRAILING = re.compile(rf"\s(?P<name>{NAME.pattern})\s*$")


# the case endings of a woman's surname in -ова/-ева/-ина/-ына, for a surname the
# dictionary does not know in that case ("Ракову" accs, "Раковой" datv -> "Ракова")
_FEMININE_ENDING = {"accs": re.compile(r"(?<=[оеёиы][вн])у$"), "datv": re.compile(r"(?<=[оеёиы][вн])ой$"),
                    "gent": re.compile(r"(?<=[оеёиы][вн])ой$")}


def nominative(name: str, case: str) -> str:
    """"Салькова А.В." (accs) -> "Сальков А.В."; initials and spacing kept."""
    return _SURNAME.sub(lambda m: _surname(m.group(0), case), name, count=1)


# a man's surname in -ов/-ев/-ин/-ын the dictionary does not know as one, in the accusative
# ("возложить на … Рыбина О.С." -> "Рыбин"; a woman's would be "Рыбину")
_MASCULINE_ACCUSATIVE = re.compile(r"(?<=[оеёиы][вн])а$")
_MASCULINE_DATIVE = re.compile(r"(?<=[оеёиы][вн])у$")  # and in the dative ("Лапину" -> "Лапин")


def _surname(word: str, case: str) -> str:
    found = morph.nominative_surname(word, case)
    ending = _FEMININE_ENDING.get(case)
    if found == word and ending is not None and len(word) > 4:
        if case == "accs" and _MASCULINE_ACCUSATIVE.search(word) and not morph.has_tag(word, "Surn"):
            return word[:-1]
        if case == "datv" and _MASCULINE_DATIVE.search(word) and not morph.has_tag(word, "Surn"):
            return word[:-1]  # "директору … Лапину Е.Е." -> "Лапин"
        return ending.sub("а", word)  # "Ракову": a masculine -ов surname's accusative is "Ракова"
    return found


def names_in_case(text: str, case: str) -> list[str]:
    return [nominative(m.group(0).strip(), case) for m in NAME.finditer(text)]


def lone_surname(text: str) -> str | None:
    """"Петруленков" (a surname alone, as in "Департаменту образования (Петруленков)")."""
    m = ALONE.match(text)
    return m["s"] if m and morph.has_tag(m["s"], "Surn") else None


def _may_end_with_name(text: str) -> bool:
    """False only when TRAILING cannot match: a name ends with an initial's "." or with a
    surname's small letter after initials (a "." before it). TRAILING's search stops at
    every space of an addressee, most of which end with no name."""
    last = text.rstrip()[-1:]  # (str.rstrip strips what \s matches)
    return last == "." or ("а" <= last <= "я" or last == "ё") and "." in text


def split_trailing_name(head: str) -> tuple[str, str | None]:
    """("Первому заместителю Губернатора области", "Перников С.Г.") from a dative head
    ending with a name; (head, None) when it does not end with one."""
    m = TRAILING.search(head) if _may_end_with_name(head) else None
    if not m or not m.start():
        return head, None
    return head[: m.start()].rstrip(" ,"), nominative(m["name"], "datv")
