"""Tables a PDF draws with ruling lines: a table of decisions ("№ | Поручение | Ответственный |
Срок") is read cell by cell, each cell one block with its (table, row, column) as a .docx
table's, so that each row is one directive with its responsible person and deadline, not
the whole table one run of text. Unit cases are built from segments and rules; the last ones
print a .docx to PDF with LibreOffice (it must be installed: the tests fail without it)."""

from __future__ import annotations

import shutil

import pytest

from protokol.api import parse
from protokol.readers.layout import Segment, paragraphs
from protokol.readers.pdf import read_pdf
from protokol.readers.pdf_tables import Rule, grids
from tests.formats.conftest import _soffice

COLUMNS = (60.0, 100.0, 300.0, 420.0, 520.0)
HEADER = ("№", "Поручение", "Ответственный", "Срок")


def seg(text, x0, base, page=1, size=11.0):
    return Segment(text, x0, x0 + 5.5 * len(text), base, size, page)


def grid(top: float, rows: int, page: int = 1, step: float = 40.0, per_cell: bool = False) -> list[Rule]:
    """The ruling lines of a table: rows of `step` points under `top`; drawn as long lines,
    or each cell's borders on their own (as Word prints them)."""
    ys = [top - k * step for k in range(rows + 1)]
    if not per_cell:
        return ([Rule(COLUMNS[0], y - 0.25, COLUMNS[-1], y + 0.25, page) for y in ys]
                + [Rule(x - 0.25, ys[-1], x + 0.25, top, page) for x in COLUMNS])
    return ([Rule(a, y - 0.25, b, y + 0.25, page) for y in ys for a, b in zip(COLUMNS, COLUMNS[1:])]
            + [Rule(x - 0.25, b, x + 0.25, a, page) for a, b in zip(ys, ys[1:]) for x in COLUMNS])


def row(cells: tuple[str, ...], base: float, page: int = 1) -> list[Segment]:
    """A row's texts, one segment a cell; a long cell text goes on a second line."""
    out = []
    for x, text in zip(COLUMNS, cells):
        first, _, rest = text.partition("|")
        out.append(seg(first, x + 4, base, page))
        if rest:
            out.append(seg(rest, x + 4, base - 13, page))
    return out


ROWS = [("1.", "Провести проверку|состояния мостов", "Управление ЖКХ", "до 01.06.2025"),
        ("2.", "Подготовить предложения", "Отдел экономики|(Кузнецова А.А.)", "до 15.06.2025"),
        ("3.", "Обеспечить информировани|е населения", "Пресс-служба", "постоянно")]  # a word broken in a narrow cell


def table_page(per_cell: bool = False) -> tuple[list[list[Segment]], list[Rule]]:
    segs = [seg("ПРОТОКОЛ № 10", 250, 800), seg("РЕШИЛИ:", 60, 760)]
    for k, cells in enumerate((HEADER, *ROWS)):
        segs += row(cells, 725 - 40 * k)
    segs.append(seg("Председатель комиссии А.А. Петров", 60, 540))
    return [segs], grid(740, 4, per_cell=per_cell)


@pytest.mark.parametrize("per_cell", [False, True])
def test_a_ruled_table_is_read_cell_by_cell(per_cell):
    pages, rules = table_page(per_cell)
    blocks = paragraphs(pages, rules)
    assert [b.text for b in blocks if b.cell is None] == ["ПРОТОКОЛ № 10", "РЕШИЛИ:", "Председатель комиссии А.А. Петров"]
    cells = [(b.cell, b.text) for b in blocks if b.cell is not None]
    assert cells[:4] == [((1, 1, c), t) for c, t in enumerate(HEADER, 1)]
    assert cells[4:8] == [((1, 2, 1), "1."), ((1, 2, 2), "Провести проверку состояния мостов"),
                          ((1, 2, 3), "Управление ЖКХ"), ((1, 2, 4), "до 01.06.2025")]
    assert ((1, 3, 3), "Отдел экономики (Кузнецова А.А.)") in cells
    assert ((1, 4, 2), "Обеспечить информирование населения") in cells
    assert [b.paragraph for b in blocks] == list(range(1, len(blocks) + 1))
    assert blocks[2].cell == (1, 1, 1) and blocks[-1].cell is None  # where the table stands


def test_without_rules_the_page_reads_as_before():
    pages, _ = table_page()
    assert all(b.cell is None for b in paragraphs(pages, []))
    assert paragraphs(pages, []) == paragraphs(pages)


@pytest.mark.parametrize("rules", [
    [Rule(50, 500, 500, 500.5, 1)],  # an underline
    [Rule(50, 500, 500, 500.5, 1), Rule(50, 700, 500, 700.5, 1), Rule(50, 500, 50.5, 700, 1),
     Rule(500, 500, 500.5, 700, 1)],  # a frame around text
    [Rule(50, 500, 500, 500.5, 1), Rule(50, 600, 500, 600.5, 1), Rule(50, 700, 500, 700.5, 1)],  # lines only
])
def test_lines_that_draw_no_grid_are_no_table(rules):
    assert grids(rules) == []


def test_rows_not_ruled_off_are_cut_at_their_item_numbers():
    """Column lines, the header ruled off, the rows below it not: each item its own row."""
    pages, _ = table_page()
    rules = grid(740, 1) + [Rule(COLUMNS[0], 579.75, COLUMNS[-1], 580.25, 1)] + \
        [Rule(x - 0.25, 580, x + 0.25, 740, 1) for x in COLUMNS]
    cells = [(b.cell, b.text) for b in paragraphs(pages, rules) if b.cell is not None]
    assert [c for c, _ in cells] == [(1, r, c) for r in range(1, 5) for c in range(1, 5)]
    assert ((1, 2, 2), "Провести проверку состояния мостов") in cells
    assert ((1, 3, 3), "Отдел экономики (Кузнецова А.А.)") in cells


