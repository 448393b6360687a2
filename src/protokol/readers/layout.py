"""Text-layer segments of PDF pages -> paragraphs (engine independent).

1. Segments (runs of text on one baseline, in content order) on the same baseline
   and close together make a line; a wide gap (a table column) starts another line.
2. Running headers and footers are dropped: among the first and last two lines of
   each page, a line whose text (digits masked) recurs on at least half of the pages, its
   numbers the same on each or going up with the page ("стр. 2", "стр. 3"),
   a bare page number as the first or last line ("3", "- 3 -", "3/8", "Страница 3 из 8"),
   the protocol's header repeated atop a later page ("Протокол № 5 от 12.03.2025",
   "Продолжение протокола № 5") when page 1 holds that number, and a line that says the
   page goes on ("Продолжение протокола", "Продолжение приложения № 2") atop a later page,
   with a page number beside or under it ("стр. 2 из 5").
3. Lines make paragraphs. A new paragraph starts at a line that
   - begins with an item number ("2.1.", "IV.", "2.1 Создать") or "Срок";
   - is further below the previous line than 1.3 line pitches (paragraph spacing),
     or is above it (the next table cell);
   - is indented from the text's left edge (a first-line indent, centred text);
   - follows a line that stops well short of the right edge after . ; : ! or ?
     while this one starts upper-case (paragraphs without spacing or indent);
   - opens a page, unless the previous paragraph is left open (no . ; : ! ?) or the
     line starts lower-case.
4. Joining lines: "образова-" + "тельных" -> "образовательных"; a compound keeps
   its hyphen ("образовательно-производственных"): see ``join_hyphen``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from protokol.model import Block
from protokol.readers.normalize import clean, ends_open, starts_lower

_ITEM = re.compile(r"^(?:\d+(?:\.\d+)*(?:\.\s*|\s+)[А-ЯЁA-Z«\"(]|[IVXLC]+\.\s|[а-яa-z]\)\s|Срок\b)")
_PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$|^\d{1,4}\s*/\s*\d{1,4}$|^(?:стр\.?|страница|лист)\s*\d+(?:\s*(?:из|/)\s*\d+)?$",
                          re.IGNORECASE)
# the header a typist puts on the pages after the first: "Протокол № 5 от 12.03.2025",
# "Продолжение протокола № 5"; dropped when page 1 holds its number (not the next protocol's title)
_CONTINUED = re.compile(r"^(?:продолжение\s+)?протокол[а]?\s*№\s*(\S+?)(?:\s*от\s*[\d.]+(?:\s*г)?)?\W*$", re.IGNORECASE)
# the line a typist puts atop a page that goes on with a protocol, an appendix or a table
# ("Продолжение протокола", "Продолжение приложения № 2 к протоколу от 12.03.2025", with a page
# number after it or not): the words say what it is, so it is dropped atop any later page
_GOES_ON = re.compile(r"^\W{0,3}продолжение\s+(?:протокола|приложения|таблицы)"
                      r"(?:\s*№?\s*\d[\w/.-]{0,20})?(?:\s+к\s+протоколу)?(?:\s*№?\s*\d[\w/.-]{0,20})?"
                      r"(?:\s*от\s*[\d.]{6,10}\s*(?:г\.?|года)?)?"
                      r"(?:[\s,;.–—-]*(?:стр\.?|страница|лист)\s*\d{1,4}(?:\s*(?:из|/)\s*\d{1,4})?)?\W{0,3}$",
                      re.IGNORECASE)
_URL_TAIL = re.compile(r"(?:https?://|www\.)\S*[^\s.,;:!)»]$")
_HYPHENS = "-\u2010\u2011"
_FIRST_RUN = re.compile(r"\S*")
_ADDRESS = re.compile(r"[@./:\\_0-9A-Za-z]")  # in an e-mail, a site or a Latin word
_CLOSERS = ")»\"'”*"  # what ends_open() strips
MAX_COLUMN_LINES = 2000  # lines of a page looked through for the top of a column


class Segment(NamedTuple):
    """A run of text on one baseline (a named tuple: a frozen dataclass took 1 us to
    make, and the PDF reader makes ~50 a page twice, in the engine and in the caller)."""

    text: str
    x0: float
    x1: float
    base: float  # baseline, PDF coordinates (grows upwards)
    size: float
    page: int


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    base: float
    size: float
    page: int


# ---------------------------------------------------------------- lines


def to_lines(segs: list[Segment]) -> list[Line]:
    """Segments -> lines. A line's pieces are collected and cleaned once when it is done
    (cleaning the growing line at every segment was quadratic: 16k segments took 4.4 s)."""
    lines: list[Line] = []
    pieces: list[list[str]] = []  # the texts (and gaps) each line is made of
    open_space = False  # the previous segment ended with a space
    last: Line | None = None
    for raw, x0, x1, base, size, page in segs:
        text = clean(raw)
        # a broken text matrix gives NaN or infinite positions (v * 0: NaN for them, else 0)
        if not text or x0 * 0 + x1 * 0 + base * 0 + size * 0 != 0:
            continue
        if last is not None and abs(base - last.base) <= 0.3 * max(size, 1.0) \
                and -1.0 <= x0 - last.x1 <= 4 * max(size, 1.0):
            if x0 - last.x1 > 0.15 * size or open_space or raw[:1].isspace():
                pieces[-1].extend((" ", text))
            else:
                pieces[-1].append(text)
            if x1 > last.x1:
                last.x1 = x1
        else:
            last = Line(text, x0, x1, base, size, page)
            lines.append(last)
            pieces.append([text])
        open_space = raw[-1:].isspace()
    for line, parts in zip(lines, pieces):
        if len(parts) > 1:
            line.text = clean("".join(parts))
    return lines


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", text)


def continues(text: str, first: str) -> bool:
    """`text` is "Продолжение протокола" (or of an appendix, a table), or "Протокол № N ..."
    of the protocol whose first page (its text without spaces and marks) is `first` (not the
    title of the next protocol in the file)."""
    if _GOES_ON.match(text):
        return True
    m = _CONTINUED.match(text)
    return m is not None and "№" + re.sub(r"\W+", "", m[1]) in first


def first_page_marks(texts: list[str]) -> str:
    """Page 1's text without spaces and marks other than "№", for continues()."""
    return re.sub(r"[^\w№]+", "", " ".join(texts))


