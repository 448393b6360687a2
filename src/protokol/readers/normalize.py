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
_SPECIAL = re.compile("[" + "".join(map(chr, _TABLE)).replace("\n", "\\n") + "]")


def clean(text: str) -> str:
    """NFC, odd spaces -> " ", invisible characters dropped, runs of spaces collapsed, stripped.

    >>> clean("  2.1.\\u00a0Срок\\t–\\u00ad до\\u200b 1 июля  ")
    '2.1. Срок – до 1 июля'
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _SPECIAL.search(text):  # str.translate is slow on Cyrillic: only when needed
        text = text.translate(_TABLE)
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


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
