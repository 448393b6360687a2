"""A "Доклад – …" / "Срок – …" line after the last of several lettered or dashed sub-items
closes their lead-in: the sub-items that set no term take it, a note takes none, and
numbered sub-items keep such a line as the last one's own."""

from __future__ import annotations

from tests.structure.conftest import by_id, parse_lines

HEAD = ("ПЕРЕЧЕНЬ ПОРУЧЕНИЙ", "по итогам совещания", "от 10.03.2028 № 3")


def _terms(directive):
    return [(d.kind, d.due) for d in directive.deadlines]


def test_lettered_sub_items_take_the_closing_term_and_its_people():
    found = by_id(parse_lines(*HEAD, "1. Министерству культуры области:",
                              "а) подготовить план гастролей театров;",
                              "б) обновить оборудование домов культуры в 2029 году.",
                              "Доклад – до 1 июня 2028 г.", "Ответственный: Лапшин Д.Д."))
    assert _terms(found["1.а"]) == [("once", "2028-06-01")]
    assert _terms(found["1.б"]) == [("period", "2029-12-31")]  # its own term, not the report's
    assert found["1.а"].responsible == found["1.б"].responsible == ("Лапшин Д.Д.",)


def test_a_note_among_them_takes_no_term():
    found = by_id(parse_lines(*HEAD, "1. Министерству спорта области:",
                              "- информацию о ходе подготовки принять к сведению;",
                              "- провести областную спартакиаду.", "Срок – до 1 мая 2028 г."))
    assert [(d.id, d.kind) for d in found.values()] == [("1", "group"), ("1.-1", "note"), ("1.-2", "task")]
    assert _terms(found["1.-1"]) == [] and _terms(found["1.-2"]) == [("once", "2028-05-01")]


def test_numbered_sub_items_keep_the_line_as_the_last_ones():
    found = by_id(parse_lines(*HEAD, "2. Администрациям районов:",
                              "2.1. обеспечить охрану мест отдыха;",
                              "2.2. о принятых мерах доложить.", "Срок: до 15 мая 2028 г."))
    assert _terms(found["2.1"]) == [] and _terms(found["2.2"]) == [("once", "2028-05-15")]
