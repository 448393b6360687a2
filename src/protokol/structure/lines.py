"""Blocks -> Lines: each block's item label split off, inline numbering split apart."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from typing import ClassVar

from protokol.model import Block, Location
from protokol.structure.labels import SMALL, Label, label_from_word, split_inline, split_label
from protokol.structure.slots import fast_init
from protokol.structure.tables import is_table_block, rows_of, table_rows


_CELL, _CELLS = attrgetter("cell"), attrgetter("cells")
# "…; б) организовать …": the next letter of a list run into one line
_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"  # as items are lettered: no ё, й, ъ, ы, ь
_NEXT_LETTER = dict(zip(_LETTERS, _LETTERS[1:]))
INLINE_LETTER = re.compile(r"(?<=;)\s+(?P<letter>[б-я])\)\s")
# the first item of a list run into its lead-in's line: "…, постановляю: 1. Утвердить …"
LIST_START = re.compile(r"(?<=:)\s+(?=1\.\s*[А-ЯЁ«\"])")
# "Решили: 1.1. Информацию … принять к сведению.": the marker and the first decision on one line
DECIDED_ITEM = re.compile(r"^(?P<marker>(?:решили|постановили|решение|р\s?е\s?ш\s?и\s?л\s?и)\s*:)\s*(?=\d{1,3}\.\d{1,3}(?:\.\s|\s+[А-ЯЁ«]))", re.I)
# a page's number standing alone between paragraphs: "- 2 -", "3", "Страница 2 из 5", "стр. 4",
# and the running head of a table's next page "Продолжение приложения № 1"
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,3}|(?:стр(?:аница)?\.?|с\.)\s*\d{1,4}(?:\s*из\s*\d{1,4})?"
                         r"|продолжение\s+(?:приложения|таблицы)(?:\s*(?:№|N)?\s*\d{1,3})?\.?)$", re.I)


@fast_init
@dataclass(frozen=True, slots=True)
class Line:
    label: Label | None
    text: str  # without the label
    block: Block
    row: ClassVar[bool] = False  # a row of a table of decisions (RowLine)

    @property
    def location(self) -> Location:
        return Location(self.block.paragraph, self.block.page)

    @property
    def raw(self) -> str:
        return self.text if self.label is None else f"{self.label.display}. {self.text}"


@dataclass(frozen=True, slots=True)
class RowLine(Line):
    """A row of a table of decisions: its text, and its Срок and Ответственный cells."""

    deadline: str = ""
    responsible: str = ""
    co: str = ""  # its Соисполнители cell
    row: ClassVar[bool] = True


# the running head of a document's next page under its number: "Протокол № 5 от 12.03.2026"
RUNNING_HEAD = re.compile(r"^(?:протокол|постановление|распоряжение|решение|приказ)\s*(?:№|N)\s*[\w./-]+\s+от\s+"
                          r"(?:\d{1,2}\.\d{1,2}\.\d{2,4}|«?\d{1,2}»?\s+[а-яё]+\s+\d{4})(?:\s*(?:г\.|года?))?\s*", re.I)


def _without_running_head(blocks: tuple[Block, ...], i: int) -> Block:
    """blocks[i], without a page's running head when a page number is before it (a line
    joined to the head keeps its text)."""
    block = blocks[i]
    if i and block.text[:1] in "ПпРр" and (head := RUNNING_HEAD.match(block.text)) \
            and _page_number(blocks[i - 1]) and not is_table_block(block):
        return replace(block, text=block.text[head.end():])
    return block


def to_lines(blocks: tuple[Block, ...]) -> list[Line]:
    return _quoted(_to_lines(blocks))


# "изложить в следующей редакции: «1. Утвердить …" opens a quotation of text with numbers of its own
QUOTE_OPENS = re.compile(r"(?:^|:\s*)«")
MAX_QUOTED = 60  # lines: a quotation left open longer is a missing "»", not a quotation


def _quoted(lines: list[Line]) -> list[Line]:
    """The numbered lines of a quotation opened after a colon ("… в следующей редакции: «1. …" /
    "1) …;" / "2) ….»;") are the quoting item's text, not items: their labels go."""
    out, i = lines, 0  # _to_lines' own list, changed in place
    while i < len(out):
        line = out[i]
        if "«" not in line.text:  # most lines: no quotation opens there
            i += 1
            continue
        opened = QUOTE_OPENS.search(line.text) if line.text.count("«") > line.text.count("»") else None
        colon = opened is not None and (opened.group(0) != "«" or i > 0 and out[i - 1].text.rstrip().endswith(":"))
        if not colon:
            i += 1
            continue
        depth, end = line.text.count("«") - line.text.count("»"), i + 1
        while end < len(out) and end - i <= MAX_QUOTED and depth > 0:
            depth += out[end].text.count("«") - out[end].text.count("»")
            end += 1
        if depth == 0:
            for k in range(i + 1, end):
                if out[k].label is not None:
                    out[k] = Line(None, _as_written(out[k]), out[k].block)
        i = end
    return out


