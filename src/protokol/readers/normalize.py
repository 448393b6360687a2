"""Text normalisation shared by every reader: one block of text -> one clean line."""

from __future__ import annotations

import re
import unicodedata

# characters that become a plain space: NBSP, narrow NBSP, figure space, the
# typographic spaces U+2000..U+200A, ideographic space, tabs and line breaks
_SPACE = dict.fromkeys(
    [0x00A0, 0x202F, 0x2007, 0x3000, 0x205F, 0x09, 0x0B, 0x0C, 0x0D, 0x0A]
    + list(range(0x2000, 0x200B)),
    " ",
)
# characters removed: soft hyphen, zero-width space/joiners, word joiner, BOM
_DROP = dict.fromkeys([0x00AD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF], None)
_TABLE = {**_SPACE, **_DROP}
_SPACES = re.compile(r" {2,}")
_SPECIAL_CHARS = "".join(re.escape(chr(c)) for c in _TABLE)
_SPECIAL = re.compile(f"[{_SPECIAL_CHARS}]")
# Latin letters that look like Cyrillic ones ("Cрок" typed with a Latin C): folded to
# Cyrillic inside a word whose other letters are Cyrillic; stress marks on Cyrillic
# vowels (U+0300, U+0301 left after NFC) are dropped
_LATIN_TWINS = "AaBCcEeHKMOoPpTXxy"
_LOOKALIKE = str.maketrans(_LATIN_TWINS, "АаВСсЕеНКМОоРрТХху")
_MIXED = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+")
_STRESS = re.compile(r"(?<=[А-Яа-яЁё])[\u0300\u0301]")
_FOLDABLE = frozenset(_LATIN_TWINS)
_FOLDABLE_CHAR = re.compile(f"[{_LATIN_TWINS}]")
# one scan for everything below that is rare: most blocks need none of it
_ANY_WORK = re.compile(f"[{_SPECIAL_CHARS}\u0300\u0301{_LATIN_TWINS}]")


def clean(text: str) -> str:
    """NFC, odd spaces -> " ", invisible characters dropped, runs of spaces collapsed, stripped.

    >>> clean("  2.1.\\u00a0Срок\\t–\\u00ad до\\u200b 1 июля  ")
    '2.1. Срок – до 1 июля'
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not _ANY_WORK.search(text) and "  " not in text:
        return text.strip()
    if _SPECIAL.search(text):  # str.translate is slow on Cyrillic: only when needed
        text = text.translate(_TABLE)
    if "\u0300" in text or "\u0301" in text:
        text = _STRESS.sub("", text)
    if _FOLDABLE_CHAR.search(text) and _MIXED.search(text):  # the cheap test first
        text = _WORD.sub(_fold_word, text)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _fold_word(m: re.Match[str]) -> str:
    """Cyrillic look-alikes for the Latin letters of a mostly Cyrillic word.

    >>> clean("Cрок – до 1 июля; Pешили; PDF-файл; iPhone")
    'Срок – до 1 июля; Решили; PDF-файл; iPhone'
    """
    word = m.group(0)
    latin = {ch for ch in word if ch.isascii()}
    if not latin or word.isascii() or not latin <= _FOLDABLE:
        return word  # no Latin letter, all Latin, or a Latin letter without a twin
    return word.translate(_LOOKALIKE)


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
