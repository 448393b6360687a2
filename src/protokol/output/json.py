"""The one deterministic JSON serializer: contract order, UTF-8, no timestamps."""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # C-accelerated; the ensure_ascii=False one
from collections.abc import Iterable, Iterator
from typing import Any

from protokol.model import ParseResult


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """Serialize plain data the one way protokol does it.

    The same text as json.dumps(obj, ensure_ascii=False, indent=indent); indented output
    is written by _indented (json's own indenting encoder is pure Python and cost as
    much as a whole parse), compact output by json's C encoder.
    """
    if indent == 2:
        parts: list[str] = []
        try:
            _indented(obj, "\n", parts)
        except _Unsupported:
            pass  # a type json.dumps handles its own way (or refuses): let it
        else:
            return "".join(parts)
    return json.dumps(obj, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))


class _Unsupported(Exception):
    pass


def _indented(obj: Any, newline: str, out: list[str]) -> None:
    """json.dumps(indent=2, ensure_ascii=False) for dict/list/tuple/str/int/float/bool/None.

    `newline` is "\n" plus the indentation of obj's own line.
    """
    kind = type(obj)
    if kind is str:
        out.append(_string(obj))
    elif obj is None:
        out.append("null")
    elif obj is True:
        out.append("true")
    elif obj is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(obj))
    elif kind is float:
        out.append(_float(obj))
    elif kind is dict:
        if not obj:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, value in obj.items():
            if type(key) is not str:
                raise _Unsupported
            out.append(separator)
            out.append(_string(key))
            out.append(": ")
            _indented(value, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif kind is list or kind is tuple:
        if not obj:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for value in obj:
            out.append(separator)
            _indented(value, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    else:
        raise _Unsupported


def _float(value: float) -> str:
    """As json writes a float (allow_nan)."""
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def render_json(result: ParseResult) -> str:
    return json_text(result.to_dict())


def json_text(plain: dict[str, Any]) -> str:
    """render_json of a result already turned into plain data (result.to_dict())."""
    return dumps(plain) + "\n"


def jsonl_text(records: Iterable[dict[str, Any]]) -> str:
    return "".join(dumps(r, indent=None) + "\n" for r in records)


def jsonl_records(result: ParseResult) -> Iterator[dict[str, Any]]:
    """One record per directive: the Directive plus protocol and section context."""
    return records_of(result.to_dict())


def records_of(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """jsonl_records from a result already turned into plain data (result.to_dict())."""
    protocol = data["protocol"]
    head = {"number": protocol["number"], "date": protocol["date"], "source": data["source"]}
    for section in data["sections"]:
        where = {"number": section["number"], "title": section["title"]}
        for directive in section["directives"]:
            record = dict(directive)
            record["protocol"] = head
            record["section"] = where
            yield record


def render_jsonl(results: Iterable[ParseResult]) -> str:
    return jsonl_text(r for res in results for r in jsonl_records(res))
