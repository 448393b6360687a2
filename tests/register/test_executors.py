"""The executor table: addressees split and put in the nominative (tests/register/executor_table.txt)."""

from __future__ import annotations

from pathlib import Path

import pytest

from protokol.structure.executors import executors_of, split_addressee

TABLE = Path(__file__).with_name("executor_table.txt")
TYPES = {"o": "organization", "p": "position", "h": "person", "g": "group"}
THRESHOLD = 0.95


def _expected(cell: str) -> tuple[str, str, str, str | None]:
    """"+Name /g @Person" -> (name, type, role, person)."""
    text, _, person = cell.partition("@")
    name, _, kind = text.rpartition("/")
    name = name.strip()
    role = "co_executor" if name.startswith("+") else "executor"
    return name.lstrip("+").strip(), TYPES[kind.strip()], role, person.strip() or None


def _table() -> list[tuple[str, list[tuple[str, str, str, str | None]]]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            addressee, _, executors = line.partition("|")
            rows.append((addressee.strip(), [_expected(c) for c in executors.split(";")]))
    return rows


def _got(addressee: str) -> list[tuple[str, str, str, str | None]]:
    return [(e.name, e.type, e.role, e.person) for e in split_addressee(addressee)]


def test_the_table_is_large_enough():
    assert len(_table()) >= 150


def test_accuracy_over_the_table(capsys):
    rows = _table()
    misses = [(a, want, _got(a)) for a, want in rows if _got(a) != want]
    accuracy = 1 - len(misses) / len(rows)
    with capsys.disabled():
        print(f"\nexecutor table: {len(rows) - len(misses)}/{len(rows)} = {accuracy:.1%}")
        for addressee, want, got in misses:
            print(f"  MISS {addressee!r}\n    want {want}\n    got  {got}")
    assert accuracy >= THRESHOLD


@pytest.mark.parametrize("addressee, name", [
    ("Минфину России", "Минфин России"),
    ("Представителям исполнительных органов субъектов Российской Федерации",
     "Представители исполнительных органов субъектов Российской Федерации"),
    ("Главе района Иванову В.В.", "Глава района"),
    ("МКУ «ЕДДС»", "МКУ «ЕДДС»"),
    ("ФГБОУ ДПО «ИРПО»", "ФГБОУ ДПО «ИРПО»"),
])
def test_the_issue_examples(addressee, name):
    first = split_addressee(addressee)[0]
    assert first.name == name
    assert first.as_written == addressee


def test_person_beside_a_position():
    (head,) = split_addressee("Главе района Иванову В.В.")
    assert (head.type, head.person) == ("position", "Иванов В.В.")


def test_nothing_inside_quotes_is_split():
    names = [e.name for e in split_addressee("МУП «Тепло, свет и вода» и Отделу культуры")]
    assert names == ["МУП «Тепло, свет и вода»", "Отдел культуры"]


def test_executors_of_a_directive_keep_each_name_once_per_role():
    found = executors_of(["Минфину края", "Минфину края совместно с Минстроем края"])
    assert [(e.name, e.role) for e in found] == [("Минфин края", "executor"), ("Минстрой края", "co_executor")]


def test_the_library_api():
    import protokol

    assert [e.name for e in protokol.executors("Минтрансу России и Минфину России")] == ["Минтранс России",
                                                                                       "Минфин России"]
    (ref,) = protokol.references("по письму Минтранса России от 3 марта 2024 г. № 12-345")
    assert (ref.kind, ref.number, ref.date, ref.issuer) == ("letter", "12-345", "2024-03-03", "Минтранса России")
    protokol.clear_caches()


def test_a_parsed_directive_gets_the_person_written_beside_its_addressee():
    from protokol.api import parse_text

    text = ("ПРОТОКОЛ\nсовещания\n10 января 2024 г. № 3\nРЕШИЛИ:\n"
            "1. Главе поселения Петрову П.П. обеспечить уборку. Срок – до 1 марта 2024 г.\n"
            "2. Управлению образования (Смирнова А.А.) провести проверку. Срок – до 1 марта 2024 г.\n"
            "3. Минфину края подготовить доклад. Срок – до 1 марта 2024 г.\n")
    found = [[(e.name, e.type, e.person) for e in d.executors] for d in parse_text(text).sections[0].directives]
    assert found == [[("Глава поселения", "position", "Петров П.П.")],
                     [("Управление образования", "organization", "Смирнова А.А.")],
                     [("Минфин края", "organization", None)]]
