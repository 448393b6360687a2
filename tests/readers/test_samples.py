"""The shipped samples: every format of the seed reads to the same blocks.

The .docx carries its item numbers as Word automatic numbering (in number_label),
the .txt and .pdf as typed text, so blocks are compared as label + text with the
spacing after a leading number normalised ("2.1.Пресс" = "2.1. Пресс", "2.1 Создать" =
"2.1. Создать"). The whole document is compared, header lines included: the
attendees table of the .docx reads in row order, left cell then right cell, and the
.pdf layout keeps table cells apart because LibreOffice writes them one after another.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from protokol.readers import read

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
STEM = "protocol-2023-06-20-D05-78"
FILES = [f"{STEM}.txt", f"{STEM}-cp1251.txt", f"{STEM}.docx", f"{STEM}.pdf"]
_LEADING = re.compile(r"^((?:[IVXLC]+|\d+(?:\.\d+)*))\.?\s*")


def normalised(block) -> str:
    text = f"{block.number_label} {block.text}" if block.number_label else block.text
    return _LEADING.sub(r"\1. ", text)


@pytest.fixture(scope="module")
def docs():
    return {name: read(SAMPLES / name) for name in FILES}


@pytest.mark.parametrize("name", FILES[1:])
def test_every_format_reads_to_the_txt_blocks(docs, name):
    expected = [normalised(b) for b in docs[FILES[0]].blocks]
    assert [normalised(b) for b in docs[name].blocks] == expected


def test_seed_block_count_and_landmarks(docs):
    texts = [normalised(b) for b in docs[FILES[0]].blocks]
    assert len(texts) == 140
    assert texts[0] == "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ"
    assert texts[-1] == "М.А. Скворцова"
    assert "2.1. Обеспечить подключение ответственных за мониторинг контрольных цифр приема" in \
        next(t for t in texts if "контрольных" in t)


def test_docx_numbering_labels(docs):
    bs = docs[f"{STEM}.docx"].blocks
    sections = [b.number_label for b in bs if b.number_label and b.number_label[0] in "IVX"]
    assert sections == ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII.", "IX."]
    assert [b.number_label for b in bs if b.number_label and b.number_label.count(".") == 3] == [
        "2.1.1.", "2.1.2.", "2.2.1.", "2.2.2."]
    assert not any(_LEADING.match(b.text) and b.text[0].isdigit() for b in bs)
    headings = [b for b in bs if b.number_label in sections]
    assert all(b.bold for b in headings)


def test_docx_table_and_header_footer(docs):
    bs = docs[f"{STEM}.docx"].blocks
    table = [b.text for b in bs if b.in_table]
    assert table[0].startswith("от Департамента") and "Комарницкая Е.А." in table
    assert len(table) == 11
    assert not any("Протокол № Д05-78/05пр" == b.text for b in bs)


def test_pdf_pages_and_no_running_lines(docs):
    bs = docs[f"{STEM}.pdf"].blocks
    assert bs[0].page == 1 and bs[-1].page == max(b.page for b in bs) >= 5
    assert [b.page for b in bs] == sorted(b.page for b in bs)
    assert not any(b.text == "Протокол № Д05-78/05пр" or b.text.isdigit() for b in bs)


def test_txt_bold_and_paragraphs(docs):
    bs = docs[FILES[0]].blocks
    assert [b.text for b in bs if b.bold] == [
        "МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ", "РОССИЙСКОЙ ФЕДЕРАЦИИ", "(МИНПРОСВЕЩЕНИЯ РОССИИ)"]
    assert [b.paragraph for b in bs] == sorted(b.paragraph for b in bs)
    assert docs[FILES[1]].blocks == bs


def test_samples_script_is_reproducible(tmp_path):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, str(root / "scripts" / "make_samples.py"), "--out", str(tmp_path),
                    "--no-pdf", "--seed", str(SAMPLES / f"{STEM}.txt")], check=True)
    for name in FILES[:3]:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name
