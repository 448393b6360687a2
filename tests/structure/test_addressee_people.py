"""The people in parentheses inside a list of addressees ("Минфину (Котова К.К.), Минэкономики
(Орлов О.О.) …") answer for it: they are `responsible` and each body's executor `person`, and
the addressee names only the bodies, as it does when one body is addressed."""

from __future__ import annotations

import pytest

from tests.structure.conftest import parse_lines


def _first(text):
    result = parse_lines("ПРОТОКОЛ", "совещания", "от 1 марта 2029 г. № 1", text)
    return result.sections[0].directives[0]


@pytest.mark.parametrize("text, addressee, responsible, executors", [
    ("1. Комитету финансов района (Котова К.К.), комитету экономики района (Орлов О.О.) подготовить "
     "проект программы.", "Комитету финансов района, комитету экономики района", ("Котова К.К.", "Орлов О.О."),
     [("Комитет финансов района", "Котова К.К."), ("Комитет экономики района", "Орлов О.О.")]),
    ("1. Комитету финансов района (Котова К.К.) совместно с комитетом экономики района подготовить проект "
     "программы.", "Комитету финансов района совместно с комитетом экономики района", ("Котова К.К.",),
     [("Комитет финансов района", "Котова К.К."), ("Комитет экономики района", None)]),
    ("1. Комитету финансов района (Котова К.К.) подготовить проект программы.", "Комитету финансов района",
     ("Котова К.К.",), [("Комитет финансов района", "Котова К.К.")]),
    # parentheses that name no one stay: they are part of the body's name
    ("1. Главам сельсоветов (поссоветов) района, комитету экономики района (Орлов О.О.) подготовить проект "
     "программы.", "Главам сельсоветов (поссоветов) района, комитету экономики района", ("Орлов О.О.",), None),
])
def test_people_inside_a_list_of_addressees(text, addressee, responsible, executors):
    found = _first(text)
    assert (found.addressees, found.responsible) == ((addressee,), responsible)
    if executors is not None:
        assert [(e.name, e.person) for e in found.executors] == executors
