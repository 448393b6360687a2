"""Structure markers: the table is checked at load, and `requires` never changes a result."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.errors import GrammarError
from protokol.grammar_files import read_yaml
from protokol.structure.markers import FILE, compile_markers, markers


@pytest.fixture(scope="module")
def table():
    return read_yaml(FILE)


def _broken(table, name, **changes):
    broken = copy.deepcopy(table)
    broken[name].update(changes)
    return broken


@pytest.mark.parametrize(
    ("changes", "why"),
    [
        ({"requires": "сведению"}, "requires must be a list"),
        ({"requires": ["Сведению"]}, "lower-case"),
        ({"requires": [""]}, "lower-case"),
        ({"requires": ["поручение"]}, "none of the required words"),
        ({"pattern": "(к сведению"}, "bad pattern"),
        ({"colour": "red"}, "only keys"),
    ],
)
def test_broken_marker_names_file_and_marker(table, changes, why):
    with pytest.raises(GrammarError) as err:
        compile_markers(_broken(table, "note", **changes))
    assert err.value.file == FILE and err.value.rule == "note"
    assert why in err.value.why


# pieces of protocol text around the markers that declare `requires`, case and
# look-alike letters included ("ᲃ" is a Cyrillic "с" that IGNORECASE matches)
PIECES = [
    "Принять", "принять", "ПРИНЯТЬ", "информацию", "ИНФОРМАЦИЮ", "Информацию", "к", "К", "сведению",
    "СВЕДЕНИЮ", "ᲃведению", "ᲁоклад", "доклад", "Доклад", "одобрить", "отметить", "Иванова", "И.И.",
    "срок", "Срок", "СРОК", "сроки", "исполнения", "–", "-", ":", "до", "1", "июля", "ответственный",
    "Ответственные", "ОТВЕТСТВЕННЫЙ", "отв.", "Отв.", "(", ")", ";", ",", ".", "Подготовить", "отчет",
    "ᲂтв.", "представить", "необходимо", "НЕОБХОДИМО", "следует", "Пресс", "службам", "нужно", "надлежит",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_requires_only_skips_text_the_pattern_cannot_match(text):
    for name, marker in markers().items():
        if not marker.requires:
            continue
        assert bool(marker.search(text)) == bool(marker.pattern.search(text)), (name, text)
        assert bool(marker.match(text)) == bool(marker.pattern.match(text)), (name, text)
        assert [m.span() for m in marker.finditer(text)] == [m.span() for m in marker.pattern.finditer(text)]
        assert marker.sub("", text) == marker.pattern.sub("", text)


def test_requires_skips_the_search():
    note = markers()["note"]
    assert note.requires and not note.possible("Обеспечить подготовку отчета")
    assert note.search("Информацию докладчика принять к сведению.")
    assert note.search("Принять к ᲃведению.")  # case-folded like IGNORECASE does
