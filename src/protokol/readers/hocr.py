"""Tesseract's hOCR of one page -> Segments, as a text layer would give them.

- Coordinates: pixels -> PDF points (y upwards), the page's remaining skew (the lines'
  median baseline slope) turned back; every word of a Tesseract line sits on that line's
  baseline, so layout.to_lines puts them on one line.
- One Segment per run of words of a Tesseract line (a wide gap, a table column, starts
  another run), so words whose boxes overlap (a stamp over them) stay on their line.
- Repairs of what the Russian model reads wrongly where the structure reader looks:
  specks read as marks ("_", "|", "‘") are dropped, a numbering label's comma is a dot
  ("2.2," -> "2.2."), a Roman section number read as Cyrillic look-alikes is Latin again
  ("П." -> "II.", "ГУ." -> "IV.", "1Х.О" -> "IX. О"), a year's "г." read as "т,"
  is "г.", and digits read as the letter О inside numbers are digits ("О1.07" -> "01.07").
  ``roman_first`` repairs the one case a line cannot tell: "I." read as "1.".
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from protokol.readers.layout import Segment, continues, first_page_marks

FONT_PER_XSIZE = 1.15  # font size / hOCR x_size (ascender to descender): 13 pt text, x_size 11.3 pt
GAP = 4.0  # a gap between words wider than this many font sizes starts another run
_LINES = {"ocr_line", "ocr_textfloat", "ocr_header", "ocr_caption"}
_TITLE = re.compile(r"(\w+) ([^;]*)")
_SPECK = "_|`^~°‘’‚'=\\"  # marks a speck or a stamp's edge is read as
_LEAD = _SPECK + ".,„"  # also stripped from the start of a line
_ROMAN_LOOK = str.maketrans({"П": "II", "Ш": "III", "У": "V", "Т": "I", "Г": "I", "Х": "X", "l": "I", "|": "I",
                             "[": "I", "]": "I", "1": "I"})
_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")  # I to XXXIX
# a Roman number in look-alikes, its dot, maybe the heading's first word glued on: "1Х.О"
_LOOKALIKE_LABEL = re.compile(r"^([IVXПШУТГХl|\[\]1]{1,5})\.([А-ЯЁA-Z].*)?$")
_COMMA_LABEL = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)[,.:;]$")  # "2.2," "2.1.2:"

# a date or number with the letter О for a zero: "О1.07.2023", "12:ОО", "О5"
_NUMBER_WITH_O = re.compile(r"^[\dОоOo]*\d[\dОоOo]*(?:[.,:/-][\dОоOo]+)+[.,]?$|^[ОоOo]\d$")
_O_BY_DIGIT = re.compile(r"[ОO](?=\d)|(?<=\d)[ОO]")  # "ДО5" -> "Д05"
_YEAR_MARK = re.compile(r"^[тrГ][.,]{0,2}$")  # "2023 т," "2025 Г.." -> "2023 г."
_INITIALS = re.compile(r"^([А-ЯЁ])[.,:;]([А-ЯЁ])[.,:;]?$")  # "Т:А" "А.А;" -> "Т.А." "А.А."
_NUMBER_LOOK = re.compile(r"^[\dЗО]*З[\dЗО]*(?=$|[-/.])")  # "№ З" "№ 1З-пр": a 3 read as З
_SUFFIX = re.compile(r"^(?!от\b)[а-я]{1,3}\.?$")  # a number's suffix: "14-пр" read "14. пр"
_GLUED_MARK = re.compile(r"^(\w+\.?:)[.,]+(?=[А-ЯЁ])")  # "Отв.:.Фомин" -> "Отв.:" "Фомин"

_MARKS_ONLY = re.compile(r"^[-–—.,:;'\"_|~ ]{1,3}$")  # a line of specks: "-." "—,"

Word = tuple[str, float, float]  # text, x0, x1 (pixels)


def segments(hocr: str, page: int, pt_per_px: float, height: float) -> list[Segment]:
    """The page's Segments in PDF coordinates (points, y upwards)."""
    lines = [(m, size, base, repair(words)) for m, size, base, words in _lines(hocr)]
    lines = [line for line in lines if line[3]]
    slopes = [m for m, _, _, words in lines for _ in words]
    angle = math.atan(statistics.median(slopes)) if slopes else 0.0
    cos, sin = math.cos(angle), math.sin(angle)
    sizes = [size for _, size, _, _ in lines]
    size = statistics.median(sizes) * pt_per_px * FONT_PER_XSIZE if sizes else 12.0
    segs = []
    for _, _, (bx, by), words in lines:
        base = height - (-bx * sin + by * cos) * pt_per_px  # turned by -angle: the baseline is level
        for text, x0, x1 in _runs(words, GAP * size / pt_per_px):
            if _MARKS_ONLY.match(text):
                continue
            segs.append(Segment(text, (x0 * cos + by * sin) * pt_per_px, (x1 * cos + by * sin) * pt_per_px,
                                base, size, page))
    return segs


