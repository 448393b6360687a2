"""Word's automatic numbering: numbering.xml + styles -> the label Word displays.

``Numbering.label(num_id, ilvl)`` is called once per numbered paragraph, in document
order, and returns e.g. "2.1." or "IV.". Counters follow Word:

* one counter set per abstract numbering, shared by every ``w:num`` that points at it,
  except a ``w:num`` with a ``w:startOverride``, which is a list of its own that starts
  at the override;
* a level restarts when a higher level is used (``w:lvlRestart`` can delay or stop it);
* ``w:isLgl`` shows every level of the label in Arabic numerals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from protokol.readers.ooxml import W, attr, wval

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's russianLower: no ё, й, ъ, ы, ь


def roman(n: int) -> str:
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def letters(n: int, alphabet: str) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated)."""
    if n < 1:
        return str(n)
    q, r = divmod(n - 1, len(alphabet))
    return alphabet[r] * (q + 1)


def fmt_number(n: int, num_fmt: str) -> str:
    """One level's counter in its numFmt."""
    if num_fmt == "upperRoman":
        return roman(n) if n > 0 else str(n)
    if num_fmt == "lowerRoman":
        return roman(n).lower() if n > 0 else str(n)
    if num_fmt == "upperLetter":
        return letters(n, _LATIN).upper()
    if num_fmt == "lowerLetter":
        return letters(n, _LATIN)
    if num_fmt == "russianLower":
        return letters(n, _RUSSIAN)
    if num_fmt == "russianUpper":
        return letters(n, _RUSSIAN).upper()
    if num_fmt == "decimalZero":
        return f"{n:02d}"
    if num_fmt == "none":
        return ""
    return str(n)  # decimal and every format we do not spell out


def _restarts(level: Level, after: int) -> bool:
    """Does a new item at 0-based level `after` restart the counter of `level`?"""
    restart = level.restart
    return restart is None or (restart != 0 and after < restart)


_PLACEHOLDER = re.compile(r"%([1-9])")  # in w:lvlText, the counter of level 1..9


@lru_cache(maxsize=512)
def _template(text: str) -> tuple[str | int, ...]:
    """A w:lvlText ("%1.%2.") split into literal text and 0-based level indexes."""
    parts = _PLACEHOLDER.split(text)  # literal, digit, literal, digit, ..., literal
    return tuple(int(part) - 1 if i % 2 else part for i, part in enumerate(parts) if i % 2 or part)


@dataclass(frozen=True)
class Level:
    start: int = 1
    num_fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None  # w:lvlRestart: restart after this 1-based level; 0 = never
    is_lgl: bool = False
    style: str | None = None  # w:pStyle: the paragraph style tied to this level


@dataclass
class _Abstract:
    levels: dict[int, Level] = field(default_factory=dict)
    num_style_link: str | None = None


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # lvlOverride/lvl


def _level(lvl) -> Level:
    def val(tag: str) -> str | None:
        el = lvl.find(W + tag)
        return None if el is None else wval(el)

    start = val("start")
    restart = val("lvlRestart")
    is_lgl = lvl.find(W + "isLgl")
    return Level(
        start=int(start) if start and start.lstrip("-").isdigit() else 1,
        num_fmt=val("numFmt") or "decimal",
        text=val("lvlText"),
        restart=int(restart) if restart and restart.isdigit() else None,
        is_lgl=is_lgl is not None and wval(is_lgl) not in ("0", "false", "off"),
        style=val("pStyle"),
    )


