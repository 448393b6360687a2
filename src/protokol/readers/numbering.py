"""Word's automatic numbering: numbering.xml + styles -> the label Word displays.

``Numbering.label(num_id, ilvl)`` is called once per numbered paragraph, in document
order, and returns e.g. "2.1." or "IV.". Counters follow Word:

* one counter set per abstract numbering, shared by every ``w:num`` that points at it;
  a ``w:num`` with a ``w:startOverride`` restarts the overridden level (and the levels
  below it) where its first paragraph is, and the nums that follow continue from there.
  Word counts so, and LibreOffice relies on it: it writes one ``w:num`` per paragraph,
  with a ``w:startOverride`` only where a list starts again;
* a level restarts when a higher level is used (``w:lvlRestart`` can delay or stop it);
* ``w:isLgl`` shows every level of the label in Arabic numerals.

Bounds, so that a small hostile file cannot make huge labels or slow lookups: levels are
0..8 (Word has nine; others are ignored), w:start and w:startOverride are 0..32767 (what
Word accepts; other values are ignored), Roman numerals are used for 1..3999 and letters
for up to 30 repeats (780 for Latin); a counter beyond that is shown in decimal. A
w:lvlText keeps its first 64 characters, a label its first 64. A numStyleLink chain is
resolved once per abstract numbering, at most 64 links deep, cycles cut.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache

from protokol.readers.docx_marks import symbol_char
from protokol.readers.ooxml import W, attr, child, first_two, number, wval

_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"  # Word's russianLower: no ё, й, ъ, ы, ь
LEVELS = 9  # w:ilvl 0..8
MAX_START = 32767  # Word's largest w:start
MAX_ROMAN = 3999
MAX_REPEATS = 30  # letters: "a".."z", "aa".., up to 30 of the same letter
MAX_TEXT = 64  # characters of a w:lvlText, and of a label
MAX_LINKS = 64  # numStyleLink hops
_ABSTRACT_NUM_ID, _LVL_OVERRIDE = W + "abstractNumId", W + "lvlOverride"
_START_OVERRIDE, _LVL = W + "startOverride", W + "lvl"


def roman(n: int) -> str:
    if not 0 < n <= MAX_ROMAN:
        return str(n)
    out = []
    for value, digits in _ROMAN:
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def letters(n: int, alphabet: str) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated)."""
    if not 0 < n <= MAX_REPEATS * len(alphabet):
        return str(n)
    q, r = divmod(n - 1, len(alphabet))
    return alphabet[r] * (q + 1)


def fmt_number(n: int, num_fmt: str) -> str:
    """One level's counter in its numFmt."""
    if num_fmt == "upperRoman":
        return roman(n)
    if num_fmt == "lowerRoman":
        return roman(n).lower()
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


_UNDEFINED = Level()  # a level neither the num nor its abstractNum defines (frozen: one for all)


class _Abstract:
    """An abstractNum: its levels are read on first use (a document uses few of its lists)."""

    __slots__ = ("_element", "_levels", "num_style_link")

    def __init__(self, element, num_style_link: str | None) -> None:
        self._element = element
        self._levels: dict[int, Level] | None = None
        self.num_style_link = num_style_link

    @property
    def levels(self) -> dict[int, Level]:
        levels = self._levels
        if levels is None:
            levels = self._levels = _levels(self._element.iterchildren(W + "lvl"))
            self._element = None
        return levels


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # lvlOverride/lvl


_LEVEL_TAGS = tuple(W + tag for tag in ("start", "numFmt", "lvlText", "lvlRestart", "isLgl", "pStyle", "rPr"))
_FONTS = (W + "ascii", W + "hAnsi", W + "cs")


def _level(lvl) -> Level:
    first: dict[str, object] = {}
    for el in lvl.iterchildren(*_LEVEL_TAGS):  # one pass; each tag's first element counts
        first.setdefault(el.tag[len(W):], el)

    def val(tag: str) -> str | None:
        el = first.get(tag)
        return None if el is None else wval(el)

    restart = number(val("lvlRestart"), -1, 0, LEVELS)
    is_lgl = first.get("isLgl")
    text = val("lvlText")
    num_fmt = val("numFmt") or "decimal"
    if num_fmt == "bullet" and text and any("\ue000" <= c <= "\uf8ff" for c in text):
        text = _bullet_text(text, first.get("rPr"))
    return Level(
        start=number(val("start"), 1, 0, MAX_START),
        num_fmt=num_fmt,
        text=None if text is None else text[:MAX_TEXT],
        restart=None if restart < 0 else restart,
        is_lgl=is_lgl is not None and wval(is_lgl) not in ("0", "false", "off"),
        style=val("pStyle"),
    )


