"""The .txt reader: encodings, paragraphs, page breaks, bold markers."""

from __future__ import annotations

import codecs

import pytest

from protokol.errors import ReadError
from protokol.readers import read_bytes
from protokol.readers.text_encoding import cyrillic_score, decode

TEXT = "ПРОТОКОЛ\n\nРЕШИЛИ:\n\n1. Принять информацию к сведению.\n\nСрок - до 1 июля 2023 г.\n"
SHORT = "Срок: до 1 июля"


def texts(data: bytes) -> list[str]:
    return [b.text for b in read_bytes(data, "t.txt").blocks]


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM, native order
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    TEXT.encode("cp1251"),
    TEXT.encode("koi8_r"),
    TEXT.replace("\n", "\r\n").encode("cp1251"),
    TEXT.replace("\n", "\r").encode("koi8_r"),
    TEXT.replace("\n", "\r\n").encode("cp866"),
], ids=["utf8", "utf8-bom", "utf16", "utf16-be", "utf16-le", "cp1251", "koi8-r", "cp1251-crlf",
        "koi8-cr", "cp866-crlf"])
def test_encodings_and_line_ends(data):
    assert texts(data) == ["ПРОТОКОЛ", "РЕШИЛИ:", "1. Принять информацию к сведению.",
                           "Срок - до 1 июля 2023 г."]


@pytest.mark.parametrize("text", [
    SHORT, "Москва", "Приложение", "РЕШИЛИ: принять к сведению", "Отв.: Иванов И.И.",
    "ежемесячно, до 5 числа", "Председательствовал: В.С. Неумывакин",
])
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "cp866"])
def test_short_single_byte_texts_are_told_apart(text, encoding):
    assert decode(text.encode(encoding)) == text


def test_cyrillic_score_prefers_lower_case_prose():
    assert cyrillic_score("принять к сведению") > cyrillic_score("ПРИНЯТЬ К СВЕДЕНИЮ")


def test_other_single_byte_text_goes_to_charset_normalizer():
    # accented Latin letters come one at a time, not in Cyrillic-like runs: not cp1251/koi8-r;
    # charset-normalizer picks some Latin code page (its exact choice on short texts varies)
    text = "Café crème, naïve façade, déjà vu. " * 5
    decoded = decode(text.encode("latin-1"))
    assert len(decoded) == len(text)
    assert decoded.startswith("Caf") and "cr" in decoded and not any("а" <= c <= "я" for c in decoded)


@pytest.mark.parametrize("data", [
    b"\x00\x01\x02\x03binary\x00",
    bytes(range(256)) * 4,
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    codecs.BOM_UTF8 + b"\xff\xfe\xfa",
])
def test_garbage_is_not_a_text_file(data):
    with pytest.raises(ReadError, match="not a text file"):
        read_bytes(data, "garbage.txt")


@pytest.mark.parametrize("text,expected", [
    # a plain line break starts a new block ...
    ("Ковалев Д.С.\nБондарь О.А.", ["Ковалев Д.С.", "Бондарь О.А."]),
    # ... unless the next line starts lower-case
    ("от Департамента государственной политики\nв сфере образования\nМинпросвещения России",
     ["от Департамента государственной политики в сфере образования", "Минпросвещения России"]),
    # a sentence broken by a page break (blank lines between) is joined
    ("2.1. Обеспечить подключение ответственных за мониторинг контрольных\n\nцифр приема;",
     ["2.1. Обеспечить подключение ответственных за мониторинг контрольных цифр приема;"]),
    # ... but not after terminal punctuation
    ("1. Принять информацию Неумывакина В.С. к сведению.\n\nв 2023 году",
     ["1. Принять информацию Неумывакина В.С. к сведению.", "в 2023 году"]),
    # ... nor after a short or upper-case heading line
    ("ПРОТОКОЛ\n\nсовещания с победителями", ["ПРОТОКОЛ", "совещания с победителями"]),
    ("М.А. Скворцова\n\nот ФГБОУ ДПО", ["М.А. Скворцова", "от ФГБОУ ДПО"]),
    # whitespace-only lines (spaces, NBSP, tabs) are blank
    ("a.\n \u00a0\t\nB", ["a.", "B"]),
    ("  1.\tПринять   к\u00a0сведению.  ", ["1. Принять к сведению."]),
    # the next lettered item after a term line ending with "." is a line of its own ...
    ("а) представить предложения;\nДоклад – до 1 апреля 2025 г.\nб) обеспечить мониторинг.",
     ["а) представить предложения;", "Доклад – до 1 апреля 2025 г.", "б) обеспечить мониторинг."]),
    # ... a sentence wrapped before a word that is no label is still joined
    ("Доклад – до 1 апреля 2025 г.\nв части субсидий.", ["Доклад – до 1 апреля 2025 г. в части субсидий."]),
])
def test_paragraphs(text, expected):
    assert texts(text.encode("utf-8")) == expected


