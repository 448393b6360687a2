"""Covers (deadlines/cover.py): the strings a pattern's match cannot do without, used to
skip rules on text that holds none of them. A cover that missed a string of some match
would lose a deadline: each is checked here against real matches."""

from __future__ import annotations

import re
import sys

import pytest

from protokol.deadlines import _context
from protokol.deadlines.cover import SPACES, cover, covers, gate_text
from protokol.deadlines.extract import scan
from protokol.deadlines.grammar import grammar
from protokol.deadlines.leftovers import DATE_SHAPE
from protokol.deadlines.lexicon import fold

# running text in the shapes of protocol items, with and without deadlines
TEXTS = [
    "Принять информацию к сведению, в том числе в Тверской области (колледж № 12).",
    "Обеспечить подключение к ВКС, которое состоится 25 июня 2024 г. в 10:00 (МСК).",
    "Продолжить исполнение поручений протоколов от 18 мая 2024 г. № 5-пр, от 2 апреля 2024 г.",
    "Представлять отчет ежемесячно, до 5 числа месяца, следующего за отчетным.",
    "Провести совещание\u00a0до\u00a015\u00a0июля\u00a02024\u00a0г.",
    "Срок –\nдо 1 сентября 2024 года, далее – еженедельно по пятницам.",
    "В течение 10 рабочих дней со дня подписания, не реже 2 раз в месяц.",
    "с 01.03.2024 по 31.03.2024, в I квартале 2025 года, 16-00 ч, 9:30",
]


def _examples() -> list[str]:
    return [ex.text for rule in grammar().rules for ex in rule.examples] + TEXTS


@pytest.mark.parametrize("step", grammar().plan, ids=lambda s: s.rule.name)
def test_every_match_holds_each_cover(step):
    regex = step.rule.regex
    found = covers(regex.pattern, regex.flags)
    for text in _examples():
        folded = fold(text)
        if not any(m.end() > m.start() for m in regex.finditer(folded)):
            continue
        gate = gate_text(folded)
        for strings in found:
            assert any(s in gate for s in strings), (step.rule.name, text, strings[:5])


def test_the_date_shape_cover_holds():
    (first, *rest) = covers(DATE_SHAPE.pattern)
    for piece in ["15.07", "01.07.2023", "9:30", "16-00 ч", "5 числа", "5-го рабочего", "срок –", "1 / 12"]:
        assert DATE_SHAPE.search(piece)
        for strings in (first, *rest):
            assert any(s in gate_text(piece) for s in strings), piece


def test_cover_of_simple_patterns():
    assert cover(r"(?<!\w)до\s+\d") is not None
    assert all("до" in s for s in cover(r"(?<!\w)до\s+\d") or ())
    assert set(cover(r"раз(?:а)?\s+в") or ()) <= {"раз в", "раза в", "раз ", "раза "}
    assert cover(r"ab|cd") == ("ab", "cd")
    assert cover(r"a*") is None  # may match nothing
    assert cover(r"(?i)срок") is None  # case is not folded by covers
    assert cover(r"(?:x|\w+)") is None  # a branch without a cover


def test_spaces_are_every_space_but_the_blank():
    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace() and c != 0x20)
    assert SPACES == every
    assert all(re.fullmatch(r"\s", c) for c in SPACES)


def test_text_with_other_digits_is_not_gated():
    assert gate_text("до ١٥ июля") is None
    assert gate_text("до\u00a015\nиюля") == "до 15 июля"


@pytest.mark.parametrize("text", TEXTS + ["до ١٥.٠٧.٢٠٢٤", "срок\u2003–\u2003до\u200915 июля"])
def test_gates_change_nothing(text):
    ctx = _context("2024-06-20", "federal", "back")
    assert scan(text, ctx, whole=False) == scan(text, ctx, whole=False, triggers=False)
    assert scan(text, ctx) == scan(text, ctx, triggers=False)


def test_a_space_of_the_pattern_is_looked_for_as_a_blank():
    assert cover("до\u00a0\\d") is not None
    assert all("\u00a0" not in s for s in cover("до\u00a0\\d") or ())
    assert all("\t" not in s for s in cover("[\\t;]x") or ())