class Numbering:
    def __init__(self, root=None, style_num: dict[str, tuple[str | None, int | None]] | None = None):
        """``root``: numbering.xml's root; ``style_num``: style id -> (numId, ilvl)."""
        self.abstracts: dict[str, _Abstract] = {}
        self.nums: dict[str, _Num] = {}
        self.style_num = style_num or {}
        self._counters: dict[object, list[int | None]] = {}
        self._levels: dict[str, list[Level]] = {}
        # per numId: for each level, the deeper levels a new item there restarts
        self._resets: dict[str, list[list[int]]] = {}
        self._abstract_ids: dict[str, str | None] = {}
        if root is not None:
            self._load(root)

    def _load(self, root) -> None:
        for an in root.iter(W + "abstractNum"):
            link = an.find(W + "numStyleLink")
            self.abstracts[attr(an, "abstractNumId") or ""] = _Abstract(
                levels={int(attr(lvl, "ilvl") or 0): _level(lvl) for lvl in an.findall(W + "lvl")},
                num_style_link=None if link is None else wval(link),
            )
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            item = _Num(abstract="" if ref is None else wval(ref) or "")
            for ov in num.findall(W + "lvlOverride"):
                ilvl = int(attr(ov, "ilvl") or 0)
                so = ov.find(W + "startOverride")
                value = "" if so is None else wval(so) or ""
                if value.lstrip("-").isdigit():
                    item.starts[ilvl] = int(value)
                lvl = ov.find(W + "lvl")
                if lvl is not None:
                    item.levels[ilvl] = _level(lvl)
            self.nums[attr(num, "numId") or ""] = item

    # ---------------------------------------------------------------- lookups

    def _abstract_id(self, num_id: str) -> str | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        abstract_id, seen = num.abstract, set()
        # w:numStyleLink: the definition lives in the abstractNum the style's list uses
        while abstract_id in self.abstracts and abstract_id not in seen:
            seen.add(abstract_id)
            link = self.abstracts[abstract_id].num_style_link
            linked = self.style_num.get(link or "", (None, None))[0] if link else None
            if not linked or linked not in self.nums:
                break
            abstract_id = self.nums[linked].abstract
        return abstract_id if abstract_id in self.abstracts else None

    def level(self, num_id: str, ilvl: int) -> Level | None:
        abstract_id = self._abstract_id(num_id)
        if abstract_id is None:
            return None
        lvl = self.nums[num_id].levels.get(ilvl) or self.abstracts[abstract_id].levels.get(ilvl)
        return lvl

    def level_for_style(self, num_id: str, style: str) -> int | None:
        """The level whose w:pStyle is ``style`` (style-linked heading numbering)."""
        abstract_id = self._abstract_id(num_id)
        if abstract_id is None:
            return None
        for ilvl, lvl in self.abstracts[abstract_id].levels.items():
            if lvl.style == style:
                return ilvl
        return None

    # ---------------------------------------------------------------- counting

    def label(self, num_id: str | None, ilvl: int) -> str | None:
        """Advance the counters for a paragraph at (num_id, ilvl); return its label."""
        if not num_id or num_id == "0":
            return None
        abstract_id = self._abstract_ids.get(num_id, "")
        if abstract_id == "":
            abstract_id = self._abstract_ids[num_id] = self._abstract_id(num_id)
        if abstract_id is None:
            return None
        num = self.nums[num_id]
        key: object = ("num", num_id) if num.starts else abstract_id
        levels = self._levels.get(num_id)
        if levels is None:
            levels = [self.level(num_id, i) or Level() for i in range(9)]
            if num.starts:
                levels = [replace(lv, start=num.starts[i]) if i in num.starts else lv
                          for i, lv in enumerate(levels)]
            self._levels[num_id] = levels
            self._resets[num_id] = [[d for d in range(i + 1, 9) if _restarts(levels[d], i)] for i in range(9)]
        counters = self._counters.setdefault(key, [None] * 9)
        ilvl = min(max(ilvl, 0), 8)
        previous = counters[ilvl]
        counters[ilvl] = levels[ilvl].start if previous is None else previous + 1
        for deeper in self._resets[num_id][ilvl]:
            counters[deeper] = None
        return self._render(levels, counters, ilvl)

    @staticmethod
    def _render(levels: list[Level], counters: list[int | None], ilvl: int) -> str | None:
        current = levels[ilvl]
        if current.num_fmt == "bullet":
            return current.text or None
        text = current.text
        if text is None:
            return None
        out: list[str] = []
        for piece in _template(text):
            if isinstance(piece, str):
                out.append(piece)
                continue
            lv = levels[piece]
            count = counters[piece]
            value = count if count is not None else lv.start
            fmt = "decimal" if current.is_lgl and lv.num_fmt != "none" else lv.num_fmt
            out.append(fmt_number(value, fmt))
        label = "".join(out).strip()
        return label or None