def test_a_page_frame_with_a_title_block_is_no_table():
    """A page drawn on a frame with a title block at its foot (ГОСТ 2.104): the frame and the
    block's short lines meet, but they are no grid over the page's text."""
    frame = [Rule(20, 20, 575, 20.5, 1), Rule(20, 820, 575, 820.5, 1), Rule(20, 20, 20.5, 820, 1),
             Rule(575, 20, 575.5, 820, 1)]
    block = [Rule(390, 20 + 15 * k, 575, 20.5 + 15 * k, 1) for k in range(1, 4)] + \
        [Rule(390 + 45 * k, 20, 390.5 + 45 * k, 75, 1) for k in range(0, 4)]
    assert grids(frame + block) == []
    pages, rules = table_page()
    cells = {b.cell for b in paragraphs(pages, rules + frame + block) if b.cell}
    assert (1, 4, 4) in cells  # the table inside the frame is still read


def test_a_table_going_on_over_the_page_is_one_table_its_repeated_header_dropped():
    page1 = [seg("РЕШИЛИ:", 60, 760)] + row(HEADER, 725) + row(ROWS[0], 685) + [seg("Страница 1 из 2", 250, 40)]
    page2 = row(HEADER, 785, 2) + row(ROWS[1], 745, 2) + row(ROWS[2], 705, 2) + [seg("Председатель", 60, 600, 2)]
    rules = grid(740, 2) + grid(800, 3, page=2)
    cells = [(b.cell, b.text) for b in paragraphs([page1, page2], rules) if b.cell is not None]
    assert [c for c, _ in cells] == [(1, r, c) for r in range(1, 5) for c in range(1, 5)]
    assert [t for c, t in cells if c[2] == 1] == ["№", "1.", "2.", "3."]


def test_a_second_table_with_other_columns_is_another_table():
    page1 = row(HEADER, 725) + row(ROWS[0], 685)
    page2 = [Segment("Приложение", 60, 120, 790, 11.0, 2)] + [seg("x", 70, 745, 2), seg("y", 200, 745, 2),
                                                               seg("z", 330, 745, 2)]
    rules = grid(740, 2) + [Rule(60, 760 - 40 * k, 400, 760.5 - 40 * k, 2) for k in range(3)] + \
        [Rule(x, 680, x + 0.5, 760, 2) for x in (60, 190, 320, 400)]
    tables = {b.cell[0] for b in paragraphs([page1, page2], rules) if b.cell}
    assert tables == {1, 2}


def test_hostile_numbers_of_rules_cost_little():
    import time

    rules = [Rule(float(x), float(y), x + 0.3, y + 50.0, 1) for x in range(0, 600, 3) for y in range(0, 800, 60)]
    rules += [Rule(0.0, float(y), 600.0, y + 0.3, 1) for y in range(0, 800, 2)]
    start = time.process_time()
    grids(rules)
    assert time.process_time() - start < 2.0


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """A protocol with a table of decisions, made with python-docx and printed by LibreOffice."""
    import docx

    exe = shutil.which("soffice")
    assert exe, "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    tmp = tmp_path_factory.mktemp("pdf_tables")
    d = docx.Document()
    for line in ("ПРОТОКОЛ № 10", "заседания комиссии от 15 апреля 2025 г.", "РЕШИЛИ:"):
        d.add_paragraph(line)
    table = d.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("№ п/п", "Поручение", "Ответственный", "Срок исполнения")):
        cell.text = text
    for cells in (("1.", "Провести обследование технического состояния мостов и путепроводов",
                   "Управление ЖКХ (Сидоров С.С.)", "до 01.06.2025"),
                  ("2.", "Подготовить предложения по внесению изменений в программу",
                   "Отдел экономики (Кузнецова А.А.)", "до 15.06.2025")):
        for cell, text in zip(table.add_row().cells, cells):
            cell.text = text
    d.add_paragraph("Председатель комиссии А.А. Петров")
    d.save(tmp / "protocol.docx")
    _soffice(exe, "pdf", [tmp / "protocol.docx"], tmp / "out", tmp / "profile")
    return tmp / "out" / "protocol.pdf"


@pytest.mark.engine("soffice")
def test_a_printed_table_of_decisions_gives_one_directive_a_row(printed):
    found = [(d.id, d.text, list(d.responsible), [x.due for x in d.deadlines])
             for s in parse(printed).sections for d in s.directives]
    assert found == [
        ("1", "Провести обследование технического состояния мостов и путепроводов",
         ["Управление ЖКХ (Сидоров С.С.)"], ["2025-06-01"]),
        ("2", "Подготовить предложения по внесению изменений в программу",
         ["Отдел экономики (Кузнецова А.А.)"], ["2025-06-15"])]


@pytest.mark.engine("soffice")
def test_both_engines_read_the_printed_table_alike(printed):
    data = printed.read_bytes()
    blocks = read_pdf(data, "t.pdf", engine="pdfium")
    assert blocks == read_pdf(data, "t.pdf", engine="pdfplumber")
    assert [b.cell for b in blocks if b.cell][:4] == [(1, 1, 1), (1, 1, 2), (1, 1, 3), (1, 1, 4)]
