"""clean()'s test for a word mixing Latin and Cyrillic letters answers as the regex it replaced."""

from __future__ import annotations

import random
import re

from protokol.readers.normalize import _mixed, clean

_REGEX = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]")


def test_mixed_answers_as_the_regex() -> None:
    rnd = random.Random(7)
    texts = ["", "Cрок", "абвQ", "Qабв", "ab", "аб", "a б", "xЁ", "Ёx", "PDF-файл", "iPhone"]
    texts += ["".join(rnd.choice("aZбЯ ё1Ёzй-") for _ in range(rnd.randint(0, 8))) for _ in range(20000)]
    for text in texts:
        assert _mixed(text) == bool(_REGEX.search(text)), text


def test_look_alikes_still_folded() -> None:
    assert clean("Cрок исполнения; Pешили; PDF-файл") == "Срок исполнения; Решили; PDF-файл"
