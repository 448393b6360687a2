"""Every format rendered from every shipped sample of the seed protocol, then read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr

from protokol.output.formats import FORMATS
from protokol.output.register import rows
from protokol.output.schema import validate
from tests.conftest import sample_paths

SAMPLES = [p.name for p in sample_paths()]
MSK = ZoneInfo("Europe/Moscow")
pytestmark = pytest.mark.skipif(not SAMPLES, reason="no samples")


@pytest.fixture(params=SAMPLES)
def parsed(request, seed_results):
    return seed_results[request.param]


def render(name, result, **options):
    return FORMATS[name].render([result], **options)


def test_json_round_trip_and_schema(parsed):
    data = json.loads(render("json", parsed))
    assert data == json.loads(json.dumps(parsed.to_dict()))
    validate(data)


def test_jsonl_records_validate(parsed):
    lines = render("jsonl", parsed).splitlines()
    assert len(lines) == sum(len(s.directives) for s in parsed.sections)
    for line in lines:
        validate(json.loads(line), "record")


def test_xlsx_reads_back(parsed):
    openpyxl = pytest.importorskip("openpyxl")
    data = render("xlsx", parsed)
    assert data == render("xlsx", parsed)
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Реестр"]
    assert sheet.max_row == len(rows([parsed])) + 1
    head = [c.value for c in sheet[1]]
    found = {r["Пункт"]: r for r in (dict(zip(head, v)) for v in sheet.iter_rows(min_row=2, values_only=True))}
    assert found["IV.2.1"]["Дата срока"] == dt.datetime(2023, 8, 20, 9, 0)
    assert found["IV.2.1"]["Срок с учётом выходных"] == dt.datetime(2023, 8, 18, 9, 0)
    assert found["III.2.1"]["Дата срока"] == dt.datetime(2023, 6, 22)
    assert found["IV.2.7"]["Периодичность"] == "еженедельно, пт до 18:00 МСК"
    assert found["IV.2.1"]["Исполнитель"] == "Пресс службы региональных органов исполнительной власти"
    assert book["Протоколы"]["D2"].value == "Д05-78/05пр"


def test_csv_reads_back(parsed):
    text = render("csv", parsed, excel=True)
    assert text.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert len(table) == len(rows([parsed]))
    found = {r["Пункт"]: r for r in table}
    assert found["VIII.2.3"]["Дата срока"] == "01.07.2023"
    assert found["VIII.2.3"]["Срок с учётом выходных"] == "30.06.2023"


def test_ics_reads_back_and_expands(parsed):
    icalendar = pytest.importorskip("icalendar")
    cal = icalendar.Calendar.from_ical(render("ics", parsed))
    todos = {str(t["summary"]).split(":", 1)[0]: t for t in cal.walk("VTODO")}
    dated = sum(1 for s in parsed.sections for d in s.directives for x in d.deadlines if x.due or x.rrule)
    assert len(cal.walk("VTODO")) == dated
    friday = todos["IV.2.7"]
    start = friday["dtstart"].dt
    assert start == dt.datetime(2023, 6, 23, 18, 0, tzinfo=MSK)
    rule = rrulestr(friday["rrule"].to_ical().decode(), dtstart=start)
    assert [rule[i] for i in range(3)] == [dt.datetime(2023, m, d, 18, 0, tzinfo=MSK) for m, d in
                                           ((6, 23), (6, 30), (7, 7))]
    thursday = todos["III.2.2"]["dtstart"].dt
    assert thursday == dt.datetime(2023, 6, 22, 12, 0, tzinfo=MSK)
    until = todos["IV.2.5"]
    last = list(rrulestr(until["rrule"].to_ical().decode(),
                         dtstart=dt.datetime.combine(until["dtstart"].dt, dt.time())))[-1]
    assert last == dt.datetime(2023, 8, 15)


def test_md_and_table(parsed):
    text = render("md", parsed)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert len([h for h in headings if h != "## Предупреждения"]) == len(parsed.sections)
    assert "# Протокол № Д05-78/05пр от 20.06.2023" in text
    view = render("table", parsed, width=120)
    assert view.startswith("Протокол № Д05-78/05пр от 20.06.2023")
    assert max(len(line) for line in view.splitlines()) <= 120
