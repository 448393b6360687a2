"""protokol.output.safe: text made harmless for terminals and spreadsheets."""

from __future__ import annotations

import pytest

from protokol.output.safe import FORMULA_START, one_line, spreadsheet_text, terminal_text

CONTROLS = [chr(c) for c in [*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)]] + ["\u2028", "\u2029"]


def test_terminal_text_escapes_every_control_but_tab_and_newline():
    text = "".join(CONTROLS)
    shown = terminal_text("a" + text + "\tb\nc")
    assert all(c not in shown for c in CONTROLS)
    assert shown.endswith("\tb\nc") and shown.startswith("a\\x00\\x01")
    assert "\\x1b" in shown and "\\x9b" in shown and "\\u2028" in shown


def test_terminal_text_keeps_plain_text_as_is():
    text = "Протокол № Д05-78/05пр — «Профессионалитет»\tдо 18:00 (МСК)\n"
    assert terminal_text(text) is text


@pytest.mark.parametrize("text, expected", [
    ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),
    ("\x1b[2J", "\\x1b[2J"),
    ("\r\n", "\\x0d\n"),
])
def test_terminal_text_examples(text, expected):
    assert terminal_text(text) == expected


def test_one_line_escapes_newlines_and_tabs_too():
    shown = one_line("a\nb\tc\r\x1b[2J\u2029")
    assert shown == "a\\x0ab\\x09c\\x0d\\x1b[2J\\u2029"
    assert "\n" not in one_line("\n".join(CONTROLS))


@pytest.mark.parametrize("start", FORMULA_START)
def test_spreadsheet_text_neutralizes_every_formula_start(start):
    text = spreadsheet_text(start + "1+1")
    assert text.startswith("'") or not text.startswith(FORMULA_START)
    assert not text.startswith(FORMULA_START)


@pytest.mark.parametrize("text, expected", [
    ("=HYPERLINK(\"http://e.x\",\"y\")", "'=HYPERLINK(\"http://e.x\",\"y\")"),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "\\x0d=1+1"),
    ("текст =1+1", "текст =1+1"),
    ("", ""),
    ("'уже", "'уже"),
])
def test_spreadsheet_text_examples(text, expected):
    assert spreadsheet_text(text) == expected