def _runs(words: list[Word], gap: float) -> Iterator[Word]:
    """Words joined with spaces into runs; a gap wider than `gap` pixels ends a run."""
    text, x0, x1 = words[0]
    for w, a, b in words[1:]:
        if a - x1 > gap:
            yield text, x0, x1
            text, x0, x1 = w, a, b
        else:
            text, x1 = f"{text} {w}", max(x1, b)
    yield text, x0, x1


def _lines(hocr: str) -> Iterator[tuple[float, float, tuple[float, float], list[Word]]]:
    """(baseline slope, x_size, baseline point at the left end, words) of each hOCR line."""
    try:
        root = ET.fromstring(hocr)
    except ET.ParseError:
        return
    for el in root.iter():
        if el.get("class") not in _LINES:
            continue
        title = _title(el.get("title", ""))
        box = title.get("bbox", [])
        if len(box) != 4:
            continue
        m, c = ((title.get("baseline") or []) + [0.0, 0.0])[:2]
        size = (title.get("x_size") or [box[3] - box[1]])[0]
        words = []
        for w in el.iter():
            wbox = _title(w.get("title", "")).get("bbox", [])
            text = "".join(w.itertext()).strip()
            if w.get("class") == "ocrx_word" and text and len(wbox) == 4 and not _speck(text, wbox, size):
                words.append((text, wbox[0], wbox[2]))
        yield m, size, (box[0], box[3] + c), words


def _speck(text: str, box: list[float], size: float) -> bool:
    """A mark smaller than a sixth of the line's height: a speck read as "-", "." or "'"."""
    return not any(c.isalnum() for c in text) and max(box[2] - box[0], box[3] - box[1]) < size / 6


def _title(title: str) -> dict[str, list[float]]:
    out = {}
    for key, value in _TITLE.findall(title):
        try:
            out[key] = [float(v) for v in value.split()]
        except ValueError:
            continue
    return out


# ---------------------------------------------------------------- repairs


def repair(words: list[Word]) -> list[Word]:
    """One line's words with specks dropped and the misreadings above mended."""
    out: list[Word] = []
    for k, (text, x0, x1) in enumerate(words):
        label = None if out else _label((text.lstrip(_LEAD.replace("|", "")), x0, x1), words[k + 1:k + 2])
        if label:
            out.extend(label)
            continue
        text = text.strip(_SPECK)
        if not out and text.lstrip(_LEAD)[:1].isalnum():  # the line's first word
            text = text.lstrip(_LEAD)
        if not text:
            continue
        if text[:1] == "0" and text[1:].isalpha():
            text = "о" + text[1:]  # "0б" -> "об"
        elif _NUMBER_WITH_O.match(text):
            text = re.sub("[ОоOo]", "0", text)
        elif any(c.isdigit() for c in text):
            text = _O_BY_DIGIT.sub("0", text)  # "ДО5-78/05пр" -> "Д05-78/05пр"
        if out and _YEAR_MARK.match(text) and re.fullmatch(r"\d{4}", out[-1][0]):
            text = "г."
        text = _INITIALS.sub(r"\1.\2.", text)
        if out and out[-1][0] == "№":
            text = _NUMBER_LOOK.sub(lambda m: m[0].replace("З", "3").replace("О", "0"), text)
        if len(out) > 1 and out[-2][0] == "№" and re.fullmatch(r"\d+[.,]", out[-1][0]) and _SUFFIX.match(text):
            out[-1] = (out[-1][0][:-1] + "-" + text.rstrip("."), out[-1][1], x1)  # "№ 14. пр" -> "№ 14-пр"
            continue
        glued = _GLUED_MARK.match(text)
        if glued:
            out.append((glued[1], x0, x0))
            text = text[glued.end():]
        if out and out[-1][0][-1:] == "-" and text[:1] == "-" and text[1:2].isalnum():
            out[-1] = (out[-1][0] + text[1:], out[-1][1], x1)  # "Д05-" "-78": one hyphen seen twice
            continue
        if len(out) == 1 and re.fullmatch(r"\d+(?:\.\d+)+\.", out[0][0]) and out[0][0].endswith("." + text):
            continue  # "2.5." "5.": the label's end read twice
        out.append((text, x0, x1))
    if len(out) > 1 and out[-1][0] in ("-", "–", "—") and out[-2][0][-1:] in ".;:":
        out.pop()  # a stray dash after the line's last sentence: a speck or a stamp's edge
    return out


