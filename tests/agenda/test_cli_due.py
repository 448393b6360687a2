"""`protokol due` end to end (click's runner): formats, options, errors."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from protokol.cli import main
from protokol.convert import parse_source
from tests.agenda.helpers import deadline, protocol, task

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TODAY = ["--today", "2023-06-26"]


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> Path:
    """The seed protocol's contract JSON (parsed once for the module)."""
    path = tmp_path_factory.mktemp("seed") / "seed.json"
    path.write_text(json.dumps(parse_source(str(SAMPLES / "protocol-2023-06-20-D05-78.txt")).to_dict(),
                               ensure_ascii=False), encoding="utf-8")
    return path


def due(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["due", *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_json_lists_the_window_in_order_with_full_text(seed):
    code, out, err = due(str(seed), *TODAY, "-f", "json")
    assert code == 0 and err == ""
    items = json.loads(out)
    days = [i["date"] for i in items]
    assert days == sorted(days) and days[0] < "2023-06-26" <= days[-1] <= "2023-07-10"
    assert {i["status"] for i in items} == {"overdue", "today", "this_week", "later"}
    weekly = [i for i in items if i["deadline"]["rrule"] == "FREQ=WEEKLY;BYDAY=MO"]
    assert [i["date"] for i in weekly] == ["2023-06-26", "2023-07-03", "2023-07-10"]
    assert all(len(i["text"].split()) > 3 and not i["text"].endswith("…") for i in items)
    again = due(str(seed), *TODAY, "-f", "json")[1]
    assert again == out  # byte-identical


def test_window_options_and_no_overdue(seed):
    items = json.loads(due(str(seed), "--today", "2023-07-03", "--from", "2023-07-10", "--to", "2023-07-10",
                           "--no-overdue", "-f", "json")[1])
    assert {i["date"] for i in items} == {"2023-07-10"} and {i["status"] for i in items} == {"later"}
    overdue = json.loads(due(str(seed), "--today", "2023-07-03", "--from", "2023-07-10", "--to", "2023-07-10",
                             "-f", "json")[1])
    assert {i["status"] for i in overdue} == {"overdue", "later"}
    assert all(i["deadline"]["kind"] != "recurring" for i in overdue if i["status"] == "overdue")


def test_executor_filter_and_grouping(seed, tmp_path):
    extra = protocol("5", "2023-06-22", task("1", "Минфину России представить доклад.",
                                             deadline("до 30 июня 2023 г.", due="2023-06-30"),
                                             addressees=("Минфину России",)), path="x.txt")
    other = tmp_path / "other.json"
    other.write_text(json.dumps(extra, ensure_ascii=False), encoding="utf-8")
    items = json.loads(due(str(seed), str(other), *TODAY, "--executor", "минфин", "-f", "json")[1])
    assert [(i["protocol"]["number"], i["item"]) for i in items] == [("5", "1")]
    grouped = json.loads(due(str(seed), str(other), *TODAY, "--group-by", "protocol", "-f", "json")[1])
    assert [i["protocol"]["number"] for i in grouped][0] == "Д05-78/05пр"  # 20.06 before 22.06
    table = due(str(seed), str(other), *TODAY, "--group-by", "executor", "-f", "table")[1]
    assert "Исполнитель: Минфину России" in table


def test_table_fits_80_columns_without_splitting_words(seed, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = due(str(seed), *TODAY, "-f", "table")
    assert code == 0
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    words = set(re.findall(r"[А-Яа-яЁё]+", json.dumps(json.loads(seed.read_text()), ensure_ascii=False)))
    cells = [c.strip() for line in lines for c in line.split("│")]
    # a whole word (not cut short with an ellipsis, not broken after a hyphen) is a word of the document
    pieces = {w for c in cells for w in re.findall(r"(?<![А-Яа-яЁё])[А-Яа-яЁё]+(?![А-Яа-яЁё…-])", c)}
    labels = {"Срок", "Протокол", "Исполнитель", "Поручение", "от", "п", "просрочен", "сегодня", "на", "неделе",
              "позже", "Сроки", "с", "по", "просрочено", "МСК"}
    assert pieces - words - labels == set()


def test_csv_guards_formulas_and_xlsx_ics_html(seed, tmp_path):
    hostile = protocol("=1+1", "2023-06-22", task("1", "=HYPERLINK(\"http://x\")", deadline("до 30 июня",
                                                  due="2023-06-30"), addressees=("@Минфину",)), path="h.txt")
    path = tmp_path / "h.json"
    path.write_text(json.dumps(hostile, ensure_ascii=False), encoding="utf-8")
    rows = list(csv.reader(io.StringIO(due(str(path), *TODAY, "-f", "csv")[1])))
    assert rows[0][:3] == ["Дата", "Время", "Статус"]
    assert rows[1][3] == "'@Минфину" and rows[1][4] == "'=1+1" and rows[1][7].startswith("'=HYPERLINK")
    out = tmp_path / "due.xlsx"
    assert due(str(path), *TODAY, "-o", str(out))[0] == 0
    with zipfile.ZipFile(out) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    ics = tmp_path / "due.ics"
    assert due(str(seed), *TODAY, "-o", str(ics))[0] == 0
    from icalendar import Calendar

    todos = Calendar.from_ical(ics.read_bytes()).walk("VTODO")
    assert len(todos) == len(json.loads(due(str(seed), *TODAY, "-f", "json")[1]))
    assert len({str(t["uid"]) for t in todos}) == len(todos)
    page = tmp_path / "due.html"
    assert due(str(seed), *TODAY, "-o", str(page))[0] == 0
    assert "<svg" in page.read_text(encoding="utf-8")


def test_errors_are_one_line(seed, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    code, out, err = due(str(seed), str(bad), *TODAY, "-f", "json")
    assert code == 1 and json.loads(out) and len(err.strip().splitlines()) == 1 and "bad.txt" in err
    code, _, err = due(str(seed), *TODAY, "--from", "2023-07-10", "--to", "2023-07-01")
    assert code == 2 and "before --from" in err
    code, _, err = due(str(seed), *TODAY, "-f", "json", "--remind", "soon")
    assert code == 2


def test_jsonl_lines_are_the_json_items(seed):
    items = json.loads(due(str(seed), *TODAY, "-f", "json")[1])
    lines = due(str(seed), *TODAY, "-f", "jsonl")[1].splitlines()
    assert [json.loads(line) for line in lines] == items
    assert lines[0] == json.dumps(items[0], ensure_ascii=False, separators=(",", ":"))
