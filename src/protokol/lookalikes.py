"""Letters that look like others: a Latin letter typed in a Cyrillic word ("Cрок"), a
capital O a scanner put for a zero ("2О26"). Each is folded one letter for one, so a span
found in the folded text holds in the text (the readers' clean() and the deadline
reader's folded copy both use them; no import beyond `re`, for `protokol deadline`)."""

from __future__ import annotations

import re

# Latin letters that look like Cyrillic ones ("Cрок" typed with a Latin C): folded to
# Cyrillic inside a word whose other letters are Cyrillic
LATIN_TWINS = "AaBCcEeHKMOoPpTXxy"
_LOOKALIKE = str.maketrans(LATIN_TWINS, "АаВСсЕеНКМОоРрТХху")
_LATIN_NEXT_TO_CYRILLIC = re.compile(r"[A-Za-z](?:(?<=[А-Яа-яЁё].)|(?=[А-Яа-яЁё]))")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]+")
_FOLDABLE = frozenset(LATIN_TWINS)
_FOLDABLE_CHAR = re.compile(f"[{LATIN_TWINS}]")
def fold_lookalikes(text: str) -> str:
    """The Latin look-alikes of mostly Cyrillic words made Cyrillic, one letter for one:
    the same length, so a span found in the result holds in `text`.

    >>> fold_lookalikes("дo 1 фeвраля")
    'до 1 февраля'
    """
    if _FOLDABLE_CHAR.search(text) and _mixed(text):  # the cheap test first
        return _WORD.sub(_fold_word, text)
    return text



# a number a scanner read with a letter O for a zero: "2О26", "1О марта", "01.03.2О26" (a
# run of digits and capital O, Cyrillic or Latin, with a digit and an O, no letter around)
_DIGIT_O = re.compile(r"(?<![^\W\d_])(?=[\dОO]*\d)(?=[\dОO]*[ОO])[\dОO]{2,}(?![^\W\d_])")
_ZERO = str.maketrans("ОO", "00")


def fold_zeros(text: str) -> str:
    """The capital O a scanner put for a zero inside a number made a zero, one for one.

    >>> fold_zeros("до 01.03.2О26, Об исполнении")
    'до 01.03.2026, Об исполнении'
    """
    if not _beside_digit(text, "О") and not _beside_digit(text, "O"):
        return text
    return _DIGIT_O.sub(lambda m: m.group(0).translate(_ZERO), text)


def _beside_digit(text: str, letter: str) -> bool:
    """Does `letter` stand next to a digit somewhere in the text (what every _DIGIT_O match holds)?"""
    at = text.find(letter)
    while at >= 0:
        if at and text[at - 1].isdecimal() or text[at + 1:at + 2].isdecimal():
            return True
        at = text.find(letter, at + 1)
    return False


def _mixed(text: str) -> bool:
    """A Latin letter next to a Cyrillic one (what [A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]
    finds): a pattern that begins with the Latin letter alone, so that the engine skips to
    the Latin letters and looks around each (a run [A-Za-z]+ is tried at every position)."""
    return _LATIN_NEXT_TO_CYRILLIC.search(text) is not None


def _fold_word(m: re.Match[str]) -> str:
    """Cyrillic look-alikes for the Latin letters of a mostly Cyrillic word.

    >>> fold_lookalikes("Cрок – до 1 июля; Pешили; PDF-файл; iPhone")
    'Срок – до 1 июля; Решили; PDF-файл; iPhone'
    """
    word = m.group(0)
    latin = {ch for ch in word if ch.isascii()}
    if not latin or word.isascii() or not latin <= _FOLDABLE:
        return word  # no Latin letter, all Latin, or a Latin letter without a twin
    return word.translate(_LOOKALIKE)
