"""List labels as an archive's .docx files draw them: bullets in symbol fonts, and the like.
Every document is built here, by hand."""

from __future__ import annotations

import pytest

from protokol.readers import read_bytes

from ._docx import abstract, lvl, make_docx, num, p


def labels(numbering: str, body: str) -> list[tuple[str | None, str]]:
    doc = read_bytes(make_docx(body, numbering=numbering), "t.docx")
    return [(b.number_label, b.text) for b in doc.blocks]


def fonts(name: str) -> str:
    return f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:hint="default"/></w:rPr>'


@pytest.mark.parametrize(("glyph", "font", "shown"), [
    ("\uf0b7", "Symbol", "•"),  # Word's default bullet
    ("\uf0a7", "Wingdings", "▪"),
    ("\uf0d8", "Wingdings", "➢"),
    ("\uf0fc", "Wingdings", "✓"),
    ("\uf076", "Wingdings 2", "•"),  # a picture font: the glyph cannot be told
    ("\uf0b7", None, "•"),  # no font named
    ("o", "Courier New", "o"),  # a text font's character is itself
    ("–", None, "–"),
])
def test_a_bullet_drawn_from_a_symbol_font_is_the_character_it_shows(glyph, font, shown):
    numbering = abstract(1, lvl(0, "bullet", glyph, extra=fonts(font) if font else "")) + num(1, 1)
    assert labels(numbering, p("Провести проверку", num=(1, 0))) == [(shown, "Провести проверку")]


def test_a_symbol_bullet_in_a_table_cell_gives_no_private_use_character():
    numbering = abstract(1, lvl(0, "bullet", "\uf0b7", extra=fonts("Symbol"))) + num(1, 1)
    body = ("<w:tbl><w:tr><w:tc>" + p("1.") + "</w:tc><w:tc>" + p("Провести проверку", num=(1, 0))
            + p("Подготовить справку", num=(1, 0)) + "</w:tc></w:tr></w:tbl>")
    got = labels(numbering, body)
    assert got == [(None, "1."), ("•", "Провести проверку"), ("•", "Подготовить справку")]
