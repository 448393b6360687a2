"""Outputs for a whole archive: one register, one calendar, references resolved between protocols."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil

import icalendar
import openpyxl

from protokol.api import parse_text
from protokol.output import archive
from protokol.output.json import records_of
from tests.conftest import sample_paths
from tests.register.protocols import FIRST, OTHER, SECOND


def _results():
    return [parse_text(FIRST, name="a/first.txt"), parse_text(SECOND, name="a/second.txt"),
            parse_text(OTHER, name="b/other.txt")]


def _sheet(path, name="Реестр") -> list[dict]:
    sheet = openpyxl.load_workbook(path)[name]
    head = [c.value for c in sheet[1]]
    return [dict(zip(head, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_a_result_survives_its_json():
    for result in _results():
        assert archive.result_from_dict(json.loads(json.dumps(result.to_dict()))) == result


def test_records_regroup_into_results():
    results = _results()
    records = [r for result in results for r in records_of(result.to_dict())]
    regrouped = archive.results_from_records(records)
    assert [r["source"]["path"] for r in regrouped] == ["a/first.txt", "a/second.txt", "b/other.txt"]
    again = [archive.result_from_dict(r) for r in regrouped]
    assert [r.sections for r in again] == [r.sections for r in results]
    assert again[1].protocol.references == results[1].protocol.references
    assert again[0].protocol.organization == "АДМИНИСТРАЦИЯ ЗАРЕЧНОГО РАЙОНА"


def test_references_resolved_by_number_date_and_organization():
    rows = archive.resolve_references([r.to_dict() for r in _results()])
    assert [(r["from"], r["item"], r["reference"]["kind"], r["to"]) for r in rows] == [
        ("a/second.txt", None, "letter", None),  # the title's letter
        ("a/second.txt", "1", "protocol", "a/first.txt"),  # № 5-пр of 10.01.2024: the same administration's
        ("a/second.txt", "1", "letter", None),
    ]


def test_archive_register_xlsx_and_csv(tmp_path):
    plain = [r.to_dict() for r in _results()]
    archive.write_archive_register(plain, tmp_path / "register.xlsx")
    rows = _sheet(tmp_path / "register.xlsx")
    assert {r["Файл"] for r in rows} == {"a/first.txt", "a/second.txt", "b/other.txt"}
    first = [r for r in rows if r["Файл"] == "a/first.txt"]
    assert [r["Исполнитель"] for r in first if r["Пункт"] == "1"] == [
        "Минфин края", "Минстрой края", "Управление образования администрации района"]
    second = next(r for r in first if r["Пункт"] == "2")
    assert (second["Исполнитель"], second["Должностное лицо"], second["Соисполнители"]) == (
        "Глава поселения", "Петров П.П.", "МУП «Теплосеть»")
    assert second["Первый срок"] == dt.datetime(2024, 1, 12, 17, 0)
    default = next(r for r in first if r["Пункт"] == "3")
    assert default["Как получена дата"].startswith("срок не указан: месяц со дня протокола")
    assert default["Срок с учётом выходных"] == dt.datetime(2024, 2, 9)  # 10.02.2024 is a Saturday
    cited = next(r for r in rows if r["Файл"] == "a/second.txt" and r["Пункт"] == "1")
    assert cited["Ссылки на документы"] == ("протокол № 5-пр от 10.01.2024 (файл: a/first.txt); "
                                            "письмо Минстроя края № 12-345 от 02.02.2024")
    refs = _sheet(tmp_path / "register.xlsx", "Ссылки")
    assert [r["Файл документа"] for r in refs] == [None, "a/first.txt", None]
    assert len(_sheet(tmp_path / "register.xlsx", "Протоколы")) == 3
    archive.write_archive_register(plain, tmp_path / "register.csv")
    text = (tmp_path / "register.csv").read_bytes().decode("utf-8")
    assert text.startswith("\ufeff№;Номер протокола;Дата протокола;")  # Excel's conventions by default


def test_archive_calendar(tmp_path):
    archive.write_archive_calendar([r.to_dict() for r in _results()], tmp_path / "calendar.ics", ics_kind="event")
    cal = icalendar.Calendar.from_ical((tmp_path / "calendar.ics").read_bytes())
    uids = [str(e["uid"]) for e in cal.walk("VEVENT")]
    assert len(uids) == len(set(uids)) == 5 and not cal.walk("VTODO")


def test_batch_writes_one_register_and_one_calendar(tmp_path):
    from protokol.batch import BatchConfig, run

    root = tmp_path / "archive"
    for folder in ("copies", "district"):
        (root / folder).mkdir(parents=True)
    for path in sample_paths():
        if path.suffix == ".txt":
            shutil.copy(path, root / "copies" / path.name)
    (root / "district" / "first.txt").write_text(FIRST, encoding="utf-8")
    (root / "district" / "second.txt").write_text(SECOND, encoding="utf-8")
    (root / "district" / "other.txt").write_text(OTHER, encoding="utf-8")
    summary = run(BatchConfig(root, tmp_path / "out", jobs=1))
    assert summary.failed == 0
    out = tmp_path / "out"
    rows = _sheet(out / "register.xlsx")
    assert {r["Файл"].split("/")[0] for r in rows} == {"copies", "district"}
    assert all(r["Вид пункта"] == "поручение" for r in rows)
    cal = icalendar.Calendar.from_ical((out / "calendar.ics").read_bytes())
    uids = [str(c["uid"]) for c in cal.walk() if c.name in ("VTODO", "VEVENT")]
    assert uids and len(uids) == len(set(uids))  # the seed's copies share their UIDs: kept once
    links = [json.loads(line) for line in (out / "references.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {"from": "district/second.txt", "item": "1", "to": "district/first.txt"}.items() <= next(
        link for link in links if link["reference"]["number"] == "5-пр").items()
    header = (out / "register.csv").read_bytes()[:60].decode("utf-8", "ignore")
    assert header.startswith("\ufeff№;Номер протокола")
    assert openpyxl.load_workbook(io.BytesIO((out / "register.xlsx").read_bytes())).sheetnames == [
        "Реестр", "Протоколы", "Ссылки"]


def test_a_failing_archive_write_is_one_clear_error(tmp_path):
    from protokol.errors import ProtokolError

    try:
        archive.write_archive_outputs_apart(tmp_path / "missing-folder", tmp_path / "no-such.jsonl")
    except ProtokolError as exc:
        assert "no-such.jsonl" in str(exc) and "\n" not in str(exc)
    else:
        raise AssertionError("no error")
