"""Contract dicts for the agenda tests, built by hand (no parsing)."""

from __future__ import annotations

from typing import Any


def deadline(text: str, kind: str = "once", **fields: Any) -> dict[str, Any]:
    base = {"text": text, "kind": kind, "bound": "by", "due": None, "start": None, "until": None,
            "effective_due": None, "rrule": None, "timezone": None, "derived_by": None}
    base.update(fields)
    return base


def task(id_: str, text: str, *deadlines: dict[str, Any], addressees: tuple[str, ...] = (),
         kind: str = "task", **extra: Any) -> dict[str, Any]:
    item = {"id": id_, "number": id_.split(".")[-1], "parent": None, "kind": kind, "text": text,
            "addressees": list(addressees), "responsible": [], "action": None, "deadlines": list(deadlines),
            "links": {"urls": [], "emails": []}, "location": {"paragraph": 1, "page": None}}
    item.update(extra)
    return item


def protocol(number: str, date: str | None, *directives: dict[str, Any], path: str = "p.txt") -> dict[str, Any]:
    return {"schema_version": 1, "source": {"path": path, "format": "txt", "sha256": "0" * 64},
            "protocol": {"number": number, "date": date},
            "sections": [{"number": "I", "title": "Раздел", "speakers": [], "directives": list(directives)}],
            "warnings": []}
