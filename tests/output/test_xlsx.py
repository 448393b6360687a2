"""xlsx: read the workbook back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import pytest

from protokol.output import xlsx
from protokol.output.register import COLUMNS
from tests.output.outdata import bare_result, seed_result

openpyxl = pytest.importorskip("openpyxl")


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture()
def book(results):
    return load(xlsx.render(results))


def by_item(sheet) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        rows.setdefault(row[2], []).append(row)
    return rows


def test_two_sheets_header_freeze_filter(book):
    assert book.sheetnames == ["Реестр", "Протокол"]
    sheet = book["Реестр"]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:L{sheet.max_row}"
    assert sheet.max_row == 11  # header + 9 seed rows + 1 bare row


def test_rows_tasks_only_and_one_row_per_deadline(book):
    rows = by_item(book["Реестр"])
    assert "IV.1" not in rows and "IV.2" not in rows  # note, group without deadlines
    assert len(rows["IV.2.9"]) == 2
    assert rows["IV.2.8"][0][6:11] == (None, None, None, None, None)  # no deadline, still a row
    assert [r[0] for r in book["Реестр"].iter_rows(min_row=2, values_only=True)] == list(range(1, 11))


def test_dates_are_real_dates(book):
    sheet = book["Реестр"]
    rows = by_item(sheet)
    once = rows["IV.2.1"][0]
    assert once[7] == dt.datetime(2023, 8, 20, 9, 0)
    assert once[8] == dt.datetime(2023, 8, 18, 9, 0)
    assert once[10] == "однократный"
    moved = rows["IV.2.9"][1]
    assert isinstance(moved[7], dt.datetime) and moved[7].date() == dt.date(2023, 7, 1)
    assert moved[8] == dt.datetime(2023, 6, 30)
    cells = {c.row: c for c in sheet["H"]}
    fmt = {c.number_format for c in cells.values() if c.value is not None and c.row > 1}
    assert fmt == {'DD.MM.YYYY HH:MM "МСК"', "DD.MM.YYYY"}


def test_texts(book):
    rows = by_item(book["Реестр"])
    first = rows["IV.2.1"][0]
    assert first[1].startswith("IV. Об информационно")
    assert first[4] == ("Представителям исполнительных органов субъектов Российской Федерации; "
                        "Пресс службам региональных органов исполнительной власти")
    assert first[5] == "Бондарь О.А."
    assert first[11] == "samples/protocol-2023-06-20-D05-78.txt"
    assert rows["IV.2.7"][0][9] == "еженедельно, пт до 18:00 МСК"
    assert rows["IV.2.5"][0][9] == "еженедельно, до 20.08.2023"
    assert rows["IV.2.9"][0][10] == "не распознан"
    assert book["Реестр"]["D1"].alignment.wrap_text


def test_protocol_sheet(book):
    sheet = book["Протокол"]
    rows = list(sheet.iter_rows(values_only=True))
    head = rows[0]
    assert len(rows) == 3
    seed = dict(zip(head, rows[1]))
    assert seed["Номер"] == "Д05-78/05пр"
    assert seed["Дата"] == dt.datetime(2023, 6, 20)
    assert seed["Председатель"] == "В.С. Неумывакин"
    assert seed["SHA-256"] == "ab" * 32
    assert seed["Присутствовали"] == "М.А. Скворцова; Ковалев Д.С."
    assert dict(zip(head, rows[2]))["Файл"] == "other.txt"


def test_byte_identical_and_fixed_zip_dates(results):
    first = xlsx.render(results)
    time.sleep(1.1)
    assert xlsx.render(results) == first
    with zipfile.ZipFile(io.BytesIO(first)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 6, 20, 0, 0, 0)}
    props = load(first).properties
    assert props.created == props.modified == dt.datetime(2023, 6, 20)


def test_control_characters_dropped():
    from dataclasses import replace

    result = seed_result()
    section = result.sections[0]
    bad = replace(section.directives[0], text="Предоставить\x0bинформацию")
    result = replace(result, sections=(replace(section, directives=(bad,)),))
    sheet = load(xlsx.render([result]))["Реестр"]
    assert sheet["D2"].value == "Предоставитьинформацию"


def test_empty_input():
    sheet = load(xlsx.render([]))["Реестр"]
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:L1"


def test_bare_protocol_uses_fallback_stamp():
    props = load(xlsx.render([bare_result()])).properties
    assert props.created == dt.datetime(2000, 1, 1)