def _as_written(line: Line) -> str:
    """A labeled line's text with its label, as its paragraph holds it."""
    whole = line.block.text.strip()
    return whole if whole.endswith(line.text) and len(whole) - len(line.text) <= 12 else line.raw


def _to_lines(blocks: tuple[Block, ...]) -> list[Line]:
    if not any(map(_CELLS, blocks)) and set(map(_CELL, blocks)) <= {None}:  # no table: the plain loop
        return _plain_lines(blocks)
    lines: list[Line] = []
    top = 0  # the latest top-level item number
    plain = 0  # blocks before this index are read as paragraphs (a table of no decisions)
    i = 0
    while i < len(blocks):
        found: list[Line] | None = None
        block = blocks[i]
        if i >= plain and (block.cell is not None or block.cells):  # is_table_block: a table of decisions?
            end = i + 1
            while end < len(blocks) and (is_table_block(blocks[end]) or _between_rows(blocks, end)):
                end += 1
            rows = table_rows(rows_of([_as_row(b) for b in blocks[i:end] if not _page_number(b)]))
            if rows is not None:
                found = [RowLine(r.label, r.text, r.block, r.deadline, r.responsible, r.co) for r in rows]
                i = end
            else:
                plain = end
        if found is None:  # (a running head starts with П or Р: _without_running_head's first test)
            found = _block_lines(_without_running_head(blocks, i) if block.text[:1] in "ПпРр" else block, top)
            i += 1
        for line in found:
            if line.label is not None and line.label.kind == "arabic":
                top = line.label.path[0]
        lines.extend(found)
    return lines


def _between_rows(blocks: tuple[Block, ...], at: int) -> bool:
    """A line of a .txt table with no tab between two rows: a page number ("- 2 -") or a
    heading of the rows under it ("I. Организационные мероприятия"), a row of one cell."""
    block = blocks[at]
    if _page_number(block):  # a page's foot and the next one's head ("Страница 1 из 2", "Продолжение таблицы"):
        before, after = at - 1, at + 1  # a few lines at most (a long run of them is no page break)
        while before > max(0, at - _PAGE_LINES) and _page_number(blocks[before]):
            before -= 1
        while after < min(len(blocks) - 1, at + _PAGE_LINES) and _page_number(blocks[after]):
            after += 1
        return after < len(blocks) and all(_tab_row(blocks[j]) for j in (before, after))
    if at + 1 >= len(blocks) or not block.text or not all(map(_tab_row, (blocks[at - 1], blocks[at + 1]))):
        return False  # between two tab-separated rows only (a .docx table has merged cells)
    return len(block.text) <= 120 and split_label(block.text)[0] is not None


_PAGE_LINES = 4  # the most lines a page's foot and the next page's head take between two rows


def _tab_row(block: Block) -> bool:
    return bool(block.cells) and block.cell is None


_PAGE_START = frozenset("-–—0123456789СсПп")  # the first characters PAGE_NUMBER can match


def _page_number(block: Block) -> bool:
    text = block.text.strip()
    if len(text) >= 40 or text[:1] not in _PAGE_START or is_table_block(block):
        return len(text) < 80 and text[:1] in "Пп" and _headed_page(text) and not is_table_block(block)
    return bool(PAGE_NUMBER.match(text)) or text[:1] in "Пп" and _headed_page(text)


def _headed_page(text: str) -> bool:
    """A page's running head and its number on one line: "Протокол № 11 от 22.10.2030     2"."""
    head = RUNNING_HEAD.match(text)
    return head is not None and bool(re.fullmatch(r"[-–—]?\s*\d{1,3}\s*[-–—]?", text[head.end():].strip()))


def _as_row(block: Block) -> Block:
    return block if is_table_block(block) else replace(block, cells=(block.text,))


def _plain_lines(blocks: tuple[Block, ...]) -> list[Line]:
    """to_lines of a document without tables."""
    lines: list[Line] = []
    top = 0
    for i, block in enumerate(blocks):
        found = _block_lines(_without_running_head(blocks, i) if block.text[:1] in "ПпРр" else block, top)
        for line in found:
            if line.label is not None and line.label.kind == "arabic":
                top = line.label.path[0]
        lines.extend(found)
    return lines


# "Провести 27 ию- ня", "за ходом испол- нения": a word hyphenated at a line's end whose
# line break became a space inside the paragraph (not "сельско- и лесохозяйственных")
BROKEN_WORD = re.compile(r"(?<![\w-])(?P<left>[а-яёА-ЯЁ]{2,})[-\u00ad\u2010\u2011]\s(?P<right>[а-яё]{2,})(?![\w-])")


def mend_broken_words(text: str) -> str:
    """Each word of BROKEN_WORD joined when the dictionary knows the whole word and not both
    its parts (a compound's two parts, "военно- промышленный", stay as written)."""
    if not _may_break(text):
        return text
    return BROKEN_WORD.sub(lambda m: m["left"] + m["right"] if _broken(m["left"], m["right"]) else m[0], text)


