"""The one deterministic JSON serializer: contract order, UTF-8, no timestamps."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from protokol.model import ParseResult


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    """Serialize plain data the one way protokol does it."""
    return json.dumps(obj, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))


def render_json(result: ParseResult) -> str:
    return dumps(result.to_dict()) + "\n"


def jsonl_records(result: ParseResult) -> Iterator[dict[str, Any]]:
    """One record per directive: the Directive plus protocol and section context."""
    head = {
        "number": result.protocol.number,
        "date": result.protocol.date,
        "source": result.source.to_dict(),
    }
    for section in result.sections:
        where = {"number": section.number, "title": section.title}
        for directive in section.directives:
            record = directive.to_dict()
            record["protocol"] = head
            record["section"] = where
            yield record


def render_jsonl(results: Iterable[ParseResult]) -> str:
    return "".join(dumps(r, indent=None) + "\n" for res in results for r in jsonl_records(res))