def drop_continued(pages: list[list[Line]]) -> list[list[Line]]:
    """The top line of each page after the first, when it is the protocol's header repeated
    ("Протокол № 5 от 12.03.2025": not a running header to drop_running when page 1 lacks it)
    or says the page goes on ("Продолжение протокола"), and a page number beside or under it
    ("стр. 2 из 5", "- 2 -")."""
    if len(pages) < 2 or not pages[0]:
        return pages
    first = first_page_marks([ln.text for ln in pages[0]])
    return [pages[0]] + [_without_top(lines, first) for lines in pages[1:]]


def _without_top(lines: list[Line], first: str) -> list[Line]:
    dropped: set[int] = set()
    for _ in range(3):  # the header, then a page number at its side or under it
        rest = [ln for ln in lines if id(ln) not in dropped]
        if not rest:
            break
        top = max(ln.base for ln in rest)
        hit = [ln for ln in rest if ln.base >= top - 0.3 * ln.size and (
            continues(ln.text, first) or (dropped and _PAGE_NUMBER.match(ln.text)))]
        if not hit:
            break
        dropped.update(id(ln) for ln in hit)
    return [ln for ln in lines if id(ln) not in dropped] if dropped else lines


def drop_running(pages: list[list[Line]]) -> list[list[Line]]:
    """Remove running headers/footers and page numbers."""
    def edges(lines: list[Line]) -> tuple[list[Line], list[Line]]:
        ordered = sorted(lines, key=lambda ln: -ln.base)
        return ordered[:2], ordered[-2:]  # a page of three lines: the middle one is both

    def outermost(lines: list[Line]) -> set[int]:
        if not lines:
            return set()
        return {id(max(lines, key=lambda ln: ln.base)), id(min(lines, key=lambda ln: ln.base))}

    # (top or bottom, masked text) -> (page, line, numbers): a header recurs atop the pages, a footer below
    groups: dict[tuple[bool, str], list[tuple[int, int, tuple[int, ...]]]] = {}
    for n, lines in enumerate(pages):
        for top, side in zip((True, False), edges(lines)):
            for ln in side:
                groups.setdefault((top, _mask(ln.text)), []).append((n, id(ln), _numbers(ln.text)))
    need = max(2, (len(pages) + 1) // 2)
    running = {line for group in groups.values() if len({n for n, _, _ in group}) >= need
               for line in _recurring(group, need)}
    out = []
    for lines in pages:
        outer = outermost(lines)
        out.append([ln for ln in lines if not (
            (id(ln) in outer and _PAGE_NUMBER.match(ln.text))
            or (id(ln) in running and len(pages) > 1))])
    return out


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(d[:9]) for d in re.findall(r"\d+", text))


