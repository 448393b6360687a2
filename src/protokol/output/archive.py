"""Outputs for a whole archive (batch): one register, one calendar, the links between
protocols. Everything here takes per-file results as plain JSON data (what `parse
--format json` writes, or the directive records of `--format jsonl` regrouped by
`results_from_records`), so a batch run that keeps only JSON can build them.

    write_archive_outputs(out_dir, directives_jsonl)   register.xlsx, register.csv,
                                     calendar.ics, references.jsonl (ARCHIVE_FILES)
    write_shares(out_dir, files)     the same from the shares batch's workers rendered
                                     (output/pieces.py), put together (output/assembly.py)

References are resolved to protocols of the same archive by number (compared without
spaces, "№" or letter case) and date: a reference with a date must match both; one
without a date matches when only one protocol carries that number (copies of one
protocol, the same organization and date, count once: the first file is named). When
several organizations' protocols fit, the referring protocol's own organization wins.
references.jsonl: one line per reference, {"from": path, "item": id or null (the
protocol's own), "to": path or null, "reference": Reference}.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import subprocess

from protokol.model import (
    Deadline, Directive, Executor, Links, Location, ParseResult, Protocol, Reference, Section, Signatory, Source,
    Warning,
)
from protokol.output.register import Resolve, all_references

REGISTER_XLSX = "register.xlsx"
REGISTER_CSV = "register.csv"
CALENDAR = "calendar.ics"
REFERENCES = "references.jsonl"
ARCHIVE_FILES = (REGISTER_XLSX, REGISTER_CSV, CALENDAR, REFERENCES)
Plain = Mapping[str, Any]


# ---------------------------------------------------------------- plain data -> model


def result_from_dict(data: Plain) -> ParseResult:
    """A ParseResult from its JSON (fields a producer left out take their defaults)."""
    source = Source(**_known(data["source"], ("path", "format", "sha256")))
    p = dict(data.get("protocol") or {})
    sign = p.get("signatory")
    protocol = Protocol(**{**_known(p, ("organization", "title", "date", "number", "place", "chair", "secretary",
                                        "organization_short", "controller", "act")),
                           "attendees": tuple(p.get("attendees") or ()),
                           "signatory": Signatory(sign.get("position"), sign["name"]) if sign else None,
                           "references": _references(p.get("references"))})
    sections = tuple(Section(s.get("number"), s.get("title") or "", tuple(s.get("speakers") or ()),
                             tuple(_directive(d) for d in s.get("directives") or ()))
                     for s in data.get("sections") or ())
    warnings = tuple(Warning(w["code"], w.get("message") or "", Location(**_known(w["location"], ("paragraph", "page")))
                             if w.get("location") else None) for w in data.get("warnings") or ())
    return ParseResult(source, protocol, sections, warnings)


def _known(data: Plain, names: Iterable[str]) -> dict[str, Any]:
    return {name: data.get(name) for name in names}


def _references(items: Iterable[Plain] | None) -> tuple[Reference, ...]:
    return tuple(Reference(**_known(r, ("kind", "number", "date", "issuer", "as_written"))) for r in items or ())


def _directive(d: Plain) -> Directive:
    links = d.get("links") or {}
    where = d.get("location") or {"paragraph": 1}
    return Directive(
        id=d["id"], number=d.get("number") or "", parent=d.get("parent"), kind=d.get("kind") or "task",
        text=d.get("text") or "", addressees=tuple(d.get("addressees") or ()),
        responsible=tuple(d.get("responsible") or ()), action=d.get("action"),
        deadlines=tuple(Deadline(**{k: v for k, v in x.items() if k in Deadline.__slots__})  # type: ignore[attr-defined]
                        for x in d.get("deadlines") or ()),
        links=Links(tuple(links.get("urls") or ()), tuple(links.get("emails") or ())),
        location=Location(where.get("paragraph") or 1, where.get("page")),
        executors=tuple(Executor(**_known(e, ("name", "as_written", "type", "role", "person")))
                        for e in d.get("executors") or ()),
        references=_references(d.get("references")),
    )


def results_from_records(records: Iterable[Plain]) -> list[dict[str, Any]]:
    """directives.jsonl records (one per directive) regrouped into one result per source."""
    results: dict[str, dict[str, Any]] = {}
    for record in records:
        head = record.get("protocol") or {}
        source = head.get("source") or {}
        result = results.setdefault(source.get("path", ""), {
            "source": source, "protocol": {k: v for k, v in head.items() if k != "source"}, "sections": []})
        section = record.get("section") or {}
        sections = result["sections"]
        if not sections or (sections[-1]["number"], sections[-1]["title"]) != (section.get("number"),
                                                                                 section.get("title")):
            sections.append({"number": section.get("number"), "title": section.get("title"), "directives": []})
        sections[-1]["directives"].append({k: v for k, v in record.items() if k not in ("protocol", "section")})
    return list(results.values())


# ---------------------------------------------------------------- references


def _key(number: str | None) -> str:
    return "".join((number or "").replace("№", "").split()).lower()


def resolver(results: Sequence[ParseResult]) -> Resolve:
    """A function giving the path of the archive's protocol a reference names, or None;
    where the number and date fit protocols of several organizations, the one of the
    referring protocol's own organization is taken."""
    return key_resolver([(r.protocol.number, r.protocol.date, r.protocol.organization, r.source.path)
                         for r in results])


