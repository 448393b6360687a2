"""An attendees line that names people one after another, then a group after a comma
("…, представители подрядчиков"): each person, then the group; a role after a dash stays
with the names, and a list kept elsewhere names no one."""

from __future__ import annotations

import pytest

from protokol.structure.attendees import attendees
from tests.structure.conftest import parse_lines


@pytest.mark.parametrize("line, expected", [
    ("Лаптев Р.Р., Седова Н.Н., Быков Е.Е., представители ресурсоснабжающих организаций.",
     ["Лаптев Р.Р.", "Седова Н.Н.", "Быков Е.Е.", "представители ресурсоснабжающих организаций"]),
    ("Лаптев Р.Р., Седова Н.Н., руководители школ и др.",
     ["Лаптев Р.Р.", "Седова Н.Н.", "руководители школ и др."]),
    ("Лаптев Р.Р., Седова Н.Н., члены рабочей группы (по списку)", ["Лаптев Р.Р.", "Седова Н.Н."]),
    ("Лаптев Р.Р., Седова Н.Н. – депутаты районного Собрания", ["Лаптев Р.Р., Седова Н.Н. – депутаты районного Собрания"]),
    ("Лаптев Р.Р., начальник управления образования", ["Лаптев Р.Р., начальник управления образования"]),
    ("Лаптев Р.Р., Седова Н.Н.", ["Лаптев Р.Р.", "Седова Н.Н."]),
])
def test_names_then_a_group(line, expected):
    assert attendees([line]) == expected


def test_in_a_protocol_header():
    result = parse_lines("ПРОТОКОЛ", "заседания штаба", "от 5 октября 2029 г. № 9",
                         "Присутствовали: Лаптев Р.Р., Седова Н.Н., главы сельских поселений.",
                         "1. Главам поселений провести сходы граждан до 1 ноября 2029 г.")
    assert result.protocol.attendees == ("Лаптев Р.Р.", "Седова Н.Н.", "главы сельских поселений")