def _recurring(group: list[tuple[int, int, tuple[int, ...]]], need: int) -> list[int]:
    """The lines of one masked text (page, line id, its numbers) that recur on ``need``
    pages: each of their numbers is the same on every page, or goes up with the page (a page
    number: "стр. 2 из 5", "стр. 3 из 5"). Items that look alike ("15. Отделу номер 15 ..."
    atop page 2, "31. Отделу номер 31 ..." atop page 3) are no running header; nor is the
    last item of a page and the first of the next ("14." and "15."), as the group is the
    pages' tops or their bottoms."""
    varying = [i for i, values in enumerate(zip(*(numbers for _, _, numbers in group))) if len(set(values)) > 1]
    by_key: dict[tuple[int, ...], list[tuple[int, int]]] = {}
    for page, line, numbers in group:
        key = tuple(v - page if i in varying else v for i, v in enumerate(numbers))
        by_key.setdefault(key, []).append((page, line))
    return [line for found in by_key.values() if len({page for page, _ in found}) >= need for _, line in found]


# ---------------------------------------------------------------- paragraphs


def paragraphs(pages: list[list[Segment]], rules: list | None = None) -> tuple[Block, ...]:
    """``rules``: the pages' ruling lines (pdf_tables.Rule); the tables they draw are read
    cell by cell (see pdf_tables)."""
    tables: dict[int, list] = {}
    if rules:
        from protokol.readers.pdf_tables import TableMark, cell_blocks, take_tables, with_tables

        pages, tables = take_tables(pages, rules)
    line_pages = drop_continued(drop_running([to_lines(segs) for segs in pages]))
    lines = [ln for page in line_pages for ln in page]
    if not lines and not tables:
        return ()
    pitch = _pitch(line_pages)
    left = _left_edge(lines) if lines else 0.0
    right = _right_edge(lines) if lines else 0.0
    blocks: list[Block] = []
    cur: list[Line] = []
    if tables:
        lines = with_tables(line_pages, tables)
    for k, ln in enumerate(lines):
        if tables and isinstance(ln, TableMark):
            if cur:
                blocks.append(_block(cur, len(blocks) + 1))
            cur = []
            blocks.extend(cell_blocks(ln, len(blocks)))
        elif not cur or _starts_paragraph(lines[k - 1], ln, pitch, (left, right), cur) \
                and not _next_column(lines[k - 1], ln, pitch, cur, line_pages[ln.page - 1]):
            if cur:
                blocks.append(_block(cur, len(blocks) + 1))
            cur = [ln]
        else:
            cur.append(ln)
    if cur:
        blocks.append(_block(cur, len(blocks) + 1))
    return tuple(b for b in blocks if b.text)


def _pitch(line_pages: list[list[Line]]) -> float:
    """The line pitch inside a paragraph: the smallest step between lines (to 0.5 pt)
    that makes at least a tenth of all steps, so that documents made mostly of one-line
    paragraphs do not take their paragraph spacing for it, and a stray tight pair of
    lines does not count."""
    steps = Counter(round(2 * (a.base - b.base)) / 2 for page in line_pages
                    for a, b in zip(page, page[1:]) if 0 < a.base - b.base < 2.2 * a.size)
    total = sum(steps.values())
    for step in sorted(steps):
        if steps[step] >= max(1, total / 10):
            return step
    return 14.0


def _left_edge(lines: list[Line]) -> float:
    common = Counter(round(ln.x0) for ln in lines).most_common()
    best = common[0][0]
    # the text's left edge: the leftmost of the frequent x positions
    for x, n in common:
        if n >= common[0][1] / 3 and x < best:
            best = x
    return best


def _right_edge(lines: list[Line]) -> float:
    ends = sorted(ln.x1 for ln in lines)
    return ends[int(0.9 * (len(ends) - 1))]


def _starts_paragraph(prev: Line, ln: Line, pitch: float, edges: tuple[float, float],
                      cur: list[Line]) -> bool:
    left, right = edges
    if _ITEM.match(ln.text):
        return True
    if ln.page != prev.page:  # the paragraph so far ends as its last lines do
        return not (starts_lower(ln.text) or ends_open(_text(_tail(cur))))
    step = prev.base - ln.base
    if step <= 0 or step > 1.3 * pitch:
        return True
    if prev.x1 < right - 4 * prev.size and not ends_open(prev.text) and not starts_lower(ln.text):
        return True  # the previous line stops short after a full stop: a paragraph's last line
    return ln.x0 - left > 0.8 * ln.size and ln.x0 > prev.x0 + 0.8 * ln.size or \
        abs(ln.x0 - prev.x0) > 0.8 * ln.size and ln.x0 - left > 0.8 * ln.size


