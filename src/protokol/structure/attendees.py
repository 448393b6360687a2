"""The attendees of a protocol's header ("Присутствовали: …"): one entry per person, a
description wrapped over lines joined back, a role after a name without a sentence's
full stop; "согласно приложению" and "от …" lines name no one."""

from __future__ import annotations

import re

from protokol.structure.names import is_name, names_in

# "…, заместитель главы района.": a sentence's full stop, not an initial's ("Иванов И.И.")
_FULL_STOP = re.compile(r"(?<=[а-яё»)])\.$")


INITIAL_END = re.compile(r"(?:^|[\s.])[А-ЯЁ]\.$")  # "… Иванов И.И.": an initial's dot
NAME_FIRST = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s[А-ЯЁ]\.\s?(?:[А-ЯЁ]\.)?\s*[–—-]\s")


ABBREVIATED = re.compile(r"(?:\bдр|\bпр|т\.\s?[дп])\.$")  # "… и др.": an abbreviation's dot


def without_full_stop(text: str) -> str:
    return _FULL_STOP.sub("", text)


def attendees(texts: list[str]) -> list[str]:
    """Names one by one; a description wrapped over several lines is joined back.

    Lines starting with "от ..." name the body the following people come from and
    are not attendees themselves.
    """
    merged: list[str] = []
    for text in _unglue([part for text in texts for part in _sublabeled(text)]):
        listed = names_in(text)
        leading, rest = _leading_names(text, listed)
        if len(leading) > 1 and rest:  # "Рыбин А.А., Орлова Т.Т., представители подрядчиков": the names, then the rest
            merged.extend([*leading, "", rest if ABBREVIATED.search(rest) else without_full_stop(rest)])
        elif is_name(text) or (len(listed) > 1 and len(", ".join(listed)) >= len(text.strip(" .;,")) - 4):
            merged.extend(listed or [text])
            merged.append("")  # a name ends any wrapped description
        elif merged and merged[-1] and not merged[-1].endswith((".", ";")):
            merged[-1] = f"{merged[-1]} {text}"
        else:
            merged.append(text)
    return [_attendee(t.rstrip(";,")) for t in merged if t and not t.lower().startswith("от ") and not _elsewhere(t)]


# "Присутствовали: согласно приложению.", "по списку (прилагается)", "члены комиссии (по списку)": the
# list is elsewhere, no attendee (an entry naming a person keeps it: "Петров П.П. (по списку)")
ELSEWHERE = re.compile(r"(?<![а-яё])(?:согласно|по)\s+(?:приложени|списк)|\bсписок\s+прилагается", re.I)


def _elsewhere(text: str) -> bool:
    return bool(ELSEWHERE.search(text)) and not names_in(text)


def _attendee(text: str) -> str:
    """A person and the role after the name ("Щукин В.В. – директор МУП «Дорсервис».") without a
    sentence's full stop; other entries as written."""
    if not NAME_FIRST.match(text) or not text.endswith(".") or INITIAL_END.search(text):
        return text
    return text[:-1]


# "члены комиссии: Зайцева Л.Л., …", "члены Совета: …", "приглашенные: …" (a group's label inside the list, also
# where a wrapped line was joined on: "… Орлов О.О. приглашенные: …"): a label of words in lower
# case after its first letter, then a colon, opening the text or after a full stop ("Орлов О.О. –
# начальник отдела: по вопросу 2" has none)
SUBLABEL = re.compile(r"(?:^|(?<=[.;])\s*)(?:[А-ЯЁа-яё][а-яё]+(?:\s+[а-яё]+){0,4}|[а-яё]+(?:\s+[А-ЯЁа-яё][а-яё]+){1,4})\s*:(?:\s+|$)")


def _sublabeled(text: str) -> list[str]:
    """The parts of `text` between its group labels, without them."""
    if ":" not in text:
        return [text]
    parts = [part.strip() for part in SUBLABEL.split(text)]
    return [part for part in parts if part]  # a label alone on its line ("члены Совета:") names no one


def _leading_names(text: str, listed: list[str]) -> tuple[list[str], str]:
    """The names a line starts with, one after another with commas between, and what follows
    them after a comma ("" when no comma follows: "Рыбин А.А., Орлова Т.Т. – депутаты")."""
    found: list[str] = []
    at = 0
    for name in listed:
        start = text.find(name, at)
        if start < 0 or text[at:start].strip(" ,"):
            break
        found.append(name)
        at = start + len(name)
    after = text[at:].lstrip()
    return found, after[1:].strip(" ;,") if after.startswith(",") else ""


def _unglue(texts: list[str]) -> list[str]:
    """"М.А. Скворцова от ФГБОУ ..." (a name and the next affiliation on one line) -> two."""
    out = []
    for text in texts:
        text = text.strip()
        first = names_in(text)[:1]
        rest = text[len(first[0]):].strip() if first and text.startswith(first[0]) else ""
        out.extend([first[0], rest] if rest.lower().startswith("от ") else [text])
    return out