def key_resolver(keys: Iterable[Sequence[Any]]) -> Resolve:
    """resolver, from each protocol's (number, date, organization, path), in order."""
    by_number: dict[str, list[Sequence[Any]]] = {}
    for key in keys:
        if key[0]:
            by_number.setdefault(_key(key[0]), []).append(key)

    def resolve(ref: Reference, organization: str | None = None) -> str | None:
        if ref.kind != "protocol" or not ref.number:
            return None
        found = [k for k in by_number.get(_key(ref.number), []) if not ref.date or k[1] == ref.date]
        if len({(k[2], k[1]) for k in found}) > 1:
            found = [k for k in found if k[2] == organization]
        same = {(k[2], k[1]) for k in found}
        return found[0][3] if len(same) == 1 else None  # copies of one protocol: the first

    return resolve


def resolve_references(result_dicts: Iterable[Plain]) -> list[dict[str, Any]]:
    """Every reference of every result: {"from", "item", "to", "reference"}, in order."""
    results = [result_from_dict(r) for r in result_dicts]
    resolve = resolver(results)
    rows = []
    for result in results:
        for item, ref in all_references(result):
            to = resolve(ref, result.protocol.organization)
            rows.append({"from": result.source.path, "item": item, "to": to, "reference": ref.to_dict()})
    return rows


# ---------------------------------------------------------------- writers


def write_archive_register(result_dicts: Iterable[Plain], path: str | os.PathLike[str], *, excel: bool = True,
                           all_kinds: bool = False) -> None:
    """One register for every result: xlsx or csv by the path's extension (csv with
    Excel's conventions unless excel=False); references resolved within the archive."""
    _write_register([result_from_dict(r) for r in result_dicts], path, excel=excel, all_kinds=all_kinds)


def _write_register(results: list[ParseResult], path: str | os.PathLike[str], *, excel: bool = True,
                    all_kinds: bool = False) -> None:
    resolve = resolver(results)
    if str(path).lower().endswith(".xlsx"):
        from protokol.output import xlsx

        _write(path, xlsx.render(results, all_kinds=all_kinds, resolve=resolve))
    else:
        from protokol.output import csv as csv_out

        _write(path, csv_out.render(results, excel=excel, all_kinds=all_kinds, resolve=resolve).encode("utf-8"))


def write_archive_calendar(result_dicts: Iterable[Plain], path: str | os.PathLike[str], *, ics_kind: str = "both",
                           remind: str | None = "1d") -> None:
    """One calendar for every result (UIDs unique across protocols: output/ics.py)."""
    _write_calendar([result_from_dict(r) for r in result_dicts], path, ics_kind=ics_kind, remind=remind)


def _write_calendar(results: Sequence[ParseResult], path: str | os.PathLike[str], *, ics_kind: str = "both",
                    remind: str | None = "1d") -> None:
    from protokol.output import ics

    _write(path, ics.render(results, ics_kind=ics_kind, remind=remind))


def write_references(result_dicts: Iterable[Plain], path: str | os.PathLike[str]) -> None:
    from protokol.output.json import jsonl_text

    _write(path, jsonl_text(resolve_references(result_dicts)).encode("utf-8"))


def write_archive_outputs(out: str | os.PathLike[str], directives_jsonl: str | os.PathLike[str],
                          names: Iterable[str] = ARCHIVE_FILES) -> None:
    """ARCHIVE_FILES (or those of them named) in folder `out`, from batch's combined
    directive records (a directives.jsonl file, in manifest order)."""
    import json

    from protokol.output.assembly import assemble

    with open(directives_jsonl, encoding="utf-8") as lines:
        results = results_from_records(json.loads(line) for line in lines if line.strip())
    parsed = [result_from_dict(r) for r in results]  # once for every file
    wanted = set(names)
    assemble(parsed, resolver(parsed), calendar=CALENDAR in wanted).write(
        out, [name for name in ARCHIVE_FILES if name in wanted])


def write_shares(out: str | os.PathLike[str], files: Iterable[Sequence[str]],
                 names: Iterable[str] = ARCHIVE_FILES) -> None:
    """ARCHIVE_FILES in folder `out` from the shares batch's workers rendered (pieces.py):
    `files`, in manifest order, are each converted file's (share file, directive records
    file); a share held back by its worker is rendered here from its records."""
    import orjson

    from protokol.output.assembly import Assembly
    from protokol.output.pieces import read_piece

    order: list[str] = []

    def again(number: int) -> ParseResult:
        with open(order[number], "rb") as fh:
            records = [orjson.loads(line) for line in fh.read().splitlines() if line.strip()]
        return result_from_dict(results_from_records(records)[0])

    assembly = Assembly(again)
    for share_file, records_file in files:
        whole = read_piece(share_file)
        if whole is None:
            continue
        piece = whole.get("share")
        if piece:
            order.append(records_file)
            assembly.add(piece)
    assembly.write(out, names)