def _next_column(prev: Line, ln: Line, pitch: float, cur: list[Line], page: list[Line]) -> bool:
    """`ln` goes on with the paragraph `cur` at the top of the next column of a page set in
    columns: it stands well above and right of the last line, nothing on the page stands above
    it, it starts lower-case and the paragraph is left open. A table's next cell has the row
    above it over it, so it stays apart."""
    if not (ln.page == prev.page and ln.base - prev.base > 1.5 * pitch and ln.x0 > prev.x1
            and starts_lower(ln.text) and ends_open(_text(_tail(cur))) and len(page) <= MAX_COLUMN_LINES):
        return False
    return not any(other.base > ln.base + 0.5 * ln.size and other.x0 < ln.x1 and other.x1 > ln.x0 for other in page)


def _tail(cur: list[Line]) -> list[Line]:
    """The last lines of a paragraph from the one before the last line that has more than
    closing brackets and quotes: enough for ends_open() of the whole paragraph."""
    k = len(cur) - 1
    while k > 0 and not cur[k].text.rstrip(_CLOSERS):
        k -= 1
    return cur[max(k - 1, 0):]


def _text(lines: list[Line]) -> str:
    """The lines joined with join_lines, in linear time: join_lines looks only at the last
    whitespace-free run of `before`, so only that run is handed to it (joining onto the
    whole, growing text made long paragraphs quadratic: 80 pages of one paragraph took 1.4 s)."""
    parts: list[str] = []
    for ln in lines:
        if not parts:
            parts.append(ln.text)
            continue
        prev = parts.pop()
        # where the last whitespace-free run starts (none: the end; no whitespace: 0)
        cut = len(prev) if not prev or prev[-1].isspace() else len(prev) - len(prev.rsplit(None, 1)[-1])
        cut = max(cut - 1, 0)  # keep the space before the run: join_lines sees len(before) > 1
        if cut:
            parts.append(prev[:cut])
        parts.append(join_lines(prev[cut:], ln.text))
    return "".join(parts)


def join_cell(segs: list[Segment]) -> str:
    """A table cell's segments as one clean text, its lines joined as a paragraph's. A word
    too long for a narrow cell is broken without a hyphen ("информировани" + "е"): glued when
    its first part is no word the dictionary knows and the whole is one."""
    lines = to_lines(segs)
    for k in range(len(lines) - 1, 0, -1):
        left, right = re.search(r"[а-яё]+$", lines[k - 1].text, re.I), re.match(r"[а-яё]+", lines[k].text)
        if left and right and right[0].islower():
            from protokol import morph

            if not morph.is_known(left[0].lower()) and morph.is_known((left[0] + right[0]).lower()):
                lines[k - 1].text += lines.pop(k).text
    return clean(_text(lines))


def _block(lines: list[Line], index: int) -> Block:
    return Block(text=clean(_text(lines)), paragraph=index, page=lines[0].page)


# ---------------------------------------------------------------- hyphens


def join_lines(before: str, after: str) -> str:
    """Join two lines of one paragraph, mending words hyphenated at the line end."""
    if before[-1:] in _HYPHENS and len(before) > 1:
        head = before[:-1]
        if head[-1].isalpha() and after[:1].isalpha() and after[:1].islower():
            left, right = re.search(r"\w+$", head), re.match(r"\w+", after)
            first = _FIRST_RUN.match(after)
            if _ADDRESS.search(head.split()[-1]) or (first and _ADDRESS.search(after, 0, first.end())):
                return before + after  # an e-mail, a site, a Latin word: its hyphen is real
            if left and right and join_hyphen(left.group(0), right.group(0)):
                return head + after
            return before + after
        if head[-1].isalnum():
            return before + after  # "Д05-" + "35/05пр": a hyphen inside a code
    if ("://" in before or "www." in before) and _URL_TAIL.search(before) and not after[:1].isspace():
        return before + after  # a URL broken at "?", "/", "=", "_" or mid-word
    return before + " " + after


def join_hyphen(left: str, right: str) -> bool:
    """True when "left-" + "right" is one word broken by hyphenation (drop the hyphen).

    A hyphenated word the dictionary knows keeps its hyphen ("кое-как"); else the joined
    word known to the dictionary wins ("образова-тельных", "посев-ной"); else two words
    the dictionary knows stay two ("дизайн-проектами", "Ростов-на-Дону"), and a left part
    ending in "о"/"е" is a compound stem ("образовательно-производственных"): the hyphen
    stays. Anything else is a word broken by hyphenation.
    """
    from protokol import morph

    joined, hyphenated = (left + right).lower(), f"{left}-{right}".lower()
    if morph.is_known(hyphenated):
        return False
    if morph.is_known(joined):
        return True
    if morph.is_known(left) and morph.is_known(right):
        return False
    return not left.lower().endswith(("о", "е"))
