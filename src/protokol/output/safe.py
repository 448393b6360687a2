"""Text made harmless for the program that shows it.

Documents are hostile input: a PDF's text layer or a file name can carry terminal escape
sequences, and a directive's text can start like a spreadsheet formula. Every renderer
that writes for a terminal or a spreadsheet passes its text through one of these.

    >>> terminal_text("a\\x1b]0;title\\x07b")
    'a\\\\x1b]0;title\\\\x07b'
    >>> spreadsheet_text("=SUM(A1)"), spreadsheet_text("- пункт"), spreadsheet_text("текст")
    ("'=SUM(A1)", "'- пункт", 'текст')
"""

from __future__ import annotations

import re
from functools import lru_cache

# C0 and C1 controls, DEL, and the Unicode line/paragraph separators; tab and newline are kept.
_CONTROLS = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]"
_CONTROLS_ONE_LINE = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
# OWASP CSV injection: a cell starting with one of these is read as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    """Compiled on first use (~1 ms for the two classes: `protokol deadline` seldom needs them)."""
    return re.compile(pattern)


def _escape(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}" if ord(match.group()) < 0x100 else f"\\u{ord(match.group()):04x}"


def terminal_text(text: str) -> str:
    """Control characters shown as \\xNN escapes; tab and newline kept."""
    controls = _compiled(_CONTROLS)
    return controls.sub(_escape, text) if controls.search(text) else text


def one_line(text: str) -> str:
    """Every control character, newline and tab included, shown as an escape."""
    controls = _compiled(_CONTROLS_ONE_LINE)
    return controls.sub(_escape, text) if controls.search(text) else text


def spreadsheet_text(text: str) -> str:
    """A leading apostrophe where the text would start a formula (OWASP), controls escaped."""
    text = terminal_text(text)
    return "'" + text if text.startswith(FORMULA_START) else text
