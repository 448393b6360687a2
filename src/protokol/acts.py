"""The kinds of acts protokol reads, and how their names are written.

`Protocol.act` holds the kind in the nominative, lower case ("распоряжение"); headings
in the outputs name a document by it ("Распоряжение № 45-рп от 03.02.2026"), and by
"Протокол" when the header names no kind.
"""

from __future__ import annotations

# the header's word, its letters run together, lower case -> the kind
ACTS = {
    "протокол": "протокол",
    "постановление": "постановление",
    "распоряжение": "распоряжение",
    "решение": "решение",
    "приказ": "приказ",
    "указ": "указ",
    "закон": "закон",
    "переченьпоручений": "перечень поручений",
}


def act_of(word: str) -> str | None:
    """The kind of act a header's word names ("П О С Т А Н О В Л Е Н И Е": "постановление")."""
    return ACTS.get("".join(word.split()).lower())


def act_heading(act: str | None) -> str:
    """The act's name to head a document's label with: "Распоряжение", "Протокол" by default."""
    name = act or "протокол"
    return name[:1].upper() + name[1:]
