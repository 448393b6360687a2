"""Plain text: encoding detection and paragraphs.

Rules (see tests/readers/test_txt.py):

* UTF-8 (with or without BOM), UTF-16 with a BOM, cp1251 and koi8-r are told apart
  automatically; NUL bytes or control characters mean "not a text file".
* A blank line ends a paragraph; so does a plain line break, unless the next line
  starts with a lower-case letter (a sentence wrapped by hand).
* A block that ends without terminal punctuation followed, across blank lines or a
  form feed, by a block that starts lower-case is one paragraph broken by a page.
* ``**bold**`` markers are removed; a block wholly inside them is bold.
* A form feed is a page break: pages are counted only when the text has one.
* ``paragraph`` numbers the paragraphs found by the first two rules, so a block
  joined across a page break keeps the number of its first part.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from protokol.errors import ReadError
from protokol.model import Block
from protokol.readers.normalize import clean, ends_open, starts_lower

MIN_BROKEN = 40  # shortest block taken for a sentence cut by a page break
NOT_TEXT = "not a text file (supported: docx, pdf, txt)"

# lower-case Cyrillic letters by frequency in Russian prose, most frequent first
_FREQUENT = "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё"
_WEIGHT = {ch: len(_FREQUENT) - i for i, ch in enumerate(_FREQUENT)}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# ---------------------------------------------------------------- decoding


def decode(data: bytes, path: str = "") -> str:
    """Bytes -> str, telling UTF-8/UTF-16/cp1251/koi8-r apart."""
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", path)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", path)
    elif b"\x00" in data:
        raise ReadError(path, NOT_TEXT)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _single_byte(data, path)
    if _CONTROL.search(text):
        raise ReadError(path, NOT_TEXT)
    return text


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ReadError(path, NOT_TEXT) from None


def cyrillic_score(text: str) -> int:
    """How much the text looks like Russian: frequent lower-case letters score most.

    A wrong single-byte code page swaps the cases of Cyrillic letters (koi8-r and
    cp1251 put the lower-case alphabet in each other's upper-case range), so the
    right decoding has many more lower-case letters.
    """
    return sum(text.count(ch) * w for ch, w in _WEIGHT.items())


def _single_byte(data: bytes, path: str) -> str:
    """cp1251 or koi8-r when the high bytes come in runs (Cyrillic words), else ask
    charset-normalizer (accented Latin letters come one at a time between ASCII ones)."""
    if _cyrillic_runs(data):
        candidates = [data.decode(enc, errors="replace") for enc in ("cp1251", "koi8_r")]
        scores = [cyrillic_score(t[:20000]) for t in candidates]
        best = candidates[scores.index(max(scores))]
        if max(scores) > 0 and "\ufffd" not in best:
            return best
    return _normalizer(data, path)


def _cyrillic_runs(data: bytes) -> bool:
    high = paired = 0
    prev = False
    for i, byte in enumerate(data[:20000]):
        is_high = byte >= 0x80
        if is_high:
            high += 1
            if prev or (i + 1 < len(data) and data[i + 1] >= 0x80):
                paired += 1
        prev = is_high
    return high > 0 and paired >= 0.6 * high


def _normalizer(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes  # lazy: only for unusual inputs

    match = from_bytes(data).best()
    if match is None:
        raise ReadError(path, NOT_TEXT)
    return str(match)


# ---------------------------------------------------------------- paragraphs


@dataclass
class _Para:
    text: str
    index: int
    page: int | None
    bold: bool


def parse(text: str) -> tuple[Block, ...]:
    """Decoded text -> blocks."""
    paged = "\f" in text
    paras = _paragraphs(text.replace("\r\n", "\n").replace("\r", "\n"), paged)
    return tuple(
        Block(text=p.text, paragraph=p.index, page=p.page, bold=p.bold) for p in _rejoin(paras)
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
            yield clean(line), (page if paged else None), bool(bold)


def _paragraphs(text: str, paged: bool) -> list[_Para]:
    paras: list[_Para] = []
    parts: list[list[str]] = []  # joined once at the end: += on a growing str is quadratic
    prev_blank = True
    for line, page, bold in _lines(text, paged):
        if not line:
            prev_blank = True
            continue
        if paras and not prev_blank and starts_lower(line):
            parts[-1].append(line)
            paras[-1].bold = paras[-1].bold and bold
        else:
            paras.append(_Para(line, len(paras) + 1, page, bold))
            parts.append([line])
        prev_blank = False
    return _joined(paras, parts)


def _rejoin(paras: list[_Para]) -> list[_Para]:
    """Join a paragraph broken by a page break or a stray blank line."""
    out: list[_Para] = []
    parts: list[list[str]] = []
    length = 0
    for p in paras:
        if out and _continues(parts[-1], length, p.text):
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
    return length >= MIN_BROKEN and ends_open(before[-1]) and starts_lower(after)


def _joined(paras: list[_Para], parts: list[list[str]]) -> list[_Para]:
    for para, texts in zip(paras, parts):
        if len(texts) > 1:
            para.text = " ".join(texts)
    return paras


def broken(before: str, after: str) -> bool:
    """``after`` continues the sentence ``before`` broken by a page or a stray blank line.

    Short or upper-case blocks ("ПРОТОКОЛ", "М.А. Скворцова") are headings and names,
    not sentences cut by a page break, so they are never joined.
    """
    return (len(before) >= MIN_BROKEN and not before.isupper()
            and ends_open(before) and starts_lower(after))


def read_txt(data: bytes, path: str = "") -> tuple[Block, ...]:
    return parse(decode(data, path))
