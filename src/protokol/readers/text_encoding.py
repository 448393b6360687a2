"""The encoding of a plain-text file: UTF-8 (with or without BOM), UTF-16 (with a BOM, or
without one when its NUL bytes say so) and UTF-32 with a BOM, cp1251, koi8-r and cp866 told
apart automatically. NUL bytes at the end (padding) and DOS's end-of-file mark (^Z) are
dropped; a few stray NUL or control characters elsewhere are dropped with a warning, more
mean "not a text file". A file that does not decode as a whole is decoded line by line: UTF-8 lines stay UTF-8
(a stray bad byte becomes U+FFFD), other lines take the file's code page unless theirs is
clearly another (a file pasted together from cp1251 and koi8-r parts); every line so repaired
is named in an ``encoding_repaired`` warning. (readers/txt.py makes paragraphs of the text.)
"""

from __future__ import annotations

import codecs
import math
import re
from collections import Counter

from protokol.errors import ReadError
from protokol.model import Warning

SINGLE_BYTE = ("cp1251", "koi8_r", "cp866")  # Windows, Unix and DOS Cyrillic
_PRIOR = (0.0, -0.5, -2.0)  # how common each code page is, as a log-likelihood bonus
NOT_TEXT = "not a text file (supported: docx, pdf, txt)"

# Russian letter frequencies, per cent (National Corpus); the log-likelihood of a
# decoding under this model tells the single-byte Cyrillic code pages apart
_FREQ = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04,
}
_LOG = {ch: math.log(f / 100) for ch, f in _FREQ.items()}
_LOG_UPPER = -0.5  # prose is mostly lower-case, but headings are not
_LOG_MIXED = -4.0  # per word of mixed case ("нА"): wrong code page
_WORD = re.compile(r"[^\W\d_]{2,}")
_LOG_SYMBOL = math.log(0.01)  # « » – № … and the like: plausible in a protocol
_LOG_OTHER = -12.0  # box drawing, Latin-1 letters, private use: a wrong code page
_SYMBOLS = set("«»–—№…„“”‘’•·°±§\u00a0")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


# ---------------------------------------------------------------- decoding


def decode(data: bytes, path: str = "") -> str:
    """Bytes -> str, telling UTF-8/UTF-16/cp1251/koi8-r apart."""
    return decode_report(data, path)[0]


def decode_report(data: bytes, path: str = "") -> tuple[str, tuple[Warning, ...]]:
    """decode(), and a warning naming the lines decoded apart from the rest, if any."""
    notes: tuple[Warning, ...] = ()
    wide = _wide(data)
    dropped = 0
    if wide:
        text, bad = _wide_text(data, wide, path)
        if bad:
            notes = (Warning("encoding_repaired", f"text read as {wide.upper()}; {bad} undecodable "
                                                  f"{'byte' if bad == 1 else 'bytes'} dropped or replaced"),)
    else:
        if b"\x00" in data:
            data, dropped = _without_nul(data, path)
        bom = data.startswith(codecs.BOM_UTF8)
        try:
            text = data[3 if bom else 0:].decode("utf-8")
        except UnicodeDecodeError:
            text, notes = _by_line(data[3:], path, utf8_only=True) if bom else _by_line(data, path)
    text = text.rstrip("\x1a\x00")  # DOS's end-of-file mark, a buffer's zero padding
    if _CONTROL.search(text):
        text, stray = _without_controls(text, path)
        dropped += stray
    if dropped:
        notes += (Warning("encoding_repaired", f"{dropped} control {'character' if dropped == 1 else 'characters'} "
                                               "(NUL and the like) dropped"),)
    return text, notes


MAX_STRAY = 0.005  # the share of NUL or control characters a text file may hold: more is binary
MIN_STRAY, MAX_SHORT = 2, 0.02  # a short text may hold 2, if they are at most 2 % of it


