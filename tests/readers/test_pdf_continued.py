"""A text PDF whose later pages open with the protocol's header typed again ("Продолжение
протокола № 5", "Протокол № 5 от 12.03.2025"): dropped as the OCR reader drops it (the
header is not on page 1, so it is no running header), page numbers too; the title of another
protocol atop a page, and such a line inside a page, are kept."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from protokol.readers import read_bytes
from protokol.readers.layout import Segment, paragraphs


def seg(text, x0, base, page=1, size=12.0):
    return Segment(text, x0, x0 + 6 * len(text), base, size, page)


WORK = ["провести осмотр дворовых территорий", "организовать вывоз веток и листвы", "подготовить отчёт о ходе работ",
        "обеспечить уборку остановок"]


def protocol_pages(headers: list[str], footers: list[str]) -> list[list[Segment]]:
    pages = [[seg("ПРОТОКОЛ № 5", 250, 800), seg("заседания комиссии", 230, 780),
              seg("1. Управлению образования подготовить доклад.", 72, 700),
              seg("Срок: до 1 апреля 2025 г.", 72, 670), seg(footers[0], 290, 40)]]
    for n, (header, footer) in enumerate(zip(headers, footers[1:]), start=2):
        pages.append([seg(header, 200, 800, n), seg(f"{n}. Отделу благоустройства {WORK[n]}.", 72, 740, n),
                      seg(f"Срок: {WORK[n].split()[1]} до 20 мая 2025 г.", 72, 710, n), seg(footer, 280, 40, n)])
    return pages


@pytest.mark.parametrize("headers,footers", [
    (["Продолжение протокола № 5"], ["", "2"]),
    (["Протокол № 5 от 12.03.2025"], ["", "- 2 -"]),
    (["Продолжение протокола № 5", "Протокол № 5 от 12.03.2025 г."], ["", "Страница 2 из 3", "Страница 3 из 3"]),
])
def test_header_typed_again_on_later_pages_is_dropped(headers, footers):
    texts = [b.text for b in paragraphs(protocol_pages(headers, [f or "1" for f in footers]))]
    assert texts[:4] == ["ПРОТОКОЛ № 5", "заседания комиссии", "1. Управлению образования подготовить доклад.",
                         "Срок: до 1 апреля 2025 г."]
    assert not any("отокол" in t for t in texts[2:]), texts
    assert len(texts) == 4 + 2 * len(headers) and not any(t.isdigit() or t.startswith(("-", "Стр")) for t in texts)


def test_another_protocols_title_and_a_line_inside_a_page_are_kept():
    pages = protocol_pages(["ПРОТОКОЛ № 6 совещания"], ["1", "2"])
    pages[1].insert(2, seg("Протокол № 5 от 12.03.2025", 72, 720, 2))  # not the top line
    texts = [b.text for b in paragraphs(pages)]
    assert "ПРОТОКОЛ № 6 совещания" in texts and "Протокол № 5 от 12.03.2025" in texts


def printed(d, tmp_path) -> list[str]:
    """The texts of the blocks of a python-docx document printed to PDF by LibreOffice."""
    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    d.save(tmp_path / "p.docx")
    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "p.docx")],
                   check=True, capture_output=True, timeout=120)
    return [b.text for b in read_bytes((tmp_path / "p.pdf").read_bytes(), "p.pdf").blocks]


def test_a_text_pdf_made_by_libreoffice(tmp_path):
    """End to end: a .docx with the header typed atop pages 2 and 3, printed to PDF."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_paragraph("ПРОТОКОЛ № 5")
    d.add_paragraph("заседания комиссии по благоустройству")
    for n in (1, 2, 3):
        if n > 1:
            d.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
            d.add_paragraph("Продолжение протокола № 5" if n == 2 else "Протокол № 5 от 12.03.2025")
        for k in range(3):
            d.add_paragraph(f"{3 * n + k - 2}. Отделу благоустройства {WORK[(n + k) % 4]} в квартале «{'АБВГДЕЖЗИ'[3 * n + k - 3]}».")
        d.add_paragraph(f"Срок: {WORK[n].split()[1]} до {n} июня 2025 г.")
    texts = printed(d, tmp_path)
    assert texts == ["ПРОТОКОЛ № 5", "заседания комиссии по благоустройству"] + [
        t for n in (1, 2, 3) for t in [f"{3 * n + k - 2}. Отделу благоустройства {WORK[(n + k) % 4]} в квартале «{'АБВГДЕЖЗИ'[3 * n + k - 3]}»."
                                 for k in range(3)]
        + [f"Срок: {WORK[n].split()[1]} до {n} июня 2025 г."]]