def _label(first: Word, after: list[Word]) -> list[Word] | None:
    """The line's first word as a numbering label, where it is one misread (else None)."""
    text, x0, x1 = first
    upper_next = bool(after) and after[0][0][:1].isupper()
    m = _COMMA_LABEL.match(text)
    if m and text[-1] in ",:;" and upper_next:
        return [(m[1] + ".", x0, x1)]
    m = _LOOKALIKE_LABEL.match(text)
    if m and not m[1].isdigit() and m[1] not in ("Г", "Т"):  # "Г. Москва", "Т. Иванов"
        roman = m[1].translate(_ROMAN_LOOK)
        if _ROMAN.match(roman) and (m[2] or upper_next):
            if m[2]:  # "1Х.О ..." -> "IX." "О ..."
                return [(roman + ".", x0, x0 + (x1 - x0) * len(m[1]) / len(text)), (m[2], x1, x1)]
            return [(roman + ".", x0, x1)]
    return None


def running(pages: list[list[Segment]]) -> list[list[Segment]]:
    """The first and the last line of the pages, where they differ only in punctuation and
    spacing ("Протокол № Д05-78/05пр." and "Протокол №Д05-78/05пр"), take the text most of
    them have, so that layout.drop_running sees a running header or footer as such."""
    pages = [list(page) for page in pages]
    for top in (True, False):
        edges = [(p, _edge(page, top)) for p, page in enumerate(pages) if page]
        groups: dict[str, list[tuple[int, int]]] = {}
        for p, k in edges:
            groups.setdefault(re.sub(r"\W+", "", pages[p][k].text).lower(), []).append((p, k))
        for members in groups.values():
            if len(members) < 2:
                continue
            texts = Counter(pages[p][k].text for p, k in members)
            text = max(texts, key=lambda t: (texts[t], t))
            for p, k in members:
                s = pages[p][k]
                pages[p][k] = Segment(text, s.x0, s.x1, s.base, s.size, s.page)
    return pages


def _edge(page: list[Segment], top: bool) -> int:
    """The index of the page's highest (or lowest) segment."""
    bases = [s.base for s in page]
    return bases.index(max(bases) if top else min(bases))


_FIRST_ITEM = re.compile(r"^1\.(?:1\.)?\s")
_STAMP = re.compile(r"^\W*(?:копия\s+верна|верно|м\.?\s*п\.?)\W*$", re.IGNORECASE)
_MARKED_NUMBER = re.compile(r"^\W*(\d{1,3})\W*$")


def furniture(pages: list[list[Segment]]) -> list[list[Segment]]:
    """What a scan has around the text, made harmless: the header a typist puts on the pages
    after the first ("Протокол № 14-пр от 18.07.2025", not a running header to
    layout.drop_running as page 1 lacks it; its number is on page 1; or "Продолжение
    протокола": layout.continues) dropped; a stamp's words ("КОПИЯ ВЕРНА",
    "М.П.") dropped; a page number at the foot read with specks ("2." "- 2 -,") made bare, so
    that layout drops it and the structure reader does not take it for item 2."""
    out = []
    first = first_page_marks([s.text for s in pages[0] if s.page == 1]) if pages else ""
    for page in pages:
        page = [s for s in page if not _STAMP.match(s.text)]
        if page and page[0].page > 1:
            top = max(s.base for s in page)
            page = [s for s in page if not (s.base == top and continues(s.text, first))]
        if len(page) > 2:
            k = _edge(page, top=False)
            foot, m = page[k], _MARKED_NUMBER.match(page[k].text)
            if m and foot.x0 > statistics.median(s.x0 for s in page) + 4 * foot.size:  # not a label at the margin
                page[k] = Segment(m[1], foot.x0, foot.x1, foot.base, foot.size, foot.page)
        out.append(page)
    return out


