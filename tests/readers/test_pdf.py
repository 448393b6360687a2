"""The .pdf reader: engines, layout heuristics, running headers, hyphens, errors."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from protokol.errors import ReadError
from protokol.readers import Limits, read, read_bytes
from protokol.readers.layout import Segment, join_hyphen, join_lines, paragraphs
from protokol.readers.pdf import read_pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "readers"
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "protocol-2023-06-20-D05-78.pdf"


@pytest.fixture(scope="module")
def hyphens() -> bytes:
    return (FIXTURES / "hyphens.pdf").read_bytes()


def test_hyphens_fixture(hyphens):
    bs = read_bytes(hyphens, "hyphens.pdf").blocks
    assert [(b.text, b.page, b.paragraph) for b in bs] == [
        ("ПРОТОКОЛ", 1, 1),
        ("1. Обеспечить подготовку образовательных программ для "
         "образовательно-производственных центров (кластеров).", 1, 2),
        ("Срок – до 1 июля 2023 г.", 1, 3),
        # continued on page 2: joined, page of its first line
        ("2. Представить отчет о ходе работ в адрес Минпросвещения России.", 1, 4),
        ("3. Принять информацию к сведению.", 2, 5),
        ("4. Направить предложения по документам в Департамент.", 3, 6),
        ("Срок – еженедельно.", 3, 7),
    ]


def test_running_header_and_page_numbers_are_removed(hyphens):
    texts = " ".join(b.text for b in read_bytes(hyphens, "h.pdf").blocks)
    assert "Протокол № 7/23-пр" not in texts
    assert not any(b.text.isdigit() for b in read_bytes(hyphens, "h.pdf").blocks)


@pytest.mark.parametrize("path", [SAMPLE, FIXTURES / "hyphens.pdf"], ids=["sample", "hyphens"])
def test_engines_give_identical_documents(path):
    data = path.read_bytes()
    assert read_pdf(data, "x", engine="pdfium") == read_pdf(data, "x", engine="pdfplumber")


def test_unknown_engine():
    with pytest.raises(ValueError):
        read_pdf(b"%PDF-1.4", "x", engine="ghostscript")


@pytest.mark.parametrize("before,after,expected", [
    ("подготовку образова-", "тельных программ", "подготовку образовательных программ"),
    ("для образовательно-", "производственных центров", "для образовательно-производственных центров"),
    ("информационно-", "медийном", "информационно-медийном"),
    ("Учебно-", "производственных", "Учебно-производственных"),
    ("кое-", "как", "кое-как"),
    ("№Д05-", "35/05пр", "№Д05-35/05пр"),
    ("Срок –", "до 1 июля", "Срок – до 1 июля"),
    ("по ссылке https://sferum.ru/?", "call_link=Y1b07z", "по ссылке https://sferum.ru/?call_link=Y1b07z"),
    ("ссылке https://disk.yandex.ru/i/k28n9GU0_IvtHw.", "Срок", "ссылке https://disk.yandex.ru/i/k28n9GU0_IvtHw. Срок"),
    ("в адрес", "Минпросвещения", "в адрес Минпросвещения"),
    ("ФГБОУ ДПО -", "институт", "ФГБОУ ДПО - институт"),
])
def test_join_lines(before, after, expected):
    assert join_lines(before, after) == expected


@pytest.mark.parametrize("left,right,drop", [
    ("образова", "тельных", True), ("профес", "сионального", True), ("обще", "ственный", True),
    ("образовательно", "производственных", False), ("материально", "технической", False),
    ("кое", "как", False), ("северо", "западный", False),
])
def test_join_hyphen(left, right, drop):
    assert join_hyphen(left, right) is drop


def seg(text, x0, base, page=1, size=12.0):
    return Segment(text, x0, x0 + 6 * len(text), base, size, page)


def test_layout_gap_indent_item_and_table_columns():
    page = [
        seg("Присутствовали:", 72, 760),
        seg("от Департамента государственной", 72, 738),  # table cell, left column
        seg("политики", 72, 724),
        seg("М.А. Скворцова", 320, 738),  # right column: above the previous line
        seg("Первый абзац начинается с отступа", 108, 700),
        seg("и продолжается у левого поля.", 72, 686),
        seg("Второй абзац с отступом.", 108, 672),
        seg("2.1. Пункт без отступа и без интервала", 72, 658),
        seg("Срок – до 1 июля.", 72, 644),
    ]
    assert [b.text for b in paragraphs([page])] == [
        "Присутствовали:", "от Департамента государственной политики", "М.А. Скворцова",
        "Первый абзац начинается с отступа и продолжается у левого поля.",
        "Второй абзац с отступом.", "2.1. Пункт без отступа и без интервала", "Срок – до 1 июля."]


def test_layout_running_lines_need_half_of_the_pages():
    pages = []
    for n in range(1, 5):
        lines = [seg("Протокол № 5", 300, 800, n)] if n != 4 else []
        lines += [seg(f"Текст страницы {n} без точки", 72, 700 - k * 14, n) for k in range(4)]
        lines += [seg(f"- {n} -", 290, 40, n)]
        pages.append(lines)
    texts = [b.text for b in paragraphs(pages)]
    assert not any("Протокол" in t or t.startswith("-") for t in texts)
    assert texts[0].startswith("Текст страницы 1 без точки")


def test_single_page_keeps_its_title_but_drops_a_bare_page_number():
    page = [seg("ПРОТОКОЛ", 250, 800), seg("Текст.", 72, 700), seg("Текст два.", 72, 650),
            seg("1", 290, 40)]
    assert [b.text for b in paragraphs([page])] == ["ПРОТОКОЛ", "Текст.", "Текст два."]


# ---------------------------------------------------------------- errors


def test_scanned_pdf_has_no_text_layer():
    with pytest.raises(ReadError, match=r"no text layer \(scanned\?\)"):
        read(FIXTURES / "scanned.pdf")


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_encrypted_pdf(engine):
    with pytest.raises(ReadError, match="encrypted PDF"):
        read_pdf((FIXTURES / "encrypted.pdf").read_bytes(), "e.pdf", engine=engine)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_too_many_pages(engine, hyphens):
    with pytest.raises(ReadError, match="3 pages .limit 2."):
        read_pdf(hyphens, "h.pdf", Limits(max_pages=2), engine=engine)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("data", [b"%PDF-1.7\n garbage", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"])
def test_corrupt_pdf(engine, data):
    with pytest.raises(ReadError):
        read_pdf(data, "c.pdf", engine=engine)


def test_truncated_sample_is_an_error_or_a_prefix():
    data = SAMPLE.read_bytes()[:20000]
    with pytest.raises(ReadError):
        read_bytes(data, "cut.pdf")


def test_pdf_libraries_are_imported_lazily():
    import subprocess

    code = ("import sys, protokol.readers, protokol.readers.pdf, protokol.readers.docx, "
            "protokol.readers.txt; "
            "print(any(m in sys.modules for m in ('pdfplumber', 'pypdfium2', 'pdfminer', "
            "'charset_normalizer', 'pymorphy3', 'docx')))")
    src = str(Path(__file__).resolve().parents[2] / "src")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": src}, check=True)
    assert out.stdout.strip() == "False"


def test_image_pdf_made_by_pillow_in_the_test(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("L", (200, 300), 255).save(path, "PDF")
    with pytest.raises(ReadError, match="no text layer"):
        read(path)


def test_layout_short_last_line_ends_a_paragraph_without_spacing_or_indent():
    full = "x" * 70
    page = [seg(full, 72, 760), seg("конец абзаца.", 72, 746), seg("Новый абзац " + full[12:], 72, 732),
            seg("и его продолжение.", 72, 718), seg("Третий " + full[7:], 72, 704),
            seg("сокращение т.", 72, 690),
            seg("е. строчная буква", 72, 676)]
    assert [b.text for b in paragraphs([page])] == [
        f"{full} конец абзаца.", f"Новый абзац {full[12:]} и его продолжение.",
        f"Третий {full[7:]} сокращение т. е. строчная буква"]


def test_layout_one_line_paragraphs_with_spacing():
    # mostly one-line paragraphs 20 pt apart, one two-line paragraph at 14 pt pitch
    page = [seg(f"Строка {k}.", 72, 760 - 20 * k) for k in range(6)]
    page += [seg("Длинный абзац", 72, 640), seg("в две строки.", 72, 626)]
    assert [b.text for b in paragraphs([page])] == [f"Строка {k}." for k in range(6)] + [
        "Длинный абзац в две строки."]


@pytest.mark.parametrize("footer", ["7", "- 7 -", "– 7 –", "Страница 7", "Страница 7 из 9", "стр. 7",
                                    "7/9"])
def test_bare_page_numbers_in_the_margin_are_dropped(footer):
    page = [seg("Текст первый.", 72, 700), seg("Текст второй.", 72, 650), seg("Текст третий.", 72, 600),
            seg("Текст четвертый.", 72, 550), seg("Текст пятый.", 72, 500), seg(footer, 290, 40)]
    assert footer not in [b.text for b in paragraphs([page])]


def test_a_number_inside_the_body_is_kept():
    page = [seg("Итого:", 72, 700), seg("42", 72, 680), seg("Текст.", 72, 650), seg("Еще.", 72, 620),
            seg("Конец.", 72, 600), seg("Совсем конец.", 72, 580)]
    assert any("42" in b.text for b in paragraphs([page]))


# ---------------------------------------------------------------- pdfium: linear text, child process


def _pdfs() -> dict[str, bytes]:
    from tests.hostile.test_pdf_bombs import fan_out, glyph_lines

    owner = Path(__file__).resolve().parents[1] / "hostile" / "fixtures" / "encrypted-owner-only-text.pdf"
    return {"sample": SAMPLE.read_bytes(), "hyphens": (FIXTURES / "hyphens.pdf").read_bytes(),
            "owner-only": owner.read_bytes(), "baselines": glyph_lines(600), "fan-out": fan_out(3)}


@pytest.mark.parametrize("name", list(_pdfs()))
def test_character_index_gives_what_pdfium_gives(name):
    """Large pages are read through the character index instead of pdfium's per-rectangle
    calls; forced on every page here, both give identical Segments."""
    import pypdfium2 as pdfium

    from protokol.readers.pdf_text import Budget, page_segments

    pdf = pdfium.PdfDocument(_pdfs()[name])
    for i in range(len(pdf)):
        page = pdf[i]
        tp = page.get_textpage()
        scanned = page_segments(tp, i + 1, Budget("x", 10**9), scan_limit=10**18)
        indexed = page_segments(tp, i + 1, Budget("x", 10**9), scan_limit=-1)
        assert indexed == scanned
        tp.close()
        page.close()


@pytest.mark.parametrize("name", ["sample", "hyphens", "owner-only", "baselines"])
def test_child_process_gives_the_in_process_document(name):
    data = _pdfs()[name]
    assert read_pdf(data, "x", isolate=True) == read_pdf(data, "x", isolate=False)


def test_character_budget(hyphens, monkeypatch):
    monkeypatch.setattr("protokol.readers.pdf.MAX_CHARS", 100)
    with pytest.raises(ReadError, match=r"too many characters of text \(limit 100\)"):
        read_pdf(hyphens, "h.pdf")
