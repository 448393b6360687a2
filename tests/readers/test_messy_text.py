"""Plain-text files as an archive holds them: every Russian encoding and byte-order mark,
mixed line ends, form feeds, NUL padding, DOS's ^Z, stray control characters, very long
lines, and binary files named .txt. Every file is built here."""

from __future__ import annotations

import codecs
import os
import time

import pytest

from protokol.errors import ReadError
from protokol.readers import read_bytes

TEXT = ("ПРОТОКОЛ\r\nзаседания комиссии по делам несовершеннолетних\r\n\r\n"
        "1. Поручить отделу образования подготовить доклад о ходе работ.\r\nСрок: до 1 июля 2025 г.\r\n")
PARAGRAPHS = ["ПРОТОКОЛ заседания комиссии по делам несовершеннолетних",  # a lower-case line goes on
              "1. Поручить отделу образования подготовить доклад о ходе работ.", "Срок: до 1 июля 2025 г."]


def read(data: bytes, name: str = "t.txt"):
    doc = read_bytes(data, name)
    return [b.text for b in doc.blocks], [(w.code, w.message) for w in doc.warnings]


@pytest.mark.parametrize("data", [
    codecs.BOM_UTF8 + TEXT.encode(),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),  # no BOM: exported by a database, not by Notepad
    TEXT.encode("utf-16-be"),
    codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
    TEXT.encode("cp1251"),
    TEXT.encode("koi8_r"),
    TEXT.encode("cp866"),
], ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf32-bom", "cp1251", "koi8r", "cp866"])
def test_every_encoding_gives_the_same_paragraphs(data):
    assert read(data) == (PARAGRAPHS, [])


def test_lf_cr_and_crlf_mixed_in_one_file():
    mixed = "ПРОТОКОЛ\rзаседания комиссии по делам несовершеннолетних\n\r\n1. Поручить отделу образования " \
            "подготовить доклад о ходе работ.\rСрок: до 1 июля 2025 г.\n"
    assert read(mixed.encode("cp1251"))[0] == PARAGRAPHS


@pytest.mark.parametrize("mark", ["\v", "\u2028", "\u2029", "\u0085"])
def test_manual_line_breaks_and_unicode_separators_are_spaces(mark):
    assert read(f"1. Поручить отделу{mark}образования.".encode())[0] == ["1. Поручить отделу образования."]


def test_form_feeds_count_pages_and_a_sentence_goes_on_across_one():
    data = ("ПРОТОКОЛ\n\n1. Поручить отделу образования подготовить доклад о ходе\f"
            "работ по программе.\n\f2. Принять к сведению.\n").encode()
    doc = read_bytes(data, "t.txt")
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("ПРОТОКОЛ", 1), ("1. Поручить отделу образования подготовить доклад о ходе работ по программе.", 1),
        ("2. Принять к сведению.", 3)]


def test_nul_padding_and_dos_end_of_file_mark_are_dropped_silently():
    assert read(TEXT.encode() + b"\x00" * 500) == (PARAGRAPHS, [])
    assert read(TEXT.encode("cp866") + b"\x1a") == (PARAGRAPHS, [])


def test_a_few_stray_nul_or_control_characters_are_dropped_with_a_warning():
    data = TEXT.encode()
    cut = data.index("Поручить".encode())
    texts, warnings = read(data[:cut] + b"\x00" + data[cut:].replace("Срок".encode(), b"\x07" + "Срок".encode()))
    assert texts == PARAGRAPHS
    assert warnings == [("encoding_repaired", "2 control characters (NUL and the like) dropped")]


@pytest.mark.parametrize("data", [
    b"\x00" * 4096,
    b"\x00\x01\x02",
    "ПРОТОКОЛ № 5\x00".encode() + b"\x0e\x0f\x00".join([b"x"] * 3),
    TEXT.encode()[:40] + b"\x00\x01\x02\x03" * 20 + TEXT.encode()[40:],
    "ПРОТОКОЛ\x01\x02\x03 совещания".encode(),
    os.urandom(0) + bytes(range(256)) * 16,
])
def test_binary_is_not_a_text_file(data):
    with pytest.raises(ReadError, match=r"^t\.txt: not a text file") as err:
        read_bytes(data, "t.txt")
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("data,what", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "a PNG image: a scan is read from a PDF, by OCR"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "a JPEG image"),
    (b"\x1f\x8b\x08\x00" + bytes(64), "a gzip archive: unpack it"),
])
def test_a_known_binary_or_markup_file_named_txt_is_named(data, what):
    with pytest.raises(ReadError) as err:
        read_bytes(data, "t.txt")
    assert str(err.value).startswith(f"t.txt: not a text file: the content is {what}")
    assert "\n" not in str(err.value)


def test_a_web_page_named_txt_is_read_as_a_web_page():
    doc = read_bytes(b"<!DOCTYPE html>\n<html><body>\xcf\xf0\xee\xf2\xee\xea\xee\xeb</body></html>", "t.txt")
    assert (doc.format, [b.text for b in doc.blocks]) == ("html", ["Протокол"])


def test_a_utf16_file_cut_inside_a_character():
    texts, warnings = read(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le") + b"\x04")
    assert texts == PARAGRAPHS
    assert warnings == [("encoding_repaired", "text read as UTF-16; 1 undecodable byte dropped or replaced")]


def test_a_very_long_line_is_one_paragraph_read_in_linear_time():
    line = "Поручить отделу образования подготовить доклад; " * 8000  # 400,000 characters
    start = time.process_time()
    (text,), _ = read(line.encode("cp1251"))
    assert len(text) == len(line.strip()) and time.process_time() - start < 20


def test_empty_and_whitespace_only_files():
    with pytest.raises(ReadError, match=r"^t\.txt: empty file$"):
        read_bytes(b"", "t.txt")
    assert read(b"\r\n \r\n\t\n") == ([], [])
