"""The faster spellings of an addressee's splitting and of an item's verb search find exactly
what the plain ones do: separators and co-executor markers found through their scouts,
bracket depths asked at a few places, a trailing name looked for only where one can end
the text, a glued infinitive looked up before its place is found, a scout that begins
with a space."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from protokol.structure import executors, fields, glued, people, scout
from protokol.structure.markers import markers
from tests.structure.test_fast_paths import _depths_char_by_char

PIECES = [
    "Минфину", "России", "совместно", "СОВМЕСТНО", "ᲃовместно", "с", "со", "во", "взаимодействии", "в",
    "координации", "при", "участии", "с участием", "и", "а также", "Комитету", "по", "культуре",
    "Иванову", "И.", "И.И.", "Петров", "П.П.", "А.", "Мамина-Сибиряка", "провестиблаготворительную",
    "обеспечить", "а" * 41, "в течение", "в срок", "до", "10", "1.02.2024", "ежемесячно", "необходимо",
    "«", "»", "(", ")", "\"", "“", "”", "„", ",", ";", ".", ":", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "-", "ё",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)
SPACED = st.lists(st.sampled_from(PIECES), max_size=16).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXTS, SPACED))
def test_depth_at_each_place(text):
    depth = executors._depth_at(text)
    assert [depth(i) for i in range(len(text))] == _depths_char_by_char(text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXTS, SPACED))
def test_separators_and_markers_through_their_scouts(text):
    for pattern, found in executors._SCOUTS.items():
        assert [(m.span(), m.groups()) for m in scout.finditer(found, pattern, text)] == \
            [(m.span(), m.groups()) for m in pattern.finditer(text)], pattern.pattern


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXTS, SPACED))
def test_trailing_name_looked_for_where_one_can_end(text):
    if people.TRAILING.search(text):
        assert people._may_end_with_name(text)
    plain = people.TRAILING.search(text)
    want = (text, None) if not plain or not plain.start() else \
        (text[: plain.start()].rstrip(" ,"), people.nominative(plain["name"], "datv"))
    assert people.split_trailing_name(text) == want


def _glued_plain(text: str, start: int) -> tuple[int, str] | None:
    for m in glued.GLUED.finditer(text, start):
        if head := glued._glued_head(m.group(0)):
            return m.start(), head
    return None


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXTS, SPACED), st.integers(min_value=0, max_value=40))
def test_glued_infinitive(text, start):
    start = min(start, len(text))
    assert glued.glued_infinitive(text, start) == _glued_plain(text, start)


def test_glued_infinitive_examples():
    text = "Отделу культуры провестиблаготворительную акцию"
    assert glued.glued_infinitive(text, 0) == (16, "провести")
    assert glued.glued_infinitive(text, 18) is None  # the run `start` cuts
    assert glued.glued_infinitive("а" * 41, 0) is None  # over 40 letters: no pair of words


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXTS, SPACED))
def test_markers_that_begin_with_a_space_through_their_scouts(text):
    for name in ("addressee_deadline", "modal"):
        pattern = markers()[name].pattern
        found = scout.scout(pattern.pattern, pattern.flags)
        assert found is not None, name
        plain = pattern.search(text)
        fast = scout.search(found, pattern, text)
        assert (fast.span(), fast.groups()) == (plain.span(), plain.groups()) if plain else fast is None, name
        via_marker = markers()[name].search(text)
        assert (via_marker.span() if via_marker else None) == (plain.span() if plain else None), name


def test_scout_classes_with_spaces():
    assert scout.scout(r"\s+x", 0).pattern.startswith(r"(?-i:[\s])")
    assert scout.scout(r"[\s,]a", re.I).pattern.startswith(r"(?-i:[,\s])")
    assert scout.scout(r"\w+x", 0) is None  # another category: unknown
    assert scout.scout(r"[^,]x", 0) is None  # a negated class: unknown


def test_fast_init_builds_what_the_dataclass_builds():
    from dataclasses import FrozenInstanceError, dataclass, field, replace

    import pytest

    from protokol.structure.labels import Label
    from protokol.structure.lines import Line
    from protokol.structure.slots import fast_init

    @dataclass(frozen=True, slots=True)
    class Plain:
        a: int
        b: str = "x"
        c: tuple[int, ...] = ()

    Fast = fast_init(dataclass(frozen=True, slots=True)(type("Fast", (), {"__annotations__": Plain.__annotations__,
                                                                          "b": "x", "c": ()})))
    for args, kwargs in [((1,), {}), ((1, "y"), {}), ((1,), {"c": (2,)}), ((), {"a": 3, "b": "z", "c": (4,)})]:
        plain, fast = Plain(*args, **kwargs), Fast(*args, **kwargs)
        assert (fast.a, fast.b, fast.c) == (plain.a, plain.b, plain.c)
        assert fast == Fast(*args, **kwargs) and hash(fast) == hash(Fast(*args, **kwargs))
        assert repr(fast).split("(", 1)[1] == repr(plain).split("(", 1)[1]
    with pytest.raises(FrozenInstanceError):
        Fast(1).a = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Fast()  # type: ignore[call-arg]
    assert replace(Fast(1), b="q") == Fast(1, "q")

    @dataclass(frozen=True, slots=True)
    class Listed:
        items: list[int] = field(default_factory=list)

    assert fast_init(Listed).__init__ is Listed.__init__  # a default factory: the dataclass's own stays
    assert Line.__init__.__qualname__ == "Line.__init__" and Label("bullet", "-").path == ()
