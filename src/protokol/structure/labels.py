"""Item labels: "IV.", "2.1.", "2.1.1", "а)", "1)", "-" -> a typed Label."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from protokol.structure.slots import fast_init

# a well-formed Roman numeral, 1..3999 (a lone "D." or "M." is an initial, not a section)
ROMAN = re.compile(r"^(?P<num>(?=[IVXLCDM])(?!D\.|M\.)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
                   r"\.\s*(?=\S)")
# item numbers of up to 6 digits per level, 20 levels; numbers above SMALL need their
# dot or parenthesis ("2023 Года" is no item), and lines.py keeps them only in sequence
# ("1 .Провести", "1 . Провести": a dot typed after a space, a capital after it; "2, Провести":
# a comma read for the dot, a space and a capital after it)
ARABIC = re.compile(r"^(?P<num>\d{1,6}(?:\.\d{1,6}){0,19})(?P<dot>\.|\)|\s\.(?=\s?[А-ЯЁ«])|,(?=\s[А-ЯЁ]))?"
                    r"(?P<gap>\s*)(?=[^\d\s])")
SMALL = 300
INFINITIVE_FIRST = re.compile(r"[а-яё]+(?:ть|ти|чь)(?:ся)?(?![а-яё])")
LETTER = re.compile(r"^(?P<num>[а-яa-z])\)\s*")
BULLET = re.compile(r"^(?P<num>[-–—•·▪●])\s+(?=\S)")
INLINE_ARABIC = re.compile(r"(?<![\w.,/-])(\d{1,6}(?:\.\d{1,6}){0,19})\.\s*(?=[А-ЯЁA-Z«\"])")
# what every INLINE_ARABIC match contains: a quick test for text that has none
INLINE_HINT = re.compile(r"\d\.\s*[А-ЯЁA-Z«\"]")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


@fast_init
@dataclass(frozen=True, slots=True)
class Label:
    kind: str  # "roman" | "arabic" | "letter" | "paren" | "bullet"
    display: str  # as the reader should show it: "IV", "2.1", "а)", "1)", "-"
    path: tuple[int, ...] = ()  # numeric path for arabic labels, (n,) for roman/paren

    @property
    def depth(self) -> int:
        return len(self.path)


def roman_value(text: str) -> int | None:
    values = [ROMAN_VALUES[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if 0 < total < 4000 else None


# the characters a label can start with, besides any decimal digit (\d) - most blocks
# start with none of them
_LABEL_START = frozenset("IVXLCDMСПВ-–—•·▪●абвгдежзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz")
# "Статья 1", "Статья 2. Сроки" (a law's article), "Пункт 1. Директору …" (with its dot: not
# "Пункт 3 Положения изложить …"): item 1, 2 of the act; "Вопрос 1. О …", "Вопрос № 2: О …"
# (a question of a meeting, with its sign and a capital after it; "Вопрос № 1 повестки дня: Об …"): question 1, 2
ARTICLE = re.compile(r"^(?:Статья\s+(?P<num>\d{1,3})(?:\.|\s*$|\s+(?=[А-ЯЁ«]))"
                     r"|Пункт\s+(?P<item>\d{1,3})\.\s*(?=[А-ЯЁ«])"
                     r"|Вопрос\s+(?:№\s*)?(?P<question>\d{1,3})(?:\s+повестки\s+дня)?\s*[.:]\s*(?=[А-ЯЁ«]))\s*")
# "1) 14 марта – День …": a parenthesized number before a date
PAREN_DIGIT = re.compile(r"^(?P<num>\d{1,3})\)\s+(?=\d)")


def split_label(text: str) -> tuple[Label | None, str]:
    """The leading label of a block, if any, and the text after it."""
    first = text[:1]
    if first.isdecimal():  # only an arabic label starts with a digit
        return _arabic(text) or (None, text)
    if first not in _LABEL_START:
        return None, text
    for parse in (_article,) if first in "СПВ" else (_roman, _letter, _bullet):
        found = parse(text)
        if found:
            return found
    return None, text


@lru_cache(maxsize=1024)  # a list's labels repeat ("1.", "2.", ...) in every document
def label_from_word(number_label: str) -> Label | None:
    """A label Word's automatic numbering displays ("2.1.", "IV.", "а)")."""
    label, rest = split_label(number_label.strip() + " X")
    return label if label and rest == "X" else None