def _write(path: str | os.PathLike[str], data: bytes) -> None:
    """All or nothing: a temporary file beside the target, then os.replace."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)  # a full disk leaves nothing half-written behind
        raise


def write_archive_outputs_apart(out: str | os.PathLike[str], directives_jsonl: str | os.PathLike[str]) -> None:
    """write_archive_outputs in a child process (start_archive_outputs), waited for."""
    start_archive_outputs(out, directives_jsonl)()


def start_archive_outputs(out: str | os.PathLike[str], directives_jsonl: str | os.PathLike[str] | None = None,
                          files: Sequence[Sequence[str]] = (),
                          child: subprocess.Popen[bytes] | None = None) -> Callable[[], None]:
    """Start writing the archive's files in a child process, from a directives.jsonl
    (write_archive_outputs) or, without one, from batch's shares (`files`, write_shares;
    `child`: one started beforehand by start_writer, used when it is still there),
    so batch's parent never imports openpyxl (only index.html, written meanwhile,
    describes recurring rules through icalendar). Returns the function that waits for
    it: a full disk in the child is an OSError(ENOSPC) there (batch stops as for its own
    writes); any other failure a ProtokolError naming it in one line."""
    import json
    import subprocess
    import sys

    args = [os.fspath(out), os.fspath(directives_jsonl)] if directives_jsonl is not None else [os.fspath(out)]
    if directives_jsonl is not None or child is None or child.poll() is not None:
        if child is not None:
            close_writer(child)
        child = subprocess.Popen([sys.executable, "-m", "protokol.output.archive", *args], stdin=subprocess.PIPE,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    shares = json.dumps([list(pair) for pair in files]).encode("ascii") if directives_jsonl is None else b""
    started = child
    try:  # its input at once: it works while the caller writes its own files
        if child.stdin is not None:
            with child.stdin:
                child.stdin.write(shares)
    except BrokenPipeError:  # it ended already: wait() tells why
        pass

    def wait() -> None:
        import errno

        from protokol.errors import ProtokolError

        child = started
        err = b""
        if child.stderr is not None:
            with child.stderr:
                err = child.stderr.read()
        child.wait()
        if child.returncode:
            why = (err.decode("utf-8", "replace").strip().splitlines() or ["failed"])[-1]
            if child.returncode == _FULL:
                raise OSError(errno.ENOSPC, why)
            raise ProtokolError(f"cannot write the archive's register and calendar: {why}")

    return wait


_FULL = 3  # the child's exit status for a full disk


def start_writer(out: str | os.PathLike[str]) -> subprocess.Popen[bytes]:
    """The child of start_archive_outputs for batch's shares, started while the files are
    converted: it loads its modules, then waits for the list of shares (no input: it
    ends, writing nothing; close_writer)."""
    import subprocess
    import sys

    return subprocess.Popen([sys.executable, "-m", "protokol.output.archive", os.fspath(out)], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def close_writer(child: subprocess.Popen[bytes]) -> None:
    """End a child of start_writer that was not used: no input, so it writes nothing."""
    import contextlib
    import subprocess

    with contextlib.suppress(OSError, ValueError, subprocess.SubprocessError):
        child.communicate(b"", timeout=30)
    if child.poll() is None:
        child.kill()
        child.wait()


def _await_input() -> list[Any] | None:
    """The list of shares on stdin (None: no input, nothing to write), read once the
    writer's modules are loaded; Ctrl-C, meant for the run, is ignored until it comes."""
    import json
    import signal
    import sys

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    import protokol.output.assembly  # noqa: F401 - loaded while batch converts (start_writer)
    import protokol.output.csv  # noqa: F401
    import protokol.output.json  # noqa: F401
    import protokol.output.xlsx_book  # noqa: F401
    import protokol.output.xlsx_frame  # noqa: F401 - register.xlsx's frame as text: openpyxl is not loaded

    data = sys.stdin.buffer.read()
    signal.signal(signal.SIGINT, previous)
    return json.loads(data) if data else None


def _main(argv: list[str]) -> int:
    """python -m protokol.output.archive OUT [DIRECTIVES_JSONL] (see start_archive_outputs;
    without DIRECTIVES_JSONL, the share files come as JSON on stdin)."""
    import errno
    import json
    import sys

    try:
        if len(argv) > 1:
            write_archive_outputs(argv[0], argv[1])
        else:
            files = _await_input()
            if files is not None:
                write_shares(argv[0], files)
    except OSError as exc:
        sys.stderr.write(f"{exc}\n")
        return _FULL if exc.errno in (errno.ENOSPC, errno.EDQUOT) else 1
    except Exception as exc:  # noqa: BLE001 - one line for the parent, never a traceback
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    import sys

    # openpyxl imports numpy when it can (for numpy cell values, which the register never
    # holds): in this writer child that import was two thirds of the start-up; and Pillow
    # (for images, which it never holds either: ~15 ms more)
    sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]
    sys.modules.setdefault("PIL", None)  # type: ignore[arg-type]
    sys.exit(_main(sys.argv[1:]))
