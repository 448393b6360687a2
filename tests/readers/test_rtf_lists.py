"""RTF lists through LibreOffice: a sub-item that ends the document keeps its level."""

from __future__ import annotations

from protokol.readers import read_bytes
from protokol.readers.office import end_with_plain_paragraph

LIST_TABLE = (r"{\*\listtable{\list\listtemplateid1"
              r"{\listlevel\levelnfc0\levelstartat1{\leveltext \'02\'00.;}{\levelnumbers\'01;}}"
              r"{\listlevel\levelnfc0\levelstartat1{\leveltext \'04\'00.\'01.;}{\levelnumbers\'01\'03;}}"
              r"\listid1}}{\*\listoverridetable{\listoverride\listid1\listoverridecount0\ls1}}")


def rtf_text(text: str) -> str:
    return "".join(ch if ord(ch) < 128 else rf"\u{ord(ch)}?" for ch in text)


def rtf(items: list[tuple[int | None, str]], end: str = r"\par}") -> bytes:
    paragraphs = []
    for level, text in items:
        props = r"\pard\plain" + ("" if level is None else rf"\ls1\ilvl{level}")
        paragraphs.append(f"{props} {rtf_text(text)}")
    return (r"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}" + LIST_TABLE + "\n"
            + r"\par".join(paragraphs) + end).encode("ascii")


def labels(data: bytes) -> list[tuple[str | None, str]]:
    return [(b.number_label, b.text) for b in read_bytes(data, "t.rtf").blocks]


def test_a_last_sub_item_keeps_its_level_and_the_list_its_counts():
    data = rtf([(None, "Решили:"), (0, "Отделу кадров:"), (1, "подготовить список;"),
                (0, "Бухгалтерии:"), (1, "выплатить премию;"), (1, "составить отчёт.")])
    assert labels(data) == [(None, "Решили:"), ("1.", "Отделу кадров:"), ("1.1.", "подготовить список;"),
                            ("2.", "Бухгалтерии:"), ("2.1.", "выплатить премию;"), ("2.2.", "составить отчёт.")]


def test_the_end_is_patched_only_where_the_file_ends_with_a_brace(tmp_path):
    whole, cut = tmp_path / "whole.rtf", tmp_path / "cut.rtf"
    whole.write_bytes(rb"{\rtf1 text\par}" + b"\r\n\x00")
    cut.write_bytes(rb"{\rtf1 text\par")
    end_with_plain_paragraph(whole)
    end_with_plain_paragraph(cut)
    assert whole.read_bytes() == rb"{\rtf1 text\par\pard\plain\par}"
    assert cut.read_bytes() == rb"{\rtf1 text\par"
