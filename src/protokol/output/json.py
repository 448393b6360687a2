"""The one deterministic JSON serializer: contract order, UTF-8, no timestamps."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from protokol.model import ParseResult

_INDENTED = orjson.OPT_INDENT_2
_COMPACT = 0
_LEAVES = frozenset({str, int, bool, type(None)})


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """Serialize plain data the one way protokol does it: the same text as
    json.dumps(obj, ensure_ascii=False, indent=indent) (compact separators without indent).

    orjson writes it when obj is only dicts with str keys, lists, tuples, str, int, bool
    and None (checked first); floats (orjson writes 1e-05 as 0.00001 and NaN as null),
    other types and ints beyond 64 bits go to json itself, which writes or refuses them.
    """
    if indent in (2, None) and _plain_json(obj):
        fast = _orjson(obj, indent)
        if fast is not None:
            return fast
    return json.dumps(obj, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))


def _orjson(obj: Any, indent: int | None) -> str | None:
    """orjson's text, or None where it refuses (an int beyond 64 bits, a lone surrogate)."""
    try:
        return orjson.dumps(obj, option=_INDENTED if indent else _COMPACT).decode("utf-8")
    except orjson.JSONEncodeError:
        return None


def _plain_json(obj: Any) -> bool:
    """True when obj holds nothing but the types orjson writes exactly as json does."""
    stack = [obj]
    pop, push, leaves = stack.pop, stack.extend, _LEAVES
    while stack:
        value = pop()
        kind = type(value)
        if kind in leaves:
            continue
        if kind is dict:
            if any(type(key) is not str for key in value):
                return False
            push(value.values())
        elif kind is list or kind is tuple:
            push(value)
        else:
            return False
    return True


def contract_dumps(plain: Any, *, indent: int | None = 2) -> str:
    """dumps for data made by the model's to_dict(): its fields are str, int, bool, None
    and records of them, never floats (tests/output/test_json_writer.py checks the model),
    so orjson writes it without the type check."""
    fast = _orjson(plain, indent)
    return dumps(plain, indent=indent) if fast is None else fast


def render_json(result: ParseResult) -> str:
    return json_text(result.to_dict())


def json_text(plain: dict[str, Any]) -> str:
    """render_json of a result already turned into plain data (result.to_dict())."""
    return contract_dumps(plain) + "\n"


def jsonl_text(records: Iterable[dict[str, Any]]) -> str:
    return "".join(contract_dumps(r, indent=None) + "\n" for r in records)


def jsonl_records(result: ParseResult) -> Iterator[dict[str, Any]]:
    """One record per directive: the Directive plus protocol and section context (the
    contract's number, date and source, and organization, controller and the protocol's
    own references, which batch's combined register and calendar need)."""
    return records_of(result.to_dict())


def records_of(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """jsonl_records from a result already turned into plain data (result.to_dict())."""
    protocol = data["protocol"]
    head = {"number": protocol["number"], "date": protocol["date"], "source": data["source"],
            "organization": protocol.get("organization"), "controller": protocol.get("controller"),
            "references": protocol.get("references", []), "act": protocol.get("act")}
    for section in data["sections"]:
        where = {"number": section["number"], "title": section["title"]}
        for directive in section["directives"]:
            record = dict(directive)
            record["protocol"] = head
            record["section"] = where
            yield record


def render_jsonl(results: Iterable[ParseResult]) -> str:
    return jsonl_text(r for res in results for r in jsonl_records(res))
