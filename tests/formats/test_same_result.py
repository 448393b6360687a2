"""The same document gives the same directives in every format (issues 12 and 14).

Each version of the seed and of every corpus fragment (see conftest.py) is compared with
the .txt, directive by directive: id, kind, text (whitespace aside), addressees,
responsible, deadlines; and the header's date and number.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from protokol.api import parse

from .conftest import FORMATS, OFFICE, fragment_names

DOCUMENTS = ["seed", *fragment_names()]


def summary(path: Path, fmt: str) -> tuple[tuple[str | None, str | None], list[tuple]]:
    """The header's (date, number) and one row per directive."""
    d = parse(path, fmt=fmt, rules="none").to_dict()
    rows = []
    for section in d["sections"]:
        for x in section["directives"]:
            deadlines = [(dl["kind"], dl["bound"], dl["due"], dl["start"], dl["rrule"]) for dl in x["deadlines"]]
            rows.append((x["id"], x["kind"], " ".join(x["text"].split()), x["addressees"], x["responsible"],
                         deadlines))
    return (d["protocol"]["date"], d["protocol"]["number"]), rows


_LETTER_ID = re.compile(r"(?<=\.)[а-и]$")


def letters_as_numbers(rows: list[tuple]) -> list[tuple]:
    """Ids as LibreOffice's .rtf export leaves them: it writes a list of Russian letters
    ("а)", "б)") as a decimal one (its own reading of that .rtf shows "1)", "2)")."""
    return [(_LETTER_ID.sub(lambda m: str("абвгдежзи".index(m[0]) + 1), r[0]), *r[1:]) for r in rows]


@pytest.fixture(scope="session")
def expected(versions) -> dict[str, tuple]:
    return {name: summary(files["txt"], "txt") for name, files in versions.items()}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", DOCUMENTS)
def test_same_directives_as_the_txt(versions, office_docx, expected, name, fmt):
    path = versions[name][fmt]
    header, rows = summary(office_docx[path], "docx") if fmt in OFFICE else summary(path, fmt.split("-")[0])
    want_header, want_rows = expected[name]
    if fmt == "rtf":
        want_rows = letters_as_numbers(want_rows)
    assert rows, f"{name}.{fmt}: no directives"
    assert [r[0] for r in rows] == [r[0] for r in want_rows], f"{name}.{fmt}: directive ids"
    for got, want in zip(rows, want_rows):
        assert got == want, f"{name}.{fmt}: directive {want[0]}"
    assert header == want_header, f"{name}.{fmt}: header date and number"


def test_every_fragment_has_numbered_items_in_its_docx(versions):
    """The .docx versions carry the numbers as Word numbering, not as typed text."""
    from protokol.readers import read

    for name, files in versions.items():
        labels = [b.number_label for b in read(files["docx"]).blocks if b.number_label]
        assert labels, f"{name}.docx has no automatic numbering"
