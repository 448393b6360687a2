"""The checks of shapes/expected.yaml against `parse` of each document in shapes/.

`python -m tests.docs.shapes` prints every miss and the totals."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import yaml

from protokol.model import Options, ParseResult
from protokol.pipeline import parse_path
from tests.docs import build

FOLDER = Path(__file__).with_name("shapes")
Check = tuple[str, Callable[[], str | None]]  # a name, and a function giving the miss or None


@cache
def expected() -> dict:
    return yaml.safe_load((FOLDER / "expected.yaml").read_text(encoding="utf-8"))


@cache
def parsed(name: str) -> ParseResult:
    return parse_path(path(name), Options(rules="none"))


def path(name: str) -> Path:
    """The file of a document: a .txt of shapes/, or a .docx, .odt or .rtf built from its
    text (shapes/NAME.docx.src, …; see build.py)."""
    return build.path(FOLDER, name)


def needs_soffice(name: str) -> bool:
    return name.endswith((".odt", ".rtf"))


def directives(result: ParseResult) -> list:
    return [d for s in result.sections for d in s.directives]


def checks() -> Iterator[Check]:
    for name, want in expected().items():
        yield from _document_checks(name, want)


def _document_checks(name: str, want: dict) -> Iterator[Check]:
    for key, value in (want.get("protocol") or {}).items():
        yield f"{name}:protocol.{key}", _protocol(name, key, value)
    if "sections" in want:
        yield f"{name}:sections", lambda: _same([s.number for s in parsed(name).sections], want["sections"])
    for number, people in (want.get("speakers") or {}).items():
        yield f"{name}:speakers.{number}", _speakers(name, number, people)
    for number, title in (want.get("titles") or {}).items():
        yield f"{name}:title.{number}", _title(name, number, title)
    if "ids" in want:
        yield f"{name}:ids", lambda: _same([d.id for d in directives(parsed(name))], want["ids"])
    if "count" in want:
        yield f"{name}:count", lambda: _same(len(directives(parsed(name))), want["count"])
    for code in want.get("no_warnings", []):
        yield f"{name}:no_warning.{code}", _no_warning(name, code)
    for task in want.get("tasks", []):
        label = task.get("id") or task["prefix"][:30]
        for key in ("kind", "addr", "resp", "resp_exact", "text", "dl", "exec", "exec_person", "refs"):
            if key in task:
                yield f"{name}:{label}:{key}", _task(name, task, key)


def _same(got: object, want: object) -> str | None:
    return None if got == want else f"got {got!r}, want {want!r}"


def _protocol(name: str, key: str, value: object) -> Callable[[], str | None]:
    def run() -> str | None:
        p = parsed(name).protocol
        if key == "references":  # [kind, number, date] of each, in order
            return _same([[r.kind, r.number, r.date] for r in p.references], value)
        got = (p.signatory.name if p.signatory else None) if key == "signatory" else getattr(p, key)
        return _same(list(got) if isinstance(got, tuple) else got, value)
    return run


def _speakers(name: str, number: str, people: list[str]) -> Callable[[], str | None]:
    def run() -> str | None:
        found = [s for s in parsed(name).sections if s.number == str(number)]
        got = list(found[0].speakers) if found else None
        return None if got is not None and all(p in got for p in people) else f"got {got!r}, want {people!r}"
    return run


def _title(name: str, number: str, title: str) -> Callable[[], str | None]:
    def run() -> str | None:
        return _same([s.title for s in parsed(name).sections if s.number == str(number)], [title])
    return run


def _no_warning(name: str, code: str) -> Callable[[], str | None]:
    def run() -> str | None:
        found = [w.message for w in parsed(name).warnings if w.code == code]
        return f"warnings {found}" if found else None
    return run


def _find(name: str, task: dict):  # type: ignore[no-untyped-def]
    for d in directives(parsed(name)):
        if "id" in task and d.id == task["id"] or "prefix" in task and d.text.startswith(task["prefix"]):
            return d
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("ё", "е")).strip().lower()


def _task(name: str, task: dict, key: str) -> Callable[[], str | None]:
    def run() -> str | None:
        d = _find(name, task)
        if d is None:
            return "directive not found"
        if key == "kind":
            return _same(d.kind, task["kind"])
        if key == "addr":
            joined = " ".join(d.addressees)
            return None if _norm(task["addr"]) in _norm(joined) else f"addressees {d.addressees!r}"
        if key == "resp":
            joined = " ".join(d.responsible)
            missing = [r for r in task["resp"] if r not in joined]
            return f"responsible {d.responsible!r}, want {missing!r}" if missing else None
        if key == "resp_exact":  # exactly these people, in order: no position taken for one
            return _same(list(d.responsible), task["resp_exact"])
        if key == "text":
            return _same(d.text, task["text"])
        if key == "exec":  # [name, role] of every executor, in order
            return _same([[e.name, e.role] for e in d.executors], task["exec"])
        if key == "exec_person":  # [name, person] of every executor, in order: who answers for each body or post
            return _same([[e.name, e.person] for e in d.executors], task["exec_person"])
        if key == "refs":  # [kind, number, date] of every reference, in order
            return _same([[r.kind, r.number, r.date] for r in d.references], task["refs"])
        return deadlines_miss(task["dl"], [x.to_dict() for x in d.deadlines])
    return run


def deadlines_miss(want: list[dict], got: list[dict]) -> str | None:
    """None when `got` matches `want` one to one."""
    left = list(got)
    for w in want:
        hit = next((g for g in left if _matches(w, g)), None)
        if hit is None:
            return f"missing {w}, got {_brief(got)}"
        left.remove(hit)
    return f"extra {_brief(left)}" if left else None


def _brief(got: list[dict]) -> list[tuple]:
    return [(g["kind"], g["text"], g.get("start"), g.get("due"), g.get("rrule")) for g in got]


def _matches(w: dict, g: dict) -> bool:
    if g["kind"] != w["kind"] or "bound" in w and g["bound"] != w["bound"]:
        return False
    if "due" in w and (g["due"] or "")[: len(w["due"])] != w["due"]:
        return False
    if "start" in w and (g["start"] or "")[:10] != w["start"]:
        return False
    if "freq_days" in w:
        days = _freq_days(g.get("rrule") or "")
        if not days or abs(days - w["freq_days"]) > 0.15 * w["freq_days"]:
            return False
    parts = dict(p.split("=", 1) for p in (g.get("rrule") or "").split(";") if "=" in p)
    return all(_weekdays(parts.get(k.upper(), "")) == _weekdays(str(w[k]))
               for k in ("byday", "bymonthday", "byhour") if k in w)


def _weekdays(value: str) -> str:
    return ",".join(re.sub(r"^[+-]?\d+", "", v) for v in value.split(",")) if value else ""


def _freq_days(rrule: str) -> float | None:
    parts = dict(p.split("=", 1) for p in rrule.split(";") if "=" in p)
    base = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 30, "YEARLY": 365}.get(parts.get("FREQ", ""))
    if base is None:
        return None
    days = base * int(parts.get("INTERVAL", "1"))
    if parts.get("FREQ") == "YEARLY" and "BYMONTH" in parts:
        days /= len(parts["BYMONTH"].split(","))
    if parts.get("FREQ") == "WEEKLY" and "BYDAY" in parts:
        days /= len(parts["BYDAY"].split(","))
    return days


if __name__ == "__main__":
    total = misses = 0
    for label, run in checks():
        total += 1
        miss = run()
        if miss:
            misses += 1
            print(f"MISS {label}: {miss}")
    print(f"checks: {total - misses}/{total} right")