def _roman(text: str) -> tuple[Label, str] | None:
    m = ROMAN.match(text)
    if not m or not text[m.end()].isupper() and text[m.end()] not in "«\"":
        return None
    value = roman_value(m["num"])
    return (Label("roman", m["num"], (value,)), text[m.end():]) if value else None


def _arabic(text: str) -> tuple[Label, str] | None:
    paren = PAREN_DIGIT.match(text)
    if paren:
        return Label("paren", paren["num"] + ")", (int(paren["num"]),)), text[paren.end():]
    m = ARABIC.match(text)
    if not m:
        return None
    rest = text[m.end():]
    first = rest[0]
    path = tuple(int(p) for p in m["num"].split("."))
    if m["dot"] == ")":
        if "." not in m["num"]:
            return Label("paren", m["num"] + ")", (int(m["num"]),)), rest
        # "2.1) актуализировать …": a sub-item numbered with a parenthesis, a space and a word after it
        small = len(path) <= 4 and max(path) < 100 and min(path) > 0
        return (Label("arabic", m["num"], path), rest) if small and m["gap"] and first.isalpha() else None
    # "1.1. обеспечить ..." under a lead-in "1. Главным врачам:": a sub-item, lower-case after it
    # ("1.1 провести", its last dot left out: a sub-item all the same when an infinitive follows)
    sub_item = bool(m["gap"]) and len(path) > 1 and max(path) < 100 and first.isalpha() \
        and (bool(m["dot"]) or bool(INFINITIVE_FIRST.match(rest)))
    if not (first.isupper() or first in "«\"(" or sub_item) or (not m["dot"] and not m["gap"]):
        return None  # "2023 г.", "20.06.2023", "3-х": not item numbers
    if any(p == 0 for p in path) or path[0] > SMALL and not m["dot"]:
        return None
    return Label("arabic", m["num"], path), rest


def _article(text: str) -> tuple[Label, str] | None:
    m = ARTICLE.match(text)
    if m is None:
        return None
    num = m["num"] or m["item"] or m["question"]
    return Label("arabic", num, (int(num),)), text[m.end():]


def _letter(text: str) -> tuple[Label, str] | None:
    m = LETTER.match(text)
    return (Label("letter", m["num"] + ")"), text[m.end():]) if m else None


def _bullet(text: str) -> tuple[Label, str] | None:
    m = BULLET.match(text)
    return (Label("bullet", "-"), text[m.end():]) if m else None


def successors(path: tuple[int, ...]) -> set[tuple[int, ...]]:
    """Paths that may follow `path` in a numbered list: child, sibling, an ancestor's sibling."""
    nxt = {path + (1,)}
    for k in range(len(path)):
        nxt.add(path[:k] + (path[k] + 1,))
    return nxt


def split_inline(text: str, first: Label | None) -> list[str]:
    """Split "1.Утвердить: 1.1.План ... 2.Лесхозу: ..." into one piece per item.

    A number inside the text starts a new piece only when it is a plausible next
    label of the previous one, so dates and quantities are never split on.
    """
    if first is None or first.kind != "arabic":
        return [text]
    pieces, start, current = [], 0, first.path
    for m in INLINE_ARABIC.finditer(text):
        if m.start() == 0:
            continue
        path = tuple(int(p) for p in m[1].split("."))
        if path in successors(current) and text[: m.start()].rstrip()[-1:] in ".:;":
            pieces.append(text[start:m.start()].strip())
            start, current = m.start(), path
    pieces.append(text[start:].strip())
    return pieces
