"""The format registry: names, extensions, lazy imports, json/jsonl through output/json.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from protokol.output import formats
from protokol.output.formats import FORMATS, format_for_path
from protokol.output.json import render_json, render_jsonl

HEAVY = ("openpyxl", "icalendar", "rich", "jsonschema", "dateutil")


def test_names_and_flags():
    assert list(FORMATS) == ["json", "jsonl", "table", "md", "html", "csv", "xlsx", "ics"]
    assert {n for n, f in FORMATS.items() if f.binary} == {"xlsx", "ics"}
    assert all(f.name == n and f.extension.startswith(".") for n, f in FORMATS.items())


@pytest.mark.parametrize("path, name", [
    ("out.json", "json"), ("out.jsonl", "jsonl"), ("x.ndjson", "jsonl"), ("Реестр.XLSX", "xlsx"),
    ("a/b.csv", "csv"), ("tasks.ics", "ics"), ("report.md", "md"), ("report.markdown", "md"),
    ("view.txt", "table"), ("archive.tar.gz", None), ("noext", None), ("out.docx", None),
])
def test_format_for_path(path, name):
    assert format_for_path(path) == name


def test_importing_registry_is_cheap():
    code = ("import sys; import protokol.output.formats; "
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": "src"}, cwd=_root())
    assert out.stdout.strip() == ""


def _root() -> str:
    from pathlib import Path

    return str(Path(__file__).resolve().parents[2])


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_renders_with_the_declared_type(name, results):
    out = FORMATS[name].render(results, width=100, excel=False, remind="1d", today=None)
    assert isinstance(out, bytes if FORMATS[name].binary else str)
    assert out == FORMATS[name].render(results, width=100, excel=False, remind="1d", today=None)


def test_json_one_result_is_the_contract_output(result):
    assert formats.render("json", [result]) == render_json(result)


def test_json_several_results_is_an_array(results):
    data = json.loads(formats.render("json", results))
    assert [d["protocol"]["number"] for d in data] == ["Д05-78/05пр", None]
    assert data[0] == json.loads(render_json(results[0]))


def test_jsonl_concatenates(results):
    text = formats.render("jsonl", results)
    assert text == render_jsonl(results)
    assert len(text.splitlines()) == 11


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        formats.render("pdf", [])


def test_same_bytes_across_processes_and_time_zones():
    code = ("import hashlib; from tests.output.outdata import bare_result, seed_result; "
            "from protokol.output.formats import FORMATS; rs = [seed_result(), bare_result()]; "
            "outs = [FORMATS[n].render(rs) for n in FORMATS]; "
            "print([hashlib.sha256(o if isinstance(o, bytes) else o.encode()).hexdigest() for o in outs])")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=_root(),
                           env={"PYTHONPATH": "src", "TZ": tz}).stdout for tz in ("UTC", "Asia/Tokyo")}
    assert len(runs) == 1
