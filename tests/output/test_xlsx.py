"""xlsx: read the workbook back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile

import openpyxl

from protokol.output import xlsx
from protokol.output.register import COLUMNS
from tests.output.outdata import bare_result, seed_result


def load(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def book_of(results, **options):
    return load(xlsx.render(results, **options))


def records(sheet) -> list[dict]:
    head = [c.value for c in sheet[1]]
    return [dict(zip(head, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def by_item(sheet) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for row in records(sheet):
        rows.setdefault(row["Пункт"], []).append(row)
    return rows


def test_sheets_header_freeze_filter(results):
    book = book_of(results)
    assert book.sheetnames == ["Реестр", "Протоколы", "Ссылки"]
    sheet = book["Реестр"]
    assert [c.value for c in sheet[1]] == list(COLUMNS)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:W{sheet.max_row}"
    assert sheet.max_row == 12  # header + 10 seed rows (IV.2.1 has two executors) + 1 bare row


def test_tasks_only_one_row_per_deadline_and_executor(results):
    rows = by_item(book_of(results)["Реестр"])
    assert "IV.1" not in rows and "IV.2" not in rows  # note, group
    assert len(rows["IV.2.9"]) == 2
    assert [r["Исполнитель"] for r in rows["IV.2.1"]] == [
        "Представители исполнительных органов субъектов Российской Федерации",
        "Пресс службы региональных органов исполнительной власти"]
    empty = rows["IV.2.8"][0]
    assert (empty["Срок (как в тексте)"], empty["Дата срока"], empty["Как получена дата"]) == (None, None, None)
    assert [r["№"] for r in records(book_of(results)["Реестр"])] == list(range(1, 12))


def test_all_kinds_adds_notes_and_groups(results):
    rows = by_item(book_of(results, all_kinds=True)["Реестр"])
    assert rows["IV.1"][0]["Вид пункта"] == "к сведению"
    assert rows["IV.2"][0]["Вид пункта"] == "вводный пункт"


def test_dates_are_real_dates_and_the_rule_is_named(results):
    sheet = book_of(results)["Реестр"]
    rows = by_item(sheet)
    once = rows["IV.2.1"][0]
    assert once["Дата срока"] == dt.datetime(2023, 8, 20, 9, 0)
    assert once["Срок с учётом выходных"] == dt.datetime(2023, 8, 18, 9, 0)
    assert once["Вид срока"] == "однократный"
    assert once["Как получена дата"] == ("по тексту; выходной день: перенесено на предыдущий рабочий день "
                                         "(типовой регламент)")
    assert once["Дата протокола"] == dt.datetime(2023, 6, 20)
    moved = rows["IV.2.9"][1]
    assert moved["Дата срока"].date() == dt.date(2023, 7, 1)
    assert moved["Срок с учётом выходных"] == dt.datetime(2023, 6, 30)
    column = COLUMNS.index("Дата срока") + 1
    fmt = {c.number_format for c in next(sheet.iter_cols(column, column, 2)) if c.value is not None}
    assert fmt == {'DD.MM.YYYY HH:MM "МСК"', "DD.MM.YYYY"}


def test_recurring_first_due_and_end(results):
    rows = by_item(book_of(results)["Реестр"])
    friday = rows["IV.2.7"][0]
    assert friday["Первый срок"] == dt.datetime(2023, 6, 23, 18, 0)  # the first Friday on or after 20.06.2023
    assert friday["Как получена дата"] == "по тексту"
    weekly = rows["IV.2.5"][0]
    assert weekly["Первый срок"] == dt.datetime(2023, 6, 20)
    assert weekly["Окончание повторения"] == dt.datetime(2023, 8, 20)
    assert rows["II.2.1"][0]["Первый срок"] == dt.datetime(2023, 6, 26)  # a Monday


def test_texts(results):
    rows = by_item(book_of(results)["Реестр"])
    first = rows["IV.2.1"][0]
    assert first["Раздел"].startswith("IV. Об информационно")
    assert first["Тип исполнителя"] == "группа"
    assert first["Ответственные"] == "Бондарь О.А."
    assert first["Контроль"] == "М.А. Скворцову"
    assert first["Файл"] == "samples/protocol-2023-06-20-D05-78.txt"
    assert first["Номер протокола"] == "Д05-78/05пр"
    assert rows["IV.2.7"][0]["Периодичность"] == "еженедельно, пт до 18:00 МСК"
    assert rows["IV.2.5"][0]["Периодичность"] == "еженедельно, до 20.08.2023"
    assert rows["IV.2.9"][0]["Вид срока"] == "не распознан"
    assert rows["II.2.2"][0]["Ссылки на документы"] == (
        "протокол № Д05-56/05пр от 16.05.2023; письмо Минпросвещения России № 05-1234 от 29.05.2023")


def test_column_widths_fit_their_contents(results):
    sheet = book_of(results)["Реестр"]
    width = {name: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
             for i, name in enumerate(COLUMNS, 1)}
    assert width["№"] < width["Пункт"] < width["Исполнитель"]
    assert width["Поручение"] == 60  # capped: the text wraps
    assert sheet["G1"].alignment.wrap_text


def test_protocol_and_reference_sheets(results):
    book = book_of(results)
    rows = records(book["Протоколы"])
    assert len(rows) == 2
    seed = rows[0]
    assert seed["Номер"] == "Д05-78/05пр"
    assert seed["Дата"] == dt.datetime(2023, 6, 20)
    assert seed["Председатель"] == "В.С. Неумывакин"
    assert seed["Контроль"] == "М.А. Скворцову"
    assert seed["SHA-256"] == "ab" * 32
    assert seed["Присутствовали"] == "М.А. Скворцова; Ковалев Д.С."
    assert rows[1]["Файл"] == "other.txt"
    refs = records(book["Ссылки"])
    assert [(r["Пункт"], r["Вид документа"], r["Номер документа"], r["Дата документа"], r["Кем издан"])
            for r in refs] == [("II.2.2", "протокол", "Д05-56/05пр", dt.datetime(2023, 5, 16), None),
                               ("II.2.2", "письмо", "05-1234", dt.datetime(2023, 5, 29), "Минпросвещения России")]


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
    assert records(book_of([result])["Реестр"])[0]["Поручение"] == "Предоставитьинформацию"


def test_empty_input():
    sheet = book_of([])["Реестр"]
    assert sheet.max_row == 1 and sheet.auto_filter.ref == "A1:W1"


def test_bare_protocol_uses_fallback_stamp():
    props = book_of([bare_result()]).properties
    assert props.created == dt.datetime(2000, 1, 1)
