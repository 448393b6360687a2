"""Plain text: paragraphs (the encoding is told by readers/text_encoding.py).

Rules (see tests/readers/test_txt.py):

* A blank line ends a paragraph; so does a plain line break, unless the next line
  starts with a lower-case letter (a sentence wrapped by hand) and is not a sub-item
  ("а) ...", "- ...") after a line ending with ":" or ";", or "б) ..." after one ending
  with ".", nor the act's place: "г. Тюмень" before a date or number, or alone under a line ending with a digit (its date or number).
  A word hyphenated at a line's end is mended ("уроков муже-" / "ства": "мужества"), a
  compound keeps its hyphen ("военно-" / "спортивной"), as in a PDF (readers/layout.py).
  No line is joined to a page's number ("- 2 -" / "до 15 апреля …"); an item's label alone
  on its line ("1.", "2.1.", "а)") is joined to the line after it.
* A block that ends without terminal punctuation followed, across blank lines or a
  form feed, by a block that starts lower-case is one paragraph broken by a page
  (not after a block ending with a signatory's name: "Глава района В.В. Крылов").
* ``**bold**`` markers are removed; a block wholly inside them is bold.
* A form feed is a page break: pages are counted only when the text has one.
* ``paragraph`` numbers the paragraphs found by the first two rules, so a block
  joined across a page break keeps the number of its first part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from protokol.model import Block, Warning
from protokol.readers.layout import join_lines
from protokol.readers.normalize import clean, ends_open, starts_lower
from protokol.readers.text_encoding import decode, decode_report

MIN_BROKEN = 40  # shortest block taken for a sentence cut by a page break
_HYPHENS = "-\u2010\u2011"  # a line ending with one may end with half a word


# ---------------------------------------------------------------- paragraphs


@dataclass
class _Para:
    text: str
    index: int
    page: int | None
    bold: bool
    cells: tuple[str, ...] = ()


def parse(text: str) -> tuple[Block, ...]:
    """Decoded text -> blocks."""
    paged = "\f" in text
    paras = _paragraphs(text.replace("\r\n", "\n").replace("\r", "\n"), paged)
    return tuple(
        Block(text=p.text, paragraph=p.index, page=p.page, bold=p.bold, cells=p.cells) for p in _rejoin(paras)
    )


def _lines(text: str, paged: bool):
    """(line, page, bold) with ``**`` markers removed; bold when wholly inside them."""
    markers = text.count("**") % 2 == 0
    inside = False
    for page, chunk in enumerate(text.split("\f"), start=1):
        for line in chunk.split("\n"):
            bold = None
            if markers and "**" in line or inside:
                parts = line.split("**") if markers else [line]
                kept = []
                for i, part in enumerate(parts):
                    if i:
                        inside = not inside
                    if part.strip():
                        bold = inside if bold is None else bold and inside
                    kept.append(part)
                line = "".join(kept)
            cells = tuple(clean(c) for c in line.split("\t")) if "\t" in line and _ROW.search(line) else _piped(line)
            yield clean(line), (page if paged else None), bool(bold), cells


def _paragraphs(text: str, paged: bool) -> list[_Para]:
    paras: list[_Para] = []
    parts: list[list[str]] = []  # joined once at the end: += on a growing str is quadratic
    prev_blank = True
    for line, page, bold, cells in _lines(text, paged):
        if not line:
            prev_blank = True
            continue
        if paras and not cells and not paras[-1].cells and len(parts[-1]) == 1 and _LABEL_ALONE.match(parts[-1][0]):
            parts[-1].append(line)  # "1." alone on its line (copied from a PDF), its text below
            paras[-1].bold = paras[-1].bold and bold
        elif paras and not prev_blank and not cells and not paras[-1].cells and starts_lower(line) \
                and not _sub_item(parts[-1][-1], line) and not _PAGE_MARK.match(parts[-1][-1]):
            parts[-1].append(line)
            paras[-1].bold = paras[-1].bold and bold
        else:
            paras.append(_Para(line, len(paras) + 1, page, bold, cells))
            parts.append([line])
        prev_blank = False
    return _joined(paras, parts)


# an item's label alone on its line: "1.", "2.1.", "3)", "а)"
_LABEL_ALONE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){0,4}\.|\d{1,3}\)|[а-я]\))$")


# a page's number on its own line ("- 2 -", "3"): the next page's first line is not its text
_PAGE_MARK = re.compile(r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,3})$")


# a table row: two tabs or more, one of them after a cell's text (a tab that only indents
# a line makes no row); its cells are kept apart and it is joined to no other line
_ROW = re.compile(r"\S[^\t]*\t.*\t|\t.*\S[^\t]*\t")
# a table typed with vertical bars ("1 | Провести … | Отдел ЖКХ | до 1 мая"): two bars or
# more between texts; a bar at either end of the line ("| 1 | … |") opens or closes no cell
_PIPE_ROW = re.compile(r"[^|\s][^|]*\|[^|]*[^|\s][^|]*\|[^|]*[^|\s]")


def _piped(line: str) -> tuple[str, ...]:
    if "|" not in line or not _PIPE_ROW.search(line):
        return ()
    cells = line.strip().split("|")
    if not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return tuple(clean(c) for c in cells)


# "а) ...", "- ...", "• ..." after a line ending with ":" or ";": a sub-item of its own;
# so is "б) ..." after a sentence's end ("Доклад – до 1 апреля 2025 г." under item "а)")
_SUB_ITEM_START = re.compile(r"^(?:[а-яёa-z]\)|[-–—•]\s)")
_LETTER_START = re.compile(r"^[а-я]\)\s")


def _sub_item(before: str, line: str) -> bool:
    end = before.rstrip()[-1:]
    return (end in ":;" and bool(_SUB_ITEM_START.match(line)) or end == "." and bool(_LETTER_START.match(line))
            or bool(_PLACE_LINE.match(line)) and (before[-1:].isdecimal() or any(map(str.isdecimal, line))))


# "г. Приреченск" alone, or before the act's date or number ("г. Ветлуга   05.06.2025"):
# the act's place, a line of its own
_PLACE_LINE = re.compile(r"^(?:г|с|п|пос|пгт|рп)\.\s*[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*(?:\s+[«\d№N][^а-яё]{0,12}"
                         r"(?:[а-яё]{3,8}\s+\d{4}[^а-яё]{0,12}(?:г\.|года?)?)?)?$")


def _rejoin(paras: list[_Para]) -> list[_Para]:
    """Join a paragraph broken by a page break or a stray blank line."""
    out: list[_Para] = []
    parts: list[list[str]] = []
    length = 0
    for p in paras:
        if out and not p.cells and not out[-1].cells and _continues(parts[-1], length, p.text):
            parts[-1].append(p.text)
            length += 1 + len(p.text)
            out[-1].bold = out[-1].bold and p.bold
        else:
            out.append(p)
            parts.append([p.text])
            length = len(p.text)
    return _joined(out, parts)


def _continues(before: list[str], length: int, after: str) -> bool:
    """broken(" ".join(before), after) without joining: parts after the first start
    lower-case, so a joined text is never all upper-case and ends as its last part."""
    if len(before) == 1:
        return broken(before[0], after)
    return (length >= MIN_BROKEN and ends_open(before[-1]) and starts_lower(after)
            and not _SIGNED.search(before[-1]) and not _PLACE_LINE.match(after))


def _joined(paras: list[_Para], parts: list[list[str]]) -> list[_Para]:
    for para, texts in zip(paras, parts):
        if len(texts) > 1:
            para.text = _glue(texts)
    return paras


def _glue(texts: list[str]) -> str:
    """The lines of one paragraph joined by spaces; a word hyphenated at a line's end
    ("уроков муже-" / "ства", copied from a PDF) is mended as readers/layout.py mends it."""
    if not any(t[-1:] in _HYPHENS for t in texts[:-1]):
        return " ".join(texts)
    out = [texts[0]]
    for before, after in zip(texts, texts[1:]):
        joined = join_lines(before, after)
        if len(joined) < len(before) + len(after):  # the hyphen dropped
            out[-1] = out[-1][:-1]
        out.append(after if len(joined) <= len(before) + len(after) else " " + after)
    return "".join(out)


def broken(before: str, after: str) -> bool:
    """``after`` continues the sentence ``before`` broken by a page or a stray blank line.

    Short or upper-case blocks ("ПРОТОКОЛ", "М.А. Скворцова") are headings and names,
    not sentences cut by a page break, so they are never joined.
    """
    return (len(before) >= MIN_BROKEN and not before.isupper()
            and ends_open(before) and starts_lower(after) and not _SIGNED.search(before)
            and not _PLACE_LINE.match(after))


# a block ending with a signatory's name ("Глава района В.В. Крылов"): no sentence goes on
# after it across a blank line ("г. Приреченск" under the signature is the act's place)
_SIGNED = re.compile(r"\s(?:[А-ЯЁ]\.\s?){1,2}[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?$")


def read_txt(data: bytes, path: str = "") -> tuple[Block, ...]:
    return parse(decode(data, path))


def read_txt_report(data: bytes, path: str = "") -> tuple[tuple[Block, ...], tuple[Warning, ...]]:
    """read_txt(), and the decoding's warnings (lines repaired or decoded apart)."""
    text, warnings = decode_report(data, path)
    return parse(text), warnings