def _may_break(text: str) -> bool:
    """A letter, a hyphen, a space and a lower-case letter somewhere (str.find: the pattern's
    search is slow on a long paragraph)."""
    for hyphen in _BREAK_HYPHENS:
        at = text.find(hyphen)
        while at > 0:
            if text[at - 1].isalpha() and text[at + 2: at + 3].islower():
                return True
            at = text.find(hyphen, at + 1)
    return False


_BREAK_HYPHENS = ("- ", "\u2010 ", "\u2011 ", "\u00ad ")


@lru_cache(maxsize=1024)  # a document repeats its compounds ("образовательно- производственных")
def _broken(left: str, right: str) -> bool:
    from protokol import morph

    return not (morph.is_known(left) and morph.is_known(right)) and morph.is_known(left + right)


def _block_lines(block: Block, top: int) -> list[Line]:
    if "- " in block.text:  # one scan of the text; a hyphen other than "-" is rare in running text
        if (mended := mend_broken_words(block.text)) != block.text:
            block = replace(block, text=mended)
    text = block.text
    if not text or (text[0] in _PAGE_START or text[0].isspace()) and _page_number(block):
        return []  # an auto-numbered empty cell of a table of no decisions; a page number
    if block.number_label and (word_label := label_from_word(block.number_label)):
        return _pieces(block, word_label, block.text)
    label, body = split_label(block.text)
    if label is not None and label.kind == "arabic" and not _in_sequence(label.path, top):
        return [Line(None, block.text.strip(), block)]
    if label is None and text[:1] in "РрПп" and (decided := DECIDED_ITEM.match(text)):
        first, rest = split_label(text[decided.end():])
        return [Line(None, decided["marker"], block), *_pieces(block, first, rest)]
    if label is None and top == 0 and (start := _list_start(block.text)):
        # "В целях …: 1. Создать … 2. Главам поселений: 2.1. …" (a web page's text run together)
        first, rest = split_label(block.text[start.end():])
        return [Line(None, block.text[:start.end()].strip(), block), *_pieces(block, first, rest)]
    return _pieces(block, label, body)


def _list_start(text: str) -> re.Match[str] | None:
    """LIST_START.search(text), tried after each ":" only (its look-behind), not at every character."""
    at = text.find(":")
    while at >= 0:
        if m := LIST_START.match(text, at + 1):
            return m
        at = text.find(":", at + 1)
    return None


# INLINE_HINT (labels.py), r"\d\.\s*[А-ЯЁA-Z«\"]": its last character; the engine asks \d of
# every character (~35 ns on Cyrillic text), a "." found by str.find and tested costs less
_HINT_END = frozenset([*map(chr, range(ord("А"), ord("Я") + 1)), "Ё", *string.ascii_uppercase, "«", '"'])


def _inline_hint(text: str) -> bool:
    """INLINE_HINT.search(text) is not None: a digit, ".", spaces, a capital or a quote."""
    at = text.find(".", 1)
    while at > 0:
        if text[at - 1].isdecimal():  # \d: a decimal digit of any script, as str.isdecimal
            end = at + 1
            while end < len(text) and text[end].isspace():  # \s: as str.isspace
                end += 1
            if end < len(text) and text[end] in _HINT_END:
                return True
        at = text.find(".", at + 1)
    return False


def _in_sequence(path: tuple[int, ...], top: int) -> bool:
    """An item number above SMALL ("301.", "2023. Итоги") is one only where the list has
    got there: the next top-level number, or a sub-item of the current one."""
    first = path[0]
    return first <= SMALL or first == top + 1 and len(path) == 1 or first == top and len(path) > 1


def _pieces(block: Block, first: Label | None, body: str) -> list[Line]:
    """The first piece keeps `first`; inline numbers after it start further pieces, and
    letters after a colon ("2. Отделу культуры: а) провести …; б) организовать …") too."""
    if first is None or first.kind != "arabic" or not _inline_hint(body):
        line = Line(first, body.strip(), block)  # (_letters' first test made here: no call)
        return [line] if first is None or ": а)" not in line.text else _letters(line)
    pieces = split_inline(f"{first.display}. {body}", first)
    out = _letters(Line(first, split_label(pieces[0])[1].strip() if len(pieces) > 1 else body.strip(), block))
    for piece in pieces[1:]:
        label, rest = split_label(piece)
        out.extend(_letters(Line(label, rest.strip(), block)))
    return out


def _letters(line: Line) -> list[Line]:
    """A numbered item's lettered sub-items written on its own line, in order from "а)"."""
    if line.label is None or ": а)" not in line.text:
        return [line]
    at = line.text.index(": а)") + 1
    pieces, letter, start = [], "а", at
    for m in INLINE_LETTER.finditer(line.text, at + 1):
        if m["letter"] == _NEXT_LETTER.get(letter):
            pieces.append(line.text[start:m.start()].strip())
            letter, start = m["letter"], m.start()
    pieces.append(line.text[start:].strip())
    out = [Line(line.label, line.text[:at].strip(), line.block)]
    for piece in pieces:
        label, rest = split_label(piece)
        out.append(Line(label, rest.strip(), line.block))
    return out
