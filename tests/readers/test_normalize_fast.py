"""clean()'s shortcuts (readers/normalize.py) give what its plain steps give."""

from __future__ import annotations

import sys

from protokol.readers import normalize
from protokol.readers.normalize import clean


def test_every_character_clean_replaces_or_drops_is_unprintable():
    # clean() skips the search for them in text str.isprintable accepts
    assert [hex(c) for c in normalize._TABLE if chr(c).isprintable()] == []


def test_the_special_class_finds_exactly_the_table():
    found = {c for c in range(sys.maxunicode + 1) if normalize._SPECIAL.fullmatch(chr(c))}
    assert found == set(normalize._TABLE)


def test_clean_with_a_link_and_special_characters():
    text = "Cрок\u00a0–\u00ad до 1 июля: https://example.ru/Path?x=Oo \u200bсм.  далее"
    assert clean(text) == "Срок – до 1 июля: https://example.ru/Path?x=Oo см. далее"
    assert clean("Ссылка https://example.ru/AbC, без особых знаков") == "Ссылка https://example.ru/AbC, без особых знаков"
    assert clean("  Pешили\t1 и 2  ") == "Решили 1 и 2"
