"""Text normalisation shared by every reader: one block of text -> one clean line."""

from __future__ import annotations

import functools
import re
import sys
import unicodedata

from protokol.lookalikes import LATIN_TWINS, _mixed, fold_lookalikes  # noqa: F401 - _mixed: tested here

# characters that become a plain space: NBSP, narrow NBSP, figure space, the
# typographic spaces U+2000..U+200A, ideographic space, tabs and line breaks (the line and
# paragraph separators U+2028/U+2029 and NEL U+0085 among them)
_SPACE = dict.fromkeys(
    [0x00A0, 0x202F, 0x2007, 0x3000, 0x205F, 0x09, 0x0B, 0x0C, 0x0D, 0x0A, 0x2028, 0x2029, 0x0085]
    + list(range(0x2000, 0x200B)),
    " ",
)
# characters removed: soft hyphen, zero-width space/joiners, word joiner, BOM, and the
# bidirectional controls (marks U+200E/F and U+061C, embeddings and overrides U+202A..E,
# isolates U+2066..9): invisible, they would otherwise hide a label ("2.\u202e Текст")
_DROP = dict.fromkeys([0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x200E, 0x200F, 0x061C]
                      + list(range(0x202A, 0x202F)) + list(range(0x2066, 0x206A)), None)
_TABLE = {**_SPACE, **_DROP}
_SPACES = re.compile(r" {2,}")
_SPECIAL_CHARS = "".join(re.escape(chr(c)) for c in _TABLE)
_SPECIAL = re.compile(f"[{_SPECIAL_CHARS}]")
# stress marks on Cyrillic vowels (U+0300, U+0301 left after NFC) are dropped
_STRESS = re.compile(r"(?<=[А-Яа-яЁё])[\u0300\u0301]")
# Unicode normalization sorts a run of combining marks by insertion: quadratic in the
# run's length. No script stacks more than a few marks on one letter; the Stream-Safe
# Text Format (UAX #15) allows 30, and so do we: the marks after the 30th of a run go.
MAX_MARKS = 30


@functools.cache
def _long_marks() -> re.Pattern[str]:
    """More than MAX_MARKS characters of non-zero combining class in a row.

    Built on first need (~0.1 s: every code point is asked once), for text that is not
    NFC already; checking that (unicodedata.is_normalized) is linear.
    """
    ranges: list[list[int]] = []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(cp)):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    marks = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" if b > a else re.escape(chr(a))
                    for a, b in ranges)
    return re.compile(f"[{marks}]{{{MAX_MARKS + 1},}}")


# one scan for everything below that is rare: most blocks need none of it
_ANY_WORK = re.compile(f"[{_SPECIAL_CHARS}\u0300\u0301{LATIN_TWINS}]")


def clean(text: str) -> str:
    """NFC, odd spaces -> " ", invisible characters dropped, runs of spaces collapsed, stripped.

    >>> clean("  2.1.\\u00a0Срок\\t–\\u00ad до\\u200b 1 июля  ")
    '2.1. Срок – до 1 июля'
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", _long_marks().sub(_first_marks, text))
    if not _ANY_WORK.search(text) and "  " not in text:
        return text.strip()
    # str.translate is slow on Cyrillic: only when needed; every character of _TABLE is one
    # str.isprintable refuses (a space other than " ", a control or format character: a
    # test checks), and isprintable costs less than the class's search
    if not text.isprintable() and _SPECIAL.search(text):
        text = text.translate(_TABLE)
    if "\u0300" in text or "\u0301" in text:
        text = _STRESS.sub("", text)
    text = fold_lookalikes(text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _first_marks(m: re.Match[str]) -> str:
    return m.group(0)[:MAX_MARKS]


TERMINAL = (".", ";", ":", "!", "?")


def starts_lower(text: str) -> bool:
    """The first letter or digit of the text is a lower-case letter."""
    for ch in text:
        if ch.isalnum():
            return ch.islower()
    return False


def ends_open(text: str) -> bool:
    """The text does not end with terminal punctuation (. ; : ! ?), quotes and brackets aside."""
    return not text.rstrip(")»\"'”*").endswith(TERMINAL)
