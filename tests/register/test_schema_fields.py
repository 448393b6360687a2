"""`protokol schema` describes the fields of contract 1.1; results and records carrying them validate."""

from __future__ import annotations

import copy
import json

import pytest

from protokol.api import parse_text
from protokol.output.json import records_of
from protokol.output.schema import load_schema, validate
from tests.register.protocols import FIRST, SECOND


def test_schema_has_executor_and_reference():
    defs = load_schema()["$defs"]
    assert defs["Executor"]["properties"]["role"]["enum"] == ["executor", "co_executor"]
    assert "law" in defs["Reference"]["properties"]["kind"]["enum"]
    assert {"executors", "references"} <= set(defs["Directive"]["properties"])
    assert "references" in defs["Protocol"]["properties"]


def test_results_and_records_validate():
    for text in (FIRST, SECOND):
        data = json.loads(json.dumps(parse_text(text).to_dict()))
        validate(data)
        for record in records_of(data):
            validate(record, "record")


@pytest.mark.parametrize("path, value, message", [
    (("executors", 0, "type"), "department", "department"),
    (("executors", 0, "role"), "lead", "lead"),
    (("references", 0, "date"), "10.01.2024", "does not match"),
])
def test_broken_new_fields_fail(path, value, message):
    data = json.loads(json.dumps(parse_text(SECOND).to_dict()))
    broken = copy.deepcopy(data)
    target = broken["sections"][0]["directives"][0]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValueError, match=message):
        validate(broken)


def test_schema_command_prints_them(tmp_path):
    from click.testing import CliRunner

    from protokol.cli import main

    out = CliRunner().invoke(main, ["schema"]).output
    assert '"Executor"' in out and '"Reference"' in out