def _bullet_text(text: str, rpr) -> str:
    """A bullet drawn from a symbol font's private-use code points (Word's default bullet is
    U+F0B7 in Symbol, "▪" U+F0A7 in Wingdings) as the Unicode character it shows, as a
    w:sym of that font reads; a glyph that cannot be told (another font, none named) is "•"."""
    fonts = None if rpr is None else rpr.find(W + "rFonts")
    font = "" if fonts is None else next((f for f in map(fonts.get, _FONTS) if f), "")
    return "".join(symbol_char(ord(c), font) or "•" if "\ue000" <= c <= "\uf8ff" else c for c in text)


def _ilvl(value: str | None) -> int:
    """A w:ilvl of a level definition: 0..8, -1 when invalid (the level is ignored)."""
    return number(value or "0", -1, 0, LEVELS - 1)


def _levels(elements) -> dict[int, Level]:
    out: dict[int, Level] = {}
    for lvl in elements:
        ilvl = _ilvl(attr(lvl, "ilvl"))
        if ilvl >= 0:
            out[ilvl] = _level(lvl)
    return out


class Numbering:
    def __init__(self, root=None, style_num: Mapping[str, tuple[str | None, int | None]] | None = None):
        """``root``: numbering.xml's root; ``style_num``: style id -> (numId, ilvl)."""
        self.abstracts: dict[str, _Abstract] = {}
        self.nums: dict[str, _Num] = {}
        self.style_num = style_num or {}
        self._counters: dict[str, list[int | None]] = {}  # per abstract numbering
        # per numId counted so far: its abstract's counters, for each level the deeper levels
        # a new item there restarts, its nine levels and how each level's label is made
        # (filled on first use); None when it has no definition
        self._counting: dict[str, _Counting | None] = {}
        self._resolved: dict[str, str | None] = {}  # abstract id -> where its definition is
        self._shared: dict[tuple[str, tuple[tuple[int, int], ...]], tuple[list[Level], list[list[int]]]] = {}
        self._reset_lists: dict[tuple[int | None, ...], list[list[int]]] = {}  # by the levels' w:lvlRestart
        if root is not None:
            self._load(root)

    def _load(self, root) -> None:
        for an in root.iter(W + "abstractNum"):
            link = child(an, W + "numStyleLink")
            self.abstracts[attr(an, "abstractNumId") or ""] = _Abstract(
                an, None if link is None else wval(link))
        for num in root.iter(W + "num"):
            # a num's and an override's few children in one pass each (iterchildren(tag)
            # sets up a matcher per call: it costs more than the two or three it skips)
            ref = None
            overrides = []
            for c in num:
                tag = c.tag
                if tag == _ABSTRACT_NUM_ID:
                    if ref is None:
                        ref = c
                elif tag == _LVL_OVERRIDE:
                    overrides.append(c)
            item = _Num(abstract="" if ref is None else wval(ref) or "")
            for ov in overrides:
                ilvl = _ilvl(attr(ov, "ilvl"))
                if ilvl < 0:
                    continue
                so, lvl = first_two(ov, _START_OVERRIDE, _LVL)
                start = -1 if so is None else number(wval(so), -1, 0, MAX_START)
                if start >= 0:
                    item.starts[ilvl] = start
                if lvl is not None:
                    item.levels[ilvl] = _level(lvl)
            self.nums[attr(num, "numId") or ""] = item

    # ---------------------------------------------------------------- lookups

    def _abstract_id(self, num_id: str) -> str | None:
        num = self.nums.get(num_id)
        return None if num is None else self._definition(num.abstract)

    def _definition(self, abstract_id: str) -> str | None:
        """Where an abstract numbering's levels are: itself, or where its w:numStyleLink
        leads (the abstractNum the linked style's list uses). Each chain is walked once."""
        path: list[str] = []
        while True:
            if abstract_id in self._resolved:
                found = self._resolved[abstract_id]
                break
            if abstract_id not in self.abstracts:
                found = None
                break
            link = self.abstracts[abstract_id].num_style_link
            linked = self.style_num.get(link or "", (None, None))[0] if link else None
            if not linked or linked not in self.nums or abstract_id in path or len(path) >= MAX_LINKS:
                found = abstract_id  # no link, a dangling one, a cycle or a chain too long
                break
            path.append(abstract_id)
            abstract_id = self.nums[linked].abstract
        for visited in path:
            self._resolved[visited] = found
        return found

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
        try:
            counting = self._counting[num_id]
        except KeyError:
            counting = self._counting[num_id] = self._start_counting(num_id)
        if counting is None:
            return None
        counters, resets, levels, plans = counting
        if not 0 <= ilvl < LEVELS:
            ilvl = min(max(ilvl, 0), LEVELS - 1)
        previous = counters[ilvl]
        counters[ilvl] = levels[ilvl].start if previous is None else previous + 1
        for deeper in resets[ilvl]:
            counters[deeper] = None
        plan = plans[ilvl]
        if plan is None:
            plan = plans[ilvl] = _plan(levels, ilvl)
        return _render(plan, counters)

    def _start_counting(self, num_id: str) -> _Counting | None:
        """A numId's first paragraph: what counting it needs (None: no definition); a num
        with start overrides restarts its abstract's counters from its lowest overridden level."""
        abstract_id = self._abstract_id(num_id)
        if abstract_id is None:
            return None
        num = self.nums[num_id]
        levels, resets = self._num_levels(num_id, num, abstract_id)
        counters = self._counters.get(abstract_id)
        if counters is None:
            counters = self._counters[abstract_id] = [None] * LEVELS
        if num.starts:
            for restarted in range(min(num.starts), LEVELS):
                counters[restarted] = None
        return counters, resets, levels, [None] * LEVELS

    def _num_levels(self, num_id: str, num: _Num, abstract_id: str) -> tuple[list[Level], list[list[int]]]:
        """A numId's nine levels (its start overrides applied) and, per level, the deeper
        levels a new item there restarts; shared by the nums that differ in nothing else
        (LibreOffice writes one num per restarted list)."""
        key = None if num.levels else (abstract_id, tuple(sorted(num.starts.items())))
        known = self._shared.get(key) if key is not None else None
        if known is not None:
            return known
        own, defined = num.levels, self.abstracts[abstract_id].levels  # self.level's lookups, once
        levels = [own.get(i) or defined.get(i) or _UNDEFINED for i in range(LEVELS)]
        if num.starts:
            levels = [replace(lv, start=num.starts[i]) if i in num.starts else lv
                      for i, lv in enumerate(levels)]
        restarts = tuple(lv.restart for lv in levels)  # all the resets depend on
        resets = self._reset_lists.get(restarts)
        if resets is None:
            resets = self._reset_lists[restarts] = [
                [d for d in range(i + 1, LEVELS) if _restarts(levels[d], i)] for i in range(LEVELS)]
        if key is not None:
            self._shared[key] = (levels, resets)
        return levels, resets



