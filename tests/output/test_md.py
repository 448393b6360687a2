"""md: structure of the Markdown report."""

from __future__ import annotations

import re

import pytest

from protokol.output import md

ROW = re.compile(r"^\|.*\|$")


def split_cells(line: str) -> list[str]:
    """Cells of a table row, honouring escaped pipes."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]


def tables(text: str) -> dict[str, list[list[str]]]:
    """Rows of each section's table (header and rule excluded), keyed by heading."""
    out: dict[str, list[list[str]]] = {}
    heading = None
    for line in text.splitlines():
        if line.startswith("## "):
            heading = line[3:]
            out[heading] = []
        elif ROW.match(line) and heading and not line.startswith("| Пункт") and not line.startswith("|---"):
            out[heading].append(split_cells(line))
    return out


@pytest.fixture()
def text(results) -> str:
    return md.render(results)


def test_headings(text):
    assert [line for line in text.splitlines() if line.startswith("# ")] == [
        "# Протокол № Д05-78/05пр от 20.06.2023", "# Протокол (other.txt)"]
    assert [line for line in text.splitlines() if line.startswith("## ")] == [
        "## II. Об исполнительской дисциплине",
        "## IV. Об информационно-медийном сопровождении Всероссийской приемной кампании",
        "## Предупреждения",
        "## Решения",
    ]


def test_details_bullets(text):
    head = text.split("## ", 1)[0]
    assert "- **Председатель:** В.С. Неумывакин" in head
    assert "- **Место:** Москва" in head
    assert "- **Присутствовали:** М.А. Скворцова; Ковалев Д.С." in head
    assert "Секретарь" not in head  # empty fields are left out
    assert "Докладчики: Бондарь О.А." in text


def test_table_rows_and_columns(text):
    rows = tables(text)
    assert len(rows["II. Об исполнительской дисциплине"]) == 2
    section = rows["IV. Об информационно-медийном сопровождении Всероссийской приемной кампании"]
    assert [r[0] for r in section] == ["IV.1", "IV.2", "IV.2.1", "IV.2.2", "IV.2.5", "IV.2.7", "IV.2.8", "IV.2.9"]
    assert all(len(r) == 5 for r in section)
    by_id = {r[0]: r for r in section}
    assert by_id["IV.2.1"][3] == "до 20.08.2023 09:00 МСК (факт. 18.08.2023 09:00)"
    assert by_id["IV.2.1"][4] == "18.08.2023 09:00 МСК"
    assert by_id["IV.2.7"][3] == "еженедельно, пт до 18:00 МСК"
    assert by_id["IV.2.9"][3] == "не распознан: к очередному заседанию<br>до 01.07.2023 (факт. 30.06.2023)"
    assert by_id["IV.2.9"][4] == "—<br>30.06.2023"
    assert by_id["IV.1"][1].startswith("(к сведению) ")


def test_escaping(text):
    line = next(x for x in text.splitlines() if x.startswith("| IV.2.7 "))
    assert "Заполнить отчет \\| за текущую неделю по ссылке<br><https://forms.yandex.ru/u/648b/>." in line
    assert len(split_cells(line)) == 5


@pytest.mark.parametrize("raw, expected", [
    ("a|b", "a\\|b"), ("a\nb", "a<br>b"), ("a\r\nb", "a<br>b"), ("a\\b", "a\\\\b"), (None, ""), ("", ""),
])
def test_cell(raw, expected):
    assert md.cell(raw) == expected


def test_warnings_listed(text):
    assert "- `deadline.unparsed`: не распознан срок: к очередному заседанию (абз. 97)" in text


def test_deterministic(results):
    assert md.render(results) == md.render(results)
    assert md.render([]) == ""