def test_paragraph_numbers_count_source_paragraphs():
    bs = read_bytes("\n\nА.\n\nдлинный абзац, разорванный страницей без точки\n\nв конце\n\nБ.".encode(),
                    "t.txt").blocks
    assert [(b.text, b.paragraph) for b in bs] == [
        ("А.", 1), ("длинный абзац, разорванный страницей без точки в конце", 2), ("Б.", 4)]


def test_form_feed_pages_and_rejoin_across_the_page():
    text = ("I. Раздел.\n\n2.1. Обеспечить подключение ответственных за мониторинг контрольных\n"
            "\f\nцифр приема.\n\nСрок – 22 июня.\f3. Итог.")
    bs = read_bytes(text.encode(), "t.txt").blocks
    assert [(b.text, b.page) for b in bs] == [
        ("I. Раздел.", 1),
        ("2.1. Обеспечить подключение ответственных за мониторинг контрольных цифр приема.", 1),
        ("Срок – 22 июня.", 2), ("3. Итог.", 3)]


def test_no_form_feed_no_pages():
    assert {b.page for b in read_bytes(TEXT.encode(), "t.txt").blocks} == {None}


def test_bold_markers():
    text = ("**МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ\nРОССИЙСКОЙ ФЕДЕРАЦИИ**\n\n"
            "почту: **cluster2023@firpo.ru**.\n\n**Срок** – до 1 июля.")
    bs = read_bytes(text.encode(), "t.txt").blocks
    assert [(b.text, b.bold) for b in bs] == [
        ("МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ", True), ("РОССИЙСКОЙ ФЕДЕРАЦИИ", True),
        ("почту: cluster2023@firpo.ru.", False), ("Срок – до 1 июля.", False)]


def test_unpaired_markers_are_kept():
    assert texts("a ** b".encode()) == ["a ** b"]


def test_document_fields():
    doc = read_bytes(TEXT.encode("cp1251"), "p.txt")
    assert (doc.format, doc.path, doc.blocks[0].in_table, doc.blocks[0].number_label) == (
        "txt", "p.txt", False, None)


def test_repair_warning_names_line_ranges_briefly():
    from protokol.readers.text_encoding import _line_ranges

    assert _line_ranges([3]) == "line 3"
    assert _line_ranges([3, 4, 5, 9]) == "lines 3-5, 9"
    assert _line_ranges(list(range(1, 40, 2))) == "lines 1, 3, 5, 7, 9, 11, 13, 15 and 12 more"


def test_all_capitals_lines_follow_the_code_page_around_them():
    from protokol.readers.text_encoding import decode_report

    cp1251 = "Принять информацию к сведению.\nРЕШИЛИ:\nПодготовить отчет о работе.\n"
    koi8 = "Обеспечить представление информации.\nРЕШИЛИ:\nПринять к сведению.\n"
    text, (warning,) = decode_report(cp1251.encode("cp1251") + koi8.encode("koi8_r"))
    assert text == cp1251 + koi8 and warning.code == "encoding_repaired"