_Plan = tuple[str | None, tuple[str | tuple[int, str, int], ...] | None]
_Counting = tuple[list[int | None], list[list[int]], list[Level], list[_Plan | None]]


def _plan(levels: list[Level], ilvl: int) -> _Plan:
    """How a level's label is made, worked out once per numId and level: (the label, None)
    when it has no counters (a bullet, no w:lvlText), else (None, the w:lvlText's literal
    pieces and (level, numFmt as shown, start) of each counter)."""
    current = levels[ilvl]
    if current.num_fmt == "bullet":
        return current.text or None, None
    text = current.text
    if text is None:
        return None, None
    pieces: list[str | tuple[int, str, int]] = []
    for piece in _template(text):
        if isinstance(piece, str):
            pieces.append(piece)
            continue
        lv = levels[piece]
        fmt = "decimal" if current.is_lgl and lv.num_fmt != "none" else lv.num_fmt
        pieces.append((piece, fmt, lv.start))
    return None, tuple(pieces)


def _render(plan: _Plan, counters: list[int | None]) -> str | None:
    fixed, pieces = plan
    if pieces is None:
        return fixed
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        at, fmt, start = piece
        count = counters[at]
        value = start if count is None else count
        out.append(str(value) if fmt == "decimal" else fmt_number(value, fmt))
    label = "".join(out).strip()[:MAX_TEXT]
    return label or None
