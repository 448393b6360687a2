"""JSON Schema (draft 2020-12) of the output contract, shipped as output/schema.json.

    >>> sorted(NAMES)
    ['deadline-line', 'deadlines', 'record', 'result']

`load_schema(name)` gives a self-contained schema for one output: "result"
(`parse --format json`), "record" (one `--format jsonl` line), "deadlines"
(`deadline TEXT`) and "deadline-line" (one line of `deadline -`). All of them share
the $defs of schema.json: Deadline, Directive, Section, Location, Warning, ...
Objects allow additional properties: the contract lets fields be added.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib import resources
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
NAMES = {"result": "Result", "record": "Record", "deadlines": "Deadlines", "deadline-line": "DeadlineLine"}
MAX_ERRORS = 5


@lru_cache(maxsize=1)
def _document() -> str:
    return resources.files("protokol.output").joinpath("schema.json").read_text(encoding="utf-8")


def load_schema(name: str = "result") -> dict[str, Any]:
    """A fresh copy of the schema of output `name` (see NAMES); ValueError for an unknown name."""
    if name not in NAMES:
        raise ValueError(f"unknown schema {name!r}; known: {', '.join(NAMES)}")
    doc = json.loads(_document())
    if name == "result":
        return doc  # type: ignore[no-any-return]
    return {
        "$schema": DIALECT,
        "title": f"protokol output contract, version 1: {name}",
        "description": doc["$defs"][NAMES[name]].get("description", ""),
        "$ref": f"#/$defs/{NAMES[name]}",
        "$defs": copy.deepcopy(doc["$defs"]),
    }


def validate(obj: Any, name: str = "result") -> None:
    """Raise ValueError naming where and why `obj` breaks schema `name`; None when it is valid."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema(name))
    errors = sorted(validator.iter_errors(obj), key=lambda e: (list(e.absolute_path), e.message))
    if errors:
        shown = "; ".join(_describe(e) for e in errors[:MAX_ERRORS])
        more = f" (and {len(errors) - MAX_ERRORS} more)" if len(errors) > MAX_ERRORS else ""
        raise ValueError(f"not a valid protokol {name}: {shown}{more}")


def _describe(error: Any) -> str:
    where = "/".join(str(p) for p in error.absolute_path) or "(top)"
    return f"at {where}: {error.message}"