def tops(texts: list[str], page: int, base: float = 800) -> list[Segment]:
    """Lines atop a page, one under the other (a list in a list: lines on one baseline)."""
    out = []
    for k, text in enumerate(texts):
        if isinstance(text, list):
            out += [seg(t, 200 + 200 * j, base - 16 * k, page) for j, t in enumerate(text)]
        else:
            out.append(seg(text, 200, base - 16 * k, page))
    return out


@pytest.mark.parametrize("top", [
    ["Продолжение протокола"],
    ["Продолжение протокола."],
    ["Продолжение приложения № 1"],
    ["Продолжение приложения 1 к протоколу от 12.03.2025"],
    ["Продолжение протокола", "стр. {n} из 3"],  # the page number under it
    [["Продолжение протокола", "стр. {n} из 3"]],  # ... or beside it
    ["- {n} -", "Продолжение протокола"],  # ... or above it
    ["Продолжение протокола, стр. {n}"],
    ["Продолжение таблицы"],
])
def test_a_line_saying_the_page_goes_on_is_dropped(top):
    """On one later page only: no running header that recurs (drop_running), told by its words."""
    pages = protocol_pages(["x"], ["1", "2"])
    fill = [[t.format(n=2) for t in x] if isinstance(x, list) else x.format(n=2) for x in top]
    pages[1] = tops(fill, 2) + pages[1][1:]
    texts = [b.text for b in paragraphs(pages)]
    assert texts == ["ПРОТОКОЛ № 5", "заседания комиссии", "1. Управлению образования подготовить доклад.",
                     "Срок: до 1 апреля 2025 г.", f"2. Отделу благоустройства {WORK[2]}.",
                     f"Срок: {WORK[2].split()[1]} до 20 мая 2025 г."]


@pytest.mark.parametrize("first", [
    "Продолжение работы комиссии по приёмке дворов.",  # a real first line: words after the noun
    "Продолжение приложения к договору аренды",
    "Продолжение протокола заседания комиссии по благоустройству",
    "2",  # a bare number is no page number unless outermost: here the second line is
])
def test_a_real_first_line_is_kept(first):
    pages = protocol_pages(["x"], ["1", "2"])
    pages[1][0] = seg(first, 72, 760, 2)
    pages[1].insert(0, seg("ОДОБРЕНО", 400, 800, 2))
    texts = [b.text for b in paragraphs(pages)]
    assert first in " ".join(texts) and "ОДОБРЕНО" in texts


def test_a_line_saying_it_goes_on_is_kept_below_the_top():
    pages = protocol_pages(["Продолжение протокола"], ["1", "2"])
    pages[1].insert(2, seg("Продолжение приложения № 1", 72, 725, 2))
    texts = [b.text for b in paragraphs(pages)]
    joined = " ".join(texts)
    assert "Продолжение приложения № 1" in joined and "Продолжение протокола" not in joined


@pytest.mark.engine("soffice")
def test_a_text_pdf_with_goes_on_lines_made_by_libreoffice(tmp_path):
    """End to end: "Продолжение протокола" and "стр. N из 3" typed atop pages 2 and 3, and
    "Продолжение приложения" atop the appendix's second page, printed to PDF."""
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_paragraph("ПРОТОКОЛ № 5")
    d.add_paragraph("заседания комиссии по благоустройству")
    expected = ["ПРОТОКОЛ № 5", "заседания комиссии по благоустройству"]
    for n in (1, 2, 3, 4):
        if n > 1:
            d.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
            d.add_paragraph("Продолжение протокола" if n < 4 else "Продолжение приложения № 1")
            d.add_paragraph(f"стр. {n} из 4")
        if n == 3:
            d.add_paragraph("Приложение № 1")
            expected.append("Приложение № 1")
        for k in range(3):
            text = f"{3 * n + k - 2}. Отделу благоустройства {WORK[(n + k) % 4]} в квартале «{'АБВГДЕЖЗИКЛМ'[3 * n + k - 3]}»."
            d.add_paragraph(text)
            expected.append(text)
        d.add_paragraph(f"Срок: {WORK[n % 4].split()[1]} до {n} июня 2025 г.")
        expected.append(f"Срок: {WORK[n % 4].split()[1]} до {n} июня 2025 г.")
    texts = printed(d, tmp_path)
    assert texts == expected