def roman_first(pages: list[list[Segment]]) -> list[list[Segment]]:
    """Sections numbered II, III, ... and no I: the first run starting "1. " before "II."
    was "I." (Tesseract's Russian model reads a serif I as 1). `pages` in reading order."""
    runs = [(p, k, s.text) for p, page in enumerate(pages) for k, s in enumerate(page)]
    if any(t.startswith("I. ") for _, _, t in runs):
        return _arabic_first(pages, runs)
    second = next((n for n, (_, _, t) in enumerate(runs) if t.startswith("II. ")), None)
    first = next((n for n in range(second or 0) if runs[n][2].startswith("1. ")
                  or runs[n][2][:3] in ("Т. ", "Г. ") and _FIRST_ITEM.match(runs[n + 1][2])), None)
    if first is None:
        return pages
    p, k, _ = runs[first]
    s = pages[p][k]
    page = [*pages[p][:k], Segment("I" + s.text[1:], s.x0, s.x1, s.base, s.size, s.page), *pages[p][k + 1:]]
    return [*pages[:p], page, *pages[p + 1:]]


def _arabic_first(pages: list[list[Segment]], runs: list[tuple[int, int, str]]) -> list[list[Segment]]:
    """The other way round: items 1., 2., 3. and no section II: the "I." whose next label is
    "2." was "1." ("l." read, made Roman by ``repair``)."""
    if any(t.startswith("II. ") for _, _, t in runs):
        return pages
    labels = [n for n, (_, _, t) in enumerate(runs) if _ARABIC.match(t) or _ROMAN_START.match(t)]
    pages = [list(page) for page in pages]
    for a, b in zip(labels, labels[1:]):
        if runs[a][2].startswith("I. ") and runs[b][2].startswith("2. "):
            p, k, text = runs[a]
            pages[p][k] = pages[p][k]._replace(text="1" + text[1:])
    return pages


_ARABIC = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.(?=\s|$)")
_ROMAN_START = re.compile(r"^[IVX]+\.(?=\s|$)")


def sequence(pages: list[list[Segment]]) -> list[list[Segment]]:
    """A numbering label that breaks the sequence its neighbours make is the number between
    them ("2." "2.4." "2.2." -> "2.1."; "2.4." "5." "2.6." -> "2.5."; sections "VII." "V."
    "IX." -> "VIII."): Tesseract misreads digits and drops the dot of "2.1.". A Roman
    section number starts a new sequence of arabic ones."""
    arabic: list[tuple[int, int, tuple[int, ...]]] = []  # page, segment, label (() for a section)
    roman: list[tuple[int, int, tuple[int, ...]]] = []
    for p, page in enumerate(pages):
        for k, s in enumerate(page):
            m = _ARABIC.match(s.text)
            if m:
                arabic.append((p, k, tuple(int(n) for n in m[1].split("."))))
            elif _ROMAN_START.match(s.text):
                arabic.append((p, k, ()))
                roman.append((p, k, (_roman_value(s.text.split(".")[0]),)))
    pages = [list(page) for page in pages]
    for found, write in ((arabic, _arabic_label), (roman, _roman_label)):
        for i in range(1, len(found) - 1):
            a, (p, k, b), c = found[i - 1][2], found[i], found[i + 1][2]
            if not b or not c:
                continue
            expected = _next(a)
            fits = [e for e in expected if c in (_succ(e), e + (1,))]
            if write is _roman_label:
                expected, fits = expected[1:2], [e for e in expected[1:2] if c == _succ(e)]
            if b not in expected and len(fits) == 1:
                s = pages[p][k]
                text = write(fits[0]) + s.text[s.text.index(".") + 1 if write is _roman_label else
                                               len(_arabic_label(b)):]
                pages[p][k] = Segment(text, s.x0, s.x1, s.base, s.size, s.page)
                found[i] = (p, k, fits[0])
    return pages


def _arabic_label(label: tuple[int, ...]) -> str:
    return ".".join(map(str, label)) + "."


def _roman_value(numeral: str) -> int:
    values = [{"I": 1, "V": 5, "X": 10}[c] for c in numeral]
    return sum(-v if v < w else v for v, w in zip(values, values[1:] + [0]))


def _roman_label(label: tuple[int, ...]) -> str:
    n, out = label[0], ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out + "."


def _next(a: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The labels that may follow `a`: its first sub-item, the next of it or of an ancestor."""
    if not a:
        return [(1,)]
    return [a + (1,)] + [_succ(a[:n]) for n in range(len(a), 0, -1)]


def _succ(a: tuple[int, ...]) -> tuple[int, ...]:
    return a[:-1] + (a[-1] + 1,)