def _too_many(stray: int, size: int) -> bool:
    return stray > max(MIN_STRAY, MAX_STRAY * size) or stray > MAX_SHORT * size
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _wide(data: bytes) -> str | None:
    """utf-32 / utf-16 by their BOM (UTF-32's first, it starts like UTF-16's), utf-16-le /
    utf-16-be without one when nearly every NUL byte stands on one side of the byte pairs
    (the high byte of an ASCII character; Cyrillic's is 0x04); else None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[:8000]
    nul = sample.count(0)
    if nul < 4 or nul < len(sample) // 20:
        return None
    odd = sample[1::2].count(0)
    if odd >= 0.95 * nul and len(set(sample[1::2])) <= 8:
        return "utf-16-le"
    if nul - odd >= 0.95 * nul and len(set(sample[0::2])) <= 8:
        return "utf-16-be"
    return None


def _wide_text(data: bytes, encoding: str, path: str) -> tuple[str, int]:
    """UTF-16/32 text and how many bad bytes were replaced (an odd byte at the end of a
    cut file, a lone surrogate); more than a few: not a text file."""
    cut = len(data) % (4 if encoding == "utf-32" else 2)  # a file cut inside a character
    if cut:
        data = data[:-cut]
    try:
        return data.decode(encoding), cut
    except UnicodeDecodeError:
        pass
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") + cut
    if bad > max(2, MAX_STRAY * len(text)):
        raise ReadError(path, NOT_TEXT)
    return text, bad


def _without_nul(data: bytes, path: str) -> tuple[bytes, int]:
    """A text with a few NUL bytes (a damaged copy, a buffer's padding) without them;
    a file of more is binary."""
    body = data.rstrip(b"\x00")
    if not body.strip():
        raise ReadError(path, "not a text file: it holds only zero bytes (supported: docx, pdf, txt)")
    nul = body.count(0)
    if _too_many(nul, len(body)):
        raise ReadError(path, NOT_TEXT)
    return body.replace(b"\x00", b""), nul


def _without_controls(text: str, path: str) -> tuple[str, int]:
    """A text with a few stray control characters without them; more is binary."""
    found = len(_CONTROL.findall(text))
    if _too_many(found, len(text)):
        raise ReadError(path, NOT_TEXT)
    return _CONTROL.sub("", text), found


def cyrillic_score(text: str) -> float:
    """Log-likelihood of the non-ASCII characters of ``text`` as Russian prose.

    A wrong single-byte code page turns Cyrillic letters into rare letters, words of
    mixed case (koi8-r and cp1251 put the lower-case alphabet in each other's
    upper-case range) or box-drawing symbols, all of which score low.
    """
    score = 0.0
    for ch, n in Counter(text).items():
        if ch < "\x80":
            continue
        low = ch.lower()
        if low in _LOG:
            score += n * (_LOG[low] + (0.0 if ch == low else _LOG_UPPER))
        else:
            score += n * (_LOG_SYMBOL if ch in _SYMBOLS else _LOG_OTHER)
    mixed = sum(1 for w in _WORD.findall(text) if not (w.islower() or w.isupper() or w.istitle()))
    return score + mixed * _LOG_MIXED


def _single_byte(data: bytes, path: str) -> tuple[str, str | None]:
    """cp1251, koi8-r or cp866 when the high bytes come in runs (Cyrillic words), else ask
    charset-normalizer (accented Latin letters come one at a time between ASCII ones).
    The text, and the code page (None: charset-normalizer's choice)."""
    if _cyrillic_runs(data):
        encoding = _best_code_page(data)
        best = data.decode(encoding, errors="replace")
        if "\ufffd" not in best:
            return best, encoding
    return _normalizer(data, path), None


def _scores(data: bytes) -> list[float]:
    return [cyrillic_score(data.decode(enc, errors="replace")[:4000]) + prior
            for enc, prior in zip(SINGLE_BYTE, _PRIOR)]


def _best_code_page(data: bytes) -> str:
    scores = _scores(data)
    return SINGLE_BYTE[scores.index(max(scores))]


_HIGH = re.compile(rb"[\x80-\xff]")
_ISOLATED = re.compile(rb"(?<![\x80-\xff])[\x80-\xff](?![\x80-\xff])")


def _cyrillic_runs(data: bytes) -> bool:
    """Most non-ASCII bytes stand next to another one, as letters of Cyrillic words do."""
    sample = data[:4000]
    high = len(_HIGH.findall(sample))
    paired = high - len(_ISOLATED.findall(sample))
    # a few high bytes cannot tell: a Russian protocol reader assumes Cyrillic
    return high > 0 and (high <= 3 or paired >= 0.6 * high)


# ---------------------------------------------------------------- line by line

SWITCH_MARGIN = 6.0  # log-likelihood by which a line's code page must beat the others (false: < 3.5)
SAMPLE = 400  # bytes of a line scored
MIN_EVIDENCE = 4  # high bytes a line needs before its code page is judged on its own
_SHOWN = 8  # line ranges a warning spells out


def _utf8_line(line: bytes) -> str | None:
    """The line as UTF-8 when it is (bad bytes replaced, if most of its high bytes are
    well-formed UTF-8), else None: a single-byte line."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = line.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    return text if _non_ascii(text) - bad > bad else None


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


# the bytes of each code page's lower-case Cyrillic letters: prose is mostly lower-case,
# so the code page whose lower case holds most of a line's bytes is a cheap first guess
_LOWER = {enc: bytes(b for b in range(0x80, 0x100) if bytes([b]).decode(enc, "replace").islower())
          for enc in SINGLE_BYTE}
_NOT_LOWER = {enc: bytes(sorted(set(range(256)) - set(lower))) for enc, lower in _LOWER.items()}
_NOT_UPPER = {enc: bytes(b for b in range(256) if not bytes([b]).decode(enc, "replace").isupper())
              for enc in SINGLE_BYTE}


def _clearly(line: bytes, default: str) -> bool:
    """The line has letters of both cases in ``default``, most of them lower-case in no
    other code page: it reads as ``default`` without scoring. (A line of one case is
    ambiguous: cp1251 capitals are koi8-r small letters and the reverse.)"""
    counts = [len(line.translate(None, _NOT_LOWER[enc])) for enc in SINGLE_BYTE]
    lower = counts[SINGLE_BYTE.index(default)]
    return lower == max(counts) and 0 < len(line.translate(None, _NOT_UPPER[default])) < lower


def _line_code_pages(lines: list[bytes], default: str) -> list[str]:
    """A code page per single-byte line: the one its own letters clearly prefer (by
    SWITCH_MARGIN over the others), else that of the nearest such line before it (after
    it, for the first lines), else ``default``. All-capitals lines cannot tell cp1251 from
    koi8-r (each puts one case where the other has the other), so they follow the text."""
    decided: list[str | None] = []
    for line in lines:
        choice = None
        if _clearly(line, default):
            choice = default
        elif len(_HIGH.findall(line[:4000])) >= MIN_EVIDENCE:
            scores = _scores(line[:SAMPLE])
            ranked = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
            if scores[ranked[0]] - scores[ranked[1]] > SWITCH_MARGIN:
                choice = SINGLE_BYTE[ranked[0]]
        decided.append(choice)
    following = next((c for c in decided if c), default)
    out = []
    for choice in decided:
        following = choice or following
        out.append(following)
    return out


def _by_line(data: bytes, path: str, utf8_only: bool = False) -> tuple[str, tuple[Warning, ...]]:
    """Text that is not UTF-8 as a whole: decoded line by line (see the module docstring).
    ``utf8_only`` (after a UTF-8 BOM): bad bytes are replaced; mostly bad bytes are no text."""
    lines = data.split(b"\n")
    if utf8_only:
        text = data.decode("utf-8", errors="replace")
        if _non_ascii(text) <= 2 * text.count("\ufffd"):
            raise ReadError(path, NOT_TEXT)
        utf8: list[str | None] = [line.decode("utf-8", errors="replace") for line in lines]
    else:
        utf8 = [_utf8_line(line) for line in lines]
    whole: str | None = None
    single = [line for line, decoded in zip(lines, utf8) if decoded is None]
    main = "utf-8"
    if not any(text is not None and not line.isascii() for line, text in zip(lines, utf8)):
        whole, page = _single_byte(data, path)  # no UTF-8 line: the whole file's code page
        if page is None:
            return whole, ()  # not Cyrillic: charset-normalizer's reading of the whole
        main = code_page = page
    else:
        code_page = _best_code_page(b"\n".join(single)) if single else "cp1251"
    pages = iter(_line_code_pages(single, code_page))
    out: list[str] = []
    recoded: dict[str, list[int]] = {}
    replaced: list[int] = []
    for number, (line, decoded) in enumerate(zip(lines, utf8), start=1):
        if decoded is None:
            encoding = next(pages)
            if main == "utf-8" and len(_HIGH.findall(line[:4000])) < MIN_EVIDENCE:
                decoded = line.decode("utf-8", errors="replace")  # too few letters to say: broken UTF-8
            else:
                decoded = line.decode(encoding, errors="replace")
                if encoding != main:
                    recoded.setdefault(encoding, []).append(number)
        if "\ufffd" in decoded:
            replaced.append(number)
        out.append(decoded)
    if whole is not None and not recoded and not replaced:
        return whole, ()
    return "\n".join(out), (_repair_warning(main, recoded, replaced),)


def _repair_warning(main: str, recoded: dict[str, list[int]], replaced: list[int]) -> Warning:
    parts = [f"{_line_ranges(numbers)} decoded as {_NAMES.get(enc, enc)}" for enc, numbers in recoded.items()]
    if replaced:
        parts.append(f"undecodable bytes replaced in {_line_ranges(replaced)}")
    return Warning("encoding_repaired", f"text read as {_NAMES.get(main, main)}; " + "; ".join(parts))


_NAMES = {"utf-8": "UTF-8", "cp1251": "cp1251", "koi8_r": "koi8-r", "cp866": "cp866"}


def _line_ranges(numbers: list[int]) -> str:
    """[3, 4, 5, 9] -> "lines 3-5, 9" (the first few ranges, then how many more lines)."""
    ranges: list[list[int]] = []
    for n in numbers:
        if ranges and ranges[-1][1] == n - 1:
            ranges[-1][1] = n
        else:
            ranges.append([n, n])
    shown = ", ".join(f"{a}-{b}" if b > a else f"{a}" for a, b in ranges[:_SHOWN])
    rest = sum(b - a + 1 for a, b in ranges[_SHOWN:])
    word = "line" if len(numbers) == 1 else "lines"
    return f"{word} {shown}" + (f" and {rest} more" if rest else "")


def _normalizer(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes  # lazy: only for unusual inputs

    match = from_bytes(data).best()
    if match is None:
        raise ReadError(path, NOT_TEXT)
    return str(match)
