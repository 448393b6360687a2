"""Word numbering as Word and LibreOffice count it: one counter per abstract numbering,
shared by every w:num that points at it; a w:startOverride restarts it where its num is
first used (the way LibreOffice writes a list: one w:num per paragraph)."""

from __future__ import annotations

from protokol.readers import read_bytes

from ._docx import abstract, lvl, make_docx, num, p, start_override

ROMAN_AND_ITEMS = abstract(1, lvl(0, "upperRoman", "%1.")) + abstract(2, lvl(0), lvl(1), lvl(2))


def labels(body: str, numbering: str) -> list[str | None]:
    return [b.number_label for b in read_bytes(make_docx(body, numbering=numbering), "t.docx").blocks]


def test_one_num_per_paragraph_continues_the_shared_counter():
    # LibreOffice's way: every paragraph its own w:num; only a list's first item restarts it
    nums = num(1, 1) + "".join(
        num(n, 2, start_override(0, 1)) if n in (10, 20) else num(n, 2) for n in range(10, 30))
    body = (p("Раздел", num=(1, 0)) + p("Принять к сведению.", num=(10, 0))
            + p("Отделу:", num=(11, 0)) + p("подготовить", num=(12, 1)) + p("направить", num=(13, 1))
            + p("Раздел", num=(1, 0)) + p("Принять к сведению.", num=(20, 0))
            + p("Управлению:", num=(21, 0)) + p("обеспечить", num=(22, 1)))
    assert labels(body, ROMAN_AND_ITEMS + nums) == [
        "I.", "1.", "2.", "2.1.", "2.2.", "II.", "1.", "2.", "2.1."]


def test_a_plain_num_continues_after_an_overriding_one():
    body = "".join(p(f"x{i}", num=(n, 0)) for i, n in enumerate([1, 1, 1, 2, 1, 1]))
    numbering = ROMAN_AND_ITEMS + num(1, 2) + num(2, 2, start_override(0, 8))
    assert labels(body, numbering) == ["1.", "2.", "3.", "8.", "9.", "10."]


def test_the_override_applies_once_where_its_num_is_first_used():
    body = "".join(p(f"x{i}", num=(n, 0)) for i, n in enumerate([2, 2, 3, 2]))
    numbering = ROMAN_AND_ITEMS + num(2, 2, start_override(0, 1)) + num(3, 2)
    assert labels(body, numbering) == ["1.", "2.", "3.", "4."]


def test_restarting_a_level_restarts_the_levels_below_it():
    body = (p("a", num=(1, 0)) + p("a1", num=(1, 1)) + p("a2", num=(1, 1))
            + p("b", num=(2, 0)) + p("b1", num=(1, 1)))
    numbering = ROMAN_AND_ITEMS + num(1, 2) + num(2, 2, start_override(0, 5))
    assert labels(body, numbering) == ["1.", "1.1.", "1.2.", "5.", "5.1."]


def test_lists_of_different_abstract_numberings_count_apart():
    body = "".join(p(f"x{i}", num=(n, 0)) for i, n in enumerate([1, 2, 1, 2]))
    numbering = ROMAN_AND_ITEMS + abstract(3, lvl(0)) + num(1, 2) + num(2, 3)
    assert labels(body, numbering) == ["1.", "1.", "2.", "2."]
