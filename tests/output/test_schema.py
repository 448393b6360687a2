"""The JSON Schema of the contract: valid output passes, broken output fails clearly."""

from __future__ import annotations

import copy
import json

import pytest

from protokol.model import Deadline
from protokol.output.json import jsonl_records
from protokol.output.schema import NAMES, load_schema, validate

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture()
def doc(result) -> dict:
    return json.loads(json.dumps(result.to_dict()))


@pytest.mark.parametrize("name", list(NAMES))
def test_schemas_are_valid_draft_2020_12(name):
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_defs_present():
    assert {"Deadline", "Directive", "Section", "Location", "Warning", "Record"} <= set(load_schema()["$defs"])


def test_contract_fields_required():
    defs = load_schema()["$defs"]
    assert set(defs["Deadline"]["required"]) == {
        "text", "kind", "bound", "due", "start", "until", "effective_due", "rrule", "timezone"}
    assert defs["Directive"]["required"][0] == "id" and len(defs["Directive"]["required"]) == 11
    assert set(defs["Result"]["required"]) == {"schema_version", "source", "protocol", "sections", "warnings"}


def test_hand_built_results_validate(results):
    for result in results:
        validate(result.to_dict())


def test_every_kind_validates(doc):
    deadlines = doc["sections"][0]["directives"][0]["deadlines"]
    for kind in ("once", "relative", "period", "continuous", "asap", "as_established", "unparsed"):
        deadlines.append(Deadline("x", kind).to_dict())
    validate(doc)


def test_jsonl_records_validate(results):
    for result in results:
        for record in jsonl_records(result):
            validate(json.loads(json.dumps(record)), "record")


def test_deadline_command_outputs_validate():
    found = [Deadline("еженедельно", "recurring", rrule="FREQ=WEEKLY").to_dict()]
    validate(found, "deadlines")
    validate({"input": "еженедельно", "deadlines": found}, "deadline-line")
    with pytest.raises(ValueError):
        validate({"deadlines": found}, "deadline-line")


def test_added_fields_allowed(doc):
    doc["extra"] = 1
    doc["protocol"]["agenda"] = []
    doc["sections"][0]["directives"][0]["deadlines"][0]["confidence"] = 0.9
    validate(doc)


def _first_deadline(doc):
    return doc["sections"][0]["directives"][0]["deadlines"][0]


BREAKS = [
    ("bad kind", lambda d: _first_deadline(d).update(kind="sometime"), "kind"),
    ("bad bound", lambda d: _first_deadline(d).update(bound="before"), "bound"),
    ("missing due", lambda d: _first_deadline(d).pop("due"), "'due' is a required property"),
    ("bad due", lambda d: _first_deadline(d).update(due="20.08.2023"), "due"),
    ("recurring without rrule", lambda d: _first_deadline(d).update(rrule=None), "rrule"),
    ("bad rrule", lambda d: _first_deadline(d).update(rrule="every week"), "rrule"),
    ("directive kind", lambda d: d["sections"][0]["directives"][0].update(kind="todo"), "kind"),
    ("missing id", lambda d: d["sections"][0]["directives"][0].pop("id"), "'id' is a required property"),
    ("addressees not a list", lambda d: d["sections"][0]["directives"][0].update(addressees="a"), "addressees"),
    ("paragraph zero", lambda d: d["sections"][0]["directives"][0]["location"].update(paragraph=0), "paragraph"),
    ("missing protocol field", lambda d: d["protocol"].pop("number"), "'number' is a required property"),
    ("protocol date format", lambda d: d["protocol"].update(date="20.06.2023"), "date"),
    ("schema version", lambda d: d.update(schema_version=2), "schema_version"),
    ("sha256", lambda d: d["source"].update(sha256="xyz"), "sha256"),
    ("warning code", lambda d: d["warnings"][0].pop("code"), "'code' is a required property"),
    ("missing sections", lambda d: d.pop("sections"), "'sections' is a required property"),
]


@pytest.mark.parametrize("what, breaks, message", BREAKS, ids=[b[0] for b in BREAKS])
def test_broken_results_fail(doc, what, breaks, message):
    broken = copy.deepcopy(doc)
    breaks(broken)
    with pytest.raises(ValueError, match="not a valid protokol result") as info:
        validate(broken)
    assert message in str(info.value)


def test_error_names_the_place(doc):
    _first_deadline(doc)["kind"] = "sometime"
    with pytest.raises(ValueError, match=r"at sections/0/directives/0/deadlines/0/kind: 'sometime' is not one of"):
        validate(doc)


def test_unknown_schema():
    with pytest.raises(ValueError, match="unknown schema"):
        load_schema("nope")


def test_load_returns_a_copy():
    load_schema()["$defs"].clear()
    assert load_schema()["$defs"]
